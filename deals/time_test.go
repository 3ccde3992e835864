package deals_test

import (
	"slices"
	"testing"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/google/go-cmp/cmp"
)

// TestSearchRenewal checks that the renewal errors rule offers out of a
// deal as every error does: a guarantee whose renewal the aggressor can
// veto is not part of a feasible deal.
func TestSearchRenewal(t *testing.T) {
	s := renewals()
	res, err := deals.Search(t.Context(), s, deals.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]guarantee.ID{"mission", "watch"}, res.Dead); diff != "" {
		t.Errorf("Search: the captured and the blocked renewal are dead offers (-want +got):\n%s", diff)
	}
	if len(res.Maximal) != 1 || !slices.Equal(res.Maximal[0].Guarantees, []guarantee.ID{"aid"}) {
		t.Errorf("Search: the one maximal package is aid alone; got %+v", res.Maximal)
	}
}

// renewals is a scenario of guarantees under mandates of a Security
// Council: a mission that RU, an attacker it answers, can stop renewing
// (captured-renewal); a watch that FR, a member of the coalition that
// keeps it, refuses to take part in while holding a veto over its renewal
// (blocked-renewal); and aid that CN refuses, which it contributes
// nothing to, so its refusal binds nothing.
func renewals() scenario.Scenario {
	return testkit.Build(testkit.Actors(testkit.Unsc(), testkit.Coalition("watchers", "FR", "PL")), testkit.Guarantees(
		testkit.G("mission", "UK", "GE", guarantee.Surveillance, "attack(RU, GE)", testkit.Mandate("UNSC", "6 months", "", "")),
		testkit.G("aid", "US", "GE", guarantee.Aid, "", testkit.Mandate("UNSC", "", "", "")),
		testkit.G("watch", "watchers", "GE", guarantee.Surveillance, "", testkit.Mandate("UNSC", "", "", "")),
	), testkit.Positions(
		testkit.Named("fr-no-watch", testkit.Pos("FR", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("watch")})),
		testkit.Named("cn-no-aid", testkit.Pos("CN", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("aid")})),
	))
}
