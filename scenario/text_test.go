package scenario_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente-go/entente/scenario"
)

// TestMarkdownFootnotes checks that a free-text citation never takes the
// footnote label of a source whose ID is a number, and that each label is
// defined once.
func TestMarkdownFootnotes(t *testing.T) {
	r := scenario.Report{Scenario: "s", Findings: []scenario.Finding{{
		Code: scenario.RedLine, Severity: scenario.Error, Message: "m",
		Sources: []string{"1", "Rubio interview"},
	}}}
	var buf bytes.Buffer
	if err := scenario.WriteMarkdown(&buf, r, []scenario.Source{{ID: "1", Title: "Numbered reference", URL: "https://example.org/a_(b)"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"m[^1][^cite-2]", "[^1]: [Numbered reference](<https://example.org/a_(b)>).", "[^cite-2]: Rubio interview"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "[^1]:"); n != 1 {
		t.Errorf("label [^1] defined %d times:\n%s", n, out)
	}
}
