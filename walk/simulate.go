package walk

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Status is what becomes of a guarantee when it falls due. The zero Status
// is invalid.
type Status uint8

const (
	noStatus Status = iota
	// Activates: nobody who can stop the guarantee has a reason to.
	Activates
	// Blocked: a veto holder stops it (it is aimed at them, or they reject
	// it, or refuse it as a contributor), or a guarantee it requires cannot
	// stand.
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
	// Objects: the actor holds a veto and a position of its binds the
	// guarantee: a rejects position that picks it, or a refuses position
	// that picks it while the actor is a contributor.
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

// Call is one call of a guarantee in the walk, and what becomes of it:
// the event that first makes its trigger hold, or a later attack or
// violation its trigger names, and whether the guarantee activates, is
// blocked or is void there.
type Call struct {
	Guarantee   guarantee.ID   `json:"guarantee"`
	Provider    actor.ID       `json:"provider"`
	Beneficiary actor.ID       `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	// Number counts the guarantee's calls: 1 for the first.
	Number int `json:"call"`
	// Attackers are the attackers of the call, sorted: at the first call,
	// those of every attack and violation so far that the trigger names;
	// at a later call, the attacker of the event that makes it. None for a
	// trigger that holds with no attack.
	Attackers []actor.ID `json:"attackers"`
	Status    Status     `json:"status"`
	// Blocks are the reasons for a Blocked or Void status, veto holders
	// first in the order of the scenario's actors, then dependencies.
	Blocks []Block `json:"blocks"`
	// Abstains are contributors who refuse the guarantee but cannot stop
	// it (dissenting-member): it goes ahead without them.
	Abstains []actor.ID `json:"abstains"`
	Sources  []string   `json:"sources"`
}

// Lapse is the end of a guarantee's mandate: a renewal that a veto holder
// of the renewing body blocks, or a sunset passed. A lapsed guarantee is
// never called again, and what requires it is blocked.
type Lapse struct {
	Guarantee guarantee.ID `json:"guarantee"`
	// Date is when it lapsed, YYYY-MM-DD: the renewal point, or the end
	// date of a sunset; empty at an undated renewal event.
	Date string `json:"date,omitempty"`
	// Body is the body whose renewal failed; empty for a sunset.
	Body actor.ID `json:"body,omitempty"`
	// Sunset is set when the mandate ended on its end date.
	Sunset bool `json:"sunset,omitempty"`
	// Blocks are the veto holders of Body that stopped the renewal, each
	// with why: [Captured] for an attacker of an attack or violation the
	// trigger names, [Objects] for a rejects position, or a refuses position
	// of a contributor.
	Blocks []Block `json:"blocks"`
}

// MarshalJSON writes the lapse with no blocks as [].
func (l Lapse) MarshalJSON() ([]byte, error) {
	type plain Lapse
	p := plain(l)
	p.Blocks = words.NonNil(p.Blocks)
	return json.Marshal(p)
}

// Receipt is what a beneficiary receives of one kind: the guarantees of
// that kind to it that are due, activated at their last call, and have
// not lapsed.
type Receipt struct {
	Beneficiary actor.ID       `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	Guarantees  []guarantee.ID `json:"guarantees"`
}

// Step is the walk's state after one event of the timeline.
type Step struct {
	// Event is the event, with its date when the timeline gives one.
	Event guarantee.Event `json:"-"`
	// Lapses are the mandates that ended since the previous event (at the
	// renewal points and sunsets between the two), or at this event when
	// it is a renewal event, in the order they ended.
	Lapses []Lapse `json:"lapses"`
	// Due are the calls at this event, in the scenario's order: the
	// guarantees whose trigger holds now and did not before, and those
	// whose trigger held and names this attack or violation.
	Due []Call `json:"due"`
	// NoLongerDue are the guarantees whose trigger held before this event
	// and does not now (all(x, not(y)) after y).
	NoLongerDue []guarantee.ID `json:"no_longer_due"`
	// Receives is what each beneficiary receives after the event, by kind:
	// every guarantee that is due, activated at its last call, and has not
	// lapsed. Sorted by beneficiary, then kind.
	Receives []Receipt `json:"receives"`
}

// MarshalJSON writes the step with its event as text, its date apart,
// and empty lists as [].
func (st Step) MarshalJSON() ([]byte, error) {
	type plain Step
	p := plain(st)
	p.Lapses, p.Due, p.NoLongerDue, p.Receives = words.NonNil(p.Lapses), words.NonNil(p.Due), words.NonNil(p.NoLongerDue), words.NonNil(p.Receives)
	return json.Marshal(struct {
		Event string `json:"event"`
		Date  string `json:"date,omitempty"`
		plain
	}{st.Event.String(), st.Event.Date, p})
}

// MarshalJSON writes the call with empty lists as [].
func (o Call) MarshalJSON() ([]byte, error) {
	type plain Call
	p := plain(o)
	p.Attackers, p.Blocks, p.Abstains, p.Sources = words.NonNil(p.Attackers), words.NonNil(p.Blocks), words.NonNil(p.Abstains), words.NonNil(p.Sources)
	return json.Marshal(p)
}

// Lifetime is how long one guarantee lasted in the walk: from its first
// call to its lapse, or to the end of the timeline. A guarantee none of
// whose calls activated was never received: it lasted nowhere, and
// [LifetimeWords] says so instead of how long.
type Lifetime struct {
	Guarantee guarantee.ID `json:"guarantee"`
	// Calls is how many times it was called.
	Calls int `json:"calls"`
	// FirstCall is the event of its first call, counted from 1; 0 when it
	// was never called.
	FirstCall int `json:"first_call"`
	// Lapsed is the event before which (or, for a renewal event, at which)
	// its mandate ended, counted from 1; 0 when it lasted to the end.
	Lapsed int `json:"lapsed"`
	// From is the date of the first call and To the date of the lapse, or
	// of the last event when it lasted to the end; empty where undated.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Events counts the events it stood through, from its first call to
	// its lapse or the end of the timeline.
	Events int `json:"events"`
	// Activated is how many of its calls activated; 0 when it was never
	// received. Void is how many were void; the rest were blocked.
	Activated int `json:"activated"`
	Void      int `json:"void"`
	// Days is the number of days from From to To, when both are known.
	Days *int `json:"days,omitempty"`
}

// Simulation is the walk of a scenario's timeline.
type Simulation struct {
	Scenario string `json:"scenario"`
	Steps    []Step `json:"steps"`
	// Lifetimes are, in the scenario's order, the guarantees that were
	// called or lapsed, with how long each lasted.
	Lifetimes []Lifetime `json:"lifetimes"`
}

// MarshalJSON writes the simulation with no steps as [].
func (sim Simulation) MarshalJSON() ([]byte, error) {
	type plain Simulation
	p := plain(sim)
	p.Steps, p.Lifetimes = words.NonNil(p.Steps), words.NonNil(p.Lifetimes)
	return json.Marshal(p)
}

// Simulate walks the timeline of s, event by event, and says at each event
// which guarantees are called and what becomes of each call, which
// mandates lapsed since the last event, and what each beneficiary then
// receives. The deal is s as written: its guarantees, with the veto
// holders their activation and the granted vetoes give them. The rules
// are those of docs/MODEL.md, section "Time"; in short:
//
//   - a guarantee is called at the event that makes its trigger hold, and
//     again at every later attack or violation its trigger names while it
//     holds; the attackers of a call are those the trigger names in the
//     events so far at the first call, and the attacker of the event at a
//     later one;
//   - a call is void when an attacker of the call holds a veto over the
//     guarantee; else blocked when a veto holder is aimed at (its target,
//     or has attacked the beneficiary), rejects it by a position or
//     refuses it as a contributor, or when a guarantee it requires is
//     absent, lapsed, or would be void or blocked if called with the same
//     attackers; else it activates, without any contributor who refuses
//     it but cannot stop it;
//   - at each renewal point of a mandate (dates its period gives between
//     dated events, and renewal events) a veto holder of the renewing body
//     blocks the renewal when it is an attacker of an attack or violation
//     so far that the trigger names, or rejects the guarantee or refuses
//     it as a contributor; then, or at a sunset passed, the guarantee
//     lapses.
//
// Simulate validates s first and returns the [scenario.Errors] of [scenario.Validate] on an
// invalid scenario. It never changes s, and the Simulation shares no
// memory with it: a caller may change either without the other changing.
//
// # Calls and lapses
//
// Nothing is called before the first event, so an empty trigger ("from
// the moment the deal holds") is called at the first event. Each call is
// judged against its own attackers. Cyprus, 1974: Greece's coup does not
// void Turkey's guarantee; Turkey's landing is a new call, void for
// Turkey's own.
//
// A renewal event of the timeline is "renewal" for every body, or
// "renewal(X)" for X alone. A guarantee that lapses is never called again,
// it is no longer received, and what requires it is blocked. Each step
// lists the lapses since the event before, with the date, the body, and
// who blocked the renewal and why; the walk ends with how long each
// guarantee lasted, from its first call to its lapse or to the end of the
// timeline, in events and, where both ends are dated, in days; of a
// guarantee none of whose calls activated, that it was never received and
// what became of its calls ("void at its only call (event 2)").
//
// [scenario.Evaluate] reports what a mandate foretells without a timeline:
// captured-renewal (a veto holder of the renewing body attacks in the
// trigger: UNOMIG, Georgia, 2009), blocked-renewal (one rejects, or refuses
// as a contributor,
// the guarantee: UNPREDEP, 1999) and sunset. [deals.Search] counts the two
// errors like every other: such a guarantee is in no feasible deal.
//
// # Where docs/MODEL.md is silent
//
//   - "Aimed at" a veto holder means its target, or a guarantee to a
//     beneficiary it has attacked, as before mandates existed.
//   - docs/MODEL.md's "refuses or rejects g by a position", at a call or
//     at a renewal, is read with its own definition of the stances: a
//     refuses position ("I will not provide S") counts where a deal would
//     violate it, from a contributor of g (its provider, or a member of it
//     at any depth); a rejects position ("no deal may contain S") wherever
//     it picks g. This is how Evaluate reads blocked-renewal (package
//     scenario, "Refusals bind contributors").
//   - At a renewal, a body's rule that sets the parties aside sets aside
//     g's beneficiary and the attackers of the attacks and violations so
//     far that g's trigger names. Evaluate, which has no timeline, sets
//     aside every attacker the trigger names: a party's binding refusal
//     can lapse g in the walk at a renewal before its attack, where
//     Evaluate finds no blocked-renewal.
//   - A trigger that stops holding and holds again (any(all(a, not(b)), c)
//     after a, b, c) is due again: that is a call, numbered after the
//     others, whose attackers are those of a first call.
//   - Renewal points fall at the start of their day, before that day's
//     events; a sunset still covers its end date and lapses at the first
//     dated event after it. Points up to the first dated event are before
//     the walk (nothing has happened to block them). Periods count from
//     the mandate's From date, or else from the first dated event, each
//     point counted from that anchor ([guarantee.Period.After]): months
//     keep the anchor's day of the month, clamped to the last day of a
//     shorter month, so a monthly mandate from 31 January renews on 28
//     or 29 February, then on 31 March. In an undated timeline only
//     renewal events are renewal points, and a sunset never passes.
//   - Between two events the state does not change, so when one renewal
//     point passes so do the others before the next event: the walk
//     judges the first only, and its cost does not grow with the number
//     of points.
//   - Granted vetoes are vetoes over a guarantee when it is called, not
//     over its renewal, which is the renewing body's decision by its rule.
//   - A guarantee that already activated keeps being received until its
//     next call, its lapse, or its trigger stops holding; a requirement
//     that lapses blocks it at its next call.
func Simulate(s scenario.Scenario) (Simulation, error) { return simulateWith(s, core.Options{}) }

// simulateWith is [Simulate] with the model compiled with opt.
func simulateWith(s scenario.Scenario, opt core.Options) (Simulation, error) {
	m, err := core.Compile(&s, opt)
	if err != nil {
		return Simulation{}, err
	}
	w := newWalker(m, &s)
	sim := Simulation{Scenario: s.Name, Steps: make([]Step, 0, len(s.Timeline))}
	for i := range s.Timeline {
		sim.Steps = append(sim.Steps, w.step(i))
	}
	sim.Lifetimes = w.lifetimes()
	countCalls(sim.Steps, sim.Lifetimes)
	return sim, nil
}

// countCalls counts, for each lifetime, the calls of the steps that
// activated and those that were void, as the steps report them.
func countCalls(steps []Step, lts []Lifetime) {
	at := make(map[guarantee.ID]*Lifetime, len(lts))
	for i := range lts {
		at[lts[i].Guarantee] = &lts[i]
	}
	for _, st := range steps {
		for _, o := range st.Due {
			lt := at[o.Guarantee]
			if lt == nil {
				continue
			}
			switch o.Status {
			case Activates:
				lt.Activated++
			case Void:
				lt.Void++
			}
		}
	}
}

// WriteText writes sim as plain text: each event, the mandates that
// lapsed before it, the calls it makes and what becomes of them, and what
// each beneficiary receives after it; then how long each guarantee lasted.
func WriteText(w io.Writer, sim Simulation) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", safe.Terminal(words.ScenarioName(sim.Scenario)), words.Plural(len(sim.Steps), "event"))
	for i, st := range sim.Steps {
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, safe.Terminal(st.Event.Dated()))
		for _, l := range st.Lapses {
			when := ""
			if l.Date != "" {
				when = " on " + l.Date
			}
			if l.Sunset {
				fmt.Fprintf(&b, "   %-9s %s: its mandate ended%s, with no renewal\n", "lapsed", l.Guarantee, when)
				continue
			}
			fmt.Fprintf(&b, "   %-9s %s: %s did not renew it%s\n", "lapsed", l.Guarantee, l.Body, when)
			for _, bl := range l.Blocks {
				fmt.Fprintf(&b, "             %s\n", safe.Terminal(bl.Message))
			}
		}
		if len(st.Due) == 0 && len(st.NoLongerDue) == 0 && len(st.Lapses) == 0 {
			b.WriteString("   nothing is called\n")
		}
		for _, o := range st.Due {
			fmt.Fprintf(&b, "   %-9s %s (%s, %s to %s), %s", o.Status, o.Guarantee, o.Kind, o.Provider, o.Beneficiary, callWords(o.Number))
			if len(o.Attackers) > 0 {
				fmt.Fprintf(&b, " against %s", strings.Join(words.Strings(o.Attackers), ", "))
			}
			b.WriteByte('\n')
			for _, bl := range o.Blocks {
				fmt.Fprintf(&b, "             %s\n", safe.Terminal(bl.Message))
			}
			if len(o.Abstains) > 0 {
				fmt.Fprintf(&b, "             without %s, who refuse it but cannot stop it\n", strings.Join(words.Strings(o.Abstains), ", "))
			}
		}
		for _, g := range st.NoLongerDue {
			fmt.Fprintf(&b, "   %-9s %s\n", "ends", g)
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
			fmt.Fprintf(&b, "     %-26s %s\n", r.Kind, strings.Join(words.Strings(r.Guarantees), ", "))
		}
	}
	if len(sim.Lifetimes) > 0 {
		b.WriteString("\nHow long each guarantee lasted\n")
		for _, lt := range sim.Lifetimes {
			fmt.Fprintf(&b, "   %s: %s\n", lt.Guarantee, LifetimeWords(lt))
		}
	}
	_, err := w.Write([]byte(b.String()))
	return err
}

// callWords says which call of a guarantee this is: "first call", "call 2".
func callWords(n int) string {
	if n == 1 {
		return "first call"
	}
	return "call " + strconv.Itoa(n)
}

// LifetimeWords says how long a guarantee lasted, as [WriteText]
// writes it: "first called at event 2 (2008-08-08), lapsed on 2009-02-15
// (by event 3): 191 days, 1 event". A guarantee never received, none of
// its calls having activated, lasted no time, and the words say what
// became of its calls instead: "void at its only call (event 2)",
// "never received: blocked at each of its 3 calls, from event 1"; a lapse
// follows as for any other.
func LifetimeWords(lt Lifetime) string {
	var b strings.Builder
	received := lt.FirstCall > 0 && lt.Activated > 0
	switch {
	case lt.FirstCall == 0:
		b.WriteString("never called")
	case !received:
		what := "void or blocked"
		switch lt.Void {
		case lt.Calls:
			what = "void"
		case 0:
			what = "blocked"
		}
		at := "event " + strconv.Itoa(lt.FirstCall)
		if lt.From != "" {
			at += ", " + lt.From
		}
		if lt.Calls <= 1 {
			fmt.Fprintf(&b, "%s at its only call (%s)", what, at)
		} else {
			fmt.Fprintf(&b, "never received: %s at each of its %d calls, from %s", what, lt.Calls, at)
		}
	default:
		fmt.Fprintf(&b, "first called at event %d", lt.FirstCall)
		if lt.From != "" {
			fmt.Fprintf(&b, " (%s)", lt.From)
		}
		if lt.Calls > 1 {
			fmt.Fprintf(&b, ", called %d times", lt.Calls)
		}
	}
	switch {
	case lt.Lapsed > 0 && lt.To != "":
		fmt.Fprintf(&b, ", lapsed on %s (by event %d)", lt.To, lt.Lapsed)
	case lt.Lapsed > 0:
		fmt.Fprintf(&b, ", lapsed by event %d", lt.Lapsed)
	case received || lt.FirstCall == 0:
		b.WriteString(", to the end")
	}
	if !received {
		return b.String()
	}
	b.WriteString(": ")
	if lt.Days != nil {
		b.WriteString(words.Plural(*lt.Days, "day") + ", ")
	}
	b.WriteString(words.Plural(lt.Events, "event"))
	return b.String()
}
