package workbench

import (
	"strings"
	"testing"
)

// TestSectionParts checks that the report's HTML is cut as the page cuts
// it, and that the parts join back into it.
func TestSectionParts(t *testing.T) {
	for _, tt := range []struct {
		html string
		ids  []string
	}{
		{"", []string{""}},
		{`<section id="a">x</section>`, []string{"a"}},
		{"<h1>t</h1>\n<section id=\"a\">x</section>\n<section id=\"b\">y\n</section>\n", []string{"", "a", "b"}},
		// A section's own text never starts a section: it is escaped.
		{"<section id=\"a\">&lt;section id=&#34;b&#34;&gt;\n</section>", []string{"a"}},
		// Whitespace before a section keeps it in one part, as in the page.
		{"\n  <section id=\"a\">x</section>", []string{"a"}},
		{`<section id="unterminated`, []string{""}},
	} {
		parts := sectionParts(tt.html)
		if strings.Join(parts, "\n") != tt.html {
			t.Errorf("%q: parts %q do not join back", tt.html, parts)
		}
		var ids []string
		for _, p := range parts {
			ids = append(ids, sectionID(p))
		}
		if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
			t.Errorf("%q: ids %q, want %q", tt.html, ids, tt.ids)
		}
	}
}

// TestParseShown checks that the header is read into pairs, that what is
// malformed is skipped, and that no more than maxShown pairs are kept.
func TestParseShown(t *testing.T) {
	got := parseShown(" a:1, b:2 ,:3,c:,d,e:f:g")
	want := map[string]string{"a": "1", "b": "2", "e": "f:g"}
	if len(got) != len(want) {
		t.Fatalf("parseShown: %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("parseShown: %s is %q, want %q", k, got[k], v)
		}
	}
	if parseShown("") != nil {
		t.Error("no header: want nil")
	}
	var long strings.Builder
	for i := range 2 * maxShown {
		long.WriteString("s" + strings.Repeat("i", i) + ":h,")
	}
	if n := len(parseShown(long.String())); n != maxShown {
		t.Errorf("a long header: %d pairs kept, want %d", n, maxShown)
	}
}
