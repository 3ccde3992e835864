package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEscape checks the invariants of every function on any input: what
// Terminal returns holds no hidden rune and is valid UTF-8, and is s when s
// needs nothing; Page keeps only newlines and tabs; Clean keeps only
// newlines; a Link is never anything but http or https.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred\x1b[0m", "\u202eabc", "a\xffb", "\r\n\t", "javascript:alert(3)", "https://example.org/x", "HTTPS://a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		term := Terminal(s)
		if strings.ContainsFunc(term, Hidden) || !utf8.ValidString(term) {
			t.Errorf("Terminal(%q) = %q keeps a hidden rune", s, term)
		}
		if !HasHidden(s) && term != s {
			t.Errorf("Terminal(%q) = %q changed text that needs nothing", s, term)
		}
		page := string(Page([]byte(s)))
		if strings.ContainsFunc(page, func(r rune) bool { return Hidden(r) && r != '\n' && r != '\t' }) || !utf8.ValidString(page) {
			t.Errorf("Page(%q) = %q keeps a hidden rune", s, page)
		}
		clean := Clean(s)
		if strings.ContainsFunc(clean, func(r rune) bool { return Hidden(r) && r != '\n' }) || !utf8.ValidString(clean) {
			t.Errorf("Clean(%q) = %q keeps a hidden rune", s, clean)
		}
		if Link(s) {
			lower := strings.ToLower(s)
			if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
				t.Errorf("Link(%q) is true", s)
			}
		}
	})
}
