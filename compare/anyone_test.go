package compare_test

import (
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/google/go-cmp/cmp"
)

func TestCompareNamesTheMoveToAnyone(t *testing.T) {
	base := testkit.Build(testkit.Actors(testkit.Alliance("NATO", actor.Unanimity, "US", "PL", "UA")),
		testkit.Guarantees(testkit.G("art5", "NATO", "UA", guarantee.Military, "attack(RU, UA)")))
	other := testkit.CloneScenario(base)
	other.Guarantees[0].Trigger = guarantee.AttackOn("UA")
	c, err := compare.Scenarios(t.Context(), base, other)
	if err != nil {
		t.Fatal(err)
	}
	const edit = "set art5.trigger = attack(*, UA)"
	if !cmp.Equal(c.Edits, []string{edit}) || !cmp.Equal(c.Notes, []string{"art5 now answers an attack by anyone, where it named RU"}) {
		t.Errorf("edits %q and notes %q, want [%s] and the move to anyone named", c.Edits, c.Notes, edit)
	}
	if len(c.Appeared) != 1 || c.Appeared[0].After.Code != scenario.InsiderVeto || !cmp.Equal(c.Appeared[0].Because, []string{edit}) {
		t.Errorf("appeared %+v, want insider-veto because of the edit", c.Appeared)
	}
	var text strings.Builder
	if err := compare.WriteText(&text, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "  set art5.trigger = attack(*, UA)\n  (art5 now answers an attack by anyone, where it named RU)\n") {
		t.Errorf("the text does not name the move to anyone under the edit:\n%s", text.String())
	}
	c, err = compare.Scenarios(t.Context(), other, base)
	if err != nil {
		t.Fatal(err)
	}
	if want := "art5 now answers RU by name, no longer anyone"; !cmp.Equal(c.Notes, []string{want}) {
		t.Errorf("notes back %q, want [%s]", c.Notes, want)
	}
	// A change between named attackers says nothing more.
	third := testkit.CloneScenario(base)
	third.Guarantees[0].Trigger = guarantee.Attack("BY", "UA")
	c, err = compare.Scenarios(t.Context(), base, third)
	if err != nil {
		t.Fatal(err)
	}
	if want := "set art5.trigger = attack(BY, UA)"; !cmp.Equal(c.Edits, []string{want}) || len(c.Notes) != 0 {
		t.Errorf("edits %q and notes %q, want [%s] and no note", c.Edits, c.Notes, want)
	}
}
