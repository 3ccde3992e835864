package bargain_test

import (
	"context"
	"fmt"
	"os"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Two actors value two offers differently: A wants both, B wants only
// the first and is hurt by the second.
func ExampleSolve() {
	s := scenario.Scenario{
		Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "aid", Provider: "US", Beneficiary: "A", Kind: guarantee.Aid},
			{ID: "air", Provider: "US", Beneficiary: "A", Kind: guarantee.AirSupport},
		},
		Values: []scenario.Value{
			{Actor: "A", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: 3, Select: guarantee.SelectIDs("air")}}},
			{Actor: "B", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: -1, Select: guarantee.SelectIDs("air")}}},
		},
	}
	r, err := bargain.Solve(context.Background(), s, bargain.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d outcomes, %d on the frontier\n", r.Outcomes, r.FrontierCount)
	for _, sol := range r.Solutions {
		fmt.Printf("%-17s %v gains %v\n", sol.Name, sol.Outcome.Guarantees, sol.Outcome.Gains)
	}
	// Output:
	// 3 outcomes, 2 on the frontier
	// utilitarian       [aid air] gains [5 1]
	// nash              [aid air] gains [5 1]
	// kalai-smorodinsky [aid air] gains [5 1]
	// egalitarian       [aid] gains [2 2]
}

// The same two offers, with air support requiring a basing agreement
// that costs A and B: UtilitarianOptimum finds the best deal without
// listing the outcomes, and WriteUtilitarian prints it as entente bargain
// --utilitarian does.
func ExampleUtilitarianOptimum() {
	s := scenario.Scenario{
		Name:   "air support needs basing",
		Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "aid", Provider: "US", Beneficiary: "A", Kind: guarantee.Aid},
			{ID: "air", Provider: "US", Beneficiary: "A", Kind: guarantee.AirSupport, Requires: []guarantee.ID{"basing"}},
			{ID: "basing", Provider: "US", Beneficiary: "A", Kind: guarantee.Military},
		},
		Values: []scenario.Value{
			{Actor: "A", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: 3, Select: guarantee.SelectIDs("air")}, {Weight: -2, Select: guarantee.SelectIDs("basing")}}},
			{Actor: "B", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: -1, Select: guarantee.SelectIDs("air")}, {Weight: -1, Select: guarantee.SelectIDs("basing")}}},
		},
	}
	sol, err := bargain.UtilitarianOptimum(context.Background(), s)
	if err != nil {
		fmt.Println(err)
		return
	}
	bargain.WriteUtilitarian(os.Stdout, s, sol)
	// Output:
	// air support needs basing
	// utilitarian, found without listing the outcomes
	//   guarantees: aid
	//   vetoes granted: none
	//   utilities: A 2, B 2
	//   why: the sum of utilities is 4, the largest of any outcome
}
