package scenario_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Under the 1994 Budapest Memorandum the United States undertook to seek
// Security Council action if Ukraine became the victim of aggression. Routed
// through a council where the aggressor holds a veto, that assurance can
// never fire against it.
func ExampleEvaluate() {
	s := scenario.Scenario{
		Name: "Budapest Memorandum, 1994",
		Actors: []actor.Actor{
			{ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "RU"}, {ID: "CN"}, {ID: "UA"},
			{ID: "UNSC", Kind: actor.Organization, Members: []actor.ID{"US", "UK", "FR", "RU", "CN"},
				Decides: actor.Majority, Vetoes: []actor.ID{"US", "UK", "FR", "RU", "CN"}},
		},
		Guarantees: []guarantee.Guarantee{{
			ID: "seek-unsc-action", Provider: "US", Beneficiary: "UA",
			Kind: guarantee.Consultation, Strength: guarantee.Assurance,
			Trigger: guarantee.Attack("RU", "UA"), Activation: guarantee.DecidedBy("UNSC"),
		}},
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict)
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.Code, f.Actors, f.Guarantees)
	}
	// Output:
	// incompatible
	// error captured-guarantee [RU] [seek-unsc-action]
	// warning no-military-response [RU UA] []
	// info assurance-only [UA] [seek-unsc-action]
}

// Validate reports every problem at once, each at its path.
func ExampleValidate() {
	s := scenario.Scenario{
		Actors: []actor.Actor{{ID: "US"}, {ID: "UA"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "air", Provider: "USA", Beneficiary: "UA", Kind: guarantee.AirSupport},
			{ID: "air", Provider: "US", Beneficiary: "UA", Kind: "Military"},
		},
	}
	err := scenario.Validate(s)
	fmt.Println(err)
	var fe *scenario.FieldError
	if errors.As(err, &fe) {
		fmt.Println("first at:", fe.Path)
	}
	// Output:
	// guarantees[0].provider: unknown actor "USA"; did you mean "US"?
	// guarantees[1].id: duplicate ID "air" (also guarantees[0])
	// guarantees[1].kind: invalid kind "Military": want segments of lower-case letters, digits and '-' joined by '/', such as "military/air-support"
	// first at: guarantees[0].provider
}

// WriteText writes a report for a person to read.
func ExampleWriteText() {
	s := scenario.Scenario{
		Name:   "A red line",
		Actors: []actor.Actor{{ID: "US"}, {ID: "UA"}},
		Guarantees: []guarantee.Guarantee{{
			ID: "us-troops", Provider: "US", Beneficiary: "UA", Kind: guarantee.GroundTroops,
		}},
		Positions: []scenario.Position{{
			ID: "no-us-troops", Actor: "US", Stance: scenario.Refuses,
			Select: guarantee.Selector{Kind: guarantee.GroundTroops},
		}},
	}
	r, _ := scenario.Evaluate(s)
	scenario.WriteText(os.Stdout, r)
	// Output:
	// A red line: incompatible (1 error)
	//
	// error    red-line
	//          US refuses to provide military/ground-troops guarantees but is the provider of us-troops
	//          actors:     US
	//          guarantees: us-troops
	//          positions:  no-us-troops
}
