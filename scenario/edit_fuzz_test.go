package scenario_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// FuzzSet sets any field of the seed to any value, then removes any ID:
// With must never panic nor change the scenario it starts from, and what it
// accepts must validate and evaluate, to a report that keeps the
// report-level invariants and is the same each time.
func FuzzSet(f *testing.F) {
	for _, seed := range [][3]string{
		{"us-air-support.strength", "treaty", "ru-demands-veto"},
		{"NATO.members", "US, UK, NATO", "TR"},
		{"europe.threshold", "9", "europe"},
		{"timeline", "peace-deal, attack(RU, UA)", "positions[0]"},
		{"ua-rejects-ru-veto.by", "[RU, XX]", "UA"},
		{"us-air-support.trigger", "all(any(not(x)), attack(RU,UA)", "us-air-support"},
		{"EU.decides", "majority", "EU"},
		{"timeline", "2025-09-01 peace-deal, attack(RU, UA), 2026-09-01 renewal(NATO)", "NATO"},
		{"timeline", "2026-09-01 peace-deal, 2025-02-30 renewal", "US"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	s := examples.Ukraine2025()
	// pristine is a second parse of the seed, sharing no memory with s:
	// a deeper copy than testkit.CloneScenario, which leaves values,
	// variants and likelihoods shared.
	pristine := examples.Ukraine2025()
	f.Fuzz(func(t *testing.T, field, value, id string) {
		v, err := s.With(scenario.Set{Field: field, Value: value}, scenario.Without{ID: id})
		if diff := cmp.Diff(pristine, s); diff != "" {
			t.Fatalf("With(set %s = %s, without %s) changed the scenario it starts from: -before +after:\n%s", field, value, id, diff)
		}
		if err != nil {
			return
		}
		if err := scenario.Validate(v); err != nil {
			t.Fatalf("With(set %s = %s, without %s) was accepted but does not validate: %v", field, value, id, err)
		}
		r, err := scenario.Evaluate(v)
		if err != nil {
			t.Fatalf("Evaluate after an accepted edit: %v", err)
		}
		testkit.CheckInvariants(t, r)
		if again, _ := scenario.Evaluate(v); !cmp.Equal(r, again) {
			t.Fatalf("With(set %s = %s, without %s): Evaluate gives another report the second time: -first +second:\n%s", field, value, id, cmp.Diff(r, again))
		}
		if _, err := walk.Simulate(v); err != nil {
			t.Fatalf("Simulate after an accepted edit: %v", err)
		}
	})
}
