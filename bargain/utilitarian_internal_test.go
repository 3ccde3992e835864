package bargain

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
)

// TestFloatBoundCertain checks the floating-point filter of
// UtilitarianOptimum: when it says a choice's root bound is below the
// best so far, the exact bound is below it too, even with the best at the
// exact bound or a rounding away from it; and it does say so when the
// best is well above.
func TestFloatBoundCertain(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 1))
	weight := func() float64 {
		w := math.Ldexp(r.Float64(), r.IntN(60)-30)
		if r.IntN(3) == 0 {
			w = -w
		}
		return w
	}
	fired, held := 0, 0
	for trial := range 2000 {
		tm := &terms{}
		worth := map[guarantee.ID]*big.Rat{}
		var offers []guarantee.ID
		for i := range 1 + r.IntN(12) {
			offers = append(offers, guarantee.ID("g"+strconv.Itoa(i)))
		}
		vetoes := []string{"p0", "p1", "p2"}
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
		approx := map[guarantee.ID]float64{}
		for g, x := range worth {
			approx[g], _ = x.Float64()
		}
		f := newFloatBound(tm, approx)
		c := deals.Choice{Largest: offers[:r.IntN(len(offers)+1)], Vetoes: vetoes[:r.IntN(len(vetoes)+1)]}
		exact := rootBound(new(big.Rat), tm, c, worth)
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
		if f.below(c, bestF) {
			fired++
			if exact.Cmp(best) >= 0 {
				t.Fatalf("trial %d: the filter says %s is below %s", trial, exact.RatString(), best.RatString())
			}
		} else if trial%4 == 3 {
			t.Errorf("trial %d: the filter missed a bound well below the best (%s against %s)", trial, exact.RatString(), best.RatString())
		} else {
			held++
		}
	}
	if fired == 0 || held == 0 {
		t.Errorf("the filter fired %d times and held %d; want both", fired, held)
	}
}
