package htmlreport_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testGraph stands in for the graph the command draws: a small inline SVG
// that loads nothing.
const testGraph = `<svg viewBox="0 0 240 60" width="240" height="60" role="img" aria-labelledby="g-title">` +
	`<title id="g-title">US offers air support to UA</title>` +
	`<rect x="1" y="15" width="50" height="30" rx="4" fill="#fff" stroke="#1a1a1a"/>` +
	`<text x="26" y="35" text-anchor="middle" font-size="14">US</text>` +
	`<path d="M51 30 H189" stroke="#1a1a1a" stroke-width="2"/>` +
	`<rect x="189" y="15" width="50" height="30" rx="4" fill="#fff" stroke="#1a1a1a"/>` +
	`<text x="214" y="35" text-anchor="middle" font-size="14">UA</text>` +
	`</svg>`

// seed returns the seed scenario, whose likelihoods a sweep draws on.
func seed(t *testing.T) scenario.Scenario {
	t.Helper()
	s := examples.Ukraine2025()
	if len(s.Guarantees) == 0 || s.Guarantees[0].Likelihood == nil {
		t.Fatal("the seed's first guarantee has no likelihood; the sweep section would be empty")
	}
	return s
}

// sections are the sections a test page has beside the report.
type sections struct{ sim, search, count, sweep bool }

var (
	reportOnly  = sections{}
	allSections = sections{sim: true, search: true, sweep: true}
)

// page returns the page of s: its report, and the sections asked for.
func page(t *testing.T, s scenario.Scenario, file string, graph string, with sections) htmlreport.Page {
	t.Helper()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	p := htmlreport.Page{Scenario: s, Report: r, File: file, Graph: template.HTML(graph)}
	if with.sim {
		sm, err := walk.Simulate(s)
		if err != nil {
			t.Fatal(err)
		}
		p.Simulation = &sm
	}
	if with.search {
		sr, err := deals.Search(t.Context(), s, deals.Options{Count: with.count})
		if err != nil {
			t.Fatal(err)
		}
		p.Search = &sr
	}
	if with.sweep {
		sw, err := sweep.Run(t.Context(), s, sweep.Options{Samples: 2000, Seed: 1, Search: true, Walk: true})
		if err != nil {
			t.Fatal(err)
		}
		p.Sweep = &sw
	}
	return p
}

func load(t *testing.T, path string) scenario.Scenario {
	t.Helper()
	s, err := scenariofile.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pages are the pages the golden files hold, by name.
func pages(t *testing.T) map[string]htmlreport.Page {
	t.Helper()
	budapest := filepath.Join("..", "..", "cmd", "entente", "testdata", "budapest1994.yaml")
	article5 := filepath.Join("..", "..", "cmd", "entente", "testdata", "article5.yaml")
	veto, err := examples.Ukraine2025().Variant("moscow-gets-its-veto")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]htmlreport.Page{
		"seed-all":     page(t, seed(t), examples.Ukraine2025File, testGraph, allSections),
		"seed-report":  page(t, examples.Ukraine2025(), examples.Ukraine2025File, "", reportOnly),
		"seed-veto":    page(t, veto, examples.Ukraine2025File, "", sections{sim: true, search: true, count: true}),
		"budapest1994": page(t, load(t, budapest), "budapest1994.yaml", "", sections{sim: true, search: true}),
		"article5":     page(t, load(t, article5), "article5.yaml", "", sections{sim: true, search: true}),
	}
}

func write(t *testing.T, p htmlreport.Page) string {
	t.Helper()
	return written(t, htmlreport.Write, p)
}

// written returns what writeFn (Write, WriteFragment) writes for p.
func written(t *testing.T, writeFn func(io.Writer, htmlreport.Page) error, p htmlreport.Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := writeFn(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden compares each page with its file under testdata/golden. Run
// go test ./scenario/htmlreport -update to rewrite them, and read the
// diff; open them in a browser to see them.
func TestGolden(t *testing.T) {
	for name, p := range pages(t) {
		t.Run(name, func(t *testing.T) {
			got := write(t, p)
			path := filepath.Join("testdata", "golden", name+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestDeterministic checks that the same page is written byte for byte
// the same, twice over and from two sweeps of the same seed.
func TestDeterministic(t *testing.T) {
	a := write(t, page(t, seed(t), "", testGraph, allSections))
	b := write(t, page(t, seed(t), "", testGraph, allSections))
	if a != b {
		t.Errorf("two writes of the same page differ:\n%s", cmp.Diff(a, b))
	}
}

// TestConcurrent writes the same page from several goroutines at once,
// for go test -race, and checks that each gets the same bytes.
func TestConcurrent(t *testing.T) {
	p := page(t, seed(t), "", testGraph, allSections)
	want := write(t, p)
	got := make([]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			var b bytes.Buffer
			if err := htmlreport.Write(&b, p); err != nil {
				t.Error(err)
			}
			got[i] = b.String()
		})
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("goroutine %d wrote a different page", i)
		}
	}
}

// node is an element of a page, as strict XML decoding reads it.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	content  []any // character data (string) and elements (*node), in order
	parent   *node
}

func (n *node) attr(k string) string { return n.attrs[k] }

// allText returns the text of n and everything below it.
func (n *node) allText() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		for _, c := range n.content {
			switch c := c.(type) {
			case string:
				b.WriteString(c)
			case *node:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func (n *node) all(yield func(*node) bool) bool {
	if !yield(n) {
		return false
	}
	for _, c := range n.children {
		if !c.all(yield) {
			return false
		}
	}
	return true
}

func (n *node) find(name string) []*node {
	var out []*node
	n.all(func(c *node) bool {
		if c.name == name {
			out = append(out, c)
		}
		return true
	})
	return out
}

func (n *node) hasClass(c string) bool { return slices.Contains(strings.Fields(n.attr("class")), c) }

// parse reads a page as XML, strictly: the page is written to be
// well-formed XML as well as HTML (void elements closed with "/>", no
// named entities but XML's), so that a strict decoder checks that every
// tag is closed and nested. It also returns every text, comment and
// attribute it met, for the checks on what the page may name.
func parse(t *testing.T, page string) (root *node, strs []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	cur := &node{name: "#document"}
	doc := cur
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space != "" {
					key = a.Name.Space + ":" + key
				}
				n.attrs[key] = a.Value
			}
			cur.children = append(cur.children, n)
			cur.content = append(cur.content, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			cur.content = append(cur.content, string(tok))
			strs = append(strs, string(tok))
		case xml.Comment:
			strs = append(strs, string(tok))
		case xml.ProcInst:
			strs = append(strs, string(tok.Inst))
		case xml.Directive:
			strs = append(strs, string(tok))
		}
	}
	if cur != doc {
		t.Fatalf("the page ends inside <%s>", cur.name)
	}
	return doc, strs
}

var (
	forbidden = regexp.MustCompile(`(?i)<script|<link|<img|<iframe|<object|<embed|<audio|<video|<source|<base|<meta[^>]*http-equiv|\bsrc(set)?\s*=|@import|url\(|javascript:|@font-face`)
	httpWord  = regexp.MustCompile(`(?i)http`)
)

// selfContained checks that page loads nothing: no scripts, style sheets,
// images, frames or fonts, no url() in CSS, and no http anywhere but in
// links (<a href>) to the scenario's own source URLs.
func selfContained(t *testing.T, page string, s scenario.Scenario) {
	t.Helper()
	if m := forbidden.FindAllString(page, -1); m != nil {
		t.Errorf("the page holds what loads or runs something: %q", m)
	}
	root, strs := parse(t, page)
	for _, str := range strs {
		if httpWord.MatchString(str) {
			t.Errorf("the page says http outside a link: %q", str)
		}
	}
	var urls []string
	for _, src := range s.Sources {
		urls = append(urls, src.URL)
	}
	root.all(func(n *node) bool {
		for k, v := range n.attrs {
			if !httpWord.MatchString(v) {
				continue
			}
			if n.name != "a" || k != "href" || !slices.Contains(urls, v) {
				t.Errorf("<%s %s=%q> names http and is not a link to a source of the scenario", n.name, k, v)
			}
		}
		return true
	})
}

func TestSelfContained(t *testing.T) {
	for name, p := range pages(t) {
		t.Run(name, func(t *testing.T) { selfContained(t, write(t, p), p.Scenario) })
	}
}

// TestSourceLinks checks that the seed's sources with URLs are links,
// which is the only http the page may hold.
func TestSourceLinks(t *testing.T) {
	p := pages(t)["seed-report"]
	root, _ := parse(t, write(t, p))
	var hrefs []string
	for _, a := range root.find("a") {
		if a.hasClass("ext") {
			hrefs = append(hrefs, a.attr("href"))
		}
	}
	want := []string{
		"https://www.nato.int/cps/en/natohq/topics_52044.htm",
		"https://european-union.europa.eu/principles-countries-history/eu-countries_en",
		"https://ukrinform.net/amp/rubric-polytics/3470403-osce-announces-closure-of-special-monitoring-mission-to-ukraine.html",
		"https://www.zeit.de/1992/07/konsens-minus-eins",
	}
	if diff := cmp.Diff(want, hrefs); diff != "" {
		t.Errorf("links to sources (-want +got):\n%s", diff)
	}
}

// accessible checks the page's structure: a language, a viewport, one h1,
// headings that never skip a level, tables with captions and scoped
// header cells, a caption for every figure, in-page links that land, and
// the verdict and each finding's severity in words.
func accessible(t *testing.T, page string, p htmlreport.Page) {
	t.Helper()
	root, _ := parse(t, page)
	html := root.find("html")
	if len(html) != 1 || html[0].attr("lang") == "" {
		t.Errorf("want one <html> with a lang attribute")
	}
	if !slices.ContainsFunc(root.find("meta"), func(n *node) bool {
		return n.attr("name") == "viewport" && strings.Contains(n.attr("content"), "width=device-width")
	}) {
		t.Errorf("no <meta name=viewport content=width=device-width>")
	}
	if titles := root.find("title"); len(titles) == 0 || strings.TrimSpace(titles[0].allText()) == "" {
		t.Errorf("no <title>")
	}

	var levels []int
	root.all(func(n *node) bool {
		if len(n.name) == 2 && n.name[0] == 'h' && '1' <= n.name[1] && n.name[1] <= '6' {
			levels = append(levels, int(n.name[1]-'0'))
			if strings.TrimSpace(n.allText()) == "" {
				t.Errorf("an empty <%s>", n.name)
			}
		}
		return true
	})
	if len(levels) == 0 || levels[0] != 1 || slices.Index(levels[1:], 1) >= 0 {
		t.Errorf("want exactly one <h1>, first: heading levels %v", levels)
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] > levels[i-1]+1 {
			t.Errorf("heading %d skips from h%d to h%d: levels %v", i, levels[i-1], levels[i], levels)
		}
	}

	for i, table := range root.find("table") {
		if len(table.children) == 0 || table.children[0].name != "caption" || strings.TrimSpace(table.children[0].allText()) == "" {
			t.Errorf("table %d does not start with a <caption>", i)
		}
		ths := table.find("th")
		if len(ths) == 0 {
			t.Errorf("table %d has no <th>", i)
		}
		for _, th := range ths {
			if !slices.Contains([]string{"col", "row", "colgroup", "rowgroup"}, th.attr("scope")) {
				t.Errorf("table %d: <th> %q has scope %q", i, th.allText(), th.attr("scope"))
			}
		}
	}
	for i, fig := range root.find("figure") {
		if len(fig.find("figcaption")) != 1 {
			t.Errorf("figure %d has no <figcaption>", i)
		}
	}

	ids := map[string]bool{}
	root.all(func(n *node) bool {
		if id := n.attr("id"); id != "" {
			if ids[id] {
				t.Errorf("id %q is used twice", id)
			}
			ids[id] = true
		}
		return true
	})
	for _, a := range root.find("a") {
		if href := a.attr("href"); strings.HasPrefix(href, "#") && !ids[href[1:]] {
			t.Errorf("link to %s lands nowhere", href)
		}
	}
	for _, n := range root.find("span") {
		if n.hasClass("sym") && n.attr("aria-hidden") != "true" {
			t.Errorf("symbol %q is not hidden from screen readers, who read the word beside it", n.allText())
		}
	}

	var verdict []*node
	root.all(func(n *node) bool {
		if n.hasClass("verdict-line") && n.parent.parent.attr("id") == "verdict" {
			verdict = append(verdict, n)
		}
		return true
	})
	if len(verdict) != 1 || !strings.Contains(verdict[0].allText(), " "+p.Report.Verdict.String()) {
		t.Errorf("the verdict %q is not in words in the verdict section", p.Report.Verdict)
	}
	var findings []*node
	for _, n := range root.find("article") {
		if n.hasClass("finding") {
			findings = append(findings, n)
		}
	}
	if len(findings) != len(p.Report.Findings) {
		t.Fatalf("%d findings on the page, want %d", len(findings), len(p.Report.Findings))
	}
	for i, n := range findings {
		h := n.find("h3")
		f := p.Report.Findings[i]
		if len(h) != 1 || !strings.Contains(h[0].allText(), " "+f.Severity.String()+":") || !strings.Contains(h[0].allText(), string(f.Code)) {
			t.Errorf("finding %d's heading does not say %s %s in words", i+1, f.Severity, f.Code)
		}
	}
}

func TestAccessible(t *testing.T) {
	for name, p := range pages(t) {
		t.Run(name, func(t *testing.T) { accessible(t, write(t, p), p) })
	}
}

// TestSections checks that a page has the sections it is given and no
// other, and says so when there is no graph.
func TestSections(t *testing.T) {
	ps := pages(t)
	for _, tc := range []struct {
		name, reason string
		want         []string
	}{
		{"seed-all", "every section given", []string{"verdict", "graph", "findings", "timeline", "search", "sweep", "sources"}},
		{"seed-report", "only the report: no timeline, search or sweep", []string{"verdict", "graph", "findings", "sources"}},
		{"budapest1994", "timeline and search", []string{"verdict", "graph", "findings", "timeline", "search", "sources"}},
	} {
		root, _ := parse(t, write(t, ps[tc.name]))
		var got, contents []string
		for _, s := range root.find("section") {
			got = append(got, s.attr("id"))
		}
		for _, a := range root.find("nav")[0].find("a") {
			contents = append(contents, strings.TrimPrefix(a.attr("href"), "#"))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (%s): sections (-want +got):\n%s", tc.name, tc.reason, diff)
		}
		if diff := cmp.Diff(tc.want, contents); diff != "" {
			t.Errorf("%s (%s): table of contents (-want +got):\n%s", tc.name, tc.reason, diff)
		}
	}
	report := write(t, ps["seed-report"])
	if !strings.Contains(report, "No graph was drawn for this page.") || strings.Contains(report, "<figure") {
		t.Errorf("a page without a graph should say so, and hold no figure")
	}
	all := write(t, ps["seed-all"])
	if !strings.Contains(all, testGraph) {
		t.Errorf("the graph is not in the page as given")
	}
}

const evil = `<script>alert(1)</script> "double" 'single' & more`

// TestEscaping checks that every string from the scenario, the report and
// the results is escaped, and that a source URL that is not http or https,
// mailto among them, is not made a link.
func TestEscaping(t *testing.T) {
	s := scenario.Scenario{
		Name:        evil,
		AsOf:        evil,
		Description: evil,
		Sources: []scenario.Source{
			{ID: "js", Title: evil, URL: "javascript:alert(1)", Note: evil, Date: evil},
			{ID: evil, Title: evil, URL: `https://example.org/?q="><script>alert(1)</script>`},
			{ID: "mail", Title: "mail", URL: "mailto:someone@example.org"},
		},
		Positions: []scenario.Position{{ID: "p", Note: evil}},
	}
	f := scenario.Finding{Code: scenario.RedLine, Severity: scenario.Error, Actors: []actor.ID{evil},
		Guarantees: []guarantee.ID{evil}, Positions: []string{evil}, Message: evil, Sources: []string{"js", evil, "free " + evil}}
	p := htmlreport.Page{
		Scenario: s,
		Report:   scenario.Report{Scenario: evil, Findings: []scenario.Finding{f, {Code: evil, Severity: scenario.Warning, Message: evil}}},
		File:     evil,
		Simulation: &walk.Simulation{Scenario: evil, Steps: []walk.Step{{
			Event:       guarantee.Event{Name: evil},
			Due:         []walk.Call{{Guarantee: evil, Kind: evil, Attackers: []actor.ID{evil}, Status: walk.Blocked, Blocks: []walk.Block{{Message: evil}}, Abstains: []actor.ID{evil}, Sources: []string{evil}}},
			NoLongerDue: []guarantee.ID{evil},
			Lapses:      []walk.Lapse{{Guarantee: evil, Body: evil, Date: evil, Blocks: []walk.Block{{Message: evil}}}},
			Receives:    []walk.Receipt{{Beneficiary: evil, Kind: evil, Guarantees: []guarantee.ID{evil}}},
		}}, Lifetimes: []walk.Lifetime{{Guarantee: evil, FirstCall: 1, From: evil, To: evil}}},
		Search: &deals.Result{Complete: false, Stopped: evil,
			Concessions: []deals.Concession{{Positions: []string{evil}, Message: evil, Sources: []string{evil},
				Unlocks: []deals.Deal{{Guarantees: []guarantee.ID{evil}, Vetoes: []string{evil}}}}},
			Conflicts: []deals.Conflict{{Positions: []string{evil}, Message: evil}}},
		Sweep: &sweep.Result{Scenario: evil,
			Uncertain:   []sweep.Uncertain{{Element: evil}},
			Sensitivity: []sweep.Sensitivity{{Uncertain: sweep.Uncertain{Element: evil}}},
			Codes:       []sweep.CodeEstimate{{Code: evil}},
			Findings:    []sweep.FindingEstimate{{Finding: f}},
			Offers:      []sweep.OfferEstimate{{Guarantee: evil}},
			Receives:    []sweep.ReceiptEstimate{{Step: 1, Event: evil, Beneficiary: evil, Kind: evil}}},
	}
	page := write(t, p)
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Errorf("the page holds a <script>")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; &#34;double&#34; &#39;single&#39; &amp; more") {
		t.Errorf("the page does not hold the escaped text")
	}
	if n := strings.Count(page, `"double"`); n != 0 {
		t.Errorf("the page holds %d unescaped quotes", n)
	}
	root, _ := parse(t, page)
	var hrefs []string
	for _, a := range root.find("a") {
		if h := a.attr("href"); !strings.HasPrefix(h, "#") {
			hrefs = append(hrefs, h)
		}
	}
	want := []string{"https://example.org/?q=%22%3e%3cscript%3ealert%281%29%3c/script%3e"}
	if diff := cmp.Diff(want, hrefs); diff != "" {
		t.Errorf("links out of the page (-want +got):\n%s", diff)
	}
	if !strings.Contains(page, "Address: <code>javascript:alert(1)</code>") {
		t.Errorf("a source URL that cannot be a link should be shown as text")
	}
	accessible(t, page, p)
}

// TestLongTitleShownOnce checks that a source's title stands in full only
// in the Sources section: the findings that cite it show its start, so
// that a page does not grow with findings times title.
func TestLongTitleShownOnce(t *testing.T) {
	s := examples.Ukraine2025()
	title := strings.Repeat("A very long title, ", 500)
	s.Sources = append(s.Sources, scenario.Source{ID: "long", Title: title})
	for i := range s.Guarantees {
		s.Guarantees[i].Sources = append(s.Guarantees[i].Sources, "long")
	}
	p := page(t, s, "long.yaml", "", reportOnly)
	citing := 0
	for _, f := range p.Report.Findings {
		if slices.Contains(f.Sources, "long") {
			citing++
		}
	}
	if citing < 2 {
		t.Fatalf("%d findings cite the long source; the test needs at least 2", citing)
	}
	out := write(t, p)
	if n := strings.Count(out, title); n != 1 {
		t.Errorf("the full title stands %d times in the page; want once, in the Sources section", n)
	}
	start := title[:200] // the title is ASCII: 200 characters
	if n := strings.Count(out, start+"…"); n < citing {
		t.Errorf("the title's start stands %d times; want at least once for each of the %d findings citing it", n, citing)
	}
	s.Sources[len(s.Sources)-1].Title = "short"
	if grown := len(out) - len(write(t, page(t, s, "long.yaml", "", reportOnly))); grown > 2*len(title) {
		t.Errorf("a title of %d bytes makes the page %d bytes longer than a short one; want at most twice the title", len(title), grown)
	}
}
