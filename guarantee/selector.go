package guarantee

import (
	"fmt"
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/internal/actorpos"
	"github.com/entente-go/entente/internal/sorted"
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

// SelectIDs returns the selector that picks the guarantees with the given
// IDs, as a scenario file writes {ids: [x, y]}. It keeps its own copy of
// ids. SelectIDs() with no ID is the zero Selector, which picks every
// guarantee.
func SelectIDs(ids ...ID) Selector {
	return Selector{IDs: slices.Clone(ids)}
}

// IsZero reports whether s picks every guarantee.
func (s Selector) IsZero() bool {
	return s.Kind == "" && s.Provider == "" && s.ProviderIn == "" && s.Beneficiary == "" &&
		s.Target == "" && s.Location == "" && len(s.IDs) == 0
}

// Matches reports whether s picks g. The index resolves ProviderIn; it may
// be nil when s has no ProviderIn, and a ProviderIn naming an actor the
// index does not know matches nothing. It takes pointers because it sits on
// every hot path of evaluation; it changes neither.
func (s *Selector) Matches(g *Guarantee, x *actor.Index) bool {
	if !s.matchesFields(g) {
		return false
	}
	if s.ProviderIn == "" {
		return true
	}
	if x == nil {
		return false
	}
	p, in := x.Pos(g.Provider), x.Pos(s.ProviderIn)
	l := actorpos.Of(x)
	return p >= 0 && in >= 0 && sorted.Overlap(l.Contributors(p), l.Contributors(in))
}

// matchesFields reports whether g matches every field of s but ProviderIn,
// which needs an [actor.Index].
func (s *Selector) matchesFields(g *Guarantee) bool {
	return g.Kind.Is(s.Kind) &&
		(s.Provider == "" || s.Provider == g.Provider) &&
		(s.Beneficiary == "" || s.Beneficiary == g.Beneficiary) &&
		(s.Target == "" || s.Target == g.Target) &&
		(s.Location == "" || s.Location == g.Location) &&
		(len(s.IDs) == 0 || slices.Contains(s.IDs, g.ID))
}

// String returns s in the flow style of scenario files, fields in a fixed
// order: "{kind: military, beneficiary: UA}". The zero Selector is "{}".
func (s Selector) String() string { return string(s.AppendString(nil)) }

// AppendString appends [Selector.String]'s form to b. It is no
// [encoding.TextAppender] on purpose: that form is for reading, not for
// reading back (a location may hold ", "), so encodings write a Selector
// field by field.
func (s Selector) AppendString(b []byte) []byte {
	b = append(b, '{')
	n := len(b)
	field := func(k, v string) {
		if v == "" {
			return
		}
		if len(b) > n {
			b = append(b, ", "...)
		}
		b = append(b, k...)
		b = append(b, ": "...)
		b = append(b, v...)
	}
	field("kind", string(s.Kind))
	field("provider", string(s.Provider))
	field("provider-in", string(s.ProviderIn))
	field("beneficiary", string(s.Beneficiary))
	field("target", string(s.Target))
	field("location", s.Location)
	if len(s.IDs) > 0 {
		if len(b) > n {
			b = append(b, ", "...)
		}
		b = append(b, "ids: ["...)
		for i, id := range s.IDs {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, id...)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// Describe returns s as words for a message: "military guarantees to UA",
// "military/ground-troops guarantees from NATO or its members in UA",
// "guarantee unpredep" (one named: the singular).
func (s Selector) Describe() string { return string(s.AppendDescription(nil)) }

// AppendDescription appends [Selector.Describe]'s words to b.
func (s Selector) AppendDescription(b []byte) []byte {
	if s.Kind != "" {
		b = append(b, s.Kind...)
		b = append(b, ' ')
	}
	if len(s.IDs) == 1 {
		b = append(b, "guarantee"...) // "rejects guarantee unpredep"
	} else {
		b = append(b, "guarantees"...)
	}
	for i, id := range s.IDs {
		if i == 0 {
			b = append(b, ' ')
		} else {
			b = append(b, ", "...)
		}
		b = append(b, id...)
	}
	for _, f := range [...]struct{ words, v string }{
		{" by ", string(s.Provider)},
		{" from ", string(s.ProviderIn)},
		{" to ", string(s.Beneficiary)},
		{" against ", string(s.Target)},
		{" in ", s.Location},
	} {
		if f.v != "" {
			b = append(b, f.words...)
			b = append(b, f.v...)
			if f.words == " from " {
				b = append(b, " or its members"...)
			}
		}
	}
	return b
}

// Equal reports whether s and t are the same selector.
func (s Selector) Equal(t Selector) bool {
	return s.Kind == t.Kind && s.Provider == t.Provider && s.ProviderIn == t.ProviderIn &&
		s.Beneficiary == t.Beneficiary && s.Target == t.Target && s.Location == t.Location &&
		slices.Equal(s.IDs, t.IDs)
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
