package scenario_test

import (
	"fmt"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The UN observers in Georgia lasted while the Security Council renewed
// their mandate, four months at a time after the war of August 2008. Russia,
// an attacker the mission answers, holds a veto in the Council: the mission
// lasts only until the first renewal after that attack. Russia vetoed its
// renewal on 15 June 2009 (S/PV.6143).
func ExampleEvaluate_mandate() {
	p5 := []actor.ID{"US", "UK", "FR", "RU", "CN"}
	unomig := guarantee.Guarantee{
		ID: "unomig", Provider: "UNSC", Beneficiary: "GE", Kind: "diplomatic/observers",
		Trigger:    guarantee.AnyOf(guarantee.Attack("AB", "GE"), guarantee.Attack("RU", "GE")),
		Activation: guarantee.Activation{Mode: guarantee.Automatic},
		Mandate:    guarantee.RenewedBy("UNSC", guarantee.Months(4)).Starting("2008-10-15"),
	}
	s := scenario.Scenario{
		Actors: []actor.Actor{
			{ID: "GE"}, {ID: "AB"}, {ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "RU"}, {ID: "CN"},
			{ID: "UNSC", Kind: actor.Organization, Members: p5, Decides: actor.Majority, Vetoes: p5},
		},
		Guarantees: []guarantee.Guarantee{unomig},
		Timeline: []guarantee.Event{
			guarantee.AttackEvent("RU", "GE").At("2008-08-08"),
			guarantee.Renewal("UNSC").At("2009-06-15"),
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict)
	for f := range r.Only(scenario.CapturedRenewal) {
		fmt.Println(f.Actors, f.Guarantees)
		fmt.Println(f.Message)
	}
	// Output:
	// incompatible
	// [RU] [unomig]
	// RU holds a veto in UNSC's rule (majority), which renews unomig's mandate every 4 months, and is an attacker of its trigger, any(attack(AB, GE), attack(RU, GE)): unomig lasts only until the first renewal after the attack it exists to answer
}

// WithMandate puts a guarantee under a mandate as a what-if; Diff names
// the change the same way.
func ExampleWithMandate() {
	p5 := []actor.ID{"US", "UK", "FR", "RU", "CN"}
	s := scenario.Scenario{
		Actors: []actor.Actor{
			{ID: "UA"}, {ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "RU"}, {ID: "CN"},
			{ID: "UNSC", Kind: actor.Organization, Members: p5, Decides: actor.Majority, Vetoes: p5},
		},
		Guarantees: []guarantee.Guarantee{{
			ID: "force", Provider: "UK", Beneficiary: "UA", Kind: guarantee.GroundTroops,
			Trigger: guarantee.AnyOf(guarantee.On("peace-deal"), guarantee.Attack("RU", "UA")),
		}},
	}
	t, err := s.With(scenario.WithMandate{Guarantee: "force", Mandate: guarantee.RenewedBy("UNSC", guarantee.Years(1))})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(scenario.Diff(s, t))
	fmt.Println(scenario.Diff(t, s))
	// Output:
	// [with mandate force: renewed by UNSC every 1 year]
	// [without mandate force]
}
