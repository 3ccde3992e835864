package bargain

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The fast path. Every score of DESIGN.md is a function of the vector of
// utilities alone, and the vectors are far fewer than the outcomes. When
// every utility is exact in float64 (see exactFloats), Solve walks the
// outcomes twice without making a Deal of each: the first walk counts the
// outcomes of each distinct vector, from which the counts, the best and
// ideal utilities, the points, the frontier's vectors and, for each norm,
// the vectors of its two best scores follow; the second walk makes the
// outcomes of those vectors only, and the frontier and the solutions are
// chosen among them as from all outcomes.

// exactFloats returns each actor's weight of each offer (by index into
// s.Guarantees) and of each candidate veto as float64, when every sum and
// difference of them Solve forms is exact in float64: all are multiples
// of one power of two 2^-k (as every float64 is) and the sum of their
// magnitudes over all actors, disagreement values included, stays below
// 2^53 such units. Otherwise it reports false.
func (t *terms) exactFloats(s *scenario.Scenario) (offer [][]float64, veto []map[string]float64, ok bool) {
	total := new(big.Rat)
	var k int // largest exponent of 2 in a denominator
	note := func(r *big.Rat) {
		total.Add(total, new(big.Rat).Abs(r))
		if l := r.Denom().BitLen() - 1; l > k {
			k = l
		}
	}
	n := len(t.actors)
	offer = make([][]float64, len(s.Guarantees))
	for i, g := range s.Guarantees {
		offer[i] = make([]float64, n)
		for a := range n {
			if w := t.offer[a][g.ID]; w != nil {
				note(w)
				offer[i][a], _ = w.Float64()
			}
		}
	}
	veto = make([]map[string]float64, n)
	for a := range n {
		veto[a] = map[string]float64{}
		for v, w := range t.veto[a] {
			note(w)
			veto[a][v], _ = w.Float64()
		}
		note(t.d[a])
	}
	// Sums of utilities and gains over actors count each term at most
	// twice (once in u_a, once in d_a's difference): keep a bit to spare.
	units := new(big.Rat).Mul(total, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(k)+1)))
	limit := new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), 53))
	return offer, veto, units.Cmp(limit) < 0
}

// walker enumerates the outcomes of one choice of candidate vetoes, as
// [scenario.Outcomes] does, with a running vector of utilities and no
// allocation per outcome.
type walker struct {
	ctx    context.Context
	n      int
	offers []int       // indices into s.Guarantees of the largest package
	w      [][]float64 // per offer, what it adds for each actor
	dep    [][]int     // offers each requires, by index into offers
	by     [][]int     // offers that require each
	reqs   [][]int     // per requires position, the offers that meet it
	state  []int8      // 0 undecided, 1 in, -1 out
	cur    []float64   // per depth, the utilities so far
	key    []byte
	visit  func(key []byte, size int)
	steps  int
	err    error
}

func (e *walker) walk(k, size int) {
	if e.err != nil {
		return
	}
	e.steps++
	if e.steps%1024 == 0 {
		if err := e.ctx.Err(); err != nil {
			e.err = err
			return
		}
	}
	for _, hit := range e.reqs {
		if !slices.ContainsFunc(hit, func(i int) bool { return e.state[i] >= 0 }) {
			return
		}
	}
	n := e.n
	u := e.cur[k*n : (k+1)*n]
	if k == len(e.offers) {
		if size > 0 {
			for a, x := range u {
				binary.LittleEndian.PutUint64(e.key[8*a:], math.Float64bits(x))
			}
			e.visit(e.key, size)
		}
		return
	}
	next := e.cur[(k+1)*n : (k+2)*n]
	if !slices.ContainsFunc(e.by[k], func(j int) bool { return e.state[j] > 0 }) {
		e.state[k] = -1
		copy(next, u)
		e.walk(k+1, size)
	}
	if !slices.ContainsFunc(e.dep[k], func(j int) bool { return e.state[j] < 0 }) {
		e.state[k] = 1
		for a, x := range e.w[k] {
			next[a] = u[a] + x
		}
		e.walk(k+1, size+1)
	}
	e.state[k] = 0
}

// deal is the outcome the walker is at.
func (e *walker) deal(s *scenario.Scenario, vetoes []string) scenario.Deal {
	d := scenario.Deal{Guarantees: []guarantee.ID{}, Vetoes: slices.Clone(vetoes)}
	for i, st := range e.state {
		if st > 0 {
			d.Guarantees = append(d.Guarantees, s.Guarantees[e.offers[i]].ID)
		}
	}
	slices.Sort(d.Guarantees)
	return d
}

// walkOutcomes calls visit for every outcome of s, with its utilities
// encoded as key, and returns the walker's error or the limit's.
func walkOutcomes(ctx context.Context, s *scenario.Scenario, n int, offer [][]float64, veto []map[string]float64, visit func(e *walker, vetoes []string, key []byte)) error {
	at := make(map[guarantee.ID]int, len(s.Guarantees))
	for i, g := range s.Guarantees {
		at[g.ID] = i
	}
	for c, err := range scenario.Choices(ctx, *s) {
		if err != nil {
			return err
		}
		e := &walker{ctx: ctx, n: n, key: make([]byte, 8*n)}
		pos := make(map[guarantee.ID]int, len(c.Largest))
		for i, g := range c.Largest {
			pos[g] = i
			e.offers = append(e.offers, at[g])
			e.w = append(e.w, offer[at[g]])
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
		for _, r := range c.Requires {
			var hit []int
			for _, g := range r {
				hit = append(hit, pos[g])
			}
			e.reqs = append(e.reqs, hit)
		}
		e.state = make([]int8, len(c.Largest))
		e.cur = make([]float64, (len(c.Largest)+1)*n)
		for a := range n {
			for _, v := range c.Vetoes {
				e.cur[a] += veto[a][v]
			}
		}
		vetoes := c.Vetoes
		e.visit = func(key []byte, _ int) { visit(e, vetoes, key) }
		e.walk(0, 0)
		if e.err != nil {
			return e.err
		}
	}
	return ctx.Err()
}

// point is a distinct vector of utilities with the number of outcomes
// that have it.
type point struct {
	u     []float64
	count int
	need  bool // its outcomes are made in the second walk
	items []*item
}

func decode(key string, n int) []float64 {
	u := make([]float64, n)
	for a := range n {
		u[a] = math.Float64frombits(binary.LittleEndian.Uint64([]byte(key[8*a:])))
	}
	return u
}

// solveFast is Solve when every utility is exact in float64.
func solveFast(ctx context.Context, s *scenario.Scenario, t *terms, r Result, opts Options, offer [][]float64, veto []map[string]float64) (Result, error) {
	n := len(t.actors)
	points := map[string]*point{}
	count := 0
	var limitErr error
	err := walkOutcomes(ctx, s, n, offer, veto, func(e *walker, _ []string, key []byte) {
		if opts.Limit > 0 && count >= opts.Limit {
			limitErr = fmt.Errorf("%w: %d", scenario.ErrTooManyOutcomes, opts.Limit)
			e.err = limitErr
			return
		}
		count++
		if p := points[string(key)]; p != nil {
			p.count++
			return
		}
		points[string(key)] = &point{u: decode(string(key), n), count: 1}
	})
	if err != nil {
		return Result{}, err
	}
	r.Outcomes = count
	ps := make([]*point, 0, len(points))
	for _, p := range points {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *point) int { return slices.Compare(a.u, b.u) })

	d := make([]float64, n)
	for a := range n {
		d[a], _ = t.d[a].Float64() // exact, by exactFloats
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
	slices.SortFunc(byBest, func(a, b *point) int { return slices.Compare(b.u, a.u) })
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
		slices.SortStableFunc(cands, func(a, b scored) int { return cmp.Compare(b.f, a.f) })
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
	err = walkOutcomes(ctx, s, n, offer, veto, func(e *walker, vetoes []string, key []byte) {
		p := points[string(key)]
		if p == nil || !p.need {
			return
		}
		p.items = append(p.items, t.item(e.deal(s, vetoes)))
	})
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
