package scenario_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
)

// The tests in this file hold docs/MODEL.md's section "Time": calls judged
// one by one, mandates renewed or lapsing, and the findings over time.

// mandate sets a guarantee's mandate.
func mandate(body actor.ID, every, from, ends string) gopt {
	return func(gg *guarantee.Guarantee) {
		gg.Mandate = guarantee.Mandate{Body: body, From: from, Ends: ends}
		if every != "" {
			gg.Mandate.Every = must(guarantee.ParsePeriod(every))
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// calls says a walk in one line per step: the lapses, then each call as
// "g#n status [attackers]", then what is no longer due.
func calls(sim walk.Simulation) []string {
	var out []string
	for _, st := range sim.Steps {
		var parts []string
		for _, l := range st.Lapses {
			who := "sunset"
			if !l.Sunset {
				var bs []string
				for _, b := range l.Blocks {
					bs = append(bs, string(b.Actor)+":"+b.Reason.String())
				}
				who = string(l.Body) + " " + strings.Join(bs, ",")
			}
			parts = append(parts, fmt.Sprintf("lapsed %s %s (%s)", l.Guarantee, l.Date, who))
		}
		for _, o := range st.Due {
			parts = append(parts, fmt.Sprintf("%s#%d %s %v", o.Guarantee, o.Number, o.Status, o.Attackers))
		}
		for _, g := range st.NoLongerDue {
			parts = append(parts, "ends "+string(g))
		}
		out = append(out, st.Event.Dated()+": "+strings.Join(parts, "; "))
	}
	return out
}

type timeCase struct {
	name   string
	reason string
	s      scenario.Scenario
	want   []string // calls(Simulate(s))
}

func runTimeCases(t *testing.T, cases []timeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim := simulate(t, tc.s)
			if diff := cmp.Diff(tc.want, calls(sim)); diff != "" {
				t.Errorf("%s\nSimulate(...) calls (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

// cyprus is the Treaty of Guarantee of 1960 as the issue that asked for
// calls put it: the UK, Greece and Turkey each guarantee Cyprus alone.
func cyprus(events ...string) scenario.Scenario {
	trigger := "any(attack(GR, CY), attack(TR, CY))"
	return build(actors(actor.Actor{ID: "GR"}, actor.Actor{ID: "CY"}),
		guarantees(
			g("uk-guarantee", "UK", "CY", guarantee.Military, trigger),
			g("gr-guarantee", "GR", "CY", guarantee.Military, trigger),
			g("tr-guarantee", "TR", "CY", guarantee.Military, trigger),
		), timeline(events...))
}

func TestSimulateCalls(t *testing.T) {
	runTimeCases(t, []timeCase{
		{
			name:   "CyprusSecondAttacker",
			reason: "Greece's attack voids Greece's own guarantee, not Turkey's; Turkey's attack is a new call on every guarantee still due: void for Turkey's own, and Greece's blocked, Greece having attacked Cyprus (Cyprus 1974).",
			s:      cyprus("attack(GR, CY)", "attack(TR, CY)"),
			want: []string{
				"attack(GR, CY): uk-guarantee#1 activates [GR]; gr-guarantee#1 void [GR]; tr-guarantee#1 activates [GR]",
				"attack(TR, CY): uk-guarantee#2 activates [TR]; gr-guarantee#2 blocked [TR]; tr-guarantee#2 void [TR]",
			},
		},
		{
			name:   "RepeatAttack",
			reason: "A repeat of the same attack is a new call.",
			s:      cyprus("attack(GR, CY)", "peace-deal", "attack(GR, CY)"),
			want: []string{
				"attack(GR, CY): uk-guarantee#1 activates [GR]; gr-guarantee#1 void [GR]; tr-guarantee#1 activates [GR]",
				"peace-deal: ",
				"attack(GR, CY): uk-guarantee#2 activates [GR]; gr-guarantee#2 void [GR]; tr-guarantee#2 activates [GR]",
			},
		},
		{
			name:   "NoAttack",
			reason: "A trigger that holds with no attack makes a call with no attackers: RU's veto over OSCE monitoring does not void it at a ceasefire.",
			s: build(actors(withVetoes(body("OSCE", actor.Organization, actor.Unanimity, "US", "RU", "UA"))),
				guarantees(g("monitoring", "OSCE", "UA", guarantee.Surveillance, "any(violation(RU), ceasefire)")),
				timeline("ceasefire", "violation(RU)")),
			want: []string{
				"ceasefire: monitoring#1 activates []",
				"violation(RU): monitoring#2 void [RU]",
			},
		},
		{
			name:   "FirstCallNamesEveryAttackerSoFar",
			reason: "all(peace-deal, attack(BY, UA)) first holds at the peace deal, after BY's attack: the first call's attackers are those the trigger names so far.",
			s: build(guarantees(g("air", "US", "UA", guarantee.AirSupport, "all(peace-deal, any(attack(BY, UA), attack(RU, UA)))")),
				vetoes(grant("BY", sel{})),
				timeline("attack(BY, UA)", "peace-deal", "attack(RU, UA)")),
			want: []string{
				"attack(BY, UA): ",
				"peace-deal: air#1 void [BY]",
				"attack(RU, UA): air#2 blocked [RU]",
			},
		},
		{
			name:   "UnnamedAttackDoesNotCall",
			reason: "An attack the trigger does not name is no call, though it may block by making its author an attacker of the beneficiary.",
			s: build(guarantees(g("aid", "US", "UA", guarantee.Aid, "peace-deal")),
				timeline("peace-deal", "attack(RU, UA)")),
			want: []string{"peace-deal: aid#1 activates []", "attack(RU, UA): "},
		},
	})
}

func TestSimulateMandates(t *testing.T) {
	council := unsc()
	nato := alliance("NATO", actor.Unanimity, "US", "UK", "TR")
	willing := coalition("willing", "UK", "FR", "RU")
	monitors := func(opts ...gopt) guarantee.Guarantee {
		return g("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", opts...)
	}
	runTimeCases(t, []timeCase{
		{
			name:   "RenewalBlockedByAttacker",
			reason: "UNOMIG 2009: after RU's attack, RU's veto in the Security Council blocks the renewal at the next point the six-month period gives; the mission lapses there.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "6 months", "", ""))),
				timeline("2008-01-01 peace-deal", "2008-08-08 attack(RU, GE)", "2009-06-15 ceasefire")),
			want: []string{
				"2008-01-01 peace-deal: mission#1 activates []",
				"2008-08-08 attack(RU, GE): mission#2 activates [RU]",
				"2009-06-15 ceasefire: lapsed mission 2009-01-01 (UNSC RU:captured)",
			},
		},
		{
			name:   "RenewedBeforeTheAttack",
			reason: "Renewal points before the attack pass: nobody has a reason to block them.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "1 month", "", ""))),
				timeline("2008-01-01 peace-deal", "2008-06-15 ceasefire", "2008-08-08 attack(RU, GE)", "2008-08-20 ceasefire")),
			want: []string{
				"2008-01-01 peace-deal: mission#1 activates []",
				"2008-06-15 ceasefire: ",
				"2008-08-08 attack(RU, GE): mission#2 activates [RU]",
				"2008-08-20 ceasefire: ",
			},
		},
		{
			name:   "RenewalBlockedByPosition",
			reason: "UNPREDEP 1999: CN holds a veto in the council and rejects the mission for reasons of its own: the mission, which the UK provides, activates, but lapses at the first renewal.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "", "", ""))),
				positions(named("cn-rejects", pos("CN", scenario.Rejects, sel{IDs: gids("mission")}))),
				timeline("peace-deal", "renewal", "attack(RU, GE)")),
			want: []string{
				"peace-deal: mission#1 activates []",
				"renewal: lapsed mission  (UNSC CN:position)",
				"attack(RU, GE): ",
			},
		},
		{
			name:   "RenewalByUnanimity",
			reason: "Under unanimity every member holds a veto: TR, rejecting the mission, blocks its renewal at renewal(NATO); renewal(UNSC) is not NATO's.",
			s: build(actors(nato, council), guarantees(monitors(mandate("NATO", "", "", ""))),
				positions(pos("TR", scenario.Refuses, sel{IDs: gids("mission")})),
				timeline("peace-deal", "renewal(UNSC)", "renewal(NATO)")),
			want: []string{
				"peace-deal: mission#1 activates []",
				"renewal(UNSC): ",
				"renewal(NATO): lapsed mission  (NATO TR:position)",
			},
		},
		{
			name:   "RenewalByMajorityNoVeto",
			reason: "Under majority with vetoes, an elected member (DZ) that refuses the mission cannot block its renewal.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "", "", ""))),
				positions(pos("DZ", scenario.Refuses, sel{IDs: gids("mission")})),
				timeline("peace-deal", "renewal")),
			want: []string{"peace-deal: mission#1 activates []", "renewal: "},
		},
		{
			name:   "RenewalByCoalition",
			reason: "A coalition's members act separately: RU, a member that attacked, holds no veto over its renewal.",
			s: build(actors(willing), guarantees(monitors(mandate("willing", "", "", ""))),
				timeline("attack(RU, GE)", "renewal")),
			want: []string{"attack(RU, GE): mission#1 activates [RU]", "renewal: "},
		},
		{
			name:   "Sunset",
			reason: "A mandate with an end date lapses once the walk passes it, whatever happens; the end date itself is still covered.",
			s: build(guarantees(monitors(mandate("", "", "", "2009-06-15"))),
				timeline("2009-01-01 peace-deal", "2009-06-15 ceasefire", "2009-06-16 attack(RU, GE)")),
			want: []string{
				"2009-01-01 peace-deal: mission#1 activates []",
				"2009-06-15 ceasefire: ",
				"2009-06-16 attack(RU, GE): lapsed mission 2009-06-15 (sunset)",
			},
		},
		{
			name:   "LapsedDependency",
			reason: "What requires a lapsed guarantee is blocked at its next call.",
			s: build(actors(council), guarantees(
				monitors(mandate("UNSC", "", "", "")),
				g("force", "FR", "GE", guarantee.GroundTroops, "attack(RU, GE)", requires("mission")),
			), timeline("peace-deal", "attack(RU, GE)", "renewal", "attack(RU, GE)")),
			want: []string{
				"peace-deal: mission#1 activates []",
				"attack(RU, GE): mission#2 activates [RU]; force#1 activates [RU]",
				"renewal: lapsed mission  (UNSC RU:captured)",
				"attack(RU, GE): force#2 blocked [RU]",
			},
		},
		{
			name:   "UndatedPeriodNeedsRenewalEvents",
			reason: "In an undated timeline a period gives no points: only renewal events do.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "6 months", "", ""))),
				timeline("attack(RU, GE)", "ceasefire")),
			want: []string{"attack(RU, GE): mission#1 activates [RU]", "ceasefire: "},
		},
		{
			name:   "FromAnchorsThePeriods",
			reason: "With a start, the points are from + k·period: 2008-10-09 + 4 months is 2009-02-09, the first after the attack.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "4 months", "2008-10-09", ""))),
				timeline("2008-12-01 attack(RU, GE)", "2009-02-08 ceasefire", "2009-02-09 ceasefire")),
			want: []string{
				"2008-12-01 attack(RU, GE): mission#1 activates [RU]",
				"2009-02-08 ceasefire: ",
				"2009-02-09 ceasefire: lapsed mission 2009-02-09 (UNSC RU:captured)",
			},
		},
	})
}

// TestSimulateMonthEnds holds docs/MODEL.md's renewal points of a mandate
// anchored late in a month: the same day of the month as the anchor,
// counted from the anchor each time, clamped to the last day of a shorter
// month. A monthly mandate from 31 January renews on 28 or 29 February,
// then on 31 March, not on 3 March (as 31 January plus a month rolls over
// to in time.Time.AddDate) and again on 31 March. A renewal point shows
// as the date of the lapse it makes after RU attacks.
func TestSimulateMonthEnds(t *testing.T) {
	council := unsc()
	monitors := func(opts ...gopt) guarantee.Guarantee {
		return g("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", opts...)
	}
	monthly := monitors(mandate("UNSC", "1 month", "", ""))
	runTimeCases(t, []timeCase{
		{
			name:   "FebruaryOfACommonYear",
			reason: "Anchored on the first dated event, 31 January 2009: the first point is 28 February, where RU's attack of 10 February blocks it.",
			s: build(actors(council), guarantees(monthly),
				timeline("2009-01-31 peace-deal", "2009-02-10 attack(RU, GE)", "2009-03-05 ceasefire")),
			want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-02-10 attack(RU, GE): mission#2 activates [RU]",
				"2009-03-05 ceasefire: lapsed mission 2009-02-28 (UNSC RU:captured)",
			},
		},
		{
			name:   "FebruaryOfALeapYear",
			reason: "From 31 January 2008, a leap year: the first point is 29 February.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "1 month", "2008-01-31", ""))),
				timeline("2008-02-01 peace-deal", "2008-02-10 attack(RU, GE)", "2008-03-05 ceasefire")),
			want: []string{
				"2008-02-01 peace-deal: mission#1 activates []",
				"2008-02-10 attack(RU, GE): mission#2 activates [RU]",
				"2008-03-05 ceasefire: lapsed mission 2008-02-29 (UNSC RU:captured)",
			},
		},
		{
			name: "BackToThe31stInMarch",
			reason: "After 28 February the next point is 31 March, counted from the anchor, not 28 March from the point before, nor 3 March: " +
				"an attack on 1 March is judged on 31 March, and nothing lapses on 20 March.",
			s: build(actors(council), guarantees(monthly),
				timeline("2009-01-31 peace-deal", "2009-03-01 attack(RU, GE)", "2009-03-20 ceasefire", "2009-04-05 ceasefire")),
			want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-03-01 attack(RU, GE): mission#2 activates [RU]",
				"2009-03-20 ceasefire: ",
				"2009-04-05 ceasefire: lapsed mission 2009-03-31 (UNSC RU:captured)",
			},
		},
		{
			name:   "ThirtyDayMonth",
			reason: "From 31 January, the point in April is the 30th.",
			s: build(actors(council), guarantees(monthly),
				timeline("2009-01-31 peace-deal", "2009-04-01 attack(RU, GE)", "2009-05-01 ceasefire")),
			want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-04-01 attack(RU, GE): mission#2 activates [RU]",
				"2009-05-01 ceasefire: lapsed mission 2009-04-30 (UNSC RU:captured)",
			},
		},
		{
			name:   "ManyPointsLater",
			reason: "Thirteen months on, the walk finds the point after the attack without stepping through the others: 28 February 2010.",
			s: build(actors(council), guarantees(monthly),
				timeline("2009-01-31 peace-deal", "2010-02-01 attack(RU, GE)", "2010-03-05 ceasefire")),
			want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2010-02-01 attack(RU, GE): mission#2 activates [RU]",
				"2010-03-05 ceasefire: lapsed mission 2010-02-28 (UNSC RU:captured)",
			},
		},
		{
			name:   "YearlyFromALeapDay",
			reason: "A yearly mandate from 29 February 2024 renews on 28 February in common years and on 29 February 2028, counted from the anchor.",
			s: build(actors(council), guarantees(monitors(mandate("UNSC", "1 year", "2024-02-29", ""))),
				timeline("2024-03-01 peace-deal", "2028-02-28 attack(RU, GE)", "2028-03-01 ceasefire")),
			want: []string{
				"2024-03-01 peace-deal: mission#1 activates []",
				"2028-02-28 attack(RU, GE): mission#2 activates [RU]",
				"2028-03-01 ceasefire: lapsed mission 2028-02-29 (UNSC RU:captured)",
			},
		},
	})
}

func TestSimulateLifetimes(t *testing.T) {
	s := build(actors(unsc()), guarantees(
		g("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", mandate("UNSC", "6 months", "", "")),
		g("aid", "US", "GE", guarantee.Aid, "attack(RU, GE)"),
		g("never", "US", "GE", guarantee.Aid, "attack(BY, GE)"),
	), timeline("2008-01-01 peace-deal", "2008-08-08 attack(RU, GE)", "2009-06-15 ceasefire"))
	days := func(n int) *int { return &n }
	want := []walk.Lifetime{
		{Guarantee: "mission", Calls: 2, FirstCall: 1, Lapsed: 3, From: "2008-01-01", To: "2009-01-01", Events: 2, Activated: 2, Days: days(366)},
		{Guarantee: "aid", Calls: 1, FirstCall: 2, From: "2008-08-08", To: "2009-06-15", Events: 2, Activated: 1, Days: days(311)},
	}
	if diff := cmp.Diff(want, simulate(t, s).Lifetimes); diff != "" {
		t.Errorf("Lifetimes: the mission lasted from its first call to its lapse, aid to the end, and a guarantee never called is left out (-want +got):\n%s", diff)
	}
}

func TestTimelineDates(t *testing.T) {
	for _, tc := range []struct {
		events []string
		path   string // of the error, or "" for none
		reason string
	}{
		{[]string{"2008-08-08 attack(RU, GE)", "2009-06-15 renewal"}, "", "dates forward"},
		{[]string{"2008-08-08 attack(RU, GE)", "ceasefire", "2008-08-08 renewal"}, "", "an undated event between, and a repeat of a day"},
		{[]string{"2009-06-15 renewal", "ceasefire", "2008-08-08 attack(RU, GE)"}, "timeline[2].date", "backwards, past an undated event"},
	} {
		s := build(timeline(tc.events...))
		err := scenario.Validate(s)
		var got string
		if ves, ok := errors.AsType[scenario.Errors](err); ok && len(ves) > 0 {
			got = ves[0].Path
			if !errors.Is(err, scenario.ErrTimelineOrder) {
				t.Errorf("Validate(%q): %v; want ErrTimelineOrder", tc.events, err)
			}
		}
		if got != tc.path {
			t.Errorf("Validate(%q) fails at %q; want %q (%s): %v", tc.events, got, tc.path, tc.reason, err)
		}
	}
	s := build(timeline("peace-deal"))
	s.Timeline[0].Date = "2009-02-30"
	if err := scenario.Validate(s); !errors.Is(err, guarantee.ErrDate) {
		t.Errorf("Validate of a timeline dated 2009-02-30: %v; want ErrDate", err)
	}
}

func TestCapturedRenewal(t *testing.T) {
	council := unsc()
	runFindingCases(t, scenario.CapturedRenewal, []findingCase{
		{
			name:   "AttackerVetoesRenewal",
			reason: "RU, an attacker of the mission's trigger, holds a veto in the council that renews it.",
			s: build(actors(council), guarantees(
				g("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", mandate("UNSC", "6 months", "", "")))),
			want: []scenario.Finding{finding(scenario.CapturedRenewal, scenario.Error, ids("RU"), gids("mission"), nil)},
		},
		{
			name:   "AttackerWithoutVeto",
			reason: "GE attacks in the trigger but holds no veto in the council: nothing fires.",
			s: build(actors(council), guarantees(
				g("mission", "UK", "UA", guarantee.Surveillance, "attack(GE, UA)", mandate("UNSC", "6 months", "", "")))),
		},
		{
			name:   "NoMandate",
			reason: "The same guarantee with no mandate lasts as long as the deal.",
			s: build(actors(council), guarantees(
				g("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)"))),
		},
	})
}

func TestBlockedRenewal(t *testing.T) {
	council := unsc()
	mission := g("mission", "UK", "MK", guarantee.Surveillance, "peace-deal", mandate("UNSC", "", "", ""))
	runFindingCases(t, scenario.BlockedRenewal, []findingCase{
		{
			name:   "VetoHolderRejects",
			reason: "CN holds a veto in the council and rejects the mission (UNPREDEP, 1999).",
			s: build(actors(council, actor.Actor{ID: "MK"}), guarantees(mission),
				positions(named("cn", pos("CN", scenario.Rejects, sel{IDs: gids("mission")})))),
			want: []scenario.Finding{finding(scenario.BlockedRenewal, scenario.Error, ids("CN"), gids("mission"), refs("cn"))},
		},
		{
			name:   "MemberWithoutVetoRefuses",
			reason: "DZ, an elected member, refuses the mission but holds no veto in a majority council.",
			s: build(actors(council, actor.Actor{ID: "MK"}), guarantees(mission),
				positions(pos("DZ", scenario.Refuses, sel{IDs: gids("mission")}))),
		},
		{
			name:   "OtherGuarantee",
			reason: "CN rejects another guarantee, not the mission.",
			s: build(actors(council, actor.Actor{ID: "MK"}), guarantees(mission, g("aid", "US", "MK", guarantee.Aid, "")),
				positions(pos("CN", scenario.Rejects, sel{IDs: gids("aid")}))),
		},
	})
}

func TestSunsetFinding(t *testing.T) {
	runFindingCases(t, scenario.Sunset, []findingCase{
		{
			name:   "EndsOnADate",
			reason: "The mandate ends on a date: an info finding gives it.",
			s:      build(guarantees(g("aid", "US", "UA", guarantee.Aid, "", mandate("", "", "", "2026-12-31")))),
			want:   []scenario.Finding{finding(scenario.Sunset, scenario.Info, nil, gids("aid"), nil)},
		},
		{
			name:   "RenewedWithNoEnd",
			reason: "A mandate renewed with no end date has no sunset.",
			s:      build(actors(unsc()), guarantees(g("aid", "US", "UA", guarantee.Aid, "", mandate("UNSC", "1 year", "", "")))),
		},
	})
	r := evaluate(t, build(guarantees(g("aid", "US", "UA", guarantee.Aid, "", mandate("", "", "", "2026-12-31")))))
	if f := only(r, scenario.Sunset); len(f) != 1 || !strings.Contains(f[0].Message, "2026-12-31") {
		t.Errorf("the sunset finding should give the date: %+v", f)
	}
}

// TestSearchRenewal checks that the renewal errors rule offers out of a
// deal as every error does: a guarantee whose renewal the aggressor can
// veto is not part of a feasible deal.
func TestSearchRenewal(t *testing.T) {
	s := build(actors(unsc()), guarantees(
		g("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", mandate("UNSC", "6 months", "", "")),
		g("aid", "US", "GE", guarantee.Aid, ""),
		g("watch", "FR", "GE", guarantee.Surveillance, "", mandate("UNSC", "", "", "")),
	), positions(named("cn-no-watch", pos("CN", scenario.Refuses, sel{IDs: gids("watch")}))))
	res, err := deals.Search(t.Context(), s, deals.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]guarantee.ID{"mission", "watch"}, res.Dead); diff != "" {
		t.Errorf("Search: the captured and the blocked renewal are dead offers (-want +got):\n%s", diff)
	}
	if len(res.Maximal) != 1 || !slices.Equal(res.Maximal[0].Guarantees, []guarantee.ID{"aid"}) {
		t.Errorf("Search: the one maximal package is aid alone; got %+v", res.Maximal)
	}
}

// TestSweepRenewal checks that a sweep takes the renewal findings in as it
// takes every other: the mission's captured renewal counts in every sample
// that keeps the mission, and in none that drops it.
func TestSweepRenewal(t *testing.T) {
	s := build(actors(unsc()), guarantees(
		g("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", mandate("UNSC", "6 months", "", ""), func(gg *guarantee.Guarantee) { gg.Likelihood = new(0.5) }),
		g("aid", "US", "GE", guarantee.Aid, ""),
	))
	res, err := sweep.Run(t.Context(), s, sweep.Options{Samples: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var captured sweep.CodeEstimate
	for _, c := range res.Codes {
		if c.Code == scenario.CapturedRenewal {
			captured = c
		}
	}
	if captured.Count == 0 || captured.Count == captured.Trials {
		t.Fatalf("captured-renewal in %d of %d samples; want it in those that keep the mission, about half", captured.Count, captured.Trials)
	}
	if captured.Count != res.Samples-res.Compatible.Count {
		t.Errorf("captured-renewal in %d samples; want exactly the incompatible ones, %v of %d compatible", captured.Count, res.Compatible, res.Samples)
	}
}

// TestRenewalPartiesAside checks a renewal that sets the parties aside
// (docs/MODEL.md, "Parties set aside"): RU, the attacker the mission answers,
// holds no veto over its renewal, so the renewal is not captured, a
// parties-set-aside note says why, and the walk renews the mission.
func TestRenewalPartiesAside(t *testing.T) {
	aside := func(gg *guarantee.Guarantee) { gg.Mandate.PartiesAside = true }
	mission := func(opts ...gopt) scenario.Scenario {
		return build(actors(unsc()), guarantees(
			g("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", append([]gopt{mandate("UNSC", "", "", "")}, opts...)...)),
			timeline("peace-deal", "attack(RU, GE)", "renewal"))
	}
	plain, set := evaluate(t, mission()), evaluate(t, mission(aside))
	if len(only(plain, scenario.CapturedRenewal)) != 1 || len(only(plain, scenario.PartiesSetAside)) != 0 {
		t.Errorf("without the rule: want one captured-renewal and no parties-set-aside; got\n%s", listFindings(plain.Findings))
	}
	if len(only(set, scenario.CapturedRenewal)) != 0 {
		t.Errorf("with the parties aside the renewal is not captured; got\n%s", listFindings(set.Findings))
	}
	notes := only(set, scenario.PartiesSetAside)
	if len(notes) != 1 || !slices.Equal(notes[0].Actors, []actor.ID{"RU"}) || !strings.Contains(notes[0].Message, "renewal") {
		t.Errorf("with the parties aside, one parties-set-aside note naming RU and the renewal; got %+v", notes)
	}
	want := []string{"peace-deal: mission#1 activates []", "attack(RU, GE): mission#2 activates [RU]", "renewal: "}
	if diff := cmp.Diff(want, calls(simulate(t, mission(aside)))); diff != "" {
		t.Errorf("with the parties aside the walk renews the mission (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("renewal: lapsed mission  (UNSC RU:captured)", calls(simulate(t, mission()))[2]); diff != "" {
		t.Errorf("without the rule RU blocks the renewal (-want +got):\n%s", diff)
	}
	state := build(guarantees(g("aid", "US", "UA", guarantee.Aid, "", mandate("US", "", "", ""), aside)))
	if err := scenario.Validate(state); !errors.Is(err, scenario.ErrNotABody) {
		t.Errorf("a renewal by a state that sets the parties aside: %v; want ErrNotABody", err)
	}
}

// TestLifetimeWords checks what the walk says of how long a guarantee
// lasted: how long, for one received at some call; what became of its
// calls, for one never received (issue 23: "to the end: 1 event" said of a
// guarantee void at its only call read as if it had held).
func TestLifetimeWords(t *testing.T) {
	days := func(n int) *int { return &n }
	for _, c := range []struct {
		reason string
		lt     walk.Lifetime
		want   string
	}{
		{"received to the end", walk.Lifetime{Calls: 1, Activated: 1, FirstCall: 1, Events: 2},
			"first called at event 1, to the end: 2 events"},
		{"received at one call of two, then lapsed, dated",
			walk.Lifetime{Calls: 2, Activated: 1, Void: 1, FirstCall: 2, Lapsed: 3, From: "2008-08-08", To: "2009-02-15", Events: 1, Days: days(191)},
			"first called at event 2 (2008-08-08), called 2 times, lapsed on 2009-02-15 (by event 3): 191 days, 1 event"},
		{"void at its only call", walk.Lifetime{Calls: 1, Void: 1, FirstCall: 2, Events: 1},
			"void at its only call (event 2)"},
		{"blocked at its only call, dated", walk.Lifetime{Calls: 1, FirstCall: 1, From: "2025-08-01", To: "2025-09-01", Events: 2, Days: days(31)},
			"blocked at its only call (event 1, 2025-08-01)"},
		{"void at each of several calls", walk.Lifetime{Calls: 3, Void: 3, FirstCall: 2, Events: 3},
			"never received: void at each of its 3 calls, from event 2"},
		{"void and blocked calls, then a lapse", walk.Lifetime{Calls: 2, Void: 1, FirstCall: 1, Lapsed: 4, Events: 3},
			"never received: void or blocked at each of its 2 calls, from event 1, lapsed by event 4"},
		{"never called, lapsed", walk.Lifetime{Lapsed: 2},
			"never called, lapsed by event 2"},
	} {
		if got := walk.LifetimeWords(c.lt); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.reason, got, c.want)
		}
	}
}

// TestSimulateNeverReceived checks the counts behind those words: a
// guarantee whose attacker holds a veto over it is void at its call, one
// aimed at a veto holder blocked, and neither is received.
func TestSimulateNeverReceived(t *testing.T) {
	s := build(guarantees(
		g("aid", "US", "UA", guarantee.Aid, "peace-deal"),
		g("troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", target("RU")),
		g("air", "FR", "UA", guarantee.AirSupport, "attack(RU, UA)"),
	), vetoes(grant("RU", sel{IDs: gids("troops", "air")})), timeline("peace-deal", "attack(RU, UA)", "attack(RU, UA)"))
	var got []string
	for _, lt := range simulate(t, s).Lifetimes {
		got = append(got, string(lt.Guarantee)+": "+walk.LifetimeWords(lt))
	}
	want := []string{
		"aid: first called at event 1, to the end: 3 events",
		"troops: blocked at its only call (event 1)",
		"air: never received: void at each of its 2 calls, from event 2",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("lifetimes (-want +got):\n%s", d)
	}
}
