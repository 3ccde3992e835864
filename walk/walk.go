package walk

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/sorted"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// noDay marks an undated event, or a date not set.
const noDay = -1 << 31

// dayOf returns the day number of a date written YYYY-MM-DD (days since
// 1970-01-01), or noDay for "" or a malformed date.
func dayOf(date string) int {
	if date == "" {
		return noDay
	}
	t, err := guarantee.ParseDate(date)
	if err != nil {
		return noDay
	}
	return int(t.Unix() / 86400)
}

// dateOf returns the date of a day number, YYYY-MM-DD.
func dateOf(day int) string { return time.Unix(int64(day)*86400, 0).UTC().Format(time.DateOnly) }

// walker walks a compiled scenario's timeline. Only the guarantees whose
// trigger names an event can change when it happens, so each event costs
// the guarantees it concerns, not all of them.
type walker struct {
	m       *core.Compiled
	s       *scenario.Scenario // the scenario walked, which must not change
	objects [][]int32          // per guarantee: the rejects positions that pick it, and the refuses positions of its contributors that pick it
	named   map[string][]int32 // per event: the guarantees whose trigger names it, in order
	atoms   [][]atom           // per guarantee: the attacks and violations its trigger names

	held      []bool  // per guarantee: its trigger held after the last event
	active    []bool  // per guarantee: due, and activated at its last call
	calls     []int32 // per guarantee: calls so far
	firstCall []int32 // per guarantee: the step of its first call, from 1, or 0
	lapsedAt  []int32 // per guarantee: the step its lapse is reported in, from 1, or 0
	lapseDate []string

	mandated []int32 // guarantees with a mandate
	next     []int   // per guarantee: the day of its next renewal point, or noDay
	anchor   []int   // per guarantee: the day its periods count from

	group   []int32   // per guarantee: its (beneficiary, kind) group
	groups  []Receipt // per group, sorted: its beneficiary and kind, and the guarantees it receives now
	members [][]int32 // per group: its guarantees, in order
	dirty   []bool    // per group: what it receives changed since the last receipts
	changed bool      // some group is dirty

	seen     map[string]bool     // the distinct events so far, by eventKey
	attacked map[[2]int32]string // the first attack by one actor on another, as text
	// byAnyone holds, for each attack(*, B) and violation(*) a trigger
	// names (by eventKey), the attackers of the events so far that make
	// it hold, in the order they first did; nil when no trigger has one.
	byAnyone map[string][]int32
	key      []byte // eventKey's buffer
	started  bool
	receives []Receipt // after the last step

	standing []Status // per guarantee, for the attackers in standFor: what it would come to, or 0
	standFor []int32
	one      [1]int32 // the attacker of a later call; call copies it
	parties  []int32  // scratch for renewal
	depth    int      // stand calls in progress
	stood    []int32  // guarantees stand decided since depth was last 0
}

// atom is an attack or violation a trigger names, with its attacker, or
// -1 for attack(*, B) and violation(*).
type atom struct {
	key      string
	attacker int32
	event    guarantee.Event
}

func newWalker(m *core.Compiled, s *scenario.Scenario) *walker {
	n := len(s.Guarantees)
	w := &walker{m: m, s: s, objects: make([][]int32, n), named: make(map[string][]int32), atoms: make([][]atom, n),
		held: make([]bool, n), active: make([]bool, n), calls: make([]int32, n), firstCall: make([]int32, n),
		lapsedAt: make([]int32, n), lapseDate: make([]string, n), next: make([]int, n), anchor: make([]int, n),
		seen: make(map[string]bool), attacked: make(map[[2]int32]string), standing: make([]Status, n)}
	for i, p := range s.Positions {
		if p.Stance != scenario.Refuses && p.Stance != scenario.Rejects {
			continue
		}
		for _, g := range m.Matches(i) {
			if m.Binds(i, g) {
				w.objects[g] = append(w.objects[g], int32(i))
			}
		}
	}
	w.groupBy()
	for g := range s.Guarantees {
		gg := &s.Guarantees[g]
		w.next[g] = noDay
		if !gg.Mandate.IsZero() {
			w.mandated = append(w.mandated, int32(g))
		}
		for e := range gg.Trigger.All() {
			k := string(eventKey(w.key[:0], e))
			if l := w.named[k]; len(l) == 0 || l[len(l)-1] != int32(g) {
				w.named[k] = append(l, int32(g))
			}
			if a, ok := e.Attacker(); ok {
				at := int32(-1)
				if a != guarantee.Anyone {
					at = int32(m.Actors.Pos(a))
				} else if w.byAnyone == nil {
					w.byAnyone = make(map[string][]int32)
				}
				w.atoms[g] = append(w.atoms[g], atom{key: k, attacker: at, event: e})
			}
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
	ev := w.s.Timeline[i]
	ev.Args = slices.Clone(ev.Args) // the step's own, as every list of the result is
	st := Step{Event: ev}
	clear(w.standing)
	w.standFor = w.standFor[:0]

	// Time passes: the renewal points and sunsets before a dated event.
	if day := dayOf(ev.Date); day != noDay {
		st.Lapses = w.pass(i, day, st.Lapses)
	}
	// A renewal event is a renewal point of every mandate its body (or,
	// with no body named, any body) renews.
	if ev.Name == guarantee.EventRenewal && len(ev.Args) <= 1 {
		for _, g := range w.mandated {
			body := w.s.Guarantees[g].Mandate.Body
			if w.lapsedAt[g] != 0 || body == "" || len(ev.Args) == 1 && ev.Args[0] != body {
				continue
			}
			if blocks := w.renewal(g); len(blocks) > 0 {
				st.Lapses = append(st.Lapses, w.lapse(g, i, ev.Date, Lapse{Body: body, Blocks: blocks}))
			}
		}
	}

	// The event happens.
	concerned := w.byAnyoneToo(ev)
	w.key = eventKey(w.key[:0], ev)
	repeat := w.seen[string(w.key)]
	if concerned == nil {
		concerned = w.named[string(w.key)]
	}
	if !repeat {
		w.seen[string(w.key)] = true
		if ev.Name == guarantee.EventAttack && len(ev.Args) == 2 {
			k := [2]int32{int32(m.Actors.Pos(ev.Args[0])), int32(m.Actors.Pos(ev.Args[1]))}
			if _, ok := w.attacked[k]; !ok {
				w.attacked[k] = ev.String()
			}
		}
	}
	attacker, isAttack := ev.Attacker()
	call := func(g int32, attackers []int32) {
		o := w.call(g, attackers)
		w.calls[g]++
		o.Number = int(w.calls[g])
		if w.firstCall[g] == 0 {
			w.firstCall[g] = int32(i + 1)
		}
		w.setActive(g, o.Status == Activates)
		st.Due = append(st.Due, o)
	}
	visit := func(g int32) {
		if w.lapsedAt[g] != 0 {
			return
		}
		was := w.held[g]
		now := was
		if !repeat {
			now = w.s.Guarantees[g].Trigger.Holds(w.happenedEvent)
			w.held[g] = now
		}
		switch {
		case now && !was:
			call(g, w.namedAttackers(g))
		case now && isAttack:
			w.one[0] = int32(m.Actors.Pos(attacker))
			call(g, w.one[:])
		case !now && was:
			st.NoLongerDue = append(st.NoLongerDue, w.s.Guarantees[g].ID)
			w.setActive(g, false)
		}
	}
	if !w.started {
		// Nothing was due before the first event: every trigger is
		// looked at once.
		w.started = true
		for g := range int32(len(w.s.Guarantees)) {
			visit(g)
		}
	} else {
		for _, g := range concerned {
			visit(g)
		}
	}

	// Steps that change nothing share the list of receipts, so that a long
	// timeline costs memory in proportion to what changes along it.
	if w.changed || w.receives == nil {
		w.receives = w.receipts()
	}
	st.Receives = w.receives
	return st
}

// pass moves the walk to day: each mandate not lapsed meets its renewal
// points after the last dated event, up to and including day (a point
// falls at the start of its day, before that day's events), and its
// sunset when its end date is before day. The first renewal point that
// fails, or the sunset, whichever comes first, makes it lapse; the state
// does not change between two events, so when the first point passes so do
// the others before day.
func (w *walker) pass(i, day int, dst []Lapse) []Lapse {
	for _, g := range w.mandated {
		if w.lapsedAt[g] != 0 {
			continue
		}
		md := &w.s.Guarantees[g].Mandate
		ends := dayOf(md.Ends)
		renewal := noDay
		if !md.Every.IsZero() && md.Body != "" {
			if w.next[g] == noDay {
				// The first dated event: the periods count from the
				// mandate's start, or from this day, and the renewal
				// points up to this day are before the walk.
				w.anchor[g] = dayOf(md.From)
				if w.anchor[g] == noDay {
					w.anchor[g] = day
				}
				w.next[g] = nextPoint(md.Every, w.anchor[g], max(day, w.anchor[g]))
			}
			if w.next[g] <= day {
				renewal = w.next[g]
			}
		}
		if ends != noDay && ends < day && (renewal == noDay || ends < renewal) {
			dst = append(dst, w.lapse(g, i, md.Ends, Lapse{Sunset: true}))
			continue
		}
		if renewal == noDay {
			continue
		}
		if blocks := w.renewal(g); len(blocks) > 0 {
			dst = append(dst, w.lapse(g, i, dateOf(renewal), Lapse{Body: md.Body, Blocks: blocks}))
			continue
		}
		w.next[g] = nextPoint(md.Every, w.anchor[g], day)
		if ends != noDay && ends < day {
			dst = append(dst, w.lapse(g, i, md.Ends, Lapse{Sunset: true}))
		}
	}
	return dst
}

// nextPoint returns the first day after day of the points from + k·every,
// k ≥ 1.
func nextPoint(every guarantee.Period, from, day int) int {
	start := time.Unix(int64(from)*86400, 0).UTC()
	k := 1
	if day > from {
		if every.Days > 0 {
			k = (day-from)/every.Days + 1
		} else {
			end := time.Unix(int64(day)*86400, 0).UTC()
			months := (end.Year()-start.Year())*12 + int(end.Month()-start.Month())
			k = max(1, months/every.Months)
		}
	}
	at := func(k int) int { return int(every.After(start, k).Unix() / 86400) }
	for k > 1 && at(k-1) > day {
		k--
	}
	for at(k) <= day {
		k++
	}
	return at(k)
}

// lapse records that g's mandate ended before step i (or at it, for a
// renewal event) on date, and returns the lapse l completed.
func (w *walker) lapse(g int32, i int, date string, l Lapse) Lapse {
	w.lapsedAt[g] = int32(i + 1)
	w.lapseDate[g] = date
	w.setActive(g, false)
	l.Guarantee = w.s.Guarantees[g].ID
	l.Date = date
	return l
}

// renewal returns why g's renewal fails now: each veto holder of the
// renewing body that is an attacker of an attack or violation so far that
// g's trigger names, and each that rejects g by a position or refuses it
// as a contributor; none when it is renewed.
func (w *walker) renewal(g int32) []Block {
	m := w.m
	gg := &w.s.Guarantees[g]
	var out []Block
	w.parties = append(append(w.parties[:0], w.namedAttackers(g)...), m.Beneficiary[g])
	slices.Sort(w.parties)
	w.parties = slices.Compact(w.parties)
	for _, h := range m.RenewalVetoesWith(g, w.parties) {
		id := m.Actors.At(int(h)).ID
		for _, a := range w.atoms[g] {
			if slices.Contains(w.attackersOf(a), h) {
				ev := a.event
				if a.attacker < 0 {
					ev.Args = slices.Clone(ev.Args)
					ev.Args[0] = id
				}
				what := ev.String()
				names := "which its trigger names"
				if a.attacker < 0 {
					names = "which its trigger's " + a.event.String() + " admits"
				}
				out = append(out, Block{Reason: Captured, Actor: id, Event: what,
					Message: string(id) + " can stop its renewal in " + string(gg.Mandate.Body) + " and is an attacker of " + what + ", " + names})
				break
			}
		}
		for _, p := range w.objects[g] {
			if m.Holder[p] != h {
				continue
			}
			pos := &w.s.Positions[p]
			out = append(out, Block{Reason: Objects, Actor: id, Position: words.PositionRef(pos.ID, int(p)),
				Message: string(id) + " can stop its renewal in " + string(gg.Mandate.Body) + " and " + pos.Stance.String() + " " + pos.Select.String() + " (" + words.PositionRef(pos.ID, int(p)) + ")"})
		}
	}
	return out
}

// byAnyoneToo notes that ev, an attack or a violation by a named
// attacker, makes the same event by anyone hold, where a trigger names
// that, and returns the guarantees whose trigger names either, in order;
// nil when no trigger names ev by anyone.
func (w *walker) byAnyoneToo(ev guarantee.Event) []int32 {
	if w.byAnyone == nil || ev.ByAnyone() {
		return nil
	}
	a, ok := ev.Attacker()
	if !ok {
		return nil
	}
	w.key = eventKey(w.key[:0], ev.AsAnyone())
	wild := w.named[string(w.key)]
	if len(wild) == 0 {
		return nil
	}
	w.seen[string(w.key)] = true
	p := int32(w.m.Actors.Pos(a))
	if l := w.byAnyone[string(w.key)]; !slices.Contains(l, p) {
		w.byAnyone[string(w.key)] = append(l, p)
	}
	w.key = eventKey(w.key[:0], ev)
	own := w.named[string(w.key)]
	out := make([]int32, 0, len(wild)+len(own))
	out = append(append(out, wild...), own...)
	slices.Sort(out)
	return slices.Compact(out)
}

// attackersOf returns the attackers of the events so far that make atom a
// hold: its own attacker, or for an attack or violation by anyone every
// attacker of one so far.
func (w *walker) attackersOf(a atom) []int32 {
	if a.attacker >= 0 {
		if w.seen[a.key] {
			return []int32{a.attacker}
		}
		return nil
	}
	return w.byAnyone[a.key]
}

// namedAttackers returns the attackers of g's first call: those of the
// attacks and violations so far that its trigger names, sorted.
func (w *walker) namedAttackers(g int32) []int32 {
	var out []int32
	for _, a := range w.atoms[g] {
		out = append(out, w.attackersOf(a)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// groupBy sorts the guarantees into groups by beneficiary and kind, the
// lines of what a beneficiary receives.
func (w *walker) groupBy() {
	gs := w.s.Guarantees
	order := make([]int32, len(gs))
	for g := range order {
		order[g] = int32(g)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Or(strings.Compare(string(gs[a].Beneficiary), string(gs[b].Beneficiary)), strings.Compare(string(gs[a].Kind), string(gs[b].Kind)))
	})
	w.group = make([]int32, len(gs))
	for k, g := range order {
		if k == 0 || gs[g].Beneficiary != gs[order[k-1]].Beneficiary || gs[g].Kind != gs[order[k-1]].Kind {
			w.groups = append(w.groups, Receipt{Beneficiary: gs[g].Beneficiary, Kind: gs[g].Kind})
			w.members = append(w.members, nil)
		}
		w.group[g] = int32(len(w.groups) - 1)
		w.members[len(w.members)-1] = append(w.members[len(w.members)-1], g)
	}
	w.dirty = make([]bool, len(w.groups))
}

// setActive notes whether g is received now.
func (w *walker) setActive(g int32, on bool) {
	if w.active[g] != on {
		w.active[g] = on
		w.dirty[w.group[g]] = true
		w.changed = true
	}
}

// receipts lists what each beneficiary receives now, by kind. Groups that
// did not change since the last list keep their list of guarantees, so
// that a long walk allocates in proportion to what changes along it.
func (w *walker) receipts() []Receipt {
	var out []Receipt
	for k := range w.groups {
		if w.dirty[k] {
			w.dirty[k] = false
			var list []guarantee.ID
			for _, g := range w.members[k] {
				if w.active[g] {
					list = append(list, w.s.Guarantees[g].ID)
				}
			}
			w.groups[k].Guarantees = list
		}
		if len(w.groups[k].Guarantees) > 0 {
			out = append(out, w.groups[k])
		}
	}
	w.changed = false
	return out
}

// call decides what becomes of a call of g with the given attackers,
// with the reasons.
func (w *walker) call(g int32, attackers []int32) Call {
	m := w.m
	gg := &w.s.Guarantees[g]
	o := Call{Guarantee: gg.ID, Provider: gg.Provider, Beneficiary: gg.Beneficiary, Kind: gg.Kind, Sources: slices.Clone(gg.Sources)}
	for _, a := range attackers {
		o.Attackers = append(o.Attackers, m.Actors.At(int(a)).ID)
	}
	slices.Sort(o.Attackers)
	if !slices.Equal(w.standFor, attackers) {
		clear(w.standing)
		w.standFor = append(w.standFor[:0], attackers...)
	}
	o.Blocks = w.blocks(g, nil)
	o.Status = statusOf(o.Blocks)
	if o.Status != Activates {
		return o
	}
	vetoes := m.CallVetoes(g, attackers)
	for _, c := range m.Contributors(g) {
		if c == m.Provider[g] || sorted.Contains(vetoes, c) {
			continue
		}
		if slices.ContainsFunc(w.objects[g], func(p int32) bool {
			return m.Holder[p] == c && w.s.Positions[p].Stance == scenario.Refuses
		}) {
			o.Abstains = append(o.Abstains, m.Actors.At(int(c)).ID)
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

// blocks returns why g cannot activate if called now with the attackers in
// w.standFor: void when an attacker of the call holds a veto (only those
// reasons then, since nothing else matters for a void call); else every
// veto holder that stops it, and every requirement that is absent, lapsed
// or cannot stand. dst is appended to.
func (w *walker) blocks(g int32, dst []Block) []Block {
	m := w.m
	gg := &w.s.Guarantees[g]
	// The veto holders of this call: with its attackers and the
	// beneficiary set aside where a rule says so. callVetoes's list is
	// scratch, used up before stand is called below.
	att := w.standFor
	vetoes := m.CallVetoes(g, att)
	for _, h := range vetoes {
		if slices.Contains(att, h) {
			id := m.Actors.At(int(h)).ID
			dst = append(dst, Block{Reason: Captured, Actor: id,
				Message: string(id) + " can stop it and is an attacker this call answers"})
		}
	}
	if len(dst) > 0 {
		return dst
	}
	ben := m.Beneficiary[g]
	for _, h := range vetoes {
		id := m.Actors.At(int(h)).ID
		attack := w.attacked[[2]int32{h, ben}]
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
			if m.Holder[p] != h {
				continue
			}
			pos := &w.s.Positions[p]
			dst = append(dst, Block{Reason: Objects, Actor: id, Position: words.PositionRef(pos.ID, int(p)),
				Message: string(id) + " can stop it and " + pos.Stance.String() + " " + pos.Select.String() + " (" + words.PositionRef(pos.ID, int(p)) + ")"})
		}
	}
	for _, r := range gg.Requires {
		k, ok := m.GuaranteeByID(r)
		switch {
		case !ok:
			dst = append(dst, Block{Reason: Dependency, Requires: r,
				Message: "it requires " + string(r) + ", which is not in the deal"})
		case w.lapsedAt[k] != 0:
			dst = append(dst, Block{Reason: Dependency, Requires: r,
				Message: "it requires " + string(r) + ", which has lapsed"})
		case w.stand(k) != Activates:
			dst = append(dst, Block{Reason: Dependency, Requires: r,
				Message: "it requires " + string(r) + ", which would be " + w.stand(k).String()})
		}
	}
	return dst
}

// stand returns what g would come to now, were it called with the
// attackers in w.standFor. A requirement cycle stands: the guarantees on
// it hold each other up.
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
			for _, r := range w.s.Guarantees[g].Requires {
				if k, ok := w.m.GuaranteeByID(r); !ok || w.lapsedAt[k] != 0 || w.standing[k] != Activates {
					w.standing[g], changed = Blocked, true
					break
				}
			}
		}
	}
	w.stood = w.stood[:0]
}

// lifetimes says, for every guarantee called or lapsed, how long it
// lasted.
func (w *walker) lifetimes() []Lifetime {
	tl := w.s.Timeline
	lastDate := ""
	for _, e := range slices.Backward(tl) {
		if e.Date != "" {
			lastDate = e.Date
			break
		}
	}
	var out []Lifetime
	for g := range w.s.Guarantees {
		first, lapsed := int(w.firstCall[g]), int(w.lapsedAt[g])
		if first == 0 && lapsed == 0 {
			continue
		}
		lt := Lifetime{Guarantee: w.s.Guarantees[g].ID, Calls: int(w.calls[g]), FirstCall: first, Lapsed: lapsed}
		if lapsed > 0 {
			lt.To = w.lapseDate[g]
		}
		if first > 0 {
			lt.From = tl[first-1].Date
			lt.To = lastDate
			lt.Events = len(tl) - first + 1
			if lapsed > 0 {
				lt.To = w.lapseDate[g]
				lt.Events = lapsed - first
			}
		}
		if f, t := dayOf(lt.From), dayOf(lt.To); f != noDay && t != noDay {
			d := t - f
			lt.Days = &d
		}
		out = append(out, lt)
	}
	return out
}
