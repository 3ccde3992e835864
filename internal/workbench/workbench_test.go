package workbench_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/workbench"
	"github.com/entente-go/entente/scenario/scenariofile"
)

const (
	addr  = "127.0.0.1:8123"
	limit = 64 << 10
)

// writes records what a test server's Replace was asked to write.
type writes struct {
	mu    sync.Mutex
	paths []string
}

// replace writes data to path through a file beside it and a rename, as
// the command's replaceFile does, and records the path.
func (w *writes) replace(path string, data []byte) error {
	w.mu.Lock()
	w.paths = append(w.paths, path)
	w.mu.Unlock()
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

// fixture is a workbench on a copy of the seed in a temporary folder,
// and the session cookie and the key its one-time address gave.
type fixture struct {
	file   string
	server *workbench.Server
	writes *writes
	cookie *http.Cookie
	key    string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &writes{}
	s, err := workbench.New(file, workbench.Options{Addr: addr, MaxSize: limit, Replace: w.replace})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{file: file, writes: w}
	f.use(t, s)
	return f
}

// use makes s the fixture's server, and signs in at its one-time address.
func (f *fixture) use(t *testing.T, s *workbench.Server) {
	t.Helper()
	f.server = s
	w := httptest.NewRecorder()
	s.ServeHTTP(w, get(s.URL()))
	cookies := w.Result().Cookies()
	if w.Code != http.StatusSeeOther || len(cookies) != 1 {
		t.Fatalf("GET %s: %d, cookies %v; want 303 and the session cookie", s.URL(), w.Code, cookies)
	}
	f.cookie = cookies[0]
	f.key = keyOf(t, w)
}

// get is a GET of address as a browser sends it: the path, and the host
// in the Host header.
func get(address string) *http.Request {
	u, err := url.Parse(address)
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest(http.MethodGet, u.RequestURI(), nil)
	r.Host = u.Host
	return r
}

// keyOf returns the key in the address the one-time address sent the
// browser on to: /#key=K.
func keyOf(t testing.TB, w *httptest.ResponseRecorder) string {
	t.Helper()
	key, ok := strings.CutPrefix(w.Header().Get("Location"), "/#"+workbench.KeyParam+"=")
	if !ok || len(key) < 16 {
		t.Fatalf("the one-time address sent the browser on to %q, want /#key= and a long key", w.Header().Get("Location"))
	}
	return key
}

// request is one request to a test server. By default it is the page's
// own: with the session cookie, and the key in the header the page sends.
type request struct {
	method, path string
	host         string // "" is addr
	signedOut    bool   // without the session cookie
	notPage      bool   // without workbench.RequestHeader
	key          string // workbench.RequestHeader's value; "" is the key
	header       http.Header
	version      string
	body         string
}

func (f *fixture) do(t *testing.T, ctx context.Context, rq request) *httptest.ResponseRecorder {
	t.Helper()
	method := cmpOr(rq.method, http.MethodGet)
	r := httptest.NewRequestWithContext(ctx, method, rq.path, strings.NewReader(rq.body))
	r.Host = cmpOr(rq.host, addr)
	if !rq.signedOut {
		r.AddCookie(f.cookie)
	}
	if !rq.notPage {
		r.Header.Set(workbench.RequestHeader, cmpOr(rq.key, f.key))
	}
	maps.Copy(r.Header, rq.header)
	if rq.version != "" {
		r.Header.Set(workbench.VersionHeader, rq.version)
	}
	w := httptest.NewRecorder()
	f.server.ServeHTTP(w, r)
	return w
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// fileState is /api/file's answer.
type fileState struct {
	File, Version, Text string
}

func (f *fixture) state(t *testing.T) fileState {
	t.Helper()
	w := f.do(t, t.Context(), request{path: "/api/file"})
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/file: %d %s", w.Code, w.Body)
	}
	var st fileState
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRefusals checks each request the server must refuse, and that none
// of them touches the file.
func TestRefusals(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	current := f.state(t).Version
	tests := []struct {
		reason string
		rq     request
		code   int
		says   string
	}{
		{"a page of another site reached through a name that resolves here (DNS rebinding)",
			request{path: "/", host: "attacker.example:8123"}, http.StatusMisdirectedRequest, "its own address"},
		{"the right name on another port is another address",
			request{path: "/api/file", host: "127.0.0.1:9999"}, http.StatusMisdirectedRequest, "its own address"},
		{"the page without the cookie: whoever asks for it gets nothing",
			request{path: "/", signedOut: true}, http.StatusForbidden, "one-time token"},
		{"the script without the cookie",
			request{path: "/app.js", signedOut: true}, http.StatusForbidden, "one-time token"},
		{"reading the file without the cookie",
			request{path: "/api/file", signedOut: true}, http.StatusForbidden, "one-time token"},
		{"a save without the cookie",
			request{method: http.MethodPost, path: "/api/save", signedOut: true, version: current, body: seed}, http.StatusForbidden, "one-time token"},
		{"an evaluation without the cookie",
			request{method: http.MethodPost, path: "/api/evaluate", signedOut: true, body: seed}, http.StatusForbidden, "one-time token"},
		{"a wrong cookie",
			request{path: "/api/file", signedOut: true, header: http.Header{"Cookie": {"entente-8123=GUESS"}}}, http.StatusForbidden, "one-time token"},
		{"a wrong token",
			request{path: "/?token=GUESS", signedOut: true}, http.StatusForbidden, "wrong or was used"},
		{"the API without the page's header, as a form of another page on this host would post it",
			request{method: http.MethodPost, path: "/api/save", notPage: true, version: current, body: seed}, http.StatusForbidden, "its own page"},
		{"the API with the cookie but not the key, as another server on this host that the browser visited has it",
			request{method: http.MethodPost, path: "/api/save", key: "1", version: current, body: seed}, http.StatusForbidden, "sends the key"},
		{"reading the file with the cookie and a wrong key",
			request{path: "/api/file", key: "GUESS"}, http.StatusForbidden, "sends the key"},
		{"the API from another origin: a page on another port of this machine has the cookie too",
			request{method: http.MethodPost, path: "/api/save", header: http.Header{"Origin": {"http://127.0.0.1:9999"}}, version: current, body: seed}, http.StatusForbidden, "its own page"},
		{"the API from another site, as Chromium tells it",
			request{path: "/api/file", header: http.Header{"Sec-Fetch-Site": {"same-site"}}}, http.StatusForbidden, "its own page"},
		{"an evaluation larger than a file may be",
			request{method: http.MethodPost, path: "/api/evaluate", body: seed + strings.Repeat("#", limit)}, http.StatusRequestEntityTooLarge, "larger than files may be"},
		{"a save larger than a file may be",
			request{method: http.MethodPost, path: "/api/save", version: current, body: seed + strings.Repeat("#", limit)}, http.StatusRequestEntityTooLarge, "larger than files may be"},
		{"a save of a page that loaded an older file",
			request{method: http.MethodPost, path: "/api/save", version: strings.Repeat("0", 64), body: seed}, http.StatusConflict, "changed on disk"},
		{"a save of text that does not parse",
			request{method: http.MethodPost, path: "/api/save", version: current, body: "format: 1\nname: [\n"}, http.StatusUnprocessableEntity, "does not parse"},
		{"a save of text that parses but is not a valid scenario",
			request{method: http.MethodPost, path: "/api/save", version: current, body: strings.Replace(seed, "provider: US", "provider: NOBODY", 1)}, http.StatusUnprocessableEntity, "does not parse"},
		{"a save that does not say which version it started from",
			request{method: http.MethodPost, path: "/api/save", body: seed}, http.StatusBadRequest, workbench.VersionHeader},
		{"a save by GET",
			request{path: "/api/save"}, http.StatusMethodNotAllowed, "not allowed"},
		{"an evaluation by GET",
			request{path: "/api/evaluate"}, http.StatusMethodNotAllowed, "not allowed"},
		{"a what-if the page does not offer",
			request{method: http.MethodPost, path: "/api/evaluate?delete=RU", body: seed}, http.StatusBadRequest, "unknown parameter"},
		{"a withheld veto that is not a number",
			request{method: http.MethodPost, path: "/api/evaluate?withhold=x", body: seed}, http.StatusBadRequest, "withhold"},
		{"another path, however it is spelt",
			request{path: "/../../etc/passwd"}, http.StatusNotFound, ""},
		{"an asset the page does not have",
			request{path: "/index.html"}, http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			w := f.do(t, t.Context(), tt.rq)
			if w.Code != tt.code {
				t.Errorf("status %d, want %d; body %s", w.Code, tt.code, w.Body)
			}
			if !strings.Contains(w.Body.String(), tt.says) {
				t.Errorf("body %q does not say %q", w.Body, tt.says)
			}
			if w.Header().Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy on a refusal")
			}
		})
	}
	data, err := os.ReadFile(f.file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(seed, string(data)); diff != "" {
		t.Errorf("a refused request changed the file (-want +got):\n%s", diff)
	}
	if len(f.writes.paths) > 0 {
		t.Errorf("a refused request wrote %v", f.writes.paths)
	}
}

// TestReadOnly checks that a workbench without Replace refuses to save.
func TestReadOnly(t *testing.T) {
	f := newFixture(t)
	s, err := workbench.New(f.file, workbench.Options{Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	f.use(t, s)
	w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/save", version: f.state(t).Version, body: "format: 1\n"})
	if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "read-only") {
		t.Errorf("save: %d %s, want 403 saying read-only", w.Code, w.Body)
	}
}

// TestNew checks the addresses and files New refuses.
func TestNew(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		reason, file, addr, says string
	}{
		{"every interface: the Host check would have no address to hold to", f.file, "0.0.0.0:8080", "name the host"},
		{"every interface, IPv6", f.file, "[::]:8080", "name the host"},
		{"no host", f.file, ":8080", "name the host"},
		{"no port", f.file, "127.0.0.1", "address"},
		{"port 0 is not where anything listens", f.file, "127.0.0.1:0", "port"},
		{"a file that is not there", filepath.Join(t.TempDir(), "none.yaml"), addr, "no such file"},
		{"another machine's address, without Network", f.file, "192.0.2.1:8080", "not this machine's loopback"},
		{"a name that may resolve anywhere, without Network", f.file, "myhost.example:80", "not this machine's loopback"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			_, err := workbench.New(tt.file, workbench.Options{Addr: tt.addr})
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("New(%q, %q) = %v, want an error saying %q", tt.file, tt.addr, err, tt.says)
			}
		})
	}
	for _, ok := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"} {
		if _, err := workbench.New(f.file, workbench.Options{Addr: ok}); err != nil {
			t.Errorf("New(%q): %v", ok, err)
		}
	}
	for _, ok := range []string{"192.0.2.1:8080", "myhost.example:80"} {
		if _, err := workbench.New(f.file, workbench.Options{Addr: ok, Network: true}); err != nil {
			t.Errorf("New(%q) with Network: %v", ok, err)
		}
	}
}

// TestHosts checks the Host values a loopback server answers, on a
// port of its own and on port 80, which browsers leave out of Host.
func TestHosts(t *testing.T) {
	tests := []struct {
		reason, addr, host string
		code               int
	}{
		{"its own address", addr, addr, http.StatusOK},
		{"localhost is this machine whatever DNS says", addr, "localhost:8123", http.StatusOK},
		{"case does not matter in a host name", addr, "LOCALHOST:8123", http.StatusOK},
		{"no port is not its address", addr, "127.0.0.1", http.StatusMisdirectedRequest},
		{"a name that resolves to 127.0.0.1 is still another name", addr, "localtest.me:8123", http.StatusMisdirectedRequest},
		{"a Host that is no address", addr, "-", http.StatusMisdirectedRequest},
		{"port 80: browsers send the host alone", "127.0.0.1:80", "127.0.0.1", http.StatusOK},
		{"port 80, localhost alone", "127.0.0.1:80", "localhost", http.StatusOK},
		{"port 80, with the port written", "127.0.0.1:80", "127.0.0.1:80", http.StatusOK},
		{"port 80, IPv6", "[::1]:80", "[::1]", http.StatusOK},
		{"port 80, another name alone", "127.0.0.1:80", "localtest.me", http.StatusMisdirectedRequest},
		{"another port: the host alone is not its address", "127.0.0.1:8080", "127.0.0.1", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			f := newFixture(t)
			s, err := workbench.New(f.file, workbench.Options{Addr: tt.addr})
			if err != nil {
				t.Fatal(err)
			}
			f.use(t, s)
			if w := f.do(t, t.Context(), request{path: "/", host: tt.host}); w.Code != tt.code {
				t.Errorf("Host %q: status %d, want %d", tt.host, w.Code, tt.code)
			}
		})
	}
}

// TestToken checks the one-time address: it answers with an HttpOnly,
// SameSite=Strict cookie and sends the browser on to /#key=K, so that the
// token leaves the address bar and the page learns the key; a second use
// is refused.
func TestToken(t *testing.T) {
	f := newFixture(t) // has used its server's token
	s, err := workbench.New(f.file, workbench.Options{Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	u := s.URL()
	if !strings.HasPrefix(u, "http://"+addr+"/?token=") || len(u) < len("http://"+addr+"/?token=")+16 {
		t.Fatalf("URL() = %q, want http://%s/?token= and a long token", u, addr)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, get(u))
	cookies := w.Result().Cookies()
	if w.Code != http.StatusSeeOther {
		t.Errorf("first use: %d, want 303", w.Code)
	}
	key := keyOf(t, w)
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Path != "/" || strings.Contains(u, cookies[0].Value) {
		t.Fatalf("first use set %v, want one HttpOnly, SameSite=Strict cookie for /, not the token", cookies)
	}
	// The key is in the Location header alone: not in the cookie, nor in
	// the body, where http.Redirect would write a link to the address.
	if strings.Contains(u, key) || cookies[0].Value == key || strings.Contains(w.Body.String(), key) || strings.Contains(w.Header().Get("Set-Cookie"), key) {
		t.Errorf("first use: the key %q is in the address, the cookie %v or the body %q", key, cookies[0], w.Body)
	}
	w = httptest.NewRecorder()
	again := get(u)
	again.AddCookie(cookies[0])
	s.ServeHTTP(w, again)
	if w.Code != http.StatusForbidden || len(w.Result().Cookies()) != 0 {
		t.Errorf("second use: %d, cookies %v; want 403 and none", w.Code, w.Result().Cookies())
	}
	if f.server == s {
		t.Fatal("the fixture and this test share a server")
	}
	// The cookie of one server opens no other.
	w = httptest.NewRecorder()
	other := get("http://" + addr + "/")
	other.AddCookie(f.cookie)
	s.ServeHTTP(w, other)
	if w.Code != http.StatusForbidden {
		t.Errorf("another server's cookie: %d, want 403", w.Code)
	}
}

// TestPage checks the page, its assets and their headers.
func TestPage(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		reason, path, contentType string
		has                       []string
	}{
		{"the page loads its script, not inline", "/", "text/html; charset=utf-8",
			[]string{`<script src="/app.js" defer></script>`, "<title>seed.yaml: Entente workbench</title>"}},
		{"the script asks the API with the page's header", "/app.js", "text/javascript; charset=utf-8",
			[]string{"'X-Entente': key", "location.hash", "history.replaceState", "AbortController", "/api/evaluate", "/api/save", "/api/version"}},
		{"the layout", "/app.css", "text/css; charset=utf-8", []string{".editor"}},
		{"the report's own style sheet", "/report.css", "text/css; charset=utf-8", []string{".finding h3"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			w := f.do(t, t.Context(), request{path: tt.path, notPage: true})
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			csp := w.Header().Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'none'", "script-src 'self';", "style-src 'self';", "connect-src 'self'", "frame-ancestors 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe") {
				t.Errorf("Content-Security-Policy %q allows something unsafe", csp)
			}
			for _, want := range tt.has {
				if !strings.Contains(w.Body.String(), want) {
					t.Errorf("%s lacks %q", tt.path, want)
				}
			}
			if tt.path == "/" && (strings.Contains(w.Body.String(), " on") && strings.Contains(w.Body.String(), "onclick") || strings.Contains(w.Body.String(), "<script>")) {
				t.Error("the page has an inline script or event handler")
			}
		})
	}
}

// TestFile checks /api/file and /api/version, and that a change on disk
// changes the version.
func TestFile(t *testing.T) {
	f := newFixture(t)
	st := f.state(t)
	if st.Text != string(examples.Ukraine2025YAML()) || st.File != "seed.yaml" || len(st.Version) != 64 {
		t.Errorf("/api/file = %q, %q, text of %d bytes; want seed.yaml, a SHA-256, the seed", st.File, st.Version, len(st.Text))
	}
	version := func() string {
		w := f.do(t, t.Context(), request{path: "/api/version"})
		var v fileState
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || w.Code != http.StatusOK {
			t.Fatalf("/api/version: %d %s %v", w.Code, w.Body, err)
		}
		if v.Text != "" {
			t.Error("/api/version sends the text too")
		}
		return v.Version
	}
	if got := version(); got != st.Version {
		t.Errorf("/api/version = %q, /api/file's = %q", got, st.Version)
	}
	if err := os.WriteFile(f.file, []byte("format: 1\nname: changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := version(); got == st.Version {
		t.Error("the version did not change when the file did")
	}
	if err := os.WriteFile(f.file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := version(); got != st.Version {
		t.Error("the same content gave another version")
	}
}

// answer is /api/evaluate's answer, as the page reads it.
type answer struct {
	Problems []struct {
		Line, Column int
		Path         string
		Message      string
	}
	Name, Verdict, Report, Comparison, WhatIfError string
	Applied                                        []string
	Offered                                        map[string][]struct{ Key, Value, Label string }
	Sections                                       map[string]string
	Quick                                          bool
}

func (f *fixture) evaluate(t *testing.T, query, text string) answer {
	t.Helper()
	return f.evaluateWith(t, query, text, nil)
}

// evaluateWith is evaluate with the request's headers h.
func (f *fixture) evaluateWith(t *testing.T, query, text string, h http.Header) answer {
	t.Helper()
	w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate" + query, body: text, header: h})
	if w.Code != http.StatusOK {
		t.Fatalf("evaluate%s: %d %s", query, w.Code, w.Body)
	}
	var a answer
	if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestEvaluate checks the answers to the text and its what-ifs against
// what the command line says of the same.
func TestEvaluate(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	tests := []struct {
		reason, query, text string
		verdict             string
		applied             []string
		comparison          []string // in the comparison; none: no comparison
		report              []string // in the report
		whatIfError         string
	}{
		{"the seed as written: incompatible, with its findings", "", seed, "incompatible", []string{}, nil,
			[]string{`id="finding-1"`, "unmet-veto-demand", "veto-conflict", `id="search"`, `id="timeline"`, "<svg"}, ""},
		{"without Russia's veto demand: compatible, and the comparison says why", "?without=ru-demands-veto", seed, "compatible",
			[]string{"without ru-demands-veto"}, []string{"findings that went away (5)", "because: without ru-demands-veto", "feasible packages: more permissive"},
			[]string{"(no findings)"}, ""},
		{"Russia's veto granted: the comparison names the grant", "?grant=ru-demands-veto", seed, "incompatible",
			[]string{"grant RU veto over {beneficiary: UA}"}, []string{"grant RU veto over {beneficiary: UA}"}, []string{"rejected-veto"}, ""},
		{"a guarantee left out", "?without=us-air-support", seed, "incompatible",
			[]string{"without us-air-support"}, []string{"1 edit from base to other", "without us-air-support"}, []string{"unmet-veto-demand"}, ""},
		{"two what-ifs at once, in a stable order", "?without=us-air-support&without=ru-demands-veto", seed, "",
			[]string{"without ru-demands-veto", "without us-air-support"}, []string{"2 edits from base to other"}, nil, ""},
		{"a what-if of an ID the text no longer has: the file as written, and why", "?without=gone", seed, "incompatible",
			[]string{}, nil, []string{"unmet-veto-demand"}, "gone"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			a := f.evaluate(t, tt.query, tt.text)
			if len(a.Problems) > 0 {
				t.Fatalf("problems: %v", a.Problems)
			}
			if tt.verdict != "" && a.Verdict != tt.verdict {
				t.Errorf("verdict %q, want %q", a.Verdict, tt.verdict)
			}
			if diff := cmp.Diff(tt.applied, a.Applied); diff != "" {
				t.Errorf("applied (-want +got):\n%s", diff)
			}
			if len(tt.comparison) == 0 && a.Comparison != "" {
				t.Errorf("a comparison without what-ifs: %s", a.Comparison)
			}
			for _, want := range tt.comparison {
				if !strings.Contains(a.Comparison, want) {
					t.Errorf("the comparison lacks %q:\n%s", want, a.Comparison)
				}
			}
			for _, want := range tt.report {
				if !strings.Contains(a.Report, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			if !strings.Contains(a.WhatIfError, tt.whatIfError) || (tt.whatIfError == "") != (a.WhatIfError == "") {
				t.Errorf("what-if error %q, want one saying %q", a.WhatIfError, tt.whatIfError)
			}
		})
	}
}

// TestEvaluateQuick checks the stages of an answer: quick=1 leaves out
// the picture, the deal search, the bargaining and the comparison;
// picture=1 leaves out the deal search, the bargaining and the
// comparison; every section an answer has equals the full answer's.
func TestEvaluateQuick(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	for _, q := range []string{"", "without=ru-demands-veto"} {
		full := f.evaluate(t, "?"+q, seed)
		fullParts := parts(full.Report)
		for _, c := range []struct {
			query   string
			without []string
		}{{"quick=1", []string{"graph", "search", "bargaining"}}, {"picture=1", []string{"search", "bargaining"}}} {
			a := f.evaluate(t, "?"+q+"&"+c.query, seed)
			if !a.Quick || a.Comparison != "" || (q != "") != (full.Comparison != "") {
				t.Errorf("%s&%s: quick %v, comparison %q; in full %q", q, c.query, a.Quick, a.Comparison, full.Comparison)
			}
			if a.Verdict != full.Verdict {
				t.Errorf("%s&%s: verdict %q, in full %q", q, c.query, a.Verdict, full.Verdict)
			}
			got := parts(a.Report)
			for _, id := range c.without {
				if _, ok := fullParts[id]; !ok {
					t.Fatalf("%s: the full answer has no %s section", q, id)
				}
				if _, ok := got[id]; ok {
					t.Errorf("%s&%s: the report has the %s section", q, c.query, id)
				}
				if _, ok := a.Sections[id]; ok {
					t.Errorf("%s&%s: the answer has a hash for the %s section", q, c.query, id)
				}
			}
			for id, part := range got {
				if part != fullParts[id] {
					t.Errorf("%s&%s: the %s section differs from the full answer's", q, c.query, id)
				}
			}
			if len(got)+len(c.without) != len(fullParts) {
				t.Errorf("%s&%s: %d sections; the full answer has %d", q, c.query, len(got), len(fullParts))
			}
		}
	}
	for _, query := range []string{"quick=yes", "picture=0", "quick=1&picture=1"} {
		w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate?" + query, body: seed})
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", query, w.Code)
		}
	}
}

// parts returns the report's sections by ID.
func parts(report string) map[string]string {
	out := map[string]string{}
	for part := range strings.SplitSeq(report, "\n<section id=\"") {
		id, _, _ := strings.Cut(part, `"`)
		out[id] = part
	}
	return out
}

// TestEvaluateWithhold checks the what-if that withholds a veto the deal
// grants: the seed with Moscow's veto granted, then withheld again, is
// the seed's verdict.
func TestEvaluateWithhold(t *testing.T) {
	f := newFixture(t)
	granted, err := examples.Ukraine2025().Variant("moscow-gets-its-veto")
	if err != nil {
		t.Fatal(err)
	}
	text, err := scenariofile.Marshal(granted, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	as := f.evaluate(t, "", string(text))
	want := []struct{ Key, Value, Label string }{
		{"grant", "ru-demands-veto", "grant RU's veto over guarantees to UA (ru-demands-veto)"},
		{"withhold", "0", "withhold RU's veto over guarantees to UA"},
	}
	if diff := cmp.Diff(want, as.Offered["vetoes"]); diff != "" {
		t.Errorf("vetoes offered (-want +got):\n%s", diff)
	}
	withheld := f.evaluate(t, "?withhold=0", string(text))
	if diff := cmp.Diff([]string{"revoke RU veto over {beneficiary: UA}"}, withheld.Applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if !strings.Contains(withheld.Comparison, "revoke RU veto") || withheld.Comparison == "" {
		t.Errorf("the comparison does not name the revocation:\n%s", withheld.Comparison)
	}
	seed := f.evaluate(t, "", string(examples.Ukraine2025YAML()))
	if !strings.Contains(as.Report, "captured-guarantee") || strings.Contains(withheld.Report, "captured-guarantee") || strings.Contains(seed.Report, "captured-guarantee") {
		t.Error("captured-guarantee should fire with the veto granted, and neither when it is withheld nor in the seed")
	}
	w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate?withhold=5", body: string(text)})
	var a answer
	if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || !strings.Contains(a.WhatIfError, "grants 1 veto, numbered from 0") {
		t.Errorf("withhold=5 of one veto: what-if error %q (%v), want it to say so", a.WhatIfError, err)
	}
}

// TestEvaluateOffers checks the what-ifs offered for the seed.
func TestEvaluateOffers(t *testing.T) {
	f := newFixture(t)
	a := f.evaluate(t, "", string(examples.Ukraine2025YAML()))
	s := examples.Ukraine2025()
	if len(a.Offered["guarantees"]) != len(s.Guarantees) || len(a.Offered["actors"]) != len(s.Actors) {
		t.Errorf("offered %d guarantees and %d actors, want %d and %d", len(a.Offered["guarantees"]), len(a.Offered["actors"]), len(s.Guarantees), len(s.Actors))
	}
	want := []struct{ Key, Value, Label string }{{"grant", "ru-demands-veto", "grant RU's veto over guarantees to UA (ru-demands-veto)"}}
	if diff := cmp.Diff(want, a.Offered["vetoes"]); diff != "" {
		t.Errorf("vetoes offered (-want +got):\n%s", diff)
	}
}

// TestEvaluateProblems checks that the problems of the text come with
// their line and column, as entente validate gives them.
func TestEvaluateProblems(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	broken := strings.Replace(seed, "  - id: ru-demands-veto\n", "  - id: ru-demands-veto\n   bad: [\n", 1)
	unknown := strings.Replace(seed, "actor: RU\n    demands-veto", "actor: XX\n    demands-veto", 1)
	tests := []struct {
		reason, text string
	}{
		{"a syntax error", broken},
		{"an unknown actor", unknown},
		{"an empty text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			a := f.evaluate(t, "", tt.text)
			_, err := scenariofile.Parse(f.file, []byte(tt.text))
			fe, ok := err.(scenariofile.Errors)
			if !ok {
				t.Fatalf("Parse: %v, want scenariofile.Errors", err)
			}
			if len(a.Problems) != len(fe) {
				t.Fatalf("%d problems, Parse says %d: %v", len(a.Problems), len(fe), err)
			}
			for i, p := range a.Problems {
				got := fmt.Sprintf("%d:%d: %s: %s", p.Line, p.Column, p.Path, p.Message)
				want := fmt.Sprintf("%d:%d: %s: %s", fe[i].Line, fe[i].Column, fe[i].Path, fe[i].Err)
				if got != want {
					t.Errorf("problem %d: %s, want %s", i, got, want)
				}
			}
			if a.Report != "" || a.Verdict != "" {
				t.Error("a report of text that does not load")
			}
		})
	}
}

// TestHostileText checks that markup in the file reaches the page only
// escaped.
func TestHostileText(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	text := strings.Replace(seed, "name: Ukraine security guarantees, August 2025", "name: '"+evil+"'", 1)
	text = strings.Replace(text, "note: Russia cannot accept any security guarantees that do not include veto power for Moscow", "note: '"+evil+"'", 1)
	if text == seed {
		t.Fatal("the seed changed; the test no longer plants its text")
	}
	for _, query := range []string{"", "?without=us-air-support"} {
		w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate" + query, body: text})
		if w.Code != http.StatusOK {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("the answer is served as %q, nosniff %q: a browser might read it as HTML", ct, w.Header().Get("X-Content-Type-Options"))
		}
		var a answer
		if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(a.Report, "<script") || strings.Contains(a.Report, "<img") {
			t.Errorf("the report has markup from the file in it")
		}
		if !strings.Contains(a.Report, "&lt;script&gt;") && !strings.Contains(a.Report, "&lt;img") {
			t.Errorf("the report does not show the planted text, escaped")
		}
		if !strings.Contains(a.Name, "<script>") {
			t.Errorf("name %q: the JSON should carry the text as it is, for textContent", a.Name)
		}
	}
}

// TestSave checks a save: the file in fmt's form, written through
// Replace at FILE and nowhere else, and a second save from the new
// version.
func TestSave(t *testing.T) {
	f := newFixture(t)
	st := f.state(t)
	edited := strings.Replace(st.Text, "  - id: ru-demands-veto\n    actor: RU\n    demands-veto: {beneficiary: UA}\n", "", 1)
	edited = strings.Replace(edited, "    likelihood: 0.8\n    note: Russia cannot accept any security guarantees that do not include veto power for Moscow\n    sources: [seed]\n", "", 1)
	edited = strings.Replace(edited, "      - without: ru-demands-veto\n", "      - without: us-intelligence\n", 1)
	edited = strings.Replace(edited, "    # \"Russia said it could not accept any security guarantees\" without a veto\n", "", 1)
	w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/save", version: st.Version, body: edited})
	if w.Code != http.StatusOK {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	var got struct {
		Version, Text string
		Changed       bool
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want, err := scenariofile.Format(f.file, []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(f.file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(data)); diff != "" {
		t.Errorf("the file is not the edit in fmt's form (-want +got):\n%s", diff)
	}
	if got.Text != string(data) || !got.Changed || got.Version == st.Version || got.Version != f.state(t).Version {
		t.Errorf("save answered %q, changed %v, version %q; want the file as written and its new version", got.Text, got.Changed, got.Version)
	}
	if diff := cmp.Diff([]string{f.file}, f.writes.paths); diff != "" {
		t.Errorf("paths written (-want +got):\n%s", diff)
	}
	if a := f.evaluate(t, "", string(data)); a.Verdict != "compatible" {
		t.Errorf("the saved file is %s, want compatible without Russia's demand", a.Verdict)
	}
	// The page saves again from the version it was given.
	w = f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/save", version: got.Version, body: got.Text})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"changed":false`) {
		t.Errorf("saving the same text again: %d %s, want 200 and changed false", w.Code, w.Body)
	}
	if len(f.writes.paths) != 1 {
		t.Errorf("saving the same text wrote the file again")
	}
	// An older version is refused, and the file stays as it is.
	w = f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/save", version: st.Version, body: st.Text})
	if w.Code != http.StatusConflict {
		t.Errorf("saving from the version before: %d %s, want 409", w.Code, w.Body)
	}
	if after, _ := os.ReadFile(f.file); !bytes.Equal(after, data) {
		t.Error("a refused save changed the file")
	}
}

// TestCanceled checks that an evaluation whose request has ended answers
// nothing: the page has moved on.
func TestCanceled(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	w := f.do(t, ctx, request{method: http.MethodPost, path: "/api/evaluate", body: string(examples.Ukraine2025YAML())})
	if w.Body.Len() != 0 {
		t.Errorf("a cancelled evaluation answered %d bytes: %.200s", w.Body.Len(), w.Body)
	}
}

// TestConcurrent runs evaluations, what-ifs, reads and saves at once;
// run it with -race.
func TestConcurrent(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	srv := httptest.NewUnstartedServer(f.server)
	srv.Start()
	defer srv.Close()
	// The server's real address is not addr, so requests name addr as
	// their Host, as a browser on addr would.
	client := srv.Client()
	call := func(method, path, version, body string) (int, []byte, error) {
		r, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		r.Host = addr
		r.AddCookie(f.cookie)
		r.Header.Set(workbench.RequestHeader, f.key)
		if version != "" {
			r.Header.Set(workbench.VersionHeader, version)
		}
		resp, err := client.Do(r)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	version := f.state(t).Version
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	saved := make(chan int, 8)
	for i := range 8 {
		wg.Go(func() {
			queries := []string{"", "?without=ru-demands-veto", "?grant=ru-demands-veto", "?without=us-air-support&without=RU"}
			for j := range 3 {
				code, body, err := call(http.MethodPost, "/api/evaluate"+queries[(i+j)%len(queries)], "", seed)
				if err != nil || code != http.StatusOK || !bytes.Contains(body, []byte(`"verdict"`)) {
					errs <- fmt.Errorf("evaluate: %d %v %.200s", code, err, body)
				}
				if code, _, err := call(http.MethodGet, "/api/version", "", ""); err != nil || code != http.StatusOK {
					errs <- fmt.Errorf("version: %d %v", code, err)
				}
			}
			// Every page saves from the same version with its own edit:
			// one wins, the others are told the file changed.
			code, body, err := call(http.MethodPost, "/api/save", version, seed+fmt.Sprintf("# edit %d\n", i))
			if err != nil || code != http.StatusOK && code != http.StatusConflict {
				errs <- fmt.Errorf("save: %d %v %s", code, err, body)
			}
			saved <- code
		})
	}
	wg.Wait()
	close(errs)
	close(saved)
	for err := range errs {
		t.Error(err)
	}
	wins := 0
	for code := range saved {
		if code == http.StatusOK {
			wins++
		}
	}
	// The first save to take the lock writes; every later one finds the
	// file changed (or, were fmt to drop the comment, already as asked).
	if wins < 1 || len(f.writes.paths) != 1 {
		t.Errorf("%d saves succeeded, %d wrote; want at least one success and exactly one write", wins, len(f.writes.paths))
	}
}

// TestEvaluateBargaining checks that the full answer bargains over the
// deals once one is possible, as entente check --format html does, and
// that a scenario without values has no bargaining section.
func TestEvaluateBargaining(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	full := f.evaluate(t, "?without=ru-demands-veto", seed)
	if !strings.Contains(full.Report, `<section id="bargaining"`) {
		t.Errorf("without Moscow's veto demand the seed's values bargain, but the report has no bargaining section")
	}
	if quick := f.evaluate(t, "?without=ru-demands-veto&quick=1", seed); strings.Contains(quick.Report, `<section id="bargaining"`) {
		t.Errorf("the quick answer leaves bargaining to the full one, as it does the search")
	}
	if strings.Contains(f.evaluate(t, "", string(examples.Locarno1925YAML())).Report, `<section id="bargaining"`) {
		t.Errorf("a scenario without values has no bargaining section")
	}
}

// TestEvaluateMarksWalk checks that the workbench draws the picture as
// entente check --format html does, with the lapses of the walk marked:
// the mission in Georgia lapsed when Russia stopped its renewal. The
// workbench once drew it without the walk.
func TestEvaluateMarksWalk(t *testing.T) {
	f := newFixture(t)
	for _, query := range []string{"?picture=1", ""} {
		a := f.evaluate(t, query, string(examples.Georgia2009YAML()))
		if want := "lapsed on 2009-02-15: UNSC did not renew it"; !strings.Contains(a.Report, want) {
			t.Errorf("evaluate%s: the report does not say %q", query, want)
		}
	}
}

// TestEvaluateBargainingFailure checks that a bargaining that stops says
// why in the page, where it once left its section out without a word.
func TestEvaluateBargainingFailure(t *testing.T) {
	f := newFixture(t)
	s, err := workbench.New(f.file, workbench.Options{Addr: addr, SearchTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	f.use(t, s)
	a := f.evaluate(t, "?without=ru-demands-veto", string(examples.Ukraine2025YAML()))
	if want := "No bargaining is shown: the bargaining did not finish within 1ns."; !strings.Contains(a.Report, want) {
		t.Errorf("the report does not say %q", want)
	}
}

// TestSaveTooLargeOnceFormatted checks that a save whose text is within
// the size limit, but whose YAML aliases fmt writes out past it, is
// refused before anything is written: the workbench could not read such
// a file back (every look at it would fail).
func TestSaveTooLargeOnceFormatted(t *testing.T) {
	f := newFixture(t)
	st := f.state(t)
	long := strings.Repeat("a long title ", 400) // 5,200 bytes
	var text strings.Builder
	text.WriteString("entente: 1\nsources:\n  - {id: s0, title: &t '" + long + "'}\n")
	// Twelve aliases repeat 62,400 bytes, within the limit of what
	// aliases may repeat; written out with the anchor, 67,600.
	for i := 1; i < 13; i++ {
		fmt.Fprintf(&text, "  - {id: s%d, title: *t}\n", i)
	}
	if len(text.String()) >= limit {
		t.Fatalf("the text is %d bytes, want it under the limit (%d)", len(text.String()), limit)
	}
	w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/save", version: st.Version, body: text.String()})
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "--max-size") {
		t.Errorf("save: %d %s; want 413 naming --max-size", w.Code, w.Body)
	}
	if len(f.writes.paths) != 0 {
		t.Errorf("the refused save wrote %v", f.writes.paths)
	}
	if got := f.state(t); got.Version != st.Version {
		t.Error("the refused save changed the file")
	}
}

// TestEvaluateShown checks that the sections the page says it shows,
// with the hash the last answer gave them, come back as empty sections
// marked unchanged when they are, and whole when anything differs: the
// text, the hash, or what-ifs that change them.
func TestEvaluateShown(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	first := f.evaluate(t, "", seed)
	ids := slices.Sorted(maps.Keys(first.Sections))
	for _, id := range []string{"findings", "graph", "search", "timeline", "verdict"} {
		if !slices.Contains(ids, id) {
			t.Fatalf("sections %v; want %s among them", ids, id)
		}
	}
	shown := func(hashes map[string]string) http.Header {
		var pairs []string
		for _, id := range slices.Sorted(maps.Keys(hashes)) {
			pairs = append(pairs, id+":"+hashes[id])
		}
		return http.Header{workbench.ShownHeader: {strings.Join(pairs, ",")}}
	}
	unchanged := func(a answer) []string {
		var out []string
		for _, id := range slices.Sorted(maps.Keys(a.Sections)) {
			if strings.Contains(a.Report, `<section id="`+id+`" data-unchanged></section>`) {
				out = append(out, id)
			}
		}
		return out
	}

	// The same text, a comment added: every section is as shown.
	again := f.evaluateWith(t, "", "# a comment\n"+seed, shown(first.Sections))
	if got := unchanged(again); !slices.Equal(got, ids) {
		t.Errorf("the same scenario again: unchanged %v, want every section %v", got, ids)
	}
	if !cmp.Equal(again.Sections, first.Sections) || len(again.Report) >= len(first.Report)/10 {
		t.Errorf("the same scenario again: hashes changed, or the report is %d bytes of %d", len(again.Report), len(first.Report))
	}
	// Without the header, or with a wrong hash, every section is whole.
	if got := unchanged(f.evaluateWith(t, "", seed, nil)); len(got) > 0 {
		t.Errorf("no sections shown: %v left out", got)
	}
	wrong := maps.Clone(first.Sections)
	wrong["findings"] = strings.Repeat("0", 32)
	if got := unchanged(f.evaluateWith(t, "", seed, shown(wrong))); slices.Contains(got, "findings") || len(got) != len(ids)-1 {
		t.Errorf("a wrong hash for the findings: unchanged %v, want all but the findings", got)
	}
	// A what-if that changes the findings, the verdict and the picture
	// (its title names the what-if) sends those whole, with their new
	// hashes, and still leaves out the timeline.
	what := f.evaluateWith(t, "?without=ru-demands-veto", seed, shown(first.Sections))
	got := unchanged(what)
	if slices.Contains(got, "findings") || slices.Contains(got, "verdict") || slices.Contains(got, "graph") || !slices.Contains(got, "timeline") {
		t.Errorf("without Russia's veto demand: unchanged %v; want the timeline, not the findings, the verdict or the picture", got)
	}
	if what.Sections["findings"] == first.Sections["findings"] || !strings.Contains(what.Report, "(no findings)") {
		t.Error("without Russia's veto demand: the findings kept their hash, or are not sent")
	}
	// A header that is not pairs, or far too long, changes nothing.
	for _, v := range []string{"garbage", ",,:,:x,findings:", strings.Repeat("a:b,", 10_000)} {
		a := f.evaluateWith(t, "", seed, http.Header{workbench.ShownHeader: {v}})
		if len(unchanged(a)) > 0 || a.Report != first.Report {
			t.Errorf("header %.40q: the report differs from the whole one", v)
		}
	}
}

// TestKey checks that the session cookie alone reads and writes nothing.
// Cookies are shared by every port of a host: any server on this machine
// that the browser visits receives the cookie, and could send it back
// with any header it likes. The API asks for the key too, which is in no
// cookie and in no answer's body.
func TestKey(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	current := f.state(t).Version
	overwrite := seed + "# overwritten\n"
	var answers []*httptest.ResponseRecorder
	for _, key := range []string{"1", "GUESS", strings.ToLower(f.key), f.key + "A", f.key[:len(f.key)-1], " " + f.key} {
		for _, rq := range []request{
			{path: "/api/file", key: key},
			{path: "/api/version", key: key},
			{method: http.MethodPost, path: "/api/save", key: key, version: current, body: overwrite},
			{method: http.MethodPost, path: "/api/evaluate", key: key, body: seed},
		} {
			w := f.do(t, t.Context(), rq)
			if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "ukraine") {
				t.Errorf("%s %s with the cookie and the key %q: %d %.100s; want 403, and nothing of the file", cmpOr(rq.method, "GET"), rq.path, key, w.Code, w.Body)
			}
			answers = append(answers, w)
		}
	}
	// The key given twice is no key.
	twice := f.do(t, t.Context(), request{path: "/api/file", header: http.Header{workbench.RequestHeader: {f.key, "1"}}})
	if twice.Code != http.StatusForbidden {
		t.Errorf("the key and another value: %d, want 403", twice.Code)
	}
	if data, err := os.ReadFile(f.file); err != nil || string(data) != seed || len(f.writes.paths) > 0 {
		t.Fatalf("a request without the key changed the file (%v, %d writes)", err, len(f.writes.paths))
	}
	// With the key, the page reads and writes.
	for _, tc := range []struct {
		rq   request
		want int
	}{
		{request{path: "/"}, http.StatusOK},
		{request{path: "/app.js"}, http.StatusOK},
		{request{path: "/api/file"}, http.StatusOK},
		{request{path: "/api/version"}, http.StatusOK},
		{request{method: http.MethodPost, path: "/api/evaluate?without=ru-demands-veto", body: seed}, http.StatusOK},
		{request{method: http.MethodPost, path: "/api/save", version: current, body: overwrite}, http.StatusOK},
		{request{path: "/api/nothing"}, http.StatusNotFound},
		{request{path: "/?token=GUESS"}, http.StatusForbidden}, // the token is spent, and wrong
	} {
		w := f.do(t, t.Context(), tc.rq)
		if w.Code != tc.want {
			t.Errorf("%s with the key: %d %.200s; want %d", tc.rq.path, w.Code, w.Body, tc.want)
		}
		answers = append(answers, w)
	}
	if data, _ := os.ReadFile(f.file); !strings.Contains(string(data), "# overwritten") {
		t.Error("the save with the key did not write the file")
	}
	// No answer gives the key away, whatever it says.
	for _, w := range answers {
		if strings.Contains(w.Body.String(), f.key) {
			t.Errorf("an answer's body holds the key: %.200s", w.Body)
		}
		for name, vs := range w.Header() {
			if strings.Contains(strings.Join(vs, " "), f.key) {
				t.Errorf("an answer's %s header holds the key", name)
			}
		}
	}
}

// TestAbsoluteForm checks, on the wire, that a request for a whole
// address (GET http://HOST/PATH, as a proxy is asked) is refused: Go
// takes its Host from that address and drops the Host header it came
// with, so the Host check would pass a request sent with Host: evil.
func TestAbsoluteForm(t *testing.T) {
	f := newFixture(t)
	ln, listening, err := workbench.Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := workbench.New(f.file, workbench.Options{Addr: listening})
	if err != nil {
		t.Fatal(err)
	}
	f.use(t, s)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	send := func(target, host string) (int, string) {
		t.Helper()
		c, err := net.Dial("tcp", listening)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\n%s: %s\r\nConnection: close\r\n\r\n",
			target, host, f.cookie.String(), workbench.RequestHeader, f.key)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := send("/api/file", listening); code != http.StatusOK || !strings.Contains(body, "ukraine") {
		t.Fatalf("the page's own request: %d %.100s, want 200 and the file", code, body)
	}
	if code, _ := send("/api/file", "attacker.example"); code != http.StatusMisdirectedRequest {
		t.Errorf("Host: attacker.example: %d, want 421", code)
	}
	for _, host := range []string{"attacker.example", listening} {
		code, body := send("http://"+listening+"/api/file", host)
		if code != http.StatusBadRequest || strings.Contains(body, "ukraine") || !strings.Contains(body, "not for a whole address") {
			t.Errorf("GET http://%s/api/file with Host: %s: %d %.100s; want 400, saying why", listening, host, code, body)
		}
	}
}

// TestEvaluateQuery checks that a query that does not parse whole is
// refused, saying why, where Go's URL.Query once dropped what it could
// not read (past 10,000 parameters, all of them; a ;, the setting), and
// that a query with several mistakes always gets the same message.
func TestEvaluateQuery(t *testing.T) {
	f := newFixture(t)
	seed := string(examples.Ukraine2025YAML())
	many := "quick=1" + strings.Repeat("&without=ru-demands-veto", 10_000)
	tests := []struct {
		reason, query, says string
	}{
		{"more parameters than Go reads", many, "exceeded limit"},
		{"a ; between what-ifs", "without=ru-demands-veto;without=RU&quick=1", "semicolon"},
		{"a ; before quick", "without=ru-demands-veto;quick=1", "semicolon"},
		{"a bad escape", "without=%zz", "invalid URL escape"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate?" + tt.query, body: seed})
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tt.says) || !strings.Contains(w.Body.String(), "does not parse") {
				t.Errorf("%d %.300s; want 400, saying %q", w.Code, w.Body, tt.says)
			}
		})
	}
	// Several mistakes: every unknown parameter named, in order, and the
	// same message each time.
	const want = `unknown parameters "aaa", "zzz": want a what-if (without, grant, withhold), quick or picture`
	for range 20 {
		w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate?zzz=1&aaa=1&withhold=x&quick=2", body: seed})
		var a struct{ Error string }
		if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || w.Code != http.StatusBadRequest || a.Error != want {
			t.Fatalf("%d %q (%v); want 400 %q", w.Code, a.Error, err, want)
		}
	}
	// Known parameters only: the first mistake in the order of the keys.
	for range 20 {
		w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate?withhold=x&quick=2", body: seed})
		if !strings.Contains(w.Body.String(), `quick=\"2\"`) {
			t.Fatalf("%d %s; want quick's mistake, the first key in order", w.Code, w.Body)
		}
	}
}

// hostileFile holds every hostile string the project's writers must keep
// harmless, in every free-text field.
var hostileFile = filepath.Join("..", "..", "cmd", "entente", "testdata", "hostile.yaml")

// TestHostileRunes checks that no control or bidi rune of the file
// reaches the page raw in the fields the page shows as text: the name,
// the what-ifs offered and applied, why a what-if failed, and the path
// and message of a problem (a path can hold a key of the file). They are
// escaped as entente validate and entente check print them; and no JSON
// answer holds such a rune raw, not even in the text of the file.
func TestHostileRunes(t *testing.T) {
	f := newFixture(t)
	data, err := os.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	const loc = `"loc \x1b[2J\u202e\u0085 <b>&\"%%{init}%%"`
	hostile := strings.Replace(string(data), "  - holder: C\n    over: {beneficiary: B}\n",
		"  - holder: C\n    over: {beneficiary: B, location: "+loc+"}\n", 1)
	hostile = strings.Replace(hostile, "positions:\n",
		"positions:\n  - id: b-demands\n    actor: B\n    demands-veto: {beneficiary: B, location: "+loc+"}\n", 1)
	if !strings.Contains(hostile, "over: {beneficiary: B, location:") || !strings.Contains(hostile, "b-demands") {
		t.Fatal("the hostile file changed; the test no longer plants its text")
	}
	problem := strings.Replace(string(examples.Ukraine2025YAML()), "  - id: ru-demands-veto\n",
		"  - id: ru-demands-veto\n    \"k\\u202eyek\\nFAKE 9:9: all good\\x1b[2J\\u0085\": 1\n", 1)
	tests := []struct {
		reason, query, text string
		escaped             string // in the answer, as the command line prints it
	}{
		{"the file as written", "", hostile, `\x1b[31mRED`},
		{"a veto withheld", "?withhold=0", hostile, `\x1b[2J\u202e\u0085`},
		{"a veto granted", "?grant=b-demands", hostile, `\x1b[2J\u202e\u0085`},
		{"a what-if of an ID the text does not have", "?without=gone%E2%80%AE%C2%85%1B", hostile, `gone\u202e\u0085\x1b`},
		{"a key of the file in a problem's path", "", problem, `k\u202eyek\nFAKE 9:9: all good\x1b[2J\u0085`},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			w := f.do(t, t.Context(), request{method: http.MethodPost, path: "/api/evaluate" + tt.query, body: tt.text})
			if w.Code != http.StatusOK {
				t.Fatalf("%d %.300s", w.Code, w.Body)
			}
			body := strings.TrimSuffix(w.Body.String(), "\n")
			if h := hiddenIn(body); len(h) > 0 {
				t.Errorf("the JSON answer holds the raw runes %q", h)
			}
			var a answer
			if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			if (len(a.Problems) > 0) != (tt.text == problem) || len(a.Problems) == 0 && a.Verdict == "" {
				t.Fatalf("problems %v, verdict %q; want a verdict, or the problem planted", a.Problems, a.Verdict)
			}
			shown := []string{a.Name, a.WhatIfError}
			shown = append(shown, a.Applied...)
			for _, group := range a.Offered {
				for _, o := range group {
					shown = append(shown, o.Label)
				}
			}
			for _, p := range a.Problems {
				shown = append(shown, p.Path, p.Message)
			}
			for _, s := range shown {
				if h := hiddenIn(s); len(h) > 0 {
					t.Errorf("%.80q holds the raw runes %q", s, h)
				}
			}
			if !strings.Contains(strings.Join(shown, "\n"), tt.escaped) {
				t.Errorf("no field shows %s escaped:\n%s", tt.escaped, strings.Join(shown, "\n"))
			}
		})
	}
	// The text of the file comes back as it is, for the editor, but no
	// rune of it raw in the JSON.
	if err := os.WriteFile(f.file, []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	w := f.do(t, t.Context(), request{path: "/api/file"})
	if h := hiddenIn(strings.TrimSuffix(w.Body.String(), "\n")); w.Code != http.StatusOK || len(h) > 0 {
		t.Errorf("/api/file: %d, raw runes %q", w.Code, h)
	}
	if st := f.state(t); st.Text != hostile {
		t.Error("/api/file does not give the file's text as it is")
	}
}

// hiddenIn lists the runes of s that act on a display rather than show:
// the C0 and C1 controls, DEL, and the bidi overrides and isolates.
func hiddenIn(s string) []rune {
	var out []rune
	for _, r := range s {
		if r < 0x20 || 0x7f <= r && r < 0xa0 || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 {
			out = append(out, r)
		}
	}
	return out
}
