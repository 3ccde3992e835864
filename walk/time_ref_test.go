package walk_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// This file checks Simulate against a reference walk written straight
// from docs/MODEL.md's section "Time", which recomputes everything at every
// event and at every renewal point, day by day, with none of the fast
// path's indexes, memos or skipped points.

// refWalk is the reference walk of s, in the words of calls().
func refWalk(t testing.TB, s scenario.Scenario) []string {
	x, err := actor.NewIndex(s.Actors)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(seq func(func(actor.ID) bool)) []actor.ID { return slices.Collect(seq) }
	byID := map[guarantee.ID]int{}
	for i, g := range s.Guarantees {
		byID[g.ID] = i
	}
	// V(g), from docs/MODEL.md: the activation's veto holders plus granted ones.
	veto := make([][]actor.ID, len(s.Guarantees))
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		var v []actor.ID
		switch g.Activation.Mode {
		case guarantee.ByProvider:
			v = ids(x.VetoHolders(g.Provider))
		case guarantee.ByBody:
			v = ids(x.VetoHolders(g.Activation.Actors[0]))
		case guarantee.Consent:
			for _, a := range g.Activation.Actors {
				v = append(v, a)
				if at, _ := x.Lookup(a); at.Kind.IsBody() {
					v = append(v, ids(x.VetoHolders(a))...)
				}
			}
			v = append(v, ids(x.VetoHolders(g.Provider))...)
		}
		for _, vt := range s.Vetoes {
			if vt.Over.Matches(g, x) {
				v = append(v, vt.Holder)
			}
		}
		veto[i] = v
	}
	// contributes: "its provider, and every member of the provider at any
	// depth"; a refusal binds only them ("refuses S: I will not provide S").
	var contributes func(body, who actor.ID) bool
	contributes = func(body, who actor.ID) bool {
		if body == who {
			return true
		}
		at, _ := x.Lookup(body)
		return slices.ContainsFunc(at.Members, func(m actor.ID) bool { return contributes(m, who) })
	}
	objects := func(g int, who actor.ID) []string {
		var out []string
		for _, p := range s.Positions {
			binds := p.Stance == scenario.Rejects || p.Stance == scenario.Refuses && contributes(s.Guarantees[g].Provider, who)
			if p.Actor == who && binds && p.Select.Matches(&s.Guarantees[g], x) {
				out = append(out, p.String())
			}
		}
		return out
	}
	state := map[string]bool{}
	var happened []guarantee.Event // every event so far, repeats included
	key := func(e guarantee.Event) string { return e.String() }
	attackedBy := func(a, b actor.ID) bool { return state[key(guarantee.Event{Name: "attack", Args: []actor.ID{a, b}})] }
	holds := func(c guarantee.Condition) bool {
		return c.Holds(func(e guarantee.Event) bool { return state[key(e)] })
	}
	namedAttackers := func(g int) []actor.ID {
		var out []actor.ID
		for e := range s.Guarantees[g].Trigger.All() {
			if a, ok := e.Attacker(); ok && a != guarantee.Anyone && state[key(e)] {
				out = append(out, a)
			}
			if e.ByAnyone() {
				for _, h := range happened {
					if a, _ := h.Attacker(); e.Admits(h) {
						out = append(out, a)
					}
				}
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	lapsed := make([]bool, len(s.Guarantees))
	// ownFailure: void or blocked by a veto holder, for a call with the
	// given attackers.
	ownFailure := func(g int, att []actor.ID) walk.Status {
		gg := &s.Guarantees[g]
		for _, h := range veto[g] {
			if slices.Contains(att, h) {
				return walk.Void
			}
		}
		for _, h := range veto[g] {
			if h == gg.Target || attackedBy(h, gg.Beneficiary) || len(objects(g, h)) > 0 {
				return walk.Blocked
			}
		}
		return walk.Activates
	}
	// status: the greatest set of guarantees that stand with these
	// attackers, requirements included.
	status := func(g int, att []actor.ID) walk.Status {
		if st := ownFailure(g, att); st != walk.Activates {
			return st
		}
		stands := make([]bool, len(s.Guarantees))
		for k := range stands {
			stands[k] = !lapsed[k] && ownFailure(k, att) == walk.Activates
		}
		for changed := true; changed; {
			changed = false
			for k := range stands {
				if !stands[k] {
					continue
				}
				for _, r := range s.Guarantees[k].Requires {
					if j, ok := byID[r]; !ok || !stands[j] {
						stands[k], changed = false, true
						break
					}
				}
			}
		}
		if stands[g] {
			return walk.Activates
		}
		return walk.Blocked
	}
	renewalBlockers := func(g int) []string {
		gg := &s.Guarantees[g]
		var out []string
		for h := range x.VetoHolders(gg.Mandate.Body) {
			if slices.Contains(namedAttackers(g), h) {
				out = append(out, string(h)+":captured")
			}
			for range objects(g, h) {
				out = append(out, string(h)+":position")
			}
		}
		return out
	}
	lapseAt := func(g int, date, who string) string {
		lapsed[g] = true
		return fmt.Sprintf("lapsed %s %s (%s)", s.Guarantees[g].ID, date, who)
	}
	day := func(d string) time.Time { return testkit.Must(guarantee.ParseDate(d)) }
	anchor := map[int]time.Time{}
	var firstDated, lastDated time.Time
	held := make([]bool, len(s.Guarantees))
	callNo := make([]int, len(s.Guarantees))
	var out []string
	for i, ev := range s.Timeline {
		var parts []string
		if ev.Date != "" {
			d := day(ev.Date)
			if firstDated.IsZero() {
				firstDated = d
			}
			for g := range s.Guarantees {
				md := s.Guarantees[g].Mandate
				if lapsed[g] || md.IsZero() {
					continue
				}
				if _, ok := anchor[g]; !ok {
					anchor[g] = firstDated
					if md.From != "" {
						anchor[g] = day(md.From)
					}
				}
				// Every renewal point in (lastDated, d], one by one, and
				// the sunset, in order of their days.
				var ends time.Time
				if md.Ends != "" {
					ends = day(md.Ends)
				}
				done := false
				if !md.Every.IsZero() && md.Body != "" && !lastDated.IsZero() {
					for k := 1; ; k++ {
						p := refPoint(anchor[g], md.Every, k)
						if p.After(d) {
							break
						}
						if !p.After(lastDated) || !p.After(anchor[g]) {
							continue
						}
						if !ends.IsZero() && ends.Before(p) {
							break
						}
						if b := renewalBlockers(g); len(b) > 0 {
							parts = append(parts, lapseAt(g, p.Format(time.DateOnly), string(md.Body)+" "+strings.Join(b, ",")))
							done = true
							break
						}
					}
				}
				if !done && !ends.IsZero() && ends.Before(d) {
					parts = append(parts, lapseAt(g, md.Ends, "sunset"))
				}
			}
			lastDated = d
		}
		if ev.Name == guarantee.EventRenewal && len(ev.Args) <= 1 {
			for g := range s.Guarantees {
				md := s.Guarantees[g].Mandate
				if lapsed[g] || md.Body == "" || len(ev.Args) == 1 && ev.Args[0] != md.Body {
					continue
				}
				if b := renewalBlockers(g); len(b) > 0 {
					parts = append(parts, lapseAt(g, ev.Date, string(md.Body)+" "+strings.Join(b, ",")))
				}
			}
		}
		state[key(ev)] = true
		happened = append(happened, ev)
		attacker, isAttack := ev.Attacker()
		if isAttack {
			state[key(ev.AsAnyone())] = true // an attack by X is one by anyone
		}
		for g := range s.Guarantees {
			if lapsed[g] {
				continue
			}
			was, now := held[g], holds(s.Guarantees[g].Trigger)
			held[g] = now
			named := slices.ContainsFunc(slices.Collect(s.Guarantees[g].Trigger.All()), func(e guarantee.Event) bool { return e.Admits(ev) })
			var att []actor.ID
			switch {
			case now && !was:
				att = namedAttackers(g)
			case now && isAttack && named:
				att = []actor.ID{attacker}
			case !now && was:
				parts = append(parts, "ends "+string(s.Guarantees[g].ID))
				continue
			default:
				continue
			}
			callNo[g]++
			parts = append(parts, fmt.Sprintf("%s#%d %s %v", s.Guarantees[g].ID, callNo[g], status(g, att), att))
		}
		// calls() lists lapses, then calls, then what ends.
		slices.SortStableFunc(parts, func(a, b string) int {
			rank := func(p string) int {
				switch {
				case strings.HasPrefix(p, "lapsed "):
					return 0
				case strings.HasPrefix(p, "ends "):
					return 2
				}
				return 1
			}
			return rank(a) - rank(b)
		})
		out = append(out, s.Timeline[i].Dated()+": "+strings.Join(parts, "; "))
	}
	return out
}

// refPoint is the kth renewal point of a period from anchor, from
// docs/MODEL.md, computed without [guarantee.Period.After] or
// [time.Time.AddDate]: months counted as year*12+month from the anchor,
// on the anchor's day clamped to the last day of the month by a table;
// days counted as day numbers.
func refPoint(anchor time.Time, every guarantee.Period, k int) time.Time {
	if every.Months == 0 {
		return time.Unix((anchor.Unix()/86400+int64(k*every.Days))*86400, 0).UTC()
	}
	ym := anchor.Year()*12 + int(anchor.Month()) - 1 + k*every.Months
	y, m := ym/12, ym%12+1
	last := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		last = 29
	}
	return time.Date(y, time.Month(m), min(anchor.Day(), last), 0, 0, 0, 0, time.UTC)
}

// timeScenario is a random scenario with mandates and a random timeline:
// repeats, second attackers, renewal events, dated or not.
func timeScenario(seed uint64) scenario.Scenario {
	r := rand.New(rand.NewPCG(seed, 0x7173))
	// One in three answers some attacks by anyone (attack(*, B)).
	s := synth.Generate(synth.Config{Guarantees: 1 + r.IntN(8), Positions: 5 + r.IntN(4), Seed: seed, AnyAttacker: 50 * int(seed%3/2)})
	s.Variants = nil
	// Triggers with more than one attacker, some of them granted a veto:
	// the calls of one trigger then have different attackers.
	var states []actor.ID
	for _, a := range s.Actors {
		if !a.Kind.IsBody() {
			states = append(states, a.ID)
		}
	}
	for i := range s.Guarantees {
		if r.IntN(3) > 0 {
			continue
		}
		g := &s.Guarantees[i]
		a1, a2 := states[r.IntN(len(states))], states[r.IntN(len(states))]
		g.Trigger = guarantee.AnyOf(guarantee.Attack(a1, g.Beneficiary), guarantee.Attack(a2, g.Beneficiary), guarantee.On(guarantee.EventViolation, a2))
		if seed%3 == 2 && r.IntN(2) == 0 {
			g.Trigger.Sub[1] = guarantee.AttackOn(g.Beneficiary)
		}
		if r.IntN(2) == 0 {
			s.Vetoes = append(s.Vetoes, scenario.Veto{Holder: []actor.ID{a1, a2}[r.IntN(2)], Over: guarantee.Selector{IDs: []guarantee.ID{g.ID}}})
		}
	}
	var bodies, events []guarantee.Event
	for _, a := range s.Actors {
		if a.Kind.IsBody() {
			bodies = append(bodies, guarantee.Event{Name: guarantee.EventRenewal, Args: []actor.ID{a.ID}})
		}
	}
	seen := map[string]bool{}
	for _, g := range s.Guarantees {
		for e := range g.Trigger.All() {
			if e.ByAnyone() { // in a timeline, someone does it
				e.Args = slices.Clone(e.Args)
				e.Args[0] = states[r.IntN(len(states))]
			}
			if !seen[e.String()] {
				seen[e.String()] = true
				events = append(events, e)
			}
		}
	}
	events = append(events, guarantee.Event{Name: guarantee.EventPeaceDeal}, guarantee.Event{Name: guarantee.EventCeasefire},
		guarantee.Event{Name: guarantee.EventRenewal})
	events = append(events, bodies...)
	var bodyIDs []actor.ID
	for _, a := range s.Actors {
		if a.Kind.IsBody() || r.IntN(4) == 0 {
			bodyIDs = append(bodyIDs, a.ID)
		}
	}
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range s.Guarantees {
		if r.IntN(3) == 0 {
			continue
		}
		var m guarantee.Mandate
		if r.IntN(5) > 0 {
			m.Body = bodyIDs[r.IntN(len(bodyIDs))]
			switch r.IntN(3) {
			case 0:
				m.Every = guarantee.Period{Days: 1 + r.IntN(120)}
			case 1:
				m.Every = guarantee.Period{Months: 1 + r.IntN(12)}
			}
			switch {
			case m.Every.Months > 0 && r.IntN(2) == 0:
				// A short period from the 29th, 30th or 31st of a month
				// near the timeline's start, or the last day of a
				// shorter one: where months are clamped.
				m.Every.Months = 1 + r.IntN(2)
				from := time.Date(2000, time.Month(r.IntN(3)), 29+r.IntN(3), 0, 0, 0, 0, time.UTC)
				if from.Day() < 29 {
					from = from.AddDate(0, 0, -from.Day())
				}
				m.From = from.Format(time.DateOnly)
			case !m.Every.IsZero() && r.IntN(3) == 0:
				m.From = start.AddDate(0, 0, r.IntN(400)-100).Format(time.DateOnly)
			}
		}
		if m.Body == "" || r.IntN(4) == 0 {
			m.Ends = start.AddDate(0, 0, r.IntN(700)).Format(time.DateOnly)
		}
		s.Guarantees[i].Mandate = m
	}
	dated := r.IntN(3) > 0
	d := start
	s.Timeline = nil
	for range 1 + r.IntN(10) {
		e := events[r.IntN(len(events))]
		e.Args = slices.Clone(e.Args)
		if dated && r.IntN(8) > 0 {
			d = d.AddDate(0, 0, r.IntN(90))
			e.Date = d.Format(time.DateOnly)
		}
		s.Timeline = append(s.Timeline, e)
	}
	return s
}

func TestSimulateAgreesWithReference(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	lapses, recalls, anyone := 0, 0, 0
	for seed := range uint64(n) {
		s := timeScenario(seed)
		if err := scenario.Validate(s); err != nil {
			t.Fatalf("seed %d: the generated scenario is invalid: %v", seed, err)
		}
		got := calls(simulate(t, s))
		want := refWalk(t, s)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("seed %d: Simulate disagrees with the reference walk (-reference +Simulate):\n%s\nguarantees: %+v\ntimeline: %v", seed, diff, s.Guarantees, s.Timeline)
		}
		for _, line := range got {
			lapses += strings.Count(line, "lapsed ")
			recalls += strings.Count(line, "#2 ")
		}
		for _, g := range s.Guarantees {
			if g.Trigger.ByAnyone() && slices.ContainsFunc(got, func(l string) bool { return strings.Contains(l, string(g.ID)+"#") }) {
				anyone++
			}
		}
	}
	// The generator must reach the cases the reference is for.
	t.Logf("%d lapses, %d second calls, %d guarantees answering anyone called", lapses, recalls, anyone)
	if lapses < n/20 || recalls < n/20 || anyone < n/20 {
		t.Errorf("over %d scenarios, only %d lapses, %d second calls and %d guarantees answering anyone called: the generator misses the cases", n, lapses, recalls, anyone)
	}
}
