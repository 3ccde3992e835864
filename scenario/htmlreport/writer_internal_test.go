package htmlreport

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
)

// TestWriterKeeps checks that a Writer makes again only the sections whose
// part changed: renaming the scenario makes the Graph section again and
// keeps the findings' HTML as it was (the same string, not an equal one);
// changing a finding makes the findings again.
func TestWriterKeeps(t *testing.T) {
	s := examples.Ukraine2025()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	p := Page{Scenario: s, Report: r, Graph: "<svg></svg>"}
	var w Writer
	write := func(p Page) {
		t.Helper()
		var b bytes.Buffer
		if err := w.WriteFragment(&b, p); err != nil {
			t.Fatal(err)
		}
	}
	const graph, findings = 1, 2
	if sections[graph].template != "section-graph" || sections[findings].template != "section-findings" {
		t.Fatal("the sections are not where the test looks for them")
	}
	kept := func() [len(sections)]*byte {
		var out [len(sections)]*byte
		for i, m := range w.last {
			out[i] = unsafe.StringData(m.html)
		}
		return out
	}
	write(p)
	before := kept()
	p.Scenario.Name, p.Report.Scenario = "renamed", "renamed"
	write(p)
	after := kept()
	if after[graph] == before[graph] {
		t.Error("renamed: the Graph section was kept; want it made again, with the new name")
	}
	if after[findings] != before[findings] {
		t.Error("renamed: the Findings section was made again; want it kept")
	}
	p.Report.Findings = append([]scenario.Finding{}, p.Report.Findings...)
	p.Report.Findings[0].Message = "changed"
	write(p)
	if again := kept(); again[findings] == after[findings] {
		t.Error("a finding changed: the Findings section was kept; want it made again")
	}
}
