package examples_test

// The three things a newcomer does first, each in as few lines as the API
// allows: build a scenario in code and ask it everything; write a what-if
// as a test; bargain over the seed's variants.

import (
	"context"
	"fmt"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariotest"
	"github.com/entente-go/entente/walk"
)

// A scenario built in code, evaluated, searched and walked. In the
// Budapest Memorandum of 5 December 1994 (UN document A/49/765-S/1994/1399,
// paragraph 4) the United States undertook to seek immediate Security
// Council action if Ukraine became the victim of an act of aggression "in
// which nuclear weapons are used"; the scenario drops that condition, to
// ask what the undertaking would have been worth without it. When Russia
// seized Crimea in 2014 it vetoed the Council's draft resolution
// (S/2014/189, 15 March 2014, S/PV.7138). The Council here is its five
// permanent members, each with a veto.
func Example_inCode() {
	p5 := []actor.ID{"US", "UK", "FR", "RU", "CN"}
	s := scenario.Scenario{
		Name: "Budapest Memorandum, 1994",
		Actors: []actor.Actor{{ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "RU"}, {ID: "CN"}, {ID: "UA"},
			{ID: "UNSC", Kind: actor.Organization, Members: p5, Decides: actor.Majority, Vetoes: p5}},
		Guarantees: []guarantee.Guarantee{{ID: "seek-unsc-action", Provider: "US", Beneficiary: "UA",
			Kind: guarantee.Consultation, Strength: guarantee.Assurance,
			Trigger: guarantee.Attack("RU", "UA"), Activation: guarantee.DecidedBy("UNSC")}},
		Timeline: []guarantee.Event{guarantee.AttackEvent("RU", "UA")},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict, r.Findings[0].Code)
	found, err := deals.Search(context.Background(), s, deals.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("feasible:", found.Feasible)
	sim, err := walk.Simulate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range sim.Steps[0].Due {
		fmt.Println(o.Status, o.Guarantee+":", o.Blocks[0].Message)
	}
	// Output:
	// incompatible captured-guarantee
	// feasible: false
	// void seek-unsc-action: RU can stop it and is an attacker this call answers
}

// A what-if checked like a test. The seed (security guarantees for
// Ukraine as reported on 21 August 2025, "Rubio reiterates Trump's support
// for Ukraine, calls for European leadership") with the veto Russia
// demands granted: US air support can never answer a Russian attack, and
// after one Ukraine receives US intelligence alone. In a test, end the
// chain with .Check(t) instead, as TestWhatIf does.
func Example_whatIf() {
	c := scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}}).
		Finding(scenario.CapturedGuarantee, "us-air-support").
		Status("attack(RU, UA)", "us-air-support", walk.Void).
		Receives("attack(RU, UA)", "UA", guarantee.Surveillance)
	fmt.Printf("%s: %d problems\n", c, len(c.Problems()))
	// Output:
	// grant RU veto over {beneficiary: UA}: 0 problems
}

// TestWhatIf is Example_whatIf as the test a newcomer writes.
func TestWhatIf(t *testing.T) {
	scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}}).
		Finding(scenario.CapturedGuarantee, "us-air-support").
		Status("attack(RU, UA)", "us-air-support", walk.Void).
		Receives("attack(RU, UA)", "UA", guarantee.Surveillance).
		Check(t)
}

// The seed bargained over, variant by variant, by the values its file
// gives the actors (readings of the article of 21 August 2025). Only when
// Moscow drops its demand for a veto is there a deal to bargain over, and
// then every deal is worse for Russia than none: the utilitarian solution,
// which sums utilities, picks every offer; the other three, which need each
// actor to gain, say why none exists.
func Example_bargain() {
	s := examples.Ukraine2025()
	for _, v := range s.Variants {
		w, err := s.Variant(v.Name)
		if err != nil {
			fmt.Println(err)
			return
		}
		r, err := bargain.Solve(context.Background(), w, bargain.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d deals\n", v.Name, r.Outcomes)
		if r.Outcomes == 0 {
			continue
		}
		for _, sol := range r.Solutions {
			if sol.Outcome != nil {
				fmt.Println("  ", sol.Name, sol.Outcome.Guarantees)
			} else {
				fmt.Println("  ", sol.Name, "none:", sol.Reason)
			}
		}
	}
	// Output:
	// moscow-drops-veto-demand: 8 deals
	//    utilitarian [european-force turkey-black-sea us-air-support us-intelligence willing-financial willing-sanctions]
	//    nash none: RU's best utility over all 8 outcomes is -4, below its disagreement value 0: it rules every outcome out
	//    kalai-smorodinsky none: RU's best utility over all 8 outcomes is -4, below its disagreement value 0: it rules every outcome out
	//    egalitarian none: RU's best utility over all 8 outcomes is -4, below its disagreement value 0: it rules every outcome out
	// moscow-gets-its-veto: 0 deals
	// no-us-air-support: 0 deals
	// osce-monitoring-consensus-minus-one: 0 deals
	// un-mandated-force: 0 deals
	// un-mandated-first-line: 0 deals
}
