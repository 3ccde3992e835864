package scenario_test

import (
	"fmt"
	"io"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

// Benchmarks of Evaluate and Validate, on the seed scenario and on
// synthetic scenarios from internal/synth. Run them with
//
//	go test -run XXX -bench . -benchmem ./scenario
//
// Targets: the seed's Evaluate within 5 µs and 30 allocations; 10,000
// guarantees with 2,000 positions within 50 ms; cost growing no faster
// than n·log n in the number of guarantees.

func BenchmarkEvaluateSeed(b *testing.B) {
	s := examples.Ukraine2025()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Evaluate(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateSeed(b *testing.B) {
	s := examples.Ukraine2025()
	b.ReportAllocs()
	for b.Loop() {
		if err := scenario.Validate(s); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSizes are the synthetic scenarios of the benchmarks: sizes a
// factor of ten apart, with actors and positions in proportion, and the
// size of the 50 ms target written out, so that it stays put if synth's
// proportions change.
var benchSizes = []struct {
	name string
	c    synth.Config
}{
	{"guarantees=100", synth.Config{Guarantees: 100, Seed: 1}},
	{"guarantees=1000", synth.Config{Guarantees: 1000, Seed: 1}},
	{"guarantees=10000", synth.Config{Guarantees: 10000, Seed: 1}},
	{"guarantees=10000/positions=2000", synth.Config{Guarantees: 10000, Positions: 2000, Seed: 1}},
}

func BenchmarkEvaluate(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			s := synth.Generate(sz.c)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scenario.Evaluate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidate measures the validation that Evaluate starts with, so
// that its share of BenchmarkEvaluate can be told apart.
func BenchmarkValidate(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			s := synth.Generate(sz.c)
			b.ReportAllocs()
			for b.Loop() {
				if err := scenario.Validate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEvaluateScales evaluates synthetic scenarios of growing size and
// checks that the evaluation succeeds and is deterministic: the same
// scenario evaluated twice, and an equal scenario generated afresh, give
// equal reports. How long it takes is for the benchmarks to say.
func TestEvaluateScales(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates scenarios of up to 10,000 guarantees")
	}
	for _, c := range []synth.Config{
		{Guarantees: 1, Seed: 11},
		{Guarantees: 10, Seed: 12},
		{Guarantees: 100, Seed: 13},
		{Guarantees: 1000, Seed: 14},
		{Guarantees: 3000, Positions: 50, Seed: 15},
		{Guarantees: 10000, Positions: 2000, Seed: 16},
	} {
		r := c.Resolved()
		t.Run(fmt.Sprintf("guarantees=%d/positions=%d", r.Guarantees, r.Positions), func(t *testing.T) {
			s := synth.Generate(c)
			first, err := scenario.Evaluate(s)
			if err != nil {
				t.Fatalf("Evaluate(synth.Generate(%+v)): %v", c, err)
			}
			second, err := scenario.Evaluate(s)
			if err != nil {
				t.Fatalf("Evaluate(synth.Generate(%+v)), second time: %v", c, err)
			}
			if diff := gocmp.Diff(first, second); diff != "" {
				t.Errorf("Evaluate(synth.Generate(%+v)) twice (-first +second):\n%s", c, diff)
			}
			fresh, err := scenario.Evaluate(synth.Generate(c))
			if err != nil {
				t.Fatalf("Evaluate(synth.Generate(%+v)), fresh: %v", c, err)
			}
			if diff := gocmp.Diff(first, fresh); diff != "" {
				t.Errorf("Evaluate(synth.Generate(%+v)) on two equal scenarios (-first +second):\n%s", c, diff)
			}
			t.Logf("%d findings, %d errors, verdict %v", len(first.Findings), first.Count(scenario.Error), first.Verdict)
		})
	}
}

// BenchmarkWriteMarkdown writes the Markdown report of n findings, each
// citing a source of its own among n: the footnotes find each source by
// its ID, so the cost grows with n, not n².
func BenchmarkWriteMarkdown(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		r := scenario.Report{Scenario: "many sources", Verdict: scenario.Compatible}
		sources := make([]scenario.Source, n)
		for i := range n {
			id := fmt.Sprintf("s%d", i)
			sources[i] = scenario.Source{ID: id, Title: "Source " + id, URL: "https://example.org/" + id}
			r.Findings = append(r.Findings, scenario.Finding{Code: scenario.Sunset, Severity: scenario.Info, Message: "a finding", Sources: []string{id}})
		}
		b.Run(fmt.Sprintf("findings=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := scenario.WriteMarkdown(io.Discard, r, sources); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
