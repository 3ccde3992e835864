package bargain_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// tiedScenario is the instance: A values offer x at w and B at
// −w, and extra offers are worth nothing to either, so that its
// 2^(extra+1) − 1 outcomes have two vectors of utilities, (w, −w) and
// (0, 0), both on the frontier. Weights in tenths take Solve's exact
// path in rationals, whole ones its fast path.
func tiedScenario(extra int, w float64) scenario.Scenario {
	s := scenario.Scenario{Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "US"}}}
	for i := range extra + 1 {
		id := guarantee.ID(fmt.Sprintf("o%02d", i))
		if i == 0 {
			id = "x"
		}
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{ID: id, Provider: "US", Beneficiary: "A", Kind: guarantee.Aid})
	}
	x := guarantee.SelectIDs("x")
	s.Values = []scenario.Value{
		{Actor: "A", Weights: []scenario.Weight{{Weight: w, Select: x}}},
		{Actor: "B", Weights: []scenario.Weight{{Weight: -w, Select: x}}},
	}
	return s
}

// solveWithin runs Solve and fails the test when it has not returned
// within d, rather than wait for it.
func solveWithin(t *testing.T, d time.Duration, ctx context.Context, s scenario.Scenario, opts bargain.Options) (bargain.Result, time.Duration, error) {
	t.Helper()
	type answer struct {
		r   bargain.Result
		err error
	}
	done := make(chan answer, 1)
	start := time.Now()
	go func() {
		r, err := bargain.Solve(ctx, s, opts)
		done <- answer{r, err}
	}()
	select {
	case a := <-done:
		return a.r, time.Since(start), a.err
	case <-time.After(d):
		t.Fatalf("Solve still running after %v", d)
		return bargain.Result{}, 0, nil
	}
}

// TestSolveTiedOutcomes checks the instance with 16 extra offers:
// 131,071 outcomes of two vectors, all on the frontier. Comparing each
// outcome on the frontier with all the others took minutes; the frontier
// is now found among the two vectors and listed up to the limit. The
// bound is loose, for the race detector on a shared machine; the command
// takes about 0.02 s.
func TestSolveTiedOutcomes(t *testing.T) {
	r, took, err := solveWithin(t, 20*time.Second, t.Context(), tiedScenario(16, 1), bargain.Options{FrontierLimit: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("solved in %v", took)
	if r.Outcomes != 1<<17-1 || r.Rational != 1<<16-1 || r.FrontierCount != 1<<17-1 {
		t.Errorf("%d outcomes, %d rational, frontier of %d; want %d, %d, %d", r.Outcomes, r.Rational, r.FrontierCount, 1<<17-1, 1<<16-1, 1<<17-1)
	}
	var front []deals.Deal
	for _, o := range r.Frontier {
		front = append(front, o.Deal)
	}
	// Best for A first, then the fewest guarantees, then the IDs in order.
	if d := cmp.Diff([]deals.Deal{deal("x"), deal("o01", "x"), deal("o02", "x")}, front); d != "" {
		t.Errorf("frontier (-want +got):\n%s", d)
	}
	// Every outcome sums to 0 and B gains nothing from any: Nash is
	// absent, and the other norms' ties go to the smallest deals.
	for _, sol := range r.Solutions {
		if sol.Name == bargain.Nash {
			if !sol.Absent || sol.Actor != "B" {
				t.Errorf("nash: absent %v, blaming %q; want absent, blaming B", sol.Absent, sol.Actor)
			}
			continue
		}
		if sol.Absent || sol.RunnerUp == nil {
			t.Fatalf("%s: absent or no runner-up: %s", sol.Name, sol.Reason)
		}
		if d := cmp.Diff([]deals.Deal{deal("o01"), deal("o02")}, []deals.Deal{sol.Outcome.Deal, sol.RunnerUp.Deal}); d != "" {
			t.Errorf("%s: solution and runner-up (-want +got):\n%s", sol.Name, d)
		}
	}
}

// TestSolveDeadline checks that a 100 ms deadline stops Solve with an
// error wrapping context.DeadlineExceeded, wherever it finds Solve: in
// the walk of many outcomes, in the listing of a frontier of ties, or in
// the exact path. Without the race detector Solve returns within a few
// milliseconds of the deadline; the bound asserted, 1 s, leaves room for
// the race detector and a shared machine.
func TestSolveDeadline(t *testing.T) {
	for _, c := range []struct {
		reason string
		s      scenario.Scenario
		opts   bargain.Options
	}{
		{reason: "2^31 outcomes on the fast path", s: tiedScenario(30, 1)},
		{reason: "2^21 tied outcomes, every one listed", s: tiedScenario(20, 1)},
		{reason: "2^21 tied outcomes in rationals", s: tiedScenario(20, 0.1)},
		{reason: "five actors, many vectors", s: liveScenario(20)},
	} {
		t.Run(c.reason, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			_, took, err := solveWithin(t, 30*time.Second, ctx, c.s, c.opts)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v; want one wrapping context.DeadlineExceeded", err)
			}
			t.Logf("returned after %v", took)
			if took > time.Second {
				t.Errorf("returned after %v; want within 1 s of the start", took)
			}
		})
	}
}

// TestSolveCanceled cancels Solve while it walks the outcomes: it returns
// an error wrapping context.Canceled, soon.
func TestSolveCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, took, err := solveWithin(t, 30*time.Second, ctx, tiedScenario(30, 1), bargain.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v; want one wrapping context.Canceled", err)
	}
	if took > time.Second {
		t.Errorf("returned after %v; want within 1 s of the start", took)
	}
}

// pairedRequires is a scenario where UtilitarianOptimum's search has much
// to do: 2k offers on the table, every one worth −1 to the one
// actor with values, and k requires positions each asking for one of a
// pair of them, so that the 2^k best packages (one offer of each pair)
// all tie and each is a branch of its own.
func pairedRequires(t testing.TB, k int) scenario.Scenario {
	t.Helper()
	s := scenario.Scenario{Name: "paired requires", Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "C"}}}
	for i := range 2 * k {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{
			ID: guarantee.ID(fmt.Sprintf("g%02d", i)), Provider: "A", Beneficiary: "B", Kind: guarantee.Financial,
			Trigger: guarantee.Attack("C", "B"),
		})
	}
	for i := range k {
		s.Positions = append(s.Positions, scenario.Position{Actor: "B", Stance: scenario.Requires,
			Select: guarantee.Selector{IDs: []guarantee.ID{s.Guarantees[2*i].ID, s.Guarantees[2*i+1].ID}}})
	}
	s.Values = []scenario.Value{{Actor: "B", Weights: []scenario.Weight{{Weight: -1}}}}
	return s
}

// TestUtilitarianOptimumDeadline checks that UtilitarianOptimum stops
// soon after its deadline, deep in a search that would take seconds,
// with an error wrapping context.DeadlineExceeded; and, on a smaller
// instance, that it finds the best package (one offer of each pair, the
// first).
func TestUtilitarianOptimumDeadline(t *testing.T) {
	small, err := bargain.UtilitarianOptimum(t.Context(), pairedRequires(t, 3))
	if err != nil || small.Absent {
		t.Fatalf("3 pairs: %v, %s", err, small.Reason)
	}
	if want := []guarantee.ID{"g00", "g02", "g04"}; !cmp.Equal(small.Outcome.Deal.Guarantees, want) || small.Score != -3 {
		t.Fatalf("3 pairs: %v scoring %v; want %v scoring -3", small.Outcome.Deal.Guarantees, small.Score, want)
	}
	s := pairedRequires(t, 20)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = bargain.UtilitarianOptimum(ctx, s)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v; want one wrapping context.DeadlineExceeded", err)
	}
	t.Logf("returned after %v", took)
	if took > time.Second {
		t.Errorf("returned after %v; want within 1 s of the start", took)
	}
}
