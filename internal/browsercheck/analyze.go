package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"net/url"
	"strings"
	"unicode/utf8"
)

// pageURL is the file:// URL of the page at the absolute path abs, as
// the browser would write it.
func pageURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

// isNetworkRequest reports whether a request for target, made by the page
// at page (a file:// URL), counts as a network request: anything but the
// page itself (its fragment aside) and data: URLs. A sibling file, an
// http(s) URL or a URL that does not parse all count: a self-contained
// report needs none of them.
func isNetworkRequest(page, target string) bool {
	t, err := url.Parse(target)
	if err != nil {
		return true
	}
	if t.Scheme == "data" { // url.Parse lowercases the scheme
		return false
	}
	p, err := url.Parse(page)
	if err != nil {
		return true
	}
	return !sameFile(p, t)
}

func sameFile(a, b *url.URL) bool {
	local := func(host string) bool { return host == "" || strings.EqualFold(host, "localhost") }
	return a.Scheme == "file" && b.Scheme == "file" &&
		local(a.Host) && local(b.Host) &&
		a.Path == b.Path && a.RawQuery == b.RawQuery
}

// inkThreshold is how far, in any of the 8-bit channels, a pixel must be
// from the background to count as drawn on: antialiasing and subpixel
// noise stay below it, text and lines go well past it.
const inkThreshold = 32

// ink describes how much of a screenshot is drawn on: the most common
// colour is taken for the background, and share is the fraction of
// pixels that differ noticeably from it.
type ink struct {
	width, height int
	background    color.NRGBA
	share         float64
}

// measureInk finds the background colour of img and the share of pixels
// that differ from it.
func measureInk(img image.Image) ink {
	b := img.Bounds()
	res := ink{width: b.Dx(), height: b.Dy()}
	if b.Empty() {
		return res
	}
	var pix []uint8 // 4 bytes a pixel, rows of stride bytes
	var stride int
	switch m := img.(type) {
	case *image.NRGBA:
		pix, stride = m.Pix, m.Stride
	case *image.RGBA: // premultiplied, which is the same for opaque pixels
		pix, stride = m.Pix, m.Stride
	default:
		n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(n, n.Bounds(), img, b.Min, draw.Src)
		pix, stride = n.Pix, n.Stride
	}
	w, h := b.Dx(), b.Dy()

	counts := make(map[uint32]int)
	for y := range h {
		row := pix[y*stride : y*stride+4*w]
		for x := 0; x < len(row); x += 4 {
			counts[uint32(row[x])<<24|uint32(row[x+1])<<16|uint32(row[x+2])<<8|uint32(row[x+3])]++
		}
	}
	var bg uint32
	best := -1
	for c, n := range counts {
		if n > best || n == best && c < bg { // ties: the smaller value, for a stable answer
			bg, best = c, n
		}
	}
	res.background = color.NRGBA{uint8(bg >> 24), uint8(bg >> 16), uint8(bg >> 8), uint8(bg)}

	far := func(a, b uint8) bool { return a > b && a-b > inkThreshold || b > a && b-a > inkThreshold }
	bgc := [4]uint8{res.background.R, res.background.G, res.background.B, res.background.A}
	drawn := 0
	for c, n := range counts {
		px := [4]uint8{uint8(c >> 24), uint8(c >> 16), uint8(c >> 8), uint8(c)}
		if far(px[0], bgc[0]) || far(px[1], bgc[1]) || far(px[2], bgc[2]) || far(px[3], bgc[3]) {
			drawn += n
		}
	}
	res.share = float64(drawn) / float64(w*h)
	return res
}

// blank reports whether the screenshot counts as blank: less than minInk
// of it drawn on.
func (i ink) blank(minInk float64) bool {
	return i.width == 0 || i.height == 0 || i.share < minInk
}

// remoteObject is the part of a Runtime.RemoteObject needed to print a
// console argument.
type remoteObject struct {
	Type                string          `json:"type"`
	Subtype             string          `json:"subtype,omitempty"`
	Value               json.RawMessage `json:"value,omitempty"`
	UnserializableValue string          `json:"unserializableValue,omitempty"`
	Description         string          `json:"description,omitempty"`
}

func (o remoteObject) String() string {
	switch {
	case o.Type == "string":
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	case o.Type == "undefined":
		return "undefined"
	case o.UnserializableValue != "":
		return o.UnserializableValue
	case o.Description != "":
		return o.Description
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	return o.Type
}

type callFrame struct {
	URL          string `json:"url"`
	LineNumber   int    `json:"lineNumber"`   // from 0
	ColumnNumber int    `json:"columnNumber"` // from 0
}

type stackTrace struct {
	CallFrames []callFrame `json:"callFrames"`
}

// where formats a source position, lines and columns counted from 1.
func where(url string, line, col int) string {
	if url == "" {
		return ""
	}
	return fmt.Sprintf(" (%s:%d:%d)", url, line+1, col+1)
}

func (s *stackTrace) where() string {
	if s == nil || len(s.CallFrames) == 0 {
		return ""
	}
	f := s.CallFrames[0]
	return where(f.URL, f.LineNumber, f.ColumnNumber)
}

// clip shortens s to at most n bytes (plus an ellipsis) and to its first
// line, so one noisy message cannot flood the report.
func clip(s string, n int) string {
	more := false
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s, more = s[:i], true
	}
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s, more = s[:n], true
	}
	if more {
		s += " …"
	}
	return s
}
