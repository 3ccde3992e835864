package guarantee_test

import (
	"fmt"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// The 1994 Budapest Memorandum had its signatories seek Security Council
// action if Ukraine became the victim of aggression. As a trigger: once the
// deal holds, any attack on Ukraine or violation by Russia. The attackers
// are the actors the guarantee is meant to answer.
func ExampleParseCondition() {
	c, err := guarantee.ParseCondition("all(peace-deal, any(attack(RU,UA), violation(RU), attack(BY,UA)))")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Println("attackers:", c.Attackers())
	fmt.Println("can hold:", c.Satisfiable())

	_, err = guarantee.ParseCondition("all(peace-deal, attack(RU UA))")
	fmt.Println(err)
	// Output:
	// all(peace-deal, any(attack(RU, UA), violation(RU), attack(BY, UA)))
	// attackers: [BY RU]
	// can hold: true
	// column 27: want ',' or ')'; found 'U' in "all(peace-deal, attack(RU UA))"
}

// A trigger that needs a peace deal both reached and not reached can never
// hold: the guarantee is dead letter. A live branch beside it saves it.
func ExampleCondition_Satisfiable() {
	for _, s := range []string{
		"all(peace-deal, not(peace-deal))",
		"any(all(peace-deal, not(peace-deal)), attack(RU, UA))",
	} {
		fmt.Println(s, guarantee.MustParseCondition(s).Satisfiable())
	}
	// Output:
	// all(peace-deal, not(peace-deal)) false
	// any(all(peace-deal, not(peace-deal)), attack(RU, UA)) true
}

// A condition holds once the events it needs have happened, in whichever
// order: here, NATO's Article 5 read as a trigger over attacks on two allies.
func ExampleCondition_Holds() {
	article5 := guarantee.AnyOf(guarantee.Attack("RU", "PL"), guarantee.Attack("RU", "EE"))
	happened := func(e guarantee.Event) bool { return e.Equal(guarantee.AttackEvent("RU", "EE")) }
	fmt.Println(article5, "holds:", article5.Holds(happened))
	// Output:
	// any(attack(RU, PL), attack(RU, EE)) holds: true
}

// Kinds form a hierarchy: air support is military support, but a kind that
// merely starts with the same letters is not.
func ExampleKind_Is() {
	fmt.Println(guarantee.AirSupport.Is(guarantee.Military))
	fmt.Println(guarantee.Military.Is(guarantee.AirSupport))
	fmt.Println(guarantee.Kind("military-industry").Is(guarantee.Military))
	fmt.Println(guarantee.AirSupport.Parent(), guarantee.AirSupport.Top())
	// Output:
	// true
	// false
	// false
	// military military
}

// The Budapest Memorandum routed assistance through the UN Security
// Council: a decision of that body, by its rule. Article 5 leaves each ally
// to decide, which is the provider's own decision.
func ExampleParseActivation() {
	for _, s := range []string{"body(UNSC)", "provider", "consent(US, UK)", "body(UNSC, NATO)"} {
		a, err := guarantee.ParseActivation(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: mode %s, actors %v\n", a, a.Mode, a.Actors)
	}
	// Output:
	// body(UNSC): mode body, actors [UNSC]
	// provider: mode provider, actors []
	// consent(US, UK): mode consent, actors [US UK]
	// column 1: body takes exactly one actor; found 2 in "body(UNSC, NATO)"
}

// "Troops from NATO countries, whatever flag they serve under": a selector
// with ProviderIn picks a reassurance force of a coalition of the willing
// whose members are NATO allies, but not a force of outsiders.
func ExampleSelector_Matches() {
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "UA"}, {ID: "RU"}, {ID: "BY"},
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR"}},
		{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}},
		{ID: "CSTO", Kind: actor.Alliance, Members: []actor.ID{"RU", "BY"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rejects := guarantee.Selector{Kind: guarantee.Military, ProviderIn: "NATO", Location: "UA"}
	for _, g := range []guarantee.Guarantee{
		{ID: "reassurance-force", Provider: "willing", Beneficiary: "UA", Kind: guarantee.GroundTroops, Location: "UA"},
		{ID: "us-air-support", Provider: "US", Beneficiary: "UA", Kind: guarantee.AirSupport, Location: "PL"},
		{ID: "peacekeepers", Provider: "CSTO", Beneficiary: "UA", Kind: guarantee.GroundTroops, Location: "UA"},
	} {
		fmt.Printf("%s: %v\n", g.ID, rejects.Matches(&g, x))
	}
	fmt.Println(rejects)
	fmt.Println(rejects.Describe())
	// Output:
	// reassurance-force: true
	// us-air-support: false
	// peacekeepers: false
	// {kind: military, provider-in: NATO, location: UA}
	// military guarantees from NATO or its members in UA
}
