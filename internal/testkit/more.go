package testkit

import (
	"strconv"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Mandate sets a guarantee's mandate.
func Mandate(body actor.ID, every, from, ends string) Gopt {
	return func(gg *guarantee.Guarantee) {
		gg.Mandate = guarantee.Mandate{Body: body, From: from, Ends: ends}
		if every != "" {
			gg.Mandate.Every = Must(guarantee.ParsePeriod(every))
		}
	}
}

func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

type TimeCase struct {
	Name   string
	Reason string
	S      scenario.Scenario
	Want   []string // calls(Simulate(s))
}

// Cyprus is the Treaty of Guarantee of 1960 as the issue that asked for
// calls put it: the UK, Greece and Turkey each guarantee Cyprus alone.
func Cyprus(events ...string) scenario.Scenario {
	trigger := "any(attack(GR, CY), attack(TR, CY))"
	return Build(Actors(actor.Actor{ID: "GR"}, actor.Actor{ID: "CY"}),
		Guarantees(
			G("uk-guarantee", "UK", "CY", guarantee.Military, trigger),
			G("gr-guarantee", "GR", "CY", guarantee.Military, trigger),
			G("tr-guarantee", "TR", "CY", guarantee.Military, trigger),
		), Timeline(events...))
}

// Aside returns a with its rule setting the parties aside.
func Aside(a actor.Actor) actor.Actor {
	a.PartiesAside = true
	return a
}

// AsideActivation sets the parties aside in g's activation.
func AsideActivation(gg *guarantee.Guarantee) { gg.Activation.PartiesAside = true }

// Nato is an alliance deciding by consensus, Greece and Turkey among its
// members, as the North Atlantic Council does.
func Nato(members ...actor.ID) actor.Actor {
	return Alliance("NATO", actor.Unanimity, append([]actor.ID{"US", "UK", "GR"}, members...)...)
}

// WithGR adds Greece to the base states.
func WithGR() actor.Actor { return actor.Actor{ID: "GR", Name: "Greece"} }

// Valued is a scenario with a demands-veto position of likelihood 0.5 and
// values that weigh its candidate veto.
func Valued() scenario.Scenario {
	s := WideScenario(2)
	half := 0.5
	s.Positions = []scenario.Position{{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{Beneficiary: "UA"}, Likelihood: &half}}
	s.Values = []scenario.Value{
		{Actor: "UA", Weights: []scenario.Weight{{Weight: 1, Select: guarantee.Selector{}}, {Weight: -5, Veto: "ru-demands-veto"}}},
		{Actor: "RU", Weights: []scenario.Weight{{Weight: 5, Veto: "positions[0]"}}},
	}
	return s
}

// WideScenario has n independent offers from US to UA, and no position:
// every non-empty package is feasible.
func WideScenario(n int) scenario.Scenario {
	s := scenario.Scenario{Actors: []actor.Actor{{ID: "UA"}, {ID: "US"}, {ID: "RU"}}}
	for i := range n {
		s.Guarantees = append(s.Guarantees, guarantee.Guarantee{
			ID: guarantee.ID("g" + strconv.Itoa(i)), Provider: "US", Beneficiary: "UA", Kind: guarantee.Aid,
		})
	}
	return s
}
