package scenariofile_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

func ExampleParse() {
	const file = `entente: 1
name: Budapest Memorandum, 1994
actors:
  - {id: UA, name: Ukraine}
  - {id: US, name: United States}
  - {id: RU, name: Russia}
guarantees:
  - id: us-assurance
    provider: US
    beneficiary: UA
    kind: diplomatic
    strength: assurance
    trigger: attack(RU, UA)
`
	s, err := scenariofile.Parse("budapest.yaml", []byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	g := s.Guarantees[0]
	fmt.Println(s.Name)
	fmt.Printf("%s: from %s to %s, %s, %s, due on %s\n", g.ID, g.Provider, g.Beneficiary, g.Kind, g.Strength, g.Trigger)
	// Output:
	// Budapest Memorandum, 1994
	// us-assurance: from US to UA, diplomatic, assurance, due on attack(RU, UA)
}

// Every problem in a file is reported at once, each as
// file:line:column: path: message, the form editors turn into links.
func ExampleParse_errors() {
	const file = `entente: 1
actors:
  - {id: US, name: United States}
  - {id: UA, name: Ukraine}
guarantees:
  - id: air-support
    provider: USA
    beneficiary: UA
    kind: military/air-support
    triger: attack(RU, UA)
`
	_, err := scenariofile.Parse("ukraine.yaml", []byte(file))
	fmt.Println(err)
	fmt.Println("unknown actor:", errors.Is(err, actor.ErrUnknownActor))
	fmt.Println("unknown key:", errors.Is(err, scenariofile.ErrUnknownKey))
	// Output:
	// ukraine.yaml:7:15: guarantees[0].provider: unknown actor "USA"; did you mean "US"?
	// ukraine.yaml:10:5: guarantees[0].triger: unknown key "triger"; did you mean "trigger"?
	// unknown actor: true
	// unknown key: true
}

// An Errors holds each problem as an *Error, with its place in the file
// and in the scenario.
func ExampleErrors() {
	_, err := scenariofile.Parse("ukraine.json", []byte(`{"entente": 1, "name": ["Ukraine"]}`))
	if es, ok := errors.AsType[scenariofile.Errors](err); ok {
		for _, e := range es {
			fmt.Printf("line %d, column %d, field %q: %v\n", e.Line, e.Column, e.Path, e.Err)
		}
	}
	// Output:
	// line 1, column 24, field "name": wrong type: want text, found a list
}

func ExampleMarshal() {
	s := scenario.Scenario{
		Name: "Article 5",
		Actors: []actor.Actor{
			{ID: "US", Name: "United States"},
			{ID: "UK", Name: "United Kingdom"},
			{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK"}, Decides: actor.Unanimity},
		},
		Guarantees: []guarantee.Guarantee{{
			ID:          "article-5",
			Provider:    "NATO",
			Beneficiary: "UK",
			Kind:        "military",
			Strength:    guarantee.Treaty,
			Trigger:     guarantee.MustParseCondition("armed-attack(UK)"),
		}},
	}
	for _, e := range []scenariofile.Encoding{scenariofile.YAML, scenariofile.JSON} {
		b, err := scenariofile.Marshal(s, e)
		if err != nil {
			fmt.Println(err)
			return
		}
		os.Stdout.Write(b)
	}
	// Output:
	// entente: 1
	// name: Article 5
	// actors:
	//   - {id: US, name: United States}
	//   - {id: UK, name: United Kingdom}
	//   - id: NATO
	//     kind: alliance
	//     members: [US, UK]
	//     decides: unanimity
	// guarantees:
	//   - id: article-5
	//     provider: NATO
	//     beneficiary: UK
	//     kind: military
	//     strength: treaty
	//     trigger: armed-attack(UK)
	// {
	//   "entente": 1,
	//   "name": "Article 5",
	//   "actors": [
	//     {
	//       "id": "US",
	//       "name": "United States"
	//     },
	//     {
	//       "id": "UK",
	//       "name": "United Kingdom"
	//     },
	//     {
	//       "id": "NATO",
	//       "kind": "alliance",
	//       "members": [
	//         "US",
	//         "UK"
	//       ],
	//       "decides": "unanimity"
	//     }
	//   ],
	//   "guarantees": [
	//     {
	//       "id": "article-5",
	//       "provider": "NATO",
	//       "beneficiary": "UK",
	//       "kind": "military",
	//       "strength": "treaty",
	//       "trigger": "armed-attack(UK)"
	//     }
	//   ]
	// }
}

// Format puts a file in canonical form: keys in their order, defaults
// left out, short entries on one line, comments kept with their fields.
func ExampleFormat() {
	const file = `# Ukraine, August 2025.
entente: 1
guarantees:
  - beneficiary: UA
    id: air-support    # could include US pilots
    provider: US
    kind: military/air-support
    strength: political
name: Ukraine security guarantees
actors:
  - id: US
    kind: state        # the default
    name: United States
  - {name: Ukraine, id: UA}
`
	out, err := scenariofile.Format("ukraine.yaml", []byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(out)
	// Output:
	// # Ukraine, August 2025.
	// entente: 1
	// name: Ukraine security guarantees
	// actors:
	//   - id: US
	//     # the default
	//     name: United States
	//   - {id: UA, name: Ukraine}
	// guarantees:
	//   - id: air-support # could include US pilots
	//     provider: US
	//     beneficiary: UA
	//     kind: military/air-support
}
