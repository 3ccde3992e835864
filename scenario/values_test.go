package scenario_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// TestWithoutDropsVetoWeights checks that removing a demands-veto position
// removes the weights on its candidate veto, by ID or by path, and keeps
// the others, leaving the scenario valid.
func TestWithoutDropsVetoWeights(t *testing.T) {
	s := testkit.Valued()
	got, err := s.With(scenario.Without{ID: "ru-demands-veto"})
	if err != nil {
		t.Fatal(err)
	}
	want := []scenario.Value{
		{Actor: "UA", Weights: []scenario.Weight{{Weight: 1, Select: guarantee.Selector{}}}},
		{Actor: "RU", Weights: []scenario.Weight{}},
	}
	if d := cmp.Diff(want, got.Values); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
	if err := scenario.Validate(got); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if len(s.Values[1].Weights) != 1 {
		t.Errorf("the edit changed the scenario it was given: %v", s.Values)
	}
}

// TestWithoutActorNamedByValues checks that an actor the selectors of
// values name cannot be removed, and that the refusal says where; and
// that an actor removed takes its own values with it, so that
// a.With(Diff(a, b)...) applies when b lacks an actor a has values for.
func TestWithoutActorNamedByValues(t *testing.T) {
	s := testkit.Valued()
	t.Run("the actor of a value", func(t *testing.T) {
		s := s
		s.Positions = nil
		i := slices.IndexFunc(s.Values, func(v scenario.Value) bool { return v.Actor == "RU" })
		if i < 0 {
			t.Fatal("testkit.Valued has no values of RU")
		}
		before := slices.Clone(s.Values)
		v, err := s.With(scenario.Without{ID: "RU"})
		if err != nil {
			t.Fatalf("With(without RU) = %v; want RU and its values removed", err)
		}
		want := slices.Delete(slices.Clone(before), i, i+1)
		if d := cmp.Diff(want, v.Values); d != "" {
			t.Errorf("values after without RU (-want +got):\n%s", d)
		}
		if d := cmp.Diff(before, s.Values); d != "" {
			t.Errorf("With changed the scenario's values (-before +after):\n%s", d)
		}
		b := s
		b.Actors = slices.DeleteFunc(slices.Clone(s.Actors), func(a actor.Actor) bool { return a.ID == "RU" })
		b.Values = want
		if _, err := s.With(scenario.Diff(s, b)...); err != nil {
			t.Errorf("a.With(Diff(a, b)) with RU's values in a only: %v", err)
		}
	})
	for _, c := range []struct {
		reason, id, place string
	}{
		{reason: "a selector of a weight", id: "US", place: "values[0].weights[0].select.provider"},
	} {
		t.Run(c.reason, func(t *testing.T) {
			s := s
			s.Values = append([]scenario.Value(nil), s.Values...)
			s.Values[0].Weights = []scenario.Weight{{Weight: 1, Select: guarantee.Selector{Provider: "US"}}}
			s.Positions = nil
			if c.id == "US" {
				s.Guarantees = nil
			}
			_, err := s.With(scenario.Without{ID: c.id})
			if err == nil || !strings.Contains(err.Error(), c.place) {
				t.Errorf("With(without %s) = %v; want a refusal naming %s", c.id, err, c.place)
			}
		})
	}
}

// TestWeightTerms checks how Validate tells a weight's terms apart now that
// Select is a value: a weight is on a veto when Veto is set, else on what
// Select picks, the zero Selector picking every guarantee; a veto beside a
// selector is refused.
func TestWeightTerms(t *testing.T) {
	for _, c := range []struct {
		reason string
		w      scenario.Weight
		want   error
	}{
		{reason: "a selector of guarantees by ID", w: scenario.Weight{Weight: 2, Select: guarantee.SelectIDs("g1")}},
		{reason: "the zero selector weighs every guarantee", w: scenario.Weight{Weight: 1}},
		{reason: "a veto alone", w: scenario.Weight{Weight: -5, Veto: "ru-demands-veto"}},
		{reason: "a veto beside a selector", w: scenario.Weight{Weight: 1, Select: guarantee.Selector{Kind: guarantee.Military}, Veto: "ru-demands-veto"}, want: scenario.ErrWeightTerm},
	} {
		s := testkit.Valued()
		s.Values = []scenario.Value{{Actor: "UA", Weights: []scenario.Weight{c.w}}}
		err := scenario.Validate(s)
		switch {
		case c.want == nil && err != nil:
			t.Errorf("%s: Validate = %v; want nil", c.reason, err)
		case c.want != nil && !errors.Is(err, c.want):
			t.Errorf("%s: Validate = %v; want %v", c.reason, err, c.want)
		}
	}
}

// TestCandidateVetoSharesNothing: the candidate veto of a position is a
// value of its own, so that granting it and editing the grant leaves the
// position as it was.
func TestCandidateVetoSharesNothing(t *testing.T) {
	s := examples.Ukraine2025()
	i := slices.IndexFunc(s.Positions, func(p scenario.Position) bool { return p.Stance == scenario.DemandsVeto })
	if i < 0 {
		t.Fatal("the seed has no demands-veto position")
	}
	s.Positions[i].Select.IDs = []guarantee.ID{"european-force"}
	s.Positions[i].Sources = []string{"kyiv-independent-2025"}
	v, ok := s.CandidateVeto(s.Positions[i].ID)
	if !ok {
		t.Fatal("no candidate veto")
	}
	v.Over.IDs[0], v.Sources[0] = "changed", "changed"
	if s.Positions[i].Select.IDs[0] != "european-force" || s.Positions[i].Sources[0] != "kyiv-independent-2025" {
		t.Errorf("editing the candidate veto changed the position: %+v", s.Positions[i])
	}
}
