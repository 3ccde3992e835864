package workbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/entente-go/entente/walk"
)

// problem is one problem of the text, where it is: a line and column
// from 1 (0 when the problem has no place), the path of the field, and
// what is wrong.
type problem struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// problems lists the problems of a load error, as `entente validate`
// prints them, without the file's name: with their hidden runes escaped
// ([safe.Terminal]), as there. A path can hold a key of the file.
func problems(err error) []problem {
	var fe scenariofile.Errors
	if errors.As(err, &fe) {
		out := make([]problem, 0, len(fe))
		for _, e := range fe {
			out = append(out, problem{Line: e.Line, Column: e.Column, Path: safe.Terminal(e.Path), Message: safe.Terminal(e.Err.Error())})
		}
		return out
	}
	return []problem{{Message: safe.Terminal(err.Error())}}
}

// toggles are the what-ifs the page asks for, in its query:
// without=ID (an actor, a guarantee or a position), grant=ID (the
// candidate veto of a demands-veto position) and withhold=N (the Nth
// veto the deal grants, from 0).
type toggles struct {
	without  []string
	grant    []string
	withhold []int
	// stage is how much of the answer to make: the page asks for the
	// findings first, then the picture, then the rest.
	stage stage
}

// stage is how much of the answer a request asks for. Each stage has what
// the one before it has, and more.
type stage uint8

const (
	// findingsOnly, from quick=1, is the verdict, the findings and the
	// walk: no picture, deal search, bargaining or comparison, so that
	// the findings come back at once.
	findingsOnly stage = iota
	// withPicture, from picture=1, adds the picture.
	withPicture
	// inFull, with neither, adds the deal search, the bargaining and the
	// comparison.
	inFull
	stages
)

func (t toggles) none() bool { return len(t.without)+len(t.grant)+len(t.withhold) == 0 }

// maxToggles bounds the toggles of one request.
const maxToggles = 10_000

// parseToggles reads the toggles of a query. It reads the keys in order,
// so that the same query always meets the same error first; unknown keys
// are all named at once.
func parseToggles(q url.Values) (toggles, error) {
	t := toggles{stage: inFull}
	keys := slices.Sorted(maps.Keys(q))
	var unknown []string
	for _, k := range keys {
		switch k {
		case "quick", "picture", "without", "grant", "withhold":
		default:
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	switch {
	case len(unknown) == 1:
		return t, fmt.Errorf("unknown parameter %s: want a what-if (without, grant, withhold), quick or picture", unknown[0])
	case len(unknown) > 1:
		return t, fmt.Errorf("unknown parameters %s: want a what-if (without, grant, withhold), quick or picture", strings.Join(unknown, ", "))
	}
	for _, k := range keys {
		vs := q[k]
		switch k {
		case "quick", "picture":
			if len(vs) != 1 || vs[0] != "1" {
				return t, fmt.Errorf("%s=%q: want %s=1 or no %s", k, strings.Join(vs, ","), k, k)
			}
			if t.stage != inFull {
				return t, errors.New("quick=1 and picture=1: want one of them, or neither")
			}
			t.stage = findingsOnly
			if k == "picture" {
				t.stage = withPicture
			}
		case "without":
			t.without = vs
		case "grant":
			t.grant = vs
		case "withhold":
			for _, v := range vs {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					return t, fmt.Errorf("withhold=%q: want the number of a granted veto, from 0", v)
				}
				t.withhold = append(t.withhold, n)
			}
		}
	}
	if len(t.without)+len(t.grant)+len(t.withhold) > maxToggles {
		return t, fmt.Errorf("more than %d what-ifs", maxToggles)
	}
	slices.Sort(t.without)
	slices.Sort(t.grant)
	slices.Sort(t.withhold)
	t.without, t.grant, t.withhold = slices.Compact(t.without), slices.Compact(t.grant), slices.Compact(t.withhold)
	return t, nil
}

// toggle is a what-if the page can offer: the query key and value that
// ask for it, and what it does in words.
type toggle struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Label string `json:"label"`
}

// offered are the what-ifs the page offers for a scenario, by group.
type offered struct {
	Actors     []toggle `json:"actors"`
	Guarantees []toggle `json:"guarantees"`
	Positions  []toggle `json:"positions"`
	Vetoes     []toggle `json:"vetoes"` // grant a candidate veto, withhold a granted one
}

// offer lists the what-ifs of s: leave out each actor, guarantee and
// position that has an ID; grant the veto of each demands-veto position
// with an ID; withhold each veto the deal grants. Each label has its
// hidden runes escaped ([safe.Terminal]); each value is the ID as it is,
// for the page to send back.
func offer(s scenario.Scenario) offered {
	o := offered{Actors: []toggle{}, Guarantees: []toggle{}, Positions: []toggle{}, Vetoes: []toggle{}}
	for _, a := range s.Actors {
		o.Actors = append(o.Actors, toggle{"without", string(a.ID), "without " + string(a.ID)})
	}
	for _, g := range s.Guarantees {
		o.Guarantees = append(o.Guarantees, toggle{"without", string(g.ID), "without " + string(g.ID)})
	}
	for _, p := range s.Positions {
		if p.ID == "" {
			continue
		}
		o.Positions = append(o.Positions, toggle{"without", p.ID, "without " + p.ID})
	}
	for _, p := range s.Positions {
		if p.ID == "" || p.Stance != scenario.DemandsVeto {
			continue
		}
		o.Vetoes = append(o.Vetoes, toggle{"grant", p.ID, "grant " + string(p.Actor) + "'s veto over " + p.Select.Describe() + " (" + p.ID + ")"})
	}
	for i, v := range s.Vetoes {
		o.Vetoes = append(o.Vetoes, toggle{"withhold", strconv.Itoa(i), "withhold " + string(v.Holder) + "'s veto over " + v.Over.Describe()})
	}
	for _, group := range [][]toggle{o.Actors, o.Guarantees, o.Positions, o.Vetoes} {
		for i := range group {
			group[i].Label = safe.Terminal(group[i].Label)
		}
	}
	return o
}

// candidate is the veto a demands-veto position asks for.
func candidate(p scenario.Position) scenario.Veto {
	return scenario.Veto{Holder: p.Actor, Over: p.Select, Sources: p.Sources}
}

// edits turns toggles into the edits of s they stand for: the withheld
// vetoes revoked, the candidate vetoes granted, then each ID left out.
// Two withheld vetoes alike are one revocation. It stops when ctx ends,
// returning ctx's error.
func (t toggles) edits(ctx context.Context, s scenario.Scenario) ([]scenario.Edit, error) {
	var edits []scenario.Edit
	revoked := make(map[string]bool)
	for _, n := range t.withhold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if n >= len(s.Vetoes) {
			vetoes := "vetoes"
			if len(s.Vetoes) == 1 {
				vetoes = "veto"
			}
			return nil, fmt.Errorf("withhold %d: the deal grants %d %s, numbered from 0", n, len(s.Vetoes), vetoes)
		}
		v := s.Vetoes[n]
		e := scenario.Revoke{Holder: v.Holder, Over: &v.Over}
		if k := e.String(); !revoked[k] {
			revoked[k] = true
			edits = append(edits, e)
		}
	}
	var byID map[string]int // the first position of each ID
	if len(t.grant) > 0 {
		byID = make(map[string]int, len(s.Positions))
		for i, p := range s.Positions {
			if _, seen := byID[p.ID]; !seen {
				byID[p.ID] = i
			}
		}
	}
	for _, id := range t.grant {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i, ok := byID[id]
		if !ok || s.Positions[i].Stance != scenario.DemandsVeto {
			return nil, fmt.Errorf("grant %s: no demands-veto position has that ID", id)
		}
		edits = append(edits, scenario.Grant{Veto: candidate(s.Positions[i])})
	}
	for _, id := range t.without {
		edits = append(edits, scenario.Without{ID: id})
	}
	return edits, nil
}

// result is the answer to an evaluation. With problems, it has nothing
// else but the what-ifs of nothing: the text must be mended first.
type result struct {
	Problems []problem `json:"problems"`
	// Name and Verdict are of the scenario evaluated: the what-if when
	// there are toggles, else the file as written. Name, Applied,
	// WhatIfError, and the labels and the paths and messages of the
	// problems, have their hidden runes escaped ([safe.Terminal]), as the
	// command line prints them: the page shows them as text.
	Name    string `json:"name,omitempty"`
	Verdict string `json:"verdict,omitempty"`
	// Report is the HTML report's sections for that scenario, from
	// htmlreport.WriteFragment: escaped there, put in the page as is.
	Report string `json:"report,omitempty"`
	// Offered are the what-ifs of the file as written.
	Offered offered `json:"offered"`
	// Applied are the edits the toggles made, in words.
	Applied []string `json:"applied"`
	// Comparison is what `entente diff` says from the file as written to
	// the what-if; empty without toggles.
	Comparison string `json:"comparison,omitempty"`
	// WhatIfError says why the toggles could not be applied; the rest is
	// then of the file as written.
	WhatIfError string `json:"whatIfError,omitempty"`
	// Quick says the answer was asked with quick=1 or picture=1: the
	// report has no deal search and there is no comparison yet; with
	// quick=1 it has no Graph section either.
	Quick bool `json:"quick,omitempty"`
	// Sections holds the hash of each of the report's sections by ID,
	// for the page to send back in [ShownHeader]; Report leaves out, as
	// empty sections marked unchanged, those the page said it shows.
	Sections map[string]string `json:"sections,omitempty"`
}

// evaluate parses text as the file and answers it as the page shows it:
// the problems of the text, or the report of the scenario (the what-if,
// with toggles) and the comparison with the file as written. The report
// leaves out the sections that shown (hashes by section ID, from
// [ShownHeader]) says the page already shows as they are. It stops when
// ctx ends, returning ctx's error, also while it makes the what-if.
func (s *Server) evaluate(ctx context.Context, text []byte, t toggles, shown map[string]string) (result, error) {
	res := result{Problems: []problem{}, Applied: []string{}}
	base, err := s.opts.Parse(s.file, text)
	if err != nil {
		res.Problems = problems(err)
		res.Offered = offered{Actors: []toggle{}, Guarantees: []toggle{}, Positions: []toggle{}, Vetoes: []toggle{}}
		return res, nil
	}
	res.Offered = offer(base)
	sc := base
	if !t.none() {
		edits, err := t.edits(ctx, base)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return res, ctxErr
		}
		if err == nil {
			sc, err = base.With(edits...)
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return res, ctxErr
		}
		if err != nil {
			res.WhatIfError = safe.Terminal(err.Error())
			sc = base
		} else {
			applied := make([]string, 0, len(edits))
			for _, e := range edits {
				applied = append(applied, e.String())
				res.Applied = append(res.Applied, safe.Terminal(e.String()))
			}
			sc.Name = strings.TrimSpace(sc.Name + " (" + strings.Join(applied, ", ") + ")")
		}
	}
	m, err := s.answer(ctx, base, sc, t.stage, len(res.Applied) > 0)
	if err != nil {
		return res, err
	}
	res.Name, res.Verdict, res.Quick = safe.Terminal(m.name), m.verdict, t.stage != inFull
	res.Report, res.Sections = m.report.leaveOut(shown), m.report.hashes
	res.Comparison = m.comparison
	return res, nil
}

// made is what the server made of a scenario: the verdict, the report and
// the comparison with the file as written, all of which follow from the
// scenarios (Evaluate, Build and Scenarios give the same for the same).
type made struct {
	base, sc      scenario.Scenario
	compared      bool
	name, verdict string
	report        cutReport
	comparison    string
}

// answer returns what the server makes of sc, the what-if of base (or base
// itself), to the given stage, with the comparison when compared. It makes
// it again only when the last one made at that stage was of other
// scenarios: a keystroke in a comment, or the full answer asked again,
// costs a comparison of the scenarios rather than an evaluation.
func (s *Server) answer(ctx context.Context, base, sc scenario.Scenario, st stage, compared bool) (*made, error) {
	s.mu.Lock()
	last := s.made[st]
	s.mu.Unlock()
	if last != nil && last.compared == compared && reflect.DeepEqual(last.base, base) && reflect.DeepEqual(last.sc, sc) {
		return last, nil
	}
	r, err := scenario.Evaluate(sc)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := &made{base: base, sc: sc, compared: compared, name: r.Scenario, verdict: r.Verdict.String()}
	// The page of entente check --format html, built by the same call,
	// without the sweep (see the package documentation); the findings
	// alone are that page without its picture, which Build would draw,
	// and so without its Graph section.
	var p htmlreport.Page
	if st == findingsOnly {
		p, err = findingsPage(sc, r)
	} else {
		p, err = htmlreport.Build(ctx, sc, r, htmlreport.BuildOptions{Timeout: s.search, Quick: st != inFull})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	var frag bytes.Buffer
	if err := s.fragment[st].WriteFragment(&frag, p); err != nil {
		return nil, err
	}
	m.report = cut(frag.String())
	if st == findingsOnly {
		m.report = m.report.without("graph")
	}
	if compared && st == inFull {
		c, err := compare.Scenarios(ctx, base, sc)
		if err != nil {
			return nil, err
		}
		var text bytes.Buffer
		if err := compare.WriteText(&text, c); err != nil {
			return nil, err
		}
		m.comparison = text.String()
	}
	// An answer is kept only when it is whole: a request that ended (a
	// newer keystroke) may have cut the comparison short without an
	// error, and a search or a bargaining that stopped before it finished
	// (on the clock, or at a limit) is made again rather than kept.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if (p.Search == nil || p.Search.Complete) && (p.Bargaining == nil || p.Bargaining.Failure == "") {
		s.mu.Lock()
		s.made[st] = m
		s.mu.Unlock()
	}
	return m, nil
}

// findingsPage is the page [htmlreport.Build] builds for sc, whose
// evaluation is r, without the picture: the findings and the walk.
func findingsPage(sc scenario.Scenario, r scenario.Report) (htmlreport.Page, error) {
	p := htmlreport.Page{Scenario: sc, Report: r}
	if len(sc.Timeline) > 0 {
		sim, err := walk.Simulate(sc)
		if err != nil {
			return htmlreport.Page{}, err
		}
		p.Simulation = &sim
	}
	return p, nil
}
