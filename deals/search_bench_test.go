package deals_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// Benchmarks of Search, on the seed scenario and on synthetic scenarios
// from internal/synth. Run them with
//
//	go test ./scenario -run '^$' -bench Search -benchmem -count 3
//
// Targets: 40 offers, 30 positions and 5 candidate vetoes (demands-veto
// positions) searched, maximal packages and concessions, within 50 ms;
// the feasible packages of 30 offers counted within 1 s.
//
// Each benchmark builds its scenario outside the loop and searches it once
// before the loop, to check that the search completes and does what the
// benchmark's name claims: a deal found, concessions computed, a count
// made. The figures are in docs/PERFORMANCE.md.

// searchBenchLimit is how long a search may take before a benchmark of
// it is skipped as impractical.
const searchBenchLimit = 10 * time.Second

// searchBenchSlow remembers the benchmarks skipped for taking longer than
// searchBenchLimit, so that -count runs do not try them again.
var searchBenchSlow = map[string]bool{}

// searchShape is what a benchmark claims its scenario makes Search do.
type searchShape int

const (
	// searchDeal: a non-empty package is feasible, so Search finds the
	// maximal packages and computes no concessions.
	searchDeal searchShape = iota
	// searchNoDeal: no non-empty package is feasible, so Search computes
	// concessions and conflicts too.
	searchNoDeal
)

// benchSearch benchmarks Search(s, opts) after checking, once, that it
// completes within searchBenchLimit (skipping the benchmark if not) and
// that its result has the given shape, with a count when opts asks for
// one.
func benchSearch(b *testing.B, s scenario.Scenario, opts deals.Options, shape searchShape) {
	b.Helper()
	ctx := context.Background()
	if searchBenchSlow[b.Name()] {
		b.Skipf("Search takes over %v here (an earlier run found); too slow to benchmark", searchBenchLimit)
	}
	trial := opts
	trial.Timeout = searchBenchLimit
	start := time.Now()
	r, err := deals.Search(ctx, s, trial)
	if err != nil {
		b.Fatal(err)
	}
	if !r.Complete {
		searchBenchSlow[b.Name()] = true
		b.Skipf("Search did not finish within %v (%s); too slow to benchmark", searchBenchLimit, r.Stopped)
	}
	switch shape {
	case searchDeal:
		if !r.Feasible || len(r.Maximal) == 0 {
			b.Fatalf("Search: no feasible deal; the benchmark wants one")
		}
	case searchNoDeal:
		if r.Feasible || len(r.Concessions) == 0 || len(r.Conflicts) == 0 {
			b.Fatalf("Search: feasible %v, %d concessions, %d conflicts; the benchmark wants no deal, concessions and conflicts",
				r.Feasible, len(r.Concessions), len(r.Conflicts))
		}
	}
	if opts.Count && (!r.Counted || shape == searchDeal && r.Count < 2) {
		b.Fatalf("Search: count %s, complete %v; the benchmark wants the feasible packages counted", countString(r), r.Complete)
	}
	b.Logf("one search: %v; %d maximal packages, %d concessions, %d conflicts, count %s",
		time.Since(start).Round(time.Microsecond), len(r.Maximal), len(r.Concessions), len(r.Conflicts), countString(r))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := deals.Search(ctx, s, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(r.Maximal)), "maximal")
	b.ReportMetric(float64(len(r.Concessions)), "concessions")
}

func countString(r deals.Result) string {
	if !r.Counted {
		return "none"
	}
	return fmt.Sprint(r.Count)
}

// searchNoDealScenario is a generated scenario of n offers, p positions
// and k of them demands-veto positions (the candidate vetoes). Generated
// scenarios of these sizes hold no deal: an aggressor's demand for a veto
// over the guarantees to the state it threatens rules out each guarantee
// meant to deter it, granted or not (the grant would capture it), and
// requires positions are left with nothing to meet. So Search computes
// concessions and conflicts; the benchmarks check that it does.
func searchNoDealScenario(n, p, k int) scenario.Scenario {
	return synth.Generate(synth.Config{Guarantees: n, Positions: p, DemandsVeto: k, Seed: 1})
}

// searchDealScenario is searchNoDealScenario(n, p, k) turned into one
// with a deal, by two changes that keep every position's stance:
//
//   - a demands-veto position held by an aggressor (an actor a trigger
//     names as attacker) is held instead by the state it threatens: the
//     beneficiary the selector names or, where it names none, the
//     beneficiary of the first guarantee whose trigger names that
//     aggressor. An aggressor's demand rules out every guarantee meant to
//     deter it, granted or not (the grant would capture it), and in
//     generated scenarios that leaves few offers standing; a protected
//     state's demand for a say over what is deployed for it leaves most;
//   - a requires position that no feasible package can meet, given the
//     others, asks instead for one offer, by ID, of the largest package the
//     positions other than requires allow.
//
// So the search has many offers to combine, and the count has requires
// positions to apply.
func searchDealScenario(tb testing.TB, n, p, k int) scenario.Scenario {
	s := searchNoDealScenario(n, p, k)
	threatens := map[actor.ID]actor.ID{}
	for _, g := range s.Guarantees {
		for _, x := range g.Trigger.Attackers() {
			if _, ok := threatens[x]; !ok {
				threatens[x] = g.Beneficiary
			}
		}
	}
	s.Positions = append([]scenario.Position(nil), s.Positions...)
	var reqs []int
	free := s
	free.Positions = nil
	for i := range s.Positions {
		pos := &s.Positions[i]
		if b, ok := threatens[pos.Actor]; ok && pos.Stance == scenario.DemandsVeto {
			if pos.Select.Beneficiary != "" {
				b = pos.Select.Beneficiary
			}
			if pos.ID != "" {
				pos.ID = strings.ToLower(string(b)) + strings.TrimPrefix(pos.ID, strings.ToLower(string(pos.Actor)))
			}
			pos.Actor = b
		}
		if pos.Stance == scenario.Requires {
			reqs = append(reqs, i)
		} else {
			free.Positions = append(free.Positions, *pos)
		}
	}
	search := func(s scenario.Scenario) deals.Result {
		// With a deal, Search looks for no concession; the timeout only
		// bounds the search of a requires position that leaves none.
		r, err := deals.Search(context.Background(), s, deals.Options{Timeout: time.Millisecond})
		if err != nil {
			tb.Fatal(err)
		}
		return r
	}
	r := search(free)
	if !r.Feasible {
		tb.Fatalf("%s without its requires positions holds no deal", s.Name)
	}
	largest := r.Maximal[0].Guarantees
	for j, i := range reqs {
		free.Positions = append(free.Positions, s.Positions[i])
		if !search(free).Feasible {
			s.Positions[i].Select = guarantee.Selector{IDs: []guarantee.ID{largest[j*7%len(largest)]}}
			free.Positions[len(free.Positions)-1] = s.Positions[i]
		}
	}
	return s
}

func BenchmarkSearchSeed(b *testing.B) {
	s := examples.Ukraine2025()
	ctx := context.Background()
	r, err := deals.Search(ctx, s, deals.Options{Count: true})
	if err != nil {
		b.Fatal(err)
	}
	if !r.Complete || !r.Counted {
		b.Fatalf("Search(seed): complete %v, count %v; want a complete search with a count", r.Complete, r.Count)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := deals.Search(ctx, s, deals.Options{Count: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch is the 50 ms target: 40 offers, 30 positions, 5 of them
// demands-veto positions, searched for the maximal packages and, where
// there is no deal, the concessions and conflicts.
func BenchmarkSearch(b *testing.B) {
	const n, p, k = 40, 30, 5
	name := fmt.Sprintf("offers=%d/positions=%d/vetoes=%d", n, p, k)
	b.Run(name+"/deal", func(b *testing.B) {
		benchSearch(b, searchDealScenario(b, n, p, k), deals.Options{}, searchDeal)
	})
	b.Run(name+"/no-deal", func(b *testing.B) {
		benchSearch(b, searchNoDealScenario(n, p, k), deals.Options{}, searchNoDeal)
	})
}

// BenchmarkSearchCount is the 1 s target: the feasible packages of 30
// offers counted (22 positions, 3 of them demands-veto positions, as in
// BenchmarkSearchGrowth). The count's inclusion-exclusion doubles with
// each requires position, so requires=20 adds requires positions, each
// asking for one of two offers of the deal, up to 20, the most Search
// counts with.
func BenchmarkSearchCount(b *testing.B) {
	const n = 30
	p, k := searchGrowthShape(n)
	name := fmt.Sprintf("offers=%d", n)
	b.Run(name, func(b *testing.B) {
		benchSearch(b, searchDealScenario(b, n, p, k), deals.Options{Count: true}, searchDeal)
	})
	b.Run(name+"/requires=20", func(b *testing.B) {
		benchSearch(b, searchManyRequires(b, searchDealScenario(b, n, p, k), 20), deals.Options{Count: true}, searchDeal)
	})
}

// searchManyRequires adds requires positions to s, which has a deal, until
// it holds r of them: each asks for one of two offers of the largest
// feasible package, taken in turn, so that the deal stands and no two ask
// for the same pair.
func searchManyRequires(tb testing.TB, s scenario.Scenario, r int) scenario.Scenario {
	res, err := deals.Search(context.Background(), s, deals.Options{})
	if err != nil || !res.Feasible {
		tb.Fatalf("Search(%s): feasible %v, error %v; want a deal", s.Name, res.Feasible, err)
	}
	deal := res.Maximal[0].Guarantees
	have := 0
	for _, p := range s.Positions {
		if p.Stance == scenario.Requires {
			have++
		}
	}
	s.Positions = append([]scenario.Position(nil), s.Positions...)
	for i := range r - have {
		s.Positions = append(s.Positions, scenario.Position{
			ID:      fmt.Sprintf("requires-more-%d", i+1),
			Actor:   s.Guarantees[0].Beneficiary,
			Stance:  scenario.Requires,
			Select:  guarantee.Selector{IDs: []guarantee.ID{deal[i%len(deal)], deal[(i+1+i/len(deal))%len(deal)]}},
			Sources: []string{synth.SourceID},
		})
	}
	return s
}

// searchGrowthShape gives the positions and candidate vetoes of a growth
// benchmark of n offers: positions n·3/4, vetoes min(5, n/8).
func searchGrowthShape(n int) (positions, vetoes int) {
	return n * 3 / 4, min(5, n/8)
}

// BenchmarkSearchGrowth shows how Search's cost grows with the offers,
// positions and candidate vetoes in proportion: with a deal, without and
// with a count of the feasible packages, and without a deal, where the
// concessions and conflicts are searched for (a count there is 0 or 1, and
// costs nothing to speak of). Sizes whose search takes over 10 s are
// skipped.
func BenchmarkSearchGrowth(b *testing.B) {
	for _, n := range []int{10, 20, 30, 40, 50, 60} {
		p, k := searchGrowthShape(n)
		name := fmt.Sprintf("offers=%d/positions=%d/vetoes=%d", n, p, k)
		b.Run(name+"/deal", func(b *testing.B) {
			benchSearch(b, searchDealScenario(b, n, p, k), deals.Options{}, searchDeal)
		})
		b.Run(name+"/deal/count", func(b *testing.B) {
			benchSearch(b, searchDealScenario(b, n, p, k), deals.Options{Count: true}, searchDeal)
		})
		b.Run(name+"/no-deal", func(b *testing.B) {
			benchSearch(b, searchNoDealScenario(n, p, k), deals.Options{}, searchNoDeal)
		})
	}
}
