// Package workbench is the server behind `entente serve FILE`: one page,
// on this machine, to edit one scenario file and see its report change as
// it is typed.
//
//	ln, addr, err := workbench.Listen("127.0.0.1:0", false) // loopback only
//	wb, err := workbench.New("ukraine.yaml", workbench.Options{
//		Addr:    addr,        // where it listens, for the Host check
//		Replace: replaceFile, // the atomic write of `entente fmt -w`
//	})
//	fmt.Println(wb.URL()) // http://127.0.0.1:PORT/?token=…, for its owner only
//	http.Serve(ln, wb)
//
// # A thin layer
//
// The server implements no rule of its own. Each answer is made of the
// calls the command line makes: [scenariofile.Options.Parse] for the
// problems of the text, with their line and column; [scenario.Evaluate],
// [htmlreport.Build] for the report, the very call behind `entente check
// --format html` (the picture with the walk's lapses marked, the walk, the
// deal search, the bargaining), written by [htmlreport.WriteFragment] as
// that page writes its sections; [scenario.Scenario.With]
// for the what-ifs, and [compare.Scenarios] with [compare.WriteText]
// for the comparison, the very text `entente diff` prints; and
// [scenariofile.Options.Format] with the caller's Replace for saving, as
// `entente fmt -w` does.
//
// # Endpoints
//
//   - GET /?token=T, the address [Server.URL] gives, exchanges the
//     one-time token for the session cookie and sends the browser on to
//     /#key=K, whose fragment gives the page the key the API asks for.
//   - GET / is the page; /app.js, /app.css and /report.css are all it
//     loads, embedded in the binary: nothing comes from the network.
//   - GET /api/file answers the file's name, text and version (the
//     SHA-256 of its bytes, in hex); GET /api/version the name and version
//     only, which the page asks every second to follow the file on disk.
//   - POST /api/evaluate takes the text as its body and the what-ifs in
//     its query (which must parse whole: a ; or more than 10,000
//     parameters is refused): without=ID leaves out an actor, a guarantee or a
//     position; grant=ID grants the veto the demands-veto position ID asks
//     for (a candidate veto); withhold=N revokes the Nth veto the deal
//     grants, from 0. It answers the problems of the text, or the report
//     of the scenario (the what-if, when there are what-ifs), the what-ifs
//     the file offers, and the comparison with the file as written. With
//     quick=1 the report leaves out the picture, the deal search and the
//     bargaining, and there is no comparison: the verdict, the findings
//     and the walk come at once; with picture=1 the report has the
//     picture too. The page asks for each keystroke at once, from the input
//     event, quick first, then with the picture, then in full, and marks
//     a section stale until the answer that brings it comes: at a
//     thousand guarantees the picture is 1.5 MB of the report's 2.6, and
//     most of the time to show it. The answer gives the hash of each
//     section of the report; the page sends those of the sections it
//     shows back in [ShownHeader], and the report leaves out, as empty
//     sections marked unchanged, those that are the same, so that a
//     keystroke that changes one section of a large report sends that
//     section only.
//   - POST /api/save takes the text as its body and, in
//     X-Entente-Version, the version the page loaded. It writes the text
//     in fmt's form, and answers the new version and text.
//
// # Choices
//
// Search runs with [Options.SearchTimeout] (2 s by default) on each
// evaluation; a search cut short says so in the report. The server keeps
// its last answer at each stage, with the scenarios it was made
// from, and gives it again for text that parses to the same scenarios (a
// comment, spacing, the order of keys): the report follows from the
// scenario alone. An answer whose search or bargaining stopped before it
// finished (on the clock or at a limit), or whose request ended while it
// was made, is not kept. The report is written by an
// [htmlreport.Writer], which makes again only the sections an edit
// changes. The sweep is not run: sampling thousands of draws on each
// keystroke would hold the page up, and `entente sweep` and `entente
// check --format html` give it. What
// is offered as a what-if comes from the file as written: positions
// without an ID cannot be left out or granted by a toggle, as
// [scenario.Without] names what it removes by ID. An evaluation whose
// what-ifs no longer fit the text (an ID since removed) shows the file
// as written and says why. A save of text identical to the file on disk
// writes nothing.
//
// # Safety
//
// A server on this machine is still a server: every local user, every
// page in the browser and, on a network address, every machine can try
// to reach it, and whoever it answers can read FILE and overwrite it with
// the rights of the one who started it. So, as notebook servers do:
//
//   - It listens on this machine's loopback only ([Listen], [Options.Addr]:
//     127.0.0.1, ::1 or localhost; not 0.0.0.0, not a name that may
//     resolve anywhere), unless [Options.Network] (`entente serve
//     --expose-to-network-i-trust`) says otherwise: plain HTTP on a
//     network lets anyone who sees the address, or the cookie and the
//     key, in.
//   - Nothing is answered without a session cookie, not even the page:
//     [Server.URL] holds a random one-time token, printed for the one who
//     started the server; its first use sets the cookie (HttpOnly, so no
//     script reads it; SameSite=Strict, so no other site's page sends
//     it) and redirects to /#key=K, so the token leaves the address bar
//     and the history. A second use is refused. Every other request
//     without the cookie gets 403. The cookie's name holds the port: two
//     workbenches on one machine keep apart.
//   - The cookie is not the secret that reads and writes the file.
//     Cookies are shared by every port of a host: any other server on
//     this machine that the browser visits receives it. So requests
//     under /api/ must also carry a second random secret, the key, as
//     the value of [RequestHeader]. The key is never in a cookie, nor in
//     any answer's body: the exchange gives it in the fragment of the
//     address it redirects to, which the browser sends to no server; the
//     page keeps it in its origin's localStorage (its port included) and
//     takes it out of the address bar. Without the key, GET /api/file
//     and POST /api/save get 403.
//   - Requests under /api/ must also come from the page itself: no page
//     of another origin can send [RequestHeader] without the browser
//     asking the server first (it refuses), and no Origin or
//     Sec-Fetch-Site may name another origin.
//   - It answers only requests whose Host is the address it listens on
//     (with "localhost" for a loopback address, and without the port on
//     port 80, as browsers send it), which defeats DNS rebinding; and
//     only requests for a path (GET /x), as browsers send them: in a
//     request for a whole address (GET http://HOST/x, as a proxy is
//     asked) Go takes the host from the address and drops the Host
//     header.
//   - Every response carries a Content-Security-Policy that allows the
//     page's own script and style sheets and nothing else (no inline
//     script or event handler, no other site, no frame).
//   - Request bodies are limited as files are ([Options.MaxSize]), and a
//     save whose fmt form (aliases written out) would exceed the limit is
//     refused before writing: the workbench could not read it back.
//   - It reads and writes FILE only (a save, through Replace, writes a
//     temporary file beside it and renames it over FILE).
//   - At most [MaxEvaluations] evaluations run at once; a newer evaluation
//     from a page ([PageHeader]) stops the one that page still has
//     running, on the server, and one whose request ends stops too.
//     `entente serve` bounds the time to read a request, to write an
//     answer and to keep an idle connection.
//
// Text from the file reaches the page through the escaping HTML renderer
// or through textContent, never as markup of its own; the names, labels,
// edits and problems the page shows have their control and bidi runes
// escaped ([safe.Terminal]), as the command line prints them, and every
// JSON answer writes the rest of them as \u escapes ([safe.JSON]). A link
// in the report opens in a new tab (noopener, noreferrer), and leaving
// the page with an edit not saved asks first.
//
// A save is refused when the file on disk is no longer the version the
// page loaded (another editor, git pull): no edit is lost without a
// word. Saves are serialised.
//
// A [Server] is safe for concurrent use.
package workbench
