package scenario_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's table of finding codes: for each
// code, cases where it fires (code, severity, actors, guarantees and
// positions checked exactly) and close cases where it must not.

func TestCodes(t *testing.T) {
	want := []scenario.Code{
		"veto-conflict", "captured-guarantee", "red-line", "blocked-by-member",
		"unmet-requirement", "unmet-veto-demand", "rejected-veto", "missing-dependency",
		"captured-renewal", "blocked-renewal",
		"blocked-dependency", "dissenting-member", "no-military-response", "insider-veto",
		"unsatisfiable-trigger", "idle-position", "assurance-only", "sunset", "parties-set-aside",
	}
	if diff := cmp.Diff(want, slices.Collect(scenario.Codes())); diff != "" {
		t.Errorf("Codes() should list docs/MODEL.md's tables in order, errors first: -want +got:\n%s", diff)
	}
	for _, c := range want {
		if got := c.Severity(); got != testkit.DesignSeverity[c] {
			t.Errorf("%s.Severity() = %v; docs/MODEL.md says %v", c, got, testkit.DesignSeverity[c])
		}
	}
	if got := scenario.Code("no-such-code").Severity(); got != 0 {
		t.Errorf("an unknown code's severity = %v; want 0", got)
	}
}

func TestVetoConflict(t *testing.T) {
	two := testkit.Guarantees(
		testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
		testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal"),
	)
	testkit.RunFindingCases(t, scenario.VetoConflict, []testkit.FindingCase{
		{
			Name:   "SeedShape",
			Reason: "RU demands a veto over every guarantee to UA and UA rejects any RU veto over them: one finding naming both actors, both positions and every guarantee under both.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)),
				testkit.Named("ua-no-ru-veto", testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA)),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ru-veto", "ua-no-ru-veto"))},
		},
		{
			Name:   "EmptyByForbidsAnyone",
			Reason: "A rejects-veto with an empty by forbids a veto to any actor but the provider, RU included.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("UA", nil, testkit.ToUA),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("positions[0]", "positions[1]"))},
		},
		{
			Name:   "OnlyGuaranteesUnderBoth",
			Reason: "The finding names only the guarantees that fall under both selectors: military (the demand) by US (the rejection).",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
				testkit.G("us-aid", "US", "UA", guarantee.Aid, ""),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
			), testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military}),
				testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.Sel{Provider: "US"}),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), testkit.Refs("positions[0]", "positions[1]"))},
		},
		{
			Name:   "ProviderException",
			Reason: "RU's veto over a guarantee RU provides itself is not forbidden by a rejects-veto (the provider exception), so that guarantee is not in the conflict.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("ru-aid", "RU", "UA", guarantee.Reconstruction, ""),
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("UA", nil, testkit.ToUA),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), testkit.Refs("positions[0]", "positions[1]"))},
		},
		{
			Name:   "OncePerPairOfPositions",
			Reason: "A conflict is reported once per pair of positions, never once per guarantee: RU's demand collides with UA's and with PL's rejection, BY's demand with UA's only.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.Pos("BY", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("UA", testkit.Ids("RU", "BY"), testkit.ToUA),
				testkit.RejectsVeto("PL", testkit.Ids("RU"), testkit.Sel{Kind: guarantee.AirSupport}),
			)),
			Want: []scenario.Finding{
				testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("BY", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("positions[1]", "positions[2]")),
				testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("positions[0]", "positions[2]")),
				testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("PL", "RU"), testkit.Gids("us-air"), testkit.Refs("positions[0]", "positions[3]")),
			},
		},
		{
			Name:   "EvenWhenTheDealGrantsTheVeto",
			Reason: "The conflict says no deal can satisfy both; it stands whether or not this deal grants RU the veto.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA),
			), testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("positions[0]", "positions[1]"))},
		},
		{
			Name:   "OneActorHoldsBoth",
			Reason: "RU demands a veto over guarantees to UA and rejects any veto over them but the provider's: its own positions cannot both hold while us-air stands, so it conflicts with itself, named once (package doc, Code).",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("RU", nil, testkit.Sel{Kind: guarantee.AirSupport}),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU"), testkit.Gids("us-air"), testkit.Refs("positions[0]", "positions[1]"))},
		},
		{
			Name:   "RejectionByAnotherActor",
			Reason: "UA rejects a BY veto, not an RU one: RU's demand does not collide with it.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				testkit.RejectsVeto("UA", testkit.Ids("BY"), testkit.ToUA),
			)),
			Want: nil,
		},
		{
			Name:   "DisjointSelectors",
			Reason: "RU demands a veto over sanctions, UA rejects an RU veto over military guarantees: no guarantee falls under both.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
				testkit.G("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, ""),
			), testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Sanctions}),
				testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.Sel{Kind: guarantee.Military}),
			)),
			Want: nil,
		},
		{
			Name:   "OnlyTheDemandersOwnGuarantees",
			Reason: "The only guarantee under both is one RU provides: the rejection does not forbid a provider's veto, so there is no conflict.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("ru-aid", "RU", "UA", guarantee.Aid, ""),
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Provider: "RU"}),
				testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA),
			)),
			Want: nil,
		},
		{
			Name:   "NothingOnTheTable",
			Reason: "Both positions pick guarantees to GE, and there are none: no guarantee falls under both.",
			S: testkit.Build(two, testkit.Positions(
				testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Beneficiary: "GE"}),
				testkit.RejectsVeto("GE", testkit.Ids("RU"), testkit.Sel{Beneficiary: "GE"}),
			)),
			Want: nil,
		},
	})
}

func TestCapturedGuarantee(t *testing.T) {
	captured := func(attackers []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{testkit.Finding(scenario.CapturedGuarantee, scenario.Error, attackers, testkit.Gids(g), nil)}
	}
	testkit.RunFindingCases(t, scenario.CapturedGuarantee, []testkit.FindingCase{
		{
			Name:   "GrantedVeto",
			Reason: "The deal grants RU a veto over a guarantee that answers an RU attack.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "UnanimityBodyWithTheAttacker",
			Reason: "The guarantors act only unanimously, RU among them: every member of a unanimity body holds a veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "guarantee"),
		},
		{
			Name:   "UnanimityIsTheDefaultOfAnAlliance",
			Reason: "An alliance with no rule decides by unanimity, so RU holds a veto in it.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Default, "US", "RU")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "guarantee"),
		},
		{
			Name:   "BodyActivationThroughUnanimity",
			Reason: "US provides, but only on a decision of the guarantors, who decide unanimously with RU among them.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("body(guarantors)")))),
			Want: captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "AttackerInsideAny",
			Reason: "An attacker is anyone named first in an attack or violation anywhere in the trigger, here inside any(...) inside all(...).",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "all(peace-deal, any(ceasefire, attack(RU, UA)))")),
				testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-air")}))),
			Want: captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "ViolationUnderNot",
			Reason: "violation(BY) names BY as an attacker even under not(...): docs/MODEL.md says anywhere in the trigger.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-aid", "US", "UA", guarantee.Aid, "all(peace-deal, not(violation(BY)))", testkit.Activation("consent(BY)")))),
			Want:   captured(testkit.Ids("BY"), "us-aid"),
		},
		{
			Name:   "ProviderIsTheAttacker",
			Reason: "The 1994 Budapest Memorandum: RU gave UA an assurance against an attack by RU, and acts on it by its own decision.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", testkit.Strength(guarantee.Assurance)))),
			Want:   captured(testkit.Ids("RU"), "budapest"),
		},
		{
			Name:   "SecurityCouncil",
			Reason: "An assurance routed through a Security Council-like body (majority, explicit vetoes of the five permanent members) where the aggressor votes.",
			S: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("body(UNSC)")))),
			Want: captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "ConsentOfTheAttacker",
			Reason: "consent(RU): RU must agree in addition to the provider.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(PL, RU)")))),
			Want:   captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "MajorityOfTwo",
			Reason: "Under majority a body of two needs both, so each member holds a veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("pair", actor.Majority, "US", "RU")),
				testkit.Guarantees(testkit.G("pair-force", "pair", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "pair-force"),
		},
		{
			Name:   "TwoAttackersBothHoldVetoes",
			Reason: "Both attackers of the trigger sit in the unanimity body: one finding names both.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "RU", "BY")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "any(attack(RU, UA), attack(BY, UA))"))),
			Want: captured(testkit.Ids("BY", "RU"), "guarantee"),
		},
		{
			Name:   "OneFindingPerGuarantee",
			Reason: "Each captured guarantee has its own finding.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				testkit.G("uk-naval", "UK", "UA", guarantee.Naval, "attack(RU, UA)"),
			), testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: []scenario.Finding{
				testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("uk-naval"), nil),
				testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("us-air"), nil),
			},
		},
		{
			Name:   "VetoThroughAMemberBody",
			Reason: "Membership is transitive: RU can block CSTO (unanimity), which can block the guarantors (unanimity), so RU holds a veto over what the guarantors provide.",
			S: testkit.Build(testkit.Actors(
				testkit.Alliance("CSTO", actor.Unanimity, "RU", "BY"),
				testkit.Alliance("guarantors", actor.Unanimity, "US", "CSTO"),
			), testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "guarantee"),
		},
		{
			Name:   "ConsentOfABodyWithTheAttacker",
			Reason: "consent(CSTO), CSTO unanimous with RU among its members: the implementation counts the veto holders of a consenting body's rule (RU) as veto holders of g. docs/MODEL.md says only \"consent: the listed actors plus the provider's\"; this pins the reading that a body consents by its rule.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("CSTO", actor.Unanimity, "RU", "BY")),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(CSTO)")))),
			Want: captured(testkit.Ids("RU"), "us-air"),
		},
		{
			Name:   "AutomaticActivation",
			Reason: "The Budapest case made automatic: nobody's consent is needed, so the attacker cannot stop it even as its provider.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("automatic")))),
			Want:   nil,
		},
		{
			Name:   "NoVetoForTheAttacker",
			Reason: "US provides by its own decision; RU holds no veto.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"))),
			Want:   nil,
		},
		{
			Name:   "MajorityOfThree",
			Reason: "Under majority a body of three acts without any one member: RU holds no veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("trio", actor.Majority, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("trio-force", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "CoalitionWithTheAttacker",
			Reason: "A coalition decides separately: RU is a member but holds no veto over what the coalition provides.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("guarantors", "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "SecurityCouncilElectedMember",
			Reason: "DZ sits on the Security Council-like body without a veto: an attack by DZ does not capture it.",
			S: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(DZ, UA)", testkit.Activation("body(UNSC)")))),
			Want: nil,
		},
		{
			Name:   "BodyAttackerDecidesItself",
			Reason: "docs/MODEL.md, read literally: under body(X), V(g) is \"the veto holders of X's rule\", which does not include X itself; so a guarantee against an attack by CSTO that needs CSTO's own decision is not captured. This pins the literal reading, which a researcher may not expect.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("CSTO", actor.Unanimity, "RU", "BY")),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(CSTO, UA)", testkit.Activation("body(CSTO)")))),
			Want: nil,
		},
		{
			Name:   "VetoHolderIsNotTheAttacker",
			Reason: "RU holds a granted veto, but the trigger answers an attack by BY; RU appears only as the one attacked.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "any(attack(BY, UA), attack(BY, RU))")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: nil,
		},
		{
			Name:   "OtherEventsNameNoAttacker",
			Reason: "An actor named in an event other than attack or violation is not an attacker.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "withdrawal(RU)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: nil,
		},
		{
			Name:   "EmptyTrigger",
			Reason: "An empty trigger names no attacker, whoever holds a veto.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: nil,
		},
		{
			Name:   "GrantOverAnotherGuarantee",
			Reason: "The granted veto covers only the naval guarantee, whose trigger does not name RU.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				testkit.G("tr-naval", "TR", "UA", guarantee.Naval, "peace-deal"),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{Kind: guarantee.Naval}))),
			Want: nil,
		},
	})
}

func TestRedLine(t *testing.T) {
	testkit.RunFindingCases(t, scenario.RedLine, []testkit.FindingCase{
		{
			Name:   "Rejects",
			Reason: "RU rejects ground troops in UA, and the deal has them.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Location("UA")),
				testkit.G("fr-troops", "FR", "UA", guarantee.GroundTroops, "", testkit.Location("UA")),
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Location("UA")),
			), testkit.Positions(testkit.Named("ru-no-troops", testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops, Location: "UA"})))),
			Want: []scenario.Finding{testkit.Finding(scenario.RedLine, scenario.Error, testkit.Ids("RU"), testkit.Gids("fr-troops", "uk-troops"), testkit.Refs("ru-no-troops"))},
		},
		{
			Name:   "RejectsByProviderIn",
			Reason: "RU rejects troops from NATO countries whatever flag they serve under: the coalition's troops have NATO members among their contributors, TR's are not picked.",
			S: testkit.Build(testkit.Actors(
				testkit.Alliance("NATO", actor.Unanimity, "US", "UK", "FR"),
				testkit.Coalition("willing", "UK", "PL"),
			), testkit.Guarantees(
				testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, ""),
				testkit.G("tr-troops", "TR", "UA", guarantee.GroundTroops, ""),
			), testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops, ProviderIn: "NATO"}))),
			Want: []scenario.Finding{testkit.Finding(scenario.RedLine, scenario.Error, testkit.Ids("RU"), testkit.Gids("willing-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "RefusesAsProvider",
			Reason: "US refuses to provide ground troops but is the provider of some.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-troops", "US", "UA", guarantee.GroundTroops, ""),
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: []scenario.Finding{testkit.Finding(scenario.RedLine, scenario.Error, testkit.Ids("US"), testkit.Gids("us-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "BodyRefusesAsProvider",
			Reason: "A body that refuses what it provides itself crosses its own red line.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "UK")),
				testkit.Guarantees(testkit.G("nato-troops", "NATO", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("NATO", scenario.Refuses, testkit.Sel{Kind: guarantee.Military}))),
			Want: []scenario.Finding{testkit.Finding(scenario.RedLine, scenario.Error, testkit.Ids("NATO"), testkit.Gids("nato-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "RejectsByAVetoHolder",
			Reason: "A rejects position is a red line whoever holds it, a member with a veto included (blocked-by-member fires too).",
			S: testkit.Build(testkit.Actors(testkit.Alliance("EU", actor.Unanimity, "FR", "DE", "PL")),
				testkit.Guarantees(testkit.G("eu-sanctions", "EU", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("DE", scenario.Rejects, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: []scenario.Finding{testkit.Finding(scenario.RedLine, scenario.Error, testkit.Ids("DE"), testkit.Gids("eu-sanctions"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "RefusesWhatOthersProvide",
			Reason: "US refuses ground troops; the troops are the European coalition's, of which US is no member.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("europe", "UK", "FR")),
				testkit.Guarantees(testkit.G("europe-troops", "europe", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "RefusesAsCoalitionMember",
			Reason: "A coalition member that refuses only dissents (dissenting-member): it is not the provider.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("europe", "UK", "FR")),
				testkit.Guarantees(testkit.G("europe-troops", "europe", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("FR", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "RefusesAsUnanimityMember",
			Reason: "A unanimity member that refuses blocks the body (blocked-by-member); it is not the provider, so no red line.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "TR")),
				testkit.Guarantees(testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: nil,
		},
		{
			Name:   "RejectsWhatIsNotThere",
			Reason: "RU rejects naval guarantees; the deal has only air support.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.Naval}))),
			Want: nil,
		},
	})
}

func TestBlockedByMember(t *testing.T) {
	testkit.RunFindingCases(t, scenario.BlockedByMember, []testkit.FindingCase{
		{
			Name:   "UnanimityMemberRefuses",
			Reason: "A member of a unanimity alliance that refuses sanctions can block the alliance's sanctions.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "UK", "TR")),
				testkit.Guarantees(
					testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
					testkit.G("nato-air", "NATO", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				),
				testkit.Positions(testkit.Named("tr-no-sanctions", testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions})))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("NATO", "TR"), testkit.Gids("nato-sanctions"), testkit.Refs("tr-no-sanctions"))},
		},
		{
			Name:   "UnanimityMemberRejects",
			Reason: "A unanimity member's rejects blocks too (alongside the red line), once per guarantee.",
			S: testkit.Build(testkit.Actors(testkit.Body("EU", actor.Organization, actor.Default, "FR", "DE", "PL")),
				testkit.Guarantees(
					testkit.G("eu-sanctions", "EU", "UA", guarantee.EconomicSanctions, ""),
					testkit.G("eu-snapback", "EU", "UA", guarantee.Snapback, ""),
				),
				testkit.Positions(testkit.Pos("DE", scenario.Rejects, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: []scenario.Finding{
				testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("DE", "EU"), testkit.Gids("eu-sanctions"), testkit.Refs("positions[0]")),
				testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("DE", "EU"), testkit.Gids("eu-snapback"), testkit.Refs("positions[0]")),
			},
		},
		{
			Name:   "ExplicitVetoInMajorityBody",
			Reason: "CN holds an explicit veto in the Security Council-like body, whatever the count.",
			S: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("unsc-sanctions", "UNSC", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("CN", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("CN", "UNSC"), testkit.Gids("unsc-sanctions"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "MajorityOfTwo",
			Reason: "Under majority each member of a body of two holds a veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("pair", actor.Majority, "US", "UK")),
				testkit.Guarantees(testkit.G("pair-air", "pair", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("UK", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("UK", "pair"), testkit.Gids("pair-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "ExplicitVetoInCoalition",
			Reason: "A coalition's explicit veto holder can block what the others would do.",
			S: testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Coalition("willing", "UK", "FR", "PL"), "UK")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("UK", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("UK", "willing"), testkit.Gids("willing-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "ThresholdLeavesTooFew",
			Reason: "A threshold of 3 of 3 makes every member a veto holder, whatever Decides says.",
			S: testkit.Build(testkit.Actors(actor.Actor{ID: "trio", Kind: actor.Alliance, Decides: actor.Majority, Threshold: 3, Members: testkit.Ids("US", "UK", "FR")}),
				testkit.Guarantees(testkit.G("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("FR", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("FR", "trio"), testkit.Gids("trio-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "AutomaticActivationStillBlocked",
			Reason: "docs/MODEL.md ties blocked-by-member to \"a veto holder of that body's rule\", not to V(g): TR still blocks NATO's automatic sanctions, though V(g) is empty. This pins that literal reading.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "TR")),
				testkit.Guarantees(testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "", testkit.Activation("automatic"))),
				testkit.Positions(testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("NATO", "TR"), testkit.Gids("nato-sanctions"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "VetoThroughAMemberBody",
			Reason: "Membership is transitive: DE can block the EU (unanimity), which can block the alliance (unanimity), so DE's refusal blocks the alliance's guarantee.",
			S: testkit.Build(testkit.Actors(testkit.Body("EU", actor.Organization, actor.Unanimity, "FR", "DE"), testkit.Alliance("west", actor.Unanimity, "US", "EU")),
				testkit.Guarantees(testkit.G("west-sanctions", "west", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("DE", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("DE", "west"), testkit.Gids("west-sanctions"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "CoalitionMemberRefuses",
			Reason: "A coalition member acts for itself and cannot block the others: only dissenting-member.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "FR", "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "MajorityOfThreeMemberRefuses",
			Reason: "A member of a majority body of three holds no veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("trio", actor.Majority, "US", "UK", "FR")),
				testkit.Guarantees(testkit.G("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("FR", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
		{
			Name:   "BodyItselfRefuses",
			Reason: "The provider refusing its own guarantee is a red line, not a member's block.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "UK")),
				testkit.Guarantees(testkit.G("nato-air", "NATO", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("NATO", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
		{
			Name:   "StateProvider",
			Reason: "A guarantee a state provides has no body rule to block; UK is no contributor.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("UK", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
		{
			Name:   "RefusesOtherKinds",
			Reason: "TR holds a veto in NATO but refuses only ground troops, which NATO does not offer.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "TR")),
				testkit.Guarantees(testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
	})
}

func TestUnmetRequirement(t *testing.T) {
	testkit.RunFindingCases(t, scenario.UnmetRequirement, []testkit.FindingCase{
		{
			Name:   "NothingMatches",
			Reason: "UA requires a military guarantee and the deal has only money.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "")),
				testkit.Positions(testkit.Named("ua-needs-military", testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"})))),
			Want: []scenario.Finding{testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("UA"), nil, testkit.Refs("ua-needs-military"))},
		},
		{
			Name:   "ByIDNotOnTheTable",
			Reason: "A requires that names a guarantee the deal lacks is unmet.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "")),
				testkit.Positions(testkit.Pos("UA", scenario.Requires, testkit.Sel{IDs: testkit.Gids("us-backstop")}))),
			Want: []scenario.Finding{testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("UA"), nil, testkit.Refs("positions[0]"))},
		},
		{
			Name:   "EmptyScenario",
			Reason: "With no guarantee at all, every requires is unmet, each reported once.",
			S: testkit.Build(testkit.Positions(
				testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military}),
				testkit.Pos("US", scenario.Requires, testkit.Sel{Provider: "FR"}),
			)),
			Want: []scenario.Finding{
				testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("UA"), nil, testkit.Refs("positions[0]")),
				testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("US"), nil, testkit.Refs("positions[1]")),
			},
		},
		{
			Name:   "MetByASubKind",
			Reason: "Air support is a military guarantee (Kind.Is).",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"}))),
			Want: nil,
		},
		{
			Name:   "MetThroughProviderIn",
			Reason: "US requires Europe to take part: the coalition's guarantee has FR among its contributors, and FR is in europe.",
			S: testkit.Build(testkit.Actors(testkit.Body("europe", actor.Organization, actor.Unanimity, "FR", "DE"), testkit.Coalition("willing", "FR", "TR")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("US", scenario.Requires, testkit.Sel{ProviderIn: "europe"}))),
			Want: nil,
		},
	})
}

func TestUnmetVetoDemand(t *testing.T) {
	two := testkit.Guarantees(
		testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
		testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	demand := testkit.Positions(testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)))
	testkit.RunFindingCases(t, scenario.UnmetVetoDemand, []testkit.FindingCase{
		{
			Name:   "NoVeto",
			Reason: "RU demands a veto over every guarantee to UA and holds none: one finding with every such guarantee.",
			S:      testkit.Build(two, demand),
			Want:   []scenario.Finding{testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ru-veto"))},
		},
		{
			Name:   "PartlyGranted",
			Reason: "The deal grants RU a veto over the air support only: the troops remain.",
			S:      testkit.Build(two, demand, testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-air")}))),
			Want:   []scenario.Finding{testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("uk-troops"), testkit.Refs("ru-veto"))},
		},
		{
			Name:   "AutomaticProvider",
			Reason: "RU provides the guarantee, but it is automatic: nobody, not even its provider, can stop it.",
			S: testkit.Build(testkit.Guarantees(testkit.G("ru-aid", "RU", "UA", guarantee.Aid, "", testkit.Activation("automatic"))),
				demand),
			Want: []scenario.Finding{testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("ru-aid"), testkit.Refs("ru-veto"))},
		},
		{
			Name:   "MajorityOfThree",
			Reason: "RU sits in a majority body of three that provides the guarantee, without a veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("trio", actor.Majority, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				demand),
			Want: []scenario.Finding{testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("trio-air"), testkit.Refs("ru-veto"))},
		},
		{
			Name:   "BodyDecidesButIsNotItsOwnVetoHolder",
			Reason: "docs/MODEL.md, read literally: under body(EU), V(g) is \"the veto holders of X's rule\" (FR, DE), not the EU itself; so the EU's demand for a veto over a guarantee only it can activate is unmet. This pins the literal reading.",
			S: testkit.Build(testkit.Actors(testkit.Body("EU", actor.Organization, actor.Unanimity, "FR", "DE")),
				testkit.Guarantees(testkit.G("fr-aid", "FR", "UA", guarantee.Aid, "", testkit.Activation("body(EU)"))),
				testkit.Positions(testkit.Pos("EU", scenario.DemandsVeto, testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("EU"), testkit.Gids("fr-aid"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "Granted",
			Reason: "The deal grants RU a veto over every guarantee to UA.",
			S:      testkit.Build(two, demand, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want:   nil,
		},
		{
			Name:   "MetThroughUnanimityMembership",
			Reason: "The guarantors act only unanimously, RU among them: RU holds a veto without any grant.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "")),
				demand),
			Want: nil,
		},
		{
			Name:   "MetThroughBodyActivation",
			Reason: "US and UK act only on a unanimous decision of the guarantors, RU among them.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(
					testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("body(guarantors)")),
					testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Activation("body(guarantors)")),
				),
				demand),
			Want: nil,
		},
		{
			Name:   "MetThroughSecurityCouncil",
			Reason: "RU is an explicit veto holder of the Security Council-like body that decides.",
			S: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("body(UNSC)"))),
				demand),
			Want: nil,
		},
		{
			Name:   "MetThroughConsent",
			Reason: "consent(RU): RU must agree to each guarantee.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("consent(RU)")),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Activation("consent(RU)")),
			), demand),
			Want: nil,
		},
		{
			Name:   "MetAsProvider",
			Reason: "A state that provides a guarantee by its own decision can stop it.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("ru-aid", "RU", "UA", guarantee.Aid, "")), demand),
			Want:   nil,
		},
	})
}

func TestRejectedVeto(t *testing.T) {
	two := testkit.Guarantees(
		testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
		testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	testkit.RunFindingCases(t, scenario.RejectedVeto, []testkit.FindingCase{
		{
			Name:   "GrantedVeto",
			Reason: "The deal grants RU the veto UA rejects: one finding naming UA, the holder and every guarantee.",
			S: testkit.Build(two,
				testkit.Positions(testkit.Named("ua-no-ru-veto", testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA))),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ua-no-ru-veto"))},
		},
		{
			Name:   "ThroughUnanimityMembership",
			Reason: "RU holds a veto as a member of the unanimity body that provides.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(testkit.G("guarantee", "guarantors", "UA", guarantee.Military, "")),
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("guarantee"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "EmptyByAnyoneButTheProvider",
			Reason: "With an empty by, any veto holder but the provider violates it: PL must consent to US's guarantee.",
			S: testkit.Build(two,
				testkit.Guarantees(testkit.G("us-naval", "US", "UA", guarantee.Naval, "", testkit.Activation("consent(PL)"))),
				testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("PL", "UA"), testkit.Gids("us-naval"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "ByANamedActorWhoMustConsent",
			Reason: "UK's guarantee needs US's consent; UA rejects any US veto. US is not UK's guarantee's provider.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Activation("consent(US)")),
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("US"), testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("UA", "US"), testkit.Gids("uk-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "SeveralHolders",
			Reason: "One finding per position, naming every rejected holder of every guarantee it picks.",
			S: testkit.Build(two,
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("RU", "BY"), testkit.ToUA)),
				testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-air")}), testkit.Grant("BY", testkit.Sel{IDs: testkit.Gids("uk-troops")}))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("BY", "RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "EmptyByAndABodyProvider",
			Reason: "docs/MODEL.md: an empty by \"means any actor other than the provider\". The members of a unanimity provider are not the provider, so their vetoes violate it. This pins the literal reading; docs/MODEL.md does not say whether a body's own members count as \"its own provider\".",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "UK")),
				testkit.Guarantees(testkit.G("nato-air", "NATO", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("UA", "UK", "US"), testkit.Gids("nato-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "EmptyByAndTheRejectersOwnVeto",
			Reason: "docs/MODEL.md: an empty by means any actor other than the provider, so UA's own consent violates UA's own rejects-veto. This pins the literal reading; the message's \"by others\" suggests the rejecting actor was meant to be exempt (see TestKnownBugs for the message).",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("consent(UA)"))),
				testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			Want: []scenario.Finding{testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("UA"), testkit.Gids("us-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "ProviderException",
			Reason: "UA rejects any US veto, but US provides the guarantee itself: its own provider's veto does not count.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("US"), testkit.ToUA))),
			Want: nil,
		},
		{
			Name:   "EmptyByStateProviders",
			Reason: "With an empty by, states that decide alone give no one but themselves a veto.",
			S:      testkit.Build(two, testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			Want:   nil,
		},
		{
			Name:   "VetoOverOtherGuarantees",
			Reason: "RU's granted veto covers guarantees to GE, which UA's position does not pick.",
			S: testkit.Build(two,
				testkit.Guarantees(testkit.G("us-ge", "US", "GE", guarantee.Aid, "")),
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA)),
				testkit.Vetoes(testkit.Grant("RU", testkit.Sel{Beneficiary: "GE"}))),
			Want: nil,
		},
		{
			Name:   "OtherHolder",
			Reason: "UA rejects a BY veto; RU holds one.",
			S: testkit.Build(two,
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("BY"), testkit.ToUA)),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: nil,
		},
	})
}

func TestMissingDependency(t *testing.T) {
	testkit.RunFindingCases(t, scenario.MissingDependency, []testkit.FindingCase{
		{
			Name:   "BackstopAbsent",
			Reason: "A European force that stands only with a US backstop the deal does not contain: the finding names both.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")))),
			Want:   []scenario.Finding{testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("europe-force", "us-backstop"), nil)},
		},
		{
			Name:   "OnePresentOneAbsent",
			Reason: "Only the absent requirement is named.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-intel", "us-air")),
				testkit.G("us-intel", "US", "UA", guarantee.Surveillance, ""),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("europe-force", "us-air"), nil)},
		},
		{
			Name:   "RequiredTwice",
			Reason: "An absent guarantee required twice is named once.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop", "us-backstop")))),
			Want:   []scenario.Finding{testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("europe-force", "us-backstop"), nil)},
		},
		{
			Name:   "EachGuaranteeItsOwn",
			Reason: "Two guarantees that each miss a dependency have a finding each.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("uk-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("fr-force", "FR", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
			)),
			Want: []scenario.Finding{
				testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("fr-force", "us-backstop"), nil),
				testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("uk-force", "us-backstop"), nil),
			},
		},
		{
			Name:   "Present",
			Reason: "The backstop is on the table.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			)),
			Want: nil,
		},
		{
			Name:   "PresentWithErrors",
			Reason: "The backstop is on the table though it crosses a red line: that is blocked-dependency, not missing-dependency.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
	})
}

func TestBlockedDependency(t *testing.T) {
	testkit.RunFindingCases(t, scenario.BlockedDependency, []testkit.FindingCase{
		{
			Name:   "BackstopCrossesARedLine",
			Reason: "The force requires the US backstop, which US refuses to provide (red-line): the force leans on something with an error.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedDependency, scenario.Warning, nil, testkit.Gids("europe-force", "us-backstop"), nil)},
		},
		{
			Name:   "RequiredOneMissesItsOwn",
			Reason: "b requires an absent c (missing-dependency, an error naming b), so a, which requires b, is blocked.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("a", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("b")),
				testkit.G("b", "US", "UA", guarantee.AirSupport, "", testkit.Requires("c")),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedDependency, scenario.Warning, nil, testkit.Gids("a", "b"), nil)},
		},
		{
			Name:   "OnlyTheDirectDependent",
			Reason: "c is captured (an error); b requires c and is blocked; a requires b, whose only finding of its own is that warning, so a is not.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("a", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("b")),
				testkit.G("b", "FR", "UA", guarantee.GroundTroops, "", testkit.Requires("c")),
				testkit.G("c", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)")),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedDependency, scenario.Warning, nil, testkit.Gids("b", "c"), nil)},
		},
		{
			Name:   "RequiredIsClean",
			Reason: "The backstop has no finding of its own.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			)),
			Want: nil,
		},
		{
			Name:   "RequiredHasOnlyAWarning",
			Reason: "The backstop has a dissenting member, a warning: that is not an error finding.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "US", "PL")),
				testkit.Guarantees(
					testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("backstop")),
					testkit.G("backstop", "willing", "UA", guarantee.AirSupport, ""),
				),
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
		{
			Name:   "ErrorOnTheDependentOnly",
			Reason: "The force itself crosses a red line; what it requires is clean.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
	})
}

func TestDissentingMember(t *testing.T) {
	testkit.RunFindingCases(t, scenario.DissentingMember, []testkit.FindingCase{
		{
			Name:   "CoalitionMember",
			Reason: "PL refuses ground troops and is a member of the coalition that provides them: it will not take part, the others still can.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "FR", "PL")),
				testkit.Guarantees(
					testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, ""),
					testkit.G("willing-aid", "willing", "UA", guarantee.Aid, ""),
				),
				testkit.Positions(testkit.Named("pl-no-troops", testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})))),
			Want: []scenario.Finding{testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("PL", "willing"), testkit.Gids("willing-troops"), testkit.Refs("pl-no-troops"))},
		},
		{
			Name:   "MajorityMember",
			Reason: "A member of a majority body of three holds no veto.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("trio", actor.Majority, "US", "UK", "FR")),
				testkit.Guarantees(testkit.G("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("FR", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: []scenario.Finding{testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("FR", "trio"), testkit.Gids("trio-air"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "MemberOfAMember",
			Reason: "DE is in the nordic alliance, itself in the coalition: a contributor at depth two with no veto in the coalition's rule.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("nordic", actor.Unanimity, "FI", "DE"), testkit.Coalition("willing", "UK", "nordic")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("DE", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: []scenario.Finding{testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("DE", "willing"), testkit.Gids("willing-troops"), testkit.Refs("positions[0]"))},
		},
		{
			Name:   "UnanimityMember",
			Reason: "A unanimity member that refuses blocks (blocked-by-member); it does not merely dissent.",
			S: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "UK", "TR")),
				testkit.Guarantees(testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				testkit.Positions(testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}))),
			Want: nil,
		},
		{
			Name:   "ExplicitVetoInCoalition",
			Reason: "A coalition member with an explicit veto blocks rather than dissents.",
			S: testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Coalition("willing", "UK", "PL"), "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "Provider",
			Reason: "The provider's own refusal is a red line, not a dissent.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("willing", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "RejectsIsNotRefuses",
			Reason: "A coalition member that rejects (no deal may contain it) crosses a red line; dissenting-member is about refusing to take part.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("PL", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
		{
			Name:   "NotAContributor",
			Reason: "US refuses ground troops but is no member of the coalition that provides them.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))),
			Want: nil,
		},
	})
}

func TestNoMilitaryResponse(t *testing.T) {
	testkit.RunFindingCases(t, scenario.NoMilitaryResponse, []testkit.FindingCase{
		{
			Name:   "TimelineOnly",
			Reason: "RU attacks GE in the timeline; no guarantee names RU, and GE has only money.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "GE", guarantee.Aid, "")),
				testkit.Timeline("peace-deal", "attack(RU, GE)")),
			Want: []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("GE", "RU"), nil, nil)},
		},
		{
			Name:   "TimelineBeneficiaryWithoutGuarantees",
			Reason: "attack(RU, GE) in the timeline makes RU a named attacker of GE even when GE has no guarantee at all.",
			S:      testkit.Build(testkit.Timeline("attack(RU, GE)")),
			Want:   []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("GE", "RU"), nil, nil)},
		},
		{
			Name:   "OnlySanctionsAnswer",
			Reason: "Sanctions answer an RU attack on UA; nothing military does.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"))),
			Want:   []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), nil, nil)},
		},
		{
			Name:   "ViolationInATrigger",
			Reason: "violation(BY) in the trigger of a guarantee to UA makes BY a named attacker of UA.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "violation(BY)"))),
			Want:   []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("BY", "UA"), nil, nil)},
		},
		{
			Name:   "MilitaryButCaptured",
			Reason: "The only military answer to an RU attack is captured by RU's consent: it has an error, and the finding names it.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)")),
				testkit.G("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), nil)},
		},
		{
			Name:   "MilitaryButNotAnsweringTheAttacker",
			Reason: "UK's troops are due on the peace deal and name no attacker; the timeline's RU attack finds no military answer.",
			S: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal")),
				testkit.Timeline("attack(RU, UA)")),
			Want: []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), nil, nil)},
		},
		{
			Name:   "AnsweredForOneBeneficiaryOnly",
			Reason: "An RU attack on UA has a military answer; an RU attack on GE (timeline) does not.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Timeline("attack(RU, UA)", "attack(RU, GE)")),
			Want: []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("GE", "RU"), nil, nil)},
		},
		{
			Name:   "Answered",
			Reason: "A clean military guarantee to UA answers an RU attack.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "all(peace-deal, attack(RU, UA))"),
				testkit.G("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			), testkit.Timeline("peace-deal", "attack(RU, UA)")),
			Want: nil,
		},
		{
			Name:   "AnsweredDespiteAWarning",
			Reason: "A dissenting member is a warning; the coalition's guarantee is still free of error findings.",
			S: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
				testkit.Guarantees(testkit.G("willing-air", "willing", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want: nil,
		},
		{
			Name:   "ViolationInTheTimeline",
			Reason: "Only attack(X, B) in the timeline names an attacker of B; violation(RU) names no one attacked.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "")),
				testkit.Timeline("peace-deal", "violation(RU)")),
			Want: nil,
		},
		{
			Name:   "NotItsOwnAttacker",
			Reason: "violation(UA) in a guarantee to UA, and attack(UA, UA) in the timeline, ask for no defence of UA against UA (package doc, Code); RU's attack still finds no answer.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "any(violation(UA), attack(RU, UA))")),
				testkit.Timeline("attack(UA, UA)")),
			Want: []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), nil, nil)},
		},
		{
			Name:   "NoAttackerAnywhere",
			Reason: "No trigger and no timeline event names an attacker.",
			S: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "peace-deal")),
				testkit.Timeline("peace-deal", "ceasefire")),
			Want: nil,
		},
	})
}

func TestUnsatisfiableTrigger(t *testing.T) {
	testkit.RunFindingCases(t, scenario.UnsatisfiableTrigger, []testkit.FindingCase{
		{
			Name:   "ContradictsItself",
			Reason: "all(peace-deal, not(peace-deal)) can never hold: a dead letter.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("dead", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(peace-deal))"),
				testkit.G("live", "UK", "UA", guarantee.Naval, "peace-deal"),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, testkit.Gids("dead"), nil)},
		},
		{
			Name:   "ContradictionThroughAny",
			Reason: "attack(RU, UA) and not(any(attack(RU, UA), ceasefire)) cannot both hold.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("dead", "US", "UA", guarantee.AirSupport, "all(attack(RU, UA), not(any(ceasefire, attack(RU, UA))))"))),
			Want:   []scenario.Finding{testkit.Finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, testkit.Gids("dead"), nil)},
		},
		{
			Name:   "DifferentEvents",
			Reason: "all(peace-deal, not(ceasefire)) holds when a deal is reached without a ceasefire.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("live", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(ceasefire))"))),
			Want:   nil,
		},
		{
			Name:   "SameEventOtherActors",
			Reason: "attack(RU, UA) and attack(BY, UA) are different events.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("live", "US", "UA", guarantee.AirSupport, "all(attack(RU, UA), not(attack(BY, UA)))"))),
			Want:   nil,
		},
		{
			Name:   "EmptyAndNegated",
			Reason: "The empty trigger always holds; not(peace-deal) holds before any deal.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("always", "US", "UA", guarantee.AirSupport, ""),
				testkit.G("before", "UK", "UA", guarantee.Aid, "not(peace-deal)"),
			)),
			Want: nil,
		},
	})
}

func TestIdlePosition(t *testing.T) {
	air := testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""))
	testkit.RunFindingCases(t, scenario.IdlePosition, []testkit.FindingCase{
		{
			Name:   "RefusesATypo",
			Reason: "military/ground-troop (no s) is a well-formed kind that no guarantee has: the refusal never binds.",
			S:      testkit.Build(air, testkit.Positions(testkit.Named("us-typo", testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: "military/ground-troop"})))),
			Want:   []scenario.Finding{testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("US"), nil, testkit.Refs("us-typo"))},
		},
		{
			Name:   "EveryBindingStance",
			Reason: "rejects, demands-veto and rejects-veto that pick nothing are idle too; each is reported.",
			S: testkit.Build(air, testkit.Positions(
				testkit.Pos("RU", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("us-troops")}),
				testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Beneficiary: "GE"}),
				testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.Sel{Provider: "CN"}),
			)),
			Want: []scenario.Finding{
				testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("RU"), nil, testkit.Refs("positions[0]")),
				testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("RU"), nil, testkit.Refs("positions[1]")),
				testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("UA"), nil, testkit.Refs("positions[2]")),
			},
		},
		{
			Name:   "RequiresIsNeverIdle",
			Reason: "A requires that finds nothing is unmet-requirement, not idle-position.",
			S:      testkit.Build(air, testkit.Positions(testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Naval}))),
			Want:   nil,
		},
		{
			Name:   "PicksSomethingItDoesNotBind",
			Reason: "The refusal picks US air support though UK is no contributor: it picks a guarantee, so it is not idle.",
			S:      testkit.Build(air, testkit.Positions(testkit.Pos("UK", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))),
			Want:   nil,
		},
		{
			Name:   "PicksByParentKind",
			Reason: "military picks air support (Kind.Is).",
			S:      testkit.Build(air, testkit.Positions(testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military}))),
			Want:   nil,
		},
	})
}

func TestAssuranceOnly(t *testing.T) {
	testkit.RunFindingCases(t, scenario.AssuranceOnly, []testkit.FindingCase{
		{
			Name:   "AllAssurances",
			Reason: "Every guarantee to UA is an assurance, as under the Budapest Memorandum.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-assurance", "US", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance)),
				testkit.G("uk-assurance", "UK", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance)),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.AssuranceOnly, scenario.Info, testkit.Ids("UA"), testkit.Gids("uk-assurance", "us-assurance"), nil)},
		},
		{
			Name:   "PerBeneficiary",
			Reason: "GE's guarantees are all assurances, UA's are not: only GE is noted.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-ua", "US", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance)),
				testkit.G("us-ge", "US", "GE", guarantee.Military, "", testkit.Strength(guarantee.Assurance)),
				testkit.G("uk-ua", "UK", "UA", guarantee.Military, "", testkit.Strength(guarantee.Treaty)),
			)),
			Want: []scenario.Finding{testkit.Finding(scenario.AssuranceOnly, scenario.Info, testkit.Ids("GE"), testkit.Gids("us-ge"), nil)},
		},
		{
			Name:   "OnePolitical",
			Reason: "One political guarantee (the default strength) among assurances is enough.",
			S: testkit.Build(testkit.Guarantees(
				testkit.G("us-assurance", "US", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance)),
				testkit.G("uk-political", "UK", "UA", guarantee.Military, ""),
			)),
			Want: nil,
		},
		{
			Name:   "Treaty",
			Reason: "A treaty obligation is no assurance.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("nato-art5", "US", "UA", guarantee.Military, "", testkit.Strength(guarantee.Treaty)))),
			Want:   nil,
		},
	})
}

// seedGuarantees are the IDs of the seed's guarantees, all to UA, sorted.
var seedGuarantees = testkit.Gids("european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "willing-sanctions")

func TestSeed(t *testing.T) {
	r := testkit.Evaluate(t, examples.Ukraine2025())

	if r.Verdict != scenario.Incompatible {
		t.Errorf("seed verdict = %v; want incompatible: RU demands a veto that UA rejects", r.Verdict)
	}
	if r.Scenario != "Ukraine security guarantees, August 2025" {
		t.Errorf("seed report names scenario %q", r.Scenario)
	}

	// The whole report, pinned so that any change is visible. Each line is
	// what docs/MODEL.md asks of the seed:
	want := []scenario.Finding{
		// No guarantee gives RU a veto.
		testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), seedGuarantees, testkit.Refs("ru-demands-veto")),
		// RU demands a veto over every guarantee to UA; UA rejects it.
		testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), seedGuarantees, testkit.Refs("ru-demands-veto", "ua-rejects-ru-veto")),
		// european-force and us-air-support require each other, and both
		// have errors (the two above): one finding for each.
		testkit.Finding(scenario.BlockedDependency, scenario.Warning, nil, testkit.Gids("european-force", "us-air-support"), nil),
		testkit.Finding(scenario.BlockedDependency, scenario.Warning, nil, testkit.Gids("european-force", "us-air-support"), nil),
		// RU is a named attacker of UA; the only military guarantee that
		// answers it, us-air-support, has errors.
		testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), testkit.Gids("us-air-support"), nil),
	}
	if diff := cmp.Diff(want, r.Findings, testkit.IgnoreText); diff != "" {
		t.Errorf("seed findings: -want +got:\n%s", diff)
	}

	// The veto conflict, with its message and sources, as FORMAT.md shows it.
	wantConflict := []scenario.Finding{{
		Code:       scenario.VetoConflict,
		Severity:   scenario.Error,
		Actors:     testkit.Ids("RU", "UA"),
		Guarantees: seedGuarantees,
		Positions:  testkit.Refs("ru-demands-veto", "ua-rejects-ru-veto"),
		Message:    "RU demands a veto over guarantees to UA; UA rejects any RU veto over them",
		Sources:    []string{examples.SeedArticle},
	}}
	if diff := cmp.Diff(wantConflict, testkit.Only(r, scenario.VetoConflict)); diff != "" {
		t.Errorf("seed veto-conflict: -want +got:\n%s", diff)
	}

	// The two blocked-dependency findings differ only in which guarantee
	// leans on which, which their messages say.
	var msgs []string
	for f := range r.Only(scenario.BlockedDependency) {
		msgs = append(msgs, f.Message)
	}
	wantMsgs := []string{
		"european-force requires us-air-support, which has error findings of its own",
		"us-air-support requires european-force, which has error findings of its own",
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("seed blocked-dependency messages: -want +got:\n%s", diff)
	}

	if got := r.Count(scenario.Error); got != 2 {
		t.Errorf("seed Count(Error) = %d; want 2", got)
	}
	if !r.Has(scenario.VetoConflict) || r.Has(scenario.CapturedGuarantee) {
		t.Errorf("seed Has(veto-conflict) = %v, Has(captured-guarantee) = %v; want true, false", r.Has(scenario.VetoConflict), r.Has(scenario.CapturedGuarantee))
	}
}

func TestSeedWhatIfs(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		edit   func(s *scenario.Scenario)
		want   []scenario.Finding // errors only
	}{
		{
			name:   "GrantRUTheVeto",
			reason: "A draft that grants RU its veto meets RU's demand but violates UA's rejection; the conflict stands, and every guarantee that answers an RU attack is captured.",
			edit: func(s *scenario.Scenario) {
				s.Vetoes = append(s.Vetoes, testkit.Grant("RU", testkit.ToUA))
			},
			want: []scenario.Finding{
				testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("us-air-support"), nil),
				testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("willing-financial"), nil),
				testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("willing-sanctions"), nil),
				testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), seedGuarantees, testkit.Refs("ua-rejects-ru-veto")),
				testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), seedGuarantees, testkit.Refs("ru-demands-veto", "ua-rejects-ru-veto")),
			},
		},
		{
			name:   "RUWithdrawsItsDemand",
			reason: "Without RU's demand there is no conflict and no unmet demand: the deal holds.",
			edit: func(s *scenario.Scenario) {
				s.Positions = slices.DeleteFunc(s.Positions, func(p scenario.Position) bool { return p.ID == "ru-demands-veto" })
			},
			want: nil,
		},
		{
			name:   "WithoutUSAirSupport",
			reason: "Without the US air support, Europe's force loses its backstop.",
			edit: func(s *scenario.Scenario) {
				s.Guarantees = slices.DeleteFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == "us-air-support" })
				s.Positions = slices.DeleteFunc(s.Positions, func(p scenario.Position) bool { return p.ID == "ru-demands-veto" })
			},
			want: []scenario.Finding{
				testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("european-force", "us-air-support"), nil),
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := examples.Ukraine2025()
			tc.edit(&s)
			r := testkit.Evaluate(t, s)
			var got []scenario.Finding
			for _, f := range r.Findings {
				if f.Severity == scenario.Error {
					got = append(got, f)
				}
			}
			if diff := cmp.Diff(tc.want, got, testkit.IgnoreText); diff != "" {
				t.Errorf("%s\nerror findings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// several is a scenario with findings of most codes, two of some.
func several() scenario.Scenario {
	return testkit.Build(
		testkit.Actors(testkit.Coalition("willing", "UK", "PL"), testkit.Alliance("NATO", actor.Unanimity, "US", "TR")),
		testkit.Guarantees(
			testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop")),
			testkit.G("dead", "US", "GE", guarantee.Aid, "all(peace-deal, not(peace-deal))", testkit.Strength(guarantee.Assurance)),
			testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)")),
			testkit.G("tr-naval", "TR", "UA", guarantee.Naval, "attack(RU, UA)"),
		),
		testkit.Positions(
			testkit.Named("tr-no-sanctions", testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions})),
			testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}),
			testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Intelligence}),
			testkit.Pos("RU", scenario.Rejects, testkit.Sel{Location: "black-sea"}),
			testkit.Pos("FR", scenario.Requires, testkit.Sel{Kind: guarantee.Intelligence}),
		),
		testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("tr-naval")})),
		testkit.Timeline("attack(RU, UA)"),
	)
}

func TestReportOrder(t *testing.T) {
	r := testkit.Evaluate(t, several())
	// Severity first; then the code as a string (so blocked-by-member
	// before captured-guarantee, unlike docs/MODEL.md's table); then the first
	// guarantee (tr-naval before us-air, though us-air comes first in the
	// scenario); then the first actor (FR before UA, though UA's position
	// comes first).
	want := []scenario.Finding{
		testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("NATO", "TR"), testkit.Gids("nato-sanctions"), testkit.Refs("tr-no-sanctions")),
		testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("tr-naval"), nil),
		testkit.Finding(scenario.CapturedGuarantee, scenario.Error, testkit.Ids("RU"), testkit.Gids("us-air"), nil),
		testkit.Finding(scenario.MissingDependency, scenario.Error, nil, testkit.Gids("us-backstop", "willing-troops"), nil),
		testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("FR"), nil, testkit.Refs("positions[4]")),
		testkit.Finding(scenario.UnmetRequirement, scenario.Error, testkit.Ids("UA"), nil, testkit.Refs("positions[2]")),
		testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("PL", "willing"), testkit.Gids("willing-troops"), testkit.Refs("positions[1]")),
		testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("RU"), nil, testkit.Refs("positions[3]")),
		testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), testkit.Gids("tr-naval", "us-air"), nil),
		testkit.Finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, testkit.Gids("dead"), nil),
		testkit.Finding(scenario.AssuranceOnly, scenario.Info, testkit.Ids("GE"), testkit.Gids("dead"), nil),
	}
	if diff := cmp.Diff(want, r.Findings, testkit.IgnoreText); diff != "" {
		t.Errorf("findings of several(): -want +got:\n%s", diff)
	}
	if r.Verdict != scenario.Incompatible {
		t.Errorf("verdict = %v; want incompatible", r.Verdict)
	}
	counts := map[scenario.Severity]int{scenario.Error: 6, scenario.Warning: 4, scenario.Info: 1}
	for sev, n := range counts {
		if got := r.Count(sev); got != n {
			t.Errorf("Count(%v) = %d; want %d", sev, got, n)
		}
	}
}

func TestVerdict(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   scenario.Verdict
	}{
		{"Empty", "No finding at all: compatible.", scenario.Scenario{}, scenario.Compatible},
		{"WarningsAndInfoOnly", "Warnings and info do not make a deal incompatible.", testkit.Build(
			testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
			testkit.Guarantees(
				testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "", testkit.Strength(guarantee.Assurance)),
				testkit.G("dead", "US", "UA", guarantee.Aid, "all(peace-deal, not(peace-deal))", testkit.Strength(guarantee.Assurance)),
			),
			testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}), testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.Naval})),
			testkit.Timeline("attack(RU, UA)"),
		), scenario.Compatible},
		{"OneError", "A single error makes it incompatible.", testkit.Build(
			testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
			testkit.Positions(testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Naval})),
		), scenario.Incompatible},
		{"Seed", "The seed has errors.", examples.Ukraine2025(), scenario.Incompatible},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testkit.Evaluate(t, tc.s) // checks verdict == no error finding
			if r.Verdict != tc.want {
				t.Errorf("%s\nverdict = %v; want %v\n%s", tc.reason, r.Verdict, tc.want, testkit.ListFindings(r.Findings))
			}
		})
	}
	// The case of warnings and info only must really have both, or it
	// shows nothing.
	if r := testkit.Evaluate(t, cases[1].s); r.Count(scenario.Warning) == 0 || r.Count(scenario.Info) == 0 {
		t.Errorf("%s: want warnings and info findings; got\n%s", cases[1].name, testkit.ListFindings(r.Findings))
	}
}

func TestPositionRefs(t *testing.T) {
	s := testkit.Build(
		testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
		testkit.Positions(
			testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)),
			testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA),
			testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.Naval}),
			testkit.Named("us-idle", testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})),
		),
	)
	r := testkit.Evaluate(t, s)
	want := []scenario.Finding{
		testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("us-air"), testkit.Refs("ru-veto")),
		testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), testkit.Refs("ru-veto", "positions[1]")),
		testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("US"), nil, testkit.Refs("positions[2]")),
		testkit.Finding(scenario.IdlePosition, scenario.Warning, testkit.Ids("US"), nil, testkit.Refs("us-idle")),
	}
	if diff := cmp.Diff(want, r.Findings, testkit.IgnoreText); diff != "" {
		t.Errorf("positions are named by ID where given, else positions[i]: -want +got:\n%s", diff)
	}
}

func TestVetoConflictAlongside(t *testing.T) {
	two := testkit.Guarantees(
		testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
		testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	both := testkit.Positions(
		testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)),
		testkit.Named("ua-no-ru-veto", testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA)),
	)
	conflict := testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ru-veto", "ua-no-ru-veto"))
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   []scenario.Finding // every finding
	}{
		{
			name:   "DealDeniesTheVeto",
			reason: "No deal can satisfy both (veto-conflict); this one violates RU's demand (unmet-veto-demand) and not UA's rejection.",
			s:      testkit.Build(two, both),
			want: []scenario.Finding{
				testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ru-veto")),
				conflict,
			},
		},
		{
			name:   "DealGrantsTheVeto",
			reason: "This deal grants RU the veto: it violates UA's rejection (rejected-veto), not RU's demand.",
			s:      testkit.Build(two, both, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			want: []scenario.Finding{
				testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ua-no-ru-veto")),
				conflict,
			},
		},
		{
			name:   "DealGrantsTheVetoOverOne",
			reason: "A deal that grants RU a veto over one guarantee violates both positions, each over its own guarantee.",
			s:      testkit.Build(two, both, testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-air")}))),
			want: []scenario.Finding{
				testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), testkit.Refs("ua-no-ru-veto")),
				testkit.Finding(scenario.UnmetVetoDemand, scenario.Error, testkit.Ids("RU"), testkit.Gids("uk-troops"), testkit.Refs("ru-veto")),
				conflict,
			},
		},
		{
			name:   "GuarantorsUnanimousWithRU",
			reason: "\"The guarantors act only by unanimous decision, Russia among them\": RU's demand is met through membership, UA's rejection is violated.",
			s: testkit.Build(testkit.Actors(testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				testkit.Guarantees(
					testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("body(guarantors)")),
					testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Activation("body(guarantors)")),
				), both),
			want: []scenario.Finding{
				testkit.Finding(scenario.RejectedVeto, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("uk-troops", "us-air"), testkit.Refs("ua-no-ru-veto")),
				conflict,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testkit.Evaluate(t, tc.s)
			if diff := cmp.Diff(tc.want, r.Findings, testkit.IgnoreText); diff != "" {
				t.Errorf("%s\nfindings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestMemberRefusal(t *testing.T) {
	refusal := testkit.Positions(testkit.Named("pl-no-troops", testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})))
	troops := func(provider actor.ID) testkit.Part {
		return testkit.Guarantees(testkit.G("troops", provider, "UA", guarantee.GroundTroops, ""))
	}
	cases := []struct {
		name        string
		reason      string
		s           scenario.Scenario
		wantVerdict scenario.Verdict
		want        []scenario.Finding // every finding
	}{
		{
			name:        "CoalitionMember",
			reason:      "A coalition member's refusal is only a dissent: the others still act, and the deal holds.",
			s:           testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "FR", "PL")), troops("willing"), refusal),
			wantVerdict: scenario.Compatible,
			want:        []scenario.Finding{testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("PL", "willing"), testkit.Gids("troops"), testkit.Refs("pl-no-troops"))},
		},
		{
			name:        "UnanimityAllianceMember",
			reason:      "A unanimity alliance member's refusal blocks the alliance: an error.",
			s:           testkit.Build(testkit.Actors(testkit.Alliance("alliance", actor.Unanimity, "UK", "FR", "PL")), troops("alliance"), refusal),
			wantVerdict: scenario.Incompatible,
			want:        []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("PL", "alliance"), testkit.Gids("troops"), testkit.Refs("pl-no-troops"))},
		},
		{
			name:        "MajorityOfThree",
			reason:      "A member of a majority body of three holds no veto: a dissent.",
			s:           testkit.Build(testkit.Actors(testkit.Alliance("trio", actor.Majority, "UK", "FR", "PL")), troops("trio"), refusal),
			wantVerdict: scenario.Compatible,
			want:        []scenario.Finding{testkit.Finding(scenario.DissentingMember, scenario.Warning, testkit.Ids("PL", "trio"), testkit.Gids("troops"), testkit.Refs("pl-no-troops"))},
		},
		{
			name:        "MajorityOfTwo",
			reason:      "Each member of a majority body of two holds a veto: a block.",
			s:           testkit.Build(testkit.Actors(testkit.Alliance("pair", actor.Majority, "UK", "PL")), troops("pair"), refusal),
			wantVerdict: scenario.Incompatible,
			want:        []scenario.Finding{testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids("PL", "pair"), testkit.Gids("troops"), testkit.Refs("pl-no-troops"))},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testkit.Evaluate(t, tc.s)
			if r.Verdict != tc.wantVerdict {
				t.Errorf("%s\nverdict = %v; want %v", tc.reason, r.Verdict, tc.wantVerdict)
			}
			if diff := cmp.Diff(tc.want, r.Findings, testkit.IgnoreText); diff != "" {
				t.Errorf("%s\nfindings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestMessagesAndSources(t *testing.T) {
	withSources := func(p scenario.Position, srcs ...string) scenario.Position {
		p.Sources = srcs
		return p
	}
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		code   scenario.Code
		want   []scenario.Finding // complete, message and sources included
	}{
		{
			name:   "VetoConflict",
			reason: "Sources are those of both positions and of the guarantees, sorted and each once.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Gsources("seed")),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Gsources("uk-statement", "seed")),
			), testkit.Positions(
				withSources(testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military})), "kremlin"),
				withSources(testkit.RejectsVeto("UA", nil, testkit.ToUA), "seed"),
			)),
			code: scenario.VetoConflict,
			want: []scenario.Finding{{
				Code: scenario.VetoConflict, Severity: scenario.Error,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("uk-troops", "us-air"), Positions: testkit.Refs("ru-veto", "positions[1]"),
				Message: "RU demands a veto over military guarantees; UA rejects any veto but the provider's over guarantees to UA",
				Sources: []string{"kremlin", "seed", "uk-statement"},
			}},
		},
		{
			name:   "VetoConflictOverOne",
			reason: "Both positions name one guarantee: the rejection is over it, not over them.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")), testkit.Positions(
				testkit.Named("ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{IDs: testkit.Gids("us-air")})),
				testkit.Named("ua-no-ru-veto", testkit.RejectsVeto("UA", []actor.ID{"RU"}, testkit.Sel{IDs: testkit.Gids("us-air")})),
			)),
			code: scenario.VetoConflict,
			want: []scenario.Finding{{
				Code: scenario.VetoConflict, Severity: scenario.Error,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("us-air"), Positions: testkit.Refs("ru-veto", "ua-no-ru-veto"),
				Message: "RU demands a veto over guarantee us-air; UA rejects any RU veto over it",
			}},
		},
		{
			name:   "CapturedProvider",
			reason: "The Budapest Memorandum: the message says why the attacker holds the veto.",
			s:      testkit.Build(testkit.Guarantees(testkit.G("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", testkit.Strength(guarantee.Assurance), testkit.Gsources("budapest-1994")))),
			code:   scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("budapest"),
				Message: "RU can stop budapest, which answers attack(RU, UA): RU is its provider; it can never fire against RU",
				Sources: []string{"budapest-1994"},
			}},
		},
		{
			name:   "CapturedSecurityCouncil",
			reason: "body(UNSC): the message names the body and its rule.",
			s: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("body(UNSC)")))),
			code: scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("us-air"),
				Message: "RU can stop us-air, which answers attack(RU, UA): RU holds a veto in UNSC's rule (majority); it can never fire against RU",
			}},
		},
		{
			name:   "CapturedByGrant",
			reason: "A granted veto: the grant's sources are behind the finding.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "any(attack(RU, UA), violation(RU))", testkit.Gsources("seed"))),
				testkit.Vetoes(scenario.Veto{Holder: "RU", Over: testkit.ToUA, Sources: []string{"draft-2025"}})),
			code: scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("us-air"),
				Message: "RU can stop us-air, which answers any(attack(RU, UA), violation(RU)): RU is granted a veto by the deal; it can never fire against RU",
				Sources: []string{"draft-2025", "seed"},
			}},
		},
		{
			name:   "RedLineRejects",
			reason: "The message lists the guarantees that cross the line.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "", testkit.Location("UA"), testkit.Gsources("uk")),
				testkit.G("fr-troops", "FR", "UA", guarantee.GroundTroops, "", testkit.Location("UA"), testkit.Gsources("fr")),
			), testkit.Positions(withSources(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops, Location: "UA"}), "kremlin"))),
			code: scenario.RedLine,
			want: []scenario.Finding{{
				Code: scenario.RedLine, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("fr-troops", "uk-troops"), Positions: testkit.Refs("positions[0]"),
				Message: "RU rejects any deal with military/ground-troops guarantees in UA; the deal has fr-troops and uk-troops",
				Sources: []string{"fr", "kremlin", "uk"},
			}},
		},
		{
			name:   "RedLineRefuses",
			reason: "A refusal by the provider itself.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-troops", "US", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Named("us-no-troops", testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})))),
			code: scenario.RedLine,
			want: []scenario.Finding{{
				Code: scenario.RedLine, Severity: scenario.Error,
				Actors: testkit.Ids("US"), Guarantees: testkit.Gids("us-troops"), Positions: testkit.Refs("us-no-troops"),
				Message: "US refuses to provide military/ground-troops guarantees but is the provider of us-troops",
			}},
		},
		{
			name:   "BlockedByMember",
			reason: "The message names the body, its rule and the guarantee blocked.",
			s: testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "TR")),
				testkit.Guarantees(testkit.G("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "", testkit.Gsources("nato"))),
				testkit.Positions(withSources(testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.Sanctions}), "ankara"))),
			code: scenario.BlockedByMember,
			want: []scenario.Finding{{
				Code: scenario.BlockedByMember, Severity: scenario.Error,
				Actors: testkit.Ids("NATO", "TR"), Guarantees: testkit.Gids("nato-sanctions"), Positions: testkit.Refs("positions[0]"),
				Message: "TR holds a veto in NATO's rule (unanimity) and refuses sanctions guarantees: it can block nato-sanctions",
				Sources: []string{"ankara", "nato"},
			}},
		},
		{
			name:   "UnmetRequirement",
			reason: "The position's sources are behind it.",
			s: testkit.Build(testkit.Guarantees(testkit.G("eu-aid", "FR", "UA", guarantee.Aid, "")),
				testkit.Positions(withSources(testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"}), "kyiv"))),
			code: scenario.UnmetRequirement,
			want: []scenario.Finding{{
				Code: scenario.UnmetRequirement, Severity: scenario.Error,
				Actors: testkit.Ids("UA"), Positions: testkit.Refs("positions[0]"),
				Message: "UA requires military guarantees to UA; the deal has none",
				Sources: []string{"kyiv"},
			}},
		},
		{
			name:   "UnmetVetoDemand",
			reason: "The message lists the guarantees the actor cannot stop.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
			), testkit.Positions(withSources(testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA), "kremlin"))),
			code: scenario.UnmetVetoDemand,
			want: []scenario.Finding{{
				Code: scenario.UnmetVetoDemand, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("uk-troops", "us-air"), Positions: testkit.Refs("positions[0]"),
				Message: "RU demands a veto over guarantees to UA but cannot stop uk-troops and us-air",
				Sources: []string{"kremlin"},
			}},
		},
		{
			name:   "RejectedVeto",
			reason: "The grant that gives the rejected veto is behind the finding.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Gsources("seed"))),
				testkit.Positions(withSources(testkit.RejectsVeto("UA", testkit.Ids("RU", "BY"), testkit.ToUA), "kyiv")),
				testkit.Vetoes(scenario.Veto{Holder: "RU", Over: testkit.ToUA, Sources: []string{"draft-2025"}})),
			code: scenario.RejectedVeto,
			want: []scenario.Finding{{
				Code: scenario.RejectedVeto, Severity: scenario.Error,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("us-air"), Positions: testkit.Refs("positions[0]"),
				Message: "UA rejects any veto by RU and BY over guarantees to UA; RU can stop us-air",
				Sources: []string{"draft-2025", "kyiv", "seed"},
			}},
		},
		{
			name:   "RejectedVetoAnyButTheProvider",
			reason: "With no by list the position forbids any veto but the provider's; RU's is another's, so nothing more is said.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("consent(RU)"))),
				testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			code: scenario.RejectedVeto,
			want: []scenario.Finding{{
				Code: scenario.RejectedVeto, Severity: scenario.Error,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("us-air"), Positions: testkit.Refs("positions[0]"),
				Message: "UA rejects any veto but the provider's over guarantees to UA; RU can stop us-air",
			}},
		},
		{
			name:   "RejectedOwnVeto",
			reason: "A host state that must consent and rejects any veto forbids its own too; the message says how to mean the others.",
			s: testkit.Build(testkit.Guarantees(testkit.G("monitors", "US", "UA", guarantee.Military, "", testkit.Activation("consent(UA)"))),
				testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA))),
			code: scenario.RejectedVeto,
			want: []scenario.Finding{{
				Code: scenario.RejectedVeto, Severity: scenario.Error,
				Actors: testkit.Ids("UA"), Guarantees: testkit.Gids("monitors"), Positions: testkit.Refs("positions[0]"),
				Message: "UA rejects any veto but the provider's over guarantees to UA; UA can stop monitors; with no by list, UA's own veto counts too",
			}},
		},
		{
			name:   "VetoConflictWithItself",
			reason: "RU demands a veto and rejects any but the provider's: the message says its own counts too.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA), testkit.RejectsVeto("RU", nil, testkit.ToUA))),
			code: scenario.VetoConflict,
			want: []scenario.Finding{{
				Code: scenario.VetoConflict, Severity: scenario.Error,
				Actors: testkit.Ids("RU"), Guarantees: testkit.Gids("us-air"), Positions: testkit.Refs("positions[0]", "positions[1]"),
				Message: "RU demands a veto over guarantees to UA; RU rejects any veto but the provider's over them; with no by list, RU's own veto counts too",
			}},
		},
		{
			name:   "MissingDependency",
			reason: "The message says which guarantee lacks which.",
			s:      testkit.Build(testkit.Guarantees(testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop", "us-intel"), testkit.Gsources("seed")))),
			code:   scenario.MissingDependency,
			want: []scenario.Finding{{
				Code: scenario.MissingDependency, Severity: scenario.Error,
				Guarantees: testkit.Gids("europe-force", "us-backstop", "us-intel"),
				Message:    "europe-force requires us-backstop and us-intel, which the deal does not contain",
				Sources:    []string{"seed"},
			}},
		},
		{
			name:   "DissentingMember",
			reason: "The message says the others still can.",
			s: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "PL")),
				testkit.Guarantees(testkit.G("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				testkit.Positions(testkit.Named("pl-no-troops", testkit.Pos("PL", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})))),
			code: scenario.DissentingMember,
			want: []scenario.Finding{{
				Code: scenario.DissentingMember, Severity: scenario.Warning,
				Actors: testkit.Ids("PL", "willing"), Guarantees: testkit.Gids("willing-troops"), Positions: testkit.Refs("pl-no-troops"),
				Message: "PL refuses military/ground-troops guarantees and will not take part in willing-troops; it holds no veto in willing's rule, so the others still can",
			}},
		},
		{
			name:   "NoMilitaryResponse",
			reason: "An attack in the timeline with nothing military to answer it.",
			s:      testkit.Build(testkit.Timeline("peace-deal", "attack(RU, GE)")),
			code:   scenario.NoMilitaryResponse,
			want: []scenario.Finding{{
				Code: scenario.NoMilitaryResponse, Severity: scenario.Warning,
				Actors:  testkit.Ids("GE", "RU"),
				Message: "no military guarantee to GE answers an attack by RU",
			}},
		},
		{
			name:   "NoMilitaryResponseOneWithErrors",
			reason: "The only military answer is captured: the message names it, in the singular.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)"), testkit.Gsources("seed")),
			)),
			code: scenario.NoMilitaryResponse,
			want: []scenario.Finding{{
				Code: scenario.NoMilitaryResponse, Severity: scenario.Warning,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("us-air"),
				Message: "no military guarantee to UA answers an attack by RU free of error findings: us-air has errors",
				Sources: []string{"seed"},
			}},
		},
		{
			name:   "NoMilitaryResponseTwoWithErrors",
			reason: "Both military answers are captured: the message lists them, in the plural.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)")),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "attack(RU, UA)", testkit.Activation("consent(RU)")),
			)),
			code: scenario.NoMilitaryResponse,
			want: []scenario.Finding{{
				Code: scenario.NoMilitaryResponse, Severity: scenario.Warning,
				Actors: testkit.Ids("RU", "UA"), Guarantees: testkit.Gids("uk-troops", "us-air"),
				Message: "no military guarantee to UA answers an attack by RU free of error findings: uk-troops and us-air have errors",
			}},
		},
		{
			name:   "UnsatisfiableTrigger",
			reason: "The message quotes the trigger.",
			s:      testkit.Build(testkit.Guarantees(testkit.G("dead", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(peace-deal))", testkit.Gsources("seed")))),
			code:   scenario.UnsatisfiableTrigger,
			want: []scenario.Finding{{
				Code: scenario.UnsatisfiableTrigger, Severity: scenario.Warning,
				Guarantees: testkit.Gids("dead"),
				Message:    "dead is due on all(peace-deal, not(peace-deal)), which can never hold",
				Sources:    []string{"seed"},
			}},
		},
		{
			name:   "IdlePosition",
			reason: "The message quotes the selector, where the typo shows.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(withSources(testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: "military/ground-troop"}), "seed"))),
			code: scenario.IdlePosition,
			want: []scenario.Finding{{
				Code: scenario.IdlePosition, Severity: scenario.Warning,
				Actors: testkit.Ids("US"), Positions: testkit.Refs("positions[0]"),
				Message: "US refuses {kind: military/ground-troop}, which picks no guarantee in the scenario",
				Sources: []string{"seed"},
			}},
		},
		{
			name:   "AssuranceOnly",
			reason: "The sources of every assurance are behind it.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-assurance", "US", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance), testkit.Gsources("budapest-1994")),
				testkit.G("uk-assurance", "UK", "UA", guarantee.Military, "", testkit.Strength(guarantee.Assurance), testkit.Gsources("budapest-1994", "uk")),
			)),
			code: scenario.AssuranceOnly,
			want: []scenario.Finding{{
				Code: scenario.AssuranceOnly, Severity: scenario.Info,
				Actors: testkit.Ids("UA"), Guarantees: testkit.Gids("uk-assurance", "us-assurance"),
				Message: "every guarantee to UA is an assurance, with no obligation behind it",
				Sources: []string{"budapest-1994", "uk"},
			}},
		},
		{
			name:   "SunsetRenewedUntilThen",
			reason: "A mandate a body renews until a fixed end: the message gives the date and says who renews it until then.",
			s: testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(
				testkit.G("mission", "UK", "GE", guarantee.Surveillance, "peace-deal", testkit.Mandate("UNSC", "1 year", "", "2026-12-31"), testkit.Gsources("res-2025")))),
			code: scenario.Sunset,
			want: []scenario.Finding{{
				Code: scenario.Sunset, Severity: scenario.Info,
				Guarantees: testkit.Gids("mission"),
				Message:    "mission's mandate ends on 2026-12-31 with no renewal (UNSC renews it until then)",
				Sources:    []string{"res-2025"},
			}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testkit.Evaluate(t, tc.s)
			if diff := cmp.Diff(tc.want, testkit.Only(r, tc.code), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\n%s findings: -want +got:\n%s", tc.reason, tc.code, diff)
			}
		})
	}
}

// TestRegressions holds cases where the implementation once contradicted
// docs/MODEL.md or its own documentation.
func TestRegressions(t *testing.T) {
	t.Run("PositionsInScenarioOrder", func(t *testing.T) {
		s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
			testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA), testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)))
		r := testkit.Evaluate(t, s)
		want := []scenario.Finding{testkit.Finding(scenario.VetoConflict, scenario.Error, testkit.Ids("RU", "UA"), testkit.Gids("us-air"), testkit.Refs("positions[0]", "positions[1]"))}
		if diff := cmp.Diff(want, testkit.Only(r, scenario.VetoConflict), testkit.IgnoreText); diff != "" {
			t.Errorf("veto-conflict with the rejects-veto listed first: -want +got:\n%s", diff)
		}
	})
	t.Run("RejectedVetoMessageNamesTheHolder", func(t *testing.T) {
		s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Activation("consent(UA)"))),
			testkit.Positions(testkit.RejectsVeto("UA", nil, testkit.ToUA)))
		r := testkit.Evaluate(t, s)
		for f := range r.Only(scenario.RejectedVeto) {
			if strings.Contains(f.Message, ";  can stop") {
				t.Errorf("rejected-veto message names no holder: %q", f.Message)
			}
		}
	})
	t.Run("CapturedThroughConsentingBodyMessage", func(t *testing.T) {
		s := testkit.Build(testkit.Actors(testkit.Alliance("CSTO", actor.Unanimity, "RU", "BY")),
			testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(CSTO)"))))
		r := testkit.Evaluate(t, s)
		fs := testkit.Only(r, scenario.CapturedGuarantee)
		if len(fs) != 1 {
			t.Fatalf("want one captured-guarantee finding; got\n%s", testkit.ListFindings(r.Findings))
		}
		if m := fs[0].Message; strings.Contains(m, "US's rule") || strings.Contains(m, "()") || !strings.Contains(m, "CSTO") {
			t.Errorf("captured-guarantee message gives the wrong reason for RU's veto: %q", m)
		}
	})
	t.Run("SourcesOnlyOfTheGrantsBehindTheFinding", func(t *testing.T) {
		s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Gsources("seed"))),
			testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA)),
			testkit.Vetoes(
				scenario.Veto{Holder: "RU", Over: testkit.ToUA, Sources: []string{"ru-grant"}},
				scenario.Veto{Holder: "PL", Over: testkit.ToUA, Sources: []string{"pl-grant"}},
			))
		r := testkit.Evaluate(t, s)
		got := map[scenario.Code][]string{}
		for _, f := range r.Findings {
			if f.Code == scenario.CapturedGuarantee || f.Code == scenario.RejectedVeto {
				got[f.Code] = f.Sources
			}
		}
		want := map[scenario.Code][]string{
			scenario.CapturedGuarantee: {"ru-grant", "seed"},
			scenario.RejectedVeto:      {"ru-grant", "seed"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sources: -want +got:\n%s", diff)
		}
	})
}

// unsorted is a scenario whose lists are all given out of order: members,
// explicit vetoes, consents, requires, by, selector IDs and sources.
func unsorted() scenario.Scenario {
	return testkit.Build(
		testkit.Actors(
			testkit.WithVetoes(testkit.Body("council", actor.Organization, actor.Majority, "US", "RU", "FR", "CN"), "US", "RU"),
			testkit.Alliance("guarantors", actor.Unanimity, "UK", "FR", "BY"),
		),
		testkit.Guarantees(
			testkit.G("z-air", "US", "UA", guarantee.AirSupport, "any(violation(RU), attack(BY, UA))", testkit.Activation("consent(PL, BY)"), testkit.Requires("a-aid", "zz-missing", "b-missing"), testkit.Gsources("z", "a", "z")),
			testkit.G("a-aid", "guarantors", "UA", guarantee.Aid, "attack(RU, UA)", testkit.Activation("body(council)"), testkit.Strength(guarantee.Assurance), testkit.Gsources("m", "b")),
		),
		testkit.Positions(
			testkit.RejectsVeto("UA", testkit.Ids("RU", "BY", "CN"), testkit.Sel{IDs: testkit.Gids("z-air", "a-aid")}),
			testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{IDs: testkit.Gids("z-air", "a-aid")}),
			testkit.Pos("BY", scenario.Refuses, testkit.Sel{Kind: guarantee.Aid}),
		),
		testkit.Vetoes(testkit.Grant("CN", testkit.Sel{IDs: testkit.Gids("z-air", "a-aid")})),
		testkit.Timeline("attack(RU, GE)", "peace-deal"),
	)
}

func TestEvaluateDoesNotChangeInput(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
	}{
		{"Seed", "The seed scenario.", examples.Ukraine2025()},
		{"Several", "Findings of most codes.", several()},
		{"Unsorted", "Every list out of order: nothing may be sorted in place.", unsorted()},
		{"Invalid", "An invalid scenario, which Evaluate rejects.", seedWith(func(s *scenario.Scenario) {
			s.Guarantees[3].Provider = "TRK"
			s.Actors[9].Members[0] = "FRA"
		})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := testkit.CloneScenario(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Fatalf("cloneScenario is not a copy: -want +got:\n%s", diff)
			}
			r, _ := scenario.Evaluate(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nEvaluate changed its input: -before +after:\n%s", tc.reason, diff)
			}
			_ = scenario.Validate(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nValidate changed its input: -before +after:\n%s", tc.reason, diff)
			}

			// The report shares no memory with the input: writing over
			// every list of every finding leaves the scenario as it was.
			for i := range r.Findings {
				f := &r.Findings[i]
				for k := range f.Actors {
					f.Actors[k] = "overwritten"
				}
				for k := range f.Guarantees {
					f.Guarantees[k] = "overwritten"
				}
				for k := range f.Positions {
					f.Positions[k] = "overwritten"
				}
				for k := range f.Sources {
					f.Sources[k] = "overwritten"
				}
			}
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nwriting to the report changed the scenario: -before +after:\n%s", tc.reason, diff)
			}
		})
	}
}

// cloneReport returns a deep copy of r.
func cloneReport(r scenario.Report) scenario.Report {
	c := r
	c.Findings = slices.Clone(r.Findings)
	for i := range c.Findings {
		f := &c.Findings[i]
		f.Actors = slices.Clone(f.Actors)
		f.Guarantees = slices.Clone(f.Guarantees)
		f.Positions = slices.Clone(f.Positions)
		f.Sources = slices.Clone(f.Sources)
	}
	return c
}

func TestFindingsDoNotShareMemory(t *testing.T) {
	for _, s := range []scenario.Scenario{examples.Ukraine2025(), several(), unsorted()} {
		r := testkit.Evaluate(t, s)
		want := cloneReport(r)
		if len(r.Findings) < 2 {
			t.Fatalf("want a scenario with several findings")
		}
		// Appending to one finding's list must not write over another's,
		// nor change a later report.
		for i := range r.Findings {
			f := &r.Findings[i]
			f.Actors = append(f.Actors, "appended")
			f.Guarantees = append(f.Guarantees, "appended")
			f.Positions = append(f.Positions, "appended")
			f.Sources = append(f.Sources, "appended")
		}
		for i, f := range r.Findings {
			f.Actors = f.Actors[:len(f.Actors)-1]
			f.Guarantees = f.Guarantees[:len(f.Guarantees)-1]
			f.Positions = f.Positions[:len(f.Positions)-1]
			f.Sources = f.Sources[:len(f.Sources)-1]
			if diff := cmp.Diff(want.Findings[i], f, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: finding %d changed when the others were appended to: -want +got:\n%s", r.Scenario, i, diff)
			}
		}
		if diff := cmp.Diff(want, testkit.Evaluate(t, s)); diff != "" {
			t.Errorf("%s: changing one report changed the next: -want +got:\n%s", r.Scenario, diff)
		}
	}
}

func TestEvaluateDeterministic(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
	}{
		{"Seed", "The seed scenario.", examples.Ukraine2025()},
		{"Several", "Findings of most codes, several per code.", several()},
		{"Unsorted", "Lists out of order.", unsorted()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			first := testkit.Evaluate(t, tc.s)
			for i := range 5 {
				if diff := cmp.Diff(first, testkit.Evaluate(t, tc.s)); diff != "" {
					t.Fatalf("%s\nevaluation %d differs from the first: -first +got:\n%s", tc.reason, i+2, diff)
				}
			}
			if diff := cmp.Diff(first, testkit.Evaluate(t, testkit.CloneScenario(tc.s))); diff != "" {
				t.Errorf("%s\nan equal copy gives another report: -first +got:\n%s", tc.reason, diff)
			}
			// The order of the actors list means nothing: reversing it
			// gives the same report.
			rev := testkit.CloneScenario(tc.s)
			slices.Reverse(rev.Actors)
			if diff := cmp.Diff(first, testkit.Evaluate(t, rev)); diff != "" {
				t.Errorf("%s\nreversing the actors changes the report: -first +got:\n%s", tc.reason, diff)
			}
		})
	}
}
