package bargain

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The fast path. Every score of docs/MODEL.md is a function of the vector of
// utilities alone, and the vectors are far fewer than the outcomes. When
// every utility is exact in float64 (see newPacking), Solve walks the
// outcomes twice without making a Deal of each: the first walk counts the
// outcomes of each distinct vector, from which the counts, the best and
// ideal utilities, the points, the frontier's vectors and, for each norm,
// the vectors of its two best scores follow; the second walk makes the
// outcomes of those vectors only, and the frontier and the solutions are
// chosen among them as from all outcomes.

// packing writes a vector of utilities as one integer. When every
// weight and disagreement value is a multiple of one power of two 2^-k
// (as every float64 is) and the sum of their magnitudes over all actors
// stays below 2^52 such units, every utility, gain and sum of them Solve
// forms is exact in float64, and each utility is an integer number of
// units between the sum of the negative terms and that of the positive
// ones. When, moreover, the product of the actors' ranges is below 2^63,
// the vector is the mixed-radix number key = Σ_a (units_a − low_a)·stride_a,
// which is additive over offers and candidate vetoes like the utilities.
type packing struct {
	unit   float64 // 2^-k
	low    []int64
	radix  []uint64
	stride []uint64
	offer  []uint64          // per offer (index into s.Guarantees), what it adds to key
	veto   map[string]uint64 // per candidate veto, what it adds to key
	base   uint64            // the key of no offer and no veto
}

// newPacking returns the packing of t's terms, or false when the
// utilities are not exact in float64 or do not fit in one key.
func (t *terms) newPacking(s *scenario.Scenario) (*packing, bool) {
	total := new(big.Rat)
	k := 0 // largest exponent of 2 in a denominator
	note := func(r *big.Rat) {
		if r == nil {
			return
		}
		total.Add(total, new(big.Rat).Abs(r))
		if l := r.Denom().BitLen() - 1; l > k {
			k = l
		}
	}
	n := len(t.actors)
	for a := range n {
		for _, g := range s.Guarantees {
			note(t.offer[a][g.ID])
		}
		for _, w := range t.veto[a] {
			note(w)
		}
		note(t.d[a])
	}
	if k > 60 {
		return nil, false
	}
	scale := new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(k)))
	if new(big.Rat).Mul(total, scale).Cmp(new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), 52))) >= 0 {
		return nil, false
	}
	units := func(r *big.Rat) int64 {
		if r == nil {
			return 0
		}
		return new(big.Rat).Mul(r, scale).Num().Int64() // whole, by the choice of k
	}
	p := &packing{unit: math.Ldexp(1, -k), low: make([]int64, n), radix: make([]uint64, n), stride: make([]uint64, n), offer: make([]uint64, len(s.Guarantees)), veto: map[string]uint64{}}
	high := make([]int64, n)
	add := func(a int, x int64) {
		if x < 0 {
			p.low[a] += x
		} else {
			high[a] += x
		}
	}
	for a := range n {
		for _, g := range s.Guarantees {
			add(a, units(t.offer[a][g.ID]))
		}
		for _, w := range t.veto[a] {
			add(a, units(w))
		}
	}
	size := uint64(1)
	for a := n - 1; a >= 0; a-- { // the first actor most significant
		p.radix[a] = uint64(high[a]-p.low[a]) + 1
		p.stride[a] = size
		hi, lo := bits.Mul64(size, p.radix[a])
		if hi != 0 || lo >= 1<<63 {
			return nil, false
		}
		size = lo
	}
	for a := range n {
		p.base += uint64(-p.low[a]) * p.stride[a]
		for i, g := range s.Guarantees {
			p.offer[i] += uint64(units(t.offer[a][g.ID])) * p.stride[a]
		}
		for v, w := range t.veto[a] {
			p.veto[v] += uint64(units(w)) * p.stride[a]
		}
	}
	return p, true
}

// utilities are the vector key writes.
func (p *packing) utilities(key uint64) []float64 {
	u := make([]float64, len(p.radix))
	for a := range u {
		u[a] = float64(p.low[a]+int64(key/p.stride[a]%p.radix[a])) * p.unit
	}
	return u
}

// walker enumerates the outcomes of one choice of candidate vetoes, as
// [deals.All] does, with a running key of utilities and no
// allocation per outcome.
type walker struct {
	ctx    context.Context
	offers []int    // indices into s.Guarantees of the largest package
	w      []uint64 // per offer, what it adds to the key
	dep    [][]int  // offers each requires, by index into offers
	by     [][]int  // offers that require each
	reqOf  [][]int  // per offer, the requires positions it meets
	alive  []int    // per requires position, its offers not decided out
	state  []int8   // 0 undecided, 1 in, -1 out
	vetoes []string
	base   uint64 // the key of the vetoes alone
	// visit is called at each outcome with its key and its number of
	// guarantees; it may set err to stop the walk.
	visit func(e *walker, key uint64, size int)
	steps int
	err   error
}

// walk decides the offers from the k-th on, out first, keeping the
// package closed under requirements and every requires position met. It
// stops, with err set, when ctx is done.
func (e *walker) walk(k, size int, key uint64) {
	if e.err != nil {
		return
	}
	e.steps++
	if e.steps%4096 == 0 {
		if err := e.ctx.Err(); err != nil {
			e.err = err
			return
		}
	}
	if k == len(e.offers) {
		if size > 0 {
			e.visit(e, key, size)
		}
		return
	}
	if !slices.ContainsFunc(e.by[k], func(j int) bool { return e.state[j] > 0 }) {
		met := true
		for _, r := range e.reqOf[k] {
			e.alive[r]--
			met = met && e.alive[r] > 0
		}
		if met {
			e.state[k] = -1
			e.walk(k+1, size, key)
		}
		for _, r := range e.reqOf[k] {
			e.alive[r]++
		}
	}
	if !slices.ContainsFunc(e.dep[k], func(j int) bool { return e.state[j] < 0 }) {
		e.state[k] = 1
		e.walk(k+1, size+1, key+e.w[k])
	}
	e.state[k] = 0
}

// deal is the outcome the walker is at.
func (e *walker) deal(s *scenario.Scenario) deals.Deal {
	d := deals.Deal{Guarantees: []guarantee.ID{}, Vetoes: slices.Clone(e.vetoes)}
	for i, st := range e.state {
		if st > 0 {
			d.Guarantees = append(d.Guarantees, s.Guarantees[e.offers[i]].ID)
		}
	}
	slices.Sort(d.Guarantees)
	return d
}

// walkers returns a walker for each choice of candidate vetoes that
// allows a deal ([deals.Choices]).
func walkers(ctx context.Context, s *scenario.Scenario, p *packing) ([]*walker, error) {
	at := make(map[guarantee.ID]int, len(s.Guarantees))
	for i, g := range s.Guarantees {
		at[g.ID] = i
	}
	requires := requirementsOf(s)
	var ws []*walker
	for c, err := range deals.Choices(ctx, *s) {
		if err != nil {
			return nil, err
		}
		e := &walker{ctx: ctx, vetoes: c.Vetoes, base: p.base}
		for _, v := range c.Vetoes {
			e.base += p.veto[v]
		}
		for _, g := range c.Largest {
			e.offers = append(e.offers, at[g])
			e.w = append(e.w, p.offer[at[g]])
		}
		var pos map[guarantee.ID]int
		e.dep, e.by, pos = requirementGraph(c.Largest, requires)
		e.reqOf = make([][]int, len(c.Largest))
		for r, hit := range c.Requires {
			for _, g := range hit {
				e.reqOf[pos[g]] = append(e.reqOf[pos[g]], r)
			}
			e.alive = append(e.alive, len(hit))
		}
		e.state = make([]int8, len(c.Largest))
		ws = append(ws, e)
	}
	return ws, ctx.Err()
}

// countKeys walks every outcome and counts the outcomes of each key,
// the choices shared among as many goroutines as GOMAXPROCS (the counts
// do not depend on how). Past limit, when positive, it fails with
// [deals.ErrTooMany].
func countKeys(ctx context.Context, ws []*walker, limit int) (map[uint64]int, int, error) {
	var total atomic.Int64
	tooMany := fmt.Errorf("%w: %d", deals.ErrTooMany, limit)
	workers := max(1, min(runtime.GOMAXPROCS(0), len(ws)))
	maps := make([]map[uint64]int, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for i := range workers {
		maps[i] = map[uint64]int{}
		wg.Go(func() {
			m := maps[i]
			local := 0
			visit := func(e *walker, key uint64, _ int) {
				m[key]++
				if local++; local == 4096 {
					if n := total.Add(int64(local)); limit > 0 && n > int64(limit) {
						e.err = tooMany
					}
					local = 0
				}
			}
			for {
				j := int(next.Add(1)) - 1
				if j >= len(ws) {
					break
				}
				ws[j].visit = visit
				ws[j].walk(0, 0, ws[j].base)
				if ws[j].err != nil {
					break
				}
			}
			total.Add(int64(local))
		})
	}
	wg.Wait()
	for _, e := range ws {
		if e.err != nil && e.err != tooMany {
			return nil, 0, e.err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	n := int(total.Load())
	if limit > 0 && n > limit {
		return nil, 0, tooMany
	}
	counts := maps[0]
	for _, m := range maps[1:] {
		for k, c := range m {
			counts[k] += c
		}
	}
	return counts, n, nil
}

// point is a distinct vector of utilities, with the number of outcomes
// that have it and the first of them in the order of deals that the
// result needs.
type point struct {
	key   uint64
	u     []float64
	count int
	// keep is how many of its outcomes the result needs, the first in the
	// order of deals: to list on the frontier, or as a solution and its
	// runner-up. The second walk makes those only.
	keep  int
	deals []deals.Deal
	// cut, once deals has been cut down to keep (cutDeals), is the last
	// deal kept: no deal after it in the order of deals is needed.
	cut    deals.Deal
	hasCut bool
	// items are the outcomes kept, with their exact utilities.
	items []*item
}

// solveFast is Solve when every utility is exact in float64: a first walk
// counts the outcomes of each vector, the frontier and the solutions'
// contenders are chosen among the vectors, and a second walk makes the
// outcomes of those vectors that the result lists.
func solveFast(ctx context.Context, s *scenario.Scenario, t *terms, r Result, opts Options, pk *packing) (Result, error) {
	ws, err := walkers(ctx, s, pk)
	if err != nil {
		return Result{}, err
	}
	counts, count, err := countKeys(ctx, ws, opts.Limit)
	if err != nil {
		return Result{}, err
	}
	r.Outcomes = count
	ps := newPoints(counts, pk)
	best, ideal := describe(&r, ps)
	front, err := frontierPoints(ctx, ps)
	if err != nil {
		return Result{}, err
	}
	keepFrontier(front, opts.FrontierLimit)
	norms := newNorms(t, ideal)
	want, err := norms.contenders(ctx, ps, r.Disagreement, r.Ideal)
	if err != nil {
		return Result{}, err
	}
	if err := collect(s, ws, ps); err != nil {
		return Result{}, err
	}
	for _, p := range ps {
		if err := p.finish(ctx, t); err != nil {
			return Result{}, err
		}
	}
	r.Frontier, r.FrontierCount = listFrontier(front, opts.FrontierLimit)
	// A norm's solution and runner-up are among the first two outcomes of
	// its contenders, the outcomes of one vector scoring alike.
	r.Solutions, err = norms.solutions(ctx, count, best, func(j int) []*item {
		var out []*item
		for _, p := range ps {
			if want[j][p] {
				out = append(out, p.items[:min(2, len(p.items))]...)
			}
		}
		return out
	})
	if err != nil {
		return Result{}, err
	}
	return r, nil
}

// newPoints returns the vectors counted, sorted as their keys are: by
// the first actor's utility, then the second's, and so on.
func newPoints(counts map[uint64]int, pk *packing) []*point {
	keys := slices.Sorted(maps.Keys(counts))
	ps := make([]*point, len(keys))
	for i, key := range keys {
		ps[i] = &point{key: key, u: pk.utilities(key), count: counts[key]}
	}
	return ps
}

// describe sets r's Best, Ideal, Rational and Points from the vectors and
// returns the best and ideal utilities in rationals.
func describe(r *Result, ps []*point) (best, ideal []*big.Rat) {
	d := r.Disagreement // exact, by newPacking
	n := len(d)
	r.Best, r.Ideal = make([]float64, n), slices.Clone(d)
	seenIR := false
	for i, p := range ps {
		for a, x := range p.u {
			if i == 0 || x > r.Best[a] {
				r.Best[a] = x
			}
		}
		if rational(p.u, d) {
			r.Rational += p.count
			for a, x := range p.u {
				if !seenIR || x > r.Ideal[a] {
					r.Ideal[a] = x
				}
			}
			seenIR = true
		}
		r.Points = append(r.Points, p.u)
	}
	best, ideal = make([]*big.Rat, n), make([]*big.Rat, n)
	for a := range n {
		best[a] = new(big.Rat).SetFloat64(r.Best[a])
		ideal[a] = new(big.Rat).SetFloat64(r.Ideal[a])
	}
	return best, ideal
}

// rational reports whether utilities u are individually rational: none
// below its disagreement value in d.
func rational(u, d []float64) bool {
	for a, x := range u {
		if x < d[a] {
			return false
		}
	}
	return true
}

// frontierPoints returns the vectors on the frontier, best for the first
// actor first.
func frontierPoints(ctx context.Context, ps []*point) ([]*point, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	last := len(ps) - 1 // ps is sorted worst first
	kept, err := undominated(ctx, len(ps), len(ps[0].u), func(i, j, a int) int {
		return cmp.Compare(ps[last-i].u[a], ps[last-j].u[a])
	})
	if err != nil {
		return nil, err
	}
	front := make([]*point, len(kept))
	for k, i := range kept {
		front[k] = ps[last-i]
	}
	return front, nil
}

// keepFrontier asks for the outcomes of the frontier's vectors that the
// frontier lists: all of them, or the first limit when limit is positive.
func keepFrontier(front []*point, limit int) {
	listed := 0
	for _, p := range front {
		p.keep = p.count
		if limit > 0 {
			p.keep = min(p.count, limit-listed)
		}
		listed += p.keep
	}
}

// listFrontier lists the outcomes of the frontier's vectors, the first
// limit when limit is positive, and counts them all.
func listFrontier(front []*point, limit int) ([]Outcome, int) {
	listed := 0
	for _, p := range front {
		listed += len(p.items)
	}
	if limit > 0 {
		listed = min(listed, limit)
	}
	out, count := make([]Outcome, 0, listed), 0
	for _, p := range front {
		count += p.count
		for _, it := range p.items {
			if limit > 0 && len(out) == limit {
				break
			}
			out = append(out, it.out)
		}
	}
	return out, count
}

// contenders returns, for each norm in the order of [Result].Solutions,
// every vector whose score could be one of the norm's two best, and asks
// for the first two outcomes of each, which hold the norm's solution and
// runner-up. Scores are computed nearly, in float64, to choose which
// vectors to score exactly, as Solve defines them; d and ideal are the
// disagreement and ideal utilities.
func (x norms) contenders(ctx context.Context, ps []*point, d, ideal []float64) ([]map[*point]bool, error) {
	exact := []func(*item) *big.Rat{x.sum, x.product, x.ks, x.least}
	want := make([]map[*point]bool, len(exact))
	type scored struct {
		p *point
		f float64
	}
	for j, near := range nearScores(d, ideal) {
		want[j] = map[*point]bool{}
		var cands []scored
		for _, p := range ps {
			if f, ok := near(p.u); ok {
				cands = append(cands, scored{p, f})
			}
		}
		slices.SortFunc(cands, func(a, b scored) int { return cmp.Compare(b.f, a.f) })
		var top []*big.Rat // the two best exact scores so far, best first
		for i, c := range cands {
			if i%1024 == 1023 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if len(top) == 2 {
				f2, _ := top[1].Float64()
				if c.f < f2-1e-9*math.Abs(f2)-math.SmallestNonzeroFloat64 {
					break
				}
			}
			sc := exact[j](x.t.exactUtilities(c.p.u))
			if sc == nil {
				continue
			}
			want[j][c.p] = true
			c.p.keep = max(c.p.keep, min(c.p.count, 2))
			switch {
			case len(top) == 0:
				top = append(top, sc)
			case sc.Cmp(top[0]) > 0:
				top = []*big.Rat{sc, top[0]}
			case sc.Cmp(top[0]) < 0 && (len(top) == 1 || sc.Cmp(top[1]) > 0):
				top = append(top[:1], sc)
			}
		}
	}
	return want, nil
}

// nearScores are the four norms' scores of a vector of utilities in
// float64, false where the norm does not admit it.
func nearScores(d, ideal []float64) []func(u []float64) (float64, bool) {
	return []func(u []float64) (float64, bool){
		func(u []float64) (float64, bool) {
			s := 0.0
			for _, x := range u {
				s += x
			}
			return s, true
		},
		func(u []float64) (float64, bool) {
			p := 1.0
			for a, x := range u {
				if x <= d[a] {
					return 0, false
				}
				p *= x - d[a]
			}
			return p, true
		},
		func(u []float64) (float64, bool) {
			m, any := 0.0, false
			for a, x := range u {
				if x < d[a] {
					return 0, false
				}
				if ideal[a] == d[a] {
					continue
				}
				q := (x - d[a]) / (ideal[a] - d[a])
				if !any || q < m {
					m, any = q, true
				}
			}
			if !any {
				m = 1
			}
			return m, true
		},
		func(u []float64) (float64, bool) {
			m, any := 0.0, false
			for a, x := range u {
				if x < d[a] {
					return 0, false
				}
				if !any || x-d[a] < m {
					m, any = x-d[a], true
				}
			}
			return m, true
		},
	}
}

// exactUtilities is an item of the utilities u, exact in float64, with
// their gains, and no outcome.
func (t *terms) exactUtilities(u []float64) *item {
	it := &item{u: make([]*big.Rat, len(u)), g: make([]*big.Rat, len(u)), exact: true}
	for a, x := range u {
		it.u[a] = new(big.Rat).SetFloat64(x)
		it.g[a] = new(big.Rat).Sub(it.u[a], t.d[a])
	}
	return it
}

// collect walks the outcomes again, on one core, and keeps for each
// vector the first keep of its outcomes in the order of deals. A bit per
// hash of the keys needed rules most outcomes out before the map.
func collect(s *scenario.Scenario, ws []*walker, ps []*point) error {
	need := map[uint64]*point{}
	var filter [1 << 14]uint64
	hash := func(key uint64) uint64 { return (key * 0x9e3779b97f4a7c15) >> 44 }
	for _, p := range ps {
		if p.keep > 0 {
			p.deals = make([]deals.Deal, 0, min(p.count, 2*p.keep))
			need[p.key] = p
			filter[hash(p.key)/64] |= 1 << (hash(p.key) % 64)
		}
	}
	if len(need) == 0 {
		return nil
	}
	visit := func(e *walker, key uint64, size int) {
		if filter[hash(key)/64]&(1<<(hash(key)%64)) == 0 {
			return
		}
		if p := need[key]; p != nil {
			p.add(e, s, size)
		}
	}
	for _, e := range ws {
		e.visit = visit
		e.walk(0, 0, e.base)
		if e.err != nil {
			return e.err
		}
	}
	return nil
}

// add keeps the outcome walker e is at, of size guarantees, unless p
// already holds keep outcomes before it in the order of deals. Outcomes
// gather until twice keep, then are sorted and cut to keep, so that each
// costs a logarithm, and once cut those after the last kept are ruled
// out by their sizes before a deal is made of them.
func (p *point) add(e *walker, s *scenario.Scenario, size int) {
	if p.hasCut && cmp.Or(cmp.Compare(size, len(p.cut.Guarantees)), cmp.Compare(len(e.vetoes), len(p.cut.Vetoes))) > 0 {
		return
	}
	d := e.deal(s)
	if p.hasCut && compareDeals(d, p.cut) >= 0 {
		return
	}
	p.deals = append(p.deals, d)
	if len(p.deals) >= 2*p.keep {
		p.cutDeals()
	}
}

// cutDeals sorts the deals kept and cuts them to keep.
func (p *point) cutDeals() {
	slices.SortFunc(p.deals, compareDeals)
	if len(p.deals) >= p.keep {
		p.deals = p.deals[:p.keep]
		p.cut, p.hasCut = p.deals[p.keep-1], true
	}
}

// finish makes the items of the deals kept: each its own copy of the
// point's utilities and gains, with the exact ones shared. It stops when
// ctx is done.
func (p *point) finish(ctx context.Context, t *terms) error {
	if p.keep == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p.cutDeals()
	exact := t.exactUtilities(p.u)
	gains := make([]float64, len(p.u))
	for a, g := range exact.g {
		gains[a], _ = g.Float64()
	}
	p.items = make([]*item, 0, len(p.deals))
	for i, d := range p.deals {
		if i%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		p.items = append(p.items, &item{
			out: Outcome{Deal: d, Utilities: slices.Clone(p.u), Gains: slices.Clone(gains)},
			u:   exact.u, g: exact.g, exact: true,
		})
	}
	return nil
}
