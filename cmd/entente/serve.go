package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/entente-go/entente/internal/workbench"
)

const serveArgs = "[--addr HOST:PORT] [--open] [--max-size N] FILE"

// runServe is entente serve: the workbench for one file, a page on this
// machine to edit it and see every answer change as it is typed. It runs
// until Ctrl-C (or the end of e's context), then stops cleanly.
func runServe(e env, args []string) int {
	fs := flags(e, "serve", serveArgs)
	addr := fs.String("addr", "127.0.0.1:0", "listen on `HOST:PORT`; port 0 takes a free one; the host must be named (not 0.0.0.0)")
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
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "entente serve: --addr %q: want HOST:PORT, such as 127.0.0.1:8080\n", *addr)
		return exitInput
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		fmt.Fprintf(e.stderr, "entente serve: --addr %q: name the host to answer to, such as 127.0.0.1:8080; the workbench answers only requests for its own address\n", *addr)
		return exitInput
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "entente serve: %v\n", err)
		return exitInput
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	listening := net.JoinHostPort(host, port)
	wb, err := workbench.New(files[0], workbench.Options{Addr: listening, MaxSize: maxSize.n, Replace: replaceFile})
	if err != nil {
		reportError(e, err)
		return exitInput
	}
	ctx, stop := signal.NotifyContext(e.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{
		Handler:           wb,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	url := "http://" + listening + "/"
	fmt.Fprintf(e.stdout, "entente serve: %s at %s (Ctrl-C stops it)\n", files[0], url)
	if *open {
		if err := openBrowser(url); err != nil {
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

// openBrowser asks the system to open url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; its status does not matter
	return nil
}
