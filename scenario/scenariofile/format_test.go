package scenariofile_test

import (
	"os"
	"testing"

	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// TestSeedFileIsCanonical checks that the committed seed file is what
// Format makes of it, comments included: fmt leaves a formatted file as it
// is.
func TestSeedFileIsCanonical(t *testing.T) {
	in, err := os.ReadFile("../../examples/ukraine2025/ukraine2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := scenariofile.Format("seed.yaml", in)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(in), string(out)); d != "" {
		t.Errorf("Format(seed file) is not the file (-want +got):\n%s", d)
	}
}
