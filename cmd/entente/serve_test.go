package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
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
	file := filepath.Join(t.TempDir(), "seed.yaml")
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
	_, rest, ok := strings.Cut(line, " at http://127.0.0.1:")
	url, _, _ := strings.Cut(rest, " ")
	if !ok || !strings.HasSuffix(url, "/") {
		t.Fatalf("entente serve printed %q, want the address on 127.0.0.1", line)
	}
	url = "http://127.0.0.1:" + url

	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, after, _ := strings.Cut(string(page), `name="entente-secret" content="`)
	secret, _, _ := strings.Cut(after, `"`)
	if resp.StatusCode != http.StatusOK || len(secret) < 16 {
		t.Fatalf("GET %s: %d, secret %q", url, resp.StatusCode, secret)
	}

	ask := func(method, path, version, body string) (int, string) {
		r, _ := http.NewRequest(method, url+path[1:], strings.NewReader(body))
		r.Header.Set("X-Entente-Secret", secret)
		if version != "" {
			r.Header.Set("X-Entente-Version", version)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, st := ask(http.MethodGet, "/api/version", "", "")
	_, after, _ = strings.Cut(st, `"version":"`)
	version, _, _ := strings.Cut(after, `"`)
	edited := strings.Replace(string(examples.Ukraine2025YAML()), "name: Ukraine security guarantees, August 2025", "name:    Saved from the workbench", 1)
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
