package scenario

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
)

// Status is what becomes of a guarantee when it falls due. The zero Status
// is invalid.
type Status uint8

const (
	noStatus Status = iota
	// Activates: nobody who can stop the guarantee has a reason to.
	Activates
	// Blocked: a veto holder stops it (it is aimed at them, or they refuse
	// or reject it), or a guarantee it requires cannot stand.
	Blocked
	// Void: an attacker of its trigger holds a veto over it; it can never
	// fire against the one it is meant to deter (captured-guarantee).
	Void
)

var statusNames = [...]string{noStatus: "", Activates: "activates", Blocked: "blocked", Void: "void"}

// String returns "activates", "blocked" or "void".
func (s Status) String() string {
	if s != noStatus && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reason is why a guarantee does not activate.
type Reason uint8

const (
	noReason Reason = iota
	// Captured: the actor is an attacker of the trigger and holds a veto.
	Captured
	// AimedAt: the actor holds a veto and the guarantee is aimed at it: it
	// is the guarantee's target, or it has attacked the beneficiary.
	AimedAt
	// Objects: the actor holds a veto and a refuses or rejects position
	// of its picks the guarantee.
	Objects
	// Dependency: a guarantee this one requires is not in the deal, is
	// void, or is blocked.
	Dependency
)

var reasonNames = [...]string{noReason: "", Captured: "captured", AimedAt: "aimed-at", Objects: "position", Dependency: "dependency"}

// String returns "captured", "aimed-at", "position" or "dependency".
func (r Reason) String() string {
	if r != noReason && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Block is one reason a guarantee is blocked or void.
type Block struct {
	Reason Reason `json:"reason"`
	// Actor is the veto holder that stops the guarantee; empty for a
	// dependency.
	Actor actor.ID `json:"actor,omitempty"`
	// Position is the ID (or path) of the position that explains an
	// Objects block.
	Position string `json:"position,omitempty"`
	// Event is the attack that makes an AimedAt block, when there is one.
	Event string `json:"event,omitempty"`
	// Requires is the guarantee a Dependency block is about.
	Requires guarantee.ID `json:"requires,omitempty"`
	// Message says it in one line.
	Message string `json:"message"`
}

// Outcome is what becomes of one guarantee at the event that makes it due.
type Outcome struct {
	Guarantee   guarantee.ID   `json:"guarantee"`
	Provider    actor.ID       `json:"provider"`
	Beneficiary actor.ID       `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	Status      Status         `json:"status"`
	// Blocks are the reasons for a Blocked or Void status, veto holders
	// first in the order of the scenario's actors, then dependencies.
	Blocks []Block `json:"blocks"`
	// Abstains are contributors who refuse the guarantee but cannot stop
	// it (dissenting-member): it goes ahead without them.
	Abstains []actor.ID `json:"abstains"`
	Sources  []string   `json:"sources"`
}

// Receipt is what a beneficiary receives of one kind: the guarantees of
// that kind to it that are due and have activated.
type Receipt struct {
	Beneficiary actor.ID       `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	Guarantees  []guarantee.ID `json:"guarantees"`
}

// Step is the walk's state after one event of the timeline.
type Step struct {
	Event guarantee.Event `json:"-"`
	// Due are the guarantees that fall due at this event (their trigger
	// holds now and did not before), in the scenario's order.
	Due []Outcome `json:"due"`
	// Lapsed are the guarantees that were due and no longer are: their
	// trigger held before this event and does not now (all(x, not(y))
	// after y).
	Lapsed []guarantee.ID `json:"lapsed"`
	// Receives is what each beneficiary receives after the event, by kind:
	// every guarantee that is due and activated when it fell due. Sorted
	// by beneficiary, then kind.
	Receives []Receipt `json:"receives"`
}

// MarshalJSON writes the step with its event as text and empty lists as [].
func (st Step) MarshalJSON() ([]byte, error) {
	type plain Step
	p := plain(st)
	p.Due, p.Lapsed, p.Receives = nonNil(p.Due), nonNil(p.Lapsed), nonNil(p.Receives)
	return json.Marshal(struct {
		Event string `json:"event"`
		plain
	}{st.Event.String(), p})
}

// MarshalJSON writes the outcome with empty lists as [].
func (o Outcome) MarshalJSON() ([]byte, error) {
	type plain Outcome
	p := plain(o)
	p.Blocks, p.Abstains, p.Sources = nonNil(p.Blocks), nonNil(p.Abstains), nonNil(p.Sources)
	return json.Marshal(p)
}

// Simulation is the walk of a scenario's timeline.
type Simulation struct {
	Scenario string `json:"scenario"`
	Steps    []Step `json:"steps"`
}

// MarshalJSON writes the simulation with no steps as [].
func (sim Simulation) MarshalJSON() ([]byte, error) {
	type plain Simulation
	p := plain(sim)
	p.Steps = nonNil(p.Steps)
	return json.Marshal(p)
}

// Simulate walks the timeline of s, event by event, and says at each event
// what becomes of every guarantee that falls due, and what each
// beneficiary then receives. The deal is s as written: its guarantees, with
// the veto holders their activation and the granted vetoes give them.
//
// A guarantee falls due at an event when its trigger holds after that
// event and did not hold before it; nothing is due before the first event,
// so a guarantee with an empty trigger ("from the moment the deal holds")
// falls due at the first event, which is usually the peace deal. What
// becomes of it is decided then, once:
//
//   - void, when an attacker of its trigger is among its veto holders
//     (captured-guarantee): it cannot fire against the one it deters;
//   - otherwise blocked, when a veto holder stops it: one it is aimed at
//     (its target, or an actor that has attacked its beneficiary in the
//     events so far), or one that holds a refuses or rejects position
//     picking it; or when a guarantee it requires is not in the deal, or
//     would itself be void or blocked now (a requirement need not be due:
//     a backstop counts while it stands);
//   - otherwise it activates. Contributors who refuse it but hold no veto
//     abstain, and it goes ahead without them.
//
// A guarantee whose trigger stops holding lapses. Simulate validates s
// first and returns the [Errors] of [Validate] on an invalid scenario.
func Simulate(s Scenario) (Simulation, error) {
	m := new(model)
	if err := m.compile(&s, new(actor.Index)); err != nil {
		return Simulation{}, err
	}
	w := newWalker(m)
	sim := Simulation{Scenario: s.Name, Steps: make([]Step, 0, len(s.Timeline))}
	for i := range s.Timeline {
		sim.Steps = append(sim.Steps, w.step(i))
	}
	return sim, nil
}

// walker walks a compiled scenario's timeline.
type walker struct {
	m        *model
	objects  [][]int32         // per guarantee: the refuses and rejects positions that pick it
	was, now []bool            // per guarantee: trigger held before, holds after the event
	active   []bool            // per guarantee: due and activated
	happened []guarantee.Event // the distinct events so far, in order
	seen     map[string]bool   // the same, by eventKey
	key      []byte            // eventKey's buffer
	receives []Receipt         // after the last step
	standing []Status          // per guarantee, at this step: what it would come to, or 0
	depth    int               // stand calls in progress
	stood    []int32           // guarantees stand decided since depth was last 0
}

func newWalker(m *model) *walker {
	n := len(m.s.Guarantees)
	w := &walker{m: m, objects: make([][]int32, n), was: make([]bool, n), now: make([]bool, n), active: make([]bool, n), standing: make([]Status, n)}
	for i, p := range m.s.Positions {
		if p.Stance != Refuses && p.Stance != Rejects {
			continue
		}
		for _, g := range m.matches(i) {
			w.objects[g] = append(w.objects[g], int32(i))
		}
	}
	return w
}

// happenedEvent reports whether e has happened. Looking a []byte up as a
// string does not allocate, so the check costs no garbage.
func (w *walker) happenedEvent(e guarantee.Event) bool {
	w.key = eventKey(w.key[:0], e)
	return w.seen[string(w.key)]
}

// eventKey appends e's name and actors, separated by zero bytes, which
// neither can hold.
func eventKey(dst []byte, e guarantee.Event) []byte {
	dst = append(dst, e.Name...)
	for _, a := range e.Args {
		dst = append(dst, 0)
		dst = append(dst, a...)
	}
	return dst
}

func (w *walker) step(i int) Step {
	m := w.m
	ev := m.s.Timeline[i]
	// An event that has happened before changes no trigger: triggers
	// depend on which events have happened, not how often.
	if w.happenedEvent(ev) {
		return Step{Event: ev, Receives: w.receives}
	}
	if w.seen == nil {
		w.seen = make(map[string]bool)
	}
	w.seen[string(w.key)] = true
	w.happened = append(w.happened, ev)
	clear(w.standing)
	st := Step{Event: ev}
	for g := range m.s.Guarantees {
		w.now[g] = m.s.Guarantees[g].Trigger.Holds(w.happenedEvent)
	}
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		switch {
		case w.now[g] && !w.was[g]:
			o := w.outcome(int32(g))
			w.active[g] = o.Status == Activates
			st.Due = append(st.Due, o)
		case !w.now[g] && w.was[g]:
			st.Lapsed = append(st.Lapsed, gg.ID)
			w.active[g] = false
		}
	}
	w.was, w.now = w.now, w.was
	// Steps that change nothing share the list of receipts, so that a long
	// timeline costs memory in proportion to what changes along it.
	if len(st.Due) > 0 || len(st.Lapsed) > 0 || w.receives == nil {
		w.receives = w.receipts()
	}
	st.Receives = w.receives
	return st
}

// receipts groups the active guarantees by beneficiary and kind.
func (w *walker) receipts() []Receipt {
	var out []Receipt
	for g := range w.m.s.Guarantees {
		if !w.active[g] {
			continue
		}
		gg := &w.m.s.Guarantees[g]
		k := slices.IndexFunc(out, func(r Receipt) bool { return r.Beneficiary == gg.Beneficiary && r.Kind == gg.Kind })
		if k < 0 {
			out = append(out, Receipt{Beneficiary: gg.Beneficiary, Kind: gg.Kind})
			k = len(out) - 1
		}
		out[k].Guarantees = append(out[k].Guarantees, gg.ID)
	}
	slices.SortFunc(out, func(a, b Receipt) int {
		if c := strings.Compare(string(a.Beneficiary), string(b.Beneficiary)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
	return out
}

// outcome decides what becomes of g now, with the reasons.
func (w *walker) outcome(g int32) Outcome {
	m := w.m
	gg := &m.s.Guarantees[g]
	o := Outcome{Guarantee: gg.ID, Provider: gg.Provider, Beneficiary: gg.Beneficiary, Kind: gg.Kind, Sources: gg.Sources}
	o.Blocks = w.blocks(g, nil)
	o.Status = statusOf(o.Blocks)
	if o.Status != Activates {
		return o
	}
	for _, c := range m.contributors(g) {
		if c == m.prov[g] || holds(m.list(m.veto[g]), c) {
			continue
		}
		if slices.ContainsFunc(w.objects[g], func(p int32) bool {
			return m.pact[p] == c && m.s.Positions[p].Stance == Refuses
		}) {
			o.Abstains = append(o.Abstains, m.ax.At(int(c)).ID)
		}
	}
	return o
}

func statusOf(blocks []Block) Status {
	switch {
	case len(blocks) == 0:
		return Activates
	case blocks[0].Reason == Captured:
		return Void
	}
	return Blocked
}

// blocks returns why g cannot activate now: captured when an attacker of
// its trigger holds a veto (only those reasons then, since nothing else
// matters for a void guarantee); else every veto holder that stops it, and
// every requirement that cannot stand. dst is appended to.
func (w *walker) blocks(g int32, dst []Block) []Block {
	m := w.m
	gg := &m.s.Guarantees[g]
	vetoes, att := m.list(m.veto[g]), m.list(m.att[g])
	for _, h := range vetoes {
		if holds(att, h) {
			id := m.ax.At(int(h)).ID
			dst = append(dst, Block{Reason: Captured, Actor: id,
				Message: string(id) + " can stop it and is an attacker of its trigger, " + gg.Trigger.String()})
		}
	}
	if len(dst) > 0 {
		return dst
	}
	for _, h := range vetoes {
		id := m.ax.At(int(h)).ID
		attack := w.attackOn(id, gg.Beneficiary)
		switch {
		case id == gg.Target && attack != "":
			dst = append(dst, Block{Reason: AimedAt, Actor: id, Event: attack,
				Message: string(id) + " can stop it, is its target, and has attacked " + string(gg.Beneficiary) + ": " + attack})
		case id == gg.Target:
			dst = append(dst, Block{Reason: AimedAt, Actor: id,
				Message: string(id) + " can stop it and is its target"})
		case attack != "":
			dst = append(dst, Block{Reason: AimedAt, Actor: id, Event: attack,
				Message: string(id) + " can stop it and has attacked " + string(gg.Beneficiary) + ": " + attack})
		}
		for _, p := range w.objects[g] {
			if m.pact[p] != h {
				continue
			}
			pos := &m.s.Positions[p]
			dst = append(dst, Block{Reason: Objects, Actor: id, Position: pos.label(int(p)),
				Message: string(id) + " can stop it and " + pos.Stance.String() + " " + pos.Select.String() + " (" + pos.label(int(p)) + ")"})
		}
	}
	for _, r := range gg.Requires {
		k, ok := m.guaranteeByID(r)
		switch {
		case !ok:
			dst = append(dst, Block{Reason: Dependency, Requires: r,
				Message: "it requires " + string(r) + ", which is not in the deal"})
		case w.stand(k) != Activates:
			dst = append(dst, Block{Reason: Dependency, Requires: r,
				Message: "it requires " + string(r) + ", which would be " + w.stand(k).String()})
		}
	}
	return dst
}

// stand returns what g would come to now, were it due. A requirement
// cycle stands: the guarantees on it hold each other up.
func (w *walker) stand(g int32) Status {
	switch w.standing[g] {
	case noStatus:
		w.standing[g] = Activates // in progress: a cycle back here stands
		w.depth++
		w.standing[g] = statusOf(w.blocks(g, nil))
		w.depth--
		w.stood = append(w.stood, g)
		if w.depth == 0 {
			w.settle()
		}
	}
	return w.standing[g]
}

// settle corrects what stand decided while other guarantees were in
// progress: a guarantee found to stand because a requirement in progress
// was taken to stand is blocked when that requirement did not stand after
// all (z requires x, x and y require each other, x is blocked: y is
// blocked too, though x was in progress when y was decided).
func (w *walker) settle() {
	for changed := true; changed; {
		changed = false
		for _, g := range w.stood {
			if w.standing[g] != Activates {
				continue
			}
			for _, r := range w.m.s.Guarantees[g].Requires {
				if k, ok := w.m.guaranteeByID(r); !ok || w.standing[k] != Activates {
					w.standing[g], changed = Blocked, true
					break
				}
			}
		}
	}
	w.stood = w.stood[:0]
}

// attackOn returns the first attack by a on b in the events so far, as
// text, or "".
func (w *walker) attackOn(a, b actor.ID) string {
	for _, e := range w.happened {
		if e.Name == guarantee.EventAttack && len(e.Args) == 2 && e.Args[0] == a && e.Args[1] == b {
			return e.String()
		}
	}
	return ""
}

// WriteSimulation writes sim as plain text: each event, what falls due and
// what becomes of it, and what each beneficiary receives after it.
func WriteSimulation(w io.Writer, sim Simulation) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", safe.Terminal(displayName(sim.Scenario)), words.Plural(len(sim.Steps), "event"))
	for i, st := range sim.Steps {
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, safe.Terminal(st.Event.String()))
		if len(st.Due) == 0 && len(st.Lapsed) == 0 {
			b.WriteString("   nothing falls due\n")
		}
		for _, o := range st.Due {
			fmt.Fprintf(&b, "   %-9s %s (%s, %s to %s)\n", o.Status, o.Guarantee, o.Kind, o.Provider, o.Beneficiary)
			for _, bl := range o.Blocks {
				fmt.Fprintf(&b, "             %s\n", safe.Terminal(bl.Message))
			}
			if len(o.Abstains) > 0 {
				fmt.Fprintf(&b, "             without %s, who refuse it but cannot stop it\n", strings.Join(toStrings(o.Abstains), ", "))
			}
		}
		for _, g := range st.Lapsed {
			fmt.Fprintf(&b, "   %-9s %s\n", "lapses", g)
		}
		if len(st.Receives) == 0 {
			b.WriteString("   receives: nothing\n")
			continue
		}
		ben := actor.ID("")
		for _, r := range st.Receives {
			if r.Beneficiary != ben {
				ben = r.Beneficiary
				fmt.Fprintf(&b, "   %s receives:\n", ben)
			}
			fmt.Fprintf(&b, "     %-26s %s\n", r.Kind, strings.Join(toStrings(r.Guarantees), ", "))
		}
	}
	_, err := w.Write([]byte(b.String()))
	return err
}
