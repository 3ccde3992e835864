package compare_test

import (
	"context"
	"fmt"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/examples"
)

// The seed against its variant in which Moscow drops its demand for a veto
// (source: the article of 21 August 2025 the seed cites): the one edit
// removes the veto dispute and every finding it caused, and opens eight
// possible deals where there were none.
func ExampleScenarios() {
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
