package scenario

import "github.com/entente-go/entente/internal/core"

// EvaluateIndexed is Evaluate with every selector resolved through the
// per-field indexes (always true) or by scanning every guarantee.
func EvaluateIndexed(s Scenario, always bool) (Report, error) {
	if always {
		return evaluateWith(s, core.Options{Indexes: core.IndexAlways})
	}
	return evaluateWith(s, core.Options{Indexes: core.IndexNever})
}

// IsDate is isDate, for the test that it agrees with time.Parse.
var IsDate = isDate
