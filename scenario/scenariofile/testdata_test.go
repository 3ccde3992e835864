package scenariofile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// TestBadFiles parses every file under testdata/bad and compares its
// errors, as Errors.Error writes them, with the golden file beside it
// (NAME.err). Run with -update to rewrite the golden files.
func TestBadFiles(t *testing.T) {
	for _, path := range files(t, filepath.Join("testdata", "bad"), ".yaml", ".json") {
		name := "testdata/bad/" + filepath.Base(path) // the same on every system
		t.Run(filepath.Base(path), func(t *testing.T) {
			s, err := scenariofile.Parse(name, readFile(t, path))
			if err == nil {
				t.Fatal("Parse succeeded; a file under testdata/bad must fail")
			}
			if d := cmp.Diff(scenario.Scenario{}, s); d != "" {
				t.Errorf("Parse returned a scenario with its error (-want +got):\n%s", d)
			}
			for _, e := range messages(t, err) {
				if !strings.HasPrefix(e, name+":") {
					t.Errorf("error %q does not start with the file name %q", e, name)
				}
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := string(readFile(t, golden))
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("errors differ from %s (-want +got):\n%s", golden, d)
			}
		})
	}
}

// TestBadFilesHaveGoldens checks that no golden file is left without the
// file it belongs to, so that a renamed case cannot pass by vanishing.
func TestBadFilesHaveGoldens(t *testing.T) {
	for _, golden := range files(t, filepath.Join("testdata", "bad"), ".err") {
		base := strings.TrimSuffix(golden, ".err")
		_, errYAML := os.Stat(base + ".yaml")
		_, errJSON := os.Stat(base + ".json")
		if errors.Is(errYAML, os.ErrNotExist) && errors.Is(errJSON, os.ErrNotExist) {
			t.Errorf("%s has no %s.yaml or %s.json beside it", golden, filepath.Base(base), filepath.Base(base))
		}
	}
}
