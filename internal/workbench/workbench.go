package workbench

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario/htmlreport"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// VersionHeader is the header of a save request that names the version
// of the file the page loaded: the save is refused when the file on disk
// is no longer that version.
const VersionHeader = "X-Entente-Version"

// DefaultSearchTimeout is how long the deal search of one evaluation may
// run unless Options says otherwise.
const DefaultSearchTimeout = 2 * time.Second

// Options configure a [Server]. Only Addr is required; the zero value of
// every other field means its default.
type Options struct {
	// Addr is the host and port the server listens on, such as
	// "127.0.0.1:8080" ([Listen] gives it). The server answers only
	// requests whose Host header is Addr (or, when its host is a loopback
	// address, "localhost" with its port; and either without the port
	// when the port is 80, as browsers send it), so that a page of
	// another site cannot reach it through a name that resolves to this
	// machine (DNS rebinding). Its host must be named (not 0.0.0.0, ::),
	// and be this machine's loopback unless Network is true.
	Addr string
	// Network allows an Addr whose host is not this machine's loopback:
	// a server that other machines can reach, over plain HTTP. Whoever
	// sees the address with its token, or the cookie and the key, on the
	// way can read and overwrite the file. False, the default, refuses
	// such an Addr.
	Network bool
	// MaxSize is the largest scenario file, and so the largest request
	// body, in bytes; zero means [scenariofile.DefaultMaxSize].
	MaxSize int64
	// SearchTimeout bounds the deal search, and the bargaining, of each
	// evaluation; the report then says the search is incomplete. Zero
	// means [DefaultSearchTimeout].
	SearchTimeout time.Duration
	// Replace writes the file when the page saves it. It must replace the
	// file atomically, as `entente fmt -w` does (the command passes that
	// very function). Nil makes the workbench read-only: saving is
	// refused, saying so.
	Replace func(path string, data []byte) error
}

// MaxEvaluations is how many evaluations a [Server] runs at once; more
// wait for one to end.
const MaxEvaluations = 4

// Server is the workbench for one scenario file: an [http.Handler] that
// serves the page and its API. It is safe for concurrent use.
type Server struct {
	file   string
	addr   string
	opts   scenariofile.Options
	hosts  map[string]bool
	search time.Duration
	write  func(path string, data []byte) error
	page   []byte

	// token opens the workbench once (see URL); session is the value of
	// the cookie it is exchanged for, named cookie; key is what the API
	// asks for in RequestHeader, given to the page in the fragment of the
	// address the exchange sends it on to.
	token, session, cookie, key string
	tokenUsed                   atomic.Bool

	saving sync.Mutex // one save at a time

	slots   chan struct{} // a token per evaluation running, MaxEvaluations at most
	mu      sync.Mutex
	running map[string]*evaluation // by PageHeader: the evaluation each page has running
	made    [stages]*made          // the last answer made at each stage (see answer)

	// fragment writes the reports of each stage, keeping each section's
	// HTML, so that an edit makes again only the sections it changes.
	fragment [stages]htmlreport.Writer
}

// evaluation is an evaluation running for a page; cancel stops it.
type evaluation struct{ cancel context.CancelCauseFunc }

// New returns the workbench for file. It checks that file can be read
// (it may have errors: the page shows them), and that opts.Addr names
// a host and a port, as [Listen] does.
func New(file string, opts Options) (*Server, error) {
	host, port, err := checkAddr(opts.Addr, opts.Network, false)
	if err != nil {
		return nil, fmt.Errorf("workbench: %w", err)
	}
	s := &Server{
		file:    file,
		addr:    net.JoinHostPort(host, port),
		opts:    scenariofile.Options{MaxSize: opts.MaxSize},
		hosts:   hostsFor(host, port),
		search:  opts.SearchTimeout,
		write:   opts.Replace,
		token:   rand.Text(),
		session: rand.Text(),
		key:     rand.Text(),
		// Cookies are shared by every port of a host: one name per port
		// keeps two workbenches on one machine apart.
		cookie:  "entente-" + port,
		slots:   make(chan struct{}, MaxEvaluations),
		running: make(map[string]*evaluation),
	}
	if s.search <= 0 {
		s.search = DefaultSearchTimeout
	}
	if _, err := s.read(); err != nil {
		return nil, err
	}
	var page bytes.Buffer
	if err := pageTemplate().Execute(&page, struct{ File string }{filepath.Base(file)}); err != nil {
		return nil, fmt.Errorf("workbench: %w", err)
	}
	s.page = page.Bytes()
	return s, nil
}

// URL returns the address that opens the workbench, with its one-time
// token: http://ADDR/?token=T. The first request for it gets the session
// cookie and is sent on to http://ADDR/#key=K, whose fragment gives the
// page the key the API asks for; every later one is refused. It is for
// the one who started the server, and for nobody else.
func (s *Server) URL() string {
	return "http://" + s.addr + "/?" + TokenParam + "=" + s.token
}

//go:embed assets
var assets embed.FS

// pageTemplate parses on first use, not when a program that may never
// serve starts.
var pageTemplate = sync.OnceValue(func() *template.Template { return template.Must(template.ParseFS(assets, "assets/index.html")) })

// contentSecurityPolicy lets the page load its own script and styles
// and talk to its own server, and nothing else: no inline script or
// event handler, no other site, no frame, no form posted anywhere.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// ServeHTTP answers one request, after checking its form and its Host,
// its session cookie and, under /api/, that it comes from the
// workbench's own page and carries the key. GET /?token=T exchanges the
// one-time token for the cookie and the key.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if !originForm(r) {
		http.Error(w, "this server answers requests for a path (GET /PATH), not for a whole address as a proxy is asked", http.StatusBadRequest)
		return
	}
	if !s.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "this server answers only requests for its own address", http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path == "/" && r.URL.Query().Has(TokenParam) {
		s.exchange(w, r)
		return
	}
	if !s.signedIn(r) {
		http.Error(w, "open the workbench at the address entente serve printed when it started: "+
			"it holds a one-time token, which this browser exchanges for a cookie", http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// In JSON, as every answer of the API, for the page to show.
		if !sameOrigin(r) {
			writeError(w, http.StatusForbidden, "this server answers its API only to its own page")
			return
		}
		if !s.keyed(r) {
			writeError(w, http.StatusForbidden, "this server answers its API only to its own page, which sends the key it was given when "+
				"the address entente serve printed opened it")
			return
		}
	}
	route := func(method string, f func(http.ResponseWriter, *http.Request)) {
		if r.Method != method && !(method == http.MethodGet && r.Method == http.MethodHead) {
			h.Set("Allow", method)
			http.Error(w, r.Method+" is not allowed here", http.StatusMethodNotAllowed)
			return
		}
		f(w, r)
	}
	switch r.URL.Path {
	case "/":
		route(http.MethodGet, s.servePage)
	case "/app.js", "/app.css":
		route(http.MethodGet, s.serveAsset)
	case "/report.css":
		route(http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
			serveBytes(w, "text/css; charset=utf-8", htmlreport.Stylesheet())
		})
	case "/api/file":
		route(http.MethodGet, s.serveFile)
	case "/api/version":
		route(http.MethodGet, s.serveVersion)
	case "/api/evaluate":
		route(http.MethodPost, s.serveEvaluate)
	case "/api/save":
		route(http.MethodPost, s.serveSave)
	default:
		http.NotFound(w, r)
	}
}

func serveBytes(w http.ResponseWriter, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	serveBytes(w, "text/html; charset=utf-8", s.page)
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("assets" + r.URL.Path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct := "text/css; charset=utf-8"
	if strings.HasSuffix(r.URL.Path, ".js") {
		ct = "text/javascript; charset=utf-8"
	}
	serveBytes(w, ct, data)
}

// version names the content of a file: the SHA-256 of its bytes, in hex.
func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// read reads the file, never more than the size limit.
func (s *Server) read() ([]byte, error) { return s.opts.Read(s.file) }

// fileState is what /api/file and /api/version answer.
type fileState struct {
	File    string `json:"file"`
	Version string `json:"version"`
	Text    string `json:"text,omitempty"`
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	data, err := s.read()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "reading the file: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, fileState{File: filepath.Base(s.file), Version: version(data), Text: string(data)})
}

func (s *Server) serveVersion(w http.ResponseWriter, r *http.Request) {
	data, err := s.read()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "reading the file: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, fileState{File: filepath.Base(s.file), Version: version(data)})
}

// writeJSON answers v as JSON. The hidden runes encoding/json leaves as
// they are (DEL, the C1 controls, the bidirectional overrides) are
// written as \u escapes ([safe.JSON]), so that the answer read on a
// terminal is harmless too; the page reads the same strings.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(safe.JSON(&buf))
	// Served as JSON, never sniffed (nosniff) and read by the page as
	// data: escaping < and > too would only make the report a third larger.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// failure is the body of a refusal: what is wrong, and the problems of
// the text when that is why.
type failure struct {
	Error    string    `json:"error"`
	Problems []problem `json:"problems,omitempty"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, failure{Error: msg})
}

// limit is the largest file the workbench reads, in bytes.
func (s *Server) limit() int64 {
	if s.opts.MaxSize <= 0 {
		return scenariofile.DefaultMaxSize
	}
	return s.opts.MaxSize
}

// body reads a request's body, the scenario text, refusing one larger
// than a file may be. ok is false when it has answered the request.
func (s *Server) body(w http.ResponseWriter, r *http.Request) (data []byte, ok bool) {
	limit := s.limit()
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			writeError(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("the text is larger than files may be (%d bytes); start entente serve with a larger --max-size", limit))
			return nil, false
		}
		writeError(w, http.StatusBadRequest, "reading the request: "+err.Error())
		return nil, false
	}
	return data, true
}

// serveEvaluate answers POST /api/evaluate. It reads the body only once
// it has a turn, so that no more than MaxEvaluations texts are held at
// once.
func (s *Server) serveEvaluate(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "the query does not parse: "+err.Error()+
			"; a query holds at most 10000 parameters, separated by &")
		return
	}
	t, err := parseToggles(q)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx, done := s.start(r)
	defer done()
	// Wait for a turn: evaluations at once are capped, and one that waits
	// stops waiting when the page sends a newer one.
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		s.stopped(w, r, ctx)
		return
	}
	text, ok := s.body(w, r)
	if !ok {
		return
	}
	res, err := s.evaluate(ctx, text, t, parseShown(r.Header.Get(ShownHeader)))
	if err != nil {
		if ctx.Err() != nil {
			s.stopped(w, r, ctx)
			return
		}
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// errSuperseded is why an evaluation stops when its page sends a newer
// one.
var errSuperseded = errors.New("superseded by a newer evaluation from the same page")

// start registers the evaluation of r under its page ([PageHeader]),
// stopping the one the page still has running, and returns its context;
// done unregisters it.
func (s *Server) start(r *http.Request) (ctx context.Context, done func()) {
	ctx, cancel := context.WithCancelCause(r.Context())
	page := r.Header.Get(PageHeader)
	if page == "" || len(page) > 64 {
		return ctx, func() { cancel(nil) }
	}
	e := &evaluation{cancel}
	s.mu.Lock()
	if prev := s.running[page]; prev != nil {
		prev.cancel(errSuperseded)
	}
	s.running[page] = e
	s.mu.Unlock()
	return ctx, func() {
		s.mu.Lock()
		if s.running[page] == e {
			delete(s.running, page)
		}
		s.mu.Unlock()
		cancel(nil)
	}
}

// stopped answers an evaluation that stopped before its end: nothing,
// when the request ended (the page has moved on), or that a newer one
// superseded it.
func (s *Server) stopped(w http.ResponseWriter, r *http.Request, ctx context.Context) {
	if r.Context().Err() != nil {
		return // nobody reads the answer
	}
	writeError(w, http.StatusConflict, "not evaluated: "+context.Cause(ctx).Error())
}

// saved is the answer to a save: the file's new version and its text as
// written, in fmt's form.
type saved struct {
	Version string `json:"version"`
	Text    string `json:"text"`
	Changed bool   `json:"changed"` // false: the file already held this text
}

func (s *Server) serveSave(w http.ResponseWriter, r *http.Request) {
	if s.write == nil {
		writeError(w, http.StatusForbidden, "this workbench is read-only: it cannot save")
		return
	}
	base := r.Header.Get(VersionHeader)
	if base == "" {
		writeError(w, http.StatusBadRequest, "missing "+VersionHeader+": the version of the file the edit started from")
		return
	}
	text, ok := s.body(w, r)
	if !ok {
		return
	}
	out, err := s.opts.Format(s.file, text)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, failure{
			Error:    "not saved: the text does not parse; mend the marked problems first",
			Problems: problems(err),
		})
		return
	}
	// fmt writes aliases out in full: a small text can format to a file
	// larger than the workbench (or any entente command) will read.
	if limit := s.limit(); int64(len(out)) > limit {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf(
			"not saved: in fmt's form, with its YAML aliases written out, the file would be %d bytes, more than files may be (%d bytes), "+
				"and could not be read back; use fewer aliases, or start entente serve with a larger --max-size", len(out), limit))
		return
	}
	s.saving.Lock()
	defer s.saving.Unlock()
	current, err := s.read()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "not saved: reading the file: "+err.Error())
		return
	}
	if version(current) != base {
		writeError(w, http.StatusConflict, "not saved: the file changed on disk since the page loaded it; "+
			"copy your edit, load the file again, and make the edit there")
		return
	}
	if bytes.Equal(current, out) {
		writeJSON(w, http.StatusOK, saved{Version: base, Text: string(out)})
		return
	}
	if err := s.write(s.file, out); err != nil {
		writeError(w, http.StatusInternalServerError, "not saved: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, saved{Version: version(out), Text: string(out), Changed: true})
}
