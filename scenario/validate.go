package scenario

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/suggest"
)

// FieldError is one problem in a scenario, at a path in the terms of
// scenario files: "guarantees[3].provider". Err says what is wrong and
// wraps a sentinel such as [actor.ErrUnknownActor] where one fits.
type FieldError struct {
	Path string
	Err  error
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Err.Error() }

func (e *FieldError) Unwrap() error { return e.Err }

// Errors is every problem [Validate] found, in the order of the scenario's
// fields. It unwraps to its elements, so [errors.Is] and [errors.As] look
// inside.
type Errors []*FieldError

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for [errors.Is] and [errors.As].
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Errors [Validate] reports, wrapped in a [FieldError].
var (
	ErrDuplicateID   = errors.New("duplicate ID")
	ErrNotABody      = errors.New("not a body")
	ErrStanceField   = errors.New("only rejects-veto takes by")
	ErrInvalidStance = errors.New("a position needs one of refuses, rejects, requires, demands-veto or rejects-veto")
	ErrInvalidAsOf   = errors.New("want a date as YYYY-MM-DD")
	// ErrTimelineOrder: a dated event of the timeline is dated before an
	// earlier one; dates never go backwards.
	ErrTimelineOrder = errors.New("the timeline's dates go backwards")
	ErrUnknownSource = errors.New("unknown source")
	// ErrNotAnEvent: an event of the timeline has no name, or the name of
	// an operator of conditions (all, any, not); see
	// [guarantee.AttackEvent] and [guarantee.ParseEvent].
	ErrNotAnEvent = errors.New("not an event")
)

// Validate reports every problem in s at once, each a [*FieldError] with its
// path, gathered in an [Errors]; it returns nil when s is valid.
//
// It checks that IDs are well formed and unique (actors, guarantees,
// sources, position IDs); that every actor a guarantee, position, veto,
// membership or timeline event names exists; that bodies' rules fit their
// members and membership does not loop; that conditions and activations are
// well formed and body(X) names a body; and that each position has a stance
// and uses by only with rejects-veto.
//
// Requires and a selector's ids are not references that must resolve: a
// guarantee may require one that is not on the table (that is the
// missing-dependency finding), and a position may pick guarantees by ID
// that the deal lacks (idle-position says so).
func Validate(s Scenario) error {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.m.prepare(&s, &sc.ax)
	return check(&sc.m)
}

// validator gathers the problems of one scenario. It builds paths only
// when it reports a problem, so that a valid scenario costs no allocations
// beyond its indexes.
type validator struct {
	s    *Scenario
	m    *model // filled in as validation resolves references
	errs Errors
	ax   *actor.Index
}

// at is a place in a scenario: the list, the element, a field inside it
// and what lies within that field ("positions", 3, "refuses", "kind").
// Its string form is "positions[3].refuses.kind". It is built into a
// string only when a problem is reported there.
type at struct {
	list      string
	i         int
	sub, leaf string
	k         int // when positive, sub is indexed by k-1: "values[0].weights[2]"
	j         int // when positive, leaf is indexed by j-1
}

func (a at) String() string {
	p := a.sub
	if a.k > 0 {
		p += "[" + strconv.Itoa(a.k-1) + "]"
	}
	if a.list != "" {
		p = a.list + "[" + strconv.Itoa(a.i) + "]"
		if a.sub != "" {
			p += "." + a.sub
			if a.k > 0 {
				p += "[" + strconv.Itoa(a.k-1) + "]"
			}
		}
	}
	if a.leaf != "" {
		p += "." + a.leaf
	}
	if a.j > 0 {
		p += "[" + strconv.Itoa(a.j-1) + "]"
	}
	return p
}

// in returns the place of field f within a: a's field when a names none,
// else a path within it.
func (a at) in(f string) at {
	switch {
	case a.sub == "":
		a.sub = f
	case a.leaf == "":
		a.leaf = f
	default:
		a.leaf += "." + f
	}
	return a
}

func (v *validator) add(a at, err error) { v.errs = append(v.errs, &FieldError{a.String(), err}) }

// check validates m.s, indexing its actors into m.ax, and fills in what
// validation learns on the way: each guarantee's provider, beneficiary and
// attackers, each position's actor, and the guarantees sorted by ID.
func check(m *model) error {
	s, ax := &m.s, m.ax
	v := validator{s: s, m: m}
	if s.AsOf != "" {
		if !isDate(s.AsOf) {
			v.add(at{sub: "as-of"}, fmt.Errorf("%w; found %q", ErrInvalidAsOf, s.AsOf))
		}
	}
	dup := repeats(len(s.Sources), func(i int) string { return s.Sources[i].ID })
	for i, src := range s.Sources {
		switch {
		case src.ID == "":
			v.add(at{list: "sources", i: i, sub: "id"}, guarantee.ErrMissing)
		case dup != nil && dup[i] >= 0:
			v.add(at{list: "sources", i: i, sub: "id"}, fmt.Errorf("%w %q (also sources[%d])", ErrDuplicateID, src.ID, dup[i]))
		}
	}

	err := ax.Reset(s.Actors)
	if ps, ok := err.(actor.Problems); ok {
		for _, p := range ps {
			var k int
			if _, scanErr := fmt.Sscanf(p.Field, "members[%d]", &k); scanErr == nil && errors.Is(p.Err, actor.ErrUnknownActor) {
				p.Err = unknownActor(s.Actors[p.Actor].Members[k], s.Actors)
			}
			v.add(at{list: "actors", i: p.Actor, sub: p.Field}, p.Err)
		}
		// Without an index, references are checked one by one below.
	} else {
		v.ax = ax
	}

	v.guarantees()
	dup = repeats(len(s.Positions), func(i int) string { return s.Positions[i].ID })
	for i := range s.Positions {
		j := -1
		if dup != nil {
			j = dup[i]
		}
		v.position(i, &s.Positions[i], j)
	}
	for i := range s.Vetoes {
		vt := &s.Vetoes[i]
		v.actorRef(at{list: "vetoes", i: i}, "holder", vt.Holder, true)
		if vt.Likelihood != nil && !guarantee.ValidLikelihood(*vt.Likelihood) {
			v.add(at{list: "vetoes", i: i, sub: "likelihood"}, fmt.Errorf("%w: %v", guarantee.ErrLikelihood, *vt.Likelihood))
		}
		v.selector(at{list: "vetoes", i: i, sub: "over"}, &vt.Over)
	}
	last := -1 // the last dated event
	for i, e := range s.Timeline {
		if err := notAnEvent(e); err != nil {
			v.add(at{list: "timeline", i: i}, err)
			continue
		}
		if err := guarantee.On(e.Name, e.Args...).Check(); err != nil {
			v.add(at{list: "timeline", i: i}, err)
			continue
		}
		if err := e.CheckHappened(); err != nil {
			v.add(at{list: "timeline", i: i}, err)
			continue
		}
		for _, a := range e.Args {
			v.actorRef(at{list: "timeline", i: i}, "", a, true)
		}
		switch {
		case e.Date == "":
		case !isDate(e.Date):
			v.add(at{list: "timeline", i: i, sub: "date"}, fmt.Errorf("%w; found %q", guarantee.ErrDate, e.Date))
		case last >= 0 && e.Date < s.Timeline[last].Date:
			v.add(at{list: "timeline", i: i, sub: "date"}, fmt.Errorf("%w: %s comes after timeline[%d] of %s", ErrTimelineOrder, e.Date, last, s.Timeline[last].Date))
		default:
			last = i
		}
	}
	if len(s.Values) > 0 {
		v.values()
	}
	if len(s.Variants) > 0 {
		v.variants()
	}
	if len(v.errs) > 0 {
		return v.errs
	}
	return nil
}

// notAnEvent returns an error for an event of the timeline that is no event
// at all: one with no name, as the Event of a condition that is not one event
// is (guarantee.AllOf(...).Event), or named as an operator of conditions. The
// error says how to write an event, since only Go code can build one: files
// parse theirs.
func notAnEvent(e guarantee.Event) error {
	const how = "write an event with guarantee.ParseEvent or a constructor (guarantee.AttackEvent, guarantee.ViolationEvent, guarantee.Renewal), not from a condition"
	switch e.Name {
	case "":
		return fmt.Errorf("%w: it has no name; %s", ErrNotAnEvent, how)
	case "all", "any", "not":
		return fmt.Errorf("%w: %s combines conditions; %s", ErrNotAnEvent, e.Name, how)
	}
	return nil
}

// variants checks the variants' names and that they hold no nil edit.
// Whether each variant's edits apply is checked when it is applied: a
// variant is a what-if, and evaluating s never pays for its variants.
func (v *validator) variants() {
	dup := repeats(len(v.s.Variants), func(i int) string { return v.s.Variants[i].Name })
	for i, vr := range v.s.Variants {
		here := at{list: "variants", i: i, sub: "name"}
		switch {
		case vr.Name == "":
			v.add(here, guarantee.ErrMissing)
		case !actor.ID(vr.Name).Valid():
			v.add(here, fmt.Errorf("invalid variant name %q: want letters, digits, '-' or '_'", vr.Name))
		case dup != nil && dup[i] >= 0:
			v.add(here, fmt.Errorf("%w %q (also variants[%d])", ErrDuplicateID, vr.Name, dup[i]))
		}
		for j, e := range vr.Edits {
			if e == nil {
				v.add(at{list: "variants", i: i, sub: "edits", j: j + 1}, errors.New("nil edit"))
			}
		}
	}
}

// guarantees checks every guarantee and returns their positions sorted by
// ID.
func (v *validator) guarantees() {
	gs, m := v.s.Guarantees, v.m
	// Long lists are sorted by ID, which finds repeats and serves lookups;
	// short ones are compared pairwise and searched in order.
	m.gByID = m.gByID[:0]
	var dup []int
	if len(gs) >= 32 {
		m.gByID = grow(m.gByID, len(gs))
		for i := range m.gByID {
			m.gByID[i] = int32(i)
		}
		slices.SortStableFunc(m.gByID, func(i, j int32) int { return cmp.Compare(gs[i].ID, gs[j].ID) })
		for k := 1; k < len(m.gByID); k++ {
			if i, j := m.gByID[k-1], m.gByID[k]; gs[i].ID == gs[j].ID {
				if dup == nil {
					dup = make([]int, len(gs))
					for x := range dup {
						dup[x] = -1
					}
				}
				dup[j] = int(i)
				if dup[i] >= 0 {
					dup[j] = dup[i]
				}
			}
		}
	} else {
		dup = repeats(len(gs), func(i int) string { return string(gs[i].ID) })
	}
	for i := range gs {
		g := &gs[i]
		here := at{list: "guarantees", i: i}
		// Problems in the order of the fields: the ID's first, then the
		// rest of what Check finds.
		ps := g.Check()
		for _, p := range ps {
			if p.Field == "id" {
				v.add(here.in(p.Field), p.Err)
			}
		}
		if dup != nil && dup[i] >= 0 && g.ID != "" {
			v.add(here.in("id"), fmt.Errorf("%w %q (also guarantees[%d])", ErrDuplicateID, g.ID, dup[i]))
		}
		for _, p := range ps {
			if p.Field != "id" {
				v.add(here.in(p.Field), p.Err)
			}
		}
		m.prov[i] = v.actorRef(here, "provider", g.Provider, false)
		m.ben[i] = v.actorRef(here, "beneficiary", g.Beneficiary, false)
		if g.Target != "" {
			v.actorRef(here, "target", g.Target, false)
		}
		if g.Mandate.Body != "" && v.actorRef(here, "mandate.body", g.Mandate.Body, false) >= 0 && g.Mandate.PartiesAside {
			if b, _ := v.lookup(g.Mandate.Body); !b.Kind.IsBody() {
				v.add(here.in("mandate.parties-aside"), fmt.Errorf("%w: %s is a state; only a renewal by a body can set the parties aside", ErrNotABody, g.Mandate.Body))
			}
		}
		lo := len(m.data)
		byAnyone := false
		v.trigger(here, g.Trigger, false, &byAnyone)
		m.att[i] = m.end(lo)
		if byAnyone {
			m.byAnyone = append(m.byAnyone, int32(i))
		}
		for _, a := range g.Activation.Actors {
			if v.actorRef(here, "activation", a, false) < 0 {
				continue
			}
			if b, _ := v.lookup(a); g.Activation.Mode == guarantee.ByBody && !b.Kind.IsBody() {
				v.add(here.in("activation"), fmt.Errorf("body(%s): %w: %s is a state", a, ErrNotABody, a))
			}
		}
		if g.Activation.PartiesAside {
			v.partiesAside(here, g)
		}
	}
}

// trigger checks the actors c names and appends the positions of its
// attackers to the model's data. [guarantee.Anyone] names no actor: it is
// neither checked nor an attacker; byAnyone notes that c admits it, under
// an even number of "not" (neg says whether c stands under an odd one).
func (v *validator) trigger(here at, c guarantee.Condition, neg bool, byAnyone *bool) {
	if c.Op == guarantee.OnEvent {
		e := c.Event
		for k, a := range e.Args {
			if k == 0 && e.ByAnyone() {
				*byAnyone = *byAnyone || !neg
				continue
			}
			p := v.actorRef(here, "trigger", a, false)
			if k == 0 && p >= 0 && (e.Name == guarantee.EventAttack || e.Name == guarantee.EventViolation) {
				v.m.data = append(v.m.data, p)
			}
		}
	}
	for _, sub := range c.Sub {
		v.trigger(here, sub, neg != (c.Op == guarantee.Not), byAnyone)
	}
}

// position checks the i-th position; dup is the index of an earlier
// position with the same ID, or -1.
func (v *validator) position(i int, p *Position, dup int) {
	here := at{list: "positions", i: i}
	if p.ID != "" {
		if !actor.ID(p.ID).Valid() {
			v.add(here.in("id"), fmt.Errorf("invalid position ID %q: want letters, digits, '-' or '_'", p.ID))
		} else if dup >= 0 {
			v.add(here.in("id"), fmt.Errorf("%w %q (also positions[%d])", ErrDuplicateID, p.ID, dup))
		}
	}
	if p.Likelihood != nil && !guarantee.ValidLikelihood(*p.Likelihood) {
		v.add(here.in("likelihood"), fmt.Errorf("%w: %v", guarantee.ErrLikelihood, *p.Likelihood))
	}
	v.m.pact[i] = v.actorRef(here, "actor", p.Actor, true)
	if !p.Stance.Valid() {
		v.add(here, ErrInvalidStance)
		return
	}
	in := here.in(p.Stance.String())
	v.selector(in, &p.Select)
	if len(p.By) == 0 {
		return
	}
	if p.Stance != RejectsVeto {
		v.add(here.in("by"), ErrStanceField)
	}
	by := in.in("by")
	for k, a := range p.By {
		by.j = k + 1
		v.actorRef(by, "", a, true)
	}
}

func (v *validator) selector(here at, sel *guarantee.Selector) {
	for _, p := range sel.Check() {
		v.add(here.in(p.Field), p.Err)
	}
	// Most fields of most selectors are empty; skip those without building
	// a place for them.
	if sel.Provider != "" {
		v.actorRef(here, "provider", sel.Provider, false)
	}
	if sel.ProviderIn != "" {
		v.actorRef(here, "provider-in", sel.ProviderIn, false)
	}
	if sel.Beneficiary != "" {
		v.actorRef(here, "beneficiary", sel.Beneficiary, false)
	}
	if sel.Target != "" {
		v.actorRef(here, "target", sel.Target, false)
	}
}

// actorRef checks that id names an actor of the scenario, reporting it at
// field of place if not, and returns the actor's position, or -1. An empty id is a
// problem only when required. Malformed IDs of optional fields are left to
// the field checks that report them.
func (v *validator) actorRef(place at, field string, id actor.ID, required bool) int32 {
	// The place is built only when there is a problem to report there.
	here := func() at {
		if field == "" {
			return place
		}
		return place.in(field)
	}
	// A known ID is well formed, since every actor's ID was checked; look
	// it up first, and ask why only when it is not found.
	if v.ax != nil {
		if p := v.ax.Pos(id); p >= 0 {
			return int32(p)
		}
	} else if i := slices.IndexFunc(v.s.Actors, func(a actor.Actor) bool { return a.ID == id && id.Valid() }); i >= 0 {
		return int32(i)
	}
	switch {
	case id == "":
		if required {
			v.add(here(), guarantee.ErrMissing)
		}
	case !id.Valid():
		if required {
			_, err := actor.ParseID(string(id))
			v.add(here(), err)
		}
	default:
		v.add(here(), unknownActor(id, v.s.Actors))
	}
	return -1
}

// lookup finds an actor by ID, through the index when the actors indexed
// and one by one when they did not.
func (v *validator) lookup(id actor.ID) (actor.Actor, bool) {
	if v.ax != nil {
		return v.ax.Lookup(id)
	}
	if i := slices.IndexFunc(v.s.Actors, func(a actor.Actor) bool { return a.ID == id }); i >= 0 {
		return v.s.Actors[i], true
	}
	return actor.Actor{}, false
}

// isDate reports whether s is a calendar date written YYYY-MM-DD, as
// time.Parse with time.DateOnly would accept it, without its cost.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return -1
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	y, mo, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// repeats returns, for each of n elements, the index of the first earlier
// element with the same non-empty key, or -1; nil when no key repeats.
// Short lists are compared pairwise; long ones through a sort, so that the
// check costs n·log n, not n².
func repeats(n int, key func(int) string) []int {
	var out []int
	mark := func(i, j int) {
		if out == nil {
			out = make([]int, n)
			for k := range out {
				out[k] = -1
			}
		}
		out[i] = j
	}
	if n < 32 {
		for i := range n {
			for j := range i {
				if k := key(i); k != "" && key(j) == k {
					mark(i, j)
					break
				}
			}
		}
		return out
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(key(a), key(b)) })
	for k := 1; k < len(order); k++ {
		first := order[k-1]
		if out != nil && out[first] >= 0 {
			first = out[first]
		}
		if key(order[k]) != "" && key(order[k]) == key(first) {
			mark(order[k], first)
		}
	}
	return out
}

// unknownActor returns the error for an unknown actor ID, with "did you
// mean" when a known ID is close to it ([suggest.Closest]; ties go to the
// first ID in sorted order).
func unknownActor(id actor.ID, actors []actor.Actor) error {
	ids := make([]string, len(actors))
	for i, a := range actors {
		ids[i] = string(a.ID)
	}
	slices.Sort(ids)
	if best, ok := suggest.Closest(string(id), ids); ok {
		return fmt.Errorf("%w %q; did you mean %q?", actor.ErrUnknownActor, id, best)
	}
	return fmt.Errorf("%w %q", actor.ErrUnknownActor, id)
}
