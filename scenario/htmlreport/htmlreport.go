package htmlreport

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
)

// Page is what one report page shows. Only Report is needed; every other
// field adds to the page, and a nil section is left out.
type Page struct {
	// Scenario is the scenario the report is of. Its name, date and
	// description head the page, its sources make the Sources section
	// that findings link to, and its offers are counted in the search
	// section's sentence when no deal is possible.
	Scenario scenario.Scenario
	// Report is the evaluation of Scenario: the verdict and the findings.
	Report scenario.Report
	// File is the file the scenario was read from, shown under the
	// heading; empty leaves it out.
	File string
	// Graph is the framework drawn as an inline SVG fragment (an <svg>
	// element), put into the page as it is: the caller vouches that it is
	// safe and that it loads nothing (no <image>, <use> of another file,
	// <script> or url() to anything outside the fragment). Its ids should
	// not take the page's own forms (see the package documentation).
	// Empty, the Graph section says that no graph was drawn.
	Graph template.HTML
	// Simulation is the walk of the timeline, for the Timeline section;
	// nil leaves the section out.
	Simulation *walk.Simulation
	// Search is the deal search, for the Deal search section; nil leaves
	// the section out.
	Search *deals.Result
	// Sweep is the sampling of the scenario's uncertain elements, for the
	// Sweep section; nil leaves the section out.
	Sweep *sweep.Result
	// Bargaining is the bargaining over the feasible deals, worked out by
	// the caller (see [BargainingOf]), for the Bargaining section; nil
	// leaves the section out.
	Bargaining *Bargaining
}

// Bargaining is the Bargaining section, as plain text the page escapes,
// and a picture the caller vouches for as it does for Page.Graph.
type Bargaining struct {
	// Summary is the opening sentence: who takes part, how many outcomes.
	Summary string
	// Picture is the frontier drawn as an inline SVG fragment; empty
	// leaves it out.
	Picture template.HTML
	// Actors name the columns of utilities and gains.
	Actors []string
	// Frontier is the Pareto frontier, one row per outcome; FrontierNote
	// says when the rows are only the first of them.
	Frontier     []BargainingOutcome
	FrontierNote string
	// Solutions are where each norm of fairness settles.
	Solutions []BargainingSolution
	// Failure, when not empty, says why the bargaining was not worked
	// out; the section then shows that sentence and nothing else.
	Failure string
}

// BargainingOutcome is one outcome: its guarantees, the candidate vetoes
// it grants, and a figure per actor.
type BargainingOutcome struct {
	Guarantees []string
	Vetoes     []string
	Figures    []string
}

// BargainingSolution is one solution: its name, its outcome (with the
// gains over disagreement as figures), and why; an absent one has only the
// reason.
type BargainingSolution struct {
	Name    string
	Absent  bool
	Outcome BargainingOutcome
	Score   string
	Reason  string
}

//go:embed page.html.tmpl
var pageTemplate string

// tmpl parses the page's template on first use, not when a program that
// may never write a page starts.
var tmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("page").Parse(pageTemplate)) })

// Write writes p to w as one self-contained HTML page: the verdict, the
// graph, the findings with their sources, the sections p has of timeline,
// deal search and sweep, and the scenario's sources. The same p always
// gives the same bytes. Every string from the scenario, the report or the
// results is escaped; only Graph is written as it is. Write is safe for
// concurrent use; it writes to w once, after the whole page is made.
func Write(w io.Writer, p Page) error {
	var buf bytes.Buffer
	if err := tmpl().Execute(&buf, build(p)); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	// The scenario's text is escaped for HTML by the template; what HTML
	// does not escape, control characters and bidirectional overrides,
	// is shown escaped here, once for the whole page.
	_, err := w.Write(safe.Page(buf.Bytes()))
	return err
}

// WriteFragment writes the sections of the page [Write] writes for p,
// from Verdict to Sources, without the document around them: no <html>,
// <head>, style sheet, heading, table of contents or footer. It is for a
// page of the caller's own that shows a report among other things (the
// workbench of `entente serve` does) and styles it with [Stylesheet].
// The sections, their ids and their escaping are those of Write; the
// same p always gives the same bytes. WriteFragment is safe for
// concurrent use; it writes to w once.
func WriteFragment(w io.Writer, p Page) error {
	var buf bytes.Buffer
	var none *Writer
	if err := none.write(&buf, build(p)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Stylesheet returns the CSS of the page [Write] writes, for a page that
// shows a [WriteFragment]. It loads nothing (no url() or @import) and
// styles the body too, which such a page may override after it.
func Stylesheet() []byte {
	var buf bytes.Buffer
	if err := tmpl().ExecuteTemplate(&buf, "style", nil); err != nil {
		panic("htmlreport: the style sheet: " + err.Error()) // the template is fixed: a bug
	}
	return buf.Bytes()
}

// view is what the template shows, worked out from a Page.
type view struct {
	Name        string
	File        string
	AsOf        string
	Description string
	Verdict     verdictView
	Contents    []entry
	Graph       template.HTML
	Counts      string // "2 errors, 3 warnings"; "" when there are no findings
	Findings    []findingView
	Mandates    []mandateView
	Timeline    *timelineView
	Search      *searchView
	Sweep       *sweepView
	Bargaining  *bargainingView
	Sources     []sourceView
	Marks       marks
}

// marks are the marks the page's legends explain.
type marks struct{ Error, Warning, Info, Activates, Blocked, Void, Lapses, Ended mark }

var legend = marks{markError, markWarning, markInfo, markActivates, markBlocked, markVoid, markLapses, markEnded}

// entry is a line of the table of contents.
type entry struct{ ID, Title string }

// mark is how a severity, a verdict or a status shows: a class for the
// colour, a symbol, and the word, which says it without either.
type mark struct{ Class, Symbol, Word string }

var (
	markError        = mark{"error", "✖", "error"}
	markWarning      = mark{"warning", "▲", "warning"}
	markInfo         = mark{"info", "●", "info"}
	markCompatible   = mark{"ok", "✔", "compatible"}
	markIncompatible = mark{"error", "✖", "incompatible"}
	markActivates    = mark{"ok", "✔", "activates"}
	markBlocked      = mark{"error", "✖", "blocked"}
	markVoid         = mark{"error", "∅", "void"}
	markLapses       = mark{"muted", "↘", "no longer due"}
	markEnded        = mark{"error", "⌛", "lapsed"}
	markDeal         = mark{"ok", "✔", "A deal is possible"}
	markNoDeal       = mark{"error", "✖", "No deal is possible"}
)

func severityMark(s scenario.Severity) mark {
	switch s {
	case scenario.Error:
		return markError
	case scenario.Warning:
		return markWarning
	case scenario.Info:
		return markInfo
	}
	return mark{"muted", "?", s.String()}
}

func statusMark(s walk.Status) mark {
	switch s {
	case walk.Activates:
		return markActivates
	case walk.Blocked:
		return markBlocked
	case walk.Void:
		return markVoid
	}
	return mark{"muted", "?", s.String()}
}

type verdictView struct {
	Mark    mark
	Explain string
}

// cite is a citation: a link to a source of the Sources section, named
// by its title (Text, cut to citeTitle characters) or, in tables, its ID;
// or, for a citation that is not a source's ID, its text.
type cite struct{ Anchor, ID, Text string }

// citeTitle is the most of a source's title a citation shows. The
// Sources section shows the title in full, once: a page whose findings
// each repeated a long title would grow with findings times title, far
// beyond the file.
const citeTitle = 200

type findingView struct {
	N          int
	Anchor     string
	Severity   mark
	Code       string
	Message    string
	Actors     []string
	Guarantees []string
	Positions  []string
	Sources    []cite
}

type sourceView struct {
	Anchor  string
	ID      string
	Title   string
	URL     string
	Link    bool // URL is an http or https address, and so a link
	Date    string
	Note    string
	CitedBy []entry
}

// sources finds the scenario's sources by ID.
type sources struct {
	list  []scenario.Source
	index map[string]int
}

func newSources(list []scenario.Source) sources {
	s := sources{list: list, index: make(map[string]int, len(list))}
	for i, src := range list {
		if _, ok := s.index[src.ID]; !ok {
			s.index[src.ID] = i
		}
	}
	return s
}

func sourceAnchor(i int) string { return "source-" + strconv.Itoa(i+1) }

func (s sources) cites(ids []string) []cite {
	out := make([]cite, 0, len(ids))
	for _, id := range ids {
		i, ok := s.index[id]
		if !ok {
			out = append(out, cite{ID: id, Text: id})
			continue
		}
		out = append(out, cite{Anchor: sourceAnchor(i), ID: id, Text: words.Clip(cmp.Or(s.list[i].Title, id), citeTitle)})
	}
	return out
}

func build(p Page) view {
	name := cmp.Or(p.Report.Scenario, p.Scenario.Name, "(unnamed scenario)")
	v := view{Name: name, File: p.File, AsOf: p.Scenario.AsOf, Description: p.Scenario.Description,
		Counts: countWords(p.Report), Marks: legend}
	if p.Report.Verdict == scenario.Compatible {
		v.Verdict = verdictView{Mark: markCompatible, Explain: "No finding is an error: the deal as written holds together."}
	} else {
		v.Verdict = verdictView{Mark: markIncompatible, Explain: "At least one finding is an error: the deal as written cannot be satisfied."}
	}
	if strings.TrimSpace(string(p.Graph)) != "" {
		v.Graph = p.Graph
	}

	srcs := newSources(p.Scenario.Sources)
	citedBy := make([][]entry, len(srcs.list))
	for i, f := range p.Report.Findings {
		fv := findingView{N: i + 1, Anchor: "finding-" + strconv.Itoa(i+1), Severity: severityMark(f.Severity),
			Code: string(f.Code), Message: f.Message, Actors: toStrings(f.Actors), Guarantees: toStrings(f.Guarantees),
			Positions: f.Positions, Sources: srcs.cites(f.Sources)}
		for _, id := range f.Sources {
			if k, ok := srcs.index[id]; ok && !slices.ContainsFunc(citedBy[k], func(e entry) bool { return e.ID == fv.Anchor }) {
				citedBy[k] = append(citedBy[k], entry{fv.Anchor, "finding " + strconv.Itoa(fv.N)})
			}
		}
		v.Findings = append(v.Findings, fv)
	}
	for i, s := range srcs.list {
		v.Sources = append(v.Sources, sourceView{Anchor: sourceAnchor(i), ID: s.ID, Title: cmp.Or(s.Title, s.ID),
			URL: s.URL, Link: safe.Link(s.URL), Date: s.Date, Note: s.Note, CitedBy: citedBy[i]})
	}

	for _, g := range p.Scenario.Guarantees {
		if !g.Mandate.IsZero() {
			v.Mandates = append(v.Mandates, mandateView{string(g.ID), g.Mandate.String()})
		}
	}
	if p.Simulation != nil {
		v.Timeline = buildTimeline(*p.Simulation, srcs)
	}
	if p.Search != nil {
		v.Search = buildSearch(p.Scenario, *p.Search, srcs)
	}
	if p.Sweep != nil {
		v.Sweep = buildSweep(*p.Sweep)
	}

	v.Contents = []entry{{"verdict", "Verdict"}, {"graph", "Graph"}, {"findings", "Findings"}}
	if len(v.Mandates) > 0 {
		v.Contents = append(v.Contents, entry{"mandates", "Mandates"})
	}
	if v.Timeline != nil {
		v.Contents = append(v.Contents, entry{"timeline", "Timeline"})
	}
	if v.Search != nil {
		v.Contents = append(v.Contents, entry{"search", "Deal search"})
	}
	if v.Sweep != nil {
		v.Contents = append(v.Contents, entry{"sweep", "Sweep"})
	}
	if p.Bargaining != nil {
		v.Bargaining = &bargainingView{p.Bargaining, 2 + len(p.Bargaining.Actors)}
		v.Contents = append(v.Contents, entry{"bargaining", "Bargaining"})
	}
	if len(v.Sources) > 0 {
		v.Contents = append(v.Contents, entry{"sources", "Sources"})
	}
	return v
}

// bargainingView is the Bargaining section with the span of an absent
// solution's cell: the guarantees, the vetoes and one column per actor.
type bargainingView struct {
	*Bargaining
	Span int
}

type timelineView struct {
	Summary   string
	Steps     []stepView
	Lifetimes []lifetimeView
}

type stepView struct {
	N        int
	Anchor   string
	Event    string
	Lapses   []lapseView
	Due      []dueView
	Lapsed   []string // no longer due
	Receives []receiptView
}

// lapseView is a mandate that ended: when, and who stopped its renewal
// and why, or that its sunset passed.
type lapseView struct {
	Guarantee string
	What      string // "UNSC did not renew it on 2009-06-15"
	Reasons   []string
}

// lifetimeView is how long a guarantee lasted.
type lifetimeView struct {
	Guarantee string
	Lasted    string
}

// mandateView is a guarantee's mandate in words.
type mandateView struct {
	Guarantee string
	Mandate   string
}

type dueView struct {
	Call        string // "first call", "call 2 against RU"
	Guarantee   string
	Kind        string
	Provider    string
	Beneficiary string
	Status      mark
	Blocks      []string
	Abstains    []string
	Sources     []cite
}

type receiptView struct {
	Beneficiary string
	Kind        string
	Guarantees  []string
}

func buildTimeline(sim walk.Simulation, srcs sources) *timelineView {
	t := &timelineView{Summary: words.Plural(len(sim.Steps), "event")}
	for i, st := range sim.Steps {
		sv := stepView{N: i + 1, Anchor: "step-" + strconv.Itoa(i+1), Event: st.Event.Dated(), Lapsed: toStrings(st.NoLongerDue)}
		for _, l := range st.Lapses {
			lv := lapseView{Guarantee: string(l.Guarantee)}
			switch {
			case l.Sunset:
				lv.What = "its mandate ended on " + l.Date + ", with no renewal"
			case l.Date != "":
				lv.What = string(l.Body) + " did not renew it on " + l.Date
			default:
				lv.What = string(l.Body) + " did not renew it"
			}
			for _, b := range l.Blocks {
				lv.Reasons = append(lv.Reasons, b.Message)
			}
			sv.Lapses = append(sv.Lapses, lv)
		}
		for _, o := range st.Due {
			call := "first call"
			if o.Number > 1 {
				call = "call " + strconv.Itoa(o.Number)
			}
			if len(o.Attackers) > 0 {
				call += " against " + strings.Join(toStrings(o.Attackers), ", ")
			}
			d := dueView{Call: call, Guarantee: string(o.Guarantee), Kind: string(o.Kind), Provider: string(o.Provider),
				Beneficiary: string(o.Beneficiary), Status: statusMark(o.Status), Abstains: toStrings(o.Abstains),
				Sources: srcs.cites(o.Sources)}
			for _, b := range o.Blocks {
				d.Blocks = append(d.Blocks, b.Message)
			}
			sv.Due = append(sv.Due, d)
		}
		for _, r := range st.Receives {
			sv.Receives = append(sv.Receives, receiptView{string(r.Beneficiary), string(r.Kind), toStrings(r.Guarantees)})
		}
		t.Steps = append(t.Steps, sv)
	}
	for _, lt := range sim.Lifetimes {
		t.Lifetimes = append(t.Lifetimes, lifetimeView{string(lt.Guarantee), walk.LifetimeWords(lt)})
	}
	return t
}

type searchView struct {
	Lead        mark
	Rest        string // what follows the lead's words
	Incomplete  string
	Maximal     []packageView
	ShowForced  bool
	Forced      []string
	Dead        []string
	DeadEvery   bool // no deal, and every offer is dead
	Count       string
	NoDeal      bool
	Concede     string // the sentence before the concessions
	Concessions []concessionView
	Conflict    string // the sentence before the conflicts
	Conflicts   []conflictView
}

type packageView struct {
	N          int
	Guarantees []string
	Vetoes     string
}

type concessionView struct {
	N         int
	Message   string
	Positions []string
	Unlocks   []packageView
	Sources   []cite
}

type conflictView struct {
	N         int
	Message   string
	Positions []string
	Sources   []cite
}

func buildSearch(s scenario.Scenario, r deals.Result, srcs sources) *searchView {
	v := &searchView{NoDeal: !r.Feasible, Forced: toStrings(r.Forced), Dead: toStrings(r.Dead), ShowForced: r.Feasible}
	offers := words.Plural(len(s.Guarantees), "offer")
	switch {
	case r.Feasible:
		v.Lead, v.Rest = markDeal, words.Plural(len(r.Maximal), "maximal package")+"."
	case len(s.Guarantees) == 0:
		v.Lead, v.Rest = markNoDeal, "there are no offers on the table."
	case r.EmptyFeasible:
		v.Lead, v.Rest = markNoDeal, "of the "+offers+" on the table, none can be in a deal that meets every position; only no guarantee at all does."
	default:
		v.Lead, v.Rest = markNoDeal, "no package of the "+offers+" on the table meets every position."
	}
	if !r.Complete {
		v.Incomplete = "The search is incomplete (" + cmp.Or(r.Stopped, "it stopped early") + "): what follows is what it found before it stopped."
	}
	v.DeadEvery = !r.Feasible && len(r.Dead) == len(s.Guarantees) && len(r.Dead) > 0
	for i, pk := range r.Maximal {
		v.Maximal = append(v.Maximal, packageView{i + 1, toStrings(pk.Guarantees), cmp.Or(pk.DescribeVetoes(&s), "none needed")})
	}
	if r.Counted {
		v.Count = strconv.FormatUint(r.Count, 10)
		if r.EmptyFeasible {
			v.Count += ", counting the empty package (no guarantee at all)"
		}
	}
	if r.Feasible {
		return v
	}
	switch {
	case len(r.Concessions) > 0:
		v.Concede = "What would make a deal possible: " + words.Plural(len(r.Concessions), "minimal concession") + ", smallest first."
	case r.Complete:
		v.Concede = "No withdrawal of positions makes a deal possible: the offers themselves rule every deal out."
	}
	for i, c := range r.Concessions {
		cv := concessionView{N: i + 1, Message: c.Message, Positions: c.Positions, Sources: srcs.cites(c.Sources)}
		for j, pk := range c.Unlocks {
			cv.Unlocks = append(cv.Unlocks, packageView{j + 1, toStrings(pk.Guarantees), pk.DescribeVetoes(&s)})
		}
		v.Concessions = append(v.Concessions, cv)
	}
	if len(r.Conflicts) > 0 {
		v.Conflict = "What rules every deal out: " + words.Plural(len(r.Conflicts), "conflict") + ", each a minimal set of positions that cannot all stand."
	}
	for i, c := range r.Conflicts {
		v.Conflicts = append(v.Conflicts, conflictView{i + 1, c.Message, c.Positions, srcs.cites(c.Sources)})
	}
	return v
}

type sweepView struct {
	Lead        string
	Summary     []summaryRow
	NoUncertain bool
	Sensitivity []sensitivityView
	Codes       []codeView
	Findings    []sweepFindingView
	Offers      []offerView
	Walked      bool
	Receives    []sweepReceiptView
}

type summaryRow struct {
	Measure, Value, Note string
	Estimate             bool // Value is an estimate, kept on one line
}

type sensitivityView struct{ Element, Likelihood, Effect, Holds, Fails string }

type codeView struct {
	Code     string
	Severity mark
	Estimate string
}

type sweepFindingView struct {
	Severity mark
	Code     string
	Message  string
	Forms    int // how many forms the finding took across the samples
	Estimate string
}

type offerView struct{ Guarantee, Forced, Dead string }

type sweepReceiptView struct {
	Step                               int
	Event, Beneficiary, Kind, Estimate string
}

func buildSweep(r sweep.Result) *sweepView {
	v := &sweepView{Lead: words.Plural(r.Samples, "sample") + ", seed " + strconv.FormatUint(r.Seed, 10)}
	if !r.Complete {
		v.Lead += " (stopped early, of " + strconv.Itoa(r.Requested) + " requested)"
	}
	v.Lead += "."
	v.Summary = append(v.Summary, summaryRow{"Compatible", r.Compatible.String(),
		"in " + strconv.Itoa(r.Compatible.Count) + " of " + strconv.Itoa(r.Samples) + " samples", true})
	if r.Deal != nil {
		v.Summary = append(v.Summary, summaryRow{"Deal possible (a non-empty package is feasible)", r.Deal.String(), "", true})
	}
	v.Summary = append(v.Summary, summaryRow{"Error findings per sample", r.Errors.String(), "", false})
	if r.Largest != nil {
		v.Summary = append(v.Summary, summaryRow{"Offers in the largest feasible package", r.Largest.String(), "", false})
	}
	v.NoUncertain = len(r.Uncertain) == 0
	for _, sv := range r.Sensitivity {
		v.Sensitivity = append(v.Sensitivity, sensitivityView{sv.Element, strconv.FormatFloat(sv.Likelihood, 'g', -1, 64),
			fmt.Sprintf("%+.3f", sv.Effect), sv.Holds.String(), sv.Fails.String()})
	}
	for _, c := range r.Codes {
		v.Codes = append(v.Codes, codeView{string(c.Code), severityMark(c.Code.Severity()), c.Estimate.String()})
	}
	for _, f := range r.Findings {
		v.Findings = append(v.Findings, sweepFindingView{severityMark(f.Finding.Severity), string(f.Finding.Code), f.Finding.Message, f.Forms, f.Estimate.String()})
	}
	for _, o := range r.Offers {
		v.Offers = append(v.Offers, offerView{string(o.Guarantee), o.Forced.String(), o.Dead.String()})
	}
	v.Walked = r.Receives != nil
	for _, rc := range r.Receives {
		v.Receives = append(v.Receives, sweepReceiptView{rc.Step, rc.Event, rc.Beneficiary, string(rc.Kind), rc.Estimate.String()})
	}
	return v
}

// countWords says how many findings of each severity r has: "2 errors, 1
// warning"; "" when it has none.
func countWords(r scenario.Report) string {
	var counts []string
	for _, s := range [...]scenario.Severity{scenario.Error, scenario.Warning, scenario.Info} {
		if n := r.Count(s); n > 0 {
			counts = append(counts, words.Plural(n, s.String()))
		}
	}
	return strings.Join(counts, ", ")
}

func toStrings[T ~string](s []T) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}
