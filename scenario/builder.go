package scenario

import (
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/words"
)

// builder assembles findings. The lists of all findings share one backing
// array per type and the messages share one string, so a report costs a
// handful of allocations however many findings it has. A check starts a
// finding, adds what it involves, and either completes it with done or
// drops it with discard.
type builder struct {
	m        *model
	fs       []pending
	cur      pending
	actors   []actor.ID
	gids     []guarantee.ID
	pos      []string
	srcs     []string
	msg      []byte
	curG     []int32 // the guarantees of the current finding, by position
	hasError []bool  // per guarantee: named by an error finding so far

	// actorMark and gMark hold, per actor and per guarantee, the serial
	// number of the last finding that named it, so that adding one twice
	// costs nothing.
	actorMark, gMark []uint32
	serial           uint32

	// keep makes the builder keep its lists from one evaluation to the
	// next, and findings write into out: for a caller that reads the
	// findings before the next evaluation (a sweep), and allocates less.
	keep bool
	out  []Finding

	triples [][3]int32 // scratch for noMilitaryResponse
	pairs   [][2]int32 // scratch for vetoConflict, then noMilitaryResponse
	order   []int32    // scratch for assuranceOnly
}

// pending is a finding whose lists are spans of the builder's arrays,
// from lo to hi.
type pending struct {
	code   Code
	lo, hi offsets
}

// offsets are the lengths of the builder's arrays at one moment.
type offsets struct{ a, g, p, s, msg, curG int32 }

// reset readies b, reusing its arrays, to build the findings of m.
func (b *builder) reset(m *model) {
	n := len(m.s.Guarantees)
	b.m = m
	b.fs, b.curG = b.fs[:0], b.curG[:0]
	// The lists findings share are handed to the caller, so each
	// evaluation starts them afresh, unless the builder keeps them; they
	// are made when the first finding starts.
	if b.keep {
		b.actors, b.gids, b.pos, b.srcs = b.actors[:0], b.gids[:0], b.pos[:0], b.srcs[:0]
	} else {
		b.actors, b.gids, b.pos, b.srcs = nil, nil, nil, nil
	}
	b.msg = b.msg[:0]
	b.hasError = grow(b.hasError, n)
	clear(b.hasError)
	b.actorMark, b.gMark = grow(b.actorMark, m.ax.Len()), grow(b.gMark, n)
	clear(b.actorMark)
	clear(b.gMark)
	b.serial = 0
}

func (b *builder) here() offsets {
	return offsets{int32(len(b.actors)), int32(len(b.gids)), int32(len(b.pos)), int32(len(b.srcs)), int32(len(b.msg)), int32(len(b.curG))}
}

// start begins a finding with the given code.
func (b *builder) start(c Code) {
	b.serial++
	if b.gids == nil {
		b.gids = make([]guarantee.ID, 0, 2*len(b.m.s.Guarantees)+8)
		b.actors = make([]actor.ID, 0, 8)
		b.pos = make([]string, 0, 8)
		b.srcs = make([]string, 0, 8)
	}
	b.cur.code, b.cur.lo = c, b.here()
}

// discard drops the current finding.
func (b *builder) discard() {
	lo := b.cur.lo
	b.actors = b.actors[:lo.a]
	b.gids = b.gids[:lo.g]
	b.pos = b.pos[:lo.p]
	b.srcs = b.srcs[:lo.s]
	b.msg = b.msg[:lo.msg]
	b.curG = b.curG[:lo.curG]
}

func (b *builder) actor(id actor.ID) {
	p := b.m.ax.Pos(id)
	if b.actorMark[p] == b.serial {
		return
	}
	b.actorMark[p] = b.serial
	b.actors = append(b.actors, id)
}

// guarantee adds the guarantee at position g, with its sources.
func (b *builder) guarantee(g int32) {
	if b.gMark[g] == b.serial {
		return
	}
	b.gMark[g] = b.serial
	b.curG = append(b.curG, g)
	gg := &b.m.s.Guarantees[g]
	b.gids = append(b.gids, gg.ID)
	b.sources(gg.Sources)
}

// guaranteeID adds a guarantee the deal does not contain, by ID.
func (b *builder) guaranteeID(id guarantee.ID) {
	if !slices.Contains(b.gids[b.cur.lo.g:], id) {
		b.gids = append(b.gids, id)
	}
}

// position adds the i-th position, with its sources.
func (b *builder) position(i int) {
	b.pos = append(b.pos, words.PositionRef(b.m.s.Positions[i].ID, i))
	b.sources(b.m.s.Positions[i].Sources)
}

// sources adds sources to the current finding; done sorts them and drops
// repeats.
func (b *builder) sources(s []string) {
	for _, src := range s {
		if n := len(b.srcs); n == int(b.cur.lo.s) || b.srcs[n-1] != src {
			b.srcs = append(b.srcs, src)
		}
	}
}

func (b *builder) hasActors() bool     { return len(b.actors) > int(b.cur.lo.a) }
func (b *builder) hasGuarantees() bool { return len(b.gids) > int(b.cur.lo.g) }

// markGuarantees returns where the current finding's guarantees end, for
// guaranteesSince.
func (b *builder) markGuarantees() int { return len(b.gids) }

// actorsSoFar returns the current finding's actors, sorted.
func (b *builder) actorsSoFar() []actor.ID { return b.actorsSince(int(b.cur.lo.a)) }

// actorsSince returns the current finding's actors added since mark, sorted.
func (b *builder) actorsSince(mark int) []actor.ID {
	s := b.actors[mark:]
	slices.Sort(s)
	return s
}

// guaranteesSoFar returns the current finding's guarantee IDs, sorted.
func (b *builder) guaranteesSoFar() []guarantee.ID { return b.guaranteesSince(int(b.cur.lo.g)) }

// guaranteesSince returns the current finding's guarantee IDs added since
// mark, sorted. It keeps them in step with their positions in curG only
// when mark is the start of the finding, which is all done needs.
func (b *builder) guaranteesSince(mark int) []guarantee.ID {
	s := b.gids[mark:]
	slices.Sort(s)
	return s
}

// describe appends the words for a selector to the current message.
func (b *builder) describe(sel guarantee.Selector) { b.msg = sel.AppendDescription(b.msg) }

// say appends to the current finding's message.
func (b *builder) say(parts ...string) {
	for _, p := range parts {
		b.msg = append(b.msg, p...)
	}
}

// sayList appends "A", "A and B" or "A, B and C".
func sayList[T ~string](b *builder, items []T) {
	for i, it := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			b.msg = append(b.msg, " and "...)
		default:
			b.msg = append(b.msg, ", "...)
		}
		b.msg = append(b.msg, it...)
	}
}

// done completes the current finding.
func (b *builder) done() {
	h := b.here()
	f := b.cur
	f.hi = h
	slices.Sort(b.actors[f.lo.a:])
	slices.Sort(b.gids[f.lo.g:])
	srcs := b.srcs[f.lo.s:]
	slices.Sort(srcs)
	b.srcs = b.srcs[:int(f.lo.s)+len(slices.Compact(srcs))]
	f.hi.s = int32(len(b.srcs))
	if f.code.Severity() == Error {
		for _, g := range b.curG[f.lo.curG:] {
			b.hasError[g] = true
		}
	}
	b.fs = append(b.fs, f)
}

// findings returns the completed findings, in report order. Their lists
// share one array per type, which the builder gives up.
func (b *builder) findings() []Finding {
	actors, gids, pos, srcs := b.actors, b.gids, b.pos, b.srcs
	if !b.keep {
		b.actors, b.gids, b.pos, b.srcs = nil, nil, nil, nil
	}
	if len(b.fs) == 0 {
		return nil
	}
	msg := string(b.msg)
	var out []Finding
	if b.keep {
		b.out = grow(b.out, len(b.fs))
		out = b.out
	} else {
		out = make([]Finding, len(b.fs))
	}
	for i, f := range b.fs {
		out[i] = Finding{
			Code:       f.code,
			Severity:   f.code.Severity(),
			Actors:     clip(actors, f.lo.a, f.hi.a),
			Guarantees: clip(gids, f.lo.g, f.hi.g),
			Positions:  clip(pos, f.lo.p, f.hi.p),
			Message:    msg[f.lo.msg:f.hi.msg],
			Sources:    clip(srcs, f.lo.s, f.hi.s),
		}
	}
	if !slices.IsSortedFunc(out, compareFindings) {
		slices.SortFunc(out, compareFindings)
	}
	return out
}

// clip returns the span of s with its capacity cut to its length, so that
// appending to one finding's list never writes over another's; an empty
// span is nil.
func clip[T any](s []T, lo, hi int32) []T {
	if lo == hi {
		return nil
	}
	return s[lo:hi:hi]
}
