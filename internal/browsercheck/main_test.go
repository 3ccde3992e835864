package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunUsage(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	if err := os.WriteFile(page, []byte("<p>hi</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }
	for _, tc := range []struct {
		args     []string
		wantCode int
		stderr   string
	}{
		{nil, 2, "usage: browsercheck"},
		{[]string{page, page}, 2, "usage: browsercheck"},
		{[]string{"-bogus", page}, 2, "flag provided but not defined"},
		{[]string{"-h"}, 0, "-screenshot FILE"},
		{[]string{filepath.Join(dir, "missing.html")}, 2, "no such file"},
		{[]string{dir}, 2, "is not a file"},
		{[]string{"-timeout", "0s", page}, 2, "-timeout must be positive"},
		{[]string{"-min-ink", "1.5", page}, 2, "-min-ink between 0 and 1"},
		{[]string{"-chromium", filepath.Join(dir, "no-such-browser"), page}, 2, "-chromium " + filepath.Join(dir, "no-such-browser")},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tc.args, &stdout, &stderr, noEnv)
		if code != tc.wantCode || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("browsercheck %q: exit %d, stderr %q; want exit %d, stderr with %q", tc.args, code, stderr.String(), tc.wantCode, tc.stderr)
		}
		if stdout.Len() > 0 {
			t.Errorf("browsercheck %q: wrote to stdout: %q", tc.args, stdout.String())
		}
	}
}
