package scenario

import "context"

// EvaluateForcingAside is Evaluate through the paths of the parties-aside
// rule, for tests that check those paths answer as the plain ones do.
func EvaluateForcingAside(s Scenario) (Report, error) {
	return evaluateWith(s, modelOptions{forceAside: true})
}

// SimulateForcingAside is Simulate through the paths of the parties-aside
// rule.
func SimulateForcingAside(s Scenario) (Simulation, error) {
	return simulateWith(s, modelOptions{forceAside: true})
}

// SearchForcingAside is Search through the paths of the parties-aside
// rule.
func SearchForcingAside(ctx context.Context, s Scenario, opts SearchOptions) (SearchResult, error) {
	return searchWith(ctx, s, opts, modelOptions{forceAside: true})
}
