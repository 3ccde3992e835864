// Package examples holds the scenarios Entente's examples, tests and
// command-line tool are built on, each modelled from public sources that it
// cites. The runnable programs are in the directories below this one
// (go run ./examples/ukraine2025).
package examples

import (
	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Source IDs of [Ukraine2025].
const (
	// SeedArticle is the article the scenario models.
	SeedArticle = "seed"
	// NATOMembers is NATO's list of its member countries.
	NATOMembers = "nato-members"
	// EUMembers is the EU's list of its member countries.
	EUMembers = "eu-members"
)

// Ukraine2025 returns the seed scenario: security guarantees for Ukraine as
// reported in August 2025, after the call in which Marco Rubio told European
// national security advisers that the United States would provide post-war
// security guarantees but that Europe should take the lead.
//
// Every element cites the article. Memberships of NATO and the EU, which the
// article takes as known, cite the organizations' own lists and are limited
// to the states the article names. The coalition of "30 countries" willing
// to give guarantees is modelled by the states the article names; the
// financial and sanctions-only offers it reports are the coalition's,
// because the article does not say which countries made them.
//
// Each call returns a new value, which the caller may change freely.
func Ukraine2025() scenario.Scenario {
	src := []string{SeedArticle}
	ids := func(s ...actor.ID) []actor.ID { return s }
	peaceThenAttack := guarantee.AllOf(guarantee.On(guarantee.EventPeaceDeal), guarantee.Attack("RU", "UA"))
	return scenario.Scenario{
		Name:        "Ukraine security guarantees, August 2025",
		AsOf:        "2025-08-21",
		Description: "The US offers air support and intelligence but no ground troops; Europe is to be the first line of defense; some thirty countries offer military, financial or sanctions support; Turkey the Black Sea; Russia demands a veto over any guarantee, which Kyiv rejects.",
		Sources: []scenario.Source{
			{ID: SeedArticle, Title: "Rubio reiterates Trump's support for Ukraine, calls for European leadership", Date: "2025-08-21"},
			{ID: NATOMembers, Title: "NATO member countries", URL: "https://www.nato.int/cps/en/natohq/topics_52044.htm"},
			{ID: EUMembers, Title: "EU countries", URL: "https://european-union.europa.eu/principles-countries-history/eu-countries_en"},
		},
		Actors: []actor.Actor{
			{ID: "US", Name: "United States", Sources: src},
			{ID: "UA", Name: "Ukraine", Sources: src},
			{ID: "RU", Name: "Russia", Sources: src},
			{ID: "TR", Name: "Turkey", Note: "a partner now ready to support security in the Black Sea", Sources: src},
			{ID: "UK", Name: "United Kingdom", Sources: src},
			{ID: "FR", Name: "France", Sources: src},
			{ID: "DE", Name: "Germany", Sources: src},
			{ID: "IT", Name: "Italy", Sources: src},
			{ID: "FI", Name: "Finland", Sources: src},
			{ID: "NATO", Name: "North Atlantic Treaty Organization", Kind: actor.Alliance,
				Members: ids("US", "UK", "FR", "DE", "IT", "FI", "TR"), Decides: actor.Unanimity,
				Note: "its national security advisers were on the call; members limited to those the article names", Sources: []string{SeedArticle, NATOMembers}},
			{ID: "EU", Name: "European Union", Kind: actor.Organization,
				Members: ids("FR", "DE", "IT", "FI"), Decides: actor.Unanimity,
				Note: "its national security advisers were on the call; members limited to those the article names", Sources: []string{SeedArticle, EUMembers}},
			{ID: "europe", Name: "European-led force", Kind: actor.Coalition,
				Members: ids("UK", "FR", "DE", "IT", "FI"),
				Note:    "Europe as the \"first line of defense\": the European states on the call", Sources: src},
			{ID: "willing", Name: "Countries willing to give guarantees", Kind: actor.Coalition,
				Members: ids("UK", "FR", "DE", "IT", "FI", "TR"),
				Note:    "Zelensky: 30 countries are willing, not all with military support; the article names these", Sources: src},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "us-air-support", Provider: "US", Beneficiary: "UA", Kind: guarantee.AirSupport, Target: "RU", Location: "UA",
				Strength: guarantee.Assurance, Trigger: peaceThenAttack, Requires: []guarantee.ID{"european-force"},
				Note: "could potentially include U.S. pilots in manned air support missions, if a peace deal is reached; Europe is to lead", Sources: src},
			{ID: "us-intelligence", Provider: "US", Beneficiary: "UA", Kind: guarantee.Surveillance,
				Strength: guarantee.Assurance, Trigger: guarantee.On(guarantee.EventPeaceDeal),
				Note: "the Europeans want the U.S. to keep providing military intelligence and surveillance; Trump appeared receptive but made no specific promise", Sources: src},
			{ID: "european-force", Provider: "europe", Beneficiary: "UA", Kind: guarantee.GroundTroops, Target: "RU", Location: "UA",
				Trigger: guarantee.On(guarantee.EventPeaceDeal), Requires: []guarantee.ID{"us-air-support"},
				Note: "Europe forming the \"first line of defense\"; U.S. participation described as crucial to the plans", Sources: src},
			{ID: "turkey-black-sea", Provider: "TR", Beneficiary: "UA", Kind: guarantee.Naval, Target: "RU", Location: "black-sea",
				Trigger: guarantee.On(guarantee.EventPeaceDeal),
				Note:    "Turkey highlighted as a partner now ready to support security in the Black Sea", Sources: src},
			{ID: "willing-financial", Provider: "willing", Beneficiary: "UA", Kind: guarantee.Aid,
				Trigger: peaceThenAttack,
				Note:    "some countries committed only to financial support", Sources: src},
			{ID: "willing-sanctions", Provider: "willing", Beneficiary: "UA", Kind: guarantee.EconomicSanctions, Target: "RU",
				Trigger: peaceThenAttack,
				Note:    "some countries committed only to imposing economic sanctions on Moscow in the event of another attack", Sources: src},
		},
		Positions: []scenario.Position{
			{ID: "us-no-ground-troops", Actor: "US", Stance: scenario.Refuses,
				Select: guarantee.Selector{Kind: guarantee.GroundTroops},
				Note:   "Trump has ruled out deploying US troops on the ground", Sources: src},
			{ID: "us-wants-europe-lead", Actor: "US", Stance: scenario.Requires,
				Select: guarantee.Selector{Kind: guarantee.Military, Provider: "europe", Beneficiary: "UA"},
				Note:   "Rubio stressed that Europe should take the lead", Sources: src},
			{ID: "europe-wants-us-intelligence", Actor: "europe", Stance: scenario.Requires,
				Select: guarantee.Selector{Kind: guarantee.Intelligence, Provider: "US", Beneficiary: "UA"},
				Note:   "the Europeans told U.S. officials they want continued military intelligence and surveillance", Sources: src},
			{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto,
				Select: guarantee.Selector{Beneficiary: "UA"},
				Note:   "Russia cannot accept any security guarantees that do not include veto power for Moscow", Sources: src},
			{ID: "ua-rejects-ru-veto", Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"},
				Select: guarantee.Selector{Beneficiary: "UA"},
				Note:   "a condition unacceptable to Kyiv", Sources: src},
		},
		Timeline: []guarantee.Event{
			{Name: guarantee.EventPeaceDeal},
			{Name: guarantee.EventAttack, Args: []actor.ID{"RU", "UA"}},
		},
	}
}
