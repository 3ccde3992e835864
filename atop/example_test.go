package atop_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario"
)

// Open one alliance of the record, the Soviet-Japanese neutrality pact of
// 13 April 1941, and check it as coded and with its members deciding by
// unanimity.
func Example() {
	r, err := atop.ReadDir(filepath.Join("testdata", "fixture"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, p := range r.Phases() {
		if p.Alliance.ID != 2525 {
			continue
		}
		s, _ := p.Scenario()
		fmt.Println(s.Name)
		for _, g := range s.Guarantees {
			fmt.Printf("%s: %s to %s when %s, %s\n", g.ID, g.Provider, g.Beneficiary, g.Trigger, g.Mandate)
		}
		res, err := atop.CheckScenario(p.Info(), s, []atop.Rule{atop.AsCoded, atop.Unanimity})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, o := range res.Outcomes {
			fmt.Printf("%s: %s, insider-veto %d\n", o.Rule, o.Verdict, o.Counts[scenario.InsiderVeto])
		}
	}
	// Output:
	// ATOP 2525, phase 0 (1941-1945): Russia, Japan
	// neutrality-RUS-JPN: RUS to JPN when attack(*, JPN), renewed by ATOP2525 every 5 years from 1941-04-13
	// neutrality-JPN-RUS: JPN to RUS when attack(*, RUS), renewed by ATOP2525 every 5 years from 1941-04-13
	// as-coded: compatible, insider-veto 0
	// unanimity: compatible, insider-veto 0
}
