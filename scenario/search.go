package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/sorted"
)

// SearchOptions are the limits of a [Search]. The zero SearchOptions
// searches without limits and does not count.
type SearchOptions struct {
	// Count asks for the number of feasible packages too.
	Count bool
	// MaxPackages, when positive, bounds the maximal packages reported;
	// a result cut short says so.
	MaxPackages int
	// Timeout, when positive, stops the search after that long, as a
	// cancelled context does; the result says it is incomplete.
	Timeout time.Duration
}

// Concession is a minimal set of positions whose withdrawal would make a
// non-empty package feasible, with the maximal packages it unlocks, each
// as the deal that grants the candidate vetoes it needs.
type Concession struct {
	Positions []string `json:"positions"`
	Message   string   `json:"message"`
	Unlocks   []Deal   `json:"unlocks"`
	Sources   []string `json:"sources"`
}

// Conflict is a minimal set of positions that together rule out every
// non-empty package, explained in the domain's words. A conflict of no
// positions says that the offers rule themselves out whatever the
// positions (each captured by its own veto holders, or requiring an offer
// that is not on the table or cannot stand): then there is no concession
// to make, and the message says why.
type Conflict struct {
	Positions []string `json:"positions"`
	Message   string   `json:"message"`
	Sources   []string `json:"sources"`
}

// SearchResult is what [Search] finds. Lists are in a deterministic order.
//
// The lists are slices, not iterators: there is at most one maximal
// package (granting more candidate vetoes never shrinks the largest), and
// the concessions and conflicts are only known to be complete, and so
// minimal, once the search that finds them has finished.
type SearchResult struct {
	// Feasible reports whether a non-empty package is feasible.
	Feasible bool `json:"feasible"`
	// Maximal are the maximal feasible packages (non-empty, and no offer
	// can be added to them), each as the deal that grants the candidate
	// vetoes it needs. Largest first.
	Maximal []Deal `json:"maximal"`
	// Count is the number of feasible packages, the empty one included
	// when it is feasible, when Counted: SearchOptions.Count asked for it
	// and the search counted them before it stopped. In JSON, "count" is
	// there only when Counted.
	Count   uint64 `json:"count"`
	Counted bool   `json:"-"`
	// EmptyFeasible reports whether the empty package (no guarantee at
	// all) is feasible.
	EmptyFeasible bool `json:"empty_feasible"`
	// Forced are the offers in every maximal feasible package (none when
	// there is none); Dead those in no feasible package.
	Forced []guarantee.ID `json:"forced"`
	Dead   []guarantee.ID `json:"dead"`
	// Concessions and Conflicts are set when no non-empty package is
	// feasible. Concessions come smallest first. When no withdrawal of
	// positions helps, there are no concessions and one conflict, of no
	// positions.
	Concessions []Concession `json:"concessions"`
	Conflicts   []Conflict   `json:"conflicts"`
	// Complete is false when a limit or the context stopped the search;
	// Stopped then says which.
	Complete bool   `json:"complete"`
	Stopped  string `json:"stopped,omitempty"`
}

// searchJSON is a SearchResult as JSON writes it: the count only when
// counted. Its fields are SearchResult's, in the same order.
type searchJSON struct {
	Feasible      bool           `json:"feasible"`
	Maximal       []Deal         `json:"maximal"`
	Count         *uint64        `json:"count,omitempty"`
	EmptyFeasible bool           `json:"empty_feasible"`
	Forced        []guarantee.ID `json:"forced"`
	Dead          []guarantee.ID `json:"dead"`
	Concessions   []Concession   `json:"concessions"`
	Conflicts     []Conflict     `json:"conflicts"`
	Complete      bool           `json:"complete"`
	Stopped       string         `json:"stopped,omitempty"`
}

// MarshalJSON writes r with its fields' JSON names, and "count" only when
// r.Counted. Like every writer of this package it leaves escaping HTML to
// the encoder that calls it.
func (r SearchResult) MarshalJSON() ([]byte, error) {
	j := searchJSON{r.Feasible, r.Maximal, nil, r.EmptyFeasible, r.Forced, r.Dead, r.Concessions, r.Conflicts, r.Complete, r.Stopped}
	if r.Counted {
		j.Count = &r.Count
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads what MarshalJSON writes: Counted is whether "count"
// is there.
func (r *SearchResult) UnmarshalJSON(data []byte) error {
	var j searchJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*r = SearchResult{Feasible: j.Feasible, Maximal: j.Maximal, EmptyFeasible: j.EmptyFeasible, Forced: j.Forced, Dead: j.Dead,
		Concessions: j.Concessions, Conflicts: j.Conflicts, Complete: j.Complete, Stopped: j.Stopped}
	if j.Count != nil {
		r.Count, r.Counted = *j.Count, true
	}
	return nil
}

// ErrTooManyVetoes is returned when a scenario has more demands-veto
// positions than a search can try every choice of grants for.
var ErrTooManyVetoes = errors.New("too many candidate vetoes to search exactly")

// maxCandidates bounds the demands-veto positions, whose grants are tried
// in every combination.
const maxCandidates = 16

// Search finds which deals are possible: the scenario's guarantees are the
// offers, a package is a subset of them, and it is feasible when some
// choice of the candidate vetoes (one per demands-veto position) makes the
// scenario cut down to it evaluate with no error.
//
// Search stops when ctx is done or the timeout passes, and returns what it
// has with Complete false. It returns an error only for an invalid
// scenario or one with more than 16 demands-veto positions.
//
// # Method and cost
//
// Search does not call Evaluate on every package. It compiles each error
// finding's rule into constraints on which offers a package may hold,
// tagged with the positions they come from: offers a standing position
// rules out (red-line, blocked-by-member, rejected-veto, veto-conflict),
// offers no deal can hold (captured-guarantee, missing-dependency), what a
// candidate veto would capture or have rejected, the offers a demand needs
// covered, the offers a requires position needs one of, and requirements
// between offers. Under one choice of grants the feasible packages are
// closed under union, so that choice has one largest package; the maximal
// feasible packages are the largest of those; k, the number of
// demands-veto positions, is capped at 16.
//
// Granting more candidate vetoes never shrinks the largest feasible
// package (a grant rules out only offers its own unmet demand would rule
// out), so there is at most one maximal package, and feasibility is one
// pass with every standing candidate granted.
//
// Counting adds inclusion-exclusion over the requires positions, down to
// the requirement-closed subsets of a set, counted per group of offers
// that requirements link: exponential in those, not in the offers.
// Concessions and conflicts come from an incremental dualization: the two
// families are each other's minimal hitting sets (feasibility only grows
// as positions are withdrawn), so each round looks for a set of positions
// that meets every conflict found and holds no concession found, and
// shrinks it to a new concession or its complement to a new conflict;
// when no such set remains both are complete. The cost follows the number
// found. When the offers fail on their own, with every position
// withdrawn, no concession helps and the one minimal conflict is the
// empty set of positions, reported with the reason. A brute-force
// reference judged by Evaluate agrees with Search in the tests on
// thousands of random scenarios.
func Search(ctx context.Context, s Scenario, opts SearchOptions) (SearchResult, error) {
	return searchWith(ctx, s, opts, modelOptions{})
}

// searchWith is [Search] with the model compiled with mopt.
func searchWith(ctx context.Context, s Scenario, opts SearchOptions, mopt modelOptions) (SearchResult, error) {
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	sp, err := newSpaceWith(&s, mopt)
	if err != nil {
		return SearchResult{}, err
	}
	sp.ctx = ctx
	return sp.search(opts), nil
}

// space is a scenario compiled for search: offers and positions as bit
// sets, each finding's rule turned into constraints on which offers a
// package may hold, tagged with the positions they come from so that
// positions can be withdrawn.
type space struct {
	ctx context.Context
	m   *model
	n   int // offers
	np  int // positions

	deadAlways   set         // offers no deal can hold, whatever the positions
	deadBy       []deadWhen  // offers a deal cannot hold while these positions stand
	demands      []demand    // per demands-veto position
	cands        []candidate // the candidate grants, one per demands-veto position
	requires     []requirement
	links               // requirements between offers
	relevant     []int  // positions that constrain anything
	countSkipped string // why count gave up, when it did

	scratch, scratch2, active set // working sets of quick
	stopped                   string
}

type deadWhen struct {
	need   []int // positions
	offers set
	why    Code
}

type demand struct {
	pos    int
	actor  int32
	uncov  set // offers it picks whose veto holders lack the actor
	holder actor.ID
}

type candidate struct {
	pos      int
	actor    int32
	cover    set         // the offers the grant covers
	captures set         // offers whose trigger names the holder as attacker
	rejected []rejection // offers a rejects-veto position forbids the holder over
}

type rejection struct {
	pos    int
	offers set
}

type requirement struct {
	pos int
	hit set
}

func newSpace(s *Scenario) (*space, error) { return newSpaceWith(s, modelOptions{}) }

// newSpaceWith is newSpace with the model compiled with opt.
func newSpaceWith(s *Scenario, opt modelOptions) (*space, error) {
	m := &model{opt: opt}
	if err := m.compile(s, new(actor.Index)); err != nil {
		return nil, err
	}
	sp := &space{m: m, n: len(m.s.Guarantees), np: len(m.s.Positions)}
	sp.scratch, sp.scratch2, sp.active = newSet(sp.n), newSet(sp.n), newSet(max(sp.np, 1))
	sp.build()
	// A demand that picks nothing has a grant that covers nothing: it
	// changes no package, so it does not count toward the limit.
	sp.cands = slices.DeleteFunc(sp.cands, func(c candidate) bool { return c.cover.empty() })
	if len(sp.cands) > maxCandidates {
		return nil, fmt.Errorf("%w: %d demands-veto positions; at most %d", ErrTooManyVetoes, len(sp.cands), maxCandidates)
	}
	return sp, nil
}

func (sp *space) offers(list []int32) set {
	s := newSet(sp.n)
	for _, g := range list {
		s.add(int(g))
	}
	return s
}

// build turns the error findings' rules into constraints. Each piece names
// the finding whose rule it restates.
func (sp *space) build() {
	m := sp.m
	sp.deadAlways = newSet(sp.n)
	sp.deps, sp.requiredBy = make([][]int, sp.n), make([][]int, sp.n)
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		// captured-guarantee, from the scenario's own activation and grants.
		if sorted.Overlap(m.list(m.att[g]), m.list(m.veto[g])) {
			sp.deadAlways.add(g)
		}
		// captured-renewal: the renewing body answers to an attacker.
		if sorted.Overlap(m.list(m.att[g]), m.renewalVetoes(int32(g))) {
			sp.deadAlways.add(g)
		}
		// missing-dependency: a requirement that is not on the table.
		for _, r := range gg.Requires {
			if k, ok := m.guaranteeByID(r); ok {
				sp.deps[g] = append(sp.deps[g], int(k))
				sp.requiredBy[k] = append(sp.requiredBy[k], g)
			} else {
				sp.deadAlways.add(g)
			}
		}
	}
	rel := newSet(max(sp.np, 1))
	dead := func(why Code, offers set, need ...int) {
		if offers.empty() {
			return
		}
		sp.deadBy = append(sp.deadBy, deadWhen{need: need, offers: offers, why: why})
		for _, p := range need {
			rel.add(p)
		}
	}
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		a := m.pact[i]
		picked := m.matches(i)
		switch p.Stance {
		case Rejects:
			// red-line: a rejected guarantee in the deal.
			dead(RedLine, sp.offers(picked), i)
		case Refuses:
			// red-line: the provider refuses what it provides.
			own := newSet(sp.n)
			for _, g := range picked {
				if m.prov[g] == a {
					own.add(int(g))
				}
			}
			dead(RedLine, own, i)
		case Requires:
			// unmet-requirement.
			sp.requires = append(sp.requires, requirement{i, sp.offers(picked)})
			rel.add(i)
		case DemandsVeto:
			// unmet-veto-demand: the picked offers the actor cannot stop
			// without a grant.
			d := demand{pos: i, actor: a, uncov: newSet(sp.n), holder: p.Actor}
			for _, g := range picked {
				if !sorted.Contains(m.list(m.veto[g]), a) {
					d.uncov.add(int(g))
				}
			}
			sp.demands = append(sp.demands, d)
			sp.cands = append(sp.cands, candidate{pos: i, actor: a, cover: sp.offers(picked), captures: newSet(sp.n)})
			rel.add(i)
		case RejectsVeto:
			// rejected-veto, from the scenario's own veto holders.
			bad := newSet(sp.n)
			for _, g := range picked {
				for _, h := range m.list(m.veto[g]) {
					if h != m.prov[g] && m.forbids(p, h) {
						bad.add(int(g))
					}
				}
			}
			dead(RejectedVeto, bad, i)
		}
		if p.Stance == Rejects || p.Stance == Refuses {
			// blocked-by-member.
			blocked := newSet(sp.n)
			for _, g := range picked {
				if a != m.prov[g] && sorted.Contains(m.ruleVetoes(g), a) {
					blocked.add(int(g))
				}
			}
			dead(BlockedByMember, blocked, i)
			// blocked-renewal.
			lapsing := newSet(sp.n)
			for _, g := range picked {
				if m.s.Guarantees[g].Mandate.Body != "" && sorted.Contains(m.renewalVetoes(g), a) {
					lapsing.add(int(g))
				}
			}
			dead(BlockedRenewal, lapsing, i)
		}
	}
	// veto-conflict: a demanded veto another position forbids, over the
	// same offer.
	for d := range m.s.Positions {
		if m.s.Positions[d].Stance != DemandsVeto {
			continue
		}
		a := m.pact[d]
		for r := range m.s.Positions {
			rp := &m.s.Positions[r]
			if rp.Stance != RejectsVeto || !m.forbids(rp, a) {
				continue
			}
			both := newSet(sp.n)
			for _, g := range m.matches(d) {
				if m.prov[g] != a && m.picks(r, g) {
					both.add(int(g))
				}
			}
			dead(VetoConflict, both, d, r)
		}
	}
	// What each candidate grant would do: captured-guarantee where its
	// holder attacks, rejected-veto where a position forbids its holder.
	for ci := range sp.cands {
		c := &sp.cands[ci]
		c.cover.each(func(g int) {
			if sorted.Contains(m.list(m.att[g]), c.actor) {
				c.captures.add(g)
			}
		})
		for r := range m.s.Positions {
			rp := &m.s.Positions[r]
			if rp.Stance != RejectsVeto || !m.forbids(rp, c.actor) {
				continue
			}
			bad := newSet(sp.n)
			c.cover.each(func(g int) {
				if m.prov[g] != c.actor && m.picks(r, int32(g)) {
					bad.add(g)
				}
			})
			if !bad.empty() {
				c.rejected = append(c.rejected, rejection{r, bad})
				rel.add(r)
			}
		}
	}
	rel.each(func(p int) {
		if p < sp.np {
			sp.relevant = append(sp.relevant, p)
		}
	})
}

// outcome is the feasible packages under one set of standing positions:
// for each choice of grants that lets some package stand, the largest
// package it allows.
type outcome struct {
	choices []choice
	// emptyOK reports whether the empty package is feasible.
	emptyOK bool
}

type choice struct {
	grants []int // indexes into cands
	max    set   // the largest feasible package under these grants
}

func (o outcome) feasible() bool {
	return slices.ContainsFunc(o.choices, func(c choice) bool { return !c.max.empty() })
}

// evaluate finds the feasible packages when only the positions in active
// stand. Granting more candidate vetoes never shrinks the largest feasible
// package (see quick), so the choice of every standing candidate gives the
// largest package of all; the grants it needs are then found by dropping,
// one by one, each grant the package does not need. The outcome holds that
// one choice, when it lets the package meet every requires position.
func (sp *space) evaluate(active set) outcome {
	var cands []int
	for ci, c := range sp.cands {
		if active.has(c.pos) {
			cands = append(cands, ci)
		}
	}
	var reqs []set
	for _, r := range sp.requires {
		if active.has(r.pos) {
			reqs = append(reqs, r.hit)
		}
	}
	out := outcome{emptyOK: len(reqs) == 0}
	max := sp.largest(active, cands)
	if slices.ContainsFunc(reqs, func(h set) bool { return !max.meets(h) }) {
		return out
	}
	grants := slices.Clone(cands)
	for i := 0; i < len(grants); {
		if sp.done() {
			break
		}
		fewer := slices.Delete(slices.Clone(grants), i, i+1)
		if sp.largest(active, fewer).equal(max) {
			grants = fewer
			continue
		}
		i++
	}
	out.choices = append(out.choices, choice{grants, max})
	return out
}

// largest returns the largest package the standing positions allow when
// the given candidates are granted.
func (sp *space) largest(active set, grants []int) set {
	u := sp.fullSet()
	u.andNot(sp.deadAlways)
	for _, d := range sp.deadBy {
		if all(d.need, active) {
			u.andNot(d.offers)
		}
	}
	for _, ci := range grants {
		c := &sp.cands[ci]
		u.andNot(c.captures)
		for _, rj := range c.rejected {
			if active.has(rj.pos) {
				u.andNot(rj.offers)
			}
		}
	}
	need := newSet(sp.n)
	for _, d := range sp.demands {
		if !active.has(d.pos) {
			continue
		}
		copy(need, d.uncov)
		for _, ci := range grants {
			if sp.cands[ci].actor == d.actor {
				need.andNot(sp.cands[ci].cover)
			}
		}
		u.andNot(need)
	}
	sp.close(u)
	return u
}

func all(need []int, active set) bool {
	for _, p := range need {
		if !active.has(p) {
			return false
		}
	}
	return true
}

// links are the requirements between offers: for each offer, the offers
// it requires and the offers that require it.
type links struct {
	deps       [][]int
	requiredBy [][]int
}

// newLinks returns the links of the given requirements.
func newLinks(deps [][]int) links {
	l := links{deps: deps, requiredBy: make([][]int, len(deps))}
	for g, ds := range deps {
		for _, r := range ds {
			l.requiredBy[r] = append(l.requiredBy[r], g)
		}
	}
	return l
}

// close shrinks u to its largest subset closed under requirements: an
// offer stays only if every offer it requires stays. A worklist over the
// offers that require each one makes it linear in offers and requirements.
func (l links) close(u set) {
	var work []int
	for g := range l.deps {
		if u.has(g) && slices.ContainsFunc(l.deps[g], func(r int) bool { return !u.has(r) }) {
			u.del(g)
			work = append(work, g)
		}
	}
	for len(work) > 0 {
		g := work[len(work)-1]
		work = work[:len(work)-1]
		for _, h := range l.requiredBy[g] {
			if u.has(h) {
				u.del(h)
				work = append(work, h)
			}
		}
	}
}

// done reports whether the search must stop, noting why.
func (sp *space) done() bool {
	if sp.stopped != "" {
		return true
	}
	if err := sp.ctx.Err(); err != nil {
		sp.stopped = "stopped: " + err.Error()
		return true
	}
	return false
}

func (sp *space) allPositions() set {
	s := newSet(max(sp.np, 1))
	for p := range sp.np {
		s.add(p)
	}
	return s
}

func (sp *space) search(opts SearchOptions) SearchResult {
	every := sp.allPositions()
	out := sp.evaluate(every)
	r := SearchResult{Feasible: out.feasible(), EmptyFeasible: out.emptyOK}
	maxi := sp.maximalSets(out)
	for _, c := range maxi {
		r.Maximal = append(r.Maximal, sp.pack(c))
	}
	if opts.MaxPackages > 0 && len(r.Maximal) > opts.MaxPackages {
		r.Maximal = r.Maximal[:opts.MaxPackages]
		sp.stopped = fmt.Sprintf("reported the first %d maximal packages only", opts.MaxPackages)
	}
	live := newSet(sp.n)
	for _, c := range out.choices {
		live.or(c.max)
	}
	var forced set
	for _, p := range maxi {
		if forced == nil {
			forced = p.max.clone()
		} else {
			forced.and(p.max)
		}
	}
	for g := range sp.n {
		id := sp.m.s.Guarantees[g].ID
		if forced != nil && forced.has(g) {
			r.Forced = append(r.Forced, id)
		}
		if !live.has(g) {
			r.Dead = append(r.Dead, id)
		}
	}
	slices.Sort(r.Forced)
	slices.Sort(r.Dead)
	if !r.Feasible {
		r.Concessions, r.Conflicts = sp.dualize()
	}
	if opts.Count && !sp.done() {
		// A count past its limits leaves the count unset and says why, but
		// the rest of the search stands.
		if n, ok := sp.count(out); ok {
			r.Count, r.Counted = n, true
		} else if sp.stopped == "" {
			sp.stopped, sp.countSkipped = sp.countSkipped, ""
		}
	}
	r.Complete = sp.stopped == ""
	r.Stopped = sp.stopped
	// Lists are never nil, so that JSON shows [] rather than null.
	r.Maximal, r.Forced, r.Dead = nonNil(r.Maximal), nonNil(r.Forced), nonNil(r.Dead)
	r.Concessions, r.Conflicts = nonNil(r.Concessions), nonNil(r.Conflicts)
	return r
}

// maximalSets returns the choices whose packages are maximal: non-empty,
// and not inside another's. Of choices with equal packages it keeps the
// one with the fewest grants.
func (sp *space) maximalSets(out outcome) []choice {
	return sp.undominated(out.choices, false)
}

// undominated returns, of the choices, those whose packages no other
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
func (sp *space) undominated(choices []choice, keepEmpty bool) []choice {
	size := make([]int, len(choices))
	order := make([]int, len(choices))
	for i, c := range choices {
		size[i], order[i] = c.max.len(), i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if d := size[j] - size[i]; d != 0 {
			return d
		}
		return len(choices[i].grants) - len(choices[j].grants)
	})
	var keep []choice
	for k, i := range order {
		if k%256 == 255 && sp.done() {
			break
		}
		c := choices[i]
		if size[i] == 0 && (!keepEmpty || len(keep) > 0) {
			continue
		}
		if slices.ContainsFunc(keep, func(o choice) bool { return c.max.subset(o.max) }) {
			continue
		}
		keep = append(keep, c)
	}
	slices.SortFunc(keep, func(a, b choice) int {
		if d := b.max.len() - a.max.len(); d != 0 {
			return d
		}
		return a.max.compare(b.max)
	})
	return keep
}

func (sp *space) maximal(out outcome) []Deal {
	var ps []Deal
	for _, c := range sp.maximalSets(out) {
		ps = append(ps, sp.pack(c))
	}
	return ps
}

func (sp *space) pack(c choice) Deal {
	p := Deal{Vetoes: []string{}}
	c.max.each(func(g int) { p.Guarantees = append(p.Guarantees, sp.m.s.Guarantees[g].ID) })
	slices.Sort(p.Guarantees)
	for _, ci := range c.grants {
		p.Vetoes = append(p.Vetoes, sp.m.s.positionRef(sp.cands[ci].pos))
	}
	return p
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
func (sp *space) quick(active set) bool {
	u := sp.scratch
	for i := range u {
		u[i] = ^uint64(0)
	}
	if r := sp.n % 64; r != 0 {
		u[len(u)-1] = 1<<r - 1
	}
	u.andNot(sp.deadAlways)
	for _, d := range sp.deadBy {
		if all(d.need, active) {
			u.andNot(d.offers)
		}
	}
	for _, d := range sp.demands {
		if !active.has(d.pos) {
			continue
		}
		need := sp.scratch2
		copy(need, d.uncov)
		for _, c := range sp.cands {
			if c.actor == d.actor && active.has(c.pos) {
				need.andNot(c.cover)
			}
		}
		u.andNot(need)
	}
	for _, c := range sp.cands {
		if active.has(c.pos) {
			u.andNot(c.captures)
		}
	}
	sp.close(u)
	if u.empty() {
		return false
	}
	for _, r := range sp.requires {
		if active.has(r.pos) && !u.meets(r.hit) {
			return false
		}
	}
	return true
}

// feasibleWithout reports whether a non-empty package is feasible once
// the positions in withdrawn are taken off the table.
func (sp *space) feasibleWithout(withdrawn []int) (outcome, bool) {
	active := sp.allPositions()
	for _, p := range withdrawn {
		active.del(p)
	}
	out := sp.evaluate(active)
	return out, out.feasible()
}

// feasibleWith reports whether a non-empty package is feasible when only
// the positions in standing stand.
func (sp *space) feasibleWith(standing []int) bool {
	active := sp.active
	clear(active)
	for _, p := range standing {
		active.add(p)
	}
	return sp.quick(active)
}

// quickWithout is feasibleWithout's answer alone, without allocating.
func (sp *space) quickWithout(withdrawn []int) bool {
	active := sp.active
	for i := range active {
		active[i] = ^uint64(0)
	}
	for _, p := range withdrawn {
		active.del(p)
	}
	return sp.quick(active)
}

// dualize finds the concessions and the conflicts together. Both are
// minimal sets of relevant positions: a concession a minimal set whose
// withdrawal makes a non-empty package feasible, a conflict a minimal set
// that, standing alone, rules every non-empty package out. Feasibility
// only grows as positions are withdrawn (withdrawing a demand takes its
// grant too, but a grant only ever covers what its own demand asked), so
// each concession meets every conflict and each is a minimal set that
// does: the two families are each other's minimal hitting sets.
//
// The loop keeps what it has found of both. It looks for a set that meets
// every known conflict and holds no known concession; withdrawing it
// either works, and shrinking it gives a new concession, or leaves a
// standing set that rules every package out, and shrinking that gives a
// new conflict. When no such set remains, both families are complete.
// Each round finds one new set, so the cost follows the number of sets
// found, not the 2^n subsets of n positions.
func (sp *space) dualize() ([]Concession, []Conflict) {
	if !sp.feasibleWith(nil) {
		// The offers rule themselves out, whatever the positions: no
		// concession helps, and the one minimal conflict is the empty set.
		if sp.done() {
			return nil, nil
		}
		return nil, []Conflict{sp.offersAlone()}
	}
	var mcs, mus [][]int
	for !sp.done() {
		h, ok := sp.seed(mus, mcs)
		if !ok {
			break
		}
		if sp.quickWithout(h) {
			mcs = append(mcs, sp.shrinkCorrection(h))
		} else {
			mus = append(mus, sp.shrinkConflict(without(sp.relevant, h)))
		}
	}
	order := func(a, b []int) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return slices.Compare(a, b)
	}
	slices.SortFunc(mcs, order)
	slices.SortFunc(mus, order)
	var concessions []Concession
	for _, c := range mcs {
		o, _ := sp.feasibleWithout(c)
		concessions = append(concessions, Concession{
			Positions: sp.refs(c),
			Message:   "withdraw: " + sp.explain(c),
			Unlocks:   nonNil(sp.maximal(o)),
			Sources:   nonNil(sp.sources(c)),
		})
	}
	var conflicts []Conflict
	for _, c := range mus {
		conflicts = append(conflicts, Conflict{Positions: sp.refs(c), Message: sp.explain(c), Sources: nonNil(sp.sources(c))})
	}
	return concessions, conflicts
}

// seed returns a set of relevant positions that meets every conflict in
// mus and holds no concession in mcs, minimal as a hitting set of mus, or
// false when there is none.
func (sp *space) seed(mus, mcs [][]int) ([]int, bool) {
	var pick []int
	var found []int
	var dfs func() bool
	dfs = func() bool {
		if sp.done() {
			return false
		}
		if slices.ContainsFunc(mcs, func(c []int) bool { return containsAll(pick, c) }) {
			return false
		}
		i := slices.IndexFunc(mus, func(m []int) bool { return !meets(pick, m) })
		if i < 0 {
			found = minimalHitting(pick, mus)
			return true
		}
		for _, p := range mus[i] {
			pick = append(pick, p)
			if dfs() {
				return true
			}
			pick = pick[:len(pick)-1]
		}
		return false
	}
	if !dfs() {
		return nil, false
	}
	slices.Sort(found)
	return found, true
}

// minimalHitting drops from pick, in turn, each position the rest still
// meets every set of mus without.
func minimalHitting(pick []int, mus [][]int) []int {
	h := slices.Clone(pick)
	for i := 0; i < len(h); {
		rest := slices.Delete(slices.Clone(h), i, i+1)
		if !slices.ContainsFunc(mus, func(m []int) bool { return !meets(rest, m) }) {
			h = rest
			continue
		}
		i++
	}
	return h
}

func meets(a, b []int) bool {
	return slices.ContainsFunc(a, func(x int) bool { return slices.Contains(b, x) })
}

// without returns the members of all that are not in drop, in order.
func without(all, drop []int) []int {
	var out []int
	for _, p := range all {
		if !slices.Contains(drop, p) {
			out = append(out, p)
		}
	}
	return out
}

// shrinkCorrection shrinks a set whose withdrawal makes a deal possible
// to a minimal one: it puts each position back in turn and keeps it
// standing if a deal is still possible.
func (sp *space) shrinkCorrection(x []int) []int {
	x = slices.Clone(x)
	for i := 0; i < len(x); {
		rest := slices.Delete(slices.Clone(x), i, i+1)
		if sp.quickWithout(rest) {
			x = rest
			continue
		}
		i++
	}
	return x
}

// shrinkConflict shrinks a set of positions that, standing alone, rule
// every deal out to a minimal one: it withdraws each position in turn and
// keeps it withdrawn if every deal is still ruled out.
func (sp *space) shrinkConflict(k []int) []int {
	k = slices.Clone(k)
	for i := 0; i < len(k); {
		rest := slices.Delete(slices.Clone(k), i, i+1)
		if !sp.feasibleWith(rest) {
			k = rest
			continue
		}
		i++
	}
	return k
}

// offersAlone is the conflict of no positions at all, when no non-empty
// package is feasible even with every position withdrawn: it says why
// each offer cannot stand on its own. Every offer is captured by its own
// veto holders, requires an offer not on the table, or requires one that
// cannot stand.
func (sp *space) offersAlone() Conflict {
	m := sp.m
	c := Conflict{Positions: []string{}, Sources: []string{}}
	if sp.n == 0 {
		c.Message = "no offers are on the table"
		return c
	}
	var parts []string
	for g := range sp.n {
		gg := &m.s.Guarantees[g]
		c.Sources = append(c.Sources, gg.Sources...)
		// Captured, or its renewal captured, by an attacker of its trigger.
		if holders := m.attackersAmong(int32(g), m.list(m.veto[g])); len(holders) > 0 {
			parts = append(parts, joinIDs(holders)+" can stop "+string(gg.ID)+", which answers "+gg.Trigger.String())
			continue
		}
		if holders := m.attackersAmong(int32(g), m.renewalVetoes(int32(g))); len(holders) > 0 {
			parts = append(parts, joinIDs(holders)+" can stop the renewal of "+string(gg.ID)+", which answers "+gg.Trigger.String())
			continue
		}
		var missing, fallen []string
		for _, r := range gg.Requires {
			if _, ok := m.guaranteeByID(r); ok {
				fallen = append(fallen, string(r))
			} else {
				missing = append(missing, string(r))
			}
		}
		switch {
		case len(missing) > 0:
			parts = append(parts, string(gg.ID)+" requires "+strings.Join(missing, ", ")+", not on the table")
		case len(fallen) > 0:
			parts = append(parts, string(gg.ID)+" requires "+strings.Join(fallen, ", ")+", which cannot stand")
		}
	}
	slices.Sort(c.Sources)
	c.Sources = slices.Compact(c.Sources)
	c.Message = "no offer can stand even with every position withdrawn: " + strings.Join(parts, "; ")
	return c
}

func (sp *space) refs(s []int) []string {
	out := make([]string, len(s))
	for i, p := range s {
		out[i] = sp.m.s.positionRef(p)
	}
	return out
}

func (sp *space) sources(s []int) []string {
	var out []string
	for _, p := range s {
		out = append(out, sp.m.s.Positions[p].Sources...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// explain says what the positions hold, in the domain's words: "RU demands
// a veto over guarantees to UA; UA rejects any RU veto over guarantees to
// UA".
func (sp *space) explain(s []int) string {
	var parts []string
	for _, i := range s {
		p := &sp.m.s.Positions[i]
		what := p.Select.Describe()
		var b strings.Builder
		b.WriteString(string(p.Actor))
		switch p.Stance {
		case Refuses:
			b.WriteString(" refuses to provide " + what)
		case Rejects:
			b.WriteString(" rejects any deal with " + what)
		case Requires:
			b.WriteString(" requires " + what)
		case DemandsVeto:
			b.WriteString(" demands a veto over " + what)
		case RejectsVeto:
			if len(p.By) == 0 {
				b.WriteString(" rejects any veto but the provider's over " + what)
			} else {
				b.WriteString(" rejects any veto by " + joinIDs(p.By) + " over " + what)
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// containsAll reports whether every element of sub is in s (both sorted).
func containsAll(s, sub []int) bool {
	for _, x := range sub {
		if !slices.Contains(s, x) {
			return false
		}
	}
	return true
}

// attackersAmong returns the IDs, sorted, of the attackers of g's trigger
// among the veto holders vetoes.
func (m *model) attackersAmong(g int32, vetoes []int32) []actor.ID {
	var out []actor.ID
	for _, h := range vetoes {
		if sorted.Contains(m.list(m.att[g]), h) {
			out = append(out, m.ax.At(int(h)).ID)
		}
	}
	slices.Sort(out)
	return out
}
