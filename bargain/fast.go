package bargain

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The fast path. Every score of DESIGN.md is a function of the vector of
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
// [scenario.Outcomes] does, with a running key of utilities and no
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
	visit  func(e *walker, key uint64)
	steps  int
	err    error
}

// walk decides the offers from the k-th on, out first, keeping the
// package closed under requirements and every requires position met.
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
			e.visit(e, key)
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
func (e *walker) deal(s *scenario.Scenario) scenario.Deal {
	d := scenario.Deal{Guarantees: []guarantee.ID{}, Vetoes: slices.Clone(e.vetoes)}
	for i, st := range e.state {
		if st > 0 {
			d.Guarantees = append(d.Guarantees, s.Guarantees[e.offers[i]].ID)
		}
	}
	slices.Sort(d.Guarantees)
	return d
}

// walkers returns a walker for each choice of candidate vetoes that
// allows a deal ([scenario.Choices]).
func walkers(ctx context.Context, s *scenario.Scenario, p *packing) ([]*walker, error) {
	at := make(map[guarantee.ID]int, len(s.Guarantees))
	for i, g := range s.Guarantees {
		at[g.ID] = i
	}
	var ws []*walker
	for c, err := range scenario.Choices(ctx, *s) {
		if err != nil {
			return nil, err
		}
		e := &walker{ctx: ctx, vetoes: c.Vetoes, base: p.base}
		for _, v := range c.Vetoes {
			e.base += p.veto[v]
		}
		pos := make(map[guarantee.ID]int, len(c.Largest))
		for i, g := range c.Largest {
			pos[g] = i
			e.offers = append(e.offers, at[g])
			e.w = append(e.w, p.offer[at[g]])
		}
		e.dep, e.by = make([][]int, len(c.Largest)), make([][]int, len(c.Largest))
		for i, g := range c.Largest {
			for _, r := range s.Guarantees[at[g]].Requires {
				if j, ok := pos[r]; ok {
					e.dep[i] = append(e.dep[i], j)
					e.by[j] = append(e.by[j], i)
				}
			}
		}
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
// [scenario.ErrTooManyOutcomes].
func countKeys(ctx context.Context, ws []*walker, limit int) (map[uint64]int, int, error) {
	var total atomic.Int64
	tooMany := fmt.Errorf("%w: %d", scenario.ErrTooManyOutcomes, limit)
	workers := max(1, min(runtime.GOMAXPROCS(0), len(ws)))
	maps := make([]map[uint64]int, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for i := range workers {
		maps[i] = map[uint64]int{}
		wg.Go(func() {
			m := maps[i]
			local := 0
			visit := func(e *walker, key uint64) {
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

// point is a distinct vector of utilities with the number of outcomes
// that have it.
type point struct {
	key   uint64
	u     []float64
	count int
	need  bool // its outcomes are made in the second walk
	items []*item
}

// solveFast is Solve when every utility is exact in float64.
func solveFast(ctx context.Context, s *scenario.Scenario, t *terms, r Result, opts Options, pk *packing) (Result, error) {
	n := len(t.actors)
	ws, err := walkers(ctx, s, pk)
	if err != nil {
		return Result{}, err
	}
	counts, count, err := countKeys(ctx, ws, opts.Limit)
	if err != nil {
		return Result{}, err
	}
	r.Outcomes = count
	// Keys sort as their vectors do, the first actor most significant.
	keys := make([]uint64, 0, len(counts))
	for key := range counts {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	ps := make([]*point, len(keys))
	for i, key := range keys {
		ps[i] = &point{key: key, u: pk.utilities(key), count: counts[key]}
	}

	d := make([]float64, n)
	for a := range n {
		d[a], _ = t.d[a].Float64() // exact, by newPacking
	}
	rationalPt := func(p *point) bool {
		for a, x := range p.u {
			if x < d[a] {
				return false
			}
		}
		return true
	}
	r.Best, r.Ideal = make([]float64, n), slices.Clone(d)
	best := make([]*big.Rat, n)
	seenIR := false
	for i, p := range ps {
		for a, x := range p.u {
			if i == 0 || x > r.Best[a] {
				r.Best[a] = x
			}
		}
		if rationalPt(p) {
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
	ideal := make([]*big.Rat, n)
	for a := range n {
		best[a] = new(big.Rat).SetFloat64(r.Best[a])
		ideal[a] = new(big.Rat).SetFloat64(r.Ideal[a])
	}

	// The frontier's vectors: best for the first actor first, a vector is
	// dominated only by one before it, and then by a kept one.
	byBest := slices.Clone(ps)
	slices.Reverse(byBest) // the vectors are distinct
	var kept []*point
	for _, p := range byBest {
		dominated := slices.ContainsFunc(kept, func(k *point) bool {
			strict := false
			for a := range n {
				if k.u[a] < p.u[a] {
					return false
				}
				strict = strict || k.u[a] > p.u[a]
			}
			return strict
		})
		if !dominated {
			kept = append(kept, p)
			p.need = true
		}
	}

	// Each norm's score of a vector, nearly, in float64, and exactly as
	// Solve defines it; the exact one decides among the vectors whose
	// near score could be one of the two best.
	asItem := func(p *point) *item {
		it := &item{u: make([]*big.Rat, n), g: make([]*big.Rat, n)}
		for a, x := range p.u {
			it.u[a] = new(big.Rat).SetFloat64(x)
			it.g[a] = new(big.Rat).Sub(it.u[a], t.d[a])
		}
		return it
	}
	norms := newNorms(t, ideal)
	near := []func(u []float64) (float64, bool){
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
				if r.Ideal[a] == d[a] {
					continue
				}
				q := (x - d[a]) / (r.Ideal[a] - d[a])
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
	exactScore := []func(*item) *big.Rat{norms.sum, norms.product, norms.ks, norms.least}
	want := make([]map[*point]bool, len(near))
	for j, f := range near {
		want[j] = map[*point]bool{}
		type scored struct {
			p *point
			f float64
		}
		var cands []scored
		for _, p := range ps {
			if x, ok := f(p.u); ok {
				cands = append(cands, scored{p, x})
			}
		}
		slices.SortFunc(cands, func(a, b scored) int { return cmp.Compare(b.f, a.f) })
		var top []*big.Rat // the two best exact scores so far, best first
		for _, c := range cands {
			if len(top) == 2 {
				f2, _ := top[1].Float64()
				if c.f < f2-1e-9*math.Abs(f2)-math.SmallestNonzeroFloat64 {
					break
				}
			}
			sc := exactScore[j](asItem(c.p))
			if sc == nil {
				continue
			}
			want[j][c.p] = true
			c.p.need = true
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

	// The second walk makes the outcomes of the vectors needed.
	// A bit per hash of the keys needed rules most outcomes out before
	// the map.
	need := map[uint64]*point{}
	var filter [1 << 14]uint64
	hash := func(key uint64) uint64 { return (key * 0x9e3779b97f4a7c15) >> 44 }
	for _, p := range ps {
		if p.need {
			need[p.key] = p
			filter[hash(p.key)/64] |= 1 << (hash(p.key) % 64)
		}
	}
	for _, e := range ws {
		e.visit = func(e *walker, key uint64) {
			if filter[hash(key)/64]&(1<<(hash(key)%64)) == 0 {
				return
			}
			if p := need[key]; p != nil {
				p.items = append(p.items, t.item(e.deal(s)))
			}
		}
		e.walk(0, 0, e.base)
		if e.err != nil {
			return Result{}, e.err
		}
	}
	if err != nil {
		return Result{}, err
	}
	var front []*item
	for _, p := range kept {
		front = append(front, p.items...)
	}
	r.Frontier, r.FrontierCount = frontier(front, opts.FrontierLimit)
	r.FrontierCount = 0
	for _, p := range kept {
		r.FrontierCount += p.count
	}
	pick := func(j int) []*item {
		var out []*item
		for _, p := range ps {
			if want[j][p] {
				out = append(out, p.items...)
			}
		}
		return out
	}
	r.Solutions = norms.solutions(count, best, pick)
	return r, nil
}
