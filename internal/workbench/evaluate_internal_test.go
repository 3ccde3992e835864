package workbench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	s.ServeHTTP(signIn, httptest.NewRequest(http.MethodGet, s.URL(), nil))
	cookie := signIn.Result().Cookies()[0]
	evaluate := func(ctx context.Context, page string) chan *httptest.ResponseRecorder {
		answer := make(chan *httptest.ResponseRecorder, 1)
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1:8123/api/evaluate?quick=1", strings.NewReader(seed))
		r.AddCookie(cookie)
		r.Header.Set(RequestHeader, "1")
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
