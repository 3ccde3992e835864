package guarantee_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   guarantee.Period
		text   string // String of the result
		bad    bool
		reason string
	}{
		{in: "6 months", want: guarantee.Period{Months: 6}, text: "6 months", reason: "the Security Council's usual term"},
		{in: "1 month", want: guarantee.Period{Months: 1}, text: "1 month", reason: "singular"},
		{in: "1 year", want: guarantee.Period{Months: 12}, text: "1 year", reason: "a year is twelve months"},
		{in: "24 months", want: guarantee.Period{Months: 24}, text: "2 years", reason: "whole years are said as years"},
		{in: "90 days", want: guarantee.Period{Days: 90}, text: "90 days", reason: "days"},
		{in: " 3 days ", want: guarantee.Period{Days: 3}, text: "3 days", reason: "space around is free"},
		{in: "0 months", bad: true, reason: "a period is positive"},
		{in: "-1 months", bad: true, reason: "a period is positive"},
		{in: "+1 months", bad: true, reason: "a sign is not a number as files write it"},
		{in: "6", bad: true, reason: "a unit is needed"},
		{in: "six months", bad: true, reason: "the number is written in digits"},
		{in: "6 fortnights", bad: true, reason: "unknown unit"},
		{in: "101 years", bad: true, reason: "at most a century"},
		{in: "36526 days", bad: true, reason: "at most a century"},
		{in: "99999999999999999999 days", bad: true, reason: "overflowing number"},
		{in: "", bad: true, reason: "empty"},
	} {
		got, err := guarantee.ParsePeriod(tc.in)
		if tc.bad {
			if !errors.Is(err, guarantee.ErrPeriod) {
				t.Errorf("ParsePeriod(%q) = %v, %v; want ErrPeriod: %s", tc.in, got, err, tc.reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v (%s)", tc.in, err, tc.reason)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParsePeriod(%q): %s (-want +got):\n%s", tc.in, tc.reason, diff)
		}
		if got.String() != tc.text {
			t.Errorf("ParsePeriod(%q).String() = %q; want %q", tc.in, got.String(), tc.text)
		}
		if back, err := guarantee.ParsePeriod(got.String()); err != nil || back != got {
			t.Errorf("ParsePeriod(%q) does not read back its String %q: %v, %v", tc.in, got.String(), back, err)
		}
	}
}

func TestPeriodAfter(t *testing.T) {
	for _, tc := range []struct {
		from   string
		p      guarantee.Period
		n      int
		want   string
		reason string
	}{
		{"2008-10-09", guarantee.Period{Months: 4}, 2, "2009-06-09", "UNOMIG's four-month terms"},
		{"2008-10-09", guarantee.Period{Days: 30}, 1, "2008-11-08", "days are days"},
		{"2009-01-31", guarantee.Period{Months: 1}, 1, "2009-02-28", "31 January plus a month is the last day of February, not 3 March"},
		{"2009-01-31", guarantee.Period{Months: 1}, 2, "2009-03-31", "counted from the anchor, the day comes back after February"},
		{"2009-01-31", guarantee.Period{Months: 1}, 3, "2009-04-30", "a thirty-day month"},
		{"2008-01-31", guarantee.Period{Months: 1}, 1, "2008-02-29", "a leap year's February"},
		{"2100-01-31", guarantee.Period{Months: 1}, 1, "2100-02-28", "a century that is not a leap year"},
		{"2000-01-30", guarantee.Period{Months: 1}, 1, "2000-02-29", "a century that is one"},
		{"2009-01-29", guarantee.Period{Months: 1}, 1, "2009-02-28", "the 29th in a common year"},
		{"2009-01-28", guarantee.Period{Months: 1}, 1, "2009-02-28", "the 28th needs no clamp"},
		{"2009-08-31", guarantee.Period{Months: 6}, 1, "2010-02-28", "six months across a year end"},
		{"2024-02-29", guarantee.Period{Months: 12}, 1, "2025-02-28", "a year after a leap day"},
		{"2024-02-29", guarantee.Period{Months: 12}, 4, "2028-02-29", "four years after a leap day, counted from it, not from 28 February"},
		{"2024-02-29", guarantee.Period{Months: 12}, 0, "2024-02-29", "no period at all"},
		{"2009-03-31", guarantee.Period{Months: 1}, -1, "2009-02-28", "backwards, clamped the same way"},
		{"2009-01-31", guarantee.Period{Months: 1, Days: 1}, 1, "2009-03-01", "months first, clamped, then the days"},
		{"2009-01-31", guarantee.Period{Months: 1, Days: 1}, 2, "2009-04-02", "both, n times each, from the anchor"},
	} {
		from := mustDate(t, tc.from)
		got := tc.p.After(from, tc.n).Format(time.DateOnly)
		if got != tc.want {
			t.Errorf("%+v × %d after %s = %s; want %s: %s", tc.p, tc.n, tc.from, got, tc.want, tc.reason)
		}
		if ref := refAfter(tc.from, tc.p, tc.n); ref != tc.want {
			t.Errorf("the reference gives %+v × %d after %s = %s; the case's want %s is wrong: %s", tc.p, tc.n, tc.from, ref, tc.want, tc.reason)
		}
	}
}

// TestPeriodAfterAgreesWithReference checks After against refAfter, which
// shares no code with it, for anchors on every day of the years around the
// leap rules and for periods of months and of days.
func TestPeriodAfterAgreesWithReference(t *testing.T) {
	periods := []guarantee.Period{{Months: 1}, {Months: 2}, {Months: 4}, {Months: 6}, {Months: 12}, {Months: 48}, {Months: 1200},
		{Days: 1}, {Days: 30}, {Days: 90}, {Days: 366}, {Months: 1, Days: 1}, {Months: 12, Days: 30}}
	clamped := 0
	for _, year := range []int{1899, 1900, 1999, 2000, 2008, 2009, 2023, 2024, 2099, 2100} {
		for yday := range 366 {
			from := time.Date(year, time.January, 1+yday, 0, 0, 0, 0, time.UTC)
			if from.Year() != year {
				break
			}
			s := from.Format(time.DateOnly)
			for _, p := range periods {
				for _, n := range []int{1, 2, 3, 11, 13} {
					got, want := p.After(from, n).Format(time.DateOnly), refAfter(s, p, n)
					if got != want {
						t.Fatalf("%+v × %d after %s = %s; the reference says %s", p, n, s, got, want)
					}
					if p.Days == 0 && got[8:] != s[8:] {
						clamped++
					}
				}
			}
		}
	}
	if clamped == 0 {
		t.Error("no case was clamped: the test misses what it is for")
	}
}

// refAfter is After written another way, with no help from package time:
// months counted as year*12+month, the day clamped by a table of the
// days in each month, then days stepped one at a time over the calendar.
func refAfter(from string, p guarantee.Period, n int) string {
	var y, m, d int
	if _, err := fmt.Sscanf(from, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		panic(err)
	}
	leap := func(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
	daysIn := func(y, m int) int {
		if m == 2 && leap(y) {
			return 29
		}
		return [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	}
	ym := y*12 + (m - 1) + n*p.Months
	y, m = ym/12, ym%12+1
	d = min(d, daysIn(y, m))
	for range n * p.Days {
		if d++; d > daysIn(y, m) {
			d, m = 1, m+1
			if m > 12 {
				m, y = 1, y+1
			}
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := guarantee.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMandateCheck(t *testing.T) {
	base := guarantee.Guarantee{ID: "unomig", Provider: "UN", Beneficiary: "GE", Kind: "diplomatic/observers"}
	for _, tc := range []struct {
		m      guarantee.Mandate
		fields []string // of the problems
		reason string
	}{
		{m: guarantee.Mandate{}, reason: "no mandate"},
		{m: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}}, reason: "renewed every six months"},
		{m: guarantee.Mandate{Body: "UNSC"}, reason: "renewed at the timeline's renewal events"},
		{m: guarantee.Mandate{Ends: "2026-12-31"}, reason: "a sunset alone"},
		{m: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}, From: "2008-10-09", Ends: "2009-06-15"}, reason: "every field"},
		{m: guarantee.Mandate{Every: guarantee.Period{Months: 6}}, fields: []string{"mandate"}, reason: "a period with nobody to renew"},
		{m: guarantee.Mandate{From: "2008-10-09", Ends: "2009-01-01"}, fields: []string{"mandate.from"}, reason: "a start with nobody to renew"},
		{m: guarantee.Mandate{Body: "UNSC", From: "2008-10-09"}, fields: []string{"mandate.from"}, reason: "a start without a period"},
		{m: guarantee.Mandate{Body: "UNSC", Ends: "2009-02-30"}, fields: []string{"mandate.ends"}, reason: "no such day"},
		{m: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 1}, From: "15 June"}, fields: []string{"mandate.from"}, reason: "not YYYY-MM-DD"},
		{m: guarantee.Mandate{Body: "UN SC"}, fields: []string{"mandate.body"}, reason: "malformed actor ID"},
		{m: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 1, Days: 1}}, fields: []string{"mandate.every"}, reason: "months and days together"},
		{m: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Days: -3}}, fields: []string{"mandate.every"}, reason: "negative"},
	} {
		g := base
		g.Mandate = tc.m
		var got []string
		for _, p := range g.Check() {
			got = append(got, p.Field)
		}
		if diff := cmp.Diff(tc.fields, got); diff != "" {
			t.Errorf("Check of mandate %+v: %s (-want +got):\n%s", tc.m, tc.reason, diff)
		}
	}
}

func TestMandateString(t *testing.T) {
	for _, tc := range []struct {
		m    guarantee.Mandate
		want string
	}{
		{guarantee.Mandate{}, ""},
		{guarantee.Mandate{Body: "UNSC"}, "renewed by UNSC"},
		{guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}, From: "2008-10-09"}, "renewed by UNSC every 6 months from 2008-10-09"},
		{guarantee.Mandate{Ends: "2026-12-31"}, "ends 2026-12-31"},
		{guarantee.Mandate{Body: "OSCE", Every: guarantee.Period{Months: 12}, Ends: "2030-01-01"}, "renewed by OSCE every 1 year, ends 2030-01-01"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("%+v.String() = %q; want %q", tc.m, got, tc.want)
		}
	}
}

func TestParseDatedEvent(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   guarantee.Event
		bad    bool
		reason string
	}{
		{in: "peace-deal", want: guarantee.Event{Name: "peace-deal"}, reason: "undated"},
		{in: "2009-06-15 renewal(UNSC)", want: guarantee.Event{Name: "renewal", Args: []actor.ID{"UNSC"}, Date: "2009-06-15"}, reason: "dated"},
		{in: " 2008-08-08  attack(RU, GE) ", want: guarantee.Event{Name: "attack", Args: []actor.ID{"RU", "GE"}, Date: "2008-08-08"}, reason: "space is free"},
		{in: "2009-02-30 renewal", bad: true, reason: "no such day"},
		{in: "2009-06-15", bad: true, reason: "a date alone, with no event"},
		{in: "2009-06-15 all(a, b)", bad: true, reason: "a condition is not an event"},
	} {
		got, err := guarantee.ParseDatedEvent(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseDatedEvent(%q) = %v; want an error: %s", tc.in, got, tc.reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDatedEvent(%q): %v (%s)", tc.in, err, tc.reason)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseDatedEvent(%q): %s (-want +got):\n%s", tc.in, tc.reason, diff)
		}
		if back, err := guarantee.ParseDatedEvent(got.Dated()); err != nil || !back.Equal(got) || back.Date != got.Date {
			t.Errorf("ParseDatedEvent(%q) does not read back its Dated %q: %v, %v", tc.in, got.Dated(), back, err)
		}
	}
}

func TestConditionRefusesDates(t *testing.T) {
	c := guarantee.Condition{Op: guarantee.OnEvent, Event: guarantee.Event{Name: "peace-deal", Date: "2025-08-21"}}
	if err := c.Check(); err == nil {
		t.Errorf("Check of a condition whose event carries a date = nil; want an error")
	}
	c.Event.Date = ""
	if err := c.Check(); err != nil {
		t.Errorf("Check of the same condition undated: %v", err)
	}
}
