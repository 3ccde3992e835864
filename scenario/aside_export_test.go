package scenario

import (
	"context"

	"github.com/entente-go/entente/internal/core"
)

// EvaluateForcingAside is Evaluate through the paths of the parties-aside
// rule, for tests that check those paths answer as the plain ones do.
func EvaluateForcingAside(s Scenario) (Report, error) {
	return evaluateWith(s, core.Options{ForceAside: true})
}

// SimulateForcingAside is Simulate through the paths of the parties-aside
// rule.
func SimulateForcingAside(s Scenario) (Simulation, error) {
	return simulateWith(s, core.Options{ForceAside: true})
}

// SearchForcingAside is Search through the paths of the parties-aside
// rule.
func SearchForcingAside(ctx context.Context, s Scenario, opts SearchOptions) (SearchResult, error) {
	return searchWith(ctx, s, opts, core.Options{ForceAside: true})
}
