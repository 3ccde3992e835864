package graph_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
)

// TestAgainstAnyone checks that a guarantee answering an attack by anyone
// is labelled "against anyone", in every format, and that one with a
// named attacker or a target is not.
func TestAgainstAnyone(t *testing.T) {
	s := examples.Aegean1996()
	s.Guarantees[1].Trigger = guarantee.Attack("GR", "TR") // a named attacker
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New(s, r, graph.Options{})
	labels := map[guarantee.ID]string{}
	for _, e := range g.Edges {
		if e.Kind == graph.GuaranteeEdge {
			labels[e.Guarantee.ID] = e.Label()
		}
	}
	if got := labels["article-5-greece"]; got != "military\ntreaty, against anyone" {
		t.Errorf("article-5-greece is labelled %q, want military, treaty, against anyone", got)
	}
	if got := labels["article-5-turkey"]; strings.Contains(got, "anyone") {
		t.Errorf("article-5-turkey, answering GR by name, is labelled %q", got)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"DOT":     func(b *bytes.Buffer) error { return g.WriteDOT(b) },
		"Mermaid": func(b *bytes.Buffer) error { return g.WriteMermaid(b) },
		"SVG":     func(b *bytes.Buffer) error { return g.WriteSVG(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "against anyone") {
			t.Errorf("%s does not label the edge against anyone", name)
		}
	}
	// A trigger that an attack by anyone ends answers no attacker.
	ended := examples.Aegean1996()
	ended.Guarantees[0].Trigger = guarantee.AllOf(guarantee.On(guarantee.EventPeaceDeal), guarantee.NotOf(guarantee.AttackOn("GR")))
	for _, e := range graph.New(ended, r, graph.Options{}).Edges {
		if e.Kind == graph.GuaranteeEdge && e.Guarantee.ID == "article-5-greece" && strings.Contains(e.Label(), "anyone") {
			t.Errorf("a guarantee that an attack by anyone ends is labelled %q", e.Label())
		}
	}
	// A target says who the guarantee is against, and stays.
	s.Guarantees[0].Target = "TR"
	g = graph.New(s, r, graph.Options{})
	for _, e := range g.Edges {
		if e.Kind == graph.GuaranteeEdge && e.Guarantee.ID == "article-5-greece" && !strings.HasSuffix(e.Label(), "against TR") {
			t.Errorf("with a target, article-5-greece is labelled %q, want against TR", e.Label())
		}
	}
}
