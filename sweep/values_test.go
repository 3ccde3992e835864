package sweep_test

import (
	"testing"

	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/sweep"
	"github.com/google/go-cmp/cmp"
)

// TestSweepIgnoresValues checks that a sweep whose samples drop a
// demands-veto position that values weigh runs, and finds what it finds
// without the values.
func TestSweepIgnoresValues(t *testing.T) {
	s := testkit.Valued()
	opts := sweep.Options{Samples: 200, Seed: 1, Search: true}
	got, err := sweep.Run(t.Context(), s, opts)
	if err != nil {
		t.Fatal(err)
	}
	s.Values = nil
	want, err := sweep.Run(t.Context(), s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sweep with values (-without +with):\n%s", d)
	}
}
