package bargain_test

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// This file checks Solve against a reference straight from docs/MODEL.md:
// every package times every choice of candidate vetoes, each evaluated
// with scenario.Evaluate on the scenario cut down to it; utilities summed
// from the weights' definitions; each solution by its formula over the
// outcomes, ties by the order of deals.

type refOutcome struct {
	deal deals.Deal
	u, g []*big.Rat
}

// reference computes the outcomes of s by brute force.
func reference(t *testing.T, s scenario.Scenario) []refOutcome {
	t.Helper()
	x, err := actor.NewIndex(s.Actors)
	if err != nil {
		t.Fatal(err)
	}
	var cands []int
	for i, p := range s.Positions {
		if p.Stance == scenario.DemandsVeto {
			cands = append(cands, i)
		}
	}
	n := len(s.Guarantees)
	var out []refOutcome
	for h := 1; h < 1<<n; h++ {
		for w := range 1 << len(cands) {
			c := s
			c.Guarantees = nil
			for i, g := range s.Guarantees {
				if h&(1<<i) != 0 {
					c.Guarantees = append(c.Guarantees, g)
				}
			}
			c.Vetoes = slices.Clone(s.Vetoes)
			d := deals.Deal{Guarantees: []guarantee.ID{}, Vetoes: []string{}}
			for j, p := range cands {
				if w&(1<<j) != 0 {
					c.Vetoes = append(c.Vetoes, scenario.Veto{Holder: s.Positions[p].Actor, Over: s.Positions[p].Select})
					d.Vetoes = append(d.Vetoes, s.PositionRef(p))
				}
			}
			c.Values = nil
			rep, err := scenario.Evaluate(c)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict == scenario.Incompatible {
				continue
			}
			for _, g := range c.Guarantees {
				d.Guarantees = append(d.Guarantees, g.ID)
			}
			slices.Sort(d.Guarantees)
			o := refOutcome{deal: d}
			for _, v := range s.Values {
				u := new(big.Rat)
				for _, wt := range v.Weights {
					r := new(big.Rat).SetFloat64(wt.Weight)
					if wt.Veto == "" {
						for i := range c.Guarantees {
							if wt.Select.Matches(&c.Guarantees[i], x) {
								u.Add(u, r)
							}
						}
					} else if k := s.PositionIndex(wt.Veto); k >= 0 && slices.Contains(d.Vetoes, s.PositionRef(k)) {
						u.Add(u, r)
					}
				}
				o.u = append(o.u, u)
				o.g = append(o.g, new(big.Rat).Sub(u, new(big.Rat).SetFloat64(v.Disagreement)))
			}
			out = append(out, o)
		}
	}
	return out
}

// lessDeal is docs/MODEL.md's order of ties.
func lessDeal(a, b deals.Deal) bool {
	if len(a.Guarantees) != len(b.Guarantees) {
		return len(a.Guarantees) < len(b.Guarantees)
	}
	if len(a.Vetoes) != len(b.Vetoes) {
		return len(a.Vetoes) < len(b.Vetoes)
	}
	if c := slices.Compare(a.Guarantees, b.Guarantees); c != 0 {
		return c < 0
	}
	return slices.Compare(a.Vetoes, b.Vetoes) < 0
}

// argmax returns the outcome of largest score, ties to the smaller deal,
// and its score; nil when no outcome has a score. It leaves out the
// outcome not.
func argmax(outs []refOutcome, score func(refOutcome) *big.Rat, not *refOutcome) (*refOutcome, *big.Rat) {
	var best *refOutcome
	var bs *big.Rat
	for i := range outs {
		sc := score(outs[i])
		if sc == nil || &outs[i] == not {
			continue
		}
		if best == nil || sc.Cmp(bs) > 0 || sc.Cmp(bs) == 0 && lessDeal(outs[i].deal, best.deal) {
			best, bs = &outs[i], sc
		}
	}
	return best, bs
}

type refSolution struct {
	Name   string
	Absent bool
	Deal   deals.Deal
	Score  float64
	Actor  actor.ID // whom an absent solution blames
	// RunnerUp is the best other outcome, when there is one.
	RunnerUp *deals.Deal
}

func solveByHand(outs []refOutcome, actors []actor.ID) (sols []refSolution, frontier []deals.Deal, rational int) {
	n := len(actors)
	ir := func(o refOutcome) bool {
		return !slices.ContainsFunc(o.g, func(g *big.Rat) bool { return g.Sign() < 0 })
	}
	ideal := make([]*big.Rat, n)
	for _, o := range outs {
		if !ir(o) {
			continue
		}
		rational++
		for a := range n {
			if ideal[a] == nil || o.u[a].Cmp(ideal[a]) > 0 {
				ideal[a] = o.u[a]
			}
		}
	}
	for _, o := range outs {
		dominated := false
		for _, p := range outs {
			ge, gt := true, false
			for a := range n {
				c := p.u[a].Cmp(o.u[a])
				ge = ge && c >= 0
				gt = gt || c > 0
			}
			if ge && gt {
				dominated = true
				break
			}
		}
		if !dominated {
			frontier = append(frontier, o.deal)
		}
	}
	norms := []struct {
		name  string
		score func(refOutcome) *big.Rat
	}{
		{bargain.Utilitarian, func(o refOutcome) *big.Rat {
			s := new(big.Rat)
			for _, u := range o.u {
				s.Add(s, u)
			}
			return s
		}},
		{bargain.Nash, func(o refOutcome) *big.Rat {
			p := big.NewRat(1, 1)
			for _, g := range o.g {
				if g.Sign() <= 0 {
					return nil
				}
				p.Mul(p, g)
			}
			return p
		}},
		{bargain.KalaiSmorodinsky, func(o refOutcome) *big.Rat {
			if !ir(o) {
				return nil
			}
			var m *big.Rat
			for a := range n {
				d := new(big.Rat).Sub(o.u[a], o.g[a])
				span := new(big.Rat).Sub(ideal[a], d)
				if span.Sign() == 0 {
					continue
				}
				q := new(big.Rat).Quo(o.g[a], span)
				if m == nil || q.Cmp(m) < 0 {
					m = q
				}
			}
			if m == nil {
				return big.NewRat(1, 1)
			}
			return m
		}},
		{bargain.Egalitarian, func(o refOutcome) *big.Rat {
			if !ir(o) {
				return nil
			}
			m := o.g[0]
			for _, g := range o.g {
				if g.Cmp(m) < 0 {
					m = g
				}
			}
			return m
		}},
	}
	for _, nm := range norms {
		best, sc := argmax(outs, nm.score, nil)
		if best == nil {
			sols = append(sols, refSolution{Name: nm.name, Absent: true, Actor: blame(outs, actors, nm.name == bargain.Nash)})
			continue
		}
		f, _ := sc.Float64()
		sol := refSolution{Name: nm.name, Deal: best.deal, Score: f}
		if second, _ := argmax(outs, nm.score, best); second != nil {
			sol.RunnerUp = &second.deal
		}
		sols = append(sols, sol)
	}
	return sols, frontier, rational
}

// blame returns the first actor whose best utility over all outcomes is
// below its disagreement value (not above it, when strict), or "".
func blame(outs []refOutcome, actors []actor.ID, strict bool) actor.ID {
	if len(outs) == 0 {
		return ""
	}
	for a := range actors {
		best := outs[0]
		for _, o := range outs {
			if o.u[a].Cmp(best.u[a]) > 0 {
				best = o
			}
		}
		if c := best.g[a].Sign(); c < 0 || strict && c == 0 {
			return actors[a]
		}
	}
	return ""
}

// randomValues gives some actors of s values: integer and half weights,
// negative ones, ties, actors with nothing to gain, disagreement values
// that rule outcomes out.
func randomValues(r *rand.Rand, s *scenario.Scenario) {
	s.Values = nil
	pick := func() actor.ID { return s.Actors[r.IntN(len(s.Actors))].ID }
	var demands []string
	for i, p := range s.Positions {
		if p.Stance == scenario.DemandsVeto {
			demands = append(demands, s.PositionRef(i))
		}
	}
	taken := map[actor.ID]bool{}
	for range 1 + r.IntN(4) {
		a := pick()
		if len(s.Guarantees) > 0 && r.IntN(2) == 0 {
			a = s.Guarantees[r.IntN(len(s.Guarantees))].Beneficiary
		}
		if taken[a] {
			continue
		}
		taken[a] = true
		v := scenario.Value{Actor: a, Disagreement: []float64{0, 0, 0, -1, 1, 2.5, 6}[r.IntN(7)]}
		for range r.IntN(5) {
			w := scenario.Weight{Weight: float64(r.IntN(9)-3) / []float64{1, 2, 10}[r.IntN(3)]} // tenths are inexact in float64
			if len(demands) > 0 && r.IntN(4) == 0 {
				w.Veto = demands[r.IntN(len(demands))]
			} else {
				var sel guarantee.Selector
				if len(s.Guarantees) > 0 {
					g := s.Guarantees[r.IntN(len(s.Guarantees))]
					switch r.IntN(5) {
					case 0:
						sel.IDs = []guarantee.ID{g.ID}
					case 1:
						sel.Kind = g.Kind
					case 2:
						sel.Beneficiary = g.Beneficiary
					case 3:
						sel.Provider = g.Provider
					}
				}
				w.Select = sel
			}
			v.Weights = append(v.Weights, w)
		}
		s.Values = append(s.Values, v)
	}
}

// frontierOrder reports whether outcome a comes before b on the frontier,
// as the package documentation orders it: best for the first actor
// first, then the second..., then by the order of deals.
func frontierOrder(a, b bargain.Outcome) bool {
	if c := slices.Compare(b.Utilities, a.Utilities); c != 0 {
		return c < 0
	}
	return lessDeal(a.Deal, b.Deal)
}

// TestSolveAgainstBruteForce compares every solution, the frontier and
// the counts with the reference on thousands of random scenarios.
func TestSolveAgainstBruteForce(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	var absent, withVetoes, outcomes int
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 16))
		s := synth.Generate(synth.Config{Guarantees: 1 + r.IntN(7), Positions: 2 + r.IntN(5), DemandsVeto: r.IntN(3), Seed: seed})
		randomValues(r, &s)
		var actors []actor.ID
		for _, v := range s.Values {
			actors = append(actors, v.Actor)
		}
		outs := reference(t, s)
		wantSols, wantFrontier, rational := solveByHand(outs, actors)
		got, err := bargain.Solve(t.Context(), s, bargain.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		var gotSols []refSolution
		for _, sol := range got.Solutions {
			rs := refSolution{Name: sol.Name, Absent: sol.Absent, Actor: sol.Actor}
			if !sol.Absent {
				rs.Deal, rs.Score = sol.Outcome.Deal, sol.Score
				if sol.RunnerUp != nil {
					rs.RunnerUp = &sol.RunnerUp.Deal
				}
			} else {
				absent++
			}
			gotSols = append(gotSols, rs)
		}
		if d := cmp.Diff(wantSols, gotSols); d != "" {
			t.Errorf("seed %d: solutions (-want +got):\n%s", seed, d)
		}
		opt, err := bargain.UtilitarianOptimum(t.Context(), s)
		if err != nil {
			t.Fatalf("seed %d: UtilitarianOptimum: %v", seed, err)
		}
		gotOpt := refSolution{Name: opt.Name, Absent: opt.Absent, Actor: opt.Actor}
		if !opt.Absent {
			gotOpt.Deal, gotOpt.Score = opt.Outcome.Deal, opt.Score
		}
		wantOpt := wantSols[0]
		wantOpt.RunnerUp = nil // UtilitarianOptimum names none
		if d := cmp.Diff(wantOpt, gotOpt); d != "" {
			t.Errorf("seed %d: UtilitarianOptimum (-want +got):\n%s", seed, d)
		}
		var gotFrontier []deals.Deal
		for i, o := range got.Frontier {
			gotFrontier = append(gotFrontier, o.Deal)
			if i > 0 && !frontierOrder(got.Frontier[i-1], o) {
				t.Errorf("seed %d: frontier out of order at %d: %v then %v", seed, i, got.Frontier[i-1], o)
			}
		}
		cut, err := bargain.Solve(t.Context(), s, bargain.Options{FrontierLimit: 2})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if d := cmp.Diff(got.Frontier[:min(2, len(got.Frontier))], cut.Frontier); d != "" || cut.FrontierCount != got.FrontierCount {
			t.Errorf("seed %d: frontier cut at 2, counted %d of %d (-want +got):\n%s", seed, cut.FrontierCount, got.FrontierCount, d)
		}
		less := func(a, b deals.Deal) int {
			if lessDeal(a, b) {
				return -1
			}
			if lessDeal(b, a) {
				return 1
			}
			return 0
		}
		slices.SortFunc(wantFrontier, less)
		slices.SortFunc(gotFrontier, less)
		if d := cmp.Diff(wantFrontier, gotFrontier); d != "" {
			t.Errorf("seed %d: frontier (-want +got):\n%s", seed, d)
		}
		if got.Outcomes != len(outs) || got.Rational != rational || got.FrontierCount != len(wantFrontier) {
			t.Errorf("seed %d: %d outcomes, %d rational, frontier %d; want %d, %d, %d", seed,
				got.Outcomes, got.Rational, got.FrontierCount, len(outs), rational, len(wantFrontier))
		}
		outcomes += len(outs)
		for _, o := range outs {
			if len(o.deal.Vetoes) > 0 {
				withVetoes++
			}
		}
	}
	t.Logf("%d outcomes (%d granting candidate vetoes), %d absent solutions", outcomes, withVetoes, absent)
	if absent == 0 || withVetoes == 0 || outcomes == 0 {
		t.Error("the random scenarios miss a case: the test proves too little")
	}
}
