package guarantee

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
)

// EventRenewal, as renewal or renewal(X), marks a renewal point in a
// timeline: every mandate falls to be renewed there, or, with an actor,
// every mandate that X renews. Undated timelines say where renewals fall
// this way; dated ones may too, beside the points their periods give.
const EventRenewal = "renewal"

// Period is how often a mandate must be renewed: a number of months (a
// year is twelve) or of days. Months are calendar months that keep the
// day of the month, clamped to the last day of a shorter month (see
// [Period.After]). The zero Period means "at the renewal events of the
// timeline only".
type Period struct {
	Months int
	Days   int
}

// A period is at most a century, in months or in days.
const (
	maxPeriodMonths = 1200
	maxPeriodDays   = 36525
)

// ErrPeriod is returned, wrapped, for a period that is not one positive
// number of days, months or years.
var ErrPeriod = errors.New("invalid period")

// ParsePeriod parses a period as scenario files write it: a whole number
// and a unit, "6 months", "1 year", "90 days" (singular or plural).
func ParsePeriod(s string) (Period, error) {
	num, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	unit = strings.TrimSpace(unit)
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 || num[0] == '+' {
		return Period{}, fmt.Errorf("%w %q: want a whole number and a unit, such as \"6 months\", \"1 year\" or \"90 days\"", ErrPeriod, s)
	}
	var p Period
	switch unit {
	case "day", "days":
		p.Days = n
	case "month", "months":
		p.Months = n
	case "year", "years":
		if n > maxPeriodMonths/12 {
			return Period{}, fmt.Errorf("%w %q: at most %d years", ErrPeriod, s, maxPeriodMonths/12)
		}
		p.Months = 12 * n
	default:
		return Period{}, fmt.Errorf("%w %q: unknown unit %q; want days, months or years", ErrPeriod, s, unit)
	}
	if err := p.check(); err != nil {
		return Period{}, fmt.Errorf("%w (%q)", err, s)
	}
	return p, nil
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// String returns the period as [ParsePeriod] reads it: "6 months", "1
// year", "90 days"; "" for the zero Period.
func (p Period) String() string {
	switch {
	case p.IsZero():
		return ""
	case p.Days != 0 && p.Months == 0:
		return plural(p.Days, "day")
	case p.Months != 0 && p.Days == 0 && p.Months%12 == 0:
		return plural(p.Months/12, "year")
	case p.Days == 0:
		return plural(p.Months, "month")
	}
	return plural(p.Months, "month") + " " + plural(p.Days, "day") // not a valid period; said as it is
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func (p Period) check() error {
	switch {
	case p.IsZero():
		return nil
	case p.Months < 0 || p.Days < 0 || p.Months > 0 && p.Days > 0:
		return fmt.Errorf("%w: want a number of days, or of months, not both and not negative", ErrPeriod)
	case p.Months > maxPeriodMonths || p.Days > maxPeriodDays:
		return fmt.Errorf("%w: at most a century", ErrPeriod)
	}
	return nil
}

// After returns the date n periods after from, counted from from itself
// rather than from the date n-1 periods after it, with from's time of day
// and location.
//
// Months fall on from's day of the month, or on the last day of a month
// too short for it: one month after 31 January is 28 or 29 February, two
// months 31 March; one year after 29 February 2024 is 28 February 2025,
// four years 29 February 2028. Unlike [time.Time.AddDate], After never
// rolls over into the month after.
//
// A Period with both months and days, which [ParsePeriod] never gives and
// a mandate does not accept, counts the months first, clamped, then adds
// the days: 1 month and 1 day after 31 January 2009 is 1 March 2009.
func (p Period) After(from time.Time, n int) time.Time {
	t := from
	if p.Months != 0 {
		y, m, d := from.Date()
		months := int(m) - 1 + n*p.Months // since January of year y
		y += months / 12
		if months %= 12; months < 0 {
			y, months = y-1, months+12
		}
		m = time.Month(months + 1)
		// The day before the first of the next month is the last of m.
		d = min(d, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
		hh, mm, ss := from.Clock()
		t = time.Date(y, m, d, hh, mm, ss, from.Nanosecond(), from.Location())
	}
	if p.Days != 0 {
		t = t.AddDate(0, 0, n*p.Days)
	}
	return t
}

// ErrDate is returned, wrapped, for a date that is not a calendar date
// written YYYY-MM-DD.
var ErrDate = errors.New("invalid date")

// ParseDate parses a date written YYYY-MM-DD, as scenario files write
// dates, at midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("%w %q: want a calendar date written YYYY-MM-DD", ErrDate, s)
	}
	return t, nil
}

// Mandate says how long a guarantee lasts: it lasts while Body renews it,
// by Body's decision rule, at every renewal point (every Every, counted
// from From, and at the renewal events of the timeline), and ends on Ends
// with no renewal when Ends is set (a sunset). The zero Mandate is no
// mandate: the guarantee lasts as long as the deal.
//
// UN peacekeeping mandates are renewed by the Security Council, and end
// when a permanent member vetoes their renewal: UNOMIG in Georgia on 15
// June 2009, UNPREDEP in North Macedonia on 25 February 1999.
type Mandate struct {
	// Body renews the guarantee: a body by its rule, or a state by its own
	// decision. Empty for a sunset alone.
	Body actor.ID
	// Every is how often Body must renew it. Zero: only at the renewal
	// events of the timeline.
	Every Period
	// From is the date, YYYY-MM-DD, from which Every counts; empty means
	// the date of the timeline's first dated event.
	From string
	// Ends is the date, YYYY-MM-DD, when the guarantee ends with no
	// renewal; empty for none.
	Ends string
	// PartiesAside says that the renewal sets the parties to the dispute
	// aside (the attackers the trigger names, and the beneficiary): they
	// hold no veto over it, and Body's threshold counts only the other
	// members, whatever Body's own rule says.
	PartiesAside bool
}

// IsZero reports whether m is the zero Mandate: no mandate at all.
func (m Mandate) IsZero() bool { return m == Mandate{} }

// String says the mandate in words: "renewed by UNSC every 6 months from
// 2008-10-09", "ends 2026-12-31", or both; "" for the zero Mandate.
func (m Mandate) String() string {
	var parts []string
	if m.Body != "" {
		s := "renewed by " + string(m.Body)
		if !m.Every.IsZero() {
			s += " every " + m.Every.String()
		}
		if m.From != "" {
			s += " from " + m.From
		}
		if m.PartiesAside {
			s += ", parties aside"
		}
		parts = append(parts, s)
	}
	if m.Ends != "" {
		parts = append(parts, "ends "+m.Ends)
	}
	return strings.Join(parts, ", ")
}

// check appends the problems of m taken on its own, with fields under
// "mandate.". Whether Body exists is for the scenario to say.
func (m Mandate) check(ps []Problem) []Problem {
	if m.IsZero() {
		return ps
	}
	ps = checkActor(ps, "mandate.body", m.Body, false)
	if err := m.Every.check(); err != nil {
		ps = append(ps, Problem{"mandate.every", err})
	}
	for _, f := range [...]struct{ field, date string }{{"mandate.from", m.From}, {"mandate.ends", m.Ends}} {
		if f.date == "" {
			continue
		}
		if _, err := ParseDate(f.date); err != nil {
			ps = append(ps, Problem{f.field, err})
		}
	}
	switch {
	case m.Body == "" && m.Ends == "":
		ps = append(ps, Problem{"mandate", errors.New("a mandate needs a body that renews it, an end date, or both")})
	case m.Body == "" && !m.Every.IsZero():
		ps = append(ps, Problem{"mandate.every", errors.New("a period needs a body to renew the mandate")})
	case m.Body == "" && m.From != "":
		ps = append(ps, Problem{"mandate.from", errors.New("a start needs a body to renew the mandate")})
	case m.From != "" && m.Every.IsZero():
		ps = append(ps, Problem{"mandate.from", errors.New("a start counts periods; give every too")})
	case m.Body == "" && m.PartiesAside:
		ps = append(ps, Problem{"mandate.parties-aside", errors.New("only a renewal by a body can set the parties aside")})
	}
	return ps
}

// ParseDatedEvent parses an event of a timeline, optionally preceded by
// the date it happened and a space: "peace-deal", "2009-06-15
// renewal(UNSC)". It is how lists of events are written in one line (the
// timeline of a set edit, a diff).
func ParseDatedEvent(s string) (Event, error) {
	s = strings.TrimSpace(s)
	date, rest, ok := strings.Cut(s, " ")
	if len(date) == len(time.DateOnly) && date[4] == '-' && date[7] == '-' && !ok {
		return Event{}, &SyntaxError{Input: s, Column: len(s) + 1, Msg: "a date needs the event after it, such as " + s + " renewal"}
	}
	if !ok || len(date) != len(time.DateOnly) || date[4] != '-' {
		return ParseEvent(s)
	}
	if _, err := ParseDate(date); err != nil {
		return Event{}, err
	}
	e, err := ParseEvent(strings.TrimSpace(rest))
	if err != nil {
		return Event{}, err
	}
	e.Date = date
	return e, nil
}

// Dated returns the event as [ParseDatedEvent] reads it: its date, a
// space and the event, or the event alone when it is undated.
func (e Event) Dated() string {
	if e.Date == "" {
		return e.String()
	}
	return e.Date + " " + e.String()
}
