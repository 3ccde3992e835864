package bargain

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
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
