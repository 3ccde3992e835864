package scenario_test

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// Evaluate and Validate are documented as safe for concurrent use. These
// tests give many goroutines the same scenario value at once (its slices
// shared), so that go test -race sees any write to the input or to shared
// state, and check that every report equals the first.

const goroutines = 64

func TestEvaluateConcurrently(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
	}{
		{"Seed", "The seed scenario, evaluated from many goroutines at once.", examples.Ukraine2025()},
		{"Several", "A scenario with findings of most codes, bodies, consents and a granted veto.", several()},
		{"Unsorted", "A scenario whose lists are given out of order, which an evaluation must not sort in place.", unsorted()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			orig := testkit.CloneScenario(tc.s)
			want, err := scenario.Evaluate(tc.s)
			if err != nil {
				t.Fatalf("Evaluate(...): %v", err)
			}
			reports := make([]scenario.Report, goroutines)
			errs := make([]error, goroutines)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range goroutines {
				wg.Go(func() {
					<-start
					reports[i], errs[i] = scenario.Evaluate(tc.s)
				})
			}
			close(start)
			wg.Wait()
			for i := range goroutines {
				if errs[i] != nil {
					t.Fatalf("goroutine %d: Evaluate(...): %v", i, errs[i])
				}
				if diff := cmp.Diff(want, reports[i]); diff != "" {
					t.Fatalf("%s\ngoroutine %d: report differs from the first: -want +got:\n%s", tc.reason, i, diff)
				}
			}
			if diff := cmp.Diff(orig, tc.s); diff != "" {
				t.Errorf("concurrent Evaluate changed its input: -before +after:\n%s", diff)
			}
		})
	}
}

func TestValidateConcurrently(t *testing.T) {
	s := seedWith(func(s *scenario.Scenario) {
		s.Guarantees[3].Provider = "TRK"
		s.Positions[3].Actor = ""
	})
	want := scenario.Validate(s).Error()
	var wg sync.WaitGroup
	got := make([]string, goroutines)
	for i := range goroutines {
		wg.Go(func() {
			if err := scenario.Validate(s); err != nil {
				got[i] = err.Error()
			}
		})
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Fatalf("goroutine %d: Validate(...) = %q; want %q", i, g, want)
		}
	}
}
