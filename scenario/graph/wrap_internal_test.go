package graph

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestWrap pins what wrap cuts; BenchmarkWrapLongWord, below, shows what
// the cut costs (the length of a word, not its square).
func TestWrap(t *testing.T) {
	for _, c := range []struct {
		s     string
		width int
		want  []string
	}{
		{"", 5, nil},
		{"a bb ccc", 5, []string{"a bb", "ccc"}},
		{"abcde", 5, []string{"abcde"}},                       // a word of exactly the width stays whole
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}}, // a longer one is cut at the width
		{"ab abcdefg", 5, []string{"ab", "abcde", "fg"}},      // the line before a cut word ends first
		{"Київщина x", 4, []string{"Київ", "щина", "x"}},      // characters, not bytes
		{"one\ntwo three", 5, []string{"one", "two", "three"}},
	} {
		if got := wrap(c.s, c.width); !cmp.Equal(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q; want %q", c.s, c.width, got, c.want)
		}
	}
	// A word far longer than the width is cut into full lines and a rest,
	// keeping every character.
	long := strings.Repeat("ж", 100_003)
	lines := wrap(long, 20)
	if len(lines) != 5001 || strings.Join(lines, "") != long {
		t.Fatalf("wrap of a long word: %d lines, want 5001 holding the word", len(lines))
	}
	for i, l := range lines[:5000] {
		if n := utf8.RuneCountInString(l); n != 20 {
			t.Fatalf("line %d has %d characters, want 20", i, n)
		}
	}
}

// BenchmarkWrapLongWord wraps one unbroken word, as a name with no spaces
// is: the cost grows with the word's length, not its square.
func BenchmarkWrapLongWord(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		word := strings.Repeat("x", n)
		b.Run("chars="+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				wrap(word, 22)
			}
		})
	}
}
