package space

import "math/bits"

// Limits of exact counting; past them Count is left unset and the result
// says why.
const (
	MaxCountOffers     = 62 // counts must fit an int64
	maxCountFamilies   = 20 // distinct largest packages, for inclusion-exclusion
	MaxCountRequires   = 20 // requires positions, likewise
	maxCountComponents = 24 // offers linked by requirements, counted by trying each subset
)

// Count counts the feasible packages. A package is feasible when, under
// some choice of grants, it lies within that choice's largest package,
// holds every offer its offers require, and meets every requires position.
// The feasible packages under one choice are those conditions applied to
// its largest package; the Count of their union comes by
// inclusion-exclusion over the choices' largest packages, and each term by
// inclusion-exclusion over the requires positions, down to counting the
// requirement-closed subsets of a set, which multiply across the groups of
// offers that requirements link.
func (sp *Space) Count(out Outcome) (uint64, bool) {
	if sp.N > MaxCountOffers {
		sp.CountSkipped = "the count needs at most 62 offers"
		return 0, false
	}
	var family []Bits
	for _, c := range sp.Undominated(out.Choices, true) {
		family = append(family, c.Max)
	}
	var reqs []Bits
	every := sp.AllPositions()
	for _, r := range sp.Requires {
		if every.Has(r.pos) {
			reqs = append(reqs, r.Hit)
		}
	}
	if len(family) > maxCountFamilies || len(reqs) > MaxCountRequires {
		sp.CountSkipped = "too many requires positions to count exactly"
		return 0, false
	}
	// Refuse, up front, a count whose terms would take too long: each term
	// tries every subset of each group of offers that requirements link.
	if sp.CountWork(len(family), len(reqs)) > MaxCountWork {
		sp.CountSkipped = "too many requires positions and linked offers to count exactly"
		return 0, false
	}
	if sp.Done() {
		return 0, false
	}
	var total int64
	for t := 1; t < 1<<len(family); t++ {
		if sp.Done() {
			return 0, false
		}
		inter := sp.fullSet()
		for i, x := range family {
			if t&(1<<i) != 0 {
				inter.And(x)
			}
		}
		n, ok := sp.CountWithin(inter, reqs)
		if !ok {
			return 0, false
		}
		if bits.OnesCount(uint(t))%2 == 1 {
			total += n
		} else {
			total -= n
		}
	}
	return uint64(total), true
}

// fullSet returns the set of every offer, a word at a time.
func (sp *Space) fullSet() Bits {
	s := NewSet(sp.N)
	for i := range s {
		s[i] = ^uint64(0)
	}
	if r := sp.N % 64; r != 0 {
		s[len(s)-1] = 1<<r - 1
	}
	return s
}

// MaxCountWork bounds the subsets a count may try in all.
const MaxCountWork = 1 << 27

// CountWork bounds the subsets a count tries: for each term of the two
// inclusion-exclusions, every subset of every group of linked offers.
func (sp *Space) CountWork(families, reqs int) float64 {
	groups := sp.groups(sp.fullSet())
	perTerm := 0.0
	for _, members := range groups {
		perTerm += float64(uint64(1) << min(len(members), 62))
	}
	return perTerm * float64(uint64(1)<<families) * float64(uint64(1)<<reqs)
}

// CountWithin counts the requirement-closed subsets of x that meet every
// set in reqs.
func (sp *Space) CountWithin(x Bits, reqs []Bits) (int64, bool) {
	var total int64
	for t := 0; t < 1<<len(reqs); t++ {
		if t%256 == 255 && sp.Done() {
			return 0, false
		}
		y := x.Clone()
		for i, h := range reqs {
			if t&(1<<i) != 0 {
				y.AndNot(h)
			}
		}
		n, ok := sp.closedSubsets(y)
		if !ok {
			return 0, false
		}
		if bits.OnesCount(uint(t))%2 == 0 {
			total += n
		} else {
			total -= n
		}
	}
	return total, true
}

// closedSubsets counts the subsets of y that hold every offer their
// offers require.
func (sp *Space) closedSubsets(y Bits) (int64, bool) {
	y = y.Clone()
	sp.Close(y)
	groups := sp.groups(y)
	total := int64(1)
	for _, members := range groups {
		if len(members) == 1 {
			total *= 2
			continue
		}
		if len(members) > maxCountComponents {
			sp.CountSkipped = "offers linked by requirements in groups too large to count"
			return 0, false
		}
		var n int64
		for mask := 0; mask < 1<<len(members); mask++ {
			if mask%65536 == 65535 && sp.Done() {
				return 0, false
			}
			if sp.closedMask(members, mask) {
				n++
			}
		}
		total *= n
	}
	return total, true
}

// groups returns the groups of the offers of y that requirements link,
// found with a union-find, in order of their first offer.
func (sp *Space) groups(y Bits) [][]int {
	parent := make([]int, sp.N)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	y.Each(func(g int) {
		for _, r := range sp.Deps[g] {
			if y.Has(r) {
				parent[find(g)] = find(r)
			}
		}
	})
	index := map[int]int{}
	var out [][]int
	y.Each(func(g int) {
		root := find(g)
		k, ok := index[root]
		if !ok {
			k = len(out)
			index[root] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], g)
	})
	return out
}

// closedMask reports whether the members chosen by mask hold every offer
// they require.
func (sp *Space) closedMask(members []int, mask int) bool {
	for i, g := range members {
		if mask&(1<<i) == 0 {
			continue
		}
		for _, r := range sp.Deps[g] {
			j := indexOf(members, r)
			if j < 0 || mask&(1<<j) == 0 {
				return false
			}
		}
	}
	return true
}

func indexOf(s []int, x int) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}
