package htmlreport

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strconv"
	"time"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
)

// DefaultTimeout bounds each slow part of [Build] (the deal search, the
// sweep, the bargaining) unless [BuildOptions] says otherwise.
const DefaultTimeout = 10 * time.Second

// SweepSamples is how many samples the sweep of [Build] draws.
const SweepSamples = 10_000

// BuildOptions configure [Build]. The zero value builds the whole page
// but the sweep, each slow part within [DefaultTimeout].
type BuildOptions struct {
	// File is the file the scenario was read from, for the page's heading.
	File string
	// Timeout bounds the deal search, the sweep and the bargaining, each;
	// a part cut short says so in its section. Zero means
	// [DefaultTimeout].
	Timeout time.Duration
	// Sweep samples the scenario's uncertain elements, when it has any,
	// for the Sweep section.
	Sweep bool
	// Quick leaves out the slow parts: the deal search, the sweep and the
	// bargaining.
	Quick bool
	// Progress, when not nil, runs each long part (the sweep, the
	// bargaining) with a label ("sweeping", "bargaining"), so that the
	// caller can show that it is working; nil runs them as they are.
	Progress func(label string, work func())
	// Omitted, when not nil, is told of each section left out or left
	// empty, and why: the deal search of a scenario with too many
	// candidate vetoes, a bargaining that stopped at a limit. The page
	// says so too where it has a section for it.
	Omitted func(section string, err error)
}

// Build works out the page for s, whose evaluation is r, as `entente
// check --format html` and the workbench of `entente serve` both show it:
// the picture of the framework, with the guarantees that lapse in the walk
// marked; the walk of the timeline, when s has one; the deal search; the
// sweep, when asked and s has uncertain elements; and the bargaining, when
// s has values. A bargaining that fails leaves a Bargaining section that
// says why. Build stops a part when ctx ends; the caller checks ctx.
func Build(ctx context.Context, s scenario.Scenario, r scenario.Report, opts BuildOptions) (Page, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(_ string, work func()) { work() }
	}
	omitted := opts.Omitted
	if omitted == nil {
		omitted = func(string, error) {}
	}
	p := Page{Scenario: s, Report: r, File: opts.File}
	if len(s.Timeline) > 0 {
		sim, err := walk.Simulate(s)
		if err != nil {
			return Page{}, err
		}
		p.Simulation = &sim
	}
	pic := graph.New(s, r, graph.Options{})
	if p.Simulation != nil {
		pic.MarkWalk(*p.Simulation)
	}
	var svg bytes.Buffer
	if err := pic.WriteSVG(&svg); err != nil {
		return Page{}, err
	}
	p.Graph = template.HTML(svg.String())
	if opts.Quick {
		return p, nil
	}
	sr, err := deals.Search(ctx, s, deals.Options{Timeout: timeout})
	switch {
	case errors.Is(err, deals.ErrTooManyVetoes):
		omitted("search", err)
	case err != nil:
		return Page{}, err
	default:
		p.Search = &sr
	}
	if opts.Sweep && len(sweep.UncertainElements(s)) > 0 {
		var sw sweep.Result
		sctx, cancel := context.WithTimeout(ctx, timeout)
		progress("sweeping", func() {
			sw, err = sweep.Run(sctx, s, sweep.Options{Samples: SweepSamples, Search: p.Search != nil, Walk: p.Simulation != nil})
		})
		cancel()
		if err != nil {
			return Page{}, err
		}
		p.Sweep = &sw
	}
	if len(s.Values) > 0 {
		bctx, cancel := context.WithTimeout(ctx, timeout)
		var br bargain.Result
		progress("bargaining", func() {
			br, err = bargain.Solve(bctx, s, bargain.Options{Limit: BargainingOutcomes, FrontierLimit: BargainingFrontier})
		})
		cancel()
		if err != nil {
			omitted("bargaining", err)
			p.Bargaining = &Bargaining{Failure: failure(err, timeout)}
		} else if p.Bargaining, err = BargainingOf(br); err != nil {
			return Page{}, err
		}
	}
	return p, nil
}

// failure says why a bargaining stopped, in words a reader can act on.
func failure(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "the bargaining did not finish within " + timeout.String() + "."
	case errors.Is(err, deals.ErrTooMany):
		return "the scenario has more possible outcomes than the report bargains over (" + strconv.Itoa(BargainingOutcomes) + "); entente bargain --limit N goes further."
	}
	return "the bargaining stopped: " + err.Error() + "."
}
