package walk_test

import (
	"fmt"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/walk"
)

// The UN Observer Mission in Georgia answered Russia's attack of August
// 2008; the Security Council renewed it for four months at a time
// (S/RES/1839, S/RES/1866) until Russia, the attacker, vetoed the renewal
// on 15 June 2009 (S/PV.6143). The walk says when Russia could first stop
// it: at the first renewal point after the attack, 15 February 2009. (In
// fact Russia let it run to June; a model says what a veto holder can do,
// not when it chooses to.)
func ExampleSimulate() {
	sim, err := walk.Simulate(examples.Georgia2009())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range sim.Steps {
		fmt.Println(st.Event.Date, st.Event)
		for _, o := range st.Due {
			fmt.Println("  ", o.Status, o.Guarantee)
		}
		for _, l := range st.Lapses {
			fmt.Println("   lapsed", l.Guarantee, l.Date+":", l.Blocks[0].Message)
		}
	}
	// Output:
	// 1994-05-14 ceasefire
	// 2008-08-08 attack(RU, GE)
	//    activates unomig
	// 2009-06-15 renewal(UNSC)
	//    lapsed unomig 2009-02-15: RU can stop its renewal in UNSC and is an attacker of attack(RU, GE), which its trigger names
}
