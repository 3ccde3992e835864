package sweep_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
)

// Benchmarks of Sweep on the seed scenario with its likelihoods. Each
// reports samples/s, the figure the sweep's target is set in: at least
// 500,000 samples a second of the seed's evaluation on 2 cores. Run them
// with
//
//	go test -run '^$' -bench Sweep -benchmem -cpu 1,2 ./scenario
//
// -cpu sets GOMAXPROCS, and with it the sweep's workers.

const benchSamples = 100_000

func benchSweep(b *testing.B, s scenario.Scenario, opts sweep.Options) {
	b.Helper()
	opts.Samples = benchSamples
	b.ReportAllocs()
	for b.Loop() {
		r, err := sweep.Run(context.Background(), s, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !r.Complete {
			b.Fatal("incomplete sweep")
		}
	}
	b.ReportMetric(float64(benchSamples)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkSweepSeed sweeps the seed as it ships: each worker evaluates
// each distinct sample once.
func BenchmarkSweepSeed(b *testing.B) {
	benchSweep(b, examples.Ukraine2025(), sweep.Options{})
}

// BenchmarkSweepSeedEvery evaluates every sample, as a sweep does when its
// samples are too varied to repeat: the cost of the seed's evaluation
// itself.
func BenchmarkSweepSeedEvery(b *testing.B) {
	defer sweep.SetCache(0)()
	benchSweep(b, examples.Ukraine2025(), sweep.Options{})
}

// BenchmarkSweepSeedSearch also searches and walks each sample.
func BenchmarkSweepSeedSearch(b *testing.B) {
	benchSweep(b, examples.Ukraine2025(), sweep.Options{Search: true, Walk: true})
}

// BenchmarkSweepSeedSearchEvery searches and walks every sample.
func BenchmarkSweepSeedSearchEvery(b *testing.B) {
	defer sweep.SetCache(0)()
	benchSweep(b, examples.Ukraine2025(), sweep.Options{Search: true, Walk: true})
}

// BenchmarkSweepSynth sweeps synthetic scenarios in which every guarantee
// and position is uncertain, so that no two samples repeat: the cost of a
// sweep grows as the cost of one evaluation does.
func BenchmarkSweepSynth(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run("guarantees="+strconv.Itoa(n), func(b *testing.B) {
			s := synth.Generate(synth.Config{Guarantees: n, Seed: 1})
			for i := range s.Guarantees {
				s.Guarantees[i].Likelihood = new(0.5)
			}
			for i := range s.Positions {
				s.Positions[i].Likelihood = new(0.5)
			}
			samples := 20000 / n
			b.ReportAllocs()
			for b.Loop() {
				r, err := sweep.Run(context.Background(), s, sweep.Options{Samples: samples})
				if err != nil {
					b.Fatal(err)
				}
				if r.Evaluated < samples*9/10 {
					b.Fatalf("%d distinct samples of %d; want nearly all distinct", r.Evaluated, samples)
				}
			}
			b.ReportMetric(float64(samples)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
