package scenario_test

import (
	"testing"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// BenchmarkEvaluatePartiesAside measures Evaluate on the synthetic
// scenarios of BenchmarkEvaluate with the parties set aside in about 30%
// of the bodies' rules and of the activations a body decides: the cost of
// the rule beside the same scenarios without it.
//
//	go test -run XXX -bench EvaluatePartiesAside -benchmem ./scenario
func BenchmarkEvaluatePartiesAside(b *testing.B) {
	for _, sz := range benchSizes[:3] {
		c := sz.c
		c.PartiesAside = 30
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
