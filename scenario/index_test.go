package scenario_test

import (
	"testing"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/google/go-cmp/cmp"
)

// TestIndexedSelectionAgrees checks that resolving selectors through the
// per-field indexes gives the same report as scanning every guarantee, on
// generated scenarios that use every selector field.
func TestIndexedSelectionAgrees(t *testing.T) {
	for seed := range uint64(40) {
		s := synth.Generate(synth.Config{Guarantees: 20 + int(seed)*15, Seed: seed})
		scanned, err := scenario.EvaluateIndexed(s, false)
		if err != nil {
			t.Fatal(err)
		}
		indexed, err := scenario.EvaluateIndexed(s, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(scanned.Findings) == 0 {
			t.Fatalf("seed %d: no findings; the comparison would prove nothing", seed)
		}
		if diff := cmp.Diff(scanned, indexed); diff != "" {
			t.Fatalf("seed %d: indexed selection differs from scanning (-scan +index):\n%s", seed, diff)
		}
	}
}
