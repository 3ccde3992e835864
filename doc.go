// Package entente is a Go SDK for modelling peace-deal security frameworks:
// who promises what to whom, under which conditions, and who can block it;
// and whether the parties' positions can be satisfied together.
//
//	s := examples.Ukraine2025() // or scenariofile.ReadFile("my.yaml"), or a scenario.Scenario built in Go
//	r, err := scenario.Evaluate(s)
//	if err != nil { ... }
//	scenario.WriteText(os.Stdout, r) // the verdict, and the findings that explain it
//
// Analysts, researchers and the engineers who build their tools write a
// framework down as a [scenario.Scenario] and ask it hard questions. Can
// these positions be satisfied together? Which demand makes every deal
// impossible? If the aggressor attacks again, what fires, and what is
// stopped by a veto? The answers come with their reasons: every verdict
// carries the findings, positions, guarantees and sources that explain it.
//
// # Packages
//
//   - [github.com/entente-go/entente/actor]: actor IDs, states and bodies
//     (alliances, organizations, coalitions), membership at any depth, and
//     decision rules with their veto holders.
//   - [github.com/entente-go/entente/guarantee]: guarantee kinds (a
//     hierarchy: military/air-support is a military), strength, trigger
//     conditions over events such as attack(RU, UA), activation, and
//     selectors over guarantees.
//   - [github.com/entente-go/entente/scenario]: the core: the scenario
//     value, its validation, the evaluation into a report of findings
//     (written as text, Markdown or JSON), edits and variants.
//   - [github.com/entente-go/entente/deals]: which deals are possible: the
//     search for the maximal ones, the concessions and conflicts when none
//     is, the count, and every feasible deal one by one.
//   - [github.com/entente-go/entente/walk]: the walk of the timeline over
//     time: each call of a guarantee judged against its own attackers,
//     mandates renewed or lapsing.
//   - [github.com/entente-go/entente/compare]: what a what-if changes:
//     findings that appear, go or change, each traced to an edit, and how
//     the space of feasible deals moves.
//   - [github.com/entente-go/entente/sweep]: how likely each answer is when
//     elements hold only with a likelihood (Monte Carlo).
//   - [github.com/entente-go/entente/bargain]: bargaining among the feasible
//     deals by the actors' values: the Pareto frontier and the utilitarian,
//     Nash, Kalai–Smorodinsky and egalitarian solutions, built on deals.
//   - [github.com/entente-go/entente/atop]: the alliance record (the
//     Alliance Treaty Obligations and Provisions data) read into one
//     scenario per alliance phase, and checked whole, as coded and under
//     what-ifs, with answers keyed by atopid.
//   - [github.com/entente-go/entente/scenario/graph]: the framework as a
//     picture, in Graphviz's DOT, in Mermaid, or as SVG.
//   - [github.com/entente-go/entente/scenario/htmlreport]: the report as
//     one self-contained, accessible, printable HTML page.
//   - [github.com/entente-go/entente/scenario/scenariotest]: what-ifs as
//     tests, with failures an analyst can read.
//   - [github.com/entente-go/entente/scenario/scenariofile]: scenario files
//     (format 1, YAML or JSON) read into the same value the API builds,
//     written back in canonical form, and their JSON Schema.
//   - [github.com/entente-go/entente/cmd/entente]: the command-line tool:
//     check, validate, fmt, search, simulate, diff, graph, sweep, bargain,
//     export (the search for deals as a program for clingo), atop (the
//     alliance record: import and check), serve (the workbench: a local
//     page to edit a scenario and see every answer change as it is
//     typed), example, schema, version.
//   - [github.com/entente-go/entente/examples]: scenarios modelled from
//     public sources, starting with the seed: security guarantees for
//     Ukraine, August 2025, and the Locarno guarantees of 1925. Runnable
//     programs sit below it (go run ./examples/ukraine2025, go run
//     ./examples/locarno1925).
//
// Dependencies point one way: actor ← guarantee ← scenario ← deals, walk,
// compare, sweep ← bargain ← tools. Each analysis builds on scenario's
// public API; sweep builds on deals and walk too (it searches and walks
// each sample) and bargain on deals; compare counts deals through the
// search space deals itself uses.
// What they share for speed (the compiled scenario, the search space and
// its counting) lives under internal/, out of the API. Each package's
// documentation says what it builds on.
//
// # Words
//
// Each word means one thing, in the code, the docs and every report
// (docs/MODEL.md says each at length):
//
//   - scenario: a framework under study: actors, the guarantees on the
//     table, positions, granted vetoes and a timeline ([scenario.Scenario]).
//   - actor: a state, or a body (alliance, organization, coalition) with
//     its members and its decision rule ([actor.Actor]).
//   - guarantee: one commitment by one provider to one beneficiary, due
//     when its trigger holds ([guarantee.Guarantee]); an offer, to a
//     search: a guarantee on the table, which a deal may hold or leave out.
//   - position: what one actor holds about the guarantees a selector picks:
//     refuses, rejects, requires, demands-veto or rejects-veto
//     ([scenario.Position]).
//   - veto: the power of an actor, a veto holder, to stop a guarantee when
//     it is due; a granted veto is one the scenario grants
//     ([scenario.Veto]); a candidate veto is the one a demands-veto
//     position asks for, which a deal may grant
//     ([scenario.Scenario.CandidateVeto]).
//   - package: a set of offers, such as the feasible packages a search
//     counts.
//   - deal: a package with the candidate vetoes it grants
//     ([deals.Deal]), feasible when the scenario cut down to it
//     evaluates with no error; [deals.Search] reports the maximal ones,
//     [deals.All] yields them all.
//   - finding: one reason for a verdict: a code, a severity, what it
//     involves, a message and the sources behind it ([scenario.Finding]).
//   - concession and conflict: a minimal set of positions whose withdrawal
//     makes a deal possible, and one that rules every deal out
//     ([deals.Concession], [deals.Conflict]).
//   - call: one time a guarantee is due in the walk of the timeline, judged
//     against its own attackers: it activates, is blocked or is void
//     ([walk.Call]).
//   - lapse: the end of a guarantee's mandate, at a blocked renewal or a
//     sunset ([walk.Lapse]).
//   - what-if: an edit that returns a new scenario ([scenario.Edit]); a
//     variant is a named list of them that a scenario carries
//     ([scenario.Variant]).
//   - outcome: in bargaining, a deal with what each actor taking part gets
//     from it ([bargain.Outcome]); a solution is where one norm of fairness
//     settles among the outcomes ([bargain.Solution]).
//
// Every answer has a writer beside it that the command-line tool itself
// uses: [scenario.Text] and [scenario.WriteMarkdown] for a report,
// [deals.WriteText], [walk.WriteText],
// [compare.WriteText], [sweep.WriteText], and
// [bargain.WriteText] and [bargain.WriteMarkdown]; JSON is the answers'
// own fields.
//
// The package's Example builds a scenario in Go and evaluates it;
// examples/newcomer_test.go also searches and walks it, writes a what-if
// as a test, and bargains over the seed's variants.
package entente
