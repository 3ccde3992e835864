package atop_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario/scenariofile"
)

var allRules = []atop.Rule{atop.AsCoded, atop.Unanimity, atop.Majority}

// BenchmarkRecord reads the whole of ATOP 4.01 from its files and checks
// every phase, as coded and under both what-ifs: the researcher's one
// command. It skips when the record is not beside the module.
func BenchmarkRecord(b *testing.B) {
	dir := dataDir(b)
	for b.Loop() {
		r, err := atop.ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := atop.Check(b.Context(), r.Phases(), allRules...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reads the two files alone.
func BenchmarkRead(b *testing.B) {
	dir := dataDir(b)
	for b.Loop() {
		if _, err := atop.ReadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport turns every phase into its canonical file, in memory:
// what entente atop import does before it writes.
func BenchmarkImport(b *testing.B) {
	r, err := atop.ReadDir(dataDir(b))
	if err != nil {
		b.Fatal(err)
	}
	phases := r.Phases()
	for b.Loop() {
		for _, p := range phases {
			s, _ := p.Scenario()
			if _, err := scenariofile.Marshal(s, scenariofile.YAML); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPhase checks one alliance of n members that all owe defence and
// consultation to each other, as coded and under both what-ifs: the cost of
// a phase grows with its guarantees, about 2n, and the veto holders each
// names, n under unanimity.
func BenchmarkPhase(b *testing.B) {
	for _, n := range []int{2, 10, 30, 60} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			var m strings.Builder
			m.WriteString(mHeader + "\n")
			for i := range n {
				// Codes the COW table lacks (COW1000, ...): the actors' IDs
				// cost the same, and the warnings are not read.
				m.WriteString(row(mHeader, mDefault, fmt.Sprintf("member=%d", 1000+i), "defense=1", "consul=1") + "\n")
			}
			r, err := atop.Read("a.csv", strings.NewReader(aHeader+"\n"+row(aHeader, aDefault)+"\n"), "m.csv", strings.NewReader(m.String()))
			if err != nil {
				b.Fatal(err)
			}
			phases := r.Phases()
			for b.Loop() {
				if _, err := atop.Check(b.Context(), phases, allRules...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
