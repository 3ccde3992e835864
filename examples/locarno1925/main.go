// Command locarno1925 evaluates the Treaty of Mutual Guarantee done at
// Locarno on 16 October 1925: Great Britain and Italy guarantee the
// Franco-German and Belgian-German frontiers, acting on a finding of the
// League Council, which decides unanimously but does not count the votes
// of the parties to the dispute (Covenant, Article 15). It prints the
// guarantees, the evaluation (each guarantee is free of capture only
// because the rule sets the parties aside), what the walk finds when
// Germany reoccupies the Rhineland in March 1936, and what changes if the
// parties voted like any other member of the Council.
//
//	go run ./examples/locarno1925
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	s := examples.Locarno1925()
	fmt.Fprintf(w, "%s (as of %s)\n%s\n\n", s.Name, s.AsOf, s.Description)
	fmt.Fprintln(w, "On the table:")
	for _, g := range s.Guarantees {
		fmt.Fprintf(w, "  %-14s %s guarantees %s when %s, on a decision of the %s\n", g.ID, g.Provider, g.Beneficiary, g.Trigger, g.Activation.Actors[0])
	}
	fmt.Fprintln(w)
	r, err := scenario.Evaluate(s)
	if err != nil {
		return err
	}
	if err := scenario.WriteText(w, r); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nWhen Germany reoccupies the Rhineland (7 March 1936):")
	if err := printWalk(w, s); err != nil {
		return err
	}
	for _, v := range s.Variants {
		t, err := s.Variant(v.Name)
		if err != nil {
			return err
		}
		c, err := compare.Scenarios(context.Background(), s, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nWhat if %s? (variant %s)\n", v.Note, v.Name)
		fmt.Fprintf(w, "  edits: %s\n", strings.Join(c.Edits, "; "))
		fmt.Fprintf(w, "  verdict: %s -> %s\n", c.BaseVerdict, c.OtherVerdict)
		for _, f := range c.Appeared {
			if f.After.Severity == scenario.Error {
				fmt.Fprintf(w, "  new:  %s: %s\n", f.After.Code, f.After.Message)
			}
		}
		fmt.Fprintln(w, "  the walk now:")
		if err := printWalk(w, t); err != nil {
			return err
		}
	}
	return nil
}

// walk prints what becomes of each guarantee due at each event of s's
// timeline, with the reasons when one cannot act.
func printWalk(w io.Writer, s scenario.Scenario) error {
	sim, err := walk.Simulate(s)
	if err != nil {
		return err
	}
	for _, st := range sim.Steps {
		fmt.Fprintf(w, "  after %s:\n", st.Event)
		for _, o := range st.Due {
			fmt.Fprintf(w, "    %-9s %s\n", o.Status, o.Guarantee)
			for _, b := range o.Blocks {
				fmt.Fprintf(w, "              %s\n", b.Message)
			}
		}
	}
	return nil
}
