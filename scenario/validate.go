package scenario

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
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
	ErrUnknownSource = errors.New("unknown source")
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
	_, err := check(&s, &sc.ax, sc.m.gByID)
	return err
}

// validator gathers the problems of one scenario. It builds paths only
// when it reports a problem, so that a valid scenario costs no allocations
// beyond its indexes.
type validator struct {
	s    *Scenario
	errs Errors
	ax   *actor.Index
}

// at is a place in a scenario: the list, the element, and up to two field
// names inside it ("positions", 3, "refuses", "kind"). Its string form is
// "positions[3].refuses.kind". It is built into a string only when a
// problem is reported there.
type at struct {
	list      string
	i         int
	sub, leaf string
	j         int // when positive, leaf is indexed by j-1
}

func (a at) String() string {
	p := a.sub
	if a.list != "" {
		p = fmt.Sprintf("%s[%d]", a.list, a.i)
		if a.sub != "" {
			p += "." + a.sub
		}
	}
	if a.leaf != "" {
		p += "." + a.leaf
	}
	if a.j > 0 {
		p += fmt.Sprintf("[%d]", a.j-1)
	}
	return p
}

// in returns the place of field f within a.
func (a at) in(f string) at {
	if a.sub == "" {
		a.sub = f
	} else {
		a.leaf = f
	}
	return a
}

func (v *validator) add(a at, err error) { v.errs = append(v.errs, &FieldError{a.String(), err}) }

// check validates s, indexing its actors into ax, and when it is valid
// returns its guarantees' positions sorted by ID, reusing byID's array.
func check(s *Scenario, ax *actor.Index, byID []int32) ([]int32, error) {
	v := validator{s: s}
	if s.AsOf != "" {
		if _, err := time.Parse(time.DateOnly, s.AsOf); err != nil {
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

	byID = v.guarantees(byID)
	dup = repeats(len(s.Positions), func(i int) string { return s.Positions[i].ID })
	for i, p := range s.Positions {
		j := -1
		if dup != nil {
			j = dup[i]
		}
		v.position(i, p, j)
	}
	for i, vt := range s.Vetoes {
		v.actorRef(at{list: "vetoes", i: i, sub: "holder"}, vt.Holder, true)
		v.selector(at{list: "vetoes", i: i, sub: "over"}, vt.Over)
	}
	for i, e := range s.Timeline {
		if err := guarantee.On(e.Name, e.Args...).Check(); err != nil {
			v.add(at{list: "timeline", i: i}, err)
			continue
		}
		for _, a := range e.Args {
			v.actorRef(at{list: "timeline", i: i}, a, true)
		}
	}
	if len(v.errs) > 0 {
		return nil, v.errs
	}
	return byID, nil
}

// guarantees checks every guarantee and returns their positions sorted by
// ID.
func (v *validator) guarantees(byID []int32) []int32 {
	gs := v.s.Guarantees
	byID = grow(byID, len(gs))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortStableFunc(byID, func(i, j int32) int { return cmp.Compare(gs[i].ID, gs[j].ID) })
	dupOf := func(i int) int { // the first guarantee with i's ID, if not i
		k, _ := slices.BinarySearchFunc(byID, gs[i].ID, func(j int32, id guarantee.ID) int { return cmp.Compare(gs[j].ID, id) })
		return int(byID[k])
	}
	for i, g := range gs {
		here := at{list: "guarantees", i: i}
		for _, p := range g.Check() {
			v.add(here.in(p.Field), p.Err)
		}
		if j := dupOf(i); j != i && g.ID != "" {
			v.add(here.in("id"), fmt.Errorf("%w %q (also guarantees[%d])", ErrDuplicateID, g.ID, j))
		}
		v.actorRef(here.in("provider"), g.Provider, false)
		v.actorRef(here.in("beneficiary"), g.Beneficiary, false)
		v.actorRef(here.in("target"), g.Target, false)
		for e := range g.Trigger.All() {
			for _, a := range e.Args {
				v.actorRef(here.in("trigger"), a, false)
			}
		}
		for _, a := range g.Activation.Actors {
			if !v.actorRef(here.in("activation"), a, false) {
				continue
			}
			if b, _ := v.lookup(a); g.Activation.Mode == guarantee.ByBody && !b.Kind.IsBody() {
				v.add(here.in("activation"), fmt.Errorf("body(%s): %w: %s is a state", a, ErrNotABody, a))
			}
		}
	}
	return byID
}

// position checks the i-th position; dup is the index of an earlier
// position with the same ID, or -1.
func (v *validator) position(i int, p Position, dup int) {
	here := at{list: "positions", i: i}
	if p.ID != "" {
		if _, err := actor.ParseID(p.ID); err != nil {
			v.add(here.in("id"), fmt.Errorf("invalid position ID %q: want letters, digits, '-' or '_'", p.ID))
		} else if dup >= 0 {
			v.add(here.in("id"), fmt.Errorf("%w %q (also positions[%d])", ErrDuplicateID, p.ID, dup))
		}
	}
	v.actorRef(here.in("actor"), p.Actor, true)
	if !p.Stance.Valid() {
		v.add(here, ErrInvalidStance)
		return
	}
	v.selector(here.in(p.Stance.String()), p.Select)
	if len(p.By) > 0 && p.Stance != RejectsVeto {
		v.add(here.in("by"), ErrStanceField)
	}
	for k, a := range p.By {
		where := here.in(p.Stance.String()).in("by")
		where.j = k + 1
		v.actorRef(where, a, true)
	}
}

func (v *validator) selector(here at, sel guarantee.Selector) {
	for _, p := range sel.Check() {
		v.add(here.in(p.Field), p.Err)
	}
	v.actorRef(here.in("provider"), sel.Provider, false)
	v.actorRef(here.in("provider-in"), sel.ProviderIn, false)
	v.actorRef(here.in("beneficiary"), sel.Beneficiary, false)
	v.actorRef(here.in("target"), sel.Target, false)
}

// actorRef checks that id names an actor of the scenario, reporting it at
// here if not. An empty id is a problem only when required. It reports
// whether id is known. Malformed IDs of optional fields are left to the
// field checks that report them.
func (v *validator) actorRef(here at, id actor.ID, required bool) bool {
	switch {
	case id == "":
		if required {
			v.add(here, guarantee.ErrMissing)
		}
		return false
	case !id.Valid():
		if required {
			_, err := actor.ParseID(string(id))
			v.add(here, err)
		}
		return false
	}
	if _, ok := v.lookup(id); ok {
		return true
	}
	v.add(here, unknownActor(id, v.s.Actors))
	return false
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
// mean" when a known ID is close to it: the fewest edits away, then the
// longest common prefix ("USA" suggests "US" before "UA"), then the first
// in sorted order.
func unknownActor(id actor.ID, actors []actor.Actor) error {
	type candidate struct {
		id        actor.ID
		d, shared int
	}
	best := candidate{d: max(1, len(id)/3) + 1}
	lower := strings.ToLower(string(id))
	for _, a := range actors {
		other := strings.ToLower(string(a.ID))
		c := candidate{a.ID, distance(lower, other), commonPrefix(lower, other)}
		if c.d < best.d || c.d == best.d && (c.shared > best.shared || c.shared == best.shared && c.id < best.id) {
			best = c
		}
	}
	if best.id == "" {
		return fmt.Errorf("%w %q", actor.ErrUnknownActor, id)
	}
	return fmt.Errorf("%w %q; did you mean %q?", actor.ErrUnknownActor, id, best.id)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
