package scenario_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's paragraph "Parties set aside":
// for a guarantee decided by a body whose rule, or whose activation, sets
// the parties aside, the attackers of its trigger and its beneficiary are
// no veto holders of that decision.

// aside returns a with its rule setting the parties aside.
func aside(a actor.Actor) actor.Actor {
	a.PartiesAside = true
	return a
}

// asideActivation sets the parties aside in g's activation.
func asideActivation(gg *guarantee.Guarantee) { gg.Activation.PartiesAside = true }

func withThreshold(a actor.Actor, n int) actor.Actor {
	a.Threshold = n
	return a
}

func TestPartiesAsideCaptured(t *testing.T) {
	captured := func(attackers []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{finding(scenario.CapturedGuarantee, scenario.Error, attackers, gids(g), nil)}
	}
	council := alliance("council", actor.Unanimity, "US", "UK", "RU")
	csto := alliance("CSTO", actor.Unanimity, "RU", "BY")
	runFindingCases(t, scenario.CapturedGuarantee, []findingCase{
		{
			name:   "UnanimityPartyIsMember",
			reason: "The League Council under Article 15: RU sits on a unanimity body whose rule sets the parties aside, so RU cannot block a decision on its own attack.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "UnanimityWithoutTheRule",
			reason: "The same body without the rule: RU holds a veto and the guarantee is captured.",
			s: build(actors(council),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "g"),
		},
		{
			name:   "MajorityWithVetoes",
			reason: "Charter Article 27(3): a Security Council whose rule sets the parties aside does not let RU's veto count on an RU attack.",
			s: build(actors(aside(unsc())),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("body(UNSC)")))),
			want: nil,
		},
		{
			name:   "ExplicitThreshold",
			reason: "Three of three must agree; with RU aside the threshold of three cannot be met by the two others, so each of them, not RU, holds a veto.",
			s: build(actors(aside(withThreshold(alliance("trio", actor.Default, "US", "UK", "RU"), 3))),
				guarantees(g("g", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "ExplicitThresholdWithoutTheRule",
			reason: "Three of three without the rule: RU's no leaves two, too few.",
			s: build(actors(withThreshold(alliance("trio", actor.Default, "US", "UK", "RU"), 3)),
				guarantees(g("g", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "g"),
		},
		{
			name:   "Coalition",
			reason: "A coalition whose explicit veto holder RU is a party: its veto does not count.",
			s: build(actors(aside(withVetoes(coalition("willing", "US", "UK", "RU"), "RU"))),
				guarantees(g("g", "willing", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "PartyIsANonMember",
			reason: "BY is no member of the council: setting it aside changes nothing, and RU, a member but no party here, keeps its veto though RU is not an attacker.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(BY, UA)"))),
			want: nil,
		},
		{
			name:   "PartyIsABody",
			reason: "The CSTO is the attacker and a member of the council: it is set aside, itself and not its members, and none of them is an attacker.",
			s: build(actors(csto, aside(alliance("council", actor.Unanimity, "US", "CSTO"))),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(CSTO, UA)"))),
			want: nil,
		},
		{
			name:   "PartyInsideAMemberBody",
			reason: "RU attacks; the CSTO is no party, decides by unanimity without the rule, and is a veto holder of the council: RU blocks it, and through it the council.",
			s: build(actors(csto, aside(alliance("council", actor.Unanimity, "US", "CSTO"))),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "g"),
		},
		{
			name:   "PartyIsTheProvider",
			reason: "RU provides and must consent to the council's finding: the council sets RU aside, but RU still decides for itself as provider.",
			s: build(actors(aside(council)),
				guarantees(g("g", "RU", "UA", guarantee.Military, "attack(RU, UA)", activation("consent(council)")))),
			want: captured(ids("RU"), "g"),
		},
		{
			name:   "RuleOnTheActivation",
			reason: "The council has no rule of its own, but this one activation sets the parties aside; the other guarantee, decided by the same body without it, is captured.",
			s: build(actors(council),
				guarantees(
					g("aside", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("body(council)"), asideActivation),
					g("plain", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("body(council)")))),
			want: captured(ids("RU"), "plain"),
		},
		{
			name:   "GrantedVetoStays",
			reason: "A veto the deal grants is no vote in a body: the rule does not set it aside.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)")),
				vetoes(grant("RU", toUA))),
			want: captured(ids("RU"), "g"),
		},
	})
}

func TestPartiesSetAside(t *testing.T) {
	info := func(parties []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{finding(scenario.PartiesSetAside, scenario.Info, parties, gids(g), nil)}
	}
	council := alliance("council", actor.Unanimity, "US", "UK", "RU", "BY")
	runFindingCases(t, scenario.PartiesSetAside, []findingCase{
		{
			name:   "Fires",
			reason: "RU would hold a veto in the council and is not captured only because the rule sets it aside.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: info(ids("RU"), "g"),
		},
		{
			name:   "TwoAttackers",
			reason: "Both attackers of the trigger are members and both are set aside.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "any(attack(RU, UA), attack(BY, UA))"))),
			want: info(ids("BY", "RU"), "g"),
		},
		{
			name:   "FiresOnTheActivation",
			reason: "The rule set by one activation is named as well.",
			s: build(actors(council),
				guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("body(council)"), asideActivation))),
			want: info(ids("RU"), "g"),
		},
		{
			name:   "NoRule",
			reason: "Without the rule the guarantee is captured; nothing is set aside.",
			s: build(actors(council),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "NonMember",
			reason: "The attacker is no member: it would hold no veto anyway.",
			s: build(actors(aside(council)),
				guarantees(g("g", "council", "UA", guarantee.Military, "attack(CN, UA)"))),
			want: nil,
		},
		{
			name:   "CapturedAllTheSame",
			reason: "The provider RU keeps its own say: the guarantee is captured, so the rule does not explain why it is not.",
			s: build(actors(aside(council)),
				guarantees(g("g", "RU", "UA", guarantee.Military, "attack(RU, UA)", activation("consent(council)")))),
			want: nil,
		},
	})
	r := evaluate(t, build(actors(aside(council)),
		guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)"))))
	fs := only(r, scenario.PartiesSetAside)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "council decides by unanimity, parties aside") {
		t.Errorf("the parties-set-aside finding should name the body and its rule; got:\n%s", listFindings(fs))
	}
}

func TestPartiesAsideBlockedByMember(t *testing.T) {
	guarantors := alliance("guarantors", actor.Unanimity, "US", "UK", "UA", "RU")
	refusing := positions(pos("RU", scenario.Refuses, toUA), pos("UA", scenario.Refuses, toUA))
	byMember := func(a actor.ID) scenario.Finding {
		return finding(scenario.BlockedByMember, scenario.Error, ids(a, "guarantors"), gids("g"), nil)
	}
	cases := []findingCase{
		{
			name:   "WithoutTheRule",
			reason: "RU, the attacker, and UA, the beneficiary, each hold a veto in a unanimity body and refuse.",
			s: build(actors(guarantors), refusing,
				guarantees(g("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
		},
		{
			name:   "RuleOnTheBody",
			reason: "The parties, RU and UA, are set aside: they cannot block the body, and only dissent.",
			s: build(actors(aside(guarantors)), refusing,
				guarantees(g("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
		},
		{
			name:   "RuleOnTheActivation",
			reason: "The activation, which the provider decides, sets the parties aside.",
			s: build(actors(guarantors), refusing,
				guarantees(g("g", "guarantors", "UA", guarantee.Military, "attack(RU, UA)", asideActivation))),
		},
	}
	cases[0].want = []scenario.Finding{byMember("RU"), byMember("UA")}
	for i := range cases {
		cases[i].s.Positions[0].ID, cases[i].s.Positions[1].ID = "ru", "ua"
	}
	cases[0].want[0].Positions, cases[0].want[1].Positions = refs("ru"), refs("ua")
	runFindingCases(t, scenario.BlockedByMember, cases)
	for _, tc := range cases[1:] {
		r := evaluate(t, tc.s)
		if n := len(only(r, scenario.DissentingMember)); n != 2 {
			t.Errorf("%s: %s\nwant two dissenting-member findings, one for each party; got:\n%s", tc.name, tc.reason, listFindings(r.Findings))
		}
	}
}

func TestPartiesAsideValidate(t *testing.T) {
	council := alliance("council", actor.Unanimity, "US", "UK", "RU")
	tests := []struct {
		reason string
		s      scenario.Scenario
		want   string // "" for valid
		is     error
	}{
		{
			reason: "a body provides",
			s:      build(actors(council), guarantees(g("g", "council", "UA", guarantee.Military, "attack(RU, UA)", asideActivation))),
		},
		{
			reason: "a body decides",
			s:      build(actors(council), guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("body(council)"), asideActivation))),
		},
		{
			reason: "a body must consent",
			s:      build(actors(council), guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("consent(RU, council)"), asideActivation))),
		},
		{
			reason: "a state decides alone",
			s:      build(guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", asideActivation))),
			want:   "guarantees[0].parties-aside: no body decides this activation: the provider US is a state and no body must consent",
			is:     scenario.ErrAsideNoBody,
		},
		{
			reason: "only states consent",
			s:      build(guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("consent(UK)"), asideActivation))),
			want:   "guarantees[0].parties-aside: no body decides this activation: the provider US is a state and no body must consent",
			is:     scenario.ErrAsideNoBody,
		},
		{
			reason: "nobody decides an automatic activation",
			s:      build(guarantees(g("g", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("automatic"), asideActivation))),
			want:   "guarantees[0].parties-aside: an automatic activation has no decision to set the parties aside in",
			is:     guarantee.ErrAsideAutomatic,
		},
		{
			reason: "a state has no rule",
			s:      build(actors(actor.Actor{ID: "XX", PartiesAside: true})),
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

func TestSimulatePartiesAside(t *testing.T) {
	council := alliance("council", actor.Unanimity, "US", "UK", "RU", "BY")
	trigger := "any(attack(RU, UA), attack(BY, UA))"
	runSimCases(t, []simCase{
		{
			name:   "TwoAttackersFirstCall",
			reason: "Both attackers of the trigger sit on a council that sets the parties aside: neither can void the call RU's attack makes.",
			s: build(actors(aside(council)),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"))),
				timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
		{
			name:   "TwoAttackersOtherAttacker",
			reason: "The other attacker of the same trigger, BY, calls it: BY is set aside as well.",
			s: build(actors(aside(council)),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"))),
				timeline("attack(BY, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
		{
			name:   "TwoAttackersSecondCall",
			reason: "BY's attack is a second call, whose party is BY alone: RU is no party to it and, having attacked UA, blocks it.",
			s: build(actors(aside(council)),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"))),
				timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   1,
			want: []simCall{blockedBy("g", aimedAt("RU", "attack(RU, UA)"))},
		},
		{
			name:   "WithoutTheRule",
			reason: "The same council without the rule: the attacker of each call holds a veto, and each call is void by it alone.",
			s: build(actors(council),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"))),
				timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   0,
			want: []simCall{voidBy("g", capturedBy("RU"))},
		},
		{
			name:   "WithoutTheRuleSecondCall",
			reason: "Without the rule, BY's call is void by BY alone.",
			s: build(actors(council),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"))),
				timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   1,
			want: []simCall{voidBy("g", capturedBy("BY"))},
		},
		{
			name:   "RuleOnTheActivation",
			reason: "The council has no rule of its own; this activation sets the parties aside.",
			s: build(actors(council),
				guarantees(g("g", "US", "UA", guarantee.Military, trigger, activation("body(council)"), asideActivation)),
				timeline("attack(RU, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
	})
}

func TestPartiesAsideEdits(t *testing.T) {
	seed := build(actors(alliance("council", actor.Unanimity, "US", "UK", "RU")),
		guarantees(
			g("by-council", "US", "UA", guarantee.Military, "attack(RU, UA)", activation("body(council)")),
			g("us", "US", "UA", guarantee.Military, "attack(RU, UA)")))
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

// partiesAsideAtRandom sets the parties aside in some bodies' rules and
// some activations that a body decides, drawing from a stream of its own
// so that the rest of the scenario is the one the seed gave before: the
// brute-force references of Search, Compare and sweeps meet the rule on
// thousands of random scenarios.
func partiesAsideAtRandom(seed uint64, s *scenario.Scenario) {
	r := rand.New(rand.NewPCG(seed, 0x6173696465)) // "aside"
	bodies := map[actor.ID]bool{}
	for i := range s.Actors {
		a := &s.Actors[i]
		if a.Kind.IsBody() {
			bodies[a.ID] = true
			a.PartiesAside = r.IntN(100) < 30
		}
	}
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		decided := false
		switch g.Activation.Mode {
		case guarantee.ByBody:
			decided = true
		case guarantee.Consent:
			decided = bodies[g.Provider] || slices.ContainsFunc(g.Activation.Actors, func(id actor.ID) bool { return bodies[id] })
		case guarantee.ByProvider:
			decided = bodies[g.Provider]
		}
		g.Activation.PartiesAside = decided && r.IntN(100) < 25
	}
}

func TestPartiesAsideAtRandomIsValid(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	aside := 0
	for seed := range uint64(500) {
		s := generate(seed, randomShape(r))
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
