package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// needDot returns the path of Graphviz's dot, skipping the test when it is
// not installed, unless CI=true: CI installs Graphviz, and there a missing
// dot is a failure.
func needDot(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Graphviz's dot is not installed, and CI=true: %v", err)
		}
		t.Skipf("Graphviz's dot is not installed: %v", err)
	}
	return path
}

// runEntente runs the command with args and returns its exit code and
// output.
func runEntente(args ...string) (int, string, string) {
	e, out, errOut := fakeEnv(false, nil)
	code := run(args, e)
	return code, out.String(), errOut.String()
}

// scenarioFiles returns every scenario file under a testdata directory of
// the repository that loads, and the seed's.
func scenarioFiles(t *testing.T) []string {
	t.Helper()
	files := []string{filepath.Join("..", "..", examples.Ukraine2025File)}
	err := filepath.WalkDir(filepath.Join("..", ".."), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.Contains(filepath.ToSlash(path), "/testdata/") || !strings.HasSuffix(path, ".yaml") {
			return nil
		}
		if _, err := scenariofile.ReadFile(path); err == nil {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d scenario files: %v", len(files), files)
	}
	return files
}

// TestGraphvizAcceptsEveryDOT: every DOT the command writes, for the seed,
// its variants, a filtered picture, and every scenario under testdata/,
// is accepted by dot -Tsvg without a warning.
func TestGraphvizAcceptsEveryDOT(t *testing.T) {
	dot := needDot(t)
	var cases [][]string
	for _, f := range scenarioFiles(t) {
		cases = append(cases, []string{"graph", f})
	}
	for _, v := range examples.Ukraine2025().Variants {
		cases = append(cases, []string{"graph", "--variant", v.Name})
	}
	cases = append(cases, []string{"graph", "--actor", "US", "--kind", "military"})
	for _, args := range cases {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			code, out, errOut := runEntente(args...)
			if code != exitOK {
				t.Fatalf("entente %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
			}
			cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
			cmd.Stdin = strings.NewReader(out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Errorf("dot -Tsvg: %v\n%s", err, stderr.String())
			}
		})
	}
}

// TestGraphSVG: --format svg is Graphviz's SVG, a well-formed document.
func TestGraphSVG(t *testing.T) {
	needDot(t)
	code, out, errOut := runEntente("graph", "--format", "svg", "testdata/budapest1994.yaml")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	root := xmlRoot(t, out)
	if root != "svg" {
		t.Errorf("root element %q; want svg", root)
	}
	code, dot, _ := runEntente("graph", "testdata/budapest1994.yaml")
	sum := sha256.Sum256([]byte(dot))
	if code != exitOK || !strings.Contains(out, "<!-- "+graph.DOTDigestPrefix+hex.EncodeToString(sum[:])+" -->") {
		t.Errorf("the SVG does not name the DOT it was drawn from")
	}
	if !strings.Contains(out, "seek-unsc-action") && !strings.Contains(out, "UNSC") {
		t.Errorf("the SVG does not name the Budapest scenario's elements:\n%.400s", out)
	}
}

// TestGraphSVGWithoutGraphviz: without dot, --format svg says what to do
// and writes nothing.
func TestGraphSVGWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	code, out, errOut := runEntente("graph", "--format", "svg", "testdata/article5.yaml")
	if code != exitInput || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	if want := "the dot command of Graphviz is not installed; install graphviz, or use --format dot or mermaid"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q; want it to say %q", errOut, want)
	}
}

func xmlRoot(t *testing.T, doc string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	root := ""
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return root
			}
			t.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
}

// TestReadmeGraph: the README shows the seed's picture, a committed SVG
// that the command makes, and the committed file is current: it names
// the DOT it was drawn from, which must be the seed's DOT today. The check
// needs no Graphviz, whose layout changes from release to release.
// Regenerate the picture with the command in the README:
//
//	go run ./cmd/entente graph --format svg > docs/seed-graph.svg
func TestReadmeGraph(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"](docs/seed-graph.svg)", "go run ./cmd/entente graph --format svg > docs/seed-graph.svg"} {
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.md does not contain %q", want)
		}
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "seed-graph.svg"))
	if err != nil {
		t.Fatal(err)
	}
	code, dot, errOut := runEntente("graph")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sum := sha256.Sum256([]byte(dot))
	if want := "<!-- " + graph.DOTDigestPrefix + hex.EncodeToString(sum[:]) + " -->"; !bytes.Contains(committed, []byte(want)) {
		t.Errorf("docs/seed-graph.svg was not drawn from the seed's DOT of today; regenerate it with\n\tgo run ./cmd/entente graph --format svg > docs/seed-graph.svg")
	}
	if root := xmlRoot(t, string(committed)); root != "svg" {
		t.Errorf("docs/seed-graph.svg: root element %q; want svg", root)
	}
}

// TestMarkdownMermaid: the Markdown report ends with the picture as a
// Mermaid block, which GitHub draws.
func TestMarkdownMermaid(t *testing.T) {
	code, out, _ := runEntente("check", "--format", "markdown")
	if code != exitFinding {
		t.Fatalf("exit %d", code)
	}
	s := examples.Ukraine2025()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	var mermaid bytes.Buffer
	if err := graph.New(s, r, graph.Options{}).WriteMermaid(&mermaid); err != nil {
		t.Fatal(err)
	}
	want := "```mermaid\n" + mermaid.String() + "```\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("the Markdown report does not end with the seed's Mermaid picture:\n%s", out[max(0, len(out)-600):])
	}
}

// TestMarkdownMermaidTooLarge: past Mermaid's own limits the Markdown
// report leaves the picture out, and says how to draw part of it.
func TestMarkdownMermaidTooLarge(t *testing.T) {
	s := synth.Generate(synth.Config{Guarantees: 1000, Seed: 1})
	data, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "large.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, errOut := runEntente("check", "--format", "markdown", file)
	if strings.Contains(out, "```mermaid") || !strings.Contains(out, "more than Mermaid draws by default; draw part of it with `entente graph --format mermaid --actor ID`") {
		t.Errorf("the Markdown of 1,000 guarantees embeds the picture or does not say why not (stderr %q):\n%s", errOut, out[max(0, len(out)-400):])
	}
	if !regexp.MustCompile(`The picture has [0-9]{4} edges,`).MatchString(out) {
		t.Errorf("the Markdown of 1,000 guarantees does not count the picture's edges:\n%s", out[max(0, len(out)-400):])
	}

	// Few edges but a long text: a name of 60,000 characters.
	s = scenario.Scenario{Actors: []actor.Actor{{ID: "UA", Name: strings.Repeat("Ukraine ", 7500)}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{{ID: "g1", Provider: "US", Beneficiary: "UA", Kind: "financial/aid"}}}
	if data, err = scenariofile.Marshal(s, scenariofile.YAML); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = runEntente("check", "--format", "markdown", file)
	if strings.Contains(out, "```mermaid") || !strings.Contains(out, " characters of Mermaid, more than Mermaid draws by default") {
		t.Errorf("the Markdown of a long name embeds the picture or does not say it is too long:\n%s", out[max(0, len(out)-400):])
	}
}

// TestHTMLSections: the HTML report has the sections that exist, and
// stands alone.
func TestHTMLSections(t *testing.T) {
	cases := []struct {
		args []string
		has  []string
		lack []string
	}{
		{[]string{"check", "--format", "html"}, []string{`id="timeline"`, `id="search"`, `id="sweep"`, "<svg"}, nil},
		{[]string{"check", "--format", "html", "testdata/budapest1994.yaml"}, []string{`id="timeline"`, `id="search"`, "<svg"}, []string{`id="sweep"`}},
		{[]string{"check", "--format", "html", "testdata/budapest-likely.yaml"}, []string{`id="timeline"`, `id="search"`, `id="sweep"`}, nil},
	}
	for _, tc := range cases {
		_, out, _ := runEntente(tc.args...)
		for _, h := range tc.has {
			if !strings.Contains(out, h) {
				t.Errorf("%v: the page lacks %s", tc.args, h)
			}
		}
		for _, l := range tc.lack {
			if strings.Contains(out, l) {
				t.Errorf("%v: the page has %s; the scenario has no such section", tc.args, l)
			}
		}
		for _, bad := range []string{"<script", "<link", " src=", "@import", "url("} {
			if strings.Contains(out, bad) {
				t.Errorf("%v: the page has %q; it must stand alone", tc.args, bad)
			}
		}
	}
}

// TestHTMLTimeout: the page of a scenario too large to search in time
// still comes, its search section saying it is incomplete.
func TestHTMLTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,000-guarantee scenario")
	}
	s := synth.Generate(synth.Config{Guarantees: 1000, Seed: 1})
	data, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "large.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runEntente("check", "--format", "html", "--timeout", "300ms", file)
	if code == exitInput {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "The search is incomplete") || !strings.Contains(out, "</html>") {
		t.Errorf("the page does not say its search is incomplete, or is cut short:\n%.300s", out[max(0, strings.Index(out, `id="search"`)):])
	}
	if code, _, errOut := runEntente("check", "--format", "html", "--timeout", "0s", file); code != exitInput || !strings.Contains(errOut, "--timeout must be above zero") {
		t.Errorf("--timeout 0s: exit %d, %q; want 2 and why", code, errOut)
	}
}
