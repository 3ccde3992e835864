// Package workbench is the server behind `entente serve FILE`: one page,
// on this machine, to edit one scenario file and see its report change as
// it is typed.
//
//	wb, err := workbench.New("ukraine.yaml", workbench.Options{
//		Addr:    ln.Addr().String(), // where it listens, for the Host check
//		Replace: replaceFile,        // the atomic write of `entente fmt -w`
//	})
//	http.Serve(ln, wb)
//
// # A thin layer
//
// The server implements no rule of its own. Each answer is made of the
// calls the command line makes: [scenariofile.Options.Parse] for the
// problems of the text, with their line and column; [scenario.Evaluate],
// [scenario.Simulate] and [scenario.Search] for the report, drawn by
// [graph.New] and written by [htmlreport.WriteFragment] exactly as
// `entente check --format html` writes its sections; [scenario.Scenario.With]
// for the what-ifs, and [scenario.Compare] with [scenario.WriteComparison]
// for the comparison, the very text `entente diff` prints; and
// [scenariofile.Options.Format] with the caller's Replace for saving, as
// `entente fmt -w` does.
//
// # Endpoints
//
//   - GET / is the page; /app.js, /app.css and /report.css are all it
//     loads, embedded in the binary: nothing comes from the network.
//   - GET /api/file answers the file's name, text and version (the
//     SHA-256 of its bytes, in hex); GET /api/version the name and version
//     only, which the page asks every second to follow the file on disk.
//   - POST /api/evaluate takes the text as its body and the what-ifs in
//     its query: without=ID leaves out an actor, a guarantee or a
//     position; grant=ID grants the veto the demands-veto position ID asks
//     for (a candidate veto); withhold=N revokes the Nth veto the deal
//     grants, from 0. It answers the problems of the text, or the report
//     of the scenario (the what-if, when there are what-ifs), the what-ifs
//     the file offers, and the comparison with the file as written. With
//     quick=1 it leaves out the slow parts, the deal search and the
//     comparison: the page asks quick first, to show the findings at
//     once, and then in full.
//   - POST /api/save takes the text as its body and, in
//     X-Entente-Version, the version the page loaded. It writes the text
//     in fmt's form, and answers the new version and text.
//
// # Choices
//
// Search runs with [Options.SearchTimeout] (2 s by default) on each
// evaluation; a search cut short says so in the report. The sweep is not
// run: sampling thousands of draws on each keystroke would hold the page
// up, and `entente sweep` and `entente check --format html` give it. What
// is offered as a what-if comes from the file as written: positions
// without an ID cannot be left out or granted by a toggle, as
// [scenario.Without] names what it removes by ID. An evaluation whose
// what-ifs no longer fit the text (an ID since removed) shows the file
// as written and says why. A save of text identical to the file on disk
// writes nothing.
//
// # Safety
//
// A server on this machine is still a server, which any page in the
// browser can try to reach. So it answers only requests whose Host is the
// address it listens on (with "localhost" for a loopback address), which
// defeats DNS rebinding; every request under /api/ must carry the per-run
// secret, which the page reads from a meta tag when it loads and sends in
// X-Entente-Secret, a header that no other site can set without the
// browser asking the server first, which it refuses; every response
// carries a Content-Security-Policy that allows the page's own script and
// style sheets and nothing else (no inline script or event handler, no
// other site, no frame); request bodies are limited as files are
// ([Options.MaxSize]); and the server reads and writes FILE only
// (a save, through Replace, writes a temporary file beside it and renames
// it over FILE). Text from the file reaches the page through the escaping
// HTML renderer or through textContent, never as markup of its own.
//
// A save is refused when the file on disk is no longer the version the
// page loaded (another editor, git pull): no edit is lost without a
// word. Saves are serialised; an evaluation whose request ends (the page
// sent a newer one and aborted this) stops and answers nothing.
//
// A [Server] is safe for concurrent use.
package workbench
