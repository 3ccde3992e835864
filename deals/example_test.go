package deals_test

import (
	"context"
	"fmt"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
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
