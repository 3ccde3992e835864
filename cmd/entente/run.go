package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// Exit codes, as FORMAT.md fixes them.
const (
	exitOK      = 0 // compatible, or all went well
	exitFinding = 1 // incompatible
	exitInput   = 2 // the input or the command line is wrong
)

// env is what the command sees of the world, so that tests can set it.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(io.Writer) bool
	// ctx is what search, diff and sweep run under, besides Ctrl-C; nil
	// is context.Background(). Tests cancel it to play Ctrl-C.
	ctx context.Context
	// start starts a program (the browser of serve --open) and does not
	// wait for it; nil starts it with os/exec. Tests record the argv.
	start func(name string, args ...string) error
}

// context returns e.ctx, or the background context when it is nil.
func (e env) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(e env, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"check", checkArgs, "evaluate scenarios; with no file, the built-in seed scenario", runCheck},
		{"validate", "[--max-size N] FILE...", "load and validate scenario files only", runValidate},
		{"fmt", "[-w] [--max-size N] FILE...", "print scenario files in canonical form; -w rewrites them in place", runFmt},
		{"search", searchArgs, "which deals are possible; if none is, which concessions would make one and which positions conflict", runSearch},
		{"bargain", bargainArgs, "among the possible deals, the Pareto frontier and where the utilitarian, Nash, Kalai–Smorodinsky and egalitarian norms settle", runBargain},
		{"simulate", simulateArgs, "walk the timeline: what activates, what is blocked and by whom, what is void", runSimulate},
		{"diff", diffArgs, "what changes from A to B (or to A's variant), and why", runDiff},
		{"graph", graphArgs, "the framework as a picture: who guarantees what to whom, who can block it, and what has errors", runGraph},
		{"sweep", sweepArgs, "draw samples as the likelihoods say: how likely the scenario is compatible and a deal possible, and which uncertain element matters most", runSweep},
		{"export", exportArgs, "the search for deals as a program for clingo (answer-set programming), to count and optimise with a solver of your own", runExport},
		{"serve", serveArgs, "a page on this machine to edit one file and see its report, what-ifs and comparison change as it is typed", runServe},
		{"atop", atopArgs, "the alliance record (ATOP): import alliances as scenario files; check every alliance phase, as coded and under what-ifs", runAtop},
		{"example", "[NAME]", "print a built-in scenario to start from", runExample},
		{"schema", "", "print the JSON Schema of scenario files, format 1", runSchema},
		{"version", "", "print the version of entente", runVersion},
	}
}

// usage writes the list of commands to w, and returns the error of the
// write, which fails help as it fails any command.
func usage(w io.Writer) error {
	var b strings.Builder
	b.WriteString("entente checks security frameworks written as scenario files (format 1).\n\nUsage:\n\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %s\n        %s\n", strings.TrimSpace("entente "+c.name+" "+c.args), c.summary)
	}
	b.WriteString("\nExit status: 0 compatible, a deal possible, no difference, or done; 1 incompatible, no deal\npossible, a difference, or a sweep interrupted; 2 bad input or command line.\n")
	b.WriteString("Run \"entente COMMAND -h\" for a command's flags.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func run(args []string, e env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitInput
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if err := usage(e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "entente help: %v\n", err)
			return exitInput
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "entente: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitInput
}

// flags returns a flag set for a command that reports to e.stderr.
func flags(e env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet("entente "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: entente %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a command's flags, which may come before or after its
// files, and returns the files. ok is false after a bad flag or -h, with
// the exit code to return.
func parse(fs *flag.FlagSet, args []string) (files []string, code int, ok bool) {
	// Everything after "--" is a file, however it looks.
	var after []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, after = args[:i], args[i+1:]
	}
	defer func() {
		if ok {
			files = append(files, after...)
		}
	}()
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitInput, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return files, 0, true
		}
		if args[0] == "--" {
			return append(files, args[1:]...), 0, true
		}
		files = append(files, args[0])
		args = args[1:]
	}
}

// sizeFlag is a byte count written as 8388608, 8MiB, 512KiB or 1GiB.
type sizeFlag struct{ n int64 }

func (s *sizeFlag) String() string {
	if s == nil || s.n == 0 {
		return strconv.Itoa(scenariofile.DefaultMaxSize>>20) + "MiB"
	}
	return strconv.FormatInt(s.n, 10)
}

func (s *sizeFlag) Set(v string) error {
	units := []struct {
		suffix string
		scale  int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}, {"", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(v, u.suffix); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
			if err != nil || n <= 0 || n > (1<<40)/u.scale {
				return fmt.Errorf("want a size such as 16MiB, 512KiB or 1048576; found %q", v)
			}
			s.n = n * u.scale
			return nil
		}
	}
	return fmt.Errorf("want a size such as 16MiB; found %q", v)
}

// colorFlag is --color: auto (on a terminal, unless NO_COLOR is set or
// TERM is dumb), always or never.
type colorFlag struct{ mode string }

func (c *colorFlag) String() string {
	if c == nil || c.mode == "" {
		return "auto"
	}
	return c.mode
}

func (c *colorFlag) Set(v string) error {
	if !slices.Contains([]string{"auto", "always", "never"}, v) {
		return fmt.Errorf("want auto, always or never; found %q", v)
	}
	c.mode = v
	return nil
}

// on reports whether text output to e's standard output is coloured.
func (c *colorFlag) on(e env) bool {
	switch c.String() {
	case "always":
		return true
	case "never":
		return false
	}
	return e.isTerminal(e.stdout) && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}

func addColor(fs *flag.FlagSet) *colorFlag {
	c := &colorFlag{}
	fs.Var(c, "color", "colour in text output, `when`: auto (the default: on a terminal, unless NO_COLOR is set), always or never")
	return c
}

func addMaxSize(fs *flag.FlagSet) *sizeFlag {
	s := &sizeFlag{}
	fs.Var(s, "max-size", "largest scenario file to read (such as 32MiB)")
	return s
}

// load reads a scenario file, reporting problems on stderr, and then its
// warnings (see [scenario.Warnings]), which do not stop it. ok is false
// when the file did not load.
func load(e env, opts scenariofile.Options, file string) (scenario.Scenario, bool) {
	s, err := opts.ReadFile(file)
	if err != nil {
		reportError(e, err)
		return scenario.Scenario{}, false
	}
	for _, w := range scenario.Warnings(s) {
		fmt.Fprintf(e.stderr, "%s: %s: warning: %s\n", safe.Terminal(file), w.Path, safe.Terminal(w.Err.Error()))
	}
	return s, true
}

// reportError prints a load error: one line per problem, in the form
// file:line:col: path: what is wrong.
func reportError(e env, err error) {
	var fe scenariofile.Errors
	if errors.As(err, &fe) {
		for _, x := range fe {
			fmt.Fprintln(e.stderr, safe.Terminal(x.Error()))
		}
		return
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(pe.Path), pe.Err)
		return
	}
	fmt.Fprintf(e.stderr, "entente: %s\n", safe.Terminal(err.Error()))
}

const checkArgs = "[--format text|json|markdown|html] [--timeout D] " + whatIfArgs + " [--max-size N] [FILE...]"

func runCheck(e env, args []string) int {
	fs := flags(e, "check", checkArgs)
	format := fs.String("format", "text", "output: text, json, markdown (with a Mermaid picture), or html (one self-contained page; one file at most)")
	timeout := fs.Duration("timeout", 10*time.Second, "with --format html, stop the page's search and its sweep each after `D`; their sections then say so")
	w := addWhatIf(fs)
	color := addColor(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "json", "markdown", "html"}, *format) {
		fmt.Fprintf(e.stderr, "entente check: unknown --format %q: want text, json, markdown or html\n", *format)
		return exitInput
	}
	if *timeout <= 0 {
		fmt.Fprintf(e.stderr, "entente check: --timeout must be above zero; found %v\n", *timeout)
		return exitInput
	}
	if *format == "html" && len(files) > 1 {
		fmt.Fprintf(e.stderr, "entente check: --format html writes one page for one file; found %d files\n", len(files))
		return exitInput
	}
	text := scenario.Text{Color: color.on(e)}
	opts := scenariofile.Options{MaxSize: maxSize.n}

	type input struct {
		file string
		s    scenario.Scenario
	}
	var inputs []input
	result := exitOK
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "entente: no file given; checking the built-in seed scenario (%s)\n", examples.Ukraine2025File)
		inputs = append(inputs, input{examples.Ukraine2025File, examples.Ukraine2025()})
	}
	for _, f := range files {
		s, ok := load(e, opts, f)
		if !ok {
			result = exitInput
			continue
		}
		inputs = append(inputs, input{f, s})
	}
	for i, in := range inputs {
		if w.set() {
			var err error
			if in.s, err = w.apply(in.s); err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(in.file), err)
				result = exitInput
				continue
			}
		}
		r, err := scenario.Evaluate(in.s)
		if err != nil { // loading validated it; this would be a bug
			fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(in.file), err)
			result = exitInput
			continue
		}
		if r.Verdict == scenario.Incompatible && result == exitOK {
			result = exitFinding
		}
		if i > 0 && *format != "json" {
			fmt.Fprintln(e.stdout)
		}
		switch *format {
		case "json":
			err = writeJSON(e.stdout, in.file, r)
		case "markdown":
			err = writeMarkdown(e.stdout, in.s, r)
		case "html":
			err = writeHTML(e, in.file, in.s, r, *timeout)
		default:
			err = text.Write(e.stdout, r)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "entente: %v\n", err)
			return exitInput
		}
	}
	return result
}

// writeJSON writes one report as FORMAT.md's JSON object, with the file
// it came from.
func writeJSON(w io.Writer, file string, r scenario.Report) error {
	findings := r.Findings
	if findings == nil {
		findings = []scenario.Finding{}
	}
	return encodeJSON(w, struct {
		File     string             `json:"file"`
		Scenario string             `json:"scenario"`
		Verdict  scenario.Verdict   `json:"verdict"`
		Findings []scenario.Finding `json:"findings"`
	}{file, r.Scenario, r.Verdict, findings})
}

func runValidate(e env, args []string) int {
	fs := flags(e, "validate", "[--max-size N] FILE...")
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "entente validate: name at least one file")
		return exitInput
	}
	result := exitOK
	for _, f := range files {
		s, ok := load(e, scenariofile.Options{MaxSize: maxSize.n}, f)
		if !ok {
			result = exitInput
			continue
		}
		fmt.Fprintf(e.stdout, "%s: valid (%s, %s, %s)\n", safe.Terminal(f),
			words.Plural(len(s.Actors), "actor"), words.Plural(len(s.Guarantees), "guarantee"), words.Plural(len(s.Positions), "position"))
	}
	return result
}

func runFmt(e env, args []string) int {
	fs := flags(e, "fmt", "[-w] [--max-size N] FILE...")
	write := fs.Bool("w", false, "rewrite the files in place instead of printing them")
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "entente fmt: name at least one file")
		return exitInput
	}
	opts := scenariofile.Options{MaxSize: maxSize.n}
	result := exitOK
	for _, f := range files {
		if *write {
			// Before reading: a named pipe would be read, or waited on,
			// only to be refused.
			if _, _, err := rewritable(f); err != nil {
				fmt.Fprintf(e.stderr, "entente fmt: %s\n", safe.Terminal(err.Error()))
				result = exitInput
				continue
			}
		}
		data, err := opts.Read(f)
		if err != nil {
			reportError(e, err)
			result = exitInput
			continue
		}
		out, err := opts.Format(f, data)
		if err != nil {
			reportError(e, err) // the file is left as it was
			result = exitInput
			continue
		}
		if !*write {
			if _, err := e.stdout.Write(out); err != nil {
				fmt.Fprintf(e.stderr, "entente fmt: %v\n", err)
				return exitInput
			}
			continue
		}
		if string(out) == string(data) {
			continue
		}
		if err := replaceFile(f, out); err != nil {
			fmt.Fprintf(e.stderr, "entente fmt: %s\n", safe.Terminal(err.Error()))
			result = exitInput
		}
	}
	return result
}

// builtIn are the scenarios entente example prints.
var builtIn = []struct {
	name, summary string
	data          func() []byte
}{
	{"ukraine2025", "security guarantees for Ukraine, August 2025 (the seed)", examples.Ukraine2025YAML},
	{"georgia2009", "the UN observer mission in Georgia, whose renewal Russia vetoed in 2009", examples.Georgia2009YAML},
	{"macedonia1999", "the UN preventive force in Macedonia, whose renewal China vetoed in 1999", examples.Macedonia1999YAML},
	{"osce2022", "the OSCE monitors in Ukraine, whose renewal Russia blocked in 2022", examples.OSCE2022YAML},
	{"locarno1925", "the Locarno guarantees of 1925, triggered by a League Council that set the parties aside", examples.Locarno1925YAML},
	{"aegean1996", "NATO's Article 5 between Greece and Turkey, a what-if: an Ally that attacks holds a veto", examples.Aegean1996YAML},
}

// Each example's file names its schema for editors by its path in this
// repository; the copy example prints, saved anywhere, names it by its
// address (package scenariofile, Schema).
const (
	schemaInRepo = "$schema=../../scenario/scenariofile/schema.json"
	schemaOnline = "$schema=https://raw.githubusercontent.com/entente-go/entente/main/scenario/scenariofile/schema.json"
)

func runExample(e env, args []string) int {
	fs := flags(e, "example", "[NAME]")
	names, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(names) > 1 {
		fmt.Fprintln(e.stderr, "entente example: name one example at most")
		return exitInput
	}
	name := builtIn[0].name
	if len(names) == 1 {
		name = names[0]
	}
	for _, b := range builtIn {
		if b.name == name {
			data := bytes.Replace(b.data(), []byte(schemaInRepo), []byte(schemaOnline), 1)
			if _, err := e.stdout.Write(data); err != nil {
				fmt.Fprintf(e.stderr, "entente example: %v\n", err)
				return exitInput
			}
			return exitOK
		}
	}
	fmt.Fprintf(e.stderr, "entente example: unknown example %q; the examples are:\n", name)
	for _, b := range builtIn {
		fmt.Fprintf(e.stderr, "  %-14s %s\n", b.name, b.summary)
	}
	return exitInput
}

// noArgs parses the flags of a command that takes no arguments (-h
// alone); ok is false, with the exit code, when args hold anything else.
func noArgs(e env, name string, args []string) (code int, ok bool) {
	rest, code, ok := parse(flags(e, name, ""), args)
	if ok && len(rest) > 0 {
		fmt.Fprintf(e.stderr, "entente %s: takes no arguments\n", name)
		return exitInput, false
	}
	return code, ok
}

func runSchema(e env, args []string) int {
	if code, ok := noArgs(e, "schema", args); !ok {
		return code
	}
	if _, err := e.stdout.Write(scenariofile.Schema()); err != nil {
		fmt.Fprintf(e.stderr, "entente schema: %v\n", err)
		return exitInput
	}
	return exitOK
}

func runVersion(e env, args []string) int {
	if code, ok := noArgs(e, "version", args); !ok {
		return code
	}
	version := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		version = info.Main.Version
	}
	if _, err := fmt.Fprintf(e.stdout, "entente %s, scenario format 1\n", version); err != nil {
		fmt.Fprintf(e.stderr, "entente version: %v\n", err)
		return exitInput
	}
	return exitOK
}
