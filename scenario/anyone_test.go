package scenario_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's paragraph "Any attacker", one
// sentence at a time: attack(*, B) is an attack on B by anyone; in a
// timeline events name their attacker; an event attack(X, B) makes
// attack(*, B) hold with X the attacker of that call; * names no one for
// captured-guarantee and captured-renewal; no-military-response counts a
// guarantee to B admitting any attacker as answering every attacker of B;
// and insider-veto.

func TestInsiderVeto(t *testing.T) {
	insider := func(g guarantee.ID, who ...actor.ID) []scenario.Finding {
		return []scenario.Finding{testkit.Finding(scenario.InsiderVeto, scenario.Warning, who, testkit.Gids(g), nil)}
	}
	testkit.RunFindingCases(t, scenario.InsiderVeto, []testkit.FindingCase{
		{
			Name:   "ConsensusBody",
			Reason: "Article 5 under consensus: every member other than the provider and the beneficiary holds a veto and could be the attacker.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)"))),
			Want: insider("art5-tr", "GR", "UK", "US"),
		},
		{
			Name:   "NamedTriggerHasNone",
			Reason: "The same pact answering only a named attacker opens no insider's veto: * is what opens it.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(RU, TR)"))),
		},
		{
			Name:   "StateDecidingAlone",
			Reason: "A state provider deciding alone holds the only veto, and a provider that attacks its own beneficiary breaks the guarantee outright: that is no veto.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)"))),
		},
		{
			Name:   "Automatic",
			Reason: "Nobody's consent is needed, so nobody holds a veto.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", testkit.Activation("automatic")))),
		},
		{
			Name:   "PartiesSetAside",
			Reason: "Locarno's Council does not count the votes of the parties: a member that attacks is a party to that call and loses its veto.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Aside(testkit.Nato("TR"))),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)"))),
		},
		{
			Name:   "PartiesSetAsideByTheActivation",
			Reason: "The activation, not the body's rule, sets the parties aside: the same.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)", testkit.AsideActivation))),
		},
		{
			Name:   "ExplicitVetoUnderMajority",
			Reason: "Under majority only explicit veto holders count: the Security Council's permanent members other than the provider's, not the elected member.",
			S: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("unsc-ua", "UNSC", "UA", guarantee.Military, "violation(*)"))),
			Want: insider("unsc-ua", "CN", "FR", "RU", "UK", "US"),
		},
		{
			Name:   "GrantedVeto",
			Reason: "The deal grants RU a veto over US air support that answers an attack by anyone: RU could be that attacker.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			Want: insider("us-air", "RU"),
		},
		{
			Name:   "ConsentingState",
			Reason: "A listed state that must consent holds a veto.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", testkit.Activation("consent(PL)")))),
			Want:   insider("us-air", "PL"),
		},
		{
			Name:   "NamedAttackerIsCaptured",
			Reason: "RU is named as an attacker and holds a veto: captured-guarantee says it, and insider-veto does not say it again.",
			S: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "any(attack(RU, UA), attack(*, UA))")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA), testkit.Grant("BY", testkit.ToUA))),
			Want: insider("us-air", "BY"),
		},
		{
			Name:   "UnderNot",
			Reason: "A trigger that an attack by anyone ends, all(peace-deal, not(attack(*, TR))), admits no attacker: it never fires on one.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "all(peace-deal, not(attack(*, TR)))"))),
		},
		{
			Name:   "UnderTwoNots",
			Reason: "not(not(attack(*, TR))) admits any attacker, as attack(*, TR) does.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "not(not(attack(*, TR)))"))),
			Want: insider("art5-tr", "GR", "UK", "US"),
		},
		{
			Name:   "GrantedVetoSurvivesPartiesAside",
			Reason: "The rule sets the parties aside, so a member that attacks loses its vote; but UK also holds a veto the deal grants, which no rule sets aside.",
			S: testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Aside(testkit.Nato("TR"))),
				testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)")),
				testkit.Vetoes(testkit.Grant("UK", testkit.Sel{IDs: testkit.Gids("art5-tr")}))),
			Want: insider("art5-tr", "UK"),
		},
		{
			Name:   "BeneficiaryConsents",
			Reason: "UA must consent to a guarantee to itself due on a violation by anyone: UA holds a veto, but docs/MODEL.md counts only holders other than the provider and the beneficiary, so UA is no insider.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "violation(*)", testkit.Activation("consent(UA)")))),
		},
		{
			Name:   "AttackOnAnotherState",
			Reason: "A guarantee to UA due on an attack on PL by anyone: PL holds a veto but cannot be the attacker of an attack on itself.",
			S:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, PL)", testkit.Activation("consent(PL)")))),
		},
	})
}

func TestInsiderVetoMessage(t *testing.T) {
	r := testkit.Evaluate(t, testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
		testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)", testkit.Gsources("nato-1949")))))
	fs := testkit.Only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", testkit.ListFindings(r.Findings))
	}
	for _, want := range []string{"art5-tr answers attack(*, TR), an attack by anyone", "cannot fire against an attacker that can stop it", "GR, UK and US hold a veto in NATO's rule (unanimity)"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q does not say %q", fs[0].Message, want)
		}
	}
	if !cmp.Equal(fs[0].Sources, []string{"nato-1949"}) {
		t.Errorf("sources %q, want the guarantee's [nato-1949]", fs[0].Sources)
	}
}

func TestInsiderVetoReasonsGrouped(t *testing.T) {
	// PL must consent; RU and BY are granted vetoes by the deal, with the
	// grant's source.
	v := testkit.Grant("RU", testkit.ToUA)
	v.Sources = []string{"draft"}
	r := testkit.Evaluate(t, testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", testkit.Activation("consent(PL)"))),
		testkit.Vetoes(v, testkit.Grant("BY", testkit.ToUA))))
	fs := testkit.Only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", testkit.ListFindings(r.Findings))
	}
	const want = "us-air answers attack(*, UA), an attack by anyone, and cannot fire against an attacker that can stop it: BY and RU are granted a veto by the deal; PL must consent"
	if fs[0].Message != want {
		t.Errorf("message\n%s\nwant\n%s", fs[0].Message, want)
	}
	if !cmp.Equal(fs[0].Sources, []string{"draft"}) {
		t.Errorf("sources %q, want the grant's [draft]", fs[0].Sources)
	}
}

func TestInsiderVetoReasonWithPartiesAside(t *testing.T) {
	// UK is a member of a Council that sets the parties aside, and the deal
	// grants it a veto: attacking, it loses its vote in the Council but
	// keeps the veto the deal grants, and the message says so, with the
	// grant's source.
	v := testkit.Grant("UK", testkit.Sel{IDs: testkit.Gids("art5-tr")})
	v.Sources = []string{"draft"}
	r := testkit.Evaluate(t, testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Aside(testkit.Nato("TR"))),
		testkit.Guarantees(testkit.G("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)")), testkit.Vetoes(v)))
	fs := testkit.Only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", testkit.ListFindings(r.Findings))
	}
	if !strings.HasSuffix(fs[0].Message, ": UK is granted a veto by the deal") || !cmp.Equal(fs[0].Sources, []string{"draft"}) {
		t.Errorf("message %q with sources %q; want UK's veto said to be granted by the deal, citing draft", fs[0].Message, fs[0].Sources)
	}
}

func TestAnyoneUnderNotAnswersNoAttack(t *testing.T) {
	// A military guarantee that an attack by anyone ends does not answer
	// RU's attack.
	s := testkit.Build(testkit.Guarantees(testkit.G("quiet", "US", "UA", guarantee.Military, "all(peace-deal, not(attack(*, UA)))")), testkit.Timeline("attack(RU, UA)"))
	want := []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), nil, nil)}
	if diff := cmp.Diff(want, testkit.Only(testkit.Evaluate(t, s), scenario.NoMilitaryResponse), testkit.IgnoreText); diff != "" {
		t.Errorf("no-military-response (-want +got):\n%s", diff)
	}
}

func TestCaptureNamesNoAnyone(t *testing.T) {
	// RU holds a veto over a guarantee that answers an attack by anyone:
	// * names no one, so the guarantee is not captured (it is an
	// insider's veto instead).
	s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")), testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)))
	r := testkit.Evaluate(t, s)
	if fs := testkit.Only(r, scenario.CapturedGuarantee); len(fs) != 0 {
		t.Errorf("captured-guarantee fired for a trigger naming no attacker:\n%s", testkit.ListFindings(fs))
	}
	// Named, it is.
	s = testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "any(attack(*, UA), attack(RU, UA))")), testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)))
	if fs := testkit.Only(testkit.Evaluate(t, s), scenario.CapturedGuarantee); len(fs) != 1 {
		t.Errorf("captured-guarantee did not fire for RU, named beside *")
	}
	// captured-renewal likewise: RU holds a veto in the renewing body.
	renewed := func(trigger string) scenario.Scenario {
		s := testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(testkit.G("mission", "US", "GE", guarantee.Military, trigger)))
		s.Guarantees[0].Mandate = guarantee.RenewedBy("UNSC", guarantee.Months(6))
		return s
	}
	if fs := testkit.Only(testkit.Evaluate(t, renewed("attack(*, GE)")), scenario.CapturedRenewal); len(fs) != 0 {
		t.Errorf("captured-renewal fired for a trigger naming no attacker:\n%s", testkit.ListFindings(fs))
	}
	if fs := testkit.Only(testkit.Evaluate(t, renewed("attack(RU, GE)")), scenario.CapturedRenewal); len(fs) != 1 {
		t.Errorf("captured-renewal did not fire for RU named: %v", fs)
	}
}

func TestNoMilitaryResponseAnsweredByAnyone(t *testing.T) {
	// RU attacks UA in the timeline; the only military guarantee to UA
	// answers an attack by anyone.
	answered := testkit.Build(testkit.Guarantees(testkit.G("nato-art5", "US", "UA", guarantee.Military, "attack(*, UA)")), testkit.Timeline("attack(RU, UA)"))
	if fs := testkit.Only(testkit.Evaluate(t, answered), scenario.NoMilitaryResponse); len(fs) != 0 {
		t.Errorf("no-military-response fired though a military guarantee answers any attacker:\n%s", testkit.ListFindings(fs))
	}
	// Named by another guarantee's trigger, likewise.
	answered = testkit.Build(testkit.Guarantees(
		testkit.G("nato-art5", "US", "UA", guarantee.Military, "attack(*, UA)"),
		testkit.G("eu-sanctions", "EU", "UA", guarantee.Sanctions, "attack(BY, UA)"),
	), testkit.Actors(testkit.Body("EU", actor.Organization, actor.Unanimity, "DE", "FR", "PL")))
	if fs := testkit.Only(testkit.Evaluate(t, answered), scenario.NoMilitaryResponse); len(fs) != 0 {
		t.Errorf("no-military-response fired for BY though a military guarantee answers any attacker:\n%s", testkit.ListFindings(fs))
	}
	// A sanctions guarantee by anyone does not answer militarily.
	unanswered := testkit.Build(testkit.Guarantees(testkit.G("eu-sanctions", "US", "UA", guarantee.Sanctions, "attack(*, UA)")), testkit.Timeline("attack(RU, UA)"))
	want := []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), nil, nil)}
	if diff := cmp.Diff(want, testkit.Only(testkit.Evaluate(t, unanswered), scenario.NoMilitaryResponse), testkit.IgnoreText); diff != "" {
		t.Errorf("no-military-response (-want +got):\n%s", diff)
	}
	// A military guarantee by anyone to another beneficiary does not
	// answer an attack on UA.
	elsewhere := testkit.Build(testkit.Guarantees(testkit.G("art5-pl", "US", "PL", guarantee.Military, "attack(*, PL)")), testkit.Timeline("attack(RU, UA)"))
	if diff := cmp.Diff(want, testkit.Only(testkit.Evaluate(t, elsewhere), scenario.NoMilitaryResponse), testkit.IgnoreText); diff != "" {
		t.Errorf("no-military-response with the guarantee to PL (-want +got):\n%s", diff)
	}
	// And one with errors does not answer: it is listed.
	broken := testkit.Build(testkit.Guarantees(testkit.G("art5", "US", "UA", guarantee.Military, "attack(*, UA)")),
		testkit.Positions(testkit.Pos("UA", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("art5")})), testkit.Timeline("attack(RU, UA)"))
	want = []scenario.Finding{testkit.Finding(scenario.NoMilitaryResponse, scenario.Warning, testkit.Ids("RU", "UA"), testkit.Gids("art5"), nil)}
	if diff := cmp.Diff(want, testkit.Only(testkit.Evaluate(t, broken), scenario.NoMilitaryResponse), testkit.IgnoreText); diff != "" {
		t.Errorf("no-military-response with a broken guarantee (-want +got):\n%s", diff)
	}
}

func TestTimelineRefusesAnyone(t *testing.T) {
	s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")))
	s.Timeline = []guarantee.Event{{Name: guarantee.EventPeaceDeal}, {Name: guarantee.EventAttack, Args: []actor.ID{guarantee.Anyone, "UA"}}}
	err := scenario.Validate(s)
	fe, ok := errors.AsType[*scenario.FieldError](err)
	if !ok {
		t.Fatalf("Validate = %v, want a *FieldError", err)
	}
	if fe.Path != "timeline[1]" || !strings.Contains(fe.Err.Error(), "names who did it") {
		t.Errorf("Validate = %q at %s, want timeline[1] and what to write", fe.Err, fe.Path)
	}
	// An activation cannot name anyone either.
	s = testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")))
	s.Guarantees[0].Activation = guarantee.Activation{Mode: guarantee.Consent, Actors: []actor.ID{guarantee.Anyone}}
	if err := scenario.Validate(s); err == nil || !strings.Contains(err.Error(), "activation names who decides") {
		t.Errorf("Validate with consent(*) = %v, want an error saying who an activation names", err)
	}
}

func TestAnyAttackerAtRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 1))
	byAnyone, insiders := 0, 0
	for seed := range uint64(500) {
		s := testkit.Generate(seed, testkit.RandomShape(r))
		if err := scenario.Validate(s); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, g := range s.Guarantees {
			if g.Trigger.ByAnyone() {
				byAnyone++
			}
		}
		insiders += len(testkit.Only(testkit.Evaluate(t, s), scenario.InsiderVeto))
	}
	if byAnyone < 100 || insiders < 20 {
		t.Errorf("in 500 scenarios, only %d triggers answer anyone and %d insider-veto findings: the references rarely meet *", byAnyone, insiders)
	}
}
