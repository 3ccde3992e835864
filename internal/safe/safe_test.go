package safe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTerminal(t *testing.T) {
	tests := []struct {
		name, reason, in, want string
	}{
		{"plain", "ordinary text, accents and backslashes are left alone", `Côte d'Ivoire \ "Ukraine"`, `Côte d'Ivoire \ "Ukraine"`},
		{"sgr", "an escape sequence could recolour the terminal", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"osc8", "an OSC 8 hyperlink could plant a link", "\x1b]8;;https://evil.example/\alink\x1b]8;;\a", `\x1b]8;;https://evil.example/\alink\x1b]8;;\a`},
		{"lines", "a newline or a carriage return could forge a line", "a\nb\rc\td", `a\nb\rc\td`},
		{"c1 and del", "C1 controls act on some terminals; DEL erases", "a\u009b2Jb\x7f", `a\u009b2Jb\x7f`},
		{"bidi", "overrides and isolates reorder what a reader sees", "\u202eabc\u202c \u2066x\u2069 \u202a", `\u202eabc\u202c \u2066x\u2069 \u202a`},
		{"not utf-8", "a stray byte is shown as a byte", "a\xffb", `a\xffb`},
		{"marks kept", "U+200F is a mark, not an override; it is shown as it is", "a\u200fb", "a\u200fb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Terminal(tt.in)); diff != "" {
				t.Errorf("Terminal(%q) (-want +got): %s\n%s", tt.in, tt.reason, diff)
			}
			if got, want := HasHidden(tt.in), tt.in != tt.want; got != want {
				t.Errorf("HasHidden(%q) = %v, want %v (%s)", tt.in, got, want, tt.reason)
			}
		})
	}
}

func TestPage(t *testing.T) {
	in := "<p>\n\ta\x1b[2Jb\r\u202ec</p>\n"
	want := "<p>\n\ta\\x1b[2Jb\\r\\u202ec</p>\n"
	if diff := cmp.Diff(want, string(Page([]byte(in)))); diff != "" {
		t.Errorf("Page keeps newlines and tabs and escapes the rest (-want +got):\n%s", diff)
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, reason, in, want string
	}{
		{"plain", "nothing to do", "a b\nc", "a b\nc"},
		{"controls", "escape sequences lose their controls", "\x1b[31mred\a", "[31mred"},
		{"layout", "tabs become spaces, CR and CRLF newlines", "a\tb\rc\r\nd", "a b\nc\nd"},
		{"bidi", "overrides and isolates are removed", "\u202eabc\u2066d\u2069", "abcd"},
		{"bad bytes", "a stray byte becomes U+FFFD; noncharacters go", "a\xffb\uffff", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Clean(tt.in)); diff != "" {
				t.Errorf("Clean(%q): %s (-want +got):\n%s", tt.in, tt.reason, diff)
			}
		})
	}
}

func TestLink(t *testing.T) {
	tests := []struct {
		url    string
		reason string
		want   bool
	}{
		{"https://example.org/a?b=c#d", "a web address", true},
		{"HTTP://example.org", "the scheme in capitals is still http", true},
		{"javascript:alert(3)", "script", false},
		{"JavaScript:alert(3)", "script in capitals", false},
		{"data:text/html,<script>", "an inline document", false},
		{"mailto:someone@example.org", "not a web page", false},
		{"file:///etc/passwd", "a local file", false},
		{"//example.org/x", "relative to the page's scheme", false},
		{"/docs/x.pdf", "a relative path", false},
		{"https:example.org", "no host", false},
		{"https://example.org/\x1b]8;;x", "a control character", false},
		{"https://example.org/a b", "a space", false},
		{"", "nothing", false},
	}
	for _, tt := range tests {
		if got := Link(tt.url); got != tt.want {
			t.Errorf("Link(%q) = %v, want %v (%s)", tt.url, got, tt.want, tt.reason)
		}
	}
}

func TestJSON(t *testing.T) {
	name := "a\u202eb\x7fc\u009bd\x1b<e>"
	var b bytes.Buffer
	if err := json.NewEncoder(JSON(&b)).Encode(map[string]string{"name": name}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsFunc(strings.TrimSuffix(out, "\n"), Hidden) {
		t.Errorf("hidden runes survive in %q", out)
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(name, back["name"]); diff != "" {
		t.Errorf("the JSON does not read back as written (-want +got):\n%s", diff)
	}
}
