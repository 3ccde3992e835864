package bargain

import (
	"cmp"
	"context"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/scenario"
)

// UtilitarianOptimum finds the utilitarian solution of s (the outcome of the
// largest Σ u_a, ties as [Solve] breaks them) without listing the
// outcomes: utility is additive over offers and candidate vetoes, so for
// each choice of candidate vetoes ([deals.Choices]) it finds the best
// package of the largest package the choice allows. That is a
// maximum-weight closure under the offers' requirements, a minimum cut,
// when the closure meets every requires position; otherwise a branch and
// bound decides, bounding each branch by what it has plus every positive
// offer still undecided. The choices themselves are walked as a tree, one
// candidate veto decided at each level, and a node is skipped whole when
// what its granted vetoes add, every positive veto still open and every
// positive offer any choice below it could allow fall short of the best
// outcome so far; so is a single choice whose bound at the root falls
// short, before its search is set up. It is exact, as Solve is, and
// returns the same outcome and score as Solve's utilitarian solution; it
// names no runner-up. It costs what the bounds prune, not the number of
// outcomes, and stops with ctx.
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
	sp, err := space.New(&s)
	if err != nil {
		return Solution{}, err
	}
	u := newUtilitarian(ctx, t, sp)
	err = sp.Choices(ctx, u.prune, u.choice)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return Solution{}, err
	}
	sol := Solution{Name: Utilitarian}
	if !u.found {
		sol.Absent = true
		sol.Reason = "no feasible deal: there is no outcome at all"
		return sol, nil
	}
	it := t.item(u.deal)
	sum := u.rat(&u.sum)
	sol.Outcome = &it.out
	sol.Score, _ = sum.Float64()
	sol.Reason = "the sum of utilities is " + ratText(sum) + ", the largest of any outcome"
	return sol, nil
}

// utilitarian is the search of UtilitarianOptimum. Every weight is the
// exact value of a float64, so what each offer and candidate veto adds to
// Σ u_a is a whole number of one unit 2^-k, and the search adds integers
// (math/big.Int), exactly, where rationals would reduce every sum.
type utilitarian struct {
	ctx   context.Context
	sp    *space.Space
	k     uint      // the unit is 2^-k
	offer []big.Int // per offer of the scenario, what it adds to Σ u_a, in units
	veto  []big.Int // per demand, what its candidate veto adds
	refs  []string  // per demand, its candidate veto as a deal names it
	order []int     // the offers, best first by the nearest float64, then by ID
	f     floatBound

	// The best outcome so far.
	found bool
	sum   big.Int
	bestF float64 // sum rounded to float64, in utility
	deal  deals.Deal

	// The branch and bound under one choice, its memory kept from one
	// choice to the next.
	vetoes  []string
	offers  []int      // the offers of the largest package, in order
	at      []int      // per offer of the scenario, its index in offers
	c       []*big.Int // what each of offers adds
	cur     big.Int    // the sum of the vetoes and the offers in
	pos     big.Int    // Σ of the positive c of the offers undecided
	trail   []int      // the offers decided, in order, for undo
	dep, by [][]int    // the offers each requires, and that require each, by index into offers
	reqs    [][]int    // per requires position, the offers that meet it
	state   []int8     // 0 undecided, 1 in, -1 out
	size    int        // offers in
	small   bool       // every sum fits in int64
	offer64 []int64    // offer in int64, when small
	w64     []int64    // per offer of offers, its worth, when small
	in      []bool     // per offer of offers, in the closure
	fl      flow
	steps   int
	stopped bool // the context is done: the search unwinds
	bound   big.Int
}

func newUtilitarian(ctx context.Context, t *terms, sp *space.Space) *utilitarian {
	s := sp.S
	u := &utilitarian{ctx: ctx, sp: sp, offer: make([]big.Int, len(s.Guarantees)), veto: make([]big.Int, len(sp.Demands)), at: make([]int, len(s.Guarantees))}
	// What each offer and candidate veto adds, exactly.
	worth := make([]*big.Rat, len(s.Guarantees))
	for i, g := range s.Guarantees {
		worth[i] = new(big.Rat)
		for a := range t.actors {
			if w := t.offer[a][g.ID]; w != nil {
				worth[i].Add(worth[i], w)
			}
		}
	}
	vworth := make([]*big.Rat, len(sp.Demands))
	for j := range sp.Demands {
		u.refs = append(u.refs, sp.VetoRef(j))
		vworth[j] = new(big.Rat)
		for a := range t.actors {
			if w := t.veto[a][u.refs[j]]; w != nil {
				vworth[j].Add(vworth[j], w)
			}
		}
	}
	// The unit: the finest power of two of any denominator. Sums of
	// float64 values have powers of two for denominators.
	for _, x := range slices.Concat(worth, vworth) {
		u.k = max(u.k, uint(x.Denom().BitLen()-1))
	}
	units := func(z *big.Int, x *big.Rat) {
		z.Lsh(x.Num(), u.k-uint(x.Denom().BitLen()-1))
	}
	for i, x := range worth {
		units(&u.offer[i], x)
	}
	for j, x := range vworth {
		units(&u.veto[j], x)
	}
	// Whole sums fit in int64 when the magnitudes of all terms do,
	// with room to spare for the flow's unbounded capacity.
	abs, mag := new(big.Int), new(big.Int)
	for i := range u.offer {
		abs.Add(abs, mag.Abs(&u.offer[i]))
	}
	for j := range u.veto {
		abs.Add(abs, mag.Abs(&u.veto[j]))
	}
	if u.small = abs.BitLen() < 62; u.small {
		u.offer64 = make([]int64, len(u.offer))
		for i := range u.offer {
			u.offer64[i] = u.offer[i].Int64()
		}
	}
	// Best offers first, by the nearest float64: the order only guides
	// the search, the sums stay exact.
	approx := make([]float64, len(worth))
	for i, x := range worth {
		approx[i], _ = x.Float64()
		u.order = append(u.order, i)
	}
	slices.SortFunc(u.order, func(x, y int) int {
		return cmp.Or(cmp.Compare(approx[y], approx[x]), cmp.Compare(s.Guarantees[x].ID, s.Guarantees[y].ID))
	})
	u.f = newFloatBound(t, approx, u.refs)
	return u
}

// rat returns x units as a rational.
func (u *utilitarian) rat(x *big.Int) *big.Rat {
	return new(big.Rat).SetFrac(x, new(big.Int).Lsh(big.NewInt(1), u.k))
}

// prune tells the walk of choices to skip a node whose choices, every
// positive offer and veto counted, certainly fall short of the best
// outcome so far.
func (u *utilitarian) prune(w, open uint64, upper space.Bits) bool {
	return u.found && u.f.below(w, open, upper, u.bestF)
}

// choice searches the packages of one choice of candidate vetoes, w, whose
// largest package is l, and tells the walk whether to go on.
func (u *utilitarian) choice(w uint64, l space.Bits) bool {
	// A choice whose root bound falls short of the best outcome so far
	// cannot beat it: the branch and bound would stop at its root, after
	// being set up. In floating point first, where it is certain, then
	// exactly.
	if u.prune(w, 0, l) {
		return true
	}
	base := &u.cur
	base.SetInt64(0)
	u.vetoes = []string{}
	for j := range u.veto {
		if w&(1<<j) != 0 {
			base.Add(base, &u.veto[j])
			u.vetoes = append(u.vetoes, u.refs[j])
		}
	}
	if u.found {
		u.bound.Set(base)
		l.Each(func(g int) {
			if x := &u.offer[g]; x.Sign() > 0 {
				u.bound.Add(&u.bound, x)
			}
		})
		if u.bound.Cmp(&u.sum) < 0 {
			return true
		}
	}
	u.setup(l)
	if u.small && u.byClosure() {
		return true
	}
	u.walk(0)
	return !u.stopped && u.ctx.Err() == nil
}

// byClosure finds the best package of the choice set up as a maximum-weight
// closure (see closure.go), when the sums fit in int64. Its worth bounds
// every package of the choice, which is skipped when that falls short of
// the best so far; when the closure is not empty and meets every requires
// position it is the choice's best package, the one with the fewest
// offers among the best, and byClosure reports true. Otherwise the branch
// and bound must decide.
func (u *utilitarian) byClosure() bool {
	n := len(u.offers)
	u.w64, u.in = grown(u.w64, n), grown(u.in, n)
	for i, g := range u.offers {
		u.w64[i] = u.offer64[g]
	}
	total := &u.bound
	total.SetInt64(u.fl.closure(u.w64, u.dep, u.in))
	total.Add(total, &u.cur)
	if u.found && total.Cmp(&u.sum) < 0 {
		return true
	}
	size := 0
	for _, in := range u.in {
		if in {
			size++
		}
	}
	if size == 0 || slices.ContainsFunc(u.reqs, func(hit []int) bool {
		return !slices.ContainsFunc(hit, func(i int) bool { return u.in[i] })
	}) {
		return false
	}
	for i, in := range u.in {
		if in {
			u.state[i] = 1
		}
	}
	u.size = size
	u.leaf(total)
	clear(u.state)
	u.size = 0
	return true
}

// setup readies the branch and bound over the offers of l.
func (u *utilitarian) setup(l space.Bits) {
	u.offers, u.c = u.offers[:0], u.c[:0]
	for _, g := range u.order {
		if l.Has(g) {
			u.at[g] = len(u.offers)
			u.offers = append(u.offers, g)
			u.c = append(u.c, &u.offer[g])
		}
	}
	n := len(u.offers)
	u.pos.SetInt64(0)
	for _, c := range u.c {
		if c.Sign() > 0 {
			u.pos.Add(&u.pos, c)
		}
	}
	// The largest package is closed under requirements: every offer an
	// offer of it requires is in it.
	u.dep, u.by = lists(u.dep, n), lists(u.by, n)
	for i, g := range u.offers {
		for _, r := range u.sp.Deps[g] {
			u.dep[i] = append(u.dep[i], u.at[r])
			u.by[u.at[r]] = append(u.by[u.at[r]], i)
		}
	}
	u.reqs = lists(u.reqs, len(u.sp.Requires))
	for r, req := range u.sp.Requires {
		req.Hit.Each(func(g int) {
			if l.Has(g) {
				u.reqs[r] = append(u.reqs[r], u.at[g])
			}
		})
	}
	u.state = slices.Grow(u.state[:0], n)[:n]
	clear(u.state)
	u.size, u.trail = 0, u.trail[:0]
}

// walk decides the offers from the k-th on, skipping those already
// decided. It bounds each branch by the sum so far and every positive
// offer still undecided, and decides what follows from each offer at once
// (see assign), so that the sum holds the offers a decision forces in and
// the bound loses those it forces out.
func (u *utilitarian) walk(k int) {
	if u.stopped {
		return
	}
	if u.steps++; u.steps%1024 == 0 && u.ctx.Err() != nil {
		u.stopped = true // every branch still open returns at once
		return
	}
	if u.found {
		u.bound.Add(&u.cur, &u.pos)
		if c := u.bound.Cmp(&u.sum); c < 0 || c == 0 && u.size > len(u.deal.Guarantees) {
			return
		}
	}
	for _, hit := range u.reqs {
		if !slices.ContainsFunc(hit, func(i int) bool { return u.state[i] >= 0 }) {
			return
		}
	}
	for k < len(u.offers) && u.state[k] != 0 {
		k++
	}
	if k == len(u.offers) {
		if u.size > 0 {
			u.leaf(&u.cur)
		}
		return
	}
	// The better branch first: in for an offer worth more than nothing.
	first, second := int8(1), int8(-1)
	if u.c[k].Sign() <= 0 {
		first, second = -1, 1
	}
	for _, st := range []int8{first, second} {
		mark := len(u.trail)
		if u.assign(k, st) {
			u.walk(k + 1)
		}
		u.undo(mark)
	}
}

// assign decides offer i, in (st 1) or out (-1), and what follows, keeping
// the package closed under requirements as Outcomes does: an offer in
// brings every offer it requires, an offer out takes out every offer that
// requires it. It reports false when that contradicts a decision made
// before; either way what it decided is on the trail, for undo.
func (u *utilitarian) assign(i int, st int8) bool {
	if u.state[i] != 0 {
		return u.state[i] == st
	}
	u.state[i] = st
	u.trail = append(u.trail, i)
	if c := u.c[i]; c.Sign() > 0 {
		u.pos.Sub(&u.pos, c)
	}
	if st < 0 {
		return !slices.ContainsFunc(u.by[i], func(j int) bool { return !u.assign(j, -1) })
	}
	u.size++
	u.cur.Add(&u.cur, u.c[i])
	return !slices.ContainsFunc(u.dep[i], func(j int) bool { return !u.assign(j, 1) })
}

// undo takes back the decisions on the trail after the first mark.
func (u *utilitarian) undo(mark int) {
	for len(u.trail) > mark {
		i := u.trail[len(u.trail)-1]
		u.trail = u.trail[:len(u.trail)-1]
		if c := u.c[i]; c.Sign() > 0 {
			u.pos.Add(&u.pos, c)
		}
		if u.state[i] > 0 {
			u.size--
			u.cur.Sub(&u.cur, u.c[i])
		}
		u.state[i] = 0
	}
}

// leaf keeps the package decided, worth cur, when it beats the best so far.
func (u *utilitarian) leaf(cur *big.Int) {
	c := 1
	if u.found {
		if c = cur.Cmp(&u.sum); c < 0 {
			return
		}
	}
	d := deals.Deal{Guarantees: []guarantee.ID{}, Vetoes: u.vetoes}
	for i, st := range u.state {
		if st > 0 {
			d.Guarantees = append(d.Guarantees, u.sp.S.Guarantees[u.offers[i]].ID)
		}
	}
	slices.Sort(d.Guarantees)
	if c == 0 && compareDeals(d, u.deal) >= 0 {
		return
	}
	u.found, u.deal = true, d
	u.sum.Set(cur)
	u.bestF, _ = u.rat(cur).Float64()
}

// lists returns n empty lists, reusing those of s.
func lists(s [][]int, n int) [][]int {
	s = slices.Grow(s[:0], n)[:n]
	for i := range s {
		s[i] = s[i][:0]
	}
	return s
}

// floatBound is the bound of the branch and bound at its root (what the
// vetoes add and every positive offer) in floating point, with room for
// its rounding,
// to tell cheaply the choices that certainly cannot beat the best so far,
// one by one or a whole node of the walk of choices at once.
type floatBound struct {
	offer     []float64  // what each offer adds, rounded, by position in the scenario
	veto      []float64  // what each candidate veto adds, rounded, by demand
	positives space.Bits // the offers worth more than nothing
	positive  float64    // their sum
	// abs bounds the sum of the magnitudes of every term, so that
	// slack*abs bounds the rounding of any sum of them.
	abs, slack float64
}

// newFloatBound returns the float bound of the offers, whose worth approx
// holds by position in the scenario, and of the candidate vetoes refs (the
// demands, in order).
func newFloatBound(t *terms, approx []float64, refs []string) floatBound {
	f := floatBound{offer: approx, veto: make([]float64, len(refs)), positives: space.NewSet(len(approx))}
	for i, x := range approx {
		f.abs += math.Abs(x)
		if x > 0 {
			f.positives.Add(i)
			f.positive += x
		}
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
	// Each rounding (of a term, of a sum, of the difference between the
	// sum of every positive offer and those a package lacks) errs by at
	// most 2⁻⁵³ of what it rounds; there are fewer than 4(n+1) of them on
	// any path, each of at most abs, and the best's own rounding is of at
	// most abs too.
	n := float64(len(approx) + len(refs) + len(t.actors)*(len(approx)+len(refs)))
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
	// Every positive offer, less those upper lacks: far fewer than those
	// it holds, in the large packages of few positions.
	x += f.positive
	for i, in := range upper {
		for out := f.positives[i] &^ in; out != 0; out &= out - 1 {
			x -= f.offer[i*64+bits.TrailingZeros64(out)]
		}
	}
	return x+f.slack*(f.abs+math.Abs(best)) < best
}
