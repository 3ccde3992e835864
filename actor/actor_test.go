package actor_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		want    actor.ID
		wantErr string // "" when in is valid
	}{
		{reason: "a state's code is an ID", in: "UA", want: "UA"},
		{reason: "a body's code is an ID", in: "NATO", want: "NATO"},
		{reason: "IDs may hold digits, '-' and '_'", in: "coalition_of-the-willing-2025", want: "coalition_of-the-willing-2025"},
		{reason: "IDs are case-sensitive and lower case is allowed", in: "willing", want: "willing"},
		{reason: "one character is enough", in: "X", want: "X"},
		{reason: "64 characters is the longest ID", in: strings.Repeat("A", 64), want: actor.ID(strings.Repeat("A", 64))},
		{
			reason:  "the empty ID is invalid",
			in:      "",
			wantErr: `invalid actor ID "": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "65 characters is too long",
			in:      strings.Repeat("A", 65),
			wantErr: `invalid actor ID "` + strings.Repeat("A", 65) + `": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "spaces are not allowed",
			in:      "U A",
			wantErr: `invalid actor ID "U A": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "a leading space is not trimmed",
			in:      " UA",
			wantErr: `invalid actor ID " UA": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "non-ASCII letters are not allowed",
			in:      "ÜA",
			wantErr: `invalid actor ID "ÜA": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "Cyrillic look-alikes of ASCII letters are not allowed",
			in:      "UА", // the second letter is CYRILLIC CAPITAL LETTER A
			wantErr: `invalid actor ID "UА": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "punctuation used by the condition grammar is not allowed",
			in:      "attack(RU)",
			wantErr: `invalid actor ID "attack(RU)": want 1 to 64 letters, digits, '-' or '_'`,
		},
		{
			reason:  "'/' belongs to kinds, not IDs",
			in:      "EU/DE",
			wantErr: `invalid actor ID "EU/DE": want 1 to 64 letters, digits, '-' or '_'`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := actor.ParseID(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseID(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("ParseID(%q) error: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr != "", errors.Is(err, actor.ErrInvalidID)); diff != "" {
				t.Errorf("errors.Is(ParseID(%q), ErrInvalidID): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErr == "", actor.ID(tc.in).Valid()); diff != "" {
				t.Errorf("ID(%q).Valid(): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
		})
	}
}

func TestMustParseID(t *testing.T) {
	tests := []struct {
		reason    string
		in        string
		wantPanic bool
	}{
		{reason: "a valid ID is returned as is", in: "RU"},
		{reason: "an invalid ID is a programmer's mistake and panics", in: "R U", wantPanic: true},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			var got actor.ID
			panicked := func() (p bool) {
				defer func() { p = recover() != nil }()
				got = actor.MustParseID(tc.in)
				return false
			}()
			if diff := cmp.Diff(tc.wantPanic, panicked); diff != "" {
				t.Errorf("MustParseID(%q) panicked: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if !tc.wantPanic {
				if diff := cmp.Diff(actor.ID(tc.in), got); diff != "" {
					t.Errorf("MustParseID(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
				}
			}
		})
	}
}

func TestIsIDByte(t *testing.T) {
	tests := []struct {
		reason string
		c      byte
		want   bool
	}{
		{reason: "upper-case letters", c: 'Z', want: true},
		{reason: "lower-case letters", c: 'a', want: true},
		{reason: "digits", c: '7', want: true},
		{reason: "hyphen", c: '-', want: true},
		{reason: "underscore", c: '_', want: true},
		{reason: "space", c: ' '},
		{reason: "comma separates arguments", c: ','},
		{reason: "parentheses open arguments", c: '('},
		{reason: "slash separates kinds", c: '/'},
		{reason: "the first byte of a multi-byte rune", c: "Ü"[0]},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, actor.IsIDByte(tc.c)); diff != "" {
			t.Errorf("IsIDByte(%q): %s\n(-want +got):\n%s", tc.c, tc.reason, diff)
		}
	}
}

func TestKindText(t *testing.T) {
	tests := []struct {
		reason string
		kind   actor.Kind
		text   string
		isBody bool
	}{
		{reason: "the zero Kind is a state", kind: 0, text: "state"},
		{reason: "NATO is an alliance", kind: actor.Alliance, text: "alliance", isBody: true},
		{reason: "the EU is an organization", kind: actor.Organization, text: "organization", isBody: true},
		{reason: "a coalition of the willing", kind: actor.Coalition, text: "coalition", isBody: true},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if diff := cmp.Diff(tc.text, tc.kind.String()); diff != "" {
				t.Errorf("String: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.isBody, tc.kind.IsBody()); diff != "" {
				t.Errorf("IsBody: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			b, err := tc.kind.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			if diff := cmp.Diff(tc.text, string(b)); diff != "" {
				t.Errorf("MarshalText: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			parsed, err := actor.ParseKind(tc.text)
			if err != nil {
				t.Fatalf("ParseKind(%q): %v", tc.text, err)
			}
			if diff := cmp.Diff(tc.kind, parsed); diff != "" {
				t.Errorf("ParseKind(%q): %s\n(-want +got):\n%s", tc.text, tc.reason, diff)
			}
			got := actor.Kind(99) // UnmarshalText must overwrite it
			if err := got.UnmarshalText(b); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", b, err)
			}
			if diff := cmp.Diff(tc.kind, got); diff != "" {
				t.Errorf("UnmarshalText(%q): %s\n(-want +got):\n%s", b, tc.reason, diff)
			}
		})
	}
}

func TestKindErrors(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		wantErr string
	}{
		{reason: "kinds are lower case", in: "State", wantErr: `unknown actor kind "State": want state, alliance, organization or coalition`},
		{reason: "the empty string is not a kind", in: "", wantErr: `unknown actor kind "": want state, alliance, organization or coalition`},
		{reason: "body is a category, not a kind", in: "body", wantErr: `unknown actor kind "body": want state, alliance, organization or coalition`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := actor.ParseKind(tc.in)
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("ParseKind(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			k := actor.Alliance
			err = k.UnmarshalText([]byte(tc.in))
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("UnmarshalText(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(actor.Alliance, k); diff != "" {
				t.Errorf("UnmarshalText(%q) changed the kind on error\n(-want +got):\n%s", tc.in, diff)
			}
		})
	}

	bad := actor.Kind(9)
	if diff := cmp.Diff("Kind(9)", bad.String()); diff != "" {
		t.Errorf("String of an out-of-range kind\n(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(false, bad.IsBody()); diff != "" {
		t.Errorf("IsBody of an out-of-range kind\n(-want +got):\n%s", diff)
	}
	_, err := bad.MarshalText()
	if diff := cmp.Diff("invalid actor kind 9", errString(err)); diff != "" {
		t.Errorf("MarshalText of an out-of-range kind\n(-want +got):\n%s", diff)
	}
}

func TestDecisionText(t *testing.T) {
	tests := []struct {
		reason string
		text   string // parsed
		want   actor.Decision
		canon  string // String and MarshalText of want
	}{
		{reason: "the empty rule is the kind's default", text: "", want: actor.Default, canon: ""},
		{reason: "unanimity", text: "unanimity", want: actor.Unanimity, canon: "unanimity"},
		{reason: "consensus is how NATO says unanimity", text: "consensus", want: actor.Unanimity, canon: "unanimity"},
		{reason: "majority", text: "majority", want: actor.Majority, canon: "majority"},
		{reason: "separately", text: "separately", want: actor.Separately, canon: "separately"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := actor.ParseDecision(tc.text)
			if err != nil {
				t.Fatalf("ParseDecision(%q): %v", tc.text, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseDecision(%q): %s\n(-want +got):\n%s", tc.text, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.canon, got.String()); diff != "" {
				t.Errorf("String: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			b, err := got.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			if diff := cmp.Diff(tc.canon, string(b)); diff != "" {
				t.Errorf("MarshalText: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			back := actor.Decision(99) // UnmarshalText must overwrite it
			if err := back.UnmarshalText(b); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", b, err)
			}
			if diff := cmp.Diff(tc.want, back); diff != "" {
				t.Errorf("MarshalText then UnmarshalText: %s\n(-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestDecisionErrors(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		wantErr string
	}{
		{reason: "rules are lower case", in: "Majority", wantErr: `unknown decision rule "Majority": want unanimity, consensus, majority or separately`},
		{reason: "qualified majority is written as a threshold", in: "qualified-majority", wantErr: `unknown decision rule "qualified-majority": want unanimity, consensus, majority or separately`},
		{reason: "spaces are not trimmed", in: " unanimity", wantErr: `unknown decision rule " unanimity": want unanimity, consensus, majority or separately`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := actor.ParseDecision(tc.in)
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("ParseDecision(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			d := actor.Majority
			err = d.UnmarshalText([]byte(tc.in))
			if diff := cmp.Diff(tc.wantErr, errString(err)); diff != "" {
				t.Errorf("UnmarshalText(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(actor.Majority, d); diff != "" {
				t.Errorf("UnmarshalText(%q) changed the decision on error\n(-want +got):\n%s", tc.in, diff)
			}
		})
	}

	bad := actor.Decision(7)
	if diff := cmp.Diff("Decision(7)", bad.String()); diff != "" {
		t.Errorf("String of an out-of-range decision\n(-want +got):\n%s", diff)
	}
	_, err := bad.MarshalText()
	if diff := cmp.Diff("invalid decision rule 7", errString(err)); diff != "" {
		t.Errorf("MarshalText of an out-of-range decision\n(-want +got):\n%s", diff)
	}
}

// p5 are the permanent members of the UN Security Council.
var p5 = []actor.ID{"US", "UK", "FR", "RU", "CN"}

func TestActorRule(t *testing.T) {
	tests := []struct {
		reason string
		a      actor.Actor
		want   actor.Decision
	}{
		{reason: "a state has no rule", a: actor.Actor{ID: "US"}, want: actor.Default},
		{reason: "a state's Decides is ignored (Check reports it)", a: actor.Actor{ID: "US", Decides: actor.Majority}, want: actor.Default},
		{reason: "an alliance decides by unanimity by default, as NATO's North Atlantic Council does", a: actor.Actor{ID: "NATO", Kind: actor.Alliance}, want: actor.Unanimity},
		{reason: "an organization decides by unanimity by default", a: actor.Actor{ID: "EU", Kind: actor.Organization}, want: actor.Unanimity},
		{reason: "a coalition decides separately by default", a: actor.Actor{ID: "willing", Kind: actor.Coalition}, want: actor.Separately},
		{reason: "an explicit rule overrides the alliance default", a: actor.Actor{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority}, want: actor.Majority},
		{reason: "an explicit rule overrides the coalition default", a: actor.Actor{ID: "E3", Kind: actor.Coalition, Decides: actor.Unanimity}, want: actor.Unanimity},
		{reason: "an out-of-range kind is not a body", a: actor.Actor{ID: "X", Kind: 9, Decides: actor.Majority}, want: actor.Default},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.a.Rule()); diff != "" {
			t.Errorf("%s: Rule()\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

func TestActorQuorum(t *testing.T) {
	tests := []struct {
		reason string
		a      actor.Actor
		want   int
	}{
		{reason: "a state has no quorum", a: actor.Actor{ID: "US"}, want: 0},
		{
			reason: "unanimity needs every direct member",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR", "DE"}},
			want:   4,
		},
		{
			reason: "majority of five needs three",
			a:      actor.Actor{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: p5, Vetoes: p5},
			want:   3,
		},
		{
			reason: "majority of four needs three, more than half",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"A", "B1", "C", "D"}},
			want:   3,
		},
		{
			reason: "majority of one needs one",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"A"}},
			want:   1,
		},
		{
			reason: "an explicit threshold is the quorum",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Threshold: 4, Members: []actor.ID{"A", "B1", "C", "D", "E"}},
			want:   4,
		},
		{
			reason: "a coalition that decides separately has no quorum",
			a:      actor.Actor{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}},
			want:   0,
		},
		{
			reason: "a body without members needs nobody",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance},
			want:   0,
		},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.a.Quorum()); diff != "" {
			t.Errorf("%s: Quorum()\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

func TestActorRuleVetoes(t *testing.T) {
	tests := []struct {
		reason string
		a      actor.Actor
		want   []actor.ID
	}{
		{
			reason: "a state has no rule and so no rule vetoes",
			a:      actor.Actor{ID: "US"},
			want:   nil,
		},
		{
			reason: "under unanimity every member holds a veto (NATO's North Atlantic Council)",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR", "HU", "TR"}},
			want:   []actor.ID{"FR", "HU", "TR", "UK", "US"},
		},
		{
			reason: "an explicit unanimity, as for EU sanctions, gives every member a veto",
			a:      actor.Actor{ID: "EU", Kind: actor.Organization, Decides: actor.Unanimity, Members: []actor.ID{"DE", "FR", "HU"}},
			want:   []actor.ID{"DE", "FR", "HU"},
		},
		{
			reason: "under majority of three nobody blocks alone",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"A", "C", "D"}},
			want:   nil,
		},
		{
			reason: "under majority of two each member's no leaves one of two, not more than half",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"C", "A"}},
			want:   []actor.ID{"A", "C"},
		},
		{
			reason: "under majority of one the one member decides",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"A"}},
			want:   []actor.ID{"A"},
		},
		{
			reason: "a UN Security Council-like body: majority, and the five explicit vetoes",
			a: actor.Actor{
				ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority,
				Members: []actor.ID{"US", "UK", "FR", "RU", "CN", "BR", "IN", "JP", "DE", "ZA"},
				Vetoes:  p5,
			},
			want: []actor.ID{"CN", "FR", "RU", "UK", "US"},
		},
		{
			reason: "an explicit threshold below all members gives no veto",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Threshold: 3, Members: []actor.ID{"A", "C", "D", "E"}},
			want:   nil,
		},
		{
			reason: "an explicit threshold of all members gives every member a veto",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Majority, Threshold: 3, Members: []actor.ID{"D", "C", "A"}},
			want:   []actor.ID{"A", "C", "D"},
		},
		{
			reason: "an explicit threshold keeps the explicit vetoes",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Threshold: 2, Members: []actor.ID{"A", "C", "D", "E"}, Vetoes: []actor.ID{"E"}},
			want:   []actor.ID{"E"},
		},
		{
			reason: "a coalition that decides separately has no vetoes of its own",
			a:      actor.Actor{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}},
			want:   nil,
		},
		{
			reason: "a coalition that decides separately has only its explicit vetoes, even with one member",
			a:      actor.Actor{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}, Vetoes: []actor.ID{"UK"}},
			want:   []actor.ID{"UK"},
		},
		{
			reason: "explicit vetoes that unanimity already gives are listed once",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "TR"}, Vetoes: []actor.ID{"TR", "TR"}},
			want:   []actor.ID{"TR", "US"},
		},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.a.RuleVetoes()); diff != "" {
			t.Errorf("%s: RuleVetoes()\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

func TestActorRuleVetoesDoesNotAlias(t *testing.T) {
	a := actor.Actor{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"US", "UK", "FR", "RU", "CN", "BR"}, Vetoes: []actor.ID{"US", "UK", "FR", "RU", "CN"}}
	got := a.RuleVetoes()
	got[0] = "XX"
	want := []actor.ID{"US", "UK", "FR", "RU", "CN"}
	if diff := cmp.Diff(want, a.Vetoes); diff != "" {
		t.Errorf("changing RuleVetoes' result changed the actor's Vetoes (-want +got):\n%s", diff)
	}
}

// problem is a Problem as a test compares it: its error as a message.
type problem struct {
	Actor int
	Field string
	Msg   string
}

func problemsOf(ps []actor.Problem) []problem {
	var out []problem
	for _, p := range ps {
		out = append(out, problem{p.Actor, p.Field, p.Err.Error()})
	}
	return out
}

func TestActorCheck(t *testing.T) {
	tests := []struct {
		reason string
		a      actor.Actor
		want   []problem
		is     []error // sentinels errors.Is must find in the problems, in order
	}{
		{
			reason: "a well-formed state",
			a:      actor.Actor{ID: "UA", Name: "Ukraine"},
		},
		{
			reason: "a well-formed alliance",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR"}, Decides: actor.Unanimity},
		},
		{
			reason: "a well-formed UN Security Council-like body",
			a:      actor.Actor{ID: "UNSC", Kind: actor.Organization, Members: p5, Decides: actor.Majority, Vetoes: p5},
		},
		{
			reason: "a threshold equal to the member count is allowed",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Members: []actor.ID{"A", "C"}, Threshold: 2},
		},
		{
			reason: "a missing ID",
			a:      actor.Actor{Name: "Nobody"},
			want:   []problem{{Field: "id", Msg: `invalid actor ID "": want 1 to 64 letters, digits, '-' or '_'`}},
			is:     []error{actor.ErrInvalidID},
		},
		{
			reason: "a state with members",
			a:      actor.Actor{ID: "US", Members: []actor.ID{"UK"}},
			want:   []problem{{Field: "members", Msg: "a state has no members"}},
			is:     []error{actor.ErrMembersOfState},
		},
		{
			reason: "a state with a decision rule",
			a:      actor.Actor{ID: "US", Decides: actor.Majority},
			want:   []problem{{Field: "decides", Msg: "a state has no decision rule"}},
			is:     []error{actor.ErrRuleOfState},
		},
		{
			reason: "a state with a threshold",
			a:      actor.Actor{ID: "US", Threshold: 1},
			want:   []problem{{Field: "threshold", Msg: "a state has no decision rule"}},
			is:     []error{actor.ErrRuleOfState},
		},
		{
			reason: "a state with vetoes",
			a:      actor.Actor{ID: "US", Vetoes: []actor.ID{"US"}},
			want:   []problem{{Field: "vetoes", Msg: "a state has no decision rule"}},
			is:     []error{actor.ErrRuleOfState},
		},
		{
			reason: "a state with parties set aside: it has no rule to set them aside in",
			a:      actor.Actor{ID: "US", PartiesAside: true},
			want:   []problem{{Field: "parties-aside", Msg: "a state has no decision rule"}},
			is:     []error{actor.ErrRuleOfState},
		},
		{
			reason: "a threshold above the member count can never be reached",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Members: []actor.ID{"A", "C"}, Threshold: 3},
			want:   []problem{{Field: "threshold", Msg: "threshold out of range: 3 with 2 members"}},
			is:     []error{actor.ErrThreshold},
		},
		{
			reason: "a negative threshold",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Members: []actor.ID{"A", "C"}, Threshold: -1},
			want:   []problem{{Field: "threshold", Msg: "threshold out of range: -1 with 2 members"}},
			is:     []error{actor.ErrThreshold},
		},
		{
			reason: "a veto holder that is not a member",
			a:      actor.Actor{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"US", "UK", "FR", "CN"}, Vetoes: p5},
			want:   []problem{{Field: "vetoes[3]", Msg: `veto holder is not a member: "RU"`}},
			is:     []error{actor.ErrVetoNotMember},
		},
		{
			reason: "a duplicate member is reported at its second place",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "US"}},
			want:   []problem{{Field: "members[2]", Msg: `duplicate member "US"`}},
			is:     []error{actor.ErrDuplicateMember},
		},
		{
			reason: "a body cannot be its own member",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "NATO"}},
			want:   []problem{{Field: "members[1]", Msg: "a body cannot be its own member"}},
			is:     []error{actor.ErrSelfMember},
		},
		{
			reason: "a malformed member ID",
			a:      actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "U K"}},
			want:   []problem{{Field: "members[1]", Msg: `invalid actor ID "U K": want 1 to 64 letters, digits, '-' or '_'`}},
			is:     []error{actor.ErrInvalidID},
		},
		{
			reason: "a threshold with a coalition that decides separately",
			a:      actor.Actor{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}, Threshold: 1},
			want:   []problem{{Field: "threshold", Msg: "a body that decides separately has no threshold"}},
			is:     []error{actor.ErrSeparatelyQuorum},
		},
		{
			reason: "a threshold with an explicit separately",
			a:      actor.Actor{ID: "B", Kind: actor.Organization, Decides: actor.Separately, Members: []actor.ID{"UK", "FR"}, Threshold: 2},
			want:   []problem{{Field: "threshold", Msg: "a body that decides separately has no threshold"}},
			is:     []error{actor.ErrSeparatelyQuorum},
		},
		{
			reason: "an out-of-range kind stops the check",
			a:      actor.Actor{ID: "X", Kind: 9, Members: []actor.ID{"X"}},
			want:   []problem{{Field: "kind", Msg: "invalid actor kind 9"}},
		},
		{
			reason: "an out-of-range decision rule",
			a:      actor.Actor{ID: "B", Kind: actor.Alliance, Decides: 8, Members: []actor.ID{"A"}},
			want:   []problem{{Field: "decides", Msg: "invalid decision rule 8"}},
		},
		{
			reason: "every problem is reported, in the order of the fields",
			a:      actor.Actor{ID: "B B", Kind: actor.Alliance, Members: []actor.ID{"B B", "A", "A"}, Threshold: 4, Vetoes: []actor.ID{"C"}},
			want: []problem{
				{Field: "id", Msg: `invalid actor ID "B B": want 1 to 64 letters, digits, '-' or '_'`},
				{Field: "members[0]", Msg: `invalid actor ID "B B": want 1 to 64 letters, digits, '-' or '_'`},
				{Field: "members[2]", Msg: `duplicate member "A"`},
				{Field: "threshold", Msg: "threshold out of range: 4 with 3 members"},
				{Field: "vetoes[0]", Msg: `veto holder is not a member: "C"`},
			},
			is: []error{actor.ErrInvalidID, actor.ErrInvalidID, actor.ErrDuplicateMember, actor.ErrThreshold, actor.ErrVetoNotMember},
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			ps := tc.a.Check()
			if diff := cmp.Diff(tc.want, problemsOf(ps)); diff != "" {
				t.Errorf("Check(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			for i, sentinel := range tc.is {
				if i < len(ps) && !errors.Is(ps[i], sentinel) {
					t.Errorf("problem %d (%v) is not %v", i, ps[i], sentinel)
				}
			}
			for _, p := range ps {
				if diff := cmp.Diff(p.Field+": "+p.Err.Error(), p.Error()); diff != "" {
					t.Errorf("Problem.Error() names the field first\n(-want +got):\n%s", diff)
				}
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
