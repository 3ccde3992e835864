package graph_test

import (
	"fmt"
	"os"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
)

// tiny is a framework small enough to read whole: a coalition of two
// offers air support that the aggressor rejects.
func tiny() scenario.Scenario {
	return scenario.Scenario{
		Name: "A tiny framework",
		Actors: []actor.Actor{
			{ID: "US", Name: "United States"},
			{ID: "UK", Name: "United Kingdom"},
			{ID: "UA", Name: "Ukraine"},
			{ID: "RU", Name: "Russia"},
			{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"US", "UK"}},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "air", Provider: "willing", Beneficiary: "UA", Kind: guarantee.AirSupport, Target: "RU"},
			{ID: "aid", Provider: "UK", Beneficiary: "UA", Kind: guarantee.Aid, Strength: guarantee.Treaty},
		},
		Positions: []scenario.Position{
			{Actor: "RU", Stance: scenario.Rejects, Select: guarantee.Selector{Kind: guarantee.Military}},
		},
	}
}

// The Mermaid of a tiny framework: the coalition drawn around its
// members, the guarantee Russia rejects thick and marked "⚠", and a
// legend.
func Example() {
	s := tiny()
	r, err := scenario.Evaluate(s)
	if err != nil {
		panic(err)
	}
	if err := graph.New(s, r, graph.Options{}).WriteMermaid(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// ---
	// title: "A tiny framework"
	// ---
	// flowchart LR
	//     %% 5 actors, 2 guarantees, 2 elements named by error findings
	//     n2("UA<br>Ukraine")
	//     n3("⚠ RU<br>Russia")
	//     subgraph c0["members of willing"]
	//         n4{{"willing<br>coalition, separately"}}
	//         n0("US<br>United States")
	//         n1("UK<br>United Kingdom")
	//     end
	//     %% air
	//     n4 ==>|"⚠ military/air-support<br>political, against RU"| n2
	//     %% aid
	//     n1 -->|"financial/aid<br>treaty"| n2
	//     subgraph L["Legend"]
	//         subgraph L9["members of X"]
	//             L0{{"X<br>body: alliance,<br>organization, coalition"}}
	//             L8("state<br>(member of X)")
	//         end
	//         L1("⚠ ID<br>named by an<br>error finding")
	//         L2("ID<br>veto: X, deal<br>can block body X, or<br>holds a veto the deal grants")
	//         L3("member of X<br>drawn elsewhere")
	//         L4("provider")
	//         L5("beneficiary")
	//         L6("provider")
	//         L7("beneficiary")
	//         L3 -.->|"member of"| L0
	//         L4 -->|"guarantee: kind<br>strength, against target"| L5
	//         L6 ==>|"⚠ guarantee named<br>by an error finding"| L7
	//     end
	//     style L fill:#ffffff,stroke:#8a96a3
	//     style L9 fill:#f4f6f9,stroke:#8a96a3
	//     classDef body fill:#e8eef8
	//     classDef veto fill:#fff4d6,stroke-width:2px
	//     classDef error stroke:#c62828,stroke-width:4px
	//     class n4,L0 body
	//     class L2 veto
	//     class n3,L1 error
	//     style c0 fill:#f4f6f9,stroke:#8a96a3
	//     linkStyle 0,4 stroke:#c62828,stroke-width:3px,color:#b71c1c
}

// The model New builds, filtered to what the UK is involved in: the
// coalition it belongs to and the aid it gives itself.
func ExampleNew() {
	s := tiny()
	r, err := scenario.Evaluate(s)
	if err != nil {
		panic(err)
	}
	g := graph.New(s, r, graph.Options{Actors: []actor.ID{"UK"}})
	for _, c := range g.Clusters {
		fmt.Printf("cluster around %s\n", g.Nodes[c.Body].Actor.ID)
	}
	for _, n := range g.Nodes {
		fmt.Printf("node %s (cluster %d, error %v): %q\n", n.Actor.ID, n.Cluster, n.HasError(), n.Label())
	}
	for _, e := range g.Edges {
		fmt.Printf("%s %s -> %s (error %v): %q\n", e.Kind, g.Nodes[e.From].Actor.ID, g.Nodes[e.To].Actor.ID, e.HasError(), e.Label())
	}
	// Output:
	// cluster around willing
	// node US (cluster 0, error false): "US\nUnited States"
	// node UK (cluster 0, error false): "UK\nUnited Kingdom"
	// node UA (cluster -1, error false): "UA\nUkraine"
	// node RU (cluster -1, error true): "⚠ RU\nRussia"
	// node willing (cluster 0, error false): "willing\ncoalition, separately"
	// guarantee willing -> UA (error true): "⚠ military/air-support\npolitical, against RU"
	// guarantee UK -> UA (error false): "financial/aid\ntreaty"
}
