package scenario

import (
	"cmp"
	"slices"
	"sync"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/actorpos"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/sorted"
)

// model is a validated scenario compiled for evaluation: actors resolved to
// positions, every selector resolved once to the guarantees it picks, and
// every guarantee's veto holders and attackers computed. Lists are sorted
// int32 positions held in one backing array and addressed by spans. A
// model's slices are reused from one evaluation to the next (see
// [scratch]); nothing in it reaches the caller.
type model struct {
	s     Scenario // a copy, so that nothing the caller holds escapes
	ax    *actor.Index
	lists *actorpos.Lists // ax's lists, by position
	gByID []int32         // guarantee positions sorted by ID
	prov  []int32         // provider's actor position, per guarantee
	veto  []span          // V(g): veto holders' actor positions, per guarantee
	att   []span          // attackers of g's trigger, as actor positions, per guarantee
	pos   []span          // guarantees each position picks, once matches computed it
	grant []span          // guarantees each granted veto covers
	pact  []int32         // each position's actor, as an actor position
	ben   []int32         // each guarantee's beneficiary, as an actor position
	data  []int32

	// byAnyone lists, in order, the guarantees whose trigger admits any
	// attacker (attack(*, B), violation(*)); most scenarios have none.
	byAnyone []int32

	posDone []bool // per position: pos holds its matches
	stances uint8  // bit s set when a position takes stance s

	// Inverted lists, built on first use: the guarantees each actor
	// contributes to, and those it holds a veto over.
	contrib, vetoed csr
	rejecters       csr     // per guarantee: the rejects-veto positions that pick it
	foreign         []int32 // guarantees with a veto holder other than their provider
	foreignDone     bool
	every           []int32 // 0, 1, … n-1, for small scenarios

	spans  []span
	grants [][2]int32 // (guarantee, holder) pairs, while compiling

	idx *selIndex // built only for scenarios large enough to need it

	// Parties set aside (aside.go): whether anything in the scenario sets
	// them aside, and then, per guarantee, the holders of the vetoes the
	// deal grants over it and the veto holders of its provider's rule with
	// its parties aside; party is scratch.
	aside         bool
	granted, rule []span
	party, vbuf   []int32

	opt core.Options // set by whoever compiles the model, before compile
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

// indexAbove is the size (guarantees × selectors) above which selectors
// are resolved through per-field indexes rather than by scanning every
// guarantee. Both paths pick the same guarantees; tests choose one or the
// other through [core.Options] to check that they do.
const indexAbove = 4096

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
	sc.m.s, sc.m.ax, sc.m.lists, sc.m.idx = Scenario{}, nil, nil, nil
	sc.ax.Reset(nil)
	sc.b.m = nil
	// Findings discarded leave their IDs and sources past the lists'
	// lengths: clear the whole of each.
	clear(sc.b.actors[:cap(sc.b.actors)])
	clear(sc.b.gids[:cap(sc.b.gids)])
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

// compile validates s and compiles it into m, with the options in m.opt.
// s must not change while the model is in use.
func (m *model) compile(s *Scenario, ax *actor.Index) error {
	m.prepare(s, ax)
	if err := check(m); err != nil {
		return err
	}
	n, np, nv := len(s.Guarantees), len(s.Positions), len(s.Vetoes)
	clear(m.posDone)
	m.contrib.done, m.vetoed.done, m.foreignDone = false, false, false
	if m.opt.Indexes == core.IndexAlways || m.opt.Indexes == core.IndexBySize && n*(np+nv) > indexAbove {
		m.idx = newSelIndex(&m.s, ax)
	}
	m.grants = m.grants[:0]
	for i := range s.Vetoes {
		v := &m.s.Vetoes[i]
		lo := len(m.data)
		m.selectInto(&v.Over)
		m.grant[i] = span{int32(lo), int32(len(m.data))}
		h := int32(ax.Pos(v.Holder))
		for _, g := range m.list(m.grant[i]) {
			m.grants = append(m.grants, [2]int32{g, h})
		}
	}
	slices.SortFunc(m.grants, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
	grants := m.grants
	m.compileAside()
	if m.aside {
		m.granted = grow(m.granted, n)
	}
	for g := range s.Guarantees {
		if m.aside {
			glo := len(m.data)
			for len(grants) > 0 && grants[0][0] == int32(g) {
				m.data = append(m.data, grants[0][1])
				grants = grants[1:]
			}
			m.granted[g] = span{int32(glo), int32(len(m.data))}
			m.party = m.partiesOf(m.party[:0], int32(g))
			lo := len(m.data)
			m.data = m.vetoesFor(m.data, int32(g), m.party)
			m.veto[g] = span{int32(lo), int32(len(m.data))}
			continue
		}
		lo := len(m.data)
		m.data = m.activationVetoes(m.data, int32(g), nil)
		for len(grants) > 0 && grants[0][0] == int32(g) {
			m.data = append(m.data, grants[0][1])
			grants = grants[1:]
		}
		m.veto[g] = m.end(lo)
	}
	m.compileRules()
	return nil
}

// prepare readies m's arrays, reused from the last evaluation, for s.
// Validation fills in providers, beneficiaries, attackers and positions'
// actors as it resolves them.
func (m *model) prepare(s *Scenario, ax *actor.Index) {
	n, np, nv := len(s.Guarantees), len(s.Positions), len(s.Vetoes)
	m.s, m.ax, m.lists, m.idx = *s, ax, actorpos.Of(ax), nil
	m.prov, m.ben, m.pact = grow(m.prov, n), grow(m.ben, n), grow(m.pact, np)
	m.spans = grow(m.spans, 2*n+np+nv)
	m.veto, m.att, m.pos, m.grant = m.spans[:n:n], m.spans[n:2*n:2*n], m.spans[2*n:2*n+np:2*n+np], m.spans[2*n+np:]
	m.posDone = grow(m.posDone, np)
	m.data = m.data[:0]
	m.byAnyone = m.byAnyone[:0]
	m.stances = 0
	for _, p := range s.Positions {
		m.stances |= 1 << (p.Stance & 7)
	}
}

// csr is an inverted list in compressed form: the entries of key k are
// list[start[k]:start[k+1]].
type csr struct {
	start, list []int32
	next        []int32 // scratch for build
	done        bool
}

func (c *csr) of(k int32) []int32 { return c.list[c.start[k]:c.start[k+1]] }

// build fills c with, for each of keys keys, the items among items for
// which each(item) yields that key, in item order.
func (c *csr) build(keys, items int, each func(item int32) []int32) {
	c.start = grow(c.start, keys+1)
	clear(c.start)
	for it := range int32(items) {
		for _, k := range each(it) {
			c.start[k+1]++
		}
	}
	for k := 1; k <= keys; k++ {
		c.start[k] += c.start[k-1]
	}
	c.list = grow(c.list, int(c.start[keys]))
	c.next = append(c.next[:0], c.start[:keys]...)
	for it := range int32(items) {
		for _, k := range each(it) {
			c.list[c.next[k]] = it
			c.next[k]++
		}
	}
	c.done = true
}

// contributedBy returns, in order, the guarantees the actor at position a
// contributes to (it is their provider or a member of it at any depth).
//
// Small scenarios, which have no index, get every guarantee: scanning them
// costs less than inverting the lists, and callers check contribution
// themselves.
func (m *model) contributedBy(a int32) []int32 {
	if m.idx == nil {
		if len(m.every) != len(m.s.Guarantees) {
			m.every = m.every[:0]
			for g := range int32(len(m.s.Guarantees)) {
				m.every = append(m.every, g)
			}
		}
		return m.every
	}
	if !m.contrib.done {
		m.contrib.build(m.ax.Len(), len(m.s.Guarantees), m.Contributors)
	}
	return m.contrib.of(a)
}

// vetoedBy returns the guarantees the actor at position a holds a veto
// over, in order.
func (m *model) vetoedBy(a int32) []int32 {
	if !m.vetoed.done {
		m.vetoed.build(m.ax.Len(), len(m.s.Guarantees), func(g int32) []int32 { return m.list(m.veto[g]) })
	}
	return m.vetoed.of(a)
}

// foreignVetoed returns the guarantees that have a veto holder other than
// their provider, in order.
func (m *model) foreignVetoed() []int32 {
	if !m.foreignDone {
		m.foreign = m.foreign[:0]
		for g := range int32(len(m.s.Guarantees)) {
			if v := m.list(m.veto[g]); len(v) > 1 || len(v) == 1 && v[0] != m.prov[g] {
				m.foreign = append(m.foreign, g)
			}
		}
		m.foreignDone = true
	}
	return m.foreign
}

// matches returns the guarantees position i's selector picks, in order,
// computing them on first use.
func (m *model) Matches(i int) []int32 {
	if !m.posDone[i] {
		lo := len(m.data)
		m.selectInto(&m.s.Positions[i].Select)
		m.pos[i] = span{int32(lo), int32(len(m.data))}
		m.posDone[i] = true
	}
	return m.list(m.pos[i])
}

// picks reports whether position i's selector picks guarantee g.
func (m *model) Picks(i int, g int32) bool {
	if m.posDone[i] {
		return sorted.Contains(m.list(m.pos[i]), g)
	}
	return m.s.Positions[i].Select.Matches(&m.s.Guarantees[g], m.ax)
}

// Binds reports whether position i, a refuses or rejects position that
// picks g, holds against it: a rejects position wherever it picks, a
// refuses position ("I will not provide S") only where its actor is a
// contributor of g (package doc, "Refusals bind contributors").
func (m *model) Binds(i int, g int32) bool {
	switch m.s.Positions[i].Stance {
	case Rejects:
		return true
	case Refuses:
		return sorted.Contains(m.Contributors(g), m.pact[i])
	}
	return false
}

// picksAny reports whether position i's selector picks any guarantee.
func (m *model) picksAny(i int) bool {
	if m.posDone[i] {
		return m.pos[i].lo != m.pos[i].hi
	}
	return m.exists(&m.s.Positions[i].Select)
}

// has reports whether any position takes stance st.
func (m *model) has(st Stance) bool { return m.stances&(1<<st) != 0 }

// exists reports whether sel picks any guarantee.
func (m *model) exists(sel *guarantee.Selector) bool {
	found := false
	m.eachCandidate(sel, func(g int32) bool {
		found = sel.Matches(&m.s.Guarantees[g], m.ax)
		return !found
	})
	return found
}

// activationVetoes appends the veto holders g's activation gives it, as
// docs/MODEL.md defines them: none when automatic; the provider's (the state
// itself, or the veto holders of a body's rule) when the provider decides;
// those plus each consenting actor (and, for a consenting body, the veto
// holders of its rule) under consent; the veto holders of X's rule under
// body(X).
//
// parties are g's parties (actor positions, sorted ascending): each body
// that decides sets them aside when g's activation or the body's own rule
// says so. States keep their say, parties or not: a state provider decides
// for itself and a listed state must consent. With no parties, or where
// nothing in the scenario sets the parties aside, every body decides by
// its rule as it stands. The result is not sorted.
func (m *model) activationVetoes(dst []int32, g int32, parties []int32) []int32 {
	a := &m.s.Guarantees[g].Activation
	switch a.Mode {
	case guarantee.Automatic:
		return dst
	case guarantee.ByBody:
		return m.bodyVetoes(dst, g, m.ax.Pos(a.Actors[0]), parties)
	case guarantee.Consent:
		for _, id := range a.Actors {
			p := m.ax.Pos(id)
			dst = append(dst, int32(p))
			if m.ax.At(p).Kind.IsBody() {
				dst = m.bodyVetoes(dst, g, p, parties)
			}
		}
	}
	return m.bodyVetoes(dst, g, int(m.prov[g]), parties)
}

// contributors returns g's contributors: its provider and every member of
// the provider at any depth.
func (m *model) Contributors(g int32) []int32 { return m.lists.Contributors(int(m.prov[g])) }

// ruleVetoes returns the veto holders of the rule of g's provider when the
// provider is a body, and nil when it is a state.
func (m *model) RuleVetoes(g int32) []int32 {
	p := int(m.prov[g])
	if !m.ax.At(p).Kind.IsBody() {
		return nil
	}
	if m.aside {
		return m.list(m.rule[g])
	}
	return m.lists.Vetoes(p)
}

// guaranteeByID returns the position of the guarantee with the given ID.
func (m *model) GuaranteeByID(id guarantee.ID) (int32, bool) {
	if len(m.gByID) == 0 {
		i := slices.IndexFunc(m.s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
		return int32(i), i >= 0
	}
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
func (m *model) selectInto(sel *guarantee.Selector) {
	m.eachCandidate(sel, func(g int32) bool {
		if sel.Matches(&m.s.Guarantees[g], m.ax) {
			m.data = append(m.data, g)
		}
		return true
	})
}

// eachCandidate calls f, in order, for each guarantee sel may pick, until f
// returns false: every guarantee in small scenarios, the smallest list of
// candidates the index offers in large ones.
func (m *model) eachCandidate(sel *guarantee.Selector, f func(g int32) bool) {
	if m.idx != nil {
		if cands, all := m.idx.candidates(sel, m); !all {
			for _, g := range cands {
				if !f(g) {
					return
				}
			}
			return
		}
	}
	for g := range int32(len(m.s.Guarantees)) {
		if !f(g) {
			return
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
func (x *selIndex) candidates(sel *guarantee.Selector, m *model) (best []int32, all bool) {
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
			if g, ok := m.GuaranteeByID(id); ok {
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

// byProviderIn returns the guarantees with a contributor within body:
// those whose provider shares a contributor with it, that is, whose
// provider is body, one of its members at any depth, or a body that one of
// those belongs to.
func (x *selIndex) byProviderIn(body actor.ID, m *model) []int32 {
	if l, ok := x.providerIn[body]; ok {
		return l
	}
	var provs []int32
	for _, d := range m.lists.Contributors(m.ax.Pos(body)) {
		provs = append(provs, d)
		provs = append(provs, m.lists.Memberships(int(d))...)
	}
	slices.Sort(provs)
	var l []int32
	for _, p := range slices.Compact(provs) {
		l = append(l, x.provider[m.ax.At(int(p)).ID]...)
	}
	slices.Sort(l)
	x.providerIn[body] = l
	return l
}
