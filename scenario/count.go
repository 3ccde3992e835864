package scenario

import "math/bits"

// Limits of exact counting; past them Count is left unset and the result
// says why.
const (
	maxCountOffers     = 62 // counts must fit an int64
	maxCountFamilies   = 20 // distinct largest packages, for inclusion-exclusion
	maxCountRequires   = 20 // requires positions, likewise
	maxCountComponents = 24 // offers linked by requirements, counted by trying each subset
)

// count counts the feasible packages. A package is feasible when, under
// some choice of grants, it lies within that choice's largest package,
// holds every offer its offers require, and meets every requires position.
// The feasible packages under one choice are those conditions applied to
// its largest package; the count of their union comes by
// inclusion-exclusion over the choices' largest packages, and each term by
// inclusion-exclusion over the requires positions, down to counting the
// requirement-closed subsets of a set, which multiply across the groups of
// offers that requirements link.
func (sp *space) count(out outcome) (uint64, bool) {
	if sp.n > maxCountOffers {
		sp.countSkipped = "the count needs at most 62 offers"
		return 0, false
	}
	var family []set
	for _, c := range sp.undominated(out.choices, true) {
		family = append(family, c.max)
	}
	var reqs []set
	every := sp.allPositions()
	for _, r := range sp.requires {
		if every.has(r.pos) {
			reqs = append(reqs, r.hit)
		}
	}
	if len(family) > maxCountFamilies || len(reqs) > maxCountRequires {
		sp.countSkipped = "too many requires positions to count exactly"
		return 0, false
	}
	// Refuse, up front, a count whose terms would take too long: each term
	// tries every subset of each group of offers that requirements link.
	if sp.countWork(len(family), len(reqs)) > maxCountWork {
		sp.countSkipped = "too many requires positions and linked offers to count exactly"
		return 0, false
	}
	if sp.done() {
		return 0, false
	}
	var total int64
	for t := 1; t < 1<<len(family); t++ {
		if sp.done() {
			return 0, false
		}
		inter := sp.fullSet()
		for i, x := range family {
			if t&(1<<i) != 0 {
				inter.and(x)
			}
		}
		n, ok := sp.countWithin(inter, reqs)
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

func (sp *space) fullSet() set {
	s := newSet(sp.n)
	for g := range sp.n {
		s.add(g)
	}
	return s
}

// maxCountWork bounds the subsets a count may try in all.
const maxCountWork = 1 << 27

// countWork bounds the subsets a count tries: for each term of the two
// inclusion-exclusions, every subset of every group of linked offers.
func (sp *space) countWork(families, reqs int) float64 {
	groups := sp.groups(sp.fullSet())
	perTerm := 0.0
	for _, members := range groups {
		perTerm += float64(uint64(1) << min(len(members), 62))
	}
	return perTerm * float64(uint64(1)<<families) * float64(uint64(1)<<reqs)
}

// countWithin counts the requirement-closed subsets of x that meet every
// set in reqs.
func (sp *space) countWithin(x set, reqs []set) (int64, bool) {
	var total int64
	for t := 0; t < 1<<len(reqs); t++ {
		if t%256 == 255 && sp.done() {
			return 0, false
		}
		y := x.clone()
		for i, h := range reqs {
			if t&(1<<i) != 0 {
				y.andNot(h)
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
func (sp *space) closedSubsets(y set) (int64, bool) {
	y = y.clone()
	sp.close(y)
	groups := sp.groups(y)
	total := int64(1)
	for _, members := range groups {
		if len(members) == 1 {
			total *= 2
			continue
		}
		if len(members) > maxCountComponents {
			sp.countSkipped = "offers linked by requirements in groups too large to count"
			return 0, false
		}
		var n int64
		for mask := 0; mask < 1<<len(members); mask++ {
			if mask%65536 == 65535 && sp.done() {
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
func (sp *space) groups(y set) [][]int {
	parent := make([]int, sp.n)
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
	y.each(func(g int) {
		for _, r := range sp.deps[g] {
			if y.has(r) {
				parent[find(g)] = find(r)
			}
		}
	})
	index := map[int]int{}
	var out [][]int
	y.each(func(g int) {
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
func (sp *space) closedMask(members []int, mask int) bool {
	for i, g := range members {
		if mask&(1<<i) == 0 {
			continue
		}
		for _, r := range sp.deps[g] {
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
