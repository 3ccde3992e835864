package graph_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// Scenario files this package's tests draw, besides the seed.
const (
	budapestFile = "../../cmd/entente/testdata/budapest1994.yaml"
	article5File = "../../cmd/entente/testdata/article5.yaml"
	trickyFile   = "testdata/tricky.yaml"
)

// load returns the scenario of a file, or the seed for "seed", with its
// report.
func load(t testing.TB, file string) (scenario.Scenario, scenario.Report) {
	t.Helper()
	var s scenario.Scenario
	if file == "seed" {
		s = examples.Ukraine2025()
	} else {
		var err error
		if s, err = scenariofile.ReadFile(file); err != nil {
			t.Fatal(err)
		}
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// formats are the writers under test, by the extension of their golden
// files.
var formats = []struct {
	ext   string
	write func(graph.Graph, io.Writer) error
}{
	{"dot", graph.Graph.WriteDOT},
	{"mmd", graph.Graph.WriteMermaid},
	{"svg", graph.Graph.WriteSVG},
}

func render(t testing.TB, g graph.Graph, write func(graph.Graph, io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(g, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scenario/graph -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// checkDOT returns an error if the DOT text has a string left open, a
// raw newline in a string, or brackets or braces that do not balance
// outside strings.
func checkDOT(dot []byte) error {
	in := false
	var stack []byte
	for i := 0; i < len(dot); i++ {
		c := dot[i]
		if in {
			switch c {
			case '\\':
				i++
			case '"':
				in = false
			case '\n':
				return fmt.Errorf("byte %d: newline inside a string", i)
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '{', '[':
			stack = append(stack, c)
		case '}', ']':
			open := byte('{')
			if c == ']' {
				open = '['
			}
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return fmt.Errorf("byte %d: unbalanced %q", i, c)
			}
			stack = stack[:len(stack)-1]
		case '/':
			// a // comment runs to the end of the line
			if i+1 < len(dot) && dot[i+1] == '/' {
				for i < len(dot) && dot[i] != '\n' {
					i++
				}
			}
		}
	}
	if in {
		return errors.New("a string is left open")
	}
	if len(stack) > 0 {
		return fmt.Errorf("%d brackets or braces left open", len(stack))
	}
	return nil
}

var (
	mermaidID    = `(?:n[0-9]+|c[0-9]+|L[0-9]*)`
	mermaidLabel = `"[^"]*"`
	mermaidLines = []*regexp.Regexp{
		regexp.MustCompile(`^subgraph ` + mermaidID + `\[` + mermaidLabel + `\]$`),
		regexp.MustCompile(`^` + mermaidID + `(?:\(` + mermaidLabel + `\)|\{\{` + mermaidLabel + `\}\})$`),
		regexp.MustCompile(`^` + mermaidID + ` (?:-->|==>|-\.->)\|` + mermaidLabel + `\| ` + mermaidID + `$`),
		regexp.MustCompile(`^class ` + mermaidID + `(?:,` + mermaidID + `)* (?:body|veto|error)$`),
		regexp.MustCompile(`^classDef (?:body|veto|error) [-a-z]+:[#0-9a-z]+(?:,[-a-z]+:[#0-9a-z]+)*$`),
		regexp.MustCompile(`^style ` + mermaidID + ` [-a-z]+:[#0-9a-z]+(?:,[-a-z]+:[#0-9a-z]+)*$`),
		regexp.MustCompile(`^linkStyle [0-9]+(?:,[0-9]+)* [-a-z]+:[#0-9a-z]+(?:,[-a-z]+:[#0-9a-z]+)*$`),
		regexp.MustCompile(`^%%(?: [^\n]*)?$`),
		regexp.MustCompile(`^end$`),
	}
)

// checkMermaid returns an error for a line of Mermaid that is not one of
// the statements the writer means to write: every node, cluster and
// legend ID generated (n0, c0, L0), every label quoted with no quote
// inside, nothing else.
func checkMermaid(mmd []byte) error {
	lines := strings.Split(strings.TrimSuffix(string(mmd), "\n"), "\n")
	if len(lines) < 4 || lines[0] != "---" || !strings.HasPrefix(lines[1], "title: \"") || lines[2] != "---" || lines[3] != "flowchart LR" {
		return fmt.Errorf("does not start with a title and flowchart LR: %q", lines[:min(4, len(lines))])
	}
	depth := 0
	for i, line := range lines[4:] {
		line = strings.TrimSpace(line)
		ok := false
		for _, re := range mermaidLines {
			if re.MatchString(line) {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Errorf("line %d: unexpected %q", i+5, line)
		}
		switch {
		case strings.HasPrefix(line, "subgraph "):
			depth++
		case line == "end":
			depth--
			if depth < 0 {
				return fmt.Errorf("line %d: end without subgraph", i+5)
			}
		}
	}
	if depth != 0 {
		return fmt.Errorf("%d subgraphs left open", depth)
	}
	return nil
}

// checkSVG returns an error if the SVG is not well-formed XML, lacks what
// an inline SVG in an HTML page needs, or refers to anything outside it.
func checkSVG(svg []byte) error {
	d := xml.NewDecoder(bytes.NewReader(svg))
	var root *xml.StartElement
	ids := map[string]string{} // id → element
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == nil {
				se := tok.Copy()
				root = &se
			}
			depth++
			for _, a := range tok.Attr {
				if a.Name.Local == "id" {
					ids[a.Value] = tok.Name.Local
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if root == nil || depth != 0 {
		return errors.New("no root element, or elements left open")
	}
	if root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		return fmt.Errorf("root element is %v, want svg in the SVG namespace", root.Name)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["width"] != "100%" || attr["role"] != "img" || !regexp.MustCompile(`^0 0 [0-9.]+ [0-9.]+$`).MatchString(attr["viewBox"]) {
		return fmt.Errorf("root attributes %v lack width 100%%, role img or a viewBox", attr)
	}
	labels := strings.Fields(attr["aria-labelledby"])
	if len(labels) != 2 || ids[labels[0]] != "title" || ids[labels[1]] != "desc" {
		return fmt.Errorf("aria-labelledby %q does not name a title and a desc", attr["aria-labelledby"])
	}
	for _, bad := range []string{"href", "url(", "<script", "<style", "<image", "<foreignObject", "@import"} {
		if bytes.Contains(svg, []byte(bad)) {
			return fmt.Errorf("holds %q", bad)
		}
	}
	return nil
}
