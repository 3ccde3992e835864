package guarantee_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// node is one operator or event of a condition, at its depth, in the order
// written. Tests compare conditions as lists of nodes: cmp.Diff on the
// nested Sub slices themselves takes time exponential in the depth.
type node struct {
	Depth int
	Op    string
	Name  string
	Args  []actor.ID
}

// flat is the cmp option that compares conditions node by node.
var flat = cmp.Transformer("flat", func(c guarantee.Condition) []node {
	var out []node
	var walk func(c guarantee.Condition, depth int)
	walk = func(c guarantee.Condition, depth int) {
		op := fmt.Sprintf("Op(%d)", c.Op)
		if int(c.Op) < 5 {
			op = [...]string{"always", "event", "all", "any", "not"}[c.Op]
		}
		out = append(out, node{Depth: depth, Op: op, Name: c.Event.Name, Args: c.Event.Args})
		for _, s := range c.Sub {
			walk(s, depth+1)
		}
	}
	walk(c, 0)
	return out
})

// nest returns n nested not(...) around c.
func nest(n int, c guarantee.Condition) guarantee.Condition {
	for range n {
		c = guarantee.NotOf(c)
	}
	return c
}

func TestParseCondition(t *testing.T) {
	var (
		on     = guarantee.On
		all    = guarantee.AllOf
		anyOf  = guarantee.AnyOf
		not    = guarantee.NotOf
		attack = guarantee.Attack
	)
	deepest := strings.Repeat("not(", guarantee.MaxDepth-1) + "peace-deal" + strings.Repeat(")", guarantee.MaxDepth-1)
	tests := []struct {
		reason string
		in     string
		want   guarantee.Condition
		canon  string // String of want
	}{
		{reason: "the empty trigger holds from the moment the deal holds", in: "", want: guarantee.Condition{}, canon: ""},
		{reason: "only spaces is the empty trigger", in: " \t\r\n ", want: guarantee.Condition{}, canon: ""},
		{reason: "an event without arguments", in: "peace-deal", want: on("peace-deal"), canon: "peace-deal"},
		{reason: "empty parentheses are the same event as none", in: "peace-deal()", want: on("peace-deal"), canon: "peace-deal"},
		{reason: "an attack: the first attacks the second", in: "attack(RU, UA)", want: attack("RU", "UA"), canon: "attack(RU, UA)"},
		{reason: "a violation by one actor", in: "violation(RU)", want: on("violation", "RU"), canon: "violation(RU)"},
		{reason: "whitespace is free everywhere", in: " \tattack ( RU ,\n UA ) \r\n", want: attack("RU", "UA"), canon: "attack(RU, UA)"},
		{reason: "no whitespace at all", in: "all(peace-deal,not(attack(RU,UA)))", want: all(on("peace-deal"), not(attack("RU", "UA"))), canon: "all(peace-deal, not(attack(RU, UA)))"},
		{reason: "whitespace before the parenthesis of an operator", in: "all (ceasefire)", want: all(on("ceasefire")), canon: "all(ceasefire)"},
		{
			reason: "operators nest",
			in:     "any(attack(RU, UA), all(ceasefire, not(peace-deal)), violation(RU))",
			want:   anyOf(attack("RU", "UA"), all(on("ceasefire"), not(on("peace-deal"))), on("violation", "RU")),
			canon:  "any(attack(RU, UA), all(ceasefire, not(peace-deal)), violation(RU))",
		},
		{reason: "all with one condition", in: "all(ceasefire)", want: all(on("ceasefire")), canon: "all(ceasefire)"},
		{reason: "any event name is an event", in: "resolution-2202(UNSC)", want: on("resolution-2202", "UNSC"), canon: "resolution-2202(UNSC)"},
		{reason: "event names may start with a digit", in: "2022-invasion", want: on("2022-invasion"), canon: "2022-invasion"},
		{reason: "actor IDs may hold '_'", in: "attack(RU_proxy, UA)", want: attack("RU_proxy", "UA"), canon: "attack(RU_proxy, UA)"},
		{reason: "an event may name three actors", in: "talks(US, RU, UA)", want: on("talks", "US", "RU", "UA"), canon: "talks(US, RU, UA)"},
		{reason: "an actor ID may spell an operator", in: "attack(all, not)", want: attack("all", "not"), canon: "attack(all, not)"},
		{reason: "operators are case-sensitive: ALL is an event", in: "ALL(x)", want: on("ALL", "x"), canon: "ALL(x)"},
		{reason: "an event named like an operator with a suffix", in: "all-clear", want: on("all-clear"), canon: "all-clear"},
		{reason: "MaxDepth levels of nesting is the deepest allowed", in: deepest, want: nest(guarantee.MaxDepth-1, on("peace-deal")), canon: deepest},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := guarantee.ParseCondition(tc.in)
			if err != nil {
				t.Fatalf("ParseCondition(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got, flat); diff != "" {
				t.Errorf("ParseCondition(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.canon, got.String()); diff != "" {
				t.Errorf("String(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			again, err := guarantee.ParseCondition(got.String())
			if err != nil {
				t.Fatalf("ParseCondition(%q), parsing String(): %v", got.String(), err)
			}
			if diff := cmp.Diff(got, again, flat); diff != "" {
				t.Errorf("ParseCondition(String()) round trip: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if err := got.Check(); err != nil {
				t.Errorf("Check() of a parsed condition: %v", err)
			}
			if diff := cmp.Diff(tc.in == "" || strings.TrimSpace(tc.in) == "", got.IsAlways()); diff != "" {
				t.Errorf("IsAlways(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestParseConditionErrors(t *testing.T) {
	tooDeep := strings.Repeat("not(", guarantee.MaxDepth) + "peace-deal" + strings.Repeat(")", guarantee.MaxDepth)
	longName := strings.Repeat("e", 65)
	longID := strings.Repeat("R", 65)
	tests := []struct {
		reason string
		in     string
		column int
		msg    string
	}{
		{reason: "an unclosed parenthesis of an operator points at it", in: "all(peace-deal, ceasefire", column: 4, msg: "unclosed '(' of all"},
		{reason: "an unclosed parenthesis of an event points at it", in: "any(attack(RU, UA", column: 11, msg: "unclosed '(' of attack"},
		{reason: "an opening parenthesis with nothing after it", in: "all(", column: 5, msg: "want an event name or all, any, not; found end"},
		{reason: "a trailing comma among conditions", in: "all(peace-deal,)", column: 16, msg: "want an argument after ','"},
		{reason: "a trailing comma among actor IDs", in: "attack(RU, )", column: 12, msg: "want an argument after ','"},
		{reason: "a comma with nothing after it", in: "attack(RU,", column: 11, msg: "want an actor ID as argument of attack; found end"},
		{reason: "a missing comma between actor IDs", in: "attack(RU UA)", column: 11, msg: "want ',' or ')'; found 'U'"},
		{reason: "a leading comma", in: "all(, peace-deal)", column: 5, msg: "want an event name or all, any, not; found ','"},
		{reason: "not with two conditions points at not", in: "any(ceasefire, not(peace-deal, ceasefire))", column: 16, msg: "not takes exactly one condition; found 2"},
		{reason: "not with no condition", in: "not()", column: 1, msg: "not takes exactly one condition; found 0"},
		{reason: "all with no condition", in: "all()", column: 1, msg: "all takes at least one condition"},
		{reason: "any with no condition", in: "any( )", column: 1, msg: "any takes at least one condition"},
		{reason: "an operator without parentheses", in: "all", column: 4, msg: "all needs arguments in parentheses"},
		{reason: "the arguments of an event are actors, not conditions", in: "attack(all(RU), UA)", column: 11, msg: "the arguments of event attack are actor IDs, not conditions"},
		{reason: "an event given as an event's argument", in: "violation(attack(RU, UA))", column: 17, msg: "the arguments of event violation are actor IDs, not conditions"},
		{reason: "'_' is for actor IDs, not event names", in: "peace_deal", column: 6, msg: `an event name has letters, digits and '-' only; found '_' in "peace_deal"`},
		{reason: "'_' in a nested event name", in: "all(cease_fire)", column: 10, msg: `an event name has letters, digits and '-' only; found '_' in "cease_fire"`},
		{reason: "nesting beyond MaxDepth", in: tooDeep, column: 4*guarantee.MaxDepth + 1, msg: "conditions nest deeper than 64 levels"},
		{reason: "garbage after the condition", in: "peace-deal)", column: 11, msg: "unexpected ')' after the condition"},
		{reason: "a second condition without an operator", in: "peace-deal ceasefire", column: 12, msg: "unexpected 'c' after the condition"},
		{reason: "garbage after an operator", in: "not(ceasefire) x", column: 16, msg: "unexpected 'x' after the condition"},
		{reason: "a parenthesis without a name", in: "(peace-deal)", column: 1, msg: "want an event name or all, any, not; found '('"},
		{reason: "a non-ASCII event name", in: "перемирие", column: 1, msg: "want an event name or all, any, not; found 'п'"},
		{reason: "a non-ASCII actor ID", in: "attack(RU, ÜA)", column: 12, msg: "want an actor ID as argument of attack; found 'Ü'"},
		{reason: "an actor ID longer than 64 characters", in: "violation(" + longID + ")", column: 11, msg: `invalid actor ID "` + longID + `"`},
		{reason: "an event name longer than 64 characters", in: "all(" + longName + ")", column: 5, msg: "an event name has at most 64 characters; found 65"},
		{reason: "a quoted name", in: `"peace-deal"`, column: 1, msg: `want an event name or all, any, not; found '"'`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			c, err := guarantee.ParseCondition(tc.in)
			if diff := cmp.Diff(guarantee.Condition{}, c, flat); diff != "" {
				t.Errorf("ParseCondition(%q) returned a condition with its error (-want +got):\n%s", tc.in, diff)
			}
			se, ok := errors.AsType[*guarantee.SyntaxError](err)
			if !ok {
				t.Fatalf("ParseCondition(%q) error = %v (%T), want a *SyntaxError", tc.in, err, err)
			}
			want := &guarantee.SyntaxError{Input: tc.in, Column: tc.column, Msg: tc.msg}
			if diff := cmp.Diff(want, se); diff != "" {
				t.Errorf("ParseCondition(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			wantText := fmt.Sprintf("column %d: %s in %q", tc.column, tc.msg, tc.in)
			if diff := cmp.Diff(wantText, err.Error()); diff != "" {
				t.Errorf("Error(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestMustParseCondition(t *testing.T) {
	if diff := cmp.Diff(guarantee.Attack("RU", "UA"), guarantee.MustParseCondition("attack(RU, UA)"), flat); diff != "" {
		t.Errorf("MustParseCondition of a valid condition (-want +got):\n%s", diff)
	}
	defer func() {
		if _, ok := recover().(*guarantee.SyntaxError); !ok {
			t.Errorf("MustParseCondition(%q) did not panic with a *SyntaxError", "all(")
		}
	}()
	guarantee.MustParseCondition("all(")
}

// TestConditionJSON checks that a condition in JSON is its text, as in a
// scenario file, written and read back whole; and that text that does
// not parse is an error, not a condition.
func TestConditionJSON(t *testing.T) {
	type doc struct {
		Trigger guarantee.Condition `json:"trigger"`
	}
	c := guarantee.AllOf(guarantee.Attack("RU", "UA"), guarantee.NotOf(guarantee.On(guarantee.EventCeasefire)))
	out, err := json.Marshal(doc{c})
	if err != nil || string(out) != `{"trigger":"all(attack(RU, UA), not(ceasefire))"}` {
		t.Errorf("json.Marshal = %s, %v; want the trigger as its text", out, err)
	}
	var back doc
	if err := json.Unmarshal([]byte(`{"trigger": "all(attack(RU, UA), not(ceasefire))"}`), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back.Trigger, flat); diff != "" {
		t.Errorf("the trigger read from JSON text (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"trigger": "attack(RU"}`), &back); err == nil {
		t.Errorf("a trigger that does not parse was read as %v; want an error", back.Trigger)
	}
}

func TestConditionString(t *testing.T) {
	tests := []struct {
		reason string
		c      guarantee.Condition
		want   string
	}{
		{reason: "the zero condition is written as nothing", c: guarantee.Condition{}, want: ""},
		{reason: "an event built with On", c: guarantee.On(guarantee.EventCeasefire), want: "ceasefire"},
		{reason: "an attack built with Attack", c: guarantee.Attack("RU", "UA"), want: "attack(RU, UA)"},
		{reason: "arguments are separated by a comma and a space", c: guarantee.AllOf(guarantee.On("a"), guarantee.On("b"), guarantee.On("c")), want: "all(a, b, c)"},
		{reason: "nesting", c: guarantee.AnyOf(guarantee.NotOf(guarantee.On("violation", "RU")), guarantee.On(guarantee.EventPeaceDeal)), want: "any(not(violation(RU)), peace-deal)"},
		{reason: "longer than String's first buffer", c: guarantee.AllOf(guarantee.Attack("RU", "UA"), guarantee.NotOf(guarantee.On(guarantee.EventCeasefire)), guarantee.AnyOf(guarantee.On("violation", "BY"), guarantee.Attack(guarantee.Anyone, "MD"))),
			want: "all(attack(RU, UA), not(ceasefire), any(violation(BY), attack(*, MD)))"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.c.String()); diff != "" {
			t.Errorf("String(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
		// AppendText appends the same text, and leaves what b held.
		if got, err := tc.c.AppendText([]byte("due on ")); err != nil || string(got) != "due on "+tc.want {
			t.Errorf("AppendText: %s: got %q, %v; want %q", tc.reason, got, err, "due on "+tc.want)
		}
		if tc.c.Op == guarantee.OnEvent && tc.c.Event.String() != tc.want {
			t.Errorf("Event.String: %s: got %q; want %q", tc.reason, tc.c.Event.String(), tc.want)
		}
		// UnmarshalText reads the text back, over whatever the condition held.
		back := guarantee.On("stale")
		if err := back.UnmarshalText([]byte(tc.want)); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", tc.want, err)
		}
		if diff := cmp.Diff(tc.c, back, flat); diff != "" {
			t.Errorf("UnmarshalText(String()): %s\n(-want +got):\n%s", tc.reason, diff)
		}
		back, err := guarantee.ParseCondition(tc.want)
		if err != nil {
			t.Fatalf("ParseCondition(%q): %v", tc.want, err)
		}
		if diff := cmp.Diff(tc.c, back, flat); diff != "" {
			t.Errorf("ParseCondition(String()): %s\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

// happened returns the Holds callback for the events written in evs.
func happened(t *testing.T, evs ...string) func(guarantee.Event) bool {
	t.Helper()
	var set []guarantee.Event
	for _, s := range evs {
		e, err := guarantee.ParseEvent(s)
		if err != nil {
			t.Fatalf("ParseEvent(%q): %v", s, err)
		}
		set = append(set, e)
	}
	return func(e guarantee.Event) bool { return slices.ContainsFunc(set, e.Equal) }
}

func TestConditionHolds(t *testing.T) {
	tests := []struct {
		reason   string
		cond     string
		happened []string
		want     bool
	}{
		{reason: "the empty trigger holds before anything happens", cond: "", want: true},
		{reason: "an event holds once it happened", cond: "peace-deal", happened: []string{"peace-deal"}, want: true},
		{reason: "an event does not hold before it happened", cond: "peace-deal", happened: []string{"ceasefire"}},
		{reason: "an attack's direction matters", cond: "attack(RU, UA)", happened: []string{"attack(UA, RU)"}},
		{reason: "an attack holds as it happened", cond: "attack(RU, UA)", happened: []string{"peace-deal", "attack(RU, UA)"}, want: true},
		{reason: "the same name with other actors is another event", cond: "violation(RU)", happened: []string{"violation(BY)"}},
		{reason: "all needs every condition", cond: "all(peace-deal, attack(RU, UA))", happened: []string{"attack(RU, UA)"}},
		{reason: "all holds when every condition holds", cond: "all(peace-deal, attack(RU, UA))", happened: []string{"attack(RU, UA)", "peace-deal"}, want: true},
		{reason: "any needs one condition", cond: "any(attack(RU, UA), violation(RU))", happened: []string{"violation(RU)"}, want: true},
		{reason: "any fails when none holds", cond: "any(attack(RU, UA), violation(RU))", happened: []string{"peace-deal"}},
		{reason: "not holds while the event has not happened", cond: "not(ceasefire)", want: true},
		{reason: "not fails once the event happened", cond: "not(ceasefire)", happened: []string{"ceasefire"}},
		{
			reason:   "a deal that holds until it is violated",
			cond:     "all(peace-deal, not(any(attack(RU, UA), violation(RU))))",
			happened: []string{"peace-deal"},
			want:     true,
		},
		{
			reason:   "a deal that no longer holds once violated",
			cond:     "all(peace-deal, not(any(attack(RU, UA), violation(RU))))",
			happened: []string{"peace-deal", "violation(RU)"},
		},
	}
	for _, tc := range tests {
		c := guarantee.MustParseCondition(tc.cond)
		if diff := cmp.Diff(tc.want, c.Holds(happened(t, tc.happened...))); diff != "" {
			t.Errorf("%q.Holds(%q): %s\n(-want +got):\n%s", tc.cond, tc.happened, tc.reason, diff)
		}
	}
}

func TestConditionAttackers(t *testing.T) {
	tests := []struct {
		reason string
		cond   string
		want   []actor.ID
	}{
		{reason: "the empty trigger has no attacker", cond: "", want: nil},
		{reason: "a peace deal has no attacker", cond: "peace-deal", want: nil},
		{reason: "the first actor of an attack", cond: "attack(RU, UA)", want: []actor.ID{"RU"}},
		{reason: "the one actor of a violation", cond: "violation(RU)", want: []actor.ID{"RU"}},
		{reason: "the first actor of a violation with more", cond: "violation(RU, UA)", want: []actor.ID{"RU"}},
		{reason: "an attack with no actors names no attacker", cond: "attack", want: nil},
		{reason: "other events name no attacker", cond: "ceasefire(RU, UA)", want: nil},
		{reason: "attackers inside any(...)", cond: "any(attack(RU, UA), violation(BY))", want: []actor.ID{"BY", "RU"}},
		{reason: "attackers inside not(...) count too", cond: "all(peace-deal, not(attack(RU, UA)))", want: []actor.ID{"RU"}},
		{
			reason: "sorted and each once",
			cond:   "any(violation(RU), attack(BY, UA), all(attack(RU, MD), not(violation(BY))), attack(IR, UA))",
			want:   []actor.ID{"BY", "IR", "RU"},
		},
	}
	for _, tc := range tests {
		c := guarantee.MustParseCondition(tc.cond)
		got := c.Attackers()
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q.Attackers(): %s\n(-want +got):\n%s", tc.cond, tc.reason, diff)
		}
		g := guarantee.Guarantee{ID: "g", Trigger: c}
		if diff := cmp.Diff(tc.want, g.Attackers()); diff != "" {
			t.Errorf("Guarantee.Attackers() with trigger %q (-want +got):\n%s", tc.cond, diff)
		}
		for _, a := range []actor.ID{"RU", "BY", "IR", "UA", "MD"} {
			if diff := cmp.Diff(slices.Contains(tc.want, a), c.HasAttacker(a)); diff != "" {
				t.Errorf("%q.HasAttacker(%q): %s\n(-want +got):\n%s", tc.cond, a, tc.reason, diff)
			}
		}
	}
}

func TestConditionAppendAttackers(t *testing.T) {
	dst := []actor.ID{"ZZ", "RU"}
	got := guarantee.MustParseCondition("any(violation(RU), attack(BY, UA))").AppendAttackers(dst)
	want := []actor.ID{"ZZ", "RU", "BY", "RU"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AppendAttackers keeps dst as is and sorts only what it appends (-want +got):\n%s", diff)
	}
}

func TestConditionEvents(t *testing.T) {
	c := guarantee.MustParseCondition("any(attack(RU, UA), all(peace-deal, not(attack(RU, UA))), attack(UA, RU), peace-deal)")
	want := []guarantee.Event{
		{Name: "attack", Args: []actor.ID{"RU", "UA"}},
		{Name: "peace-deal"},
		{Name: "attack", Args: []actor.ID{"UA", "RU"}},
	}
	if diff := cmp.Diff(want, c.Events()); diff != "" {
		t.Errorf("Events() lists each event once, in the order written (-want +got):\n%s", diff)
	}
}

func TestConditionSatisfiable(t *testing.T) {
	tests := []struct {
		reason string
		cond   string
		want   bool
	}{
		{reason: "the empty trigger holds", cond: "", want: true},
		{reason: "an event may happen", cond: "peace-deal", want: true},
		{reason: "an event may not happen", cond: "not(peace-deal)", want: true},
		{reason: "an event and its negation", cond: "all(peace-deal, not(peace-deal))", want: false},
		{reason: "a contradiction inside an any is not fatal", cond: "any(all(peace-deal, not(peace-deal)), ceasefire)", want: true},
		{reason: "a contradiction in every branch", cond: "any(all(a, not(a)), all(b, not(b)))", want: false},
		{reason: "a tautology negated", cond: "not(any(a, not(a)))", want: false},
		{reason: "a double negation", cond: "all(not(not(a)), not(a))", want: false},
		{reason: "an attack and the reverse attack are different events", cond: "all(attack(RU, UA), not(attack(UA, RU)))", want: true},
		{reason: "the same attack and its negation", cond: "all(attack(RU, UA), not(attack(RU, UA)))", want: false},
		{reason: "empty parentheses name the same event", cond: "all(peace-deal(), not(peace-deal))", want: false},
		{reason: "a choice forced by the other conditions", cond: "all(any(a, b), not(a), any(not(b), c), not(c))", want: false},
		{reason: "a choice left open by the other conditions", cond: "all(any(a, b), not(a), any(not(b), c))", want: true},
		{reason: "without not, anything may hold", cond: "all(a, any(b, c), all(d, e))", want: true},
	}
	for _, tc := range tests {
		c := guarantee.MustParseCondition(tc.cond)
		if diff := cmp.Diff(tc.want, c.Satisfiable()); diff != "" {
			t.Errorf("%q.Satisfiable(): %s\n(-want +got):\n%s", tc.cond, tc.reason, diff)
		}
	}
}

// cycle returns the condition that the events e0 … e(n-1), placed on a
// cycle, alternate: each and the next differ. It holds for an even n and
// never for an odd one, and a search that assigns events in order must
// backtrack to find out.
func cycle(n int) string {
	var b strings.Builder
	b.WriteString("all(")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		j := (i + 1) % n
		fmt.Fprintf(&b, "any(e%d, e%d), any(not(e%d), not(e%d))", i, j, i, j)
	}
	b.WriteString(")")
	return b.String()
}

// pigeons returns the condition that n+1 pigeons sit in n holes, at most
// one to a hole: it never holds, and proving so by search takes time
// exponential in n.
func pigeons(n int) string {
	var parts []string
	for p := range n + 1 {
		var some []string
		for h := range n {
			some = append(some, fmt.Sprintf("p%dh%d", p, h))
		}
		parts = append(parts, "any("+strings.Join(some, ", ")+")")
	}
	for h := range n {
		for p := range n + 1 {
			for q := range p {
				parts = append(parts, fmt.Sprintf("not(all(p%dh%d, p%dh%d))", p, h, q, h))
			}
		}
	}
	return "all(" + strings.Join(parts, ", ") + ")"
}

func TestConditionSatisfiableLarge(t *testing.T) {
	tests := []struct {
		reason string
		cond   string
		want   []bool // the answers allowed: an exact one, or true when the search gives up
	}{
		{reason: "a small odd cycle never holds", cond: cycle(31), want: []bool{false}},
		{reason: "a small even cycle holds", cond: cycle(32), want: []bool{true}},
		{reason: "a large even cycle holds", cond: cycle(3000), want: []bool{true}},
		{reason: "a large odd cycle never holds, or the search gives up", cond: cycle(3001), want: []bool{false, true}},
		{reason: "a small pigeonhole never holds", cond: pigeons(3), want: []bool{false}},
		{reason: "a tangled pigeonhole never holds, or the search gives up", cond: pigeons(12), want: []bool{false, true}},
		{
			reason: "a long chain of contradictions behind many free events",
			cond:   "all(" + strings.Repeat("any(x, y), ", 2000) + "z, not(z))",
			want:   []bool{false, true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			c := guarantee.MustParseCondition(tc.cond)
			done := make(chan bool, 1)
			start := time.Now()
			go func() { done <- c.Satisfiable() }()
			select {
			case got := <-done:
				if !slices.Contains(tc.want, got) {
					t.Errorf("Satisfiable() = %v, want one of %v: %s", got, tc.want, tc.reason)
				}
				t.Logf("%d bytes, %d events: %v", len(tc.cond), len(c.Events()), time.Since(start))
			case <-time.After(20 * time.Second):
				t.Fatalf("Satisfiable() did not return within 20s on a condition of %d bytes: %s", len(tc.cond), tc.reason)
			}
		})
	}
}

func TestConditionCheck(t *testing.T) {
	tests := []struct {
		reason string
		c      guarantee.Condition
		want   string // the error, "" for none
	}{
		{reason: "the zero condition", c: guarantee.Condition{}},
		{reason: "built from valid parts", c: guarantee.AllOf(guarantee.On("peace-deal"), guarantee.NotOf(guarantee.Attack("RU", "UA")))},
		{reason: "MaxDepth levels", c: nest(guarantee.MaxDepth-1, guarantee.On("ceasefire"))},
		{reason: "beyond MaxDepth", c: nest(guarantee.MaxDepth, guarantee.On("ceasefire")), want: "conditions nest deeper than 64 levels"},
		{reason: "not of nothing", c: guarantee.Condition{Op: guarantee.Not}, want: "not takes exactly one condition; found 0"},
		{reason: "not of two", c: guarantee.Condition{Op: guarantee.Not, Sub: []guarantee.Condition{guarantee.On("a"), guarantee.On("b")}}, want: "not takes exactly one condition; found 2"},
		{reason: "all of nothing", c: guarantee.AllOf(), want: "all takes at least one condition"},
		{reason: "any of nothing", c: guarantee.AnyOf(), want: "any takes at least one condition"},
		{reason: "a problem deep inside", c: guarantee.AnyOf(guarantee.On("a"), guarantee.NotOf(guarantee.AllOf())), want: "all takes at least one condition"},
		{reason: "an event without a name", c: guarantee.On(""), want: `invalid event name "": want letters, digits and '-'`},
		{reason: "an event named like an operator", c: guarantee.On("all"), want: `invalid event name "all": want letters, digits and '-'`},
		{reason: "an event name with '_'", c: guarantee.On("peace_deal"), want: `invalid event name "peace_deal": want letters, digits and '-'`},
		{reason: "an event name with a space", c: guarantee.On("peace deal"), want: `invalid event name "peace deal": want letters, digits and '-'`},
		{reason: "an event name of 65 characters", c: guarantee.On(strings.Repeat("e", 65)), want: `invalid event name "` + strings.Repeat("e", 65) + `": want letters, digits and '-'`},
		{reason: "a malformed actor", c: guarantee.Attack("RU", "U A"), want: `event attack: invalid actor ID "U A": want 1 to 64 letters, digits, '-' or '_'`},
		{reason: "an event with sub-conditions", c: guarantee.Condition{Op: guarantee.OnEvent, Event: guarantee.Event{Name: "a"}, Sub: []guarantee.Condition{guarantee.On("b")}}, want: "event a has sub-conditions"},
		{reason: "the empty condition with an event", c: guarantee.Condition{Event: guarantee.Event{Name: "a"}}, want: "the empty condition has no event and no sub-conditions"},
		{reason: "an operator out of range", c: guarantee.Condition{Op: 9}, want: "invalid condition operator 9"},
		{reason: "not of the empty condition, which would write not()", c: guarantee.NotOf(guarantee.Condition{}), want: "not holds the empty condition, which stands only alone (a trigger that always holds)"},
		{reason: "the empty condition among others, which would write all(peace-deal, )", c: guarantee.AllOf(guarantee.On("peace-deal"), guarantee.Condition{}), want: "all holds the empty condition, which stands only alone (a trigger that always holds)"},
		{reason: "the empty condition deep inside", c: guarantee.AnyOf(guarantee.On("a"), guarantee.NotOf(guarantee.AnyOf(guarantee.Condition{}))), want: "any holds the empty condition, which stands only alone (a trigger that always holds)"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, errString(tc.c.Check())); diff != "" {
			t.Errorf("Check(): %s\n(-want +got):\n%s", tc.reason, diff)
		}
	}
}

func TestConditionCheckWrapsActorErrors(t *testing.T) {
	err := guarantee.On("violation", "R U").Check()
	if !errors.Is(err, actor.ErrInvalidID) {
		t.Errorf("Check() = %v, want an error wrapping actor.ErrInvalidID", err)
	}
}

func TestParseEvent(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   guarantee.Event
		canon  string // String of want
		column int    // of the error, 0 for none
		msg    string // of the error
	}{
		{reason: "an event without actors", in: "peace-deal", want: guarantee.Event{Name: "peace-deal"}, canon: "peace-deal"},
		{reason: "empty parentheses", in: " peace-deal() ", want: guarantee.Event{Name: "peace-deal"}, canon: "peace-deal"},
		{reason: "an attack", in: "attack( RU,UA )", want: guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "UA"}}, canon: "attack(RU, UA)"},
		{reason: "the empty string is no event", in: "", column: 1, msg: "want one event, such as peace-deal or attack(RU, UA)"},
		{reason: "a timeline holds events, not conditions", in: "all(peace-deal)", column: 1, msg: "want one event, such as peace-deal or attack(RU, UA)"},
		{reason: "a syntax error keeps its column", in: "attack(RU", column: 7, msg: "unclosed '(' of attack"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := guarantee.ParseEvent(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseEvent(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.canon, got.String()); diff != "" {
				t.Errorf("Event.String(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			var want *guarantee.SyntaxError
			if tc.column > 0 {
				want = &guarantee.SyntaxError{Input: tc.in, Column: tc.column, Msg: tc.msg}
			}
			se, _ := errors.AsType[*guarantee.SyntaxError](err)
			if diff := cmp.Diff(want, se); diff != "" {
				t.Errorf("ParseEvent(%q) error: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
		})
	}
}

func TestEventAttacker(t *testing.T) {
	tests := []struct {
		reason string
		e      guarantee.Event
		want   actor.ID
		ok     bool
	}{
		{reason: "the first actor of an attack", e: guarantee.Event{Name: guarantee.EventAttack, Args: []actor.ID{"RU", "UA"}}, want: "RU", ok: true},
		{reason: "the actor of a violation", e: guarantee.Event{Name: guarantee.EventViolation, Args: []actor.ID{"RU"}}, want: "RU", ok: true},
		{reason: "an attack by nobody", e: guarantee.Event{Name: guarantee.EventAttack}},
		{reason: "a peace deal", e: guarantee.Event{Name: guarantee.EventPeaceDeal, Args: []actor.ID{"RU", "UA"}}},
		{reason: "event names are case-sensitive", e: guarantee.Event{Name: "Attack", Args: []actor.ID{"RU", "UA"}}},
	}
	for _, tc := range tests {
		got, ok := tc.e.Attacker()
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%v.Attacker(): %s\n(-want +got):\n%s", tc.e, tc.reason, diff)
		}
		if diff := cmp.Diff(tc.ok, ok); diff != "" {
			t.Errorf("%v.Attacker() ok: %s\n(-want +got):\n%s", tc.e, tc.reason, diff)
		}
	}
}

func TestEventEqual(t *testing.T) {
	tests := []struct {
		reason string
		e, f   guarantee.Event
		want   bool
	}{
		{reason: "same name and actors", e: guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "UA"}}, f: guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "UA"}}, want: true},
		{reason: "actors in another order", e: guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "UA"}}, f: guarantee.Event{Name: "attack", Args: []actor.ID{"UA", "RU"}}},
		{reason: "another name", e: guarantee.Event{Name: "attack", Args: []actor.ID{"RU"}}, f: guarantee.Event{Name: "violation", Args: []actor.ID{"RU"}}},
		{reason: "no actors and an empty list of actors", e: guarantee.Event{Name: "ceasefire"}, f: guarantee.Event{Name: "ceasefire", Args: []actor.ID{}}, want: true},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.e.Equal(tc.f)); diff != "" {
			t.Errorf("%v.Equal(%v): %s\n(-want +got):\n%s", tc.e, tc.f, tc.reason, diff)
		}
	}
}

// eventsByScan is Events as the definition says it: every event in the
// order written, each once, found by comparing each with those kept.
func eventsByScan(c guarantee.Condition) []guarantee.Event {
	var out []guarantee.Event
	for e := range c.All() {
		if !slices.ContainsFunc(out, e.Equal) {
			out = append(out, e)
		}
	}
	return out
}

// attackersByScan is Attackers as the definition says it: the first
// actor of every attack and violation, sorted, each once.
func attackersByScan(c guarantee.Condition) []actor.ID {
	var out []actor.ID
	for e := range c.All() {
		if a, ok := e.Attacker(); ok {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// repeated returns any(...) over the first n events of wide, each written
// times times, in rounds: e0, e1, …, e(n-1), e0, e1, ….
func repeated(n, times int) guarantee.Condition {
	var subs []guarantee.Condition
	for range times {
		for i := range n {
			subs = append(subs, wideEvent(i))
		}
	}
	return guarantee.AnyOf(subs...)
}

func TestConditionEventsAndAttackersBySize(t *testing.T) {
	// Events and Attackers scan what they kept for small conditions and
	// hash for large ones; both must give what the definition says, on
	// either side of the switch.
	tests := []struct {
		reason string
		c      guarantee.Condition
		events int // distinct events
	}{
		{reason: "no events at all", c: guarantee.Condition{}, events: 0},
		{reason: "one event", c: repeated(1, 1), events: 1},
		{reason: "one event written many times, past the switch", c: repeated(1, 200), events: 1},
		{reason: "31 events, each twice", c: repeated(31, 2), events: 31},
		{reason: "32 events, each once: the largest that is scanned", c: repeated(32, 1), events: 32},
		{reason: "33 events, each once: the smallest that is hashed", c: repeated(33, 1), events: 33},
		{reason: "48 attackers and violations, repeated: past the switch for attackers", c: repeated(72, 3), events: 72},
		{reason: "1000 events, under not and any", c: wide(1000), events: 1000},
		{
			reason: "events hashed alike but not equal: a(b) and a name holding a NUL",
			c: guarantee.AnyOf(append(repeated(40, 1).Sub,
				guarantee.On("a", "b"),
				guarantee.Condition{Op: guarantee.OnEvent, Event: guarantee.Event{Name: "a\x00b"}},
				guarantee.On("a", "b"))...),
			events: 42,
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got := tc.c.Events()
			if diff := cmp.Diff(tc.events, len(got)); diff != "" {
				t.Errorf("len(Events()): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(eventsByScan(tc.c), got); diff != "" {
				t.Errorf("Events(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(attackersByScan(tc.c), tc.c.Attackers()); diff != "" {
				t.Errorf("Attackers(): %s\n(-want +got):\n%s", tc.reason, diff)
			}
			dst := []actor.ID{"ZZ", "X0"}
			want := append(slices.Clone(dst), attackersByScan(tc.c)...)
			if diff := cmp.Diff(want, tc.c.AppendAttackers(dst)); diff != "" {
				t.Errorf("AppendAttackers(%q) keeps dst and sorts only what it appends: %s\n(-want +got):\n%s", dst, tc.reason, diff)
			}
		})
	}
}

func TestConditionEventsLarge(t *testing.T) {
	const n = 50_000
	c := wide(n) // each event twice, the second time under not
	got := c.Events()
	if diff := cmp.Diff(n, len(got)); diff != "" {
		t.Fatalf("len(Events()) of a condition naming %d distinct events, each twice (-want +got):\n%s", n, diff)
	}
	for _, i := range []int{0, 1, 2, 3, 32, 33, 12_345, n - 1} {
		if diff := cmp.Diff(wideEvent(i).Event, got[i]); diff != "" {
			t.Errorf("Events()[%d]: the events come in the order written (-want +got):\n%s", i, diff)
		}
	}
	want := make([]guarantee.Event, n)
	for i := range want {
		want[i] = wideEvent(i).Event
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Events() lists each event once, in the order written (-want +got):\n%s", diff)
	}
}

func TestConditionAttackersLarge(t *testing.T) {
	const n = 50_000
	c := wide(n)
	want := slices.Sorted(slices.Values(wideAttackers(n)))
	got := c.Attackers()
	if diff := cmp.Diff(n-n/3, len(got)); diff != "" {
		t.Fatalf("len(Attackers()): every attack and violation has its own attacker (-want +got):\n%s", diff)
	}
	for _, i := range []int{0, 1, 2, len(want) - 1} {
		if diff := cmp.Diff(want[i], got[i]); diff != "" {
			t.Errorf("Attackers()[%d] (-want +got):\n%s", i, diff)
		}
	}
	if diff := cmp.Diff(actor.ID("X0"), got[0]); diff != "" {
		t.Errorf("Attackers()[0]: sorted as strings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Attackers() is sorted, each once (-want +got):\n%s", diff)
	}
	for _, a := range []actor.ID{"X0", "X1", "X49999"} {
		if !c.HasAttacker(a) {
			t.Errorf("HasAttacker(%q) = false; want true", a)
		}
	}
	if c.HasAttacker("X2") {
		t.Errorf("HasAttacker(%q) = true; want false: e2 is a plain event", "X2")
	}
}
