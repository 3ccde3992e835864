package actor

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/entente-go/entente/internal/actorpos"
)

// Errors that need the whole set of actors, returned wrapped in a [Problem].
var (
	ErrDuplicateID    = errors.New("duplicate actor ID")
	ErrUnknownActor   = errors.New("unknown actor")
	ErrMembershipLoop = errors.New("membership loop")
)

// Problems is the error [NewIndex] returns: every problem found, in the
// order of the actors and their fields.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "actors[%d].%s", p.Actor, p.Error())
	}
	return b.String()
}

// Unwrap returns the problems as errors, so that [errors.Is] finds the
// sentinels inside them.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Index answers questions about a set of actors: lookups by ID, membership
// at any depth, and who holds a veto in a body's rule. It is built once by
// [NewIndex], never changes, and is safe for concurrent use.
type Index struct {
	actors []Actor
	table  []int32        // open-addressing hash table: position+1 of each actor, 0 for empty
	lists  actorpos.Lists // spans per actor, and the positions they point into
	mark   []uint8        // per actor, scratch for the walks of NewIndex

	// within[withinAt[i]:withinAt[i+1]] are the bodies actor i is a member
	// of at any depth, sorted.
	withinAt, within []int32
	cursor           []int32   // scratch for memberships
	stamp            []uint32  // scratch for Reset's checks
	once             sync.Once // computes memberships on first use

	aside     []bool    // per actor: it or a body inside it sets the parties aside
	asideOnce sync.Once // computes aside on first use
}

type span = actorpos.Span

func init() {
	actorpos.Of = func(x any) *actorpos.Lists { return &x.(*Index).lists }
}

// NewIndex indexes actors. It checks every actor ([Actor.Check]) and the
// set as a whole: duplicate IDs, members that are not among actors, and
// membership loops. When it finds a problem it returns a nil Index and a
// [Problems] error holding all of them. The Index keeps actors as given;
// the caller must not change them afterwards.
func NewIndex(actors []Actor) (*Index, error) {
	x := new(Index)
	if err := x.Reset(actors); err != nil {
		return nil, err
	}
	return x, nil
}

// Reset indexes actors as [NewIndex] does, reusing x's memory, for tools
// that index many sets of actors one after another. On error x is left
// empty. Reset must not be called while x is in use elsewhere; between
// calls, x is safe for concurrent use as any Index is.
func (x *Index) Reset(actors []Actor) error {
	x.actors = actors
	var ps Problems
	for i := range actors {
		for _, p := range actors[i].check(false) {
			p.Actor = i
			ps = append(ps, p)
		}
	}
	size := 8
	for size < 2*len(actors) {
		size *= 2
	}
	x.table = reuse(x.table, size)
	for i := range actors {
		if j := x.insert(int32(i)); j >= 0 {
			ps = append(ps, Problem{Actor: i, Field: "id", Err: fmt.Errorf("%w %q (also actors[%d])", ErrDuplicateID, actors[i].ID, j)})
		}
	}

	// Direct members, resolved.
	x.lists.Spans = resize(x.lists.Spans, len(actors)) // every span is set below
	total := 0
	for i := range actors {
		total += len(actors[i].Members)
	}
	x.lists.Data = resize(x.lists.Data, 3*total+2*len(actors))[:0]
	// Direct members resolved, with the checks Check leaves to us: repeated
	// members and veto holders that are not members, found through a stamp
	// per actor so that they cost linear time.
	x.stamp = reuse(x.stamp, len(actors))
	for i := range actors {
		a := &actors[i]
		serial := uint32(i + 1)
		lo := int32(len(x.lists.Data))
		for k, m := range a.Members {
			j, ok := x.lookup(m)
			switch {
			case !ok:
				if m.Valid() {
					ps = append(ps, Problem{Actor: i, Field: fmt.Sprintf("members[%d]", k), Err: fmt.Errorf("%w %q", ErrUnknownActor, m)})
				}
			case x.stamp[j] == serial:
				ps = append(ps, Problem{Actor: i, Field: fmt.Sprintf("members[%d]", k), Err: fmt.Errorf("%w %q", ErrDuplicateMember, m)})
			case j != int32(i):
				x.stamp[j] = serial
				x.lists.Data = append(x.lists.Data, j)
			}
		}
		x.lists.Spans[i].Members = span{Lo: lo, Hi: int32(len(x.lists.Data))}
		if !a.Kind.IsBody() {
			continue
		}
		for k, v := range a.Vetoes {
			if j, ok := x.lookup(v); !ok || x.stamp[j] != serial {
				ps = append(ps, Problem{Actor: i, Field: fmt.Sprintf("vetoes[%d]", k), Err: fmt.Errorf("%w: %q", ErrVetoNotMember, v)})
			}
		}
	}
	if !x.closures() {
		ps = append(ps, x.loops()...)
	}
	x.once = sync.Once{}
	x.asideOnce = sync.Once{}
	if x.lists.Memberships == nil { // bound once: an index reset for each evaluation allocates nothing
		x.lists.Memberships, x.lists.VetoesAside, x.lists.VetoesParties = x.membershipPos, x.vetoPosAside, x.vetoPosByRule
	}
	if len(ps) > 0 {
		slices.SortStableFunc(ps, func(p, q Problem) int { return cmp.Compare(p.Actor, q.Actor) })
		*x = Index{}
		return ps
	}
	return nil
}

// resize returns s with length n, reusing its array when it is large
// enough; the elements keep whatever they held.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reuse returns s with length n and every element zero, reusing its array
// when it is large enough.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// hash is FNV-1a, enough to spread actor IDs over the table.
func hash(id ID) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h ^= uint32(id[i])
		h *= 16777619
	}
	return h
}

// insert adds the actor at position i to the table, unless an actor with
// its ID is there already; then it returns that actor's position, else -1.
func (x *Index) insert(i int32) int32 {
	id := x.actors[i].ID
	mask := uint32(len(x.table) - 1)
	for k := hash(id) & mask; ; k = (k + 1) & mask {
		switch j := x.table[k] - 1; {
		case j < 0:
			x.table[k] = i + 1
			return -1
		case x.actors[j].ID == id:
			return j
		}
	}
}

// lookup returns the position of the actor with the given ID.
func (x *Index) lookup(id ID) (int32, bool) {
	if len(x.table) == 0 {
		return -1, false
	}
	mask := uint32(len(x.table) - 1)
	for k := hash(id) & mask; ; k = (k + 1) & mask {
		j := x.table[k] - 1
		if j < 0 {
			return -1, false
		}
		if x.actors[j].ID == id {
			return j, true
		}
	}
}

func (x *Index) members(i int32) []int32 {
	s := x.lists.Spans[i].Members
	return x.lists.Data[s.Lo:s.Hi]
}

// loops finds membership cycles by depth-first search, reporting each once,
// at the member edge that closes it.
func (x *Index) loops() Problems {
	x.mark = reuse(x.mark, len(x.actors)) // white
	var ps Problems
	var stack []int32
	for i := range x.actors {
		if x.mark[i] == white {
			x.visitLoops(int32(i), &stack, &ps)
		}
	}
	return ps
}

// Marks of the walks: loops colours actors white, grey and black;
// closures marks them closed.
const (
	white uint8 = iota
	grey
	black
	closed
)

func (x *Index) visitLoops(i int32, stack *[]int32, ps *Problems) {
	x.mark[i] = grey
	*stack = append(*stack, i)
	for _, j := range x.members(i) {
		switch x.mark[j] {
		case white:
			x.visitLoops(j, stack, ps)
		case grey:
			start := slices.Index(*stack, j)
			var path []string
			for _, k := range (*stack)[start:] {
				path = append(path, string(x.actors[k].ID))
			}
			path = append(path, string(x.actors[j].ID))
			field := fmt.Sprintf("members[%d]", slices.Index(x.actors[i].Members, x.actors[j].ID))
			*ps = append(*ps, Problem{Actor: int(i), Field: field, Err: fmt.Errorf("%w: %s", ErrMembershipLoop, strings.Join(path, " → "))})
		}
	}
	*stack = (*stack)[:len(*stack)-1]
	x.mark[i] = black
}

// closures fills in, for every actor, its members at any depth and the veto
// holders of its rule, by a post-order walk that computes each from its
// members'.
//
// It reports false, leaving the spans unfinished, when membership loops;
// [Index.loops] then says where.
func (x *Index) closures() bool {
	x.mark = reuse(x.mark, len(x.actors))
	// States first, in one pass: each is its own only contributor and
	// veto holder.
	for i := range x.actors {
		if !x.actors[i].Kind.IsBody() {
			x.lists.Data = append(x.lists.Data, int32(i))
			s := span{Lo: int32(len(x.lists.Data) - 1), Hi: int32(len(x.lists.Data))}
			x.lists.Spans[i].Desc, x.lists.Spans[i].Vetoes = s, s
			x.mark[i] = closed
		}
	}
	for i := range x.actors {
		if !x.close(int32(i)) {
			return false
		}
	}
	return true
}

func (x *Index) close(i int32) bool {
	switch x.mark[i] {
	case closed:
		return true
	case grey:
		return false
	}
	a := &x.actors[i]
	if !a.Kind.IsBody() {
		// A state is its own only contributor and veto holder.
		x.lists.Data = append(x.lists.Data, i)
		s := span{Lo: int32(len(x.lists.Data) - 1), Hi: int32(len(x.lists.Data))}
		x.lists.Spans[i].Desc, x.lists.Spans[i].Vetoes = s, s
		x.mark[i] = closed
		return true
	}
	x.mark[i] = grey
	for _, j := range x.members(i) {
		if !x.close(j) {
			return false
		}
	}
	x.mark[i] = closed
	lo := int32(len(x.lists.Data))
	x.lists.Data = append(x.lists.Data, i)
	for _, j := range x.members(i) {
		s := x.lists.Spans[j].Desc
		x.lists.Data = append(x.lists.Data, x.lists.Data[s.Lo:s.Hi]...)
	}
	x.lists.Spans[i].Desc = x.sortSpan(lo)

	// The same holders as a.RuleVetoes, without its allocation, and for
	// each holder that is a body, its own holders.
	lo = int32(len(x.lists.Data))
	for _, v := range a.Vetoes {
		if j, ok := x.lookup(v); ok { // an unknown holder is reported by Check
			x.addVeto(j)
		}
	}
	if q := a.Quorum(); q > 0 && len(a.Members)-1 < q {
		for _, j := range x.members(i) {
			x.addVeto(j)
		}
	}
	x.lists.Spans[i].Vetoes = x.sortSpan(lo)
	return true
}

// memberships inverts the closures: for each actor, the bodies it is a
// member of at any depth, sorted.
func (x *Index) memberships() {
	n := len(x.actors)
	x.withinAt = reuse(x.withinAt, n+1)
	for b := range n {
		for _, i := range x.descPos(int32(b)) {
			if int(i) != b {
				x.withinAt[i+1]++
			}
		}
	}
	for i := 1; i <= n; i++ {
		x.withinAt[i] += x.withinAt[i-1]
	}
	x.within = resize(x.within, int(x.withinAt[n]))
	x.cursor = resize(x.cursor, n)
	copy(x.cursor, x.withinAt[:n])
	for b := range n {
		for _, i := range x.descPos(int32(b)) {
			if int(i) != b {
				x.within[x.cursor[i]] = int32(b)
				x.cursor[i]++
			}
		}
	}
}

func (x *Index) addVeto(j int32) {
	x.lists.Data = append(x.lists.Data, j)
	if x.actors[j].Kind.IsBody() {
		s := x.lists.Spans[j].Vetoes
		x.lists.Data = append(x.lists.Data, x.lists.Data[s.Lo:s.Hi]...)
	}
}

// sortSpan sorts and deduplicates data[lo:] and returns it as a span.
func (x *Index) sortSpan(lo int32) span {
	s := x.lists.Data[lo:]
	slices.Sort(s)
	s = slices.Compact(s)
	x.lists.Data = x.lists.Data[:int(lo)+len(s)]
	return span{Lo: lo, Hi: int32(len(x.lists.Data))}
}

// Len returns the number of actors.
func (x *Index) Len() int { return len(x.actors) }

// Lookup returns the actor with the given ID.
func (x *Index) Lookup(id ID) (Actor, bool) {
	i, ok := x.lookup(id)
	if !ok {
		return Actor{}, false
	}
	return x.actors[i], true
}

// Has reports whether an actor with the given ID exists.
func (x *Index) Has(id ID) bool {
	_, ok := x.lookup(id)
	return ok
}

// Pos returns the position of the actor with the given ID in the slice
// given to [NewIndex], or -1.
func (x *Index) Pos(id ID) int {
	i, _ := x.lookup(id)
	return int(i)
}

// IDs returns the actors' IDs in sorted order.
func (x *Index) IDs() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		ids := make([]ID, len(x.actors))
		for i, a := range x.actors {
			ids[i] = a.ID
		}
		slices.Sort(ids)
		for _, id := range ids {
			if !yield(id) {
				return
			}
		}
	}
}

// IsMember reports whether a is a member of body at any depth: a direct
// member, or a member of a member, and so on. No actor is a member of
// itself.
func (x *Index) IsMember(a, body ID) bool {
	i, ok := x.lookup(a)
	j, ok2 := x.lookup(body)
	if !ok || !ok2 || i == j {
		return false
	}
	_, in := slices.BinarySearch(x.descPos(j), i)
	return in
}

func (x *Index) descPos(i int32) []int32 { s := x.lists.Spans[i].Desc; return x.lists.Data[s.Lo:s.Hi] }

func (x *Index) vetoPos(i int32) []int32 {
	s := x.lists.Spans[i].Vetoes
	return x.lists.Data[s.Lo:s.Hi]
}

// Contributors returns the actor with the given ID and all its members at
// any depth, in the order of [NewIndex]'s slice: everyone who takes part
// when that actor provides a guarantee. It yields nothing for an unknown ID.
func (x *Index) Contributors(id ID) iter.Seq[ID] {
	i, ok := x.lookup(id)
	return x.ids(ok, func() []int32 { return x.descPos(i) })
}

// Memberships returns the bodies the actor with the given ID is a member
// of at any depth, in the order of [NewIndex]'s slice. It yields nothing for
// an unknown ID.
func (x *Index) Memberships(id ID) iter.Seq[ID] {
	i, ok := x.lookup(id)
	return x.ids(ok, func() []int32 { return x.membershipPos(int(i)) })
}

// membershipPos is the positional form of [Index.Memberships]: positions
// in NewIndex's slice, sorted. The caller must not change the slice.
func (x *Index) membershipPos(i int) []int32 {
	x.once.Do(x.memberships)
	return x.within[x.withinAt[i]:x.withinAt[i+1]]
}

// VetoHolders returns the actors whose "no" alone stops the actor with the
// given ID from acting, sorted by position in NewIndex's slice. For a state
// that is the state itself. For a body it is the veto holders of its rule
// ([Actor.RuleVetoes]) and, where one of them is a body, that body's own veto
// holders, at any depth: a member that can block a unanimity body which in
// turn can block this one holds a veto here too. A coalition that decides
// separately yields only its explicit vetoes, often none.
func (x *Index) VetoHolders(id ID) iter.Seq[ID] {
	i, ok := x.lookup(id)
	return x.ids(ok, func() []int32 { return x.vetoPos(i) })
}

// At returns the actor at position i of NewIndex's slice.
func (x *Index) At(i int) Actor { return x.actors[i] }

func (x *Index) ids(ok bool, pos func() []int32) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		if !ok {
			return
		}
		for _, j := range pos() {
			if !yield(x.actors[j].ID) {
				return
			}
		}
	}
}
