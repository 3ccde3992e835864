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

	// keep makes findings hand out the builder's own lists, reused from
	// one evaluation to the next, and write into out: for a caller that
	// reads the findings before the next evaluation (a sweep), and
	// allocates less. Without it the report gets copies it owns.
	keep bool
	out  []Finding

	triples [][3]int32 // scratch for noMilitaryResponse
	pairs   [][2]int32 // scratch for vetoConflict, then noMilitaryResponse
	order   []int32    // scratch for assuranceOnly
	rank    []int32    // scratch for findings
	all     []Finding  // scratch for findings
}

// pending is a finding whose lists are spans of the builder's arrays,
// from lo to hi.
type pending struct {
	code   Code
	sev    Severity
	lo, hi offsets
}

// offsets are the lengths of the builder's arrays at one moment.
type offsets struct{ a, g, p, s, msg, curG int32 }

// reset readies b, reusing its arrays, to build the findings of m.
func (b *builder) reset(m *model) {
	n := len(m.s.Guarantees)
	b.m = m
	b.fs, b.curG = b.fs[:0], b.curG[:0]
	b.actors, b.gids, b.pos, b.srcs = b.actors[:0], b.gids[:0], b.pos[:0], b.srcs[:0]
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

// actor adds the actor at position p.
func (b *builder) actor(p int32) {
	if b.actorMark[p] == b.serial {
		return
	}
	b.actorMark[p] = b.serial
	b.actors = append(b.actors, b.m.ax.At(int(p)).ID)
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

// condition appends c as written ("attack(RU, UA)") to the current message.
func (b *builder) condition(c guarantee.Condition) { b.msg, _ = c.AppendText(b.msg) }

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
	f.sev = f.code.Severity()
	if f.sev == Error {
		for _, g := range b.curG[f.lo.curG:] {
			b.hasError[g] = true
		}
	}
	b.fs = append(b.fs, f)
}

// findings returns the completed findings, in report order. Their lists
// share one array per type: the builder's own when it keeps them, else a
// copy of each, made to measure, that the report owns.
func (b *builder) findings() []Finding {
	if len(b.fs) == 0 {
		return nil
	}
	actors, gids, pos, srcs := b.actors, b.gids, b.pos, b.srcs
	msg := string(b.msg)
	var out []Finding
	if b.keep {
		b.out = grow(b.out, len(b.fs))
		out = b.out
	} else {
		actors, gids, pos, srcs = owned(actors), owned(gids), owned(pos), owned(srcs)
		out = make([]Finding, len(b.fs))
	}
	// Findings are large: build them once, sort their places, and move
	// each once into the report.
	b.all = b.all[:0]
	b.rank = b.rank[:0]
	for i, f := range b.fs {
		b.all = append(b.all, b.finding(f, actors, gids, pos, srcs, msg))
		b.rank = append(b.rank, int32(i))
	}
	byReport := func(i, j int32) int { return compareFindings(&b.all[i], &b.all[j]) }
	if !slices.IsSortedFunc(b.rank, byReport) {
		slices.SortFunc(b.rank, byReport)
	}
	for k, i := range b.rank {
		out[k] = b.all[i]
	}
	clear(b.all)
	return out
}

// finding returns the pending finding f with its lists in the given
// arrays and its message in msg, which holds every finding's.
func (b *builder) finding(f pending, actors []actor.ID, gids []guarantee.ID, pos, srcs []string, msg string) Finding {
	return Finding{
		Code:       f.code,
		Severity:   f.sev,
		Actors:     clip(actors, f.lo.a, f.hi.a),
		Guarantees: clip(gids, f.lo.g, f.hi.g),
		Positions:  clip(pos, f.lo.p, f.hi.p),
		Message:    msg[f.lo.msg:f.hi.msg],
		Sources:    clip(srcs, f.lo.s, f.hi.s),
	}
}

// owned returns a copy of s with no spare capacity, nil for none.
func owned[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
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
