package scenariofile_test

import (
	"testing"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// BenchmarkParseSeed parses the seed scenario file: the size of a real
// study.
func BenchmarkParseSeed(b *testing.B) {
	data := readFile(b, seedFile)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenariofile.Parse("seed.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse16MiB parses a generated scenario file of about 16 MiB
// (76,000 guarantees), twice the default size limit: what a machine
// that raises the limit pays.
func BenchmarkParse16MiB(b *testing.B) {
	s := synth.Generate(synth.Config{Guarantees: 76_000, Seed: 1})
	data, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(data); n < 15<<20 || n > 17<<20 {
		b.Fatalf("generated %d bytes; want about 16 MiB", n)
	}
	opts := scenariofile.Options{MaxSize: 32 << 20}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := opts.Parse("large.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
