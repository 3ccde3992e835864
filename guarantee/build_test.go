package guarantee_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

func TestBuilders(t *testing.T) {
	for _, tc := range []struct {
		reason string
		got    any
		want   any
	}{
		{"days", guarantee.Days(90), guarantee.Period{Days: 90}},
		{"months", guarantee.Months(6), guarantee.Period{Months: 6}},
		{"a year is twelve months", guarantee.Years(2), guarantee.Period{Months: 24}},
		{"a body and a period", guarantee.RenewedBy("UNSC", guarantee.Months(4)), guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 4}}},
		{"from a date, until a date", guarantee.RenewedBy("UNSC", guarantee.Months(4)).Starting("2008-10-15").Ending("2009-06-15"),
			guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 4}, From: "2008-10-15", Ends: "2009-06-15"}},
		{"a sunset alone", guarantee.Mandate{}.Ending("2030-01-01"), guarantee.Mandate{Ends: "2030-01-01"}},
		{"a renewal of every mandate", guarantee.Renewal(""), guarantee.Event{Name: "renewal"}},
		{"a renewal of one body's", guarantee.Renewal("UNSC").At("2009-06-15"), guarantee.Event{Name: "renewal", Args: []actor.ID{"UNSC"}, Date: "2009-06-15"}},
		{"a dated attack", guarantee.AttackEvent("RU", "GE").At("2008-08-08"), guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "GE"}, Date: "2008-08-08"}},
		{"the event of the condition Attack", guarantee.AttackEvent("RU", "GE"), guarantee.Attack("RU", "GE").Event},
		{"a violation", guarantee.ViolationEvent("RU"), guarantee.Event{Name: "violation", Args: []actor.ID{"RU"}}},
	} {
		if d := cmp.Diff(tc.want, tc.got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.reason, d)
		}
	}
	// The builders leave what they start from alone.
	m := guarantee.RenewedBy("UNSC", guarantee.Months(6))
	_ = m.Starting("2025-01-01").Ending("2026-01-01")
	if m.From != "" || m.Ends != "" {
		t.Errorf("Starting and Ending changed the mandate they were called on: %+v", m)
	}
	// What they build reads back as the files write it.
	for _, e := range []guarantee.Event{guarantee.Renewal("UNSC").At("2009-06-15"), guarantee.AttackEvent("RU", "GE").At("2008-08-08"), guarantee.ViolationEvent("RU")} {
		back, err := guarantee.ParseDatedEvent(e.Dated())
		if err != nil || back.Date != e.Date || !back.Equal(e) {
			t.Errorf("ParseDatedEvent(%q) = %v, %v; want %v", e.Dated(), back, err, e)
		}
	}
}
