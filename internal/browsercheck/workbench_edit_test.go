package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entente-go/entente/examples"
)

// gate holds a call until the test opens it, and says when one waits.
type gate struct {
	entered chan struct{} // a call is held
	open    chan struct{} // closed: every call passes
}

func newGate() *gate { return &gate{entered: make(chan struct{}, 16), open: make(chan struct{})} }

func (g *gate) hold() {
	g.entered <- struct{}{}
	<-g.open
}

// waitEntered waits for a call to be held.
func (g *gate) waitEntered(t *testing.T) {
	t.Helper()
	select {
	case <-g.entered:
	case <-time.After(20 * time.Second):
		t.Fatal("nothing reached the gate")
	}
}

// seedFile writes the seed to a file of the test's own.
func seedFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "ukraine2025.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// caretAfter puts the editor's caret right after the first find.
func caretAfter(ctx context.Context, tb *tab, find string) error {
	f, _ := jsonString(find)
	return tb.eval(ctx, `(() => { const t = document.getElementById("text"); const a = t.value.indexOf(`+f+`);
		if (a < 0) throw new Error("no " + `+f+`); t.focus(); t.setSelectionRange(a + `+f+`.length, a + `+f+`.length); return true; })()`, nil)
}

const name = "name: Ukraine security guarantees, August 2025"

// TestWorkbenchTypingDuringSave types while a slow save is on its way,
// and saves again during it with Ctrl-S: every keystroke stays in the
// editor, the second save waits for the first and then writes the later
// text, and no false conflict is reported. The page once replaced the
// editor's text with the save's answer, and sent the second save with the
// old version.
func TestWorkbenchTypingDuringSave(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	file := seedFile(t)
	g := newGate()
	var saves atomic.Int32
	slow := func(path string, data []byte) error {
		if saves.Add(1) == 1 {
			g.hold()
		}
		return replace(path, data)
	}
	tb := openServed(t, ctx, serveWorkbench(t, file, slow, nil))
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v\nproblems: %v", what, err, tb.problems())
		}
	}
	step("placing the caret", caretAfter(ctx, tb, name))
	step("typing", tb.insertText(ctx, " one"))
	step("saving", tb.press(ctx, "s", 2))
	g.waitEntered(t)
	for _, c := range " two" {
		step("typing during the save", tb.insertText(ctx, string(c)))
	}
	step("saving again during the save", tb.press(ctx, "s", 2))
	close(g.open)
	step("both saved", tb.waitFor(ctx, 20*time.Second, `document.getElementById("state").textContent === "saved"`))
	var text string
	step("reading the editor", tb.eval(ctx, `document.getElementById("text").value`, &text))
	if !strings.Contains(text, name+" one two\n") {
		t.Errorf("the editor lost keystrokes typed during the save; its name line is %q", line(text, "name:"))
	}
	data, err := os.ReadFile(file)
	step("reading the file", err)
	if !strings.Contains(string(data), name+" one two\n") || saves.Load() != 2 {
		t.Errorf("after two saves (%d written) the file's name line is %q; want the later text", saves.Load(), line(string(data), "name:"))
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("the page had problems (a false conflict is a 409):\n  %s", strings.Join(p, "\n  "))
	}
}

// TestWorkbenchTypingDuringReload types while the page loads the file
// again after another editor changed it: the keystrokes stay, and the
// page says the file on disk changed. The page once replaced the text
// with the file's.
func TestWorkbenchTypingDuringReload(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	file := seedFile(t)
	g := newGate()
	var armed atomic.Bool
	slowFile := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/file" && armed.Load() {
				g.hold()
			}
			h.ServeHTTP(w, r)
		})
	}
	tb := openServed(t, ctx, serveWorkbench(t, file, replace, slowFile))
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v\nproblems: %v", what, err, tb.problems())
		}
	}
	armed.Store(true)
	other := strings.Replace(string(examples.Ukraine2025YAML()), name, "name: Changed by another editor", 1)
	step("another editor writes the file", os.WriteFile(file, []byte(other), 0o644))
	g.waitEntered(t) // the page follows the file: its reload is on its way
	step("placing the caret", caretAfter(ctx, tb, name))
	step("typing during the reload", tb.insertText(ctx, " typed"))
	close(g.open)
	step("the page says the file changed", tb.waitFor(ctx, 20*time.Second, `!document.getElementById("notice").hidden`))
	var text string
	step("reading the editor", tb.eval(ctx, `document.getElementById("text").value`, &text))
	if !strings.Contains(text, name+" typed\n") {
		t.Errorf("the editor lost keystrokes typed during the reload; its name line is %q", line(text, "name:"))
	}
	// Loading from disk now would lose the edit: the page asks first.
	step("declining, when asked", tb.eval(ctx, `(() => { window.asked = 0; window.confirm = () => { window.asked++; return false; }; return true; })()`, nil))
	step("loading from disk", tb.click(ctx, "#reload"))
	var asked int
	step("reading", tb.eval(ctx, `window.asked`, &asked))
	step("reading the editor", tb.eval(ctx, `document.getElementById("text").value`, &text))
	if asked != 1 || !strings.Contains(text, name+" typed\n") {
		t.Errorf("Load the file from disk asked %d times and left the name line %q; want it to ask once and, declined, keep the edit", asked, line(text, "name:"))
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("the page had problems:\n  %s", strings.Join(p, "\n  "))
	}
}

// line returns the first line of text that starts with prefix.
func line(text, prefix string) string {
	for l := range strings.Lines(text) {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimSuffix(l, "\n")
		}
	}
	return ""
}

// TestWorkbenchToken opens the workbench as three browsers would: one at
// its address without the token, which can neither read nor write the
// file; one at the printed address, which opens the page with the token
// gone from the address bar; and one at the printed address again, which
// is refused.
func TestWorkbenchToken(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	file := seedFile(t)
	bin := testChromium(t)
	w := serveWorkbench(t, file, replace, nil)
	b, err := launch(ctx, bin, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.close)
	open := func(address string) *tab {
		t.Helper()
		tb, err := b.openTab(ctx, address) // a browser context of its own: no cookie shared
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(tb.close)
		return tb
	}

	// Without the token: no page, no file, no save.
	stranger := open(w.base)
	var got struct {
		Page, Read, Save int
		Editor           bool
		Text             string
	}
	if err := stranger.eval(ctx, `(async () => {
		const read = await fetch("/api/file", {headers: {"X-Entente": "1"}});
		const save = await fetch("/api/save", {method: "POST", body: "entente: 1\n", headers: {"X-Entente": "1", "X-Entente-Version": "0"}});
		return {Read: read.status, Save: save.status, Editor: !!document.getElementById("text"),
			Text: document.body.textContent + await read.text()}; })()`, &got); err != nil {
		t.Fatal(err)
	}
	if got.Read != http.StatusForbidden || got.Save != http.StatusForbidden || got.Editor || strings.Contains(got.Text, "ukraine") {
		t.Errorf("a page opened without the token: read %d, save %d, editor %v, text %q; want 403, 403, no editor and nothing of the file", got.Read, got.Save, got.Editor, got.Text)
	}
	if data, _ := os.ReadFile(file); string(data) != string(examples.Ukraine2025YAML()) {
		t.Error("a page without the token changed the file")
	}

	// The printed address, once: the page, and no token left in sight.
	owner := open(w.url)
	if err := owner.waitFor(ctx, 30*time.Second, `document.getElementById("report").dataset.verdict`); err != nil {
		t.Fatal(err, owner.problems())
	}
	var where string
	if err := owner.eval(ctx, `location.href`, &where); err != nil {
		t.Fatal(err)
	}
	if where != w.base || strings.Contains(where, "token") {
		t.Errorf("after the printed address, the address bar holds %q; want %q", where, w.base)
	}
	if p := owner.problems(); len(p) > 0 {
		t.Errorf("the page had problems:\n  %s", strings.Join(p, "\n  "))
	}

	// The printed address a second time: refused.
	again := open(w.url)
	var refused struct {
		Editor bool
		Text   string
	}
	if err := again.eval(ctx, `({Editor: !!document.getElementById("text"), Text: document.body.textContent})`, &refused); err != nil {
		t.Fatal(err)
	}
	if refused.Editor || !strings.Contains(refused.Text, "used already") {
		t.Errorf("the printed address a second time shows editor %v, %q; want the refusal", refused.Editor, refused.Text)
	}
}
