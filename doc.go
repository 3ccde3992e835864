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
//   - [github.com/entente-go/entente/scenario]: the scenario value, its
//     validation, and the evaluation into a report of findings, written as
//     text, Markdown or JSON; the search for possible deals and the list of
//     every feasible one, what-ifs and their comparison, the walk of the
//     timeline over time (each call of a guarantee judged against its own
//     attackers, mandates renewed or lapsing), and Monte Carlo sweeps over
//     the likelihood of each element.
//   - [github.com/entente-go/entente/bargain]: bargaining among the feasible
//     deals by the actors' values: the Pareto frontier and the utilitarian,
//     Nash, Kalai–Smorodinsky and egalitarian solutions. It is built on the
//     scenario package's public API alone.
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
//     serve (the workbench: a local page to edit a scenario and see every
//     answer change as it is typed), example, schema, version.
//   - [github.com/entente-go/entente/examples]: scenarios modelled from
//     public sources, starting with the seed: security guarantees for
//     Ukraine, August 2025, and the Locarno guarantees of 1925. Runnable
//     programs sit below it (go run ./examples/ukraine2025, go run
//     ./examples/locarno1925).
//
// Dependencies point one way: actor ← guarantee ← scenario ← atop, bargain,
// scenariofile, graph, htmlreport, scenariotest ← tools.
//
// The package's Example builds a scenario in Go and evaluates it;
// examples/newcomer_test.go also searches and walks it, writes a what-if
// as a test, and bargains over the seed's variants.
package entente
