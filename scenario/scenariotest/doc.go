// Package scenariotest helps write tests that encode policy what-ifs: "if
// the United States withdrew its air support, Europe's force would lose its
// backstop". A test names a base scenario and the edits that make the
// what-if, says what it expects, and checks:
//
//	func TestWithoutUSAirSupport(t *testing.T) {
//		scenariotest.WhatIf(examples.Ukraine2025(),
//			scenario.Without{ID: "us-air-support"},
//		).
//			Verdict(scenario.Incompatible).
//			Finding(scenario.MissingDependency, "european-force").
//			Status("peace-deal", "european-force", walk.Blocked).
//			Check(t)
//	}
//
// Expectations are plain values on a [Case], checked in the order they were
// added. Each one that fails is one message for a policy analyst, starting
// with the what-if (its edits joined with "; ", or "as written"):
//
//	without us-air-support: want missing-dependency on turkey-black-sea; got it on european-force and us-air-support only
//
// [Case.Check] reports each with t.Error; [Case.Problems] returns them, for
// tests of tests and for examples.
//
// What a Case expects of:
//
//   - the report of [scenario.Evaluate]: [Case.Verdict], [Case.Finding],
//     [Case.NoFinding], [Case.Findings];
//   - the deals [deals.Search] finds: [Case.Feasible], [Case.Deal];
//   - the feasible packages compared with the base's, by
//     [compare.Scenarios]: [Case.Relation];
//   - the walk of the timeline by [walk.Simulate]: [Case.Status],
//     [Case.Receives].
//
// A Case runs only what its expectations need, once.
//
// # Exact messages
//
// Every message is built by this package and is the same from one run to
// the next, except for the diff of [Case.Findings], which is [cmp.Diff]'s.
// go-cmp makes its output unstable on purpose: from one process to the next
// it writes some spaces as U+00A0 and aligns two slices differently. So
// Findings compares the count of each code, a map, which go-cmp prints key
// by key with no alignment to choose, and makes its spaces plain. The diff
// is then the same on every run with a given version of go-cmp; a new
// version may still print it differently.
package scenariotest
