package bargain_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// TestUtilitarianOptimumManyVetoes checks UtilitarianOptimum against
// Solve's utilitarian solution where the walk of choices has room to
// prune: three to six candidate vetoes, with weights of every scale (a
// weight is at times scaled by a power of two far from 1, so that the
// search's unit is tiny and its sums huge, past int64, where the branch
// and bound over offers replaces the cuts) and ties among them.
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
		if got := againstSolve(t, seed, s); !got.Absent {
			found++
		}
	}
	t.Logf("%d weights scaled, %d of %d scenarios with a deal", scaled, found, n)
	if scaled == 0 || found < n/4 {
		t.Errorf("%d weights scaled, %d of %d scenarios with a deal: the test is too weak", scaled, found, n)
	}
}

// againstSolve checks UtilitarianOptimum on s against Solve's utilitarian
// solution (whether there is one, its deal and its score) and returns it.
func againstSolve(t *testing.T, seed uint64, s scenario.Scenario) bargain.Solution {
	t.Helper()
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
	if !got.Absent {
		if d := cmp.Diff(want.Outcome.Deal, got.Outcome.Deal); d != "" || got.Score != want.Score {
			t.Errorf("seed %d: UtilitarianOptimum %v, score %v; Solve %v, score %v (-Solve +UtilitarianOptimum):\n%s", seed, got.Outcome.Deal, got.Score, want.Outcome.Deal, want.Score, d)
		}
	}
	return got
}

// TestUtilitarianOptimumTiesAcrossChoices checks that pruning the walk of
// choices keeps ties: the choice granting both candidate vetoes comes first
// and finds g1, and the choices that refuse them hold g1 too, worth as
// much, with fewer vetoes. A node whose bound only equals the best so far
// may not be skipped.
func TestUtilitarianOptimumTiesAcrossChoices(t *testing.T) {
	s := scenario.Scenario{Name: "ties", Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "R"}}}
	for _, id := range []guarantee.ID{"g1", "g2", "g3"} {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{ID: id, Provider: "A", Beneficiary: "B", Kind: guarantee.Financial, Trigger: guarantee.Attack("C", "B")})
	}
	s.Positions = []scenario.Position{
		{ID: "d1", Actor: "R", Stance: scenario.DemandsVeto, Select: guarantee.SelectIDs("g2")},
		{ID: "d2", Actor: "R", Stance: scenario.DemandsVeto, Select: guarantee.SelectIDs("g3")},
	}
	s.Values = []scenario.Value{{Actor: "B", Weights: []scenario.Weight{{Weight: 1, Select: guarantee.SelectIDs("g1")}}}}
	got, err := bargain.UtilitarianOptimum(t.Context(), s)
	if err != nil || got.Absent {
		t.Fatalf("UtilitarianOptimum: %v, %s", err, got.Reason)
	}
	want := deals.Deal{Guarantees: []guarantee.ID{"g1"}, Vetoes: []string{}}
	if d := cmp.Diff(want, got.Outcome.Deal); d != "" || got.Score != 1 {
		t.Errorf("UtilitarianOptimum %v scoring %v; want %v scoring 1 (-want +got):\n%s", got.Outcome.Deal, got.Score, want, d)
	}
	all, err := bargain.Solve(t.Context(), s, bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(all.Solutions[0].Outcome.Deal, got.Outcome.Deal); d != "" {
		t.Errorf("Solve and UtilitarianOptimum differ (-Solve +UtilitarianOptimum):\n%s", d)
	}
}

// TestUtilitarianOptimumDependent checks UtilitarianOptimum against
// Solve on small instances of the benchmark's dependent offers, where the
// best package is a maximum-weight closure, often empty for a choice
// whose vetoes leave only costly offers: the cuts with offers forced in
// must find the best non-empty one.
func TestUtilitarianOptimumDependent(t *testing.T) {
	found := 0
	for seed := range uint64(60) {
		s := dependentScenario(6+int(seed%4)*2, int(seed%4), seed)
		if got := againstSolve(t, seed, s); !got.Absent && got.Score <= 0 {
			found++ // no package gains: the best is the least loss
		}
	}
	if found == 0 {
		t.Error("no instance had only losing packages: the test does not reach the forced cuts")
	}
}
