package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

const searchArgs = "[--count] [--max N] [--timeout D] [--format text|json] " + whatIfArgs + " [--max-size N] [FILE]"

// runSearch is entente search: which deals are possible, and, when none
// is, which concessions would make one possible and which positions rule
// every deal out. It exits 0 when a non-empty package is feasible, 1 when
// none is.
func runSearch(e env, args []string) int {
	fs := flags(e, "search", searchArgs)
	count := fs.Bool("count", false, "count the feasible packages too")
	maxPackages := &positiveInt{}
	fs.Var(maxPackages, "max", "report at most `N` maximal packages (default: all)")
	timeout := &positiveDuration{}
	fs.Var(timeout, "timeout", "stop the search after `D`, such as 10s or 2m, and report what it found (default: no limit)")
	format := fs.String("format", "text", "output: text or json")
	w := addWhatIf(fs)
	color := addColor(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json"}, *format) {
		fmt.Fprintf(e.stderr, "entente search: unknown --format %q: want text or json\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "search", maxSize.n, files, w, "searching")
	if !ok {
		return exitInput
	}

	opts := scenario.SearchOptions{Count: *count, MaxPackages: maxPackages.n, Timeout: timeout.d}
	var (
		r   scenario.SearchResult
		err error
	)
	// Ctrl-C stops the search and prints what it found so far.
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	withProgress(e, "entente search: searching", func() { r, err = scenario.Search(ctx, s, opts) })
	if err != nil { // too many demands-veto positions; loading validated the rest
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return exitInput
	}

	switch *format {
	case "json":
		enc := json.NewEncoder(safe.JSON(e.stdout))
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(struct {
			File     string `json:"file"`
			Scenario string `json:"scenario"`
			scenario.SearchResult
		}{file, s.Name, r})
	default:
		err = writeSearchText(e.stdout, s, r, opts, color.on(e))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	if !r.Feasible {
		return exitFinding
	}
	return exitOK
}

// positiveInt is a flag that takes a whole number above zero.
type positiveInt struct{ n int }

func (p *positiveInt) String() string {
	if p == nil || p.n == 0 {
		return ""
	}
	return strconv.Itoa(p.n)
}

func (p *positiveInt) Set(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return fmt.Errorf("want a whole number, 1 or more; found %q", v)
	}
	p.n = n
	return nil
}

// positiveDuration is a flag that takes a duration above zero.
type positiveDuration struct{ d time.Duration }

func (p *positiveDuration) String() string {
	if p == nil || p.d == 0 {
		return ""
	}
	return p.d.String()
}

func (p *positiveDuration) Set(v string) error {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d <= 0 {
		return fmt.Errorf("want a duration above zero, such as 10s, 2m or 1h30m; found %q", v)
	}
	p.d = d
	return nil
}

// progressEvery is how often a search, a comparison or a sweep on a
// terminal redraws its progress line.
var progressEvery = 200 * time.Millisecond

// withProgress runs search, and while it runs, when standard error is a
// terminal, shows a ticking line there that it clears at the end. A
// search that ends before the first tick shows nothing; on a pipe it
// never shows.
func withProgress(e env, label string, search func()) {
	withStatus(e, func(i int, elapsed time.Duration) string {
		return fmt.Sprintf("%s %c %.1fs", label, `|/-\`[i%4], elapsed.Seconds())
	}, search)
}

// withStatus runs work, and while it runs, when standard error is a
// terminal, redraws there every progressEvery the line that status
// returns for the tick (0, 1, ...) and the time elapsed, and clears it at
// the end. Work that ends before the first tick shows nothing; on a pipe
// nothing ever shows.
func withStatus(e env, status func(tick int, elapsed time.Duration) string, work func()) {
	if !e.isTerminal(e.stderr) {
		work()
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	start, width := time.Now(), 0
	for i := 0; ; i++ {
		select {
		case <-done:
			if width > 0 {
				fmt.Fprintf(e.stderr, "\r%s\r", strings.Repeat(" ", width))
			}
			return
		case <-tick.C:
			line := status(i, time.Since(start))
			fmt.Fprintf(e.stderr, "\r%-*s", width, line) // padded over a longer line before
			width = max(width, len(line))
		}
	}
}

// writeSearchText writes r for a person to read: the verdict, the maximal
// packages with the vetoes they need, forced and dead offers, the count,
// and when no deal is possible the concessions and the conflicts.
func writeSearchText(w io.Writer, s scenario.Scenario, r scenario.SearchResult, opts scenario.SearchOptions, color bool) error {
	bw := bufio.NewWriter(w)
	name := s.Name
	if name == "" {
		name = "(unnamed scenario)"
	}
	paint := func(code, text string) string {
		if !color {
			return text
		}
		return code + text + "\x1b[0m"
	}
	fmt.Fprintln(bw, safe.Terminal(name))
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

	for i, p := range r.Maximal {
		fmt.Fprintf(bw, "\npackage %d\n", i+1)
		fmt.Fprintf(bw, "         %-11s %s\n", "guarantees:", safe.Terminal(joinList(p.Guarantees)))
		fmt.Fprintf(bw, "         %-11s %s\n", "vetoes:", safe.Terminal(vetoWords(&s, p, "none needed")))
	}

	bw.WriteString("\n")
	if r.Feasible {
		fmt.Fprintf(bw, "Forced, in every maximal package: %s\n", safe.Terminal(orNone(r.Forced)))
	}
	switch {
	case !r.Feasible && len(r.Dead) == len(s.Guarantees) && len(r.Dead) > 0:
		fmt.Fprintf(bw, "Dead, in no feasible package: every offer, as the positions stand\n")
	default:
		fmt.Fprintf(bw, "Dead, in no feasible package: %s\n", safe.Terminal(orNone(r.Dead)))
	}
	if opts.Count {
		switch {
		case r.Count == nil:
			fmt.Fprintf(bw, "Feasible packages: not counted (%s)\n", stoppedWhy(r.Stopped, opts))
		case r.EmptyFeasible:
			fmt.Fprintf(bw, "Feasible packages: %d, counting the empty package (no guarantee at all)\n", *r.Count)
		default:
			fmt.Fprintf(bw, "Feasible packages: %d\n", *r.Count)
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
			for j, p := range c.Unlocks {
				label := ""
				if j == 0 {
					label = "unlocks:"
				}
				fmt.Fprintf(bw, "         %-11s %s\n", label, safe.Terminal(joinList(p.Guarantees)))
				if len(p.Vetoes) > 0 {
					fmt.Fprintf(bw, "         %-11s with %s granted\n", "", safe.Terminal(vetoWords(&s, p, "")))
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
func stoppedWhy(stopped string, opts scenario.SearchOptions) string {
	switch {
	case strings.Contains(stopped, "deadline exceeded") && opts.Timeout > 0:
		return fmt.Sprintf("the --timeout of %v ran out", opts.Timeout)
	case strings.Contains(stopped, "canceled"):
		return "it was interrupted"
	case stopped == "":
		return "it stopped early"
	}
	return stopped
}

// vetoWords names the vetoes a deal of s grants: "RU's veto over
// guarantees to UA (ru-demands-veto)".
func vetoWords(s *scenario.Scenario, d scenario.Deal, none string) string {
	if len(d.Vetoes) == 0 {
		return none
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

func joinList(ids []guarantee.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

func orNone(ids []guarantee.ID) string {
	if len(ids) == 0 {
		return "none"
	}
	return joinList(ids)
}
