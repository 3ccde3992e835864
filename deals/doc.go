// Package deals answers which deals a scenario allows: the maximal
// feasible deals, the offers every deal holds or none can, how many deals
// there are, and, when none is possible, the concessions that would make
// one possible and the conflicts that rule every deal out.
//
//	r, err := deals.Search(ctx, s, deals.Options{Count: true})
//	if err != nil { ... }
//	deals.WriteText(os.Stdout, s, r, deals.Options{Count: true})
//	for d, err := range deals.All(ctx, s, deals.AllOptions{}) { ... } // every feasible deal
//
// The scenario's guarantees are the offers; a package is a set of them;
// a deal is a package with the candidate vetoes it grants (one per
// demands-veto position), feasible when the scenario cut down to it, with
// those vetoes granted, evaluates with no error ([Search] says how that
// is decided without evaluating every package). [Choices] yields, for
// each choice of candidate vetoes, the largest package it allows.
//
// [WriteASP] writes the same question as an answer-set program for
// clingo (`entente export --format asp`), for a researcher who would
// check the answers with a solver they trust, or add a constraint of
// their own. Its answer sets are the feasible deals; projected on the
// package they are what [Search] counts; with values, -c optimise=1 asks
// for the non-empty deal of the largest utilitarian sum, as package
// bargain finds it. The module's docs/ASP.md explains every predicate.
//
// It builds on package scenario's public API: the scenario, its
// validation and the evaluation whose error findings define feasibility.
// The search space it compiles (offers and positions as bit sets, the
// rules of the error findings as constraints, the count) is shared with
// package compare under internal/, for speed. Package bargain builds on
// it.
//
// The name is the answer's: a program asks deals.Search, deals.All,
// deals.Choices, and gets a [Deal], a [Concession], a [Conflict].
package deals
