// Command ukraine2025 evaluates the seed scenario: security guarantees for
// Ukraine as reported in August 2025 ("Rubio reiterates Trump's support for
// Ukraine, calls for European leadership"). It prints who offers what, the
// positions that constrain a deal, the evaluation, two what-ifs the
// article invites (what if Moscow dropped its demand for a veto, and what
// if the deal gave Moscow that veto?), and what a search of every possible
// deal finds: whether any is possible, and if not, the least the parties
// would have to give up and which positions clash.
//
//	go run ./examples/ukraine2025
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"

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
	if err := whatIf(w, "What if the deal gave Moscow the veto it demands?", r, granted); err != nil {
		return err
	}
	return search(w, s)
}

// search asks which deals are possible at all: every package of the offers
// on the table, with Moscow's veto granted or not. When none is, it prints
// the smallest concessions that would make one possible and the positions
// that clash.
func search(w io.Writer, s scenario.Scenario) error {
	r, err := scenario.Search(context.Background(), s, scenario.SearchOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nIs any deal possible? (every package of the offers, with or without the vetoes demanded)")
	if r.Feasible {
		fmt.Fprintf(w, "  Yes: %d maximal package(s).\n", len(r.Maximal))
		for _, p := range r.Maximal {
			fmt.Fprintf(w, "  - %s%s\n", ids(p.Guarantees), withVetoes(p))
		}
		return nil
	}
	fmt.Fprintf(w, "  No: no package of the %d offers meets every position as they stand.\n", len(s.Guarantees))
	if len(r.Concessions) > 0 {
		fmt.Fprintln(w, "\n  The smallest concessions that would make a deal possible:")
	}
	for i, c := range r.Concessions {
		fmt.Fprintf(w, "  %d. withdraw %s\n", i+1, strings.Join(c.Positions, " and "))
		fmt.Fprintf(w, "     (%s)\n", strings.TrimPrefix(c.Message, "withdraw: "))
		for _, p := range c.Unlocks {
			what := ids(p.Guarantees)
			if len(p.Guarantees) == len(s.Guarantees) {
				what = "every offer"
			}
			fmt.Fprintf(w, "     unlocks %s%s\n", what, withVetoes(p))
		}
	}
	if len(r.Conflicts) > 0 {
		fmt.Fprintln(w, "\n  Positions that together rule every deal out:")
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(w, "  - %s\n    (%s)\n", strings.Join(c.Positions, " with "), c.Message)
	}
	if !r.Complete {
		fmt.Fprintf(w, "  (the search is incomplete: %s)\n", r.Stopped)
	}
	return nil
}

// ids lists guarantee IDs as words: "a, b and c".
func ids(list []guarantee.ID) string {
	var b strings.Builder
	for i, id := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(id))
	}
	return b.String()
}

// withVetoes says which demanded vetoes a package needs granted.
func withVetoes(p scenario.Package) string {
	var out strings.Builder
	for i, v := range p.Vetoes {
		fmt.Fprintf(&out, ", if %s is granted its veto over %s (%s)", v.Holder, v.Over.Describe(), p.VetoPositions[i])
	}
	return out.String()
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
