package guarantee_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// actors is a set of actors for selectors: NATO and its members, the EU as
// a member of the G7 (so that Hungary is a G7 member at depth two), a
// coalition of the willing of NATO members, and a coalition outside NATO.
func actors(t *testing.T) *actor.Index {
	t.Helper()
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "DE"}, {ID: "HU"}, {ID: "JP"},
		{ID: "RU"}, {ID: "BY"}, {ID: "UA"}, {ID: "SE"},
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR", "DE", "HU", "SE"}},
		{ID: "EU", Kind: actor.Organization, Members: []actor.ID{"FR", "DE", "HU", "SE"}},
		{ID: "G7", Kind: actor.Organization, Members: []actor.ID{"US", "UK", "FR", "DE", "JP", "EU"}},
		{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}},
		{ID: "nordic-willing", Kind: actor.Coalition, Members: []actor.ID{"willing", "SE"}},
		{ID: "CSTO", Kind: actor.Alliance, Members: []actor.ID{"RU", "BY"}},
	})
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	return x
}

// airSupport is a US guarantee of air support to Ukraine against Russia.
var airSupport = guarantee.Guarantee{
	ID: "us-air-support", Provider: "US", Beneficiary: "UA", Kind: guarantee.AirSupport,
	Target: "RU", Location: "UA", Trigger: guarantee.Attack("RU", "UA"),
}

func with(g guarantee.Guarantee, edit func(*guarantee.Guarantee)) guarantee.Guarantee {
	edit(&g)
	return g
}

// TestSelectorMatchesFields checks every field but ProviderIn, with an
// index and without one, which such selectors do not need.
func TestSelectorMatchesFields(t *testing.T) {
	x := actors(t)
	tests := []struct {
		reason string
		s      guarantee.Selector
		g      guarantee.Guarantee
		want   bool
	}{
		{reason: "the zero selector picks every guarantee", s: guarantee.Selector{}, g: airSupport, want: true},
		{reason: "the zero selector picks even the zero guarantee", s: guarantee.Selector{}, g: guarantee.Guarantee{}, want: true},
		{reason: "kind: the same kind", s: guarantee.Selector{Kind: guarantee.AirSupport}, g: airSupport, want: true},
		{reason: "kind: a parent kind picks its children", s: guarantee.Selector{Kind: guarantee.Military}, g: airSupport, want: true},
		{reason: "kind: a sibling does not", s: guarantee.Selector{Kind: guarantee.GroundTroops}, g: airSupport},
		{reason: "kind: a child does not pick its parent", s: guarantee.Selector{Kind: guarantee.AirSupport}, g: with(airSupport, func(g *guarantee.Guarantee) { g.Kind = guarantee.Military })},
		{reason: "kind: a prefix that is not a parent does not", s: guarantee.Selector{Kind: "military/air"}, g: airSupport},
		{reason: "provider: as written", s: guarantee.Selector{Provider: "US"}, g: airSupport, want: true},
		{reason: "provider: another", s: guarantee.Selector{Provider: "UK"}, g: airSupport},
		{reason: "provider: a body the provider belongs to is not the provider", s: guarantee.Selector{Provider: "NATO"}, g: airSupport},
		{reason: "beneficiary: the same", s: guarantee.Selector{Beneficiary: "UA"}, g: airSupport, want: true},
		{reason: "beneficiary: another", s: guarantee.Selector{Beneficiary: "MD"}, g: airSupport},
		{reason: "target: the same", s: guarantee.Selector{Target: "RU"}, g: airSupport, want: true},
		{reason: "target: another", s: guarantee.Selector{Target: "BY"}, g: airSupport},
		{reason: "target: a guarantee without a target", s: guarantee.Selector{Target: "RU"}, g: with(airSupport, func(g *guarantee.Guarantee) { g.Target = "" })},
		{reason: "location: the same", s: guarantee.Selector{Location: "UA"}, g: airSupport, want: true},
		{reason: "location: another", s: guarantee.Selector{Location: "black-sea"}, g: airSupport},
		{reason: "ids: one of them", s: guarantee.Selector{IDs: []guarantee.ID{"eu-aid", "us-air-support"}}, g: airSupport, want: true},
		{reason: "ids: none of them", s: guarantee.Selector{IDs: []guarantee.ID{"eu-aid"}}, g: airSupport},
		{
			reason: "every field given must match",
			s:      guarantee.Selector{Kind: guarantee.Military, Provider: "US", Beneficiary: "UA", Target: "RU", Location: "UA", IDs: []guarantee.ID{"us-air-support"}},
			g:      airSupport,
			want:   true,
		},
		{
			reason: "one field that does not match is enough to miss",
			s:      guarantee.Selector{Kind: guarantee.Military, Provider: "US", Beneficiary: "UA", Target: "RU", Location: "black-sea"},
			g:      airSupport,
		},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.s.Matches(&tc.g, x)); diff != "" {
			t.Errorf("%v.Matches(%s, index): %s\n(-want +got):\n%s", tc.s, tc.g.ID, tc.reason, diff)
		}
		if diff := cmp.Diff(tc.want, tc.s.Matches(&tc.g, nil)); diff != "" {
			t.Errorf("%v.Matches(%s, nil) without ProviderIn needs no index: %s\n(-want +got):\n%s", tc.s, tc.g.ID, tc.reason, diff)
		}
	}
}

func TestSelectorProviderIn(t *testing.T) {
	x := actors(t)
	by := func(provider actor.ID) guarantee.Guarantee {
		return with(airSupport, func(g *guarantee.Guarantee) { g.Provider = provider })
	}
	tests := []struct {
		reason     string
		providerIn actor.ID
		provider   actor.ID
		want       bool
	}{
		{reason: "a direct member of the body", providerIn: "NATO", provider: "US", want: true},
		{reason: "a state outside the body", providerIn: "NATO", provider: "RU"},
		{reason: "the body itself", providerIn: "NATO", provider: "NATO", want: true},
		{reason: "the named state itself", providerIn: "US", provider: "US", want: true},
		{reason: "another state", providerIn: "US", provider: "UK"},
		{reason: "a member at depth two, through the EU", providerIn: "G7", provider: "HU", want: true},
		{reason: "a body that is a member", providerIn: "G7", provider: "EU", want: true},
		{reason: "a coalition whose members are NATO members: troops from NATO countries, whatever flag they serve under", providerIn: "NATO", provider: "willing", want: true},
		{reason: "a coalition whose member is a member of the body at depth two", providerIn: "nordic-willing", provider: "UK", want: true},
		{reason: "a coalition with a coalition of NATO members among its members", providerIn: "NATO", provider: "nordic-willing", want: true},
		{reason: "a body with NATO members among its members, though not a NATO member itself", providerIn: "NATO", provider: "EU", want: true},
		{reason: "a body whose contributors include the named state", providerIn: "US", provider: "NATO", want: true},
		{reason: "a body whose contributors include the named state at depth two", providerIn: "HU", provider: "G7", want: true},
		{reason: "a body whose contributors do not include the named state", providerIn: "JP", provider: "NATO"},
		{reason: "a body with no member in common", providerIn: "NATO", provider: "CSTO"},
		{reason: "the UK is not in the EU", providerIn: "EU", provider: "UK"},
		{reason: "a coalition with one member in the body, France", providerIn: "EU", provider: "willing", want: true},
		{reason: "a ProviderIn unknown to the index matches nothing", providerIn: "XX", provider: "US"},
		{reason: "a provider unknown to the index matches nothing", providerIn: "NATO", provider: "XX"},
	}
	for _, tc := range tests {
		s := guarantee.Selector{ProviderIn: tc.providerIn}
		if diff := cmp.Diff(tc.want, s.Matches(new(by(tc.provider)), x)); diff != "" {
			t.Errorf("provider-in %s, provider %s: %s\n(-want +got):\n%s", tc.providerIn, tc.provider, tc.reason, diff)
		}
		if s.Matches(new(by(tc.provider)), nil) {
			t.Errorf("provider-in %s, provider %s: matches with a nil index, want no match", tc.providerIn, tc.provider)
		}
	}
}

func TestSelectorProviderInAndFields(t *testing.T) {
	x := actors(t)
	s := guarantee.Selector{Kind: guarantee.GroundTroops, ProviderIn: "NATO", Location: "UA"}
	force := guarantee.Guarantee{ID: "reassurance-force", Provider: "willing", Beneficiary: "UA", Kind: guarantee.GroundTroops, Location: "UA"}
	tests := []struct {
		reason string
		g      guarantee.Guarantee
		want   bool
	}{
		{reason: "a reassurance force of NATO members in Ukraine", g: force, want: true},
		{reason: "the same force outside Ukraine", g: with(force, func(g *guarantee.Guarantee) { g.Location = "PL" })},
		{reason: "air support rather than troops", g: with(force, func(g *guarantee.Guarantee) { g.Kind = guarantee.AirSupport })},
		{reason: "troops from outside NATO", g: with(force, func(g *guarantee.Guarantee) { g.Provider = "CSTO" })},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, s.Matches(&tc.g, x)); diff != "" {
			t.Errorf("%v.Matches: %s\n(-want +got):\n%s", s, tc.reason, diff)
		}
	}
}

func TestSelectorIsZero(t *testing.T) {
	tests := []struct {
		reason string
		s      guarantee.Selector
		want   bool
	}{
		{reason: "the zero selector", s: guarantee.Selector{}, want: true},
		{reason: "an empty, non-nil ID list is still zero", s: guarantee.Selector{IDs: []guarantee.ID{}}, want: true},
		{reason: "a kind", s: guarantee.Selector{Kind: guarantee.Military}},
		{reason: "provider-in", s: guarantee.Selector{ProviderIn: "NATO"}},
		{reason: "a location", s: guarantee.Selector{Location: "black-sea"}},
		{reason: "ids", s: guarantee.Selector{IDs: []guarantee.ID{"g"}}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.s.IsZero()); diff != "" {
			t.Errorf("IsZero(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

// TestSelectorEqual changes one field at a time: Equal reports whether two
// selectors are the same selector, field by field, so any change makes
// them differ; the ID lists are compared as written, in order, as
// [guarantee.Selector.String] writes them.
func TestSelectorEqual(t *testing.T) {
	// full returns a selector with every field set, its ID list allocated
	// anew at each call.
	full := func(edit func(*guarantee.Selector)) guarantee.Selector {
		s := guarantee.Selector{
			Kind: guarantee.GroundTroops, Provider: "UK", ProviderIn: "NATO", Beneficiary: "UA",
			Target: "RU", Location: "UA", IDs: []guarantee.ID{"uk-troops", "fr-troops"},
		}
		if edit != nil {
			edit(&s)
		}
		return s
	}
	tests := []struct {
		reason string
		s, t   guarantee.Selector
		want   bool
	}{
		{reason: "two zero selectors", want: true},
		{reason: "every field the same, ID lists allocated separately", s: full(nil), t: full(nil), want: true},
		{reason: "a nil and an empty ID list both pick every ID", s: guarantee.Selector{Kind: guarantee.Military}, t: guarantee.Selector{Kind: guarantee.Military, IDs: []guarantee.ID{}}, want: true},
		{reason: "SelectIDs and the literal with the same IDs", s: guarantee.SelectIDs("uk-troops", "fr-troops"), t: guarantee.Selector{IDs: []guarantee.ID{"uk-troops", "fr-troops"}}, want: true},
		{reason: "kind differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.Kind = guarantee.Military })},
		{reason: "kind given on one side only", s: full(nil), t: full(func(s *guarantee.Selector) { s.Kind = "" })},
		{reason: "provider differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.Provider = "FR" })},
		{reason: "provider-in differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.ProviderIn = "EU" })},
		{reason: "beneficiary differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.Beneficiary = "GE" })},
		{reason: "target differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.Target = "BY" })},
		{reason: "location differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.Location = "black-sea" })},
		{reason: "location given on one side only", s: full(nil), t: full(func(s *guarantee.Selector) { s.Location = "" })},
		{reason: "one ID differs", s: full(nil), t: full(func(s *guarantee.Selector) { s.IDs[1] = "pl-troops" })},
		{reason: "one ID more", s: full(nil), t: full(func(s *guarantee.Selector) { s.IDs = append(s.IDs, "pl-troops") })},
		{reason: "no ID list on one side", s: full(nil), t: full(func(s *guarantee.Selector) { s.IDs = nil })},
		{reason: "the same IDs in another order are another selector as written", s: full(nil), t: full(func(s *guarantee.Selector) { s.IDs[0], s.IDs[1] = s.IDs[1], s.IDs[0] })},
	}
	for _, tc := range tests {
		if got := tc.s.Equal(tc.t); got != tc.want {
			t.Errorf("%v.Equal(%v) = %t, want %t: %s", tc.s, tc.t, got, tc.want, tc.reason)
		}
		if got := tc.t.Equal(tc.s); got != tc.want {
			t.Errorf("%v.Equal(%v) = %t, want %t (the other way round): %s", tc.t, tc.s, got, tc.want, tc.reason)
		}
	}
}

func TestSelectorStringDescribe(t *testing.T) {
	tests := []struct {
		reason   string
		s        guarantee.Selector
		str      string
		describe string
	}{
		{reason: "the zero selector", s: guarantee.Selector{}, str: "{}", describe: "guarantees"},
		{
			reason:   "military guarantees to Ukraine",
			s:        guarantee.Selector{Kind: guarantee.Military, Beneficiary: "UA"},
			str:      "{kind: military, beneficiary: UA}",
			describe: "military guarantees to UA",
		},
		{
			reason:   "troops from NATO countries in Ukraine",
			s:        guarantee.Selector{Kind: guarantee.GroundTroops, ProviderIn: "NATO", Location: "UA"},
			str:      "{kind: military/ground-troops, provider-in: NATO, location: UA}",
			describe: "military/ground-troops guarantees from NATO or its members in UA",
		},
		{
			reason:   "IDs alone",
			s:        guarantee.Selector{IDs: []guarantee.ID{"us-air-support", "reassurance-force"}},
			str:      "{ids: [us-air-support, reassurance-force]}",
			describe: "guarantees us-air-support, reassurance-force",
		},
		{
			reason:   "every field, in a fixed order",
			s:        guarantee.Selector{IDs: []guarantee.ID{"g"}, Location: "black-sea", Target: "RU", Beneficiary: "UA", ProviderIn: "NATO", Provider: "US", Kind: guarantee.Naval},
			str:      "{kind: military/naval, provider: US, provider-in: NATO, beneficiary: UA, target: RU, location: black-sea, ids: [g]}",
			describe: "military/naval guarantee g by US from NATO or its members to UA against RU in black-sea",
		},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.str, tc.s.String()); diff != "" {
			t.Errorf("String(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
		if diff := cmp.Diff(tc.describe, tc.s.Describe()); diff != "" {
			t.Errorf("Describe(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
		if got := string(tc.s.AppendString([]byte("picks "))); got != "picks "+tc.str {
			t.Errorf("AppendString: %s: got %q, want %q", tc.reason, got, "picks "+tc.str)
		}
	}
}

// TestSelectorJSON checks that a selector is no text type, so that no
// encoding writes it as its String form, which could not always be read
// back (a location holding ", "): encoding/json v2 would, for an
// encoding.TextAppender. And that it goes through encoding/json field by
// field and comes back whole.
func TestSelectorJSON(t *testing.T) {
	s := guarantee.Selector{Kind: guarantee.Naval, Beneficiary: "UA", Location: "Odesa, Black Sea", IDs: []guarantee.ID{"tr-naval"}}
	var v any = s
	if _, ok := v.(encoding.TextAppender); ok {
		t.Error("Selector implements encoding.TextAppender; its String form cannot be read back")
	}
	if _, ok := v.(encoding.TextMarshaler); ok {
		t.Error("Selector implements encoding.TextMarshaler; its String form cannot be read back")
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back guarantee.Selector
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("reading back %s: %v", out, err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("the selector read back from %s (-want +got):\n%s", out, diff)
	}
}

// problem is a guarantee.Problem as a test compares it: its error as a
// message.
type problem struct {
	Field string
	Msg   string
}

func TestSelectorCheck(t *testing.T) {
	tests := []struct {
		reason string
		s      guarantee.Selector
		want   []problem
		is     []error // sentinels the problems wrap, in order
	}{
		{reason: "the zero selector", s: guarantee.Selector{}},
		{
			reason: "every field well-formed",
			s:      guarantee.Selector{Kind: "military/air-defence", Provider: "US", ProviderIn: "NATO", Beneficiary: "UA", Target: "RU", Location: "black-sea", IDs: []guarantee.ID{"us-air-support"}},
		},
		{
			reason: "a malformed kind",
			s:      guarantee.Selector{Kind: "Military"},
			want:   []problem{{"kind", `invalid kind "Military": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`}},
			is:     []error{guarantee.ErrInvalidKind},
		},
		{
			reason: "malformed actor IDs, each named by its field",
			s:      guarantee.Selector{Provider: "U S", ProviderIn: "NATO!", Beneficiary: "Україна", Target: "R U"},
			want: []problem{
				{"provider", `invalid actor ID "U S": want 1 to 64 letters, digits, '-' or '_'`},
				{"provider-in", `invalid actor ID "NATO!": want 1 to 64 letters, digits, '-' or '_'`},
				{"beneficiary", `invalid actor ID "Україна": want 1 to 64 letters, digits, '-' or '_'`},
				{"target", `invalid actor ID "R U": want 1 to 64 letters, digits, '-' or '_'`},
			},
			is: []error{actor.ErrInvalidID, actor.ErrInvalidID, actor.ErrInvalidID, actor.ErrInvalidID},
		},
		{
			reason: "malformed guarantee IDs, by position",
			s:      guarantee.Selector{IDs: []guarantee.ID{"ok", "not ok", ""}},
			want: []problem{
				{"ids[1]", `invalid guarantee ID "not ok": want 1 to 64 letters, digits, '-' or '_'`},
				{"ids[2]", `invalid guarantee ID "": want 1 to 64 letters, digits, '-' or '_'`},
			},
			is: []error{guarantee.ErrInvalidID, guarantee.ErrInvalidID},
		},
	}
	for _, tc := range tests {
		ps := tc.s.Check()
		var got []problem
		for _, p := range ps {
			got = append(got, problem{p.Field, p.Err.Error()})
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Check(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
		for i, sentinel := range tc.is {
			if i < len(ps) && !errors.Is(ps[i], sentinel) {
				t.Errorf("problem %d (%v) does not wrap %v", i, ps[i], sentinel)
			}
		}
	}
}

func TestSelectIDs(t *testing.T) {
	for _, tc := range []struct {
		reason string
		got    guarantee.Selector
		want   guarantee.Selector
		text   string
	}{
		{reason: "one ID", got: guarantee.SelectIDs("x"), want: guarantee.Selector{IDs: []guarantee.ID{"x"}}, text: "{ids: [x]}"},
		{reason: "several, in the order given", got: guarantee.SelectIDs("y", "x"), want: guarantee.Selector{IDs: []guarantee.ID{"y", "x"}}, text: "{ids: [y, x]}"},
		{reason: "none is the zero selector, which picks every guarantee", got: guarantee.SelectIDs(), want: guarantee.Selector{}, text: "{}"},
	} {
		if d := cmp.Diff(tc.want, tc.got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.reason, d)
		}
		if got := tc.got.String(); got != tc.text {
			t.Errorf("%s: String() = %q, want %q", tc.reason, got, tc.text)
		}
	}
	// The selector keeps its own copy: a caller's slice may change later.
	ids := []guarantee.ID{"x", "y"}
	s := guarantee.SelectIDs(ids...)
	ids[0] = "z"
	if s.IDs[0] != "x" {
		t.Errorf("SelectIDs shares its caller's slice: %v", s.IDs)
	}
}
