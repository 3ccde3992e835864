package suggest

import (
	"fmt"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		reason string
		a, b   string
		want   int
	}{
		{"equal strings", "name", "name", 0},
		{"a swap of neighbours is one edit", "nmae", "name", 1},
		{"a deletion", "USA", "US", 1},
		{"a substitution", "USA", "UKA", 1},
		{"an insertion", "provder", "provider", 1},
		{"from empty", "", "abc", 3},
		{"unrelated", "kind", "sources", 7},
		{"long strings are far apart", string(make([]byte, 65)), "a", 64},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: Distance(%q, %q) = %d, want %d", tc.reason, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	for _, tc := range []struct {
		reason     string
		word       string
		candidates []string
		want       string
		ok         bool
	}{
		{"USA suggests US, the longer common prefix, over UA", "USA", []string{"UA", "US", "RU"}, "US", true},
		{"case is ignored", "Ua", []string{"US", "UA"}, "UA", true},
		{"a swapped key", "nmae", []string{"id", "name", "kind"}, "name", true},
		{"nothing close enough", "zzz", []string{"US", "UA"}, "", false},
		{"two edits are too many for a short word", "XX", []string{"BY"}, "", false},
		{"no candidates", "US", nil, "", false},
		{"ties go to the first candidate", "ab", []string{"ac", "ad"}, "ac", true},
	} {
		got, ok := Closest(tc.word, tc.candidates)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: Closest(%q, %v) = %q, %v; want %q, %v", tc.reason, tc.word, tc.candidates, got, ok, tc.want, tc.ok)
		}
	}
}

func ExampleClosest() {
	best, ok := Closest("provder", []string{"id", "provider", "beneficiary"})
	fmt.Println(best, ok)
	// Output: provider true
}
