package bargain

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestClosure checks the maximum-weight closure against every subset of
// small random graphs of requirements, with and without offers forced in
// and out: its worth is the largest of any subset closed under
// requirements that obeys the forcing, and its offers are the smallest
// such subset, a subset of every other of that worth.
func TestClosure(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 2))
	var f flow
	nonEmpty, forced := 0, 0
	for trial := range 6000 {
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
		var force []int8
		if trial%2 == 1 {
			force = make([]int8, n)
			for i := range n {
				force[i] = int8(r.IntN(5)/2 - 1) // in, out or free; free most often
			}
		}
		obeys := func(set uint) bool {
			for i, x := range force {
				if x > 0 && set&(1<<i) == 0 || x < 0 && set&(1<<i) != 0 {
					return false
				}
			}
			return true
		}
		var best int64
		var bestSets []uint
		for set := range uint(1) << n {
			closed, sum := obeys(set), int64(0)
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
			case !closed || bestSets != nil && sum < best:
			case bestSets == nil || sum > best:
				best, bestSets = sum, []uint{set}
			default:
				bestSets = append(bestSets, set)
			}
		}
		if bestSets == nil {
			continue // no closure obeys the forcing: the caller never asks
		}
		if slices.Contains(force, 1) || slices.Contains(force, -1) {
			forced++
		}
		in := make([]bool, n)
		got, size := f.closure(w, dep, force, in)
		var gotSet uint
		for i, x := range in {
			if x {
				gotSet |= 1 << i
			}
		}
		if bits.OnesCount(gotSet) != size {
			t.Fatalf("trial %d: %d offers marked, size %d", trial, bits.OnesCount(gotSet), size)
		}
		if got != best {
			t.Fatalf("trial %d: worth %d, want %d (weights %v, requirements %v, forced %v)", trial, got, best, w, dep, force)
		}
		if !slices.Contains(bestSets, gotSet) {
			t.Fatalf("trial %d: offers %b are not a closure of the best worth %d obeying %v", trial, gotSet, best, force)
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
	t.Logf("%d closures held an offer, %d trials forced offers", nonEmpty, forced)
	if nonEmpty == 0 || forced < 1000 {
		t.Error("too few closures held an offer, or too few trials forced one: the test is too weak")
	}
}
