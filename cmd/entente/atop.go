package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/internal/parallel"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

const atopArgs = "import|check [flags] SOURCE"

// runAtop runs entente atop import and entente atop check, on the
// Alliance Treaty Obligations and Provisions record.
func runAtop(e env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runAtopImport(e, args[1:])
		case "check":
			return runAtopCheck(e, args[1:])
		case "-h", "-help", "--help", "help":
			atopUsage(e.stdout)
			return exitOK
		}
		fmt.Fprintf(e.stderr, "entente atop: unknown subcommand %q\n\n", safe.Terminal(args[0]))
	}
	atopUsage(e.stderr)
	return exitInput
}

func atopUsage(w io.Writer) {
	fmt.Fprintf(w, `entente atop reads the Alliance Treaty Obligations and Provisions record (ATOP;
Leeds et al., atopdata.org): one scenario per alliance phase.

Usage:

  entente %s
        write each alliance phase as a scenario file into --out DIR, or one phase to standard output
  entente %s
        check every alliance phase, as coded and under --what-if unanimity or majority

SOURCE is a folder holding ATOP's two files (atop4_01a.csv and atop4_01m.csv),
the two files themselves, or, for check, a folder of files entente atop import wrote.
Run "entente atop import -h" or "entente atop check -h" for the flags.
`, "atop import "+atopImportArgs, "atop check "+atopCheckArgs)
}

// selectFlags are --id, --from and --to, which both subcommands take.
func addSelection(fs *flag.FlagSet) *atop.Selection {
	sel := &atop.Selection{}
	fs.Func("id", "only the alliance with this `atopid`; repeat it, or give a list (3180,2130), for more", func(v string) error {
		for f := range strings.SplitSeq(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return fmt.Errorf("want a positive atopid, found %q", f)
			}
			sel.IDs = append(sel.IDs, n)
		}
		return nil
	})
	year := func(p *int) func(string) error {
		return func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 9999 {
				return fmt.Errorf("want a year such as 1919, found %q", v)
			}
			*p = n
			return nil
		}
	}
	fs.Func("from", "only phases in force in or after this `year`", year(&sel.From))
	fs.Func("to", "only phases in force in or before this `year`", year(&sel.To))
	return sel
}

// readRecord reads the ATOP files that args name: a folder holding both,
// or the alliance file and the member file.
func readRecord(e env, cmd string, opts atop.Options, args []string) (*atop.Record, bool) {
	var r *atop.Record
	var err error
	switch len(args) {
	case 1:
		r, err = opts.ReadDir(args[0])
	case 2:
		r, err = opts.ReadFiles(args[0], args[1])
	default:
		fmt.Fprintf(e.stderr, "entente atop %s: name a folder holding ATOP's two files, or the alliance file and the member file; found %d arguments\n", cmd, len(args))
		return nil, false
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			fmt.Fprintf(e.stderr, "%s: %v\n", safe.Terminal(pe.Path), pe.Err)
		} else {
			fmt.Fprintln(e.stderr, safe.Terminal(err.Error()))
		}
		return nil, false
	}
	return r, true
}

func pick(r *atop.Record, sel *atop.Selection) []atop.Phase {
	var out []atop.Phase
	for _, p := range r.Phases() {
		if sel.Picks(p.Info()) {
			out = append(out, p)
		}
	}
	return out
}

const atopImportArgs = "[--out DIR] [--force] [--id ATOPID]... [--phase N] [--from YEAR] [--to YEAR] [--format yaml|json] [--max-size N] SOURCE"

func runAtopImport(e env, args []string) int {
	fs := flags(e, "atop import", atopImportArgs)
	out := fs.String("out", "", "write one file per alliance phase into folder `DIR` (made if missing); without it, the one phase selected goes to standard output")
	force := fs.Bool("force", false, "overwrite files already in --out")
	phase := fs.Int("phase", -1, "only phase `N` of the alliances selected")
	format := fs.String("format", "yaml", "the files' encoding: yaml or json")
	sel := addSelection(fs)
	maxSize := addMaxSize(fs)
	srcs, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	enc := scenariofile.YAML
	switch *format {
	case "yaml":
	case "json":
		enc = scenariofile.JSON
	default:
		fmt.Fprintf(e.stderr, "entente atop import: unknown --format %q: want yaml or json\n", safe.Terminal(*format))
		return exitInput
	}
	r, ok := readRecord(e, "import", atop.Options{MaxSize: maxSize.n}, srcs)
	if !ok {
		return exitInput
	}
	phases := pick(r, sel)
	if *phase >= 0 {
		phases = slices.DeleteFunc(phases, func(p atop.Phase) bool { return p.Number != *phase })
	}
	if len(phases) == 0 {
		fmt.Fprintln(e.stderr, "entente atop import: no alliance phase matches --id, --phase, --from and --to")
		return exitInput
	}
	if *out == "" && len(phases) > 1 {
		var keys []string
		for _, p := range phases[:min(len(phases), 5)] {
			keys = append(keys, fmt.Sprintf("atopid %d phase %d", p.Alliance.ID, p.Number))
		}
		more := ""
		if len(phases) > 5 {
			more = fmt.Sprintf(" and %d more", len(phases)-5)
		}
		fmt.Fprintf(e.stderr, "entente atop import: %d alliance phases match (%s%s): give --out DIR for them all, or --id and --phase for one on standard output\n",
			len(phases), strings.Join(keys, ", "), more)
		return exitInput
	}
	ext := ".yaml"
	if enc == scenariofile.JSON {
		ext = ".json"
	}
	// Each phase is written on its own, several at a time; the files, the
	// warnings and any error come out in the order of the phases.
	files := make([][]byte, len(phases))
	warns := make([][]atop.Warning, len(phases))
	errs := make([]error, len(phases))
	parallel.Each(context.Background(), len(phases), func(i int) {
		var s scenario.Scenario
		s, warns[i] = phases[i].Scenario()
		files[i], errs[i] = scenariofile.Marshal(s, enc)
	})
	for i, p := range phases {
		for _, w := range warns[i] {
			file := r.MemberFile
			if w.Field != "member" {
				file = r.AllianceFile
			}
			fmt.Fprintf(e.stderr, "%s:%d: %s: warning: %s\n", safe.Terminal(file), w.Line, w.Field, safe.Terminal(w.Message))
		}
		if errs[i] != nil { // every phase validates; this would be a bug
			fmt.Fprintf(e.stderr, "entente atop import: %s: %v\n", p.Key(), errs[i])
			return exitInput
		}
	}
	if *out == "" {
		if _, err := e.stdout.Write(files[0]); err != nil {
			fmt.Fprintf(e.stderr, "entente: %v\n", err)
			return exitInput
		}
		return exitOK
	}
	names := make([]string, len(phases))
	for i, p := range phases {
		names[i] = p.Key() + ext
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	if err := writeAll(ctx, *out, names, files, *force); err != nil {
		fmt.Fprintf(e.stderr, "entente atop import: %s\n", safe.Terminal(err.Error()))
		return exitInput
	}
	alliances := map[int]bool{}
	for _, p := range phases {
		alliances[p.Alliance.ID] = true
	}
	fmt.Fprintf(e.stdout, "wrote %d scenario files, %d alliances of ATOP %s, to %s\n", len(files), len(alliances), r.Version, safe.Terminal(*out))
	return exitOK
}

// writeAll writes each file into dir under its name, all or nothing as far
// as a file system allows: it refuses, before writing anything, when a name
// is taken and force is false; it writes every file into a temporary folder
// inside dir, synced, and only then publishes each under its name (see
// publish: without force, a file that appears meanwhile is never
// overwritten), so that an error or an interrupt leaves no file
// half-written and, before the first is published, none written at all.
func writeAll(ctx context.Context, dir string, names []string, files [][]byte, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	mode := replace(force)
	if mode == noClobber {
		var taken []string
		for _, n := range names {
			if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
				taken = append(taken, n)
			}
		}
		if len(taken) > 0 {
			return fmt.Errorf("%s already holds %d of the files (%s first); give --force to overwrite them", dir, len(taken), taken[0])
		}
	}
	tmp, err := os.MkdirTemp(dir, ".entente-import-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	staged := make([]string, len(names))
	for i, n := range names {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted; nothing written")
		}
		if staged[i], err = stage(tmp, n+".*", files[i], 0o644, nil); err != nil {
			return err
		}
	}
	for i, n := range names {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted; the files published so far are whole, the others not written")
		}
		if err := publish(staged[i], filepath.Join(dir, n), mode); err != nil {
			return err
		}
	}
	return syncDir(dir)
}

const atopCheckArgs = "[--what-if unanimity|majority]... [--format text|csv|svg|html] [--csv FILE] [--svg FILE] [--force] [--id ATOPID]... [--from YEAR] [--to YEAR] [--max-size N] SOURCE"

func runAtopCheck(e env, args []string) int {
	fs := flags(e, "atop check", atopCheckArgs)
	format := fs.String("format", "text", "standard output: text (the summary), csv (one row per alliance phase), svg (the picture by decade) or html (a page with the summary and the picture)")
	csvFile := fs.String("csv", "", "also write the CSV table to `FILE`")
	svgFile := fs.String("svg", "", "also write the picture to `FILE`")
	force := fs.Bool("force", false, "overwrite the files of --csv and --svg if they exist")
	rules := []atop.Rule{atop.AsCoded}
	fs.Func("what-if", "also check with every alliance deciding its obligations by this `rule`: unanimity or majority; repeat it, or give a list", func(v string) error {
		for f := range strings.SplitSeq(v, ",") {
			r, err := atop.ParseRule(strings.TrimSpace(f))
			if err != nil {
				return err
			}
			if r == atop.AsCoded || slices.Contains(rules, r) {
				continue
			}
			rules = append(rules, r)
		}
		return nil
	})
	sel := addSelection(fs)
	maxSize := addMaxSize(fs)
	srcs, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if !slices.Contains([]string{"text", "csv", "svg", "html"}, *format) {
		fmt.Fprintf(e.stderr, "entente atop check: unknown --format %q: want text, csv, svg or html\n", safe.Terminal(*format))
		return exitInput
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	var results []atop.Result
	if len(srcs) == 1 && isImportFolder(srcs[0]) {
		var ok bool
		results, ok = checkFolder(ctx, e, srcs[0], scenariofile.Options{MaxSize: maxSize.n}, sel, rules)
		if !ok {
			return exitInput
		}
	} else {
		r, ok := readRecord(e, "check", atop.Options{MaxSize: maxSize.n}, srcs)
		if !ok {
			return exitInput
		}
		var err error
		if results, err = atop.Check(ctx, pick(r, sel), rules...); err != nil {
			fmt.Fprintf(e.stderr, "entente atop check: %v\n", err)
			return exitInput
		}
	}
	if len(results) == 0 {
		fmt.Fprintln(e.stderr, "entente atop check: no alliance phase matches --id, --from and --to")
		return exitInput
	}
	for _, f := range []struct {
		path  string
		write func(io.Writer, []atop.Result, []atop.Rule) error
	}{{*csvFile, atop.WriteCSV}, {*svgFile, atop.WriteSVG}} {
		if f.path == "" {
			continue
		}
		var b bytes.Buffer
		if err := f.write(&b, results, rules); err != nil {
			fmt.Fprintf(e.stderr, "entente atop check: %v\n", err)
			return exitInput
		}
		if err := writeFile(f.path, b.Bytes(), replace(*force)); err != nil {
			fmt.Fprintf(e.stderr, "entente atop check: %s\n", safe.Terminal(err.Error()))
			return exitInput
		}
	}
	var err error
	switch *format {
	case "csv":
		err = atop.WriteCSV(e.stdout, results, rules)
	case "svg":
		err = atop.WriteSVG(e.stdout, results, rules)
	case "html":
		err = atop.WriteHTML(e.stdout, results, rules)
	default:
		err = atop.WriteSummary(e.stdout, results, rules)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entente: %v\n", err)
		return exitInput
	}
	return exitOK
}

// isImportFolder reports whether path is a folder of scenario files, as
// entente atop import writes, rather than one of ATOP's CSV files.
func isImportFolder(path string) bool {
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		return false
	}
	csvs, _ := filepath.Glob(filepath.Join(path, "atop*a.csv"))
	return len(csvs) == 0
}

// checkFolder loads every scenario file of dir (*.yaml, *.yml, *.json) and
// checks those the selection picks, in the order of their names, several
// at a time.
func checkFolder(ctx context.Context, e env, dir string, opts scenariofile.Options, sel *atop.Selection, rules []atop.Rule) ([]atop.Result, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "entente atop check: %s\n", safe.Terminal(err.Error()))
		return nil, false
	}
	var files []string
	for _, en := range entries {
		switch filepath.Ext(en.Name()) {
		case ".yaml", ".yml", ".json":
			if !en.IsDir() && !strings.HasPrefix(en.Name(), ".") {
				files = append(files, filepath.Join(dir, en.Name()))
			}
		}
	}
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "entente atop check: %s holds no scenario files and no ATOP files (atop*a.csv, atop*m.csv)\n", safe.Terminal(dir))
		return nil, false
	}
	type outcome struct {
		res    atop.Result
		picked bool
		errs   []string
	}
	outs := make([]outcome, len(files))
	parallel.Each(ctx, len(files), func(i int) {
		o := &outs[i]
		s, err := opts.ReadFile(files[i])
		if err != nil {
			var fe scenariofile.Errors
			if errors.As(err, &fe) {
				for _, x := range fe {
					o.errs = append(o.errs, x.Error())
				}
			} else {
				o.errs = append(o.errs, err.Error())
			}
			return
		}
		info, err := atop.InfoOf(s)
		if err != nil {
			o.errs = append(o.errs, files[i]+": "+err.Error())
			return
		}
		if !sel.Picks(info) {
			return
		}
		o.picked = true
		if o.res, err = atop.CheckScenario(info, s, rules); err != nil {
			o.errs = append(o.errs, files[i]+": "+err.Error())
		}
	})
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(e.stderr, "entente atop check: %v\n", err)
		return nil, false
	}
	ok := true
	var results []atop.Result
	for _, o := range outs {
		for _, msg := range o.errs {
			fmt.Fprintln(e.stderr, safe.Terminal(msg))
			ok = false
		}
		if o.picked && len(o.errs) == 0 {
			results = append(results, o.res)
		}
	}
	if !ok {
		return nil, false
	}
	slices.SortStableFunc(results, func(a, b atop.Result) int {
		if a.Info.Alliance != b.Info.Alliance {
			return a.Info.Alliance - b.Info.Alliance
		}
		return a.Info.Phase - b.Info.Phase
	})
	return results, true
}
