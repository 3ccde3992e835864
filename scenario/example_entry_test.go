package scenario_test

import (
	"fmt"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
)

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
