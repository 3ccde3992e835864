package walk_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/walk"
)

// TestOldFilesWalkAsBefore walks every scenario file under testdata/ and
// examples/ that does not set the parties aside twice: as the model does,
// and through the paths of the parties-aside rule, which must give the
// same walk. Package scenario checks Evaluate the same way.
func TestOldFilesWalkAsBefore(t *testing.T) {
	files := testkit.ScenarioFiles(t)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		s := files[name]
		if testkit.HasAside(s) {
			continue
		}
		plain, err := walk.Simulate(s)
		if err != nil {
			t.Fatal(err)
		}
		forced, err := walk.SimulateForcingAside(s)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(plain, forced); diff != "" {
			t.Errorf("%s: the paths of the rule walk differently where nothing sets the parties aside (-plain +forced):\n%s", name, diff)
		}
	}
}
