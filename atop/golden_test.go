package atop_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden imports the rows of ATOP 4.01 copied into testdata/fixture:
// the German Confederation (1020, three phases), the Dual Alliance of 1879
// (1335, a specified length renewed every three years), Locarno (2130),
// the Soviet-Japanese neutrality pact of 1941 (2525, bilateral neutrality
// for five years, renewable) and NATO (3180, two phases). Each phase's file
// is compared with its golden file, read by hand when it was written, and
// reads back as the same scenario. go test ./atop -update rewrites them.
func TestGolden(t *testing.T) {
	r, err := atop.ReadDir(filepath.Join("testdata", "fixture"))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range r.Phases() {
		keys = append(keys, p.Key())
		s, warns := p.Scenario()
		if len(warns) > 0 {
			t.Errorf("%s: warnings %v", p.Key(), warns)
		}
		got, err := scenariofile.Marshal(s, scenariofile.YAML)
		if err != nil {
			t.Fatalf("%s: %v", p.Key(), err)
		}
		path := filepath.Join("testdata", "golden", p.Key()+".yaml")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(want), string(got)); d != "" {
			t.Errorf("%s differs from %s (-want +got):\n%s", p.Key(), path, d)
		}
		back, err := scenariofile.Parse(path, want)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if d := cmp.Diff(s, back); d != "" {
			t.Errorf("%s reads back differently (-imported +read):\n%s", path, d)
		}
		formatted, err := scenariofile.Format(path, want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(formatted, want) {
			t.Errorf("%s is not in fmt's canonical form", path)
		}
	}
	want := []string{"atop-1020-1", "atop-1020-2", "atop-1020-3", "atop-1335-0", "atop-2130-0", "atop-2525-0", "atop-3180-1", "atop-3180-2"}
	if d := cmp.Diff(want, keys); d != "" {
		t.Errorf("phases (-want +got):\n%s", d)
	}
}

// TestDeterministic checks the fixture twice, on one core and on several:
// the same CSV and picture, byte for byte.
func TestDeterministic(t *testing.T) {
	r, err := atop.ReadDir(filepath.Join("testdata", "fixture"))
	if err != nil {
		t.Fatal(err)
	}
	rules := []atop.Rule{atop.AsCoded, atop.Unanimity, atop.Majority}
	run := func(procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := atop.Check(t.Context(), r.Phases(), rules...)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, w := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return atop.WriteCSV(b, res, rules) },
			func(b *bytes.Buffer) error { return atop.WriteSummary(b, res, rules) },
			func(b *bytes.Buffer) error { return atop.WriteSVG(b, res, rules) },
			func(b *bytes.Buffer) error { return atop.WriteHTML(b, res, rules) },
		} {
			if err := w(&b); err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	one := run(1)
	for _, procs := range []int{1, 2, 8} {
		if got := run(procs); got != one {
			t.Errorf("GOMAXPROCS=%d: output differs from GOMAXPROCS=1", procs)
		}
	}
}

// TestLocarnoUnderUnanimity is the what-if a researcher asks of Locarno: had
// its members decided their guarantees by unanimity, Germany and France, the
// threats it names, would each hold a veto over the guarantee against its
// own attack (captured-guarantee), as the League Council that did not count
// the parties' votes (Covenant, Article 15) was there to prevent.
func TestLocarnoUnderUnanimity(t *testing.T) {
	r, err := atop.ReadDir(filepath.Join("testdata", "fixture"))
	if err != nil {
		t.Fatal(err)
	}
	var locarno atop.Phase
	for _, p := range r.Phases() {
		if p.Alliance.ID == 2130 {
			locarno = p
		}
	}
	s, _ := locarno.Scenario()
	for _, tc := range []struct {
		rule     atop.Rule
		captured bool
	}{{atop.AsCoded, false}, {atop.Unanimity, true}, {atop.Majority, false}} {
		rep, err := scenario.Evaluate(tc.rule.Apply(s))
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Has(scenario.CapturedGuarantee); got != tc.captured {
			t.Errorf("%s: captured-guarantee %v, want %v", tc.rule, got, tc.captured)
		}
	}
}
