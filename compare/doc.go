// Package compare answers what a what-if changes: given a base scenario
// and another (a variant, or the base with edits), which findings appear,
// disappear or change, which edit explains each, and how the space of
// feasible deals moves: equivalent, more or less permissive, or
// incomparable, with an example deal on each side and the counts.
//
//	other, err := base.With(scenario.Without{ID: "ru-demands-veto"})
//	if err != nil { ... }
//	c, err := compare.Scenarios(ctx, base, other)
//	if err != nil { ... }
//	compare.WriteText(os.Stdout, c)
//
// It builds on package scenario's public API (evaluation, edits and
// [scenario.Diff]) and counts deals through the search space package
// deals uses, shared under internal/ for speed; it imports no other
// analysis package.
//
// The name is the question's: compare two scenarios.
package compare
