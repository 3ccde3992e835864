package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// hostileFile holds every hostile string in every free-text field: script
// and markup, the ends of CDATA and comments, a Mermaid directive and
// click, a DOT statement, ANSI and OSC 8 sequences, BEL, C1, DEL, bidi
// overrides and a javascript: URL.
const hostileFile = "testdata/hostile.yaml"

// hostileBargain is a scenario with values (bargain needs them) named as
// hostileFile's is.
const hostileBargain = "testdata/hostile-bargain.yaml"

// ownColor matches the colour sequences Entente writes itself.
var ownColor = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// hiddenIn returns the hidden runes of s (see safe.Hidden) but for those
// in keep.
func hiddenIn(s, keep string) []rune {
	var out []rune
	for _, r := range s {
		if safe.Hidden(r) && !strings.ContainsRune(keep, r) {
			out = append(out, r)
		}
	}
	return out
}

// TestHostileText runs every command that writes text on the hostile
// file, with colour and without, and checks that no control character
// from the file reaches the terminal, only Entente's own colours, and
// that what the file held is shown escaped rather than lost.
func TestHostileText(t *testing.T) {
	commands := []struct {
		name   string
		reason string
		args   []string
	}{
		{"check", "the report names, notes and messages", []string{"check", hostileFile}},
		{"check-variant", "a variant's edits bring hostile text of their own", []string{"check", "--variant", "drop-refusal", hostileFile}},
		{"validate", "the warnings quote the fields", []string{"validate", hostileFile}},
		{"search", "packages, vetoes and conflicts", []string{"search", hostileFile}},
		{"export", "the program names the scenario in a comment", []string{"export", "--format", "asp", hostileFile}},
		{"simulate", "the walk of the timeline", []string{"simulate", hostileFile}},
		{"sweep", "sampled findings and elements", []string{"sweep", "--samples", "40", hostileFile}},
		{"diff", "edits and changed findings", []string{"diff", "--variant", "drop-refusal", hostileFile}},
		{"search-json", "JSON escapes what encoding/json leaves raw", []string{"search", "--format", "json", hostileFile}},
		{"simulate-json", "JSON escapes what encoding/json leaves raw", []string{"simulate", "--format", "json", hostileFile}},
		{"sweep-json", "JSON escapes what encoding/json leaves raw", []string{"sweep", "--samples", "40", "--format", "json", hostileFile}},
		{"diff-json", "JSON escapes what encoding/json leaves raw", []string{"diff", "--format", "json", "--variant", "drop-refusal", hostileFile}},
		{"bargain", "the scenario's name over the frontier and the solutions", []string{"bargain", hostileBargain}},
		{"bargain-utilitarian", "the scenario's name over the one solution", []string{"bargain", "--utilitarian", hostileBargain}},
		{"bargain-json", "JSON escapes what encoding/json leaves raw", []string{"bargain", "--format", "json", hostileBargain}},
		{"bargain-utilitarian-json", "JSON escapes what encoding/json leaves raw", []string{"bargain", "--utilitarian", "--format", "json", hostileBargain}},
	}
	for _, c := range commands {
		for _, color := range []bool{false, true} {
			name := c.name
			if color {
				name += "-color"
			}
			t.Run(name, func(t *testing.T) {
				e, out, errOut := fakeEnv(color, nil)
				code := run(c.args, e)
				if code == exitInput {
					t.Fatalf("entente %v exited %d (%s): %s", c.args, code, c.reason, errOut)
				}
				for stream, text := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
					plain := ownColor.ReplaceAllString(text, "")
					if !color && plain != text {
						t.Errorf("%s: colour sequences without colour (%s)", stream, c.reason)
					}
					if h := hiddenIn(plain, "\n"); len(h) > 0 {
						t.Errorf("%s: hidden runes %q reach the terminal (%s)", stream, h, c.reason)
					}
				}
				if strings.HasSuffix(c.name, "-json") {
					if !json.Valid(out.Bytes()) {
						t.Errorf("not JSON (%s):\n%s", c.reason, out)
					}
					return
				}
				all := out.String() + errOut.String()
				if c.name != "validate" && !strings.Contains(all, `\x1b[31mRED`) {
					t.Errorf("the file's escape sequence is not shown escaped (%s):\n%s", c.reason, all)
				}
				if c.name != "validate" && !strings.Contains(all, `\u202eOVERRIDE`) && !strings.Contains(all, `\u202eLTR`) {
					t.Errorf("the file's bidi override is not shown escaped (%s):\n%s", c.reason, all)
				}
			})
		}
	}
}

// TestHostileFileName runs every command on files whose names hold an
// escape sequence and a bidi override, and checks that the names reach
// the terminal escaped: a file name comes from someone else as much as
// the file does. Each command runs once as it succeeds and once on a
// what-if that fails, so that its messages name the file too.
func TestHostileFileName(t *testing.T) {
	dir := t.TempDir()
	name := "evil\x1b[31mRED\u202e.yaml"
	const shown = `evil\x1b[31mRED\u202e.yaml`
	data, err := os.ReadFile("testdata/bargain.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken"+name)
	if err := os.WriteFile(broken, []byte("entente: 1\nbogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var runs [][]string
	for _, cmd := range []string{"check", "search", "bargain", "simulate", "diff", "graph", "sweep", "export"} {
		args := []string{cmd}
		if cmd == "export" {
			args = append(args, "--format", "asp")
		}
		if cmd == "sweep" {
			args = append(args, "--samples", "10")
		}
		runs = append(runs, append(slices.Clone(args), "--without", "nosuch", file))
		if cmd != "diff" {
			runs = append(runs, append(slices.Clone(args), file), append(slices.Clone(args), broken))
		}
	}
	runs = append(runs, []string{"validate", file}, []string{"validate", broken}, []string{"fmt", broken},
		[]string{"check", "--format", "json", file, broken})
	for _, args := range runs {
		code, out, errOut := runEntente(args...)
		all := out + errOut
		if h := hiddenIn(all, "\n\t"); len(h) > 0 { // DOT indents with tabs
			t.Errorf("entente %q: hidden runes %q reach the terminal:\n%s", args, h, all)
		}
		if code != exitOK && code != exitFinding && !strings.Contains(errOut, shown) {
			t.Errorf("entente %q exited %d without naming the file as %s:\n%s", args, code, shown, errOut)
		}
	}
}

// TestHostileWarnings checks that loading the hostile file warns of hidden
// text and of its non-web URLs, and that a clean file does not.
func TestHostileWarnings(t *testing.T) {
	tests := []struct {
		name, reason, file string
		want               []string
		not                []string
	}{
		{"hostile", "every kind of warning fires", hostileFile,
			[]string{"name: warning: holds a control character", "sources[0].url: warning: \"javascript:alert(3)\": not an absolute http or https address",
				"sources[2].url: warning:", "positions[0].note: warning:", "variants[0].edits[1].add-actor.name: warning:"},
			[]string{"sources[1].url"}},
		{"clean", "a file of ordinary text and web addresses warns of nothing", "testdata/budapest1994.yaml",
			nil, []string{"warning"}},
		{"new-kind", "a kind outside the SDK's families warns, with the kind most likely meant", "testdata/new-kind.yaml",
			[]string{`testdata/new-kind.yaml: guarantees[0].kind: warning: "air-support" is a new top-level kind`, `did you mean "military/air-support"?`},
			[]string{"guarantees[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runEntente("validate", tt.file)
			if code != exitOK {
				t.Fatalf("validate exited %d, want %d (%s): %s", code, exitOK, tt.reason, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q (%s):\n%s", w, tt.reason, errOut)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(errOut, w) {
					t.Errorf("stderr has %q (%s):\n%s", w, tt.reason, errOut)
				}
			}
		})
	}
}

// TestHostileFormats renders the hostile file in every format and checks,
// per format, that no control character, live markup or link that is not
// http(s) survives.
func TestHostileFormats(t *testing.T) {
	s, err := scenariofile.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New(s, r, graph.Options{})
	render := func(write func(*bytes.Buffer) error) string {
		t.Helper()
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	anyLink := regexp.MustCompile(`(?i)(href|xlink:href|src)\s*=\s*"([^"]*)"`)
	tests := []struct {
		name   string
		reason string
		out    string
		keep   string // hidden runes the format's own layout uses
		check  func(t *testing.T, out string)
	}{
		{"markdown", "links only web sources; the file's brackets and angle brackets are text",
			render(func(b *bytes.Buffer) error { return scenario.WriteMarkdown(b, r, s.Sources) }), "\n",
			func(t *testing.T, out string) {
				for _, bad := range []string{"<script", "<img", "<!--", "(<javascript:", "(<data:", "[link](", "javascript:alert(3)>"} {
					if strings.Contains(out, bad) {
						t.Errorf("has %q", bad)
					}
				}
				// A "](" opens a link unless its "]" is escaped: behind an
				// odd number of backslashes.
				for _, m := range regexp.MustCompile(`(\\*)\]\(<?(javascript|data):`).FindAllStringSubmatch(out, -1) {
					if len(m[1])%2 == 0 {
						t.Errorf("a link that is not http(s): %s", m[0])
					}
				}
				if !strings.Contains(out, "](<https://example.org/") {
					t.Errorf("the http source is no longer a link:\n%s", out)
				}
				if !strings.Contains(out, "javascript:alert(3)") {
					t.Errorf("the javascript: URL is not shown as text:\n%s", out)
				}
			}},
		{"html", "only anchors and web addresses are links; no markup from the file",
			run2(t, "check", "--format", "html", hostileFile), "\n\t",
			func(t *testing.T, out string) {
				for _, bad := range []string{"<script", "<img", "<!-- %%", "]]>"} {
					if strings.Contains(out, bad) {
						t.Errorf("has %q", bad)
					}
				}
				links := 0
				for _, m := range anyLink.FindAllStringSubmatch(out, -1) {
					u := m[2]
					if !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
						t.Errorf("a link to %q", u)
					}
					if strings.HasPrefix(u, "http") {
						links++
					}
				}
				if links != 1 {
					t.Errorf("%d links out of the page, want 1 (the https source)", links)
				}
			}},
		{"svg", "well-formed XML with no reference or script",
			render(func(b *bytes.Buffer) error { return g.WriteSVG(b) }), "\n",
			func(t *testing.T, out string) {
				checkXML(t, out)
				for _, bad := range []string{"<script", "<img", "href", "<a ", "<!-- %%", "<![CDATA["} {
					if strings.Contains(out, bad) {
						t.Errorf("has %q", bad)
					}
				}
			}},
		{"dot", "the file's quotes stay inside DOT strings",
			render(func(b *bytes.Buffer) error { return g.WriteDOT(b) }), "\n\t",
			func(t *testing.T, out string) {
				endsString := regexp.MustCompile(`[^\\]"; a -> b; "`)
				for line := range strings.Lines(out) {
					if !strings.HasPrefix(line, "//") && endsString.MatchString(line) {
						t.Errorf("a quote from the file ends a DOT string: %s", line)
					}
				}
				for _, bad := range []string{"URL=", "href=", "<<"} {
					if strings.Contains(out, bad) {
						t.Errorf("has %q", bad)
					}
				}
				dotAccepts(t, out)
			}},
		{"mermaid", "no directive, click or markup from the file",
			render(func(b *bytes.Buffer) error { return g.WriteMermaid(b) }), "\n",
			func(t *testing.T, out string) {
				for _, bad := range []string{"%%{", "<script", "<img", "href", "<br><"} {
					if strings.Contains(out, bad) {
						t.Errorf("has %q", bad)
					}
				}
				for line := range strings.Lines(out) {
					if strings.HasPrefix(strings.TrimSpace(line), "click") {
						t.Errorf("a click statement: %q", line)
					}
				}
				title := strings.SplitN(strings.SplitN(out, "title: ", 2)[1], "\n", 2)[0]
				if !strings.HasPrefix(title, `"scenario name`) || !strings.HasSuffix(title, `"`) {
					t.Errorf("the title is not one quoted line: %s", title)
				}
			}},
		{"json", "JSON escapes every hidden rune, and reads back as the file",
			run2(t, "check", "--format", "json", hostileFile), "\n",
			func(t *testing.T, out string) {
				var got struct{ Scenario string }
				if err := json.Unmarshal([]byte(out), &got); err != nil {
					t.Fatal(err)
				}
				if got.Scenario != s.Name {
					t.Errorf("the name reads back as %q, want %q", got.Scenario, s.Name)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if h := hiddenIn(tt.out, tt.keep); len(h) > 0 {
				t.Errorf("hidden runes %q survive (%s)", h, tt.reason)
			}
			tt.check(t, tt.out)
		})
	}
}

// run2 runs entente and returns its standard output, failing on bad input.
func run2(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runEntente(args...)
	if code == exitInput {
		t.Fatalf("entente %v exited %d: %s", args, code, errOut)
	}
	return out
}

// checkXML fails unless s is well-formed XML.
func checkXML(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("not well-formed XML: %v", err)
			}
			return
		}
	}
}

// dotAccepts fails unless Graphviz draws dot without a word on stderr; it
// skips without Graphviz, but not on CI.
func dotAccepts(t *testing.T, dot string) {
	t.Helper()
	path := needDot(t)
	cmd := exec.CommandContext(t.Context(), path, "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = strings.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot -Tsvg: %v: %s", err, stderr.String())
	}
}
