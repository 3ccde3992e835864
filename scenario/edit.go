package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/suggest"
	"github.com/entente-go/entente/internal/words"
)

// Edit is one what-if change to a scenario: add, remove or replace an
// actor, a guarantee or a position; grant or revoke a veto; set a field.
// Edits are plain values, compared with ==-like equality by go-cmp, and
// each prints as one line ("without us-air-support", "grant RU veto over
// {beneficiary: UA}"). Apply them with [Scenario.With].
//
// The concrete edits are [Without], [AddActor], [AddGuarantee],
// [AddPosition], [ReplaceActor], [ReplaceGuarantee], [ReplacePosition],
// [Grant], [Revoke], [Set], [WithMandate] and [WithoutMandate]. The set is closed: an edit is only useful if
// scenario files can write it and [compare.Scenarios] can name it.
type Edit interface {
	// String returns the edit as one line a person can read.
	String() string
	// apply changes s, which With has already copied, in place. It checks
	// what the edit needs of s and what it brings into s.
	apply(s *Scenario, c *editCheck) error
}

// ErrEdit is wrapped by every error an edit returns.
var ErrEdit = errors.New("cannot apply")

// EditError is the error of the edit that could not be applied.
type EditError struct {
	Index int    // the edit's index in the list given to With
	Edit  string // the edit, as one line
	Err   error
}

func (e *EditError) Error() string { return e.Edit + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *EditError) Unwrap() error { return e.Err }

// Is makes every EditError match [ErrEdit].
func (e *EditError) Is(target error) bool { return target == ErrEdit }

// With returns a new scenario: s with the edits applied in order. It never
// changes s. Applying edits one call at a time gives the same scenario as
// applying them in one call.
//
// Each edit is checked against the scenario as the edits before it left
// it: what it removes, replaces or sets must exist; what it adds must not;
// every actor it names must exist and what it brings must be well formed;
// and an actor may be removed only when nothing names it any more (remove
// the guarantees and positions that name it first). The first edit that
// fails stops With with an [*EditError]. Edits to actors (add, replace, set
// a field) are checked against the whole membership, since a member list
// can loop or a threshold outgrow its members.
//
// With does not validate the rest of s again: a valid s and edits that
// pass their checks give a valid scenario, and [Evaluate], [deals.Search] and
// [walk.Simulate] validate what they are given in any case. This keeps a
// what-if as cheap as the evaluation that follows it.
//
// The new scenario has its own copy of each list of s that an edit
// changes (actors, guarantees, positions, vetoes, timeline), copied when
// the first edit changes it; lists no edit touches, and the inner lists
// (members, requires, sources) of the elements no edit replaces, are
// shared with s, as a copy of a Go struct shares them. Nothing in this
// module changes a shared list.
func (s Scenario) With(edits ...Edit) (Scenario, error) {
	t := s
	var c editCheck
	for i, e := range edits {
		if e == nil {
			return Scenario{}, &EditError{i, "edit " + strconv.Itoa(i), errors.New("nil edit")}
		}
		if err := e.apply(&t, &c); err != nil {
			return Scenario{}, &EditError{i, e.String(), err}
		}
	}
	return t, nil
}

// editCheck holds what the edits of one With share: the actor index their
// checks reuse, and which lists of the new scenario are its own.
type editCheck struct {
	ax    actor.Index
	owned uint8
}

// The lists of a scenario that edits change, as bits of editCheck.owned.
const (
	ownActors uint8 = 1 << iota
	ownGuarantees
	ownPositions
	ownVetoes
)

// own copies the given list of s the first time an edit changes it, so
// that the edit never writes to the scenario With was given.
func (c *editCheck) own(s *Scenario, list uint8) {
	if c.owned&list != 0 {
		return
	}
	c.owned |= list
	switch list {
	case ownActors:
		s.Actors = slices.Clone(s.Actors)
	case ownGuarantees:
		s.Guarantees = slices.Clone(s.Guarantees)
	case ownPositions:
		s.Positions = slices.Clone(s.Positions)
	case ownVetoes:
		s.Vetoes = slices.Clone(s.Vetoes)
	}
}

// Without removes the actor, guarantee or position with the given ID. A
// position without an ID can be named by its path, "positions[3]", counted
// in the scenario as the edits before left it. An ID that names two kinds
// of element (an actor and a guarantee both called "EU") is refused as
// ambiguous. An actor removed takes its own values with it (what it
// wanted of the deal leaves the table with it); an actor still named
// anywhere else, a selector of another's values among them, is refused,
// with the places that name it. A position removed takes with it the
// weights of values on its candidate veto, which leaves the table with it.
type Without struct {
	ID string
}

func (e Without) String() string { return "without " + e.ID }

func (e Without) apply(s *Scenario, c *editCheck) error {
	ai := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return string(a.ID) == e.ID })
	gi := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return string(g.ID) == e.ID })
	pi := positionIndex(s.Positions, e.ID)
	var kinds []string
	for _, k := range []struct {
		i    int
		name string
	}{{ai, "an actor"}, {gi, "a guarantee"}, {pi, "a position"}} {
		if k.i >= 0 {
			kinds = append(kinds, k.name)
		}
	}
	switch {
	case e.ID == "":
		return errors.New("no ID given")
	case len(kinds) == 0:
		return noID(s, "actor, guarantee or position", e.ID, elemActors|elemGuarantees|elemPositions)
	case len(kinds) > 1:
		return fmt.Errorf("%q is ambiguous: it is %s", e.ID, strings.Join(kinds, " and "))
	case gi >= 0:
		c.own(s, ownGuarantees)
		s.Guarantees = slices.Delete(s.Guarantees, gi, gi+1)
	case pi >= 0:
		c.own(s, ownPositions)
		dropVetoWeights(s, pi)
		s.Positions = slices.Delete(s.Positions, pi, pi+1)
	default:
		values := s.Values
		if slices.ContainsFunc(values, func(v Value) bool { return string(v.Actor) == e.ID }) {
			s.Values = slices.DeleteFunc(slices.Clone(values), func(v Value) bool { return string(v.Actor) == e.ID })
		}
		if refs := references(s, actor.ID(e.ID)); len(refs) > 0 {
			s.Values = values
			return fmt.Errorf("actor %s is still named by %s; remove or change those first", e.ID, sayPlaces(refs))
		}
		c.own(s, ownActors)
		s.Actors = slices.Delete(s.Actors, ai, ai+1)
	}
	return nil
}

// dropVetoWeights removes the weights of values on the candidate veto of
// the pi-th position, which leaves the table with its position, and
// renumbers the paths ("positions[5]") of the positions after it, copying
// the values it changes. It runs before the position is removed.
func dropVetoWeights(s *Scenario, pi int) {
	var values []Value
	for i, v := range s.Values {
		ws := make([]Weight, 0, len(v.Weights))
		for _, w := range v.Weights {
			if w.Veto != "" {
				k := s.PositionIndex(w.Veto)
				if k == pi {
					continue
				}
				if k > pi && w.Veto != s.Positions[k].ID {
					w.Veto = "positions[" + strconv.Itoa(k-1) + "]"
				}
			}
			ws = append(ws, w)
		}
		if len(ws) == len(v.Weights) {
			continue
		}
		if values == nil {
			values = slices.Clone(s.Values)
		}
		values[i].Weights = ws
	}
	if values != nil {
		s.Values = values
	}
}

// positionIndex finds a position by its ID or by its path "positions[i]".
func positionIndex(ps []Position, id string) int {
	if i := slices.IndexFunc(ps, func(p Position) bool { return p.ID != "" && p.ID == id }); i >= 0 {
		return i
	}
	if rest, ok := strings.CutPrefix(id, "positions["); ok {
		if n, ok := strings.CutSuffix(rest, "]"); ok {
			if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(ps) && strconv.Itoa(i) == n {
				return i
			}
		}
	}
	return -1
}

// Kinds of element an edit names by ID, for noID.
const (
	elemActors uint8 = 1 << iota
	elemGuarantees
	elemPositions
)

// noID returns the error for an ID that no element of the given kinds of
// s has ("no guarantee has ID ..."), with "did you mean" when one of their
// IDs is close to it, as for an unknown actor ([suggest.Closest]; ties go
// to the first ID in sorted order).
func noID(s *Scenario, what, id string, kinds uint8) error {
	var ids []string
	if kinds&elemActors != 0 {
		for _, a := range s.Actors {
			ids = append(ids, string(a.ID))
		}
	}
	if kinds&elemGuarantees != 0 {
		for _, g := range s.Guarantees {
			ids = append(ids, string(g.ID))
		}
	}
	if kinds&elemPositions != 0 {
		for _, p := range s.Positions {
			if p.ID != "" {
				ids = append(ids, p.ID)
			}
		}
	}
	slices.Sort(ids)
	if best, ok := suggest.Closest(id, ids); ok {
		return fmt.Errorf("no %s has ID %q; did you mean %q?", what, id, best)
	}
	return fmt.Errorf("no %s has ID %q", what, id)
}

// sayPlaces lists up to three places, and how many more there are.
func sayPlaces(refs []string) string {
	const show = 3
	if len(refs) <= show {
		return strings.Join(refs, ", ")
	}
	return strings.Join(refs[:show], ", ") + " and " + strconv.Itoa(len(refs)-show) + " more"
}

// references returns the places in s that name the actor id.
func references(s *Scenario, id actor.ID) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for i, a := range s.Actors {
		if slices.Contains(a.Members, id) {
			add("actors[%d].members (%s)", i, a.ID)
		}
		if slices.Contains(a.Vetoes, id) {
			add("actors[%d].vetoes (%s)", i, a.ID)
		}
	}
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		for _, f := range guaranteeRefs(g, id) {
			add("guarantees[%d].%s (%s)", i, f, g.ID)
		}
	}
	for i := range s.Positions {
		p := &s.Positions[i]
		name := words.PositionRef(p.ID, i)
		if p.Actor == id {
			add("positions[%d].actor (%s)", i, name)
		}
		if slices.Contains(p.By, id) {
			add("positions[%d].by (%s)", i, name)
		}
		if f := selectorRef(&p.Select, id); f != "" {
			add("positions[%d].%s (%s)", i, f, name)
		}
	}
	for i := range s.Vetoes {
		v := &s.Vetoes[i]
		if v.Holder == id {
			add("vetoes[%d].holder", i)
		}
		if f := selectorRef(&v.Over, id); f != "" {
			add("vetoes[%d].over.%s", i, f)
		}
	}
	for i := range s.Values {
		v := &s.Values[i]
		if v.Actor == id {
			add("values[%d].actor", i)
		}
		for j := range v.Weights {
			if w := &v.Weights[j]; w.Veto == "" {
				if f := selectorRef(&w.Select, id); f != "" {
					add("values[%d].weights[%d].select.%s", i, j, f)
				}
			}
		}
	}
	for i, e := range s.Timeline {
		if slices.Contains(e.Args, id) {
			add("timeline[%d] (%s)", i, e)
		}
	}
	return out
}

// guaranteeRefs returns the fields of g that name the actor id.
func guaranteeRefs(g *guarantee.Guarantee, id actor.ID) []string {
	var out []string
	if g.Provider == id {
		out = append(out, "provider")
	}
	if g.Beneficiary == id {
		out = append(out, "beneficiary")
	}
	if g.Target == id {
		out = append(out, "target")
	}
	for e := range g.Trigger.All() {
		if slices.Contains(e.Args, id) {
			out = append(out, "trigger")
			break
		}
	}
	if slices.Contains(g.Activation.Actors, id) {
		out = append(out, "activation")
	}
	if g.Mandate.Body == id {
		out = append(out, "mandate.body")
	}
	return out
}

// selectorRef returns the first field of sel that names the actor id, or "".
func selectorRef(sel *guarantee.Selector, id actor.ID) string {
	switch id {
	case sel.Provider:
		return "provider"
	case sel.ProviderIn:
		return "provider-in"
	case sel.Beneficiary:
		return "beneficiary"
	case sel.Target:
		return "target"
	}
	return ""
}

// AddActor adds an actor. Its ID must be new and its members must exist.
type AddActor struct {
	Actor actor.Actor
}

func (e AddActor) String() string { return "add actor " + string(e.Actor.ID) }

// AddActors returns one [AddActor] edit for each of actors, in the order
// given, so that a body listed after its members finds them:
//
//	s.With(scenario.AddActors(pl, de, fr, coalition)...)
//
// Each edit prints, applies and is written in a file as the AddActor it is
// ("add actor PL", add-actor: {id: PL}).
func AddActors(actors ...actor.Actor) []Edit {
	edits := make([]Edit, len(actors))
	for i, a := range actors {
		edits[i] = AddActor{Actor: a}
	}
	return edits
}

func (e AddActor) apply(s *Scenario, c *editCheck) error {
	if slices.ContainsFunc(s.Actors, func(a actor.Actor) bool { return a.ID == e.Actor.ID }) {
		return fmt.Errorf("actor %s already exists; replace it instead", e.Actor.ID)
	}
	c.own(s, ownActors)
	s.Actors = append(s.Actors, e.Actor)
	return c.actors(s)
}

// ReplaceActor replaces the actor with the same ID.
type ReplaceActor struct {
	Actor actor.Actor
}

func (e ReplaceActor) String() string { return "replace actor " + string(e.Actor.ID) }

func (e ReplaceActor) apply(s *Scenario, c *editCheck) error {
	i := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return a.ID == e.Actor.ID })
	if i < 0 {
		return noID(s, "actor", string(e.Actor.ID), elemActors)
	}
	c.own(s, ownActors)
	s.Actors[i] = e.Actor
	return c.actors(s)
}

// actors checks the actors of s as a whole (IDs, members, rules, loops),
// and that no body(X) activation now names a state.
func (c *editCheck) actors(s *Scenario) error {
	if err := c.ax.Reset(s.Actors); err != nil {
		return err
	}
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		if err := asideNoBody(g, c.ax.Lookup); err != nil {
			return fmt.Errorf("guarantees[%d].parties-aside: %w", i, err)
		}
		if g.Activation.Mode != guarantee.ByBody || len(g.Activation.Actors) == 0 {
			continue
		}
		if a, ok := c.ax.Lookup(g.Activation.Actors[0]); ok && !a.Kind.IsBody() {
			return fmt.Errorf("guarantees[%d].activation: body(%s): %w: %s is a state", i, a.ID, ErrNotABody, a.ID)
		}
	}
	return nil
}

// AddGuarantee adds a guarantee to the offers on the table. Its ID must be
// new, it must be well formed, and every actor it names must exist.
type AddGuarantee struct {
	Guarantee guarantee.Guarantee
}

func (e AddGuarantee) String() string { return "add guarantee " + string(e.Guarantee.ID) }

func (e AddGuarantee) apply(s *Scenario, c *editCheck) error {
	if slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == e.Guarantee.ID }) {
		return fmt.Errorf("guarantee %s already exists; replace it instead", e.Guarantee.ID)
	}
	c.own(s, ownGuarantees)
	s.Guarantees = append(s.Guarantees, e.Guarantee)
	return c.guarantee(s, len(s.Guarantees)-1)
}

// ReplaceGuarantee replaces the guarantee with the same ID.
type ReplaceGuarantee struct {
	Guarantee guarantee.Guarantee
}

func (e ReplaceGuarantee) String() string { return "replace guarantee " + string(e.Guarantee.ID) }

func (e ReplaceGuarantee) apply(s *Scenario, c *editCheck) error {
	i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == e.Guarantee.ID })
	if i < 0 {
		return noID(s, "guarantee", string(e.Guarantee.ID), elemGuarantees)
	}
	c.own(s, ownGuarantees)
	s.Guarantees[i] = e.Guarantee
	return c.guarantee(s, i)
}

// guarantee checks the i-th guarantee of s, as Validate would.
func (c *editCheck) guarantee(s *Scenario, i int) error {
	return c.part(s, func(t *Scenario) {
		t.Guarantees = s.Guarantees[i : i+1]
	}, "guarantees", i)
}

// AddPosition adds a position. Its ID, when it has one, must be new.
type AddPosition struct {
	Position Position
}

func (e AddPosition) String() string { return "add position " + describePosition(e.Position) }

// describePosition returns "ID (actor stance selector)", or the position
// alone when it has no ID.
func describePosition(p Position) string {
	if p.ID == "" {
		return p.String()
	}
	return p.ID + " (" + p.String() + ")"
}

func (e AddPosition) apply(s *Scenario, c *editCheck) error {
	if e.Position.ID != "" && slices.ContainsFunc(s.Positions, func(p Position) bool { return p.ID == e.Position.ID }) {
		return fmt.Errorf("position %s already exists; replace it instead", e.Position.ID)
	}
	c.own(s, ownPositions)
	s.Positions = append(s.Positions, e.Position)
	return c.position(s, len(s.Positions)-1)
}

// ReplacePosition replaces the position with the same ID (or at the same
// path, "positions[3]", when the position has no ID).
type ReplacePosition struct {
	// At names the position to replace when Position.ID does not: its ID
	// or path. Empty means Position.ID.
	At       string
	Position Position
}

func (e ReplacePosition) String() string {
	return "replace position " + e.target() + " with " + e.Position.String()
}

func (e ReplacePosition) target() string {
	if e.At != "" {
		return e.At
	}
	return e.Position.ID
}

func (e ReplacePosition) apply(s *Scenario, c *editCheck) error {
	i := positionIndex(s.Positions, e.target())
	if i < 0 {
		return noID(s, "position", e.target(), elemPositions)
	}
	if id := e.Position.ID; id != "" && id != s.Positions[i].ID &&
		slices.ContainsFunc(s.Positions, func(p Position) bool { return p.ID == id }) {
		return fmt.Errorf("position %s already exists", id)
	}
	c.own(s, ownPositions)
	s.Positions[i] = e.Position
	return c.position(s, i)
}

// position checks the i-th position of s, as Validate would.
func (c *editCheck) position(s *Scenario, i int) error {
	return c.part(s, func(t *Scenario) {
		t.Positions = s.Positions[i : i+1]
	}, "positions", i)
}

// Grant adds a granted veto: the deal makes Veto.Holder a veto holder of
// every guarantee Veto.Over picks.
type Grant struct {
	Veto Veto
}

func (e Grant) String() string {
	return "grant " + string(e.Veto.Holder) + " veto over " + e.Veto.Over.String()
}

func (e Grant) apply(s *Scenario, c *editCheck) error {
	c.own(s, ownVetoes)
	s.Vetoes = append(s.Vetoes, e.Veto)
	i := len(s.Vetoes) - 1
	// The checks Validate makes of a veto, without indexing every actor.
	v := &s.Vetoes[i]
	var errs Errors
	add := func(field string, err error) {
		errs = append(errs, &FieldError{"vetoes[" + strconv.Itoa(i) + "]." + field, err})
	}
	if err := known(s, v.Holder, true); err != nil {
		add("holder", err)
	}
	if v.Likelihood != nil && !guarantee.ValidLikelihood(*v.Likelihood) {
		add("likelihood", fmt.Errorf("%w: %v", guarantee.ErrLikelihood, *v.Likelihood))
	}
	for _, p := range v.Over.Check() {
		add("over."+p.Field, p.Err)
	}
	for _, f := range []struct {
		name string
		id   actor.ID
	}{{"provider", v.Over.Provider}, {"provider-in", v.Over.ProviderIn}, {"beneficiary", v.Over.Beneficiary}, {"target", v.Over.Target}} {
		if err := known(s, f.id, false); err != nil {
			add("over."+f.name, err)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// known checks that id names an actor of s; an empty id is a problem only
// when required.
func known(s *Scenario, id actor.ID, required bool) error {
	switch {
	case id == "" && !required:
		return nil
	case id == "":
		return guarantee.ErrMissing
	case slices.ContainsFunc(s.Actors, func(a actor.Actor) bool { return a.ID == id }):
		return nil
	}
	return unknownActor(id, s.Actors)
}

// Revoke removes the granted vetoes Holder holds: those over Over when
// Over is set, else all of them. It is refused when it would remove none.
//
// Over is a pointer, unlike [Veto.Over], because nil has a meaning of its
// own: a nil Over revokes every veto Holder holds ("revoke RU vetoes"),
// while a pointer to the zero Selector revokes only Holder's vetoes over
// {}, every guarantee ("revoke RU veto over {}"), which [Diff] needs when a
// holder keeps its other vetoes.
type Revoke struct {
	Holder actor.ID
	Over   *guarantee.Selector
}

func (e Revoke) String() string {
	if e.Over == nil {
		return "revoke " + string(e.Holder) + " vetoes"
	}
	return "revoke " + string(e.Holder) + " veto over " + e.Over.String()
}

func (e Revoke) apply(s *Scenario, c *editCheck) error {
	c.own(s, ownVetoes)
	n := len(s.Vetoes)
	s.Vetoes = slices.DeleteFunc(s.Vetoes, func(v Veto) bool {
		return v.Holder == e.Holder && (e.Over == nil || v.Over.Equal(*e.Over))
	})
	if len(s.Vetoes) == n {
		if e.Over == nil {
			return fmt.Errorf("the deal grants %s no veto", e.Holder)
		}
		return fmt.Errorf("the deal grants %s no veto over %s", e.Holder, e.Over)
	}
	return nil
}

// part checks the element at list[i] of s by validating a scenario made of
// s's actors and sources and that one element (which keep returns), and
// reports its problems at its place in s.
func (c *editCheck) part(s *Scenario, keep func(t *Scenario), list string, i int) error {
	t := Scenario{Actors: s.Actors, Sources: s.Sources}
	keep(&t)
	err := Validate(t)
	if err == nil {
		return nil
	}
	var es Errors
	if errors.As(err, &es) {
		for _, fe := range es {
			if rest, ok := strings.CutPrefix(fe.Path, list+"[0]"); ok {
				fe.Path = list + "[" + strconv.Itoa(i) + "]" + rest
			}
		}
	}
	return err
}

// Set sets one field to a value written as in a scenario file. Field is
// "ID.field", where ID names an actor, a guarantee or a position, or one of
// the scenario's own fields: "name", "as-of", "description", "timeline".
//
//   - a guarantee's provider, beneficiary, kind, target, location, strength,
//     trigger, activation, requires, likelihood, note;
//   - an actor's name, kind, members, decides, threshold, vetoes, note;
//   - a position's actor, stance, by, likelihood, note, and its selector's kind,
//     provider, provider-in, beneficiary, target, location, ids.
//
// Lists (members, requires, by, ids, timeline) are written "a, b" or
// "[a, b]"; an event of the timeline may carry its date before it,
// "2009-06-15 renewal(UNSC), 2009-06-16 ceasefire", and dates must not go
// backwards ([ErrTimelineOrder]); a likelihood is a number from 0 to 1; an empty value clears a
// field. Set{Field:
// "us-air-support.strength", Value: "treaty"} prints as "set
// us-air-support.strength = treaty".
type Set struct {
	Field string
	Value string
}

func (e Set) String() string { return "set " + e.Field + " = " + e.Value }

func (e Set) apply(s *Scenario, c *editCheck) error {
	switch e.Field {
	case "name":
		s.Name = e.Value
		return nil
	case "description":
		s.Description = e.Value
		return nil
	case "as-of":
		if e.Value != "" && !isDate(e.Value) {
			return fmt.Errorf("%w; found %q", ErrInvalidAsOf, e.Value)
		}
		s.AsOf = e.Value
		return nil
	case "timeline":
		var tl []guarantee.Event
		for _, item := range splitList(e.Value) {
			ev, err := guarantee.ParseDatedEvent(item)
			if err != nil {
				return err
			}
			tl = append(tl, ev)
		}
		s.Timeline = tl
		return Validate(Scenario{Actors: s.Actors, Timeline: tl})
	}
	id, field, ok := strings.Cut(e.Field, ".")
	if !ok || id == "" || field == "" {
		return fmt.Errorf("field %q: want ID.field, or name, as-of, description or timeline", e.Field)
	}
	ai := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return string(a.ID) == id })
	gi := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return string(g.ID) == id })
	pi := positionIndex(s.Positions, id)
	found := 0
	for _, i := range []int{ai, gi, pi} {
		if i >= 0 {
			found++
		}
	}
	switch {
	case found > 1:
		return fmt.Errorf("%q is ambiguous: more than one of the actors, guarantees and positions has that ID", id)
	case gi >= 0:
		g := s.Guarantees[gi]
		if err := setGuarantee(&g, field, e.Value); err != nil {
			return err
		}
		c.own(s, ownGuarantees)
		s.Guarantees[gi] = g
		return c.guarantee(s, gi)
	case pi >= 0:
		p := s.Positions[pi]
		if err := setPosition(&p, field, e.Value); err != nil {
			return err
		}
		c.own(s, ownPositions)
		s.Positions[pi] = p
		return c.position(s, pi)
	case ai >= 0:
		a := s.Actors[ai]
		if err := setActor(&a, field, e.Value); err != nil {
			return err
		}
		c.own(s, ownActors)
		s.Actors[ai] = a
		return c.actors(s)
	}
	return noID(s, "actor, guarantee or position", id, elemActors|elemGuarantees|elemPositions)
}

// WithMandate gives the guarantee with ID Guarantee a mandate, in place of
// any it had: the body that renews it, how often, from when, and when it
// ends. The body must be an actor of the scenario, and the mandate well
// formed (see [guarantee.Mandate]); the zero Mandate is refused (remove a
// mandate with [WithoutMandate]). It prints as "with mandate eu-force:
// renewed by UNSC every 6 months". A mandate is edited whole, not field by
// field, so that every mandate edit leaves one that stands on its own.
type WithMandate struct {
	Guarantee guarantee.ID
	Mandate   guarantee.Mandate
}

func (e WithMandate) String() string {
	if e.Mandate.IsZero() {
		return "with mandate " + string(e.Guarantee)
	}
	return "with mandate " + string(e.Guarantee) + ": " + e.Mandate.String()
}

func (e WithMandate) apply(s *Scenario, c *editCheck) error {
	i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == e.Guarantee })
	switch {
	case i < 0:
		return noID(s, "guarantee", string(e.Guarantee), elemGuarantees)
	case e.Mandate.IsZero():
		return fmt.Errorf("%w: a mandate needs a body that renews it, an end date, or both; to remove %s's, write without mandate %s", guarantee.ErrMissing, e.Guarantee, e.Guarantee)
	}
	c.own(s, ownGuarantees)
	s.Guarantees[i].Mandate = e.Mandate
	return c.guarantee(s, i)
}

// WithoutMandate removes the mandate of the guarantee with ID Guarantee,
// which then lasts as long as the deal. A guarantee with no mandate is
// refused. It prints as "without mandate eu-force".
type WithoutMandate struct {
	Guarantee guarantee.ID
}

func (e WithoutMandate) String() string { return "without mandate " + string(e.Guarantee) }

func (e WithoutMandate) apply(s *Scenario, c *editCheck) error {
	i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == e.Guarantee })
	switch {
	case i < 0:
		return noID(s, "guarantee", string(e.Guarantee), elemGuarantees)
	case s.Guarantees[i].Mandate.IsZero():
		return fmt.Errorf("guarantee %s has no mandate", e.Guarantee)
	}
	c.own(s, ownGuarantees)
	s.Guarantees[i].Mandate = guarantee.Mandate{}
	return nil
}

// splitList splits "a, b" or "[a, b]" at the commas outside parentheses,
// so that "peace-deal, attack(RU, UA)" is two items.
func splitList(v string) []string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	if v == "" {
		return nil
	}
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(v[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(v[start:]))
}

func actorIDs(v string) []actor.ID {
	var out []actor.ID
	for _, s := range splitList(v) {
		out = append(out, actor.ID(s))
	}
	return out
}

func unknownField(what, field, known string) error {
	return fmt.Errorf("%s has no field %q: want one of %s", what, field, known)
}

func setGuarantee(g *guarantee.Guarantee, field, v string) error {
	var err error
	switch field {
	case "provider":
		g.Provider = actor.ID(v)
	case "beneficiary":
		g.Beneficiary = actor.ID(v)
	case "target":
		g.Target = actor.ID(v)
	case "location":
		g.Location = v
	case "note":
		g.Note = v
	case "kind":
		g.Kind, err = guarantee.ParseKind(v)
	case "strength":
		g.Strength, err = guarantee.ParseStrength(v)
	case "trigger":
		g.Trigger = guarantee.Condition{}
		if v != "" {
			g.Trigger, err = guarantee.ParseCondition(v)
		}
	case "activation":
		aside := g.Activation.PartiesAside
		g.Activation = guarantee.Activation{}
		if v != "" {
			g.Activation, err = guarantee.ParseActivation(v)
		}
		g.Activation.PartiesAside = aside
	case "parties-aside":
		g.Activation.PartiesAside, err = parseAside(v)
	case "requires":
		g.Requires = nil
		for _, s := range splitList(v) {
			g.Requires = append(g.Requires, guarantee.ID(s))
		}
	case "likelihood":
		g.Likelihood, err = parseLikelihood(v)
	default:
		return unknownField("a guarantee", field, "provider, beneficiary, kind, target, location, strength, trigger, activation, parties-aside, requires, likelihood, note")
	}
	return err
}

func setActor(a *actor.Actor, field, v string) error {
	var err error
	switch field {
	case "name":
		a.Name = v
	case "note":
		a.Note = v
	case "kind":
		a.Kind, err = actor.ParseKind(v)
	case "members":
		a.Members = actorIDs(v)
	case "vetoes":
		a.Vetoes = actorIDs(v)
	case "decides":
		a.Decides = actor.Default
		if v != "" {
			a.Decides, err = actor.ParseDecision(v)
		}
	case "threshold":
		a.Threshold = 0
		if v != "" {
			a.Threshold, err = strconv.Atoi(v)
			if err != nil || a.Threshold < 0 {
				err = fmt.Errorf("threshold %q: want a whole number, 0 or more", v)
			}
		}
	case "parties-aside":
		a.PartiesAside, err = parseAside(v)
	default:
		return unknownField("an actor", field, "name, kind, members, decides, threshold, vetoes, parties-aside, note")
	}
	return err
}

func setPosition(p *Position, field, v string) error {
	var err error
	sel := &p.Select
	switch field {
	case "actor":
		p.Actor = actor.ID(v)
	case "note":
		p.Note = v
	case "stance":
		p.Stance, err = ParseStance(v)
	case "by":
		p.By = actorIDs(v)
	case "likelihood":
		p.Likelihood, err = parseLikelihood(v)
	case "kind":
		sel.Kind = ""
		if v != "" {
			sel.Kind, err = guarantee.ParseKind(v)
		}
	case "provider":
		sel.Provider = actor.ID(v)
	case "provider-in":
		sel.ProviderIn = actor.ID(v)
	case "beneficiary":
		sel.Beneficiary = actor.ID(v)
	case "target":
		sel.Target = actor.ID(v)
	case "location":
		sel.Location = v
	case "ids":
		sel.IDs = nil
		for _, s := range splitList(v) {
			sel.IDs = append(sel.IDs, guarantee.ID(s))
		}
	default:
		return unknownField("a position", field, "actor, stance, by, likelihood, note, kind, provider, provider-in, beneficiary, target, location, ids")
	}
	return err
}

// parseLikelihood reads a likelihood as Set writes it: a number from 0 to
// 1, or "" for none (certain).
func parseLikelihood(v string) (*float64, error) {
	if v == "" {
		return nil, nil
	}
	p, err := strconv.ParseFloat(v, 64)
	if err != nil || !guarantee.ValidLikelihood(p) {
		return nil, fmt.Errorf("%w; found %q", guarantee.ErrLikelihood, v)
	}
	return &p, nil
}

// likelihoodText writes a likelihood as parseLikelihood reads it.
func likelihoodText(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// Variant is a named what-if written into a scenario: a list of edits to
// apply to it. Scenario files carry variants in their variants section.
type Variant struct {
	Name    string
	Note    string
	Sources []string
	Edits   []Edit
}

// ErrNoVariant is returned by [Scenario.Variant] for a name the scenario
// does not define.
var ErrNoVariant = errors.New("no such variant")

// AsWritten names the scenario as written, with no variant applied:
// s.Variant(AsWritten) is s itself. It is the empty name, which no variant
// may have, so that a what-if that names no variant (entente's --variant
// left out) is the scenario as written, and a loop over
// AsWritten and every variant's name covers the file.
const AsWritten = ""

// Variant returns the scenario s becomes under its variant of the given
// name: s with the variant's edits applied, named "NAME (variant V)", and
// without variants of its own (they are written against s, not against
// the variant). Variant(AsWritten) returns s unchanged, its name and
// variants kept.
func (s Scenario) Variant(name string) (Scenario, error) {
	if name == AsWritten {
		return s, nil
	}
	i := slices.IndexFunc(s.Variants, func(v Variant) bool { return v.Name == name })
	if i < 0 {
		names := make([]string, len(s.Variants))
		for k, v := range s.Variants {
			names[k] = v.Name
		}
		if len(names) == 0 {
			return Scenario{}, fmt.Errorf("%w %q: the scenario has none", ErrNoVariant, name)
		}
		return Scenario{}, fmt.Errorf("%w %q: want one of %s", ErrNoVariant, name, strings.Join(names, ", "))
	}
	v := s.Variants[i]
	t, err := s.With(v.Edits...)
	if err != nil {
		return Scenario{}, fmt.Errorf("variant %s: %w", name, err)
	}
	t.Variants = nil
	t.Name = variantName(s.Name, name)
	return t, nil
}

func variantName(base, variant string) string {
	if base == "" {
		return "variant " + variant
	}
	return base + " (variant " + variant + ")"
}
