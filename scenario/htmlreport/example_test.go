package htmlreport_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
)

// A page for a small report: Russia demands a veto over the guarantees to
// Ukraine, which Ukraine rejects. The page is one HTML file; here we print
// its heading and its verdict, where the verdict is a word beside its
// mark, not a colour alone.
func ExampleWrite() {
	s := scenario.Scenario{
		Name:   "Istanbul draft treaty, April 2022",
		Actors: []actor.Actor{{ID: "UA"}, {ID: "RU"}, {ID: "UK"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "uk-assistance", Provider: "UK", Beneficiary: "UA", Kind: guarantee.Military,
				Target: "RU", Trigger: guarantee.Attack("RU", "UA")},
		},
		Positions: []scenario.Position{
			{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto,
				Select: guarantee.Selector{Beneficiary: "UA"}},
			{ID: "ua-rejects-veto", Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"},
				Select: guarantee.Selector{Beneficiary: "UA"}},
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		log.Fatal(err)
	}
	var page strings.Builder
	if err := htmlreport.Write(&page, htmlreport.Page{Scenario: s, Report: r, File: "istanbul.yaml"}); err != nil {
		log.Fatal(err)
	}
	for line := range strings.Lines(page.String()) {
		if strings.HasPrefix(line, "<h1>") || strings.Contains(line, `class="verdict-line"`) {
			fmt.Print(line)
		}
	}
	// Output:
	// <h1>Istanbul draft treaty, April 2022</h1>
	// <p class="verdict-line"><span class="mark error"><span class="sym" aria-hidden="true">✖</span> incompatible</span> (2 errors, 1 warning)</p>
}

// A page of one's own that shows the report among other things takes
// its sections from WriteFragment and their CSS from Stylesheet: here,
// the ids of the sections, in order.
func ExampleWriteFragment() {
	s := scenario.Scenario{
		Name:   "Budapest Memorandum, 1994",
		Actors: []actor.Actor{{ID: "UA"}, {ID: "RU"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "us-assurance", Provider: "US", Beneficiary: "UA", Kind: guarantee.Sanctions, Strength: guarantee.Assurance},
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		log.Fatal(err)
	}
	var fragment strings.Builder
	if err := htmlreport.WriteFragment(&fragment, htmlreport.Page{Scenario: s, Report: r}); err != nil {
		log.Fatal(err)
	}
	for line := range strings.Lines(fragment.String()) {
		if id, ok := strings.CutPrefix(line, `<section id="`); ok {
			id, _, _ = strings.Cut(id, `"`)
			fmt.Println(id)
		}
	}
	fmt.Println(strings.Contains(fragment.String(), "<style"), len(htmlreport.Stylesheet()) > 0)
	// Output:
	// verdict
	// graph
	// findings
	// false true
}

// A program that shows page after page of one scenario as it changes
// keeps a Writer: renaming the scenario here makes the Graph section
// again, and the findings are the HTML the Writer kept. The bytes are
// those WriteFragment writes.
func ExampleWriter() {
	s := scenario.Scenario{
		Name:   "Budapest Memorandum, 1994",
		Actors: []actor.Actor{{ID: "UA"}, {ID: "RU"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "us-assurance", Provider: "US", Beneficiary: "UA", Kind: guarantee.Sanctions, Strength: guarantee.Assurance},
		},
	}
	var w htmlreport.Writer
	for _, name := range []string{"Budapest Memorandum, 1994", "Budapest Memorandum, as signed"} {
		s.Name = name
		r, err := scenario.Evaluate(s)
		if err != nil {
			log.Fatal(err)
		}
		p := htmlreport.Page{Scenario: s, Report: r, Graph: `<svg width="8" height="8"></svg>`}
		var kept, fresh strings.Builder
		if err := w.WriteFragment(&kept, p); err != nil {
			log.Fatal(err)
		}
		if err := htmlreport.WriteFragment(&fresh, p); err != nil {
			log.Fatal(err)
		}
		fmt.Println(strings.Contains(kept.String(), name), kept.String() == fresh.String())
	}
	// Output:
	// true true
	// true true
}
