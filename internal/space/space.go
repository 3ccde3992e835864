// Package space is the search space of a scenario, shared by packages deals
// and compare: offers and positions as bit sets ([Bits]), the rules of
// the error findings turned into constraints on which offers a package may
// hold, the requirements between offers ([Links]), and the exact count of
// feasible packages. It exists for speed and is no part of the API; what
// it decides is documented on package deals' Search.
package space

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/sorted"
	"github.com/entente-go/entente/scenario"
)

// Space is a scenario compiled for search: offers and positions as bit
// sets, each finding's rule turned into constraints on which offers a
// package may hold, tagged with the positions they come from so that
// positions can be withdrawn.
type Space struct {
	Ctx context.Context
	M   *core.Compiled
	S   *scenario.Scenario // the scenario compiled, which must not change
	N   int                // offers
	np  int                // positions

	deadAlways   Bits        // offers no deal can hold, whatever the positions
	deadBy       []deadWhen  // offers a deal cannot hold while these positions stand
	Demands      []demand    // per demands-veto position
	Cands        []Candidate // the candidate grants, one per demands-veto position
	Requires     []Requirement
	Links               // requirements between offers
	Relevant     []int  // positions that constrain anything
	CountSkipped string // why count gave up, when it did

	scratch, scratch2, active Bits // working sets of quick

	standingSet, standingFor Bits // what standing last returned, and for which positions
	need                     Bits // scratch for takeRefused
	Stopped                  string
}

type deadWhen struct {
	need   []int // positions
	offers Bits
	why    scenario.Code
}

type demand struct {
	Pos    int
	actor  int32
	uncov  Bits // offers it picks whose veto holders lack the actor
	holder actor.ID
}

type Candidate struct {
	Pos      int
	actor    int32
	cover    Bits        // the offers the grant covers
	captures Bits        // offers whose trigger names the holder as attacker
	rejected []rejection // offers a rejects-veto position forbids the holder over
}

type rejection struct {
	pos    int
	offers Bits
}

type Requirement struct {
	pos int
	Hit Bits
}

func New(s *scenario.Scenario) (*Space, error) { return NewWith(s, core.Options{}) }

// NewWith is newSpace with the model compiled with opt.
func NewWith(s *scenario.Scenario, opt core.Options) (*Space, error) {
	m, err := core.Compile(s, opt)
	if err != nil {
		return nil, err
	}
	sp := &Space{M: m, S: s, N: len(s.Guarantees), np: len(s.Positions)}
	sp.scratch, sp.scratch2, sp.active = NewSet(sp.N), NewSet(sp.N), NewSet(max(sp.np, 1))
	sp.build()
	// A demand that picks nothing has a grant that covers nothing: it
	// changes no package, so it does not count toward the limit.
	sp.Cands = slices.DeleteFunc(sp.Cands, func(c Candidate) bool { return c.cover.Empty() })
	if len(sp.Cands) > maxCandidates {
		return nil, fmt.Errorf("%w: %d demands-veto positions; at most %d", ErrTooManyVetoes, len(sp.Cands), maxCandidates)
	}
	return sp, nil
}

func (sp *Space) offers(list []int32) Bits {
	s := NewSet(sp.N)
	for _, g := range list {
		s.Add(int(g))
	}
	return s
}

// build turns the error findings' rules into constraints. Each piece names
// the finding whose rule it restates.
func (sp *Space) build() {
	m := sp.M
	sp.deadAlways = NewSet(sp.N)
	sp.Deps, sp.RequiredBy = make([][]int, sp.N), make([][]int, sp.N)
	for g := range sp.S.Guarantees {
		gg := &sp.S.Guarantees[g]
		// captured-guarantee, from the scenario's own activation and grants.
		if sorted.Overlap(m.Attackers(int32(g)), m.Vetoes(int32(g))) {
			sp.deadAlways.Add(g)
		}
		// captured-renewal: the renewing body answers to an attacker.
		if sorted.Overlap(m.Attackers(int32(g)), m.RenewalVetoes(int32(g))) {
			sp.deadAlways.Add(g)
		}
		// missing-dependency: a requirement that is not on the table.
		for _, r := range gg.Requires {
			if k, ok := m.GuaranteeByID(r); ok {
				sp.Deps[g] = append(sp.Deps[g], int(k))
				sp.RequiredBy[k] = append(sp.RequiredBy[k], g)
			} else {
				sp.deadAlways.Add(g)
			}
		}
	}
	rel := NewSet(max(sp.np, 1))
	dead := func(why scenario.Code, offers Bits, need ...int) {
		if offers.Empty() {
			return
		}
		sp.deadBy = append(sp.deadBy, deadWhen{need: need, offers: offers, why: why})
		for _, p := range need {
			rel.Add(p)
		}
	}
	for i := range sp.S.Positions {
		p := &sp.S.Positions[i]
		a := m.Holder[i]
		picked := m.Matches(i)
		switch p.Stance {
		case scenario.Rejects:
			// red-line: a rejected guarantee in the deal.
			dead(scenario.RedLine, sp.offers(picked), i)
		case scenario.Refuses:
			// red-line: the provider refuses what it provides.
			own := NewSet(sp.N)
			for _, g := range picked {
				if m.Provider[g] == a {
					own.Add(int(g))
				}
			}
			dead(scenario.RedLine, own, i)
		case scenario.Requires:
			// unmet-requirement.
			sp.Requires = append(sp.Requires, Requirement{i, sp.offers(picked)})
			rel.Add(i)
		case scenario.DemandsVeto:
			// unmet-veto-demand: the picked offers the actor cannot stop
			// without a grant.
			d := demand{Pos: i, actor: a, uncov: NewSet(sp.N), holder: p.Actor}
			for _, g := range picked {
				if !sorted.Contains(m.Vetoes(int32(g)), a) {
					d.uncov.Add(int(g))
				}
			}
			sp.Demands = append(sp.Demands, d)
			sp.Cands = append(sp.Cands, Candidate{Pos: i, actor: a, cover: sp.offers(picked), captures: NewSet(sp.N)})
			rel.Add(i)
		case scenario.RejectsVeto:
			// rejected-veto, from the scenario's own veto holders.
			bad := NewSet(sp.N)
			for _, g := range picked {
				for _, h := range m.Vetoes(int32(g)) {
					if h != m.Provider[g] && p.Forbids(m.Actors.At(int(h)).ID) {
						bad.Add(int(g))
					}
				}
			}
			dead(scenario.RejectedVeto, bad, i)
		}
		if p.Stance == scenario.Rejects || p.Stance == scenario.Refuses {
			// blocked-by-member.
			blocked := NewSet(sp.N)
			for _, g := range picked {
				if a != m.Provider[g] && sorted.Contains(m.RuleVetoes(g), a) {
					blocked.Add(int(g))
				}
			}
			dead(scenario.BlockedByMember, blocked, i)
			// blocked-renewal.
			lapsing := NewSet(sp.N)
			for _, g := range picked {
				if sp.S.Guarantees[g].Mandate.Body != "" && sorted.Contains(m.RenewalVetoes(g), a) && m.Binds(i, g) {
					lapsing.Add(int(g))
				}
			}
			dead(scenario.BlockedRenewal, lapsing, i)
		}
	}
	// veto-conflict: a demanded veto another position forbids, over the
	// same offer.
	for d := range sp.S.Positions {
		if sp.S.Positions[d].Stance != scenario.DemandsVeto {
			continue
		}
		a := m.Holder[d]
		for r := range sp.S.Positions {
			rp := &sp.S.Positions[r]
			if rp.Stance != scenario.RejectsVeto || !rp.Forbids(m.Actors.At(int(a)).ID) {
				continue
			}
			both := NewSet(sp.N)
			for _, g := range m.Matches(d) {
				if m.Provider[g] != a && m.Picks(r, g) {
					both.Add(int(g))
				}
			}
			dead(scenario.VetoConflict, both, d, r)
		}
	}
	// What each candidate grant would do: captured-guarantee where its
	// holder attacks, rejected-veto where a position forbids its holder.
	for ci := range sp.Cands {
		c := &sp.Cands[ci]
		c.cover.Each(func(g int) {
			if sorted.Contains(m.Attackers(int32(g)), c.actor) {
				c.captures.Add(g)
			}
		})
		for r := range sp.S.Positions {
			rp := &sp.S.Positions[r]
			if rp.Stance != scenario.RejectsVeto || !rp.Forbids(m.Actors.At(int(c.actor)).ID) {
				continue
			}
			bad := NewSet(sp.N)
			c.cover.Each(func(g int) {
				if m.Provider[g] != c.actor && m.Picks(r, int32(g)) {
					bad.Add(g)
				}
			})
			if !bad.Empty() {
				c.rejected = append(c.rejected, rejection{r, bad})
				rel.Add(r)
			}
		}
	}
	rel.Each(func(p int) {
		if p < sp.np {
			sp.Relevant = append(sp.Relevant, p)
		}
	})
}

// Outcome is the feasible packages under one set of standing positions:
// for each choice of grants that lets some package stand, the largest
// package it allows.
type Outcome struct {
	Choices []GrantChoice
	// EmptyOK reports whether the empty package is feasible.
	EmptyOK bool
}

type GrantChoice struct {
	Grants []int // indexes into cands
	Max    Bits  // the largest feasible package under these grants
}

func (o Outcome) Feasible() bool {
	return slices.ContainsFunc(o.Choices, func(c GrantChoice) bool { return !c.Max.Empty() })
}

// Evaluate finds the feasible packages when only the positions in active
// stand. Granting more candidate vetoes never shrinks the largest feasible
// package (see quick), so the choice of every standing candidate gives the
// largest package of all; the grants it needs are then found by dropping,
// one by one, each grant the package does not need. The outcome holds that
// one choice, when it lets the package meet every requires position.
func (sp *Space) Evaluate(active Bits) Outcome {
	var cands []int
	for ci, c := range sp.Cands {
		if active.Has(c.Pos) {
			cands = append(cands, ci)
		}
	}
	var reqs []Bits
	for _, r := range sp.Requires {
		if active.Has(r.pos) {
			reqs = append(reqs, r.Hit)
		}
	}
	out := Outcome{EmptyOK: len(reqs) == 0}
	max := sp.Largest(active, cands)
	if slices.ContainsFunc(reqs, func(h Bits) bool { return !max.Meets(h) }) {
		return out
	}
	grants := slices.Clone(cands)
	for i := 0; i < len(grants); {
		if sp.Done() {
			break
		}
		fewer := slices.Delete(slices.Clone(grants), i, i+1)
		if sp.Largest(active, fewer).equal(max) {
			grants = fewer
			continue
		}
		i++
	}
	out.Choices = append(out.Choices, GrantChoice{grants, max})
	return out
}

// Largest returns the Largest package the standing positions allow when
// the given candidates are granted.
func (sp *Space) Largest(active Bits, grants []int) Bits { return sp.Upper(active, grants, nil) }

// Upper returns a package that holds the largest package of every choice
// that grants the given candidates and any of maybe: granting a candidate
// takes away the offers its grant captures or a standing position forbids,
// and adds those its grant covers, so the offers taken away are those of
// grants alone and the offers added those of grants and maybe together.
// With maybe empty it is Largest.
func (sp *Space) Upper(active Bits, grants, maybe []int) Bits {
	standing := sp.standing(active)
	u := standing.Clone()
	for _, ci := range grants {
		sp.takeGranted(u, active, ci)
	}
	need := NewSet(sp.N)
	for i := range sp.Demands {
		if d := &sp.Demands[i]; active.Has(d.Pos) {
			sp.takeUncovered(u, need, d, grants, maybe)
		}
	}
	sp.closeWithin(u, standing)
	return u
}

// takeGranted takes from u what granting candidate ci takes away: the
// offers its grant captures, and those a standing position forbids its
// holder a veto over.
func (sp *Space) takeGranted(u, active Bits, ci int) {
	c := &sp.Cands[ci]
	u.AndNot(c.captures)
	for _, rj := range c.rejected {
		if active.Has(rj.pos) {
			u.AndNot(rj.offers)
		}
	}
}

// Losses sets grant to the offers of u, a node's package, that granting
// candidate ci takes away, and refuse to those that refusing it takes
// away, at a node that grants grants and may grant maybe (ci among
// neither): what narrow takes before closing. Every choice below the node
// that grants ci lacks grant, since granting takes the same offers
// whatever else is granted; every one that refuses it lacks refuse, since
// refusing more of maybe only leaves more of its actor's demands
// uncovered. active holds the standing positions.
func (sp *Space) Losses(u, active Bits, grants, maybe []int, ci int, grant, refuse Bits) {
	copy(grant, u)
	sp.takeGranted(grant, active, ci)
	copy(refuse, u)
	sp.takeRefused(refuse, active, ci, grants, maybe)
	for i, x := range u {
		grant[i] = x &^ grant[i]
		refuse[i] = x &^ refuse[i]
	}
}

// takeRefused takes from u what refusing candidate ci takes away when
// grants are granted and maybe may be (ci among neither): the offers of
// the standing demands of its actor that no other grant covers.
func (sp *Space) takeRefused(u, active Bits, ci int, grants, maybe []int) {
	if sp.need == nil {
		sp.need = NewSet(sp.N)
	}
	for i := range sp.Demands {
		if d := &sp.Demands[i]; d.actor == sp.Cands[ci].actor && active.Has(d.Pos) {
			sp.takeUncovered(u, sp.need, d, grants, maybe)
		}
	}
}

// takeUncovered takes from u the offers of demand d that no grant of
// grants or maybe to d's actor covers, working in need.
func (sp *Space) takeUncovered(u, need Bits, d *demand, grants, maybe []int) {
	copy(need, d.uncov)
	for _, cs := range [2][]int{grants, maybe} {
		for _, ci := range cs {
			if sp.Cands[ci].actor == d.actor {
				need.AndNot(sp.Cands[ci].cover)
			}
		}
	}
	u.AndNot(need)
}

// DemandCands returns, for each demand, the index of its candidate among
// Cands, or -1 when its grant covers no offer and so changes nothing but
// the deal.
func (sp *Space) DemandCands() []int {
	cand := make([]int, len(sp.Demands))
	for j, d := range sp.Demands {
		cand[j] = slices.IndexFunc(sp.Cands, func(c Candidate) bool { return c.Pos == d.Pos })
	}
	return cand
}

// standing returns the offers the standing positions allow whatever the
// grants, closed under requirements. It keeps the last one, since a walk
// of choices asks for the same positions at every node; the caller must
// not change it.
func (sp *Space) standing(active Bits) Bits {
	if sp.standingFor != nil && sp.standingFor.equal(active) {
		return sp.standingSet
	}
	u := sp.fullSet()
	u.AndNot(sp.deadAlways)
	for _, d := range sp.deadBy {
		if all(d.need, active) {
			u.AndNot(d.offers)
		}
	}
	sp.Close(u)
	sp.standingSet, sp.standingFor = u, active.Clone()
	return u
}

func all(need []int, active Bits) bool {
	for _, p := range need {
		if !active.Has(p) {
			return false
		}
	}
	return true
}

// Links are the requirements between offers: for each offer, the offers
// it requires and the offers that require it.
type Links struct {
	Deps       [][]int
	RequiredBy [][]int
}

// NewLinks returns the links of the given requirements.
func NewLinks(deps [][]int) Links {
	l := Links{Deps: deps, RequiredBy: make([][]int, len(deps))}
	for g, ds := range deps {
		for _, r := range ds {
			l.RequiredBy[r] = append(l.RequiredBy[r], g)
		}
	}
	return l
}

// Close shrinks u to its largest subset closed under requirements: an
// offer stays only if every offer it requires stays. An offer must go
// exactly when it requires one outside u, so the offers outside u start
// a worklist over the offers that require each one, which makes it linear
// in the offers outside and the requirements on them: cheap when u holds
// most offers, as the largest packages do.
func (l Links) Close(u Bits) { l.closeWithin(u, nil) }

// closeWithin is Close for u within a set already closed under
// requirements (nil for every offer): only the offers of within outside u
// can take others with them.
func (l Links) closeWithin(u, within Bits) {
	var work []int
	drop := func(r int) {
		for _, h := range l.RequiredBy[r] {
			if u.Has(h) {
				u.Del(h)
				work = append(work, h)
			}
		}
	}
	for i, w := range u {
		out := ^w
		if within != nil {
			out = within[i] &^ w
		}
		for ; out != 0; out &= out - 1 {
			r := i*64 + bits.TrailingZeros64(out)
			if r >= len(l.RequiredBy) {
				break
			}
			drop(r)
		}
	}
	for len(work) > 0 {
		g := work[len(work)-1]
		work = work[:len(work)-1]
		drop(g)
	}
}

// Done reports whether the search must stop, noting why.
func (sp *Space) Done() bool {
	if sp.Stopped != "" {
		return true
	}
	if err := sp.Ctx.Err(); err != nil {
		sp.Stopped = "stopped: " + err.Error()
		return true
	}
	return false
}

func (sp *Space) AllPositions() Bits {
	s := NewSet(max(sp.np, 1))
	for p := range sp.np {
		s.Add(p)
	}
	return s
}

// quick reports whether a non-empty package is feasible when only the
// positions in active stand, with one pass and no allocation: the check
// concessions and conflicts make thousands of times.
//
// One pass suffices because granting more candidate vetoes never shrinks
// the largest feasible package. What a grant rules out, it rules out over
// offers its own demand picks: the offers it would capture lack the
// demanding actor among their veto holders (had they had it, the capture
// would stand without the grant, and the offer would be out regardless),
// so the unmet demand rules them out when the grant is withheld; and the
// offers a rejects-veto position forbids the grant over are, with the
// demand, a veto conflict that rules them out either way. So the choice of
// every standing candidate allows the largest package, and a non-empty
// package is feasible exactly when that choice allows one.
func (sp *Space) quick(active Bits) bool {
	u := sp.scratch
	for i := range u {
		u[i] = ^uint64(0)
	}
	if r := sp.N % 64; r != 0 {
		u[len(u)-1] = 1<<r - 1
	}
	u.AndNot(sp.deadAlways)
	for _, d := range sp.deadBy {
		if all(d.need, active) {
			u.AndNot(d.offers)
		}
	}
	for _, d := range sp.Demands {
		if !active.Has(d.Pos) {
			continue
		}
		need := sp.scratch2
		copy(need, d.uncov)
		for _, c := range sp.Cands {
			if c.actor == d.actor && active.Has(c.Pos) {
				need.AndNot(c.cover)
			}
		}
		u.AndNot(need)
	}
	for _, c := range sp.Cands {
		if active.Has(c.Pos) {
			u.AndNot(c.captures)
		}
	}
	sp.Close(u)
	if u.Empty() {
		return false
	}
	for _, r := range sp.Requires {
		if active.Has(r.pos) && !u.Meets(r.Hit) {
			return false
		}
	}
	return true
}

// FeasibleWithout reports whether a non-empty package is feasible once
// the positions in withdrawn are taken off the table.
func (sp *Space) FeasibleWithout(withdrawn []int) (Outcome, bool) {
	active := sp.AllPositions()
	for _, p := range withdrawn {
		active.Del(p)
	}
	out := sp.Evaluate(active)
	return out, out.Feasible()
}

// FeasibleWith reports whether a non-empty package is feasible when only
// the positions in standing stand.
func (sp *Space) FeasibleWith(standing []int) bool {
	active := sp.active
	clear(active)
	for _, p := range standing {
		active.Add(p)
	}
	return sp.quick(active)
}

// QuickWithout is feasibleWithout's answer alone, without allocating.
func (sp *Space) QuickWithout(withdrawn []int) bool {
	active := sp.active
	for i := range active {
		active[i] = ^uint64(0)
	}
	for _, p := range withdrawn {
		active.Del(p)
	}
	return sp.quick(active)
}

// Undominated returns, of the choices, those whose packages no other
// choice's package strictly contains, one choice per package: the one
// with the fewest grants, the first of those in the order given. It
// leaves out empty packages unless keepEmpty, when the empty package is
// kept if it is the only one. The result is sorted largest package first,
// then by the packages' members.
//
// It takes the choices largest package first and compares each only with
// those kept so far: a package inside another is inside a kept one, which
// is at least as large and so came before it. That costs the number of
// choices times the number of packages kept, rather than the square of
// the number of choices (2^32 with 16 candidates).
func (sp *Space) Undominated(choices []GrantChoice, keepEmpty bool) []GrantChoice {
	size := make([]int, len(choices))
	order := make([]int, len(choices))
	for i, c := range choices {
		size[i], order[i] = c.Max.len(), i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if d := size[j] - size[i]; d != 0 {
			return d
		}
		return len(choices[i].Grants) - len(choices[j].Grants)
	})
	var keep []GrantChoice
	for k, i := range order {
		if k%256 == 255 && sp.Done() {
			break
		}
		c := choices[i]
		if size[i] == 0 && (!keepEmpty || len(keep) > 0) {
			continue
		}
		if slices.ContainsFunc(keep, func(o GrantChoice) bool { return c.Max.Subset(o.Max) }) {
			continue
		}
		keep = append(keep, c)
	}
	slices.SortFunc(keep, func(a, b GrantChoice) int {
		if d := b.Max.len() - a.Max.len(); d != 0 {
			return d
		}
		return a.Max.compare(b.Max)
	})
	return keep
}

// ErrTooManyVetoes is returned when a scenario has more demands-veto
// positions than a search can try every choice of grants for.
var ErrTooManyVetoes = errors.New("too many candidate vetoes to search exactly")

// maxCandidates bounds the demands-veto positions, whose grants are tried
// in every combination.
const maxCandidates = 16
