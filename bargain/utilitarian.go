package bargain

import (
	"cmp"
	"context"
	"math"
	"math/big"
	"slices"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/scenario"
)

// UtilitarianOptimum finds the utilitarian solution of s (the outcome of the
// largest Σ u_a, ties as [Solve] breaks them) without listing the
// outcomes: utility is additive over offers and candidate vetoes, so for
// each choice of candidate vetoes ([deals.Choices]) a branch and bound
// over the offers of the largest package it allows finds the best package,
// bounding each branch by what it has plus every positive offer still
// undecided. The choices themselves are walked as a tree, one candidate
// veto decided at each level, and a node is skipped whole when what its
// granted vetoes add, every positive veto still open and every positive
// offer any choice below it could allow fall short of the best outcome so
// far; so is a single choice whose bound at the root falls short, before
// its search is set up. It is exact, in rationals as Solve is, and returns
// the same outcome and score as Solve's utilitarian solution; it names no
// runner-up. It costs what the bounds prune, not the number of outcomes,
// and stops with ctx.
func UtilitarianOptimum(ctx context.Context, s scenario.Scenario) (Solution, error) {
	if err := scenario.Validate(s); err != nil {
		return Solution{}, err
	}
	if len(s.Values) == 0 {
		return Solution{}, ErrNoValues
	}
	t, err := newTerms(&s)
	if err != nil {
		return Solution{}, err
	}
	deps := requirementsOf(&s)
	// What each offer adds to Σ u_a, whatever the choice.
	worth := map[guarantee.ID]*big.Rat{}
	for _, g := range s.Guarantees {
		x := new(big.Rat)
		for a := range t.actors {
			if w := t.offer[a][g.ID]; w != nil {
				x.Add(x, w)
			}
		}
		worth[g.ID] = x
	}
	// Best offers first, by the nearest float64: the order only guides
	// the search, the sums stay exact.
	approx := make(map[guarantee.ID]float64, len(worth))
	for g, x := range worth {
		approx[g], _ = x.Float64()
	}
	sp, err := space.New(&s)
	if err != nil {
		return Solution{}, err
	}
	refs := make([]string, len(sp.Demands))
	for j := range refs {
		refs[j] = sp.VetoRef(j)
	}
	ids := make([]guarantee.ID, len(s.Guarantees))
	for i, g := range s.Guarantees {
		ids[i] = g.ID
	}
	f := newFloatBound(t, approx, ids, refs)
	var best *bnb
	var bestF float64
	bound := new(big.Rat)
	// A node of the walk whose choices together, every positive offer and
	// veto counted, fall short of the best outcome so far cannot hold a
	// better one, and is skipped; in floating point, where that is certain.
	prune := func(w, open uint64, upper space.Bits) bool {
		return best != nil && f.below(w, open, upper, bestF)
	}
	err = sp.Choices(ctx, prune, func(w uint64, l space.Bits) bool {
		// A choice whose root bound falls short of the best outcome so
		// far cannot beat it: the branch and bound would stop at its
		// root, after building it. In floating point first, where it is
		// certain, then exactly.
		if prune(w, 0, l) {
			return true
		}
		var c deals.Choice
		c.Vetoes, c.Largest, c.Requires = sp.Choice(w, l)
		if best != nil && rootBound(bound, t, c, worth).Cmp(best.sum) < 0 {
			return true
		}
		b := newBnB(ctx, t, c, deps, worth, approx, best)
		b.walk(0, b.base)
		if ctx.Err() != nil {
			return false
		}
		if b.found {
			best = b
			bestF, _ = b.sum.Float64()
		}
		return true
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return Solution{}, err
	}
	sol := Solution{Name: Utilitarian}
	if best == nil {
		sol.Absent = true
		sol.Reason = "no feasible deal: there is no outcome at all"
		return sol, nil
	}
	it := t.item(best.deal)
	sol.Outcome = &it.out
	sol.Score, _ = best.sum.Float64()
	sol.Reason = "the sum of utilities is " + ratText(best.sum) + ", the largest of any outcome"
	return sol, nil
}

// bnb is the branch and bound under one choice of candidate vetoes; it
// carries the best outcome found so far, under this choice or earlier
// ones.
type bnb struct {
	ctx    context.Context
	vetoes []string
	offers []guarantee.ID // the largest package, best offers first
	c      []*big.Rat     // what each adds to Σ u_a
	rest   []*big.Rat     // rest[k]: Σ of the positive c from k on
	dep    [][]int        // offers each requires, by index into offers
	by     [][]int        // offers that require each
	reqs   [][]int        // per requires position, the offers that meet it
	state  []int8         // 0 undecided, 1 in, -1 out
	size   int
	base   *big.Rat // what the vetoes add

	found bool
	sum   *big.Rat
	deal  deals.Deal
	steps int
}

func newBnB(ctx context.Context, t *terms, c deals.Choice, deps map[guarantee.ID][]guarantee.ID, worth map[guarantee.ID]*big.Rat, approx map[guarantee.ID]float64, prev *bnb) *bnb {
	b := &bnb{ctx: ctx, vetoes: c.Vetoes, offers: slices.Clone(c.Largest)}
	base := vetoWorth(new(big.Rat), t, c)
	slices.SortFunc(b.offers, func(x, y guarantee.ID) int { return cmp.Or(cmp.Compare(approx[y], approx[x]), cmp.Compare(x, y)) })
	for _, g := range b.offers {
		b.c = append(b.c, worth[g])
	}
	b.rest = make([]*big.Rat, len(b.offers)+1)
	b.rest[len(b.offers)] = new(big.Rat)
	for k := len(b.offers) - 1; k >= 0; k-- {
		b.rest[k] = new(big.Rat).Set(b.rest[k+1])
		if b.c[k].Sign() > 0 {
			b.rest[k].Add(b.rest[k], b.c[k])
		}
	}
	var at map[guarantee.ID]int
	b.dep, b.by, at = requirementGraph(b.offers, deps)
	for _, r := range c.Requires {
		var hit []int
		for _, g := range r {
			hit = append(hit, at[g])
		}
		b.reqs = append(b.reqs, hit)
	}
	b.state = make([]int8, len(b.offers))
	b.base = base
	if prev != nil {
		b.found, b.deal, b.sum = true, prev.deal, prev.sum
	}
	return b
}

// walk decides the offers from the k-th on, cur being the sum so far,
// keeping the package closed under requirements as Outcomes does.
func (b *bnb) walk(k int, cur *big.Rat) {
	b.steps++
	if b.steps%1024 == 0 && b.ctx.Err() != nil {
		return
	}
	if b.found {
		bound := new(big.Rat).Add(cur, b.rest[k])
		if c := bound.Cmp(b.sum); c < 0 || c == 0 && b.size > len(b.deal.Guarantees) {
			return
		}
	}
	for _, hit := range b.reqs {
		if !slices.ContainsFunc(hit, func(i int) bool { return b.state[i] >= 0 }) {
			return
		}
	}
	if k == len(b.offers) {
		if b.size > 0 {
			b.leaf(cur)
		}
		return
	}
	canIn := !slices.ContainsFunc(b.dep[k], func(j int) bool { return b.state[j] < 0 })
	canOut := !slices.ContainsFunc(b.by[k], func(j int) bool { return b.state[j] > 0 })
	// The better branch first: in for an offer worth more than nothing.
	first, second := int8(1), int8(-1)
	if b.c[k].Sign() <= 0 {
		first, second = -1, 1
	}
	for _, st := range []int8{first, second} {
		if st > 0 && canIn {
			b.state[k] = 1
			b.size++
			b.walk(k+1, new(big.Rat).Add(cur, b.c[k]))
			b.size--
		} else if st < 0 && canOut {
			b.state[k] = -1
			b.walk(k+1, cur)
		}
		b.state[k] = 0
	}
}

func (b *bnb) leaf(cur *big.Rat) {
	d := deals.Deal{Guarantees: []guarantee.ID{}, Vetoes: b.vetoes}
	for i, st := range b.state {
		if st > 0 {
			d.Guarantees = append(d.Guarantees, b.offers[i])
		}
	}
	slices.Sort(d.Guarantees)
	if b.found {
		if c := cur.Cmp(b.sum); c < 0 || c == 0 && compareDeals(d, b.deal) >= 0 {
			return
		}
	}
	b.found, b.sum, b.deal = true, cur, d
}

// vetoWorth sets x to what c's candidate vetoes add to Σ u_a, and returns
// it.
func vetoWorth(x *big.Rat, t *terms, c deals.Choice) *big.Rat {
	x.SetInt64(0)
	for a := range t.actors {
		for _, v := range c.Vetoes {
			if w := t.veto[a][v]; w != nil {
				x.Add(x, w)
			}
		}
	}
	return x
}

// rootBound sets x to the bound of the branch and bound at its root under
// c, what c's vetoes add and every positive offer of its largest package,
// and returns it.
func rootBound(x *big.Rat, t *terms, c deals.Choice, worth map[guarantee.ID]*big.Rat) *big.Rat {
	vetoWorth(x, t, c)
	for _, g := range c.Largest {
		if w := worth[g]; w.Sign() > 0 {
			x.Add(x, w)
		}
	}
	return x
}

// floatBound is rootBound in floating point, with room for its rounding,
// to tell cheaply the choices that certainly cannot beat the best so far,
// one by one or a whole node of the walk of choices at once.
type floatBound struct {
	offer []float64 // what each offer adds, rounded, by position in the scenario
	veto  []float64 // what each candidate veto adds, rounded, by demand
	// abs bounds the sum of the magnitudes of every term, so that
	// slack*abs bounds the rounding of any sum of them.
	abs, slack float64
}

// newFloatBound returns the float bound of the offers ids, whose worth
// approx holds, and of the candidate vetoes refs (the demands, in order).
func newFloatBound(t *terms, approx map[guarantee.ID]float64, ids []guarantee.ID, refs []string) floatBound {
	f := floatBound{offer: make([]float64, len(ids)), veto: make([]float64, len(refs))}
	for i, g := range ids {
		f.offer[i] = approx[g]
		f.abs += math.Abs(f.offer[i])
	}
	for j, v := range refs {
		for a := range t.actors {
			if w := t.veto[a][v]; w != nil {
				x, _ := w.Float64()
				f.veto[j] += x
				f.abs += math.Abs(x)
			}
		}
	}
	// Each rounding (of a term, of a sum) errs by at most 2⁻⁵³ of what it
	// rounds; there are fewer than 4(n+1) of them on any path, each of at
	// most abs, and the best's own rounding is of at most abs too.
	n := float64(len(ids) + len(refs) + len(t.actors)*(len(ids)+len(refs)))
	f.slack = 8 * (n + 1) * 0x1p-53
	return f
}

// below reports whether the bound of every choice that grants the
// vetoes of w and any of open, with upper holding their largest packages,
// is certainly below best, the best sum so far rounded to a float64: what
// w's vetoes add, every positive veto of open and every positive offer of
// upper.
func (f floatBound) below(w, open uint64, upper space.Bits, best float64) bool {
	x := 0.0
	for j, v := range f.veto {
		if w&(1<<j) != 0 || open&(1<<j) != 0 && v > 0 {
			x += v
		}
	}
	upper.Each(func(g int) {
		if w := f.offer[g]; w > 0 {
			x += w
		}
	})
	return x+f.slack*(f.abs+math.Abs(best)) < best
}
