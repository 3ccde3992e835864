// Package testkit holds what the tests of several packages share: a small
// builder for the scenarios the tests write, the helpers that compare
// findings, a generator of random valid scenarios and a brute-force
// reference for the search, judged by Evaluate alone. Only tests import it.
package testkit

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// This file holds a tiny builder for the small scenarios the tests write,
// and the helpers that compare findings.
//
// A scenario starts with the states every case may use; a case adds the
// bodies, guarantees, positions, granted vetoes and timeline it needs:
//
//	Build(
//		Actors(Alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
//		Guarantees(G("g", "guarantors", "UA", guarantee.AirSupport, "attack(RU, UA)")),
//	)

// BaseStates are the states every built scenario has.
var BaseStates = []actor.ID{"US", "UK", "FR", "DE", "PL", "FI", "UA", "RU", "BY", "CN", "TR", "GE", "DZ"}

// Part changes a scenario under construction.
type Part func(*scenario.Scenario)

// Build returns a scenario with the base states and the given parts.
func Build(parts ...Part) scenario.Scenario {
	s := scenario.Scenario{Name: "test"}
	for _, id := range BaseStates {
		s.Actors = append(s.Actors, actor.Actor{ID: id})
	}
	for _, p := range parts {
		p(&s)
	}
	return s
}

func Actors(as ...actor.Actor) Part {
	return func(s *scenario.Scenario) { s.Actors = append(s.Actors, as...) }
}

func Guarantees(gs ...guarantee.Guarantee) Part {
	return func(s *scenario.Scenario) { s.Guarantees = append(s.Guarantees, gs...) }
}

func Positions(ps ...scenario.Position) Part {
	return func(s *scenario.Scenario) { s.Positions = append(s.Positions, ps...) }
}

func Vetoes(vs ...scenario.Veto) Part {
	return func(s *scenario.Scenario) { s.Vetoes = append(s.Vetoes, vs...) }
}

// Timeline adds events written as in scenario files, optionally dated:
// "attack(RU, UA)", "2009-06-15 renewal".
func Timeline(events ...string) Part {
	return func(s *scenario.Scenario) {
		for _, e := range events {
			ev, err := guarantee.ParseDatedEvent(e)
			if err != nil {
				panic(err)
			}
			s.Timeline = append(s.Timeline, ev)
		}
	}
}

// Body returns a body of the given kind and rule with the given members.
func Body(id actor.ID, kind actor.Kind, rule actor.Decision, members ...actor.ID) actor.Actor {
	return actor.Actor{ID: id, Kind: kind, Decides: rule, Members: members}
}

func Alliance(id actor.ID, rule actor.Decision, members ...actor.ID) actor.Actor {
	return Body(id, actor.Alliance, rule, members...)
}

// Coalition returns a coalition with its default rule: members act
// separately.
func Coalition(id actor.ID, members ...actor.ID) actor.Actor {
	return Body(id, actor.Coalition, actor.Default, members...)
}

// WithVetoes returns a with the explicit veto holders vs.
func WithVetoes(a actor.Actor, vs ...actor.ID) actor.Actor {
	a.Vetoes = vs
	return a
}

// Unsc returns a Security Council-like body: majority, with the five
// permanent members as explicit veto holders and DZ as an elected member.
func Unsc() actor.Actor {
	return WithVetoes(Body("UNSC", actor.Organization, actor.Majority, "US", "UK", "FR", "RU", "CN", "DZ"),
		"US", "UK", "FR", "RU", "CN")
}

// Gopt changes a guarantee under construction.
type Gopt func(*guarantee.Guarantee)

// G returns a guarantee with the given trigger, written as in scenario
// files ("" is the empty trigger), and options.
func G(id guarantee.ID, provider, beneficiary actor.ID, kind guarantee.Kind, trigger string, opts ...Gopt) guarantee.Guarantee {
	gg := guarantee.Guarantee{ID: id, Provider: provider, Beneficiary: beneficiary, Kind: kind, Trigger: guarantee.MustParseCondition(trigger)}
	for _, o := range opts {
		o(&gg)
	}
	return gg
}

// Activation sets the activation, written as in scenario files:
// "automatic", "consent(RU)", "body(UNSC)".
func Activation(s string) Gopt {
	a, err := guarantee.ParseActivation(s)
	if err != nil {
		panic(err)
	}
	return func(gg *guarantee.Guarantee) { gg.Activation = a }
}

func Strength(s guarantee.Strength) Gopt { return func(gg *guarantee.Guarantee) { gg.Strength = s } }

func Requires(ids ...guarantee.ID) Gopt {
	return func(gg *guarantee.Guarantee) { gg.Requires = ids }
}

func Target(id actor.ID) Gopt { return func(gg *guarantee.Guarantee) { gg.Target = id } }

func Location(l string) Gopt { return func(gg *guarantee.Guarantee) { gg.Location = l } }

func Gsources(srcs ...string) Gopt { return func(gg *guarantee.Guarantee) { gg.Sources = srcs } }

// Pos returns a position without an ID.
func Pos(a actor.ID, st scenario.Stance, sel guarantee.Selector) scenario.Position {
	return scenario.Position{Actor: a, Stance: st, Select: sel}
}

// Named returns p with the ID id.
func Named(id string, p scenario.Position) scenario.Position {
	p.ID = id
	return p
}

// RejectsVeto returns the position "a rejects-veto by [by...] sel".
func RejectsVeto(a actor.ID, by []actor.ID, sel guarantee.Selector) scenario.Position {
	p := Pos(a, scenario.RejectsVeto, sel)
	p.By = by
	return p
}

// Grant returns the granted veto "holder over sel".
func Grant(holder actor.ID, sel guarantee.Selector) scenario.Veto {
	return scenario.Veto{Holder: holder, Over: sel}
}

// Sel is short for the selector type, which cases write often.
type Sel = guarantee.Selector

// ToUA selects every guarantee to UA.
var ToUA = guarantee.Selector{Beneficiary: "UA"}

// Ids helps write lists of actor IDs.
func Ids(s ...actor.ID) []actor.ID { return s }

// Gids helps write lists of guarantee IDs.
func Gids(s ...guarantee.ID) []guarantee.ID { return s }

// Refs helps write lists of position references.
func Refs(s ...string) []string { return s }

// Finding returns a finding without message and sources, for comparison
// under ignoreText.
func Finding(c scenario.Code, sev scenario.Severity, actors []actor.ID, gs []guarantee.ID, ps []string) scenario.Finding {
	return scenario.Finding{Code: c, Severity: sev, Actors: actors, Guarantees: gs, Positions: ps}
}

// IgnoreText compares findings by code, severity, actors, guarantees and
// positions; nil and empty lists are equal.
var IgnoreText = cmp.Options{
	cmpopts.IgnoreFields(scenario.Finding{}, "Message", "Sources"),
	cmpopts.EquateEmpty(),
}

// Only returns the findings of r with code c, in report order.
func Only(r scenario.Report, c scenario.Code) []scenario.Finding {
	return slices.Collect(r.Only(c))
}

// Evaluate evaluates s, failing the test on an error, and checks the
// report-level invariants every report must keep.
func Evaluate(t *testing.T, s scenario.Scenario) scenario.Report {
	t.Helper()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatalf("Evaluate(...): unexpected error: %v", err)
	}
	CheckInvariants(t, r)
	return r
}

// CheckInvariants checks what docs/MODEL.md and FORMAT.md promise of every
// report: the verdict is compatible exactly when no finding is an error;
// each finding's severity is its code's; actors and guarantees are sorted
// and without duplicates; findings are ordered by severity, then code,
// then first guarantee, then first actor.
func CheckInvariants(t *testing.T, r scenario.Report) {
	t.Helper()
	errs := 0
	for _, f := range r.Findings {
		if f.Severity == scenario.Error {
			errs++
		}
		if want, ok := DesignSeverity[f.Code]; !ok {
			t.Errorf("finding %v: code not in docs/MODEL.md's table", f)
		} else if f.Severity != want {
			t.Errorf("finding %v: severity %v, docs/MODEL.md says %v", f, f.Severity, want)
		}
		if !slices.IsSorted(f.Actors) || len(slices.Compact(slices.Clone(f.Actors))) != len(f.Actors) {
			t.Errorf("finding %v: actors %q not sorted and unique", f, f.Actors)
		}
		if !slices.IsSorted(f.Guarantees) || len(slices.Compact(slices.Clone(f.Guarantees))) != len(f.Guarantees) {
			t.Errorf("finding %v: guarantees %q not sorted and unique", f, f.Guarantees)
		}
		if f.Message == "" {
			t.Errorf("finding %v: empty message", f)
		}
	}
	wantVerdict := scenario.Compatible
	if errs > 0 {
		wantVerdict = scenario.Incompatible
	}
	if r.Verdict != wantVerdict {
		t.Errorf("verdict %v with %d error findings; want %v", r.Verdict, errs, wantVerdict)
	}
	if !slices.IsSortedFunc(r.Findings, ReportOrder) {
		t.Errorf("findings not ordered by severity, code, first guarantee, first actor:\n%s", ListFindings(r.Findings))
	}
}

// DesignSeverity is the table of finding codes in docs/MODEL.md.
var DesignSeverity = map[scenario.Code]scenario.Severity{
	"veto-conflict":         scenario.Error,
	"captured-guarantee":    scenario.Error,
	"red-line":              scenario.Error,
	"blocked-by-member":     scenario.Error,
	"unmet-requirement":     scenario.Error,
	"unmet-veto-demand":     scenario.Error,
	"rejected-veto":         scenario.Error,
	"missing-dependency":    scenario.Error,
	"blocked-dependency":    scenario.Warning,
	"dissenting-member":     scenario.Warning,
	"no-military-response":  scenario.Warning,
	"insider-veto":          scenario.Warning,
	"unsatisfiable-trigger": scenario.Warning,
	"idle-position":         scenario.Warning,
	"assurance-only":        scenario.Info,
	"captured-renewal":      scenario.Error,
	"blocked-renewal":       scenario.Error,
	"sunset":                scenario.Info,
	"parties-set-aside":     scenario.Info,
}

// SeverityRank orders severities from the most serious, as reports do.
var SeverityRank = map[scenario.Severity]int{scenario.Error: 0, scenario.Warning: 1, scenario.Info: 2}

// ReportOrder is the order of findings FORMAT.md states: severity, then
// code (as a string), then first guarantee, then first actor. Findings
// equal in all four may come in either order.
func ReportOrder(a, b scenario.Finding) int {
	if d := SeverityRank[a.Severity] - SeverityRank[b.Severity]; d != 0 {
		return d
	}
	if d := strings.Compare(string(a.Code), string(b.Code)); d != 0 {
		return d
	}
	if d := strings.Compare(string(FirstOf(a.Guarantees)), string(FirstOf(b.Guarantees))); d != 0 {
		return d
	}
	return strings.Compare(string(FirstOf(a.Actors)), string(FirstOf(b.Actors)))
}

func FirstOf[T ~string](s []T) T {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// ListFindings writes findings one a line, for failure messages.
func ListFindings(fs []scenario.Finding) string {
	var out []byte
	for _, f := range fs {
		out = append(out, f.String()...)
		out = append(out, '\n')
	}
	return string(out)
}

// FindingCase is one case of a table of findings of one code.
type FindingCase struct {
	Name   string
	Reason string
	S      scenario.Scenario
	Want   []scenario.Finding // the findings of the code, in report order
}

// RunFindingCases evaluates each case's scenario and compares its
// findings of code c, without message and sources, with the case's.
func RunFindingCases(t *testing.T, c scenario.Code, cases []FindingCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			r := Evaluate(t, tc.S)
			if diff := cmp.Diff(tc.Want, Only(r, c), IgnoreText); diff != "" {
				t.Errorf("%s\nEvaluate(...) %s findings: -want +got:\n%s\nall findings:\n%s", tc.Reason, c, diff, ListFindings(r.Findings))
			}
		})
	}
}

// CloneScenario returns a deep copy of s: no slice of the copy shares
// memory with s.
func CloneScenario(s scenario.Scenario) scenario.Scenario {
	c := s
	c.Sources = slices.Clone(s.Sources)
	c.Actors = slices.Clone(s.Actors)
	for i := range c.Actors {
		a := &c.Actors[i]
		a.Members = slices.Clone(a.Members)
		a.Vetoes = slices.Clone(a.Vetoes)
		a.Sources = slices.Clone(a.Sources)
	}
	c.Guarantees = slices.Clone(s.Guarantees)
	for i := range c.Guarantees {
		gg := &c.Guarantees[i]
		gg.Trigger = CloneCondition(gg.Trigger)
		gg.Activation.Actors = slices.Clone(gg.Activation.Actors)
		gg.Requires = slices.Clone(gg.Requires)
		gg.Sources = slices.Clone(gg.Sources)
	}
	c.Positions = slices.Clone(s.Positions)
	for i := range c.Positions {
		p := &c.Positions[i]
		p.Select.IDs = slices.Clone(p.Select.IDs)
		p.By = slices.Clone(p.By)
		p.Sources = slices.Clone(p.Sources)
	}
	c.Vetoes = slices.Clone(s.Vetoes)
	for i := range c.Vetoes {
		v := &c.Vetoes[i]
		v.Over.IDs = slices.Clone(v.Over.IDs)
		v.Sources = slices.Clone(v.Sources)
	}
	c.Timeline = slices.Clone(s.Timeline)
	for i := range c.Timeline {
		c.Timeline[i].Args = slices.Clone(c.Timeline[i].Args)
	}
	return c
}

func CloneCondition(c guarantee.Condition) guarantee.Condition {
	c.Event.Args = slices.Clone(c.Event.Args)
	if c.Sub != nil {
		sub := make([]guarantee.Condition, len(c.Sub))
		for i, s := range c.Sub {
			sub[i] = CloneCondition(s)
		}
		c.Sub = sub
	}
	return c
}

// MapEvents returns a copy of c with each event e replaced by f(e), in
// the order they are written. The copy shares the events' Args with c: f
// returns a new event rather than change e.Args in place.
func MapEvents(c guarantee.Condition, f func(guarantee.Event) guarantee.Event) guarantee.Condition {
	if c.Op == guarantee.OnEvent {
		c.Event = f(c.Event)
	}
	if len(c.Sub) > 0 {
		sub := make([]guarantee.Condition, len(c.Sub))
		for i := range c.Sub {
			sub[i] = MapEvents(c.Sub[i], f)
		}
		c.Sub = sub
	}
	return c
}

// StripAside returns s with every parties-aside flag cleared: the scenario
// as a reader that predates the rule would take it.
func StripAside(s scenario.Scenario) scenario.Scenario {
	s.Actors = slices.Clone(s.Actors)
	for i := range s.Actors {
		s.Actors[i].PartiesAside = false
	}
	s.Guarantees = slices.Clone(s.Guarantees)
	for i := range s.Guarantees {
		s.Guarantees[i].Activation.PartiesAside = false
	}
	return s
}

func HasAside(s scenario.Scenario) bool {
	return slices.ContainsFunc(s.Actors, func(a actor.Actor) bool { return a.PartiesAside }) ||
		slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.Activation.PartiesAside })
}

// ScenarioFiles returns the scenario files of the repository under
// testdata/ and examples/ that load, with each of their variants.
func ScenarioFiles(t *testing.T) map[string]scenario.Scenario {
	t.Helper()
	out := map[string]scenario.Scenario{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz") {
			return filepath.SkipDir
		}
		ext := filepath.Ext(path)
		if d.IsDir() || ext != ".yaml" && ext != ".json" {
			return nil
		}
		slash := filepath.ToSlash(path)
		if !strings.Contains(slash, "/testdata/") && !strings.HasPrefix(slash, "../examples/") {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 1<<20 {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s, err := scenariofile.Parse(slash, data)
		if err != nil {
			return nil // files of mistakes, schemas, reports
		}
		out[slash] = s
		for _, v := range s.Variants {
			if vs, err := s.Variant(v.Name); err == nil {
				out[slash+" (variant "+v.Name+")"] = vs
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("found only %d scenarios under testdata/ and examples/", len(out))
	}
	return out
}

// Clingo returns the path of clingo, skipping tb where it is not
// installed, except in CI, which installs it (Debian's gringo package):
// there a missing clingo is a failure.
func Clingo(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("clingo")
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("clingo is not installed; .ci/run installs Debian's gringo package, which carries it")
		}
		tb.Skip("clingo is not installed (apt-get install gringo)")
	}
	return path
}

// RunClingo runs clingo with args and returns what it printed. Its exit
// codes for a search that found a model (10), found none (20) or went
// through every model or proved an optimum (30) are answers, not
// failures; any other fails tb.
func RunClingo(tb testing.TB, clingo string, args ...string) []byte {
	tb.Helper()
	out, err := exec.Command(clingo, args...).Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || !slices.Contains([]int{10, 20, 30}, ee.ExitCode())) {
		tb.Fatalf("clingo %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// ASP returns the program deals.WriteASP writes for s.
func ASP(tb testing.TB, s scenario.Scenario) string {
	tb.Helper()
	var b strings.Builder
	if err := deals.WriteASP(&b, s); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}
