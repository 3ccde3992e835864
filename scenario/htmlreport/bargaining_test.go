package htmlreport_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
)

// TestBargainingSection checks that the section shows when the page has
// one, with its tables, that its text is escaped, and that it is left
// out when the page has none.
func TestBargainingSection(t *testing.T) {
	s := scenario.Scenario{Name: "bargaining"}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	hostile := `<script>alert(1)</script>`
	b := &htmlreport.Bargaining{
		Summary: "Bargaining among A and B " + hostile,
		Picture: `<svg id="pic"></svg>`,
		Actors:  []string{"A", "B"},
		Frontier: []htmlreport.BargainingOutcome{
			{Guarantees: []string{"a", "b"}, Vetoes: []string{"ru-demands-veto"}, Figures: []string{"3", "4"}},
		},
		FrontierNote: "the first 1 of 2",
		Solutions: []htmlreport.BargainingSolution{
			{Name: "utilitarian", Outcome: htmlreport.BargainingOutcome{Guarantees: []string{"a", "b"}, Figures: []string{"3", "4"}}, Score: "7", Reason: "the only outcome " + hostile},
			{Name: "nash", Absent: true, Reason: "B rules every outcome out"},
		},
	}
	for _, c := range []struct {
		reason string
		b      *htmlreport.Bargaining
		want   []string
		absent []string
	}{
		{reason: "a section", b: b,
			want:   []string{`<section id="bargaining"`, `<a href="#bargaining">Bargaining</a>`, `<svg id="pic"></svg>`, `<code>ru-demands-veto</code>`, `(the first 1 of 2)`, `<td colspan="4">absent</td><td>B rules every outcome out</td>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
			absent: []string{hostile}},
		{reason: "no section", b: nil, absent: []string{`id="bargaining"`, `href="#bargaining"`}},
	} {
		t.Run(c.reason, func(t *testing.T) {
			var buf bytes.Buffer
			if err := htmlreport.Write(&buf, htmlreport.Page{Scenario: s, Report: r, Bargaining: c.b}); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			for _, w := range c.absent {
				if strings.Contains(page, w) {
					t.Errorf("the page has %q", w)
				}
			}
		})
	}
}
