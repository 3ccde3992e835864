package examples_test

import (
	"fmt"
	"slices"

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

// The Locarno guarantees of 1925, evaluated as the Covenant has it and with
// the parties voting: the rule that sets them aside is all that keeps the
// guarantees from being captured.
func ExampleLocarno1925() {
	s := examples.Locarno1925()
	for _, name := range []string{"", "parties-vote"} {
		v := s
		if name != "" {
			var err error
			if v, err = s.Variant(name); err != nil {
				fmt.Println(err)
				return
			}
		}
		r, err := scenario.Evaluate(v)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s, %d set aside, %d captured\n", r.Scenario, r.Verdict,
			len(slices.Collect(r.Only(scenario.PartiesSetAside))), len(slices.Collect(r.Only(scenario.CapturedGuarantee))))
	}
	// Output:
	// Locarno Treaty of Mutual Guarantee, 1925: compatible, 6 set aside, 0 captured
	// Locarno Treaty of Mutual Guarantee, 1925 (variant parties-vote): incompatible, 0 set aside, 6 captured
}
