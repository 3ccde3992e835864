// Package htmlreport writes a scenario's report as one self-contained HTML
// page, for `entente check --format html`: a file to mail, attach to a
// brief, open on a phone or print, that loads nothing and needs nothing
// beside it.
//
//	err := htmlreport.Write(w, htmlreport.Page{
//		Scenario: s, Report: r, File: "ukraine.yaml",
//		Graph: svg,          // the framework, drawn by the caller as inline SVG
//		Simulation: &sim,    // each optional: nil leaves the section out
//		Search: &found,
//		Sweep: &swept,
//	})
//
// [Build] works the sections out, as `entente check --format html` and
// the workbench of `entente serve` both do: one place decides what the
// picture marks (the lapses of the walk) and which sections a page has.
//
// A page of the caller's own that shows a report among other things, as
// the workbench of `entente serve` does, takes the sections alone from
// [WriteFragment] and their CSS from [Stylesheet]. One that shows page
// after page of a scenario as it changes keeps a [Writer], which makes
// again only the sections whose content changed: each section is written
// from its own part of the page alone, so equal parts give equal HTML.
//
// # The page
//
// A heading with the scenario's name, file, date and description, and a
// table of contents; then these sections, each an <h2>:
//
//   - Verdict: compatible or incompatible, with the count of findings of
//     each severity, as [scenario.WriteText] gives them.
//   - Graph: the caller's SVG in a <figure> with a <figcaption>, or a
//     sentence saying that no graph was drawn.
//   - Findings: one <article> per finding, in the report's order, headed
//     by its number, severity and code (an <h3>), with its message, the
//     actors, guarantees and positions it involves, and links to the
//     sources it cites, as [scenario.WriteText] and
//     [scenario.WriteMarkdown] present them.
//   - Timeline, when the page has a [walk.Simulation]: for each event
//     (an <h3>), a table of what falls due, its status (activates, blocked
//     or void) and the reasons it is blocked, with the guarantees that
//     lapse; and a table of what each beneficiary then receives, by kind.
//   - Deal search, when the page has a [deals.Result]: whether a
//     deal is possible, the maximal packages with the vetoes they need,
//     the forced and dead offers, the count when the search counted, and,
//     when no deal is possible, the concessions and the conflicts, worded
//     as `entente search` words them.
//   - Sweep, when the page has a [sweep.Result]: the chance of a
//     compatible scenario and of a possible deal, the sensitivity table,
//     how often each finding code and each finding occurs, how often each
//     offer is forced or dead, and how often each beneficiary receives
//     each kind after each event; every chance as [sweep.Estimate.String]
//     writes it, with its 95% interval.
//   - Bargaining, when the page has a [Bargaining]: the summary, the
//     picture, the Pareto frontier and the solutions with each actor's
//     gain and the reason. The caller works it out (the package bargain
//     imports scenario, so this package takes plain text rather than its
//     result); every string is escaped, and the picture is trusted as
//     Graph is. A bargaining that could not be worked out (a limit, a
//     timeout) leaves the section with one sentence that says why.
//   - Sources: the scenario's sources, numbered, each with its title (a
//     link when it has an http or https URL), date, note and ID,
//     and links back to the findings that cite it. A finding links to
//     the sources it cites, by their titles cut to 200 characters (the
//     Sources section has each in full, once, so that the page does not
//     grow with findings times titles); a citation that is no source's
//     ID is shown as its text.
//
// The same [Page] always gives the same bytes: there is no date, no
// random ID, nothing from a map in map order.
//
// # Self-contained
//
// The page has no JavaScript, no external style sheet, image, font or
// frame, no url() or @import in its CSS: its one style sheet is in a
// <style> element, and fonts are the reader's own (system-ui and the
// like). The only addresses in it are the href of links to the
// scenario's sources, which load nothing until the reader follows them.
// A source URL of another scheme (javascript:, file:, data:) is shown as
// text, never made a link. The Graph is written into the page as it is,
// so the caller must give SVG that loads nothing either; its ids should
// not take the page's own forms: contents, main, verdict, graph,
// findings, finding-N, timeline, step-N, search, search-*, sweep,
// sweep-*, sources, source-N, and those followed by -title, -due,
// -receives or -caption.
//
// Every string that comes from the scenario, the report or the results
// is escaped by [html/template]: a scenario named <script> shows its name
// and runs nothing. Control characters and bidirectional overrides, which
// HTML does not escape, are shown as Go quotes them ("\x1b", "\u202e"),
// and a source is a link only when its URL is an http or https address.
//
// The page is well-formed XML as well as HTML (void elements are closed
// with "/>", and no entity but XML's own is used), so the tests read it
// with a strict [encoding/xml] decoder.
//
// # Accessible
//
// The page says its language (lang="en"); it has one <h1>, and <h2> and
// <h3> headings that never skip a level; a skip link to the report and a
// table of contents of in-page links; landmarks (header, nav, main,
// labelled sections, footer). Every table has a <caption> and header
// cells with scope. Severity, verdict and status are never colour alone:
// each is a word ("error", "warning", "info"; "compatible",
// "incompatible"; "activates", "blocked", "void") beside a mark whose
// shape differs (✖, ▲, ●; ✔, ✖; ✔, ✖, ∅), and the mark is hidden from
// screen readers, which read the word. Text colours keep a contrast of at
// least 5.8:1 with their background (WCAG AA asks 4.5:1), and the page
// asks for a light colour scheme so that browsers do not recolour it.
//
// # Phones and print
//
// A viewport meta tag and a fluid layout fit the page to a phone; wide
// tables scroll sideways inside their own container (focusable, so a
// keyboard can scroll it too), their captions staying in view, and the
// SVG scales down to the page's width.
//
// Printed, the page drops the skip link and the table of contents and its
// background tints (the words and marks say everything the colours
// do), shows the URL of each link to a source after it, lets tables run full width, and
// avoids page breaks inside a finding, a figure or a table row, and
// right after a heading.
package htmlreport
