package walk

import (
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/scenario"
)

// SimulateForcingAside is Simulate through the paths of the parties-aside
// rule, for tests that check those paths answer as the plain ones do.
func SimulateForcingAside(s scenario.Scenario) (Simulation, error) {
	return simulateWith(s, core.Options{ForceAside: true})
}
