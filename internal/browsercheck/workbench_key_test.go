package main

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/workbench"
)

// TestWorkbenchKey checks in the page what no test of the server sees:
// the page takes the key from the address the token's exchange sends it
// on to, keeps it, takes it out of the address bar, and asks the API with
// it (else no report would come); sent to its own address with a foreign
// key, as a page of another server on this host could send it, it keeps
// its own and still gets its answers; the report's links to other pages
// open in a new tab, with neither opener nor referrer; and leaving the
// page asks first once the text is edited, not before.
func TestWorkbenchKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var location string // of the token's exchange
	w := serveWorkbench(t, file, replace, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/" || r.URL.RawQuery == "" {
				h.ServeHTTP(rw, r)
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			mu.Lock()
			location = rec.Header().Get("Location")
			mu.Unlock()
			maps.Copy(rw.Header(), rec.Header())
			rw.WriteHeader(rec.Code)
			rw.Write(rec.Body.Bytes())
		})
	})
	tb := openServed(t, ctx, w)
	mu.Lock()
	key, ok := strings.CutPrefix(location, "/#"+workbench.KeyParam+"=")
	mu.Unlock()
	if !ok || key == "" {
		t.Fatalf("the exchange sent the browser on to %q; want /#key=K", location)
	}

	var got struct {
		Address, Stored          string
		Links                    []struct{ Href, Target, Rel string }
		AsksUnedited, AsksEdited bool
	}
	err := tb.eval(ctx, `(() => {
		const leave = () => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; };
		const out = { Address: location.href, Stored: localStorage.getItem('entente-key') || '' };
		out.Links = Array.from(document.querySelectorAll('#report a[href]'), (a) => ({
			Href: a.getAttribute('href'), Target: a.getAttribute('target') || '', Rel: a.getAttribute('rel') || '' }));
		out.AsksUnedited = leave();
		const text = document.getElementById('text');
		const before = text.value;
		text.value += '# an edit\n';
		text.dispatchEvent(new Event('input'));
		out.AsksEdited = leave();
		text.value = before; // so that leaving below does not ask
		text.dispatchEvent(new Event('input'));
		return out; })()`, &got)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stored != key || got.Address != w.base {
		t.Errorf("the page keeps the key %q (want %q) at %q (want %q: neither the token nor the key)", got.Stored, key, got.Address, w.base)
	}
	external := 0
	for _, a := range got.Links {
		if strings.HasPrefix(a.Href, "#") {
			if a.Target != "" {
				t.Errorf("the link to %s in the report opens in %q; want it in the page", a.Href, a.Target)
			}
			continue
		}
		external++
		if a.Target != "_blank" || a.Rel != "noopener noreferrer" {
			t.Errorf("the link to %s opens in %q with rel %q; want _blank, noopener noreferrer", a.Href, a.Target, a.Rel)
		}
	}
	if external == 0 {
		t.Error("the report has no link to another page; the seed's sources have some")
	}
	if got.AsksUnedited || !got.AsksEdited {
		t.Errorf("leaving the page asks first: %v unedited, %v edited; want only once edited", got.AsksUnedited, got.AsksEdited)
	}

	// Sent to its own address with a foreign key, the page keeps its own
	// and still gets its report.
	if err := tb.eval(ctx, `(() => { window.beforeForeign = true;
		setTimeout(() => { location.hash = 'key=FOREIGN'; location.reload(); }, 0); return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	if err := tb.waitFor(ctx, time.Minute, `!window.beforeForeign && document.body.dataset.updates >= 1 && document.getElementById("report").dataset.verdict`); err != nil {
		t.Fatal("sent to its address with a foreign key, the page shows no report: ", err)
	}
	var again struct{ Address, Stored string }
	if err := tb.eval(ctx, `({ Address: location.href, Stored: localStorage.getItem('entente-key') || '' })`, &again); err != nil {
		t.Fatal(err)
	}
	if again.Stored != key || again.Address != w.base {
		t.Errorf("sent to %s#key=FOREIGN, the page keeps %q (want %q) at %q (want %q)", w.base, again.Stored, key, again.Address, w.base)
	}
}
