package deals

import (
	"context"

	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/scenario"
)

// SearchForcingAside is Search through the paths of the parties-aside
// rule, for tests that check those paths answer as the plain ones do.
func SearchForcingAside(ctx context.Context, s scenario.Scenario, opts Options) (Result, error) {
	return searchWith(ctx, s, opts, core.Options{ForceAside: true})
}

// SearchIndexed is Search with every selector resolved through the
// per-field indexes that large scenarios use.
func SearchIndexed(ctx context.Context, s scenario.Scenario, opts Options) (Result, error) {
	return searchWith(ctx, s, opts, core.Options{Indexes: core.IndexAlways})
}
