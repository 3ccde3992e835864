package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente-go/entente/deals"
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

	opts := deals.Options{Count: *count, MaxPackages: maxPackages.n, Timeout: timeout.d}
	var (
		r   deals.Result
		err error
	)
	// Ctrl-C stops the search and prints what it found so far.
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt)
	defer stop()
	withProgress(e, "entente search: searching", func() { r, err = deals.Search(ctx, s, opts) })
	if err != nil { // too many demands-veto positions; loading validated the rest
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return exitInput
	}

	switch *format {
	case "json":
		err = encodeJSON(e.stdout, searchJSON{file, s.Name, r})
	default:
		err = deals.Text{Color: color.on(e)}.Write(e.stdout, s, r, opts)
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

// searchJSON is what search --format json writes: the file and the
// scenario's name, then the result's own fields, as its MarshalJSON
// writes them.
type searchJSON struct {
	File     string
	Scenario string
	Result   deals.Result
}

func (o searchJSON) MarshalJSON() ([]byte, error) {
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false) // the encoder that calls this one decides
	err := enc.Encode(struct {
		File     string `json:"file"`
		Scenario string `json:"scenario"`
	}{o.File, o.Scenario})
	if err != nil {
		return nil, err
	}
	body, err := o.Result.MarshalJSON()
	if err != nil {
		return nil, err
	}
	h := bytes.TrimSuffix(bytes.TrimSpace(head.Bytes()), []byte("}"))
	return slices.Concat(h, []byte(","), bytes.TrimPrefix(body, []byte("{"))), nil
}
