package workbench

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
)

// TestEvaluationsAtOnce checks, with every turn taken, that evaluations
// wait for one (at most MaxEvaluations run at once), and that a newer
// evaluation from a page stops the one that page still has waiting or
// running, on the server, not only in the page.
func TestEvaluationsAtOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	seed := string(examples.Ukraine2025YAML())
	if err := os.WriteFile(file, []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(file, Options{Addr: "127.0.0.1:8123"})
	if err != nil {
		t.Fatal(err)
	}
	signIn := httptest.NewRecorder()
	open := httptest.NewRequest(http.MethodGet, "/?"+TokenParam+"="+s.token, nil)
	open.Host = "127.0.0.1:8123"
	s.ServeHTTP(signIn, open)
	cookie := signIn.Result().Cookies()[0]
	evaluate := func(ctx context.Context, page string) chan *httptest.ResponseRecorder {
		answer := make(chan *httptest.ResponseRecorder, 1)
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/evaluate?quick=1", strings.NewReader(seed))
		r.Host = "127.0.0.1:8123"
		r.AddCookie(cookie)
		r.Header.Set(RequestHeader, s.key)
		r.Header.Set(PageHeader, page)
		go func() {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			answer <- w
		}()
		return answer
	}
	waiting := func(page string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			s.mu.Lock()
			_, ok := s.running[page]
			s.mu.Unlock()
			if ok {
				return
			}
		}
		t.Fatalf("no evaluation of page %s started", page)
	}

	for range MaxEvaluations {
		s.slots <- struct{}{} // every turn taken
	}
	first := evaluate(t.Context(), "P")
	waiting("P")
	second := evaluate(t.Context(), "P")
	select {
	case w := <-first:
		if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "superseded") {
			t.Errorf("the first evaluation answered %d %s; want 409, superseded", w.Code, w.Body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the newer evaluation of the page did not stop the older one")
	}
	// Another page's evaluation stops nothing, and waits for a turn.
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	if w := <-evaluate(ctx, "Q"); w.Body.Len() != 0 {
		t.Errorf("with every turn taken, an evaluation answered %d %.100s; want it to wait, and nothing once its request ended", w.Code, w.Body)
	}
	select {
	case w := <-second:
		t.Fatalf("with every turn taken, an evaluation answered %d", w.Code)
	default:
	}
	for range MaxEvaluations {
		<-s.slots
	}
	select {
	case w := <-second:
		if w.Code != http.StatusOK {
			t.Errorf("the newer evaluation answered %d %.200s, want 200", w.Code, w.Body)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the newer evaluation never ran")
	}
}

// TestAnswerKept checks that the server makes a report again only when
// the scenarios differ from those of its last answer at the same stage,
// that each stage has what it should, and that it keeps no answer whose
// search the clock cut short.
func TestAnswerKept(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(file, Options{Addr: "127.0.0.1:8123"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	base := examples.Ukraine2025()
	answer := func(base, sc scenario.Scenario, st stage, compared bool) *made {
		t.Helper()
		m, err := s.answer(ctx, base, sc, st, compared)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	has := func(m *made, id string) bool { return strings.Contains(m.report.html, `<section id="`+id+`"`) }
	quick := answer(base, base, findingsOnly, false)
	if again := answer(examples.Ukraine2025(), examples.Ukraine2025(), findingsOnly, false); again != quick {
		t.Error("the same scenario again, quick: made again")
	}
	if !has(quick, "findings") || has(quick, "graph") || quick.report.hashes["graph"] != "" || has(quick, "search") {
		t.Error("the findings alone: want findings, and neither the picture (nor its hash) nor the search")
	}
	picture := answer(base, base, withPicture, false)
	if picture == quick || !has(picture, "graph") || !has(picture, "findings") || has(picture, "search") {
		t.Error("with the picture: want the picture and the findings, without the search")
	}
	full := answer(base, base, inFull, false)
	if full == quick || full == picture || !has(full, "search") || !has(full, "graph") {
		t.Error("in full: an answer of another stage, or no search or picture")
	}
	if again := answer(base, base, findingsOnly, false); again != quick {
		t.Error("quick after full: the quick answer was not kept beside the full one")
	}
	if again := answer(base, base, withPicture, false); again != picture {
		t.Error("the picture after full: not kept beside the full one")
	}
	// Any difference makes it again: the name, a what-if, the
	// comparison asked for.
	edited := examples.Ukraine2025()
	edited.Name += " edited"
	if m := answer(edited, edited, findingsOnly, false); m == quick || !strings.HasSuffix(m.name, " edited") {
		t.Error("an edited name: the answer of the scenario before")
	}
	what, err := base.With(scenario.Without{ID: "ru-demands-veto"})
	if err != nil {
		t.Fatal(err)
	}
	if m := answer(base, what, inFull, true); m == full || m.verdict != "compatible" || m.comparison == "" {
		t.Errorf("without Russia's veto demand: verdict %q, comparison %q; want compatible, compared", m.verdict, m.comparison)
	}
	// A search cut short is not kept.
	hurried, err := New(file, Options{Addr: "127.0.0.1:8123", SearchTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	first, err := hurried.answer(ctx, base, base, inFull, false)
	if err != nil {
		t.Fatal(err)
	}
	if second, err := hurried.answer(ctx, base, base, inFull, false); err != nil || second == first {
		t.Errorf("a search cut short: kept (%v)", err)
	}
}

// TestAnswerEndedNotKept checks that an answer whose request ends while it
// is made is not kept: the comparison stops early without an error when
// its context ends, and a kept one would be shown short until the
// scenario changed. The requests end at moments spread over the making of
// the answer; whatever is kept must be whole.
func TestAnswerEndedNotKept(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	base := examples.Ukraine2025()
	what, err := base.With(scenario.Without{ID: "ru-demands-veto"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(file, Options{Addr: "127.0.0.1:8123"})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := s.answer(t.Context(), base, what, inFull, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		s, err := New(file, Options{Addr: "127.0.0.1:8123"})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(time.Duration(i%100)*20*time.Microsecond, cancel)
		m, err := s.answer(ctx, base, what, inFull, true)
		cancel()
		if err == nil && m.comparison != whole.comparison {
			t.Fatalf("an ended request answered a comparison that is not whole:\n%s", m.comparison)
		}
		if k := s.made[inFull]; k != nil && k.comparison != whole.comparison {
			t.Fatalf("an ended request kept a comparison that is not whole:\n%s", k.comparison)
		}
	}
}

// TestEditsStop checks that an evaluation whose request has ended stops
// while it makes the what-if, with the context's error: an abandoned
// request once went on turning thousands of toggles into edits, holding
// its turn. The answer for the same what-if is made first and kept, so
// that only the check of the context, not the making of the report, can
// stop the second evaluation.
func TestEditsStop(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	text := examples.Ukraine2025YAML()
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(file, Options{Addr: "127.0.0.1:8123"})
	if err != nil {
		t.Fatal(err)
	}
	tg := toggles{stage: findingsOnly, without: []string{"ru-demands-veto"}, grant: []string{"ru-demands-veto"}}
	if res, err := s.evaluate(t.Context(), text, tg, nil); err != nil || len(res.Applied) != 2 {
		t.Fatalf("the what-if: %v, applied %v; want two edits", err, res.Applied)
	}
	ctx, cancel := context.WithCancelCause(t.Context())
	cancel(errSuperseded)
	res, err := s.evaluate(ctx, text, tg, nil)
	if !errors.Is(err, context.Canceled) || res.Report != "" || len(res.Applied) != 0 {
		t.Errorf("an ended request: %v, applied %v, a report of %d bytes; want context.Canceled and nothing made", err, res.Applied, len(res.Report))
	}
	if edits, err := tg.edits(ctx, examples.Ukraine2025()); !errors.Is(err, context.Canceled) || edits != nil {
		t.Errorf("edits of an ended request: %v, %v; want context.Canceled and none", edits, err)
	}
	if context.Cause(ctx) != errSuperseded {
		t.Errorf("the cause %v is lost", context.Cause(ctx))
	}
}

// TestEditsOnce checks that a what-if asked twice is made once: the same
// toggle twice in the query, and two vetoes alike, which revoke as one;
// and that the edits come in the order of the toggles.
func TestEditsOnce(t *testing.T) {
	tg, err := parseToggles(url.Values{"withhold": {"3", "0", "0", "1", "2", "3"}, "without": {"RU", "RU"}, "grant": {"ru-demands-veto", "ru-demands-veto"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := examples.Ukraine2025().Variant("moscow-gets-its-veto")
	if err != nil {
		t.Fatal(err)
	}
	us := s.Vetoes[0]
	us.Holder = "US"
	s.Vetoes = append(s.Vetoes, s.Vetoes[0], us, s.Vetoes[0]) // RU, RU, US, RU
	edits, err := tg.edits(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range edits {
		got = append(got, e.String())
	}
	want := []string{"revoke RU veto over {beneficiary: UA}", "revoke US veto over {beneficiary: UA}", "grant RU veto over {beneficiary: UA}", "without RU"}
	if !slices.Equal(got, want) {
		t.Errorf("edits %q, want %q", got, want)
	}
}

// BenchmarkEdits measures turning 10,000 withheld vetoes into edits, all
// different: the work grows with the number of toggles, where a search
// of the edits made so far for each once took 15 seconds.
func BenchmarkEdits(b *testing.B) {
	var s scenario.Scenario
	q := url.Values{}
	for i := range 10_000 {
		s.Vetoes = append(s.Vetoes, scenario.Veto{Holder: actor.ID("A" + strconv.Itoa(i))})
		q.Add("withhold", strconv.Itoa(i))
	}
	tg, err := parseToggles(q)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if edits, err := tg.edits(b.Context(), s); err != nil || len(edits) != 10_000 {
			b.Fatalf("%d edits, %v", len(edits), err)
		}
	}
}

// bodyRead is a request body that says when it is first read.
type bodyRead struct {
	io.Reader
	read chan struct{}
	once sync.Once
}

func (b *bodyRead) Read(p []byte) (int, error) {
	b.once.Do(func() { close(b.read) })
	return b.Reader.Read(p)
}

// TestEvaluationBodyWaits checks that an evaluation waiting for a turn
// has not read its body: at most MaxEvaluations texts are held at once,
// however many requests wait.
func TestEvaluationBodyWaits(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	seed := examples.Ukraine2025YAML()
	if err := os.WriteFile(file, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(file, Options{Addr: "127.0.0.1:8123"})
	if err != nil {
		t.Fatal(err)
	}
	open := httptest.NewRequest(http.MethodGet, "/?"+TokenParam+"="+s.token, nil)
	open.Host = "127.0.0.1:8123"
	signIn := httptest.NewRecorder()
	s.ServeHTTP(signIn, open)
	for range MaxEvaluations {
		s.slots <- struct{}{} // every turn taken
	}
	ctx, cancel := context.WithCancel(t.Context())
	body := &bodyRead{Reader: bytes.NewReader(seed), read: make(chan struct{})}
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/evaluate?quick=1", body)
	r.Host = "127.0.0.1:8123"
	r.AddCookie(signIn.Result().Cookies()[0])
	r.Header.Set(RequestHeader, s.key)
	r.Header.Set(PageHeader, "W")
	answered := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		answered <- w
	}()
	// Registered under its page, it waits for a turn.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		s.mu.Lock()
		_, ok := s.running["W"]
		s.mu.Unlock()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the evaluation never started waiting")
		}
	}
	select {
	case <-body.read:
		t.Error("an evaluation waiting for a turn has read its body")
	default:
	}
	cancel()
	<-answered
	for range MaxEvaluations {
		<-s.slots
	}
	// With a turn, it reads it.
	body = &bodyRead{Reader: bytes.NewReader(seed), read: make(chan struct{})}
	r = r.Clone(t.Context())
	r.Body = io.NopCloser(body)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	select {
	case <-body.read:
	default:
		t.Error("the evaluation did not read its body")
	}
	if w.Code != http.StatusOK {
		t.Errorf("%d %.200s, want 200", w.Code, w.Body)
	}
}
