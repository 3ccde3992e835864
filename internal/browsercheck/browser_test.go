package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The tests in this file run Chromium. Without one they skip, unless
// CI=true: CI installs Chromium, so there a missing browser is a failure.

func testChromium(t *testing.T) string {
	t.Helper()
	bin, err := findChromium("", os.Getenv, exec.LookPath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true, so the browser tests must run: %v", err)
		}
		t.Skipf("skipping the browser tests: %v", err)
	}
	return bin
}

// A page like a report: text, a table, inline SVG, an inline data: image,
// and scripts that log without erring.
const goodBody = `
<h1>Security guarantees for Ukraine</h1>
<p>The positions below cannot all be met: the table lists each actor's demands and the graph shows where they conflict.</p>
<table>
<tr><th>Actor</th><th>Position</th><th>Status</th></tr>
<tr><td>Ukraine</td><td>Guarantee with forces on the ground</td><td>conflicts</td></tr>
<tr><td>Russia</td><td>No foreign forces</td><td>conflicts</td></tr>
<tr><td>United States</td><td>Backstop from the air only</td><td>compatible</td></tr>
</table>
<svg width="420" height="120" role="img"><rect x="10" y="10" width="160" height="60" fill="#dbe8f5" stroke="#345"/>
<text x="24" y="45">UA: forces</text><line x1="170" y1="40" x2="250" y2="40" stroke="#c33" stroke-width="3"/>
<rect x="250" y="10" width="160" height="60" fill="#f5dbdb" stroke="#345"/><text x="264" y="45">RU: none</text></svg>
<p><img alt="" width="16" height="16" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"> inline image</p>
<script>document.title += " (checked)"; console.log("logging is fine"); console.warn("so is a warning");</script>
`

func page(head, body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>
<style>body{font:16px/1.4 sans-serif;margin:2em;color:#222} td,th{border:1px solid #888;padding:4px 8px}</style>` +
		head + "</head><body>" + body + "</body></html>\n"
}

// kind sorts a problem: "console", "console-network" (the browser's log
// of a failed load, which comes with the network request), "network",
// "blank" or "other".
func kind(problem string) string {
	switch {
	case strings.HasPrefix(problem, "console error: log (network)"):
		return "console-network"
	case strings.HasPrefix(problem, "console error: "):
		return "console"
	case strings.HasPrefix(problem, "network request: "), strings.HasPrefix(problem, "failed load: "):
		return "network"
	case strings.HasPrefix(problem, "the screenshot looks blank"):
		return "blank"
	}
	return "other"
}

func TestBrowserChecks(t *testing.T) {
	bin := testChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b, err := launch(ctx, bin, nil)
	if err != nil {
		t.Fatalf("launching %s: %v", bin, err)
	}
	defer b.close()
	t.Logf("%s (%s)", b.product, bin)

	// A space in the directory, to see the page's own URL recognised
	// however it is escaped.
	dir := filepath.Join(t.TempDir(), "a dir")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		html  string
		want  []string // kinds of problem that must be found
		allow []string // kinds that may be
		what  string   // in a problem
	}{
		{name: "good", html: page("", goodBody)},
		{name: "console error", html: page("", goodBody+`<script>console.error("x")</script>`),
			want: []string{"console"}, what: "console.error: x"},
		{name: "uncaught exception", html: page("", goodBody+`<script>notDefined()</script>`),
			want: []string{"console"}, what: "uncaught exception: ReferenceError: notDefined is not defined"},
		{name: "request over the network", html: page("", goodBody+`<img src="http://127.0.0.1:9/x.png">`),
			want: []string{"network"}, allow: []string{"console-network"}, what: "network request: GET http://127.0.0.1:9/x.png"},
		{name: "lazy image below the fold", html: page("", goodBody+`<div style="height:5000px"></div><img loading="lazy" src="http://127.0.0.1:9/lazy.png">`),
			want: []string{"network"}, allow: []string{"console-network"}, what: "network request: GET http://127.0.0.1:9/lazy.png"},
		{name: "sibling file", html: page(`<link rel="stylesheet" href="style.css">`, goodBody),
			want: []string{"network"}, allow: []string{"console-network"}, what: "style.css"},
		{name: "empty white page", html: "<!doctype html><title>empty</title><body></body>\n",
			want: []string{"blank"}, what: "looks blank"},
		{name: "one word", html: page("", "<p>Loading…</p>"),
			want: []string{"blank"}, what: "looks blank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".html")
			if err := os.WriteFile(path, []byte(tc.html), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			start := time.Now()
			res, err := b.check(ctx, path, checkOptions{settle: 100 * time.Millisecond, minInk: 0.01})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v, load %v, %.2f%% drawn on", time.Since(start).Round(time.Millisecond), res.load.Round(time.Millisecond), 100*res.ink.share)

			found := map[string]bool{}
			for _, p := range res.problems {
				k := kind(p)
				found[k] = true
				ok := false
				for _, w := range append(tc.want, tc.allow...) {
					ok = ok || k == w
				}
				if !ok {
					t.Errorf("unexpected problem: %s", p)
				}
			}
			for _, w := range tc.want {
				if !found[w] {
					t.Errorf("no %s problem found; problems: %q", w, res.problems)
				}
			}
			if tc.what != "" && !strings.Contains(strings.Join(res.problems, "\n"), tc.what) {
				t.Errorf("no problem mentions %q: %q", tc.what, res.problems)
			}
			if res.screenshot == nil || res.ink.width != screenWidth || res.ink.height != screenHeight {
				t.Errorf("screenshot: %d bytes, %d×%d", len(res.screenshot), res.ink.width, res.ink.height)
			}
		})
	}
}

// TestRun runs the command as CI does, on a good page and a blank one, and
// checks that it leaves no temporary files behind.
func TestRun(t *testing.T) {
	testChromium(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the profile goes here, and Chromium's shared memory files
	dir := t.TempDir()
	good, blank := filepath.Join(dir, "good.html"), filepath.Join(dir, "blank.html")
	shot := filepath.Join(dir, "good.png")
	if err := os.WriteFile(good, []byte(page("", goodBody)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(blank, []byte("<!doctype html><title>blank</title>\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(context.Background(), []string{"-timeout", "60s", "-screenshot", shot, good}, &stdout, &stderr, os.Getenv)
	t.Logf("a good page took %v:\n%s", time.Since(start).Round(time.Millisecond), stdout.String())
	if code != 0 {
		t.Errorf("good page: exit %d, want 0\n%s%s", code, stdout.String(), stderr.String())
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if cfg, err := png.DecodeConfig(f); err != nil || cfg.Width != screenWidth || cfg.Height != screenHeight {
		t.Errorf("the screenshot written: %+v, %v", cfg, err)
	}

	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), []string{"-timeout", "60s", "-settle", "100ms", blank}, &stdout, &stderr, os.Getenv)
	if code != 1 || !strings.Contains(stdout.String(), "FAIL") || !strings.Contains(stdout.String(), "looks blank") {
		t.Errorf("blank page: exit %d, want 1 with the problem listed\n%s%s", code, stdout.String(), stderr.String())
	}

	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}
