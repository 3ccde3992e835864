package scenario

import (
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/words"
)

// Diff returns edits that turn a into b: actors, guarantees and positions
// by ID (positions without one by what they say), granted vetoes by holder
// and selector, and the timeline, dated events with their dates. A
// changed element becomes one [Set] per changed field when every changed
// field can be set, else a replace; so does an actor changed in more
// than one of kind, members, decides, threshold and vetoes, or a position
// in both stance and by, which are checked together. A guarantee's
// changed mandate becomes a [WithMandate], or a [WithoutMandate] when b's
// guarantee has none, unless the guarantee is replaced, which brings its
// mandate. The scenario's name, date, description, sources, values and
// variants are not compared: they change no finding and no package
// (values change only bargaining). An actor b lacks is removed with its
// own values ([Without]); one that a selector of a's values still names
// cannot be, and a.With(Diff(a, b)...) then fails saying where.
//
// The edits come in an order that applies: actors added, guarantees and
// positions removed, vetoes revoked, then additions and changes, and
// actors removed last, bodies before their members. a.With(Diff(a, b)...)
// evaluates as b does, with the elements in a's order followed by b's new
// ones.
func Diff(a, b Scenario) []Edit {
	var first, mid, last []Edit
	// Actors: additions first, members before the bodies that hold them.
	added := map[actor.ID]bool{}
	for _, x := range b.Actors {
		if !slices.ContainsFunc(a.Actors, func(y actor.Actor) bool { return y.ID == x.ID }) {
			added[x.ID] = true
		}
	}
	done := map[actor.ID]bool{}
	for len(done) < len(added) {
		progress := false
		for _, x := range b.Actors {
			if !added[x.ID] || done[x.ID] {
				continue
			}
			if slices.ContainsFunc(x.Members, func(m actor.ID) bool { return added[m] && !done[m] }) {
				continue
			}
			first = append(first, AddActor{x})
			done[x.ID] = true
			progress = true
		}
		if !progress { // a loop among new actors: add them as they come
			for _, x := range b.Actors {
				if added[x.ID] && !done[x.ID] {
					first = append(first, AddActor{x})
					done[x.ID] = true
				}
			}
		}
	}
	var gone []actor.Actor
	for _, x := range a.Actors {
		i := slices.IndexFunc(b.Actors, func(y actor.Actor) bool { return y.ID == x.ID })
		if i < 0 {
			gone = append(gone, x)
			continue
		}
		mid = append(mid, changes(string(x.ID), actorFields, x, b.Actors[i], func() Edit { return ReplaceActor{b.Actors[i]} },
			"kind", "members", "decides", "threshold", "vetoes", "parties-aside")...)
	}
	// Removals last, the bodies before the members they hold.
	for len(gone) > 0 {
		k := slices.IndexFunc(gone, func(x actor.Actor) bool {
			return !slices.ContainsFunc(gone, func(y actor.Actor) bool { return slices.Contains(y.Members, x.ID) })
		})
		k = max(k, 0) // a loop among them: remove them as they come
		last = append(last, Without{string(gone[k].ID)})
		gone = slices.Delete(gone, k, k+1)
	}
	// Guarantees.
	for _, x := range a.Guarantees {
		i := slices.IndexFunc(b.Guarantees, func(y guarantee.Guarantee) bool { return y.ID == x.ID })
		if i < 0 {
			first = append(first, Without{string(x.ID)})
			continue
		}
		y := b.Guarantees[i]
		if asideLinked(x, y) {
			mid = append(mid, ReplaceGuarantee{y})
			continue
		}
		ch := changes(string(x.ID), guaranteeFields, x, y, func() Edit { return ReplaceGuarantee{y} })
		mid = append(mid, ch...)
		replaced := len(ch) == 1 && isReplace(ch[0])
		switch {
		case replaced || x.Mandate == y.Mandate:
		case y.Mandate.IsZero():
			mid = append(mid, WithoutMandate{x.ID})
		default:
			mid = append(mid, WithMandate{x.ID, y.Mandate})
		}
	}
	for _, y := range b.Guarantees {
		if !slices.ContainsFunc(a.Guarantees, func(x guarantee.Guarantee) bool { return x.ID == y.ID }) {
			mid = append(mid, AddGuarantee{y})
		}
	}
	// Positions: by ID, and those without one by what they say.
	usedB := make([]bool, len(b.Positions))
	var removed []int
	for i, x := range a.Positions {
		j := slices.IndexFunc(b.Positions, func(y Position) bool {
			if x.ID != "" {
				return y.ID == x.ID
			}
			return y.ID == "" && y.String() == x.String()
		})
		for j >= 0 && usedB[j] {
			k := slices.IndexFunc(b.Positions[j+1:], func(y Position) bool { return y.ID == "" && y.String() == x.String() })
			if k < 0 || x.ID != "" {
				j = -1
				break
			}
			j += 1 + k
		}
		if j < 0 {
			removed = append(removed, i)
			continue
		}
		usedB[j] = true
		if x.ID == "" {
			if x.Note != b.Positions[j].Note || !slices.Equal(x.Sources, b.Positions[j].Sources) {
				// Its path once the removals, which come first, have run.
				at := "positions[" + strconv.Itoa(i-len(removed)) + "]"
				mid = append(mid, ReplacePosition{At: at, Position: b.Positions[j]})
			}
			continue
		}
		mid = append(mid, changes(x.ID, positionFields, x, b.Positions[j], func() Edit { return ReplacePosition{Position: b.Positions[j]} }, "stance", "by")...)
	}
	// Remove from the end, so that the paths of those without an ID hold.
	for _, i := range slices.Backward(removed) {
		first = append(first, Without{words.PositionRef(a.Positions[i].ID, i)})
	}
	for j, y := range b.Positions {
		if !usedB[j] {
			mid = append(mid, AddPosition{y})
		}
	}
	// Vetoes, grouped by holder and selector, which is what Revoke
	// removes: a group whose vetoes only gain members is granted the new
	// ones; any other change revokes the group and grants it again.
	key := func(v Veto) string { return string(v.Holder) + " " + v.Over.String() }
	group := func(vs []Veto, k string) (out []Veto) {
		for _, v := range vs {
			if key(v) == k {
				out = append(out, v)
			}
		}
		return out
	}
	seen := map[string]bool{}
	for _, v := range slices.Concat(a.Vetoes, b.Vetoes) {
		k := key(v)
		if seen[k] {
			continue
		}
		seen[k] = true
		ga, gb := group(a.Vetoes, k), group(b.Vetoes, k)
		extra, ok := vetoesAdded(ga, gb)
		if !ok {
			over := v.Over
			first = append(first, Revoke{Holder: v.Holder, Over: &over})
			extra = gb
		}
		for _, w := range extra {
			mid = append(mid, Grant{w})
		}
	}
	// Of the scenario's own fields only the timeline changes an outcome.
	if x, y := eventList(a.Timeline), eventList(b.Timeline); x != y {
		mid = append(mid, Set{"timeline", y})
	}
	return slices.Concat(first, mid, last)
}

// vetoesAdded returns the vetoes of b not in a, and whether b holds every
// veto of a; vetoes are compared by likelihood, since Diff ignores notes
// and sources.
func vetoesAdded(a, b []Veto) ([]Veto, bool) {
	left := slices.Clone(b)
	for _, v := range a {
		i := slices.IndexFunc(left, func(w Veto) bool { return likelihoodText(w.Likelihood) == likelihoodText(v.Likelihood) })
		if i < 0 {
			return nil, false
		}
		left = slices.Delete(left, i, i+1)
	}
	return left, true
}

// isReplace reports whether e is a ReplaceGuarantee, which brings the
// whole guarantee, its mandate with it.
func isReplace(e Edit) bool {
	_, ok := e.(ReplaceGuarantee)
	return ok
}

// eventList writes a timeline as Set reads it, dated events with their
// dates: "peace-deal, 2009-06-15 renewal(UNSC)".
func eventList(es []guarantee.Event) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Dated()
	}
	return strings.Join(out, ", ")
}

// changes returns the edits that turn x into y, two versions of the
// element with the given ID: one Set per field that differs when every
// difference is in a field fields can write, else the replace edit. The
// linked fields are checked together (an actor's members and vetoes, a
// position's stance and by), so that Sets of two of them one at a time
// could pass through an invalid element: when more than one differs, the
// replace edit too.
func changes[T any](id string, fields func(T) []fieldValue, x, y T, replace func() Edit, linked ...string) []Edit {
	fx, fy := fields(x), fields(y)
	var out []Edit
	nlinked := 0
	for i := range fx {
		if fx[i].value == fy[i].value {
			continue
		}
		if slices.Contains(linked, fx[i].name) {
			nlinked++
		}
		if fx[i].name == "" || nlinked > 1 { // a field Set cannot write, or two linked ones
			return []Edit{replace()}
		}
		out = append(out, Set{id + "." + fx[i].name, fy[i].value})
	}
	return out
}

// fieldValue is a field as Set writes it; name "" marks a field Set cannot
// write, compared all the same.
type fieldValue struct{ name, value string }

func guaranteeFields(g guarantee.Guarantee) []fieldValue {
	return []fieldValue{
		{"provider", string(g.Provider)}, {"beneficiary", string(g.Beneficiary)},
		{"kind", string(g.Kind)}, {"target", string(g.Target)}, {"location", g.Location},
		{"strength", g.Strength.String()}, {"trigger", g.Trigger.String()},
		{"activation", activationText(g.Activation)}, {"parties-aside", asideText(g.Activation.PartiesAside)}, {"requires", words.JoinIDs(g.Requires)},
		{"likelihood", likelihoodText(g.Likelihood)}, {"note", g.Note}, {"", strings.Join(g.Sources, "\x00")},
	}
}

func activationText(a guarantee.Activation) string {
	if a.Mode == guarantee.ByProvider && len(a.Actors) == 0 {
		// PartiesAside has a field of its own.
		return ""
	}
	return a.String()
}

func actorFields(a actor.Actor) []fieldValue {
	threshold := ""
	if a.Threshold != 0 {
		threshold = strconv.Itoa(a.Threshold)
	}
	decides := ""
	if a.Decides != actor.Default {
		decides = a.Decides.String()
	}
	return []fieldValue{
		{"name", a.Name}, {"kind", a.Kind.String()}, {"members", words.JoinIDs(a.Members)},
		{"decides", decides}, {"threshold", threshold}, {"vetoes", words.JoinIDs(a.Vetoes)}, {"parties-aside", asideText(a.PartiesAside)},
		{"note", a.Note}, {"", strings.Join(a.Sources, "\x00")},
	}
}

func positionFields(p Position) []fieldValue {
	sel := p.Select
	return []fieldValue{
		{"actor", string(p.Actor)}, {"stance", p.Stance.String()}, {"by", words.JoinIDs(p.By)},
		{"likelihood", likelihoodText(p.Likelihood)}, {"note", p.Note}, {"kind", string(sel.Kind)}, {"provider", string(sel.Provider)},
		{"provider-in", string(sel.ProviderIn)}, {"beneficiary", string(sel.Beneficiary)},
		{"target", string(sel.Target)}, {"location", sel.Location}, {"ids", words.JoinIDs(sel.IDs)},
		{"", strings.Join(p.Sources, "\x00")},
	}
}
