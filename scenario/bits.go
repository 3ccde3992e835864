package scenario

import "math/bits"

// set is a set of small non-negative integers (offers, positions) as a
// bit set. Sets of one search share a length.
type set []uint64

func newSet(n int) set { return make(set, (n+63)/64) }

func (s set) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s set) add(i int)      { s[i/64] |= 1 << (i % 64) }
func (s set) del(i int)      { s[i/64] &^= 1 << (i % 64) }

func (s set) clone() set { return append(set(nil), s...) }

func (s set) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (s set) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s set) equal(t set) bool {
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

// subset reports whether s ⊆ t.
func (s set) subset(t set) bool {
	for i := range s {
		if s[i]&^t[i] != 0 {
			return false
		}
	}
	return true
}

func (s set) meets(t set) bool {
	for i := range s {
		if s[i]&t[i] != 0 {
			return true
		}
	}
	return false
}

func (s set) or(t set) {
	for i := range s {
		s[i] |= t[i]
	}
}

func (s set) and(t set) {
	for i := range s {
		s[i] &= t[i]
	}
}

func (s set) andNot(t set) {
	for i := range s {
		s[i] &^= t[i]
	}
}

// each calls f for each member, in increasing order.
func (s set) each(f func(i int)) {
	for wi, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			f(wi*64 + b)
			w &^= 1 << b
		}
	}
}

// compare orders sets of the same length by their members, smallest first.
func (s set) compare(t set) int {
	for i := range s {
		if s[i] != t[i] {
			// The lowest differing member decides.
			d := s[i] ^ t[i]
			if s[i]&(d&-d) != 0 {
				return -1
			}
			return 1
		}
	}
	return 0
}
