package scenario

import (
	"github.com/entente-go/entente/internal/core"
)

// EvaluateForcingAside is Evaluate through the paths of the parties-aside
// rule, for tests that check those paths answer as the plain ones do.
func EvaluateForcingAside(s Scenario) (Report, error) {
	return evaluateWith(s, core.Options{ForceAside: true})
}
