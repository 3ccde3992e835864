package graph_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/google/go-cmp/cmp"
)

func nodeIDs(g graph.Graph) []actor.ID {
	var ids []actor.ID
	for _, n := range g.Nodes {
		ids = append(ids, n.Actor.ID)
	}
	return ids
}

func guaranteeIDs(g graph.Graph) []guarantee.ID {
	var ids []guarantee.ID
	for _, e := range g.Edges {
		if e.Kind == graph.GuaranteeEdge {
			ids = append(ids, e.Guarantee.ID)
		}
	}
	return ids
}

func TestFilters(t *testing.T) {
	cases := []struct {
		reason     string
		file       string
		opts       graph.Options
		guarantees []guarantee.ID
		nodes      []actor.ID
	}{
		{
			reason:     "the zero Options keeps every guarantee and every actor",
			file:       "seed",
			guarantees: []guarantee.ID{"us-air-support", "us-intelligence", "european-force", "turkey-black-sea", "willing-financial", "willing-sanctions"},
			nodes:      []actor.ID{"US", "UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "NATO", "EU", "europe", "willing"},
		},
		{
			reason:     "an actor keeps what it provides; NATO, which it belongs to, provides nothing",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"US"}},
			guarantees: []guarantee.ID{"us-air-support", "us-intelligence"},
			nodes:      []actor.ID{"US", "UA", "RU"},
		},
		{
			reason:     "a member of the coalitions that provide keeps their guarantees, drawn with all their members",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"FR"}},
			guarantees: []guarantee.ID{"european-force", "willing-financial", "willing-sanctions"},
			nodes:      []actor.ID{"UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "europe", "willing"},
		},
		{
			reason:     "a target keeps what is aimed at it, and not what has no target",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"RU"}},
			guarantees: []guarantee.ID{"us-air-support", "european-force", "turkey-black-sea", "willing-sanctions"},
			nodes:      []actor.ID{"US", "UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "europe", "willing"},
		},
		{
			reason:     "a beneficiary keeps what it receives",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"UA"}},
			guarantees: []guarantee.ID{"us-air-support", "us-intelligence", "european-force", "turkey-black-sea", "willing-financial", "willing-sanctions"},
			nodes:      []actor.ID{"US", "UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "europe", "willing"},
		},
		{
			reason: "a body keeps nothing its members provide on their own; the actor asked for is still drawn",
			file:   "seed",
			opts:   graph.Options{Actors: []actor.ID{"NATO"}},
			nodes:  []actor.ID{"NATO"},
		},
		{
			reason: "an actor the scenario does not have matches nothing",
			file:   "seed",
			opts:   graph.Options{Actors: []actor.ID{"USA"}},
		},
		{
			reason:     "several actors keep what involves any of them",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"US", "TR"}},
			guarantees: []guarantee.ID{"us-air-support", "us-intelligence", "turkey-black-sea", "willing-financial", "willing-sanctions"},
			nodes:      []actor.ID{"US", "UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "willing"},
		},
		{
			reason:     "a kind keeps the kinds below it",
			file:       "seed",
			opts:       graph.Options{Kinds: []guarantee.Kind{"military"}},
			guarantees: []guarantee.ID{"us-air-support", "european-force", "turkey-black-sea"},
			nodes:      []actor.ID{"US", "UA", "RU", "TR", "UK", "FR", "DE", "IT", "FI", "europe"},
		},
		{
			reason:     "a kind below keeps only itself",
			file:       "seed",
			opts:       graph.Options{Kinds: []guarantee.Kind{guarantee.Naval}},
			guarantees: []guarantee.ID{"turkey-black-sea"},
			nodes:      []actor.ID{"UA", "RU", "TR"},
		},
		{
			reason: "a prefix that is not a whole segment keeps nothing",
			file:   "seed",
			opts:   graph.Options{Kinds: []guarantee.Kind{"mil"}},
		},
		{
			reason:     "several kinds keep any of them",
			file:       "seed",
			opts:       graph.Options{Kinds: []guarantee.Kind{guarantee.Financial, guarantee.Intelligence}},
			guarantees: []guarantee.ID{"us-intelligence", "willing-financial"},
			nodes:      []actor.ID{"US", "UA", "TR", "UK", "FR", "DE", "IT", "FI", "willing"},
		},
		{
			reason: "actors and kinds must both match",
			file:   "seed",
			opts:   graph.Options{Actors: []actor.ID{"US"}, Kinds: []guarantee.Kind{guarantee.Financial}},
			nodes:  []actor.ID{"US"},
		},
		{
			reason:     "actors and kinds both matching",
			file:       "seed",
			opts:       graph.Options{Actors: []actor.ID{"US"}, Kinds: []guarantee.Kind{guarantee.Intelligence}},
			guarantees: []guarantee.ID{"us-intelligence"},
			nodes:      []actor.ID{"US", "UA"},
		},
		{
			reason:     "a member at depth two of the provider (A-1 in inner in outer) keeps its guarantee",
			file:       trickyFile,
			opts:       graph.Options{Actors: []actor.ID{"A-1"}},
			guarantees: []guarantee.ID{"g-inner", "g-outer"},
			nodes:      []actor.ID{"end", "subgraph", "class", "A-1", "X", "inner", "outer"},
		},
		{
			reason:     "a body member of the provider keeps its guarantee, but not the body it belongs to in turn",
			file:       trickyFile,
			opts:       graph.Options{Actors: []actor.ID{"inner"}},
			guarantees: []guarantee.ID{"g-inner", "g-outer"},
			nodes:      []actor.ID{"end", "subgraph", "class", "A-1", "X", "inner", "outer"},
		},
		{
			reason:     "a member of a body named only in an activation keeps nothing through it",
			file:       trickyFile,
			opts:       graph.Options{Actors: []actor.ID{"council"}},
			guarantees: nil,
			nodes:      []actor.ID{"council"},
		},
	}
	for _, tc := range cases {
		s, r := load(t, tc.file)
		g := graph.New(s, r, tc.opts)
		got := struct {
			Guarantees []guarantee.ID
			Nodes      []actor.ID
		}{guaranteeIDs(g), nodeIDs(g)}
		want := got
		want.Guarantees, want.Nodes = tc.guarantees, tc.nodes
		// Nodes come in scenario order.
		order := map[actor.ID]int{}
		for i, a := range s.Actors {
			order[a.ID] = i
		}
		slices.SortFunc(want.Nodes, func(a, b actor.ID) int { return order[a] - order[b] })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s\n%v: (-want +got):\n%s", tc.reason, tc.opts, diff)
		}
		if !tc.opts.IsZero() && g.Options.String() == "" {
			t.Errorf("%v: Options.String is empty", tc.opts)
		}
	}
}

// TestMarks checks that the elements drawn to stand out are exactly those
// an error finding names, on every scenario drawn here and a synthetic
// one, whole and filtered.
func TestMarks(t *testing.T) {
	type sc struct {
		name string
		s    scenario.Scenario
		r    scenario.Report
	}
	var all []sc
	for _, file := range []string{"seed", budapestFile, article5File, trickyFile} {
		s, r := load(t, file)
		all = append(all, sc{file, s, r})
	}
	s := synth.Generate(synth.Config{Guarantees: 200, Seed: 3})
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, sc{"synth", s, r})
	for _, c := range all {
		errActors, errGuarantees := map[actor.ID]bool{}, map[guarantee.ID]bool{}
		for _, f := range c.r.Findings {
			if f.Severity == scenario.Error {
				for _, a := range f.Actors {
					errActors[a] = true
				}
				for _, id := range f.Guarantees {
					errGuarantees[id] = true
				}
			}
		}
		for _, opts := range []graph.Options{{}, {Kinds: []guarantee.Kind{guarantee.Military}}, {Actors: []actor.ID{c.s.Actors[0].ID}}} {
			g := graph.New(c.s, c.r, opts)
			for _, n := range g.Nodes {
				if n.HasError() != errActors[n.Actor.ID] {
					t.Errorf("%s %v: node %s marked %v, want %v", c.name, opts, n.Actor.ID, n.HasError(), errActors[n.Actor.ID])
				}
				if strings.HasPrefix(n.Label(), "⚠ ") != n.HasError() {
					t.Errorf("%s: node %s label %q: ⚠ does not match the mark", c.name, n.Actor.ID, n.Label())
				}
				for _, k := range n.Errors {
					if f := g.Findings[k]; f.Severity != scenario.Error || !slices.Contains(f.Actors, n.Actor.ID) {
						t.Errorf("%s: node %s points at finding %v", c.name, n.Actor.ID, f)
					}
				}
			}
			for _, e := range g.Edges {
				want := e.Kind == graph.GuaranteeEdge && errGuarantees[e.Guarantee.ID]
				if e.HasError() != want {
					t.Errorf("%s %v: edge %s marked %v, want %v", c.name, opts, e.Guarantee.ID, e.HasError(), want)
				}
				if strings.HasPrefix(e.Label(), "⚠ ") != want {
					t.Errorf("%s: edge %s label %q: ⚠ does not match the mark", c.name, e.Guarantee.ID, e.Label())
				}
			}
			for _, f := range g.Findings {
				if f.Severity != scenario.Error {
					t.Errorf("%s: Findings holds %v", c.name, f)
				}
			}
		}
	}
}

// TestWarningsDoNotMark checks the tricky scenario's elements one by one:
// those only warnings name are drawn like any other.
func TestWarningsDoNotMark(t *testing.T) {
	s, r := load(t, trickyFile)
	for _, want := range []scenario.Code{scenario.DissentingMember, scenario.UnsatisfiableTrigger, scenario.CapturedGuarantee, scenario.RedLine} {
		if !r.Has(want) {
			t.Fatalf("the tricky scenario lost its %s finding, which this test relies on", want)
		}
	}
	g := graph.New(s, r, graph.Options{})
	marked := map[string]bool{}
	for _, n := range g.Nodes {
		marked[string(n.Actor.ID)] = n.HasError()
	}
	for _, e := range g.Edges {
		if e.Kind == graph.GuaranteeEdge {
			marked[string(e.Guarantee.ID)] = e.HasError()
		}
	}
	want := map[string]bool{
		"X": true, "g-end": true, "g-outer": true, // captured-guarantee, red-line
		"node": false, "other": false, "g-other": false, // dissenting-member, a warning
		"subgraph": false, // no-military-response, a warning
		"g-warn":   false, // unsatisfiable-trigger, a warning
	}
	for id, w := range want {
		if marked[id] != w {
			t.Errorf("%s marked %v, want %v", id, marked[id], w)
		}
	}
	var dot bytes.Buffer
	if err := g.WriteDOT(&dot); err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(dot.String(), "\n") {
		if strings.Contains(line, `"node" [`) && strings.Contains(line, "penwidth") {
			t.Errorf("node, named only by warnings, is drawn thick: %s", line)
		}
	}
}

// TestMembership checks the rule for clusters on the tricky scenario:
// inner nests in outer; other and council overlap them and are drawn as
// dashed edges.
func TestMembership(t *testing.T) {
	s, r := load(t, trickyFile)
	g := graph.New(s, r, graph.Options{})
	type cluster struct {
		Body    actor.ID
		Parent  actor.ID
		Members []actor.ID
	}
	var got []cluster
	for ci, c := range g.Clusters {
		cl := cluster{Body: g.Nodes[c.Body].Actor.ID}
		if c.Parent >= 0 {
			cl.Parent = g.Nodes[g.Clusters[c.Parent].Body].Actor.ID
		}
		for _, n := range g.Nodes {
			if n.Cluster == ci {
				cl.Members = append(cl.Members, n.Actor.ID)
			}
		}
		got = append(got, cl)
	}
	want := []cluster{
		{Body: "inner", Parent: "outer", Members: []actor.ID{"end", "A-1", "inner"}},
		{Body: "outer", Members: []actor.ID{"class", "outer"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
	var members []string
	for _, e := range g.Edges {
		if e.Kind == graph.MemberEdge {
			members = append(members, string(g.Nodes[e.From].Actor.ID)+" in "+string(g.Nodes[e.To].Actor.ID))
		}
	}
	wantMembers := []string{"node in other", "end in other", "A-1 in council", "class in council", "node in council", "X in council"}
	if diff := cmp.Diff(wantMembers, members); diff != "" {
		t.Errorf("membership edges (-want +got):\n%s", diff)
	}
	// Every membership is shown once: by a cluster around the member, or
	// by an edge.
	inside := func(n, body int) bool {
		for c := g.Nodes[n].Cluster; c >= 0; c = g.Clusters[c].Parent {
			if g.Clusters[c].Body == body && c != g.Nodes[n].Cluster || g.Clusters[c].Body == body && n != body {
				return true
			}
		}
		return false
	}
	pos := map[actor.ID]int{}
	for i, n := range g.Nodes {
		pos[n.Actor.ID] = i
	}
	for bi, b := range g.Nodes {
		for _, m := range b.Actor.Members {
			mi := pos[m]
			edge := slices.ContainsFunc(g.Edges, func(e graph.Edge) bool { return e.Kind == graph.MemberEdge && e.From == mi && e.To == bi })
			if in := inside(mi, bi); in == edge {
				t.Errorf("%s in %s: inside its box %v, dashed edge %v; want exactly one", m, b.Actor.ID, in, edge)
			}
		}
	}
}

func TestVetoMarks(t *testing.T) {
	s, r := load(t, trickyFile)
	g := graph.New(s, r, graph.Options{})
	type veto struct {
		Vetoes  []actor.ID
		Granted int
		Label   string
	}
	got := map[actor.ID]veto{}
	for _, n := range g.Nodes {
		if n.HoldsVeto() {
			lines := strings.Split(n.Label(), "\n")
			got[n.Actor.ID] = veto{n.Vetoes, len(n.Granted), lines[len(lines)-1]}
		}
	}
	want := map[actor.ID]veto{
		"end":   {[]actor.ID{"inner"}, 0, "veto: inner"},
		"class": {[]actor.ID{"outer"}, 0, "veto: outer"},
		"A-1":   {[]actor.ID{"inner", "outer"}, 0, "veto: inner, outer"},
		"X":     {[]actor.ID{"council"}, 1, "veto: council, deal"},
		"inner": {[]actor.ID{"outer"}, 0, "veto: outer"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("veto holders (-want +got):\n%s", diff)
	}
}

// TestDeterministic checks that the same scenario gives the same bytes,
// every time, in every format.
func TestDeterministic(t *testing.T) {
	s := synth.Generate(synth.Config{Guarantees: 1000, Seed: 1})
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range formats {
		a := render(t, graph.New(s, r, graph.Options{}), f.write)
		b := render(t, graph.New(s, r, graph.Options{}), f.write)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", f.ext)
		}
	}
	g := graph.New(s, r, graph.Options{})
	dot := render(t, g, graph.Graph.WriteDOT)
	if err := checkDOT(dot); err != nil {
		t.Errorf("synthetic DOT: %v", err)
	}
	if err := checkMermaid(render(t, g, graph.Graph.WriteMermaid)); err != nil {
		t.Errorf("synthetic Mermaid: %v", err)
	}
	if err := checkSVG(render(t, g, graph.Graph.WriteSVG)); err != nil {
		t.Errorf("synthetic SVG: %v", err)
	}
}

// TestSVGIDsDiffer checks that two pictures on one page do not share
// the ids their aria-labelledby names.
func TestSVGIDsDiffer(t *testing.T) {
	s, r := load(t, "seed")
	a := render(t, graph.New(s, r, graph.Options{}), graph.Graph.WriteSVG)
	b := render(t, graph.New(s, r, graph.Options{Actors: []actor.ID{"US"}}), graph.Graph.WriteSVG)
	id := func(svg []byte) string {
		_, rest, _ := bytes.Cut(svg, []byte(`<title id="`))
		v, _, _ := bytes.Cut(rest, []byte(`"`))
		return string(v)
	}
	if id(a) == "" || id(a) == id(b) {
		t.Errorf("title ids %q and %q: want different, non-empty", id(a), id(b))
	}
}

func TestMalformed(t *testing.T) {
	s, r := load(t, trickyFile)
	cases := []struct {
		reason string
		change func(*graph.Graph)
	}{
		{"an edge from a node out of range", func(g *graph.Graph) { g.Edges[0].From = len(g.Nodes) }},
		{"an edge to a negative node", func(g *graph.Graph) { g.Edges[0].To = -1 }},
		{"a node in a cluster out of range", func(g *graph.Graph) { g.Nodes[0].Cluster = len(g.Clusters) }},
		{"a cluster whose body is out of range", func(g *graph.Graph) { g.Clusters[0].Body = -5 }},
		{"clusters nesting in a loop", func(g *graph.Graph) { g.Clusters[1].Parent = 0 }},
		{"a finding out of range", func(g *graph.Graph) { g.Nodes[0].Errors = []int{99} }},
		{"an edge of no kind", func(g *graph.Graph) { g.Edges[0].Kind = 7 }},
		{"a cluster whose body is drawn elsewhere", func(g *graph.Graph) { g.Clusters[0].Body = 1 }},
	}
	for _, tc := range cases {
		g := graph.New(s, r, graph.Options{})
		tc.change(&g)
		for _, f := range formats {
			var buf bytes.Buffer
			if err := f.write(g, &buf); !errors.Is(err, graph.ErrMalformed) || buf.Len() > 0 {
				t.Errorf("%s: %s gave %v and %d bytes, want ErrMalformed and nothing", tc.reason, f.ext, err, buf.Len())
			}
		}
	}
}

// TestInvalidScenario checks that New draws what it can of a scenario
// that does not validate, without panicking.
func TestInvalidScenario(t *testing.T) {
	s := scenario.Scenario{
		Actors: []actor.Actor{
			{ID: "A", Kind: actor.Alliance, Members: []actor.ID{"B", "ghost", "A"}},
			{ID: "B", Kind: actor.Alliance, Members: []actor.ID{"A", "C"}},
			{ID: "C"},
			{ID: "C", Name: "a second C"},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "ok", Provider: "A", Beneficiary: "C", Kind: guarantee.Military},
			{ID: "no-provider", Provider: "nobody", Beneficiary: "C", Kind: guarantee.Military},
		},
	}
	for _, opts := range []graph.Options{{}, {Actors: []actor.ID{"C"}}} {
		g := graph.New(s, scenario.Report{}, opts)
		if got := guaranteeIDs(g); !slices.Equal(got, []guarantee.ID{"ok"}) {
			t.Errorf("%v: guarantees %v, want [ok]", opts, got)
		}
		for _, f := range formats {
			render(t, g, f.write)
		}
	}
}

func TestOptionsCheck(t *testing.T) {
	s, _ := load(t, "seed")
	cases := []struct {
		reason string
		opts   graph.Options
		want   []string // in the error's message
		is     error
	}{
		{"the zero Options is sound", graph.Options{}, nil, nil},
		{"known actors and kinds are sound, even a kind nothing has", graph.Options{Actors: []actor.ID{"US", "NATO"}, Kinds: []guarantee.Kind{"military", "space"}}, nil, nil},
		{"an unknown actor, with the closest known one", graph.Options{Actors: []actor.ID{"USA"}}, []string{`unknown actor "USA"; did you mean "US"?`}, graph.ErrUnknownActor},
		{"an unknown actor far from any", graph.Options{Actors: []actor.ID{"Atlantis"}}, []string{`unknown actor "Atlantis"`}, graph.ErrUnknownActor},
		{"a malformed kind", graph.Options{Kinds: []guarantee.Kind{"Military"}}, []string{`"Military"`}, guarantee.ErrInvalidKind},
	}
	for _, tc := range cases {
		err := tc.opts.Check(s)
		if tc.is == nil {
			if err != nil {
				t.Errorf("%s: got %v, want nil", tc.reason, err)
			}
			continue
		}
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: got %v, want one wrapping %v", tc.reason, err, tc.is)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", tc.reason, err, w)
			}
		}
	}
}

func TestOptionsString(t *testing.T) {
	cases := []struct {
		opts graph.Options
		want string
	}{
		{graph.Options{}, ""},
		{graph.Options{Actors: []actor.ID{"US"}}, "guarantees involving US"},
		{graph.Options{Kinds: []guarantee.Kind{"military", "financial"}}, "guarantees of kind military or financial"},
		{graph.Options{Actors: []actor.ID{"US", "UK"}, Kinds: []guarantee.Kind{"military"}}, "guarantees involving US or UK, of kind military"},
	}
	for _, tc := range cases {
		if got := tc.opts.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.opts, got, tc.want)
		}
	}
}

func TestEdgeKind(t *testing.T) {
	for k, want := range map[graph.EdgeKind]string{graph.GuaranteeEdge: "guarantee", graph.MemberEdge: "member"} {
		got, err := k.MarshalText()
		if err != nil || string(got) != want || k.String() != want {
			t.Errorf("%d: MarshalText %q, %v; String %q; want %q", k, got, err, k.String(), want)
		}
	}
	if _, err := graph.EdgeKind(9).MarshalText(); err == nil {
		t.Error("EdgeKind(9).MarshalText: no error")
	}
	if got := graph.EdgeKind(9).String(); got != "EdgeKind(9)" {
		t.Errorf("EdgeKind(9).String() = %q", got)
	}
}

// TestLabels checks the text markers, which carry every mark without
// colour.
func TestLabels(t *testing.T) {
	s, r := load(t, "seed")
	g := graph.New(s, r, graph.Options{})
	got := map[actor.ID]string{}
	for _, n := range g.Nodes {
		got[n.Actor.ID] = n.Label()
	}
	for id, want := range map[actor.ID]string{
		"UA":     "⚠ UA\nUkraine",
		"FR":     "FR\nFrance\nveto: NATO, EU",
		"europe": "europe\nEuropean-led force\ncoalition, separately",
		"NATO":   "NATO\nNorth Atlantic Treaty\nOrganization\nalliance, unanimity",
	} {
		if got[id] != want {
			t.Errorf("label of %s = %q, want %q", id, got[id], want)
		}
	}
	if got, want := g.Edges[0].Label(), "⚠ military/air-support\nassurance, against RU"; got != want {
		t.Errorf("label of %s = %q, want %q", g.Edges[0].Guarantee.ID, got, want)
	}
}
