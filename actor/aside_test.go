package actor_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/internal/actorpos"
	"github.com/google/go-cmp/cmp"
)

// asideWorld holds one body of each kind and rule, and bodies inside
// bodies, for the tests of the parties-aside rule.
func asideWorld() []actor.Actor {
	return []actor.Actor{
		{ID: "UK"}, {ID: "FR"}, {ID: "DE"}, {ID: "IT"}, {ID: "BE"}, {ID: "JP"}, {ID: "RU"}, {ID: "US"}, {ID: "CN"},
		// The League Council of 1925, unanimity, parties aside by its rule.
		{ID: "council", Kind: actor.Organization, Members: []actor.ID{"UK", "FR", "DE", "IT", "BE", "JP"}, PartiesAside: true},
		{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"US", "UK", "FR", "RU", "CN"}, Vetoes: []actor.ID{"US", "UK", "FR", "RU", "CN"}},
		// A majority of three: any two members can act.
		{ID: "trio", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"UK", "FR", "DE"}},
		// Four of five must agree.
		{ID: "four", Kind: actor.Organization, Threshold: 4, Members: []actor.ID{"UK", "FR", "DE", "IT", "BE"}},
		{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR", "DE"}, Vetoes: []actor.ID{"DE"}},
		// Bodies inside a body: a unanimity body without the rule, and one with it.
		{ID: "pair", Kind: actor.Organization, Members: []actor.ID{"DE", "IT"}},
		{ID: "pair-aside", Kind: actor.Organization, Members: []actor.ID{"DE", "IT"}, PartiesAside: true},
		{ID: "outer", Kind: actor.Organization, Members: []actor.ID{"pair", "UK"}},
		{ID: "outer-aside", Kind: actor.Organization, Members: []actor.ID{"pair-aside", "UK"}},
	}
}

func TestVetoHoldersAside(t *testing.T) {
	x := mustIndex(t, asideWorld())
	tests := []struct {
		reason  string
		body    actor.ID
		parties []actor.ID
		want    []actor.ID // in the order of asideWorld()
	}{
		{
			reason:  "unanimity: the parties lose their veto, every other member keeps one (Locarno: Germany attacks Belgium)",
			body:    "council",
			parties: []actor.ID{"DE", "BE"},
			want:    []actor.ID{"UK", "FR", "IT", "JP"},
		},
		{
			reason:  "unanimity: parties that are not members change nothing",
			body:    "council",
			parties: []actor.ID{"RU", "US"},
			want:    []actor.ID{"UK", "FR", "DE", "IT", "BE", "JP"},
		},
		{
			reason: "unanimity: no parties, the rule as it is",
			body:   "council",
			want:   []actor.ID{"UK", "FR", "DE", "IT", "BE", "JP"},
		},
		{
			reason:  "majority with vetoes: a party among the explicit veto holders loses its veto (Charter Art. 27(3))",
			body:    "UNSC",
			parties: []actor.ID{"RU"},
			want:    []actor.ID{"UK", "FR", "US", "CN"},
		},
		{
			reason:  "majority of three with one party aside: two remain, and each of them is now needed",
			body:    "trio",
			parties: []actor.ID{"DE"},
			want:    []actor.ID{"UK", "FR"},
		},
		{
			reason: "majority of three, no party: nobody alone can block",
			body:   "trio",
			want:   nil,
		},
		{
			reason:  "an explicit threshold stays: four of the four who remain must agree",
			body:    "four",
			parties: []actor.ID{"BE"},
			want:    []actor.ID{"UK", "FR", "DE", "IT"},
		},
		{
			reason: "an explicit threshold of four of five: nobody alone can block",
			body:   "four",
			want:   nil,
		},
		{
			reason:  "an explicit threshold that the non-parties cannot reach: each one that remains holds a veto",
			body:    "four",
			parties: []actor.ID{"BE", "IT"},
			want:    []actor.ID{"UK", "FR", "DE"},
		},
		{
			reason:  "a coalition: its explicit veto holder, a party, loses the veto",
			body:    "willing",
			parties: []actor.ID{"DE"},
			want:    nil,
		},
		{
			reason:  "a coalition: a party without an explicit veto changes nothing",
			body:    "willing",
			parties: []actor.ID{"UK"},
			want:    []actor.ID{"DE"},
		},
		{
			reason:  "a party that is a body sets aside itself, not its members: the pair is not counted, so DE has no say",
			body:    "outer",
			parties: []actor.ID{"pair"},
			want:    []actor.ID{"UK"},
		},
		{
			reason:  "a party inside a member body without the rule keeps its veto there, and so here",
			body:    "outer",
			parties: []actor.ID{"DE"},
			want:    []actor.ID{"UK", "DE", "IT", "pair"},
		},
		{
			reason:  "a member body whose own rule sets the parties aside does not count the party either",
			body:    "outer-aside",
			parties: []actor.ID{"DE"},
			want:    []actor.ID{"UK", "IT", "pair-aside"},
		},
		{
			reason:  "a state decides for itself, party or not",
			body:    "DE",
			parties: []actor.ID{"DE"},
			want:    []actor.ID{"DE"},
		},
		{
			reason:  "a body that is itself a party: its members decide, and it is no member of itself",
			body:    "trio",
			parties: []actor.ID{"trio"},
			want:    nil,
		},
		{
			reason:  "unknown parties are ignored",
			body:    "council",
			parties: []actor.ID{"XX", "DE"},
			want:    []actor.ID{"UK", "FR", "IT", "BE", "JP"},
		},
		{reason: "an unknown body has no veto holders", body: "XX", parties: []actor.ID{"DE"}, want: nil},
	}
	for _, tc := range tests {
		got := x.VetoHoldersAside(tc.body, tc.parties)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("VetoHoldersAside(%q, %v): %s\n(-want +got):\n%s", tc.body, tc.parties, tc.reason, diff)
		}
		if tc.body == "XX" {
			continue
		}
		var ps []int32
		for _, id := range tc.parties {
			if x.Has(id) {
				ps = append(ps, int32(x.Pos(id)))
			}
		}
		slices.Sort(ps)
		prefix := []int32{99}
		var pos []actor.ID
		dst := actorpos.Of(x).VetoesAside(x.Pos(tc.body), ps, prefix)
		if dst[0] != 99 {
			t.Errorf("VetoesAside(%q) changed what dst held", tc.body)
		}
		for _, i := range dst[1:] {
			pos = append(pos, x.At(int(i)).ID)
		}
		if diff := cmp.Diff(tc.want, pos); diff != "" {
			t.Errorf("VetoesAside(%q, %v): %s\n(-want +got):\n%s", tc.body, tc.parties, tc.reason, diff)
		}
	}
}

// vetoesAside is the definition of the rule with the parties aside, by way
// of Actor.RuleVetoes: the body with its party members struck out (and an
// explicit threshold cut to the members that remain) has the veto holders
// the rule gives; a holder that is a body adds its own, with the parties
// aside when its own rule says so.
func (n naive) vetoesAside(i int, parties []int, aside bool) []int {
	a := n.actors[i]
	if !a.Kind.IsBody() {
		return []int{i}
	}
	party := func(id actor.ID) bool { return slices.Contains(parties, n.pos[id]) }
	if aside {
		a.Members = slices.DeleteFunc(slices.Clone(a.Members), party)
		a.Vetoes = slices.DeleteFunc(slices.Clone(a.Vetoes), party)
		a.Threshold = min(a.Threshold, len(a.Members))
	}
	var out []int
	for _, id := range a.RuleVetoes() {
		j := n.pos[id]
		out = append(out, j)
		if n.actors[j].Kind.IsBody() {
			out = append(out, n.vetoesAside(j, parties, n.actors[j].PartiesAside)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestVetoesAsideAgreesWithDefinition checks the fast path against the
// definition on random sets of actors, some with the rule, and random
// parties.
func TestVetoesAsideAgreesWithDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(1925, 1992)) // seeded: the same sets every run
	var dst []int32
	for round := range 2000 {
		actors := randomActors(r)
		for i := range actors {
			if actors[i].Kind.IsBody() && r.IntN(3) == 0 {
				actors[i].PartiesAside = true
			}
		}
		x, err := actor.NewIndex(actors)
		if err != nil {
			t.Fatalf("round %d: NewIndex of a valid set: %v", round, err)
		}
		n := newNaive(actors)
		var parties []int
		var ps []int32
		for _, k := range r.Perm(len(actors))[:r.IntN(min(len(actors), 4)+1)] {
			parties = append(parties, k)
			ps = append(ps, int32(k))
		}
		slices.Sort(ps)
		for i := range actors {
			want := n.vetoesAside(i, parties, true)
			dst = actorpos.Of(x).VetoesAside(i, ps, dst[:0])
			var got []int
			for _, p := range dst {
				got = append(got, int(p))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("round %d: VetoesAside(%s, %v) of %v\n(-want +got):\n%s", round, actors[i].ID, n.ids(parties), actors, diff)
			}
			own := n.vetoesAside(i, parties, actors[i].PartiesAside)
			dst = actorpos.Of(x).VetoesParties(i, ps, dst[:0])
			got = got[:0]
			for _, p := range dst {
				got = append(got, int(p))
			}
			if len(own) == 0 && len(got) == 0 {
				got = own
			}
			if diff := cmp.Diff(own, got); diff != "" {
				t.Fatalf("round %d: VetoesParties(%s, %v) of %v\n(-want +got):\n%s", round, actors[i].ID, n.ids(parties), actors, diff)
			}
			if len(parties) == 0 {
				if diff := cmp.Diff(n.vetoes(i), got); diff != "" {
					t.Fatalf("round %d: VetoesAside(%s) with no parties differs from Vetoes\n(-want +got):\n%s", round, actors[i].ID, diff)
				}
			}
		}
	}
}

func BenchmarkVetoesAside(b *testing.B) {
	x, err := actor.NewIndex(asideWorld())
	if err != nil {
		b.Fatal(err)
	}
	council := x.Pos("council")
	parties := []int32{int32(x.Pos("DE")), int32(x.Pos("BE"))}
	slices.Sort(parties)
	dst := make([]int32, 0, 16)
	// The answer of TestVetoHoldersAside's first case, checked once so that
	// the loop times a right answer: with Germany and Belgium aside, every
	// other member of the council keeps its veto.
	var want []int32
	for _, id := range []actor.ID{"UK", "FR", "IT", "JP"} {
		want = append(want, int32(x.Pos(id)))
	}
	if got := actorpos.Of(x).VetoesAside(council, parties, dst[:0]); !slices.Equal(got, want) {
		b.Fatalf("VetoesAside(council, [DE BE]) = %v; want %v (UK, FR, IT, JP)", got, want)
	}
	for b.Loop() {
		dst = actorpos.Of(x).VetoesAside(council, parties, dst[:0])
	}
}
