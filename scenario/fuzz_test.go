package scenario_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// FuzzEvaluate checks the promises of Validate and Evaluate on scenarios
// near the valid ones: internal/synth generates a valid scenario from
// seed and size, and edits, read as a little program, changes a few of
// its fields, often into something invalid (an unknown actor, a repeated
// ID, a stance out of range, a membership loop).
//
// On a scenario Validate accepts, Evaluate must not panic, must return no
// error and the same report twice, must leave the scenario as it was,
// and must keep every report's invariants (the verdict is compatible
// exactly when no finding is an error; each finding's actors and
// guarantees are sorted and unique), and the indexes that large
// scenarios use must give the report that scanning gives. On a scenario
// Validate rejects,
// Evaluate must return an error and the zero Report, and the error must
// be a scenario.Errors whose every element has a path.
//
// Run it with
//
//	go test ./scenario -run '^$' -fuzz FuzzEvaluate -fuzztime 60s
func FuzzEvaluate(f *testing.F) {
	f.Add(uint64(0), uint8(0), []byte(nil))                          // the generator alone
	f.Add(uint64(1), uint8(39), []byte(nil))                         // the largest size
	f.Add(uint64(2), uint8(5), []byte{opProvider, 0, 0})             // a guarantee by another provider
	f.Add(uint64(3), uint8(9), []byte{opTrigger, 1, 2, 0, 1})        // an attack trigger
	f.Add(uint64(4), uint8(12), []byte{opActivation, 3, 4, 1, 2, 3}) // a consent activation
	f.Add(uint64(5), uint8(7), []byte{opStance, 0, 7})               // a stance out of range
	f.Add(uint64(6), uint8(20), []byte{opAddVeto, 1, 1, 2, opRemoveActor, 3})
	f.Add(uint64(7), uint8(30), []byte{opMembers, 20, 0, 5, opThreshold, 20, 9})
	f.Add(uint64(8), uint8(3), []byte{opDuplicateID, 0, 1, 2, opUnknownActor, 1, 2})
	f.Add(uint64(9), uint8(16), []byte{opRequires, 0, 0, 1, opBy, 4, 0, 1, opSelector, 4, 2, 0})
	f.Fuzz(func(t *testing.T, seed uint64, size uint8, edits []byte) {
		// One seed in three sets the parties aside now and then.
		s := synth.Generate(synth.Config{Guarantees: 1 + int(size)%40, Seed: seed, PartiesAside: int(seed%3) * 20})
		ed := editor{s: &s, b: edits}
		ed.run(maxEdits)
		before := testkit.CloneScenario(s)

		verr := scenario.Validate(s)
		r, err := scenario.Evaluate(s)
		if !cmp.Equal(before, s) {
			t.Fatalf("Validate or Evaluate changed the scenario (-before +after):\n%s", cmp.Diff(before, s))
		}

		if verr != nil {
			checkErrors(t, "Validate", verr)
			if err == nil {
				t.Fatalf("Validate(...) = %v, but Evaluate(...) returned no error", verr)
			}
			checkErrors(t, "Evaluate", err)
			if diff := cmp.Diff(verr.Error(), err.Error()); diff != "" {
				t.Errorf("Evaluate returns the errors of Validate (-Validate +Evaluate):\n%s", diff)
			}
			if diff := cmp.Diff(scenario.Report{}, r); diff != "" {
				t.Errorf("Evaluate(...) returned half a report with its error (-want +got):\n%s", diff)
			}
			return
		}

		if err != nil {
			t.Fatalf("Validate(...) = nil, but Evaluate(...) = %v", err)
		}
		again, err := scenario.Evaluate(s)
		if err != nil {
			t.Fatalf("second Evaluate(...) = %v", err)
		}
		if !cmp.Equal(r, again) {
			t.Errorf("Evaluate is not deterministic (-first +second):\n%s", cmp.Diff(r, again))
		}
		// Scenarios this small are evaluated by scanning every guarantee;
		// the indexes large ones use must pick the same guarantees.
		indexed, err := scenario.EvaluateIndexed(s, true)
		if err != nil {
			t.Fatalf("Evaluate(...) through the indexes = %v", err)
		}
		if !cmp.Equal(r, indexed) {
			t.Errorf("Evaluate through the indexes differs from scanning (-scan +index):\n%s", cmp.Diff(r, indexed))
		}
		if !cmp.Equal(before, s) {
			t.Fatalf("Evaluate changed the scenario (-before +after):\n%s", cmp.Diff(before, s))
		}
		hasError := slices.ContainsFunc(r.Findings, func(f scenario.Finding) bool { return f.Severity == scenario.Error })
		if diff := cmp.Diff(!hasError, r.Verdict == scenario.Compatible); diff != "" {
			t.Errorf("verdict %v with findings:\n%s\ncompatible iff no finding is an error (-want +got):\n%s", r.Verdict, testkit.ListFindings(r.Findings), diff)
		}
		for _, f := range r.Findings {
			if !slices.IsSorted(f.Actors) {
				t.Errorf("finding %v: actors %q not sorted", f, f.Actors)
			}
			if !slices.IsSorted(f.Guarantees) {
				t.Errorf("finding %v: guarantees %q not sorted", f, f.Guarantees)
			}
		}
		testkit.CheckInvariants(t, r)
	})
}

// checkErrors fails t unless err is a scenario.Errors (not merely one
// that wraps it) of at least one problem, each with a path and an error.
func checkErrors(t *testing.T, fn string, err error) {
	t.Helper()
	es, ok := err.(scenario.Errors)
	if !ok {
		t.Fatalf("%s(...) error %v is a %T; want a scenario.Errors", fn, err, err)
	}
	if len(es) == 0 {
		t.Fatalf("%s(...) returned an empty scenario.Errors as an error", fn)
	}
	for i, e := range es {
		switch {
		case e == nil:
			t.Errorf("%s(...) error [%d] is nil", fn, i)
		case e.Path == "":
			t.Errorf("%s(...) error [%d] %q has no path", fn, i, e)
		case e.Err == nil:
			t.Errorf("%s(...) error [%d] at %s has no error", fn, i, e.Path)
		}
	}
	if _, ok := errors.AsType[*scenario.FieldError](err); !ok {
		t.Errorf("%s(...) error: errors.AsType finds no *scenario.FieldError inside", fn)
	}
}

// maxEdits is the most edits one input makes: a few, so that a scenario
// stays near a valid one and the fuzzer explores each edit's effect.
const maxEdits = 6

// The edits. An input's edit bytes are read in turn: one byte picks the
// edit (modulo their number), the next ones pick what it changes.
const (
	opProvider = iota
	opBeneficiary
	opKind
	opTrigger
	opActivation
	opRequires
	opTarget
	opLocation
	opStrength
	opStance
	opPositionActor
	opSelector
	opBy
	opAddVeto
	opRemoveVeto
	opVetoHolder
	opDecides
	opThreshold
	opVetoes
	opMembers
	opActorKind
	opRemoveActor
	opDuplicateID
	opUnknownActor
	opRemoveGuarantee
	opRemovePosition
	opTimeline
	opAsOf
	opAddGuarantee
	opAddPosition
	opSources
	numOps
)

// editor applies edits read from b to s.
type editor struct {
	s *scenario.Scenario
	b []byte
}

// next returns the next byte of the edits, or 0 once they are used up.
func (e *editor) next() int {
	if len(e.b) == 0 {
		return 0
	}
	x := e.b[0]
	e.b = e.b[1:]
	return int(x)
}

// pick returns a number from 0 to n-1 read from the edits; n must be
// positive.
func (e *editor) pick(n int) int { return e.next() % n }

// run applies at most n edits.
func (e *editor) run(n int) {
	for k := 0; k < n && len(e.b) > 0; k++ {
		e.apply(e.pick(numOps))
	}
}

// actorID returns an actor of the scenario, or now and then the empty ID,
// an unknown one, or a malformed one.
func (e *editor) actorID() actor.ID {
	as := e.s.Actors
	k := e.pick(len(as) + 3)
	if k < len(as) {
		return as[k].ID
	}
	return [...]actor.ID{"", "ZZ", "bad id"}[k-len(as)]
}

// kinds are the kinds edits choose from: named ones, a user's own, and
// malformed ones.
var kinds = append(guarantee.Named(), "", "military/air-support/f-16", "Military", "military/")

var locations = []string{"", "black-sea", "B1", " B1", "airspace"}

func (e *editor) trigger() guarantee.Condition {
	a, b := e.actorID(), e.actorID()
	peace := guarantee.On(guarantee.EventPeaceDeal)
	switch e.pick(12) {
	case 1:
		return peace
	case 2:
		return guarantee.Attack(a, b)
	case 3:
		return guarantee.On(guarantee.EventViolation, a)
	case 4: // can never hold
		return guarantee.AllOf(peace, guarantee.NotOf(peace))
	case 5:
		return guarantee.AnyOf(guarantee.Attack(a, b), guarantee.NotOf(guarantee.On(guarantee.EventViolation, a)))
	case 6: // malformed: not of nothing
		return guarantee.Condition{Op: guarantee.Not}
	case 7: // malformed: the empty condition with a sub-condition
		return guarantee.Condition{Sub: []guarantee.Condition{guarantee.Attack(a, b)}}
	case 8:
		return guarantee.NotOf(guarantee.NotOf(guarantee.AllOf(peace, guarantee.Attack(a, b))))
	case 9: // malformed event name
		return guarantee.On("peace_deal")
	case 10: // an attack with no actors names no attacker
		return guarantee.On(guarantee.EventAttack)
	case 11:
		return guarantee.AllOf(guarantee.Attack(a, b), guarantee.NotOf(guarantee.Attack(a, b)), guarantee.On(guarantee.EventCeasefire))
	}
	return guarantee.Condition{}
}

func (e *editor) activation() guarantee.Activation {
	switch e.pick(9) {
	case 1:
		return guarantee.Activation{Mode: guarantee.Automatic}
	case 2:
		return guarantee.ConsentOf(e.actorID())
	case 3:
		return guarantee.ConsentOf(e.actorID(), e.actorID())
	case 4:
		return guarantee.DecidedBy(e.actorID())
	case 5:
		return guarantee.Activation{Mode: guarantee.Consent}
	case 6:
		return guarantee.Activation{Mode: guarantee.ByBody, Actors: []actor.ID{e.actorID(), e.actorID()}}
	case 7:
		return guarantee.Activation{Mode: 9}
	case 8:
		return guarantee.Activation{Mode: guarantee.ByProvider, Actors: []actor.ID{e.actorID()}}
	}
	return guarantee.Activation{}
}

// guaranteeID returns the ID of a guarantee of the scenario, or now and
// then one that is absent, empty or malformed.
func (e *editor) guaranteeID() guarantee.ID {
	gs := e.s.Guarantees
	k := e.pick(len(gs) + 3)
	if k < len(gs) {
		return gs[k].ID
	}
	return [...]guarantee.ID{"absent", "", "bad id"}[k-len(gs)]
}

// selector sets one field of sel, or clears it.
func (e *editor) selector(sel *guarantee.Selector) {
	switch e.pick(9) {
	case 0:
		sel.Kind = kinds[e.pick(len(kinds))]
	case 1:
		sel.Provider = e.actorID()
	case 2:
		sel.ProviderIn = e.actorID()
	case 3:
		sel.Beneficiary = e.actorID()
	case 4:
		sel.Target = e.actorID()
	case 5:
		sel.Location = locations[e.pick(len(locations))]
	case 6:
		sel.IDs = append(slices.Clone(sel.IDs), e.guaranteeID())
	case 7:
		*sel = guarantee.Selector{}
	case 8:
		sel.IDs = nil
	}
}

// apply makes the edit op, reading what it needs from the edits. An edit
// of a list that is empty does nothing.
func (e *editor) apply(op int) {
	s := e.s
	gs, ps, as := s.Guarantees, s.Positions, s.Actors
	guaranteeAt := func() *guarantee.Guarantee {
		if len(gs) == 0 {
			return nil
		}
		return &gs[e.pick(len(gs))]
	}
	positionAt := func() *scenario.Position {
		if len(ps) == 0 {
			return nil
		}
		return &ps[e.pick(len(ps))]
	}
	actorAt := func() *actor.Actor {
		if len(as) == 0 {
			return nil
		}
		return &as[e.pick(len(as))]
	}
	switch op {
	case opProvider:
		if g := guaranteeAt(); g != nil {
			g.Provider = e.actorID()
		}
	case opBeneficiary:
		if g := guaranteeAt(); g != nil {
			g.Beneficiary = e.actorID()
		}
	case opKind:
		if g := guaranteeAt(); g != nil {
			g.Kind = kinds[e.pick(len(kinds))]
		}
	case opTrigger:
		if g := guaranteeAt(); g != nil {
			g.Trigger = e.trigger()
		}
	case opActivation:
		if g := guaranteeAt(); g != nil {
			g.Activation = e.activation()
		}
	case opRequires:
		if g := guaranteeAt(); g != nil {
			if e.pick(4) == 0 {
				g.Requires = nil
			} else {
				g.Requires = append(slices.Clone(g.Requires), e.guaranteeID())
			}
		}
	case opTarget:
		if g := guaranteeAt(); g != nil {
			g.Target = e.actorID()
		}
	case opLocation:
		if g := guaranteeAt(); g != nil {
			g.Location = locations[e.pick(len(locations))]
		}
	case opStrength:
		if g := guaranteeAt(); g != nil {
			g.Strength = guarantee.Strength(e.pick(5) - 2)
		}
	case opStance:
		if p := positionAt(); p != nil {
			p.Stance = scenario.Stance(e.pick(7)) // 0 and 6 are invalid
		}
	case opPositionActor:
		if p := positionAt(); p != nil {
			p.Actor = e.actorID()
		}
	case opSelector:
		if p := positionAt(); p != nil {
			e.selector(&p.Select)
		}
	case opBy:
		if p := positionAt(); p != nil {
			if e.pick(4) == 0 {
				p.By = nil
			} else {
				p.By = append(slices.Clone(p.By), e.actorID())
			}
		}
	case opAddVeto:
		v := scenario.Veto{Holder: e.actorID()}
		e.selector(&v.Over)
		s.Vetoes = append(s.Vetoes, v)
	case opRemoveVeto:
		if len(s.Vetoes) > 0 {
			i := e.pick(len(s.Vetoes))
			s.Vetoes = slices.Delete(s.Vetoes, i, i+1)
		}
	case opVetoHolder:
		if len(s.Vetoes) > 0 {
			v := &s.Vetoes[e.pick(len(s.Vetoes))]
			if e.pick(2) == 0 {
				v.Holder = e.actorID()
			} else {
				e.selector(&v.Over)
			}
		}
	case opDecides:
		if a := actorAt(); a != nil {
			a.Decides = actor.Decision(e.pick(5)) // 4 is invalid
		}
	case opThreshold:
		if a := actorAt(); a != nil {
			a.Threshold = e.pick(12) - 2
		}
	case opVetoes:
		if a := actorAt(); a != nil {
			switch {
			case e.pick(4) == 0:
				a.Vetoes = nil
			case len(a.Members) > 0 && e.pick(2) == 0:
				a.Vetoes = append(slices.Clone(a.Vetoes), a.Members[e.pick(len(a.Members))])
			default:
				a.Vetoes = append(slices.Clone(a.Vetoes), e.actorID())
			}
		}
	case opMembers:
		if a := actorAt(); a != nil {
			if len(a.Members) > 0 && e.pick(2) == 0 {
				i := e.pick(len(a.Members))
				a.Members = slices.Delete(slices.Clone(a.Members), i, i+1)
			} else {
				a.Members = append(slices.Clone(a.Members), e.actorID()) // may loop, repeat or name itself
			}
		}
	case opActorKind:
		if a := actorAt(); a != nil {
			a.Kind = actor.Kind(e.pick(5)) // 4 is invalid
		}
	case opRemoveActor:
		if len(as) > 0 {
			i := e.pick(len(as))
			s.Actors = slices.Delete(as, i, i+1)
		}
	case opDuplicateID:
		switch e.pick(4) {
		case 0:
			if len(gs) > 0 {
				gs[e.pick(len(gs))].ID = gs[e.pick(len(gs))].ID
			}
		case 1:
			if len(as) > 0 {
				as[e.pick(len(as))].ID = as[e.pick(len(as))].ID
			}
		case 2:
			if len(ps) > 0 {
				id := [...]string{"p1", "p2", "", "bad id"}[e.pick(4)]
				ps[e.pick(len(ps))].ID = id
			}
		case 3:
			s.Sources = append(s.Sources, scenario.Source{ID: [...]string{synth.SourceID, "", "other"}[e.pick(3)]})
		}
	case opUnknownActor:
		const unknown actor.ID = "NOBODY"
		switch e.pick(6) {
		case 0:
			if g := guaranteeAt(); g != nil {
				g.Provider = unknown
			}
		case 1:
			if g := guaranteeAt(); g != nil {
				g.Trigger = guarantee.Attack(unknown, g.Beneficiary)
			}
		case 2:
			if p := positionAt(); p != nil {
				p.Actor = unknown
			}
		case 3:
			if p := positionAt(); p != nil {
				p.Select.ProviderIn = unknown
			}
		case 4:
			if a := actorAt(); a != nil {
				a.Members = append(slices.Clone(a.Members), unknown)
			}
		case 5:
			s.Timeline = append(s.Timeline, guarantee.Event{Name: guarantee.EventAttack, Args: []actor.ID{unknown, "B1"}})
		}
	case opRemoveGuarantee:
		if len(gs) > 0 {
			i := e.pick(len(gs))
			s.Guarantees = slices.Delete(gs, i, i+1)
		}
	case opRemovePosition:
		if len(ps) > 0 {
			i := e.pick(len(ps))
			s.Positions = slices.Delete(ps, i, i+1)
		}
	case opTimeline:
		if e.pick(4) == 0 {
			s.Timeline = nil
			break
		}
		c := e.trigger()
		if c.Op == guarantee.OnEvent {
			s.Timeline = append(s.Timeline, c.Event)
		} else {
			s.Timeline = append(s.Timeline, guarantee.Event{Name: "bad event"})
		}
	case opAsOf:
		s.AsOf = [...]string{"", "2025-08-21", "2024-02-29", "2025-02-29", "2025-13-01", "21.08.2025"}[e.pick(6)]
	case opAddGuarantee: // a copy of one under a new ID, by another provider
		if g := guaranteeAt(); g != nil {
			c := *g
			c.ID = guarantee.ID("new-" + strconv.Itoa(len(gs)))
			c.Provider = e.actorID()
			c.Requires = slices.Clone(c.Requires)
			s.Guarantees = append(s.Guarantees, c)
		}
	case opAddPosition:
		p := scenario.Position{Actor: e.actorID(), Stance: scenario.Stance(1 + e.pick(5))}
		e.selector(&p.Select)
		if p.Stance == scenario.RejectsVeto && e.pick(2) == 0 {
			p.By = []actor.ID{e.actorID()}
		}
		s.Positions = append(s.Positions, p)
	case opSources: // sources on a guarantee, a position and a veto, as findings carry them
		src := [...]string{synth.SourceID, "a speech, 2025-08-18", "", "z"}[e.pick(4)]
		if g := guaranteeAt(); g != nil {
			g.Sources = append(slices.Clone(g.Sources), src)
		}
		if p := positionAt(); p != nil {
			p.Sources = append(slices.Clone(p.Sources), src)
		}
		if len(s.Vetoes) > 0 {
			v := &s.Vetoes[e.pick(len(s.Vetoes))]
			v.Sources = append(slices.Clone(v.Sources), src)
		}
	}
}
