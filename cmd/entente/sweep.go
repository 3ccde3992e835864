package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/sweep"
)

const sweepArgs = "[--samples N] [--seed S] [--search=true|false] [--walk=true|false] [--format text|json] " + whatIfArgs + " [--max-size N] [FILE]"

// exitStopped is what entente sweep returns when Ctrl-C stopped it and it
// printed a partial result: FORMAT.md's "0 done, 1 interrupted". A sweep
// estimates and does not judge, so its 1 is not a finding but an estimate
// of fewer samples than asked.
const exitStopped = exitFinding

// runSweep is entente sweep: draw samples of which uncertain elements of
// the scenario hold, as their likelihoods say, and estimate how often it
// is compatible, how often each finding occurs, and, with --search and
// --walk, how often a deal is possible and what the beneficiaries receive.
// It exits 0 when every sample ran, and 1 when Ctrl-C stopped it early,
// after printing the samples done.
func runSweep(e env, args []string) int {
	fs := flags(e, "sweep", sweepArgs)
	samples := &samplesFlag{n: 10000}
	fs.Var(samples, "samples", "draw `N` samples, from 1 to "+thousands(sweep.MaxSamples))
	var seed uint64
	fs.Func("seed", "seed `S` of the draws, 0 (the default) or more: the same seed gives the same result, byte for byte", func(v string) error {
		n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return fmt.Errorf("want a whole number, 0 or more; found %q", v)
		}
		seed = n
		return nil
	})
	search := fs.Bool("search", true, "also search each sample: how likely a deal is, and each offer forced or dead")
	walk := fs.Bool("walk", true, "also walk each sample's timeline: how likely each beneficiary receives each kind after each event")
	format := fs.String("format", "text", "output: text or json")
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json"}, *format) {
		fmt.Fprintf(e.stderr, "entente sweep: unknown --format %q: want text or json\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "sweep", maxSize.n, files, w, "using")
	if !ok {
		return exitInput
	}

	var (
		r    sweep.Result
		err  error
		done atomic.Int64
	)
	opts := sweep.Options{
		Samples:  samples.n,
		Seed:     seed,
		Search:   *search,
		Walk:     *walk,
		Progress: func(n int) { done.Store(int64(n)) },
	}
	// Ctrl-C stops the sweep and prints the samples done so far.
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	withStatus(e, func(int, time.Duration) string { return sweepBar(int(done.Load()), samples.n) },
		func() { r, err = sweep.Run(ctx, s, opts) })
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		if errors.Is(err, deals.ErrTooManyVetoes) {
			fmt.Fprintln(e.stderr, "entente sweep: --search=false sweeps it without searching")
		}
		return exitInput
	}
	if len(r.Uncertain) == 0 {
		fmt.Fprintf(e.stderr, "%s: no element has a likelihood between 0 and 1, so every sample is the same; add one, such as likelihood: 0.7, to a guarantee, a position or a veto\n", file)
	}

	if *format == "json" {
		err = encodeJSON(e.stdout, struct {
			File string `json:"file"`
			sweep.Result
		}{file, r})
	} else {
		err = sweep.WriteText(e.stdout, r)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	if !r.Complete {
		fmt.Fprintf(e.stderr, "entente sweep: interrupted; the result is of the %s samples done, of %s\n", thousands(r.Samples), thousands(r.Requested))
		return exitStopped
	}
	return exitOK
}

// samplesFlag is --samples: a whole number from 1 to sweep.MaxSamples.
type samplesFlag struct{ n int }

func (f *samplesFlag) String() string {
	if f == nil {
		return "0"
	}
	return strconv.Itoa(f.n)
}

func (f *samplesFlag) Set(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > sweep.MaxSamples {
		return fmt.Errorf("want a whole number from 1 to %s; found %q", thousands(sweep.MaxSamples), v)
	}
	f.n = n
	return nil
}

// sweepBar is the progress line of a sweep:
// "entente sweep: [#########...........]  48%  4,800/10,000 samples".
func sweepBar(done, total int) string {
	const width = 20
	done = min(max(done, 0), total)
	filled := done * width / total
	return fmt.Sprintf("entente sweep: [%s%s] %3d%%  %s/%s samples",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), done*100/total, thousands(done), thousands(total))
}

// thousands writes n with commas between groups of three digits: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}
