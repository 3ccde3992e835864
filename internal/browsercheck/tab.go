package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// tab is a page that a test drives: loaded from a server in a new tab, in
// a browser context of its own, with its console errors, dialogs and
// requests to other origins collected as check collects them. A tab is
// used by one goroutine at a time.
type tab struct {
	c       *conn
	session string
	col     *collector
	cleanup []func()
}

// openTab loads the page at address (an http or https URL) in a new tab,
// waits for its load event, and returns the tab. Requests to the page's
// own origin are its own; any other is a network request, which
// problems reports. Close the tab when done.
func (b *browser) openTab(ctx context.Context, address string) (t *tab, err error) {
	page, err := url.Parse(address)
	if err != nil || page.Scheme != "http" && page.Scheme != "https" {
		return nil, fmt.Errorf("openTab: want an http(s) URL; found %q", address)
	}
	origin := page.Scheme + "://" + page.Host
	col := &collector{page: address, loaded: make(chan struct{}), requests: make(map[string]*pageRequest),
		local: func(u string) bool {
			return u == origin || strings.HasPrefix(u, origin+"/") || strings.HasPrefix(u, "data:")
		}}
	t, err = b.newTab(ctx, col)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			t.close()
			t = nil
		}
	}()
	t.col.navigating()
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := t.call(ctx, "Page.navigate", map[string]any{"url": address}, &nav); err != nil {
		return t, err
	}
	if nav.ErrorText != "" {
		return t, fmt.Errorf("loading %s: %s", address, nav.ErrorText)
	}
	select {
	case <-t.col.loaded:
		return t, nil
	case <-ctx.Done():
		return t, fmt.Errorf("loading %s: %w", address, context.Cause(ctx))
	}
}

// newTab opens a blank tab in a browser context of its own (no cache or
// storage shared with other tabs), with col collecting its events and
// answering its dialogs, at the screen size of every check. Close it when
// done: that closes the tab and its context, even when ctx has ended.
func (b *browser) newTab(ctx context.Context, col *collector) (t *tab, err error) {
	t = &tab{c: b.conn, col: col}
	defer func() {
		if err != nil {
			t.close()
			t = nil
		}
	}()
	// Clean-up runs even when ctx has ended, briefly: should the browser
	// not answer, closing it kills the lot anyway.
	later := func(method string, params any) func() {
		return func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			_ = t.c.call(ctx, "", method, params, nil)
		}
	}
	var bc struct {
		BrowserContextID string `json:"browserContextId"`
	}
	if err := t.c.call(ctx, "", "Target.createBrowserContext", map[string]any{}, &bc); err != nil {
		return t, err
	}
	t.cleanup = append(t.cleanup, later("Target.disposeBrowserContext", map[string]any{"browserContextId": bc.BrowserContextID}))
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := t.c.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank", "browserContextId": bc.BrowserContextID}, &target); err != nil {
		return t, err
	}
	t.cleanup = append(t.cleanup, later("Target.closeTarget", map[string]any{"targetId": target.TargetID}))
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := t.c.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return t, err
	}
	t.session = attached.SessionID
	col.dismiss = func(accept bool) {
		// Not on the reading goroutine: calls must not block it.
		go func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			_ = t.c.call(ctx, t.session, "Page.handleJavaScriptDialog", map[string]any{"accept": accept}, nil)
		}()
	}
	t.c.handle(t.session, col.event)
	t.cleanup = append(t.cleanup, func() { t.c.handle(t.session, nil) })
	for _, domain := range []string{"Runtime", "Log", "Network", "Page"} {
		if err := t.call(ctx, domain+".enable", nil, nil); err != nil {
			return t, err
		}
	}
	if err := t.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": screenWidth, "height": screenHeight, "deviceScaleFactor": 1, "mobile": false,
	}, nil); err != nil {
		return t, err
	}
	return t, nil
}

func (t *tab) call(ctx context.Context, method string, params, result any) error {
	return t.c.call(ctx, t.session, method, params, result)
}

// close closes the tab and its browser context. It is safe to call more
// than once.
func (t *tab) close() {
	for i := len(t.cleanup) - 1; i >= 0; i-- {
		t.cleanup[i]()
	}
	t.cleanup = nil
}

// eval evaluates a JavaScript expression in the page, awaiting it if it
// is a promise, and decodes its value (which must be JSON) into out,
// unless out is nil. An exception is an error that quotes it.
func (t *tab) eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string        `json:"text"`
			Exception *remoteObject `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := t.call(ctx, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true, "userGesture": true,
	}, &r); err != nil {
		return err
	}
	if e := r.Exception; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg = e.Exception.String()
		}
		return fmt.Errorf("evaluating %s: %s", clip(expr, 80), clip(msg, 300))
	}
	if out == nil {
		return nil
	}
	if len(r.Result.Value) == 0 {
		return fmt.Errorf("evaluating %s: no value", clip(expr, 80))
	}
	return json.Unmarshal(r.Result.Value, out)
}

// waitFor evaluates expr every 20ms until it is true, and fails when
// within passes first, saying what it waited for.
func (t *tab) waitFor(ctx context.Context, within time.Duration, expr string) error {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	for {
		var ok bool
		err := t.eval(ctx, "!!("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = errors.New("still false")
			}
			return fmt.Errorf("waited %v for %s: %v", within, expr, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// insertText types s where the focus is, as a keyboard's text input
// does: the page sees input events.
func (t *tab) insertText(ctx context.Context, s string) error {
	return t.call(ctx, "Input.insertText", map[string]any{"text": s}, nil)
}

// keys are the keys press knows, with their codes.
var keys = map[string]struct {
	code    string
	keyCode int
}{
	"Backspace": {"Backspace", 8},
	"Enter":     {"Enter", 13},
	"Delete":    {"Delete", 46},
	"s":         {"KeyS", 83},
}

// press presses and releases a key (Backspace, Enter, Delete, s) with the
// given modifiers (CDP's bits: 2 Ctrl).
func (t *tab) press(ctx context.Context, key string, modifiers int) error {
	k, ok := keys[key]
	if !ok {
		return fmt.Errorf("press: unknown key %q", key)
	}
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		if err := t.call(ctx, "Input.dispatchKeyEvent", map[string]any{
			"type": typ, "key": key, "code": k.code, "windowsVirtualKeyCode": k.keyCode, "modifiers": modifiers,
		}, nil); err != nil {
			return err
		}
	}
	return nil
}

// click clicks the middle of the first element that matches the CSS
// selector, as a mouse would, after scrolling it into view.
func (t *tab) click(ctx context.Context, selector string) error {
	sel, _ := json.Marshal(selector)
	var at struct{ X, Y float64 }
	if err := t.eval(ctx, `(() => { const e = document.querySelector(`+string(sel)+`);
		if (!e) throw new Error("no element matches " + `+string(sel)+`);
		e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2}; })()`, &at); err != nil {
		return err
	}
	for _, typ := range []string{"mousePressed", "mouseReleased"} {
		if err := t.call(ctx, "Input.dispatchMouseEvent", map[string]any{
			"type": typ, "x": at.X, "y": at.Y, "button": "left", "clickCount": 1,
		}, nil); err != nil {
			return err
		}
	}
	return nil
}

// screenshot returns a PNG of what the tab shows.
func (t *tab) screenshot(ctx context.Context) ([]byte, error) {
	var shot struct {
		Data []byte `json:"data"`
	}
	err := t.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	return shot.Data, err
}

// problems lists what went wrong in the page so far: console errors,
// dialogs, and requests to other origins or that failed. A request of
// the page's own that the page itself cancelled (a fetch it aborted, as
// the workbench does when a newer one supersedes it) is no problem.
func (t *tab) problems() []string {
	c := t.col
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, e := range c.consoleErrors {
		if t.refusal(e) {
			continue
		}
		out = append(out, "console error: "+e)
	}
	for _, d := range c.dialogs {
		out = append(out, "dialog: "+d)
	}
	for _, r := range c.reported {
		if !r.network && strings.HasSuffix(r.failed, ", canceled") {
			continue
		}
		what := "network request: "
		if !r.network {
			what = "failed load: "
		}
		s := what + r.method + " " + clip(r.url, 200)
		if r.failed != "" {
			s += " (failed: " + r.failed + ")"
		}
		out = append(out, s)
	}
	return out
}

// refusal reports whether a console error is the browser's note of a
// refusal from the page's own server that the page asked for and shows
// its user (409 Conflict, 422 Unprocessable Entity): the page working,
// not failing.
func (t *tab) refusal(consoleError string) bool {
	if !strings.HasPrefix(consoleError, "log (network): Failed to load resource: the server responded with a status of ") {
		return false
	}
	if !strings.Contains(consoleError, "status of 409 ") && !strings.Contains(consoleError, "status of 422 ") {
		return false
	}
	i := strings.LastIndex(consoleError, " (")
	return i >= 0 && t.col.local(strings.TrimSuffix(consoleError[i+2:], ")"))
}
