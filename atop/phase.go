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
// has the one phase 0.
type Phase struct {
	Version  string // the ATOP version, "4.01"
	Alliance Alliance
	Number   int
	// Members are the phase's members, one per state, in the order of
	// their state codes. A state with two rows in a phase (it left and came
	// back) is one member: its obligations and conditions are those of
	// either row, its entry the earlier and its exit the later.
	Members []Member
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
	for _, k := range keys {
		out = append(out, Phase{Version: r.Version, Alliance: byAlliance[k.id], Number: k.phase, Members: merge(groups[k])})
	}
	return out
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
