package scenario_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's paragraph "Parties set aside":
// for a guarantee decided by a body whose rule, or whose activation, sets
// the parties aside, the attackers of its trigger and its beneficiary are
// no veto holders of that decision.

func withThreshold(a actor.Actor, n int) actor.Actor {
	a.Threshold = n
	return a
}

func TestPartiesAsideCaptured(t *testing.T) {
	captured := func(attackers []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{testkit.Finding(scenario.CapturedGuarantee, scenario.Error, attackers, testkit.Gids(g), nil)}
	}
	council := testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU")
	csto := testkit.Alliance("CSTO", actor.Unanimity, "RU", "BY")
	testkit.RunFindingCases(t, scenario.CapturedGuarantee, []testkit.FindingCase{
		{
			Name:   "UnanimityPartyIsMember",
			Reason: "The League Council under Article 15: RU sits on a unanimity body whose rule sets the parties aside, so RU cannot block a decision on its own attack.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "UnanimityWithoutTheRule",
			Reason: "The same body without the rule: RU holds a veto and the guarantee is captured.",
			S: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "MajorityWithVetoes",
			Reason: "Charter Article 27(3): a Security Council whose rule sets the parties aside does not let RU's veto count on an RU attack.",
			S: testkit.Build(testkit.Actors(testkit.Aside(testkit.Unsc())),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("body(UNSC)")))),
			Want: nil,
		},
		{
			Name:   "ExplicitThreshold",
			Reason: "Three of three must agree; with RU aside the threshold of three cannot be met by the two others, so each of them, not RU, holds a veto.",
			S: testkit.Build(testkit.Actors(testkit.Aside(withThreshold(testkit.Alliance("trio", actor.Default, "US", "UK", "RU"), 3))),
				testkit.Guarantees(testkit.G("g", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "ExplicitThresholdWithoutTheRule",
			Reason: "Three of three without the rule: RU's no leaves two, too few.",
			S: testkit.Build(testkit.Actors(withThreshold(testkit.Alliance("trio", actor.Default, "US", "UK", "RU"), 3)),
				testkit.Guarantees(testkit.G("g", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "Coalition",
			Reason: "A coalition whose explicit veto holder RU is a party: its veto does not count.",
			S: testkit.Build(testkit.Actors(testkit.Aside(testkit.WithVetoes(testkit.Coalition("willing", "US", "UK", "RU"), "RU"))),
				testkit.Guarantees(testkit.G("g", "willing", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "PartyIsANonMember",
			Reason: "BY is no member of the council: setting it aside changes nothing, and RU, a member but no party here, keeps its veto though RU is not an attacker.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(BY, UA)"))),
			Want: nil,
		},
		{
			Name:   "PartyIsABody",
			Reason: "The CSTO is the attacker and a member of the council: it is set aside, itself and not its members, and none of them is an attacker.",
			S: testkit.Build(testkit.Actors(csto, testkit.Aside(testkit.Alliance("council", actor.Unanimity, "US", "CSTO"))),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(CSTO, UA)"))),
			Want: nil,
		},
		{
			Name:   "PartyInsideAMemberBody",
			Reason: "RU attacks; the CSTO is no party, decides by unanimity without the rule, and is a veto holder of the council: RU blocks it, and through it the council.",
			S: testkit.Build(testkit.Actors(csto, testkit.Aside(testkit.Alliance("council", actor.Unanimity, "US", "CSTO"))),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: captured(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "PartyIsTheProvider",
			Reason: "RU provides and must consent to the council's finding: the council sets RU aside, but RU still decides for itself as provider.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "RU", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("consent(council)")))),
			Want: captured(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "RuleOnTheActivation",
			Reason: "The council has no rule of its own, but this one activation sets the parties aside; the other guarantee, decided by the same body without it, is captured.",
			S: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(
					testkit.G("aside", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("body(council)"), testkit.AsideActivation),
					testkit.G("plain", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("body(council)")))),
			Want: captured(testkit.Ids("RU"), "plain"),
		},
		{
			Name:   "GrantedVetoStays",
			Reason: "A veto the deal grants is no vote in a body: the rule does not set it aside.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: captured(testkit.Ids("RU"), "g"),
		},
	})
}

func TestPartiesSetAside(t *testing.T) {
	info := func(parties []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{testkit.Finding(scenario.PartiesSetAside, scenario.Info, parties, testkit.Gids(g), nil)}
	}
	council := testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU", "BY")
	testkit.RunFindingCases(t, scenario.PartiesSetAside, []testkit.FindingCase{
		{
			Name:   "Fires",
			Reason: "RU would hold a veto in the council and is not captured only because the rule sets it aside.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: info(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "TwoAttackers",
			Reason: "Both attackers of the trigger are members and both are set aside.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "any(attack(RU, UA), attack(BY, UA))"))),
			Want: info(testkit.Ids("BY", "RU"), "g"),
		},
		{
			Name:   "FiresOnTheActivation",
			Reason: "The rule set by one activation is named as well.",
			S: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("body(council)"), testkit.AsideActivation))),
			Want: info(testkit.Ids("RU"), "g"),
		},
		{
			Name:   "ActivationAndRenewal",
			Reason: "The council decides g and sets RU aside; another body, which renews g's mandate, sets BY aside: one finding for each decision, each naming its own party (package doc, Code).",
			S: testkit.Build(testkit.Actors(
				testkit.Aside(testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU")),
				testkit.Aside(testkit.Alliance("renewers", actor.Unanimity, "US", "BY"))),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "any(attack(RU, UA), attack(BY, UA))", testkit.Mandate("renewers", "", "", "")))),
			Want: append(info(testkit.Ids("BY"), "g"), info(testkit.Ids("RU"), "g")...),
		},
		{
			Name:   "NoRule",
			Reason: "Without the rule the guarantee is captured; nothing is set aside.",
			S: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			Want: nil,
		},
		{
			Name:   "NonMember",
			Reason: "The attacker is no member: it would hold no veto anyway.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(CN, UA)"))),
			Want: nil,
		},
		{
			Name:   "CapturedAllTheSame",
			Reason: "The provider RU keeps its own say: the guarantee is captured, so the rule does not explain why it is not.",
			S: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "RU", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("consent(council)")))),
			Want: nil,
		},
	})
	r := testkit.Evaluate(t, testkit.Build(testkit.Actors(testkit.Aside(council)),
		testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))))
	fs := testkit.Only(r, scenario.PartiesSetAside)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "council decides by unanimity, parties aside") {
		t.Errorf("the parties-set-aside finding should name the body and its rule; got:\n%s", testkit.ListFindings(fs))
	}
}

func TestPartiesAsideBlockedByMember(t *testing.T) {
	guarantors := testkit.Alliance("guarantors", actor.Unanimity, "US", "UK", "UA", "RU")
	refusing := testkit.Positions(testkit.Pos("RU", scenario.Refuses, testkit.ToUA), testkit.Pos("UA", scenario.Refuses, testkit.ToUA))
	byMember := func(a actor.ID) scenario.Finding {
		return testkit.Finding(scenario.BlockedByMember, scenario.Error, testkit.Ids(a, "guarantors"), testkit.Gids("g"), nil)
	}
	cases := []testkit.FindingCase{
		{
			Name:   "WithoutTheRule",
			Reason: "RU, the attacker, and UA, the beneficiary, each hold a veto in a unanimity body and refuse.",
			S: testkit.Build(testkit.Actors(guarantors), refusing,
				testkit.Guarantees(testkit.G("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
		},
		{
			Name:   "RuleOnTheBody",
			Reason: "The parties, RU and UA, are set aside: they cannot block the body, and only dissent.",
			S: testkit.Build(testkit.Actors(testkit.Aside(guarantors)), refusing,
				testkit.Guarantees(testkit.G("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
		},
		{
			Name:   "RuleOnTheActivation",
			Reason: "The activation, which the provider decides, sets the parties aside.",
			S: testkit.Build(testkit.Actors(guarantors), refusing,
				testkit.Guarantees(testkit.G("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)", testkit.AsideActivation))),
		},
	}
	cases[0].Want = []scenario.Finding{byMember("RU"), byMember("UA")}
	for i := range cases {
		cases[i].S.Positions[0].ID, cases[i].S.Positions[1].ID = "ru", "ua"
	}
	cases[0].Want[0].Positions, cases[0].Want[1].Positions = testkit.Refs("ru"), testkit.Refs("ua")
	testkit.RunFindingCases(t, scenario.BlockedByMember, cases)
	for _, tc := range cases[1:] {
		r := testkit.Evaluate(t, tc.S)
		if n := len(testkit.Only(r, scenario.DissentingMember)); n != 2 {
			t.Errorf("%s: %s\nwant two dissenting-member findings, one for each party; got:\n%s", tc.Name, tc.Reason, testkit.ListFindings(r.Findings))
		}
	}
}

func TestPartiesAsideValidate(t *testing.T) {
	council := testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU")
	tests := []struct {
		reason string
		s      scenario.Scenario
		want   string // "" for valid
		is     error
	}{
		{
			reason: "a body provides",
			s:      testkit.Build(testkit.Actors(council), testkit.Guarantees(testkit.G("g", "council", "UA", guarantee.Military, "attack(RU, UA)", testkit.AsideActivation))),
		},
		{
			reason: "a body decides",
			s:      testkit.Build(testkit.Actors(council), testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("body(council)"), testkit.AsideActivation))),
		},
		{
			reason: "a body must consent",
			s:      testkit.Build(testkit.Actors(council), testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("consent(RU, council)"), testkit.AsideActivation))),
		},
		{
			reason: "a state decides alone",
			s:      testkit.Build(testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.AsideActivation))),
			want:   "guarantees[0].parties-aside: no body decides this activation: the provider US is a state and no body must consent",
			is:     scenario.ErrAsideNoBody,
		},
		{
			reason: "only states consent",
			s:      testkit.Build(testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("consent(UK)"), testkit.AsideActivation))),
			want:   "guarantees[0].parties-aside: no body decides this activation: the provider US is a state and no body must consent",
			is:     scenario.ErrAsideNoBody,
		},
		{
			reason: "nobody decides an automatic activation",
			s:      testkit.Build(testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("automatic"), testkit.AsideActivation))),
			want:   "guarantees[0].parties-aside: an automatic activation has no decision to set the parties aside in",
			is:     guarantee.ErrAsideAutomatic,
		},
		{
			reason: "a state has no rule",
			s:      testkit.Build(testkit.Actors(actor.Actor{ID: "XX", PartiesAside: true})),
			want:   "parties-aside: a state has no decision rule",
			is:     actor.ErrRuleOfState,
		},
	}
	for _, tc := range tests {
		err := scenario.Validate(tc.s)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tc.want == "" && err != nil || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("Validate: %s: got %q, want one containing %q", tc.reason, got, tc.want)
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("Validate: %s: %v does not wrap %v", tc.reason, err, tc.is)
		}
	}
}

func TestPartiesAsideEdits(t *testing.T) {
	seed := testkit.Build(testkit.Actors(testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU")),
		testkit.Guarantees(
			testkit.G("by-council", "US", "UA", guarantee.Military, "attack(RU, UA)", testkit.Activation("body(council)")),
			testkit.G("us", "US", "UA", guarantee.Military, "attack(RU, UA)")))
	tests := []struct {
		reason string
		edit   scenario.Set
		want   string // the error, "" for none
		check  func(s scenario.Scenario) bool
	}{
		{
			reason: "a body's rule sets the parties aside",
			edit:   scenario.Set{Field: "council.parties-aside", Value: "true"},
			check:  func(s scenario.Scenario) bool { return s.Actors[len(s.Actors)-1].PartiesAside },
		},
		{
			reason: "an activation by a body sets the parties aside",
			edit:   scenario.Set{Field: "by-council.parties-aside", Value: "true"},
			check:  func(s scenario.Scenario) bool { return s.Guarantees[0].Activation.PartiesAside },
		},
		{
			reason: "a state has no rule",
			edit:   scenario.Set{Field: "US.parties-aside", Value: "true"},
			want:   "a state has no decision rule",
		},
		{
			reason: "a state provider that decides alone has nobody to set aside",
			edit:   scenario.Set{Field: "us.parties-aside", Value: "true"},
			want:   "no body decides this activation",
		},
		{
			reason: "neither true nor false",
			edit:   scenario.Set{Field: "council.parties-aside", Value: "maybe"},
			want:   `parties-aside "maybe": want true or false`,
		},
	}
	for _, tc := range tests {
		s, err := seed.With(tc.edit)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: With(%v): %v", tc.reason, tc.edit, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: With(%v) = %v; want an error containing %q", tc.reason, tc.edit, err, tc.want)
		case tc.check != nil && !tc.check(s):
			t.Errorf("%s: With(%v) did not set it", tc.reason, tc.edit)
		}
	}

	// Setting the activation keeps parties-aside; turning the activation
	// automatic with it set is refused.
	aside, err := seed.With(scenario.Set{Field: "by-council.parties-aside", Value: "true"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := aside.With(scenario.Set{Field: "by-council.activation", Value: "automatic"}); err == nil {
		t.Error("an automatic activation that sets the parties aside was accepted")
	}
	kept, err := aside.With(scenario.Set{Field: "by-council.activation", Value: "consent(council)"})
	if err != nil || !kept.Guarantees[0].Activation.PartiesAside {
		t.Errorf("setting the activation lost parties-aside (err %v)", err)
	}

	// Diff replaces a guarantee whose parties-aside and activation both
	// change, since Sets one at a time would pass through an invalid one.
	plain, err := aside.With(scenario.Set{Field: "by-council.parties-aside", Value: ""})
	if err != nil {
		t.Fatal(err)
	}
	plain, err = plain.With(scenario.Set{Field: "by-council.activation", Value: "automatic"})
	if err != nil {
		t.Fatal(err)
	}
	d := scenario.Diff(aside, plain)
	if len(d) != 1 || d[0].String() != "replace guarantee by-council" {
		t.Errorf("Diff = %v; want one replace of by-council", d)
	}
	if _, err := aside.With(d...); err != nil {
		t.Errorf("aside.With(Diff(aside, plain)...): %v", err)
	}
	if d := scenario.Diff(seed, aside); len(d) != 1 || d[0].String() != "set by-council.parties-aside = true" {
		t.Errorf("Diff names the change as %v; want set by-council.parties-aside = true", d)
	}
}

func TestPartiesAsideAtRandomIsValid(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	aside := 0
	for seed := range uint64(500) {
		s := testkit.Generate(seed, testkit.RandomShape(r))
		if err := scenario.Validate(s); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, g := range s.Guarantees {
			if g.Activation.PartiesAside {
				aside++
			}
		}
	}
	if aside < 100 {
		t.Errorf("only %d activations set the parties aside in 500 scenarios", aside)
	}
}
