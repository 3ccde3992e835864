package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/scenario/htmlreport"
	"github.com/entente-go/entente/walk"
)

const graphArgs = "[--format dot|mermaid|svg] [--actor ID]... [--kind KIND]... " + whatIfArgs + " [--max-size N] [FILE]"

// addGraphFilters adds --actor and --kind, repeatable, to fs.
func addGraphFilters(fs *flag.FlagSet) *graph.Options {
	o := &graph.Options{}
	fs.Func("actor", "draw only the guarantees that involve actor `ID` (as provider, beneficiary, target, or member of the providing body); repeat it for more", func(v string) error {
		if v == "" {
			return errors.New("want an actor ID")
		}
		o.Actors = append(o.Actors, actor.ID(v))
		return nil
	})
	fs.Func("kind", "draw only the guarantees of `KIND` or below it (military keeps military/air-support); repeat it for more", func(v string) error {
		k, err := guarantee.ParseKind(v)
		if err != nil {
			return err
		}
		o.Kinds = append(o.Kinds, k)
		return nil
	})
	return o
}

// runGraph is entente graph: the framework as a picture, in Graphviz's
// DOT, in Mermaid, or as SVG laid out by Graphviz's dot.
func runGraph(e env, args []string) int {
	fs := flags(e, "graph", graphArgs)
	format := fs.String("format", "dot", "output: dot (Graphviz), mermaid, or svg (needs Graphviz's dot)")
	filters := addGraphFilters(fs)
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"dot", "mermaid", "svg"}, *format) {
		fmt.Fprintf(e.stderr, "entente graph: unknown --format %q: want dot, mermaid or svg\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "graph", maxSize.n, files, w, "using")
	if !ok {
		return exitInput
	}
	g, ok := drawGraph(e, file, s, *filters)
	if !ok {
		return exitInput
	}
	var buf bytes.Buffer
	var err error
	switch *format {
	case "mermaid":
		err = g.WriteMermaid(&buf)
	case "svg":
		ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
		err = g.WriteGraphvizSVG(ctx, &buf)
		stop()
	default:
		err = g.WriteDOT(&buf)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente graph: %v\n", err)
		return exitInput
	}
	if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	return exitOK
}

// drawGraph evaluates s and builds its picture under the filters, which it
// checks first so that a typo does not draw an empty picture. ok is false
// after a problem, reported on stderr.
func drawGraph(e env, file string, s scenario.Scenario, o graph.Options) (graph.Graph, bool) {
	if err := o.Check(s); err != nil {
		fmt.Fprintf(e.stderr, "%s: %s\n", file, strings.ReplaceAll(err.Error(), "\n", "\n"+file+": "))
		return graph.Graph{}, false
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return graph.Graph{}, false
	}
	g := graph.New(s, r, o)
	if len(s.Timeline) > 0 {
		// The walk dates the lapses the findings foresee.
		if sim, err := walk.Simulate(s); err == nil {
			g.MarkWalk(sim)
		}
	}
	return g, true
}

// writeMarkdown writes the Markdown report of s, then its picture as a
// Mermaid block, which GitHub and many note tools draw.
func writeMarkdown(w io.Writer, s scenario.Scenario, r scenario.Report) error {
	var buf bytes.Buffer
	if err := scenario.WriteMarkdown(&buf, r, s.Sources); err != nil {
		return err
	}
	buf.WriteString("\n### Who guarantees what\n\n")
	g := graph.New(s, r, graph.Options{})
	var mermaid bytes.Buffer
	if err := g.WriteMermaid(&mermaid); err != nil {
		return err
	}
	if len(g.Edges) > mermaidMaxEdges || mermaid.Len() > mermaidMaxText {
		size := fmt.Sprintf("%d edges", len(g.Edges))
		if len(g.Edges) <= mermaidMaxEdges {
			size = fmt.Sprintf("%d characters of Mermaid", mermaid.Len())
		}
		fmt.Fprintf(&buf, "The picture has %s, more than Mermaid draws by default; draw part of it with `entente graph --format mermaid --actor ID` or `--kind KIND`.\n", size)
	} else {
		buf.WriteString("```mermaid\n")
		buf.Write(mermaid.Bytes())
		buf.WriteString("```\n")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Mermaid's default limits: past them it refuses to draw a diagram.
const (
	mermaidMaxEdges = 500
	mermaidMaxText  = 50000
)

// writeHTML writes the HTML report of s: its verdict and findings, its
// picture, and the sections that exist: the walk of its timeline when it
// has one, the search for a deal, and a sweep when it has likelihoods
// strictly between 0 and 1 (10,000 samples, seed 0; entente sweep draws
// more), and the bargaining when it has values, all as [htmlreport.Build]
// works them out for the workbench too. Each of the search, the sweep and
// the bargaining stops after timeout, as Ctrl-C stops them; their
// sections then say so.
func writeHTML(e env, file string, s scenario.Scenario, r scenario.Report, timeout time.Duration) error {
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	p, err := htmlreport.Build(ctx, s, r, htmlreport.BuildOptions{
		File:    file,
		Timeout: timeout,
		Sweep:   true,
		Progress: func(label string, work func()) {
			withProgress(e, "entente check: "+label, work)
		},
		Omitted: func(section string, err error) {
			fmt.Fprintf(e.stderr, "%s: the report shows no %s: %v\n", file, section, err)
		},
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := htmlreport.Write(&buf, p); err != nil {
		return err
	}
	_, err = e.stdout.Write(buf.Bytes())
	return err
}
