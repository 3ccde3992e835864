package guarantee

import "github.com/entente-go/entente/actor"

// Builders of mandates and dated events, for scenarios written in Go:
//
//	g.Mandate = guarantee.RenewedBy("UNSC", guarantee.Months(6)).Starting("2008-10-15")
//	timeline := []guarantee.Event{
//		guarantee.AttackEvent("RU", "GE").At("2008-08-08"),
//		guarantee.Renewal("UNSC").At("2009-06-15"),
//	}
//
// They check nothing; [Guarantee.Check] and the scenario's validation do.

// Days returns a period of n days.
func Days(n int) Period { return Period{Days: n} }

// Months returns a period of n months.
func Months(n int) Period { return Period{Months: n} }

// Years returns a period of n years, counted as 12n months.
func Years(n int) Period { return Period{Months: 12 * n} }

// RenewedBy returns the mandate that body renews every period; a zero
// period means only at the renewal events of the timeline.
func RenewedBy(body actor.ID, every Period) Mandate { return Mandate{Body: body, Every: every} }

// Starting returns m with its periods counted from date, YYYY-MM-DD.
func (m Mandate) Starting(date string) Mandate {
	m.From = date
	return m
}

// Ending returns m ending on date, YYYY-MM-DD, with no renewal: a sunset.
// Mandate{}.Ending(date) is a sunset alone.
func (m Mandate) Ending(date string) Mandate {
	m.Ends = date
	return m
}

// Renewal returns the event of a timeline at which every mandate falls to
// be renewed ("renewal"), or, with a body, every mandate that body renews
// ("renewal(UNSC)").
func Renewal(body actor.ID) Event {
	if body == "" {
		return Event{Name: EventRenewal}
	}
	return Event{Name: EventRenewal, Args: []actor.ID{body}}
}

// AttackEvent returns the event of a timeline "attack(by, on)": by
// attacked on. It is the event that makes the condition [Attack](by, on)
// hold, and [AttackOn](on) too. Unlike a condition, an event that happened
// names who did it, so by should not be [Anyone].
func AttackEvent(by, on actor.ID) Event {
	return Event{Name: EventAttack, Args: []actor.ID{by, on}}
}

// ViolationEvent returns the event of a timeline "violation(by)": by
// violated the deal. It makes the conditions violation(by) and
// [ViolationByAnyone] hold.
func ViolationEvent(by actor.ID) Event {
	return Event{Name: EventViolation, Args: []actor.ID{by}}
}

// At returns e dated date, YYYY-MM-DD, as an event of a timeline.
func (e Event) At(date string) Event {
	e.Date = date
	return e
}
