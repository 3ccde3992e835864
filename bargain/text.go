package bargain

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
)

// WriteText writes r, what [Solve] found for s, for a person to read, as
// entente bargain prints it: the scenario's name and [Result.Summary];
// then, when there is an outcome, the Pareto frontier as a table of each
// actor's utility, the solutions as a table of each actor's gain and the
// score, and each solution's deal and why it wins, or why it is absent.
// Text from the scenario is written with its control characters and
// bidirectional overrides escaped ("\x1b", "\u202e").
func WriteText(w io.Writer, s scenario.Scenario, r Result) error {
	if err := r.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, safe.Terminal(displayName(s.Name)))
	fmt.Fprintln(bw, r.Summary())
	if r.Outcomes == 0 {
		fmt.Fprintln(bw, "No deal is possible: there is nothing to bargain over. entente search says what would unlock one.")
		return bw.Flush()
	}
	fmt.Fprintf(bw, "\nPareto frontier (utilities)")
	if len(r.Frontier) < r.FrontierCount {
		fmt.Fprintf(bw, ", the first %d of %d", len(r.Frontier), r.FrontierCount)
	}
	fmt.Fprintln(bw)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  #\tguarantees\tvetoes granted")
	for _, a := range r.Actors {
		fmt.Fprintf(tw, "\t%s", a)
	}
	fmt.Fprintln(tw)
	for i, o := range r.Frontier {
		g, v := dealWords(o.Deal)
		fmt.Fprintf(tw, "  %d\t%s\t%s", i+1, g, v)
		for _, u := range o.Utilities {
			fmt.Fprintf(tw, "\t%s", Number(u))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintln(bw, "\nSolutions (gain over disagreement per actor)")
	tw = tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, " ")
	for _, sol := range r.Solutions {
		fmt.Fprintf(tw, "\t%s", sol.Name)
	}
	fmt.Fprintln(tw)
	for a, id := range r.Actors {
		fmt.Fprintf(tw, "  %s", id)
		for _, sol := range r.Solutions {
			if sol.Absent {
				fmt.Fprint(tw, "\t-")
			} else {
				fmt.Fprintf(tw, "\t%s", Number(sol.Outcome.Gains[a]))
			}
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprint(tw, "  score")
	for _, sol := range r.Solutions {
		if sol.Absent {
			fmt.Fprint(tw, "\tabsent")
		} else {
			fmt.Fprintf(tw, "\t%s", Number(sol.Score))
		}
	}
	fmt.Fprintln(tw)
	tw.Flush()
	for _, sol := range r.Solutions {
		fmt.Fprintf(bw, "\n%s\n", sol.Name)
		if sol.Absent {
			fmt.Fprintf(bw, "  absent: %s\n", safe.Terminal(sol.Reason))
			continue
		}
		g, v := dealWords(sol.Outcome.Deal)
		fmt.Fprintf(bw, "  guarantees: %s\n  vetoes granted: %s\n  why: %s\n", g, v, safe.Terminal(sol.Reason))
	}
	return bw.Flush()
}

// WriteUtilitarian writes sol, what [UtilitarianOptimum] found for s, as
// entente bargain --utilitarian prints it: the scenario's name, then the
// solution's guarantees, the vetoes it grants, each actor's utility (the
// actors with values, in their order) and why; or why it is absent. Text
// from s is escaped for a terminal, as in [WriteText].
func WriteUtilitarian(w io.Writer, s scenario.Scenario, sol Solution) error {
	if err := sol.check(len(s.Values)); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, safe.Terminal(displayName(s.Name)))
	fmt.Fprintln(bw, "utilitarian, found without listing the outcomes")
	if sol.Absent {
		fmt.Fprintf(bw, "  absent: %s\n", safe.Terminal(sol.Reason))
		return bw.Flush()
	}
	g, v := dealWords(sol.Outcome.Deal)
	us := make([]string, len(s.Values))
	for a, val := range s.Values {
		us[a] = string(val.Actor) + " " + Number(sol.Outcome.Utilities[a])
	}
	fmt.Fprintf(bw, "  guarantees: %s\n  vetoes granted: %s\n  utilities: %s\n  why: %s\n",
		g, v, safe.Terminal(strings.Join(us, ", ")), safe.Terminal(sol.Reason))
	return bw.Flush()
}

// WriteMarkdown writes r, what [Solve] found for s, as Markdown, as
// entente bargain --format markdown prints it: a heading with the
// scenario's name, [Result.Summary], the Pareto frontier and the
// solutions as tables, and each solution's deal and why, as a list. The
// scenario's name is escaped out of Markdown's syntax, its control
// characters left out and its bidirectional overrides escaped.
func WriteMarkdown(w io.Writer, s scenario.Scenario, r Result) error {
	if err := r.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Bargaining: %s\n\n%s\n", safe.Terminal(markdownText(displayName(s.Name))), strings.ReplaceAll(r.Summary(), "\n", "\n\n"))
	if r.Outcomes == 0 {
		fmt.Fprintln(bw, "\nNo deal is possible: there is nothing to bargain over.")
		return bw.Flush()
	}
	fmt.Fprintf(bw, "\n## Pareto frontier\n\n| # | guarantees | vetoes granted |")
	for _, a := range r.Actors {
		fmt.Fprintf(bw, " %s |", a)
	}
	fmt.Fprintf(bw, "\n| ---: | --- | --- |%s\n", strings.Repeat(" ---: |", len(r.Actors)))
	for i, o := range r.Frontier {
		g, v := dealWords(o.Deal)
		fmt.Fprintf(bw, "| %d | %s | %s |", i+1, g, v)
		for _, u := range o.Utilities {
			fmt.Fprintf(bw, " %s |", Number(u))
		}
		fmt.Fprintln(bw)
	}
	if len(r.Frontier) < r.FrontierCount {
		fmt.Fprintf(bw, "\nThe first %d of %d.\n", len(r.Frontier), r.FrontierCount)
	}
	fmt.Fprintf(bw, "\n## Solutions\n\nGain over the disagreement value, per actor.\n\n| |")
	for _, sol := range r.Solutions {
		fmt.Fprintf(bw, " %s |", sol.Name)
	}
	fmt.Fprintf(bw, "\n| --- |%s\n", strings.Repeat(" ---: |", len(r.Solutions)))
	for a, id := range r.Actors {
		fmt.Fprintf(bw, "| %s |", id)
		for _, sol := range r.Solutions {
			if sol.Absent {
				fmt.Fprint(bw, " – |")
			} else {
				fmt.Fprintf(bw, " %s |", Number(sol.Outcome.Gains[a]))
			}
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw)
	for _, sol := range r.Solutions {
		if sol.Absent {
			fmt.Fprintf(bw, "- **%s**: absent: %s.\n", sol.Name, safe.Terminal(sol.Reason))
			continue
		}
		g, v := dealWords(sol.Outcome.Deal)
		fmt.Fprintf(bw, "- **%s**: %s; vetoes granted: %s; why: %s.\n", sol.Name, g, v, safe.Terminal(sol.Reason))
	}
	return bw.Flush()
}

// displayName is a scenario's name for a reader, who needs a word even
// when the scenario has no name.
func displayName(name string) string {
	if name == "" {
		return "(unnamed scenario)"
	}
	return name
}

// dealWords writes a deal's guarantees and the vetoes it grants, "none"
// for no veto, as the reports list them.
func dealWords(d deals.Deal) (guarantees, vetoes string) {
	ids := make([]string, len(d.Guarantees))
	for i, g := range d.Guarantees {
		ids[i] = string(g)
	}
	vetoes = "none"
	if len(d.Vetoes) > 0 {
		vetoes = strings.Join(d.Vetoes, ", ")
	}
	return safe.Terminal(strings.Join(ids, ", ")), safe.Terminal(vetoes)
}

// markdownText escapes the characters Markdown reads as markup, and
// drops control characters.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
