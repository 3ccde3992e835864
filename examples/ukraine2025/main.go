// Command ukraine2025 evaluates the seed scenario: security guarantees for
// Ukraine as reported in August 2025 ("Rubio reiterates Trump's support for
// Ukraine, calls for European leadership"). It prints who offers what, the
// positions that constrain a deal, the evaluation, what happens if Russia
// attacks again after a deal (the walk of the timeline), the what-ifs the
// article invites (the scenario file's variants: what if Moscow dropped its
// demand for a veto, what if the deal gave Moscow that veto, what if the
// US withdrew its air support?, and three it does not: what if the OSCE
// monitored the ceasefire, deciding by consensus minus one? what if the
// European force served under a UN mandate the Security Council renews,
// and what if that force also answered a new Russian attack?), each
// with what changed and why, and what
// a search of every possible deal finds: whether any is possible, and if
// not, the least the parties would have to give up and which positions
// clash. Then bargaining asks, once Moscow drops its veto demand, which of
// the possible deals each side would prefer, by the values the scenario
// file reads from the article. Last, a sweep asks how likely a deal is when each commitment and
// red line holds only as surely as the article's wording suggests (the
// likelihoods in the scenario file), and which of them matter most.
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
	"strconv"
	"strings"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
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

	// The timeline the article sketches: a peace deal, then a new attack.
	fmt.Fprintln(w, "\nIf Russia attacks again after a deal, what actually happens? (the deal as written)")
	if err := printWalk(w, s); err != nil {
		return err
	}

	// The what-ifs the article invites, written into the scenario file as
	// variants. A scenario is a value: each variant is a new scenario and
	// s stays as it was.
	for _, v := range s.Variants {
		if err := whatIf(w, s, v); err != nil {
			return err
		}
	}
	if err := search(w, s); err != nil {
		return err
	}
	if err := bargaining(w, s); err != nil {
		return err
	}
	return printSweep(w, s)
}

// bargaining asks, once Moscow drops its demand for a veto and deals
// become possible, which of them each side would prefer (the values in the
// scenario file, read from the article) and where the four norms of
// fairness settle: first with every actor that has values, then among
// Kyiv and its guarantors alone.
func bargaining(w io.Writer, s scenario.Scenario) error {
	v, err := s.Variant("moscow-drops-veto-demand")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nOnce Moscow drops its veto demand, which deal would each side prefer? (the values read from the article)")
	r, err := bargain.Solve(context.Background(), v, bargain.Options{})
	if err != nil {
		return err
	}
	printBargain(w, r)
	v.Values = slices.DeleteFunc(slices.Clone(v.Values), func(val scenario.Value) bool { return val.Actor == "RU" })
	fmt.Fprintln(w, "\n  Among Kyiv and its guarantors alone:")
	if r, err = bargain.Solve(context.Background(), v, bargain.Options{}); err != nil {
		return err
	}
	printBargain(w, r)
	return nil
}

func printBargain(w io.Writer, r bargain.Result) {
	fmt.Fprintf(w, "  %d feasible outcomes, %d on the Pareto frontier; gains over no deal for %s:\n", r.Outcomes, r.FrontierCount, strings.Join(idStrings(r.Actors), ", "))
	for _, sol := range r.Solutions {
		if sol.Absent {
			fmt.Fprintf(w, "  %-18s absent: %s\n", sol.Name, sol.Reason)
			continue
		}
		fmt.Fprintf(w, "  %-18s %s, gains %v\n", sol.Name, ids(sol.Outcome.Guarantees), sol.Outcome.Gains)
	}
}

func idStrings[T ~string](ids []T) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// sweep draws 20,000 samples of which commitments and positions hold,
// each with the likelihood the scenario file gives it, and reports how
// likely a compatible deal is, which assumptions move that most, and
// what Ukraine can count on after a new attack.
func printSweep(w io.Writer, s scenario.Scenario) error {
	r, err := sweep.Run(context.Background(), s, sweep.Options{Samples: 20000, Seed: 2025, Search: true, Walk: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nHow likely is a deal, if each commitment and red line holds only as surely as the article suggests? (%d samples)\n", r.Samples)
	fmt.Fprintf(w, "  every position met:        %s\n", r.Compatible)
	fmt.Fprintf(w, "  some deal possible:        %s\n", *r.Deal)
	fmt.Fprintln(w, "\n  What moves the chance that every position is met (holds, fails):")
	for _, sv := range r.Sensitivity[:min(5, len(r.Sensitivity))] {
		fmt.Fprintf(w, "  %+.3f  %-46s %.3f, %.3f\n", sv.Effect, sv.Element+" ("+strconv.FormatFloat(sv.Likelihood, 'g', -1, 64)+")", sv.Holds.P, sv.Fails.P)
	}
	fmt.Fprintln(w, "\n  After a new Russian attack, how often Ukraine receives:")
	for _, rc := range r.Receives {
		if rc.Step == len(s.Timeline) {
			fmt.Fprintf(w, "  %s  %s\n", rc.Estimate, rc.Kind)
		}
	}
	return nil
}

// search asks which deals are possible at all: every package of the offers
// on the table, with Moscow's veto granted or not. When none is, it prints
// the smallest concessions that would make one possible and the positions
// that clash.
func search(w io.Writer, s scenario.Scenario) error {
	r, err := deals.Search(context.Background(), s, deals.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nIs any deal possible? (every package of the offers, with or without the vetoes demanded)")
	if r.Feasible {
		fmt.Fprintf(w, "  Yes: %d maximal package(s).\n", len(r.Maximal))
		for _, p := range r.Maximal {
			fmt.Fprintf(w, "  - %s%s\n", ids(p.Guarantees), withVetoes(&s, p))
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
			fmt.Fprintf(w, "     unlocks %s%s\n", what, withVetoes(&s, p))
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

// withVetoes says which demanded vetoes a deal of s grants.
func withVetoes(s *scenario.Scenario, d deals.Deal) string {
	var out strings.Builder
	for _, pos := range d.Vetoes {
		v, _ := s.CandidateVeto(pos)
		fmt.Fprintf(&out, ", if %s is granted its veto over %s (%s)", v.Holder, v.Over.Describe(), pos)
	}
	return out.String()
}

// whatIf prints what changes under one variant of s, and why: the edits,
// the verdict, the findings that went away or appeared, how the deals
// that are possible change, and, when the walk of the timeline changes,
// the new walk.
func whatIf(w io.Writer, s scenario.Scenario, v scenario.Variant) error {
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
	for _, f := range c.Disappeared {
		fmt.Fprintf(w, "  gone: %s: %s\n", f.Before.Code, f.Before.Message)
	}
	for _, f := range c.Appeared {
		fmt.Fprintf(w, "  new:  %s: %s\n", f.After.Code, f.After.Message)
	}
	for _, f := range c.Changed {
		fmt.Fprintf(w, "  now:  %s: %s\n", f.After.Code, f.After.Message)
	}
	sp := c.Space
	fmt.Fprintf(w, "  possible deals: %s", strings.ReplaceAll(sp.Relation.String(), "-", " "))
	if sp.Counted {
		fmt.Fprintf(w, ", %d feasible packages before and %d after", sp.Base, sp.Other)
	}
	fmt.Fprintln(w)
	if e := sp.OtherExample; e != nil {
		fmt.Fprintf(w, "    newly possible, for example: %s\n", ids(e.Guarantees))
	}
	if e := sp.BaseExample; e != nil {
		fmt.Fprintf(w, "    no longer possible, for example: %s\n", ids(e.Guarantees))
	}
	before, err := walk.Simulate(s)
	if err != nil {
		return err
	}
	after, err := walk.Simulate(t)
	if err != nil {
		return err
	}
	if !sameWalk(before, after) {
		fmt.Fprintln(w, "  the timeline now:")
		return printWalk(w, t)
	}
	return nil
}

// walk prints the walk of s's timeline: at each event, what falls due and
// what becomes of it, and what Ukraine then receives.
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
		var kinds []string
		for _, r := range st.Receives {
			kinds = append(kinds, string(r.Kind))
		}
		if len(kinds) == 0 {
			kinds = []string{"nothing"}
		}
		fmt.Fprintf(w, "    Ukraine receives: %s\n", strings.Join(kinds, ", "))
	}
	return nil
}

// sameWalk reports whether two walks decide the same for every guarantee.
func sameWalk(a, b walk.Simulation) bool {
	return slices.EqualFunc(a.Steps, b.Steps, func(x, y walk.Step) bool {
		return slices.EqualFunc(x.Due, y.Due, func(o, p walk.Call) bool {
			return o.Guarantee == p.Guarantee && o.Status == p.Status
		}) && len(x.Receives) == len(y.Receives)
	})
}
