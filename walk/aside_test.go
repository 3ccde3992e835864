package walk_test

import (
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
)

func TestSimulatePartiesAside(t *testing.T) {
	council := testkit.Alliance("council", actor.Unanimity, "US", "UK", "RU", "BY")
	trigger := "any(attack(RU, UA), attack(BY, UA))"
	runSimCases(t, []simCase{
		{
			name:   "TwoAttackersFirstCall",
			reason: "Both attackers of the trigger sit on a council that sets the parties aside: neither can void the call RU's attack makes.",
			s: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"))),
				testkit.Timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
		{
			name:   "TwoAttackersOtherAttacker",
			reason: "The other attacker of the same trigger, BY, calls it: BY is set aside as well.",
			s: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"))),
				testkit.Timeline("attack(BY, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
		{
			name:   "TwoAttackersSecondCall",
			reason: "BY's attack is a second call, whose party is BY alone: RU is no party to it and, having attacked UA, blocks it.",
			s: testkit.Build(testkit.Actors(testkit.Aside(council)),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"))),
				testkit.Timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   1,
			want: []simCall{blockedBy("g", aimedAt("RU", "attack(RU, UA)"))},
		},
		{
			name:   "WithoutTheRule",
			reason: "The same council without the rule: the attacker of each call holds a veto, and each call is void by it alone.",
			s: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"))),
				testkit.Timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   0,
			want: []simCall{voidBy("g", capturedBy("RU"))},
		},
		{
			name:   "WithoutTheRuleSecondCall",
			reason: "Without the rule, BY's call is void by BY alone.",
			s: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"))),
				testkit.Timeline("attack(RU, UA)", "attack(BY, UA)")),
			at:   1,
			want: []simCall{voidBy("g", capturedBy("BY"))},
		},
		{
			name:   "RuleOnTheActivation",
			reason: "The council has no rule of its own; this activation sets the parties aside.",
			s: testkit.Build(testkit.Actors(council),
				testkit.Guarantees(testkit.G("g", "US", "UA", guarantee.Military, trigger, testkit.Activation("body(council)"), testkit.AsideActivation)),
				testkit.Timeline("attack(RU, UA)")),
			at:   0,
			want: []simCall{activates("g")},
		},
	})
}
