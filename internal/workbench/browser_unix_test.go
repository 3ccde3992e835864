//go:build unix

package workbench_test

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/workbench"
)

// chromium returns the browser the browser tests run: $CHROMIUM, else the
// first of chromium, chromium-browser and google-chrome on the PATH, as
// internal/browsercheck finds it. Without one the test is skipped, unless
// CI=true, when it must run.
func chromium(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("CHROMIUM"); bin != "" {
		return bin
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if bin, err := exec.LookPath(name); err == nil {
			return bin
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true, so the browser tests must run: no chromium, chromium-browser or google-chrome on the PATH, and no $CHROMIUM")
	}
	t.Skip("skipping the browser test: no chromium, chromium-browser or google-chrome on the PATH, and no $CHROMIUM")
	return ""
}

// probe runs in the workbench's page, after its own script, once the
// page has its first full answer, and posts what it found to /probe. Then
// it sends the page to its own address with a foreign key in the
// fragment, as a page of another server on this host could, and, loaded
// again, posts to /probe2 what the page kept and whether it still gets
// its answers.
const probe = `'use strict';
(async () => {
  const full = async () => {
    for (let i = 0; !document.body.dataset.full; i++) {
      if (i > 1200) throw new Error('no full answer');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  if (sessionStorage.getItem('probe') === 'foreign') {
    const out = { addressOnLoad: location.href };
    try {
      await full();
      out.stored = localStorage.getItem('entente-key') || '';
    } catch (e) {
      out.error = String(e);
    }
    await fetch('/probe2', { method: 'POST', body: JSON.stringify(out) });
    return;
  }
  const out = {};
  try {
    out.addressOnLoad = location.href;
    await full();
    out.stored = localStorage.getItem('entente-key') || '';
    out.links = Array.from(document.querySelectorAll('#report a[href]'), (a) => ({
      href: a.getAttribute('href'), target: a.getAttribute('target') || '', rel: a.getAttribute('rel') || '',
    }));
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    out.asksUnedited = leave();
    const text = document.getElementById('text');
    const before = text.value;
    text.value += '# an edit\n';
    text.dispatchEvent(new Event('input'));
    out.asksEdited = leave();
    out.address = location.href;
    text.value = before; // so that leaving does not ask
    text.dispatchEvent(new Event('input'));
  } catch (e) {
    out.error = String(e);
  }
  await fetch('/probe', { method: 'POST', body: JSON.stringify(out) });
  if (!out.error) {
    sessionStorage.setItem('probe', 'foreign');
    location.hash = 'key=FOREIGN';
    location.reload();
  }
})();
`

// TestBrowser opens the workbench in headless Chromium at the address
// entente serve prints, and checks in the page what no test of the server
// sees: the page takes the key from the address it is sent on to, keeps
// it, takes it out of the address bar, and asks the API with it (else no
// answer would come); the report's links to other pages open in a new
// tab, with neither opener nor referrer; and leaving the page asks first
// once the text is edited, not before.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, listening, err := workbench.Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := workbench.New(file, workbench.Options{Addr: listening})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var location string // of the token's exchange
	found, found2 := make(chan []byte, 1), make(chan []byte, 1)
	// The workbench as it is, but for its page, which loads the probe
	// after its own script, and for /probe.js and /probe.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/probe.js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			io.WriteString(w, probe)
			return
		case "/probe", "/probe2":
			b, _ := io.ReadAll(r.Body)
			to := found
			if r.URL.Path == "/probe2" {
				to = found2
			}
			select {
			case to <- b:
			default:
			}
			return
		case "/":
			rec := httptest.NewRecorder()
			wb.ServeHTTP(rec, r)
			body := rec.Body.String()
			if r.URL.RawQuery != "" {
				mu.Lock()
				location = rec.Header().Get("Location")
				mu.Unlock()
			} else {
				body = strings.Replace(body, "</head>", "<script src=\"/probe.js\" defer></script>\n</head>", 1)
			}
			maps.Copy(w.Header(), rec.Header())
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			io.WriteString(w, body)
			return
		}
		wb.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	home := filepath.Join(dir, "home")
	cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
		"--disable-extensions", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"), wb.URL())
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its helpers end with it
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	}()
	var got struct {
		AddressOnLoad, Address, Stored, Error string
		Links                                 []struct{ Href, Target, Rel string }
		AsksUnedited, AsksEdited              bool
	}
	select {
	case b := <-found:
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("the probe said %q: %v", b, err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the page never reported; Chromium's output:\n" + out.String())
	}
	if got.Error != "" {
		t.Fatalf("in the page: %s", got.Error)
	}
	mu.Lock()
	key, ok := strings.CutPrefix(location, "/#"+workbench.KeyParam+"=")
	mu.Unlock()
	if !ok || key == "" || got.Stored != key {
		t.Errorf("the exchange sent the browser on to %q, and the page keeps the key %q; want /#key=K, and K kept", location, got.Stored)
	}
	base := "http://" + listening + "/"
	if got.AddressOnLoad != base || got.Address != base {
		t.Errorf("the address bar holds %q, then %q; want %q: neither the token nor the key", got.AddressOnLoad, got.Address, base)
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
	// and still gets its answers.
	var again struct{ AddressOnLoad, Stored, Error string }
	select {
	case b := <-found2:
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("the probe said %q: %v", b, err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the page sent to a foreign key never reported; Chromium's output:\n" + out.String())
	}
	if again.Error != "" || again.Stored != key || again.AddressOnLoad != base {
		t.Errorf("sent to %s#key=FOREIGN, the page keeps %q (want %q), shows %q (want %q), and says %q (want no error)",
			base, again.Stored, key, again.AddressOnLoad, base, again.Error)
	}
}
