// Package graph draws a scenario as a picture: who guarantees what to
// whom, who belongs to which body, who can block what, and what the
// evaluation found wrong. It is what entente graph prints.
//
//	r, err := scenario.Evaluate(s)
//	g := graph.New(s, r, graph.Options{}) // marked with r's error findings
//	err = g.WriteDOT(os.Stdout)           // or WriteMermaid, WriteSVG
//
// [New] turns a scenario and its report into a [Graph]: a model of nodes,
// clusters, edges and marks, before any layout. Three writers draw it:
// [Graph.WriteDOT] in Graphviz's DOT, [Graph.WriteMermaid] as a Mermaid
// flowchart, and [Graph.WriteSVG] as SVG laid out by this package, with no
// Graphviz, for a self-contained HTML report. [Graph.WriteGraphvizSVG]
// runs Graphviz's dot on the DOT for an SVG laid out by Graphviz. Another
// package can lay the model out its own way, with the labels
// [Node.Label] and [Edge.Label] give.
//
// A variant is drawn like any scenario: apply it ([scenario.Scenario.Variant]),
// evaluate the result, and pass both to New.
//
// # The picture
//
// Each actor is a node, labelled with its ID, its name and, for a body,
// its kind and decision rule: a rounded box for a state, a hexagon (a box
// with cut corners in SVG) for an alliance, organization or coalition.
// Each guarantee is an arrow from its provider to its beneficiary,
// labelled with its kind, its strength and, if it has one, its target
// ("military/air-support", "assurance, against RU"), or "against anyone"
// for a guarantee with no target that answers an attack by anyone
// (attack(*, B), as NATO's Article 5). Tooltips carry the
// rest: a guarantee's ID, trigger, activation, requirements and note, an
// actor's members and note, and the messages of the error findings.
//
// Marks never rest on colour alone:
//
//   - An actor or a guarantee that an error finding names (a finding of
//     severity error that lists it among its actors or guarantees) is drawn
//     in red with a thick line, and its label starts with "⚠ ". A warning
//     or an info finding marks nothing.
//   - A veto holder has a double border (a heavier one in Mermaid), a
//     tinted fill, and a last line "veto: " that names the bodies in the
//     picture whose rule it can block on its own ([actor.Actor.RuleVetoes]:
//     an explicit veto, or membership under unanimity), and "deal" when
//     the deal grants it a veto ([scenario.Veto]).
//   - A membership that no box shows is a dashed arrow with a hollow head,
//     from the member to the body ("member of").
//
// Every format ends with a legend that draws each of these and says what
// it means: a last cluster in DOT, a last subgraph in Mermaid, a row of
// samples under the title in SVG.
//
// # Membership
//
// A body is drawn as a box (a Graphviz cluster, a Mermaid subgraph)
// around its members, with its own node inside it so that its guarantees
// have an endpoint; the box is labelled "members of X". Graphviz's
// clusters cannot overlap, and a state is often in several bodies (in
// NATO and in the EU), so the boxes follow a rule that keeps them nested
// and truthful: a node inside X's box is always X or a member of X, at
// any depth.
//
// Bodies with members in the picture are considered innermost first (a
// body after every body among its members), then those that provide a
// guarantee in the picture before those that do not, then in scenario
// order. A body gets a box when each of its members in the picture is
// either in no box yet, or inside a box whose outermost enclosing box is
// that of a member of the body, at any depth; the box then takes in
// those members, and those outermost boxes whole. Otherwise the body is a
// plain node and each of its members in the picture has a dashed "member
// of" arrow to it. So each membership is shown exactly once: by the box,
// or by the arrow. Only memberships between actors in the picture are
// drawn.
//
// In the seed scenario the European-led force, which provides a
// guarantee, is a box around its five members; NATO, the EU and the
// coalition of the willing, whose members are already in that box, are
// nodes with dashed arrows from their members. A body nested in another
// (the EU as a member of a wider coalition) is a box inside the other's
// box when its members allow.
//
// # Filters
//
// [Options] cut a large scenario down; the zero Options draws every actor
// and every guarantee.
//
//   - Options.Actors keeps the guarantees that involve one of the actors
//     named: as provider, as beneficiary, as target, or as a member, at
//     any depth, of the body that provides it. A state keeps what it gives
//     on its own and what the bodies it belongs to give; a body keeps what
//     it gives, not what its members give on their own.
//   - Options.Kinds keeps the guarantees whose kind is one of those named
//     or below one ([guarantee.Kind.Is]): "military" keeps
//     "military/air-support"; "mil" keeps nothing.
//   - With both, a guarantee must pass both.
//
// With a filter, the picture holds the guarantees kept and the actors
// they touch: their providers, beneficiaries and targets, the members at
// any depth of their providers (so that a body that provides is drawn
// around its members), and the actors Options.Actors names, even if they
// touch nothing. Boxes, dashed arrows and veto marks are worked out among
// those actors only. IDs the scenario does not have match nothing;
// [Options.Check] reports them, with the closest ID the scenario has.
//
// # SVG
//
// [Graph.WriteSVG] lays the picture out itself, in columns from left to
// right: who gives and who belongs on the left, who only receives on the
// right (see its documentation). Its output is one <svg> element ready to
// inline in HTML: a viewBox, width="100%", role="img", a <title> and a
// <desc> named by aria-labelledby, system fonts, presentation attributes
// rather than a style sheet, no script and no external reference (no href,
// no url(...)). Text widths are estimated from DejaVu Sans, wider than
// most system fonts, so that text fits the boxes whatever the reader's
// fonts.
//
// # Text from the file
//
// Every format leaves out the control characters and bidirectional
// overrides of the scenario's text (tabs become spaces, carriage returns
// newlines), and none has a link. DOT keeps the text inside quoted
// strings; SVG escapes it as XML; Mermaid writes markup characters, and
// the percent sign that would start a directive, as entity codes in
// labels and as YAML escapes in the front matter's title.
//
// # Determinism and cost
//
// The same scenario, report and options give the same bytes in every
// format: nodes, clusters and edges follow scenario order, and every
// choice of the layout is a stable function of that order.
//
// New and the writers are linear in the size of the scenario and the
// report, but for sorts. A tooltip quotes at most three error findings,
// each cut to 240 bytes. On an Intel Xeon (2 cores, linux/amd64), New and
// one writer together on a synthetic scenario of 1,000 guarantees (220
// actors) take about 5 ms for DOT, 2.5 ms for Mermaid and 9 ms for SVG;
// of 10,000 guarantees, about 55 ms, 30 ms and 125 ms (go test
// ./scenario/graph -run '^$' -bench . -benchmem).
// Graphviz is slower by far: dot takes seconds on the 1,000 guarantees,
// and a Mermaid renderer refuses by default more than 500 edges. Filter a
// large scenario before drawing it.
//
// A Graph is a plain value. The writers never change it and are safe for
// concurrent use.
package graph
