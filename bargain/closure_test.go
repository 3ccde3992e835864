package bargain

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestClosure checks the maximum-weight closure against every subset of
// small random graphs of requirements: its worth is the largest of any
// subset closed under requirements, and its offers are the smallest such
// subset, a subset of every other of that worth.
func TestClosure(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 2))
	var f flow
	nonEmpty := 0
	for trial := range 3000 {
		n := 1 + r.IntN(10)
		w := make([]int64, n)
		dep := make([][]int, n)
		for i := range n {
			w[i] = int64(r.IntN(21) - 10)
			for range r.IntN(3) {
				if j := r.IntN(n); j != i {
					dep[i] = append(dep[i], j)
				}
			}
		}
		in := make([]bool, n)
		got := f.closure(w, dep, in)
		var gotSet uint
		for i, x := range in {
			if x {
				gotSet |= 1 << i
			}
		}
		best, bestSets := int64(0), []uint{0} // the empty set is closed
		for set := uint(1); set < 1<<n; set++ {
			closed, sum := true, int64(0)
			for i := range n {
				if set&(1<<i) == 0 {
					continue
				}
				sum += w[i]
				if slices.ContainsFunc(dep[i], func(j int) bool { return set&(1<<j) == 0 }) {
					closed = false
				}
			}
			switch {
			case !closed || sum < best:
			case sum > best:
				best, bestSets = sum, []uint{set}
			default:
				bestSets = append(bestSets, set)
			}
		}
		if got != best {
			t.Fatalf("trial %d: worth %d, want %d (weights %v, requirements %v)", trial, got, best, w, dep)
		}
		if !slices.Contains(bestSets, gotSet) {
			t.Fatalf("trial %d: offers %b are not a closure of the best worth %d", trial, gotSet, best)
		}
		for _, s := range bestSets {
			if gotSet&^s != 0 {
				t.Fatalf("trial %d: offers %b are not within the best closure %b", trial, gotSet, s)
			}
		}
		if gotSet != 0 {
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		t.Error("no closure held an offer: the test is too weak")
	}
}
