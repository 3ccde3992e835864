package scenario

import (
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
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

	triples [][3]int32 // scratch for noMilitaryResponse
	pairs   [][2]int32 // scratch for vetoConflict
	order   []int32    // scratch for assuranceOnly
}

// pending is a finding whose lists are spans of the builder's arrays.
type pending struct {
	code                  Code
	a, g, p, s, msg, curG span
}

// marker is the builder's state when a finding started.
type marker pending

// reset readies b, reusing its arrays, to build the findings of m.
func (b *builder) reset(m *model) {
	n := len(m.s.Guarantees)
	b.m = m
	b.fs, b.curG = b.fs[:0], b.curG[:0]
	b.actors, b.gids, b.pos, b.srcs, b.msg = b.actors[:0], b.gids[:0], b.pos[:0], b.srcs[:0], b.msg[:0]
	b.hasError = grow(b.hasError, n)
	clear(b.hasError)
	b.actorMark, b.gMark = grow(b.actorMark, m.ax.Len()), grow(b.gMark, n)
	clear(b.actorMark)
	clear(b.gMark)
	b.serial = 0
}

func (b *builder) here() span32 {
	return span32{int32(len(b.actors)), int32(len(b.gids)), int32(len(b.pos)), int32(len(b.srcs)), int32(len(b.msg)), int32(len(b.curG))}
}

type span32 struct{ a, g, p, s, msg, curG int32 }

// start begins a finding with the given code.
func (b *builder) start(c Code) marker {
	b.serial++
	h := b.here()
	b.cur = pending{code: c, a: span{h.a, h.a}, g: span{h.g, h.g}, p: span{h.p, h.p}, s: span{h.s, h.s}, msg: span{h.msg, h.msg}, curG: span{h.curG, h.curG}}
	return marker(b.cur)
}

// discard drops the finding started at f.
func (b *builder) discard(f marker) {
	b.actors = b.actors[:f.a.lo]
	b.gids = b.gids[:f.g.lo]
	b.pos = b.pos[:f.p.lo]
	b.srcs = b.srcs[:f.s.lo]
	b.msg = b.msg[:f.msg.lo]
	b.curG = b.curG[:f.curG.lo]
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
	if !slices.Contains(b.gids[b.cur.g.lo:], id) {
		b.gids = append(b.gids, id)
	}
}

// position adds the i-th position, with its sources.
func (b *builder) position(i int) {
	b.pos = append(b.pos, b.m.s.positionRef(i))
	b.sources(b.m.s.Positions[i].Sources)
}

// sources adds sources to the current finding; done sorts them and drops
// repeats.
func (b *builder) sources(s []string) {
	for _, src := range s {
		if n := len(b.srcs); n == int(b.cur.s.lo) || b.srcs[n-1] != src {
			b.srcs = append(b.srcs, src)
		}
	}
}

func (b *builder) hasActors() bool     { return len(b.actors) > int(b.cur.a.lo) }
func (b *builder) hasGuarantees() bool { return len(b.gids) > int(b.cur.g.lo) }

// mark returns where the current finding's actors end, for actorsSince.
func (b *builder) mark() int { return len(b.actors) }

// markGuarantees returns where the current finding's guarantees end, for
// guaranteesSince.
func (b *builder) markGuarantees() int { return len(b.gids) }

// actorsSoFar returns the current finding's actors, sorted.
func (b *builder) actorsSoFar() []actor.ID { return b.actorsSince(int(b.cur.a.lo)) }

// actorsSince returns the current finding's actors added since mark, sorted.
func (b *builder) actorsSince(mark int) []actor.ID {
	s := b.actors[mark:]
	slices.Sort(s)
	return s
}

// guaranteesSoFar returns the current finding's guarantee IDs, sorted.
func (b *builder) guaranteesSoFar() []guarantee.ID { return b.guaranteesSince(int(b.cur.g.lo)) }

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
	f.a.hi, f.g.hi, f.p.hi, f.s.hi, f.msg.hi, f.curG.hi = h.a, h.g, h.p, h.s, h.msg, h.curG
	slices.Sort(b.actors[f.a.lo:])
	slices.Sort(b.gids[f.g.lo:])
	srcs := b.srcs[f.s.lo:]
	slices.Sort(srcs)
	b.srcs = b.srcs[:int(f.s.lo)+len(slices.Compact(srcs))]
	f.s.hi = int32(len(b.srcs))
	if f.code.Severity() == Error {
		for _, g := range b.curG[f.curG.lo:] {
			b.hasError[g] = true
		}
	}
	b.fs = append(b.fs, f)
}

// findings returns the completed findings, in report order. The builder's
// arrays are reused by the next evaluation, so the findings' lists are
// copied out, one array per type for all of them.
func (b *builder) findings() []Finding {
	if len(b.fs) == 0 {
		return nil
	}
	msg := string(b.msg)
	actors, gids, pos, srcs := slices.Clone(b.actors), slices.Clone(b.gids), slices.Clone(b.pos), slices.Clone(b.srcs)
	out := make([]Finding, len(b.fs))
	for i, f := range b.fs {
		out[i] = Finding{
			Code:       f.code,
			Severity:   f.code.Severity(),
			Actors:     clip(actors, f.a),
			Guarantees: clip(gids, f.g),
			Positions:  clip(pos, f.p),
			Message:    msg[f.msg.lo:f.msg.hi],
			Sources:    clip(srcs, f.s),
		}
	}
	slices.SortFunc(out, compareFindings)
	return out
}

// clip returns the span of s with its capacity cut to its length, so that
// appending to one finding's list never writes over another's; an empty
// span is nil.
func clip[T any](s []T, sp span) []T {
	if sp.lo == sp.hi {
		return nil
	}
	return s[sp.lo:sp.hi:sp.hi]
}
