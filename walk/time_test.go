package walk_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
	"github.com/google/go-cmp/cmp"
)

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

func runTimeCases(t *testing.T, cases []testkit.TimeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			sim := simulate(t, tc.S)
			if diff := cmp.Diff(tc.Want, calls(sim)); diff != "" {
				t.Errorf("%s\nSimulate(...) calls (-want +got):\n%s", tc.Reason, diff)
			}
		})
	}
}

func TestSimulateCalls(t *testing.T) {
	runTimeCases(t, []testkit.TimeCase{
		{
			Name:   "CyprusSecondAttacker",
			Reason: "Greece's attack voids Greece's own guarantee, not Turkey's; Turkey's attack is a new call on every guarantee still due: void for Turkey's own, and Greece's blocked, Greece having attacked Cyprus (Cyprus 1974).",
			S:      testkit.Cyprus("attack(GR, CY)", "attack(TR, CY)"),
			Want: []string{
				"attack(GR, CY): uk-guarantee#1 activates [GR]; gr-guarantee#1 void [GR]; tr-guarantee#1 activates [GR]",
				"attack(TR, CY): uk-guarantee#2 activates [TR]; gr-guarantee#2 blocked [TR]; tr-guarantee#2 void [TR]",
			},
		},
		{
			Name:   "RepeatAttack",
			Reason: "A repeat of the same attack is a new call.",
			S:      testkit.Cyprus("attack(GR, CY)", "peace-deal", "attack(GR, CY)"),
			Want: []string{
				"attack(GR, CY): uk-guarantee#1 activates [GR]; gr-guarantee#1 void [GR]; tr-guarantee#1 activates [GR]",
				"peace-deal: ",
				"attack(GR, CY): uk-guarantee#2 activates [GR]; gr-guarantee#2 void [GR]; tr-guarantee#2 activates [GR]",
			},
		},
		{
			Name:   "NoAttack",
			Reason: "A trigger that holds with no attack makes a call with no attackers: RU's veto over OSCE monitoring does not void it at a ceasefire.",
			S: testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Body("OSCE", actor.Organization, actor.Unanimity, "US", "RU", "UA"))),
				testkit.Guarantees(testkit.G("monitoring", "OSCE", "UA", guarantee.Surveillance, "any(violation(RU), ceasefire)")),
				testkit.Timeline("ceasefire", "violation(RU)")),
			Want: []string{
				"ceasefire: monitoring#1 activates []",
				"violation(RU): monitoring#2 void [RU]",
			},
		},
		{
			Name:   "FirstCallNamesEveryAttackerSoFar",
			Reason: "all(peace-deal, attack(BY, UA)) first holds at the peace deal, after BY's attack: the first call's attackers are those the trigger names so far.",
			S: testkit.Build(testkit.Guarantees(testkit.G("air", "US", "UA", guarantee.AirSupport, "all(peace-deal, any(attack(BY, UA), attack(RU, UA)))")),
				testkit.Vetoes(testkit.Grant("BY", testkit.Sel{})),
				testkit.Timeline("attack(BY, UA)", "peace-deal", "attack(RU, UA)")),
			Want: []string{
				"attack(BY, UA): ",
				"peace-deal: air#1 void [BY]",
				"attack(RU, UA): air#2 blocked [RU]",
			},
		},
		{
			Name:   "UnnamedAttackDoesNotCall",
			Reason: "An attack the trigger does not name is no call, though it may block by making its author an attacker of the beneficiary.",
			S: testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "peace-deal")),
				testkit.Timeline("peace-deal", "attack(RU, UA)")),
			Want: []string{"peace-deal: aid#1 activates []", "attack(RU, UA): "},
		},
	})
}

func TestSimulateMandates(t *testing.T) {
	council := testkit.Unsc()
	nato := testkit.Alliance("NATO", actor.Unanimity, "US", "UK", "TR")
	willing := testkit.Coalition("willing", "UK", "FR", "RU")
	monitors := func(opts ...testkit.Gopt) guarantee.Guarantee {
		return testkit.G("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", opts...)
	}
	runTimeCases(t, []testkit.TimeCase{
		{
			Name:   "RenewalBlockedByAttacker",
			Reason: "UNOMIG 2009: after RU's attack, RU's veto in the Security Council blocks the renewal at the next point the six-month period gives; the mission lapses there.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "6 months", "", ""))),
				testkit.Timeline("2008-01-01 peace-deal", "2008-08-08 attack(RU, GE)", "2009-06-15 ceasefire")),
			Want: []string{
				"2008-01-01 peace-deal: mission#1 activates []",
				"2008-08-08 attack(RU, GE): mission#2 activates [RU]",
				"2009-06-15 ceasefire: lapsed mission 2009-01-01 (UNSC RU:captured)",
			},
		},
		{
			Name:   "RenewedBeforeTheAttack",
			Reason: "Renewal points before the attack pass: nobody has a reason to block them.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "1 month", "", ""))),
				testkit.Timeline("2008-01-01 peace-deal", "2008-06-15 ceasefire", "2008-08-08 attack(RU, GE)", "2008-08-20 ceasefire")),
			Want: []string{
				"2008-01-01 peace-deal: mission#1 activates []",
				"2008-06-15 ceasefire: ",
				"2008-08-08 attack(RU, GE): mission#2 activates [RU]",
				"2008-08-20 ceasefire: ",
			},
		},
		{
			Name:   "RenewalBlockedByPosition",
			Reason: "UNPREDEP 1999: CN holds a veto in the council and rejects the mission for reasons of its own: the mission, which the UK provides, activates, but lapses at the first renewal.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "", "", ""))),
				testkit.Positions(testkit.Named("cn-rejects", testkit.Pos("CN", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("mission")}))),
				testkit.Timeline("peace-deal", "renewal", "attack(RU, GE)")),
			Want: []string{
				"peace-deal: mission#1 activates []",
				"renewal: lapsed mission  (UNSC CN:position)",
				"attack(RU, GE): ",
			},
		},
		{
			Name:   "RenewalByUnanimity",
			Reason: "Under unanimity every member holds a veto: TR, rejecting the mission, blocks its renewal at renewal(NATO); renewal(UNSC) is not NATO's.",
			S: testkit.Build(testkit.Actors(nato, council), testkit.Guarantees(monitors(testkit.Mandate("NATO", "", "", ""))),
				testkit.Positions(testkit.Pos("TR", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("mission")})),
				testkit.Timeline("peace-deal", "renewal(UNSC)", "renewal(NATO)")),
			Want: []string{
				"peace-deal: mission#1 activates []",
				"renewal(UNSC): ",
				"renewal(NATO): lapsed mission  (NATO TR:position)",
			},
		},
		{
			Name:   "RenewalRefusedByOutsider",
			Reason: "CN holds a veto in the council and refuses the mission, which the UK provides: a refusal says \"I will not provide it\", and CN provides nothing here, so the renewal passes.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "", "", ""))),
				testkit.Positions(testkit.Pos("CN", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")})),
				testkit.Timeline("peace-deal", "renewal")),
			Want: []string{"peace-deal: mission#1 activates []", "renewal: "},
		},
		{
			Name:   "RenewalRefusedByContributor",
			Reason: "FR is a member of the coalition that provides the mission and holds a veto in the council that renews it: its refusal binds, and it blocks the renewal.",
			S: testkit.Build(testkit.Actors(council, willing), testkit.Guarantees(
				testkit.G("mission", "willing", "GE", guarantee.Surveillance, "peace-deal", testkit.Mandate("UNSC", "", "", ""))),
				testkit.Positions(testkit.Pos("FR", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")})),
				testkit.Timeline("peace-deal", "renewal")),
			Want: []string{"peace-deal: mission#1 activates []", "renewal: lapsed mission  (UNSC FR:position)"},
		},
		{
			Name:   "RenewalByMajorityNoVeto",
			Reason: "Under majority with vetoes, an elected member (DZ) that refuses the mission cannot block its renewal.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "", "", ""))),
				testkit.Positions(testkit.Pos("DZ", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")})),
				testkit.Timeline("peace-deal", "renewal")),
			Want: []string{"peace-deal: mission#1 activates []", "renewal: "},
		},
		{
			Name:   "RenewalByCoalition",
			Reason: "A coalition's members act separately: RU, a member that attacked, holds no veto over its renewal.",
			S: testkit.Build(testkit.Actors(willing), testkit.Guarantees(monitors(testkit.Mandate("willing", "", "", ""))),
				testkit.Timeline("attack(RU, GE)", "renewal")),
			Want: []string{"attack(RU, GE): mission#1 activates [RU]", "renewal: "},
		},
		{
			Name:   "Sunset",
			Reason: "A mandate with an end date lapses once the walk passes it, whatever happens; the end date itself is still covered.",
			S: testkit.Build(testkit.Guarantees(monitors(testkit.Mandate("", "", "", "2009-06-15"))),
				testkit.Timeline("2009-01-01 peace-deal", "2009-06-15 ceasefire", "2009-06-16 attack(RU, GE)")),
			Want: []string{
				"2009-01-01 peace-deal: mission#1 activates []",
				"2009-06-15 ceasefire: ",
				"2009-06-16 attack(RU, GE): lapsed mission 2009-06-15 (sunset)",
			},
		},
		{
			Name:   "LapsedDependency",
			Reason: "What requires a lapsed guarantee is blocked at its next call.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(
				monitors(testkit.Mandate("UNSC", "", "", "")),
				testkit.G("force", "FR", "GE", guarantee.GroundTroops, "attack(RU, GE)", testkit.Requires("mission")),
			), testkit.Timeline("peace-deal", "attack(RU, GE)", "renewal", "attack(RU, GE)")),
			Want: []string{
				"peace-deal: mission#1 activates []",
				"attack(RU, GE): mission#2 activates [RU]; force#1 activates [RU]",
				"renewal: lapsed mission  (UNSC RU:captured)",
				"attack(RU, GE): force#2 blocked [RU]",
			},
		},
		{
			Name:   "UndatedPeriodNeedsRenewalEvents",
			Reason: "In an undated timeline a period gives no points: only renewal events do.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "6 months", "", ""))),
				testkit.Timeline("attack(RU, GE)", "ceasefire")),
			Want: []string{"attack(RU, GE): mission#1 activates [RU]", "ceasefire: "},
		},
		{
			Name:   "FromAnchorsThePeriods",
			Reason: "With a start, the points are from + k·period: 2008-10-09 + 4 months is 2009-02-09, the first after the attack.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "4 months", "2008-10-09", ""))),
				testkit.Timeline("2008-12-01 attack(RU, GE)", "2009-02-08 ceasefire", "2009-02-09 ceasefire")),
			Want: []string{
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
	council := testkit.Unsc()
	monitors := func(opts ...testkit.Gopt) guarantee.Guarantee {
		return testkit.G("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", opts...)
	}
	monthly := monitors(testkit.Mandate("UNSC", "1 month", "", ""))
	runTimeCases(t, []testkit.TimeCase{
		{
			Name:   "FebruaryOfACommonYear",
			Reason: "Anchored on the first dated event, 31 January 2009: the first point is 28 February, where RU's attack of 10 February blocks it.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monthly),
				testkit.Timeline("2009-01-31 peace-deal", "2009-02-10 attack(RU, GE)", "2009-03-05 ceasefire")),
			Want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-02-10 attack(RU, GE): mission#2 activates [RU]",
				"2009-03-05 ceasefire: lapsed mission 2009-02-28 (UNSC RU:captured)",
			},
		},
		{
			Name:   "FebruaryOfALeapYear",
			Reason: "From 31 January 2008, a leap year: the first point is 29 February.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "1 month", "2008-01-31", ""))),
				testkit.Timeline("2008-02-01 peace-deal", "2008-02-10 attack(RU, GE)", "2008-03-05 ceasefire")),
			Want: []string{
				"2008-02-01 peace-deal: mission#1 activates []",
				"2008-02-10 attack(RU, GE): mission#2 activates [RU]",
				"2008-03-05 ceasefire: lapsed mission 2008-02-29 (UNSC RU:captured)",
			},
		},
		{
			Name: "BackToThe31stInMarch",
			Reason: "After 28 February the next point is 31 March, counted from the anchor, not 28 March from the point before, nor 3 March: " +
				"an attack on 1 March is judged on 31 March, and nothing lapses on 20 March.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monthly),
				testkit.Timeline("2009-01-31 peace-deal", "2009-03-01 attack(RU, GE)", "2009-03-20 ceasefire", "2009-04-05 ceasefire")),
			Want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-03-01 attack(RU, GE): mission#2 activates [RU]",
				"2009-03-20 ceasefire: ",
				"2009-04-05 ceasefire: lapsed mission 2009-03-31 (UNSC RU:captured)",
			},
		},
		{
			Name:   "ThirtyDayMonth",
			Reason: "From 31 January, the point in April is the 30th.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monthly),
				testkit.Timeline("2009-01-31 peace-deal", "2009-04-01 attack(RU, GE)", "2009-05-01 ceasefire")),
			Want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2009-04-01 attack(RU, GE): mission#2 activates [RU]",
				"2009-05-01 ceasefire: lapsed mission 2009-04-30 (UNSC RU:captured)",
			},
		},
		{
			Name:   "ManyPointsLater",
			Reason: "Thirteen months on, the walk finds the point after the attack without stepping through the others: 28 February 2010.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monthly),
				testkit.Timeline("2009-01-31 peace-deal", "2010-02-01 attack(RU, GE)", "2010-03-05 ceasefire")),
			Want: []string{
				"2009-01-31 peace-deal: mission#1 activates []",
				"2010-02-01 attack(RU, GE): mission#2 activates [RU]",
				"2010-03-05 ceasefire: lapsed mission 2010-02-28 (UNSC RU:captured)",
			},
		},
		{
			Name:   "YearlyFromALeapDay",
			Reason: "A yearly mandate from 29 February 2024 renews on 28 February in common years and on 29 February 2028, counted from the anchor.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(monitors(testkit.Mandate("UNSC", "1 year", "2024-02-29", ""))),
				testkit.Timeline("2024-03-01 peace-deal", "2028-02-28 attack(RU, GE)", "2028-03-01 ceasefire")),
			Want: []string{
				"2024-03-01 peace-deal: mission#1 activates []",
				"2028-02-28 attack(RU, GE): mission#2 activates [RU]",
				"2028-03-01 ceasefire: lapsed mission 2028-02-29 (UNSC RU:captured)",
			},
		},
	})
}

func TestSimulateLifetimes(t *testing.T) {
	s := testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(
		testkit.G("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", testkit.Mandate("UNSC", "6 months", "", "")),
		testkit.G("aid", "US", "GE", guarantee.Aid, "attack(RU, GE)"),
		testkit.G("never", "US", "GE", guarantee.Aid, "attack(BY, GE)"),
	), testkit.Timeline("2008-01-01 peace-deal", "2008-08-08 attack(RU, GE)", "2009-06-15 ceasefire"))
	days := func(n int) *int { return &n }
	want := []walk.Lifetime{
		{Guarantee: "mission", Calls: 2, FirstCall: 1, Lapsed: 3, From: "2008-01-01", To: "2009-01-01", Events: 2, Activated: 2, Days: days(366)},
		{Guarantee: "aid", Calls: 1, FirstCall: 2, From: "2008-08-08", To: "2009-06-15", Events: 2, Activated: 1, Days: days(311)},
	}
	if diff := cmp.Diff(want, simulate(t, s).Lifetimes); diff != "" {
		t.Errorf("Lifetimes: the mission lasted from its first call to its lapse, aid to the end, and a guarantee never called is left out (-want +got):\n%s", diff)
	}
}

// TestRenewalPartiesAside checks a renewal that sets the parties aside
// (docs/MODEL.md, "Parties set aside"): RU, the attacker the mission answers,
// holds no veto over its renewal, so the renewal is not captured, a
// parties-set-aside note says why, and the walk renews the mission.
func TestRenewalPartiesAside(t *testing.T) {
	aside := func(gg *guarantee.Guarantee) { gg.Mandate.PartiesAside = true }
	mission := func(opts ...testkit.Gopt) scenario.Scenario {
		return testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(
			testkit.G("mission", "UK", "GE", guarantee.Surveillance, "any(peace-deal, attack(RU, GE))", append([]testkit.Gopt{testkit.Mandate("UNSC", "", "", "")}, opts...)...)),
			testkit.Timeline("peace-deal", "attack(RU, GE)", "renewal"))
	}
	plain, set := testkit.Evaluate(t, mission()), testkit.Evaluate(t, mission(aside))
	if len(testkit.Only(plain, scenario.CapturedRenewal)) != 1 || len(testkit.Only(plain, scenario.PartiesSetAside)) != 0 {
		t.Errorf("without the rule: want one captured-renewal and no parties-set-aside; got\n%s", testkit.ListFindings(plain.Findings))
	}
	if len(testkit.Only(set, scenario.CapturedRenewal)) != 0 {
		t.Errorf("with the parties aside the renewal is not captured; got\n%s", testkit.ListFindings(set.Findings))
	}
	notes := testkit.Only(set, scenario.PartiesSetAside)
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
	state := testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "", testkit.Mandate("US", "", "", ""), aside)))
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
	s := testkit.Build(testkit.Guarantees(
		testkit.G("aid", "US", "UA", guarantee.Aid, "peace-deal"),
		testkit.G("troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU")),
		testkit.G("air", "FR", "UA", guarantee.AirSupport, "attack(RU, UA)"),
	), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("troops", "air")})), testkit.Timeline("peace-deal", "attack(RU, UA)", "attack(RU, UA)"))
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
