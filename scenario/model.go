package scenario

import (
	"cmp"
	"slices"
	"sync"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// model is a validated scenario compiled for evaluation: actors resolved to
// positions, every selector resolved once to the guarantees it picks, and
// every guarantee's veto holders and attackers computed. Lists are sorted
// int32 positions held in one backing array and addressed by spans. A
// model's slices are reused from one evaluation to the next (see
// [scratch]); nothing in it reaches the caller.
type model struct {
	s     *Scenario
	ax    *actor.Index
	gByID []int32 // guarantee positions sorted by ID
	prov  []int32 // provider's actor position, per guarantee
	veto  []span  // V(g): veto holders' actor positions, per guarantee
	att   []span  // attackers of g's trigger, as actor positions, per guarantee
	pos   []span  // guarantees each position picks
	grant []span  // guarantees each granted veto covers
	data  []int32

	spans  []span
	grants [][2]int32 // (guarantee, holder) pairs, while compiling

	idx *selIndex // built only for scenarios large enough to need it
}

type span struct{ lo, hi int32 }

func (m *model) list(s span) []int32 { return m.data[s.lo:s.hi] }

// end closes a span that started at lo, sorting and deduplicating it.
func (m *model) end(lo int) span {
	s := m.data[lo:]
	slices.Sort(s)
	s = slices.Compact(s)
	m.data = m.data[:lo+len(s)]
	return span{int32(lo), int32(len(m.data))}
}

// scratch is the working memory of one evaluation, pooled so that the
// evaluation allocates little more than the report it returns.
type scratch struct {
	ax actor.Index
	m  model
	b  builder
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns sc to the pool, dropping what it refers to outside
// itself.
func (sc *scratch) release() {
	sc.m.s, sc.m.ax, sc.m.idx = nil, nil, nil
	sc.ax.Reset(nil)
	sc.b.m = nil
	clear(sc.b.gids[:cap(sc.b.gids)])
	clear(sc.b.actors[:cap(sc.b.actors)])
	clear(sc.b.pos[:cap(sc.b.pos)])
	clear(sc.b.srcs[:cap(sc.b.srcs)])
	scratchPool.Put(sc)
}

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// compile validates s and compiles it into m. s must not change while the
// model is in use.
func (m *model) compile(s *Scenario, ax *actor.Index) error {
	gByID, err := check(s, ax, m.gByID)
	if err != nil {
		return err
	}
	m.s, m.ax, m.gByID, m.idx = s, ax, gByID, nil
	n, np, nv := len(s.Guarantees), len(s.Positions), len(s.Vetoes)
	m.prov = grow(m.prov, n)
	for i, g := range s.Guarantees {
		m.prov[i] = int32(ax.Pos(g.Provider))
	}
	m.spans = grow(m.spans, 2*n+np+nv)
	m.veto, m.att, m.pos, m.grant = m.spans[:n:n], m.spans[n:2*n:2*n], m.spans[2*n:2*n+np:2*n+np], m.spans[2*n+np:]
	m.data = m.data[:0]
	if n*(np+nv) > 4096 {
		m.idx = newSelIndex(s, ax)
	}
	for i, p := range s.Positions {
		lo := len(m.data)
		m.selectInto(p.Select)
		m.pos[i] = span{int32(lo), int32(len(m.data))}
	}
	m.grants = m.grants[:0]
	for i, v := range s.Vetoes {
		lo := len(m.data)
		m.selectInto(v.Over)
		m.grant[i] = span{int32(lo), int32(len(m.data))}
		h := int32(ax.Pos(v.Holder))
		for _, g := range m.list(m.grant[i]) {
			m.grants = append(m.grants, [2]int32{g, h})
		}
	}
	slices.SortFunc(m.grants, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	grants := m.grants
	for g, gg := range s.Guarantees {
		lo := len(m.data)
		m.data = m.activationVetoes(m.data, g)
		for len(grants) > 0 && grants[0][0] == int32(g) {
			m.data = append(m.data, grants[0][1])
			grants = grants[1:]
		}
		m.veto[g] = m.end(lo)

		lo = len(m.data)
		for e := range gg.Trigger.All() {
			if a, ok := e.Attacker(); ok {
				m.data = append(m.data, int32(ax.Pos(a)))
			}
		}
		m.att[g] = m.end(lo)
	}
	return nil
}

// activationVetoes appends the veto holders g's activation gives it, as
// DESIGN.md defines them: none when automatic; the provider's (the state
// itself, or the veto holders of a body's rule) when the provider decides;
// those plus each consenting actor (and, for a consenting body, the veto
// holders of its rule) under consent; the veto holders of X's rule under
// body(X).
func (m *model) activationVetoes(dst []int32, g int) []int32 {
	a := m.s.Guarantees[g].Activation
	switch a.Mode {
	case guarantee.Automatic:
		return dst
	case guarantee.ByBody:
		return append(dst, m.ax.VetoPos(m.ax.Pos(a.Actors[0]))...)
	case guarantee.Consent:
		for _, id := range a.Actors {
			p := m.ax.Pos(id)
			dst = append(dst, int32(p))
			if m.ax.At(p).Kind.IsBody() {
				dst = append(dst, m.ax.VetoPos(p)...)
			}
		}
	}
	return append(dst, m.ax.VetoPos(int(m.prov[g]))...)
}

// holds reports whether the sorted list l contains x.
func holds(l []int32, x int32) bool {
	_, ok := slices.BinarySearch(l, x)
	return ok
}

// contributors returns g's contributors: its provider and every member of
// the provider at any depth.
func (m *model) contributors(g int32) []int32 { return m.ax.ContributorPos(int(m.prov[g])) }

// ruleVetoes returns the veto holders of the rule of g's provider when the
// provider is a body, and nil when it is a state.
func (m *model) ruleVetoes(g int32) []int32 {
	p := int(m.prov[g])
	if !m.ax.At(p).Kind.IsBody() {
		return nil
	}
	return m.ax.VetoPos(p)
}

// guaranteeByID returns the position of the guarantee with the given ID.
func (m *model) guaranteeByID(id guarantee.ID) (int32, bool) {
	k, ok := slices.BinarySearchFunc(m.gByID, id, func(i int32, id guarantee.ID) int {
		return cmp.Compare(m.s.Guarantees[i].ID, id)
	})
	if !ok {
		return -1, false
	}
	return m.gByID[k], true
}

// selectInto appends the positions of the guarantees sel picks, in order.
// Small scenarios scan every guarantee; large ones start from the smallest
// list of candidates the index offers. Either way [guarantee.Selector.Matches]
// has the last word, so both paths pick the same guarantees.
func (m *model) selectInto(sel guarantee.Selector) {
	if m.idx == nil {
		for i, g := range m.s.Guarantees {
			if sel.Matches(g, m.ax) {
				m.data = append(m.data, int32(i))
			}
		}
		return
	}
	cands, all := m.idx.candidates(sel, m)
	if all {
		for i, g := range m.s.Guarantees {
			if sel.Matches(g, m.ax) {
				m.data = append(m.data, int32(i))
			}
		}
		return
	}
	for _, i := range cands {
		if sel.Matches(m.s.Guarantees[i], m.ax) {
			m.data = append(m.data, i)
		}
	}
}

// selIndex maps each value of each selector field to the guarantees that
// have it, in order, so that a selector costs what it picks rather than the
// size of the scenario.
type selIndex struct {
	kind        map[guarantee.Kind][]int32 // by the kind and each ancestor
	provider    map[actor.ID][]int32
	beneficiary map[actor.ID][]int32
	target      map[actor.ID][]int32
	location    map[string][]int32
	providerIn  map[actor.ID][]int32 // filled on demand
}

func newSelIndex(s *Scenario, ax *actor.Index) *selIndex {
	x := &selIndex{
		kind:        map[guarantee.Kind][]int32{},
		provider:    map[actor.ID][]int32{},
		beneficiary: map[actor.ID][]int32{},
		target:      map[actor.ID][]int32{},
		location:    map[string][]int32{},
		providerIn:  map[actor.ID][]int32{},
	}
	for i, g := range s.Guarantees {
		i := int32(i)
		for k := g.Kind; k != ""; k = k.Parent() {
			x.kind[k] = append(x.kind[k], i)
		}
		x.provider[g.Provider] = append(x.provider[g.Provider], i)
		x.beneficiary[g.Beneficiary] = append(x.beneficiary[g.Beneficiary], i)
		x.target[g.Target] = append(x.target[g.Target], i)
		x.location[g.Location] = append(x.location[g.Location], i)
	}
	return x
}

// candidates returns the smallest list of guarantees that holds every one
// sel picks, or all=true when sel constrains nothing the index knows.
func (x *selIndex) candidates(sel guarantee.Selector, m *model) (best []int32, all bool) {
	all = true
	consider := func(l []int32) {
		if all || len(l) < len(best) {
			best, all = l, false
		}
	}
	if sel.Kind != "" {
		consider(x.kind[sel.Kind])
	}
	if sel.Provider != "" {
		consider(x.provider[sel.Provider])
	}
	if sel.Beneficiary != "" {
		consider(x.beneficiary[sel.Beneficiary])
	}
	if sel.Target != "" {
		consider(x.target[sel.Target])
	}
	if sel.Location != "" {
		consider(x.location[sel.Location])
	}
	if len(sel.IDs) > 0 {
		var l []int32
		for _, id := range sel.IDs {
			if g, ok := m.guaranteeByID(id); ok {
				l = append(l, g)
			}
		}
		slices.Sort(l)
		consider(slices.Compact(l))
	}
	if sel.ProviderIn != "" && (all || len(best) > 64) {
		consider(x.byProviderIn(sel.ProviderIn, m))
	}
	return best, all
}

// byProviderIn returns the guarantees with a contributor within body: those
// whose provider's contributors overlap body's.
func (x *selIndex) byProviderIn(body actor.ID, m *model) []int32 {
	if l, ok := x.providerIn[body]; ok {
		return l
	}
	in := m.ax.ContributorPos(m.ax.Pos(body))
	var l []int32
	for p, gs := range x.provider {
		if guarantee.Overlap(m.ax.ContributorPos(m.ax.Pos(p)), in) {
			l = append(l, gs...)
		}
	}
	slices.Sort(l)
	x.providerIn[body] = l
	return l
}
