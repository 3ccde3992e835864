package bargain_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// fourOffers is two actors and four independent offers, valued per offer
// as (A, B): a (6, 6), b (5, −2), c (4, −1), d (1, 1); no positions, so
// every non-empty package is feasible.
func fourOffers() scenario.Scenario {
	s := scenario.Scenario{Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "US"}}}
	val := map[string][2]float64{"a": {6, 6}, "b": {5, -2}, "c": {4, -1}, "d": {1, 1}}
	s.Values = []scenario.Value{{Actor: "A"}, {Actor: "B"}}
	for _, id := range []string{"a", "b", "c", "d"} {
		g := guarantee.ID(id)
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{ID: g, Provider: "US", Beneficiary: "A", Kind: guarantee.Aid})
		for k := range 2 {
			s.Values[k].Weights = append(s.Values[k].Weights, scenario.Weight{Weight: val[id][k], Select: guarantee.SelectIDs(g)})
		}
	}
	return s
}

func deal(ids ...guarantee.ID) deals.Deal {
	return deals.Deal{Guarantees: ids, Vetoes: []string{}}
}

// TestFourDifferentSolutions checks a case worked by hand where the four
// norms settle on four different outcomes:
//   - utilitarian: every offer adds to the sum, so {a, b, c, d}, (16, 4), sum 20;
//   - Nash: products 16·4 = 64, {a, c, d} 11·6 = 66, {a, b, d} 12·5 = 60,
//     {a, d} 7·7 = 49: {a, c, d};
//   - Kalai–Smorodinsky: ideals 16 (all four) and 7 ({a, d}); shares
//     {a, b, d} min(12/16, 5/7) = 5/7 beats {a, c, d} min(11/16, 6/7) = 11/16;
//   - egalitarian: {a, d} min(7, 7) = 7 beats {a} min(6, 6) = 6, which ties
//     with {a, c, d} min(11, 6) and wins on fewer guarantees.
//
// Five outcomes leave B below 0 ({b}, {c}, {b, c}, {b, d}, {b, c, d}), so
// ten of the fifteen are individually rational.
func TestFourDifferentSolutions(t *testing.T) {
	r, err := bargain.Solve(t.Context(), fourOffers(), bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type sol struct {
		Name     string
		Deal     deals.Deal
		Score    float64
		RunnerUp deals.Deal
	}
	want := []sol{
		{bargain.Utilitarian, deal("a", "b", "c", "d"), 20, deal("a", "b", "c")},
		{bargain.Nash, deal("a", "c", "d"), 66, deal("a", "b", "c", "d")},
		{bargain.KalaiSmorodinsky, deal("a", "b", "d"), 5.0 / 7, deal("a", "c", "d")},
		{bargain.Egalitarian, deal("a", "d"), 7, deal("a")},
	}
	var got []sol
	for _, s := range r.Solutions {
		if s.Absent {
			t.Fatalf("%s absent: %s", s.Name, s.Reason)
		}
		got = append(got, sol{s.Name, s.Outcome.Deal, s.Score, s.RunnerUp.Deal})
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("solutions (-want +got):\n%s", d)
	}
	if r.Outcomes != 15 || r.Rational != 10 {
		t.Errorf("%d outcomes, %d rational; want 15, 10", r.Outcomes, r.Rational)
	}
	if d := cmp.Diff([]float64{16, 7}, r.Ideal); d != "" {
		t.Errorf("ideal (-want +got):\n%s", d)
	}
}

// TestAbsent checks the reasons for absent solutions: an actor whose
// disagreement value no outcome reaches, one whose best only equals it
// (Nash absent, the others not), and no outcome at all.
func TestAbsent(t *testing.T) {
	high := fourOffers()
	high.Values[1].Disagreement = 8 // B's best is 7
	equal := fourOffers()
	equal.Values[1].Disagreement = 7
	none := fourOffers()
	none.Positions = []scenario.Position{{Actor: "A", Stance: scenario.Rejects}}
	for _, c := range []struct {
		reason string
		s      scenario.Scenario
		absent map[string]actor.ID // solution: the actor to blame
	}{
		{reason: "B can never reach 8", s: high, absent: map[string]actor.ID{bargain.Nash: "B", bargain.KalaiSmorodinsky: "B", bargain.Egalitarian: "B"}},
		{reason: "B reaches 7 only", s: equal, absent: map[string]actor.ID{bargain.Nash: "B"}},
		{reason: "A rejects every offer", s: none, absent: map[string]actor.ID{bargain.Utilitarian: "", bargain.Nash: "", bargain.KalaiSmorodinsky: "", bargain.Egalitarian: ""}},
	} {
		t.Run(c.reason, func(t *testing.T) {
			r, err := bargain.Solve(t.Context(), c.s, bargain.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]actor.ID{}
			for _, s := range r.Solutions {
				if s.Absent {
					got[s.Name] = s.Actor
					if s.Reason == "" || s.Outcome != nil {
						t.Errorf("%s: absent with reason %q and outcome %v", s.Name, s.Reason, s.Outcome)
					}
				}
			}
			if d := cmp.Diff(c.absent, got); d != "" {
				t.Errorf("absent solutions (-want +got):\n%s", d)
			}
		})
	}
}

// TestSolveErrors checks the errors: no values, an invalid scenario, and
// more outcomes than the limit.
func TestSolveErrors(t *testing.T) {
	noValues := fourOffers()
	noValues.Values = nil
	invalid := fourOffers()
	invalid.Values[0].Weights[0].Weight = 0
	invalid.Values[0].Weights[0].Veto = "d" // beside its selector
	for _, c := range []struct {
		reason string
		s      scenario.Scenario
		opts   bargain.Options
		want   error
	}{
		{reason: "no values", s: noValues, want: bargain.ErrNoValues},
		{reason: "a weight with both a selector and a veto", s: invalid, want: scenario.ErrWeightTerm},
		{reason: "15 outcomes, limit 14", s: fourOffers(), opts: bargain.Options{Limit: 14}, want: deals.ErrTooMany},
		{reason: "15 outcomes, limit 15", s: fourOffers(), opts: bargain.Options{Limit: 15}},
	} {
		t.Run(c.reason, func(t *testing.T) {
			_, err := bargain.Solve(t.Context(), c.s, c.opts)
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Errorf("error %v; want %v", err, c.want)
			}
		})
	}
}

// TestVetoWeightWithoutPosition checks that a weight on the veto of a
// position that is not there (a what-if removed it) never counts.
func TestVetoWeightWithoutPosition(t *testing.T) {
	want, err := bargain.Solve(t.Context(), fourOffers(), bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := fourOffers()
	s.Values[0].Weights = append(s.Values[0].Weights, scenario.Weight{Weight: 100, Veto: "gone"})
	got, err := bargain.Solve(t.Context(), s, bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("with a weight on a veto no position asks for (-without +with):\n%s", d)
	}
}
