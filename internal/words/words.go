// Package words writes counts in English for reports and messages:
// "1 finding", "3 findings". Every report of the project words its counts
// through it, so that they read alike.
package words

import "strconv"

// Plural returns n and word, with an s unless n is 1: Plural(2, "error")
// is "2 errors".
func Plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
