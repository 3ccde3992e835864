package deals

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Deal is a package of the offers on the table with the candidate vetoes
// it grants (docs/MODEL.md, "Deals and search"): what [Search] reports as a
// maximal package and a concession unlocks, what [All] yields, and what
// bargaining ranges over. Every deal they give is feasible: the scenario
// cut down to the package, with the scenario's granted vetoes and those candidates,
// evaluates with no error. The same package with two different choices of
// candidates is two deals. [scenario.Scenario.CandidateVeto] gives the veto each
// grant is.
type Deal struct {
	// Guarantees are the package's offers, sorted.
	Guarantees []guarantee.ID `json:"guarantees"`
	// Vetoes are the demands-veto positions (by ID, else by path) whose
	// candidate vetoes the deal grants, in the order of the positions.
	Vetoes []string `json:"vetoes"`
}

// AllOptions are the limits of [All]. The zero AllOptions sets none.
type AllOptions struct {
	// Limit, when positive, is the most deals [All] yields; one more
	// ends the sequence with an error wrapping [ErrTooMany].
	Limit int
}

// ErrTooMany ends a [All] sequence that has more deals than the
// caller's limit: the deals yielded before it are not all of them.
var ErrTooMany = errors.New("more deals than the limit")

// maxDemands bounds the demands-veto positions whose grants Deals
// tries in every combination, those that cover no offer included.
const maxDemands = space.MaxDemands

// All yields every feasible deal of s, exactly, with a nil error:
// for each choice W of the candidate vetoes (one per demands-veto
// position) every non-empty package H such that the scenario cut down to
// H, with the granted vetoes plus W, evaluates with no error. All come
// in a deterministic order: by choice of candidates (as a binary number
// over the demands-veto positions in order, the first the lowest bit),
// then by package, in a depth-first order over the offers.
//
// A candidate veto whose grant covers no offer of the package is still a
// choice of its own: the deal grants it, and an actor may value the grant.
// So the count can be as large as 2^offers times 2^candidates.
//
// For a choice W the feasible packages are exactly the subsets of the
// largest package W allows (the one [Search] computes) that are closed
// under the offers' requirements and meet every requires position: each
// other error finding's rule rules out single offers.
//
// The sequence ends after one error: the scenario's problems (as from
// [scenario.Validate]), [ErrTooManyVetoes], the context's error when ctx is done,
// or [ErrTooMany] past opts.Limit. A caller that stops early
// stops the enumeration.
func All(ctx context.Context, s scenario.Scenario, opts AllOptions) iter.Seq2[Deal, error] {
	return func(yield func(Deal, error) bool) {
		sp, err := space.New(&s)
		if err != nil {
			yield(Deal{}, err)
			return
		}
		if len(sp.Demands) > maxDemands {
			yield(Deal{}, fmt.Errorf("%w: %d demands-veto positions; at most %d", ErrTooManyVetoes, len(sp.Demands), maxDemands))
			return
		}
		sp.Ctx = ctx
		e := enumerator{sp: sp, yield: yield, limit: opts.Limit, every: sp.AllPositions()}
		e.run()
	}
}

type enumerator struct {
	sp    *space.Space
	yield func(Deal, error) bool
	limit int
	every space.Bits

	count int
	steps int
	stop  bool

	vetoes   []string
	members  []int      // the offers of the largest package, in order
	in, out  space.Bits // decided in, decided out
	reqs     []space.Bits
	canStill space.Bits // offers not yet decided out
}

func (e *enumerator) run() {
	sp := e.sp
	cand := sp.DemandCands()
	for _, r := range sp.Requires {
		e.reqs = append(e.reqs, r.Hit)
	}
	e.in, e.out = space.NewSet(sp.N), space.NewSet(sp.N)
	for w := range uint64(1) << len(sp.Demands) {
		var grants []int
		e.vetoes = e.vetoes[:0]
		for j, d := range sp.Demands {
			if w&(1<<j) == 0 {
				continue
			}
			e.vetoes = append(e.vetoes, words.PositionRef(sp.S.Positions[d.Pos].ID, d.Pos))
			if cand[j] >= 0 {
				grants = append(grants, cand[j])
			}
		}
		if e.check() {
			return
		}
		l := sp.Largest(e.every, grants)
		if l.Empty() || slices.ContainsFunc(e.reqs, func(h space.Bits) bool { return !l.Meets(h) }) {
			continue
		}
		e.members = e.members[:0]
		l.Each(func(g int) { e.members = append(e.members, g) })
		clear(e.in)
		clear(e.out)
		e.canStill = l
		e.walk(0, 0)
		if e.stop {
			return
		}
	}
}

// check stops the enumeration when the context is done, every 1024 steps.
func (e *enumerator) check() bool {
	e.steps++
	if e.steps%1024 == 0 {
		if err := e.sp.Ctx.Err(); err != nil {
			e.stop = true
			e.yield(Deal{}, err)
		}
	}
	return e.stop
}

// walk decides the offers of the largest package from the k-th on, out
// first, keeping the package closed under requirements: an offer goes in
// only if none it requires is out, and out only if none that requires it
// is in (an offer in requires those after it to come in at their turn).
func (e *enumerator) walk(k, size int) {
	if e.stop || e.check() {
		return
	}
	sp := e.sp
	// Prune: every requires position must still be met by offers in or
	// undecided.
	for _, h := range e.reqs {
		if !e.canStill.Meets(h) {
			return
		}
	}
	if k == len(e.members) {
		if size > 0 {
			e.emit()
		}
		return
	}
	g := e.members[k]
	canIn := !slices.ContainsFunc(sp.Deps[g], func(r int) bool { return e.out.Has(r) })
	canOut := !slices.ContainsFunc(sp.RequiredBy[g], func(h int) bool { return e.in.Has(h) })
	if canOut {
		e.out.Add(g)
		e.canStill.Del(g)
		e.walk(k+1, size)
		e.canStill.Add(g)
		e.out.Del(g)
	}
	if canIn && !e.stop {
		e.in.Add(g)
		e.walk(k+1, size+1)
		e.in.Del(g)
	}
}

func (e *enumerator) emit() {
	if e.limit > 0 && e.count >= e.limit {
		e.stop = true
		e.yield(Deal{}, fmt.Errorf("%w: %d", ErrTooMany, e.limit))
		return
	}
	e.count++
	d := Deal{Guarantees: []guarantee.ID{}, Vetoes: slices.Clone(e.vetoes)}
	if d.Vetoes == nil {
		d.Vetoes = []string{}
	}
	e.in.Each(func(g int) { d.Guarantees = append(d.Guarantees, e.sp.S.Guarantees[g].ID) })
	slices.Sort(d.Guarantees)
	if !e.yield(d, nil) {
		e.stop = true
	}
}

// Choice is one choice of candidate vetoes with the largest package it
// allows, for analyses that optimise over packages rather than list them
// (see [Choices]).
type Choice struct {
	// Vetoes are the demands-veto positions whose candidate vetoes the
	// choice grants, as in [Deal].
	Vetoes []string
	// Largest is the largest package the choice allows, sorted. The
	// feasible packages under the choice are exactly its non-empty subsets
	// that hold every guarantee their members require and meet every
	// requires position (Requires).
	Largest []guarantee.ID
	// Requires are, per requires position, the offers of Largest that meet
	// it; a feasible package holds one of each.
	Requires [][]guarantee.ID
}

// Choices yields, for every choice of the candidate vetoes in the order
// [All] takes them, the largest package it allows, when some
// non-empty package is feasible under it. [All] is the subsets of
// these; an analysis with an additive objective can search them by branch
// and bound instead of listing them. The sequence ends after one error,
// as Deals' does.
func Choices(ctx context.Context, s scenario.Scenario) iter.Seq2[Choice, error] {
	return func(yield func(Choice, error) bool) {
		sp, err := space.New(&s)
		if err != nil {
			yield(Choice{}, err)
			return
		}
		stopped := false
		err = sp.Choices(ctx, nil, func(w uint64, l space.Bits) bool {
			var c Choice
			c.Vetoes, c.Largest, c.Requires = sp.Choice(w, l)
			stopped = !yield(c, nil)
			return !stopped
		})
		if err != nil && !stopped {
			yield(Choice{}, err)
		}
	}
}
