package guarantee_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// Problems are compared as the problem type of selector_test.go: the
// field and the error's message.

// fullGuarantee returns a valid guarantee with every field set.
func fullGuarantee() guarantee.Guarantee {
	return guarantee.Guarantee{
		ID:          "us-air-support",
		Provider:    "US",
		Beneficiary: "UA",
		Kind:        guarantee.AirSupport,
		Target:      "RU",
		Location:    "black-sea",
		Strength:    guarantee.Treaty,
		Trigger:     guarantee.AllOf(guarantee.On(guarantee.EventPeaceDeal), guarantee.Attack("RU", "UA")),
		Activation:  guarantee.ConsentOf("UA", "NATO"),
		Requires:    []guarantee.ID{"eu-force", "eu_backstop-2"},
		Note:        "free text: anything goes here",
		Sources:     []string{"seed", "a speech, 2025-08-18"},
	}
}

// changed returns fullGuarantee changed by f.
func changed(f func(g *guarantee.Guarantee)) guarantee.Guarantee {
	g := fullGuarantee()
	f(&g)
	return g
}

// The messages of malformed IDs and kinds, quoting the input as %q does.
func badActor(s string) string {
	return "invalid actor ID " + strconv.Quote(s) + ": want 1 to 64 letters, digits, '-' or '_'"
}

func badGuaranteeID(s string) string {
	return "invalid guarantee ID " + strconv.Quote(s) + ": want 1 to 64 letters, digits, '-' or '_'"
}

func badKind(s string) string {
	return "invalid kind " + strconv.Quote(s) + `: want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`
}

func TestGuaranteeCheck(t *testing.T) {
	long64 := strings.Repeat("g", 64)
	long65 := strings.Repeat("g", 65)
	loc128 := strings.Repeat("l", 128)
	loc129 := strings.Repeat("l", 129)
	tests := []struct {
		reason string
		g      guarantee.Guarantee
		want   []problem
		wantIs []error // sentinels the problems wrap, one per problem where given
	}{
		// Valid guarantees.
		{reason: "a guarantee with every field set and well formed has no problem", g: fullGuarantee()},
		{
			reason: "id, provider, beneficiary and kind are all a guarantee needs",
			g:      guarantee.Guarantee{ID: "g", Provider: "US", Beneficiary: "UA", Kind: guarantee.Military},
		},
		{reason: "an ID of 64 characters is the longest allowed", g: changed(func(g *guarantee.Guarantee) { g.ID = guarantee.ID(long64) })},
		{reason: "a kind of the user's own below a named one", g: changed(func(g *guarantee.Guarantee) { g.Kind = "military/air-support/f-16" })},
		{reason: "a location of 128 characters is the longest allowed", g: changed(func(g *guarantee.Guarantee) { g.Location = loc128 })},
		{reason: "a location may hold spaces inside", g: changed(func(g *guarantee.Guarantee) { g.Location = "Black Sea, west of Crimea" })},
		{reason: "assurance is a strength", g: changed(func(g *guarantee.Guarantee) { g.Strength = guarantee.Assurance })},
		{reason: "the provider decides: the zero activation", g: changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.Activation{} })},
		{reason: "automatic activation", g: changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.Activation{Mode: guarantee.Automatic} })},
		{reason: "a decision of a body", g: changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.DecidedBy("UNSC") })},
		{reason: "a trigger under not", g: changed(func(g *guarantee.Guarantee) { g.Trigger = guarantee.NotOf(guarantee.On(guarantee.EventCeasefire)) })},
		{reason: "no target, location or requires", g: changed(func(g *guarantee.Guarantee) { g.Target, g.Location, g.Requires = "", "", nil })},

		// id
		{
			reason: "the zero guarantee lacks every required field, reported in field order",
			g:      guarantee.Guarantee{},
			want:   []problem{{"id", "missing"}, {"provider", "missing"}, {"beneficiary", "missing"}, {"kind", "missing"}},
			wantIs: []error{guarantee.ErrMissing, guarantee.ErrMissing, guarantee.ErrMissing, guarantee.ErrMissing},
		},
		{
			reason: "a missing ID",
			g:      changed(func(g *guarantee.Guarantee) { g.ID = "" }),
			want:   []problem{{"id", "missing"}},
			wantIs: []error{guarantee.ErrMissing},
		},
		{
			reason: "an ID with a space",
			g:      changed(func(g *guarantee.Guarantee) { g.ID = "us air" }),
			want:   []problem{{"id", badGuaranteeID("us air")}},
			wantIs: []error{guarantee.ErrInvalidID},
		},
		{
			reason: "an ID with '/', which kinds use but IDs do not",
			g:      changed(func(g *guarantee.Guarantee) { g.ID = "us/air" }),
			want:   []problem{{"id", badGuaranteeID("us/air")}},
			wantIs: []error{guarantee.ErrInvalidID},
		},
		{
			reason: "an ID with a non-ASCII letter",
			g:      changed(func(g *guarantee.Guarantee) { g.ID = "гарантія" }),
			want:   []problem{{"id", badGuaranteeID("гарантія")}},
			wantIs: []error{guarantee.ErrInvalidID},
		},
		{
			reason: "an ID of 65 characters",
			g:      changed(func(g *guarantee.Guarantee) { g.ID = guarantee.ID(long65) }),
			want:   []problem{{"id", badGuaranteeID(long65)}},
			wantIs: []error{guarantee.ErrInvalidID},
		},

		// provider, beneficiary, target
		{
			reason: "a missing provider",
			g:      changed(func(g *guarantee.Guarantee) { g.Provider = "" }),
			want:   []problem{{"provider", "missing"}},
			wantIs: []error{guarantee.ErrMissing},
		},
		{
			reason: "a malformed provider",
			g:      changed(func(g *guarantee.Guarantee) { g.Provider = "U S" }),
			want:   []problem{{"provider", badActor("U S")}},
			wantIs: []error{actor.ErrInvalidID},
		},
		{
			reason: "a missing beneficiary",
			g:      changed(func(g *guarantee.Guarantee) { g.Beneficiary = "" }),
			want:   []problem{{"beneficiary", "missing"}},
			wantIs: []error{guarantee.ErrMissing},
		},
		{
			reason: "a malformed beneficiary",
			g:      changed(func(g *guarantee.Guarantee) { g.Beneficiary = "UA!" }),
			want:   []problem{{"beneficiary", badActor("UA!")}},
			wantIs: []error{actor.ErrInvalidID},
		},
		{
			reason: "a malformed target; a target may be empty, but not malformed",
			g:      changed(func(g *guarantee.Guarantee) { g.Target = "R.U" }),
			want:   []problem{{"target", badActor("R.U")}},
			wantIs: []error{actor.ErrInvalidID},
		},

		// kind
		{
			reason: "a missing kind",
			g:      changed(func(g *guarantee.Guarantee) { g.Kind = "" }),
			want:   []problem{{"kind", "missing"}},
			wantIs: []error{guarantee.ErrMissing},
		},
		{
			reason: "a kind in capitals",
			g:      changed(func(g *guarantee.Guarantee) { g.Kind = "Military" }),
			want:   []problem{{"kind", badKind("Military")}},
			wantIs: []error{guarantee.ErrInvalidKind},
		},
		{
			reason: "a kind with an empty segment",
			g:      changed(func(g *guarantee.Guarantee) { g.Kind = "military//air-support" }),
			want:   []problem{{"kind", badKind("military//air-support")}},
			wantIs: []error{guarantee.ErrInvalidKind},
		},
		{
			reason: "a kind ending in '/'",
			g:      changed(func(g *guarantee.Guarantee) { g.Kind = "military/" }),
			want:   []problem{{"kind", badKind("military/")}},
			wantIs: []error{guarantee.ErrInvalidKind},
		},

		// location
		{
			reason: "a location with a leading space",
			g:      changed(func(g *guarantee.Guarantee) { g.Location = " black-sea" }),
			want:   []problem{{"location", `invalid location " black-sea"`}},
		},
		{
			reason: "a location with a trailing space",
			g:      changed(func(g *guarantee.Guarantee) { g.Location = "black-sea " }),
			want:   []problem{{"location", `invalid location "black-sea "`}},
		},
		{
			reason: "a location with a trailing newline",
			g:      changed(func(g *guarantee.Guarantee) { g.Location = "UA\n" }),
			want:   []problem{{"location", `invalid location "UA\n"`}},
		},
		{
			reason: "a location of only spaces",
			g:      changed(func(g *guarantee.Guarantee) { g.Location = "  " }),
			want:   []problem{{"location", `invalid location "  "`}},
		},
		{
			reason: "a location of 129 characters",
			g:      changed(func(g *guarantee.Guarantee) { g.Location = loc129 }),
			want:   []problem{{"location", `invalid location "` + loc129 + `"`}},
		},

		// strength
		{
			reason: "a strength above treaty",
			g:      changed(func(g *guarantee.Guarantee) { g.Strength = 2 }),
			want:   []problem{{"strength", "invalid strength 2"}},
		},
		{
			reason: "a strength below assurance",
			g:      changed(func(g *guarantee.Guarantee) { g.Strength = -2 }),
			want:   []problem{{"strength", "invalid strength -2"}},
		},

		// trigger
		{
			reason: "a trigger built by hand: not of nothing",
			g:      changed(func(g *guarantee.Guarantee) { g.Trigger = guarantee.Condition{Op: guarantee.Not} }),
			want:   []problem{{"trigger", "not takes exactly one condition; found 0"}},
		},
		{
			reason: "a trigger of all with no condition",
			g:      changed(func(g *guarantee.Guarantee) { g.Trigger = guarantee.AllOf() }),
			want:   []problem{{"trigger", "all takes at least one condition"}},
		},
		{
			reason: "a trigger with an operator out of range",
			g:      changed(func(g *guarantee.Guarantee) { g.Trigger = guarantee.Condition{Op: 9} }),
			want:   []problem{{"trigger", "invalid condition operator 9"}},
		},
		{
			reason: "a trigger whose event name holds '_'",
			g:      changed(func(g *guarantee.Guarantee) { g.Trigger = guarantee.On("peace_deal") }),
			want:   []problem{{"trigger", `invalid event name "peace_deal": want letters, digits and '-'`}},
		},
		{
			reason: "a trigger with a malformed actor deep inside",
			g: changed(func(g *guarantee.Guarantee) {
				g.Trigger = guarantee.AllOf(guarantee.On(guarantee.EventPeaceDeal), guarantee.NotOf(guarantee.Attack("R U", "UA")))
			}),
			want:   []problem{{"trigger", "event attack: " + badActor("R U")}},
			wantIs: []error{actor.ErrInvalidID},
		},

		// activation
		{
			reason: "consent with nobody to consent",
			g:      changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.Activation{Mode: guarantee.Consent} }),
			want:   []problem{{"activation", "consent needs at least one actor"}},
		},
		{
			reason: "consent naming an actor twice",
			g:      changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.ConsentOf("UA", "PL", "UA") }),
			want:   []problem{{"activation", `consent names "UA" twice`}},
		},
		{
			reason: "consent of a malformed actor",
			g:      changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.ConsentOf("UA", "P L") }),
			want:   []problem{{"activation", badActor("P L")}},
			wantIs: []error{actor.ErrInvalidID},
		},
		{
			reason: "the provider's decision given actors",
			g: changed(func(g *guarantee.Guarantee) {
				g.Activation = guarantee.Activation{Mode: guarantee.ByProvider, Actors: []actor.ID{"US"}}
			}),
			want: []problem{{"activation", "provider takes no actors"}},
		},
		{
			reason: "automatic activation given actors",
			g: changed(func(g *guarantee.Guarantee) {
				g.Activation = guarantee.Activation{Mode: guarantee.Automatic, Actors: []actor.ID{"US"}}
			}),
			want: []problem{{"activation", "automatic takes no actors"}},
		},
		{
			reason: "a body decision with two bodies",
			g: changed(func(g *guarantee.Guarantee) {
				g.Activation = guarantee.Activation{Mode: guarantee.ByBody, Actors: []actor.ID{"NATO", "UNSC"}}
			}),
			want: []problem{{"activation", "body takes exactly one actor; found 2"}},
		},
		{
			reason: "a body decision with a malformed body",
			g:      changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.DecidedBy("") }),
			want:   []problem{{"activation", badActor("")}},
			wantIs: []error{actor.ErrInvalidID},
		},
		{
			reason: "an activation mode out of range",
			g:      changed(func(g *guarantee.Guarantee) { g.Activation = guarantee.Activation{Mode: 7} }),
			want:   []problem{{"activation", "invalid activation mode 7"}},
		},

		// requires
		{
			reason: "a required ID with a space, reported at its index",
			g:      changed(func(g *guarantee.Guarantee) { g.Requires = []guarantee.ID{"eu-force", "us backstop"} }),
			want:   []problem{{"requires[1]", badGuaranteeID("us backstop")}},
			wantIs: []error{guarantee.ErrInvalidID},
		},
		{
			reason: "an empty required ID",
			g:      changed(func(g *guarantee.Guarantee) { g.Requires = []guarantee.ID{""} }),
			want:   []problem{{"requires[0]", badGuaranteeID("")}},
			wantIs: []error{guarantee.ErrInvalidID},
		},
		{
			reason: "a guarantee that requires itself",
			g:      changed(func(g *guarantee.Guarantee) { g.Requires = []guarantee.ID{"eu-force", "us-air-support"} }),
			want:   []problem{{"requires[1]", "a guarantee cannot require itself"}},
		},
		{
			reason: "requiring its own malformed ID is a malformed ID, reported at id and at requires",
			g: changed(func(g *guarantee.Guarantee) {
				g.ID = "us air"
				g.Requires = []guarantee.ID{"us air"}
			}),
			want:   []problem{{"id", badGuaranteeID("us air")}, {"requires[0]", badGuaranteeID("us air")}},
			wantIs: []error{guarantee.ErrInvalidID, guarantee.ErrInvalidID},
		},

		// several at once
		{
			reason: "every problem at once, in the order of the fields",
			g: guarantee.Guarantee{
				ID:          "a b",
				Provider:    "U S",
				Beneficiary: "",
				Kind:        "Air",
				Target:      "R U",
				Location:    " x",
				Strength:    5,
				Trigger:     guarantee.AnyOf(),
				Activation:  guarantee.Activation{Mode: guarantee.ByBody},
				Requires:    []guarantee.ID{"ok", "", "a b"},
			},
			want: []problem{
				{"id", badGuaranteeID("a b")},
				{"provider", badActor("U S")},
				{"beneficiary", "missing"},
				{"kind", badKind("Air")},
				{"target", badActor("R U")},
				{"location", `invalid location " x"`},
				{"strength", "invalid strength 5"},
				{"trigger", "any takes at least one condition"},
				{"activation", "body takes exactly one actor; found 0"},
				{"requires[1]", badGuaranteeID("")},
				{"requires[2]", badGuaranteeID("a b")},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			ps := tc.g.Check()
			var got []problem
			for _, p := range ps {
				got = append(got, problem{p.Field, p.Err.Error()})
				if diff := cmp.Diff(p.Field+": "+p.Err.Error(), p.Error()); diff != "" {
					t.Errorf("Problem.Error() is the field, a colon and the error (-want +got):\n%s", diff)
				}
				if p.Unwrap() != p.Err {
					t.Errorf("Problem.Unwrap() = %v; want its Err %v", p.Unwrap(), p.Err)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("Check(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			for i, want := range tc.wantIs {
				if !errors.Is(ps[i], want) {
					t.Errorf("Check()[%d] = %v; want an error wrapping %v", i, ps[i], want)
				}
			}
		})
	}
}

func TestGuaranteeCheckDoesNotChangeTheGuarantee(t *testing.T) {
	g := changed(func(g *guarantee.Guarantee) { g.Requires = []guarantee.ID{"b a d", "us-air-support"} })
	before := changed(func(g *guarantee.Guarantee) { g.Requires = []guarantee.ID{"b a d", "us-air-support"} })
	if len(g.Check()) != 2 {
		t.Fatalf("Check() = %v; want two problems", g.Check())
	}
	if diff := cmp.Diff(before, g, flat); diff != "" {
		t.Errorf("Check() changed the guarantee (-before +after):\n%s", diff)
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		valid  bool
	}{
		{reason: "letters and '-'", in: "us-air-support", valid: true},
		{reason: "digits, capitals and '_'", in: "EU_Force-2025", valid: true},
		{reason: "one character", in: "g", valid: true},
		{reason: "'-' and '_' alone", in: "-_", valid: true},
		{reason: "64 characters, the most", in: strings.Repeat("a", 64), valid: true},
		{reason: "the empty ID", in: ""},
		{reason: "65 characters", in: strings.Repeat("a", 65)},
		{reason: "a space inside", in: "us air"},
		{reason: "a leading space", in: " us-air"},
		{reason: "a trailing newline", in: "us-air\n"},
		{reason: "'/', which kinds use", in: "military/air"},
		{reason: "'.'", in: "us.air"},
		{reason: "a non-ASCII letter", in: "straße"},
		{reason: "a NUL byte", in: "us\x00air"},
		{reason: "a byte that is not UTF-8", in: "us\xffair"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if diff := cmp.Diff(tc.valid, guarantee.ID(tc.in).Valid()); diff != "" {
				t.Errorf("ID(%q).Valid(): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			got, err := guarantee.ParseID(tc.in)
			if tc.valid {
				if err != nil {
					t.Fatalf("ParseID(%q): %v", tc.in, err)
				}
				if diff := cmp.Diff(guarantee.ID(tc.in), got); diff != "" {
					t.Errorf("ParseID(%q) returns the input as an ID (-want +got):\n%s", tc.in, diff)
				}
				return
			}
			if diff := cmp.Diff(guarantee.ID(""), got); diff != "" {
				t.Errorf("ParseID(%q) returns the zero ID with its error (-want +got):\n%s", tc.in, diff)
			}
			if diff := cmp.Diff(badGuaranteeID(tc.in), errString(err)); diff != "" {
				t.Errorf("ParseID(%q) error quotes the input: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if !errors.Is(err, guarantee.ErrInvalidID) {
				t.Errorf("ParseID(%q) error %v does not wrap guarantee.ErrInvalidID", tc.in, err)
			}
			if errors.Is(err, actor.ErrInvalidID) {
				t.Errorf("ParseID(%q) error %v wraps actor.ErrInvalidID; a guarantee ID is not an actor ID", tc.in, err)
			}
		})
	}
}
