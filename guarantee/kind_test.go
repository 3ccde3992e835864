package guarantee_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/guarantee"
)

func TestKindIs(t *testing.T) {
	tests := []struct {
		reason string
		k, p   guarantee.Kind
		want   bool
	}{
		{reason: "a kind is a kind of itself", k: guarantee.Military, p: guarantee.Military, want: true},
		{reason: "a child is a kind of its parent", k: guarantee.AirSupport, p: guarantee.Military, want: true},
		{reason: "a grandchild is a kind of its grandparent", k: "military/air-support/f-16", p: guarantee.Military, want: true},
		{reason: "a grandchild is a kind of its parent", k: "military/air-support/f-16", p: guarantee.AirSupport, want: true},
		{reason: "a parent is not a kind of its child", k: guarantee.Military, p: guarantee.AirSupport},
		{reason: "a sibling is not a kind of another", k: guarantee.Naval, p: guarantee.AirSupport},
		{reason: "a kind that shares a prefix is not a child", k: "military-x", p: guarantee.Military},
		{reason: "a sub-kind that shares a prefix is not a child", k: "military/air-support-x", p: guarantee.AirSupport},
		{reason: "a prefix of a segment is not a parent", k: guarantee.AirSupport, p: "military/air"},
		{reason: "another family", k: guarantee.EconomicSanctions, p: guarantee.Military},
		{reason: "a segment that equals the parent further down does not count", k: "financial/military", p: guarantee.Military},
		{reason: "every kind is a kind of the empty kind", k: guarantee.Snapback, p: "", want: true},
		{reason: "even the empty kind is a kind of the empty kind", k: "", p: "", want: true},
		{reason: "the empty kind is a kind of nothing else", k: "", p: guarantee.Military},
		{reason: "kinds are case-sensitive", k: "Military/naval", p: guarantee.Military},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.k.Is(tc.p)); diff != "" {
			t.Errorf("Kind(%q).Is(%q): %s\n(-want +got):\n%s", tc.k, tc.p, tc.reason, diff)
		}
	}
}

func TestKindParentTop(t *testing.T) {
	tests := []struct {
		reason string
		k      guarantee.Kind
		parent guarantee.Kind
		top    guarantee.Kind
	}{
		{reason: "a top level has no parent and is its own top", k: guarantee.Military, parent: "", top: guarantee.Military},
		{reason: "a named sub-kind", k: guarantee.Surveillance, parent: guarantee.Intelligence, top: guarantee.Intelligence},
		{reason: "three levels", k: "military/air-support/f-16", parent: guarantee.AirSupport, top: guarantee.Military},
		{reason: "the empty kind", k: "", parent: "", top: ""},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.parent, tc.k.Parent()); diff != "" {
			t.Errorf("Kind(%q).Parent(): %s\n(-want +got):\n%s", tc.k, tc.reason, diff)
		}
		if diff := cmp.Diff(tc.top, tc.k.Top()); diff != "" {
			t.Errorf("Kind(%q).Top(): %s\n(-want +got):\n%s", tc.k, tc.reason, diff)
		}
		if tc.k != "" && !tc.k.Is(tc.k.Parent()) {
			t.Errorf("Kind(%q) is not a kind of its parent %q", tc.k, tc.k.Parent())
		}
		if !tc.k.Is(tc.k.Top()) {
			t.Errorf("Kind(%q) is not a kind of its top %q", tc.k, tc.k.Top())
		}
	}
}

func TestParseKind(t *testing.T) {
	const hint = `: want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`
	tests := []struct {
		reason  string
		in      string
		want    guarantee.Kind
		wantErr string
	}{
		{reason: "a top level", in: "military", want: guarantee.Military},
		{reason: "a named sub-kind", in: "sanctions/snapback", want: guarantee.Snapback},
		{reason: "a user's own kind, with digits and '-'", in: "military/air-defence/patriot-pac3", want: "military/air-defence/patriot-pac3"},
		{reason: "a user's own top level", in: "energy", want: "energy"},
		{reason: "128 characters is the longest kind", in: strings.Repeat("a", 128), want: guarantee.Kind(strings.Repeat("a", 128))},
		{reason: "the empty kind is invalid", in: "", wantErr: `invalid kind ""` + hint},
		{reason: "129 characters is too long", in: strings.Repeat("a", 129), wantErr: `invalid kind "` + strings.Repeat("a", 129) + `"` + hint},
		{reason: "upper case is not allowed", in: "Military", wantErr: `invalid kind "Military"` + hint},
		{reason: "a leading '/'", in: "/military", wantErr: `invalid kind "/military"` + hint},
		{reason: "a trailing '/'", in: "military/", wantErr: `invalid kind "military/"` + hint},
		{reason: "an empty segment", in: "military//naval", wantErr: `invalid kind "military//naval"` + hint},
		{reason: "'_' is for IDs, not kinds", in: "ground_troops", wantErr: `invalid kind "ground_troops"` + hint},
		{reason: "spaces are not allowed", in: "military/air support", wantErr: `invalid kind "military/air support"` + hint},
		{reason: "non-ASCII letters are not allowed", in: "militär", wantErr: `invalid kind "militär"` + hint},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := guarantee.ParseKind(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseKind(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("ParseKind(%q) error: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr != "", errors.Is(err, guarantee.ErrInvalidKind)); diff != "" {
				t.Errorf("errors.Is(err, ErrInvalidKind): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr == "", guarantee.Kind(tc.in).Valid()); diff != "" {
				t.Errorf("Kind(%q).Valid(): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
		})
	}
}

func TestNamedKinds(t *testing.T) {
	named := guarantee.Named()
	var tops []guarantee.Kind
	for _, k := range named {
		if !k.Valid() {
			t.Errorf("named kind %q is not valid", k)
		}
		if p := k.Parent(); p != "" && !slices.Contains(named, p) {
			t.Errorf("the parent %q of named kind %q is not named", p, k)
		}
		if k.Parent() == "" {
			tops = append(tops, k)
		}
	}
	want := []guarantee.Kind{guarantee.Military, guarantee.Intelligence, guarantee.Financial, guarantee.Sanctions, guarantee.Diplomatic}
	if diff := cmp.Diff(want, tops); diff != "" {
		t.Errorf("the top levels docs/MODEL.md names (-want +got):\n%s", diff)
	}
	named[0] = "changed"
	if diff := cmp.Diff(guarantee.Military, guarantee.Named()[0]); diff != "" {
		t.Errorf("Named returns a fresh slice each time (-want +got):\n%s", diff)
	}
}

func TestStrengthOrder(t *testing.T) {
	got := []guarantee.Strength{guarantee.Treaty, guarantee.Assurance, guarantee.Political}
	slices.Sort(got)
	want := []guarantee.Strength{guarantee.Assurance, guarantee.Political, guarantee.Treaty}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Budapest-style assurances are weaker than political commitments, which are weaker than Article 5-style treaties (-want +got):\n%s", diff)
	}
	var zero guarantee.Strength
	if diff := cmp.Diff(guarantee.Political, zero); diff != "" {
		t.Errorf("the zero Strength is the default, political (-want +got):\n%s", diff)
	}
}

func TestStrengthText(t *testing.T) {
	tests := []struct {
		reason string
		s      guarantee.Strength
		text   string
	}{
		{reason: "the Budapest Memorandum gave assurances", s: guarantee.Assurance, text: "assurance"},
		{reason: "political commitments are the default", s: guarantee.Political, text: "political"},
		{reason: "Article 5 is a treaty obligation", s: guarantee.Treaty, text: "treaty"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if diff := cmp.Diff(tc.text, tc.s.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			if !tc.s.Valid() {
				t.Errorf("Valid() = false, want true")
			}
			b, err := tc.s.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			if diff := cmp.Diff(tc.text, string(b)); diff != "" {
				t.Errorf("MarshalText (-want +got):\n%s", diff)
			}
			got := guarantee.Strength(99) // UnmarshalText must overwrite it
			if err := got.UnmarshalText(b); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", b, err)
			}
			if diff := cmp.Diff(tc.s, got); diff != "" {
				t.Errorf("MarshalText then UnmarshalText (-want +got):\n%s", diff)
			}
			parsed, err := guarantee.ParseStrength(tc.text)
			if err != nil {
				t.Fatalf("ParseStrength(%q): %v", tc.text, err)
			}
			if diff := cmp.Diff(tc.s, parsed); diff != "" {
				t.Errorf("ParseStrength(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestStrengthErrors(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		wantErr string
	}{
		{reason: "the empty string is not a strength, even though the zero Strength is political", in: "", wantErr: `unknown strength "": want assurance, political or treaty`},
		{reason: "strengths are lower case", in: "Treaty", wantErr: `unknown strength "Treaty": want assurance, political or treaty`},
		{reason: "a plural", in: "assurances", wantErr: `unknown strength "assurances": want assurance, political or treaty`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := guarantee.ParseStrength(tc.in)
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("ParseStrength(%q) (-want +got):\n%s", tc.in, diff)
			}
			s := guarantee.Treaty
			err = s.UnmarshalText([]byte(tc.in))
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("UnmarshalText(%q) (-want +got):\n%s", tc.in, diff)
			}
			if diff := cmp.Diff(guarantee.Treaty, s); diff != "" {
				t.Errorf("UnmarshalText(%q) changed the strength on error (-want +got):\n%s", tc.in, diff)
			}
		})
	}

	for _, bad := range []guarantee.Strength{-2, 2, 100} {
		if bad.Valid() {
			t.Errorf("Strength(%d).Valid() = true, want false", bad)
		}
		if diff := cmp.Diff("Strength("+strconv.Itoa(int(bad))+")", bad.String()); diff != "" {
			t.Errorf("String of an invalid strength (-want +got):\n%s", diff)
		}
		_, err := bad.MarshalText()
		if diff := cmp.Diff("invalid strength "+strconv.Itoa(int(bad)), errString(err)); diff != "" {
			t.Errorf("MarshalText of an invalid strength (-want +got):\n%s", diff)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
