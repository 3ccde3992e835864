package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/workbench"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// The tests in this file drive the workbench of `entente serve` in
// headless Chromium, as a user would.

var (
	update  = flag.Bool("update", false, "rewrite the workbench screenshot in docs/")
	latency = flag.Bool("latency", false, "measure the workbench's latency from keystroke to updated findings (see docs/PERFORMANCE.md)")
)

// screenshotFile is the README's picture of the workbench.
var screenshotFile = filepath.Join("..", "..", "docs", "workbench.png")

// replace writes data to path through a file beside it and a rename, as
// the command's own replaceFile does.
func replace(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".save-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// served is a workbench served for a test.
type served struct {
	url  string // the one-time address entente serve prints
	base string // http://ADDR/, the page's address once signed in
}

// serveWorkbench serves the workbench for file on a free port of
// 127.0.0.1, as entente serve does, until the test ends, with replace
// to save and around (nil: none) wrapping its handler, and returns its
// addresses.
func serveWorkbench(t *testing.T, file string, replace func(string, []byte) error, around func(http.Handler) http.Handler) served {
	t.Helper()
	ln, addr, err := workbench.Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := workbench.New(file, workbench.Options{Addr: addr, Replace: replace})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = wb
	if around != nil {
		h = around(h)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return served{url: wb.URL(), base: "http://" + addr + "/"}
}

// openWorkbench starts a browser on the workbench of file and waits for
// its first report.
func openWorkbench(t *testing.T, ctx context.Context, file string) *tab {
	t.Helper()
	return openServed(t, ctx, serveWorkbench(t, file, replace, nil))
}

// openServed starts a browser on the workbench w, at its one-time
// address, and waits for its first report.
func openServed(t *testing.T, ctx context.Context, w served) *tab {
	t.Helper()
	bin := testChromium(t)
	b, err := launch(ctx, bin, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.close)
	tb, err := b.openTab(ctx, w.url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.close)
	if err := tb.waitFor(ctx, 30*time.Second, `document.body.dataset.updates >= 1 && document.getElementById("report").dataset.verdict`); err != nil {
		t.Fatal(err, tb.problems())
	}
	return tb
}

// findings are what the page shows of the report: the verdict and the
// finding codes, in order.
type findings struct {
	Verdict string
	Codes   []string
}

const readFindings = `({Verdict: document.getElementById("report").dataset.verdict,
	Codes: Array.from(document.querySelectorAll("#report article.finding h3 code"), e => e.textContent)})`

func (tb *tab) findings(t *testing.T, ctx context.Context) findings {
	t.Helper()
	var f findings
	if err := tb.eval(ctx, readFindings, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// selectText selects the text from the start of the first from to the
// start of the first to after it (to "" is the end of from) in the
// editor, and focuses it.
func (tb *tab) selectText(ctx context.Context, from, to string) error {
	f, _ := jsonString(from)
	g, _ := jsonString(to)
	return tb.eval(ctx, `(() => { const t = document.getElementById("text"); const v = t.value;
		const a = v.indexOf(`+f+`); if (a < 0) throw new Error("no " + `+f+`);
		let b = a + `+f+`.length;
		if (`+g+` !== "") { b = v.indexOf(`+g+`, a); if (b < 0) throw new Error("no " + `+g+`); }
		t.focus(); t.setSelectionRange(a, b); return true; })()`, nil)
}

func jsonString(s string) (string, error) {
	return strconv.Quote(s), nil // a Go quoted string is a JS string for the ASCII used here
}

// TestWorkbench is the acceptance test of the workbench: load the seed
// and see its findings; type an edit that drops Russia's veto demand and
// see the verdict change; toggle a guarantee off and see the comparison;
// type a syntax error and see it marked at its line; save and read the
// file back; change the file on disk and see the page follow; and no
// script error on the way.
func TestWorkbench(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	file := filepath.Join(t.TempDir(), "ukraine2025.yaml")
	seed := examples.Ukraine2025YAML()
	if err := os.WriteFile(file, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	tb := openWorkbench(t, ctx, file)
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v\nproblems: %v", what, err, tb.problems())
		}
	}

	// The seed's findings, as entente check gives them.
	got := tb.findings(t, ctx)
	if got.Verdict != "incompatible" || !slices.Contains(got.Codes, "unmet-veto-demand") || !slices.Contains(got.Codes, "veto-conflict") {
		t.Fatalf("the seed shows %+v, want incompatible with unmet-veto-demand and veto-conflict", got)
	}

	// A keystroke that changes nothing in the report: the server leaves
	// out every section the page shows, and the page keeps them as they
	// are, the search among them.
	full := func() string {
		var n string
		step("reading the full answers", tb.eval(ctx, `document.body.dataset.full || "0"`, &n))
		return n
	}
	var shown struct{ Report, Kept string }
	step("the first full answer", tb.waitFor(ctx, 20*time.Second, `document.body.dataset.full`))
	step("reading the report", tb.eval(ctx, `({Report: document.getElementById("report").innerHTML, Kept: document.body.dataset.kept || "0"})`, &shown))
	for _, key := range []string{" ", "Backspace"} {
		n := full()
		step("placing the caret", tb.eval(ctx, `(() => { const t = document.getElementById("text"); const a = t.value.indexOf("\n");
			t.focus(); t.setSelectionRange(a, a); return true; })()`, nil))
		if key == " " {
			step("typing a space", tb.insertText(ctx, key))
		} else {
			step("deleting it", tb.press(ctx, key, 0))
		}
		step("the full answer", tb.waitFor(ctx, 20*time.Second, `(document.body.dataset.full || "0") !== "`+n+`"`))
	}
	var kept struct {
		Report string
		Kept   string
		Stale  int
	}
	step("reading the report", tb.eval(ctx, `({Report: document.getElementById("report").innerHTML, Kept: document.body.dataset.kept || "0",
		Stale: document.querySelectorAll("#report .stale").length})`, &kept))
	// Two answers of each stage, every section of each kept: the seed's
	// report has four sections quick, five with the picture, seven in
	// full (the deal search and the bargaining).
	k0, _ := strconv.Atoi(shown.Kept)
	k1, _ := strconv.Atoi(kept.Kept)
	if k1-k0 < 2*(4+5+7) || kept.Report != shown.Report || kept.Stale != 0 {
		t.Errorf("after a keystroke and its undoing, %d sections kept, %d marked stale, the report the same: %v; want every section of six answers kept (32), none stale, the same report",
			k1-k0, kept.Stale, kept.Report == shown.Report)
	}

	// Delete Russia's veto demand with the keyboard. The variant that
	// leaves it out now names a position that is not there: the page
	// marks that line. Delete the variant too, and the verdict changes.
	updates := func() int {
		var n string
		step("reading the updates", tb.eval(ctx, `document.body.dataset.updates || "0"`, &n))
		i, _ := strconv.Atoi(n)
		return i
	}
	before := updates()
	step("selecting the demand", tb.selectText(ctx, "  - id: ru-demands-veto\n", "  - id: ua-rejects-ru-veto"))
	step("deleting it", tb.press(ctx, "Backspace", 0))
	step("the dangling variant marked", tb.waitFor(ctx, 10*time.Second, `document.querySelector("#gutter .bad") && document.querySelector("#problems li")`))
	var marked struct {
		Line    string
		Problem string
		Mark    int
	}
	step("reading the mark", tb.eval(ctx, `({Line: document.querySelector("#gutter .bad").dataset.line,
		Problem: document.querySelector("#problems li").textContent, Mark: document.querySelectorAll("#backdrop mark").length})`, &marked))
	if !strings.Contains(marked.Problem, "ru-demands-veto") || marked.Mark != 1 {
		t.Errorf("after deleting the demand, the page marks %+v; want the variant's line, naming ru-demands-veto, with one mark", marked)
	}
	step("selecting the variant", tb.selectText(ctx, "  - name: moscow-drops-veto-demand\n", "  - name: moscow-gets-its-veto"))
	step("deleting it", tb.press(ctx, "Backspace", 0))
	step("the verdict changes", tb.waitFor(ctx, 10*time.Second, `document.getElementById("report").dataset.verdict === "compatible" && !document.querySelector("#gutter .bad")`))
	if n := updates(); n <= before {
		t.Errorf("%d updates after typing, want more than %d", n, before)
	}
	if got := tb.findings(t, ctx); got.Verdict != "compatible" || len(got.Codes) != 0 {
		t.Errorf("without the demand the page shows %+v, want compatible with no findings", got)
	}

	// A what-if: leave out the US air support.
	step("opening the what-ifs", tb.click(ctx, "#whatifs summary"))
	step("toggling us-air-support off", tb.click(ctx, `input[data-toggle="without=us-air-support"]`))
	step("the comparison", tb.waitFor(ctx, 10*time.Second, `!document.getElementById("comparison").hidden`))
	var comparison string
	step("reading the comparison", tb.eval(ctx, `document.getElementById("comparison").textContent`, &comparison))
	for _, want := range []string{"1 edit from base to other:\n  without us-air-support", "findings that appeared", "because: without us-air-support"} {
		if !strings.Contains(comparison, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, comparison)
		}
	}
	if *update {
		// The README's picture: the file from its top, and the what-if's
		// comparison above its report.
		step("closing the what-ifs", tb.click(ctx, "#whatifs summary"))
		step("scrolling to the top", tb.eval(ctx, `(() => { const t = document.getElementById("text"); t.setSelectionRange(0, 0); t.scrollTop = 0;
			t.dispatchEvent(new Event("scroll")); document.querySelector(".answers").scrollTop = 0; return true; })()`, nil))
		shot, err := tb.screenshot(ctx)
		step("the screenshot", err)
		step("writing it", os.WriteFile(screenshotFile, shot, 0o644))
	}
	if *update {
		step("opening the what-ifs", tb.click(ctx, "#whatifs summary"))
	}
	step("toggling it back", tb.click(ctx, `input[data-toggle="without=us-air-support"]`))
	step("no comparison", tb.waitFor(ctx, 10*time.Second, `document.getElementById("comparison").hidden`))

	// A syntax error, typed at the start of line 20.
	step("placing the caret", tb.selectText(ctx, "description:", ""))
	step("placing the caret", tb.eval(ctx, `(() => { const t = document.getElementById("text"); const a = t.value.indexOf("description:"); t.setSelectionRange(a, a); return true; })()`, nil))
	var line int
	step("its line", tb.eval(ctx, `document.getElementById("text").value.slice(0, document.getElementById("text").selectionStart).split("\n").length`, &line))
	step("typing", tb.insertText(ctx, "  bad: [\n"))
	step("the mark", tb.waitFor(ctx, 10*time.Second, `document.querySelector("#gutter .bad")`))
	step("reading the mark", tb.eval(ctx, `({Line: document.querySelector("#gutter .bad").dataset.line,
		Problem: document.querySelector("#problems li").textContent, Mark: document.querySelectorAll("#backdrop mark").length})`, &marked))
	if marked.Line != strconv.Itoa(line) || !strings.HasPrefix(marked.Problem, "✖ "+strconv.Itoa(line)+":6: syntax error") || marked.Mark != 1 {
		t.Errorf("the syntax error is marked %+v, want at line %d, column 6", marked, line)
	}
	// While the text has errors, the last good report stays, marked out
	// of date.
	var stale struct {
		Note  bool
		Parts int
		Codes int
	}
	step("reading the report", tb.eval(ctx, `({Note: !document.getElementById("stale-note").hidden,
		Parts: document.querySelectorAll("#report .part").length, Codes: document.querySelectorAll("#report #verdict").length})`, &stale))
	if !stale.Note || stale.Parts == 0 || stale.Codes != 1 {
		t.Errorf("with an error in the text the report shows %+v; want the last good report, and the note that it is out of date", stale)
	}
	// Saving text that does not parse is refused, saying so.
	step("saving it", tb.click(ctx, "#save"))
	step("the refusal", tb.waitFor(ctx, 10*time.Second, `document.getElementById("state").textContent.includes("does not parse")`))
	if data, _ := os.ReadFile(file); string(data) != string(seed) {
		t.Error("a refused save changed the file")
	}
	step("back to the editor", tb.eval(ctx, `document.getElementById("text").focus()`, nil))
	step("mending it", tb.press(ctx, "Backspace", 0))
	for range len("  bad: [") {
		step("mending it", tb.press(ctx, "Backspace", 0))
	}
	step("the mark goes", tb.waitFor(ctx, 10*time.Second, `!document.querySelector("#gutter .bad") && document.getElementById("report").dataset.verdict === "compatible"`))
	step("the note goes", tb.waitFor(ctx, 10*time.Second, `document.getElementById("stale-note").hidden`))

	// Save, and read the file back: the edit, in fmt's form.
	var text string
	step("reading the editor", tb.eval(ctx, `document.getElementById("text").value`, &text))
	step("saving", tb.click(ctx, "#save"))
	step("saved", tb.waitFor(ctx, 10*time.Second, `document.body.dataset.saved`))
	data, err := os.ReadFile(file)
	step("reading the file", err)
	want, err := scenariofile.Format(file, []byte(text))
	step("formatting the edit", err)
	// The values still weigh the veto by name; the position and the
	// variant are gone.
	if string(data) != string(want) || strings.Contains(string(data), "id: ru-demands-veto") || strings.Contains(string(data), "without: ru-demands-veto") {
		t.Errorf("the file saved is not the edit in fmt's form:\n%s", data)
	}

	// Another editor changes the file: the page follows.
	step("changing the file", os.WriteFile(file, seed, 0o644))
	step("the page follows", tb.waitFor(ctx, 10*time.Second, `document.getElementById("text").value.includes("ru-demands-veto") && document.getElementById("report").dataset.verdict === "incompatible"`))
	var state string
	step("reading the state", tb.eval(ctx, `document.getElementById("state").textContent`, &state))
	if !strings.Contains(state, "changed on disk") {
		t.Errorf("the page says %q after the file changed, want it to say so", state)
	}

	if p := tb.problems(); len(p) > 0 {
		t.Errorf("the page had problems:\n  %s", strings.Join(p, "\n  "))
	}
}

// TestWorkbenchHostile loads a file whose text is markup and script: the
// page shows it as text, and runs, loads and opens nothing of it.
func TestWorkbenchHostile(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	evil := `<img src=x onerror=alert(1)><script>alert(2)</script>`
	seed := string(examples.Ukraine2025YAML())
	text := strings.Replace(seed, "name: Ukraine security guarantees, August 2025", "name: '"+evil+"'", 1)
	text = strings.Replace(text, "title: NATO member countries", "title: '"+evil+"'", 1)
	text = strings.Replace(text, "url: https://www.nato.int/cps/en/natohq/topics_52044.htm", "url: 'javascript:alert(3)'", 1)
	if text == seed {
		t.Fatal("the seed changed; the test no longer plants its text")
	}
	file := filepath.Join(t.TempDir(), "evil.yaml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := openWorkbench(t, ctx, file)
	// An edit, so that the page answers a keystroke too, and a what-if.
	// Each keystroke's full answer comes before the next step: a click
	// lands where its target was measured, and an answer arriving between
	// the two moves what lies below the report.
	if err := tb.waitFor(ctx, 30*time.Second, `document.body.dataset.full && document.getElementById("searching").hidden`); err != nil {
		t.Fatal(err) // the page's first full answer, before any keystroke
	}
	settled := func(key func() error) {
		t.Helper()
		var before string
		if err := tb.eval(ctx, `document.body.dataset.full || "0"`, &before); err != nil {
			t.Fatal(err)
		}
		if err := key(); err != nil {
			t.Fatal(err)
		}
		if err := tb.waitFor(ctx, 30*time.Second, `(document.body.dataset.full || "0") !== "`+before+`"`); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.selectText(ctx, "as-of:", ""); err != nil {
		t.Fatal(err)
	}
	if err := tb.eval(ctx, `(() => { const t = document.getElementById("text"); t.setSelectionRange(t.selectionEnd, t.selectionEnd); return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	settled(func() error { return tb.insertText(ctx, " ") })
	settled(func() error { return tb.press(ctx, "Backspace", 0) })
	if err := tb.click(ctx, "#whatifs summary"); err != nil {
		t.Fatal(err)
	}
	if err := tb.click(ctx, `input[data-toggle="without=us-air-support"]`); err != nil {
		t.Fatal(err)
	}
	var toggled bool
	if err := tb.eval(ctx, `document.querySelector('input[data-toggle="without=us-air-support"]').checked`, &toggled); err != nil || !toggled {
		t.Fatalf("the what-if's box is not ticked after the click (%v)", err)
	}
	if err := tb.waitFor(ctx, 30*time.Second, `!document.getElementById("comparison").hidden`); err != nil {
		t.Fatal(err)
	}
	var seen struct {
		Images, Scripts, Links int
		Shown                  bool
	}
	if err := tb.eval(ctx, `({Images: document.querySelectorAll("#report img").length,
		Scripts: document.querySelectorAll("body script").length,
		Links: document.querySelectorAll('a[href^="javascript"]').length,
		Shown: document.getElementById("report").textContent.includes("<img src=x") && document.getElementById("comparison").textContent.includes("<img src=x")})`, &seen); err != nil {
		t.Fatal(err)
	}
	if seen.Images != 0 || seen.Scripts != 0 || seen.Links != 0 || !seen.Shown {
		t.Errorf("the page has %d images, %d scripts in the body and %d javascript: links from the file, and shows its text: %v; want none, and the text shown",
			seen.Images, seen.Scripts, seen.Links, seen.Shown)
	}
	// Settle, for anything late: a request for x, a dialog.
	time.Sleep(300 * time.Millisecond)
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("the page had problems:\n  %s", strings.Join(p, "\n  "))
	}
}

// TestWorkbenchLatency measures, with -latency, the time from a keystroke
// to the updated findings in the page, for the seed and for a generated
// scenario of 1,000 guarantees: the figures of docs/PERFORMANCE.md. It
// asserts nothing about time.
func TestWorkbenchLatency(t *testing.T) {
	if !*latency {
		t.Skip("run with -latency to measure")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	large, err := scenariofile.Marshal(synth.Generate(synth.Config{Guarantees: 1000, Seed: 1}), scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{{"seed", examples.Ukraine2025YAML()}, {"synth-1000", large}} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "s.yaml")
			if err := os.WriteFile(file, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			tb := openWorkbench(t, ctx, file)
			// Type at the end of the first line, which is a comment or
			// the format key: a space, then a backspace, each a keystroke
			// that the page answers with a new report whose sections
			// are as they were. Then at the end of the scenario's name:
			// an x, then a backspace, which change the picture's title
			// and so the whole picture.
			for _, at := range []struct{ where, find, typed string }{
				{"the first line, the report unchanged", "\n", " "},
				{"the name, the picture changed", "\nname: ", "x"},
			} {
				measure(t, ctx, tb, c.name+" at "+at.where, len(c.data), at.find, at.typed)
			}
		})
	}
}

// phaseNames are where the time of a keystroke goes, as the page
// measures it: the wait before asking (the page's own work on the
// keystroke), the server's work to the first byte back (and any wait for
// the page's frame to end), the transfer and parsing of the answer, and
// the page's work to put it in.
var phaseNames = []string{"wait", "server", "transfer", "page"}

// percentile returns the p-th percentile of sorted, by the nearest rank.
func percentile(sorted []float64, p int) float64 {
	k := (p*len(sorted) + 99) / 100
	return sorted[max(k, 1)-1]
}

// measure types typed, then a backspace, ten times each, at the end of
// the line where find first ends (inside its quotes, if it ends with
// one; find starts with a newline, which a line's end may be), and logs
// the times from keystroke to updated findings, and to the picture
// redrawn when the page says. Each keystroke waits for the full answer
// to the one before, so that it meets a page and a server at rest.
func measure(t *testing.T, ctx context.Context, tb *tab, name string, size int, find, typed string) {
	t.Helper()
	f := strconv.Quote(find)
	if err := tb.eval(ctx, `(() => { const t = document.getElementById("text"); let a = t.value.indexOf(`+f+`);
		if (a < 0) throw new Error("not found"); a = t.value.indexOf("\n", a + `+f+`.length - 1);
		if (a > 0 && "'\"".includes(t.value[a - 1])) a--; // inside a quoted name
		t.focus(); t.setSelectionRange(a, a); return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	var ms, pictured []float64
	phases := map[string][]float64{}
	for i := range 20 {
		var full int
		if err := tb.eval(ctx, `Number(document.body.dataset.full || 0)`, &full); err != nil {
			t.Fatal(err)
		}
		var err error
		if i%2 == 0 {
			err = tb.insertText(ctx, typed)
		} else {
			err = tb.press(ctx, "Backspace", 0)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := tb.waitFor(ctx, time.Minute, `document.body.dataset.latency`); err != nil {
			t.Fatal(err)
		}
		var v struct{ Latency, Phases string }
		if err := tb.eval(ctx, `(() => { const d = document.body.dataset, v = {Latency: d.latency, Phases: d.phases}; delete d.latency; delete d.phases; return v; })()`, &v); err != nil {
			t.Fatal(err)
		}
		f, err := strconv.ParseFloat(v.Latency, 64)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, f)
		var p map[string]float64
		if err := json.Unmarshal([]byte(v.Phases), &p); err != nil {
			t.Fatalf("phases %q: %v", v.Phases, err)
		}
		for _, k := range phaseNames {
			phases[k] = append(phases[k], p[k])
		}
		// The picture follows the findings in an answer of its own, and
		// the deal search last: the next keystroke waits for it, so that
		// each is measured on a page and a server at rest.
		if err := tb.waitFor(ctx, time.Minute, `Number(document.body.dataset.full || 0) > `+strconv.Itoa(full)); err != nil {
			t.Fatal(err)
		}
		var pic string
		if err := tb.eval(ctx, `(() => { const v = document.body.dataset.pictured; delete document.body.dataset.pictured; return v || ""; })()`, &pic); err != nil {
			t.Fatal(err)
		}
		if f, err := strconv.ParseFloat(pic, 64); err == nil {
			pictured = append(pictured, f)
		}
	}
	slices.Sort(ms)
	t.Logf("%s (%d bytes): keystroke to updated findings, %d keystrokes: median %.0f ms, 95th percentile %.0f ms, min %.0f ms, max %.0f ms",
		name, size, len(ms), ms[len(ms)/2], percentile(ms, 95), ms[0], ms[len(ms)-1])
	var where []string
	for _, k := range phaseNames {
		slices.Sort(phases[k])
		where = append(where, fmt.Sprintf("%s %.0f ms", k, phases[k][len(phases[k])/2]))
	}
	t.Logf("%s: medians of where the time went: %s", name, strings.Join(where, ", "))
	if len(pictured) > 0 {
		slices.Sort(pictured)
		t.Logf("%s: keystroke to the picture redrawn: median %.0f ms, 95th percentile %.0f ms",
			name, pictured[len(pictured)/2], percentile(pictured, 95))
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("the page had problems: %v", p)
	}
}
