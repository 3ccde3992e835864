package entente_test

import (
	"fmt"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Russia demands a veto over any guarantee to Ukraine; Kyiv rejects it. No
// deal that keeps the US air support can satisfy both.
func Example() {
	s := scenario.Scenario{
		Actors: []actor.Actor{{ID: "US"}, {ID: "UA"}, {ID: "RU"}},
		Guarantees: []guarantee.Guarantee{{
			ID: "us-air-support", Provider: "US", Beneficiary: "UA",
			Kind: guarantee.AirSupport, Trigger: guarantee.Attack("RU", "UA"),
		}},
		Positions: []scenario.Position{
			{Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{Beneficiary: "UA"}},
			{Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"}, Select: guarantee.Selector{Beneficiary: "UA"}},
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict)
	for _, f := range r.Findings {
		fmt.Println(f)
	}
	// Output:
	// incompatible
	// error unmet-veto-demand: RU demands a veto over guarantees to UA but cannot stop us-air-support
	// error veto-conflict: RU demands a veto over guarantees to UA; UA rejects any RU veto over them
	// warning no-military-response: no military guarantee to UA answers an attack by RU free of error findings: us-air-support has errors
}
