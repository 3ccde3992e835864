package workbench_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/workbench"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// BenchmarkEvaluate measures the server's part of an update: one
// /api/evaluate of the whole text, quick (the findings and the walk, as
// the page asks first), with the picture (as it asks next) and full (with
// the deal search). The browser's
// part, and the whole from keystroke to findings, is measured by the
// browser test: see docs/PERFORMANCE.md.
func BenchmarkEvaluate(b *testing.B) {
	cases := []struct {
		name string
		data func() []byte
	}{
		{"seed", examples.Ukraine2025YAML},
		{"synth-100", func() []byte { return marshal(b, 100) }},
		{"synth-1000", func() []byte { return marshal(b, 1000) }},
	}
	for _, c := range cases {
		data := c.data()
		file := filepath.Join(b.TempDir(), "s.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		s, err := workbench.New(file, workbench.Options{Addr: addr})
		if err != nil {
			b.Fatal(err)
		}
		signIn := httptest.NewRecorder()
		s.ServeHTTP(signIn, get(s.URL()))
		cookie := signIn.Result().Cookies()[0]
		key := keyOf(b, signIn)
		for _, q := range []string{"quick=1", "picture=1", ""} {
			if q == "" && strings.HasPrefix(c.name, "synth-1000") {
				continue // the search runs to its timeout: seconds, not a figure
			}
			name := c.name + "/full"
			switch q {
			case "quick=1":
				name = c.name + "/quick"
			case "picture=1":
				name = c.name + "/picture"
			}
			evaluate := func(b *testing.B, text string) {
				r := httptest.NewRequest(http.MethodPost, "/api/evaluate?"+q, strings.NewReader(text))
				r.Host = addr
				r.AddCookie(cookie)
				r.Header.Set(workbench.RequestHeader, key)
				w := httptest.NewRecorder()
				s.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
			// Each request a different scenario, as when a keystroke
			// changes it: the name alternates, so the server keeps
			// nothing from one to the next.
			texts := []string{string(data), renamed(b, data)}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					evaluate(b, texts[i%2])
					i++
				}
			})
			// The same scenario each time, as when a keystroke changes a
			// comment: the server answers what it made the last time.
			b.Run(name+"/unchanged", func(b *testing.B) {
				b.ReportAllocs()
				evaluate(b, texts[0])
				i := 0
				for b.Loop() {
					evaluate(b, texts[0]+strings.Repeat(" ", i%2))
					i++
				}
			})
		}
	}
}

func marshal(b *testing.B, n int) []byte {
	data, err := scenariofile.Marshal(synth.Generate(synth.Config{Guarantees: n, Seed: 1}), scenariofile.YAML)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// renamed returns the scenario file data with its scenario's name
// changed, in fmt's form.
func renamed(b *testing.B, data []byte) string {
	sc, err := scenariofile.Parse("s.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	sc.Name += " renamed"
	out, err := scenariofile.Marshal(sc, scenariofile.YAML)
	if err != nil {
		b.Fatal(err)
	}
	return string(out)
}
