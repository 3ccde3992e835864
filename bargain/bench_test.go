package bargain_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// valuesFor gives five actors of s values drawn from seed: weights on
// selectors of kinds, providers and beneficiaries, and on each candidate
// veto.
func valuesFor(s *scenario.Scenario, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	var demands []string
	for i, p := range s.Positions {
		if p.Stance == scenario.DemandsVeto {
			demands = append(demands, s.PositionRef(i))
		}
	}
	s.Values = nil
	for k := range 5 {
		v := scenario.Value{Actor: s.Actors[k*len(s.Actors)/5].ID}
		for range 6 {
			g := s.Guarantees[r.IntN(len(s.Guarantees))]
			sel := guarantee.Selector{Kind: g.Kind}
			switch r.IntN(3) {
			case 0:
				sel = guarantee.Selector{Provider: g.Provider}
			case 1:
				sel = guarantee.Selector{Beneficiary: g.Beneficiary}
			}
			v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(11) - 4), Select: sel})
		}
		for _, d := range demands {
			v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(7) - 3), Veto: d})
		}
		s.Values = append(s.Values, v)
	}
}

// liveScenario has n independent offers that every package may hold and
// five demands-veto positions whose grants cover nothing, so that it has
// (2^n − 1)·2^5 outcomes: the size that drives Solve's cost.
func liveScenario(n int) scenario.Scenario {
	s := scenario.Scenario{}
	for i := range 8 {
		s.Actors = append(s.Actors, actor.Actor{ID: actor.ID("S" + strconv.Itoa(i))})
	}
	for i := range n {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{
			ID: guarantee.ID(fmt.Sprintf("g%02d", i)), Provider: s.Actors[1+i%7].ID, Beneficiary: "S0",
			Kind: []guarantee.Kind{guarantee.Aid, guarantee.Surveillance, guarantee.EconomicSanctions}[i%3],
		})
	}
	for i := range 5 {
		s.Positions = append(s.Positions, scenario.Position{ID: "d" + strconv.Itoa(i), Actor: s.Actors[1+i].ID, Stance: scenario.DemandsVeto,
			Select: guarantee.Selector{Location: "nowhere"}})
	}
	valuesFor(&s, uint64(n))
	return s
}

// BenchmarkSolveNoDeal is the issue's size as generated: 40 offers, 30
// positions, 5 candidate vetoes, 5 actors with values; and 60 offers.
// These scenarios admit no deal (their positions rule every offer out),
// so this measures only what Solve costs before any outcome: compiling
// the search space and trying the 32 choices of candidate vetoes.
func BenchmarkSolveNoDeal(b *testing.B) {
	for _, n := range []int{40, 60} {
		s := synth.Generate(synth.Config{Guarantees: n, Positions: 30, DemandsVeto: 5, Seed: 1})
		valuesFor(&s, 1)
		b.Run("offers="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				r, err := bargain.Solve(b.Context(), s, bargain.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if r.Outcomes != 0 {
					b.Fatalf("%d outcomes; want none", r.Outcomes)
				}
			}
		})
	}
}

// tiedFour is two actors and three offers, a (3, −1), b (−1, 3) and
// c (1, 1), plus extra offers worth nothing: 2^(extra+3) − 1 outcomes over
// 8 vectors, each vector's outcomes tied, and the frontier (4, 0),
// (3, 3), (0, 4) holds 3·2^extra of them. Every norm has a solution.
func tiedFour(extra int) scenario.Scenario {
	s := tiedScenario(extra+2, 1)
	s.Guarantees[1].ID, s.Guarantees[2].ID = "y", "z"
	ids := guarantee.SelectIDs
	s.Values[0].Weights = []scenario.Weight{{Weight: 3, Select: ids("x")}, {Weight: -1, Select: ids("y")}, {Weight: 1, Select: ids("z")}}
	s.Values[1].Weights = []scenario.Weight{{Weight: -1, Select: ids("x")}, {Weight: 3, Select: ids("y")}, {Weight: 1, Select: ids("z")}}
	return s
}

// allFour fails b unless every solution of r exists.
func allFour(b *testing.B, r bargain.Result) {
	for _, sol := range r.Solutions {
		if sol.Absent {
			b.Fatalf("%s absent: %s", sol.Name, sol.Reason)
		}
	}
}

// BenchmarkSolveTied measures Solve where every solution exists and the
// frontier is large and tied (tiedFour with 16 extra offers: 524,287
// outcomes, 196,608 on the frontier), listing the first 50 of the
// frontier, as the command does, and all of it.
func BenchmarkSolveTied(b *testing.B) {
	const extra = 16
	s := tiedFour(extra)
	for _, limit := range []int{50, 0} {
		name := "frontier=" + strconv.Itoa(limit)
		if limit == 0 {
			name = "frontier=all"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r, err := bargain.Solve(b.Context(), s, bargain.Options{FrontierLimit: limit})
				if err != nil {
					b.Fatal(err)
				}
				allFour(b, r)
				if r.Outcomes != 1<<(extra+3)-1 || r.FrontierCount != 3<<extra {
					b.Fatalf("%d outcomes, frontier of %d; want %d, %d", r.Outcomes, r.FrontierCount, 1<<(extra+3)-1, 3<<extra)
				}
			}
		})
	}
}

// BenchmarkSolveLive measures Solve as the outcomes grow: n live offers
// and 5 candidate vetoes give (2^n − 1)·32 outcomes.
func BenchmarkSolveLive(b *testing.B) {
	for _, n := range []int{6, 9, 12} {
		s := liveScenario(n)
		b.Run("offers="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				r, err := bargain.Solve(b.Context(), s, bargain.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if r.Outcomes != (1<<n-1)*32 {
					b.Fatalf("%d outcomes; want %d", r.Outcomes, (1<<n-1)*32)
				}
			}
		})
	}
}

// issueScenario is the issue's size, 40 offers (or n), 30 positions, 5
// candidate vetoes and 5 actors with values, made feasible: the generated
// scenario admits no deal, so the positions of the first concession Search
// proposes are withdrawn until one is possible.
func issueScenario(tb testing.TB, n int) scenario.Scenario {
	return feasibleScenario(tb, synth.Config{Guarantees: n, Positions: 30, DemandsVeto: 5, Seed: 1})
}

// feasibleScenario is the scenario c generates, made feasible as
// issueScenario makes it, with five actors given values.
func feasibleScenario(tb testing.TB, c synth.Config) scenario.Scenario {
	s := synth.Generate(c)
	for {
		r, err := deals.Search(tb.Context(), s, deals.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		if r.Feasible || len(r.Concessions) == 0 {
			break
		}
		for _, p := range r.Concessions[0].Positions {
			if s, err = s.With(scenario.Without{ID: p}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	valuesFor(&s, 1)
	return s
}

// BenchmarkUtilitarianOptimum finds the utilitarian optimum of the issue's
// instance, 40 offers, and of the same made with 60.
func BenchmarkUtilitarianOptimum(b *testing.B) {
	for _, n := range []int{40, 60} {
		s := issueScenario(b, n)
		b.Run("offers="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				sol, err := bargain.UtilitarianOptimum(b.Context(), s)
				if err != nil || sol.Absent {
					b.Fatal(err, sol.Reason)
				}
			}
		})
	}
}

// BenchmarkSolveIssue is the issue's acceptance instance: every solution
// and the frontier at 40 offers (issueScenario), and the same made with
// 60. At 40 offers no outcome is individually rational, so Nash,
// Kalai–Smorodinsky and egalitarian are absent; the rational variant
// lowers every disagreement value below any utility, so that all four
// solutions exist over the same 5,242,880 outcomes.
func BenchmarkSolveIssue(b *testing.B) {
	for _, c := range []struct {
		n        int
		rational bool
	}{{40, false}, {40, true}, {60, false}} {
		s := issueScenario(b, c.n)
		name := "offers=" + strconv.Itoa(c.n)
		if c.rational {
			name += "/rational"
			for i := range s.Values {
				s.Values[i].Disagreement = -1000
			}
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r, err := bargain.Solve(b.Context(), s, bargain.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if r.Outcomes == 0 {
					b.Fatal("no outcome")
				}
				if c.rational || c.n == 60 {
					allFour(b, r)
				}
			}
		})
	}
}

// BenchmarkUtilitarianTies is UtilitarianOptimum's worst case known: k
// pairs of offers (pairedRequires), each pair asked for by a requires
// position, every offer worth −1, so that 2^k packages tie for best and
// the search lists each, one branch of cuts apiece. Cost doubles with
// each pair.
func BenchmarkUtilitarianTies(b *testing.B) {
	for _, k := range []int{8, 10, 12} {
		s := pairedRequires(b, k)
		b.Run("pairs="+strconv.Itoa(k), func(b *testing.B) {
			for b.Loop() {
				if sol, err := bargain.UtilitarianOptimum(b.Context(), s); err != nil || sol.Absent {
					b.Fatal(err, sol.Reason)
				}
			}
		})
	}
}

// dependentScenario is a framework where what the parties want depends on
// what they must pay for: half the offers are capabilities (worth 0 to 99
// to each of three actors), and each requires two or three of the other
// half, enablers that cost each of them 0 to 99 (air support that needs
// basing and a financing line, say). The best deal is a maximum-weight
// closure, the "project selection" problem; vetoes candidate vetoes over
// providers' offers of one kind decide, when refused, which offers may be
// in it at all. Answer-set solvers search long for these optimums: see
// docs/PERFORMANCE.md.
func dependentScenario(offers, vetoes int, seed uint64) scenario.Scenario {
	r := rand.New(rand.NewPCG(seed, 3))
	s := scenario.Scenario{Name: fmt.Sprintf("dependent offers %d, vetoes %d, seed %d", offers, vetoes, seed), Actors: []actor.Actor{{ID: "C"}}}
	for i := range 8 {
		s.Actors = append(s.Actors, actor.Actor{ID: actor.ID("S" + strconv.Itoa(i))})
	}
	kinds := []guarantee.Kind{guarantee.AirSupport, guarantee.Surveillance, guarantee.Aid}
	capabilities := offers / 2
	for i := range offers {
		g := guarantee.Guarantee{ID: guarantee.ID(fmt.Sprintf("g%03d", i)), Provider: actor.ID("S" + strconv.Itoa(1+i%7)),
			Beneficiary: "S0", Kind: kinds[i%3], Trigger: guarantee.Attack("C", "S0")}
		if i < capabilities {
			for range 2 + r.IntN(2) {
				id := guarantee.ID(fmt.Sprintf("g%03d", capabilities+r.IntN(offers-capabilities)))
				if !slices.Contains(g.Requires, id) {
					g.Requires = append(g.Requires, id)
				}
			}
		}
		s.Guarantees = append(s.Guarantees, g)
	}
	for i := range vetoes {
		s.Positions = append(s.Positions, scenario.Position{ID: "d" + strconv.Itoa(i), Actor: actor.ID("S" + strconv.Itoa(1+i%7)), Stance: scenario.DemandsVeto,
			Select: guarantee.Selector{Provider: actor.ID("S" + strconv.Itoa(1+r.IntN(7))), Kind: kinds[r.IntN(3)]}})
	}
	for k := range 3 {
		v := scenario.Value{Actor: actor.ID("S" + strconv.Itoa(k))}
		for i, g := range s.Guarantees {
			w := float64(r.IntN(100))
			if i >= capabilities {
				w = -w
			}
			v.Weights = append(v.Weights, scenario.Weight{Weight: w, Select: guarantee.SelectIDs(g.ID)})
		}
		for i := range vetoes {
			v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(7) - 3), Veto: "d" + strconv.Itoa(i)})
		}
		s.Values = append(s.Values, v)
	}
	return s
}
