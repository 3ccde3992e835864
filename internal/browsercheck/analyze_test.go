package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"strings"
	"testing"
)

func TestPageURL(t *testing.T) {
	for abs, want := range map[string]string{
		"/tmp/report.html":         "file:///tmp/report.html",
		"/tmp/a dir/seed #1.html":  "file:///tmp/a%20dir/seed%20%231.html",
		"/tmp/ünï/çødé?.html":      "file:///tmp/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9%3F.html",
		"/C:/Users/me/report.html": "file:///C:/Users/me/report.html",
	} {
		if got := pageURL(abs); got != want {
			t.Errorf("pageURL(%q) = %q, want %q", abs, got, want)
		}
	}
}

func TestIsNetworkRequest(t *testing.T) {
	page := pageURL("/tmp/a dir/seed.html")
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{page, false},
		{page + "#section-2", false},
		{"file://localhost/tmp/a%20dir/seed.html", false},
		{"FILE:///tmp/a%20dir/seed.html", false},
		{"data:image/png;base64,iVBORw0KGgo=", false},
		{"DATA:text/plain,hello", false},
		{"data:,", false},

		{"file:///tmp/a%20dir/style.css", true},
		{"file:///tmp/a%20dir/seed.html?theme=dark", true},
		{"file:///tmp/other/seed.html", true},
		{"file://fileserver/tmp/a%20dir/seed.html", true},
		{"http://127.0.0.1:9/x.png", true},
		{"https://cdn.example.com/d3.min.js", true},
		{"ws://localhost:8080/live", true},
		{"blob:null/1c0f3c1e", true},
		{"%zz", true}, // does not parse
	} {
		if got := isNetworkRequest(page, tc.url); got != tc.want {
			t.Errorf("isNetworkRequest(page, %q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

var (
	white = color.RGBA{255, 255, 255, 255}
	ink1  = color.RGBA{32, 32, 40, 255}
)

func filled(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

// writeText draws n glyph-like marks of dark ink in a row from (x, y): a
// stem, a bar and a serif in a 9×16 cell, about a sixth of it inked, much
// like 16px text.
func writeText(img *image.RGBA, x, y, n int, c color.Color) {
	for g := range n {
		x0 := x + 9*g
		for dy := range 12 {
			img.Set(x0+1, y+dy, c)
			img.Set(x0+2, y+dy, c)
		}
		for dx := range 6 {
			img.Set(x0+1+dx, y+5, c)
			img.Set(x0+1+dx, y+11, c)
		}
		if g%3 == 0 {
			img.Set(x0+6, y+4, color.RGBA{128, 128, 136, 255}) // antialiasing
		}
	}
}

func TestMeasureInk(t *testing.T) {
	// Half a screenshot's size in each direction, which makes no
	// difference to shares and keeps the test quick under -race.
	const w, h = 640, 400
	page := filled(w, h, white)
	for line := range 15 {
		writeText(page, 16, 16+24*line, 60, ink1)
	}
	oneWord := filled(w, h, white)
	writeText(oneWord, 16, 16, 6, ink1)
	faint := filled(w, h, white)
	for y := range h {
		for x := 0; x < w; x += 3 {
			faint.Set(x, y, color.RGBA{240, 236, 250, 255}) // within inkThreshold of white
		}
	}
	dark := filled(w, h, color.RGBA{30, 30, 30, 255})
	for line := range 5 {
		writeText(dark, 16, 16+24*line, 50, color.RGBA{230, 230, 230, 255})
	}
	halves := filled(w, h, white)
	for y := range h / 2 {
		for x := range w {
			halves.Set(x, y, color.Black)
		}
	}
	gray := image.NewGray(image.Rect(0, 0, 100, 100)) // another image type
	for i := range gray.Pix {
		gray.Pix[i] = 255
	}
	for x := range 100 {
		gray.Pix[50*100+x] = 0 // a rule across: 1%
		gray.Pix[60*100+x] = 0 // and another: 2% in all
	}

	for _, tc := range []struct {
		name      string
		img       image.Image
		wantBlank bool
		wantBG    color.NRGBA
		minShare  float64
		maxShare  float64
	}{
		{"all white", filled(w, h, white), true, color.NRGBA{255, 255, 255, 255}, 0, 0},
		{"white with text", page, false, color.NRGBA{255, 255, 255, 255}, 0.05, 0.2},
		{"one word", oneWord, true, color.NRGBA{255, 255, 255, 255}, 0.0005, 0.002},
		{"faint noise", faint, true, color.NRGBA{255, 255, 255, 255}, 0, 0},
		{"light text on dark", dark, false, color.NRGBA{30, 30, 30, 255}, 0.02, 0.1},
		{"half black (ties go to the smaller colour)", halves, false, color.NRGBA{0, 0, 0, 255}, 0.5, 0.5},
		{"gray image", gray, false, color.NRGBA{255, 255, 255, 255}, 0.02, 0.02},
		{"all black", filled(w, h, color.RGBA{0, 0, 0, 255}), true, color.NRGBA{0, 0, 0, 255}, 0, 0},
		{"empty", image.NewRGBA(image.Rect(0, 0, 0, 0)), true, color.NRGBA{}, 0, 0},
	} {
		// Through PNG and back, as screenshots come.
		var buf bytes.Buffer
		if !tc.img.Bounds().Empty() {
			if err := png.Encode(&buf, tc.img); err != nil {
				t.Fatal(err)
			}
		}
		img := tc.img
		if buf.Len() > 0 {
			var err error
			if img, err = png.Decode(&buf); err != nil {
				t.Fatal(err)
			}
		}
		got := measureInk(img)
		if got.blank(0.01) != tc.wantBlank || got.background != tc.wantBG || got.share < tc.minShare || got.share > tc.maxShare {
			t.Errorf("%s: blank=%v, background %v, share %.5f; want blank=%v, background %v, share in [%g, %g]",
				tc.name, got.blank(0.01), got.background, got.share, tc.wantBlank, tc.wantBG, tc.minShare, tc.maxShare)
		}
		if b := tc.img.Bounds(); got.width != b.Dx() || got.height != b.Dy() {
			t.Errorf("%s: size %d×%d, want %d×%d", tc.name, got.width, got.height, b.Dx(), b.Dy())
		}
	}
}

func TestMeasureInkSubImage(t *testing.T) {
	// A sub-image has a stride wider than its rows and an offset origin.
	img := filled(200, 200, white)
	for y := 100; y < 200; y++ {
		for x := 150; x < 200; x++ {
			img.Set(x, y, color.Black)
		}
	}
	got := measureInk(img.SubImage(image.Rect(100, 100, 200, 200)))
	if got.width != 100 || got.height != 100 || got.share != 0.5 {
		t.Errorf("got %+v, want 100×100 with share 0.5", got)
	}
}

func TestRemoteObjectString(t *testing.T) {
	for raw, want := range map[string]string{
		`{"type":"string","value":"x"}`:                                           "x",
		`{"type":"number","value":42,"description":"42"}`:                         "42",
		`{"type":"number","unserializableValue":"NaN","description":"NaN"}`:       "NaN",
		`{"type":"boolean","value":false}`:                                        "false",
		`{"type":"undefined"}`:                                                    "undefined",
		`{"type":"object","subtype":"null","value":null}`:                         "null",
		`{"type":"object","className":"Object","description":"Object"}`:           "Object",
		`{"type":"object","subtype":"error","description":"Error: no\n    at x"}`: "Error: no\n    at x",
		`{"type":"function","description":"function f() {}"}`:                     "function f() {}",
	} {
		var o remoteObject
		if err := json.Unmarshal([]byte(raw), &o); err != nil {
			t.Fatal(err)
		}
		if got := o.String(); got != want {
			t.Errorf("%s: got %q, want %q", raw, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"much too long", 8, "much too …"},
		{"two\nlines", 80, "two …"},
		{"ééééé", 5, "éé …"}, // never half a character
	} {
		if got := clip(tc.in, tc.n); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestCollector feeds the events of a page load, as Chromium sends them,
// and checks what counts against the page.
func TestCollector(t *testing.T) {
	page := pageURL("/tmp/r/seed.html")
	c := &collector{page: page, loaded: make(chan struct{}), requests: make(map[string]*pageRequest)}
	var dismissed []bool
	c.dismiss = func(accept bool) { dismissed = append(dismissed, accept) }
	ev := func(method, params string) {
		t.Helper()
		if !json.Valid([]byte(params)) {
			t.Fatalf("bad test JSON: %s", params)
		}
		c.event(method, json.RawMessage(params))
	}

	ev("Page.loadEventFired", `{"timestamp":1}`) // about:blank's, before navigating
	select {
	case <-c.loaded:
		t.Fatal("a load event before the navigation counted")
	default:
	}
	c.navigating()
	ev("Network.requestWillBeSent", `{"requestId":"1","request":{"method":"GET","url":"`+page+`"},"type":"Document"}`)
	ev("Network.requestWillBeSent", `{"requestId":"2","request":{"method":"GET","url":"data:image/png;base64,AAAA"}}`)
	ev("Network.requestWillBeSent", `{"requestId":"3","request":{"method":"GET","url":"http://127.0.0.1:9/x.png"}}`)
	ev("Network.loadingFailed", `{"requestId":"3","type":"Image","errorText":"net::ERR_UNSAFE_PORT"}`)
	ev("Network.requestWillBeSent", `{"requestId":"4","request":{"method":"POST","url":"https://example.com/beacon"}}`)
	ev("Network.loadingFailed", `{"requestId":"2","type":"Image","errorText":"net::ERR_INVALID_URL"}`)
	ev("Network.loadingFailed", `{"requestId":"9","type":"Other","errorText":"net::ERR_ABORTED","canceled":true}`)
	ev("Runtime.consoleAPICalled", `{"type":"log","args":[{"type":"string","value":"fine"}]}`)
	ev("Runtime.consoleAPICalled", `{"type":"warning","args":[{"type":"string","value":"meh"}]}`)
	ev("Runtime.consoleAPICalled", `{"type":"error","args":[{"type":"string","value":"x"},{"type":"number","value":1,"description":"1"}],
		"stackTrace":{"callFrames":[{"functionName":"","url":"`+page+`","lineNumber":0,"columnNumber":8}]}}`)
	ev("Runtime.consoleAPICalled", `{"type":"assert","args":[{"type":"string","value":"math"}]}`)
	ev("Runtime.exceptionThrown", `{"timestamp":2,"exceptionDetails":{"exceptionId":1,"text":"Uncaught","lineNumber":2,"columnNumber":4,"url":"`+page+`",
		"exception":{"type":"object","subtype":"error","description":"ReferenceError: f is not defined\n    at `+page+`:3:5"}}}`)
	ev("Log.entryAdded", `{"entry":{"source":"network","level":"error","text":"Failed to load resource","url":"http://127.0.0.1:9/x.png"}}`)
	ev("Log.entryAdded", `{"entry":{"source":"other","level":"warning","text":"just a warning"}}`)
	ev("Log.entryAdded", `{"entry":{"source":"intervention","level":"verbose","text":"chatter"}}`)
	ev("Page.javascriptDialogOpening", `{"url":"`+page+`","message":"hi","type":"alert"}`)
	ev("Page.loadEventFired", `{"timestamp":3}`)
	select {
	case <-c.loaded:
	default:
		t.Fatal("the page's load event did not count")
	}
	ev("Page.loadEventFired", `{"timestamp":4}`)                     // a second one must not close twice
	c.event("Runtime.consoleAPICalled", json.RawMessage(`not json`)) // ignored

	var res result
	c.finish(&res, "the screenshot looks blank")
	wantConsole := []string{
		"console.error: x 1 (" + page + ":1:9)",
		"console.assert: assertion failed: math",
		"uncaught exception: ReferenceError: f is not defined (" + page + ":3:5)",
		"log (network): Failed to load resource (http://127.0.0.1:9/x.png)",
	}
	wantRequests := []string{
		"GET http://127.0.0.1:9/x.png (failed: net::ERR_UNSAFE_PORT)",
		"POST https://example.com/beacon",
		"GET data:image/png;base64,AAAA (failed: net::ERR_INVALID_URL)",
		"? (Other request 9) (failed: net::ERR_ABORTED, canceled)",
	}
	if got := strings.Join(res.consoleErrors, "\n"); got != strings.Join(wantConsole, "\n") {
		t.Errorf("console errors:\n%s\nwant:\n%s", got, strings.Join(wantConsole, "\n"))
	}
	if got := strings.Join(res.requests, "\n"); got != strings.Join(wantRequests, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", got, strings.Join(wantRequests, "\n"))
	}
	wantProblems := len(wantConsole) + 1 + len(wantRequests) + 1
	if len(res.problems) != wantProblems || res.problems[len(res.problems)-1] != "the screenshot looks blank" {
		t.Errorf("problems (want %d, the extra one last):\n%s", wantProblems, strings.Join(res.problems, "\n"))
	}
	for _, p := range []string{"dialog: alert: hi", "failed load: GET data:image/png;base64,AAAA (failed: net::ERR_INVALID_URL)", "network request: POST https://example.com/beacon"} {
		if !strings.Contains(strings.Join(res.problems, "\n"), p) {
			t.Errorf("problems lack %q", p)
		}
	}
	if len(dismissed) != 1 || dismissed[0] {
		t.Errorf("dialogs dismissed: %v, want one, not accepted", dismissed)
	}
}

func TestCollectorClean(t *testing.T) {
	page := pageURL("/tmp/r/seed.html")
	c := &collector{page: page, loaded: make(chan struct{}), requests: make(map[string]*pageRequest)}
	c.navigating()
	c.event("Network.requestWillBeSent", json.RawMessage(`{"requestId":"1","request":{"method":"GET","url":"`+page+`"}}`))
	c.event("Network.requestWillBeSent", json.RawMessage(`{"requestId":"2","request":{"method":"GET","url":"data:font/woff2;base64,AAAA"}}`))
	c.event("Runtime.consoleAPICalled", json.RawMessage(`{"type":"info","args":[{"type":"string","value":"ready"}]}`))
	var res result
	c.finish(&res, "")
	if len(res.problems) != 0 || len(res.requests) != 0 || len(res.consoleErrors) != 0 {
		t.Errorf("a clean load has problems: %+v", res)
	}
}

func TestFindChromium(t *testing.T) {
	onPath := map[string]string{"chromium-browser": "/usr/bin/chromium-browser", "google-chrome": "/opt/google/chrome"}
	lookPath := func(name string) (string, error) {
		if strings.Contains(name, "/") {
			if name == "/opt/custom/chrome" {
				return name, nil
			}
			return "", fs.ErrNotExist
		}
		if p, ok := onPath[name]; ok {
			return p, nil
		}
		return "", errors.New("not found")
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "CHROMIUM" {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		flag, env, want, wantErr string
	}{
		{"", "", "/usr/bin/chromium-browser", ""},
		{"", "/opt/custom/chrome", "/opt/custom/chrome", ""},
		{"/opt/custom/chrome", "/nowhere", "/opt/custom/chrome", ""},
		{"/nowhere", "", "", "-chromium /nowhere"},
		{"", "/nowhere", "", "$CHROMIUM /nowhere"},
		{"", "google-chrome", "/opt/google/chrome", ""},
	} {
		got, err := findChromium(tc.flag, env(tc.env), lookPath)
		if got != tc.want || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("findChromium(%q, CHROMIUM=%q) = %q, %v; want %q, error with %q", tc.flag, tc.env, got, err, tc.want, tc.wantErr)
		}
	}
	delete(onPath, "chromium-browser")
	delete(onPath, "google-chrome")
	if _, err := findChromium("", env(""), lookPath); err == nil || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("with none installed: got %v, want advice", err)
	}
}
