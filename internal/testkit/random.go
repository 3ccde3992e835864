package testkit

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"strconv"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// GenShape is the size of a generated scenario.
type GenShape struct {
	Offers    int // guarantees, 0 to 12
	Positions int // 0 to 8
	Demands   int // demands-veto positions among them, 0 to 3
	States    int // 4 to 8
	Bodies    int // 1 to 3
	Vetoes    int // granted vetoes, 0 to 2
}

func (sh GenShape) String() string {
	return fmt.Sprintf("%d offers, %d positions (%d demands-veto), %d states, %d bodies, %d granted vetoes",
		sh.Offers, sh.Positions, sh.Demands, sh.States, sh.Bodies, sh.Vetoes)
}

// RandomShape draws a shape: mostly small scenarios, which cost little to
// search by brute force, and now and then one of the full 12 offers.
func RandomShape(r *rand.Rand) GenShape {
	sh := GenShape{States: 4 + r.IntN(5), Bodies: 1 + r.IntN(3)}
	// The cost of the reference doubles with each offer.
	switch x := r.IntN(100); {
	case x < 2: // no offers at all
	case x < 71:
		sh.Offers = 1 + r.IntN(6) // 1 to 6
	case x < 96:
		sh.Offers = 7 + r.IntN(3) // 7 to 9
	default:
		sh.Offers = 10 + r.IntN(3) // 10 to 12
	}
	sh.Positions = r.IntN(9)
	sh.Demands = min(sh.Positions, r.IntN(4))
	switch x := r.IntN(10); {
	case x < 6:
	case x < 9:
		sh.Vetoes = 1
	default:
		sh.Vetoes = 2
	}
	return sh
}

// ShapeOf reads a shape from a byte, for the fuzz target: at most 8
// offers, so that each input is quick.
func ShapeOf(b byte, seed uint64) GenShape {
	r := rand.New(rand.NewPCG(seed, 0x73686170))
	sh := GenShape{
		Offers:    int(b & 7),
		Positions: int(b>>3&7) + int(b>>7), // 0 to 8
		States:    4 + r.IntN(5),
		Bodies:    1 + r.IntN(3),
		Vetoes:    r.IntN(3),
	}
	sh.Offers += int(b >> 7) // 0 to 8
	sh.Demands = min(sh.Positions, r.IntN(4))
	return sh
}

var (
	GenStates = []actor.ID{"UA", "RU", "US", "UK", "FR", "DE", "PL", "TR"}
	GenBodies = []actor.ID{"NATO", "EU", "CW"}
	GenKinds  = []guarantee.Kind{
		guarantee.AirSupport, guarantee.GroundTroops, guarantee.Naval, guarantee.Military,
		guarantee.Surveillance, guarantee.Aid, guarantee.EconomicSanctions, guarantee.Consultation,
	}
	// genSelKinds are the kinds selectors ask for: top levels pick more.
	GenSelKinds = []guarantee.Kind{
		guarantee.Military, guarantee.Military, guarantee.AirSupport, guarantee.GroundTroops,
		guarantee.Intelligence, guarantee.Financial, guarantee.Sanctions,
	}
)

// Generator draws a small valid scenario. Few actors, so that selectors,
// attackers and veto holders meet often.
type Generator struct {
	R      *rand.Rand
	Sh     GenShape
	States []actor.ID
	Bodies []actor.ID
	All    []actor.ID
	Gids   []guarantee.ID
}

// Generate returns a scenario of the given shape drawn from seed.
func Generate(seed uint64, sh GenShape) scenario.Scenario {
	gen := &Generator{R: rand.New(rand.NewPCG(seed, 0x656e74656e7465)), Sh: sh}
	s := gen.Scenario()
	PartiesAsideAtRandom(seed, &s)
	AnyAttackerAtRandom(seed, &s)
	return s
}

func (gen *Generator) Pick(ids []actor.ID) actor.ID { return ids[gen.R.IntN(len(ids))] }

func (gen *Generator) Chance(percent int) bool { return gen.R.IntN(100) < percent }

// Some returns 1 to n distinct items of ids, in random order.
func (gen *Generator) Some(ids []actor.ID, n int) []actor.ID {
	p := gen.R.Perm(len(ids))
	k := 1 + gen.R.IntN(min(n, len(ids)))
	out := make([]actor.ID, k)
	for i := range out {
		out[i] = ids[p[i]]
	}
	return out
}

// Attacker is RU half the time, else any actor.
func (gen *Generator) Attacker() actor.ID {
	if gen.Chance(50) {
		return "RU"
	}
	return gen.Pick(gen.All)
}

func (gen *Generator) Scenario() scenario.Scenario {
	sh := gen.Sh
	s := scenario.Scenario{Name: "random"}
	gen.States = GenStates[:sh.States]
	for _, id := range gen.States {
		s.Actors = append(s.Actors, actor.Actor{ID: id})
	}
	gen.Bodies = GenBodies[:sh.Bodies]
	for i, id := range gen.Bodies {
		s.Actors = append(s.Actors, gen.Body(id, gen.Bodies[:i]))
	}
	gen.All = append(slices.Clone(gen.States), gen.Bodies...)
	for i := range sh.Offers {
		gen.Gids = append(gen.Gids, guarantee.ID("g"+strconv.Itoa(i+1)))
	}
	for i := range sh.Offers {
		s.Guarantees = append(s.Guarantees, gen.Guarantee(i))
	}
	// Mutual requirements now and then, beyond the cycles chance makes.
	if sh.Offers >= 2 && gen.Chance(25) {
		p := gen.R.Perm(sh.Offers)
		a, b := &s.Guarantees[p[0]], &s.Guarantees[p[1]]
		a.Requires = AppendNew(a.Requires, b.ID)
		b.Requires = AppendNew(b.Requires, a.ID)
	}
	stances := make([]scenario.Stance, sh.Positions)
	for i := range stances {
		if i < sh.Demands {
			stances[i] = scenario.DemandsVeto
		} else {
			stances[i] = []scenario.Stance{scenario.Refuses, scenario.Rejects, scenario.Requires, scenario.RejectsVeto}[gen.R.IntN(4)]
		}
	}
	gen.R.Shuffle(len(stances), func(i, j int) { stances[i], stances[j] = stances[j], stances[i] })
	for i, st := range stances {
		s.Positions = append(s.Positions, gen.Position(i, st))
	}
	for range sh.Vetoes {
		h := gen.Attacker()
		if gen.Chance(40) {
			h = gen.Pick(gen.All)
		}
		s.Vetoes = append(s.Vetoes, scenario.Veto{Holder: h, Over: gen.Selector()})
	}
	if gen.Chance(30) {
		s.Timeline = []guarantee.Event{{Name: guarantee.EventPeaceDeal}, {Name: guarantee.EventAttack, Args: []actor.ID{gen.Attacker(), "UA"}}}
	}
	return s
}

func AppendNew(ids []guarantee.ID, id guarantee.ID) []guarantee.ID {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// Body draws a body of any kind and rule, whose members are states and
// now and then an earlier body.
func (gen *Generator) Body(id actor.ID, earlier []actor.ID) actor.Actor {
	a := actor.Actor{ID: id, Kind: []actor.Kind{actor.Alliance, actor.Organization, actor.Coalition}[gen.R.IntN(3)]}
	a.Members = gen.Some(gen.States, 4)
	if len(earlier) > 0 && gen.Chance(30) {
		a.Members = append(a.Members, gen.Pick(earlier))
	}
	a.Decides = []actor.Decision{actor.Default, actor.Unanimity, actor.Majority, actor.Separately}[gen.R.IntN(4)]
	if a.Rule() != actor.Separately && gen.Chance(35) {
		a.Threshold = 1 + gen.R.IntN(len(a.Members))
	}
	if gen.Chance(35) {
		a.Vetoes = gen.Some(a.Members, 2)
	}
	return a
}

func (gen *Generator) Guarantee(i int) guarantee.Guarantee {
	g := guarantee.Guarantee{ID: gen.Gids[i], Kind: GenKinds[gen.R.IntN(len(GenKinds))]}
	if gen.Chance(40) {
		g.Provider = gen.Pick(gen.Bodies)
	} else {
		g.Provider = gen.Pick(gen.States)
	}
	g.Beneficiary = "UA"
	if gen.Chance(35) {
		g.Beneficiary = gen.Pick(gen.States)
	}
	switch x := gen.R.IntN(10); {
	case x < 5:
		g.Target = "RU"
	case x < 7:
		g.Target = gen.Pick(gen.States)
	}
	switch x := gen.R.IntN(10); {
	case x < 3:
		g.Location = "UA"
	case x < 4:
		g.Location = "black-sea"
	}
	g.Strength = guarantee.Strength(gen.R.IntN(3) - 1)
	g.Trigger = gen.Trigger(g.Beneficiary)
	switch x := gen.R.IntN(10); {
	case x < 4: // the provider decides
	case x < 6:
		g.Activation = guarantee.Activation{Mode: guarantee.Automatic}
	case x < 8:
		g.Activation = guarantee.ConsentOf(gen.Some(gen.All, 2)...)
	default:
		g.Activation = guarantee.DecidedBy(gen.Pick(gen.Bodies))
	}
	if gen.Chance(30) {
		for range 1 + gen.R.IntN(2) {
			var r guarantee.ID
			if gen.Chance(20) || len(gen.Gids) == 1 {
				r = "g" + guarantee.ID(strconv.Itoa(20+gen.R.IntN(3))) // not on the table
			} else {
				for r = g.ID; r == g.ID; {
					r = gen.Gids[gen.R.IntN(len(gen.Gids))]
				}
			}
			g.Requires = AppendNew(g.Requires, r)
		}
	}
	return g
}

// Trigger draws a condition, most naming attackers, at the top or inside
// any, all and not.
func (gen *Generator) Trigger(ben actor.ID) guarantee.Condition {
	peace := guarantee.On(guarantee.EventPeaceDeal)
	attack := func() guarantee.Condition { return guarantee.Attack(gen.Attacker(), ben) }
	violation := func() guarantee.Condition { return guarantee.On(guarantee.EventViolation, gen.Attacker()) }
	switch gen.R.IntN(10) {
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

// Selector draws a selector: each field now and then, the empty selector
// (every guarantee) sometimes.
func (gen *Generator) Selector() guarantee.Selector {
	var s guarantee.Selector
	if gen.Chance(30) {
		s.Kind = GenSelKinds[gen.R.IntN(len(GenSelKinds))]
	}
	if gen.Chance(12) {
		s.Provider = gen.Pick(gen.All)
	}
	if gen.Chance(12) {
		s.ProviderIn = gen.Pick(gen.All)
	}
	if gen.Chance(30) {
		s.Beneficiary = "UA"
		if gen.Chance(30) {
			s.Beneficiary = gen.Pick(gen.States)
		}
	}
	if gen.Chance(10) {
		s.Target = "RU"
	}
	if gen.Chance(8) {
		s.Location = "UA"
	}
	if gen.Chance(12) {
		for range 1 + gen.R.IntN(2) {
			id := guarantee.ID("g" + strconv.Itoa(1+gen.R.IntN(gen.Sh.Offers+2)))
			s.IDs = AppendNew(s.IDs, id)
		}
	}
	return s
}

func (gen *Generator) Position(i int, st scenario.Stance) scenario.Position {
	p := scenario.Position{Stance: st, Select: gen.Selector()}
	if gen.Chance(50) {
		p.ID = "p" + strconv.Itoa(i+1)
	}
	switch {
	case st == scenario.DemandsVeto:
		p.Actor = gen.Attacker()
	case gen.Chance(25):
		p.Actor = gen.Pick(gen.Bodies)
	default:
		p.Actor = gen.Pick(gen.States)
	}
	if st == scenario.RejectsVeto {
		switch x := gen.R.IntN(10); {
		case x < 4: // any actor but the provider
		case x < 7:
			p.By = []actor.ID{"RU"}
		default:
			p.By = gen.Some(gen.All, 2)
		}
	}
	return p
}

// Brute is the reference: every package under every choice of
// candidates, evaluated.
type Brute struct {
	S     scenario.Scenario
	N, Np int
	Cands []int  // the demands-veto positions, in order
	Full  Pset   // every withdrawal set
	Ok    []Pset // per H<<k | W: the withdrawal sets under which (H, W) has no error
	Feas  []Pset // per H: the withdrawal sets under which H is feasible
	Evals int

	Gbuf  []guarantee.Guarantee // cut's, reused
	Vbuf  []scenario.Veto
	Pbuf  []scenario.Position
	Wants *SearchSummary // want's, once computed
}

// Pset is a set of withdrawal sets: bit P is set when withdrawing the
// positions in the bit mask P qualifies. Scenarios have at most 8
// positions.
type Pset [4]uint64

func (p Pset) Has(w int) bool { return p[w/64]&(1<<(w%64)) != 0 }

func (p *Pset) Add(w int) { p[w/64] |= 1 << (w % 64) }

func (p *Pset) And(q Pset) {
	for i := range p {
		p[i] &= q[i]
	}
}

func (p *Pset) Or(q Pset) {
	for i := range p {
		p[i] |= q[i]
	}
}

const MaxBrutePositions = 8

// hits[m] is the withdrawal sets that withdraw a position in m.
var Hits = func() (t [1 << MaxBrutePositions]Pset) {
	for m := range t {
		for w := range 1 << MaxBrutePositions {
			if w&m != 0 {
				t[m].Add(w)
			}
		}
	}
	return t
}()

// Cut returns s cut down to the offers in h, with the candidates in w
// granted and the positions in withdrawn taken away.
// The scenario it returns shares memory with b and lasts until the next
// call (Evaluate never changes a scenario, nor keeps it).
func (b *Brute) Cut(h, w, withdrawn int) scenario.Scenario {
	c := b.S
	b.Gbuf = b.Gbuf[:0]
	for i, g := range b.S.Guarantees {
		if h&(1<<i) != 0 {
			b.Gbuf = append(b.Gbuf, g)
		}
	}
	c.Guarantees = b.Gbuf
	b.Vbuf = append(b.Vbuf[:0], b.S.Vetoes...)
	for j, p := range b.Cands {
		if w&(1<<j) != 0 {
			pp := b.S.Positions[p]
			b.Vbuf = append(b.Vbuf, scenario.Veto{Holder: pp.Actor, Over: pp.Select})
		}
	}
	c.Vetoes = b.Vbuf
	if withdrawn != 0 {
		b.Pbuf = b.Pbuf[:0]
		for i, p := range b.S.Positions {
			if withdrawn&(1<<i) == 0 {
				b.Pbuf = append(b.Pbuf, p)
			}
		}
		c.Positions = b.Pbuf
	}
	return c
}

// HasError evaluates s and reports whether it has an error finding.
func HasError(t testing.TB, s scenario.Scenario) bool {
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return r.Verdict == scenario.Incompatible
}

func NewBrute(t testing.TB, s scenario.Scenario) *Brute {
	b := &Brute{S: s, N: len(s.Guarantees), Np: len(s.Positions)}
	if b.Np > MaxBrutePositions {
		t.Fatalf("the reference takes at most %d positions; the scenario has %d", MaxBrutePositions, b.Np)
	}
	ref := map[string]int{}
	for i, p := range s.Positions {
		if p.ID != "" {
			ref[p.ID] = i
		} else {
			ref["positions["+strconv.Itoa(i)+"]"] = i
		}
		if p.Stance == scenario.DemandsVeto {
			b.Cands = append(b.Cands, i)
		}
	}
	for w := range 1 << b.Np {
		b.Full.Add(w)
	}
	k := len(b.Cands)
	b.Ok = make([]Pset, 1<<(b.N+k))
	b.Feas = make([]Pset, 1<<b.N)
	for h := range 1 << b.N {
		for w := range 1 << k {
			// Withdrawing a candidate's position takes it off the table.
			standing := b.Full
			for j, p := range b.Cands {
				if w&(1<<j) != 0 {
					standing.And(Complement(Hits[1<<p], b.Full))
				}
			}
			r, err := scenario.Evaluate(b.Cut(h, w, 0))
			b.Evals++
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
					standing = Pset{}
					break
				}
				standing.And(Hits[m])
			}
			b.Ok[h<<k|w] = standing
			b.Feas[h].Or(standing)
		}
	}
	return b
}

func Complement(p, full Pset) Pset {
	for i := range p {
		p[i] = ^p[i] & full[i]
	}
	return p
}

// CheckShortcut checks, on samples, that withdrawing positions makes
// (H, W) evaluate with no error exactly when the reference says so.
func (b *Brute) CheckShortcut(t testing.TB, r *rand.Rand, samples int) {
	t.Helper()
	k := len(b.Cands)
	for range samples {
		h, w, p := r.IntN(1<<b.N), r.IntN(1<<k), r.IntN(1<<b.Np)
		if b.Np > 0 && r.IntN(4) == 0 {
			p = 0
		}
		for j, c := range b.Cands {
			if p&(1<<c) != 0 {
				w &^= 1 << j // the candidate goes with its position
			}
		}
		want := b.Ok[h<<k|w].Has(p)
		if got := !HasError(t, b.Cut(h, w, p)); got != want {
			t.Errorf("offers %s with candidates %s and positions %s withdrawn: evaluated with no error = %v, but the reference says %v",
				b.Offers(h), b.CandRefs(w), b.PosRefs(p), got, want)
		}
	}
}

func (b *Brute) Offers(h int) []guarantee.ID {
	out := []guarantee.ID{}
	for i, g := range b.S.Guarantees {
		if h&(1<<i) != 0 {
			out = append(out, g.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (b *Brute) PosRefs(p int) []string {
	out := []string{}
	for i, pp := range b.S.Positions {
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

func (b *Brute) CandRefs(w int) []string {
	p := 0
	for j, c := range b.Cands {
		if w&(1<<j) != 0 {
			p |= 1 << c
		}
	}
	return b.PosRefs(p)
}

// AnyNonEmpty returns the withdrawal sets under which some non-empty
// package is feasible.
func (b *Brute) AnyNonEmpty() Pset {
	var u Pset
	for h := 1; h < 1<<b.N; h++ {
		u.Or(b.Feas[h])
	}
	return u
}

// Maximal returns the maximal feasible packages under withdrawal p: the
// non-empty feasible packages with no feasible package strictly above
// them.
func (b *Brute) Maximal(p int) []int {
	// above[h]: some package containing h is feasible.
	above := make([]bool, 1<<b.N)
	for h := 1<<b.N - 1; h >= 0; h-- {
		above[h] = b.Feas[h].Has(p)
		for i := range b.N {
			if h&(1<<i) == 0 && above[h|1<<i] {
				above[h] = true
				break
			}
		}
	}
	var out []int
	for h := 1; h < 1<<b.N; h++ {
		if !b.Feas[h].Has(p) {
			continue
		}
		maximal := true
		for i := range b.N {
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

// Minimal returns the sets of positions, as bit masks, for which good
// holds and holds for no proper subset.
func Minimal(np int, good func(int) bool) []int {
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

// SearchSummary is what Search answers, in a canonical order for
// comparison: sets sorted, lists of sets sorted.
type SearchSummary struct {
	Feasible      bool
	EmptyFeasible bool
	Count         uint64
	Maximal       [][]guarantee.ID
	Forced        []guarantee.ID
	Dead          []guarantee.ID
	Concessions   []ConcessionSummary
	Conflicts     [][]string
}

type ConcessionSummary struct {
	Positions []string
	Unlocks   [][]guarantee.ID
}

// Want computes the summary by brute force.
func (b *Brute) Want() SearchSummary {
	if b.Wants == nil {
		w := b.Compute()
		b.Wants = &w
	}
	return *b.Wants
}

func (b *Brute) Compute() SearchSummary {
	var w SearchSummary
	u := b.AnyNonEmpty()
	w.Feasible = u.Has(0)
	w.EmptyFeasible = b.Feas[0].Has(0)
	for h := range 1 << b.N {
		if b.Feas[h].Has(0) {
			w.Count++
		}
	}
	maxi := b.Maximal(0)
	forced, live := 0, 0
	if len(maxi) > 0 {
		forced = 1<<b.N - 1
	}
	for _, h := range maxi {
		w.Maximal = append(w.Maximal, b.Offers(h))
		forced &= h
	}
	for h := range 1 << b.N {
		if b.Feas[h].Has(0) {
			live |= h
		}
	}
	w.Forced = b.Offers(forced)
	w.Dead = b.Offers((1<<b.N - 1) &^ live)
	if !w.Feasible {
		for _, p := range Minimal(b.Np, u.Has) {
			c := ConcessionSummary{Positions: b.PosRefs(p)}
			for _, h := range b.Maximal(p) {
				c.Unlocks = append(c.Unlocks, b.Offers(h))
			}
			w.Concessions = append(w.Concessions, c)
		}
		all := 1<<b.Np - 1
		for _, k := range Minimal(b.Np, func(k int) bool { return !u.Has(all &^ k) }) {
			w.Conflicts = append(w.Conflicts, b.PosRefs(k))
		}
	}
	return Canonical(w)
}

// Summarize reads Search's result as a summary.
func Summarize(r deals.Result) SearchSummary {
	s := SearchSummary{
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
		cs := ConcessionSummary{Positions: slices.Clone(c.Positions)}
		for _, p := range c.Unlocks {
			cs.Unlocks = append(cs.Unlocks, slices.Clone(p.Guarantees))
		}
		s.Concessions = append(s.Concessions, cs)
	}
	for _, c := range r.Conflicts {
		s.Conflicts = append(s.Conflicts, slices.Clone(c.Positions))
	}
	return Canonical(s)
}

// Canonical sorts every set and every list of sets, so that order does
// not count.
func Canonical(s SearchSummary) SearchSummary {
	SortSets(s.Maximal)
	slices.Sort(s.Forced)
	slices.Sort(s.Dead)
	for i := range s.Concessions {
		slices.Sort(s.Concessions[i].Positions)
		SortSets(s.Concessions[i].Unlocks)
	}
	slices.SortFunc(s.Concessions, func(a, b ConcessionSummary) int { return slices.Compare(a.Positions, b.Positions) })
	SortSets(s.Conflicts)
	return s
}

func SortSets[T ~string](sets [][]T) {
	for _, x := range sets {
		slices.Sort(x)
	}
	slices.SortFunc(sets, func(a, b []T) int { return slices.Compare(a, b) })
}

var SummaryOpts = cmp.Options{cmpopts.EquateEmpty()}

// RaceEnabled reports whether the test binary was built with -race, under
// which evaluation is many times slower.
var RaceEnabled = func() bool {
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

// PartiesAsideAtRandom sets the parties aside in some bodies' rules and
// some activations that a body decides, drawing from a stream of its own
// so that the rest of the scenario is the one the seed gave before: the
// brute-force references of Search, Compare and sweeps meet the rule on
// thousands of random scenarios.
func PartiesAsideAtRandom(seed uint64, s *scenario.Scenario) {
	r := rand.New(rand.NewPCG(seed, 0x6173696465)) // "aside"
	bodies := map[actor.ID]bool{}
	for i := range s.Actors {
		a := &s.Actors[i]
		if a.Kind.IsBody() {
			bodies[a.ID] = true
			a.PartiesAside = r.IntN(100) < 30
		}
	}
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		decided := false
		switch g.Activation.Mode {
		case guarantee.ByBody:
			decided = true
		case guarantee.Consent:
			decided = bodies[g.Provider] || slices.ContainsFunc(g.Activation.Actors, func(id actor.ID) bool { return bodies[id] })
		case guarantee.ByProvider:
			decided = bodies[g.Provider]
		}
		g.Activation.PartiesAside = decided && r.IntN(100) < 25
	}
}

// AnyAttackerAtRandom makes some attacks and violations of the triggers
// ones by anyone, drawing from a stream of its own so that the rest of the
// scenario is the one the seed gave before: the brute-force references of
// Search, Compare and sweeps meet * on thousands of random scenarios.
func AnyAttackerAtRandom(seed uint64, s *scenario.Scenario) {
	r := rand.New(rand.NewPCG(seed, 0x616e796f6e65)) // "anyone"
	anyone := func(e guarantee.Event) guarantee.Event {
		if _, ok := e.Attacker(); ok && r.IntN(100) < 30 {
			return e.AsAnyone()
		}
		return e
	}
	for i := range s.Guarantees {
		s.Guarantees[i].Trigger = MapEvents(s.Guarantees[i].Trigger, anyone)
	}
}
