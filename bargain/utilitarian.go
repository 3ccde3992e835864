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
// when the closure holds an offer and meets every requires position;
// otherwise the search branches on which offer meets the first position
// left unmet, each branch again a minimum cut with offers forced in and
// out. The choices themselves are walked as a tree, one candidate veto
// decided at each level, grants first, and a node is skipped whole when
// what its granted vetoes add, every positive veto still open and every
// positive offer any choice below could allow, less what deciding each
// open veto must take away, or the closure of that package, fall short of
// the best outcome so far. It is exact, as Solve is, and returns the
// same outcome and score as Solve's utilitarian solution; it names no
// runner-up. It costs what the bounds prune, not the number of outcomes,
// and stops with ctx. When the sums do not fit in int64 at the finest
// unit of the weights, a branch and bound over the offers, in big
// integers, replaces the cuts.
func UtilitarianOptimum(ctx context.Context, s scenario.Scenario) (Solution, error) {
	if err := scenario.Validate(s); err != nil {
		return Solution{}, err
	}
	if len(s.Values) == 0 {
		return Solution{}, ErrNoValues
	}
	t, err := newTerms(ctx, &s)
	if err != nil {
		return Solution{}, err
	}
	sp, err := space.New(&s)
	if err != nil {
		return Solution{}, err
	}
	u := newUtilitarian(ctx, t, sp)
	err = sp.ChoicesDown(ctx, u.prune, u.choice)
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

	// The search under one choice (the cuts, or the branch and bound
	// when the sums do not fit in int64), its memory kept from one choice
	// to the next.
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
	veto64  []int64    // veto in int64, when small
	w64     []int64    // per offer of offers, its worth, when small
	in      []bool     // per offer of offers, in the closure
	fl      flow
	force   []int8   // per offer of offers: 1 forced in, -1 forced out, 0 free
	seen    []uint32 // per offer of offers, the serial of the last walk that reached it
	serial  uint32
	queue   []int
	// someOffer holds offers of which every non-empty package of the
	// choice holds one, once anyOffer has found them.
	someOffer []int
	someFound bool
	steps     int  // minimum cuts made, for tick (the branch and bound's steps when not small)
	stopped   bool // the context is done: the search unwinds
	gap, skip int  // the closure bound's back-off: see prune
	bound     big.Int

	// The loss bound's memory (see lossBelow): per demand its candidate,
	// the standing positions, and scratch.
	cand                       []int
	every, grant, refuse, used space.Bits
	grants, maybe, others      []int
}

func newUtilitarian(ctx context.Context, t *terms, sp *space.Space) *utilitarian {
	s := sp.S
	u := &utilitarian{ctx: ctx, sp: sp, gap: 1, offer: make([]big.Int, len(s.Guarantees)), veto: make([]big.Int, len(sp.Demands)), at: make([]int, len(s.Guarantees))}
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
		u.veto64 = make([]int64, len(u.veto))
		for j := range u.veto {
			u.veto64[j] = u.veto[j].Int64()
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

// prune tells the walk of choices to skip a node whose choices certainly
// fall short of the best outcome so far: when what its granted vetoes
// add, every positive open veto and every positive offer fall short in
// floating point, where that is certain; or else, when the sums fit in
// int64, when the same less what the open demands must take away does
// (lossBelow), or the closure bound (closureBelow). A single choice
// (nothing open) is left to its search, whose first step is that closure.
//
// The closure bound costs a minimum cut, and where offers cost little to
// those who want them it prunes no more than the float bound: after each
// node it fails to prune, prune skips it for twice as many nodes as
// before (at most 1,024), and one it prunes makes it try every node again.
func (u *utilitarian) prune(w, open uint64, upper space.Bits) bool {
	switch {
	case !u.found:
		return false
	case u.f.below(w, open, upper, u.bestF):
		return true
	case !u.small || open == 0:
		return false
	case u.lossBelow(w, open, upper):
		return true
	case u.skip > 0:
		u.skip--
		return false
	case u.tick():
		return true // the context is done: the walk unwinds, and the caller returns its error
	case u.closureBelow(w, open, upper):
		u.gap = 1
		return true
	}
	u.gap = min(2*u.gap, 1024)
	u.skip = u.gap - 1
	return false
}

// lossBelow reports whether every choice that grants the vetoes of w and
// any of open, with upper holding their largest packages, falls short of
// the best outcome so far by lossBound. A tie is not pruned.
func (u *utilitarian) lossBelow(w, open uint64, upper space.Bits) bool {
	best := u.sum.Int64()
	return u.lossBound(w, open, upper, best) < best
}

// lossBound bounds, in units and exactly, what every choice below a node
// (granting the vetoes of w and any of open, with upper holding their
// largest packages) can reach: what the float bound counts (w's vetoes,
// every positive veto of open, every positive offer of upper), less what
// deciding the open demands must take away. Each open demand, granted,
// takes the offers its grant takes and adds its veto; refused, it takes
// the offers only its grant could cover and adds nothing (space.Losses):
// every choice below pays the cheaper of the two at least. For demands
// whose losses share no offer the payments add up; for the others, only
// the largest counts. It stops as soon as the bound is below stop.
func (u *utilitarian) lossBound(w, open uint64, upper space.Bits, stop int64) int64 {
	bound := u.positiveIn(upper) + u.vetoesAtMost(w, open)
	if bound < stop {
		return bound
	}
	if u.cand == nil {
		u.cand, u.every = u.sp.DemandCands(), u.sp.AllPositions()
		u.grant, u.refuse, u.used = space.NewSet(u.sp.N), space.NewSet(u.sp.N), space.NewSet(u.sp.N)
	}
	u.grants, u.maybe = u.grants[:0], u.maybe[:0]
	for j, ci := range u.cand {
		switch {
		case ci < 0:
		case w&(1<<j) != 0:
			u.grants = append(u.grants, ci)
		case open&(1<<j) != 0:
			u.maybe = append(u.maybe, ci)
		}
	}
	clear(u.used)
	var largest, disjoint int64
	for j, ci := range u.cand {
		if ci < 0 || open&(1<<j) == 0 {
			continue // deciding it takes no offer away
		}
		u.others = slices.DeleteFunc(append(u.others[:0], u.maybe...), func(c int) bool { return c == ci })
		u.sp.Losses(upper, u.every, u.grants, u.others, ci, u.grant, u.refuse)
		v := u.veto64[j]
		m := min(u.positiveIn(u.grant)+max(-v, 0), u.positiveIn(u.refuse)+max(v, 0))
		largest = max(largest, m)
		if !u.grant.Meets(u.used) && !u.refuse.Meets(u.used) {
			disjoint += m
			u.used.Or(u.grant)
			u.used.Or(u.refuse)
		}
		if bound-max(largest, disjoint) < stop {
			break
		}
	}
	return bound - max(largest, disjoint)
}

// positiveIn returns the sum of the positive worths of the offers of x,
// in units.
func (u *utilitarian) positiveIn(x space.Bits) int64 {
	var sum int64
	for i, in := range x {
		for hit := u.f.positives[i] & in; hit != 0; hit &= hit - 1 {
			sum += u.offer64[i*64+bits.TrailingZeros64(hit)]
		}
	}
	return sum
}

// closureBelow reports whether every choice that grants the vetoes of w
// and any of open, with upper holding their largest packages, falls short
// of the best outcome so far, or ties with it on more offers: what w's
// vetoes add, every positive veto of open and the maximum-weight closure
// of upper. Every package of a choice below is a closure within upper, so
// worth no more; those worth as much hold the smallest such closure, so
// they are no smaller.
func (u *utilitarian) closureBelow(w, open uint64, upper space.Bits) bool {
	u.graph(upper)
	u.in = grown(u.in, len(u.offers))
	worth, size := u.fl.closure(u.w64, u.dep, nil, u.in)
	total := worth + u.vetoesAtMost(w, open)
	if best := u.sum.Int64(); total != best {
		return total < best
	}
	return size > len(u.deal.Guarantees)
}

// vetoesAtMost returns, in units, the most the candidate vetoes can add
// to a choice below a node: those w grants, and every positive one of
// open.
func (u *utilitarian) vetoesAtMost(w, open uint64) int64 {
	var sum int64
	for j, x := range u.veto64 {
		if w&(1<<j) != 0 || open&(1<<j) != 0 && x > 0 {
			sum += x
		}
	}
	return sum
}

// choice searches the packages of one choice of candidate vetoes, w, whose
// largest package is l, and tells the walk whether to go on.
func (u *utilitarian) choice(w uint64, l space.Bits) bool {
	// A choice whose root bound (its vetoes and every positive offer)
	// falls short of the best outcome so far cannot beat it: its search
	// would stop at its root, after being set up. In floating point
	// first, where it is certain, then exactly.
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
	if u.small {
		u.byCuts()
	} else {
		u.walk(0)
	}
	return !u.stopped && u.ctx.Err() == nil
}

// byCuts finds the best package of the choice set up by minimum cuts,
// when the sums fit in int64 (see closure.go). The smallest closure of
// the largest worth bounds every package of the choice, and it is the
// choice's best package when it is not empty and meets every requires
// position. Otherwise some requires position (or the rule that a deal
// holds an offer) asks for one of a set of offers, and the search
// branches on which: the first of them in the package, the set's earlier
// offers forced out and that one forced in, so that the branches share no
// package. Each branch is again a closure, with those offers forced, and
// a branch whose closure falls short of the best so far is skipped whole.
// Forcing offers in only takes worth away, so the search ends within as
// many levels as there are requires positions, plus one.
func (u *utilitarian) byCuts() {
	n := len(u.offers)
	u.in = grown(u.in, n)
	u.force, u.seen = grown(u.force, n), grown(u.seen, n)
	clear(u.force)
	clear(u.seen)
	u.serial = 0
	u.someOffer, u.someFound = u.someOffer[:0], false
	u.cut()
}

// cut searches the packages of the choice that hold the offers u.force
// forces in and none it forces out.
func (u *utilitarian) cut() {
	if u.stopped {
		return
	}
	if u.tick() {
		return
	}
	worth, size := u.fl.closure(u.w64, u.dep, u.force, u.in)
	var total big.Int
	total.SetInt64(worth)
	total.Add(&total, &u.cur)
	if u.found {
		// Every package of this branch is a closure that obeys force, so
		// worth no more than this one; those worth as much hold it, so
		// they are no smaller.
		if c := total.Cmp(&u.sum); c < 0 || c == 0 && size > len(u.deal.Guarantees) {
			return
		}
	}
	var hits []int
	unmet := size == 0
	if unmet {
		hits = u.anyOffer()
	} else {
		for _, hit := range u.reqs {
			if !slices.ContainsFunc(hit, func(i int) bool { return u.in[i] }) {
				hits, unmet = hit, true
				break
			}
		}
	}
	if !unmet {
		for i, in := range u.in {
			if in {
				u.state[i] = 1
			}
		}
		u.size = size
		u.leaf(&total)
		clear(u.state)
		u.size = 0
		return
	}
	// None of hits is in the closure. Branch on the first of them that
	// the package holds.
	var out []int
	for _, i := range hits {
		if u.force[i] != 0 || !u.mayForce(i) {
			continue // forced out already, or requiring an offer forced out
		}
		u.force[i] = 1
		u.cut()
		u.force[i] = -1
		out = append(out, i)
	}
	for _, i := range out {
		u.force[i] = 0
	}
}

// tick counts one minimum cut and, every 64, looks at the context: it
// reports whether the search must stop, and then every branch still open
// returns at once.
func (u *utilitarian) tick() bool {
	if u.steps++; !u.stopped && u.steps%64 == 0 && u.ctx.Err() != nil {
		u.stopped = true
	}
	return u.stopped
}

// mayForce reports whether offer i may be forced in: whether no offer it
// requires, at any depth, is forced out.
func (u *utilitarian) mayForce(i int) bool {
	u.serial++
	u.queue = append(u.queue[:0], i)
	u.seen[i] = u.serial
	for k := 0; k < len(u.queue); k++ {
		a := u.queue[k]
		if u.force[a] < 0 {
			return false
		}
		for _, b := range u.dep[a] {
			if u.seen[b] != u.serial {
				u.seen[b] = u.serial
				u.queue = append(u.queue, b)
			}
		}
	}
	return true
}

// anyOffer returns offers of which every non-empty package holds one: the
// offers that require nothing, and those that reach none of them through
// requirements (offers on a loop of requirements, or requiring one). A
// package is closed under requirements, so each of its offers brings an
// offer that requires nothing, or is itself such an offer.
func (u *utilitarian) anyOffer() []int {
	if u.someFound {
		return u.someOffer
	}
	u.someFound = true
	u.serial++
	u.queue = u.queue[:0]
	for i := range u.offers {
		if len(u.dep[i]) == 0 {
			u.seen[i] = u.serial
			u.queue = append(u.queue, i)
		}
	}
	for k := 0; k < len(u.queue); k++ {
		for _, b := range u.by[u.queue[k]] {
			if u.seen[b] != u.serial {
				u.seen[b] = u.serial
				u.queue = append(u.queue, b)
			}
		}
	}
	for i := range u.offers {
		if len(u.dep[i]) == 0 || u.seen[i] != u.serial {
			u.someOffer = append(u.someOffer, i)
		}
	}
	return u.someOffer
}

// graph readies the offers of l, a package closed under requirements, as
// the nodes of a closure: offers, at, dep and by, and w64 when small.
func (u *utilitarian) graph(l space.Bits) {
	u.offers = u.offers[:0]
	for _, g := range u.order {
		if l.Has(g) {
			u.at[g] = len(u.offers)
			u.offers = append(u.offers, g)
		}
	}
	n := len(u.offers)
	// Every offer an offer of l requires is in l.
	u.dep, u.by = lists(u.dep, n), lists(u.by, n)
	for i, g := range u.offers {
		for _, r := range u.sp.Deps[g] {
			u.dep[i] = append(u.dep[i], u.at[r])
			u.by[u.at[r]] = append(u.by[u.at[r]], i)
		}
	}
	if u.small {
		u.w64 = grown(u.w64, n)
		for i, g := range u.offers {
			u.w64[i] = u.offer64[g]
		}
	}
}

// setup readies the search over the offers of l.
func (u *utilitarian) setup(l space.Bits) {
	u.graph(l)
	n := len(u.offers)
	u.c = u.c[:0]
	u.pos.SetInt64(0)
	for _, g := range u.offers {
		c := &u.offer[g]
		u.c = append(u.c, c)
		if c.Sign() > 0 {
			u.pos.Add(&u.pos, c)
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

// floatBound is the bound of a choice's search at its root (what the
// vetoes add and every positive offer) in floating point, with room for
// its rounding, to tell cheaply the choices that certainly cannot beat the
// best so far, one by one or a whole node of the walk of choices at once.
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
