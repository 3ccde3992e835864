package scenariofile_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/entente-go/entente/scenario/scenariofile"
)

// update rewrites the golden files under testdata instead of comparing
// with them: go test ./scenario/scenariofile -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// seedFile is the committed seed scenario file.
const seedFile = "../../examples/ukraine2025/ukraine2025.yaml"

// encodings are the two notations of format 1.
var encodings = []scenariofile.Encoding{scenariofile.YAML, scenariofile.JSON}

// messages returns the text of each problem in err, one per *Error, or
// fails the test if err is not an Errors.
func messages(t testing.TB, err error) []string {
	t.Helper()
	es, ok := errors.AsType[scenariofile.Errors](err)
	if !ok {
		t.Fatalf("error %v (%T) is not a scenariofile.Errors", err, err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Error()
	}
	return out
}

// readFile reads a file under testdata or fails the test.
func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// files lists the files under dir whose names end in one of exts.
func files(t testing.TB, dir string, exts ...string) []string {
	t.Helper()
	var out []string
	for _, ext := range exts {
		m, err := filepath.Glob(filepath.Join(dir, "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no %v files in %s", exts, dir)
	}
	return out
}
