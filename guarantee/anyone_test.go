package guarantee_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// This file tests "Any attacker" (docs/MODEL.md, section "Guarantees"):
// attack(*, B) and violation(*) in triggers, never in a timeline or an
// activation.

func TestAnyoneParsesInTriggers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want guarantee.Condition
	}{
		{"attack(*, UA)", guarantee.AttackOn("UA")},
		{"attack( * ,UA)", guarantee.AttackOn("UA")},
		{"violation(*)", guarantee.ViolationByAnyone()},
		{"any(attack(*, TR), attack(RU, TR))", guarantee.AnyOf(guarantee.AttackOn("TR"), guarantee.Attack("RU", "TR"))},
	} {
		c, err := guarantee.ParseCondition(tc.in)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tc.in, err)
			continue
		}
		if c.String() != tc.want.String() {
			t.Errorf("ParseCondition(%q) = %s, want %s", tc.in, c, tc.want)
		}
		if err := c.Check(); err != nil {
			t.Errorf("ParseCondition(%q) returned a condition that fails Check: %v", tc.in, err)
		}
		if !c.ByAnyone() {
			t.Errorf("ParseCondition(%q).ByAnyone() = false", tc.in)
		}
		if again, err := guarantee.ParseCondition(c.String()); err != nil || again.String() != c.String() {
			t.Errorf("ParseCondition(%q) does not read back: %v, %v", c.String(), again, err)
		}
	}
	if guarantee.Attack("RU", "UA").ByAnyone() {
		t.Error("attack(RU, UA).ByAnyone() = true, want false")
	}
}

func TestAnyoneRefusedOutsideTheAttacker(t *testing.T) {
	for _, tc := range []struct {
		in     string
		column int
	}{
		{"attack(UA, *)", 12},
		{"peace-deal(*)", 12},
		{"renewal(*)", 9},
		{"any(attack(RU, *))", 16},
		{"attack(**, UA)", 9},
	} {
		_, err := guarantee.ParseCondition(tc.in)
		var se *guarantee.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseCondition(%q) = %v, want a *SyntaxError", tc.in, err)
			continue
		}
		if se.Column != tc.column {
			t.Errorf("ParseCondition(%q): column %d, want %d (%v)", tc.in, se.Column, tc.column, err)
		}
	}
	// A condition built in Go is checked the same way.
	for _, c := range []guarantee.Condition{
		guarantee.On(guarantee.EventAttack, "UA", guarantee.Anyone),
		guarantee.On(guarantee.EventPeaceDeal, guarantee.Anyone),
	} {
		if err := c.Check(); err == nil || !strings.Contains(err.Error(), "anyone") {
			t.Errorf("%s.Check() = %v, want an error about * (anyone)", c, err)
		}
	}
}

func TestAnyoneRefusedInTimelineAndActivation(t *testing.T) {
	for _, tc := range []struct {
		in     string
		column int
		say    string
	}{
		{"attack(*, UA)", 8, "write attack(X, UA) with X the attacker"},
		{"  violation( *)", 14, "write violation(X) with X the attacker"},
	} {
		_, err := guarantee.ParseEvent(tc.in)
		var se *guarantee.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("ParseEvent(%q) = %v, want a *SyntaxError", tc.in, err)
		}
		if se.Column != tc.column || !strings.Contains(se.Msg, tc.say) || !strings.Contains(se.Msg, "belongs in a trigger") {
			t.Errorf("ParseEvent(%q): column %d, message %q; want column %d, saying %q and where * belongs", tc.in, se.Column, se.Msg, tc.column, tc.say)
		}
	}
	if _, err := guarantee.ParseEvent("attack(TR, GR)"); err != nil {
		t.Errorf("ParseEvent(attack(TR, GR)): %v", err)
	}
	for _, in := range []string{"consent(*)", "body(*)", "consent(US, *)"} {
		_, err := guarantee.ParseActivation(in)
		if err == nil || !strings.Contains(err.Error(), "anyone") {
			t.Errorf("ParseActivation(%q) = %v, want an error about * (anyone)", in, err)
		}
	}
	if err := guarantee.AttackOn("UA").Event.CheckHappened(); err == nil {
		t.Error("attack(*, UA).CheckHappened() = nil, want an error")
	}
	if err := guarantee.AttackEvent("RU", "UA").CheckHappened(); err != nil {
		t.Errorf("attack(RU, UA).CheckHappened() = %v", err)
	}
}

func TestAnyoneNamesNoAttacker(t *testing.T) {
	c := guarantee.AnyOf(guarantee.AttackOn("UA"), guarantee.On(guarantee.EventViolation, "RU"), guarantee.ViolationByAnyone())
	if got := c.Attackers(); len(got) != 1 || got[0] != "RU" {
		t.Errorf("Attackers() = %v, want [RU]: * names no one", got)
	}
	if c.HasAttacker(guarantee.Anyone) || c.HasAttacker("TR") || !c.HasAttacker("RU") {
		t.Errorf("HasAttacker: *=%v TR=%v RU=%v, want false false true", c.HasAttacker(guarantee.Anyone), c.HasAttacker("TR"), c.HasAttacker("RU"))
	}
}

func TestAdmits(t *testing.T) {
	ev := func(s string) guarantee.Event {
		c := guarantee.MustParseCondition(s)
		return c.Event
	}
	for _, tc := range []struct {
		pattern, happened string
		want              bool
	}{
		{"attack(*, UA)", "attack(RU, UA)", true},
		{"attack(*, UA)", "attack(RU, GE)", false},
		{"attack(*, UA)", "violation(RU)", false},
		{"violation(*)", "violation(RU)", true},
		{"attack(RU, UA)", "attack(RU, UA)", true},
		{"attack(RU, UA)", "attack(BY, UA)", false},
		{"peace-deal", "peace-deal", true},
	} {
		if got := ev(tc.pattern).Admits(ev(tc.happened)); got != tc.want {
			t.Errorf("%s.Admits(%s) = %v, want %v", tc.pattern, tc.happened, got, tc.want)
		}
	}
	if got := ev("attack(TR, GR)").AsAnyone().String(); got != "attack(*, GR)" {
		t.Errorf("AsAnyone = %s, want attack(*, GR)", got)
	}
	orig := ev("attack(TR, GR)")
	_ = orig.AsAnyone()
	if orig.Args[0] != actor.ID("TR") {
		t.Error("AsAnyone changed the event it was called on")
	}
}

func TestSatisfiableWithAnyone(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		// An attack by RU on UA is an attack on UA by anyone.
		{"all(attack(RU, UA), not(attack(*, UA)))", false},
		{"all(violation(RU), not(violation(*)))", false},
		// An attack by anyone need not be RU's.
		{"all(attack(*, UA), not(attack(RU, UA)))", true},
		// Nor is an attack on GE one on UA.
		{"all(attack(RU, GE), not(attack(*, UA)))", true},
		{"all(not(attack(*, UA)), any(attack(RU, UA), attack(BY, UA)))", false},
	} {
		if got := guarantee.MustParseCondition(tc.in).Satisfiable(); got != tc.want {
			t.Errorf("Satisfiable(%s) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestAdmitsAnyone(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"attack(*, UA)", []string{"attack(*, UA)"}},
		{"all(peace-deal, not(attack(*, UA)))", nil},
		{"not(not(violation(*)))", []string{"violation(*)"}},
		{"any(not(attack(*, GE)), all(attack(*, UA), not(violation(*))))", []string{"attack(*, UA)"}},
		{"attack(RU, UA)", nil},
	} {
		c := guarantee.MustParseCondition(tc.in)
		var got []string
		for e := range c.Admitted() {
			got = append(got, e.String())
		}
		if !slices.Equal(got, tc.want) || c.AdmitsAnyone() != (len(tc.want) > 0) {
			t.Errorf("%s: Admitted() = %q, AdmitsAnyone() = %v; want %q", tc.in, got, c.AdmitsAnyone(), tc.want)
		}
	}
}
