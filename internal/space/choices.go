package space

import (
	"context"
	"fmt"
	"slices"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/words"
)

// MaxDemands bounds the demands-veto positions whose grants Choices tries
// in every combination, those that cover no offer included.
const MaxDemands = 24

// Choices walks the choices of candidate vetoes, one bit of w per demand
// (bit j for Demands[j]), in increasing order of w, and calls leaf with
// each choice whose largest package is non-empty and meets every requires
// position, until leaf returns false. It decides the last demand first, so
// that the choices below a node of its walk share their higher bits: w,
// the grants decided, with the bits of open still to decide.
//
// With prune, each node is first checked whole: Upper gives a package that
// holds the largest package of every choice below it, and the node is
// skipped when that package is empty, misses a requires position, or
// prune(w, open, upper) says that nothing below can matter to the caller.
// Each node's package comes from its parent's (see narrow), and may be
// its parent's: prune and leaf read the packages they are given and must
// not change them. Without prune the walk visits the choices one after
// another, as cheaply as a loop.
//
// It returns the context's error when ctx is done (checked at the first
// node and every 256 after), and ErrTooManyVetoes past MaxDemands
// demands.
func (sp *Space) Choices(ctx context.Context, prune func(w, open uint64, upper Bits) bool, leaf func(w uint64, largest Bits) bool) error {
	return sp.choices(ctx, prune, leaf, false)
}

// ChoicesDown is Choices in decreasing order of w: at each node the choices
// that grant the demand just decided come before those that refuse it. A
// search for the best choice meets the large packages of many grants first,
// and with them a good outcome to prune by.
func (sp *Space) ChoicesDown(ctx context.Context, prune func(w, open uint64, upper Bits) bool, leaf func(w uint64, largest Bits) bool) error {
	return sp.choices(ctx, prune, leaf, true)
}

func (sp *Space) choices(ctx context.Context, prune func(w, open uint64, upper Bits) bool, leaf func(w uint64, largest Bits) bool, down bool) error {
	if len(sp.Demands) > MaxDemands {
		return fmt.Errorf("%w: %d demands-veto positions; at most %d", ErrTooManyVetoes, len(sp.Demands), MaxDemands)
	}
	c := &choiceWalk{sp: sp, ctx: ctx, prune: prune, leaf: leaf, every: sp.AllPositions(), cand: sp.DemandCands(), down: down}
	c.walk(len(sp.Demands), 0, nil)
	return c.err
}

type choiceWalk struct {
	sp    *Space
	ctx   context.Context
	prune func(w, open uint64, upper Bits) bool
	leaf  func(w uint64, largest Bits) bool
	every Bits
	cand  []int

	grants, maybe []int
	steps         int
	down          bool // grants first
	err           error
	stop          bool
}

// walk visits the choices w | x for every x below 1<<level. With prune,
// parent is the package of the node above (nil at the root), which holds
// this node's: deciding one demand only takes offers away.
func (c *choiceWalk) walk(level int, w uint64, parent Bits) {
	if c.steps++; c.steps%256 == 1 {
		if c.err = c.ctx.Err(); c.err != nil {
			c.stop = true
			return
		}
	}
	open := uint64(1)<<level - 1
	var u Bits
	if level == 0 || c.prune != nil {
		c.grants, c.maybe = c.cands(c.grants[:0], w), c.cands(c.maybe[:0], open)
		if parent == nil {
			u = c.sp.Upper(c.every, c.grants, c.maybe)
		} else {
			u = c.narrow(parent, level, w&(1<<level) != 0)
		}
		if u.Empty() || slices.ContainsFunc(c.sp.Requires, func(r Requirement) bool { return !u.Meets(r.Hit) }) {
			return
		}
		if level == 0 {
			c.stop = !c.leaf(w, u)
			return
		}
		if c.prune(w, open, u) {
			return
		}
	}
	first, second := w, w|1<<(level-1)
	if c.down {
		first, second = second, first
	}
	if c.walk(level-1, first, u); !c.stop {
		c.walk(level-1, second, u)
	}
}

// narrow returns the package of a node from its parent's, the j-th demand
// just decided (granted or not) and the walk's grants and maybe set for
// the node: what Upper returns for the node, found from fewer offers.
// Granting takes away what the grant captures or a standing position
// forbids; refusing takes away what only this grant could cover of the
// demands of its actor. The parent's package is closed, so closing starts
// from the offers taken away. A demand whose grant covers nothing changes
// nothing, and the node shares its parent's package: no one changes it.
func (c *choiceWalk) narrow(parent Bits, j int, granted bool) Bits {
	ci := c.cand[j]
	if ci < 0 {
		return parent
	}
	sp := c.sp
	u := parent.Clone()
	if granted {
		sp.takeGranted(u, c.every, ci)
	} else {
		sp.takeRefused(u, c.every, ci, c.grants, c.maybe)
	}
	sp.closeWithin(u, parent)
	return u
}

// cands appends to dst the candidates of the demands whose bits w sets.
func (c *choiceWalk) cands(dst []int, w uint64) []int {
	for j, ci := range c.cand {
		if w&(1<<j) != 0 && ci >= 0 {
			dst = append(dst, ci)
		}
	}
	return dst
}

// Choice returns what deals.Choice holds for choice w with its largest
// package l: the granted demands as the positions are named, the offers of
// l sorted, and per requires position the offers of l that meet it.
func (sp *Space) Choice(w uint64, l Bits) (vetoes []string, largest []guarantee.ID, requires [][]guarantee.ID) {
	vetoes = []string{}
	for j := range sp.Demands {
		if w&(1<<j) != 0 {
			vetoes = append(vetoes, sp.VetoRef(j))
		}
	}
	largest = sp.IDs(l)
	h := NewSet(sp.N)
	for _, r := range sp.Requires {
		copy(h, r.Hit)
		h.And(l)
		requires = append(requires, sp.IDs(h))
	}
	return vetoes, largest, requires
}

// VetoRef names the candidate veto of the j-th demand as a deal does:
// by its demands-veto position.
func (sp *Space) VetoRef(j int) string {
	p := sp.Demands[j].Pos
	return words.PositionRef(sp.S.Positions[p].ID, p)
}

// IDs returns the IDs of the offers of x, sorted.
func (sp *Space) IDs(x Bits) []guarantee.ID {
	out := []guarantee.ID{}
	x.Each(func(g int) { out = append(out, sp.S.Guarantees[g].ID) })
	slices.Sort(out)
	return out
}
