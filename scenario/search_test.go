package scenario_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// This file proves Search exact: a brute-force reference, judged by
// Evaluate alone, computes what docs/MODEL.md ("Deals and search") says Search
// answers, on thousands of small random scenarios, and the two must agree.
//
// The reference follows the definitions to the letter. The offers are the
// scenario's guarantees; a package H is a subset of them; the candidate
// vetoes are one per demands-veto position. For every H and every choice W
// of candidates it evaluates the scenario cut down to H (its guarantees in
// their original order) with the granted vetoes plus W, and keeps the
// error findings. A package is feasible when some W leaves no error.
//
// Withdrawing positions would take 2^positions more evaluations of every
// (H, W). Instead the reference uses the error findings' positions: an
// error finding goes away exactly when one of the positions it names is
// withdrawn, and one that names none never goes away; a withdrawn
// demands-veto position takes its candidate off the table, so only the W
// among the standing candidates count. That shortcut is itself checked in
// every scenario against evaluations with the positions really removed, on
// a random sample of (H, W, withdrawn) triples.

// genShape is the size of a generated scenario.
type genShape struct {
	offers    int // guarantees, 0 to 12
	positions int // 0 to 8
	demands   int // demands-veto positions among them, 0 to 3
	states    int // 4 to 8
	bodies    int // 1 to 3
	vetoes    int // granted vetoes, 0 to 2
}

func (sh genShape) String() string {
	return fmt.Sprintf("%d offers, %d positions (%d demands-veto), %d states, %d bodies, %d granted vetoes",
		sh.offers, sh.positions, sh.demands, sh.states, sh.bodies, sh.vetoes)
}

// randomShape draws a shape: mostly small scenarios, which cost little to
// search by brute force, and now and then one of the full 12 offers.
func randomShape(r *rand.Rand) genShape {
	sh := genShape{states: 4 + r.IntN(5), bodies: 1 + r.IntN(3)}
	// The cost of the reference doubles with each offer.
	switch x := r.IntN(100); {
	case x < 2: // no offers at all
	case x < 71:
		sh.offers = 1 + r.IntN(6) // 1 to 6
	case x < 96:
		sh.offers = 7 + r.IntN(3) // 7 to 9
	default:
		sh.offers = 10 + r.IntN(3) // 10 to 12
	}
	sh.positions = r.IntN(9)
	sh.demands = min(sh.positions, r.IntN(4))
	switch x := r.IntN(10); {
	case x < 6:
	case x < 9:
		sh.vetoes = 1
	default:
		sh.vetoes = 2
	}
	return sh
}

// shapeOf reads a shape from a byte, for the fuzz target: at most 8
// offers, so that each input is quick.
func shapeOf(b byte, seed uint64) genShape {
	r := rand.New(rand.NewPCG(seed, 0x73686170))
	sh := genShape{
		offers:    int(b & 7),
		positions: int(b>>3&7) + int(b>>7), // 0 to 8
		states:    4 + r.IntN(5),
		bodies:    1 + r.IntN(3),
		vetoes:    r.IntN(3),
	}
	sh.offers += int(b >> 7) // 0 to 8
	sh.demands = min(sh.positions, r.IntN(4))
	return sh
}

var (
	genStates = []actor.ID{"UA", "RU", "US", "UK", "FR", "DE", "PL", "TR"}
	genBodies = []actor.ID{"NATO", "EU", "CW"}
	genKinds  = []guarantee.Kind{
		guarantee.AirSupport, guarantee.GroundTroops, guarantee.Naval, guarantee.Military,
		guarantee.Surveillance, guarantee.Aid, guarantee.EconomicSanctions, guarantee.Consultation,
	}
	// genSelKinds are the kinds selectors ask for: top levels pick more.
	genSelKinds = []guarantee.Kind{
		guarantee.Military, guarantee.Military, guarantee.AirSupport, guarantee.GroundTroops,
		guarantee.Intelligence, guarantee.Financial, guarantee.Sanctions,
	}
)

// generator draws a small valid scenario. Few actors, so that selectors,
// attackers and veto holders meet often.
type generator struct {
	r      *rand.Rand
	sh     genShape
	states []actor.ID
	bodies []actor.ID
	all    []actor.ID
	gids   []guarantee.ID
}

// generate returns a scenario of the given shape drawn from seed.
func generate(seed uint64, sh genShape) scenario.Scenario {
	gen := &generator{r: rand.New(rand.NewPCG(seed, 0x656e74656e7465)), sh: sh}
	s := gen.scenario()
	partiesAsideAtRandom(seed, &s)
	anyAttackerAtRandom(seed, &s)
	return s
}

func (gen *generator) pick(ids []actor.ID) actor.ID { return ids[gen.r.IntN(len(ids))] }

func (gen *generator) chance(percent int) bool { return gen.r.IntN(100) < percent }

// some returns 1 to n distinct items of ids, in random order.
func (gen *generator) some(ids []actor.ID, n int) []actor.ID {
	p := gen.r.Perm(len(ids))
	k := 1 + gen.r.IntN(min(n, len(ids)))
	out := make([]actor.ID, k)
	for i := range out {
		out[i] = ids[p[i]]
	}
	return out
}

// attacker is RU half the time, else any actor.
func (gen *generator) attacker() actor.ID {
	if gen.chance(50) {
		return "RU"
	}
	return gen.pick(gen.all)
}

func (gen *generator) scenario() scenario.Scenario {
	sh := gen.sh
	s := scenario.Scenario{Name: "random"}
	gen.states = genStates[:sh.states]
	for _, id := range gen.states {
		s.Actors = append(s.Actors, actor.Actor{ID: id})
	}
	gen.bodies = genBodies[:sh.bodies]
	for i, id := range gen.bodies {
		s.Actors = append(s.Actors, gen.body(id, gen.bodies[:i]))
	}
	gen.all = append(slices.Clone(gen.states), gen.bodies...)
	for i := range sh.offers {
		gen.gids = append(gen.gids, guarantee.ID("g"+strconv.Itoa(i+1)))
	}
	for i := range sh.offers {
		s.Guarantees = append(s.Guarantees, gen.guarantee(i))
	}
	// Mutual requirements now and then, beyond the cycles chance makes.
	if sh.offers >= 2 && gen.chance(25) {
		p := gen.r.Perm(sh.offers)
		a, b := &s.Guarantees[p[0]], &s.Guarantees[p[1]]
		a.Requires = appendNew(a.Requires, b.ID)
		b.Requires = appendNew(b.Requires, a.ID)
	}
	stances := make([]scenario.Stance, sh.positions)
	for i := range stances {
		if i < sh.demands {
			stances[i] = scenario.DemandsVeto
		} else {
			stances[i] = []scenario.Stance{scenario.Refuses, scenario.Rejects, scenario.Requires, scenario.RejectsVeto}[gen.r.IntN(4)]
		}
	}
	gen.r.Shuffle(len(stances), func(i, j int) { stances[i], stances[j] = stances[j], stances[i] })
	for i, st := range stances {
		s.Positions = append(s.Positions, gen.position(i, st))
	}
	for range sh.vetoes {
		h := gen.attacker()
		if gen.chance(40) {
			h = gen.pick(gen.all)
		}
		s.Vetoes = append(s.Vetoes, scenario.Veto{Holder: h, Over: gen.selector()})
	}
	if gen.chance(30) {
		s.Timeline = []guarantee.Event{{Name: guarantee.EventPeaceDeal}, {Name: guarantee.EventAttack, Args: []actor.ID{gen.attacker(), "UA"}}}
	}
	return s
}

func appendNew(ids []guarantee.ID, id guarantee.ID) []guarantee.ID {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// body draws a body of any kind and rule, whose members are states and
// now and then an earlier body.
func (gen *generator) body(id actor.ID, earlier []actor.ID) actor.Actor {
	a := actor.Actor{ID: id, Kind: []actor.Kind{actor.Alliance, actor.Organization, actor.Coalition}[gen.r.IntN(3)]}
	a.Members = gen.some(gen.states, 4)
	if len(earlier) > 0 && gen.chance(30) {
		a.Members = append(a.Members, gen.pick(earlier))
	}
	a.Decides = []actor.Decision{actor.Default, actor.Unanimity, actor.Majority, actor.Separately}[gen.r.IntN(4)]
	if a.Rule() != actor.Separately && gen.chance(35) {
		a.Threshold = 1 + gen.r.IntN(len(a.Members))
	}
	if gen.chance(35) {
		a.Vetoes = gen.some(a.Members, 2)
	}
	return a
}

func (gen *generator) guarantee(i int) guarantee.Guarantee {
	g := guarantee.Guarantee{ID: gen.gids[i], Kind: genKinds[gen.r.IntN(len(genKinds))]}
	if gen.chance(40) {
		g.Provider = gen.pick(gen.bodies)
	} else {
		g.Provider = gen.pick(gen.states)
	}
	g.Beneficiary = "UA"
	if gen.chance(35) {
		g.Beneficiary = gen.pick(gen.states)
	}
	switch x := gen.r.IntN(10); {
	case x < 5:
		g.Target = "RU"
	case x < 7:
		g.Target = gen.pick(gen.states)
	}
	switch x := gen.r.IntN(10); {
	case x < 3:
		g.Location = "UA"
	case x < 4:
		g.Location = "black-sea"
	}
	g.Strength = guarantee.Strength(gen.r.IntN(3) - 1)
	g.Trigger = gen.trigger(g.Beneficiary)
	switch x := gen.r.IntN(10); {
	case x < 4: // the provider decides
	case x < 6:
		g.Activation = guarantee.Activation{Mode: guarantee.Automatic}
	case x < 8:
		g.Activation = guarantee.ConsentOf(gen.some(gen.all, 2)...)
	default:
		g.Activation = guarantee.DecidedBy(gen.pick(gen.bodies))
	}
	if gen.chance(30) {
		for range 1 + gen.r.IntN(2) {
			var r guarantee.ID
			if gen.chance(20) || len(gen.gids) == 1 {
				r = "g" + guarantee.ID(strconv.Itoa(20+gen.r.IntN(3))) // not on the table
			} else {
				for r = g.ID; r == g.ID; {
					r = gen.gids[gen.r.IntN(len(gen.gids))]
				}
			}
			g.Requires = appendNew(g.Requires, r)
		}
	}
	return g
}

// trigger draws a condition, most naming attackers, at the top or inside
// any, all and not.
func (gen *generator) trigger(ben actor.ID) guarantee.Condition {
	peace := guarantee.On(guarantee.EventPeaceDeal)
	attack := func() guarantee.Condition { return guarantee.Attack(gen.attacker(), ben) }
	violation := func() guarantee.Condition { return guarantee.On(guarantee.EventViolation, gen.attacker()) }
	switch gen.r.IntN(10) {
	case 0:
		return guarantee.Condition{}
	case 1:
		return peace
	case 2:
		return attack()
	case 3:
		return violation()
	case 4:
		return guarantee.AllOf(peace, attack())
	case 5:
		return guarantee.AnyOf(attack(), violation())
	case 6:
		return guarantee.AllOf(peace, guarantee.NotOf(attack()))
	case 7:
		return guarantee.AllOf(peace, guarantee.NotOf(peace)) // never holds
	case 8:
		return guarantee.AnyOf(guarantee.On(guarantee.EventCeasefire), guarantee.AllOf(violation(), guarantee.NotOf(attack())))
	}
	return guarantee.AllOf(peace, guarantee.AnyOf(attack(), violation()))
}

// selector draws a selector: each field now and then, the empty selector
// (every guarantee) sometimes.
func (gen *generator) selector() guarantee.Selector {
	var s guarantee.Selector
	if gen.chance(30) {
		s.Kind = genSelKinds[gen.r.IntN(len(genSelKinds))]
	}
	if gen.chance(12) {
		s.Provider = gen.pick(gen.all)
	}
	if gen.chance(12) {
		s.ProviderIn = gen.pick(gen.all)
	}
	if gen.chance(30) {
		s.Beneficiary = "UA"
		if gen.chance(30) {
			s.Beneficiary = gen.pick(gen.states)
		}
	}
	if gen.chance(10) {
		s.Target = "RU"
	}
	if gen.chance(8) {
		s.Location = "UA"
	}
	if gen.chance(12) {
		for range 1 + gen.r.IntN(2) {
			id := guarantee.ID("g" + strconv.Itoa(1+gen.r.IntN(gen.sh.offers+2)))
			s.IDs = appendNew(s.IDs, id)
		}
	}
	return s
}

func (gen *generator) position(i int, st scenario.Stance) scenario.Position {
	p := scenario.Position{Stance: st, Select: gen.selector()}
	if gen.chance(50) {
		p.ID = "p" + strconv.Itoa(i+1)
	}
	switch {
	case st == scenario.DemandsVeto:
		p.Actor = gen.attacker()
	case gen.chance(25):
		p.Actor = gen.pick(gen.bodies)
	default:
		p.Actor = gen.pick(gen.states)
	}
	if st == scenario.RejectsVeto {
		switch x := gen.r.IntN(10); {
		case x < 4: // any actor but the provider
		case x < 7:
			p.By = []actor.ID{"RU"}
		default:
			p.By = gen.some(gen.all, 2)
		}
	}
	return p
}

// brute is the reference: every package under every choice of
// candidates, evaluated.
type brute struct {
	s     scenario.Scenario
	n, np int
	cands []int  // the demands-veto positions, in order
	full  pset   // every withdrawal set
	ok    []pset // per H<<k | W: the withdrawal sets under which (H, W) has no error
	feas  []pset // per H: the withdrawal sets under which H is feasible
	evals int

	gbuf  []guarantee.Guarantee // cut's, reused
	vbuf  []scenario.Veto
	pbuf  []scenario.Position
	wants *searchSummary // want's, once computed
}

// pset is a set of withdrawal sets: bit P is set when withdrawing the
// positions in the bit mask P qualifies. Scenarios have at most 8
// positions.
type pset [4]uint64

func (p pset) has(w int) bool { return p[w/64]&(1<<(w%64)) != 0 }

func (p *pset) add(w int) { p[w/64] |= 1 << (w % 64) }

func (p *pset) and(q pset) {
	for i := range p {
		p[i] &= q[i]
	}
}

func (p *pset) or(q pset) {
	for i := range p {
		p[i] |= q[i]
	}
}

const maxBrutePositions = 8

// hits[m] is the withdrawal sets that withdraw a position in m.
var hits = func() (t [1 << maxBrutePositions]pset) {
	for m := range t {
		for w := range 1 << maxBrutePositions {
			if w&m != 0 {
				t[m].add(w)
			}
		}
	}
	return t
}()

// cut returns s cut down to the offers in h, with the candidates in w
// granted and the positions in withdrawn taken away.
// The scenario it returns shares memory with b and lasts until the next
// call (Evaluate never changes a scenario, nor keeps it).
func (b *brute) cut(h, w, withdrawn int) scenario.Scenario {
	c := b.s
	b.gbuf = b.gbuf[:0]
	for i, g := range b.s.Guarantees {
		if h&(1<<i) != 0 {
			b.gbuf = append(b.gbuf, g)
		}
	}
	c.Guarantees = b.gbuf
	b.vbuf = append(b.vbuf[:0], b.s.Vetoes...)
	for j, p := range b.cands {
		if w&(1<<j) != 0 {
			pp := b.s.Positions[p]
			b.vbuf = append(b.vbuf, scenario.Veto{Holder: pp.Actor, Over: pp.Select})
		}
	}
	c.Vetoes = b.vbuf
	if withdrawn != 0 {
		b.pbuf = b.pbuf[:0]
		for i, p := range b.s.Positions {
			if withdrawn&(1<<i) == 0 {
				b.pbuf = append(b.pbuf, p)
			}
		}
		c.Positions = b.pbuf
	}
	return c
}

// hasError evaluates s and reports whether it has an error finding.
func hasError(t testing.TB, s scenario.Scenario) bool {
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return r.Verdict == scenario.Incompatible
}

func newBrute(t testing.TB, s scenario.Scenario) *brute {
	b := &brute{s: s, n: len(s.Guarantees), np: len(s.Positions)}
	if b.np > maxBrutePositions {
		t.Fatalf("the reference takes at most %d positions; the scenario has %d", maxBrutePositions, b.np)
	}
	ref := map[string]int{}
	for i, p := range s.Positions {
		if p.ID != "" {
			ref[p.ID] = i
		} else {
			ref["positions["+strconv.Itoa(i)+"]"] = i
		}
		if p.Stance == scenario.DemandsVeto {
			b.cands = append(b.cands, i)
		}
	}
	for w := range 1 << b.np {
		b.full.add(w)
	}
	k := len(b.cands)
	b.ok = make([]pset, 1<<(b.n+k))
	b.feas = make([]pset, 1<<b.n)
	for h := range 1 << b.n {
		for w := range 1 << k {
			// Withdrawing a candidate's position takes it off the table.
			standing := b.full
			for j, p := range b.cands {
				if w&(1<<j) != 0 {
					standing.and(complement(hits[1<<p], b.full))
				}
			}
			r, err := scenario.Evaluate(b.cut(h, w, 0))
			b.evals++
			if err != nil {
				t.Fatalf("Evaluate of a package: %v", err)
			}
			for _, f := range r.Findings {
				if f.Severity != scenario.Error {
					continue
				}
				m := 0
				for _, pr := range f.Positions {
					i, ok := ref[pr]
					if !ok {
						t.Fatalf("finding %v names position %q, which the scenario does not have", f, pr)
					}
					m |= 1 << i
				}
				if m == 0 {
					standing = pset{}
					break
				}
				standing.and(hits[m])
			}
			b.ok[h<<k|w] = standing
			b.feas[h].or(standing)
		}
	}
	return b
}

func complement(p, full pset) pset {
	for i := range p {
		p[i] = ^p[i] & full[i]
	}
	return p
}

// checkShortcut checks, on samples, that withdrawing positions makes
// (H, W) evaluate with no error exactly when the reference says so.
func (b *brute) checkShortcut(t testing.TB, r *rand.Rand, samples int) {
	t.Helper()
	k := len(b.cands)
	for range samples {
		h, w, p := r.IntN(1<<b.n), r.IntN(1<<k), r.IntN(1<<b.np)
		if b.np > 0 && r.IntN(4) == 0 {
			p = 0
		}
		for j, c := range b.cands {
			if p&(1<<c) != 0 {
				w &^= 1 << j // the candidate goes with its position
			}
		}
		want := b.ok[h<<k|w].has(p)
		if got := !hasError(t, b.cut(h, w, p)); got != want {
			t.Errorf("offers %s with candidates %s and positions %s withdrawn: evaluated with no error = %v, but the reference says %v",
				b.offers(h), b.candRefs(w), b.posRefs(p), got, want)
		}
	}
}

func (b *brute) offers(h int) []guarantee.ID {
	out := []guarantee.ID{}
	for i, g := range b.s.Guarantees {
		if h&(1<<i) != 0 {
			out = append(out, g.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (b *brute) posRefs(p int) []string {
	out := []string{}
	for i, pp := range b.s.Positions {
		if p&(1<<i) != 0 {
			if pp.ID != "" {
				out = append(out, pp.ID)
			} else {
				out = append(out, "positions["+strconv.Itoa(i)+"]")
			}
		}
	}
	slices.Sort(out)
	return out
}

func (b *brute) candRefs(w int) []string {
	p := 0
	for j, c := range b.cands {
		if w&(1<<j) != 0 {
			p |= 1 << c
		}
	}
	return b.posRefs(p)
}

// anyNonEmpty returns the withdrawal sets under which some non-empty
// package is feasible.
func (b *brute) anyNonEmpty() pset {
	var u pset
	for h := 1; h < 1<<b.n; h++ {
		u.or(b.feas[h])
	}
	return u
}

// maximal returns the maximal feasible packages under withdrawal p: the
// non-empty feasible packages with no feasible package strictly above
// them.
func (b *brute) maximal(p int) []int {
	// above[h]: some package containing h is feasible.
	above := make([]bool, 1<<b.n)
	for h := 1<<b.n - 1; h >= 0; h-- {
		above[h] = b.feas[h].has(p)
		for i := range b.n {
			if h&(1<<i) == 0 && above[h|1<<i] {
				above[h] = true
				break
			}
		}
	}
	var out []int
	for h := 1; h < 1<<b.n; h++ {
		if !b.feas[h].has(p) {
			continue
		}
		maximal := true
		for i := range b.n {
			if h&(1<<i) == 0 && above[h|1<<i] {
				maximal = false
				break
			}
		}
		if maximal {
			out = append(out, h)
		}
	}
	return out
}

// minimal returns the sets of positions, as bit masks, for which good
// holds and holds for no proper subset.
func minimal(np int, good func(int) bool) []int {
	var out []int
	for m := range 1 << np {
		if !good(m) {
			continue
		}
		min := true
		for sub := (m - 1) & m; sub != m; sub = (sub - 1) & m {
			if good(sub) {
				min = false
				break
			}
			if sub == 0 {
				break
			}
		}
		if min {
			out = append(out, m)
		}
	}
	return out
}

// searchSummary is what Search answers, in a canonical order for
// comparison: sets sorted, lists of sets sorted.
type searchSummary struct {
	Feasible      bool
	EmptyFeasible bool
	Count         uint64
	Maximal       [][]guarantee.ID
	Forced        []guarantee.ID
	Dead          []guarantee.ID
	Concessions   []concessionSummary
	Conflicts     [][]string
}

type concessionSummary struct {
	Positions []string
	Unlocks   [][]guarantee.ID
}

// want computes the summary by brute force.
func (b *brute) want() searchSummary {
	if b.wants == nil {
		w := b.compute()
		b.wants = &w
	}
	return *b.wants
}

func (b *brute) compute() searchSummary {
	var w searchSummary
	u := b.anyNonEmpty()
	w.Feasible = u.has(0)
	w.EmptyFeasible = b.feas[0].has(0)
	for h := range 1 << b.n {
		if b.feas[h].has(0) {
			w.Count++
		}
	}
	maxi := b.maximal(0)
	forced, live := 0, 0
	if len(maxi) > 0 {
		forced = 1<<b.n - 1
	}
	for _, h := range maxi {
		w.Maximal = append(w.Maximal, b.offers(h))
		forced &= h
	}
	for h := range 1 << b.n {
		if b.feas[h].has(0) {
			live |= h
		}
	}
	w.Forced = b.offers(forced)
	w.Dead = b.offers((1<<b.n - 1) &^ live)
	if !w.Feasible {
		for _, p := range minimal(b.np, u.has) {
			c := concessionSummary{Positions: b.posRefs(p)}
			for _, h := range b.maximal(p) {
				c.Unlocks = append(c.Unlocks, b.offers(h))
			}
			w.Concessions = append(w.Concessions, c)
		}
		all := 1<<b.np - 1
		for _, k := range minimal(b.np, func(k int) bool { return !u.has(all &^ k) }) {
			w.Conflicts = append(w.Conflicts, b.posRefs(k))
		}
	}
	return canonical(w)
}

// summarize reads Search's result as a summary.
func summarize(r deals.Result) searchSummary {
	s := searchSummary{
		Feasible:      r.Feasible,
		EmptyFeasible: r.EmptyFeasible,
		Forced:        slices.Clone(r.Forced),
		Dead:          slices.Clone(r.Dead),
	}
	if r.Counted {
		s.Count = r.Count
	}
	for _, p := range r.Maximal {
		s.Maximal = append(s.Maximal, slices.Clone(p.Guarantees))
	}
	for _, c := range r.Concessions {
		cs := concessionSummary{Positions: slices.Clone(c.Positions)}
		for _, p := range c.Unlocks {
			cs.Unlocks = append(cs.Unlocks, slices.Clone(p.Guarantees))
		}
		s.Concessions = append(s.Concessions, cs)
	}
	for _, c := range r.Conflicts {
		s.Conflicts = append(s.Conflicts, slices.Clone(c.Positions))
	}
	return canonical(s)
}

// canonical sorts every set and every list of sets, so that order does
// not count.
func canonical(s searchSummary) searchSummary {
	sortSets(s.Maximal)
	slices.Sort(s.Forced)
	slices.Sort(s.Dead)
	for i := range s.Concessions {
		slices.Sort(s.Concessions[i].Positions)
		sortSets(s.Concessions[i].Unlocks)
	}
	slices.SortFunc(s.Concessions, func(a, b concessionSummary) int { return slices.Compare(a.Positions, b.Positions) })
	sortSets(s.Conflicts)
	return s
}

func sortSets[T ~string](sets [][]T) {
	for _, x := range sets {
		slices.Sort(x)
	}
	slices.SortFunc(sets, func(a, b []T) int { return slices.Compare(a, b) })
}

var summaryOpts = cmp.Options{cmpopts.EquateEmpty()}

// checkPackage checks that a deal Search reports evaluates with no
// error when the scenario is cut down to its package, with its vetoes
// granted and the positions in withdrawn (refs) taken away, that its
// vetoes are the grants of standing demands-veto positions, and that
// Scenario.CandidateVeto gives each grant.
func checkPackage(t testing.TB, s scenario.Scenario, p deals.Deal, withdrawn []string, what string) {
	t.Helper()
	c := s
	c.Guarantees = nil
	for _, g := range s.Guarantees {
		if slices.Contains(p.Guarantees, g.ID) {
			c.Guarantees = append(c.Guarantees, g)
		}
	}
	if len(c.Guarantees) != len(p.Guarantees) || !slices.IsSorted(p.Guarantees) {
		t.Errorf("%s: package %v: guarantees not sorted, repeated or not on the table", what, p.Guarantees)
	}
	c.Positions = nil
	byRef := map[string]scenario.Position{}
	for i, pp := range s.Positions {
		ref := pp.ID
		if ref == "" {
			ref = "positions[" + strconv.Itoa(i) + "]"
		}
		byRef[ref] = pp
		if !slices.Contains(withdrawn, ref) {
			c.Positions = append(c.Positions, pp)
		}
	}
	c.Vetoes = slices.Clone(s.Vetoes)
	for _, ref := range p.Vetoes {
		pp, ok := byRef[ref]
		v, vok := s.CandidateVeto(ref)
		switch {
		case !ok || pp.Stance != scenario.DemandsVeto:
			t.Errorf("%s: package %v: a veto is granted for %q, not a demands-veto position", what, p.Guarantees, ref)
		case slices.Contains(withdrawn, ref):
			t.Errorf("%s: package %v: veto for %q, which is withdrawn", what, p.Guarantees, ref)
		case !vok || v.Holder != pp.Actor || !v.Over.Equal(pp.Select):
			t.Errorf("%s: package %v: CandidateVeto(%q) = %v, %v; want the grant it asks for", what, p.Guarantees, ref, v, vok)
		}
		c.Vetoes = append(c.Vetoes, v)
	}
	r, err := scenario.Evaluate(c)
	if err != nil {
		t.Fatalf("%s: Evaluate: %v", what, err)
	}
	if r.Verdict != scenario.Compatible {
		t.Errorf("%s: package %v with vetoes %v does not evaluate clean:\n%s", what, p.Guarantees, p.Vetoes, listFindings(r.Findings))
	}
}

// checkSearch searches s and compares the result with the reference.
func checkSearch(t testing.TB, s scenario.Scenario, r *rand.Rand) (*brute, deals.Result) {
	t.Helper()
	if err := scenario.Validate(s); err != nil {
		t.Fatalf("the generator made an invalid scenario: %v", err)
	}
	got, err := deals.Search(context.Background(), s, deals.Options{Count: true})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	b := newBrute(t, s)
	b.checkShortcut(t, r, 12)
	fail := func(format string, args ...any) {
		t.Helper()
		y, _ := scenariofile.Marshal(s, scenariofile.YAML)
		t.Errorf(format+"\nscenario:\n%s", append(args, y)...)
	}
	if !got.Complete || got.Stopped != "" || !got.Counted {
		fail("Search(...): Complete %v, Stopped %q, Count set %v; want a complete search with a count", got.Complete, got.Stopped, got.Counted)
	}
	if diff := cmp.Diff(b.want(), summarize(got), summaryOpts); diff != "" {
		fail("Search(...) disagrees with the brute-force reference (-want +got):\n%s", diff)
	}
	for _, p := range got.Maximal {
		checkPackage(t, s, p, nil, "maximal")
	}
	for _, c := range got.Concessions {
		for _, p := range c.Unlocks {
			checkPackage(t, s, p, c.Positions, "unlocked by withdrawing "+strings.Join(c.Positions, ", "))
		}
	}
	checkOrder(t, got)
	return b, got
}

// checkOrder checks the orders Search documents: maximal packages largest
// first, concessions smallest first, positions in the scenario's order.
func checkOrder(t testing.TB, r deals.Result) {
	t.Helper()
	if !slices.IsSortedFunc(r.Maximal, func(a, b deals.Deal) int { return len(b.Guarantees) - len(a.Guarantees) }) {
		t.Errorf("maximal packages not largest first: %v", r.Maximal)
	}
	if !slices.IsSortedFunc(r.Concessions, func(a, b deals.Concession) int { return len(a.Positions) - len(b.Positions) }) {
		t.Errorf("concessions not smallest first: %v", r.Concessions)
	}
}

// raceEnabled reports whether the test binary was built with -race, under
// which evaluation is many times slower.
var raceEnabled = func() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}()

// coverage counts, over a run, how often the things the generator must
// reach happen, so that a generator that drifted into trivial scenarios
// fails the test rather than passing it vacuously.
type coverage struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *coverage) add(keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	for _, k := range keys {
		c.counts[k]++
	}
}

// note records what a scenario and its search reached.
func (c *coverage) note(s scenario.Scenario, b *brute, got deals.Result) {
	var keys []string
	r, _ := scenario.Evaluate(s)
	for _, f := range r.Findings {
		keys = append(keys, "finding "+string(f.Code))
	}
	for _, p := range s.Positions {
		k := "stance " + p.Stance.String()
		if p.Stance == scenario.RejectsVeto && len(p.By) > 0 {
			k += " by"
		}
		keys = append(keys, k)
	}
	for _, g := range s.Guarantees {
		keys = append(keys, "activation "+g.Activation.Mode.String())
	}
	for _, a := range s.Actors {
		if a.Kind.IsBody() {
			rule := a.Rule().String()
			if a.Threshold > 0 {
				rule = "threshold"
			}
			keys = append(keys, "rule "+rule)
			if len(a.Vetoes) > 0 {
				keys = append(keys, "rule explicit vetoes")
			}
		}
	}
	if len(s.Vetoes) > 0 {
		keys = append(keys, "granted vetoes")
	}
	w := b.want()
	switch {
	case w.Feasible && len(w.Maximal) > 1:
		keys = append(keys, "result several maximal packages")
	case w.Feasible:
		keys = append(keys, "result one maximal package")
	case len(w.Concessions) > 0:
		keys = append(keys, "result concessions")
	default:
		keys = append(keys, "result nothing to concede")
	}
	if w.EmptyFeasible {
		keys = append(keys, "result empty feasible")
	}
	for _, c := range w.Concessions {
		if len(c.Positions) > 1 {
			keys = append(keys, "result concession of several positions")
			break
		}
	}
	for _, p := range got.Maximal {
		if len(p.Vetoes) > 0 {
			keys = append(keys, "result package needs vetoes")
		}
	}
	for _, c := range got.Concessions {
		for _, p := range c.Unlocks {
			if len(p.Vetoes) > 0 {
				keys = append(keys, "result unlocked package needs vetoes")
			}
		}
	}
	c.add(keys...)
}

// mustReach are the things a full run must reach at least a few times.
var mustReach = []string{
	"finding veto-conflict", "finding captured-guarantee", "finding red-line", "finding blocked-by-member",
	"finding unmet-requirement", "finding unmet-veto-demand", "finding rejected-veto", "finding missing-dependency",
	"stance refuses", "stance rejects", "stance requires", "stance demands-veto", "stance rejects-veto", "stance rejects-veto by",
	"activation provider", "activation automatic", "activation consent", "activation body",
	"rule unanimity", "rule majority", "rule separately", "rule threshold", "rule explicit vetoes",
	"granted vetoes",
	"result one maximal package", "result concessions", "result nothing to concede",
	"result empty feasible", "result concession of several positions",
	"result package needs vetoes", "result unlocked package needs vetoes",
}

// TestSearchAgainstBruteForce checks Search against the brute-force
// reference on random small scenarios: feasibility, the count, the
// maximal packages and the vetoes they need, forced and dead offers, and,
// where no non-empty package is feasible, the concessions with what they
// unlock and the conflicts.
func TestSearchAgainstBruteForce(t *testing.T) {
	n := 3000
	if testing.Short() || raceEnabled {
		n = 300
	}
	var (
		cov   coverage
		mu    sync.Mutex
		evals int
	)
	start := time.Now()
	// A failing scenario reruns alone with
	// go test ./scenario -run 'TestSearchAgainstBruteForce/random/^SEED$'.
	t.Run("random", func(t *testing.T) {
		for seed := range uint64(n) {
			t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
				t.Parallel()
				r := rand.New(rand.NewPCG(seed, 1))
				sh := randomShape(r)
				s := generate(seed, sh)
				b, got := checkSearch(t, s, r)
				if t.Failed() {
					t.Logf("shape: %v", sh)
				}
				cov.note(s, b, got)
				mu.Lock()
				evals += b.evals
				mu.Unlock()
			})
		}
	})
	t.Logf("%d scenarios, %d evaluations, in %v", n, evals, time.Since(start).Round(time.Millisecond))
	var missed []string
	for _, k := range mustReach {
		if cov.counts[k] < 3 {
			missed = append(missed, fmt.Sprintf("%s (%d)", k, cov.counts[k]))
		}
	}
	if len(missed) > 0 {
		t.Errorf("the generator rarely reaches: %s", strings.Join(missed, ", "))
	}
	if testing.Verbose() {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range cov.counts {
				if !yield(k) {
					return
				}
			}
		})
		for _, k := range keys {
			t.Logf("%6d %s", cov.counts[k], k)
		}
	}
}

// bigScenario returns a scenario of the given number of offers, all to
// UA, and the states to provide them and hold positions.
func bigScenario(offers int) scenario.Scenario {
	s := scenario.Scenario{Name: "big"}
	for i := range 40 {
		s.Actors = append(s.Actors, actor.Actor{ID: actor.ID("S" + strconv.Itoa(i))})
	}
	s.Actors = append(s.Actors, actor.Actor{ID: "UA"}, actor.Actor{ID: "RU"})
	for i := range offers {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{
			ID:          guarantee.ID("g" + strconv.Itoa(i)),
			Provider:    actor.ID("S" + strconv.Itoa(i%40)),
			Beneficiary: "UA",
			Kind:        genKinds[i%len(genKinds)],
			Trigger:     guarantee.On(guarantee.EventPeaceDeal),
		})
	}
	return s
}

func offerIDs(is ...int) []guarantee.ID {
	out := make([]guarantee.ID, len(is))
	for k, i := range is {
		out[k] = guarantee.ID("g" + strconv.Itoa(i))
	}
	return out
}

// manyConcessions has 40 offers and 60 positions and no feasible package:
// each offer is rejected by three of 48 rejects positions, and six
// demands-veto positions meet six rejects-veto positions. Its minimal
// concessions are large, so trying sets of positions by size does not
// finish.
func manyConcessions() scenario.Scenario {
	s := bigScenario(40)
	r := rand.New(rand.NewPCG(7, 7))
	rejected := make([][]int, 48)
	for g := range 40 {
		for _, p := range r.Perm(48)[:3] {
			rejected[p] = append(rejected[p], g)
		}
	}
	for p, gs := range rejected {
		s.Positions = append(s.Positions, scenario.Position{
			Actor: actor.ID("S" + strconv.Itoa(p%40)), Stance: scenario.Rejects,
			Select: guarantee.Selector{IDs: offerIDs(gs...)},
		})
	}
	for i := range 6 {
		demander := actor.ID("S" + strconv.Itoa(30+i))
		over := guarantee.Selector{IDs: offerIDs(r.Perm(40)[:8]...)}
		s.Positions = append(s.Positions,
			scenario.Position{Actor: demander, Stance: scenario.DemandsVeto, Select: over},
			scenario.Position{Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{demander}, Select: guarantee.Selector{IDs: offerIDs(r.Perm(40)[:8]...)}},
		)
	}
	return s
}

// manyChoices has 16 demands-veto positions, each over one offer: 2^16
// choices of grants, which Search need not try one by one, since granting
// more never shrinks the largest package.
func manyChoices() scenario.Scenario {
	s := bigScenario(40)
	for i := range 16 {
		s.Positions = append(s.Positions, scenario.Position{
			Actor: actor.ID("S" + strconv.Itoa(20+i)), Stance: scenario.DemandsVeto,
			Select: guarantee.Selector{IDs: offerIDs(i)},
		})
	}
	return s
}

// manyRequirements has 20 requires positions, which the count takes by
// inclusion and exclusion: 2^20 terms.
func manyRequirements() scenario.Scenario {
	s := bigScenario(40)
	for i := range 20 {
		s.Positions = append(s.Positions, scenario.Position{
			Actor: actor.ID("S" + strconv.Itoa(i)), Stance: scenario.Requires,
			Select: guarantee.Selector{IDs: offerIDs(i, i+20)},
		})
	}
	return s
}

// TestSearchManyChoices checks that sixteen demands-veto positions, the
// most Search takes, make a quick and complete search: it grants every
// candidate at once and drops those the package does not need.
func TestSearchManyChoices(t *testing.T) {
	r, err := deals.Search(t.Context(), manyChoices(), deals.Options{Count: true, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Complete {
		t.Errorf("Search of sixteen candidate vetoes: Complete false (%s); want a complete search", r.Stopped)
	}
	if len(r.Maximal) > 1 {
		t.Errorf("Search found %d maximal packages; granting more never shrinks the largest, so want at most one", len(r.Maximal))
	}
}

// TestSearchStops checks that a search too big to finish stops soon after
// its context is done, or its timeout passes, and says it is incomplete.
// The contract is to return within 100 ms of cancellation; the test
// allows a second, so as not to fail on a loaded machine, and logs the
// figure.
func TestSearchStops(t *testing.T) {
	const deadline = 50 * time.Millisecond
	tests := []struct {
		name    string
		reason  string
		s       scenario.Scenario
		timeout bool // by SearchOptions.Timeout rather than the context
	}{
		{"Concessions", "Sixty positions over forty offers and no feasible package: the concessions are sets of many positions, too many to try.", manyConcessions(), false},
		{"ConcessionsTimeout", "The same search, stopped by SearchOptions.Timeout.", manyConcessions(), true},
		{"Count", "Twenty requires positions: a count by inclusion and exclusion over a million terms.", manyRequirements(), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			opts := deals.Options{Count: true}
			if tc.timeout {
				opts.Timeout = deadline
			} else {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, deadline)
				defer cancel()
			}
			start := time.Now()
			r, err := deals.Search(ctx, tc.s, opts)
			late := time.Since(start) - deadline
			if err != nil {
				t.Fatalf("%s\nSearch(...): unexpected error: %v", tc.reason, err)
			}
			t.Logf("returned %v after the deadline", late.Round(time.Microsecond))
			if late > time.Second {
				t.Errorf("%s\nSearch(...) returned %v after its deadline; want within 100ms", tc.reason, late)
			}
			if r.Complete || r.Stopped == "" {
				t.Errorf("%s\nSearch(...): Complete %v, Stopped %q; want false and a reason", tc.reason, r.Complete, r.Stopped)
			}
		})
	}
}

// pkg returns a package of the given guarantees, needing the grants of
// the given demands-veto positions.
func pkg(gs []guarantee.ID, vetoes ...string) deals.Deal {
	return deals.Deal{Guarantees: gs, Vetoes: vetoes}
}

// TestSearch checks Search on cases small enough to work out by hand, each
// also checked against the brute-force reference.
func TestSearch(t *testing.T) {
	military := guarantee.Selector{Kind: guarantee.Military, Beneficiary: "UA"}
	tests := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   deals.Result
	}{
		{
			name: "Seed",
			reason: "The seed: Russia's demanded veto makes every deal fail, through Kyiv's rejection of it or, granted, by capturing what " +
				"answers a Russian attack, which the US's call for a European lead needs. Withdrawing Russia's demand unlocks every offer; " +
				"withdrawing the US's call and Kyiv's rejection instead unlocks Turkey's Black Sea support and US intelligence, with Russia's veto.",
			s: examples.Ukraine2025(),
			want: deals.Result{
				Count: 0, Counted: true,
				Dead: gids("european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "willing-sanctions"),
				Concessions: []deals.Concession{
					{
						Positions: refs("ru-demands-veto"),
						Message:   "withdraw: RU demands a veto over guarantees to UA",
						Unlocks:   []deals.Deal{pkg(gids("european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "willing-sanctions"))},
						Sources:   []string{examples.SeedArticle},
					},
					{
						Positions: refs("us-wants-europe-lead", "ua-rejects-ru-veto"),
						Message:   "withdraw: US requires military guarantees by europe to UA; UA rejects any veto by RU over guarantees to UA",
						Unlocks:   []deals.Deal{pkg(gids("turkey-black-sea", "us-intelligence"), "ru-demands-veto")},
						Sources:   []string{examples.SeedArticle},
					},
				},
				Conflicts: []deals.Conflict{
					{
						Positions: refs("us-wants-europe-lead", "ru-demands-veto"),
						Message:   "US requires military guarantees by europe to UA; RU demands a veto over guarantees to UA",
						Sources:   []string{examples.SeedArticle},
					},
					{
						Positions: refs("ru-demands-veto", "ua-rejects-ru-veto"),
						Message:   "RU demands a veto over guarantees to UA; UA rejects any veto by RU over guarantees to UA",
						Sources:   []string{examples.SeedArticle},
					},
				},
				Complete: true,
			},
		},
		{
			name:   "Compatible",
			reason: "Every position holds with every offer in: one maximal package of everything, every offer forced; the packages that hold a military offer are feasible.",
			s: build(
				guarantees(
					g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
					g("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal"),
					g("de-aid", "DE", "UA", guarantee.Aid, "peace-deal"),
				),
				positions(
					named("ua-wants-military", pos("UA", scenario.Requires, military)),
					named("us-no-troops", pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops})),
				),
			),
			want: deals.Result{
				Feasible: true,
				Maximal:  []deals.Deal{pkg(gids("de-aid", "uk-troops", "us-air"))},
				Count:    6, Counted: true,
				Forced:   gids("de-aid", "uk-troops", "us-air"),
				Complete: true,
			},
		},
		{
			name:   "UnmetRequirement",
			reason: "The only problem is a requires position no offer meets: withdrawing it is the one concession, and it alone is the conflict.",
			s: build(
				guarantees(
					g("de-aid", "DE", "UA", guarantee.Aid, "peace-deal"),
					g("fr-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
				),
				positions(named("ua-wants-troops", pos("UA", scenario.Requires, sel{Kind: guarantee.GroundTroops}))),
			),
			want: deals.Result{
				Count: 0, Counted: true,
				Dead: gids("de-aid", "fr-sanctions"),
				Concessions: []deals.Concession{{
					Positions: refs("ua-wants-troops"),
					Message:   "withdraw: UA requires military/ground-troops guarantees",
					Unlocks:   []deals.Deal{pkg(gids("de-aid", "fr-sanctions"))},
				}},
				Conflicts: []deals.Conflict{{Positions: refs("ua-wants-troops"), Message: "UA requires military/ground-troops guarantees"}},
				Complete:  true,
			},
		},
		{
			name: "MutualRequirements",
			reason: "Two offers that require each other stand together or not at all, and one that requires an offer not on the table never stands. " +
				"The feasible packages are {}, {tr-naval}, {eu-force, us-air} and all three; the one maximal package is all three, not {tr-naval}, " +
				"though no single offer can be added to that.",
			s: build(guarantees(
				g("tr-naval", "TR", "UA", guarantee.Naval, "peace-deal"),
				g("eu-force", "FR", "UA", guarantee.GroundTroops, "peace-deal", requires("us-air")),
				g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", requires("eu-force")),
				g("pl-aid", "PL", "UA", guarantee.Aid, "peace-deal", requires("nato-fund")),
			)),
			want: deals.Result{
				Feasible: true,
				Maximal:  []deals.Deal{pkg(gids("eu-force", "tr-naval", "us-air"))},
				Count:    4, Counted: true,
				EmptyFeasible: true,
				Forced:        gids("eu-force", "tr-naval", "us-air"),
				Dead:          gids("pl-aid"),
				Complete:      true,
			},
		},
		{
			name: "CandidateVetoCaptures",
			reason: "Russia demands a veto over every guarantee to UA. Granted, it captures the air support that answers a Russian attack; " +
				"withheld, the demand is unmet. So the air support is dead, and intelligence stands with Russia's veto.",
			s: build(
				guarantees(
					g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
					g("us-intel", "US", "UA", guarantee.Surveillance, "peace-deal"),
				),
				positions(named("ru-veto", pos("RU", scenario.DemandsVeto, toUA))),
			),
			want: deals.Result{
				Feasible: true,
				Maximal:  []deals.Deal{pkg(gids("us-intel"), "ru-veto")},
				Count:    2, Counted: true,
				EmptyFeasible: true,
				Forced:        gids("us-intel"),
				Dead:          gids("us-air"),
				Complete:      true,
			},
		},
		{
			name: "OffersAlone",
			reason: "The air support needs Russia's consent to answer a Russian attack, and the European force requires it: no offer stands " +
				"whatever the positions. Nothing can be conceded, and the one minimal conflict is the empty set of positions.",
			s: build(
				guarantees(
					g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(RU)"), gsources("seed")),
					g("eu-force", "FR", "UA", guarantee.GroundTroops, "peace-deal", requires("us-air")),
				),
				positions(named("ua-wants-military", pos("UA", scenario.Requires, military))),
			),
			want: deals.Result{
				Count: 0, Counted: true,
				Dead: gids("eu-force", "us-air"),
				Conflicts: []deals.Conflict{{
					Positions: []string{},
					Message:   "no offer can stand even with every position withdrawn: RU can stop us-air, which answers attack(RU, UA); eu-force requires us-air, which cannot stand",
					Sources:   []string{"seed"},
				}},
				Complete: true,
			},
		},
		{
			name:   "NoOffers",
			reason: "With nothing on the table, only the empty package is feasible, and no position is to blame.",
			s:      build(),
			want: deals.Result{
				Count: 1, Counted: true,
				EmptyFeasible: true,
				Conflicts:     []deals.Conflict{{Positions: []string{}, Message: "no offers are on the table"}},
				Complete:      true,
			},
		},
	}
	opts := cmp.Options{cmpopts.EquateEmpty()}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := deals.Search(context.Background(), tc.s, deals.Options{Count: true})
			if err != nil {
				t.Fatalf("%s\nSearch(...): unexpected error: %v", tc.reason, err)
			}
			if diff := cmp.Diff(tc.want, got, opts); diff != "" {
				t.Errorf("%s\nSearch(...): -want +got:\n%s", tc.reason, diff)
			}
			checkSearch(t, tc.s, rand.New(rand.NewPCG(1, 2)))
		})
	}
}

// TestSearchIndexedAgrees checks that Search gives the same result when
// selectors are resolved through the indexes large scenarios use as when
// every guarantee is scanned, which is the path the reference proves.
// It changes a package setting, so it must not run in parallel.
func TestSearchIndexedAgrees(t *testing.T) {
	for seed := range uint64(200) {
		s := generate(seed, randomShape(rand.New(rand.NewPCG(seed, 1))))
		scanned, err := deals.Search(context.Background(), s, deals.Options{Count: true})
		if err != nil {
			t.Fatal(err)
		}
		restore := scenario.SetIndexAbove(-1)
		indexed, err := deals.Search(context.Background(), s, deals.Options{Count: true})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(scanned, indexed); diff != "" {
			t.Errorf("seed %d: Search through the indexes differs from scanning (-scan +index):\n%s", seed, diff)
		}
	}
}

// TestSearchCountLimitKeepsConcessions checks that a count past its limits
// (here more offers than a count can hold) leaves the count unset and says
// why, but still reports the concessions and conflicts.
func TestSearchCountLimitKeepsConcessions(t *testing.T) {
	s := bigScenario(63)
	s.Positions = append(s.Positions,
		scenario.Position{ID: "needs-g0", Actor: "S1", Stance: scenario.Requires, Select: guarantee.Selector{IDs: offerIDs(0)}},
		scenario.Position{ID: "rejects-g0", Actor: "S2", Stance: scenario.Rejects, Select: guarantee.Selector{IDs: offerIDs(0)}},
	)
	r, err := deals.Search(t.Context(), s, deals.Options{Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Counted || r.Complete || r.Stopped == "" {
		t.Errorf("count of 63 offers: Counted %v, Complete %v, Stopped %q; want no count, incomplete, and why", r.Counted, r.Complete, r.Stopped)
	}
	if len(r.Concessions) != 2 || len(r.Conflicts) != 1 {
		t.Errorf("count past its limits: %d concessions, %d conflicts; want 2 and 1", len(r.Concessions), len(r.Conflicts))
	}
}
