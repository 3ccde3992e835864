package deals

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// WriteText writes r, what [Search] found in s with opts, as plain text;
// see [Text.Write].
func WriteText(w io.Writer, s scenario.Scenario, r Result, opts Options) error {
	return Text{}.Write(w, s, r, opts)
}

// Text writes what a search found for a person to read, with the options
// of [scenario.Text], so that a program prints what entente search prints.
type Text scenario.Text

// Write writes r, what [Search] found in s with opts, for a person to
// read, as entente search prints it: whether a deal is possible, each
// maximal package with the vetoes its deal grants, the forced and dead
// offers, the count when opts asked for it, and, when no deal is
// possible, the concessions and the conflicts. A search that stopped says
// so, and why. Colour, when t asks for it, marks the verdict.
func (t Text) Write(w io.Writer, s scenario.Scenario, r Result, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, text string) string {
		if !t.Color {
			return text
		}
		return code + text + "\x1b[0m"
	}
	fmt.Fprintln(bw, safe.Terminal(words.ScenarioName(s.Name)))
	switch {
	case r.Feasible:
		fmt.Fprintf(bw, "%s: %s.\n", paint("\x1b[1;32m", "A deal is possible"), words.Plural(len(r.Maximal), "maximal package"))
	case len(s.Guarantees) == 0:
		fmt.Fprintf(bw, "%s: there are no offers on the table.\n", paint("\x1b[1;31m", "No deal is possible"))
	case r.EmptyFeasible:
		fmt.Fprintf(bw, "%s: of the %s on the table, none can be in a deal that meets every position; only no guarantee at all does.\n", paint("\x1b[1;31m", "No deal is possible"), words.Plural(len(s.Guarantees), "offer"))
	default:
		fmt.Fprintf(bw, "%s: no package of the %s on the table meets every position.\n", paint("\x1b[1;31m", "No deal is possible"), words.Plural(len(s.Guarantees), "offer"))
	}
	if !r.Complete {
		fmt.Fprintf(bw, "The search is incomplete: %s; what follows is what it found before it stopped.\n", stoppedWhy(r.Stopped, opts))
	}

	for i, d := range r.Maximal {
		fmt.Fprintf(bw, "\npackage %d\n", i+1)
		fmt.Fprintf(bw, "         %-11s %s\n", "guarantees:", safe.Terminal(words.JoinIDs(d.Guarantees)))
		fmt.Fprintf(bw, "         %-11s %s\n", "vetoes:", safe.Terminal(cmp.Or(d.DescribeVetoes(&s), "none needed")))
	}

	bw.WriteString("\n")
	if r.Feasible {
		fmt.Fprintf(bw, "Forced, in every maximal package: %s\n", safe.Terminal(idsOrNone(r.Forced)))
	}
	switch {
	case !r.Feasible && len(r.Dead) == len(s.Guarantees) && len(r.Dead) > 0:
		fmt.Fprintf(bw, "Dead, in no feasible package: every offer, as the positions stand\n")
	default:
		fmt.Fprintf(bw, "Dead, in no feasible package: %s\n", safe.Terminal(idsOrNone(r.Dead)))
	}
	if opts.Count {
		switch {
		case !r.Counted:
			fmt.Fprintf(bw, "Feasible packages: not counted (%s)\n", stoppedWhy(r.Stopped, opts))
		case r.EmptyFeasible:
			fmt.Fprintf(bw, "Feasible packages: %d, counting the empty package (no guarantee at all)\n", r.Count)
		default:
			fmt.Fprintf(bw, "Feasible packages: %d\n", r.Count)
		}
	}

	if !r.Feasible {
		switch {
		case len(r.Concessions) > 0:
			fmt.Fprintf(bw, "\nWhat would make a deal possible: %s, smallest first.\n", words.Plural(len(r.Concessions), "minimal concession"))
		case r.Complete:
			fmt.Fprintf(bw, "\nNo withdrawal of positions makes a deal possible: the offers themselves rule every deal out.\n")
		}
		for i, c := range r.Concessions {
			fmt.Fprintf(bw, "\nconcession %d\n", i+1)
			fmt.Fprintf(bw, "         %s\n", safe.Terminal(c.Message))
			fmt.Fprintf(bw, "         %-11s %s\n", "positions:", safe.Terminal(strings.Join(c.Positions, ", ")))
			for j, d := range c.Unlocks {
				label := ""
				if j == 0 {
					label = "unlocks:"
				}
				fmt.Fprintf(bw, "         %-11s %s\n", label, safe.Terminal(words.JoinIDs(d.Guarantees)))
				if len(d.Vetoes) > 0 {
					fmt.Fprintf(bw, "         %-11s with %s granted\n", "", safe.Terminal(d.DescribeVetoes(&s)))
				}
			}
			if len(c.Sources) > 0 {
				fmt.Fprintf(bw, "         %-11s %s\n", "sources:", safe.Terminal(strings.Join(c.Sources, ", ")))
			}
		}
		if len(r.Conflicts) > 0 {
			fmt.Fprintf(bw, "\nWhat rules every deal out: %s, each a minimal set of positions that cannot all stand.\n", words.Plural(len(r.Conflicts), "conflict"))
		}
		for i, c := range r.Conflicts {
			fmt.Fprintf(bw, "\nconflict %d\n", i+1)
			fmt.Fprintf(bw, "         %s\n", safe.Terminal(c.Message))
			fmt.Fprintf(bw, "         %-11s %s\n", "positions:", safe.Terminal(strings.Join(c.Positions, ", ")))
			if len(c.Sources) > 0 {
				fmt.Fprintf(bw, "         %-11s %s\n", "sources:", safe.Terminal(strings.Join(c.Sources, ", ")))
			}
		}
	}
	return bw.Flush()
}

// stoppedWhy says in words why a search stopped.
func stoppedWhy(stopped string, opts Options) string {
	switch {
	case strings.Contains(stopped, "deadline exceeded") && opts.Timeout > 0:
		return fmt.Sprintf("the timeout of %v ran out", opts.Timeout)
	case strings.Contains(stopped, "canceled"):
		return "it was interrupted"
	case stopped == "":
		return "it stopped early"
	}
	return stopped
}

// DescribeVetoes names, in words, the candidate vetoes d, a deal of s, grants,
// as entente search and the HTML report write them: "RU's veto over
// guarantees to UA (ru-demands-veto)"; "" when it grants none. A deal
// that names positions s lacks (one decoded from JSON for another
// scenario, say) gets the positions' names alone.
func (d Deal) DescribeVetoes(s *scenario.Scenario) string {
	if len(d.Vetoes) == 0 {
		return ""
	}
	words := make([]string, 0, len(d.Vetoes))
	for _, pos := range d.Vetoes {
		v, ok := s.CandidateVeto(pos)
		if !ok {
			return "the vetoes of " + strings.Join(d.Vetoes, ", ")
		}
		words = append(words, string(v.Holder)+"'s veto over "+v.Over.Describe()+" ("+pos+")")
	}
	return strings.Join(words, "; ")
}

// idsOrNone is joinIDs, or "none" for no ID.
func idsOrNone(ids []guarantee.ID) string {
	if len(ids) == 0 {
		return "none"
	}
	return words.JoinIDs(ids)
}
