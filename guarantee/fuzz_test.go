package guarantee_test

import (
	"errors"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/guarantee"
)

// bruteMaxEvents is how many events a condition may name for the fuzz test
// to check Satisfiable against every set of events.
const bruteMaxEvents = 12

// satisfiableByEnumeration reports whether some set of c's events makes c
// hold, by trying every set.
func satisfiableByEnumeration(c guarantee.Condition, events []guarantee.Event) bool {
	for set := range 1 << len(events) {
		in := func(i int) bool { return set&(1<<i) != 0 }
		// attack(*, B) holds when an attack on B by someone no event of c
		// names happened (its own bit), or by someone c names.
		happened := func(e guarantee.Event) bool {
			i := slices.IndexFunc(events, e.Equal)
			if i >= 0 && in(i) {
				return true
			}
			for j, f := range events {
				if e.ByAnyone() && !f.ByAnyone() && e.Admits(f) && in(j) {
					return true
				}
			}
			return false
		}
		if c.Holds(happened) {
			return true
		}
	}
	return false
}

// checkSyntaxError fails t unless err is a *SyntaxError about s with a
// column inside s or just past its end.
func checkSyntaxError(t *testing.T, s string, err error) {
	t.Helper()
	se, ok := errors.AsType[*guarantee.SyntaxError](err)
	if !ok {
		t.Fatalf("error %v (%T) is not a *SyntaxError", err, err)
	}
	if se.Input != s {
		t.Errorf("SyntaxError.Input = %q, want the input %q", se.Input, s)
	}
	if n := utf8.RuneCountInString(s); se.Column < 1 || se.Column > n+1 {
		t.Errorf("SyntaxError.Column = %d, want 1 to %d for %q", se.Column, n+1, s)
	}
	if se.Msg == "" {
		t.Errorf("SyntaxError without a message for %q", s)
	}
}

// FuzzParseCondition checks that ParseCondition never panics, that every
// condition it returns passes Check and round-trips through String, and
// that Satisfiable returns and agrees with enumeration on small conditions.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		"",
		"peace-deal",
		"peace-deal()",
		"attack(RU, UA)",
		"all(peace-deal, not(attack(RU, UA)))",
		"any(all(a, not(a)), b)",
		" \tany ( violation(RU) ,\n attack ( BY , UA ) )\r\n",
		"all(",
		"not(a, b)",
		"attack(all(RU), UA)",
		"peace_deal",
		"any(attack(*, UA), violation(*))",
		"attack(UA, *)",
		"all(attack(RU, UA), not(attack(*, UA)))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := guarantee.ParseCondition(s)
		if err != nil {
			checkSyntaxError(t, s, err)
			if diff := cmp.Diff(guarantee.Condition{}, c, flat); diff != "" {
				t.Errorf("ParseCondition(%q) returned a condition with its error (-want +got):\n%s", s, diff)
			}
			return
		}
		if err := c.Check(); err != nil {
			t.Errorf("ParseCondition(%q) returned a condition that fails Check: %v", s, err)
		}
		text := c.String()
		again, err := guarantee.ParseCondition(text)
		if err != nil {
			t.Fatalf("ParseCondition(%q) = %q, which does not parse: %v", s, text, err)
		}
		if diff := cmp.Diff(c, again, flat); diff != "" {
			t.Errorf("ParseCondition(String()) round trip of %q (-want +got):\n%s", s, diff)
		}
		if diff := cmp.Diff(text, again.String()); diff != "" {
			t.Errorf("String is not stable for %q (-want +got):\n%s", s, diff)
		}

		sat := c.Satisfiable()
		if events := c.Events(); len(events) <= bruteMaxEvents {
			if diff := cmp.Diff(satisfiableByEnumeration(c, events), sat); diff != "" {
				t.Errorf("%q.Satisfiable() disagrees with enumeration (-want +got):\n%s", text, diff)
			}
		}

		attackers := c.Attackers()
		if !slices.IsSorted(attackers) || len(slices.Compact(slices.Clone(attackers))) != len(attackers) {
			t.Errorf("%q.Attackers() = %q, want sorted and each once", text, attackers)
		}
		for _, a := range attackers {
			if !c.HasAttacker(a) {
				t.Errorf("%q.HasAttacker(%q) = false, but Attackers() lists it", text, a)
			}
		}
	})
}

// FuzzParseActivation checks that ParseActivation never panics and that
// every activation it returns passes Check and round-trips through String
// and through MarshalText and UnmarshalText.
func FuzzParseActivation(f *testing.F) {
	for _, s := range []string{
		"",
		"provider",
		"automatic",
		"consent(US, UK)",
		"body(UNSC)",
		"consent()",
		"consent(A, A)",
		"body(A, B)",
		"provider(X)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := guarantee.ParseActivation(s)
		if err != nil {
			checkSyntaxError(t, s, err)
			if diff := cmp.Diff(guarantee.Activation{}, a); diff != "" {
				t.Errorf("ParseActivation(%q) returned an activation with its error (-want +got):\n%s", s, diff)
			}
			return
		}
		if err := a.Check(); err != nil {
			t.Errorf("ParseActivation(%q) returned an activation that fails Check: %v", s, err)
		}
		text := a.String()
		again, err := guarantee.ParseActivation(text)
		if err != nil {
			t.Fatalf("ParseActivation(%q) = %q, which does not parse: %v", s, text, err)
		}
		if diff := cmp.Diff(a, again); diff != "" {
			t.Errorf("ParseActivation(String()) round trip of %q (-want +got):\n%s", s, diff)
		}
		b, err := a.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText of %q: %v", text, err)
		}
		if diff := cmp.Diff(text, string(b)); diff != "" {
			t.Errorf("MarshalText differs from String (-want +got):\n%s", diff)
		}
		var back guarantee.Activation
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		if diff := cmp.Diff(a, back); diff != "" {
			t.Errorf("MarshalText then UnmarshalText of %q (-want +got):\n%s", s, diff)
		}
	})
}
