package scenario_test

import (
	"strings"
	"testing"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// TestDissentingMemberWithAVeto checks what dissenting-member says of a
// member that refuses a coalition's guarantee: without a veto over it,
// that the others still can; with one from elsewhere (the guarantee is
// due on its consent), that it can stop it, as the walk does at every
// call (package doc, "Refusals bind contributors"); with a veto over its
// renewal, that it can stop that.
func TestDissentingMemberWithAVeto(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []testkit.Gopt
		want string
	}{
		{"NoVeto", nil, "; it holds no veto in willing's rule, so the others still can"},
		{"ConsentVeto", []testkit.Gopt{testkit.Activation("consent(FR)")},
			"; it holds no veto in willing's rule, but it is a veto holder of force and can stop it"},
		{"RenewalVeto", []testkit.Gopt{testkit.Mandate("UNSC", "", "", "")},
			"; it holds no veto in willing's rule, but it can stop its renewal in UNSC"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testkit.Build(testkit.Actors(testkit.Coalition("willing", "UK", "FR"), testkit.Unsc()),
				testkit.Guarantees(testkit.G("force", "willing", "UA", guarantee.GroundTroops, "peace-deal", tc.opts...)),
				testkit.Positions(testkit.Named("fr-no-troops", testkit.Pos("FR", scenario.Refuses, testkit.Sel{IDs: testkit.Gids("force")}))))
			r, err := scenario.Evaluate(s)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range r.Findings {
				if f.Code == scenario.DissentingMember {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || !strings.HasSuffix(got[0], tc.want) {
				t.Errorf("dissenting-member messages %q, want one ending %q", got, tc.want)
			}
		})
	}
}
