package atop

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Phase is one phase of one alliance: the alliance's row, and the rows of
// its members in that phase, one per state. ATOP numbers the phases of an
// alliance whose terms changed from 1; an alliance that never changed them
// has the one phase 0. The Alliance of a phase holds the phase's own
// [Terms] where the member file gives them, as 4.01's does: a renewal on
// new terms (the Triple Alliance's five-year terms, the Anglo-Polish
// agreement's length after its first phase) is read from the phase, not
// from the alliance's row.
type Phase struct {
	Version  string // the ATOP version, "4.01"
	Alliance Alliance
	Number   int
	// Members are the phase's members, one per state, in the order of
	// their state codes. A state with two rows in a phase (it left and came
	// back) is one member: its obligations and conditions are those of
	// either row, its entry the earlier and its exit the later.
	Members []Member
	// termStart is the date the phase's specified length counts from,
	// set by [Record.Phases]; zero for a Phase built otherwise, whose
	// length counts from the alliance's start.
	termStart Date
}

// Begin returns the date the phase began: its members' earliest entry,
// or the alliance's start.
func (p Phase) Begin() Date {
	d := Date{}
	for _, m := range p.Members {
		if !m.Entry.IsZero() && (d.IsZero() || m.Entry.Less(d)) {
			d = m.Entry
		}
	}
	if d.IsZero() {
		return p.Alliance.Begin
	}
	return d
}

// End returns the date the phase ended, its members' latest exit; zero when
// a member was still in when the data end.
func (p Phase) End() Date {
	d := Date{}
	for _, m := range p.Members {
		if m.Exit.IsZero() {
			return Date{}
		}
		if d.Less(m.Exit) {
			d = m.Exit
		}
	}
	return d
}

// Key names the phase as the files of an import do: "atop-3180-1".
func (p Phase) Key() string { return fmt.Sprintf("atop-%d-%d", p.Alliance.ID, p.Number) }

// Phases returns every phase of every alliance in the record, ordered by
// atopid and then phase. An alliance with no member rows has no phase.
func (r *Record) Phases() []Phase {
	type key struct{ id, phase int }
	byAlliance := make(map[int]Alliance, len(r.Alliances))
	for _, a := range r.Alliances {
		byAlliance[a.ID] = a
	}
	groups := map[key][]Member{}
	for _, m := range r.Members {
		k := key{m.Alliance, m.Phase}
		groups[k] = append(groups[k], m)
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.phase, b.phase))
	})
	out := make([]Phase, 0, len(keys))
	for i, k := range keys {
		p := Phase{Version: r.Version, Alliance: byAlliance[k.id], Number: k.phase, Members: merge(groups[k])}
		if rows := groups[k]; rows[0].HasTerms {
			p.Alliance.Terms = rows[0].Terms // the phase's own terms; its rows agree in 4.01
		}
		var before *Phase
		if i > 0 && keys[i-1].id == k.id {
			before = &out[i-1]
		}
		p.termStart = p.startOfTerm(before)
		out = append(out, p)
	}
	return out
}

// startOfTerm returns the date p's specified length counts from, given
// the phase before it of the same alliance (nil for the first): the
// alliance's start for the first phase, and the term of the phase before
// for a phase with the same terms while that term still runs. A phase
// that brought a length or renewal of its own, or that begins after the
// term before it ran out, is a new agreement: its length counts from its
// own start. So the Anglo-Soviet treaty of May 1942 runs twenty years
// from 1942, not from the agreement of 1941, while NATO's twenty years,
// unchanged as members joined, run from 1949. ATOP does not say which
// phases restart a term; this is the reading of its codes that keeps
// every phase in force at its start.
func (p Phase) startOfTerm(before *Phase) Date {
	a, begin := p.Alliance, p.Begin()
	start := a.Begin
	if before != nil {
		b := before.Alliance.Terms
		if b.SpecLength != a.SpecLength || b.Length != a.Length || b.Renewal != a.Renewal || b.RenewalLength != a.RenewalLength {
			return begin
		}
		start = before.lengthStart()
	}
	if a.Length > 0 && !begin.Less(addMonths(start, a.Length)) {
		return begin
	}
	return start
}

// lengthStart returns the date the phase's specified length counts from
// (see startOfTerm).
func (p Phase) lengthStart() Date {
	if p.termStart.IsZero() {
		return p.startOfTerm(nil)
	}
	return p.termStart
}

// merge makes one member of the rows of each state, in the order of
// state codes.
func merge(rows []Member) []Member {
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b Member) int { return cmp.Compare(a.State, b.State) })
	out := rows[:0]
	for _, m := range rows {
		if n := len(out); n > 0 && out[n-1].State == m.State {
			o := &out[n-1]
			for t := range o.Obligations {
				o.Obligations[t].Present = o.Obligations[t].Present || m.Obligations[t].Present
				o.Obligations[t].Conditions |= m.Obligations[t].Conditions
			}
			if m.Entry.Less(o.Entry) {
				o.Entry = m.Entry
			}
			if o.Exit.IsZero() || m.Exit.IsZero() {
				o.Exit = Date{}
			} else if o.Exit.Less(m.Exit) {
				o.Exit = m.Exit
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// addMonths returns d plus n months, on the same day of the month, clamped
// to the last day of a shorter month, as mandates count.
func addMonths(d Date, n int) Date {
	y, m := d.Year, max(d.Month, 1)-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	last := time.Date(y, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{y, m + 1, min(max(d.Day, 1), last)}
}
