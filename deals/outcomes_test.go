package deals_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// bruteDeals returns every feasible (H, W), H non-empty, straight from
// docs/MODEL.md: every package times every choice of candidate vetoes, each
// evaluated on the scenario cut down to the package.
func bruteDeals(t testing.TB, s scenario.Scenario) []deals.Deal {
	b := &testkit.Brute{S: s, N: len(s.Guarantees)}
	for i, p := range s.Positions {
		if p.Stance == scenario.DemandsVeto {
			b.Cands = append(b.Cands, i)
		}
	}
	var out []deals.Deal
	for h := 1; h < 1<<b.N; h++ {
		for w := range 1 << len(b.Cands) {
			if testkit.HasError(t, b.Cut(h, w, 0)) {
				continue
			}
			d := deals.Deal{Guarantees: b.Offers(h), Vetoes: []string{}}
			for j, p := range b.Cands {
				if w&(1<<j) != 0 {
					d.Vetoes = append(d.Vetoes, s.PositionRef(p))
				}
			}
			out = append(out, d)
		}
	}
	return out
}

func dealKey(d deals.Deal) string {
	var b strings.Builder
	for _, g := range d.Guarantees {
		b.WriteString(string(g) + ",")
	}
	b.WriteString("|" + strings.Join(d.Vetoes, ","))
	return b.String()
}

func collect(t testing.TB, s scenario.Scenario, opts deals.AllOptions) ([]deals.Deal, error) {
	t.Helper()
	var out []deals.Deal
	for d, err := range deals.All(t.Context(), s, opts) {
		if err != nil {
			return out, err
		}
		out = append(out, d)
	}
	return out, nil
}

// TestDealsAgainstBruteForce checks on random scenarios that Deals
// yields exactly the feasible (H, W) that Evaluate finds one by one, each
// once, and in the same order every time.
func TestDealsAgainstBruteForce(t *testing.T) {
	n := 1500
	if testing.Short() || testkit.RaceEnabled {
		n = 150
	}
	total, withVetoes := 0, 0
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 16))
		sh := testkit.RandomShape(r)
		sh.Offers = min(sh.Offers, 9)
		s := testkit.Generate(seed, sh)
		want := bruteDeals(t, s)
		got, err := collect(t, s, deals.AllOptions{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		total += len(got)
		for _, d := range got {
			if len(d.Vetoes) > 0 {
				withVetoes++
			}
		}
		again, _ := collect(t, s, deals.AllOptions{})
		if d := cmp.Diff(got, again); d != "" {
			t.Errorf("seed %d: a second run differs (-first +second):\n%s", seed, d)
		}
		byKey := func(a, b deals.Deal) int { return strings.Compare(dealKey(a), dealKey(b)) }
		slices.SortFunc(got, byKey)
		slices.SortFunc(want, byKey)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("seed %d (%v): outcomes differ from the brute-force reference (-want +got):\n%s", seed, sh, d)
		}
	}
	if total == 0 || withVetoes == 0 {
		t.Errorf("%d outcomes, %d granting a candidate veto: the test proves too little", total, withVetoes)
	}
	t.Logf("%d outcomes, %d granting a candidate veto", total, withVetoes)
}

// TestDealsLimit checks that a limit below the number of deals ends
// the sequence with ErrTooManyDeals after exactly that many, and that
// a limit at the number yields them all with no error.
func TestDealsLimit(t *testing.T) {
	s := testkit.WideScenario(3)
	s.Positions = []scenario.Position{{ID: "us-demands-veto", Actor: "US", Stance: scenario.DemandsVeto, Select: guarantee.Selector{IDs: []guarantee.ID{"g0"}}}}
	all, err := collect(t, s, deals.AllOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("%d outcomes; the test needs at least 3", len(all))
	}
	for _, c := range []struct {
		reason string
		limit  int
		want   int
		err    error
	}{
		{reason: "no limit", limit: 0, want: len(all)},
		{reason: "the limit is the count", limit: len(all), want: len(all)},
		{reason: "one fewer", limit: len(all) - 1, want: len(all) - 1, err: deals.ErrTooMany},
		{reason: "one", limit: 1, want: 1, err: deals.ErrTooMany},
	} {
		t.Run(c.reason, func(t *testing.T) {
			got, err := collect(t, s, deals.AllOptions{Limit: c.limit})
			if !errors.Is(err, c.err) {
				t.Errorf("error %v; want %v", err, c.err)
			}
			if d := cmp.Diff(all[:c.want], got); d != "" {
				t.Errorf("outcomes (-want +got):\n%s", d)
			}
		})
	}
}

// TestDealsCancelled checks that a cancelled context ends the sequence
// with its error, and that a caller that breaks stops the enumeration.
func TestDealsCancelled(t *testing.T) {
	s := testkit.WideScenario(20)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	n := 0
	var last error
	for _, err := range deals.All(ctx, s, deals.AllOptions{}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("error %v; want context.Canceled", last)
	}
	if n >= 1<<20-1 {
		t.Errorf("yielded all %d outcomes despite the cancelled context", n)
	}
	n = 0
	for range deals.All(t.Context(), s, deals.AllOptions{}) {
		n++
		if n == 5 {
			break
		}
	}
	if n != 5 {
		t.Errorf("got %d outcomes before the break; want 5", n)
	}
}

// TestDealsInvalid checks that an invalid scenario yields its problems.
func TestDealsInvalid(t *testing.T) {
	s := scenario.Scenario{Values: []scenario.Value{{Actor: "XX"}}}
	_, err := collect(t, s, deals.AllOptions{})
	var es scenario.Errors
	if !errors.As(err, &es) {
		t.Errorf("error %v (%T); want scenario.Errors", err, err)
	}
}

// Deals lists every feasible package with each choice of candidate
// vetoes: here Moscow demands a veto over g1, so g1 stands only with the
// veto granted, and g0 stands either way.
func ExampleAll() {
	s := testkit.WideScenario(2)
	s.Positions = []scenario.Position{{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{IDs: []guarantee.ID{"g1"}}}}
	for d, err := range deals.All(context.Background(), s, deals.AllOptions{Limit: 100}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.Guarantees, d.Vetoes)
	}
	// Output:
	// [g0] []
	// [g1] [ru-demands-veto]
	// [g0] [ru-demands-veto]
	// [g0 g1] [ru-demands-veto]
}
