// Package suggest finds the word a person most likely meant: the "did you
// mean" of error messages about misspelt keys and IDs.
package suggest

import "strings"

// Closest returns the candidate closest to word, ignoring case: the fewest
// edits away (an insertion, a deletion, a substitution or a swap of two
// neighbours each count one), then the longest common prefix ("USA"
// suggests "US" before "UA"), then the first in the candidates' order. It
// reports false when no candidate is within a third of word's length, one
// edit at least, since a suggestion further off misleads more than it
// helps.
func Closest(word string, candidates []string) (string, bool) {
	limit := max(1, len(word)/3)
	lower := strings.ToLower(word)
	best, bestD, bestP := "", limit+1, -1
	for _, c := range candidates {
		other := strings.ToLower(c)
		d := Distance(lower, other)
		p := commonPrefix(lower, other)
		if d <= limit && (d < bestD || d == bestD && p > bestP) {
			best, bestD, bestP = c, d, p
		}
	}
	return best, best != ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Distance is the optimal string alignment distance between a and b, in
// bytes: the edits of Levenshtein plus the swap of two neighbours, so that
// "nmae" is one edit from "name". Strings over 64 bytes are taken as far
// apart, which keeps the cost of a hostile input bounded.
func Distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	// Three rows of the dynamic-programming table: two back, one back, now.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
