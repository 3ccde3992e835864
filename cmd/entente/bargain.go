package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/scenario"
)

const bargainArgs = "[--limit N] [--frontier N] [--format text|json|markdown] " + whatIfArgs + " [--max-size N] [FILE]"

// defaultOutcomeLimit bounds the outcomes entente bargain considers unless
// --limit says otherwise: each costs time, and memory too when the
// weights are not exact in float64 (see package bargain, "Cost").
const defaultOutcomeLimit = 1_000_000

// runBargain is entente bargain: among the feasible deals, the Pareto
// frontier and where the utilitarian, Nash, Kalai–Smorodinsky and
// egalitarian norms settle, with what each actor gains. It exits 0 when
// there is an outcome, 1 when there is none (no deal is possible), 2 on
// bad input, no values, or more outcomes than the limit.
func runBargain(e env, args []string) int {
	fs := flags(e, "bargain", bargainArgs)
	limit := &positiveInt{n: defaultOutcomeLimit}
	fs.Var(limit, "limit", "consider at most `N` outcomes; past it, say so and stop")
	front := &positiveInt{n: 50}
	fs.Var(front, "frontier", "list at most `N` outcomes of the frontier (it is counted whole)")
	format := fs.String("format", "text", "output: text, json or markdown")
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json", "markdown"}, *format) {
		fmt.Fprintf(e.stderr, "entente bargain: unknown --format %q: want text, json or markdown\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "bargain", maxSize.n, files, w, "bargaining over")
	if !ok {
		return exitInput
	}
	// A weight on the veto of a position the file no longer has never
	// counts; say so, since it is most likely a slip.
	if es, ok := errors.AsType[scenario.Errors](scenario.CheckValueVetoes(s)); ok {
		for _, fe := range es {
			fmt.Fprintf(e.stderr, "%s: warning: %v\n", file, fe)
		}
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	var (
		r   bargain.Result
		err error
	)
	withProgress(e, "entente bargain: enumerating the outcomes", func() {
		r, err = bargain.Solve(ctx, s, bargain.Options{Limit: limit.n, FrontierLimit: front.n})
	})
	if err != nil {
		if errors.Is(err, scenario.ErrTooManyDeals) {
			fmt.Fprintf(e.stderr, "%s: more than %d outcomes: raise --limit to bargain over them all\n", file, limit.n)
		} else {
			fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		}
		return exitInput
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(struct {
			File     string `json:"file"`
			Scenario string `json:"scenario"`
			bargain.Result
		}{file, s.Name, r})
	case "markdown":
		err = writeBargainMarkdown(e.stdout, s, r)
	default:
		err = writeBargainText(e.stdout, s, r)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	if r.Outcomes == 0 {
		return exitFinding
	}
	return exitOK
}

// num writes a number as a person reads it: 3, -2.5, 0.714.

func dealWords(d scenario.Deal) (string, string) {
	ids := make([]string, len(d.Guarantees))
	for i, g := range d.Guarantees {
		ids[i] = string(g)
	}
	v := "none"
	if len(d.Vetoes) > 0 {
		v = strings.Join(d.Vetoes, ", ")
	}
	return strings.Join(ids, ", "), v
}

func writeBargainText(w io.Writer, s scenario.Scenario, r bargain.Result) error {
	bw := bufio.NewWriter(w)
	name := s.Name
	if name == "" {
		name = "(unnamed scenario)"
	}
	fmt.Fprintln(bw, name)
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
			fmt.Fprintf(tw, "\t%s", bargain.Number(u))
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
				fmt.Fprintf(tw, "\t%s", bargain.Number(sol.Outcome.Gains[a]))
			}
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprint(tw, "  score")
	for _, sol := range r.Solutions {
		if sol.Absent {
			fmt.Fprint(tw, "\tabsent")
		} else {
			fmt.Fprintf(tw, "\t%s", bargain.Number(sol.Score))
		}
	}
	fmt.Fprintln(tw)
	tw.Flush()
	for _, sol := range r.Solutions {
		fmt.Fprintf(bw, "\n%s\n", sol.Name)
		if sol.Absent {
			fmt.Fprintf(bw, "  absent: %s\n", sol.Reason)
			continue
		}
		g, v := dealWords(sol.Outcome.Deal)
		fmt.Fprintf(bw, "  guarantees: %s\n  vetoes granted: %s\n  why: %s\n", g, v, sol.Reason)
	}
	return bw.Flush()
}

func writeBargainMarkdown(w io.Writer, s scenario.Scenario, r bargain.Result) error {
	bw := bufio.NewWriter(w)
	name := s.Name
	if name == "" {
		name = "(unnamed scenario)"
	}
	fmt.Fprintf(bw, "# Bargaining: %s\n\n%s\n", mdText(name), strings.ReplaceAll(r.Summary(), "\n", "\n\n"))
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
			fmt.Fprintf(bw, " %s |", bargain.Number(u))
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
				fmt.Fprintf(bw, " %s |", bargain.Number(sol.Outcome.Gains[a]))
			}
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw)
	for _, sol := range r.Solutions {
		if sol.Absent {
			fmt.Fprintf(bw, "- **%s**: absent: %s.\n", sol.Name, sol.Reason)
			continue
		}
		g, v := dealWords(sol.Outcome.Deal)
		fmt.Fprintf(bw, "- **%s**: %s; vetoes granted: %s; why: %s.\n", sol.Name, g, v, sol.Reason)
	}
	return bw.Flush()
}

// mdText escapes the characters Markdown reads as markup, and drops
// control characters.
func mdText(s string) string {
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
