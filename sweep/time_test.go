package sweep_test

import (
	"testing"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
)

// TestSweepRenewal checks that a sweep takes the renewal findings in as it
// takes every other: the mission's captured renewal counts in every sample
// that keeps the mission, and in none that drops it.
func TestSweepRenewal(t *testing.T) {
	s := testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(
		testkit.G("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", testkit.Mandate("UNSC", "6 months", "", ""), func(gg *guarantee.Guarantee) { gg.Likelihood = new(0.5) }),
		testkit.G("aid", "US", "GE", guarantee.Aid, ""),
	))
	res, err := sweep.Run(t.Context(), s, sweep.Options{Samples: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var captured sweep.CodeEstimate
	for _, c := range res.Codes {
		if c.Code == scenario.CapturedRenewal {
			captured = c
		}
	}
	if captured.Count == 0 || captured.Count == captured.Trials {
		t.Fatalf("captured-renewal in %d of %d samples; want it in those that keep the mission, about half", captured.Count, captured.Trials)
	}
	if captured.Count != res.Samples-res.Compatible.Count {
		t.Errorf("captured-renewal in %d samples; want exactly the incompatible ones, %v of %d compatible", captured.Count, res.Compatible, res.Samples)
	}
}
