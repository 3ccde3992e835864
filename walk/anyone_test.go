package walk_test

import (
	"strings"
	"testing"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/google/go-cmp/cmp"
)

func TestWalkCallsAnyoneWithTheRealAttacker(t *testing.T) {
	// Article 5 under consensus, Greece and Turkey members: a Russian
	// attack on Greece calls the guarantee to Greece with Russia as its
	// attacker, and it activates. Turkey's attack is a new call with
	// Turkey as its attacker, and Turkey holds a veto: void. Russia's
	// next attack is blocked: a veto holder, Turkey, has attacked Greece.
	s := testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
		testkit.Guarantees(testkit.G("art5-gr", "NATO", "GR", guarantee.Military, "attack(*, GR)")),
		testkit.Timeline("peace-deal", "attack(RU, GR)", "attack(TR, GR)", "attack(RU, GR)", "attack(RU, UA)"))
	got := calls(simulate(t, s))
	want := []string{
		"peace-deal: ",
		"attack(RU, GR): art5-gr#1 activates [RU]",
		"attack(TR, GR): art5-gr#2 void [TR]",
		"attack(RU, GR): art5-gr#3 blocked [RU]",
		"attack(RU, UA): ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
	// A first call after several attacks has all of them as attackers.
	s = testkit.Build(testkit.Actors(testkit.WithGR(), testkit.Nato("TR")),
		testkit.Guarantees(testkit.G("art5-gr", "NATO", "GR", guarantee.Military, "all(peace-deal, attack(*, GR))")),
		testkit.Timeline("attack(RU, GR)", "attack(BY, GR)", "peace-deal"))
	got = calls(simulate(t, s))
	want = []string{"attack(RU, GR): ", "attack(BY, GR): ", "peace-deal: art5-gr#1 activates [BY RU]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk with the call after the attacks (-want +got):\n%s", diff)
	}
}

func TestWalkRenewalByAnyone(t *testing.T) {
	// A mission renewed by a council where RU holds a veto, due on an
	// attack on GE by anyone: RU's attack makes it hold, and RU then
	// blocks the renewal, as an attacker of an attack its trigger admits.
	s := testkit.Build(testkit.Actors(testkit.Unsc()), testkit.Guarantees(testkit.G("mission", "UK", "GE", guarantee.Military, "attack(*, GE)")),
		testkit.Timeline("attack(RU, GE)", "renewal(UNSC)"))
	s.Guarantees[0].Mandate = guarantee.RenewedBy("UNSC", guarantee.Period{})
	sim := simulate(t, s)
	got := calls(sim)
	want := []string{"attack(RU, GE): mission#1 activates [RU]", "renewal(UNSC): lapsed mission  (UNSC RU:captured)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("walk (-want +got):\n%s", diff)
	}
	b := sim.Steps[1].Lapses[0].Blocks[0]
	if b.Event != "attack(RU, GE)" || !strings.Contains(b.Message, "attack(*, GE)") {
		t.Errorf("block %+v: want the event attack(RU, GE), and the message naming the trigger's attack(*, GE)", b)
	}
	// Attacked by BY instead, RU has no reason to block.
	s.Timeline = []guarantee.Event{testkit.Must(guarantee.ParseEvent("attack(BY, GE)")), guarantee.Renewal("UNSC")}
	if got := calls(simulate(t, s)); got[1] != "renewal(UNSC): " {
		t.Errorf("renewal after BY's attack: %q, want nothing to lapse", got[1])
	}
}
