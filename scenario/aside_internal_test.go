package scenario

import (
	"slices"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// TestCallVetoes checks the function a walk asks per call: with the
// attackers of the call (and the beneficiary) as the parties, only they
// are set aside, so an attacker of the trigger that did not attack in this
// call keeps its veto.
func TestCallVetoes(t *testing.T) {
	s := Scenario{
		Actors: []actor.Actor{
			{ID: "US"}, {ID: "RU"}, {ID: "BY"}, {ID: "UA"},
			{ID: "council", Kind: actor.Organization, Members: []actor.ID{"US", "RU", "BY", "UA"}, PartiesAside: true},
		},
		Guarantees: []guarantee.Guarantee{{
			ID: "g", Provider: "US", Beneficiary: "UA", Kind: guarantee.Military,
			Trigger:    guarantee.AnyOf(guarantee.Attack("RU", "UA"), guarantee.Attack("BY", "UA")),
			Activation: guarantee.DecidedBy("council"),
		}},
	}
	var m model
	var ax actor.Index
	if err := m.compile(&s, &ax); err != nil {
		t.Fatal(err)
	}
	pos := func(ids ...actor.ID) []int32 {
		var out []int32
		for _, id := range ids {
			out = append(out, int32(ax.Pos(id)))
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		reason string
		att    []int32
		want   []int32
	}{
		{"the trigger's attackers, as Evaluate judges: both set aside", pos("RU", "BY"), pos("US")},
		{"a call by RU alone: BY, who did not attack, keeps its vote", pos("RU"), pos("US", "BY")},
		{"a call by BY alone: RU keeps its vote", pos("BY"), pos("US", "RU")},
		{"a call with no attackers: only the beneficiary is set aside", nil, pos("US", "RU", "BY")},
	}
	for _, tc := range tests {
		got := slices.Clone(m.CallVetoes(0, tc.att))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: callVetoes = %v; want %v", tc.reason, got, tc.want)
		}
	}
	if got, want := m.list(m.veto[0]), pos("US"); !slices.Equal(got, want) {
		t.Errorf("static V(g) = %v; want %v", got, want)
	}
}
