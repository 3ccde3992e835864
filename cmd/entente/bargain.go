package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/scenario"
)

const bargainArgs = "[--utilitarian] [--limit N] [--frontier N] [--format text|json|markdown] " + whatIfArgs + " [--max-size N] [FILE]"

// defaultOutcomeLimit bounds the outcomes entente bargain considers unless
// --limit says otherwise: each costs time, and memory too when the
// weights are not exact in float64 (see package bargain, "Cost").
const defaultOutcomeLimit = 1_000_000

// runBargain is entente bargain: among the feasible deals, the Pareto
// frontier and where the utilitarian, Nash, Kalai–Smorodinsky and
// egalitarian norms settle, with what each actor gains. It exits 0 when
// there is an outcome, 1 when there is none (no deal is possible), 2 on
// bad input, no values, or more outcomes than the limit. With
// --utilitarian it finds the utilitarian solution alone, without listing
// the outcomes ([bargain.UtilitarianOptimum]), so that no limit applies.
func runBargain(e env, args []string) int {
	fs := flags(e, "bargain", bargainArgs)
	util := fs.Bool("utilitarian", false, "find the utilitarian solution alone, without listing the outcomes (no --limit applies; text or json)")
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
	if *util && *format == "markdown" {
		fmt.Fprintln(e.stderr, "entente bargain: --utilitarian prints text or json")
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
	if *util {
		return utilitarian(ctx, e, file, s, *format)
	}
	var (
		r   bargain.Result
		err error
	)
	withProgress(e, "entente bargain: enumerating the outcomes", func() {
		r, err = bargain.Solve(ctx, s, bargain.Options{Limit: limit.n, FrontierLimit: front.n})
	})
	if err != nil {
		if errors.Is(err, deals.ErrTooMany) {
			fmt.Fprintf(e.stderr, "%s: more than %d outcomes: raise --limit to bargain over them all\n", file, limit.n)
		} else {
			fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		}
		return exitInput
	}
	switch *format {
	case "json":
		err = encodeJSON(e.stdout, struct {
			File     string `json:"file"`
			Scenario string `json:"scenario"`
			bargain.Result
		}{file, s.Name, r})
	case "markdown":
		err = bargain.WriteMarkdown(e.stdout, s, r)
	default:
		err = bargain.WriteText(e.stdout, s, r)
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

// utilitarian is entente bargain --utilitarian: the utilitarian solution
// of s, with every actor's utility, in text or JSON. It exits 0 when
// there is an outcome, 1 when there is none.
func utilitarian(ctx context.Context, e env, file string, s scenario.Scenario, format string) int {
	var (
		sol bargain.Solution
		err error
	)
	withProgress(e, "entente bargain: searching for the utilitarian optimum", func() {
		sol, err = bargain.UtilitarianOptimum(ctx, s)
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return exitInput
	}
	var actors []actor.ID
	for _, v := range s.Values {
		actors = append(actors, v.Actor)
	}
	if format == "json" {
		err = encodeJSON(e.stdout, struct {
			File     string           `json:"file"`
			Scenario string           `json:"scenario"`
			Actors   []actor.ID       `json:"actors"`
			Solution bargain.Solution `json:"solution"`
		}{file, s.Name, actors, sol})
	} else {
		err = bargain.WriteUtilitarian(e.stdout, s, sol)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	if sol.Absent {
		return exitFinding
	}
	return exitOK
}
