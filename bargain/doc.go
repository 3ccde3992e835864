// Package bargain answers the question after search: among the feasible
// deals, which would each side prefer, and where would a fair settlement
// lie? It follows docs/MODEL.md, "Bargaining".
//
//	s, err := examples.Ukraine2025().Variant("moscow-drops-veto-demand") // a scenario with values
//	r, err := bargain.Solve(ctx, s, bargain.Options{})
//	fmt.Println(r.Summary()) // who takes part, how many deals, the Pareto frontier
//	for _, sol := range r.Solutions { ... } // utilitarian, Nash, Kalai–Smorodinsky, egalitarian: an outcome, or why none
//
// Positions stay hard: they decide which deals are feasible. Values
// ([scenario.Value]) are soft: an actor's utility u_a of an outcome (a
// non-empty feasible package H with its granted candidate vetoes W, as
// [deals.All] yields them) is the sum of its weights on selectors,
// each counted once for each guarantee of H it picks, and of its weights
// on the candidate vetoes W grants. Its disagreement value d_a (default 0)
// is what it gets with no deal. Only actors with values take part.
//
// [Solve] reports the Pareto frontier and four solutions:
//   - utilitarian: the largest Σ u_a, over all outcomes;
//   - Nash: among outcomes with u_a > d_a for all, the largest Π (u_a − d_a);
//   - Kalai–Smorodinsky: among individually rational outcomes (u_a ≥ d_a
//     for all), the largest min_a (u_a − d_a)/(ideal_a − d_a), ideal_a being
//     a's best individually rational utility; actors with ideal_a = d_a are
//     left out of the minimum, and when every actor is, every individually
//     rational outcome scores 1 and the ties decide;
//   - egalitarian: among individually rational outcomes, the largest
//     min_a (u_a − d_a).
//
// A solution with no outcome to choose is absent, with the reason: the
// actor whose best utility over all outcomes is below its disagreement
// value (for Nash, not above it), or, when no one actor is to blame, that
// the actors cannot all be served at once.
//
// # Arithmetic
//
// The numbers are the user's, and the answers are exact for them: each
// weight and disagreement value is taken as the exact binary value of its
// float64, and every sum, difference, product and ratio is computed in
// rationals (math/big.Rat), so that no rounding decides a comparison. The
// figures reported (utilities, gains, scores, margins) are those exact
// values rounded once to float64.
//
// # Ties and order
//
// Ties go to fewer guarantees, then fewer granted vetoes, then the smaller
// sorted list of guarantee IDs (compared lexicographically), then the
// smaller list of granted vetoes (as the positions are named, in their
// order). Each solution names its runner-up (the best other outcome by the
// same norm and ties) and the margin, or the rule that broke a tie. The
// frontier lists its outcomes best for the first actor first, then the
// second, and so on, then by the ties. Outcomes with equal utilities for
// every actor are all on the frontier when one is.
//
// # Cost
//
// Every norm and the frontier depend on an outcome's vector of utilities
// alone, and the vectors are far fewer than the outcomes. When every
// utility is exact in float64 (each weight and disagreement value a
// multiple of one power of two, as whole numbers and halves are, and their
// magnitudes together below 2^52 such units) and the vectors fit in one
// 63-bit mixed-radix key, Solve walks the outcomes without making a deal
// of any: the key is additive over offers and candidate vetoes, so the
// walk over each choice's largest package ([deals.Choices]) carries one
// number. A first walk counts the outcomes of each distinct vector (the
// choices shared among GOMAXPROCS goroutines; the counts do not depend on
// how); the frontier's vectors and, for each norm, every vector that could
// score one of its two best follow from the vectors (near scores in
// float64 choose which to score exactly in rationals); a second walk makes
// only the outcomes the result shows: of each frontier vector, the first
// in the order of deals until [Options].FrontierLimit outcomes are listed
// (all of them when it is 0), and of each norm's contenders the first two,
// which hold its solution and runner-up. Memory grows with the distinct
// vectors and the outcomes listed, time with the outcomes. Otherwise
// (weights in tenths, say) Solve lists every outcome and keeps them all in
// memory with rational utilities, as [deals.All] yields them.
// Either way the frontier is found among the distinct vectors, so that
// outcomes tied on every utility cost their listing and no more, and the
// count can reach 2^offers times 2^candidate-vetoes: [Options].Limit
// bounds it; past the limit Solve fails with [deals.ErrTooMany]
// rather than answer from part of the outcomes.
//
// # Cancellation
//
// Solve stops when its context is done, in the walks and in every loop
// after them (the frontier, the norms' contenders, the making and the
// choice of outcomes), and returns the context's error: a deadline
// surfaces as an error wrapping [context.DeadlineExceeded] promptly (in
// the tests, 1 to 21 ms after a 100 ms deadline; see docs/PERFORMANCE.md). The one step that does not look at the context is a sort:
// on the exact path, the outcomes by utility and deal, which costs a small
// part of the enumeration before it.
//
// [UtilitarianOptimum] finds the utilitarian solution without listing the
// outcomes: utility is additive over offers and candidate vetoes, so the
// best package of each choice's largest package ([deals.Choices]) is a
// maximum-weight closure (a minimum cut) or, where a requires position or
// the rule that a deal holds an offer is in the way, the best of a few
// such cuts with offers forced in and out. Where valued offers require
// costly ones (the classic "project selection" problem), answer-set
// solvers search a long time for what a cut finds at once: see
// docs/PERFORMANCE.md. It takes well under a millisecond at 40 offers
// where Solve walks millions of outcomes. The other norms and the
// frontier are not additive and have no such method here.
//
// It builds on package deals (every feasible deal and each choice of
// candidate vetoes) and on package scenario (the scenario and its values),
// through their public APIs, except that [UtilitarianOptimum] walks the
// choices of candidate vetoes as a tree, skipping whole branches, with the
// search space that package deals compiles (internal/space).
package bargain
