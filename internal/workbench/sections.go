package workbench

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
)

// ShownHeader lists the report's sections the page shows, so that the
// answer leaves out those that have not changed: "ID:HASH" pairs, comma
// separated, each HASH as the last answer's Sections gave it. A section
// whose hash matches comes back as an empty <section id="ID"
// data-unchanged></section>, which the page reads as "keep what you
// show"; any other section comes back whole. The header changes only how
// much is sent, never what the page ends up showing.
const ShownHeader = "X-Entente-Shown"

// maxShown bounds the pairs of [ShownHeader] the server reads; the report
// has fewer sections than that.
const maxShown = 64

// parseShown reads [ShownHeader]'s value into hashes by section ID,
// ignoring whatever is malformed or beyond [maxShown] pairs: the worst a
// wrong header does is send a section whole.
func parseShown(v string) map[string]string {
	if v == "" {
		return nil
	}
	shown := map[string]string{}
	for pair := range strings.SplitSeq(v, ",") {
		if len(shown) == maxShown {
			break
		}
		id, hash, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if ok && id != "" && hash != "" {
			shown[id] = hash
		}
	}
	return shown
}

// sectionStart is what begins each section of the report's HTML, after
// a newline; scenario text is escaped, so only the template writes it.
const sectionStart = `<section id="`

// sectionParts cuts the report's HTML at its sections as the page does
// (html.split(/\n(?=<section id=")/)): the text before the first section,
// if any, then each section with what follows it up to the newline before
// the next. The parts joined with newlines are the HTML.
func sectionParts(html string) []string {
	var parts []string
	for {
		i := strings.Index(html, "\n"+sectionStart)
		if i < 0 {
			return append(parts, html)
		}
		parts = append(parts, html[:i])
		html = html[i+1:]
	}
}

// sectionID returns the ID of the section part begins with, or "" when it
// begins with none.
func sectionID(part string) string {
	rest, ok := strings.CutPrefix(strings.TrimLeft(part, " \t\r\n"), sectionStart)
	if !ok {
		return ""
	}
	id, _, ok := strings.Cut(rest, `"`)
	if !ok {
		return ""
	}
	return id
}

// sectionHash is the hash the page gets for a section's HTML: the first
// 128 bits of its SHA-256, in hex, so that two different sections never
// pass for one another.
func sectionHash(part string) string {
	sum := sha256.Sum256([]byte(part))
	return hex.EncodeToString(sum[:16])
}

// cutReport is the report's HTML cut at its sections, with the hash of
// each section by ID, made once for however many answers send it.
type cutReport struct {
	html   string
	parts  []string
	ids    []string // per part: the ID of its section, or ""
	hashes map[string]string
}

// cut cuts the report's HTML at its sections and hashes each.
func cut(html string) cutReport {
	c := cutReport{html: html, parts: sectionParts(html)}
	c.ids = make([]string, len(c.parts))
	c.hashes = make(map[string]string, len(c.parts))
	for i, part := range c.parts {
		if id := sectionID(part); id != "" {
			c.ids[i] = id
			c.hashes[id] = sectionHash(part)
		}
	}
	return c
}

// leaveOut returns the report's HTML with each section the page already
// shows as it is (by shown, hashes by ID) replaced by an empty one marked
// unchanged.
func (c cutReport) leaveOut(shown map[string]string) string {
	if len(shown) == 0 {
		return c.html
	}
	var b strings.Builder
	for i, part := range c.parts {
		if i > 0 {
			b.WriteByte('\n')
		}
		if id := c.ids[i]; id != "" && shown[id] == c.hashes[id] {
			b.WriteString(sectionStart + id + `" data-unchanged></section>`)
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}

// without returns the report with the section id left out, as though the
// report never had it.
func (c cutReport) without(id string) cutReport {
	i := slices.Index(c.ids, id)
	if i < 0 {
		return c
	}
	out := cutReport{parts: slices.Delete(slices.Clone(c.parts), i, i+1), ids: slices.Delete(slices.Clone(c.ids), i, i+1),
		hashes: maps.Clone(c.hashes)}
	delete(out.hashes, id)
	out.html = strings.Join(out.parts, "\n")
	return out
}
