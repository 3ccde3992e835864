//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReplaceFilePipe checks that a named pipe, or a link to one, is
// refused rather than replaced by a regular file.
func TestReplaceFilePipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, link} {
		err := replaceFile(path, []byte("entente: 1\n"))
		if err == nil || !strings.Contains(err.Error(), "fifo.yaml is a named pipe, not a regular file") {
			t.Errorf("replaceFile(%s): %v; want a refusal", filepath.Base(path), err)
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode().Type() != fs.ModeNamedPipe {
		t.Errorf("the named pipe is no longer one")
	}
}

// TestFmtWritePipe checks that fmt -w refuses a named pipe before
// reading it: one with no writer would otherwise hold the command for
// ever. The command runs aside, so that a hang fails the test rather than
// holding it.
func TestFmtWritePipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := runEntente("fmt", "-w", fifo)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		if r.code != exitInput || !strings.Contains(r.errOut, "fifo.yaml is a named pipe, not a regular file") {
			t.Errorf("fmt -w on a named pipe: exit %d, stderr %q; want 2 and a refusal", r.code, r.errOut)
		}
	case <-time.After(time.Minute):
		// Unblock the reader, so that the test binary can end.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("fmt -w on a named pipe with no writer waited for one")
	}
}

// TestReplaceFileKeepsOwner checks that a file rewritten by the superuser
// keeps its owner and group, as it keeps its permissions, also in a
// folder whose group new files take (set-group-ID).
func TestReplaceFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only the superuser can give a file to another owner")
	}
	setgid := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(setgid, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(setgid, 0, 5678); err != nil {
		t.Skip("cannot give the folder away here:", err)
	}
	if err := os.Chmod(setgid, 0o755|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(setgid, "mine.yaml")
	if err := os.WriteFile(mine, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(mine, 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := replaceFile(mine, []byte("entente: 1\n")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(mine); err != nil || info.Sys().(*syscall.Stat_t).Gid != 0 {
		t.Errorf("in a set-group-ID folder the rewritten file changed group: %v", err)
	}

	file := filepath.Join(t.TempDir(), "owned.yaml")
	if err := os.WriteFile(file, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(file, 1234, 5678); err != nil {
		t.Skip("cannot give the file away here:", err)
	}
	if err := replaceFile(file, []byte("entente: 1\n")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 5678 || info.Mode().Perm() != 0o640 {
		t.Errorf("the rewritten file is %d:%d %v; want 1234:5678 -rw-r-----", st.Uid, st.Gid, info.Mode().Perm())
	}
	if got, _ := os.ReadFile(file); string(got) != "entente: 1\n" {
		t.Errorf("the file holds %q", got)
	}
}
