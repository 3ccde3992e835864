package graph_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario/graph"
)

// goldenCases are the pictures pinned in testdata/golden, each in every
// format.
var goldenCases = []struct {
	name, file string
	opts       graph.Options
	reason     string
}{
	{"seed", "seed", graph.Options{}, "the seed scenario, whole"},
	{"seed-actor-US", "seed", graph.Options{Actors: []actor.ID{"US"}}, "entente graph --actor US: only what the US gives, gets or faces"},
	{"seed-kind-military", "seed", graph.Options{Kinds: []guarantee.Kind{guarantee.Military}}, "entente graph --kind military: Europe's force drawn around its members"},
	{"budapest1994", budapestFile, graph.Options{}, "assurances routed through a council where the aggressor votes"},
	{"article5", article5File, graph.Options{}, "an alliance's guarantee to one of its own members"},
	{"tricky", trickyFile, graph.Options{}, "reserved words as IDs, unfriendly characters, nested and overlapping bodies"},
	{"dayton1995", "../scenariofile/testdata/good/dayton1995.yaml", graph.Options{}, "a peace agreement's guarantors"},
	{"nato-article5-2001", "../scenariofile/testdata/good/nato-article5-2001.yaml", graph.Options{}, "the one time Article 5 was invoked"},
	{"likelihoods", "../scenariofile/testdata/likelihoods.yaml", graph.Options{}, "likelihoods change no picture"},
	{"budapest-likely", "../../cmd/entente/testdata/budapest-likely.yaml", graph.Options{}, "Budapest with likelihoods"},
}

// TestGolden pins each picture in each format. When a picture changes on
// purpose, run go test ./scenario/graph -update and read the diff of
// testdata/golden before committing it.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		s, r := load(t, tc.file)
		g := graph.New(s, r, tc.opts)
		for _, f := range formats {
			t.Run(tc.name+"."+f.ext, func(t *testing.T) {
				got := render(t, g, f.write)
				golden(t, tc.name+"."+f.ext, got)
				var err error
				switch f.ext {
				case "dot":
					err = checkDOT(got)
				case "mmd":
					err = checkMermaid(got)
				case "svg":
					err = checkSVG(got)
				}
				if err != nil {
					t.Errorf("%s (%s): %v", tc.name, tc.reason, err)
				}
			})
		}
	}
}

// needDot returns the path of Graphviz's dot, or skips the test when it
// is not installed; on CI, where Graphviz is installed, it fails instead.
func needDot(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Graphviz's dot is needed on CI: %v", err)
		}
		t.Skipf("Graphviz's dot is not installed: %v", err)
	}
	return path
}

// TestGoldenDOTAcceptedByGraphviz checks that dot -Tsvg takes every DOT
// golden file without a word on its standard error: no syntax error, no
// warning.
func TestGoldenDOTAcceptedByGraphviz(t *testing.T) {
	dot := needDot(t)
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.dot"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no DOT golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			in, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var out, stderr bytes.Buffer
			cmd := exec.CommandContext(t.Context(), dot, "-Tsvg")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &out, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("dot -Tsvg %s: %v\n%s", file, err, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("dot -Tsvg %s printed on its standard error:\n%s", file, stderr.String())
			}
			if !bytes.Contains(out.Bytes(), []byte("<svg")) {
				t.Errorf("dot -Tsvg %s printed no SVG", file)
			}
		})
	}
}

func TestWriteGraphvizSVG(t *testing.T) {
	needDot(t)
	s, r := load(t, "seed")
	var buf bytes.Buffer
	if err := graph.New(s, r, graph.Options{}).WriteGraphvizSVG(t.Context(), &buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "cluster_0", "Ukraine", "⚠ UA"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("Graphviz's SVG lacks %q", want)
		}
	}
}

func TestWriteGraphvizSVGWithoutDot(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	s, r := load(t, "seed")
	var buf bytes.Buffer
	err := graph.New(s, r, graph.Options{}).WriteGraphvizSVG(t.Context(), &buf)
	if !errors.Is(err, graph.ErrNoGraphviz) {
		t.Fatalf("without dot on the PATH: got %v, want ErrNoGraphviz", err)
	}
	if !strings.Contains(err.Error(), "use --format dot or mermaid") {
		t.Errorf("error %q does not say what to do instead", err)
	}
	if buf.Len() > 0 {
		t.Errorf("wrote %d bytes without dot", buf.Len())
	}
}

// TestWriteGraphvizSVGDotFails checks that what dot prints on its
// standard error comes back as an error, with nothing written, using a
// stand-in dot that complains.
func TestWriteGraphvizSVGDotFails(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho 'Warning: something odd' >&2\necho '<svg/>'\n"
	if err := os.WriteFile(filepath.Join(dir, "dot"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a stand-in dot")
	}
	sh, _ := exec.LookPath("sh")
	t.Setenv("PATH", dir+string(os.PathListSeparator)+filepath.Dir(sh))
	s, r := load(t, "seed")
	var buf bytes.Buffer
	err := graph.New(s, r, graph.Options{}).WriteGraphvizSVG(t.Context(), &buf)
	if !errors.Is(err, graph.ErrGraphviz) || !strings.Contains(err.Error(), "Warning: something odd") {
		t.Fatalf("got %v, want ErrGraphviz quoting dot's warning", err)
	}
	if buf.Len() > 0 {
		t.Errorf("wrote %q despite dot's complaint", buf.String())
	}
}
