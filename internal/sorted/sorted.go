// Package sorted holds what the actor, guarantee and scenario packages do with
// sorted lists of positions (actors or guarantees numbered from 0), so
// that each is written once and no package exports it.
package sorted

import "slices"

// Contains reports whether the list l, sorted ascending, contains v.
// Short lists, the usual case for the parties to a dispute or the veto
// holders of a guarantee, are scanned; longer ones are searched by
// halves.
func Contains(l []int32, v int32) bool {
	if len(l) <= 8 {
		return slices.Contains(l, v)
	}
	_, ok := slices.BinarySearch(l, v)
	return ok
}

// Overlap reports whether two lists, each sorted ascending, share an
// element, in one pass over both.
func Overlap(a, b []int32) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			return true
		}
	}
	return false
}
