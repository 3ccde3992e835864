package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente-go/entente/examples"
)

// TestServeRefuses checks the command lines entente serve refuses, before
// it listens.
func TestServeRefuses(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason string
		args   []string
		says   string
	}{
		{"no file", []string{}, "name one file; found 0"},
		{"two files", []string{file, file}, "name one file; found 2"},
		{"every interface: it would answer other machines", []string{"--addr", "0.0.0.0:0", file}, "name the host"},
		{"no host", []string{"--addr", ":0", file}, "name the host"},
		{"no port", []string{"--addr", "127.0.0.1", file}, "want HOST:PORT"},
		{"another machine's address: it would answer the network", []string{"--addr", "192.0.2.1:0", file}, "--expose-to-network-i-trust"},
		{"a name, which may resolve anywhere", []string{"--addr", "myhost.example:80", file}, "not this machine's loopback"},
		{"the flag does not make every interface a host to answer to", []string{"--expose-to-network-i-trust", "--addr", "0.0.0.0:0", file}, "name the host"},
		{"a file that is not there", []string{filepath.Join(t.TempDir(), "none.yaml")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			e, _, stderr := fakeEnv(false, nil)
			if code := run(append([]string{"serve"}, tt.args...), e); code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			if !strings.Contains(stderr.String(), tt.says) {
				t.Errorf("stderr %q does not say %q", stderr, tt.says)
			}
		})
	}
}

// TestServe runs entente serve as a user would: it prints its address,
// serves the page there, saves through fmt -w's atomic write, and stops
// cleanly when interrupted.
func TestServe(t *testing.T) {
	// The file's name holds an escape sequence and a bidi override, which
	// the line with the address must show escaped.
	file := filepath.Join(t.TempDir(), "seed\x1b[2J\u202e.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	e := env{stdout: pw, stderr: &stderr, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }, ctx: ctx}
	exited := make(chan int, 1)
	go func() {
		exited <- run([]string{"serve", file}, e)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the address: %v (stderr %q)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	if h := hiddenIn(line, "\n"); len(h) > 0 || !strings.Contains(line, `seed\x1b[2J\u202e.yaml at`) {
		t.Errorf("entente serve printed %q, want the file's name with its hidden runes escaped", line)
	}
	_, rest, ok := strings.Cut(line, " at http://127.0.0.1:")
	tokenURL, _, _ := strings.Cut(rest, " ")
	tokenURL = "http://127.0.0.1:" + tokenURL
	base, token, hasToken := strings.Cut(tokenURL, "/?token=")
	if !ok || !hasToken || len(token) < 16 {
		t.Fatalf("entente serve printed %q, want the address on 127.0.0.1 with a one-time token", line)
	}
	url := base + "/"

	// Without the token's cookie, nothing: not the page, not the file.
	for _, path := range []string{"", "api/file"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET /%s without the cookie: %d, want 403", path, resp.StatusCode)
		}
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar}
	resp, err := client.Get(tokenURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The browser is sent on to /#key=K: the key, which the API asks for,
	// is in the fragment, which no browser sends to a server.
	key, hasKey := strings.CutPrefix(resp.Request.URL.Fragment, "key=")
	at := *resp.Request.URL
	at.Fragment = ""
	if resp.StatusCode != http.StatusOK || at.String() != url || !hasKey || len(key) < 16 || !strings.Contains(string(page), "Entente workbench") {
		t.Fatalf("GET %s: %d at %s, want the page at %s#key= and a long key", tokenURL, resp.StatusCode, resp.Request.URL, url)
	}
	if strings.Contains(string(page), key) {
		t.Error("the page holds the key")
	}
	if resp, err := http.Get(tokenURL); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("the token a second time: %v %v, want 403", resp.StatusCode, err)
	}

	askWith := func(key, method, path, version, body string) (int, string) {
		r, _ := http.NewRequest(method, url+path[1:], strings.NewReader(body))
		r.Header.Set("X-Entente", key)
		if version != "" {
			r.Header.Set("X-Entente-Version", version)
		}
		resp, err := client.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	ask := func(method, path, version, body string) (int, string) {
		return askWith(key, method, path, version, body)
	}
	_, st := ask(http.MethodGet, "/api/version", "", "")
	_, after, _ := strings.Cut(st, `"version":"`)
	version, _, _ := strings.Cut(after, `"`)
	edited := strings.Replace(string(examples.Ukraine2025YAML()), "name: Ukraine security guarantees, August 2025", "name:    Saved from the workbench", 1)
	// The cookie alone, as any server on this host that the browser
	// visits receives it, reads and writes nothing.
	for _, path := range []string{"/api/file", "/api/save"} {
		method := http.MethodGet
		if path == "/api/save" {
			method = http.MethodPost
		}
		if code, body := askWith("1", method, path, version, edited); code != http.StatusForbidden || strings.Contains(body, "Ukraine") {
			t.Errorf("%s with the cookie and no key: %d %.100s, want 403", path, code, body)
		}
	}
	if data, _ := os.ReadFile(file); string(data) != string(examples.Ukraine2025YAML()) {
		t.Fatal("a save without the key changed the file")
	}
	if code, body := ask(http.MethodPost, "/api/save", version, edited); code != http.StatusOK {
		t.Fatalf("save: %d %s", code, body)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "name: Saved from the workbench\n") {
		t.Errorf("the file after the save is not the edit in fmt's form:\n%.300s", data)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the save did not keep the file's permissions: %v %v", info.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*.tmp")); len(left) > 0 {
		t.Errorf("the save left %v behind", left)
	}

	cancel() // Ctrl-C
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("exit %d after Ctrl-C, want 0; stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("entente serve did not stop after Ctrl-C")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after it stopped")
	}
}

// TestServeExposed checks that --expose-to-network-i-trust lets entente
// serve listen on an address of this machine that others can reach, and
// that it warns when it does. It needs such an address.
func TestServeExposed(t *testing.T) {
	var ip net.IP
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			ip = n.IP
			break
		}
	}
	if ip == nil {
		t.Skip("this machine has no IPv4 address but loopback")
	}
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort(ip.String(), "0")
	e, _, stderr := fakeEnv(false, nil)
	if code := run([]string{"serve", "--addr", addr, file}, e); code != exitInput || !strings.Contains(stderr.String(), "--expose-to-network-i-trust") {
		t.Errorf("without the flag: exit %d, stderr %q; want %d, naming the flag", code, stderr, exitInput)
	}
	pr, pw := io.Pipe()
	var warned bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	e = env{stdout: pw, stderr: &syncBuffer{b: &warned}, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }, ctx: ctx}
	exited := make(chan int, 1)
	go func() {
		exited <- run([]string{"serve", "--expose-to-network-i-trust", "--addr", addr, file}, e)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil || !strings.Contains(line, "http://"+ip.String()+":") {
		t.Errorf("with the flag, entente serve printed %q (%v), want its address on %s", line, err, ip)
	}
	cancel()
	if code := <-exited; code != exitOK {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.Contains(warned.String(), "warning") {
		t.Errorf("stderr %q does not warn that other machines can reach it", warned.String())
	}
}

// syncBuffer is a buffer safe to write from the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  *bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestServeTimeouts checks that the server of entente serve bounds the
// time of every part of a request and of an idle connection, so that
// slow requests cannot pile up.
func TestServeTimeouts(t *testing.T) {
	srv := newHTTPServer(t.Context(), http.NotFoundHandler())
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout} {
		if d <= 0 || d > 5*time.Minute {
			t.Errorf("%s = %v, want a bound of minutes at most", name, d)
		}
	}
}

// TestServeOpenKeepsTheTokenOutOfArgv: --open must not pass the one-time
// address to the browser's opener, whose arguments every local user reads
// in /proc/PID/cmdline. It opens a page only the user can read that
// redirects there, and removes it when the server stops.
func TestServeOpenKeepsTheTokenOutOfArgv(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, examples.Ukraine2025YAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var mu sync.Mutex
	var argv []string
	started := make(chan struct{})
	e := env{stdout: pw, stderr: &stderr, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }, ctx: ctx,
		start: func(name string, args ...string) error {
			mu.Lock()
			argv = append([]string{name}, args...)
			mu.Unlock()
			close(started)
			return nil
		}}
	exited := make(chan int, 1)
	go func() {
		exited <- run([]string{"serve", "--open", file}, e)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the address: %v (stderr %q)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	_, token, ok := strings.Cut(strings.TrimSpace(line), "?token=")
	token, _, _ = strings.Cut(token, " ")
	if !ok || len(token) < 16 {
		t.Fatalf("no token in %q", line)
	}
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("--open started nothing")
	}
	mu.Lock()
	args := slices.Clone(argv)
	mu.Unlock()
	for _, a := range args {
		if strings.Contains(a, token) {
			t.Errorf("the opener's argv %q holds the token", args)
		}
	}
	page := args[len(args)-1]
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatalf("the page opened: %v", err)
	}
	if !strings.Contains(string(data), `http-equiv="refresh"`) || !strings.Contains(string(data), token) {
		t.Errorf("the page does not redirect to the address:\n%s", data)
	}
	if info, err := os.Stat(page); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the page's mode: %v %v, want 0600", info.Mode().Perm(), err)
	}
	if info, err := os.Stat(filepath.Dir(page)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the page's folder's mode: %v %v, want 0700", info.Mode().Perm(), err)
	}
	cancel()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(filepath.Dir(page)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the page's folder is still there after the server stopped: %v", err)
	}
}
