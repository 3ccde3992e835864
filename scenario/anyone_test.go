package scenario_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's paragraph "Any attacker", one
// sentence at a time: attack(*, B) is an attack on B by anyone; in a
// timeline events name their attacker; an event attack(X, B) makes
// attack(*, B) hold with X the attacker of that call; * names no one for
// captured-guarantee and captured-renewal; no-military-response counts a
// guarantee to B admitting any attacker as answering every attacker of B;
// and insider-veto.

// nato is an alliance deciding by consensus, Greece and Turkey among its
// members, as the North Atlantic Council does.
func nato(members ...actor.ID) actor.Actor {
	return alliance("NATO", actor.Unanimity, append([]actor.ID{"US", "UK", "GR"}, members...)...)
}

func TestInsiderVeto(t *testing.T) {
	insider := func(g guarantee.ID, who ...actor.ID) []scenario.Finding {
		return []scenario.Finding{finding(scenario.InsiderVeto, scenario.Warning, who, gids(g), nil)}
	}
	runFindingCases(t, scenario.InsiderVeto, []findingCase{
		{
			name:   "ConsensusBody",
			reason: "Article 5 under consensus: every member other than the provider and the beneficiary holds a veto and could be the attacker.",
			s: build(actors(withGR(), nato("TR")),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)"))),
			want: insider("art5-tr", "GR", "UK", "US"),
		},
		{
			name:   "NamedTriggerHasNone",
			reason: "The same pact answering only a named attacker opens no insider's veto: * is what opens it.",
			s: build(actors(withGR(), nato("TR")),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(RU, TR)"))),
		},
		{
			name:   "StateDecidingAlone",
			reason: "A state provider deciding alone holds the only veto, and a provider that attacks its own beneficiary breaks the guarantee outright: that is no veto.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)"))),
		},
		{
			name:   "Automatic",
			reason: "Nobody's consent is needed, so nobody holds a veto.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", activation("automatic")))),
		},
		{
			name:   "PartiesSetAside",
			reason: "Locarno's Council does not count the votes of the parties: a member that attacks is a party to that call and loses its veto.",
			s: build(actors(withGR(), aside(nato("TR"))),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)"))),
		},
		{
			name:   "PartiesSetAsideByTheActivation",
			reason: "The activation, not the body's rule, sets the parties aside: the same.",
			s: build(actors(withGR(), nato("TR")),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)", asideActivation))),
		},
		{
			name:   "ExplicitVetoUnderMajority",
			reason: "Under majority only explicit veto holders count: the Security Council's permanent members other than the provider's, not the elected member.",
			s: build(actors(unsc()),
				guarantees(g("unsc-ua", "UNSC", "UA", guarantee.Military, "violation(*)"))),
			want: insider("unsc-ua", "CN", "FR", "RU", "UK", "US"),
		},
		{
			name:   "GrantedVeto",
			reason: "The deal grants RU a veto over US air support that answers an attack by anyone: RU could be that attacker.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")),
				vetoes(grant("RU", toUA))),
			want: insider("us-air", "RU"),
		},
		{
			name:   "ConsentingState",
			reason: "A listed state that must consent holds a veto.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", activation("consent(PL)")))),
			want:   insider("us-air", "PL"),
		},
		{
			name:   "NamedAttackerIsCaptured",
			reason: "RU is named as an attacker and holds a veto: captured-guarantee says it, and insider-veto does not say it again.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "any(attack(RU, UA), attack(*, UA))")),
				vetoes(grant("RU", toUA), grant("BY", toUA))),
			want: insider("us-air", "BY"),
		},
		{
			name:   "UnderNot",
			reason: "A trigger that an attack by anyone ends, all(peace-deal, not(attack(*, TR))), admits no attacker: it never fires on one.",
			s: build(actors(withGR(), nato("TR")),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "all(peace-deal, not(attack(*, TR)))"))),
		},
		{
			name:   "UnderTwoNots",
			reason: "not(not(attack(*, TR))) admits any attacker, as attack(*, TR) does.",
			s: build(actors(withGR(), nato("TR")),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "not(not(attack(*, TR)))"))),
			want: insider("art5-tr", "GR", "UK", "US"),
		},
		{
			name:   "GrantedVetoSurvivesPartiesAside",
			reason: "The rule sets the parties aside, so a member that attacks loses its vote; but UK also holds a veto the deal grants, which no rule sets aside.",
			s: build(actors(withGR(), aside(nato("TR"))),
				guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)")),
				vetoes(grant("UK", sel{IDs: gids("art5-tr")}))),
			want: insider("art5-tr", "UK"),
		},
		{
			name:   "AttackOnAnotherState",
			reason: "A guarantee to UA due on an attack on PL by anyone: PL holds a veto but cannot be the attacker of an attack on itself.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, PL)", activation("consent(PL)")))),
		},
	})
}

// withGR adds Greece to the base states.
func withGR() actor.Actor { return actor.Actor{ID: "GR", Name: "Greece"} }

func TestInsiderVetoMessage(t *testing.T) {
	r := evaluate(t, build(actors(withGR(), nato("TR")),
		guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)", gsources("nato-1949")))))
	fs := only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", listFindings(r.Findings))
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
	v := grant("RU", toUA)
	v.Sources = []string{"draft"}
	r := evaluate(t, build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)", activation("consent(PL)"))),
		vetoes(v, grant("BY", toUA))))
	fs := only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", listFindings(r.Findings))
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
	v := grant("UK", sel{IDs: gids("art5-tr")})
	v.Sources = []string{"draft"}
	r := evaluate(t, build(actors(withGR(), aside(nato("TR"))),
		guarantees(g("art5-tr", "NATO", "TR", guarantee.Military, "attack(*, TR)")), vetoes(v)))
	fs := only(r, scenario.InsiderVeto)
	if len(fs) != 1 {
		t.Fatalf("want one insider-veto finding; got:\n%s", listFindings(r.Findings))
	}
	if !strings.HasSuffix(fs[0].Message, ": UK is granted a veto by the deal") || !cmp.Equal(fs[0].Sources, []string{"draft"}) {
		t.Errorf("message %q with sources %q; want UK's veto said to be granted by the deal, citing draft", fs[0].Message, fs[0].Sources)
	}
}

func TestAnyoneUnderNotAnswersNoAttack(t *testing.T) {
	// A military guarantee that an attack by anyone ends does not answer
	// RU's attack.
	s := build(guarantees(g("quiet", "US", "UA", guarantee.Military, "all(peace-deal, not(attack(*, UA)))")), timeline("attack(RU, UA)"))
	want := []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), nil, nil)}
	if diff := cmp.Diff(want, only(evaluate(t, s), scenario.NoMilitaryResponse), ignoreText); diff != "" {
		t.Errorf("no-military-response (-want +got):\n%s", diff)
	}
}

func TestCaptureNamesNoAnyone(t *testing.T) {
	// RU holds a veto over a guarantee that answers an attack by anyone:
	// * names no one, so the guarantee is not captured (it is an
	// insider's veto instead).
	s := build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")), vetoes(grant("RU", toUA)))
	r := evaluate(t, s)
	if fs := only(r, scenario.CapturedGuarantee); len(fs) != 0 {
		t.Errorf("captured-guarantee fired for a trigger naming no attacker:\n%s", listFindings(fs))
	}
	// Named, it is.
	s = build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "any(attack(*, UA), attack(RU, UA))")), vetoes(grant("RU", toUA)))
	if fs := only(evaluate(t, s), scenario.CapturedGuarantee); len(fs) != 1 {
		t.Errorf("captured-guarantee did not fire for RU, named beside *")
	}
	// captured-renewal likewise: RU holds a veto in the renewing body.
	renewed := func(trigger string) scenario.Scenario {
		s := build(actors(unsc()), guarantees(g("mission", "US", "GE", guarantee.Military, trigger)))
		s.Guarantees[0].Mandate = guarantee.RenewedBy("UNSC", guarantee.Months(6))
		return s
	}
	if fs := only(evaluate(t, renewed("attack(*, GE)")), scenario.CapturedRenewal); len(fs) != 0 {
		t.Errorf("captured-renewal fired for a trigger naming no attacker:\n%s", listFindings(fs))
	}
	if fs := only(evaluate(t, renewed("attack(RU, GE)")), scenario.CapturedRenewal); len(fs) != 1 {
		t.Errorf("captured-renewal did not fire for RU named: %v", fs)
	}
}

func TestNoMilitaryResponseAnsweredByAnyone(t *testing.T) {
	// RU attacks UA in the timeline; the only military guarantee to UA
	// answers an attack by anyone.
	answered := build(guarantees(g("nato-art5", "US", "UA", guarantee.Military, "attack(*, UA)")), timeline("attack(RU, UA)"))
	if fs := only(evaluate(t, answered), scenario.NoMilitaryResponse); len(fs) != 0 {
		t.Errorf("no-military-response fired though a military guarantee answers any attacker:\n%s", listFindings(fs))
	}
	// Named by another guarantee's trigger, likewise.
	answered = build(guarantees(
		g("nato-art5", "US", "UA", guarantee.Military, "attack(*, UA)"),
		g("eu-sanctions", "EU", "UA", guarantee.Sanctions, "attack(BY, UA)"),
	), actors(body("EU", actor.Organization, actor.Unanimity, "DE", "FR", "PL")))
	if fs := only(evaluate(t, answered), scenario.NoMilitaryResponse); len(fs) != 0 {
		t.Errorf("no-military-response fired for BY though a military guarantee answers any attacker:\n%s", listFindings(fs))
	}
	// A sanctions guarantee by anyone does not answer militarily.
	unanswered := build(guarantees(g("eu-sanctions", "US", "UA", guarantee.Sanctions, "attack(*, UA)")), timeline("attack(RU, UA)"))
	want := []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), nil, nil)}
	if diff := cmp.Diff(want, only(evaluate(t, unanswered), scenario.NoMilitaryResponse), ignoreText); diff != "" {
		t.Errorf("no-military-response (-want +got):\n%s", diff)
	}
	// A military guarantee by anyone to another beneficiary does not
	// answer an attack on UA.
	elsewhere := build(guarantees(g("art5-pl", "US", "PL", guarantee.Military, "attack(*, PL)")), timeline("attack(RU, UA)"))
	if diff := cmp.Diff(want, only(evaluate(t, elsewhere), scenario.NoMilitaryResponse), ignoreText); diff != "" {
		t.Errorf("no-military-response with the guarantee to PL (-want +got):\n%s", diff)
	}
	// And one with errors does not answer: it is listed.
	broken := build(guarantees(g("art5", "US", "UA", guarantee.Military, "attack(*, UA)")),
		positions(pos("UA", scenario.Rejects, sel{IDs: gids("art5")})), timeline("attack(RU, UA)"))
	want = []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), gids("art5"), nil)}
	if diff := cmp.Diff(want, only(evaluate(t, broken), scenario.NoMilitaryResponse), ignoreText); diff != "" {
		t.Errorf("no-military-response with a broken guarantee (-want +got):\n%s", diff)
	}
}

func TestWalkCallsAnyoneWithTheRealAttacker(t *testing.T) {
	// Article 5 under consensus, Greece and Turkey members: a Russian
	// attack on Greece calls the guarantee to Greece with Russia as its
	// attacker, and it activates. Turkey's attack is a new call with
	// Turkey as its attacker, and Turkey holds a veto: void. Russia's
	// next attack is blocked: a veto holder, Turkey, has attacked Greece.
	s := build(actors(withGR(), nato("TR")),
		guarantees(g("art5-gr", "NATO", "GR", guarantee.Military, "attack(*, GR)")),
		timeline("peace-deal", "attack(RU, GR)", "attack(TR, GR)", "attack(RU, GR)", "attack(RU, UA)"))
	got := calls(simulate(t, s))
	want := []string{
		"peace-deal: ",
		"attack(RU, GR): art5-gr#1 activates [RU]",
		"attack(TR, GR): art5-gr#2 void [TR]",
		"attack(RU, GR): art5-gr#3 blocked [RU]",
		"attack(RU, UA): ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
	// A first call after several attacks has all of them as attackers.
	s = build(actors(withGR(), nato("TR")),
		guarantees(g("art5-gr", "NATO", "GR", guarantee.Military, "all(peace-deal, attack(*, GR))")),
		timeline("attack(RU, GR)", "attack(BY, GR)", "peace-deal"))
	got = calls(simulate(t, s))
	want = []string{"attack(RU, GR): ", "attack(BY, GR): ", "peace-deal: art5-gr#1 activates [BY RU]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk with the call after the attacks (-want +got):\n%s", diff)
	}
}

func TestWalkRenewalByAnyone(t *testing.T) {
	// A mission renewed by a council where RU holds a veto, due on an
	// attack on GE by anyone: RU's attack makes it hold, and RU then
	// blocks the renewal, as an attacker of an attack its trigger admits.
	s := build(actors(unsc()), guarantees(g("mission", "UK", "GE", guarantee.Military, "attack(*, GE)")),
		timeline("attack(RU, GE)", "renewal(UNSC)"))
	s.Guarantees[0].Mandate = guarantee.RenewedBy("UNSC", guarantee.Period{})
	sim := simulate(t, s)
	got := calls(sim)
	want := []string{"attack(RU, GE): mission#1 activates [RU]", "renewal(UNSC): lapsed mission  (UNSC RU:captured)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("walk (-want +got):\n%s", diff)
	}
	b := sim.Steps[1].Lapses[0].Blocks[0]
	if b.Event != "attack(RU, GE)" || !strings.Contains(b.Message, "attack(*, GE)") {
		t.Errorf("block %+v: want the event attack(RU, GE), and the message naming the trigger's attack(*, GE)", b)
	}
	// Attacked by BY instead, RU has no reason to block.
	s.Timeline = []guarantee.Event{must(guarantee.ParseEvent("attack(BY, GE)")), guarantee.Renewal("UNSC")}
	if got := calls(simulate(t, s)); got[1] != "renewal(UNSC): " {
		t.Errorf("renewal after BY's attack: %q, want nothing to lapse", got[1])
	}
}

func TestTimelineRefusesAnyone(t *testing.T) {
	s := build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")))
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
	s = build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(*, UA)")))
	s.Guarantees[0].Activation = guarantee.Activation{Mode: guarantee.Consent, Actors: []actor.ID{guarantee.Anyone}}
	if err := scenario.Validate(s); err == nil || !strings.Contains(err.Error(), "activation names who decides") {
		t.Errorf("Validate with consent(*) = %v, want an error saying who an activation names", err)
	}
}

// anyAttackerAtRandom makes some attacks and violations of the triggers
// ones by anyone, drawing from a stream of its own so that the rest of the
// scenario is the one the seed gave before: the brute-force references of
// Search, Compare and sweeps meet * on thousands of random scenarios.
func anyAttackerAtRandom(seed uint64, s *scenario.Scenario) {
	r := rand.New(rand.NewPCG(seed, 0x616e796f6e65)) // "anyone"
	var rewrite func(c guarantee.Condition) guarantee.Condition
	rewrite = func(c guarantee.Condition) guarantee.Condition {
		if _, ok := c.Event.Attacker(); ok && c.Op == guarantee.OnEvent && r.IntN(100) < 30 {
			c.Event = c.Event.AsAnyone()
		}
		if len(c.Sub) > 0 {
			sub := make([]guarantee.Condition, len(c.Sub))
			for i := range c.Sub {
				sub[i] = rewrite(c.Sub[i])
			}
			c.Sub = sub
		}
		return c
	}
	for i := range s.Guarantees {
		s.Guarantees[i].Trigger = rewrite(s.Guarantees[i].Trigger)
	}
}

func TestAnyAttackerAtRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 1))
	byAnyone, insiders := 0, 0
	for seed := range uint64(500) {
		s := generate(seed, randomShape(r))
		if err := scenario.Validate(s); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, g := range s.Guarantees {
			if g.Trigger.ByAnyone() {
				byAnyone++
			}
		}
		insiders += len(only(evaluate(t, s), scenario.InsiderVeto))
	}
	if byAnyone < 100 || insiders < 20 {
		t.Errorf("in 500 scenarios, only %d triggers answer anyone and %d insider-veto findings: the references rarely meet *", byAnyone, insiders)
	}
}

func TestCompareNamesTheMoveToAnyone(t *testing.T) {
	base := build(actors(alliance("NATO", actor.Unanimity, "US", "PL", "UA")),
		guarantees(g("art5", "NATO", "UA", guarantee.Military, "attack(RU, UA)")))
	other := cloneScenario(base)
	other.Guarantees[0].Trigger = guarantee.AttackOn("UA")
	c, err := compare.Scenarios(t.Context(), base, other)
	if err != nil {
		t.Fatal(err)
	}
	const edit = "set art5.trigger = attack(*, UA)"
	if !cmp.Equal(c.Edits, []string{edit}) || !cmp.Equal(c.Notes, []string{"art5 now answers an attack by anyone, where it named RU"}) {
		t.Errorf("edits %q and notes %q, want [%s] and the move to anyone named", c.Edits, c.Notes, edit)
	}
	if len(c.Appeared) != 1 || c.Appeared[0].After.Code != scenario.InsiderVeto || !cmp.Equal(c.Appeared[0].Because, []string{edit}) {
		t.Errorf("appeared %+v, want insider-veto because of the edit", c.Appeared)
	}
	var text strings.Builder
	if err := compare.WriteText(&text, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "  set art5.trigger = attack(*, UA)\n  (art5 now answers an attack by anyone, where it named RU)\n") {
		t.Errorf("the text does not name the move to anyone under the edit:\n%s", text.String())
	}
	c, err = compare.Scenarios(t.Context(), other, base)
	if err != nil {
		t.Fatal(err)
	}
	if want := "art5 now answers RU by name, no longer anyone"; !cmp.Equal(c.Notes, []string{want}) {
		t.Errorf("notes back %q, want [%s]", c.Notes, want)
	}
	// A change between named attackers says nothing more.
	third := cloneScenario(base)
	third.Guarantees[0].Trigger = guarantee.Attack("BY", "UA")
	c, err = compare.Scenarios(t.Context(), base, third)
	if err != nil {
		t.Fatal(err)
	}
	if want := "set art5.trigger = attack(BY, UA)"; !cmp.Equal(c.Edits, []string{want}) || len(c.Notes) != 0 {
		t.Errorf("edits %q and notes %q, want [%s] and no note", c.Edits, c.Notes, want)
	}
}
