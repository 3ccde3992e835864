package walk_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// The tests in this file hold Simulate to its doc comment: when a guarantee
// falls due, what becomes of it (activates, blocked, void) and why, who
// abstains, what lapses, and what each beneficiary receives after each
// event.

// simStep is a step of a simulation without what the cases leave out: the
// event as text, and the due guarantees as simCalls.
type simStep struct {
	Event    string
	Due      []simCall
	Lapsed   []guarantee.ID
	Receives []walk.Receipt
}

// simCall is a call without the fields [checkSimulation] checks
// against the scenario (provider, beneficiary, kind, sources).
type simCall struct {
	Guarantee guarantee.ID
	Status    walk.Status
	Blocks    []walk.Block
	Abstains  []actor.ID
}

// simOpts compares blocks without their messages, which
// checkSimulation requires to be set, and treats nil and empty lists alike.
var simOpts = cmp.Options{
	cmpopts.IgnoreFields(walk.Block{}, "Message"),
	cmpopts.EquateEmpty(),
}

func activates(id guarantee.ID, abstains ...actor.ID) simCall {
	return simCall{Guarantee: id, Status: walk.Activates, Abstains: abstains}
}

func blockedBy(id guarantee.ID, blocks ...walk.Block) simCall {
	return simCall{Guarantee: id, Status: walk.Blocked, Blocks: blocks}
}

func voidBy(id guarantee.ID, blocks ...walk.Block) simCall {
	return simCall{Guarantee: id, Status: walk.Void, Blocks: blocks}
}

func capturedBy(a actor.ID) walk.Block {
	return walk.Block{Reason: walk.Captured, Actor: a}
}

// aimedAt is the block of a veto holder the guarantee is aimed at; event
// is the attack that makes it so, or "" when a is the target.
func aimedAt(a actor.ID, event string) walk.Block {
	return walk.Block{Reason: walk.AimedAt, Actor: a, Event: event}
}

func objectsBy(a actor.ID, position string) walk.Block {
	return walk.Block{Reason: walk.Objects, Actor: a, Position: position}
}

func dependsOn(r guarantee.ID) walk.Block {
	return walk.Block{Reason: walk.Dependency, Requires: r}
}

func receipt(ben actor.ID, kind guarantee.Kind, gs ...guarantee.ID) walk.Receipt {
	return walk.Receipt{Beneficiary: ben, Kind: kind, Guarantees: gs}
}

func receipts(rs ...walk.Receipt) []walk.Receipt { return rs }

// simulate simulates s, failing the test on an error, and checks what
// every simulation must keep.
func simulate(t testing.TB, s scenario.Scenario) walk.Simulation {
	t.Helper()
	sim, err := walk.Simulate(s)
	if err != nil {
		t.Fatalf("Simulate(...): unexpected error: %v", err)
	}
	checkSimulation(t, s, sim)
	return sim
}

// stepsOf returns the steps of sim in the form the cases write.
func stepsOf(sim walk.Simulation) []simStep {
	var out []simStep
	for _, st := range sim.Steps {
		w := simStep{Event: st.Event.String(), Lapsed: st.NoLongerDue, Receives: st.Receives}
		for _, o := range st.Due {
			w.Due = append(w.Due, simCall{o.Guarantee, o.Status, o.Blocks, o.Abstains})
		}
		out = append(out, w)
	}
	return out
}

// checkSimulation checks sim against s and the doc comment, independently
// of the cases: one step per event, in order; each outcome names its
// guarantee's provider, beneficiary, kind and sources; a guarantee
// activates exactly when nothing blocks it, is void exactly when its first
// block is a capture (and then every block is), and every block has a
// message; veto-holder blocks come before dependencies; a guarantee lapses
// only after falling due, and falls due only when it is not already; and
// Receives is every guarantee that is due and activated, grouped by
// beneficiary and kind in that order, in the scenario's order.
func checkSimulation(t testing.TB, s scenario.Scenario, sim walk.Simulation) {
	t.Helper()
	if sim.Scenario != s.Name {
		t.Errorf("simulation names scenario %q; want %q", sim.Scenario, s.Name)
	}
	if len(sim.Steps) != len(s.Timeline) {
		t.Fatalf("%d steps for %d events", len(sim.Steps), len(s.Timeline))
	}
	byID := map[guarantee.ID]guarantee.Guarantee{}
	order := map[guarantee.ID]int{}
	for i, gg := range s.Guarantees {
		byID[gg.ID], order[gg.ID] = gg, i
	}
	due := map[guarantee.ID]bool{}
	active := map[guarantee.ID]bool{}
	lapsed := map[guarantee.ID]bool{}
	calls := map[guarantee.ID]int{}
	for i, st := range sim.Steps {
		for _, l := range st.Lapses {
			if lapsed[l.Guarantee] {
				t.Errorf("step %d: %s lapses twice", i+1, l.Guarantee)
			}
			if byID[l.Guarantee].Mandate.IsZero() {
				t.Errorf("step %d: %s lapses with no mandate", i+1, l.Guarantee)
			}
			if l.Sunset == (len(l.Blocks) > 0) || l.Sunset == (l.Body != "") {
				t.Errorf("step %d: lapse %+v is either a sunset or a blocked renewal by a body", i+1, l)
			}
			lapsed[l.Guarantee], active[l.Guarantee] = true, false
		}
		if !st.Event.Equal(s.Timeline[i]) {
			t.Errorf("step %d: event %v; want %v", i+1, st.Event, s.Timeline[i])
		}
		if !slices.IsSortedFunc(st.Due, func(a, b walk.Call) int { return order[a.Guarantee] - order[b.Guarantee] }) {
			t.Errorf("step %d: due guarantees not in the scenario's order", i+1)
		}
		for _, o := range st.Due {
			gg, ok := byID[o.Guarantee]
			if !ok {
				t.Errorf("step %d: unknown guarantee %q falls due", i+1, o.Guarantee)
				continue
			}
			attacker, isAttack := st.Event.Attacker()
			if due[o.Guarantee] && (!isAttack || !slices.Equal(o.Attackers, []actor.ID{attacker})) {
				t.Errorf("step %d: %s is called again while due, by %v, against %v: only an attack or violation calls again, against its attacker", i+1, o.Guarantee, st.Event, o.Attackers)
			}
			if lapsed[o.Guarantee] {
				t.Errorf("step %d: %s is called after it lapsed", i+1, o.Guarantee)
			}
			calls[o.Guarantee]++
			if o.Number != calls[o.Guarantee] {
				t.Errorf("step %d: %s's call is numbered %d; want %d", i+1, o.Guarantee, o.Number, calls[o.Guarantee])
			}
			due[o.Guarantee], active[o.Guarantee] = true, o.Status == walk.Activates
			if o.Provider != gg.Provider || o.Beneficiary != gg.Beneficiary || o.Kind != gg.Kind || !slices.Equal(o.Sources, gg.Sources) {
				t.Errorf("step %d: outcome of %s names %s, %s, %s, %q; want %s, %s, %s, %q", i+1, o.Guarantee,
					o.Provider, o.Beneficiary, o.Kind, o.Sources, gg.Provider, gg.Beneficiary, gg.Kind, gg.Sources)
			}
			captured := len(o.Blocks) > 0 && o.Blocks[0].Reason == walk.Captured
			switch {
			case o.Status == walk.Activates && len(o.Blocks) > 0,
				o.Status == walk.Blocked && (len(o.Blocks) == 0 || captured),
				o.Status == walk.Void && !captured,
				o.Status != walk.Activates && o.Status != walk.Blocked && o.Status != walk.Void:
				t.Errorf("step %d: %s is %v with blocks %+v", i+1, o.Guarantee, o.Status, o.Blocks)
			}
			dep := false
			for _, b := range o.Blocks {
				if b.Message == "" {
					t.Errorf("step %d: %s: block %+v has no message", i+1, o.Guarantee, b)
				}
				if captured && b.Reason != walk.Captured {
					t.Errorf("step %d: %s is void but also blocked for %v", i+1, o.Guarantee, b.Reason)
				}
				if b.Reason == walk.Dependency {
					dep = true
				} else if dep {
					t.Errorf("step %d: %s: a veto holder's block after a dependency: %+v", i+1, o.Guarantee, o.Blocks)
				}
			}
		}
		for _, id := range st.NoLongerDue {
			if !due[id] {
				t.Errorf("step %d: %s lapses without having fallen due", i+1, id)
			}
			due[id], active[id] = false, false
		}
		var want []walk.Receipt
		for _, gg := range s.Guarantees {
			if !active[gg.ID] {
				continue
			}
			k := slices.IndexFunc(want, func(r walk.Receipt) bool { return r.Beneficiary == gg.Beneficiary && r.Kind == gg.Kind })
			if k < 0 {
				want = append(want, receipt(gg.Beneficiary, gg.Kind))
				k = len(want) - 1
			}
			want[k].Guarantees = append(want[k].Guarantees, gg.ID)
		}
		slices.SortFunc(want, func(a, b walk.Receipt) int {
			return strings.Compare(string(a.Beneficiary)+"\x00"+string(a.Kind), string(b.Beneficiary)+"\x00"+string(b.Kind))
		})
		if diff := cmp.Diff(want, st.Receives, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("step %d (%v): Receives is not what is due and activated: -want +got:\n%s", i+1, st.Event, diff)
		}
	}
}

// simCase is one case of a table of outcomes: what falls due at one step.
type simCase struct {
	name   string
	reason string
	s      scenario.Scenario
	at     int // the step, from 0, whose due outcomes want lists
	want   []simCall
}

func runSimCases(t *testing.T, cases []simCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim := simulate(t, tc.s)
			steps := stepsOf(sim)
			if diff := cmp.Diff(tc.want, steps[tc.at].Due, simOpts); diff != "" {
				t.Errorf("%s\nSimulate(...) due at step %d (%s): -want +got:\n%s", tc.reason, tc.at+1, steps[tc.at].Event, diff)
			}
		})
	}
}

// walkCase is one case of a table of whole walks.
type walkCase struct {
	name   string
	reason string
	s      scenario.Scenario
	want   []simStep
}

func runWalkCases(t *testing.T, cases []walkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, stepsOf(simulate(t, tc.s)), simOpts); diff != "" {
				t.Errorf("%s\nSimulate(...) steps: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSimulateActivation(t *testing.T) {
	air := receipt("UA", guarantee.AirSupport, "us-air")
	runWalkCases(t, []walkCase{
		{
			name:   "AtTheAttack",
			reason: "A guarantee triggered by attack(RU, UA) falls due exactly at that event, not before, activates, and is received from then on.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Timeline("peace-deal", "ceasefire", "attack(RU, UA)", "violation(RU)")),
			want: []simStep{
				{Event: "peace-deal"},
				{Event: "ceasefire"},
				{Event: "attack(RU, UA)", Due: []simCall{activates("us-air")}, Receives: receipts(air)},
				{Event: "violation(RU)", Receives: receipts(air)},
			},
		},
		{
			name:   "EmptyTriggerAtTheFirstEvent",
			reason: "An empty trigger holds from the moment the deal holds: nothing is due before the first event, so it falls due there, whatever that event is.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "")),
				testkit.Timeline("ceasefire", "peace-deal")),
			want: []simStep{
				{Event: "ceasefire", Due: []simCall{activates("us-air")}, Receives: receipts(air)},
				{Event: "peace-deal", Receives: receipts(air)},
			},
		},
		{
			name:   "RepeatAttackCallsAgain",
			reason: "docs/MODEL.md, Time: a new attack is a new call, even a repeat of an earlier one.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Timeline("attack(RU, UA)", "attack(RU, UA)")),
			want: []simStep{
				{Event: "attack(RU, UA)", Due: []simCall{activates("us-air")}, Receives: receipts(air)},
				{Event: "attack(RU, UA)", Due: []simCall{activates("us-air")}, Receives: receipts(air)},
			},
		},
		{
			name:   "RepeatOfAnotherEventDoesNotCall",
			reason: "Only an attack or violation the trigger names calls a guarantee again; a peace deal repeated changes nothing.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-aid", "US", "UA", guarantee.Aid, "peace-deal")),
				testkit.Timeline("peace-deal", "peace-deal")),
			want: []simStep{
				{Event: "peace-deal", Due: []simCall{activates("us-aid")}, Receives: receipts(receipt("UA", guarantee.Aid, "us-aid"))},
				{Event: "peace-deal", Receives: receipts(receipt("UA", guarantee.Aid, "us-aid"))},
			},
		},
		{
			name:   "ReceivesByBeneficiaryAndKind",
			reason: "Receives groups the activated guarantees by beneficiary, then kind, both sorted, each group in the scenario's order; a guarantee not yet due is not received.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "peace-deal"),
				testkit.G("uk-aid", "UK", "UA", guarantee.Aid, "peace-deal"),
				testkit.G("fr-aid", "FR", "GE", guarantee.Aid, "peace-deal"),
				testkit.G("de-aid", "DE", "UA", guarantee.Aid, ""),
				testkit.G("pl-arms", "PL", "UA", guarantee.Arms, "attack(RU, UA)"),
			), testkit.Timeline("peace-deal")),
			want: []simStep{{
				Event: "peace-deal",
				Due:   []simCall{activates("us-air"), activates("uk-aid"), activates("fr-aid"), activates("de-aid")},
				Receives: receipts(
					receipt("GE", guarantee.Aid, "fr-aid"),
					receipt("UA", guarantee.Aid, "uk-aid", "de-aid"),
					air,
				),
			}},
		},
		{
			name:   "NoTimeline",
			reason: "A scenario without a timeline has no steps.",
			s:      testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""))),
			want:   nil,
		},
	})

	t.Run("Call", func(t *testing.T) {
		s := testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Gsources("seed", "kyiv"))),
			testkit.Timeline("attack(RU, UA)"))
		want := walk.Call{Guarantee: "us-air", Provider: "US", Beneficiary: "UA", Kind: guarantee.AirSupport,
			Number: 1, Attackers: []actor.ID{"RU"}, Status: walk.Activates, Sources: []string{"seed", "kyiv"}}
		if diff := cmp.Diff(want, simulate(t, s).Steps[0].Due[0], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("the outcome names the guarantee, its provider, beneficiary, kind, call, attackers and sources: -want +got:\n%s", diff)
		}
	})
}

func TestSimulateCaptured(t *testing.T) {
	attack := func(parts ...testkit.Part) scenario.Scenario {
		return testkit.Build(append(parts, testkit.Timeline("peace-deal", "attack(RU, UA)"))...)
	}
	runSimCases(t, []simCase{
		{
			name:   "GrantedVeto",
			reason: "The deal grants RU, the attacker of the trigger, a veto: the guarantee is void.",
			s: attack(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA))),
			at:   1,
			want: []simCall{voidBy("us-air", capturedBy("RU"))},
		},
		{
			name:   "Consent",
			reason: "consent(RU) makes RU a veto holder, and RU attacks.",
			s:      attack(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("consent(RU)")))),
			at:     1,
			want:   []simCall{voidBy("us-air", capturedBy("RU"))},
		},
		{
			name:   "BodyWithVeto",
			reason: "body(UNSC) gives RU, a permanent member, a veto; the other permanent members hold one too but did not attack, so only RU is named.",
			s: attack(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("body(UNSC)")))),
			at:   1,
			want: []simCall{voidBy("us-air", capturedBy("RU"))},
		},
		{
			name:   "OnlyCaptureIsReported",
			reason: "RU is also the target and objects, but nothing else matters for a void guarantee, not even a missing requirement.",
			s: attack(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Target("RU"), testkit.Requires("nowhere"))),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.ToUA))),
			at:   1,
			want: []simCall{voidBy("us-air", capturedBy("RU"))},
		},
		{
			name:   "OnlyTheCallsAttacker",
			reason: "Both attackers of any(attack(RU, UA), attack(BY, UA)) hold a veto, but only BY has attacked: the call is void by BY alone (docs/MODEL.md, Time: judged against that call).",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "any(attack(BY, UA), attack(RU, UA))")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.ToUA)),
				testkit.Timeline("attack(BY, UA)")),
			at:   0,
			want: []simCall{voidBy("us-air", capturedBy("BY"))},
		},
		{
			name:   "EveryAttackerOfTheFirstCall",
			reason: "all(attack(RU, UA), attack(BY, UA)) first holds after both attacks: the first call's attackers are both, each named, in the order of the actors.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "all(attack(BY, UA), attack(RU, UA))")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.ToUA)),
				testkit.Timeline("attack(BY, UA)", "attack(RU, UA)")),
			at:   1,
			want: []simCall{voidBy("us-air", capturedBy("RU"), capturedBy("BY"))},
		},
		{
			name:   "VetoHolderIsNotTheAttacker",
			reason: "RU holds a veto, but the trigger's attacker is BY and RU has not attacked UA: the guarantee activates.",
			s: testkit.Build(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(BY, UA)")),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Timeline("attack(BY, UA)")),
			at:   0,
			want: []simCall{activates("us-air")},
		},
		{
			name:   "AttackerWithoutVeto",
			reason: "Under body(UNSC) the elected member DZ holds no veto: its attack does not capture the guarantee.",
			s: testkit.Build(testkit.Actors(testkit.Unsc()),
				testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(DZ, UA)", testkit.Activation("body(UNSC)"))),
				testkit.Timeline("attack(DZ, UA)")),
			at:   0,
			want: []simCall{activates("us-air")},
		},
		{
			name:   "Automatic",
			reason: "An automatic guarantee has no veto holder but those granted; none is granted.",
			s:      attack(testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Activation("automatic")))),
			at:     1,
			want:   []simCall{activates("us-air")},
		},
	})
}

func TestSimulateAimedAt(t *testing.T) {
	runSimCases(t, []simCase{
		{
			name:   "Target",
			reason: "RU holds a veto and is the target: blocked, with no event.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU"))),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)), testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("uk-troops", aimedAt("RU", ""))},
		},
		{
			name:   "EarlierAttack",
			reason: "BY holds a veto and attacked UA before the guarantee fell due: blocked, naming the attack.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA)), testkit.Timeline("attack(BY, UA)", "ceasefire")),
			at:   1,
			want: []simCall{blockedBy("uk-troops", aimedAt("BY", "attack(BY, UA)"))},
		},
		{
			name:   "TargetThatAttacked",
			reason: "RU is the target and attacked UA: one block, naming the first attack.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire", testkit.Target("RU"))),
				testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)), testkit.Timeline("peace-deal", "attack(RU, UA)", "attack(RU, UA)", "ceasefire")),
			at:   3,
			want: []simCall{blockedBy("uk-troops", aimedAt("RU", "attack(RU, UA)"))},
		},
		{
			name:   "TargetWithoutVeto",
			reason: "RU is the target but holds no veto: the guarantee activates.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU"))),
				testkit.Timeline("peace-deal")),
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "AttackedSomeoneElse",
			reason: "BY holds a veto but attacked GE, not the beneficiary UA.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA)), testkit.Timeline("attack(BY, GE)", "ceasefire")),
			at:   1,
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "AttackedByTheBeneficiary",
			reason: "UA attacked BY, not the other way round.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA)), testkit.Timeline("attack(UA, BY)", "ceasefire")),
			at:   1,
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "AttackAfterItFellDue",
			reason: "What becomes of a guarantee is decided once, when it falls due: BY's later attack does not undo it.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA)), testkit.Timeline("peace-deal", "attack(BY, UA)")),
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "AttackerWithoutVeto",
			reason: "BY attacked UA but holds no veto.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire")),
				testkit.Timeline("attack(BY, UA)", "ceasefire")),
			at:   1,
			want: []simCall{activates("uk-troops")},
		},
	})
}

func TestSimulateObjects(t *testing.T) {
	troops := testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal"))
	runSimCases(t, []simCase{
		{
			name:   "RejectsByVetoHolder",
			reason: "RU holds a veto and rejects ground troops: blocked, naming the position by its ID.",
			s: testkit.Build(troops, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Positions(testkit.Named("ru-no-troops", testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.GroundTroops}))),
				testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("uk-troops", objectsBy("RU", "ru-no-troops"))},
		},
		{
			name:   "RejectsByVetoHolder",
			reason: "Under consent(PL), PL holds a veto and rejects the guarantee: blocked, naming the position by its path, since it has no ID. US refuses ground troops but provides none here: its refusal binds nothing.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Activation("consent(PL)"))),
				testkit.Positions(
					testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}),
					testkit.Pos("PL", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("uk-troops")}),
				),
				testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("uk-troops", objectsBy("PL", "positions[1]"))},
		},
		{
			name:   "RefusesByVetoHolderNotContributing",
			reason: "Under consent(PL), PL holds a veto and refuses the guarantee, which the UK provides: a refusal says \"I will not provide it\", and PL provides nothing, so the call activates.",
			s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Activation("consent(PL)"))),
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("uk-troops")})),
				testkit.Timeline("peace-deal")),
			want: []simCall{{Guarantee: "uk-troops", Status: walk.Activates}},
		},
		{
			name:   "RefusesByContributorWithConsent",
			reason: "FR, a member of the coalition that provides the force, refuses it, and the force is due on FR's consent: its refusal binds and its veto stops the call (Evaluate says so in dissenting-member).",
			s: testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "FR")),
				testkit.Guarantees(testkit.G("force", "willing", "UA", guarantee.GroundTroops, "peace-deal", testkit.Activation("consent(FR)"))),
				testkit.Positions(testkit.Named("fr-no-troops", testkit.Pos("FR", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("force")}))),
				testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("force", objectsBy("FR", "fr-no-troops"))},
		},
		{
			name:   "EveryObjectingPosition",
			reason: "Each refusing or rejecting position of a veto holder that picks the guarantee is a block, in the order of the positions.",
			s: testkit.Build(troops, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Positions(
					testkit.Named("b", testkit.Pos("RU", scenario.Rejects, testkit.ToUA)),
					testkit.Named("a", testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.Military})),
				),
				testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("uk-troops", objectsBy("RU", "b"), objectsBy("RU", "a"))},
		},
		{
			name:   "RejectsWithoutVeto",
			reason: "RU rejects the guarantee but holds no veto over it (and does not contribute to it).",
			s: testkit.Build(troops, testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.ToUA)),
				testkit.Timeline("peace-deal")),
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "PositionPicksAnother",
			reason: "RU holds a veto but rejects only air support.",
			s: testkit.Build(troops, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{Kind: guarantee.AirSupport})),
				testkit.Timeline("peace-deal")),
			want: []simCall{activates("uk-troops")},
		},
		{
			name:   "OtherStances",
			reason: "Only refuses and rejects positions object; RU's requires and demands-veto positions do not.",
			s: testkit.Build(troops, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)),
				testkit.Positions(
					testkit.Pos("RU", scenario.Requires, testkit.ToUA),
					testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA),
				),
				testkit.Timeline("peace-deal")),
			want: []simCall{activates("uk-troops")},
		},
	})
}

func TestSimulateDependency(t *testing.T) {
	runSimCases(t, []simCase{
		{
			name:   "Absent",
			reason: "The guarantee requires one that is not in the deal.",
			s: testkit.Build(testkit.Guarantees(testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("us-backstop"))),
				testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("eu-force", dependsOn("us-backstop"))},
		},
		{
			name:   "NotVoidWithoutTheAttack",
			reason: "RU holds a veto over the backstop and is an attacker its trigger names, but the force's call at the peace deal has no attackers: called with the same attackers, the backstop would activate, so the force stands (docs/MODEL.md, Time).",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("us-backstop")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-backstop")})), testkit.Timeline("peace-deal")),
			want: []simCall{activates("eu-force")},
		},
		{
			name:   "VoidWithTheSameAttackers",
			reason: "The force answers RU's attack too; at that call the backstop, called with RU as attacker, would be void: the force cannot stand on it.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, "peace-deal"),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "attack(RU, UA)", testkit.Requires("us-backstop")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-backstop")})), testkit.Timeline("peace-deal", "attack(RU, UA)")),
			at:   1,
			want: []simCall{blockedBy("eu-force", dependsOn("us-backstop"))},
		},
		{
			name:   "Blocked",
			reason: "The required guarantee would be blocked (RU, its target, holds a veto over it).",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, "attack(BY, UA)", testkit.Target("RU")),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("us-backstop")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-backstop")})), testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("eu-force", dependsOn("us-backstop"))},
		},
		{
			name:   "EveryRequirement",
			reason: "Each requirement that cannot stand is a block, after the veto holders' blocks, in the order of requires.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Target("RU")),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU"), testkit.Requires("nowhere", "us-intel", "us-backstop")),
				testkit.G("us-intel", "US", "UA", guarantee.Surveillance, "peace-deal"),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("us-backstop", "eu-force")})), testkit.Timeline("peace-deal")),
			want: []simCall{
				blockedBy("eu-force", aimedAt("RU", ""), dependsOn("nowhere"), dependsOn("us-backstop")),
				activates("us-intel"),
			},
		},
		{
			name:   "Chain",
			reason: "a requires b requires c, which RU, its target, blocks: b would be blocked, so a is.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("a", "US", "UA", guarantee.Aid, "peace-deal", testkit.Requires("b")),
				testkit.G("b", "UK", "UA", guarantee.Aid, "attack(RU, UA)", testkit.Requires("c")),
				testkit.G("c", "FR", "UA", guarantee.Aid, "attack(RU, UA)", testkit.Target("RU")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("c")})), testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("a", dependsOn("b"))},
		},
		{
			name:   "RequirementNotDueStands",
			reason: "The backstop is not due yet, but nothing would stop it: a backstop counts while it stands.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-backstop", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("us-backstop")),
			), testkit.Timeline("peace-deal")),
			want: []simCall{activates("eu-force")},
		},
		{
			name:   "CycleStands",
			reason: "a and b require each other and nothing else stops either: the cycle stands and both activate.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("a", "US", "UA", guarantee.AirSupport, "peace-deal", testkit.Requires("b")),
				testkit.G("b", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("a")),
			), testkit.Timeline("peace-deal")),
			want: []simCall{activates("a"), activates("b")},
		},
		{
			name:   "CycleStandsWhenNotDue",
			reason: "eu-force requires us-air, which requires it back and is not due: the cycle stands.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", testkit.Requires("eu-force")),
				testkit.G("eu-force", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Requires("us-air")),
			), testkit.Timeline("peace-deal")),
			want: []simCall{activates("eu-force")},
		},
		{
			name: "CycleWithABlockedMember",
			reason: "x and y require each other and RU, x's target, blocks x: y falls with it, and so does w, which requires y, " +
				"however the walk reaches y (here first through z, which requires x).",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("z", "US", "UA", guarantee.Aid, "peace-deal", testkit.Requires("x")),
				testkit.G("x", "UK", "UA", guarantee.Aid, "", testkit.Requires("y"), testkit.Target("RU")),
				testkit.G("y", "FR", "UA", guarantee.Aid, "", testkit.Requires("x")),
				testkit.G("w", "DE", "UA", guarantee.Aid, "peace-deal", testkit.Requires("y")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("x")})), testkit.Timeline("peace-deal")),
			want: []simCall{
				blockedBy("z", dependsOn("x")),
				blockedBy("x", aimedAt("RU", ""), dependsOn("y")),
				blockedBy("y", dependsOn("x")),
				blockedBy("w", dependsOn("y")),
			},
		},
		{
			name:   "CycleWithABlockedMemberNotDue",
			reason: "As above with x and y not due: w, which requires y, is blocked whether or not z is walked first.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("z", "US", "UA", guarantee.Aid, "peace-deal", testkit.Requires("x")),
				testkit.G("x", "UK", "UA", guarantee.Aid, "ceasefire", testkit.Requires("y"), testkit.Target("RU")),
				testkit.G("y", "FR", "UA", guarantee.Aid, "ceasefire", testkit.Requires("x")),
				testkit.G("w", "DE", "UA", guarantee.Aid, "peace-deal", testkit.Requires("y")),
			), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("x")})), testkit.Timeline("peace-deal")),
			want: []simCall{
				blockedBy("z", dependsOn("x")),
				blockedBy("w", dependsOn("y")),
			},
		},
	})
}

func TestSimulateBlockOrder(t *testing.T) {
	runSimCases(t, []simCase{{
		name: "VetoHoldersThenDependencies",
		reason: "Blocks come veto holder by veto holder in the order of the scenario's actors (RU before BY, whatever the order " +
			"of the grants), each aimed-at before its objections, then the dependencies.",
		s: testkit.Build(testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, "ceasefire", testkit.Target("RU"), testkit.Requires("nowhere"))),
			testkit.Vetoes(testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.ToUA)),
			testkit.Positions(testkit.Named("by-no", testkit.Pos("BY", scenario.Rejects, testkit.ToUA)), testkit.Named("ru-no", testkit.Pos("RU", scenario.Rejects, testkit.ToUA))),
			testkit.Timeline("attack(BY, UA)", "ceasefire")),
		at: 1,
		want: []simCall{blockedBy("uk-troops",
			aimedAt("RU", ""), objectsBy("RU", "ru-no"),
			aimedAt("BY", "attack(BY, UA)"), objectsBy("BY", "by-no"),
			dependsOn("nowhere"),
		)},
	}})
}

func TestSimulateAbstains(t *testing.T) {
	refusal := testkit.Positions(testkit.Named("pl-no", testkit.Pos("PL", scenario.Refuses, testkit.Sel{Provider: "cw"})))
	cwGuarantee := testkit.Guarantees(testkit.G("cw-force", "cw", "UA", guarantee.GroundTroops, "peace-deal"))
	runSimCases(t, []simCase{
		{
			name:   "CoalitionMember",
			reason: "Coalition members act separately: PL refuses but cannot stop the guarantee, which goes ahead without it.",
			s:      testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "FR", "PL")), cwGuarantee, refusal, testkit.Timeline("peace-deal")),
			want:   []simCall{activates("cw-force", "PL")},
		},
		{
			name:   "UnanimityMember",
			reason: "Under unanimity PL holds a veto: its refusal blocks the guarantee, and it does not abstain.",
			s:      testkit.Build(testkit.Actors(testkit.Alliance("cw", actor.Unanimity, "UK", "FR", "PL")), cwGuarantee, refusal, testkit.Timeline("peace-deal")),
			want:   []simCall{blockedBy("cw-force", objectsBy("PL", "pl-no"))},
		},
		{
			name:   "MajorityMember",
			reason: "In a majority body of three PL holds no veto: it abstains.",
			s:      testkit.Build(testkit.Actors(testkit.Alliance("cw", actor.Majority, "UK", "FR", "PL")), cwGuarantee, refusal, testkit.Timeline("peace-deal")),
			want:   []simCall{activates("cw-force", "PL")},
		},
		{
			name:   "InActorOrder",
			reason: "Abstainers are listed in the order of the actors, not of the positions.",
			s: testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "FR", "PL")), cwGuarantee,
				testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.ToUA), testkit.Pos("FR", scenario.Refuses, testkit.ToUA)), testkit.Timeline("peace-deal")),
			want: []simCall{activates("cw-force", "FR", "PL")},
		},
		{
			name:   "RejectsIsNotRefuses",
			reason: "A member that rejects rather than refuses the guarantee neither abstains nor, holding no veto, stops it.",
			s: testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "FR", "PL")), cwGuarantee,
				testkit.Positions(testkit.Pos("PL", scenario.Rejects, testkit.ToUA)), testkit.Timeline("peace-deal")),
			want: []simCall{activates("cw-force")},
		},
		{
			name:   "NotWhenBlocked",
			reason: "A guarantee that does not go ahead has no one to abstain from it: RU, its target, can stop it, and PL's refusal is not listed.",
			s: testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "FR", "PL")),
				testkit.Guarantees(testkit.G("cw-force", "cw", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU"))),
				refusal, testkit.Vetoes(testkit.Grant("RU", testkit.ToUA)), testkit.Timeline("peace-deal")),
			want: []simCall{blockedBy("cw-force", aimedAt("RU", ""))},
		},
		{
			name:   "NotAContributor",
			reason: "DE refuses the coalition's guarantee but is not a member: it has nothing to abstain from.",
			s: testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "FR", "PL")), cwGuarantee,
				testkit.Positions(testkit.Pos("DE", scenario.Refuses, testkit.ToUA)), testkit.Timeline("peace-deal")),
			want: []simCall{activates("cw-force")},
		},
	})
}

func TestSimulateTriggers(t *testing.T) {
	aid := receipt("UA", guarantee.Aid, "aid")
	runWalkCases(t, []walkCase{
		{
			name:   "AllWaitsForBoth",
			reason: "all(peace-deal, attack(RU, UA)) falls due when the second of the two happens.",
			s: testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "all(peace-deal, attack(RU, UA))")),
				testkit.Timeline("attack(RU, UA)", "ceasefire", "peace-deal")),
			want: []simStep{
				{Event: "attack(RU, UA)"},
				{Event: "ceasefire"},
				{Event: "peace-deal", Due: []simCall{activates("aid")}, Receives: receipts(aid)},
			},
		},
		{
			name:   "AnyFiresAtTheFirst",
			reason: "any(ceasefire, attack(RU, UA)) falls due at the first of the two, once.",
			s: testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "any(ceasefire, attack(RU, UA))")),
				testkit.Timeline("peace-deal", "attack(RU, UA)", "ceasefire")),
			want: []simStep{
				{Event: "peace-deal"},
				{Event: "attack(RU, UA)", Due: []simCall{activates("aid")}, Receives: receipts(aid)},
				{Event: "ceasefire", Receives: receipts(aid)},
			},
		},
		{
			name:   "NotLapses",
			reason: "all(peace-deal, not(attack(RU, UA))) falls due at the peace deal and lapses at the attack, when it is no longer received; the guarantee the attack triggers falls due at the same step.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("aid", "US", "UA", guarantee.Aid, "all(peace-deal, not(attack(RU, UA)))"),
				testkit.G("air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
			), testkit.Timeline("peace-deal", "attack(RU, UA)", "ceasefire")),
			want: []simStep{
				{Event: "peace-deal", Due: []simCall{activates("aid")}, Receives: receipts(aid)},
				{Event: "attack(RU, UA)", Due: []simCall{activates("air")}, Lapsed: testkit.Gids("aid"),
					Receives: receipts(receipt("UA", guarantee.AirSupport, "air"))},
				{Event: "ceasefire", Receives: receipts(receipt("UA", guarantee.AirSupport, "air"))},
			},
		},
		{
			name:   "BlockedLapsesToo",
			reason: "A guarantee that fell due blocked (BY, its target, holds a veto) lapses like any other when its trigger stops holding.",
			s: testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "all(peace-deal, not(attack(RU, UA)))", testkit.Target("BY"))),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA)), testkit.Timeline("peace-deal", "attack(RU, UA)")),
			want: []simStep{
				{Event: "peace-deal", Due: []simCall{blockedBy("aid", aimedAt("BY", ""))}},
				{Event: "attack(RU, UA)", Lapsed: testkit.Gids("aid")},
			},
		},
		{
			name:   "NeverDue",
			reason: "all(peace-deal, not(attack(RU, UA))) after the attack never holds: nothing falls due, nothing lapses.",
			s: testkit.Build(testkit.Guarantees(testkit.G("aid", "US", "UA", guarantee.Aid, "all(peace-deal, not(attack(RU, UA)))")),
				testkit.Timeline("attack(RU, UA)", "peace-deal")),
			want: []simStep{{Event: "attack(RU, UA)"}, {Event: "peace-deal"}},
		},
	})
}

// TestSimulateBodies shows who can block a guarantee a body provides under
// each decision rule: each member in turn refuses it, and either blocks it
// (it holds a veto) or abstains.
func TestSimulateBodies(t *testing.T) {
	threshold := func(a actor.Actor, n int) actor.Actor {
		a.Threshold = n
		return a
	}
	for _, tc := range []struct {
		name, reason string
		bodies       []actor.Actor // the first provides the guarantee
		members      []actor.ID    // those who refuse in turn
		blockers     []actor.ID
		abstainers   []actor.ID
	}{
		{
			name:     "Unanimity",
			reason:   "Every member of a unanimity body holds a veto.",
			bodies:   []actor.Actor{testkit.Alliance("b", actor.Unanimity, "US", "UK", "FR")},
			members:  testkit.Ids("US", "UK", "FR"),
			blockers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:     "AllianceDefault",
			reason:   "An alliance decides by unanimity by default.",
			bodies:   []actor.Actor{testkit.Alliance("b", actor.Default, "US", "UK", "FR")},
			members:  testkit.Ids("US", "UK", "FR"),
			blockers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:       "Majority",
			reason:     "Under majority in a body of three no member alone can block.",
			bodies:     []actor.Actor{testkit.Alliance("b", actor.Majority, "US", "UK", "FR")},
			members:    testkit.Ids("US", "UK", "FR"),
			abstainers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:       "MajorityWithVetoes",
			reason:     "Under majority only the explicit veto holders can block: the Security Council's permanent members, not the elected DZ.",
			bodies:     []actor.Actor{testkit.Unsc()},
			members:    testkit.Ids("US", "UK", "FR", "RU", "CN", "DZ"),
			blockers:   testkit.Ids("US", "UK", "FR", "RU", "CN"),
			abstainers: testkit.Ids("DZ"),
		},
		{
			name:     "MajorityOfTwo",
			reason:   "In a majority body of two, either member's no leaves too few.",
			bodies:   []actor.Actor{testkit.Alliance("b", actor.Majority, "US", "UK")},
			members:  testkit.Ids("US", "UK"),
			blockers: testkit.Ids("US", "UK"),
		},
		{
			name:     "MajorityOfOne",
			reason:   "In a majority body of one, the member decides alone.",
			bodies:   []actor.Actor{testkit.Alliance("b", actor.Majority, "US")},
			members:  testkit.Ids("US"),
			blockers: testkit.Ids("US"),
		},
		{
			name:       "Separately",
			reason:     "A coalition's members act separately: none can block.",
			bodies:     []actor.Actor{testkit.Coalition("b", "US", "UK", "FR")},
			members:    testkit.Ids("US", "UK", "FR"),
			abstainers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:       "SeparatelyWithVeto",
			reason:     "A coalition's explicit veto holder can block.",
			bodies:     []actor.Actor{testkit.WithVetoes(testkit.Coalition("b", "US", "UK", "FR"), "UK")},
			members:    testkit.Ids("US", "UK", "FR"),
			blockers:   testkit.Ids("UK"),
			abstainers: testkit.Ids("US", "FR"),
		},
		{
			name:       "ThresholdBelowAll",
			reason:     "With a threshold of 2 of 3 no member alone can block.",
			bodies:     []actor.Actor{threshold(testkit.Alliance("b", actor.Default, "US", "UK", "FR"), 2)},
			members:    testkit.Ids("US", "UK", "FR"),
			abstainers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:     "ThresholdOfAll",
			reason:   "With a threshold of 3 of 3 every member can block.",
			bodies:   []actor.Actor{threshold(testkit.Alliance("b", actor.Majority, "US", "UK", "FR"), 3)},
			members:  testkit.Ids("US", "UK", "FR"),
			blockers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:   "NestedUnanimity",
			reason: "A member that can block a unanimity member body can block the outer unanimity body through it.",
			bodies: []actor.Actor{
				testkit.Alliance("b", actor.Unanimity, "US", "inner"),
				testkit.Alliance("inner", actor.Unanimity, "UK", "FR"),
			},
			members:  testkit.Ids("US", "UK", "FR"),
			blockers: testkit.Ids("US", "UK", "FR"),
		},
		{
			name:   "NestedUnderMajority",
			reason: "Under a majority of three, neither the direct members nor those of a member body can block.",
			bodies: []actor.Actor{
				testkit.Alliance("b", actor.Majority, "US", "PL", "inner"),
				testkit.Alliance("inner", actor.Unanimity, "UK", "FR"),
			},
			members:    testkit.Ids("US", "PL", "UK", "FR"),
			abstainers: testkit.Ids("US", "PL", "UK", "FR"),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var blockers, abstainers []actor.ID
			for _, m := range tc.members {
				s := testkit.Build(testkit.Actors(tc.bodies...),
					testkit.Guarantees(testkit.G("g", tc.bodies[0].ID, "UA", guarantee.Military, "peace-deal")),
					testkit.Positions(testkit.Named("no", testkit.Pos(m, scenario.Refuses, testkit.Sel{IDs: testkit.Gids("g")}))),
					testkit.Timeline("peace-deal"))
				got := stepsOf(simulate(t, s))[0].Due
				switch {
				case cmp.Equal(got, []simCall{blockedBy("g", objectsBy(m, "no"))}, simOpts):
					blockers = append(blockers, m)
				case cmp.Equal(got, []simCall{activates("g", m)}, simOpts):
					abstainers = append(abstainers, m)
				default:
					t.Errorf("when %s refuses, the guarantee neither is blocked by it alone nor goes ahead without it: %+v", m, got)
				}
			}
			if diff := cmp.Diff(tc.blockers, blockers, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nmembers who block by refusing: -want +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.abstainers, abstainers, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nmembers who abstain by refusing: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// seedGrantedRUVeto is the seed with the veto Russia demands granted over
// every guarantee to UA.
func seedGrantedRUVeto(t testing.TB) scenario.Scenario {
	t.Helper()
	s, err := examples.Ukraine2025().With(scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}})
	if err != nil {
		t.Fatalf("granting RU a veto over the seed: %v", err)
	}
	return s
}

func TestSimulateSeed(t *testing.T) {
	intel := receipt("UA", guarantee.Surveillance, "us-intelligence")
	troops := receipt("UA", guarantee.GroundTroops, "european-force")
	naval := receipt("UA", guarantee.Naval, "turkey-black-sea")
	runWalkCases(t, []walkCase{
		{
			name:   "AsWritten",
			reason: "As written, nobody the guarantees are aimed at holds a veto: everything activates when due.",
			s:      examples.Ukraine2025(),
			want: []simStep{
				{
					Event:    "peace-deal",
					Due:      []simCall{activates("us-intelligence"), activates("european-force"), activates("turkey-black-sea")},
					Receives: receipts(intel, troops, naval),
				},
				{
					Event: "attack(RU, UA)",
					Due:   []simCall{activates("us-air-support"), activates("willing-financial"), activates("willing-sanctions")},
					Receives: receipts(
						receipt("UA", guarantee.Aid, "willing-financial"),
						intel,
						receipt("UA", guarantee.AirSupport, "us-air-support"),
						troops, naval,
						receipt("UA", guarantee.EconomicSanctions, "willing-sanctions"),
					),
				},
			},
		},
		{
			name: "RUVetoGranted",
			reason: "With RU's veto granted, the guarantees aimed at RU are blocked (european-force also because us-air-support, RU's target, would be blocked), " +
				"the guarantees against an RU attack are void, and UA receives only intelligence.",
			s: seedGrantedRUVeto(t),
			want: []simStep{
				{
					Event: "peace-deal",
					Due: []simCall{
						activates("us-intelligence"),
						blockedBy("european-force", aimedAt("RU", ""), dependsOn("us-air-support")),
						blockedBy("turkey-black-sea", aimedAt("RU", "")),
					},
					Receives: receipts(intel),
				},
				{
					Event: "attack(RU, UA)",
					Due: []simCall{
						voidBy("us-air-support", capturedBy("RU")),
						voidBy("willing-financial", capturedBy("RU")),
						voidBy("willing-sanctions", capturedBy("RU")),
					},
					Receives: receipts(intel),
				},
			},
		},
	})

	t.Run("Text", func(t *testing.T) {
		const want = `Ukraine security guarantees, August 2025: 2 events

1. peace-deal
   activates us-intelligence (intelligence/surveillance, US to UA), first call
   blocked   european-force (military/ground-troops, europe to UA), first call
             RU can stop it and is its target
             it requires us-air-support, which would be blocked
   blocked   turkey-black-sea (military/naval, TR to UA), first call
             RU can stop it and is its target
   UA receives:
     intelligence/surveillance  us-intelligence

2. attack(RU, UA)
   void      us-air-support (military/air-support, US to UA), first call against RU
             RU can stop it and is an attacker this call answers
   void      willing-financial (financial/aid, willing to UA), first call against RU
             RU can stop it and is an attacker this call answers
   void      willing-sanctions (sanctions/economic, willing to UA), first call against RU
             RU can stop it and is an attacker this call answers
   UA receives:
     intelligence/surveillance  us-intelligence

How long each guarantee lasted
   us-air-support: void at its only call (event 2)
   us-intelligence: first called at event 1, to the end: 2 events
   european-force: blocked at its only call (event 1)
   turkey-black-sea: blocked at its only call (event 1)
   willing-financial: void at its only call (event 2)
   willing-sanctions: void at its only call (event 2)
`
		var b strings.Builder
		if err := walk.WriteText(&b, simulate(t, seedGrantedRUVeto(t))); err != nil {
			t.Fatalf("WriteSimulation: %v", err)
		}
		if diff := cmp.Diff(want, b.String()); diff != "" {
			t.Errorf("WriteSimulation(seed with RU's veto): -want +got:\n%s", diff)
		}
	})

	t.Run("SeedUnchanged", func(t *testing.T) {
		s := examples.Ukraine2025()
		before := testkit.CloneScenario(s)
		simulate(t, s)
		if diff := cmp.Diff(before, s, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Simulate changed its input: -before +after:\n%s", diff)
		}
	})
}

func TestSimulateWriteText(t *testing.T) {
	s := testkit.Build(testkit.Actors(testkit.Coalition("cw", "UK", "PL")),
		testkit.Guarantees(
			testkit.G("cw-aid", "cw", "UA", guarantee.Aid, "peace-deal"),
			testkit.G("gone", "US", "GE", guarantee.Arms, "all(peace-deal, not(ceasefire))"),
		),
		testkit.Positions(testkit.Pos("PL", scenario.Refuses, testkit.ToUA)),
		testkit.Timeline("violation(RU)", "peace-deal", "ceasefire"))
	s.Name = ""
	const want = `(unnamed scenario): 3 events

1. violation(RU)
   nothing is called
   receives: nothing

2. peace-deal
   activates cw-aid (financial/aid, cw to UA), first call
             without PL, who refuse it but cannot stop it
   activates gone (military/arms, US to GE), first call
   GE receives:
     military/arms              gone
   UA receives:
     financial/aid              cw-aid

3. ceasefire
   ends      gone
   UA receives:
     financial/aid              cw-aid

How long each guarantee lasted
   cw-aid: first called at event 2, to the end: 2 events
   gone: first called at event 2, to the end: 2 events
`
	var b strings.Builder
	if err := walk.WriteText(&b, simulate(t, s)); err != nil {
		t.Fatalf("WriteSimulation: %v", err)
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteSimulation: -want +got:\n%s", diff)
	}
}

func TestSimulateJSON(t *testing.T) {
	s := testkit.Build(testkit.Guarantees(
		testkit.G("a", "US", "UA", guarantee.Aid, "peace-deal", testkit.Gsources("seed")),
		testkit.G("b", "UK", "UA", guarantee.GroundTroops, "peace-deal", testkit.Target("RU")),
		testkit.G("c", "FR", "UA", guarantee.AirSupport, "attack(RU, UA)"),
	), testkit.Vetoes(testkit.Grant("RU", testkit.Sel{IDs: testkit.Gids("b", "c")})), testkit.Timeline("peace-deal", "attack(RU, UA)"))
	want := `{"scenario":"test","steps":[` +
		`{"event":"peace-deal","lapses":[],"due":[` +
		`{"guarantee":"a","provider":"US","beneficiary":"UA","kind":"financial/aid","call":1,"attackers":[],"status":"activates","blocks":[],"abstains":[],"sources":["seed"]},` +
		`{"guarantee":"b","provider":"UK","beneficiary":"UA","kind":"military/ground-troops","call":1,"attackers":[],"status":"blocked","blocks":[{"reason":"aimed-at","actor":"RU","message":"RU can stop it and is its target"}],"abstains":[],"sources":[]}],` +
		`"no_longer_due":[],"receives":[{"beneficiary":"UA","kind":"financial/aid","guarantees":["a"]}]},` +
		`{"event":"attack(RU, UA)","lapses":[],"due":[` +
		`{"guarantee":"c","provider":"FR","beneficiary":"UA","kind":"military/air-support","call":1,"attackers":["RU"],"status":"void","blocks":[{"reason":"captured","actor":"RU","message":"RU can stop it and is an attacker this call answers"}],"abstains":[],"sources":[]}],` +
		`"no_longer_due":[],"receives":[{"beneficiary":"UA","kind":"financial/aid","guarantees":["a"]}]}],` +
		`"lifetimes":[{"guarantee":"a","calls":1,"first_call":1,"lapsed":0,"events":2,"activated":1,"void":0},{"guarantee":"b","calls":1,"first_call":1,"lapsed":0,"events":2,"activated":0,"void":0},{"guarantee":"c","calls":1,"first_call":2,"lapsed":0,"events":1,"activated":0,"void":1}]}`
	got, err := json.Marshal(simulate(t, s))
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("json.Marshal(Simulate(...)): -want +got:\n%s", diff)
	}

	t.Run("Empty", func(t *testing.T) {
		for _, tc := range []struct {
			v    any
			want string
		}{
			{walk.Simulation{}, `{"scenario":"","steps":[],"lifetimes":[]}`},
			{walk.Step{Event: guarantee.Event{Name: "ceasefire"}}, `{"event":"ceasefire","lapses":[],"due":[],"no_longer_due":[],"receives":[]}`},
			{walk.Step{Event: guarantee.Event{Name: "renewal", Date: "2009-06-15"}}, `{"event":"renewal","date":"2009-06-15","lapses":[],"due":[],"no_longer_due":[],"receives":[]}`},
			{walk.Call{Status: walk.Blocked}, `{"guarantee":"","provider":"","beneficiary":"","kind":"","call":0,"attackers":[],"status":"blocked","blocks":[],"abstains":[],"sources":[]}`},
			{walk.Lapse{Guarantee: "g", Date: "2009-06-15", Sunset: true}, `{"guarantee":"g","date":"2009-06-15","sunset":true,"blocks":[]}`},
			{walk.Block{Reason: walk.Dependency, Requires: "x", Message: "m"}, `{"reason":"dependency","requires":"x","message":"m"}`},
			{walk.Block{Reason: walk.Objects, Actor: "RU", Position: "p", Message: "m"}, `{"reason":"position","actor":"RU","position":"p","message":"m"}`},
		} {
			got, err := json.Marshal(tc.v)
			if err != nil {
				t.Errorf("json.Marshal(%+v): %v", tc.v, err)
				continue
			}
			if string(got) != tc.want {
				t.Errorf("json.Marshal(%+v) = %s; want %s", tc.v, got, tc.want)
			}
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		for _, s := range []scenario.Scenario{examples.Ukraine2025(), seedGrantedRUVeto(t)} {
			first, err := json.Marshal(simulate(t, s))
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			for range 3 {
				again, err := json.Marshal(simulate(t, s))
				if err != nil {
					t.Fatalf("json.Marshal: %v", err)
				}
				if !bytes.Equal(first, again) {
					t.Fatalf("the same scenario gives different JSON:\n%s\n%s", first, again)
				}
			}
		}
	})
}

func TestSimulateInvalid(t *testing.T) {
	s := testkit.Build(testkit.Guarantees(testkit.G("a", "XX", "UA", guarantee.Aid, "attack(YY, UA)")), testkit.Timeline("attack(ZZ, UA)"))
	verr := scenario.Validate(s)
	if verr == nil {
		t.Fatal("Validate accepted a scenario with unknown actors")
	}
	sim, err := walk.Simulate(s)
	if err == nil {
		t.Fatalf("Simulate accepted an invalid scenario: %+v", sim)
	}
	var es scenario.Errors
	if !errors.As(err, &es) {
		t.Fatalf("Simulate's error is %T, not scenario.Errors: %v", err, err)
	}
	if err.Error() != verr.Error() {
		t.Errorf("Simulate's error:\n%v\nValidate's:\n%v", err, verr)
	}
	if len(es) < 3 {
		t.Errorf("Simulate reported %d problems; want every one of the provider, the trigger and the event:\n%v", len(es), err)
	}
	if diff := cmp.Diff(walk.Simulation{}, sim, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Simulate returned a simulation with its error: %s", diff)
	}
}

func TestSimulateNames(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{walk.Activates.String(), "activates"},
		{walk.Blocked.String(), "blocked"},
		{walk.Void.String(), "void"},
		{walk.Status(0).String(), "Status(0)"},
		{walk.Status(9).String(), "Status(9)"},
		{walk.Captured.String(), "captured"},
		{walk.AimedAt.String(), "aimed-at"},
		{walk.Objects.String(), "position"},
		{walk.Dependency.String(), "dependency"},
		{walk.Reason(0).String(), "Reason(0)"},
		{walk.Reason(9).String(), "Reason(9)"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q; want %q", tc.got, tc.want)
		}
	}
}

func BenchmarkSimulateSeed(b *testing.B) {
	s := examples.Ukraine2025()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := walk.Simulate(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSimulateSharesNothing: the Simulation's lists are its own, so that
// a caller who sorts or edits them leaves the scenario as it was, and the
// scenario never changes under a simulation it has returned.
func TestSimulateSharesNothing(t *testing.T) {
	s := examples.Ukraine2025()
	s.Guarantees[0].Sources = []string{"b", "a"}
	before := s
	before.Timeline = slices.Clone(s.Timeline)
	for i := range before.Timeline {
		before.Timeline[i].Args = slices.Clone(s.Timeline[i].Args)
	}
	before.Guarantees = slices.Clone(s.Guarantees)
	for i := range before.Guarantees {
		before.Guarantees[i].Sources = slices.Clone(s.Guarantees[i].Sources)
	}
	sim, err := walk.Simulate(s)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i := range sim.Steps {
		for k := range sim.Steps[i].Event.Args {
			sim.Steps[i].Event.Args[k] = "XX"
			changed++
		}
		for _, c := range sim.Steps[i].Due {
			slices.Sort(c.Sources)
			for k := range c.Sources {
				c.Sources[k] = "changed"
				changed++
			}
		}
	}
	if changed == 0 {
		t.Fatal("the seed's walk has no event arguments or sources to change; the test needs some")
	}
	if d := cmp.Diff(before, s); d != "" {
		t.Errorf("changing the simulation changed the scenario (-before +after):\n%s", d)
	}
}
