package graph_test

import (
	"io"
	"strconv"
	"testing"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
)

// BenchmarkGraph measures New and one writer together, as entente graph
// runs them, on synthetic scenarios of 10 to 10,000 guarantees.
func BenchmarkGraph(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		s := synth.Generate(synth.Config{Guarantees: n, Seed: 1})
		r, err := scenario.Evaluate(s)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range formats {
			b.Run(f.ext+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := f.write(graph.New(s, r, graph.Options{}), io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkNew measures New alone.
func BenchmarkNew(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		s := synth.Generate(synth.Config{Guarantees: n, Seed: 1})
		r, err := scenario.Evaluate(s)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				graph.New(s, r, graph.Options{})
			}
		})
	}
}
