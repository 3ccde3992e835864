package sweep_test

import (
	"context"
	"fmt"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
)

// In the draft treaty negotiated after the Istanbul talks of March 2022,
// Russia asked that the guarantors act only by a decision all of them
// shared, itself among them, which Ukraine refused (The New York Times,
// "The Peace Deal That Could Have Ended the War in Ukraine", 15 June 2024).
// Suppose Russia would have dropped the demand with probability 0.3, and
// the British guarantee were honoured with probability 0.8. The deal
// stands exactly when Russia drops the demand; whether Britain honours its
// guarantee changes nothing, and its small effect is sampling noise.
func ExampleRun() {
	s := scenario.Scenario{
		Name:   "Istanbul draft treaty, April 2022",
		Actors: []actor.Actor{{ID: "UA"}, {ID: "RU"}, {ID: "UK"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "uk-assistance", Provider: "UK", Beneficiary: "UA", Kind: guarantee.Military,
				Target: "RU", Trigger: guarantee.Attack("RU", "UA"), Likelihood: new(0.8)},
			{ID: "us-assistance", Provider: "US", Beneficiary: "UA", Kind: guarantee.Military,
				Target: "RU", Trigger: guarantee.Attack("RU", "UA")},
		},
		Positions: []scenario.Position{
			{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto,
				Select: guarantee.Selector{Beneficiary: "UA"}, Likelihood: new(0.7)},
			{ID: "ua-rejects-veto", Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"},
				Select: guarantee.Selector{Beneficiary: "UA"}},
		},
	}
	r, err := sweep.Run(context.Background(), s, sweep.Options{Samples: 10000, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("compatible", r.Compatible)
	for _, sv := range r.Sensitivity {
		fmt.Printf("%+.2f %s\n", sv.Effect, sv.Element)
	}
	// Output:
	// compatible 0.306 [0.297, 0.316]
	// -1.00 position ru-demands-veto
	// +0.02 guarantee uk-assistance
}
