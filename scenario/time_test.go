package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's section "Time": calls judged
// one by one, mandates renewed or lapsing, and the findings over time.

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
		s := testkit.Build(testkit.Timeline(tc.events...))
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
	s := testkit.Build(testkit.Timeline("peace-deal"))
	s.Timeline[0].Date = "2009-02-30"
	if err := scenario.Validate(s); !errors.Is(err, guarantee.ErrDate) {
		t.Errorf("Validate of a timeline dated 2009-02-30: %v; want ErrDate", err)
	}
}

func TestCapturedRenewal(t *testing.T) {
	council := testkit.Unsc()
	testkit.RunFindingCases(t, scenario.CapturedRenewal, []testkit.FindingCase{
		{
			Name:   "AttackerVetoesRenewal",
			Reason: "RU, an attacker of the mission's trigger, holds a veto in the council that renews it.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(
				testkit.G("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", testkit.Mandate("UNSC", "6 months", "", "")))),
			Want: []scenario.Finding{testkit.Finding(scenario.CapturedRenewal, scenario.Error, testkit.Ids("RU"), testkit.Gids("mission"), nil)},
		},
		{
			Name:   "AttackerWithoutVeto",
			Reason: "GE attacks in the trigger but holds no veto in the council: nothing fires.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(
				testkit.G("mission", "UK", "UA", guarantee.Surveillance, "attack(GE, UA)", testkit.Mandate("UNSC", "6 months", "", "")))),
		},
		{
			Name:   "NoMandate",
			Reason: "The same guarantee with no mandate lasts as long as the deal.",
			S: testkit.Build(testkit.Actors(council), testkit.Guarantees(
				testkit.G("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)"))),
		},
	})
}

func TestBlockedRenewal(t *testing.T) {
	council := testkit.Unsc()
	mission := testkit.G("mission", "UK", "MK", guarantee.Surveillance, "peace-deal", testkit.Mandate("UNSC", "", "", ""))
	testkit.RunFindingCases(t, scenario.BlockedRenewal, []testkit.FindingCase{
		{
			Name:   "VetoHolderRejects",
			Reason: "CN holds a veto in the council and rejects the mission (UNPREDEP, 1999).",
			S: testkit.Build(testkit.Actors(council, actor.Actor{ID: "MK"}), testkit.Guarantees(mission),
				testkit.Positions(testkit.Named("cn", testkit.Pos("CN", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("mission")})))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedRenewal, scenario.Error, testkit.Ids("CN"), testkit.Gids("mission"), testkit.Refs("cn"))},
		},
		{
			Name:   "ContributorRefuses",
			Reason: "FR, a member of the coalition that provides the mission, refuses to take part and holds a veto in the council that renews it.",
			S: testkit.Build(testkit.Actors(council, testkit.Coalition("watchers", "FR", "PL"), actor.Actor{ID: "MK"}),
				testkit.Guarantees(testkit.G("mission", "watchers", "MK", guarantee.Surveillance, "peace-deal", testkit.Mandate("UNSC", "", "", ""))),
				testkit.Positions(testkit.Named("fr", testkit.Pos("FR", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")})))),
			Want: []scenario.Finding{testkit.Finding(scenario.BlockedRenewal, scenario.Error, testkit.Ids("FR"), testkit.Gids("mission"), testkit.Refs("fr"))},
		},
		{
			Name:   "VetoHolderRefusesWithoutContributing",
			Reason: "CN holds a veto in the council and refuses the mission, which the UK provides: a refusal says \"I will not provide it\", and CN provides nothing here (the seed's US refusing ground troops under a UN mandate for Europe's force).",
			S: testkit.Build(testkit.Actors(council, actor.Actor{ID: "MK"}), testkit.Guarantees(mission),
				testkit.Positions(testkit.Pos("CN", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")}))),
		},
		{
			Name:   "MemberWithoutVetoRefuses",
			Reason: "DZ, an elected member, refuses the mission but holds no veto in a majority council.",
			S: testkit.Build(testkit.Actors(council, actor.Actor{ID: "MK"}), testkit.Guarantees(mission),
				testkit.Positions(testkit.Pos("DZ", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("mission")}))),
		},
		{
			Name:   "OtherGuarantee",
			Reason: "CN rejects another guarantee, not the mission.",
			S: testkit.Build(testkit.Actors(council, actor.Actor{ID: "MK"}), testkit.Guarantees(mission, testkit.G("aid", "US", "MK", guarantee.Aid, "")),
				testkit.Positions(testkit.Pos("CN", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("aid")}))),
		},
	})
}

func TestSunsetFinding(t *testing.T) {
	testkit.RunFindingCases(t, scenario.Sunset, []testkit.FindingCase{
		{
			Name:   "EndsOnADate",
			Reason: "The mandate ends on a date: an info finding gives it.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "", testkit.Mandate("", "", "", "2026-12-31")))),
			Want:   []scenario.Finding{testkit.Finding(scenario.Sunset, scenario.Info, nil, testkit.Gids("aid"), nil)},
		},
		{
			Name:   "RenewedUntilAnEndDate",
			Reason: "A body renews the mandate, but only until its end date: it still ends then, and the finding gives it.",
			S:      testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "", testkit.Mandate("UNSC", "1 year", "", "2026-12-31")))),
			Want:   []scenario.Finding{testkit.Finding(scenario.Sunset, scenario.Info, nil, testkit.Gids("aid"), nil)},
		},
		{
			Name:   "RenewedWithNoEnd",
			Reason: "A mandate renewed with no end date has no sunset.",
			S:      testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "", testkit.Mandate("UNSC", "1 year", "", "")))),
		},
	})
	r := testkit.Evaluate(t, testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "", testkit.Mandate("", "", "", "2026-12-31")))))
	if f := testkit.Only(r, scenario.Sunset); len(f) != 1 || !strings.Contains(f[0].Message, "2026-12-31") {
		t.Errorf("the sunset finding should give the date: %+v", f)
	}
}
