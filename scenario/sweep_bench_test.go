package scenario_test

import (
	"context"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
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

func benchSweep(b *testing.B, s scenario.Scenario, opts scenario.SweepOptions) {
	b.Helper()
	opts.Samples = benchSamples
	b.ReportAllocs()
	for b.Loop() {
		r, err := scenario.Sweep(context.Background(), s, opts)
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
	benchSweep(b, examples.Ukraine2025(), scenario.SweepOptions{})
}

// BenchmarkSweepSeedEvery evaluates every sample, as a sweep does when its
// samples are too varied to repeat: the cost of the seed's evaluation
// itself.
func BenchmarkSweepSeedEvery(b *testing.B) {
	defer scenario.SetSweepCache(0)()
	benchSweep(b, examples.Ukraine2025(), scenario.SweepOptions{})
}

// BenchmarkSweepSeedSearch also searches and walks each sample.
func BenchmarkSweepSeedSearch(b *testing.B) {
	benchSweep(b, examples.Ukraine2025(), scenario.SweepOptions{Search: true, Walk: true})
}

// BenchmarkSweepSeedSearchEvery searches and walks every sample.
func BenchmarkSweepSeedSearchEvery(b *testing.B) {
	defer scenario.SetSweepCache(0)()
	benchSweep(b, examples.Ukraine2025(), scenario.SweepOptions{Search: true, Walk: true})
}
