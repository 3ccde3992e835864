package examples_test

import (
	"fmt"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
)

// The seed scenario, evaluated: Russia's demand for a veto and Kyiv's
// rejection of it cannot both be met.
func ExampleUkraine2025() {
	s := examples.Ukraine2025()
	fmt.Printf("%d actors, %d guarantees, %d positions\n", len(s.Actors), len(s.Guarantees), len(s.Positions))
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict)
	for f := range r.Only(scenario.VetoConflict) {
		fmt.Println(f.Actors, f.Positions)
	}
	// Output:
	// 13 actors, 6 guarantees, 5 positions
	// incompatible
	// [RU UA] [ru-demands-veto ua-rejects-ru-veto]
}
