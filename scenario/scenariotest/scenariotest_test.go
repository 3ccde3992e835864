package scenariotest_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariotest"
	"github.com/entente-go/entente/walk"
)

// The what-ifs of the seed scenario the tests use.
var (
	noAirSupport = scenario.Without{ID: "us-air-support"}
	noVetoDemand = scenario.Without{ID: "ru-demands-veto"}
	noRejection  = scenario.Without{ID: "ua-rejects-ru-veto"}
	grantRUVeto  = scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}}
	noAttack     = scenario.Set{Field: "timeline", Value: "peace-deal"}
)

// all six guarantees of the seed scenario, sorted.
var allOffers = []guarantee.ID{"european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "willing-sanctions"}

func seed(edits ...scenario.Edit) *scenariotest.Case {
	return scenariotest.WhatIf(examples.Ukraine2025(), edits...)
}

// withoutVetoDemand returns the seed scenario without Russia's demand for a
// veto, where every offer is in the deal.
func withoutVetoDemand() scenario.Scenario {
	s, err := examples.Ukraine2025().With(noVetoDemand)
	if err != nil {
		panic(err)
	}
	return s
}

// tooManyDemands adds 17 demands-veto positions, one more than a search
// takes.
func tooManyDemands() []scenario.Edit {
	var out []scenario.Edit
	for i := range 17 {
		out = append(out, scenario.AddPosition{Position: scenario.Position{
			ID: "ru-demand-" + strconv.Itoa(i), Actor: "RU", Stance: scenario.DemandsVeto,
			Select: guarantee.Selector{Beneficiary: "UA", IDs: []guarantee.ID{allOffers[i%len(allOffers)], guarantee.ID(strconv.Itoa(i))}},
		}})
	}
	return out
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		c    *scenariotest.Case
		want []string
	}{
		// Verdict
		{"verdict", seed(noVetoDemand).Verdict(scenario.Compatible), nil},
		{"verdict/fail", seed(grantRUVeto).Verdict(scenario.Compatible), []string{
			"grant RU veto over {beneficiary: UA}: want verdict compatible; got incompatible (captured-guarantee, rejected-veto, veto-conflict)",
		}},
		{"verdict/fail-compatible", seed(noVetoDemand).Verdict(scenario.Incompatible), []string{
			"without ru-demands-veto: want verdict incompatible; got compatible",
		}},
		// Finding
		{"finding", seed(noAirSupport).Finding(scenario.MissingDependency, "european-force"), nil},
		{"finding/any", seed().Finding(scenario.VetoConflict), nil},
		{"finding/several", seed().Finding(scenario.VetoConflict, "us-air-support", "european-force"), nil},
		{"finding/fail-none", seed().Finding(scenario.MissingDependency, "european-force"), []string{
			"as written: want missing-dependency on european-force; got none",
		}},
		{"finding/fail-elsewhere", seed(noAirSupport).Finding(scenario.MissingDependency, "turkey-black-sea"), []string{
			"without us-air-support: want missing-dependency on turkey-black-sea; got it on european-force and us-air-support only",
		}},
		{"finding/fail-elsewhere-many", seed(grantRUVeto).Finding(scenario.CapturedGuarantee, "european-force", "us-air-support"), []string{
			"grant RU veto over {beneficiary: UA}: want captured-guarantee on european-force and us-air-support; got it on us-air-support only, and on willing-financial only, and on willing-sanctions only",
		}},
		{"finding/fail-no-guarantee", seed(noAirSupport).Finding(scenario.NoMilitaryResponse, "us-air-support"), []string{
			"without us-air-support: want no-military-response on us-air-support; got it on no guarantee",
		}},
		// NoFinding
		{"no-finding", seed(noVetoDemand).NoFinding(scenario.VetoConflict), nil},
		{"no-finding/elsewhere", seed(grantRUVeto).NoFinding(scenario.CapturedGuarantee, "european-force"), nil},
		{"no-finding/fail", seed().NoFinding(scenario.VetoConflict), []string{
			"as written: want no veto-conflict; got one: RU demands a veto over guarantees to UA; UA rejects any RU veto over them",
		}},
		{"no-finding/fail-on", seed(noAirSupport).NoFinding(scenario.MissingDependency, "european-force"), []string{
			"without us-air-support: want no missing-dependency on european-force; got one: european-force requires us-air-support, which the deal does not contain",
		}},
		{"no-finding/fail-many", seed(grantRUVeto).NoFinding(scenario.CapturedGuarantee), []string{
			"grant RU veto over {beneficiary: UA}: want no captured-guarantee; got 3:\n\tRU can stop us-air-support, which answers all(peace-deal, attack(RU, UA)): RU is granted a veto by the deal; it can never fire against RU\n\tRU can stop willing-financial, which answers all(peace-deal, attack(RU, UA)): RU is granted a veto by the deal; it can never fire against RU\n\tRU can stop willing-sanctions, which answers all(peace-deal, attack(RU, UA)): RU is granted a veto by the deal; it can never fire against RU",
		}},
		// Findings
		{"findings", seed().Findings(scenario.VetoConflict, scenario.UnmetVetoDemand, scenario.BlockedDependency, scenario.NoMilitaryResponse, scenario.BlockedDependency), nil},
		{"findings/none", seed(noVetoDemand).Findings(), nil},
		{"findings/fail", seed(noVetoDemand).Findings(scenario.VetoConflict), []string{
			"without ru-demands-veto: findings (-want +got):\n  map[scenario.Code]int{\n- \t\"veto-conflict\": 1,\n  }",
		}},
		{"findings/fail-count", seed().Findings(scenario.UnmetVetoDemand, scenario.VetoConflict, scenario.BlockedDependency, scenario.MissingDependency), []string{
			"as written: findings (-want +got):\n  map[scenario.Code]int{\n- \t\"blocked-dependency\":   1,\n+ \t\"blocked-dependency\":   2,\n- \t\"missing-dependency\":   1,\n+ \t\"no-military-response\": 1,\n  \t\"unmet-veto-demand\":    1,\n  \t\"veto-conflict\":        1,\n  }",
		}},
		// Feasible
		{"feasible", seed(noVetoDemand).Feasible(true), nil},
		{"feasible/not", seed().Feasible(false), nil},
		{"feasible/fail", seed().Feasible(true), []string{
			"as written: want a feasible deal; got none",
		}},
		{"feasible/fail-not", seed(noVetoDemand).Feasible(false), []string{
			"without ru-demands-veto: want no feasible deal; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}",
		}},
		// Deal
		{"deal", seed(noVetoDemand).Deal("willing-sanctions", "willing-financial", "us-intelligence", "us-air-support", "turkey-black-sea", "european-force"), nil},
		{"deal/none", seed().Deal(), nil},
		{"deal/fail-more", seed(noVetoDemand).Deal("turkey-black-sea", "us-intelligence"), []string{
			"without ru-demands-veto: want the deal {turkey-black-sea, us-intelligence}; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}: it also holds european-force, us-air-support, willing-financial and willing-sanctions",
		}},
		{"deal/fail-other", seed(noVetoDemand).Deal("european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "nato-air-policing"), []string{
			"without ru-demands-veto: want the deal {european-force, nato-air-policing, turkey-black-sea, us-air-support, us-intelligence, willing-financial}; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}: it also holds willing-sanctions and it lacks nato-air-policing",
		}},
		{"deal/fail-none", seed().Deal("turkey-black-sea", "us-intelligence"), []string{
			"as written: want the deal {turkey-black-sea, us-intelligence}; got no deal",
		}},
		{"deal/fail-some", seed(noVetoDemand).Deal(), []string{
			"without ru-demands-veto: want no deal; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}",
		}},
		// Relation
		{"relation", seed(noVetoDemand).Relation(compare.MorePermissive), nil},
		{"relation/as-written", seed().Relation(compare.Equivalent), nil},
		{"relation/fail", seed(noVetoDemand).Relation(compare.Equivalent), []string{
			"without ru-demands-veto: want feasible packages equivalent to the base's; got more-permissive: the what-if admits {european-force, us-air-support, us-intelligence} and the base does not",
		}},
		{"relation/fail-less", scenariotest.WhatIf(withoutVetoDemand(), scenario.Without{ID: "us-intelligence"}).Relation(compare.Incomparable), []string{
			"without us-intelligence: want feasible packages incomparable with the base's; got less-permissive: the base admits {european-force, us-air-support, us-intelligence} and the what-if does not",
		}},
		// Status
		{"status", seed(noRejection, grantRUVeto).Status("attack(RU, UA)", "us-air-support", walk.Void), nil},
		{"status/before", seed().Status("attack(RU,UA)", "us-intelligence", walk.Activates), nil},
		{"status/fail", seed().Status("attack(RU, UA)", "us-air-support", walk.Void), []string{
			"as written: at attack(RU, UA) want us-air-support void; got activates",
		}},
		{"status/fail-blocked", seed(grantRUVeto).Status("peace-deal", "european-force", walk.Activates), []string{
			"grant RU veto over {beneficiary: UA}: at peace-deal want european-force activates; got blocked (RU can stop it and is its target; it requires us-air-support, which would be blocked)",
		}},
		{"status/fail-before", seed(grantRUVeto).Status("attack(RU, UA)", "turkey-black-sea", walk.Activates), []string{
			"grant RU veto over {beneficiary: UA}: by attack(RU, UA) want turkey-black-sea activates; got blocked at peace-deal (RU can stop it and is its target)",
		}},
		{"status/fail-later", seed().Status("peace-deal", "us-air-support", walk.Activates), []string{
			"as written: by peace-deal want us-air-support activates; it does not fall due until attack(RU, UA)",
		}},
		{"status/fail-never", seed(noAttack).Status("peace-deal", "willing-financial", walk.Activates), []string{
			"set timeline = peace-deal: by peace-deal want willing-financial activates; it never falls due",
		}},
		{"status/fail-no-guarantee", seed(noAirSupport).Status("attack(RU, UA)", "us-air-support", walk.Void), []string{
			"without us-air-support: at attack(RU, UA) want us-air-support void; there is no guarantee us-air-support",
		}},
		{"status/fail-no-event", seed().Status("attack(RU, PL)", "us-air-support", walk.Void), []string{
			"as written: at attack(RU, PL) want us-air-support void; the timeline has no event attack(RU, PL): it has peace-deal, attack(RU, UA)",
		}},
		// Receives
		{"receives", seed(noRejection, grantRUVeto).Receives("attack(RU, UA)", "UA", guarantee.Surveillance), nil},
		{"receives/nothing", seed().Receives("peace-deal", "RU"), nil},
		{"receives/fail", seed().Receives("attack(RU, UA)", "UA", guarantee.Surveillance), []string{
			"as written: after attack(RU, UA) want UA to receive intelligence/surveillance; got financial/aid (willing-financial), intelligence/surveillance (us-intelligence), military/air-support (us-air-support), military/ground-troops (european-force), military/naval (turkey-black-sea), sanctions/economic (willing-sanctions)",
		}},
		{"receives/fail-nothing", seed().Receives("peace-deal", "UA"), []string{
			"as written: after peace-deal want UA to receive nothing; got intelligence/surveillance (us-intelligence), military/ground-troops (european-force), military/naval (turkey-black-sea)",
		}},
		{"receives/fail-got-nothing", seed().Receives("peace-deal", "RU", guarantee.Naval), []string{
			"as written: after peace-deal want RU to receive military/naval; got nothing",
		}},
		{"receives/fail-no-event", seed(noAttack).Receives("attack(RU, UA)", "UA"), []string{
			"set timeline = peace-deal: after attack(RU, UA) want UA to receive nothing; the timeline has no event attack(RU, UA): it has peace-deal",
		}},
		// Errors
		{"edit-error", seed(scenario.Without{ID: "nobody"}, grantRUVeto).Verdict(scenario.Compatible), []string{
			"without nobody; grant RU veto over {beneficiary: UA}: cannot apply edit 1 (without nobody): no actor, guarantee or position has ID \"nobody\"",
		}},
		{"edit-error/second", seed(noAirSupport, noAirSupport).Verdict(scenario.Compatible), []string{
			"without us-air-support; without us-air-support: cannot apply edit 2 (without us-air-support): no actor, guarantee or position has ID \"us-air-support\"",
		}},
		{"edit-error/nil", seed(nil).Verdict(scenario.Compatible), []string{
			"nil edit: edit 1 is nil",
		}},
		{"edit-error/no-expectations", seed(scenario.Without{ID: "nobody"}), []string{
			"without nobody: cannot apply edit 1 (without nobody): no actor, guarantee or position has ID \"nobody\"",
		}},
		{"invalid", scenariotest.WhatIf(scenario.Scenario{Guarantees: []guarantee.Guarantee{{ID: "g", Provider: "US", Beneficiary: "UA", Kind: guarantee.Aid}}}).Verdict(scenario.Compatible).Deal("g"), []string{
			"as written: invalid scenario: guarantees[0].provider: unknown actor \"US\"\nguarantees[0].beneficiary: unknown actor \"UA\"",
		}},
		// Several
		{"several", seed(noVetoDemand).Verdict(scenario.Incompatible).Feasible(true).NoFinding(scenario.VetoConflict).Deal(), []string{
			"without ru-demands-veto: want verdict incompatible; got compatible",
			"without ru-demands-veto: want no deal; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.Problems()
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Problems() (-want +got):\n%s", d)
				for _, g := range got {
					t.Logf("%q", g)
				}
			}
		})
	}
}

// An error stops the case: the problems before it stand, the expectations
// after it are not checked.
func TestProblemsSearchError(t *testing.T) {
	c := seed(tooManyDemands()...).Verdict(scenario.Compatible).Deal().Findings()
	want := []string{
		c.String() + ": want verdict compatible; got incompatible (unmet-veto-demand, veto-conflict)",
		c.String() + ": search: too many candidate vetoes to search exactly: 18 demands-veto positions; at most 16",
	}
	if d := cmp.Diff(want, c.Problems()); d != "" {
		t.Errorf("Problems() (-want +got):\n%s", d)
	}
}

// A case runs only what its expectations need: with no search, the
// scenario the search refuses is no problem.
func TestProblemsRunsOnlyWhatIsNeeded(t *testing.T) {
	c := seed(tooManyDemands()...).
		Finding(scenario.VetoConflict, "us-air-support").
		Status("attack(RU, UA)", "us-air-support", walk.Activates).
		Receives("peace-deal", "RU")
	if got := c.Problems(); got != nil {
		t.Errorf("Problems() = %q, want nil", got)
	}
}

// Problems can be called again, after more expectations are added.
func TestProblemsAgain(t *testing.T) {
	c := seed(noVetoDemand).Verdict(scenario.Compatible)
	if got := c.Problems(); got != nil {
		t.Fatalf("Problems() = %q, want nil", got)
	}
	c.Feasible(false).Verdict(scenario.Compatible)
	want := []string{"without ru-demands-veto: want no feasible deal; got {european-force, turkey-black-sea, us-air-support, us-intelligence, willing-financial, willing-sanctions}"}
	for range 2 {
		if d := cmp.Diff(want, c.Problems()); d != "" {
			t.Errorf("Problems() (-want +got):\n%s", d)
		}
	}
}

func TestString(t *testing.T) {
	for _, tt := range []struct {
		c    *scenariotest.Case
		want string
	}{
		{seed(), "as written"},
		{seed(noRejection, grantRUVeto), "without ua-rejects-ru-veto; grant RU veto over {beneficiary: UA}"},
		{seed(noAttack, nil), "set timeline = peace-deal; nil edit"},
	} {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// fakeTB records what Check reports. Any method it does not define panics.
type fakeTB struct {
	testing.TB
	helper int
	errors []string
}

func (f *fakeTB) Helper()           { f.helper++ }
func (f *fakeTB) Error(args ...any) { f.errors = append(f.errors, fmt.Sprint(args...)) }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	c := seed(grantRUVeto).
		Verdict(scenario.Compatible).
		Finding(scenario.RejectedVeto, "european-force").
		NoFinding(scenario.VetoConflict)
	var tb fakeTB
	c.Check(&tb)
	want := []string{
		"grant RU veto over {beneficiary: UA}: want verdict compatible; got incompatible (captured-guarantee, rejected-veto, veto-conflict)",
		"grant RU veto over {beneficiary: UA}: want no veto-conflict; got one: RU demands a veto over guarantees to UA; UA rejects any RU veto over them",
	}
	if d := cmp.Diff(want, tb.errors); d != "" {
		t.Errorf("Check reported (-want +got):\n%s", d)
	}
	if tb.helper == 0 {
		t.Error("Check did not call t.Helper")
	}
}

func TestCheckPasses(t *testing.T) {
	var tb fakeTB
	seed(noVetoDemand).Verdict(scenario.Compatible).Findings().Check(&tb)
	if tb.errors != nil {
		t.Errorf("Check reported %q, want nothing", tb.errors)
	}
}

// A failing edit is one problem, whatever the case expects.
func TestCheckEditError(t *testing.T) {
	var tb fakeTB
	seed(scenario.Without{ID: "nobody"}).Verdict(scenario.Compatible).Feasible(true).Check(&tb)
	want := []string{`without nobody: cannot apply edit 1 (without nobody): no actor, guarantee or position has ID "nobody"`}
	if d := cmp.Diff(want, tb.errors); d != "" {
		t.Errorf("Check reported (-want +got):\n%s", d)
	}
}

// The test in the package documentation.
func TestWithoutUSAirSupport(t *testing.T) {
	scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Without{ID: "us-air-support"},
	).
		Verdict(scenario.Incompatible).
		Finding(scenario.MissingDependency, "european-force").
		Status("peace-deal", "european-force", walk.Blocked).
		Check(t)
}
