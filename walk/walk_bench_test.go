package walk_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// walkScenario is a generated scenario of n guarantees, half of them
// under a mandate a body renews every month, walked over events dated
// events, three days apart on average: attacks, violations and the other
// events its triggers name, drawn with repeats.
func walkScenario(n, events int) scenario.Scenario {
	s := synth.Generate(synth.Config{Guarantees: n, Seed: 1})
	r := rand.New(rand.NewPCG(1, 2))
	var bodies []guarantee.Mandate
	for _, a := range s.Actors {
		if a.Kind.IsBody() {
			bodies = append(bodies, guarantee.Mandate{Body: a.ID, Every: guarantee.Period{Months: 1}})
		}
	}
	for i := range s.Guarantees {
		if i%2 == 0 {
			s.Guarantees[i].Mandate = bodies[r.IntN(len(bodies))]
		}
	}
	var pool []guarantee.Event
	seen := map[string]bool{}
	for _, g := range s.Guarantees {
		for e := range g.Trigger.All() {
			if !seen[e.String()] {
				seen[e.String()] = true
				pool = append(pool, e)
			}
		}
	}
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Timeline = s.Timeline[:0]
	for range events {
		e := pool[r.IntN(len(pool))]
		day = day.AddDate(0, 0, r.IntN(6))
		e.Date = day.Format(time.DateOnly)
		s.Timeline = append(s.Timeline, e)
	}
	return s
}

// BenchmarkSimulateTime walks generated scenarios with mandates over dated
// timelines; the goal is 1,000 guarantees over 1,000 events in 100 ms.
func BenchmarkSimulateTime(b *testing.B) {
	for _, size := range []struct{ guarantees, events int }{{100, 1000}, {1000, 100}, {1000, 1000}, {1000, 4000}, {4000, 1000}} {
		s := walkScenario(size.guarantees, size.events)
		if err := scenario.Validate(s); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("guarantees=%d/events=%d", size.guarantees, size.events), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := walk.Simulate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
