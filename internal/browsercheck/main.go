// Command browsercheck opens an HTML page in headless Chromium and checks
// that it renders with no console errors and no network requests, and that
// its screenshot is not blank. CI runs it on the HTML report of the seed
// scenario (see .ci/browser-check); anyone can run it on any page:
//
//	go run ./internal/browsercheck [flags] PAGE.html
//
// The flags are:
//
//	-chromium PATH    the browser; by default $CHROMIUM, else the first of
//	                  chromium, chromium-browser, google-chrome on the PATH
//	-screenshot FILE  write the screenshot (PNG) to FILE
//	-timeout D        give up after D, browser start included (default 60s)
//	-settle D         after the load event, wait D for late errors and
//	                  requests (default 500ms)
//	-min-ink F        a screenshot is blank when less than this share of its
//	                  pixels differ noticeably from its most common colour
//	                  (default 0.01)
//	-v                copy Chromium's own output to standard error
//
// It drives Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe), in a temporary profile it removes afterwards,
// and loads the page as a file:// URL in a 1280×800 tab. Console errors
// are console.error and console.assert calls, uncaught exceptions and
// browser log entries of level error. A network request is any request for
// something other than the page itself or a data: URL, and any failed load.
//
// The package's tests also drive pages served over HTTP as a user would
// (evaluate script, type, press keys, click), with the same collection of
// console errors, dialogs and requests: that is how the workbench of
// `entente serve` is tested (tab.go, workbench_test.go).
//
// Exit status: 0 when every check passes; 1 when one fails, each problem
// listed; 2 when the check could not be made (flags, a missing page, no
// Chromium, a browser that would not start).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("browsercheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	chromium := fs.String("chromium", "", "the browser `PATH` (default $CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH)")
	screenshot := fs.String("screenshot", "", "write the screenshot (PNG) to `FILE`")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after `D`, browser start included")
	settle := fs.Duration("settle", 500*time.Millisecond, "after the load event, wait `D` for late errors and requests")
	minInk := fs.Float64("min-ink", 0.01, "the screenshot is blank when less than this `share` of its pixels differ from its most common colour")
	verbose := fs.Bool("v", false, "copy Chromium's own output to standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: browsercheck [flags] PAGE.html")
		fmt.Fprintln(stderr, "Opens PAGE.html in headless Chromium and checks for console errors, network requests and a blank screenshot.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "browsercheck: "+format+"\n", a...)
		return 2
	}
	if *timeout <= 0 || *settle < 0 || *minInk < 0 || *minInk > 1 {
		return fail("-timeout must be positive, -settle not negative, -min-ink between 0 and 1")
	}
	page := fs.Arg(0)
	if info, err := os.Stat(page); err != nil {
		return fail("%v", err)
	} else if !info.Mode().IsRegular() {
		return fail("%s is not a file", page)
	}
	bin, err := findChromium(*chromium, getenv, exec.LookPath)
	if err != nil {
		return fail("%v", err)
	}

	interrupted := ctx
	ctx, cancel := context.WithTimeoutCause(ctx, *timeout, fmt.Errorf("timed out after %v", *timeout))
	defer cancel()
	var out io.Writer
	if *verbose {
		out = stderr
	}
	began := time.Now()
	b, err := launch(ctx, bin, out)
	if err != nil {
		return fail("starting %s: %v", bin, err)
	}
	defer b.close()
	started := time.Since(began)
	res, err := b.check(ctx, page, checkOptions{settle: *settle, minInk: *minInk})
	if interrupted.Err() != nil {
		return fail("checking %s: %v", page, context.Cause(interrupted))
	}
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", err, context.Cause(ctx))
		}
		return fail("checking %s: %v", page, err)
	}

	abs, _ := filepath.Abs(page)
	fmt.Fprintf(stdout, "page:             %s\n", abs)
	fmt.Fprintf(stdout, "browser:          %s (%s, started in %v)\n", b.product, bin, started.Round(time.Millisecond))
	if res.load > 0 {
		fmt.Fprintf(stdout, "loaded in:        %v\n", res.load.Round(time.Millisecond))
	}
	fmt.Fprintf(stdout, "console errors:   %d\n", len(res.consoleErrors))
	fmt.Fprintf(stdout, "network requests: %d\n", len(res.requests))
	if res.screenshot != nil {
		bg := res.ink.background
		fmt.Fprintf(stdout, "screenshot:       %d×%d, %.1f%% differs from the background #%02x%02x%02x (blank below %.1f%%)\n",
			res.ink.width, res.ink.height, 100*res.ink.share, bg.R, bg.G, bg.B, 100**minInk)
		if *screenshot != "" {
			if err := os.WriteFile(*screenshot, res.screenshot, 0o644); err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(stdout, "                  written to %s\n", *screenshot)
		}
	}
	if len(res.problems) > 0 {
		fmt.Fprintf(stdout, "FAIL: %d problem(s)\n", len(res.problems))
		for _, p := range res.problems {
			fmt.Fprintf(stdout, "  - %s\n", p)
		}
		return 1
	}
	fmt.Fprintln(stdout, "ok: renders, no console errors, no network requests, not blank")
	return 0
}
