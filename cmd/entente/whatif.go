package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/entente-go/entente/walk"
)

// whatIf is the --variant and --without flags that check, search,
// simulate and diff share: a quick what-if from the command line.
type whatIf struct {
	variant string
	without []string
}

const whatIfArgs = "[--variant NAME] [--without ID]..."

func addWhatIf(fs *flag.FlagSet) *whatIf {
	w := &whatIf{}
	fs.StringVar(&w.variant, "variant", "", "use the scenario's variant `NAME`, from its variants section")
	fs.Func("without", "leave out the actor, guarantee or position with this `ID`; repeat it to leave out more", func(v string) error {
		if v == "" {
			return fmt.Errorf("want an ID")
		}
		w.without = append(w.without, v)
		return nil
	})
	return w
}

func (w *whatIf) set() bool { return w.variant != "" || len(w.without) > 0 }

// apply returns the what-if of s: its variant, then without each ID. The
// name says which: "NAME (variant V)", "NAME (without X, without Y)".
func (w *whatIf) apply(s scenario.Scenario) (scenario.Scenario, error) {
	var err error
	if w.variant != "" {
		if s, err = s.Variant(w.variant); err != nil {
			return scenario.Scenario{}, err
		}
	}
	if len(w.without) == 0 {
		return s, nil
	}
	edits := make([]scenario.Edit, len(w.without))
	words := make([]string, len(w.without))
	for i, id := range w.without {
		edits[i] = scenario.Without{ID: id}
		words[i] = edits[i].String()
	}
	if s, err = s.With(edits...); err != nil {
		return scenario.Scenario{}, err
	}
	s.Name = strings.TrimSpace(s.Name + " (" + strings.Join(words, ", ") + ")")
	return s, nil
}

// loadWhatIf loads the one file of files, or the seed when there is none,
// saying what command cmd does with it ("searching", "using"), and
// applies the what-if flags. It returns the file's name as messages show
// it, its hidden characters escaped ([safe.Terminal]): a name is text
// from someone else too. ok is false after a problem (more than one
// file among them), reported on stderr.
func loadWhatIf(e env, cmd string, maxSize int64, files []string, w *whatIf, doing string) (string, scenario.Scenario, bool) {
	if len(files) > 1 {
		fmt.Fprintf(e.stderr, "entente %s: name one file at most; found %d\n", cmd, len(files))
		return "", scenario.Scenario{}, false
	}
	file := first(files)
	var s scenario.Scenario
	if file == "" {
		file = examples.Ukraine2025File
		fmt.Fprintf(e.stderr, "entente: no file given; %s the built-in seed scenario (%s)\n", doing, file)
		s = examples.Ukraine2025()
	} else {
		var ok bool
		if s, ok = load(e, scenariofile.Options{MaxSize: maxSize}, file); !ok {
			return file, s, false
		}
	}
	file = safe.Terminal(file)
	if !w.set() {
		return file, s, true
	}
	t, err := w.apply(s)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return file, s, false
	}
	return file, t, true
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(safe.JSON(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

const simulateArgs = "[--format text|json] " + whatIfArgs + " [--max-size N] [FILE]"

// runSimulate is entente simulate: walk the timeline.
func runSimulate(e env, args []string) int {
	fs := flags(e, "simulate", simulateArgs)
	format := fs.String("format", "text", "output: text or json")
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json"}, *format) {
		fmt.Fprintf(e.stderr, "entente simulate: unknown --format %q: want text or json\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "simulate", maxSize.n, files, w, "using")
	if !ok {
		return exitInput
	}
	sim, err := walk.Simulate(s)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return exitInput
	}
	if len(s.Timeline) == 0 {
		fmt.Fprintf(e.stderr, "%s: the scenario has no timeline; add one, such as [peace-deal, attack(RU, UA)]\n", file)
	}
	if *format == "json" {
		steps := sim.Steps
		if steps == nil {
			steps = []walk.Step{}
		}
		// Simulation's own MarshalJSON would hide the file, so the fields
		// are spelt out.
		err = encodeJSON(e.stdout, struct {
			File     string      `json:"file"`
			Scenario string      `json:"scenario"`
			Steps    []walk.Step `json:"steps"`
		}{file, sim.Scenario, steps})
	} else {
		err = walk.WriteText(e.stdout, sim)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	return exitOK
}

func first(files []string) string {
	if len(files) == 0 {
		return ""
	}
	return files[0]
}

const diffArgs = "[--format text|json] " + whatIfArgs + " [--max-size N] A [B]"

// runDiff is entente diff: what changes from A to B, and why. With one
// file and --variant or --without, B is that what-if of A. It exits 0 when
// nothing changed and 1 when something did.
func runDiff(e env, args []string) int {
	fs := flags(e, "diff", diffArgs)
	format := fs.String("format", "text", "output: text or json")
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	switch {
	case !slices.Contains([]string{"text", "json"}, *format):
		fmt.Fprintf(e.stderr, "entente diff: unknown --format %q: want text or json\n", *format)
		return exitInput
	case len(files) == 1 && !w.set():
		fmt.Fprintln(e.stderr, "entente diff: name two files, or one with --variant or --without")
		return exitInput
	case len(files) == 0 || len(files) > 2:
		fmt.Fprintf(e.stderr, "entente diff: name two files, or one with --variant or --without; found %d\n", len(files))
		return exitInput
	}
	opts := scenariofile.Options{MaxSize: maxSize.n}
	a, ok := load(e, opts, files[0])
	if !ok {
		return exitInput
	}
	var b scenario.Scenario
	if len(files) == 2 {
		if b, ok = load(e, opts, files[1]); !ok {
			return exitInput
		}
		if w.set() {
			// The what-if applies to the second file: A against B's variant.
			var err error
			if b, err = w.apply(b); err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(files[1]), err)
				return exitInput
			}
		}
	} else {
		var err error
		if b, err = w.apply(a); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(files[0]), err)
			return exitInput
		}
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	var (
		c   compare.Comparison
		err error
	)
	withProgress(e, "entente diff: comparing", func() { c, err = compare.Scenarios(ctx, a, b) })
	if err != nil {
		fmt.Fprintf(e.stderr, "entente diff: %v\n", err)
		return exitInput
	}
	if *format == "json" {
		err = encodeJSON(e.stdout, c)
	} else {
		err = compare.WriteText(e.stdout, c)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	if c.Same() {
		return exitOK
	}
	return exitFinding
}
