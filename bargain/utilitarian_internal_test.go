package bargain

import (
	"context"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// TestFloatBoundCertain checks the floating-point filter of
// UtilitarianOptimum: when it says the bound of a node of the walk of
// choices (the vetoes granted, those still open, the offers of its upper
// package) is below the best so far, the exact bound is below it too, even
// with the best at the exact bound or a rounding away from it; it does say
// so when the best is well above; and without its room for rounding it
// errs, so that the room is needed.
func TestFloatBoundCertain(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 1))
	weight := func() float64 {
		w := math.Ldexp(r.Float64(), r.IntN(60)-30)
		if r.IntN(3) == 0 {
			w = -w
		}
		return w
	}
	fired, held, erred := 0, 0, 0
	for trial := range 4000 {
		tm := &terms{}
		worth := map[guarantee.ID]*big.Rat{}
		var offers []guarantee.ID
		for i := range 1 + r.IntN(12) {
			offers = append(offers, guarantee.ID("g"+strconv.Itoa(i)))
		}
		vetoes := []string{"p0", "p1", "p2", "p3"}
		for a := range 1 + r.IntN(3) {
			tm.actors = append(tm.actors, actor.ID("A"+strconv.Itoa(a)))
			offer, veto := map[guarantee.ID]*big.Rat{}, map[string]*big.Rat{}
			for _, g := range offers {
				offer[g] = new(big.Rat).SetFloat64(weight())
				if worth[g] == nil {
					worth[g] = new(big.Rat)
				}
				worth[g].Add(worth[g], offer[g])
			}
			for _, v := range vetoes {
				veto[v] = new(big.Rat).SetFloat64(weight())
			}
			tm.offer, tm.veto = append(tm.offer, offer), append(tm.veto, veto)
		}
		approx := make([]float64, len(offers))
		for i, g := range offers {
			approx[i], _ = worth[g].Float64()
		}
		f := newFloatBound(tm, approx, vetoes)
		// A node: some vetoes granted, some open, the upper package the
		// first offers. Its exact bound is what the granted vetoes add,
		// every open one worth more than nothing and every positive offer
		// of the package.
		w, open := uint64(r.IntN(16)), uint64(r.IntN(16))
		open &^= w
		upper := space.NewSet(len(offers))
		exact := new(big.Rat)
		for i, g := range offers[:r.IntN(len(offers)+1)] {
			upper.Add(i)
			if worth[g].Sign() > 0 {
				exact.Add(exact, worth[g])
			}
		}
		for j, v := range vetoes {
			one := new(big.Rat)
			for a := range tm.actors {
				one.Add(one, tm.veto[a][v])
			}
			if w&(1<<j) != 0 || open&(1<<j) != 0 && one.Sign() > 0 {
				exact.Add(exact, one)
			}
		}
		// The best so far: the exact bound itself, a hair above or below
		// it, or well above it.
		best := new(big.Rat).Set(exact)
		switch trial % 4 {
		case 1:
			best.Add(best, big.NewRat(1, 1<<62))
		case 2:
			best.Sub(best, big.NewRat(1, 1<<62))
		case 3:
			best.Add(best, new(big.Rat).Abs(exact))
			best.Add(best, big.NewRat(1<<40, 1))
		}
		bestF, _ := best.Float64()
		if f.below(w, open, upper, bestF) {
			fired++
			if exact.Cmp(best) >= 0 {
				t.Fatalf("trial %d: the filter says %s is below %s", trial, exact.RatString(), best.RatString())
			}
		} else if trial%4 == 3 {
			t.Errorf("trial %d: the filter missed a bound well below the best (%s against %s)", trial, exact.RatString(), best.RatString())
		} else {
			held++
		}
		f.slack = 0
		if f.below(w, open, upper, bestF) && exact.Cmp(best) >= 0 {
			erred++
		}
	}
	if fired == 0 || held == 0 {
		t.Errorf("the filter fired %d times and held %d; want both", fired, held)
	}
	if erred == 0 {
		t.Error("without its room for rounding the filter never erred: the test cannot tell that the room is needed")
	}
	t.Logf("fired %d, held %d; without the room, wrong %d times", fired, held, erred)
}

// TestLossBoundHolds checks the loss bound of UtilitarianOptimum's walk:
// at every node of the walk of choices of generated scenarios, it is at
// least what any choice below can reach by the same count (its vetoes and
// every positive offer of its largest package), so that pruning by it
// never skips a better choice; and it is below the float bound's count at
// some nodes, so that it prunes more.
func TestLossBoundHolds(t *testing.T) {
	tighter, nodes := 0, 0
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 31))
		s := synth.Generate(synth.Config{Guarantees: 4 + r.IntN(10), Positions: 3 + r.IntN(5), DemandsVeto: 2 + r.IntN(5), Seed: seed})
		s.Values = nil
		for i := range 3 {
			v := scenario.Value{Actor: s.Actors[i%len(s.Actors)].ID}
			for _, g := range s.Guarantees {
				v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(21) - 6), Select: guarantee.SelectIDs(g.ID)})
			}
			for p, pos := range s.Positions {
				if pos.Stance == scenario.DemandsVeto {
					v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(11) - 5), Veto: s.PositionRef(p)})
				}
			}
			s.Values = append(s.Values, v)
		}
		tm, err := newTerms(context.Background(), &s)
		if err != nil {
			t.Fatal(err)
		}
		sp, err := space.New(&s)
		if err != nil {
			t.Fatal(err)
		}
		u := newUtilitarian(t.Context(), tm, sp)
		if !u.small {
			t.Fatalf("seed %d: whole weights do not fit in int64", seed)
		}
		// What each choice can reach by the count: its vetoes and every
		// positive offer of its largest package.
		every := sp.AllPositions()
		cand := sp.DemandCands()
		reach := map[uint64]int64{}
		for w := range uint64(1) << len(sp.Demands) {
			var grants []int
			x := int64(0)
			for j, ci := range cand {
				if w&(1<<j) != 0 {
					x += u.veto64[j]
					if ci >= 0 {
						grants = append(grants, ci)
					}
				}
			}
			reach[w] = x + u.positiveIn(sp.Largest(every, grants))
		}
		err = sp.Choices(t.Context(), func(w, open uint64, upper space.Bits) bool {
			nodes++
			got := u.lossBound(w, open, upper, math.MinInt64)
			float := u.lossBound(w, open, upper, math.MaxInt64) // stops before the losses
			for below, x := range reach {
				if below&^(w|open) == 0 && below&w == w && x > got {
					t.Fatalf("seed %d: at node %b (open %b) the loss bound is %d, but choice %b reaches %d", seed, w, open, got, below, x)
				}
			}
			if got < float {
				tighter++
			}
			return false
		}, func(uint64, space.Bits) bool { return true })
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d nodes, the loss bound below the float bound's count at %d", nodes, tighter)
	if tighter == 0 {
		t.Error("the loss bound never took anything away: the test does not reach it")
	}
}

// TestTermsByID checks that newTerms, which looks up the guarantees a
// selector of IDs names instead of trying every guarantee, gives each
// offer the worth a plain scan gives it: selectors of IDs alone, of IDs
// with another field that rules some out, of an ID named twice or not on
// the table, and of no ID.
func TestTermsByID(t *testing.T) {
	withIDs := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 77))
		s := synth.Generate(synth.Config{Guarantees: 2 + r.IntN(10), Positions: 2, Seed: seed})
		pick := func() guarantee.ID { return s.Guarantees[r.IntN(len(s.Guarantees))].ID }
		s.Values = nil
		for a := range 2 {
			v := scenario.Value{Actor: s.Actors[a%len(s.Actors)].ID}
			for range 6 {
				var sel guarantee.Selector
				switch r.IntN(4) {
				case 0:
					sel.IDs = []guarantee.ID{pick(), pick(), pick()} // repeats at times
				case 1:
					sel.IDs, sel.Kind = []guarantee.ID{pick(), pick()}, s.Guarantees[r.IntN(len(s.Guarantees))].Kind
				case 2:
					sel.IDs = []guarantee.ID{pick(), "not-on-the-table"}
				default:
					sel.Kind = s.Guarantees[r.IntN(len(s.Guarantees))].Kind
				}
				if len(sel.IDs) > 0 {
					withIDs++
				}
				v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(9) - 4), Select: sel})
			}
			s.Values = append(s.Values, v)
		}
		tm, err := newTerms(context.Background(), &s)
		if err != nil {
			t.Fatal(err)
		}
		x, err := actor.NewIndex(s.Actors)
		if err != nil {
			t.Fatal(err)
		}
		for a, v := range s.Values {
			for i := range s.Guarantees {
				g := &s.Guarantees[i]
				want, any := new(big.Rat), false
				for _, w := range v.Weights {
					if w.Select.Matches(g, x) {
						want.Add(want, new(big.Rat).SetFloat64(w.Weight))
						any = true
					}
				}
				got := tm.offer[a][g.ID]
				if any != (got != nil) || got != nil && got.Cmp(want) != 0 {
					t.Fatalf("seed %d: actor %s, offer %s: worth %v, a scan gives %v (matched %v)", seed, v.Actor, g.ID, got, want, any)
				}
			}
		}
	}
	if withIDs == 0 {
		t.Error("no selector of IDs: the test does not reach the lookup")
	}
}

// laterCancel is a context whose Err is nil for the first n looks and
// context.Canceled after them, so that a test can tell a look in the
// middle of a computation from one at its start.
type laterCancel struct {
	context.Context
	n int
}

func (c *laterCancel) Err() error {
	if c.n > 0 {
		c.n--
		return nil
	}
	return context.Canceled
}

// TestTermsStopWithContext checks that newTerms looks at the context while
// it tries distinct selectors on kinds and places against every
// guarantee, work that grows as their product; that it does not stop a
// setup too small to look; and that weights with one selector add up
// before they are tried.
func TestTermsStopWithContext(t *testing.T) {
	large := selectorWeights(200, 2*checkEvery/200+1, true)
	if _, err := newTerms(&laterCancel{Context: context.Background(), n: 1}, &large); !errors.Is(err, context.Canceled) {
		t.Errorf("%d guarantees by %d distinct selectors, cancelled after the first look: err = %v; want context.Canceled", len(large.Guarantees), len(large.Values[0].Weights), err)
	}
	// 400 weights with one selector are one selector to try: far below a
	// look, however many weights.
	small := selectorWeights(20, 2*checkEvery, false)
	tm, err := newTerms(&laterCancel{Context: context.Background(), n: 1}, &small)
	if err != nil {
		t.Fatalf("20 guarantees by %d weights with one selector: %v; want no look after the first", len(small.Values[0].Weights), err)
	}
	if got, want := tm.offer[0]["g0"], new(big.Rat).SetInt64(2*checkEvery); got == nil || got.Cmp(want) != 0 {
		t.Errorf("g0's worth to UA = %v; want %v", got, want)
	}
}

// selectorWeights is a scenario of the given number of offers and of
// weights for UA, on a kind every offer has: all with that one selector,
// or each in a place of its own, which no offer is in (distinct selectors
// that each try every offer: newTerms' worst case).
func selectorWeights(guarantees, weights int, distinct bool) scenario.Scenario {
	s := scenario.Scenario{Actors: []actor.Actor{{ID: "UA"}, {ID: "US"}}}
	for i := range guarantees {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{ID: guarantee.ID("g" + strconv.Itoa(i)), Provider: "US", Beneficiary: "UA", Kind: guarantee.Aid})
	}
	v := scenario.Value{Actor: "UA"}
	for i := range weights {
		sel := guarantee.Selector{Kind: guarantee.Financial}
		if distinct {
			sel.Location = "place-" + strconv.Itoa(i)
		}
		v.Weights = append(v.Weights, scenario.Weight{Weight: 1, Select: sel})
	}
	s.Values = []scenario.Value{v}
	return s
}

// BenchmarkTermsBySelector times newTerms in its worst case, distinct
// selectors that each try every offer, as both grow: the cost grows as
// their product. "same" is as many weights with one selector.
func BenchmarkTermsBySelector(b *testing.B) {
	for _, n := range []int{250, 500, 1000} {
		for _, distinct := range []bool{true, false} {
			s := selectorWeights(n, n, distinct)
			name := "offers=weights=" + strconv.Itoa(n) + "/same"
			if distinct {
				name = "offers=weights=" + strconv.Itoa(n) + "/distinct"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := newTerms(b.Context(), &s); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
