// Package words holds the small pieces of wording every report of the
// project shares, so that they read alike: counts in English ("1
// finding", "3 findings"), lists of IDs, a scenario's name, a position's
// reference.
package words

import (
	"strconv"
	"strings"
)

// Plural returns n and word, with an s unless n is 1: Plural(2, "error")
// is "2 errors".
func Plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

// Strings returns ids as plain strings.
func Strings[T ~string](ids []T) []string {
	out := make([]string, len(ids))
	for i, v := range ids {
		out[i] = string(v)
	}
	return out
}

// JoinIDs joins ids with ", ".
func JoinIDs[T ~string](ids []T) string { return strings.Join(Strings(ids), ", ") }

// NonNil returns s, or an empty slice when s is nil, so that JSON shows
// [] rather than null.
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ScenarioName is a scenario's name for a reader, who needs a word even
// when the scenario has no name.
func ScenarioName(name string) string {
	if name == "" {
		return "(unnamed scenario)"
	}
	return name
}

// PositionRef is how findings and answers name the position at index i
// of a scenario: by its ID, or by its path ("positions[2]") when it has
// none.
func PositionRef(id string, i int) string {
	if id != "" {
		return id
	}
	return "positions[" + strconv.Itoa(i) + "]"
}

// Clip returns s cut to its first n characters, with "…" where it was
// cut, so that a long text from a file can be quoted without repeating
// all of it.
func Clip(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i] + "…"
		}
		k++
	}
	return s
}
