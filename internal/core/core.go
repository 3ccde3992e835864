// Package core is what package scenario shares with the analyses built on
// it (deals, walk, compare, sweep) for their speed: a validated scenario
// compiled into numbers, actors and guarantees by their positions, with
// every selector resolved once. Package scenario fills in [Compile] when
// it is loaded; nothing outside the module can reach it, so none of this
// is part of the module's API.
package core

import (
	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// Options are choices of the path a compiled scenario takes to its
// answers, never of the answers. Every public entry point compiles with
// the zero value; tests pass others to check that the paths agree.
type Options struct {
	// ForceAside makes the model take the paths of the parties-aside rule
	// even where nothing in the scenario sets the parties aside.
	ForceAside bool
	// Indexes says how selectors resolve to the guarantees they pick:
	// by the scenario's size (IndexBySize), always through per-field
	// indexes, or always by scanning every guarantee.
	Indexes Indexing
}

// Indexing is how selectors resolve to the guarantees they pick.
type Indexing int8

const (
	IndexBySize Indexing = iota // through indexes only for large scenarios
	IndexAlways
	IndexNever
)

// Compiled is a validated scenario compiled for analysis. Actors are
// positions in Actors; guarantees and positions are their indexes in the
// scenario. Lists of actors or guarantees are sorted ascending; those a
// method returns are the model's own, not to be changed, and those marked
// scratch hold only until the next call.
type Compiled struct {
	Actors      *actor.Index
	Provider    []int32 // per guarantee: its provider
	Beneficiary []int32 // per guarantee: its beneficiary
	Holder      []int32 // per position: the actor that takes it
	Model
}

// Model answers what the analyses ask of a compiled scenario, each as
// docs/MODEL.md defines it and package scenario computes it.
type Model interface {
	// Vetoes returns V(g), the veto holders of guarantee g.
	Vetoes(g int32) []int32
	// Attackers returns the attackers g's trigger names.
	Attackers(g int32) []int32
	// Matches returns the guarantees position i picks.
	Matches(i int) []int32
	// Picks reports whether position i picks guarantee g.
	Picks(i int, g int32) bool
	// Binds reports whether position i, a refuses or rejects position
	// that picks g, holds against g: a rejects position always, a refuses
	// position only from a contributor of g.
	Binds(i int, g int32) bool
	// RuleVetoes returns the veto holders of the rule of g's provider
	// when it is a body, and nil when it is a state.
	RuleVetoes(g int32) []int32
	// RenewalVetoes returns the veto holders of the decision that renews
	// g's mandate, judged statically.
	RenewalVetoes(g int32) []int32
	// RenewalVetoesWith is RenewalVetoes when parties are g's parties.
	RenewalVetoesWith(g int32, parties []int32) []int32
	// CallVetoes returns g's veto holders at a call whose attackers are
	// att; scratch.
	CallVetoes(g int32, att []int32) []int32
	// Contributors returns g's provider and its members at any depth.
	Contributors(g int32) []int32
	// GuaranteeByID returns the index of the guarantee with the ID.
	GuaranteeByID(id guarantee.ID) (int32, bool)
}

// Compile validates the scenario s points to (a *scenario.Scenario) and
// compiles it with opt. The scenario must not change while the compiled
// form is in use.
var Compile func(s any, opt Options) (*Compiled, error)
