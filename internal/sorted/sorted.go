// Package sorted holds what the actor and scenario packages both do with
// sorted lists of positions (actors or guarantees numbered from 0), so
// that each is written once and neither package exports it.
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
