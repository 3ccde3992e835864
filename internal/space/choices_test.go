package space

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/entente-go/entente/internal/synth"
)

// spaces returns the search spaces of generated scenarios with up to six
// candidate vetoes, small enough to check every choice of them.
func spaces(t *testing.T) []*Space {
	t.Helper()
	var out []*Space
	for seed := range uint64(40) {
		s := synth.Generate(synth.Config{Guarantees: 12 + int(seed%4)*6, DemandsVeto: 1 + int(seed%6), Seed: seed})
		sp, err := New(&s)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		out = append(out, sp)
	}
	return out
}

// grantsOf returns the candidates whose demands w grants, found afresh
// rather than as the walk finds them.
func grantsOf(sp *Space, w uint64) []int {
	var grants []int
	for j, d := range sp.Demands {
		if ci := slices.IndexFunc(sp.Cands, func(c Candidate) bool { return c.Pos == d.Pos }); w&(1<<j) != 0 && ci >= 0 {
			grants = append(grants, ci)
		}
	}
	return grants
}

// TestUpperHoldsLargest checks what the pruned walk of choices relies on:
// for every node (the grants w decided, the demands open still to decide),
// Upper holds the largest package of every choice below it, and with
// nothing open it is that choice's largest package.
func TestUpperHoldsLargest(t *testing.T) {
	strict := 0
	for i, sp := range spaces(t) {
		every := sp.AllPositions()
		k := uint64(1) << len(sp.Demands)
		largest := make([]Bits, k)
		for w := range k {
			largest[w] = sp.Largest(every, grantsOf(sp, w))
		}
		for w := range k {
			for open := range k {
				if w&open != 0 {
					continue
				}
				u := sp.Upper(every, grantsOf(sp, w), grantsOf(sp, open))
				if open == 0 && !u.equal(largest[w]) {
					t.Errorf("space %d: Upper(%b, none) differs from Largest(%b)", i, w, w)
				}
				// Every x ⊆ open.
				for x := open; ; x = (x - 1) & open {
					if !largest[w|x].Subset(u) {
						t.Fatalf("space %d: Upper(%b, open %b) misses an offer of Largest(%b)", i, w, open, w|x)
					}
					if !largest[w|x].equal(u) {
						strict++
					}
					if x == 0 {
						break
					}
				}
			}
		}
	}
	if strict == 0 {
		t.Error("Upper always equals the largest packages below it: the scenarios do not test the bound")
	}
}

// leaves returns the choices the walk yields, with their largest
// packages, in increasing order of choice; down walks them in decreasing
// order, and leaves checks that it does.
func leaves(t *testing.T, sp *Space, prune func(w, open uint64, upper Bits) bool, down bool) (ws []uint64, ls []Bits) {
	t.Helper()
	walk := sp.Choices
	if down {
		walk = sp.ChoicesDown
	}
	err := walk(context.Background(), prune, func(w uint64, l Bits) bool {
		ws, ls = append(ws, w), append(ls, l)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if down {
		if !slices.IsSortedFunc(ws, func(a, b uint64) int { return cmp.Compare(b, a) }) {
			t.Errorf("ChoicesDown: choices %b, not in decreasing order", ws)
		}
		slices.Reverse(ws)
		slices.Reverse(ls)
	}
	return ws, ls
}

// TestChoicesWalk checks the walk against a loop over every choice: with
// no prune, and with one that never prunes (so that only the nodes with
// no feasible choice below are skipped), it yields the same choices in
// increasing order, and each node's package, found from its parent's, is
// Upper's; a prune that cuts the nodes granting the last demand
// drops exactly their choices; and stopping stops it.
func TestChoicesWalk(t *testing.T) {
	skipped := 0
	for i, sp := range spaces(t) {
		every := sp.AllPositions()
		var want []uint64
		for w := range uint64(1) << len(sp.Demands) {
			l := sp.Largest(every, grantsOf(sp, w))
			if !l.Empty() && !slices.ContainsFunc(sp.Requires, func(r Requirement) bool { return !l.Meets(r.Hit) }) {
				want = append(want, w)
			}
		}
		nodes := 0
		count := func(w, open uint64, upper Bits) bool {
			nodes++
			if want := sp.Upper(every, grantsOf(sp, w), grantsOf(sp, open)); !upper.equal(want) {
				t.Errorf("space %d: the walk's package at node %b (open %b) differs from Upper's", i, w, open)
			}
			return false
		}
		for name, prune := range map[string]func(w, open uint64, upper Bits) bool{"no prune": nil, "never prune": count} {
			for _, down := range []bool{false, true} {
				got, ls := leaves(t, sp, prune, down)
				if !slices.Equal(got, want) {
					t.Errorf("space %d, %s, down %v: choices %b, want %b", i, name, down, got, want)
				}
				for n, w := range got {
					if l := ls[n]; !l.equal(sp.Largest(every, grantsOf(sp, w))) {
						t.Errorf("space %d, %s, down %v: choice %b has the wrong largest package", i, name, down, w)
					}
				}
			}
		}
		if k := len(sp.Demands); nodes < 1<<k-1 {
			skipped++
		}
		last := uint64(1) << (len(sp.Demands) - 1)
		wantCut := slices.DeleteFunc(slices.Clone(want), func(w uint64) bool { return w&last != 0 && len(sp.Demands) > 1 })
		for _, down := range []bool{false, true} {
			got, _ := leaves(t, sp, func(w, open uint64, upper Bits) bool { return w&last != 0 }, down)
			if !slices.Equal(got, wantCut) {
				t.Errorf("space %d, down %v: pruning the nodes that grant the last demand leaves %b, want %b", i, down, got, wantCut)
			}
		}
		if len(want) > 1 {
			n := 0
			if err := sp.Choices(context.Background(), nil, func(uint64, Bits) bool { n++; return false }); err != nil || n != 1 {
				t.Errorf("space %d: a leaf that stops: %d choices, error %v; want 1, nil", i, n, err)
			}
		}
	}
	if skipped == 0 {
		t.Error("no walk skipped a node without a feasible choice below: the scenarios do not test it")
	}
}

// TestChoicesCancelled checks that a cancelled walk yields nothing and
// returns the context's error.
func TestChoicesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, sp := range spaces(t)[:3] {
		n := 0
		err := sp.Choices(ctx, nil, func(uint64, Bits) bool { n++; return true })
		if !errors.Is(err, context.Canceled) || n != 0 {
			t.Errorf("cancelled walk: %d choices, error %v; want 0, context.Canceled", n, err)
		}
	}
}

// TestLosses checks what Losses promises at every node of every walk of
// choices: for each open demand, every choice below that grants it lacks
// the offers of grant, and every one that refuses it lacks those of refuse.
func TestLosses(t *testing.T) {
	taken := 0
	for i, sp := range spaces(t) {
		every := sp.AllPositions()
		cand := sp.DemandCands()
		k := uint64(1) << len(sp.Demands)
		largest := make([]Bits, k)
		for w := range k {
			largest[w] = sp.Largest(every, grantsOf(sp, w))
		}
		grant, refuse := NewSet(sp.N), NewSet(sp.N)
		for w := range k {
			for open := range k {
				if w&open != 0 {
					continue
				}
				upper := sp.Upper(every, grantsOf(sp, w), grantsOf(sp, open))
				for j, ci := range cand {
					if ci < 0 || open&(1<<j) == 0 {
						continue
					}
					sp.Losses(upper, every, grantsOf(sp, w), grantsOf(sp, open&^(1<<j)), ci, grant, refuse)
					if !grant.Empty() || !refuse.Empty() {
						taken++
					}
					for below := range k {
						if below&w != w || below&^(w|open) != 0 {
							continue
						}
						lack := refuse
						if below&(1<<j) != 0 {
							lack = grant
						}
						if largest[below].Meets(lack) {
							t.Fatalf("space %d: node %b (open %b), demand %d: choice %b holds an offer Losses says it lacks", i, w, open, j, below)
						}
					}
				}
			}
		}
	}
	if taken == 0 {
		t.Error("Losses never took an offer: the spaces do not test it")
	}
}
