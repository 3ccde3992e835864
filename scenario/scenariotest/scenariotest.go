package scenariotest

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// A Case is a what-if under test: a base scenario, the edits that make the
// what-if, and what the test expects of it. Build one with [WhatIf], add
// expectations with its methods, and run it with [Case.Check] or
// [Case.Problems].
//
// A Case computes what its expectations need (the edited scenario, its
// report, search, simulation and comparison with the base) once, on first
// use, and keeps it. It is not safe for concurrent use, and neither the
// base nor the edits may change while it is in use.
type Case struct {
	base   scenario.Scenario
	edits  []scenario.Edit
	expect []expectation

	// Computed on first use.
	s      result[scenario.Scenario]
	report result[scenario.Report]
	search result[deals.Result]
	sim    result[walk.Simulation]
	cmp    result[compare.Comparison]
}

// expectation checks one expectation. It returns "" when the expectation
// holds, else what went wrong; an error means the case could not be run.
type expectation func(c *Case) (string, error)

// result is something a Case computes once.
type result[T any] struct {
	done bool
	v    T
	err  error
}

func (r *result[T]) get(f func() (T, error)) (T, error) {
	if !r.done {
		r.v, r.err = f()
		r.done = true
	}
	return r.v, r.err
}

// WhatIf returns a case for base with the edits applied in order, as
// [scenario.Scenario.With] applies them. With no edits, the case is base
// as written.
func WhatIf(base scenario.Scenario, edits ...scenario.Edit) *Case {
	return &Case{base: base, edits: slices.Clone(edits)}
}

// String returns the what-if as one line: its edits joined with "; ", or
// "as written" when there are none. Every problem starts with it.
func (c *Case) String() string {
	if len(c.edits) == 0 {
		return "as written"
	}
	out := make([]string, len(c.edits))
	for i, e := range c.edits {
		out[i] = editString(e)
	}
	return strings.Join(out, "; ")
}

func editString(e scenario.Edit) string {
	if e == nil {
		return "nil edit"
	}
	return e.String()
}

func (c *Case) add(e expectation) *Case {
	c.expect = append(c.expect, e)
	return c
}

// Verdict expects the what-if's verdict to be v. When it is not, the
// problem lists the codes of the error findings, which decide the verdict.
func (c *Case) Verdict(v scenario.Verdict) *Case {
	return c.add(func(c *Case) (string, error) {
		r, err := c.evaluate()
		if err != nil || r.Verdict == v {
			return "", err
		}
		got := r.Verdict.String()
		var errs []string
		for _, f := range r.Findings {
			if f.Severity == scenario.Error && !slices.Contains(errs, string(f.Code)) {
				errs = append(errs, string(f.Code))
			}
		}
		if len(errs) > 0 {
			got += " (" + strings.Join(errs, ", ") + ")"
		}
		return "want verdict " + v.String() + "; got " + got, nil
	})
}

// Finding expects a finding with the code that involves every one of the
// guarantees (any finding with the code, when none is given).
func (c *Case) Finding(code scenario.Code, guarantees ...guarantee.ID) *Case {
	return c.add(func(c *Case) (string, error) {
		r, err := c.evaluate()
		if err != nil {
			return "", err
		}
		var same []scenario.Finding
		for f := range r.Only(code) {
			if involves(f, guarantees) {
				return "", nil
			}
			same = append(same, f)
		}
		want := "want " + string(code) + on(guarantees)
		if len(same) == 0 {
			return want + "; got none", nil
		}
		got := make([]string, len(same))
		for i, f := range same {
			got[i] = "on no guarantee"
			if len(f.Guarantees) > 0 {
				got[i] = "on " + and(f.Guarantees) + " only"
			}
		}
		return want + "; got it " + strings.Join(got, ", and "), nil
	})
}

// NoFinding expects no finding with the code that involves every one of
// the guarantees (no finding with the code at all, when none is given).
// When there is one, the problem quotes its message.
func (c *Case) NoFinding(code scenario.Code, guarantees ...guarantee.ID) *Case {
	return c.add(func(c *Case) (string, error) {
		r, err := c.evaluate()
		if err != nil {
			return "", err
		}
		var got []string
		for f := range r.Only(code) {
			if involves(f, guarantees) {
				got = append(got, f.Message)
			}
		}
		want := "want no " + string(code) + on(guarantees)
		switch len(got) {
		case 0:
			return "", nil
		case 1:
			return want + "; got one: " + got[0], nil
		}
		return want + "; got " + strconv.Itoa(len(got)) + ":\n\t" + strings.Join(got, "\n\t"), nil
	})
}

// Findings expects the what-if's findings to have exactly these codes, each
// as many times as it is given, in any order. When they do not, the
// problem is "findings (-want +got):" and a [cmp.Diff] of the count of
// each code, with its non-breaking spaces made plain (see the package
// documentation).
func (c *Case) Findings(codes ...scenario.Code) *Case {
	return c.add(func(c *Case) (string, error) {
		r, err := c.evaluate()
		if err != nil {
			return "", err
		}
		want, got := map[scenario.Code]int{}, map[scenario.Code]int{}
		for _, code := range codes {
			want[code]++
		}
		for _, f := range r.Findings {
			got[f.Code]++
		}
		d := cmp.Diff(want, got)
		if d == "" {
			return "", nil
		}
		// go-cmp writes U+00A0 for some spaces, at random from one
		// process to the next, so that nobody relies on its output.
		d = strings.ReplaceAll(d, "\u00a0", " ")
		return "findings (-want +got):\n" + strings.TrimSuffix(d, "\n"), nil
	})
}

// Feasible expects a deal to be possible (want true) or not (want false):
// that some non-empty package of the what-if's guarantees is feasible, as
// [deals.Search] finds.
func (c *Case) Feasible(want bool) *Case {
	return c.add(func(c *Case) (string, error) {
		sr, err := c.searchResult()
		if err != nil || sr.Feasible == want {
			return "", err
		}
		if want {
			return "want a feasible deal; got none", nil
		}
		return "want no feasible deal; got " + set(largest(sr)), nil
	})
}

// Deal expects the largest feasible package of the what-if, the deal the
// search finds, to hold exactly these guarantees. Deal with no guarantees
// expects no deal at all.
func (c *Case) Deal(ids ...guarantee.ID) *Case {
	return c.add(func(c *Case) (string, error) {
		sr, err := c.searchResult()
		if err != nil {
			return "", err
		}
		want := slices.Clone(ids)
		slices.Sort(want)
		want = slices.Compact(want)
		got := largest(sr)
		if slices.Equal(want, got) {
			return "", nil
		}
		switch {
		case len(want) == 0:
			return "want no deal; got " + set(got), nil
		case len(got) == 0:
			return "want the deal " + set(want) + "; got no deal", nil
		}
		msg := "want the deal " + set(want) + "; got " + set(got) + ":"
		if extra := minus(got, want); len(extra) > 0 {
			msg += " it also holds " + and(extra)
			if len(minus(want, got)) > 0 {
				msg += " and"
			}
		}
		if missing := minus(want, got); len(missing) > 0 {
			msg += " it lacks " + and(missing)
		}
		return msg, nil
	})
}

// Relation expects the what-if's feasible packages to relate to the base's
// as r: [compare.MorePermissive] when the what-if admits every package the
// base admits, and more. When they do not, the problem names a package on
// each side that the other rules out, as [compare.Scenarios] finds them.
func (c *Case) Relation(r compare.Relation) *Case {
	return c.add(func(c *Case) (string, error) {
		cm, err := c.comparison()
		if err != nil || cm.Space.Relation == r {
			return "", err
		}
		msg := "want feasible packages " + relation(r) + " the base's; got " + cm.Space.Relation.String()
		var ex []string
		if e := cm.Space.BaseExample; e != nil {
			ex = append(ex, "the base admits "+set(e.Guarantees)+" and the what-if does not")
		}
		if e := cm.Space.OtherExample; e != nil {
			ex = append(ex, "the what-if admits "+set(e.Guarantees)+" and the base does not")
		}
		if len(ex) > 0 {
			msg += ": " + strings.Join(ex, "; ")
		}
		return msg, nil
	})
}

// Status expects what [walk.Simulate] says becomes of the guarantee g
// when it falls due, at the event or before it, on the timeline. The event
// is written as in a timeline ("attack(RU, UA)"), and names its first
// occurrence there. When g fell due more than once by then, the last time
// counts; when it has not fallen due by then, that is the problem.
func (c *Case) Status(event string, g guarantee.ID, want walk.Status) *Case {
	return c.add(func(c *Case) (string, error) {
		sim, err := c.simulation()
		if err != nil {
			return "", err
		}
		at, ok := stepOf(sim, event)
		if !ok {
			return "at " + event + " want " + string(g) + " " + want.String() + "; " + noEvent(c, event), nil
		}
		event = sim.Steps[at].Event.String()
		s, _ := c.whatIf()
		if !slices.ContainsFunc(s.Guarantees, func(x guarantee.Guarantee) bool { return x.ID == g }) {
			return "at " + event + " want " + string(g) + " " + want.String() + "; there is no guarantee " + string(g), nil
		}
		var due *walk.Call
		dueAt := -1
		for i, st := range sim.Steps[:at+1] {
			for j := range st.Due {
				if st.Due[j].Guarantee == g {
					due, dueAt = &st.Due[j], i
				}
			}
		}
		if due == nil {
			msg := "by " + event + " want " + string(g) + " " + want.String() + "; "
			for _, st := range sim.Steps[at+1:] {
				if slices.ContainsFunc(st.Due, func(o walk.Call) bool { return o.Guarantee == g }) {
					return msg + "it does not fall due until " + st.Event.String(), nil
				}
			}
			return msg + "it never falls due", nil
		}
		if due.Status == want {
			return "", nil
		}
		msg := "at " + event + " want " + string(g) + " " + want.String() + "; got " + due.Status.String()
		if dueAt != at {
			msg = "by " + event + " want " + string(g) + " " + want.String() + "; got " + due.Status.String() + " at " + sim.Steps[dueAt].Event.String()
		}
		if len(due.Blocks) > 0 {
			why := make([]string, len(due.Blocks))
			for i, b := range due.Blocks {
				why[i] = b.Message
			}
			msg += " (" + strings.Join(why, "; ") + ")"
		}
		return msg, nil
	})
}

// Receives expects that after the event the beneficiary receives exactly
// guarantees of these kinds, as [walk.Simulate] finds: every kind of
// the guarantees to it that are due and have activated, and no other.
// Kinds match exactly ("military" is not "military/air-support"); with no
// kinds the beneficiary is to receive nothing.
func (c *Case) Receives(event string, beneficiary actor.ID, kinds ...guarantee.Kind) *Case {
	return c.add(func(c *Case) (string, error) {
		sim, err := c.simulation()
		if err != nil {
			return "", err
		}
		want := slices.Clone(kinds)
		slices.Sort(want)
		want = slices.Compact(want)
		wantText := "nothing"
		if len(want) > 0 {
			wantText = strings.Join(toStrings(want), ", ")
		}
		at, ok := stepOf(sim, event)
		if !ok {
			return "after " + event + " want " + string(beneficiary) + " to receive " + wantText + "; " + noEvent(c, event), nil
		}
		var got []guarantee.Kind
		var gotText []string
		for _, r := range sim.Steps[at].Receives {
			if r.Beneficiary == beneficiary {
				got = append(got, r.Kind)
				gotText = append(gotText, string(r.Kind)+" ("+strings.Join(toStrings(r.Guarantees), ", ")+")")
			}
		}
		if slices.Equal(want, got) {
			return "", nil
		}
		if len(gotText) == 0 {
			gotText = []string{"nothing"}
		}
		return "after " + sim.Steps[at].Event.String() + " want " + string(beneficiary) + " to receive " + wantText +
			"; got " + strings.Join(gotText, ", "), nil
	})
}

// Problems runs the case and returns one message for each expectation that
// fails, in the order the expectations were added, each starting with the
// what-if ([Case.String]). It returns nil when every expectation holds.
//
// An edit that cannot be applied is the only problem. An error in the
// what-if's evaluation, search, simulation or comparison (an invalid
// scenario, say) is one problem, and the expectations after it are not
// checked.
func (c *Case) Problems() []string {
	var out []string
	if _, err := c.whatIf(); err != nil {
		var ee *scenario.EditError
		if errors.As(err, &ee) {
			n := strconv.Itoa(ee.Index + 1)
			if c.edits[ee.Index] == nil {
				return []string{c.String() + ": edit " + n + " is nil"}
			}
			return []string{c.String() + ": cannot apply edit " + n + " (" + ee.Edit + "): " + ee.Err.Error()}
		}
		return []string{c.String() + ": " + err.Error()}
	}
	for _, e := range c.expect {
		msg, err := e(c)
		if err != nil {
			return append(out, c.String()+": "+err.Error())
		}
		if msg != "" {
			out = append(out, c.String()+": "+msg)
		}
	}
	return out
}

// Check runs the case and reports each of its [Case.Problems] with t.Error.
func (c *Case) Check(t testing.TB) {
	t.Helper()
	for _, p := range c.Problems() {
		t.Error(p)
	}
}

// The computations, each once.

func (c *Case) whatIf() (scenario.Scenario, error) {
	return c.s.get(func() (scenario.Scenario, error) { return c.base.With(c.edits...) })
}

func (c *Case) evaluate() (scenario.Report, error) {
	return c.report.get(func() (scenario.Report, error) {
		s, _ := c.whatIf()
		r, err := scenario.Evaluate(s)
		return r, failed("evaluate", err)
	})
}

func (c *Case) searchResult() (deals.Result, error) {
	return c.search.get(func() (deals.Result, error) {
		s, _ := c.whatIf()
		sr, err := deals.Search(context.Background(), s, deals.Options{})
		return sr, failed("search", err)
	})
}

func (c *Case) simulation() (walk.Simulation, error) {
	return c.sim.get(func() (walk.Simulation, error) {
		s, _ := c.whatIf()
		sim, err := walk.Simulate(s)
		return sim, failed("simulate", err)
	})
}

func (c *Case) comparison() (compare.Comparison, error) {
	return c.cmp.get(func() (compare.Comparison, error) {
		s, _ := c.whatIf()
		cm, err := compare.Scenarios(context.Background(), c.base, s)
		return cm, failed("compare with the base", err)
	})
}

// failed says which step failed, and that an invalid scenario is one.
func failed(step string, err error) error {
	var es scenario.Errors
	switch {
	case err == nil:
		return nil
	case errors.As(err, &es) && step != "compare with the base":
		return errors.New("invalid scenario: " + err.Error())
	}
	return errors.New(step + ": " + err.Error())
}

// Helpers for messages.

// stepOf returns the index of the step of the event, written as in a
// timeline ("attack(RU, UA)"; spaces do not matter).
func stepOf(sim walk.Simulation, event string) (int, bool) {
	if e, err := guarantee.ParseEvent(event); err == nil {
		event = e.String()
	}
	i := slices.IndexFunc(sim.Steps, func(st walk.Step) bool { return st.Event.String() == event })
	return i, i >= 0
}

func noEvent(c *Case, event string) string {
	s, _ := c.whatIf()
	if len(s.Timeline) == 0 {
		return "the timeline has no event " + event + ": it is empty"
	}
	have := make([]string, len(s.Timeline))
	for i, e := range s.Timeline {
		have[i] = e.String()
	}
	return "the timeline has no event " + event + ": it has " + strings.Join(have, ", ")
}

// involves reports whether f involves every one of the guarantees.
func involves(f scenario.Finding, guarantees []guarantee.ID) bool {
	for _, g := range guarantees {
		if !slices.Contains(f.Guarantees, g) {
			return false
		}
	}
	return true
}

// largest returns the guarantees of the search's largest package, sorted,
// or nil when no non-empty package is feasible.
func largest(sr deals.Result) []guarantee.ID {
	if !sr.Feasible || len(sr.Maximal) == 0 {
		return nil
	}
	return sr.Maximal[0].Guarantees
}

// relation returns the relation with its preposition: "equivalent to".
func relation(r compare.Relation) string {
	switch r {
	case compare.Equivalent:
		return "equivalent to"
	case compare.Incomparable:
		return "incomparable with"
	}
	return r.String() + " than"
}

// on returns " on a, b and c", or "" for no guarantees.
func on(ids []guarantee.ID) string {
	if len(ids) == 0 {
		return ""
	}
	return " on " + and(ids)
}

// and returns "a", "a and b", "a, b and c".
func and[T ~string](list []T) string {
	s := toStrings(list)
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// set returns "{a, b, c}".
func set(ids []guarantee.ID) string { return "{" + strings.Join(toStrings(ids), ", ") + "}" }

// minus returns the elements of a not in b.
func minus(a, b []guarantee.ID) []guarantee.ID {
	var out []guarantee.ID
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func toStrings[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}
