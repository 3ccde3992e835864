package graph_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/walk"
)

// TestLapses checks that a guarantee whose mandate lapses is drawn dotted,
// marked ⌛, with the lapse in its tooltip, in every format, and that one
// with no mandate is not.
func TestLapses(t *testing.T) {
	council := actor.Actor{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority,
		Members: []actor.ID{"US", "RU", "CN"}, Vetoes: []actor.ID{"US", "RU", "CN"}}
	s := scenario.Scenario{
		Name:   "lapses",
		Actors: []actor.Actor{{ID: "US"}, {ID: "RU"}, {ID: "CN"}, {ID: "GE"}, {ID: "UK"}, council},
		Guarantees: []guarantee.Guarantee{
			{ID: "mission", Provider: "UK", Beneficiary: "GE", Kind: guarantee.Surveillance,
				Trigger: guarantee.MustParseCondition("any(peace-deal, attack(RU, GE))"),
				Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 6}}},
			{ID: "aid", Provider: "US", Beneficiary: "GE", Kind: guarantee.Aid},
		},
		Timeline: []guarantee.Event{
			{Name: "peace-deal", Date: "2008-01-01"},
			{Name: "attack", Args: []actor.ID{"RU", "GE"}, Date: "2008-08-08"},
			{Name: "ceasefire", Date: "2009-06-15"},
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := walk.Simulate(s)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New(s, r, graph.Options{})
	if e := edgeOf(t, g, "mission"); !e.Lapses() || !strings.Contains(e.Lapse, "captured-renewal") {
		t.Errorf("before the walk, the mission's lapse comes from its captured-renewal finding; got %q", e.Lapse)
	}
	g.MarkWalk(sim)
	mission, aid := edgeOf(t, g, "mission"), edgeOf(t, g, "aid")
	if want := "lapsed on 2009-01-01: UNSC did not renew it"; !strings.HasPrefix(mission.Lapse, want) {
		t.Errorf("after the walk, the mission's lapse = %q; want it to start %q", mission.Lapse, want)
	}
	if aid.Lapses() || strings.Contains(aid.Label(), "⌛") {
		t.Errorf("aid has no mandate, yet lapses: %q, %q", aid.Lapse, aid.Label())
	}
	if !strings.HasPrefix(mission.Label(), "⚠ ⌛ ") {
		t.Errorf("the mission's label = %q; want ⚠ then ⌛ before its kind", mission.Label())
	}
	var dot, svg, mermaid bytes.Buffer
	if err := g.WriteDOT(&dot); err != nil {
		t.Fatal(err)
	}
	if err := g.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	if err := g.WriteMermaid(&mermaid); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		format, text, want string
	}{
		{"DOT", dot.String(), "style=dotted"},
		{"DOT", dot.String(), "lapsed on 2009-01-01"},
		{"DOT", dot.String(), "mandate: renewed by UNSC every 6 months"},
		{"SVG", svg.String(), `stroke-dasharray="2 3"`},
		{"SVG", svg.String(), "lapsed on 2009-01-01"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s lacks %q", c.format, c.want)
		}
	}
	if strings.Count(dot.String(), "style=dotted") != 1 {
		t.Errorf("DOT: only the mission is dotted:\n%s", dot.String())
	}
	if !strings.Contains(mermaid.String(), "⌛") {
		t.Errorf("Mermaid lacks the ⌛ mark:\n%s", mermaid.String())
	}
}

func edgeOf(t *testing.T, g graph.Graph, id guarantee.ID) graph.Edge {
	t.Helper()
	for _, e := range g.Edges {
		if e.Kind == graph.GuaranteeEdge && e.Guarantee.ID == id {
			return e
		}
	}
	t.Fatalf("no edge for %s", id)
	return graph.Edge{}
}
