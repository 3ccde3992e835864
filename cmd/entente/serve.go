package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/workbench"
)

const serveArgs = "[--addr HOST:PORT] [--expose-to-network-i-trust] [--open] [--max-size N] FILE"

// exposeFlag is the flag that lets entente serve listen on an address
// other machines can reach. Its name says the risk.
const exposeFlag = "expose-to-network-i-trust"

// runServe is entente serve: the workbench for one file, a page on this
// machine to edit it and see every answer change as it is typed. It
// prints the page's address with a one-time token, and runs until Ctrl-C
// (or the end of e's context), then stops cleanly.
func runServe(e env, args []string) int {
	fs := flags(e, "serve", serveArgs)
	addr := fs.String("addr", "127.0.0.1:0", "listen on `HOST:PORT`, this machine's loopback (127.0.0.1, ::1, localhost) unless --"+exposeFlag+" is given; port 0 takes a free one")
	expose := fs.Bool(exposeFlag, false, "allow an --addr that other machines can reach. The workbench speaks plain HTTP: anyone on the network who sees the printed address, or the cookie and the key it is exchanged for, can read and overwrite FILE with your rights. Only on a network you trust")
	open := fs.Bool("open", false, "open the page in the default browser")
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintf(e.stderr, "entente serve: name one file; found %d\n", len(files))
		return exitInput
	}
	ln, listening, err := workbench.Listen(*addr, *expose)
	if err != nil {
		fmt.Fprintf(e.stderr, "entente serve: --addr: %v\n", err)
		if errors.Is(err, workbench.ErrNotLoopback) {
			fmt.Fprintf(e.stderr, "entente serve: to serve other machines anyway, on a network you trust, add --%s\n", exposeFlag)
		}
		return exitInput
	}
	defer ln.Close()
	wb, err := workbench.New(files[0], workbench.Options{Addr: listening, Network: *expose, MaxSize: maxSize.n, Replace: replaceFile})
	if err != nil {
		reportError(e, err)
		return exitInput
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := newHTTPServer(ctx, wb)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	url := wb.URL()
	fmt.Fprintf(e.stdout, "entente serve: %s at %s (Ctrl-C stops it)\n", safe.Terminal(files[0]), url)
	fmt.Fprintln(e.stdout, "entente serve: the address opens the workbench once, in one browser; keep it to yourself")
	if *expose {
		fmt.Fprintf(e.stderr, "entente serve: warning: --%s: other machines can reach %s over plain HTTP\n", exposeFlag, listening)
	}
	if *open {
		remove, err := openBrowser(e, url)
		defer remove()
		if err != nil {
			fmt.Fprintf(e.stderr, "entente serve: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	select {
	case <-ctx.Done():
	case err := <-done:
		fmt.Fprintf(e.stderr, "entente serve: %v\n", err)
		return exitInput
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(e.stderr, "entente serve: %v\n", err)
	}
	fmt.Fprintln(e.stderr, "entente serve: stopped")
	return exitOK
}

// The workbench's limits on a connection: the whole of a request (a
// scenario of --max-size is a local upload of moments), the answer (an
// evaluation stops its search and its bargaining after seconds), and an
// idle connection kept open.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 2 * time.Minute
	serveIdleTimeout       = 2 * time.Minute
)

// newHTTPServer is the HTTP server of entente serve for h, whose
// requests end when ctx does.
func newHTTPServer(ctx context.Context, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// openBrowser asks the system to open url in the default browser, without
// putting url, whose one-time token opens the workbench, in any program's
// arguments: those are in /proc/PID/cmdline, which every local user reads,
// and could race to redeem it. As Jupyter does, it writes a page that
// redirects to url (a meta refresh and a link) into a file only the user
// can read, in a folder only the user can enter, and opens that file. The
// page must stay until the browser has read it; remove, which is never nil,
// deletes it, when the server stops.
func openBrowser(e env, url string) (remove func(), err error) {
	remove = func() {}
	dir, err := os.MkdirTemp("", "entente-serve-*") // 0700
	if err != nil {
		return remove, err
	}
	remove = func() { os.RemoveAll(dir) }
	page := filepath.Join(dir, "open.html")
	u := html.EscapeString(url)
	doc := `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=` + u + `">
<title>Entente workbench</title></head>
<body><p><a href="` + u + `">Open the Entente workbench</a></p></body></html>
`
	if err := os.WriteFile(page, []byte(doc), 0o600); err != nil {
		return remove, err
	}
	start := e.start
	if start == nil {
		start = startProgram
	}
	switch runtime.GOOS {
	case "darwin":
		return remove, start("open", page)
	case "windows":
		return remove, start("rundll32", "url.dll,FileProtocolHandler", page)
	default:
		return remove, start("xdg-open", page)
	}
}

// startProgram starts name with args and reaps it when it ends; its
// status does not matter.
func startProgram(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
