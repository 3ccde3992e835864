package bargain_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
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
			v.Weights = append(v.Weights, scenario.Weight{Weight: float64(r.IntN(11) - 4), Select: &sel})
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

// BenchmarkSolveSynth is the issue's size: 40 offers, 30 positions, 5
// candidate vetoes, 5 actors with values; and 60 offers. The generated
// scenarios admit no deal (their positions rule every offer out), so this
// measures what Solve costs before any outcome: compiling the search space
// and trying the 32 choices of candidate vetoes.
func BenchmarkSolveSynth(b *testing.B) {
	for _, n := range []int{40, 60} {
		s := synth.Generate(synth.Config{Guarantees: n, Positions: 30, DemandsVeto: 5, Seed: 1})
		valuesFor(&s, 1)
		b.Run("offers="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := bargain.Solve(b.Context(), s, bargain.Options{}); err != nil {
					b.Fatal(err)
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
	s := synth.Generate(synth.Config{Guarantees: n, Positions: 30, DemandsVeto: 5, Seed: 1})
	for {
		r, err := scenario.Search(tb.Context(), s, scenario.SearchOptions{})
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
// 60.
func BenchmarkSolveIssue(b *testing.B) {
	for _, n := range []int{40, 60} {
		s := issueScenario(b, n)
		b.Run("offers="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				r, err := bargain.Solve(b.Context(), s, bargain.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if r.Outcomes == 0 {
					b.Fatal("no outcome")
				}
			}
		})
	}
}
