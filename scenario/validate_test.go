package scenario_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// fieldErrors returns the path and message of each problem in err, which
// must be a scenario.Errors.
func fieldErrors(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	es, ok := errors.AsType[scenario.Errors](err)
	if !ok {
		t.Fatalf("error %v (%T) is not a scenario.Errors", err, err)
	}
	var out []string
	for _, e := range es {
		if e == nil {
			t.Fatalf("scenario.Errors holds a nil *FieldError")
		}
		out = append(out, e.Path+": "+e.Err.Error())
		if e.Error() != e.Path+": "+e.Err.Error() {
			t.Errorf("(*FieldError).Error() = %q; want path, colon, message", e.Error())
		}
	}
	return out
}

// seedWith returns the seed scenario changed by f.
// seedSources is how many sources the seed has.
var seedSources = len(examples.Ukraine2025().Sources)

func seedWith(f func(s *scenario.Scenario)) scenario.Scenario {
	s := examples.Ukraine2025()
	f(&s)
	return s
}

func TestValidateValid(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		// evaluates is set where the reason says what Evaluate finds:
		// findings is then every finding of the report, message included.
		evaluates bool
		findings  []scenario.Finding
	}{
		{name: "Seed", reason: "The seed scenario is valid.", s: examples.Ukraine2025()},
		{name: "Empty", reason: "A scenario with nothing in it is valid (and evaluates to no finding).", s: scenario.Scenario{}, evaluates: true},
		{
			name:   "RequiresAndIDsNeedNotResolve",
			reason: "requires and a selector's ids are not references: missing-dependency and idle-position say what they lack.",
			s: testkit.Build(
				testkit.Guarantees(testkit.G("europe-force", "UK", "UA", guarantee.GroundTroops, "", testkit.Requires("us-backstop"))),
				testkit.Positions(testkit.Pos("RU", scenario.Rejects, testkit.Sel{IDs: testkit.Gids("no-such-guarantee")})),
			),
			evaluates: true,
			findings: []scenario.Finding{
				{
					Code: scenario.MissingDependency, Severity: scenario.Error, Guarantees: testkit.Gids("europe-force", "us-backstop"),
					Message: "europe-force requires us-backstop, which the deal does not contain",
				},
				{
					Code: scenario.IdlePosition, Severity: scenario.Warning, Actors: testkit.Ids("RU"), Positions: testkit.Refs("positions[0]"),
					Message: "RU rejects {ids: [no-such-guarantee]}, which picks no guarantee in the scenario",
				},
			},
		},
		{name: "FreeTextSources", reason: "Sources may be free text as well as source IDs.", s: testkit.Build(
			testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "", testkit.Gsources("a speech, 2025-08-18"))),
		)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := scenario.Validate(tc.s); err != nil {
				t.Fatalf("%s\nValidate(...) = %v; want nil", tc.reason, err)
			}
			if !tc.evaluates {
				return
			}
			r := testkit.Evaluate(t, tc.s)
			if diff := cmp.Diff(tc.findings, r.Findings, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\nEvaluate(...) findings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   []string // path: message, in order
		wantIs []error  // sentinels errors.Is must find
	}{
		{
			name:   "UnknownProviderNearMiss",
			reason: "A provider that names no actor is reported at its path, with the closest known ID.",
			s:      seedWith(func(s *scenario.Scenario) { s.Guarantees[3].Provider = "USA" }),
			want:   []string{`guarantees[3].provider: unknown actor "USA"; did you mean "US"?`},
			wantIs: []error{actor.ErrUnknownActor},
		},
		{
			name:   "UnknownActorCaseTypo",
			reason: "IDs are case-sensitive; the suggestion ignores case.",
			s:      seedWith(func(s *scenario.Scenario) { s.Guarantees[1].Beneficiary = "Ua" }),
			want:   []string{`guarantees[1].beneficiary: unknown actor "Ua"; did you mean "UA"?`},
			wantIs: []error{actor.ErrUnknownActor},
		},
		{
			name:   "UnknownActorFarFromAll",
			reason: "No suggestion when no known ID is close.",
			s:      seedWith(func(s *scenario.Scenario) { s.Guarantees[0].Target = "Atlantis" }),
			want:   []string{`guarantees[0].target: unknown actor "Atlantis"`},
			wantIs: []error{actor.ErrUnknownActor},
		},
		{
			name:   "MissingAndMalformedGuaranteeFields",
			reason: "Every missing or malformed field of a guarantee is reported, in field order.",
			s: testkit.Build(testkit.Guarantees(
				guarantee.Guarantee{},
				guarantee.Guarantee{ID: "bad id", Provider: "US", Beneficiary: "UA", Kind: "Military/Air", Strength: 5},
			)),
			want: []string{
				`guarantees[0].id: missing`,
				`guarantees[0].provider: missing`,
				`guarantees[0].beneficiary: missing`,
				`guarantees[0].kind: missing`,
				`guarantees[1].id: invalid guarantee ID "bad id": want 1 to 64 letters, digits, '-' or '_'`,
				`guarantees[1].kind: invalid kind "Military/Air": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`,
				`guarantees[1].strength: invalid strength 5`,
			},
			wantIs: []error{guarantee.ErrMissing, guarantee.ErrInvalidID, guarantee.ErrInvalidKind},
		},
		{
			name:   "DuplicateGuaranteeID",
			reason: "Guarantee IDs are unique; the duplicate points at the first.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("us-air", "US", "UA", guarantee.AirSupport, ""),
				testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
				testkit.G("us-air", "US", "UA", guarantee.Naval, ""),
			)),
			want:   []string{`guarantees[2].id: duplicate ID "us-air" (also guarantees[0])`},
			wantIs: []error{scenario.ErrDuplicateID},
		},
		{
			name:   "TriggerAndActivation",
			reason: "Actors in triggers and activations must exist; body(X) must name a body; a guarantee cannot require itself.",
			s: testkit.Build(testkit.Guarantees(
				testkit.G("a", "US", "UA", guarantee.AirSupport, "attack(XX, UA)"),
				testkit.G("b", "US", "UA", guarantee.AirSupport, "", testkit.Activation("body(UK)")),
				testkit.G("c", "US", "UA", guarantee.AirSupport, "", testkit.Activation("consent(BYE)")),
				testkit.G("d", "US", "UA", guarantee.AirSupport, "", testkit.Requires("d")),
				guarantee.Guarantee{ID: "e", Provider: "US", Beneficiary: "UA", Kind: guarantee.Aid,
					Trigger: guarantee.Condition{Op: guarantee.Not, Sub: []guarantee.Condition{guarantee.On("peace-deal"), guarantee.On("ceasefire")}}},
			)),
			want: []string{
				`guarantees[0].trigger: unknown actor "XX"`,
				`guarantees[1].activation: body(UK): not a body: UK is a state`,
				`guarantees[2].activation: unknown actor "BYE"; did you mean "BY"?`,
				`guarantees[3].requires[0]: a guarantee cannot require itself`,
				`guarantees[4].trigger: not takes exactly one condition; found 2`,
			},
			wantIs: []error{actor.ErrUnknownActor, scenario.ErrNotABody},
		},
		{
			name:   "Positions",
			reason: "A position needs an actor that exists and a stance; by goes only with rejects-veto; selectors and by name known actors; position IDs are well formed and unique.",
			s: testkit.Build(testkit.Positions(
				scenario.Position{Actor: "UA"},
				testkit.Pos("", scenario.Refuses, testkit.Sel{}),
				scenario.Position{Actor: "US", Stance: scenario.Refuses, By: testkit.Ids("RU")},
				testkit.Pos("RU", scenario.Rejects, testkit.Sel{Provider: "UKK", ProviderIn: "NATO"}),
				testkit.RejectsVeto("UA", testkit.Ids("RU", "Atlantis"), testkit.ToUA),
				testkit.Named("p", testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military})),
				testkit.Named("p", testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Naval})),
				testkit.Named("bad id", testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: "Naval"})),
			)),
			want: []string{
				`positions[0]: a position needs one of refuses, rejects, requires, demands-veto or rejects-veto`,
				`positions[1].actor: missing`,
				`positions[2].by: only rejects-veto takes by`,
				`positions[3].rejects.provider: unknown actor "UKK"; did you mean "UK"?`,
				`positions[3].rejects.provider-in: unknown actor "NATO"`,
				`positions[4].rejects-veto.by[1]: unknown actor "Atlantis"`,
				`positions[6].id: duplicate ID "p" (also positions[5])`,
				`positions[7].id: invalid position ID "bad id": want letters, digits, '-' or '_'`,
				`positions[7].requires.kind: invalid kind "Naval": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`,
			},
			wantIs: []error{scenario.ErrInvalidStance, scenario.ErrStanceField, scenario.ErrDuplicateID, actor.ErrUnknownActor, guarantee.ErrMissing},
		},
		{
			name:   "VetoesAndTimeline",
			reason: "A granted veto needs a holder that exists and a well-formed selector; timeline events name known actors.",
			s: testkit.Build(
				testkit.Vetoes(testkit.Grant("", testkit.ToUA), testkit.Grant("Ru", testkit.Sel{Kind: "military/"})),
				testkit.Timeline("peace-deal", "attack(XX, UA)"),
			),
			want: []string{
				`vetoes[0].holder: missing`,
				`vetoes[1].holder: unknown actor "Ru"; did you mean "RU"?`,
				`vetoes[1].over.kind: invalid kind "military/": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`,
				`timeline[1]: unknown actor "XX"`,
			},
			wantIs: []error{guarantee.ErrMissing, actor.ErrUnknownActor, guarantee.ErrInvalidKind},
		},
		{
			name:   "TimelineNotAnEvent",
			reason: "A timeline holds events, not conditions: the Event of a condition that is not one event has no name, and the error says how to write one.",
			s: testkit.Build(func(s *scenario.Scenario) {
				s.Timeline = []guarantee.Event{
					guarantee.AttackEvent("RU", "UA"),
					guarantee.AllOf(guarantee.On(guarantee.EventPeaceDeal), guarantee.Attack("RU", "UA")).Event,
					{Name: "any", Args: []actor.ID{"RU"}},
				}
			}),
			want: []string{
				`timeline[1]: not an event: it has no name; write an event with guarantee.ParseEvent or a constructor (guarantee.AttackEvent, guarantee.ViolationEvent, guarantee.Renewal), not from a condition`,
				`timeline[2]: not an event: any combines conditions; write an event with guarantee.ParseEvent or a constructor (guarantee.AttackEvent, guarantee.ViolationEvent, guarantee.Renewal), not from a condition`,
			},
			wantIs: []error{scenario.ErrNotAnEvent},
		},
		{
			name:   "Actors",
			reason: "Actor problems come with their paths: a state with members, an unknown member, a veto holder that is not a member, a threshold out of range, a duplicate ID.",
			s: testkit.Build(testkit.Actors(
				actor.Actor{ID: "XK", Members: testkit.Ids("UA")},
				testkit.Alliance("NATO", actor.Unanimity, "US", "UKK"),
				testkit.WithVetoes(testkit.Alliance("UNSC", actor.Majority, "US", "CN"), "RU"),
				actor.Actor{ID: "trio", Kind: actor.Alliance, Threshold: 4, Members: testkit.Ids("US", "UK", "FR")},
				actor.Actor{ID: "US"},
			)),
			want: []string{
				`actors[13].members: a state has no members`,
				`actors[14].members[1]: unknown actor "UKK"; did you mean "UK"?`,
				`actors[15].vetoes[0]: veto holder is not a member: "RU"`,
				`actors[16].threshold: threshold out of range: 4 with 3 members`,
				`actors[17].id: duplicate actor ID "US" (also actors[0])`,
			},
			wantIs: []error{actor.ErrUnknownActor, actor.ErrMembersOfState, actor.ErrVetoNotMember, actor.ErrThreshold, actor.ErrDuplicateID},
		},
		{
			name:   "DuplicateMember",
			reason: "A body may not list a member twice; the second mention is reported at its path.",
			s: scenario.Scenario{Actors: []actor.Actor{
				{ID: "US"},
				testkit.Alliance("NATO", actor.Unanimity, "US", "US"),
			}},
			want:   []string{`actors[1].members[1]: duplicate member "US"`},
			wantIs: []error{actor.ErrDuplicateMember},
		},
		{
			name:   "MembershipLoop",
			reason: "Membership may not loop.",
			s: testkit.Build(testkit.Actors(
				testkit.Alliance("A", actor.Unanimity, "US", "B"),
				testkit.Alliance("B", actor.Unanimity, "UK", "A"),
			)),
			want:   []string{`actors[14].members[1]: membership loop: A → B → A`},
			wantIs: []error{actor.ErrMembershipLoop},
		},
		{
			name:   "AsOfAndSources",
			reason: "as-of is a date; source IDs are present and unique.",
			s: seedWith(func(s *scenario.Scenario) {
				s.AsOf = "21/08/2025"
				s.Sources = append(s.Sources, scenario.Source{Title: "untitled"}, scenario.Source{ID: "seed"})
			}),
			want: []string{ // after the seed's own sources
				`as-of: want a date as YYYY-MM-DD; found "21/08/2025"`,
				`sources[` + strconv.Itoa(seedSources) + `].id: missing`,
				`sources[` + strconv.Itoa(seedSources+1) + `].id: duplicate ID "seed" (also sources[0])`,
			},
			wantIs: []error{scenario.ErrInvalidAsOf, scenario.ErrDuplicateID},
		},
		{
			name:   "EveryProblemAtOnce",
			reason: "Validate reports every problem at once, in the order of the scenario's fields, whatever the section.",
			s: seedWith(func(s *scenario.Scenario) {
				s.Actors[9].Members[0] = "FRA"                         // NATO's first member
				s.Guarantees[3].Provider = "TRK"                       // turkey-black-sea
				s.Guarantees[2].Activation = guarantee.DecidedBy("UK") // european-force
				s.Positions[0].Select.Kind = "military/Ground"         // us-no-ground-troops
				s.Positions[3].Actor = ""                              // ru-demands-veto
				s.Vetoes = append(s.Vetoes, testkit.Grant("Atlantis", testkit.ToUA))
				s.Timeline = append(s.Timeline, guarantee.Event{Name: "attack", Args: testkit.Ids("RU", "MD")})
			}),
			want: []string{
				`actors[9].members[0]: unknown actor "FRA"; did you mean "FR"?`,
				`guarantees[2].activation: body(UK): not a body: UK is a state`,
				`guarantees[3].provider: unknown actor "TRK"; did you mean "TR"?`,
				`positions[0].refuses.kind: invalid kind "military/Ground": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"`,
				`positions[3].actor: missing`,
				`vetoes[0].holder: unknown actor "Atlantis"`,
				`timeline[2]: unknown actor "MD"`,
			},
			wantIs: []error{actor.ErrUnknownActor, guarantee.ErrInvalidKind, guarantee.ErrMissing},
		},
		{
			name:   "BodyCheckWithBrokenActors",
			reason: "Validate reports every problem at once: body(UK) names a state whether or not another actor is broken.",
			s: seedWith(func(s *scenario.Scenario) {
				s.Actors[9].Members[0] = "FRA"
				s.Guarantees[2].Activation = guarantee.DecidedBy("UK")
			}),
			want: []string{
				`actors[9].members[0]: unknown actor "FRA"; did you mean "FR"?`,
				`guarantees[2].activation: body(UK): not a body: UK is a state`,
			},
			wantIs: []error{actor.ErrUnknownActor, scenario.ErrNotABody},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := scenario.Validate(tc.s)
			if diff := cmp.Diff(tc.want, fieldErrors(t, err)); diff != "" {
				t.Errorf("%s\nValidate(...): -want +got:\n%s", tc.reason, diff)
			}
			for _, target := range tc.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("%s\nerrors.Is(Validate(...), %q) = false; want true", tc.reason, target)
				}
			}
			if _, ok := errors.AsType[*scenario.FieldError](err); !ok {
				t.Errorf("errors.AsType[*scenario.FieldError](Validate(...)) found nothing")
			}

			// Evaluate validates first: the same error, and a zero report.
			r, evalErr := scenario.Evaluate(tc.s)
			if diff := cmp.Diff(tc.want, fieldErrors(t, evalErr)); diff != "" {
				t.Errorf("%s\nEvaluate(...) error: -want +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(scenario.Report{}, r); diff != "" {
				t.Errorf("Evaluate(...) of an invalid scenario: report -want +got:\n%s", diff)
			}
		})
	}
}
