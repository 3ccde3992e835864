package deals_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/internal/testkit"
)

// TestOldFilesSearchAsBefore searches every scenario file under testdata/
// and examples/ that does not set the parties aside, with at most 16
// offers, twice: as the model does, and through the paths of the
// parties-aside rule, which must give the same answer. Package scenario
// checks Evaluate the same way.
func TestOldFilesSearchAsBefore(t *testing.T) {
	files := testkit.ScenarioFiles(t)
	searched := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		s := files[name]
		if testkit.HasAside(s) || len(s.Guarantees) > 16 {
			continue
		}
		plain, err := deals.Search(context.Background(), s, deals.Options{})
		if err != nil {
			t.Fatal(err)
		}
		forced, err := deals.SearchForcingAside(context.Background(), s, deals.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(plain, forced); diff != "" {
			t.Errorf("%s: the paths of the rule search differently where nothing sets the parties aside (-plain +forced):\n%s", name, diff)
		}
		searched++
	}
	if searched < 10 {
		t.Errorf("searched only %d files; the check would prove little", searched)
	}
}
