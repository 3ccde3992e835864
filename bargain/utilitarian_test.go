package bargain_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/internal/synth"
)

// TestUtilitarianOptimumManyVetoes checks UtilitarianOptimum against
// Solve's utilitarian solution where the walk of choices has room to
// prune: three to six candidate vetoes, with weights of every scale (a
// weight is at times scaled by a power of two far from 1, so that the
// branch and bound's unit is tiny and its sums huge) and ties among them.
func TestUtilitarianOptimumManyVetoes(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	scaled, found := 0, 0
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 24))
		s := synth.Generate(synth.Config{Guarantees: 4 + r.IntN(6), Positions: 4 + r.IntN(4), DemandsVeto: 3 + r.IntN(4), Seed: seed})
		randomValues(r, &s)
		for i := range s.Values {
			for j := range s.Values[i].Weights {
				if r.IntN(4) == 0 {
					w := &s.Values[i].Weights[j].Weight
					*w = math.Ldexp(*w, []int{-600, -40, 40, 600}[r.IntN(4)])
					scaled++
				}
			}
		}
		all, err := bargain.Solve(t.Context(), s, bargain.Options{})
		if err != nil {
			t.Fatalf("seed %d: Solve: %v", seed, err)
		}
		want := all.Solutions[0]
		got, err := bargain.UtilitarianOptimum(t.Context(), s)
		if err != nil {
			t.Fatalf("seed %d: UtilitarianOptimum: %v", seed, err)
		}
		if want.Name != bargain.Utilitarian || got.Absent != want.Absent {
			t.Fatalf("seed %d: Solve's first solution %v (absent %v), UtilitarianOptimum absent %v", seed, want.Name, want.Absent, got.Absent)
		}
		if got.Absent {
			continue
		}
		found++
		if d := cmp.Diff(want.Outcome.Deal, got.Outcome.Deal); d != "" || got.Score != want.Score {
			t.Errorf("seed %d: UtilitarianOptimum %v, score %v; Solve %v, score %v (-Solve +UtilitarianOptimum):\n%s", seed, got.Outcome.Deal, got.Score, want.Outcome.Deal, want.Score, d)
		}
	}
	t.Logf("%d weights scaled, %d of %d scenarios with a deal", scaled, found, n)
	if scaled == 0 || found < n/4 {
		t.Errorf("%d weights scaled, %d of %d scenarios with a deal: the test is too weak", scaled, found, n)
	}
}
