// Command ukraine2025 evaluates the seed scenario: security guarantees for
// Ukraine as reported in August 2025 ("Rubio reiterates Trump's support for
// Ukraine, calls for European leadership"). It prints who offers what, the
// positions that constrain a deal, the evaluation, and two what-ifs the
// article invites: what if Moscow dropped its demand for a veto, and what if
// the deal gave Moscow that veto?
//
//	go run ./examples/ukraine2025
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"slices"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	s := examples.Ukraine2025()
	fmt.Fprintf(w, "%s (as of %s)\n%s\n\n", s.Name, s.AsOf, s.Description)

	fmt.Fprintln(w, "On the table:")
	for _, g := range s.Guarantees {
		when := "from the moment the deal holds"
		if !g.Trigger.IsAlways() {
			when = "when " + g.Trigger.String()
		}
		fmt.Fprintf(w, "  %-18s %s gives %s %s (%s), %s\n", g.ID, g.Provider, g.Beneficiary, g.Kind, g.Strength, when)
	}
	fmt.Fprintln(w, "\nPositions:")
	for _, p := range s.Positions {
		fmt.Fprintf(w, "  %-28s %s\n", p.ID, p)
	}
	fmt.Fprintln(w)

	r, err := scenario.Evaluate(s)
	if err != nil {
		return err
	}
	if err := scenario.WriteText(w, r); err != nil {
		return err
	}

	// Two what-ifs the article invites. A scenario is a value: each edit
	// below makes a new one and leaves s as it was.
	withoutDemand := s
	withoutDemand.Positions = slices.DeleteFunc(slices.Clone(s.Positions), func(p scenario.Position) bool {
		return p.ID == "ru-demands-veto"
	})
	if err := whatIf(w, "What if Moscow dropped its demand for a veto?", r, withoutDemand); err != nil {
		return err
	}
	granted := s
	granted.Vetoes = append(slices.Clone(s.Vetoes), scenario.Veto{
		Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"},
		Note: "the veto Moscow demands", Sources: []string{examples.SeedArticle},
	})
	return whatIf(w, "What if the deal gave Moscow the veto it demands?", r, granted)
}

// whatIf evaluates a variant and prints how its findings differ from base's.
func whatIf(w io.Writer, question string, base scenario.Report, variant scenario.Scenario) error {
	r, err := scenario.Evaluate(variant)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n  verdict: %s -> %s\n", question, base.Verdict, r.Verdict)
	same := func(f scenario.Finding) func(scenario.Finding) bool {
		return func(g scenario.Finding) bool { return g.Code == f.Code && g.Message == f.Message }
	}
	for _, f := range base.Findings {
		if !slices.ContainsFunc(r.Findings, same(f)) {
			fmt.Fprintf(w, "  gone: %s: %s\n", f.Code, f.Message)
		}
	}
	for _, f := range r.Findings {
		if !slices.ContainsFunc(base.Findings, same(f)) {
			fmt.Fprintf(w, "  new:  %s: %s\n", f.Code, f.Message)
		}
	}
	return nil
}
