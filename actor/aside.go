package actor

import (
	"slices"

	"github.com/entente-go/entente/internal/sorted"
)

// VetoHoldersAside returns the actors whose "no" alone stops the body with
// the given ID from acting on a dispute when the parties to it are set
// aside, sorted by position in NewIndex's slice. It is [Index.VetoHolders]
// for a decision in which the body does not count the parties' votes,
// whatever the body's own [Actor.PartiesAside] says: the caller decides
// that the rule applies (the body's flag, or the one of a single
// activation). Unknown IDs among parties are ignored; an unknown body
// yields nil.
//
// The rule with the parties aside:
//
//   - A party that is a direct member is not counted: it holds no veto, as
//     an explicit veto holder or otherwise, and the quorum is taken over
//     the other direct members. Unanimity needs every one of them; majority
//     more than half of them; an explicit threshold N stays N, counted
//     among them only. When fewer than N of them remain, the body needs
//     every one that remains, so each of them holds a veto (the reading a
//     researcher would give of a Council that cannot muster its number:
//     nobody outside the dispute may be overruled).
//   - A party that is a body sets aside itself, not its members: a member
//     of it who is no party keeps whatever say it has through another
//     membership.
//   - A member body that holds a veto decides by its own rule: it sets the
//     parties aside only if its own [Actor.PartiesAside] says so. A party
//     inside such a body, with its veto there, blocks the body and so the
//     outer one.
//   - A state decides for itself: its veto holder is itself, party or not.
//
// With no party among the body's members at any depth, the result is that
// of VetoHolders.
func (x *Index) VetoHoldersAside(body ID, parties []ID) []ID {
	b, ok := x.lookup(body)
	if !ok {
		return nil
	}
	ps := make([]int32, 0, len(parties))
	for _, id := range parties {
		if j, ok := x.lookup(id); ok {
			ps = append(ps, j)
		}
	}
	slices.Sort(ps)
	var out []ID
	for _, j := range x.vetoPosAside(int(b), slices.Compact(ps), nil) {
		out = append(out, x.actors[j].ID)
	}
	return out
}

// vetoPosAside is the positional form of [Index.VetoHoldersAside]: it
// appends to dst the positions of the veto holders of the body at position
// p with parties (positions, sorted ascending) set aside, sorted and
// without duplicates among what it appends, and returns the extended
// slice. p must be a position of NewIndex's slice. It allocates only
// when dst must grow, and where no party is a
// member of the body at any depth it costs what copying the plain veto
// holders does.
func (x *Index) vetoPosAside(p int, parties []int32, dst []int32) []int32 {
	return x.vetoPosParties(int32(p), parties, true, dst)
}

// vetoPosByRule is like [Index.vetoPosAside], except that the body at
// position p sets the parties aside only when its own [Actor.PartiesAside]
// says so, as every member body does: the veto holders of a decision on a
// dispute taken by the body's rules as they stand. A decision whose own
// terms set the parties aside (a single activation) calls vetoPosAside
// instead.
func (x *Index) vetoPosByRule(p int, parties []int32, dst []int32) []int32 {
	return x.vetoPosParties(int32(p), parties, x.actors[p].PartiesAside, dst)
}

func (x *Index) vetoPosParties(p int32, parties []int32, aside bool, dst []int32) []int32 {
	lo := len(dst)
	dst = x.appendAside(p, parties, aside, dst)
	s := dst[lo:]
	slices.Sort(s)
	return dst[:lo+len(slices.Compact(s))]
}

// asideWithin reports whether the body at position i, or a body among its
// members at any depth, sets the parties aside by its own rule. Where none
// does and the caller does not ask for the rule, the veto holders are the
// plain ones.
func (x *Index) asideWithin(i int32) bool {
	x.asideOnce.Do(func() {
		x.aside = reuse(x.aside, len(x.actors))
		for j := range x.actors {
			if x.actors[j].PartiesAside {
				x.aside[j] = true
				for _, b := range x.membershipPos(j) {
					x.aside[b] = true
				}
			}
		}
	})
	return x.aside[i]
}

// touches reports whether a party is a member of the body at position i at
// any depth.
func (x *Index) touches(i int32, parties []int32) bool {
	desc := x.descPos(i)
	for _, q := range parties {
		if q != i && sorted.Contains(desc, q) {
			return true
		}
	}
	return false
}

// appendAside appends the veto holders of the actor at position i,
// unsorted: with the parties aside in its own rule when aside is set, and
// in the rule of each member body that holds a veto when that body's own
// rule says so.
func (x *Index) appendAside(i int32, parties []int32, aside bool, dst []int32) []int32 {
	a := &x.actors[i]
	if !a.Kind.IsBody() || !aside && !x.asideWithin(i) || !x.touches(i, parties) {
		return append(dst, x.vetoPos(i)...)
	}
	counts := func(j int32) bool { return !aside || !sorted.Contains(parties, j) }
	n := 0
	for _, j := range x.members(i) {
		if counts(j) {
			n++
		}
	}
	for _, v := range a.Vetoes {
		if j, ok := x.lookup(v); ok && counts(j) {
			dst = x.addVetoAside(j, parties, dst)
		}
	}
	if q := quorumOf(a, n); q > 0 && n-1 < q {
		for _, j := range x.members(i) {
			if counts(j) {
				dst = x.addVetoAside(j, parties, dst)
			}
		}
	}
	return dst
}

// addVetoAside appends the veto holder at position j and, when it is a
// body, its own holders, with the parties aside if its own rule says so.
func (x *Index) addVetoAside(j int32, parties []int32, dst []int32) []int32 {
	dst = append(dst, j)
	if !x.actors[j].Kind.IsBody() {
		return dst
	}
	return x.appendAside(j, parties, x.actors[j].PartiesAside, dst)
}

// quorumOf is [Actor.Quorum] for a body of which n direct members count.
func quorumOf(a *Actor, n int) int {
	if a.Threshold > 0 {
		// Counted among the n: when fewer remain, every one is needed.
		return a.Threshold
	}
	switch a.Rule() {
	case Unanimity:
		return n
	case Majority:
		return n/2 + 1
	}
	return 0
}
