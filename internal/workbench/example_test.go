package workbench_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/workbench"
)

// The workbench for a copy of the seed, asked as its page asks: the
// findings of the text, then a what-if (Moscow drops its demand for a
// veto) with its comparison to the file as written.
func ExampleNew() {
	dir, err := os.MkdirTemp("", "workbench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "ukraine2025.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		log.Fatal(err)
	}
	wb, err := workbench.New(file, workbench.Options{Addr: "127.0.0.1:8080"})
	if err != nil {
		log.Fatal(err)
	}
	// The address printed at the start opens the workbench once: it
	// answers with the session cookie, which every later request carries,
	// and sends the browser on to /#key=K, whose key every request of the
	// API carries too.
	u, err := url.Parse(wb.URL())
	if err != nil {
		log.Fatal(err)
	}
	open := httptest.NewRequest(http.MethodGet, u.RequestURI(), nil) // as a browser asks: the path, and the host in Host
	open.Host = u.Host
	signIn := httptest.NewRecorder()
	wb.ServeHTTP(signIn, open)
	cookie := signIn.Result().Cookies()[0]
	_, key, _ := strings.Cut(signIn.Header().Get("Location"), "#"+workbench.KeyParam+"=")
	evaluate := func(query string) {
		r := httptest.NewRequest(http.MethodPost, "/api/evaluate"+query, strings.NewReader(string(examples.Ukraine2025YAML())))
		r.Host = u.Host
		r.AddCookie(cookie)
		r.Header.Set(workbench.RequestHeader, key) // as the workbench's own page does
		w := httptest.NewRecorder()
		wb.ServeHTTP(w, r)
		var answer struct {
			Verdict    string
			Comparison string
		}
		if err := json.Unmarshal(w.Body.Bytes(), &answer); err != nil {
			log.Fatal(err)
		}
		fmt.Println(w.Code, answer.Verdict)
		for line := range strings.Lines(answer.Comparison) {
			if strings.HasPrefix(line, "findings that") || strings.HasPrefix(line, "feasible packages") {
				fmt.Print(line)
			}
		}
	}
	evaluate("")
	evaluate("?without=ru-demands-veto")
	// Output:
	// 200 incompatible
	// 200 compatible
	// findings that went away (5):
	// feasible packages: more permissive (0 in the base, 8 in the other; 0 only in the base, 8 only in the other)
}
