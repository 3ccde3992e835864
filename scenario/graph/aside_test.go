package graph_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
)

// TestPartiesAsideLabels checks that a body whose rule sets the parties
// aside says so wherever its rule is drawn, that an activation that does
// says so in its tooltip, and that a body without the rule does not.
func TestPartiesAsideLabels(t *testing.T) {
	s := scenario.Scenario{
		Name: "locarno",
		Actors: []actor.Actor{
			{ID: "UK"}, {ID: "FR"}, {ID: "DE"}, {ID: "IT"}, {ID: "BE"},
			{ID: "council", Kind: actor.Organization, Members: []actor.ID{"UK", "FR", "DE", "IT", "BE"}, PartiesAside: true},
			{ID: "plain", Kind: actor.Organization, Members: []actor.ID{"UK", "FR", "DE"}},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "uk-fr", Provider: "UK", Beneficiary: "FR", Kind: guarantee.Military, Target: "DE",
				Trigger: guarantee.Attack("DE", "FR"), Activation: guarantee.Activation{Mode: guarantee.ByBody, Actors: []actor.ID{"plain"}, PartiesAside: true}},
		},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New(s, r, graph.Options{})
	labels := map[actor.ID]string{}
	for _, n := range g.Nodes {
		labels[n.Actor.ID] = n.Label()
	}
	if want := "organization, unanimity, parties aside"; !strings.Contains(labels["council"], want) {
		t.Errorf("label of council = %q; want it to say %q", labels["council"], want)
	}
	if strings.Contains(labels["plain"], "parties aside") {
		t.Errorf("label of plain = %q; it does not set the parties aside", labels["plain"])
	}
	var dot, mermaid bytes.Buffer
	if err := g.WriteDOT(&dot); err != nil {
		t.Fatal(err)
	}
	if err := g.WriteMermaid(&mermaid); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"DOT": dot.String(), "Mermaid": mermaid.String()} {
		if !strings.Contains(out, "unanimity, parties aside") {
			t.Errorf("%s does not show the council's rule with the parties aside:\n%s", name, out)
		}
	}
	if !strings.Contains(dot.String(), "activation: body(plain), parties aside") {
		t.Errorf("DOT does not show the activation's parties aside in its tooltip:\n%s", dot.String())
	}
}
