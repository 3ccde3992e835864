// Package safe makes text from a scenario file harmless to the person who
// reads what Entente writes from it. A scenario file comes from someone
// else: its names, notes and titles must not recolour a terminal, move its
// cursor, plant a hyperlink, reorder a line, or become a link to anything
// but a web page. Every writer of the project that prints such text goes
// through this package, so that the rule lives in one place.
//
// # What counts as hidden
//
// A rune is hidden ([Hidden]) when it acts on a display instead of being
// shown by it: the C0 controls U+0000–U+001F (newline and tab among
// them), DEL U+007F, the C1 controls U+0080–U+009F, and the Unicode
// bidirectional embeddings, overrides and isolates U+202A–U+202E and
// U+2066–U+2069, which make a name display as something it is not. Bytes
// that are not UTF-8 count as hidden too.
//
// # Terminals
//
// [Terminal] escapes each hidden rune the way Go's %q does ("\x1b",
// "\n", "\u202e"), whatever colour the writer adds around it: colour
// comes only from Entente. Newlines are escaped too, so that a field stays
// on its line and cannot forge the next one. Backslashes are left as they
// are, so that ordinary text reads as written; a backslash in the file and
// an escaped rune may then look alike, which misleads no terminal.
//
// # Other formats
//
// [Page] escapes a whole HTML page the same way, but for its own newlines
// and tabs; [JSON] escapes what encoding/json leaves raw as \u escapes;
// [Clean] removes hidden runes from text that a picture draws (SVG, DOT,
// Mermaid), where an escape would only clutter a label.
//
// # Links
//
// Only an absolute http or https address with a host may become a link
// ([Link]); anything else (javascript:, data:, file:, a relative path) is
// printed as plain text.
package safe

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Hidden reports whether r acts on a display instead of being shown by
// it; see the package documentation.
func Hidden(r rune) bool {
	return r < 0x20 || 0x7f <= r && r < 0xa0 || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

// HasHidden reports whether s holds a hidden rune or a byte that is not
// UTF-8.
func HasHidden(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Hidden(r) {
			return true
		}
		i += size
	}
	return false
}

// Terminal returns s with every hidden rune escaped as Go's %q escapes it
// and every byte that is not UTF-8 as \xNN, so that s shows on a terminal
// as what it is. s is returned as it is when it needs nothing.
func Terminal(s string) string {
	if !HasHidden(s) {
		return s
	}
	return string(escape(make([]byte, 0, len(s)+8), s, false))
}

// Page returns a whole page of markup, such as an HTML report, with every
// hidden rune escaped as [Terminal] escapes it, but for the newlines and
// tabs that lay the page out: in markup they are only space. The escapes are plain ASCII letters, digits and backslashes, safe
// in any part of a page.
func Page(page []byte) []byte {
	return escape(make([]byte, 0, len(page)+64), string(page), true)
}

// escape appends s to dst with its hidden runes escaped, but for layout
// (newline, tab) when keepLayout is set.
func escape(dst []byte, s string, keepLayout bool) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\x`...)
			dst = append(dst, "0123456789abcdef"[s[i]>>4], "0123456789abcdef"[s[i]&15])
		case keepLayout && (r == '\n' || r == '\t'):
			dst = append(dst, byte(r))
		case Hidden(r):
			q := strconv.QuoteRune(r) // '\x1b', '\n', '\u202e'
			dst = append(dst, q[1:len(q)-1]...)
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// Clean returns s as valid UTF-8 with its hidden runes removed but for
// newlines, for formats that draw text rather than print it (SVG, DOT,
// Mermaid): a tab becomes a space, a carriage return a newline (a CRLF one
// newline), a byte that is not UTF-8 U+FFFD, and the noncharacters U+FFFE
// and U+FFFF, which no format can carry, are removed too.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n':
			b.WriteByte('\n')
		case Hidden(r), r == 0xfffe, r == 0xffff:
			// removed: no format draws them
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isClean reports whether Clean would return s as it is.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Hidden(r) || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// Link reports whether u may become a link: an absolute http or https
// address with a host, holding no hidden rune and no space.
func Link(u string) bool {
	if HasHidden(u) || strings.ContainsAny(u, " \u00a0") {
		return false
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.Opaque != "" {
		return false
	}
	return p.Scheme == "http" || p.Scheme == "https"
}

// JSON returns a writer that passes JSON on to w with the hidden runes
// that encoding/json leaves as they are (DEL, the C1 controls and the
// bidirectional overrides) written as \u escapes, so that JSON read on a
// terminal is as harmless as text. The JSON means the same: a decoder
// reads the escapes back as the runes. Each Write must hold whole runes,
// as an encoding/json Encoder's do.
func JSON(w io.Writer) io.Writer { return jsonWriter{w} }

type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(p []byte) (int, error) {
	if !HasHidden(string(p)) {
		return j.w.Write(p)
	}
	out := make([]byte, 0, len(p)+32)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if Hidden(r) && r >= 0x7f {
			out = append(out, `\u`...)
			out = append(out, strconv.FormatUint(uint64(r)|0x10000, 16)[1:]...)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
