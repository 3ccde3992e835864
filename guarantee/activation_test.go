package guarantee_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

func TestParseActivation(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   guarantee.Activation
		canon  string // String of want
	}{
		{reason: "the empty activation is the provider's own decision", in: "", want: guarantee.Activation{}, canon: "provider"},
		{reason: "the provider decides", in: "provider", want: guarantee.Activation{Mode: guarantee.ByProvider}, canon: "provider"},
		{reason: "empty parentheses are the same as none", in: "provider()", want: guarantee.Activation{}, canon: "provider"},
		{reason: "nobody's consent is needed", in: " automatic ", want: guarantee.Activation{Mode: guarantee.Automatic}, canon: "automatic"},
		{reason: "one actor must consent besides the provider", in: "consent(US)", want: guarantee.ConsentOf("US"), canon: "consent(US)"},
		{reason: "several actors must consent, in the order written", in: "consent( UK,FR , US )", want: guarantee.ConsentOf("UK", "FR", "US"), canon: "consent(UK, FR, US)"},
		{reason: "a decision of the UN Security Council, as the Budapest Memorandum foresaw", in: "body(UNSC)", want: guarantee.DecidedBy("UNSC"), canon: "body(UNSC)"},
		{reason: "a decision of NATO's North Atlantic Council", in: "body (NATO)", want: guarantee.DecidedBy("NATO"), canon: "body(NATO)"},
		{reason: "actor IDs with '_' and '-'", in: "consent(coalition_of-the-willing)", want: guarantee.ConsentOf("coalition_of-the-willing"), canon: "consent(coalition_of-the-willing)"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := guarantee.ParseActivation(tc.in)
			if err != nil {
				t.Fatalf("ParseActivation(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseActivation(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.canon, got.String()); diff != "" {
				t.Errorf("String(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			again, err := guarantee.ParseActivation(got.String())
			if err != nil {
				t.Fatalf("ParseActivation(%q), parsing String(): %v", got.String(), err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Errorf("ParseActivation(String()) round trip: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if err := got.Check(); err != nil {
				t.Errorf("Check() of a parsed activation: %v", err)
			}
			text, err := got.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			if diff := cmp.Diff(tc.canon, string(text)); diff != "" {
				t.Errorf("MarshalText: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			back := guarantee.DecidedBy("XX") // UnmarshalText must overwrite it
			if err := back.UnmarshalText(text); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", text, err)
			}
			if diff := cmp.Diff(got, back); diff != "" {
				t.Errorf("MarshalText then UnmarshalText: %s\n(-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestParseActivationErrors(t *testing.T) {
	const modes = "want automatic, provider, consent(A, ...) or body(X)"
	tests := []struct {
		reason string
		in     string
		column int
		msg    string
	}{
		{reason: "consent needs at least one actor", in: "consent()", column: 1, msg: "consent needs at least one actor"},
		{reason: "consent without parentheses names nobody", in: "consent", column: 1, msg: "consent needs at least one actor"},
		{reason: "consent names an actor twice", in: "consent(US, UK, US)", column: 1, msg: `consent names "US" twice`},
		{reason: "a body decision needs exactly one body, not two", in: "body(UNSC, NATO)", column: 1, msg: "body takes exactly one actor; found 2"},
		{reason: "a body decision needs a body", in: "body()", column: 1, msg: "body takes exactly one actor; found 0"},
		{reason: "the provider is implied, not named", in: "provider(US)", column: 1, msg: "provider takes no arguments"},
		{reason: "automatic takes no actors", in: "automatic(US)", column: 1, msg: "automatic takes no arguments"},
		{reason: "an unknown mode", in: "veto(RU)", column: 1, msg: `unknown activation "veto": ` + modes},
		{reason: "modes are case-sensitive", in: "Automatic", column: 1, msg: `unknown activation "Automatic": ` + modes},
		{reason: "an activation is not a condition", in: "any(automatic, provider)", column: 1, msg: modes},
		{reason: "a syntax error keeps its column", in: "consent(US, UK", column: 8, msg: "unclosed '(' of consent"},
		{reason: "a trailing comma", in: "consent(US,)", column: 12, msg: "want an argument after ','"},
		{reason: "a condition where an actor belongs", in: "body(all(NATO))", column: 9, msg: "the arguments of event body are actor IDs, not conditions"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := guarantee.ParseActivation(tc.in)
			if diff := cmp.Diff(guarantee.Activation{}, got); diff != "" {
				t.Errorf("ParseActivation(%q) returned an activation with its error (-want +got):\n%s", tc.in, diff)
			}
			se, ok := errors.AsType[*guarantee.SyntaxError](err)
			if !ok {
				t.Fatalf("ParseActivation(%q) error = %v (%T), want a *SyntaxError", tc.in, err, err)
			}
			want := &guarantee.SyntaxError{Input: tc.in, Column: tc.column, Msg: tc.msg}
			if diff := cmp.Diff(want, se); diff != "" {
				t.Errorf("ParseActivation(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			a := guarantee.DecidedBy("NATO")
			if err := a.UnmarshalText([]byte(tc.in)); err == nil {
				t.Errorf("UnmarshalText(%q) = nil, want an error", tc.in)
			}
			if diff := cmp.Diff(guarantee.DecidedBy("NATO"), a); diff != "" {
				t.Errorf("UnmarshalText(%q) changed the activation on error (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestActivationZero(t *testing.T) {
	type view struct {
		Mode   guarantee.Mode
		String string
		Check  string
	}
	var a guarantee.Activation
	got := view{Mode: a.Mode, String: a.String(), Check: errString(a.Check())}
	want := view{Mode: guarantee.ByProvider, String: "provider"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the zero Activation is the provider's own decision (-want +got):\n%s", diff)
	}
}

func TestModeString(t *testing.T) {
	tests := []struct {
		reason string
		m      guarantee.Mode
		want   string
	}{
		{reason: "the zero mode", m: guarantee.ByProvider, want: "provider"},
		{reason: "automatic", m: guarantee.Automatic, want: "automatic"},
		{reason: "consent", m: guarantee.Consent, want: "consent"},
		{reason: "body", m: guarantee.ByBody, want: "body"},
		{reason: "out of range", m: 9, want: "Mode(9)"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.m.String()); diff != "" {
			t.Errorf("Mode(%d).String(): %s\n(-want +got):\n%s", tc.m, tc.reason, diff)
		}
	}
}

func TestActivationCheck(t *testing.T) {
	tests := []struct {
		reason string
		a      guarantee.Activation
		want   string // the error, "" for none
		is     error  // a sentinel the error wraps, if any
	}{
		{reason: "the provider decides", a: guarantee.Activation{}},
		{reason: "automatic", a: guarantee.Activation{Mode: guarantee.Automatic}},
		{reason: "consent of two", a: guarantee.ConsentOf("US", "UK")},
		{reason: "a body decides", a: guarantee.DecidedBy("UNSC")},
		{reason: "the provider mode with actors", a: guarantee.Activation{Actors: []actor.ID{"US"}}, want: "provider takes no actors"},
		{reason: "automatic with actors", a: guarantee.Activation{Mode: guarantee.Automatic, Actors: []actor.ID{"US"}}, want: "automatic takes no actors"},
		{reason: "consent of nobody", a: guarantee.ConsentOf(), want: "consent needs at least one actor"},
		{reason: "consent of the same actor twice", a: guarantee.ConsentOf("RU", "RU"), want: `consent names "RU" twice`},
		{reason: "consent of a malformed actor", a: guarantee.ConsentOf("US", "U S"), want: `invalid actor ID "U S": want 1 to 64 letters, digits, '-' or '_'`, is: actor.ErrInvalidID},
		{reason: "a body with no ID", a: guarantee.DecidedBy(""), want: `invalid actor ID "": want 1 to 64 letters, digits, '-' or '_'`, is: actor.ErrInvalidID},
		{reason: "a body decision of two bodies", a: guarantee.Activation{Mode: guarantee.ByBody, Actors: []actor.ID{"UNSC", "NATO"}}, want: "body takes exactly one actor; found 2"},
		{reason: "a mode out of range", a: guarantee.Activation{Mode: 7}, want: "invalid activation mode 7"},
		{reason: "a body decides with the parties aside", a: guarantee.Activation{Mode: guarantee.ByBody, Actors: []actor.ID{"council"}, PartiesAside: true}},
		{reason: "consent with the parties aside", a: guarantee.Activation{Mode: guarantee.Consent, Actors: []actor.ID{"council"}, PartiesAside: true}},
		{reason: "the provider decides with the parties aside (whether it is a body only a scenario can tell)", a: guarantee.Activation{PartiesAside: true}},
		{
			reason: "an automatic activation has nobody to set aside",
			a:      guarantee.Activation{Mode: guarantee.Automatic, PartiesAside: true},
			want:   "an automatic activation has no decision to set the parties aside in",
			is:     guarantee.ErrAsideAutomatic,
		},
	}
	for _, tc := range tests {
		err := tc.a.Check()
		if diff := cmp.Diff(tc.want, errString(err)); diff != "" {
			t.Errorf("%v.Check(): %s\n(-want +got):\n%s", tc.a, tc.reason, diff)
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%v.Check() = %v, want it to wrap %v", tc.a, err, tc.is)
		}
		_, err = tc.a.MarshalText()
		if diff := cmp.Diff(tc.want, errString(err)); diff != "" {
			t.Errorf("%v.MarshalText() refuses what Check refuses: %s\n(-want +got):\n%s", tc.a, tc.reason, diff)
		}
	}
}

func TestActivationString(t *testing.T) {
	tests := []struct {
		reason string
		a      guarantee.Activation
		want   string
	}{
		{reason: "consent lists the actors with a comma and a space", a: guarantee.ConsentOf("US", "UK", "FR"), want: "consent(US, UK, FR)"},
		{reason: "body names its one body", a: guarantee.DecidedBy("UNSC"), want: "body(UNSC)"},
		{reason: "actors given to automatic are not written", a: guarantee.Activation{Mode: guarantee.Automatic, Actors: []actor.ID{"US"}}, want: "automatic"},
		{reason: "a mode out of range", a: guarantee.Activation{Mode: 7}, want: "Mode(7)"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.a.String()); diff != "" {
			t.Errorf("String(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}
