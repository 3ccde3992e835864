package scenario_test

import (
	"testing"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// BenchmarkEvaluateAnyAttacker measures Evaluate on the synthetic
// scenarios of BenchmarkEvaluate with about 30% of the triggers naming an
// attack answering it by anyone instead (attack(*, B)): the cost of
// insider-veto and of no-military-response's wider groups beside the same
// scenarios without *. The last size also sets the parties aside in 30%
// of the rules, the path where insider-veto asks each veto holder again.
//
//	go test -run XXX -bench EvaluateAnyAttacker -benchmem ./scenario
func BenchmarkEvaluateAnyAttacker(b *testing.B) {
	sizes := append(benchSizes[:3:3], struct {
		name string
		c    synth.Config
	}{"guarantees=1000/parties-aside", synth.Config{Guarantees: 1000, Seed: 1, PartiesAside: 30}})
	for _, sz := range sizes {
		c := sz.c
		c.AnyAttacker = 30
		b.Run(sz.name, func(b *testing.B) {
			s := synth.Generate(c)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scenario.Evaluate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
