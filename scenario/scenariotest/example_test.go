package scenariotest_test

import (
	"fmt"

	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariotest"
	"github.com/entente-go/entente/walk"
)

// Without the US air support, Europe's force loses its backstop: it
// requires the air support, so it is blocked when the peace deal comes, and
// after another attack Ukraine has neither troops on the ground nor air
// support, only intelligence, the Black Sea, money and sanctions.
func ExampleWhatIf() {
	c := scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Without{ID: "us-air-support"},
	).
		Finding(scenario.MissingDependency, "european-force").
		Status("peace-deal", "european-force", walk.Blocked).
		Receives("attack(RU, UA)", "UA",
			guarantee.Surveillance, guarantee.Naval, guarantee.Aid, guarantee.EconomicSanctions)

	fmt.Printf("%s: %d problems\n", c, len(c.Problems()))
	// Output:
	// without us-air-support: 0 problems
}

// If Russia drops its demand for a veto, a deal exists, with every offer
// on the table: the what-if admits every package the article's framework
// admits (none), and more.
func ExampleCase_Relation() {
	c := scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Without{ID: "ru-demands-veto"},
	).
		Verdict(scenario.Compatible).
		NoFinding(scenario.VetoConflict).
		Feasible(true).
		Relation(compare.MorePermissive).
		Deal("us-air-support", "us-intelligence", "european-force",
			"turkey-black-sea", "willing-financial", "willing-sanctions")

	fmt.Printf("%s: %d problems\n", c, len(c.Problems()))
	// Output:
	// without ru-demands-veto: 0 problems
}

// If Kyiv accepted Russia's veto over its guarantees, the guarantees that
// answer a new Russian attack would be void: Russia could stop each of
// them. After the attack Ukraine receives intelligence only. Whoever hoped
// that sanctions at least would still bite reads why not.
func ExampleCase_Status() {
	c := scenariotest.WhatIf(examples.Ukraine2025(),
		scenario.Without{ID: "ua-rejects-ru-veto"},
		scenario.Grant{Veto: scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}}},
	).
		Status("attack(RU, UA)", "us-air-support", walk.Void).
		Receives("attack(RU, UA)", "UA", guarantee.Surveillance).
		Status("attack(RU, UA)", "willing-sanctions", walk.Activates)

	for _, p := range c.Problems() {
		fmt.Println(p)
	}
	// Output:
	// without ua-rejects-ru-veto; grant RU veto over {beneficiary: UA}: at attack(RU, UA) want willing-sanctions activates; got void (RU can stop it and is an attacker this call answers)
}
