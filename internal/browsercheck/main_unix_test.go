//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeChromium writes an executable shell script standing in for Chromium.
func fakeChromium(t *testing.T, dir, script string) string {
	t.Helper()
	path := filepath.Join(dir, "fake-chromium")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunBrowserFails needs no real browser: a stand-in that dies at once
// and one that never answers must both end in exit status 2, with nothing
// left running and no temporary files left.
func TestRunBrowserFails(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	if err := os.WriteFile(page, []byte("<p>hi</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(dir, "pid")

	for _, tc := range []struct {
		name, script, stderr string
	}{
		{"dies", `echo "cannot open display" >&2; exit 1`, "cannot open display"},
		{"hangs", `echo $$ > "` + pidFile + `"; exec sleep 30`, "timed out after 1s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := fakeChromium(t, dir, tc.script)
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(context.Background(), []string{"-chromium", bin, "-timeout", "1s", page}, &stdout, &stderr, os.Getenv)
			if code != 2 || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tc.stderr)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}

	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the browser that hung (pid %d) is still there: %v", pid, err)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}
