package space

import "math/bits"

// Bits is a Bits of small non-negative integers (offers, positions) as a
// bit Bits. Sets of one search share a length.
type Bits []uint64

func NewSet(n int) Bits { return make(Bits, (n+63)/64) }

func (s Bits) Has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s Bits) Add(i int)      { s[i/64] |= 1 << (i % 64) }
func (s Bits) Del(i int)      { s[i/64] &^= 1 << (i % 64) }

func (s Bits) Clone() Bits { return append(Bits(nil), s...) }

func (s Bits) Empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (s Bits) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s Bits) equal(t Bits) bool {
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

// Subset reports whether s ⊆ t.
func (s Bits) Subset(t Bits) bool {
	for i := range s {
		if s[i]&^t[i] != 0 {
			return false
		}
	}
	return true
}

func (s Bits) Meets(t Bits) bool {
	for i := range s {
		if s[i]&t[i] != 0 {
			return true
		}
	}
	return false
}

func (s Bits) Or(t Bits) {
	for i := range s {
		s[i] |= t[i]
	}
}

func (s Bits) And(t Bits) {
	for i := range s {
		s[i] &= t[i]
	}
}

func (s Bits) AndNot(t Bits) {
	for i := range s {
		s[i] &^= t[i]
	}
}

// Each calls f for Each member, in increasing order.
func (s Bits) Each(f func(i int)) {
	for wi, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			f(wi*64 + b)
			w &^= 1 << b
		}
	}
}

// compare orders sets of the same length by their members, smallest first.
func (s Bits) compare(t Bits) int {
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
