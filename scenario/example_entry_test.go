package scenario_test

import (
	"context"
	"fmt"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// The seed: security guarantees for Ukraine as reported on 21 August 2025
// ("Rubio reiterates Trump's support for Ukraine, calls for European
// leadership"). Is any deal possible? None is as the positions stand;
// Russia dropping its demand for a veto would make one possible, and so
// would Kyiv accepting the veto if the US also dropped its insistence on a
// European force.
func ExampleSearch() {
	r, err := deals.Search(context.Background(), examples.Ukraine2025(), deals.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("feasible:", r.Feasible)
	for _, c := range r.Concessions {
		fmt.Println("concession:", c.Positions, "unlocks", c.Unlocks[0].Guarantees)
	}
	for _, c := range r.Conflicts {
		fmt.Println("conflict:", c.Positions)
	}
	// Output:
	// feasible: false
	// concession: [ru-demands-veto] unlocks [european-force turkey-black-sea us-air-support us-intelligence willing-financial willing-sanctions]
	// concession: [us-wants-europe-lead ua-rejects-ru-veto] unlocks [turkey-black-sea us-intelligence]
	// conflict: [us-wants-europe-lead ru-demands-veto]
	// conflict: [ru-demands-veto ua-rejects-ru-veto]
}

// The UN Observer Mission in Georgia answered Russia's attack of August
// 2008; the Security Council renewed it for four months at a time
// (S/RES/1839, S/RES/1866) until Russia, the attacker, vetoed the renewal
// on 15 June 2009 (S/PV.6143). The walk says when Russia could first stop
// it: at the first renewal point after the attack, 15 February 2009. (In
// fact Russia let it run to June; a model says what a veto holder can do,
// not when it chooses to.)
func ExampleSimulate() {
	sim, err := walk.Simulate(examples.Georgia2009())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range sim.Steps {
		fmt.Println(st.Event.Date, st.Event)
		for _, o := range st.Due {
			fmt.Println("  ", o.Status, o.Guarantee)
		}
		for _, l := range st.Lapses {
			fmt.Println("   lapsed", l.Guarantee, l.Date+":", l.Blocks[0].Message)
		}
	}
	// Output:
	// 1994-05-14 ceasefire
	// 2008-08-08 attack(RU, GE)
	//    activates unomig
	// 2009-06-15 renewal(UNSC)
	//    lapsed unomig 2009-02-15: RU can stop its renewal in UNSC and is an attacker of attack(RU, GE), which its trigger names
}

// The seed against its variant in which Moscow drops its demand for a veto
// (source: the article of 21 August 2025 the seed cites): the one edit
// removes the veto dispute and every finding it caused, and opens eight
// possible deals where there were none.
func ExampleCompare() {
	s := examples.Ukraine2025()
	v, err := s.Variant("moscow-drops-veto-demand")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := compare.Scenarios(context.Background(), s, v)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.BaseVerdict, "->", c.OtherVerdict, c.Edits)
	for _, f := range c.Disappeared {
		fmt.Println("gone:", f.Before.Code)
	}
	fmt.Printf("deals: %s, %d before, %d after\n", c.Space.Relation, c.Space.Base, c.Space.Other)
	// Output:
	// incompatible -> compatible [without ru-demands-veto]
	// gone: unmet-veto-demand
	// gone: veto-conflict
	// gone: blocked-dependency
	// gone: blocked-dependency
	// gone: no-military-response
	// deals: more-permissive, 0 before, 8 after
}

// A what-if is a new scenario; the seed is left as it was. Without US air
// support, which the article reports the US could offer, Europe's force
// loses the backstop it requires.
func ExampleScenario_With() {
	s := examples.Ukraine2025()
	w, err := s.With(scenario.Without{ID: "us-air-support"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := scenario.Evaluate(w)
	if err != nil {
		fmt.Println(err)
		return
	}
	for f := range r.Only(scenario.MissingDependency) {
		fmt.Println(f.Message)
	}
	fmt.Println(len(s.Guarantees), "guarantees in the seed,", len(w.Guarantees), "in the what-if")
	// Output:
	// european-force requires us-air-support, which the deal does not contain
	// 6 guarantees in the seed, 5 in the what-if
}

// The seed file carries its what-ifs as variants. Granting Russia the veto
// it demands (the article of 21 August 2025) lets Russia stop the response
// to its own attack.
func ExampleScenario_Variant() {
	v, err := examples.Ukraine2025().Variant("moscow-gets-its-veto")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := scenario.Evaluate(v)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Scenario)
	for f := range r.Only(scenario.CapturedGuarantee) {
		fmt.Println(f.Code, f.Guarantees)
	}
	// Output:
	// Ukraine security guarantees, August 2025 (variant moscow-gets-its-veto)
	// captured-guarantee [us-air-support]
	// captured-guarantee [willing-financial]
	// captured-guarantee [willing-sanctions]
}
