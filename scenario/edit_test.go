package scenario_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold the what-if edits of edit.go: each edit does
// what it says and nothing else, With never changes its input and
// composes, each edit prints as its one line, refusals say what is wrong
// and where, variants apply, and valid edits keep a scenario valid.

// equateEmpty compares scenarios whose lists are nil in one and empty in
// the other as equal: an edit that removes the last element may leave
// either.
var equateEmpty = cmpopts.EquateEmpty()

// cloneEdited returns a deep copy of s, variants included, so that a
// change With made to s anywhere shows in a comparison.
func cloneEdited(s scenario.Scenario) scenario.Scenario {
	c := testkit.CloneScenario(s)
	c.Variants = slices.Clone(s.Variants)
	for i := range c.Variants {
		v := &c.Variants[i]
		v.Sources = slices.Clone(v.Sources)
		v.Edits = slices.Clone(v.Edits)
	}
	return c
}

// Lookups by ID for the expected scenarios; they panic on a missing ID,
// which is a mistake in the test.

func actorOf(s *scenario.Scenario, id actor.ID) *actor.Actor {
	i := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return a.ID == id })
	if i < 0 {
		panic("no actor " + string(id))
	}
	return &s.Actors[i]
}

func guaranteeOf(s *scenario.Scenario, id guarantee.ID) *guarantee.Guarantee {
	i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
	if i < 0 {
		panic("no guarantee " + string(id))
	}
	return &s.Guarantees[i]
}

func positionOf(s *scenario.Scenario, id string) *scenario.Position {
	i := slices.IndexFunc(s.Positions, func(p scenario.Position) bool { return p.ID == id })
	if i < 0 {
		panic("no position " + id)
	}
	return &s.Positions[i]
}

func dropGuarantee(s *scenario.Scenario, id guarantee.ID) {
	n := len(s.Guarantees)
	s.Guarantees = slices.DeleteFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
	if len(s.Guarantees) != n-1 {
		panic("no guarantee " + string(id))
	}
}

func dropPosition(s *scenario.Scenario, id string) {
	n := len(s.Positions)
	s.Positions = slices.DeleteFunc(s.Positions, func(p scenario.Position) bool { return p.ID == id })
	if len(s.Positions) != n-1 {
		panic("no position " + id)
	}
}

func events(es ...string) []guarantee.Event {
	var out []guarantee.Event
	for _, e := range es {
		ev, err := guarantee.ParseEvent(e)
		if err != nil {
			panic(err)
		}
		out = append(out, ev)
	}
	return out
}

func listEdits(es []scenario.Edit) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("; ")
		}
		if e == nil {
			b.WriteString("<nil>")
		} else {
			b.WriteString(e.String())
		}
	}
	return b.String()
}

// Scenarios the edit tests start from besides the seed.
var (
	// unnamedPositions has three positions without IDs, so that edits
	// name them by path.
	unnamedPositions = testkit.Build(testkit.Positions(
		testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}),
		testkit.Pos("RU", scenario.Rejects, testkit.ToUA),
		testkit.Pos("UA", scenario.Requires, testkit.ToUA),
	))
	// threeGrants grants RU two vetoes and BY one.
	threeGrants = testkit.Build(
		testkit.Guarantees(testkit.G("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
		testkit.Vetoes(testkit.Grant("RU", testkit.ToUA), testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.Sel{Kind: guarantee.Military})),
	)
)

func TestEditApplies(t *testing.T) {
	seed := examples.Ukraine2025()
	ukTroops := guarantee.Guarantee{
		ID: "uk-troops", Provider: "UK", Beneficiary: "UA", Kind: guarantee.GroundTroops,
		Trigger: guarantee.On("peace-deal"), Activation: guarantee.ConsentOf("UA"),
	}
	natoOf3 := actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: testkit.Ids("US", "UK", "FR"), Decides: actor.Majority, Vetoes: testkit.Ids("US")}
	tests := []struct {
		name  string
		s     scenario.Scenario
		edits []scenario.Edit
		want  func(s *scenario.Scenario) // applied to a deep copy of s
	}{
		// Without.
		{"WithoutGuarantee", seed, []scenario.Edit{scenario.Without{ID: "us-air-support"}}, func(s *scenario.Scenario) {
			dropGuarantee(s, "us-air-support")
		}},
		{"WithoutTwoGuarantees", seed, []scenario.Edit{scenario.Without{ID: "willing-sanctions"}, scenario.Without{ID: "us-intelligence"}}, func(s *scenario.Scenario) {
			dropGuarantee(s, "willing-sanctions")
			dropGuarantee(s, "us-intelligence")
		}},
		{"WithoutPositionByID", seed, []scenario.Edit{scenario.Without{ID: "ru-demands-veto"}}, func(s *scenario.Scenario) {
			dropPosition(s, "ru-demands-veto")
			// The weights on its candidate veto go with it.
			s.Values = slices.Clone(s.Values)
			for i := range s.Values {
				s.Values[i].Weights = slices.DeleteFunc(slices.Clone(s.Values[i].Weights), func(w scenario.Weight) bool { return w.Veto == "ru-demands-veto" })
			}
		}},
		{"WithoutPositionByPath", unnamedPositions, []scenario.Edit{scenario.Without{ID: "positions[1]"}}, func(s *scenario.Scenario) {
			s.Positions = []scenario.Position{s.Positions[0], s.Positions[2]}
		}},
		{"WithoutPositionByPathTwice", unnamedPositions, []scenario.Edit{scenario.Without{ID: "positions[0]"}, scenario.Without{ID: "positions[0]"}}, func(s *scenario.Scenario) {
			s.Positions = []scenario.Position{s.Positions[2]}
		}},
		{"WithoutUnnamedActor", testkit.Build(), []scenario.Edit{scenario.Without{ID: "DZ"}}, func(s *scenario.Scenario) {
			s.Actors = slices.DeleteFunc(s.Actors, func(a actor.Actor) bool { return a.ID == "DZ" })
		}},
		{"WithoutActorOnceUnnamed", seed, []scenario.Edit{
			scenario.Without{ID: "turkey-black-sea"},
			scenario.Set{Field: "NATO.members", Value: "US, UK, FR, DE, IT, FI"},
			scenario.Set{Field: "willing.members", Value: "[UK, FR, DE, IT, FI]"},
			scenario.Without{ID: "TR"},
		}, func(s *scenario.Scenario) {
			dropGuarantee(s, "turkey-black-sea")
			actorOf(s, "NATO").Members = testkit.Ids("US", "UK", "FR", "DE", "IT", "FI")
			actorOf(s, "willing").Members = testkit.Ids("UK", "FR", "DE", "IT", "FI")
			s.Actors = slices.DeleteFunc(s.Actors, func(a actor.Actor) bool { return a.ID == "TR" })
		}},

		// Add.
		{"AddState", seed, []scenario.Edit{scenario.AddActor{Actor: actor.Actor{ID: "PL", Name: "Poland"}}}, func(s *scenario.Scenario) {
			s.Actors = append(s.Actors, actor.Actor{ID: "PL", Name: "Poland"})
		}},
		{"AddBodyOfANewState", seed, []scenario.Edit{
			scenario.AddActor{Actor: actor.Actor{ID: "PL"}},
			scenario.AddActor{Actor: testkit.Coalition("weimar", "FR", "DE", "PL")},
		}, func(s *scenario.Scenario) {
			s.Actors = append(s.Actors, actor.Actor{ID: "PL"}, testkit.Coalition("weimar", "FR", "DE", "PL"))
		}},
		{"AddActorsMembersFirst", seed, scenario.AddActors(actor.Actor{ID: "PL"}, actor.Actor{ID: "CZ"}, testkit.Coalition("v4-west", "PL", "CZ", "DE")), func(s *scenario.Scenario) {
			s.Actors = append(s.Actors, actor.Actor{ID: "PL"}, actor.Actor{ID: "CZ"}, testkit.Coalition("v4-west", "PL", "CZ", "DE"))
		}},
		{"AddGuarantee", seed, []scenario.Edit{scenario.AddGuarantee{Guarantee: ukTroops}}, func(s *scenario.Scenario) {
			s.Guarantees = append(s.Guarantees, ukTroops)
		}},
		{"AddPositions", seed, []scenario.Edit{
			scenario.AddPosition{Position: testkit.Named("tr-refuses-troops", testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops}))},
			scenario.AddPosition{Position: testkit.Pos("UA", scenario.Requires, testkit.Sel{Provider: "US"})},
		}, func(s *scenario.Scenario) {
			s.Positions = append(s.Positions,
				testkit.Named("tr-refuses-troops", testkit.Pos("TR", scenario.Refuses, testkit.Sel{Kind: guarantee.GroundTroops})),
				testkit.Pos("UA", scenario.Requires, testkit.Sel{Provider: "US"}))
		}},

		// Replace.
		{"ReplaceActor", seed, []scenario.Edit{scenario.ReplaceActor{Actor: natoOf3}}, func(s *scenario.Scenario) {
			*actorOf(s, "NATO") = natoOf3
		}},
		{"ReplaceGuarantee", seed, []scenario.Edit{scenario.ReplaceGuarantee{Guarantee: guarantee.Guarantee{
			ID: "us-intelligence", Provider: "US", Beneficiary: "UA", Kind: guarantee.Intelligence, Strength: guarantee.Treaty,
		}}}, func(s *scenario.Scenario) {
			*guaranteeOf(s, "us-intelligence") = guarantee.Guarantee{
				ID: "us-intelligence", Provider: "US", Beneficiary: "UA", Kind: guarantee.Intelligence, Strength: guarantee.Treaty,
			}
		}},
		{"ReplacePositionByID", seed, []scenario.Edit{scenario.ReplacePosition{
			Position: testkit.Named("ru-demands-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"})),
		}}, func(s *scenario.Scenario) {
			*positionOf(s, "ru-demands-veto") = testkit.Named("ru-demands-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"}))
		}},
		{"ReplacePositionRenamed", seed, []scenario.Edit{scenario.ReplacePosition{
			At:       "ua-rejects-ru-veto",
			Position: testkit.Named("ua-rejects-vetoes", testkit.RejectsVeto("UA", nil, testkit.ToUA)),
		}}, func(s *scenario.Scenario) {
			*positionOf(s, "ua-rejects-ru-veto") = testkit.Named("ua-rejects-vetoes", testkit.RejectsVeto("UA", nil, testkit.ToUA))
		}},
		{"ReplacePositionByPath", unnamedPositions, []scenario.Edit{scenario.ReplacePosition{
			At:       "positions[2]",
			Position: testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"}),
		}}, func(s *scenario.Scenario) {
			s.Positions[2] = testkit.Pos("UA", scenario.Requires, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"})
		}},

		// Grant and Revoke.
		{"Grant", seed, []scenario.Edit{scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}}, func(s *scenario.Scenario) {
			s.Vetoes = []scenario.Veto{testkit.Grant("RU", testkit.ToUA)}
		}},
		{"GrantTwice", seed, []scenario.Edit{
			scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)},
			scenario.Grant{Veto: testkit.Grant("TR", testkit.Sel{Kind: guarantee.Naval})},
		}, func(s *scenario.Scenario) {
			s.Vetoes = []scenario.Veto{testkit.Grant("RU", testkit.ToUA), testkit.Grant("TR", testkit.Sel{Kind: guarantee.Naval})}
		}},
		{"RevokeAll", threeGrants, []scenario.Edit{scenario.Revoke{Holder: "RU"}}, func(s *scenario.Scenario) {
			s.Vetoes = []scenario.Veto{testkit.Grant("BY", testkit.ToUA)}
		}},
		{"RevokeOver", threeGrants, []scenario.Edit{scenario.Revoke{Holder: "RU", Over: &testkit.Sel{Kind: guarantee.Military}}}, func(s *scenario.Scenario) {
			s.Vetoes = []scenario.Veto{testkit.Grant("RU", testkit.ToUA), testkit.Grant("BY", testkit.ToUA)}
		}},
		{"RevokeLast", testkit.Build(testkit.Vetoes(testkit.Grant("BY", testkit.ToUA))), []scenario.Edit{scenario.Revoke{Holder: "BY", Over: &testkit.Sel{Beneficiary: "UA"}}}, func(s *scenario.Scenario) {
			s.Vetoes = nil
		}},

		// Set, a guarantee's fields.
		{"SetStrength", seed, []scenario.Edit{scenario.Set{Field: "us-air-support.strength", Value: "treaty"}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "us-air-support").Strength = guarantee.Treaty
		}},
		{"SetRequires", seed, []scenario.Edit{scenario.Set{Field: "us-air-support.requires", Value: "[european-force, us-intelligence]"}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "us-air-support").Requires = testkit.Gids("european-force", "us-intelligence")
		}},
		{"ClearRequires", seed, []scenario.Edit{scenario.Set{Field: "european-force.requires", Value: ""}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "european-force").Requires = nil
		}},
		{"SetTrigger", seed, []scenario.Edit{scenario.Set{Field: "us-air-support.trigger", Value: "any(attack(RU, UA), violation(RU))"}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "us-air-support").Trigger = guarantee.AnyOf(guarantee.Attack("RU", "UA"), guarantee.On("violation", "RU"))
		}},
		{"ClearTrigger", seed, []scenario.Edit{scenario.Set{Field: "us-air-support.trigger", Value: ""}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "us-air-support").Trigger = guarantee.Condition{}
		}},
		{"SetActivationConsent", seed, []scenario.Edit{scenario.Set{Field: "european-force.activation", Value: "consent(TR, UK)"}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "european-force").Activation = guarantee.ConsentOf("TR", "UK")
		}},
		{"SetActivationBody", seed, []scenario.Edit{scenario.Set{Field: "european-force.activation", Value: "body(NATO)"}}, func(s *scenario.Scenario) {
			guaranteeOf(s, "european-force").Activation = guarantee.DecidedBy("NATO")
		}},
		{"ClearActivation", testkit.Build(testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Aid, "", testkit.Activation("automatic")))), []scenario.Edit{scenario.Set{Field: "g.activation", Value: ""}}, func(s *scenario.Scenario) {
			s.Guarantees[0].Activation = guarantee.Activation{}
		}},
		{"SetGuaranteeFields", seed, []scenario.Edit{
			scenario.Set{Field: "turkey-black-sea.provider", Value: "NATO"},
			scenario.Set{Field: "turkey-black-sea.beneficiary", Value: "FI"},
			scenario.Set{Field: "turkey-black-sea.target", Value: ""},
			scenario.Set{Field: "turkey-black-sea.location", Value: "baltic"},
			scenario.Set{Field: "turkey-black-sea.kind", Value: "military/air-support"},
			scenario.Set{Field: "turkey-black-sea.note", Value: "moved north"},
		}, func(s *scenario.Scenario) {
			g := guaranteeOf(s, "turkey-black-sea")
			g.Provider, g.Beneficiary, g.Target, g.Location, g.Kind, g.Note = "NATO", "FI", "", "baltic", guarantee.AirSupport, "moved north"
		}},

		// Set, an actor's fields.
		{"SetMembers", seed, []scenario.Edit{scenario.Set{Field: "NATO.members", Value: "US, UK, TR"}}, func(s *scenario.Scenario) {
			actorOf(s, "NATO").Members = testkit.Ids("US", "UK", "TR")
		}},
		{"SetRule", seed, []scenario.Edit{
			scenario.Set{Field: "NATO.decides", Value: "majority"},
			scenario.Set{Field: "NATO.threshold", Value: "5"},
			scenario.Set{Field: "NATO.vetoes", Value: "[US, TR]"},
		}, func(s *scenario.Scenario) {
			a := actorOf(s, "NATO")
			a.Decides, a.Threshold, a.Vetoes = actor.Majority, 5, testkit.Ids("US", "TR")
		}},
		{"ConsensusIsUnanimity", seed, []scenario.Edit{
			scenario.Set{Field: "europe.decides", Value: "consensus"},
		}, func(s *scenario.Scenario) {
			actorOf(s, "europe").Decides = actor.Unanimity
		}},
		{"ClearRule", testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Body("ORG", actor.Organization, actor.Majority, "US", "UK", "FR"), "US"))), []scenario.Edit{
			scenario.Set{Field: "ORG.decides", Value: ""},
			scenario.Set{Field: "ORG.threshold", Value: ""},
			scenario.Set{Field: "ORG.vetoes", Value: ""},
		}, func(s *scenario.Scenario) {
			a := actorOf(s, "ORG")
			a.Decides, a.Threshold, a.Vetoes = actor.Default, 0, nil
		}},
		{"SetActorText", seed, []scenario.Edit{
			scenario.Set{Field: "europe.name", Value: "Coalition of the willing"},
			scenario.Set{Field: "europe.note", Value: ""},
			scenario.Set{Field: "europe.kind", Value: "alliance"},
		}, func(s *scenario.Scenario) {
			a := actorOf(s, "europe")
			a.Name, a.Note, a.Kind = "Coalition of the willing", "", actor.Alliance
		}},

		// Set, a position's fields.
		{"SetSelector", seed, []scenario.Edit{
			scenario.Set{Field: "ru-demands-veto.kind", Value: "military"},
			scenario.Set{Field: "ru-demands-veto.provider", Value: "US"},
			scenario.Set{Field: "ru-demands-veto.provider-in", Value: "NATO"},
			scenario.Set{Field: "ru-demands-veto.beneficiary", Value: "UA"},
			scenario.Set{Field: "ru-demands-veto.target", Value: "RU"},
			scenario.Set{Field: "ru-demands-veto.location", Value: "UA"},
			scenario.Set{Field: "ru-demands-veto.ids", Value: "us-air-support, european-force"},
		}, func(s *scenario.Scenario) {
			positionOf(s, "ru-demands-veto").Select = testkit.Sel{
				Kind: guarantee.Military, Provider: "US", ProviderIn: "NATO", Beneficiary: "UA",
				Target: "RU", Location: "UA", IDs: testkit.Gids("us-air-support", "european-force"),
			}
		}},
		{"ClearSelector", seed, []scenario.Edit{
			scenario.Set{Field: "us-wants-europe-lead.kind", Value: ""},
			scenario.Set{Field: "us-wants-europe-lead.provider", Value: ""},
			scenario.Set{Field: "us-wants-europe-lead.ids", Value: "[]"},
		}, func(s *scenario.Scenario) {
			positionOf(s, "us-wants-europe-lead").Select = testkit.Sel{Beneficiary: "UA"}
		}},
		{"SetPositionFields", seed, []scenario.Edit{
			scenario.Set{Field: "ua-rejects-ru-veto.by", Value: "RU, TR"},
			scenario.Set{Field: "ua-rejects-ru-veto.note", Value: "no veto for Moscow or Ankara"},
			scenario.Set{Field: "us-no-ground-troops.actor", Value: "TR"},
			scenario.Set{Field: "us-no-ground-troops.stance", Value: "rejects"},
		}, func(s *scenario.Scenario) {
			p := positionOf(s, "ua-rejects-ru-veto")
			p.By, p.Note = testkit.Ids("RU", "TR"), "no veto for Moscow or Ankara"
			p = positionOf(s, "us-no-ground-troops")
			p.Actor, p.Stance = "TR", scenario.Rejects
		}},
		{"SetPositionByPath", unnamedPositions, []scenario.Edit{scenario.Set{Field: "positions[1].note", Value: "red line"}}, func(s *scenario.Scenario) {
			s.Positions[1].Note = "red line"
		}},

		// Mandates.
		{"WithMandate", seed, []scenario.Edit{
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "NATO", Every: guarantee.Period{Months: 6}, From: "2025-09-01"}},
		}, func(s *scenario.Scenario) {
			guaranteeOf(s, "european-force").Mandate = guarantee.Mandate{Body: "NATO", Every: guarantee.Period{Months: 6}, From: "2025-09-01"}
		}},
		{"WithMandateReplaces", seed, []scenario.Edit{
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "NATO"}},
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Ends: "2030-01-01"}},
		}, func(s *scenario.Scenario) {
			guaranteeOf(s, "european-force").Mandate = guarantee.Mandate{Ends: "2030-01-01"}
		}},
		{"WithoutMandate", seed, []scenario.Edit{
			scenario.WithMandate{Guarantee: "us-intelligence", Mandate: guarantee.Mandate{Body: "US", Every: guarantee.Period{Days: 90}}},
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "EU"}},
			scenario.WithoutMandate{Guarantee: "european-force"},
		}, func(s *scenario.Scenario) {
			guaranteeOf(s, "us-intelligence").Mandate = guarantee.Mandate{Body: "US", Every: guarantee.Period{Days: 90}}
		}},

		// Set, the scenario's own fields.
		{"SetScenarioFields", seed, []scenario.Edit{
			scenario.Set{Field: "name", Value: "what if"},
			scenario.Set{Field: "description", Value: "a what-if"},
			scenario.Set{Field: "as-of", Value: "2025-09-01"},
			scenario.Set{Field: "timeline", Value: "[peace-deal, attack(RU, UA), violation(RU)]"},
		}, func(s *scenario.Scenario) {
			s.Name, s.Description, s.AsOf = "what if", "a what-if", "2025-09-01"
			s.Timeline = events("peace-deal", "attack(RU, UA)", "violation(RU)")
		}},
		{"SetDatedTimeline", seed, []scenario.Edit{
			scenario.Set{Field: "timeline", Value: "peace-deal, 2026-01-10 attack(RU, UA), 2026-01-10 renewal(NATO), violation(RU)"},
		}, func(s *scenario.Scenario) {
			s.Timeline = events("peace-deal", "attack(RU, UA)", "renewal(NATO)", "violation(RU)")
			s.Timeline[1].Date, s.Timeline[2].Date = "2026-01-10", "2026-01-10"
		}},
		{"ClearScenarioFields", seed, []scenario.Edit{
			scenario.Set{Field: "as-of", Value: ""},
			scenario.Set{Field: "timeline", Value: ""},
		}, func(s *scenario.Scenario) {
			s.AsOf, s.Timeline = "", nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := cloneEdited(tc.s)
			tc.want(&want)
			if diff := cmp.Diff(tc.s, want, equateEmpty); diff == "" {
				t.Fatalf("the case expects no change; a case must expect the edit's effect")
			}
			got, err := tc.s.With(tc.edits...)
			if err != nil {
				t.Fatalf("With(%s): unexpected error: %v", listEdits(tc.edits), err)
			}
			if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
				t.Errorf("With(%s): -want +got:\n%s", listEdits(tc.edits), diff)
			}
			if err := scenario.Validate(got); err != nil {
				t.Errorf("With(%s) gave a scenario Validate rejects: %v", listEdits(tc.edits), err)
			}
		})
	}
}

// editedSeed is the seed with granted vetoes and a variant, so that every
// list With copies holds something.
func editedSeed() scenario.Scenario {
	s := examples.Ukraine2025()
	s.Vetoes = []scenario.Veto{testkit.Grant("RU", testkit.ToUA), testkit.Grant("TR", testkit.Sel{Kind: guarantee.Naval, IDs: testkit.Gids("turkey-black-sea")})}
	s.Variants = []scenario.Variant{
		{Name: "no-us-air", Note: "the US withdraws its offer", Sources: []string{"seed"}, Edits: []scenario.Edit{scenario.Without{ID: "us-air-support"}}},
		{Name: "ru-veto", Edits: []scenario.Edit{scenario.Grant{Veto: testkit.Grant("RU", testkit.Sel{Kind: guarantee.Military})}}},
	}
	return s
}

func TestWithLeavesInputAlone(t *testing.T) {
	tests := []struct {
		name  string
		edits []scenario.Edit
		ok    bool // whether With applies them
	}{
		{"None", nil, true},
		{"Without", []scenario.Edit{scenario.Without{ID: "us-air-support"}, scenario.Without{ID: "ru-demands-veto"}, scenario.Without{ID: "positions[0]"}}, true},
		{"WithoutActor", []scenario.Edit{scenario.Without{ID: "turkey-black-sea"}, scenario.Revoke{Holder: "TR"},
			scenario.Set{Field: "NATO.members", Value: "US, UK"}, scenario.Set{Field: "willing.members", Value: "UK"}, scenario.Without{ID: "TR"}}, true},
		{"SetRequires", []scenario.Edit{scenario.Set{Field: "us-air-support.requires", Value: "us-intelligence"}, scenario.Set{Field: "european-force.requires", Value: ""}}, true},
		{"SetTrigger", []scenario.Edit{scenario.Set{Field: "us-air-support.trigger", Value: "attack(RU, UA)"}, scenario.Set{Field: "us-air-support.activation", Value: "consent(UA, RU)"}}, true},
		{"SetMembers", []scenario.Edit{scenario.Set{Field: "NATO.members", Value: "US, UK, FR"}, scenario.Set{Field: "EU.members", Value: ""}, scenario.Set{Field: "EU.vetoes", Value: ""}}, true},
		{"SetRule", []scenario.Edit{scenario.Set{Field: "NATO.decides", Value: "majority"}, scenario.Set{Field: "NATO.vetoes", Value: "US, TR"}, scenario.Set{Field: "NATO.threshold", Value: "4"}}, true},
		{"SetSelectorIDs", []scenario.Edit{scenario.Set{Field: "ru-demands-veto.ids", Value: "us-air-support, european-force"}, scenario.Set{Field: "ua-rejects-ru-veto.by", Value: "RU, TR"}}, true},
		{"SetSelectorFields", []scenario.Edit{scenario.Set{Field: "ru-demands-veto.provider-in", Value: "NATO"}, scenario.Set{Field: "positions[4].stance", Value: "rejects-veto"}}, true},
		{"SetScenario", []scenario.Edit{scenario.Set{Field: "name", Value: "x"}, scenario.Set{Field: "as-of", Value: "2026-01-01"}, scenario.Set{Field: "timeline", Value: "peace-deal"}}, true},
		{"Replace", []scenario.Edit{
			scenario.ReplaceActor{Actor: testkit.Alliance("NATO", actor.Majority, "US", "UK", "TR")},
			scenario.ReplaceGuarantee{Guarantee: testkit.G("us-intelligence", "US", "UA", guarantee.Intelligence, "")},
			scenario.ReplacePosition{At: "positions[1]", Position: testkit.Pos("US", scenario.Requires, testkit.ToUA)},
		}, true},
		{"Add", []scenario.Edit{
			scenario.AddActor{Actor: actor.Actor{ID: "PL"}},
			scenario.AddGuarantee{Guarantee: testkit.G("pl-arms", "PL", "UA", guarantee.Arms, "peace-deal")},
			scenario.AddPosition{Position: testkit.Pos("PL", scenario.Requires, testkit.ToUA)},
		}, true},
		{"GrantRevoke", []scenario.Edit{scenario.Grant{Veto: testkit.Grant("UA", testkit.ToUA)}, scenario.Revoke{Holder: "RU"}, scenario.Revoke{Holder: "TR", Over: &testkit.Sel{Kind: guarantee.Naval, IDs: testkit.Gids("turkey-black-sea")}}}, true},
		{"RefusedLast", []scenario.Edit{scenario.Without{ID: "us-air-support"}, scenario.Set{Field: "NATO.members", Value: "US"}, scenario.Without{ID: "nobody"}}, false},
		{"RefusedSet", []scenario.Edit{scenario.Set{Field: "ru-demands-veto.ids", Value: "a, b"}, scenario.Set{Field: "us-air-support.trigger", Value: "all("}}, false},
		{"RefusedActors", []scenario.Edit{scenario.Set{Field: "NATO.members", Value: "US, EU"}, scenario.Set{Field: "EU.members", Value: "FR, NATO"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := editedSeed()
			before := cloneEdited(s)
			if diff := cmp.Diff(s, before); diff != "" {
				t.Fatalf("cloneEdited is not a copy: -want +got:\n%s", diff)
			}
			got, err := s.With(tc.edits...)
			if (err == nil) != tc.ok {
				t.Fatalf("With(%s): error %v; want an error: %t", listEdits(tc.edits), err, !tc.ok)
			}
			if diff := cmp.Diff(before, s); diff != "" {
				t.Fatalf("With(%s) changed its input: -before +after:\n%s", listEdits(tc.edits), diff)
			}
			if !tc.ok {
				return
			}
			// Appending to the result's lists leaves s alone, and so does
			// writing to the elements of a list that an edit changed, which
			// With copied first. A list no edit changed is shared with s.
			own := func(a, b any) bool { return a != b }
			if len(got.Actors) > 0 && len(s.Actors) > 0 && own(&got.Actors[0], &s.Actors[0]) {
				got.Actors[0] = actor.Actor{ID: "scribbled"}
			}
			if len(got.Guarantees) > 0 && len(s.Guarantees) > 0 && own(&got.Guarantees[0], &s.Guarantees[0]) {
				got.Guarantees[0] = guarantee.Guarantee{ID: "scribbled"}
			}
			if len(got.Positions) > 0 && len(s.Positions) > 0 && own(&got.Positions[0], &s.Positions[0]) {
				got.Positions[0].Note = "scribbled"
				slices.Reverse(got.Positions)
			}
			if len(got.Vetoes) > 0 && len(s.Vetoes) > 0 && own(&got.Vetoes[0], &s.Vetoes[0]) {
				got.Vetoes[0].Holder = "scribbled"
			}
			got.Actors = append(got.Actors, actor.Actor{ID: "appended"})
			got.Guarantees = append(got.Guarantees, guarantee.Guarantee{ID: "appended"})
			got.Positions = append(got.Positions, scenario.Position{ID: "appended"})
			got.Vetoes = append(got.Vetoes, scenario.Veto{Holder: "appended"})
			got.Timeline = append(got.Timeline, guarantee.Event{Name: "appended"})
			got.Variants = append(got.Variants, scenario.Variant{Name: "appended"})
			if diff := cmp.Diff(before, s); diff != "" {
				t.Errorf("changing the lists of With(%s)'s result changed its input: -before +after:\n%s", listEdits(tc.edits), diff)
			}
		})
	}
}

func TestWithComposes(t *testing.T) {
	pl := actor.Actor{ID: "PL", Name: "Poland"}
	pairs := [][2]scenario.Edit{
		{scenario.Without{ID: "us-air-support"}, scenario.Without{ID: "european-force"}},
		{scenario.Without{ID: "positions[0]"}, scenario.Without{ID: "positions[0]"}},
		{scenario.AddActor{Actor: pl}, scenario.AddGuarantee{Guarantee: testkit.G("pl-arms", "PL", "UA", guarantee.Arms, "peace-deal")}},
		{scenario.AddActor{Actor: pl}, scenario.Set{Field: "NATO.members", Value: "US, UK, PL"}},
		{scenario.Grant{Veto: testkit.Grant("UA", testkit.ToUA)}, scenario.Revoke{Holder: "RU"}},
		{scenario.Revoke{Holder: "RU", Over: &testkit.ToUA}, scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}},
		{scenario.Set{Field: "NATO.members", Value: "US, UK"}, scenario.ReplaceActor{Actor: testkit.Body("EU", actor.Organization, actor.Majority, "FR", "DE", "NATO")}},
		{scenario.AddPosition{Position: testkit.Named("pl-wants-troops", testkit.Pos("UK", scenario.Requires, testkit.Sel{Kind: guarantee.GroundTroops}))}, scenario.ReplacePosition{At: "pl-wants-troops", Position: testkit.Pos("UK", scenario.Requires, testkit.ToUA)}},
		{scenario.Set{Field: "ru-demands-veto.ids", Value: "us-air-support"}, scenario.Without{ID: "ru-demands-veto"}},
		{scenario.Set{Field: "timeline", Value: "peace-deal"}, scenario.Set{Field: "as-of", Value: "2025-12-31"}},
		{scenario.ReplaceGuarantee{Guarantee: testkit.G("european-force", "willing", "UA", guarantee.GroundTroops, "peace-deal")}, scenario.Set{Field: "european-force.strength", Value: "treaty"}},
	}
	for _, p := range pairs {
		a, b := p[0], p[1]
		t.Run(a.String()+"; "+b.String(), func(t *testing.T) {
			s := editedSeed()
			both, err := s.With(a, b)
			if err != nil {
				t.Fatalf("With(%s; %s): unexpected error: %v", a, b, err)
			}
			first, err := s.With(a)
			if err != nil {
				t.Fatalf("With(%s): unexpected error: %v", a, err)
			}
			second, err := first.With(b)
			if err != nil {
				t.Fatalf("With(%s).With(%s): unexpected error: %v", a, b, err)
			}
			if diff := cmp.Diff(both, second); diff != "" {
				t.Errorf("With(%s; %s) and With(%s).With(%s) differ: -one call +two calls:\n%s", a, b, a, b, diff)
			}
		})
	}

	// A refusal says the same in one call as in two, at its own index.
	s := examples.Ukraine2025()
	a, b := scenario.Without{ID: "turkey-black-sea"}, scenario.Without{ID: "TR"}
	_, errBoth := s.With(a, b)
	first, err := s.With(a)
	if err != nil {
		t.Fatalf("With(%s): unexpected error: %v", a, err)
	}
	_, errSecond := first.With(b)
	var eBoth, eSecond *scenario.EditError
	if !errors.As(errBoth, &eBoth) || !errors.As(errSecond, &eSecond) {
		t.Fatalf("With(%s; %s) = %v and With(%s).With(%s) = %v; want two *EditError", a, b, errBoth, a, b, errSecond)
	}
	if eBoth.Index != 1 || eSecond.Index != 0 {
		t.Errorf("indexes %d (one call) and %d (two calls); want 1 and 0", eBoth.Index, eSecond.Index)
	}
	if errBoth.Error() != errSecond.Error() {
		t.Errorf("one call says %q, two calls %q; want the same", errBoth, errSecond)
	}
}

func TestEditString(t *testing.T) {
	tests := []struct {
		e    scenario.Edit
		want string
	}{
		{scenario.Without{ID: "us-air-support"}, "without us-air-support"},
		{scenario.Without{ID: "positions[3]"}, "without positions[3]"},
		{scenario.AddActor{Actor: actor.Actor{ID: "PL", Name: "Poland"}}, "add actor PL"},
		{scenario.AddGuarantee{Guarantee: testkit.G("pl-arms", "PL", "UA", guarantee.Arms, "")}, "add guarantee pl-arms"},
		{scenario.AddPosition{Position: testkit.Named("pl-wants-troops", testkit.Pos("PL", scenario.Requires, testkit.Sel{Kind: guarantee.GroundTroops, Beneficiary: "UA"}))},
			"add position pl-wants-troops (PL requires {kind: military/ground-troops, beneficiary: UA})"},
		{scenario.AddPosition{Position: testkit.RejectsVeto("UA", testkit.Ids("RU", "BY"), testkit.ToUA)}, "add position UA rejects-veto by [RU, BY] {beneficiary: UA}"},
		{scenario.ReplaceActor{Actor: testkit.Alliance("NATO", actor.Majority, "US")}, "replace actor NATO"},
		{scenario.ReplaceGuarantee{Guarantee: testkit.G("us-air-support", "US", "UA", guarantee.AirSupport, "")}, "replace guarantee us-air-support"},
		{scenario.ReplacePosition{Position: testkit.Named("ru-demands-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.Sel{Kind: guarantee.Military, Beneficiary: "UA"}))},
			"replace position ru-demands-veto with RU demands-veto {kind: military, beneficiary: UA}"},
		{scenario.ReplacePosition{At: "positions[4]", Position: testkit.Named("ua-no-vetoes", testkit.RejectsVeto("UA", nil, testkit.ToUA))},
			"replace position positions[4] with UA rejects-veto {beneficiary: UA}"},
		{scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}, "grant RU veto over {beneficiary: UA}"},
		{scenario.Grant{Veto: testkit.Grant("RU", testkit.Sel{})}, "grant RU veto over {}"},
		{scenario.Grant{Veto: testkit.Grant("TR", testkit.Sel{Kind: guarantee.Naval, IDs: testkit.Gids("a", "b")})}, "grant TR veto over {kind: military/naval, ids: [a, b]}"},
		{scenario.Revoke{Holder: "RU"}, "revoke RU vetoes"},
		{scenario.Revoke{Holder: "RU", Over: &testkit.ToUA}, "revoke RU veto over {beneficiary: UA}"},
		{scenario.Set{Field: "us-air-support.strength", Value: "treaty"}, "set us-air-support.strength = treaty"},
		{scenario.Set{Field: "NATO.members", Value: "[US, UK]"}, "set NATO.members = [US, UK]"},
		{scenario.Set{Field: "european-force.requires", Value: ""}, "set european-force.requires = "},
		{scenario.Set{Field: "as-of", Value: "2025-09-01"}, "set as-of = 2025-09-01"},
		{scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}}},
			"with mandate european-force: renewed by UNSC every 6 months"},
		{scenario.WithMandate{Guarantee: "unomig", Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 4}, From: "2008-10-15", Ends: "2009-06-15"}},
			"with mandate unomig: renewed by UNSC every 4 months from 2008-10-15, ends 2009-06-15"},
		{scenario.WithoutMandate{Guarantee: "european-force"}, "without mandate european-force"},
	}
	for _, tc := range tests {
		if got := tc.e.String(); got != tc.want {
			t.Errorf("%#v.String() = %q; want %q", tc.e, got, tc.want)
		}
	}
}

func TestEditRefusals(t *testing.T) {
	seed := examples.Ukraine2025()
	coBody := testkit.Build(
		testkit.Actors(testkit.Coalition("CO", "US", "UK")),
		testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.AirSupport, "", testkit.Activation("body(CO)"))),
	)
	tests := []struct {
		name  string
		s     scenario.Scenario
		edits []scenario.Edit
		index int    // of the refused edit
		want  string // the error, in full
		is    error  // a sentinel the error wraps, besides ErrEdit
	}{
		{
			name:  "ActorStillNamed",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "us-intelligence"}, scenario.Without{ID: "TR"}},
			index: 1,
			want:  "without TR: actor TR is still named by actors[9].members (NATO), actors[12].members (willing), guarantees[2].provider (turkey-black-sea); remove or change those first",
		},
		{
			name:  "ActorNamedInManyPlaces",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "US"}},
			want:  "without US: actor US is still named by actors[9].members (NATO), guarantees[0].provider (us-air-support), guarantees[1].provider (us-intelligence) and 5 more; remove or change those first",
		},
		{
			name: "ActorNamedByVetoesAndTimeline",
			s: testkit.Build(
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.AirSupport, "")),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.Sel{ProviderIn: "BY"})),
				testkit.Timeline("peace-deal", "attack(BY, UA)"),
			),
			edits: []scenario.Edit{scenario.Without{ID: "BY"}},
			want:  "without BY: actor BY is still named by vetoes[0].holder, vetoes[1].over.provider-in, timeline[1] (attack(BY, UA)); remove or change those first",
		},
		{
			name: "ActorNamedByPositionsVetoesAndTimeline",
			s: testkit.Build(
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.AirSupport, "")),
				testkit.Positions(testkit.RejectsVeto("UA", testkit.Ids("BY"), testkit.ToUA)),
				testkit.Vetoes(testkit.Grant("BY", testkit.ToUA), testkit.Grant("RU", testkit.Sel{ProviderIn: "BY"})),
				testkit.Timeline("attack(BY, UA)"),
			),
			edits: []scenario.Edit{scenario.Without{ID: "BY"}},
			want:  "without BY: actor BY is still named by positions[0].by (positions[0]), vetoes[0].holder, vetoes[1].over.provider-in and 1 more; remove or change those first",
		},
		{
			name:  "UnknownID",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "nobody"}},
			want:  `without nobody: no actor, guarantee or position has ID "nobody"`,
		},
		{
			name:  "MisspeltGuarantee",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "us-air-suport"}},
			want:  `without us-air-suport: no actor, guarantee or position has ID "us-air-suport"; did you mean "us-air-support"?`,
		},
		{
			name:  "MisspeltPositionInSet",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "ru-demand-veto.note", Value: "x"}},
			want:  `set ru-demand-veto.note = x: no actor, guarantee or position has ID "ru-demand-veto"; did you mean "ru-demands-veto"?`,
		},
		{
			name:  "MisspeltGuaranteeOfAMandate",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "us-ari-support", Mandate: guarantee.RenewedBy("US", guarantee.Years(1))}},
			want:  `with mandate us-ari-support: renewed by US every 1 year: no guarantee has ID "us-ari-support"; did you mean "us-air-support"?`,
		},
		{
			name:  "MisspeltPositionReplaced",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplacePosition{At: "ua-rejects-ru-vetoes", Position: testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)}},
			want:  `replace position ua-rejects-ru-vetoes with RU demands-veto {beneficiary: UA}: no position has ID "ua-rejects-ru-vetoes"; did you mean "ua-rejects-ru-veto"?`,
		},
		{
			name:  "NoSuggestionOfAnotherKind",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplaceGuarantee{Guarantee: testkit.G("ru-demands-vetoes", "US", "UA", guarantee.Arms, "")}},
			want:  `replace guarantee ru-demands-vetoes: no guarantee has ID "ru-demands-vetoes"`,
		},
		{
			name:  "NoID",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{}},
			want:  "without : no ID given",
		},
		{
			name:  "RemovedTwice",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "us-air-support"}, scenario.Without{ID: "us-air-support"}},
			index: 1,
			want:  `without us-air-support: no actor, guarantee or position has ID "us-air-support"`,
		},
		{
			name:  "AmbiguousID",
			s:     testkit.Build(testkit.Actors(testkit.Body("EU", actor.Organization, actor.Default, "FR", "DE")), testkit.Guarantees(testkit.G("EU", "FR", "UA", guarantee.Aid, ""))),
			edits: []scenario.Edit{scenario.Without{ID: "EU"}},
			want:  `without EU: "EU" is ambiguous: it is an actor and a guarantee`,
		},
		{
			name:  "AmbiguousSet",
			s:     testkit.Build(testkit.Actors(testkit.Body("EU", actor.Organization, actor.Default, "FR", "DE")), testkit.Positions(testkit.Named("EU", testkit.Pos("FR", scenario.Requires, testkit.ToUA)))),
			edits: []scenario.Edit{scenario.Set{Field: "EU.note", Value: "x"}},
			want:  `set EU.note = x: "EU" is ambiguous: more than one of the actors, guarantees and positions has that ID`,
		},
		{
			name:  "DuplicateActor",
			s:     seed,
			edits: []scenario.Edit{scenario.AddActor{Actor: actor.Actor{ID: "US"}}},
			want:  "add actor US: actor US already exists; replace it instead",
		},
		{
			name:  "DuplicateGuarantee",
			s:     seed,
			edits: []scenario.Edit{scenario.AddGuarantee{Guarantee: testkit.G("us-air-support", "US", "UA", guarantee.AirSupport, "")}},
			want:  "add guarantee us-air-support: guarantee us-air-support already exists; replace it instead",
		},
		{
			name:  "DuplicatePosition",
			s:     seed,
			edits: []scenario.Edit{scenario.AddPosition{Position: testkit.Named("ru-demands-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA))}},
			want:  "add position ru-demands-veto (RU demands-veto {beneficiary: UA}): position ru-demands-veto already exists; replace it instead",
		},
		{
			name:  "ReplacedPositionTakesAnotherID",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplacePosition{At: "ru-demands-veto", Position: testkit.Named("ua-rejects-ru-veto", testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA))}},
			want:  "replace position ru-demands-veto with RU demands-veto {beneficiary: UA}: position ua-rejects-ru-veto already exists",
		},
		{
			name:  "ReplaceAbsentActor",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplaceActor{Actor: actor.Actor{ID: "PL"}}},
			want:  `replace actor PL: no actor has ID "PL"`,
		},
		{
			name:  "ReplaceAbsentGuarantee",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplaceGuarantee{Guarantee: testkit.G("pl-arms", "US", "UA", guarantee.Arms, "")}},
			want:  `replace guarantee pl-arms: no guarantee has ID "pl-arms"`,
		},
		{
			name:  "ReplaceAbsentPosition",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplacePosition{At: "positions[5]", Position: testkit.Pos("RU", scenario.DemandsVeto, testkit.ToUA)}},
			want:  `replace position positions[5] with RU demands-veto {beneficiary: UA}: no position has ID "positions[5]"`,
		},
		{
			name:  "AddedGuaranteeNamesUnknownActor",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "us-intelligence"}, scenario.AddGuarantee{Guarantee: testkit.G("pl-arms", "PL", "UA", guarantee.Arms, "attack(RU, UA)")}},
			index: 1,
			want:  `add guarantee pl-arms: guarantees[5].provider: unknown actor "PL"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "ReplacedGuaranteeNamesUnknownActor",
			s:     seed,
			edits: []scenario.Edit{scenario.ReplaceGuarantee{Guarantee: testkit.G("european-force", "europe", "UA", guarantee.GroundTroops, "attack(BY, UA)")}},
			want:  `replace guarantee european-force: guarantees[2].trigger: unknown actor "BY"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "SetGuaranteeTargetUnknown",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "name", Value: "x"}, scenario.Set{Field: "turkey-black-sea.target", Value: "BY"}},
			index: 1,
			want:  `set turkey-black-sea.target = BY: guarantees[3].target: unknown actor "BY"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "AddedPositionNamesUnknownActor",
			s:     seed,
			edits: []scenario.Edit{scenario.AddPosition{Position: testkit.Pos("PL", scenario.Requires, testkit.ToUA)}},
			want:  `add position PL requires {beneficiary: UA}: positions[5].actor: unknown actor "PL"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "GrantToUnknownActor",
			s:     seed,
			edits: []scenario.Edit{scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}, scenario.Grant{Veto: testkit.Grant("BY", testkit.ToUA)}},
			index: 1,
			want:  `grant BY veto over {beneficiary: UA}: vetoes[1].holder: unknown actor "BY"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "LoopByReplaceActor",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "willing.members", Value: "TR, europe"}, scenario.ReplaceActor{Actor: testkit.Coalition("europe", "UK", "willing")}},
			index: 1,
			want:  "replace actor europe: actors[12].members[1]: membership loop: europe → willing → europe",
			is:    actor.ErrMembershipLoop,
		},
		{
			name:  "LoopBySetMembers",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "NATO.members", Value: "US, EU"}, scenario.Set{Field: "EU.members", Value: "FR, NATO"}},
			index: 1,
			want:  "set EU.members = FR, NATO: actors[10].members[1]: membership loop: NATO → EU → NATO",
			is:    actor.ErrMembershipLoop,
		},
		{
			name:  "ThresholdAboveMembers",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "NATO.threshold", Value: "8"}},
			want:  "set NATO.threshold = 8: actors[9].threshold: threshold out of range: 8 with 7 members",
			is:    actor.ErrThreshold,
		},
		{
			name:  "MembersBelowThreshold",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "NATO.threshold", Value: "7"}, scenario.Set{Field: "NATO.members", Value: "US, UK"}},
			index: 1,
			want:  "set NATO.members = US, UK: actors[9].threshold: threshold out of range: 7 with 2 members",
			is:    actor.ErrThreshold,
		},
		{
			name:  "BodyActivationOfAState",
			s:     coBody,
			edits: []scenario.Edit{scenario.Set{Field: "CO.members", Value: ""}, scenario.Set{Field: "CO.kind", Value: "state"}},
			index: 1,
			want:  "set CO.kind = state: guarantees[0].activation: body(CO): not a body: CO is a state",
			is:    scenario.ErrNotABody,
		},
		{
			name:  "BodyActivationOfAReplacedState",
			s:     coBody,
			edits: []scenario.Edit{scenario.ReplaceActor{Actor: actor.Actor{ID: "CO"}}},
			want:  "replace actor CO: guarantees[0].activation: body(CO): not a body: CO is a state",
			is:    scenario.ErrNotABody,
		},
		{
			name:  "RevokeNone",
			s:     seed,
			edits: []scenario.Edit{scenario.Revoke{Holder: "RU"}},
			want:  "revoke RU vetoes: the deal grants RU no veto",
		},
		{
			name:  "RevokeNoneOver",
			s:     threeGrants,
			edits: []scenario.Edit{scenario.Revoke{Holder: "RU", Over: &testkit.Sel{Beneficiary: "UA", Kind: guarantee.Military}}},
			want:  "revoke RU veto over {kind: military, beneficiary: UA}: the deal grants RU no veto over {kind: military, beneficiary: UA}",
		},
		{
			name:  "GrantLikelihoodOutOfRange",
			s:     seed,
			edits: []scenario.Edit{scenario.Grant{Veto: scenario.Veto{Holder: "RU", Likelihood: new(math.NaN())}}},
			want:  "grant RU veto over {}: vetoes[0].likelihood: a likelihood must be a number from 0 to 1: NaN",
			is:    guarantee.ErrLikelihood,
		},
		{
			name:  "SetLikelihoodOutOfRange",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "us-air-support.likelihood", Value: "1.5"}},
			want:  `set us-air-support.likelihood = 1.5: a likelihood must be a number from 0 to 1; found "1.5"`,
		},
		{
			name:  "SetLikelihoodNotANumber",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "ru-demands-veto.likelihood", Value: "likely"}},
			want:  `set ru-demands-veto.likelihood = likely: a likelihood must be a number from 0 to 1; found "likely"`,
		},
		{
			name:  "SetUnknownGuaranteeField",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "us-air-support.colour", Value: "red"}},
			want:  `set us-air-support.colour = red: a guarantee has no field "colour": want one of provider, beneficiary, kind, target, location, strength, trigger, activation, parties-aside, requires, likelihood, note`,
		},
		{
			name:  "SetUnknownActorField",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "NATO.id", Value: "OTAN"}},
			want:  `set NATO.id = OTAN: an actor has no field "id": want one of name, kind, members, decides, threshold, vetoes, parties-aside, note`,
		},
		{
			name:  "SetUnknownPositionField",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "ru-demands-veto.select", Value: "{}"}},
			want:  `set ru-demands-veto.select = {}: a position has no field "select": want one of actor, stance, by, likelihood, note, kind, provider, provider-in, beneficiary, target, location, ids`,
		},
		{
			name:  "SetWithoutField",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "title", Value: "x"}},
			want:  `set title = x: field "title": want ID.field, or name, as-of, description or timeline`,
		},
		{
			name:  "SetUnknownID",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "nobody.note", Value: "x"}},
			want:  `set nobody.note = x: no actor, guarantee or position has ID "nobody"`,
		},
		{
			name:  "SetMalformedTrigger",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "us-air-support.trigger", Value: "all(peace-deal, attack(RU, UA)"}},
			want:  `set us-air-support.trigger = all(peace-deal, attack(RU, UA): column 4: unclosed '(' of all in "all(peace-deal, attack(RU, UA)"`,
		},
		{
			name:  "SetMalformedTimeline",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "timeline", Value: "peace-deal, attack(BY, UA)"}},
			want:  `set timeline = peace-deal, attack(BY, UA): timeline[1]: unknown actor "BY"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "SetBadDate",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "as-of", Value: "2025-02-30"}},
			want:  `set as-of = 2025-02-30: want a date as YYYY-MM-DD; found "2025-02-30"`,
			is:    scenario.ErrInvalidAsOf,
		},
		{
			name:  "SetBadThreshold",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "NATO.threshold", Value: "-1"}},
			want:  `set NATO.threshold = -1: threshold "-1": want a whole number, 0 or more`,
		},
		{
			name:  "SetBadStance",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "ru-demands-veto.stance", Value: "demands"}},
			want:  `set ru-demands-veto.stance = demands: unknown stance "demands": want refuses, rejects, requires, demands-veto or rejects-veto`,
		},
		{
			name:  "SetByOnAnotherStance",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "ua-rejects-ru-veto.stance", Value: "rejects"}},
			want:  "set ua-rejects-ru-veto.stance = rejects: positions[4].by: only rejects-veto takes by",
			is:    scenario.ErrStanceField,
		},
		{
			name:  "WithMandateOfNoGuarantee",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "un-force", Mandate: guarantee.Mandate{Body: "NATO"}}},
			want:  `with mandate un-force: renewed by NATO: no guarantee has ID "un-force"`,
		},
		{
			name:  "WithMandateOfUnknownBody",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}}}},
			want:  `with mandate european-force: renewed by UNSC every 6 months: guarantees[2].mandate.body: unknown actor "UNSC"`,
			is:    actor.ErrUnknownActor,
		},
		{
			name:  "WithEmptyMandate",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "european-force"}},
			want:  "with mandate european-force: missing: a mandate needs a body that renews it, an end date, or both; to remove european-force's, write without mandate european-force",
			is:    guarantee.ErrMissing,
		},
		{
			name:  "WithMandateBadPeriod",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Every: guarantee.Period{Months: 6}, Ends: "2030-01-01"}}},
			want:  "with mandate european-force: ends 2030-01-01: guarantees[2].mandate.every: a period needs a body to renew the mandate",
		},
		{
			name:  "WithoutMandateOfNone",
			s:     seed,
			edits: []scenario.Edit{scenario.WithoutMandate{Guarantee: "european-force"}},
			want:  "without mandate european-force: guarantee european-force has no mandate",
		},
		{
			name:  "WithoutMandateOfNoGuarantee",
			s:     seed,
			edits: []scenario.Edit{scenario.WithoutMandate{Guarantee: "un-force"}},
			want:  `without mandate un-force: no guarantee has ID "un-force"`,
		},
		{
			name:  "MandateBodyStillNamed",
			s:     seed,
			edits: []scenario.Edit{scenario.WithMandate{Guarantee: "us-intelligence", Mandate: guarantee.Mandate{Body: "FI"}}, scenario.Without{ID: "FI"}},
			index: 1,
			want:  "without FI: actor FI is still named by actors[9].members (NATO), actors[10].members (EU), actors[11].members (europe) and 2 more; remove or change those first",
		},
		{
			name:  "SetTimelineBackwards",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "timeline", Value: "2026-02-01 peace-deal, attack(RU, UA), 2026-01-10 renewal"}},
			want:  "set timeline = 2026-02-01 peace-deal, attack(RU, UA), 2026-01-10 renewal: timeline[2].date: the timeline's dates go backwards: 2026-01-10 comes after timeline[0] of 2026-02-01",
			is:    scenario.ErrTimelineOrder,
		},
		{
			name:  "SetTimelineBadDate",
			s:     seed,
			edits: []scenario.Edit{scenario.Set{Field: "timeline", Value: "2026-02-30 peace-deal"}},
			want:  `set timeline = 2026-02-30 peace-deal: invalid date "2026-02-30": want a calendar date written YYYY-MM-DD`,
			is:    guarantee.ErrDate,
		},
		{
			name:  "NilEdit",
			s:     seed,
			edits: []scenario.Edit{scenario.Without{ID: "us-intelligence"}, nil},
			index: 1,
			want:  "edit 1: nil edit",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.s.With(tc.edits...)
			if err == nil {
				t.Fatalf("With(%s) = nil error; want %q", listEdits(tc.edits), tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("With(%s) error:\n%s\nwant:\n%s", listEdits(tc.edits), err, tc.want)
			}
			if !errors.Is(err, scenario.ErrEdit) {
				t.Errorf("With(%s) error %q does not wrap ErrEdit", listEdits(tc.edits), err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("With(%s) error %q does not wrap %q", listEdits(tc.edits), err, tc.is)
			}
			var ee *scenario.EditError
			if !errors.As(err, &ee) {
				t.Fatalf("With(%s) error %T is not an *EditError", listEdits(tc.edits), err)
			}
			if ee.Index != tc.index {
				t.Errorf("With(%s): EditError.Index = %d; want %d", listEdits(tc.edits), ee.Index, tc.index)
			}
			if e := tc.edits[tc.index]; e != nil && ee.Edit != e.String() {
				t.Errorf("With(%s): EditError.Edit = %q; want %q", listEdits(tc.edits), ee.Edit, e)
			}
			if diff := cmp.Diff(scenario.Scenario{}, got); diff != "" {
				t.Errorf("With(%s) refused but returned a scenario: -want +got:\n%s", listEdits(tc.edits), diff)
			}
		})
	}
}

// TestEditErrorPath checks the path a refused guarantee or position is
// reported at: its place in the scenario as the edits left it, not in the
// one-element scenario the check validates.
func TestEditErrorPath(t *testing.T) {
	seed := examples.Ukraine2025()
	tests := []struct {
		name  string
		edits []scenario.Edit
		path  string
	}{
		{"AddedGuarantee", []scenario.Edit{scenario.AddGuarantee{Guarantee: testkit.G("x", "PL", "UA", guarantee.Aid, "")}}, "guarantees[6].provider"},
		{"AddedAfterRemoval", []scenario.Edit{scenario.Without{ID: "us-air-support"}, scenario.AddGuarantee{Guarantee: testkit.G("x", "US", "PL", guarantee.Aid, "")}}, "guarantees[5].beneficiary"},
		{"ReplacedGuarantee", []scenario.Edit{scenario.ReplaceGuarantee{Guarantee: testkit.G("turkey-black-sea", "TR", "UA", guarantee.Naval, "", testkit.Target("BY"))}}, "guarantees[3].target"},
		{"SetGuarantee", []scenario.Edit{scenario.Set{Field: "willing-sanctions.activation", Value: "consent(PL)"}}, "guarantees[5].activation"},
		{"SetPosition", []scenario.Edit{scenario.Set{Field: "ua-rejects-ru-veto.by", Value: "RU, BY"}}, "positions[4].rejects-veto.by[1]"},
		{"ReplacedPosition", []scenario.Edit{scenario.ReplacePosition{At: "positions[2]", Position: testkit.Pos("europe", scenario.Requires, testkit.Sel{ProviderIn: "PL"})}}, "positions[2].requires.provider-in"},
		{"Grant", []scenario.Edit{scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}, scenario.Grant{Veto: testkit.Grant("RU", testkit.Sel{Target: "BY"})}}, "vetoes[1].over.target"},
		{"WithMandate", []scenario.Edit{scenario.WithMandate{Guarantee: "willing-sanctions", Mandate: guarantee.Mandate{Body: "BY"}}}, "guarantees[5].mandate.body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := seed.With(tc.edits...)
			var fe *scenario.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("With(%s) = %v; want an error with a *FieldError", listEdits(tc.edits), err)
			}
			if fe.Path != tc.path {
				t.Errorf("With(%s): FieldError.Path = %q; want %q (error %q)", listEdits(tc.edits), fe.Path, tc.path, err)
			}
		})
	}
}

func TestVariant(t *testing.T) {
	s := editedSeed()
	before := cloneEdited(s)
	tests := []struct {
		name  string
		base  string // the scenario's name
		edits []scenario.Edit
		want  string // the variant's name
	}{
		{"no-us-air", s.Name, []scenario.Edit{scenario.Without{ID: "us-air-support"}}, "Ukraine security guarantees, August 2025 (variant no-us-air)"},
		{"ru-veto", s.Name, []scenario.Edit{scenario.Grant{Veto: testkit.Grant("RU", testkit.Sel{Kind: guarantee.Military})}}, "Ukraine security guarantees, August 2025 (variant ru-veto)"},
		{"no-us-air", "", []scenario.Edit{scenario.Without{ID: "us-air-support"}}, "variant no-us-air"},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+tc.base, func(t *testing.T) {
			s := s
			s.Name = tc.base
			got, err := s.Variant(tc.name)
			if err != nil {
				t.Fatalf("Variant(%q): unexpected error: %v", tc.name, err)
			}
			want, err := s.With(tc.edits...)
			if err != nil {
				t.Fatalf("With(%s): unexpected error: %v", listEdits(tc.edits), err)
			}
			want.Name = tc.want
			want.Variants = nil
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Variant(%q): -want +got:\n%s", tc.name, diff)
			}
			if got.Name != tc.want {
				t.Errorf("Variant(%q).Name = %q; want %q", tc.name, got.Name, tc.want)
			}
			if len(got.Variants) != 0 {
				t.Errorf("Variant(%q) has variants %v; want none", tc.name, got.Variants)
			}
			if err := scenario.Validate(got); err != nil {
				t.Errorf("Validate(Variant(%q)) = %v; want nil", tc.name, err)
			}
		})
	}
	if diff := cmp.Diff(before, s); diff != "" {
		t.Errorf("Variant changed its scenario: -before +after:\n%s", diff)
	}
	if err := scenario.Validate(s); err != nil {
		t.Errorf("Validate(a scenario with valid variants) = %v; want nil", err)
	}
}

// TestVariantAsWritten checks that the variant named AsWritten is the
// scenario itself, with or without variants, its name and variants kept.
func TestVariantAsWritten(t *testing.T) {
	for _, s := range []scenario.Scenario{editedSeed(), {Name: "no variants"}} {
		got, err := s.Variant(scenario.AsWritten)
		if err != nil {
			t.Errorf("%s: Variant(AsWritten): %v", s.Name, err)
		}
		if diff := cmp.Diff(s, got); diff != "" {
			t.Errorf("%s: Variant(AsWritten) is not the scenario as written (-want +got):\n%s", s.Name, diff)
		}
	}
}

func TestVariantRefusals(t *testing.T) {
	s := editedSeed()
	s.Variants = append(s.Variants, scenario.Variant{Name: "broken", Edits: []scenario.Edit{scenario.Without{ID: "us-air-support"}, scenario.Without{ID: "nobody"}}})
	tests := []struct {
		name string
		s    scenario.Scenario
		want string
		is   error
	}{
		{"unknown", s, `no such variant "unknown": want one of no-us-air, ru-veto, broken`, scenario.ErrNoVariant},
		{"unknown", scenario.Scenario{Name: "no variants"}, `no such variant "unknown": the scenario has none`, scenario.ErrNoVariant},
		{"broken", s, `variant broken: without nobody: no actor, guarantee or position has ID "nobody"`, scenario.ErrEdit},
	}
	for _, tc := range tests {
		got, err := tc.s.Variant(tc.name)
		if err == nil {
			t.Errorf("Variant(%q) = nil error; want %q", tc.name, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("Variant(%q) error:\n%s\nwant:\n%s", tc.name, err, tc.want)
		}
		if !errors.Is(err, tc.is) {
			t.Errorf("Variant(%q) error %q does not wrap %q", tc.name, err, tc.is)
		}
		if diff := cmp.Diff(scenario.Scenario{}, got); diff != "" {
			t.Errorf("Variant(%q) refused but returned a scenario: -want +got:\n%s", tc.name, diff)
		}
	}
	var ee *scenario.EditError
	if _, err := s.Variant("broken"); !errors.As(err, &ee) || ee.Index != 1 {
		t.Errorf("Variant(%q) = %v; want an *EditError at index 1", "broken", err)
	}
}

func TestValidateVariants(t *testing.T) {
	without := []scenario.Edit{scenario.Without{ID: "us-air-support"}}
	tests := []struct {
		name     string
		variants []scenario.Variant
		want     []string // the problems, path and message
	}{
		{"Valid", []scenario.Variant{{Name: "a", Edits: without}, {Name: "b_2-c"}}, nil},
		{"Duplicate", []scenario.Variant{{Name: "a", Edits: without}, {Name: "b"}, {Name: "a"}}, []string{
			`variants[2].name: duplicate ID "a" (also variants[0])`,
		}},
		{"Empty", []scenario.Variant{{Name: "a"}, {Name: ""}}, []string{
			"variants[1].name: missing",
		}},
		{"Invalid", []scenario.Variant{{Name: "no us air"}}, []string{
			`variants[0].name: invalid variant name "no us air": want letters, digits, '-' or '_'`,
		}},
		{"NilEdit", []scenario.Variant{{Name: "a", Edits: without}, {Name: "b", Edits: []scenario.Edit{scenario.Without{ID: "us-air-support"}, nil}}}, []string{
			"variants[1].edits[1]: nil edit",
		}},
		{"All", []scenario.Variant{{Name: "a"}, {Name: "a", Edits: []scenario.Edit{nil}}, {Name: "", Edits: []scenario.Edit{nil, nil}}}, []string{
			`variants[1].name: duplicate ID "a" (also variants[0])`,
			"variants[1].edits[0]: nil edit",
			"variants[2].name: missing",
			"variants[2].edits[0]: nil edit",
			"variants[2].edits[1]: nil edit",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := examples.Ukraine2025()
			s.Variants = tc.variants
			err := scenario.Validate(s)
			var got []string
			if err != nil {
				var es scenario.Errors
				if !errors.As(err, &es) {
					t.Fatalf("Validate(...) = %v (%T); want scenario.Errors", err, err)
				}
				for _, e := range es {
					got = append(got, e.Error())
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Validate(...) problems: -want +got:\n%s", diff)
			}
		})
	}
}

// TestWithInvalidInput checks that With, which does not validate its input
// again, does not panic on an invalid one either: edits to actors check
// every body(X) activation, and one that names no body must be left for
// Validate to report.
func TestWithInvalidInput(t *testing.T) {
	s := testkit.Build(testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.AirSupport, "", func(gg *guarantee.Guarantee) {
		gg.Activation = guarantee.Activation{Mode: guarantee.ByBody}
	})))
	const want = "guarantees[0].activation: body takes exactly one actor; found 0"
	for _, e := range []scenario.Edit{
		scenario.AddActor{Actor: actor.Actor{ID: "SE"}},
		scenario.ReplaceActor{Actor: actor.Actor{ID: "DZ", Name: "Algeria"}},
		scenario.Set{Field: "US.name", Value: "United States"},
	} {
		got, err := s.With(e)
		if err != nil {
			t.Errorf("With(%s) = %v; want no error (With leaves the rest of s to Validate)", e, err)
			continue
		}
		if err := scenario.Validate(got); err == nil || err.Error() != want {
			t.Errorf("Validate(With(%s)) = %v; want %q", e, err, want)
		}
	}
}

// editGen makes random edits of a scenario: mostly ones that apply, and
// now and then one that names what is not there or brings what is
// malformed.
type editGen struct {
	r *rand.Rand
	s scenario.Scenario
	n int // for fresh IDs
}

func (g *editGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *editGen) oneOf(pool ...string) string { return pool[g.r.IntN(len(pool))] }

func (g *editGen) fresh(prefix string) string {
	g.n++
	return fmt.Sprintf("%s%d", prefix, g.n)
}

// actorID returns an actor of the scenario, or now and then one it lacks
// or none.
func (g *editGen) actorID() actor.ID {
	switch {
	case g.chance(0.04):
		return "ZZ"
	case g.chance(0.02):
		return ""
	case len(g.s.Actors) == 0:
		return "US"
	}
	return g.s.Actors[g.r.IntN(len(g.s.Actors))].ID
}

func (g *editGen) bodyID() actor.ID {
	var bodies []actor.ID
	for _, a := range g.s.Actors {
		if a.Kind.IsBody() {
			bodies = append(bodies, a.ID)
		}
	}
	if len(bodies) == 0 || g.chance(0.1) {
		return g.actorID()
	}
	return bodies[g.r.IntN(len(bodies))]
}

func (g *editGen) actorIDs(max int) []actor.ID {
	var out []actor.ID
	for range g.r.IntN(max + 1) {
		id := g.actorID()
		if !slices.Contains(out, id) || g.chance(0.05) {
			out = append(out, id)
		}
	}
	return out
}

func (g *editGen) guaranteeID() guarantee.ID {
	if len(g.s.Guarantees) == 0 || g.chance(0.05) {
		return "no-such-guarantee"
	}
	return g.s.Guarantees[g.r.IntN(len(g.s.Guarantees))].ID
}

// positionRef returns a position's ID or path.
func (g *editGen) positionRef() string {
	if len(g.s.Positions) == 0 || g.chance(0.05) {
		return "positions[999]"
	}
	i := g.r.IntN(len(g.s.Positions))
	if id := g.s.Positions[i].ID; id != "" && g.chance(0.7) {
		return id
	}
	return fmt.Sprintf("positions[%d]", i)
}

// anyID returns the ID of an actor, a guarantee or a position.
func (g *editGen) anyID() string {
	switch g.r.IntN(3) {
	case 0:
		return string(g.actorID())
	case 1:
		return string(g.guaranteeID())
	}
	return g.positionRef()
}

func (g *editGen) kind() guarantee.Kind {
	if g.chance(0.03) {
		return "Not A Kind"
	}
	named := guarantee.Named()
	return named[g.r.IntN(len(named))]
}

func (g *editGen) trigger() string {
	a, b := g.actorID(), g.actorID()
	pool := []string{
		"", "peace-deal",
		fmt.Sprintf("attack(%s, %s)", a, b),
		fmt.Sprintf("all(peace-deal, attack(%s, %s))", a, b),
		fmt.Sprintf("any(attack(%s, %s), violation(%s))", a, b, a),
		"not(peace-deal)",
		fmt.Sprintf("violation(%s)", a),
		"all(peace-deal", "attack()", "any()",
	}
	return pool[g.r.IntN(len(pool))]
}

func (g *editGen) activation() string {
	pool := []string{
		"", "provider", "automatic",
		fmt.Sprintf("consent(%s)", g.actorID()),
		fmt.Sprintf("consent(%s, %s)", g.actorID(), g.actorID()),
		fmt.Sprintf("body(%s)", g.bodyID()),
		fmt.Sprintf("body(%s)", g.actorID()),
		"body()", "whenever",
	}
	return pool[g.r.IntN(len(pool))]
}

func (g *editGen) selector() guarantee.Selector {
	var s guarantee.Selector
	if g.chance(0.5) {
		s.Kind = g.kind()
	}
	if g.chance(0.2) {
		s.Provider = g.actorID()
	}
	if g.chance(0.15) {
		s.ProviderIn = g.bodyID()
	}
	if g.chance(0.4) {
		s.Beneficiary = g.actorID()
	}
	if g.chance(0.1) {
		s.Target = g.actorID()
	}
	if g.chance(0.1) {
		s.Location = "UA"
	}
	if g.chance(0.1) {
		s.IDs = []guarantee.ID{g.guaranteeID(), g.guaranteeID()}
	}
	return s
}

func (g *editGen) actor(id actor.ID) actor.Actor {
	a := actor.Actor{ID: id, Name: "generated"}
	if g.chance(0.5) {
		return a
	}
	a.Kind = actor.Kind(1 + g.r.IntN(3))
	a.Members = g.actorIDs(4)
	if g.chance(0.05) {
		a.Members = append(a.Members, id)
	}
	a.Decides = actor.Decision(g.r.IntN(4))
	if g.chance(0.2) {
		a.Threshold = g.r.IntN(len(a.Members) + 2)
	}
	if len(a.Members) > 0 && g.chance(0.3) {
		a.Vetoes = []actor.ID{a.Members[g.r.IntN(len(a.Members))]}
	}
	if g.chance(0.03) {
		a.Vetoes = append(a.Vetoes, g.actorID())
	}
	return a
}

func (g *editGen) guarantee(id guarantee.ID) guarantee.Guarantee {
	gg := guarantee.Guarantee{ID: id, Provider: g.actorID(), Beneficiary: g.actorID(), Kind: g.kind()}
	if g.chance(0.3) {
		gg.Target = g.actorID()
	}
	gg.Strength = guarantee.Strength(g.r.IntN(3) - 1)
	if c, err := guarantee.ParseCondition(g.trigger()); err == nil {
		gg.Trigger = c
	}
	if a, err := guarantee.ParseActivation(g.activation()); err == nil {
		gg.Activation = a
	}
	if g.chance(0.3) {
		gg.Requires = []guarantee.ID{g.guaranteeID()}
	}
	return gg
}

func (g *editGen) position(id string) scenario.Position {
	p := scenario.Position{ID: id, Actor: g.actorID(), Stance: scenario.Stance(1 + g.r.IntN(5)), Select: g.selector()}
	if g.chance(0.02) {
		p.Stance = 0
	}
	if p.Stance == scenario.RejectsVeto && g.chance(0.5) || g.chance(0.03) {
		p.By = g.actorIDs(2)
	}
	return p
}

func (g *editGen) list(ids []string) string {
	s := strings.Join(ids, ", ")
	if g.chance(0.5) {
		s = "[" + s + "]"
	}
	return s
}

func (g *editGen) actorList(max int) string {
	var ss []string
	for _, id := range g.actorIDs(max) {
		ss = append(ss, string(id))
	}
	return g.list(ss)
}

// set returns a Set of a random field to a value that mostly fits it.
func (g *editGen) set() scenario.Set {
	switch g.r.IntN(4) {
	case 0:
		id := string(g.actorID())
		if len(g.s.Actors) > 0 && g.chance(0.5) {
			id = string(g.bodyID())
		}
		fields := map[string]func() string{
			"name":      func() string { return "renamed" },
			"note":      func() string { return "" },
			"kind":      func() string { return g.oneOf("state", "alliance", "organization", "coalition", "club") },
			"members":   func() string { return g.actorList(4) },
			"vetoes":    func() string { return g.actorList(2) },
			"decides":   func() string { return g.oneOf("", "unanimity", "consensus", "majority", "separately", "often") },
			"threshold": func() string { return g.oneOf("", "0", "1", "2", "3", "5", "-1", "x") },
			"colour":    func() string { return "red" },
		}
		return g.pickSet(id, fields)
	case 1:
		fields := map[string]func() string{
			"provider":    func() string { return string(g.actorID()) },
			"beneficiary": func() string { return string(g.actorID()) },
			"target":      func() string { return string(g.actorID()) },
			"location":    func() string { return g.oneOf("", "UA", "black-sea") },
			"note":        func() string { return "n" },
			"kind":        func() string { return string(g.kind()) },
			"strength":    func() string { return g.oneOf("assurance", "political", "treaty", "firm") },
			"trigger":     g.trigger,
			"activation":  g.activation,
			"requires":    func() string { return g.list([]string{string(g.guaranteeID()), string(g.guaranteeID())}) },
		}
		return g.pickSet(string(g.guaranteeID()), fields)
	case 2:
		fields := map[string]func() string{
			"actor": func() string { return string(g.actorID()) },
			"stance": func() string {
				return g.oneOf("refuses", "rejects", "requires", "demands-veto", "rejects-veto", "likes")
			},
			"by":          func() string { return g.actorList(2) },
			"note":        func() string { return "n" },
			"kind":        func() string { return g.oneOf("", string(g.kind())) },
			"provider":    func() string { return string(g.actorID()) },
			"provider-in": func() string { return string(g.bodyID()) },
			"beneficiary": func() string { return string(g.actorID()) },
			"target":      func() string { return string(g.actorID()) },
			"location":    func() string { return "UA" },
			"ids":         func() string { return g.list([]string{string(g.guaranteeID())}) },
		}
		return g.pickSet(g.positionRef(), fields)
	}
	switch g.r.IntN(4) {
	case 0:
		return scenario.Set{Field: "name", Value: "renamed"}
	case 1:
		return scenario.Set{Field: "as-of", Value: g.oneOf("", "2025-09-01", "2024-02-29", "2025-02-29", "tomorrow")}
	case 2:
		return scenario.Set{Field: "description", Value: "d"}
	}
	return scenario.Set{Field: "timeline", Value: g.list([]string{"peace-deal", fmt.Sprintf("attack(%s, %s)", g.actorID(), g.actorID())})}
}

// pickSet returns a Set of one of fields, in a fixed order so that the
// seed decides everything.
func (g *editGen) pickSet(id string, fields map[string]func() string) scenario.Set {
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	slices.Sort(names)
	f := names[g.r.IntN(len(names))]
	return scenario.Set{Field: id + "." + f, Value: fields[f]()}
}

func (g *editGen) edit() scenario.Edit {
	switch g.r.IntN(13) {
	case 9:
		m := guarantee.Mandate{Body: g.actorID()}
		if g.chance(0.5) {
			m.Every = guarantee.Period{Months: 1 + g.r.IntN(12)}
			if g.chance(0.5) {
				m.From = g.oneOf("2025-01-01", "2025-06-30", "not a date")
			}
		}
		if g.chance(0.3) {
			m.Ends = g.oneOf("2026-12-31", "2026-02-30")
		}
		if g.chance(0.1) {
			m.Body = ""
		}
		return scenario.WithMandate{Guarantee: g.guaranteeID(), Mandate: m}
	case 10:
		return scenario.WithoutMandate{Guarantee: g.guaranteeID()}
	case 0:
		return scenario.Without{ID: g.anyID()}
	case 1:
		id := actor.ID(g.fresh("A"))
		if g.chance(0.05) {
			id = g.actorID()
		}
		return scenario.AddActor{Actor: g.actor(id)}
	case 2:
		id := guarantee.ID(g.fresh("g"))
		if g.chance(0.05) {
			id = g.guaranteeID()
		}
		return scenario.AddGuarantee{Guarantee: g.guarantee(id)}
	case 3:
		id := ""
		if g.chance(0.5) {
			id = g.fresh("p")
		}
		return scenario.AddPosition{Position: g.position(id)}
	case 4:
		return scenario.ReplaceActor{Actor: g.actor(g.actorID())}
	case 5:
		return scenario.ReplaceGuarantee{Guarantee: g.guarantee(g.guaranteeID())}
	case 6:
		at := g.positionRef()
		id := ""
		if g.chance(0.3) {
			id = g.fresh("p")
		}
		return scenario.ReplacePosition{At: at, Position: g.position(id)}
	case 7:
		return scenario.Grant{Veto: scenario.Veto{Holder: g.actorID(), Over: g.selector()}}
	case 8:
		if len(g.s.Vetoes) > 0 && g.chance(0.7) {
			v := g.s.Vetoes[g.r.IntN(len(g.s.Vetoes))]
			if g.chance(0.5) {
				return scenario.Revoke{Holder: v.Holder, Over: &v.Over}
			}
			return scenario.Revoke{Holder: v.Holder}
		}
		return scenario.Revoke{Holder: g.actorID()}
	}
	return g.set()
}

// TestWithKeepsValid applies random runs of edits to valid scenarios: each
// run is either refused with an *EditError, or gives a scenario Validate
// accepts. Each accepted result is the start of the next run, so that the
// edits reach scenarios far from the ones generated. Along the way it
// checks that With leaves its input alone and that one call equals two.
func TestWithKeepsValid(t *testing.T) {
	starts := []scenario.Scenario{examples.Ukraine2025(), editedSeed()}
	for seed := range uint64(6) {
		starts = append(starts, synth.Generate(synth.Config{Guarantees: 12 + 8*int(seed), Positions: 8, Seed: 100 + seed}))
	}
	steps := 150
	if testing.Short() {
		steps = 40
	}
	var applied, refused int
	for k, start := range starts {
		if err := scenario.Validate(start); err != nil {
			t.Fatalf("start %d is not valid: %v", k, err)
		}
		r := rand.New(rand.NewPCG(uint64(k), 2025))
		cur := start
		for step := range steps {
			gen := editGen{r: r, s: cur, n: step * 10}
			edits := make([]scenario.Edit, 1+r.IntN(3))
			for i := range edits {
				edits[i] = gen.edit()
			}
			before := cloneEdited(cur)
			got, err := cur.With(edits...)
			// cmp.Equal first: it costs far less than a Diff of equal values.
			if !cmp.Equal(before, cur) {
				t.Fatalf("start %d, step %d: With(%s) changed its input: -before +after:\n%s", k, step, listEdits(edits), cmp.Diff(before, cur))
			}
			if err != nil {
				var ee *scenario.EditError
				if !errors.As(err, &ee) || !errors.Is(err, scenario.ErrEdit) || ee.Index < 0 || ee.Index >= len(edits) {
					t.Fatalf("start %d, step %d: With(%s) = %v; want an *EditError wrapping ErrEdit with an index in range", k, step, listEdits(edits), err)
				}
				refused++
				continue
			}
			applied++
			if err := scenario.Validate(got); err != nil {
				t.Fatalf("start %d, step %d: With(%s) applied but Validate rejects the result:\n%v", k, step, listEdits(edits), err)
			}
			if len(edits) > 1 {
				first, err := cur.With(edits[0])
				if err != nil {
					t.Fatalf("start %d, step %d: With(%s) applied, With(%s) alone: %v", k, step, listEdits(edits), edits[0], err)
				}
				second, err := first.With(edits[1:]...)
				if err != nil {
					t.Fatalf("start %d, step %d: With(%s) applied, in two calls: %v", k, step, listEdits(edits), err)
				}
				if !cmp.Equal(got, second) {
					t.Fatalf("start %d, step %d: With(%s) in one call and in two differ: -one +two:\n%s", k, step, listEdits(edits), cmp.Diff(got, second))
				}
			}
			if _, err := scenario.Evaluate(got); err != nil {
				t.Fatalf("start %d, step %d: Evaluate(With(%s)): %v", k, step, listEdits(edits), err)
			}
			cur = got
		}
	}
	t.Logf("%d runs applied, %d refused", applied, refused)
	// The generator must exercise both outcomes, or the property says
	// nothing.
	if total := applied + refused; applied < total/5 || refused < total/10 {
		t.Errorf("%d runs applied and %d refused; want at least a fifth applied and a tenth refused", applied, refused)
	}
}

// Benchmarks of a what-if: building the variant and evaluating it, next to
// evaluating the same variant built beforehand, so that the cost of With
// can be told apart.

func BenchmarkWithEvaluate(b *testing.B) {
	s := examples.Ukraine2025()
	b.ReportAllocs()
	for b.Loop() {
		v, err := s.With(scenario.Without{ID: "us-air-support"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := scenario.Evaluate(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluateVariantBuilt(b *testing.B) {
	v, err := examples.Ukraine2025().With(scenario.Without{ID: "us-air-support"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Evaluate(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWithGrantEvaluate(b *testing.B) {
	s := examples.Ukraine2025()
	grant := scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}}
	b.ReportAllocs()
	for b.Loop() {
		v, err := s.With(grant)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := scenario.Evaluate(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateGrantBuilt is the baseline for BenchmarkWithGrantEvaluate:
// the same variant, built before the loop.
func BenchmarkEvaluateGrantBuilt(b *testing.B) {
	v, err := examples.Ukraine2025().With(scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Evaluate(v); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAddActors checks that AddActors is one AddActor per actor, in order:
// the same edits, printed and applied alike, and nothing for no actor.
func TestAddActors(t *testing.T) {
	pl, weimar := actor.Actor{ID: "PL", Name: "Poland"}, testkit.Coalition("weimar", "FR", "DE", "PL")
	want := []scenario.Edit{scenario.AddActor{Actor: pl}, scenario.AddActor{Actor: weimar}}
	got := scenario.AddActors(pl, weimar)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("AddActors (-want +got):\n%s", d)
	}
	if got, want := listEdits(got), "add actor PL; add actor weimar"; got != want {
		t.Errorf("AddActors prints as %q; want %q", got, want)
	}
	if got := scenario.AddActors(); len(got) != 0 {
		t.Errorf("AddActors() = %v; want no edit", got)
	}
	// A body before its members is refused, at its index.
	var ee *scenario.EditError
	if _, err := examples.Ukraine2025().With(scenario.AddActors(weimar, pl)...); !errors.As(err, &ee) || ee.Index != 0 {
		t.Errorf("With(AddActors(weimar, PL)) = %v; want an *EditError at index 0", err)
	}
}
