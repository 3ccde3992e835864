package scenariofile_test

import (
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// TestSeedRoundTrip checks that the seed, written in either encoding and
// read back, is the value it was.
func TestSeedRoundTrip(t *testing.T) {
	s := examples.Ukraine2025()
	for _, e := range []scenariofile.Encoding{scenariofile.YAML, scenariofile.JSON} {
		b, err := scenariofile.Marshal(s, e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenariofile.Parse("seed."+e.String(), b)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(s, got); d != "" {
			t.Errorf("%s: Parse(Marshal(seed)) differs (-want +got):\n%s", e, d)
		}
	}
}
