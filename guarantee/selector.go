package guarantee

import (
	"fmt"
	"slices"
	"strings"

	"github.com/entente-go/entente/actor"
)

// Selector picks guarantees. Every field is optional and every field given
// must match; the zero Selector picks every guarantee.
type Selector struct {
	Kind     Kind     // the guarantee's kind is this one or below it (Kind.Is)
	Provider actor.ID // the provider's ID, as written
	// ProviderIn matches when a contributor of the guarantee (its provider,
	// or a member of the provider at any depth) is this actor or one of its
	// members at any depth: "troops from NATO countries", whatever flag
	// they serve under.
	ProviderIn  actor.ID
	Beneficiary actor.ID
	Target      actor.ID
	Location    string
	IDs         []ID // the guarantee's ID is one of these
}

// IsZero reports whether s picks every guarantee.
func (s Selector) IsZero() bool {
	return s.Kind == "" && s.Provider == "" && s.ProviderIn == "" && s.Beneficiary == "" &&
		s.Target == "" && s.Location == "" && len(s.IDs) == 0
}

// Matches reports whether s picks g. The index resolves ProviderIn; it may
// be nil when s has no ProviderIn, and a ProviderIn naming an actor the
// index does not know matches nothing.
func (s Selector) Matches(g Guarantee, x *actor.Index) bool {
	if !s.MatchesFields(g) {
		return false
	}
	if s.ProviderIn == "" {
		return true
	}
	if x == nil {
		return false
	}
	p, in := x.Pos(g.Provider), x.Pos(s.ProviderIn)
	return p >= 0 && in >= 0 && Overlap(x.ContributorPos(p), x.ContributorPos(in))
}

// MatchesFields reports whether g matches every field of s but ProviderIn,
// which needs an [actor.Index].
func (s Selector) MatchesFields(g Guarantee) bool {
	return g.Kind.Is(s.Kind) &&
		(s.Provider == "" || s.Provider == g.Provider) &&
		(s.Beneficiary == "" || s.Beneficiary == g.Beneficiary) &&
		(s.Target == "" || s.Target == g.Target) &&
		(s.Location == "" || s.Location == g.Location) &&
		(len(s.IDs) == 0 || slices.Contains(s.IDs, g.ID))
}

// Overlap reports whether two sorted slices share an element.
func Overlap(a, b []int32) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			return true
		}
	}
	return false
}

// String returns s in the flow style of scenario files, fields in a fixed
// order: "{kind: military, beneficiary: UA}". The zero Selector is "{}".
func (s Selector) String() string {
	var b strings.Builder
	b.WriteByte('{')
	field := func(k, v string) {
		if v == "" {
			return
		}
		if b.Len() > 1 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteString(": ")
		b.WriteString(v)
	}
	field("kind", string(s.Kind))
	field("provider", string(s.Provider))
	field("provider-in", string(s.ProviderIn))
	field("beneficiary", string(s.Beneficiary))
	field("target", string(s.Target))
	field("location", s.Location)
	if len(s.IDs) > 0 {
		ids := make([]string, len(s.IDs))
		for i, id := range s.IDs {
			ids[i] = string(id)
		}
		field("ids", "["+strings.Join(ids, ", ")+"]")
	}
	b.WriteByte('}')
	return b.String()
}

// Describe returns s as words for a message: "military guarantees to UA",
// "guarantees of kind military/ground-troops by NATO members in UA".
func (s Selector) Describe() string {
	var b strings.Builder
	if s.Kind != "" {
		b.WriteString(string(s.Kind))
		b.WriteByte(' ')
	}
	b.WriteString("guarantees")
	if len(s.IDs) > 0 {
		b.WriteString(" ")
		for i, id := range s.IDs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(string(id))
		}
	}
	if s.Provider != "" {
		fmt.Fprintf(&b, " by %s", s.Provider)
	}
	if s.ProviderIn != "" {
		fmt.Fprintf(&b, " from %s or its members", s.ProviderIn)
	}
	if s.Beneficiary != "" {
		fmt.Fprintf(&b, " to %s", s.Beneficiary)
	}
	if s.Target != "" {
		fmt.Fprintf(&b, " against %s", s.Target)
	}
	if s.Location != "" {
		fmt.Fprintf(&b, " in %s", s.Location)
	}
	return b.String()
}

// Check returns the problems of s taken on its own: malformed kind, IDs or
// actor IDs, as [Problem] values naming the field.
func (s Selector) Check() []Problem {
	var ps []Problem
	if s.Kind != "" {
		if _, err := ParseKind(string(s.Kind)); err != nil {
			ps = append(ps, Problem{"kind", err})
		}
	}
	for _, f := range [...]struct {
		name string
		id   actor.ID
	}{{"provider", s.Provider}, {"provider-in", s.ProviderIn}, {"beneficiary", s.Beneficiary}, {"target", s.Target}} {
		if f.id != "" {
			if _, err := actor.ParseID(string(f.id)); err != nil {
				ps = append(ps, Problem{f.name, err})
			}
		}
	}
	for i, id := range s.IDs {
		if _, err := ParseID(string(id)); err != nil {
			ps = append(ps, Problem{fmt.Sprintf("ids[%d]", i), err})
		}
	}
	return ps
}
