package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// Screen size of the page, in CSS pixels at a device scale of 1.
const (
	screenWidth  = 1280
	screenHeight = 800
)

// chromiumFlags are the command-line flags for a headless Chromium driven
// over a pipe, reliable as root in a container and quiet on the network.
func chromiumFlags(profile string) []string {
	return []string{
		"--headless=new",
		"--remote-debugging-pipe", // CDP on descriptors 3 and 4
		"--user-data-dir=" + profile,
		// Root in a container has no usable sandbox, GPU or big /dev/shm
		// (Docker gives 64 MB, too little for Chromium's shared memory).
		"--no-sandbox",
		"--disable-gpu",
		"--disable-dev-shm-usage",
		// No first-run dialogs, and no requests of the browser's own
		// (updates, safe browsing lists, sync, metrics, crash uploads).
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-default-apps",
		"--disable-extensions",
		"--disable-sync",
		"--disable-breakpad",
		"--metrics-recording-only",
		"--password-store=basic",
		"--mute-audio",
		// Screenshots alike from run to run and machine to machine.
		"--hide-scrollbars",
		"--force-color-profile=srgb",
		fmt.Sprintf("--window-size=%d,%d", screenWidth, screenHeight),
		"about:blank",
	}
}

// browser is a running Chromium and the CDP connection to it.
type browser struct {
	cmd         *exec.Cmd
	conn        *conn
	dir         string   // temporary: the profile and HOME
	toBrowser   *os.File // our end of its descriptor 3
	fromBrowser *os.File // our end of its descriptor 4
	output      *tail
	product     string // e.g. Chrome/156.0.8078.108
	closeOnce   sync.Once
	exited      chan struct{} // closed once cmd.Wait has returned
}

// launch starts Chromium at path and waits until it answers over the
// pipe. Its own output goes to verbose, when that is not nil, and its last
// lines appear in the error if it does not start.
func launch(ctx context.Context, path string, verbose io.Writer) (b *browser, err error) {
	dir, err := os.MkdirTemp("", "browsercheck-")
	if err != nil {
		return nil, err
	}
	b = &browser{dir: dir, output: &tail{max: 8 << 10}}
	defer func() {
		if err != nil {
			b.close()
			b = nil
		}
	}()
	profile, home := filepath.Join(dir, "profile"), filepath.Join(dir, "home")
	for _, d := range []string{profile, home} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return b, err
		}
	}

	// Our ends of the pipes are b.toBrowser and b.fromBrowser; the
	// browser's become its descriptors 3 and 4.
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		return b, err
	}
	b.toBrowser = cmdW
	respR, respW, err := os.Pipe()
	if err != nil {
		cmdR.Close()
		return b, err
	}
	b.fromBrowser = respR

	b.cmd = exec.Command(path, chromiumFlags(profile)...)
	b.cmd.ExtraFiles = []*os.File{cmdR, respW}
	var out io.Writer = b.output
	if verbose != nil {
		out = io.MultiWriter(b.output, verbose)
	}
	b.cmd.Stdout, b.cmd.Stderr = out, out
	// A home of its own, so that nothing is left in the real one
	// (~/.pki, ~/.cache, crash reports).
	b.cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	b.cmd.WaitDelay = 2 * time.Second
	ownProcessGroup(b.cmd)
	err = b.cmd.Start()
	// The browser's ends are its alone now: were they left open here too,
	// the pipes would never report its exit.
	cmdR.Close()
	respW.Close()
	if err != nil {
		b.cmd = nil
		return b, err
	}
	b.exited = make(chan struct{})
	go func() {
		_ = b.cmd.Wait()
		close(b.exited)
	}()

	b.conn = newConn(b.fromBrowser, b.toBrowser)
	var version struct {
		Product string `json:"product"`
	}
	if err := b.conn.call(ctx, "", "Browser.getVersion", nil, &version); err != nil {
		// A browser that died closed the pipe before its last words were
		// copied; they are, once Wait returns.
		if ctx.Err() == nil {
			select {
			case <-b.exited:
			case <-time.After(3 * time.Second):
			}
		}
		if out := b.output.String(); out != "" {
			err = fmt.Errorf("%w; its last output:\n%s", err, out)
		}
		return b, err
	}
	b.product = version.Product
	return b, nil
}

// close ends the browser, asking it first and then killing its whole
// process group, and removes its temporary directory. It is safe to call
// more than once, and on a browser launch did not finish.
func (b *browser) close() {
	b.closeOnce.Do(func() {
		if b.conn != nil && b.conn.closed() == nil {
			// Chromium closes in about 150ms; a hung one gets a second.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_ = b.conn.call(ctx, "", "Browser.close", nil, nil)
			select {
			case <-b.conn.done:
			case <-ctx.Done():
			}
			cancel()
		}
		if b.cmd != nil {
			// The group is ours while any of its members lives, even once
			// the leader is reaped; killing an empty group does nothing.
			killProcessGroup(b.cmd)
		}
		if b.toBrowser != nil {
			b.toBrowser.Close()
		}
		if b.cmd != nil {
			<-b.exited
		}
		if b.fromBrowser != nil {
			b.fromBrowser.Close()
		}
		if b.conn != nil {
			<-b.conn.done
		}
		// Helpers outside the group (crashpad) may still be writing in
		// the profile for a moment after the browser has gone.
		for range 5 {
			if os.RemoveAll(b.dir) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.TrimSpace(t.buf))
}

// findChromium picks the browser: the flag's value, else $CHROMIUM, else
// the first of the usual names found on the PATH.
func findChromium(flagValue string, getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	for _, given := range []struct{ how, path string }{
		{"-chromium", flagValue},
		{"$CHROMIUM", getenv("CHROMIUM")},
	} {
		if given.path == "" {
			continue
		}
		p, err := lookPath(given.path)
		if err != nil {
			return "", fmt.Errorf("%s %s: %w", given.how, given.path, err)
		}
		return p, nil
	}
	names := []string{"chromium", "chromium-browser", "google-chrome"}
	for _, name := range names {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: none of chromium, chromium-browser, google-chrome is on the PATH (on Debian: apt-get install chromium; or give -chromium PATH or set $CHROMIUM)")
}
