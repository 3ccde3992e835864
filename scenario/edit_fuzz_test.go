package scenario_test

import (
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// FuzzSet sets any field of the seed to any value, then removes any ID:
// With must never panic, and what it accepts must validate and evaluate.
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
	f.Fuzz(func(t *testing.T, field, value, id string) {
		v, err := s.With(scenario.Set{Field: field, Value: value}, scenario.Without{ID: id})
		if err != nil {
			return
		}
		if err := scenario.Validate(v); err != nil {
			t.Fatalf("With(set %s = %s, without %s) was accepted but does not validate: %v", field, value, id, err)
		}
		if _, err := scenario.Evaluate(v); err != nil {
			t.Fatalf("Evaluate after an accepted edit: %v", err)
		}
		if _, err := walk.Simulate(v); err != nil {
			t.Fatalf("Simulate after an accepted edit: %v", err)
		}
	})
}
