package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// result is what one check of a page found.
type result struct {
	url           string        // the page's file:// URL
	load          time.Duration // from navigation to the load event
	consoleErrors []string
	requests      []string // network requests and failed loads
	screenshot    []byte   // PNG; nil if the page never loaded
	ink           ink
	problems      []string // why the check fails; none if it passes
}

// checkOptions tune a check.
type checkOptions struct {
	settle time.Duration // wait after the load event for late errors and requests
	minInk float64       // a screenshot with a smaller share drawn on is blank
}

// check loads the page at path in a new tab, in a browser context of its
// own (no cache or storage shared with other checks), and reports what it
// saw. An error means the check could not be made; problems with the page
// are in the result. When ctx ends before the page has loaded, the result
// says so and lists what was seen until then.
func (b *browser) check(ctx context.Context, path string, opt checkOptions) (*result, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	res := &result{url: pageURL(filepath.ToSlash(abs))}
	c := b.conn
	col := &collector{page: res.url, loaded: make(chan struct{}), requests: make(map[string]*pageRequest)}
	t, err := b.newTab(ctx, col)
	if err != nil {
		return nil, err
	}
	defer t.close()
	session := t.session

	start := time.Now()
	col.navigating()
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := c.call(ctx, session, "Page.navigate", map[string]any{"url": res.url}, &nav); err != nil {
		if ctx.Err() != nil {
			col.finish(res, "the page did not start loading: "+err.Error())
			return res, nil
		}
		return nil, err
	}
	if nav.ErrorText != "" {
		col.finish(res, "the page did not load: "+nav.ErrorText)
		return res, nil
	}
	select {
	case <-col.loaded:
		res.load = time.Since(start)
	case <-ctx.Done():
		col.finish(res, fmt.Sprintf("the page did not finish loading: %v", context.Cause(ctx)))
		return res, nil
	}
	// Scroll to the end and back, so that anything loaded lazily, below
	// the fold, is asked for before the settle; then the screenshot shows
	// the top of the page, as a reader first sees it.
	// Two animation frames after each scroll let the page lay itself out
	// and run its intersection checks, which start lazy loads, however
	// busy the machine is; the settle then gives late requests their time.
	for _, y := range []string{"document.documentElement.scrollHeight", "0"} {
		scroll := "window.scrollTo(0, " + y + "); new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
		if err := c.call(ctx, session, "Runtime.evaluate", map[string]any{"expression": scroll, "awaitPromise": true}, nil); err != nil && ctx.Err() == nil {
			return nil, err
		}
		select {
		case <-time.After(opt.settle / 2):
		case <-ctx.Done():
		}
	}

	var shot struct {
		Data []byte `json:"data"` // base64 in the JSON
	}
	if err := c.call(ctx, session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		if ctx.Err() != nil {
			col.finish(res, "no screenshot: "+err.Error())
			return res, nil
		}
		return nil, err
	}
	res.screenshot = shot.Data
	img, err := png.Decode(bytes.NewReader(shot.Data))
	if err != nil {
		return nil, fmt.Errorf("the screenshot: %w", err)
	}
	res.ink = measureInk(img)
	var blank string
	if res.ink.blank(opt.minInk) {
		bg := res.ink.background
		blank = fmt.Sprintf("the screenshot looks blank: %.2f%% of it differs from the background #%02x%02x%02x, want at least %.2f%%",
			100*res.ink.share, bg.R, bg.G, bg.B, 100*opt.minInk)
	}
	col.finish(res, blank)
	return res, nil
}

// pageRequest is a request the page made.
type pageRequest struct {
	method, url string
	network     bool   // counts as a network request
	failed      string // why it failed, if it did
	listed      bool   // in collector.reported
}

// collector gathers a page's events; it runs on the connection's reading
// goroutine, so it only records.
type collector struct {
	page    string
	dismiss func(accept bool) // answers a JavaScript dialog
	// local, when set, says which requests are the page's own and so no
	// network request; nil means isNetworkRequest's rule for a file.
	local func(url string) bool

	mu            sync.Mutex
	started       bool
	loaded        chan struct{} // closed at the page's load event
	done          bool
	consoleErrors []string
	requests      map[string]*pageRequest // by request ID
	reported      []*pageRequest          // in the order seen
	dialogs       []string
}

// navigating marks the start of the page's navigation: load events before
// it are about:blank's.
func (c *collector) navigating() {
	c.mu.Lock()
	c.started = true
	c.mu.Unlock()
}

func (c *collector) event(method string, params json.RawMessage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch method {
	case "Page.loadEventFired":
		if c.started && !c.done {
			c.done = true
			close(c.loaded)
		}

	case "Runtime.consoleAPICalled":
		var e struct {
			Type       string         `json:"type"`
			Args       []remoteObject `json:"args"`
			StackTrace *stackTrace    `json:"stackTrace"`
		}
		if json.Unmarshal(params, &e) != nil || e.Type != "error" && e.Type != "assert" {
			return
		}
		var text bytes.Buffer
		for i, a := range e.Args {
			if i > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(a.String())
		}
		if e.Type == "assert" {
			msg := "assertion failed"
			if text.Len() > 0 {
				msg += ": " + text.String()
			}
			text.Reset()
			text.WriteString(msg)
		}
		c.consoleErrors = append(c.consoleErrors, "console."+e.Type+": "+clip(text.String(), 300)+e.StackTrace.where())

	case "Runtime.exceptionThrown":
		var e struct {
			Details struct {
				Text         string        `json:"text"`
				URL          string        `json:"url"`
				LineNumber   int           `json:"lineNumber"`
				ColumnNumber int           `json:"columnNumber"`
				Exception    *remoteObject `json:"exception"`
			} `json:"exceptionDetails"`
		}
		if json.Unmarshal(params, &e) != nil {
			return
		}
		d := e.Details
		text := d.Text
		if d.Exception != nil {
			// The description is the message, then the stack, a line a
			// frame: the position below stands for the stack.
			text, _, _ = strings.Cut(d.Exception.String(), "\n")
			if d.Text != "" && d.Text != "Uncaught" {
				text = d.Text + " " + text
			}
		}
		c.consoleErrors = append(c.consoleErrors, "uncaught exception: "+clip(text, 300)+where(d.URL, d.LineNumber, d.ColumnNumber))

	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Source     string `json:"source"`
				Level      string `json:"level"`
				Text       string `json:"text"`
				URL        string `json:"url"`
				LineNumber int    `json:"lineNumber"`
			} `json:"entry"`
		}
		if json.Unmarshal(params, &e) != nil || e.Entry.Level != "error" {
			return
		}
		msg := "log (" + e.Entry.Source + "): " + clip(e.Entry.Text, 300)
		if e.Entry.URL != "" {
			msg += " (" + e.Entry.URL + ")"
		}
		c.consoleErrors = append(c.consoleErrors, msg)

	case "Network.requestWillBeSent":
		var e struct {
			RequestID string `json:"requestId"`
			Request   struct {
				Method string `json:"method"`
				URL    string `json:"url"`
			} `json:"request"`
		}
		if json.Unmarshal(params, &e) != nil {
			return
		}
		network := isNetworkRequest(c.page, e.Request.URL)
		if c.local != nil {
			network = !c.local(e.Request.URL)
		}
		r := &pageRequest{method: e.Request.Method, url: e.Request.URL, network: network}
		c.requests[e.RequestID] = r // a redirect reuses the ID: the last URL wins
		if r.network {
			r.listed = true
			c.reported = append(c.reported, r)
		}

	case "Network.loadingFailed":
		var e struct {
			RequestID string `json:"requestId"`
			Type      string `json:"type"`
			ErrorText string `json:"errorText"`
			Canceled  bool   `json:"canceled"`
			Blocked   string `json:"blockedReason"`
		}
		if json.Unmarshal(params, &e) != nil {
			return
		}
		why := e.ErrorText
		if e.Blocked != "" {
			why += ", blocked: " + e.Blocked
		}
		if e.Canceled {
			why += ", canceled"
		}
		r := c.requests[e.RequestID]
		if r == nil { // never announced
			r = &pageRequest{method: "?", url: "(" + e.Type + " request " + e.RequestID + ")", network: true}
			c.requests[e.RequestID] = r
		}
		r.failed = why
		if !r.listed { // a failed load of the page itself or of a data: URL
			r.listed = true
			c.reported = append(c.reported, r)
		}

	case "Page.javascriptDialogOpening":
		var e struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		}
		if json.Unmarshal(params, &e) != nil {
			return
		}
		c.dialogs = append(c.dialogs, e.Type+": "+clip(e.Message, 300))
		if c.dismiss != nil {
			c.dismiss(false)
		}
	}
}

// finish copies what was collected into res and lists its problems, with
// extra (if not empty) last.
func (c *collector) finish(res *result, extra string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done = true // no load event from now on
	res.consoleErrors = append([]string(nil), c.consoleErrors...)
	for _, r := range c.reported {
		s := r.method + " " + clip(r.url, 200)
		if r.failed != "" {
			s += " (failed: " + r.failed + ")"
		}
		res.requests = append(res.requests, s)
	}
	for _, e := range res.consoleErrors {
		res.problems = append(res.problems, "console error: "+e)
	}
	for _, d := range c.dialogs {
		res.problems = append(res.problems, "dialog: "+d)
	}
	for i, r := range c.reported {
		what := "network request"
		if !r.network {
			what = "failed load"
		}
		res.problems = append(res.problems, what+": "+res.requests[i])
	}
	if extra != "" {
		res.problems = append(res.problems, extra)
	}
}
