package actor_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/internal/actorpos"
)

// world is a set of actors close to the real ones: NATO and the EU decide by
// unanimity, the UN Security Council by majority with five vetoes, a
// coalition of the willing decides separately, and the EU is a member of the
// G7 (which decides by consensus), so that Hungary is a member of the G7 at
// depth two and holds a veto over it through the EU.
func world() []actor.Actor {
	return []actor.Actor{
		{ID: "US", Name: "United States"},  // 0
		{ID: "UK", Name: "United Kingdom"}, // 1
		{ID: "FR", Name: "France"},         // 2
		{ID: "DE", Name: "Germany"},        // 3
		{ID: "HU", Name: "Hungary"},        // 4
		{ID: "PL", Name: "Poland"},         // 5
		{ID: "RU", Name: "Russia"},         // 6
		{ID: "CN", Name: "China"},          // 7
		{ID: "UA", Name: "Ukraine"},        // 8
		{ID: "TR", Name: "Türkiye"},        // 9
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "TR"}},                 // 10
		{ID: "EU", Kind: actor.Organization, Members: []actor.ID{"DE", "FR", "HU", "PL"}},                                 // 11
		{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: p5, Vetoes: p5},                          // 12
		{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}},                                           // 13
		{ID: "G7", Kind: actor.Organization, Decides: actor.Unanimity, Members: []actor.ID{"US", "UK", "FR", "DE", "EU"}}, // 14
		// A body whose members include the G7: Hungary is a member at depth three.
		{ID: "contact-group", Kind: actor.Alliance, Members: []actor.ID{"G7", "UA"}}, // 15
		// A majority body where the EU is a member but holds no veto.
		{ID: "assembly", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"EU", "US", "UK"}}, // 16
		// A majority body where the EU holds an explicit veto.
		{ID: "guarantors", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"US", "UK", "EU"}, Vetoes: []actor.ID{"EU"}}, // 17
		// A coalition in which the US keeps an explicit veto.
		{ID: "backstop", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR", "US"}, Vetoes: []actor.ID{"US"}}, // 18
		// A unanimity body with a coalition among its members.
		{ID: "summit", Kind: actor.Organization, Members: []actor.ID{"willing", "UA"}}, // 19
	}
}

func mustIndex(t *testing.T, actors []actor.Actor) *actor.Index {
	t.Helper()
	x, err := actor.NewIndex(actors)
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	return x
}

func TestNewIndexErrors(t *testing.T) {
	alliance := func(id actor.ID, members ...actor.ID) actor.Actor {
		return actor.Actor{ID: id, Kind: actor.Alliance, Members: members}
	}
	tests := []struct {
		reason string
		actors []actor.Actor
		want   []problem
		is     []error // sentinels errors.Is must find in the error
	}{
		{
			reason: "a duplicate ID is reported at its second place, naming the first",
			actors: []actor.Actor{{ID: "US"}, {ID: "UK"}, {ID: "US"}},
			want:   []problem{{Actor: 2, Field: "id", Msg: `duplicate actor ID "US" (also actors[0])`}},
			is:     []error{actor.ErrDuplicateID},
		},
		{
			reason: "IDs are case-sensitive, so US and us are different actors",
			actors: []actor.Actor{{ID: "US"}, {ID: "us"}, alliance("NATO", "UK")},
			want:   []problem{{Actor: 2, Field: "members[0]", Msg: `unknown actor "UK"`}},
			is:     []error{actor.ErrUnknownActor},
		},
		{
			reason: "a member that is not among the actors",
			actors: []actor.Actor{{ID: "US"}, alliance("NATO", "US", "XX")},
			want:   []problem{{Actor: 1, Field: "members[1]", Msg: `unknown actor "XX"`}},
			is:     []error{actor.ErrUnknownActor},
		},
		{
			reason: "a malformed member is reported once, as malformed, not also as unknown",
			actors: []actor.Actor{{ID: "US"}, alliance("NATO", "US", "U K")},
			want:   []problem{{Actor: 1, Field: "members[1]", Msg: `invalid actor ID "U K": want 1 to 64 letters, digits, '-' or '_'`}},
			is:     []error{actor.ErrInvalidID},
		},
		{
			reason: "a member named twice is reported at its second place, and only there",
			actors: []actor.Actor{{ID: "US"}, alliance("NATO", "US", "US")},
			want:   []problem{{Actor: 1, Field: "members[1]", Msg: `duplicate member "US"`}},
			is:     []error{actor.ErrDuplicateMember},
		},
		{
			reason: "a body that names itself is a self member, not a loop",
			actors: []actor.Actor{{ID: "US"}, alliance("NATO", "US", "NATO")},
			want:   []problem{{Actor: 1, Field: "members[1]", Msg: "a body cannot be its own member"}},
			is:     []error{actor.ErrSelfMember},
		},
		{
			reason: "the problems of one actor carry its position",
			actors: []actor.Actor{{ID: "UA"}, {ID: "US"}, {ID: "RU", Members: []actor.ID{"UA"}}},
			want:   []problem{{Actor: 2, Field: "members", Msg: "a state has no members"}},
			is:     []error{actor.ErrMembersOfState},
		},
		{
			reason: "two bodies that are members of each other",
			actors: []actor.Actor{alliance("A", "B"), alliance("B", "A")},
			want:   []problem{{Actor: 1, Field: "members[0]", Msg: "membership loop: A → B → A"}},
			is:     []error{actor.ErrMembershipLoop},
		},
		{
			reason: "a loop of three is reported once, at the member that closes it",
			actors: []actor.Actor{{ID: "US"}, alliance("A", "US", "B"), alliance("B", "C"), alliance("C", "US", "A")},
			want:   []problem{{Actor: 3, Field: "members[1]", Msg: "membership loop: A → B → C → A"}},
			is:     []error{actor.ErrMembershipLoop},
		},
		{
			reason: "a loop reached from a body outside it names only the loop",
			actors: []actor.Actor{alliance("outer", "A"), alliance("A", "B"), alliance("B", "A")},
			want:   []problem{{Actor: 2, Field: "members[0]", Msg: "membership loop: A → B → A"}},
			is:     []error{actor.ErrMembershipLoop},
		},
		{
			reason: "problems of every sort are all reported, in the order of the actors",
			actors: []actor.Actor{
				alliance("A", "B"),
				alliance("B", "A"),
				alliance("C", "XX"),
				{ID: "US", Members: []actor.ID{"A"}},
				{ID: "C"},
			},
			want: []problem{
				{Actor: 1, Field: "members[0]", Msg: "membership loop: A → B → A"},
				{Actor: 2, Field: "members[0]", Msg: `unknown actor "XX"`},
				{Actor: 3, Field: "members", Msg: "a state has no members"},
				{Actor: 4, Field: "id", Msg: `duplicate actor ID "C" (also actors[2])`},
			},
			is: []error{actor.ErrMembershipLoop, actor.ErrUnknownActor, actor.ErrMembersOfState, actor.ErrDuplicateID},
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			x, err := actor.NewIndex(tc.actors)
			if x != nil {
				t.Errorf("NewIndex returned an index with an error")
			}
			ps, ok := errors.AsType[actor.Problems](err)
			if !ok {
				t.Fatalf("NewIndex error %v (%T) is not actor.Problems", err, err)
			}
			if diff := cmp.Diff(tc.want, problemsOf(ps)); diff != "" {
				t.Errorf("NewIndex problems: %s\n(-want +got):\n%s", tc.reason, diff)
			}
			for _, sentinel := range tc.is {
				if !errors.Is(err, sentinel) {
					t.Errorf("errors.Is(err, %q) = false, want true; err:\n%v", sentinel, err)
				}
			}
			var lines []string
			for _, p := range tc.want {
				lines = append(lines, "actors["+strconv.Itoa(p.Actor)+"]."+p.Field+": "+p.Msg)
			}
			if diff := cmp.Diff(strings.Join(lines, "\n"), err.Error()); diff != "" {
				t.Errorf("Error() names each problem by path, one a line\n(-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewIndexEmpty(t *testing.T) {
	type answers struct {
		Len          int
		Has          bool
		Pos          int
		IDs          []actor.ID
		Contributors []actor.ID
		VetoHolders  []actor.ID
		IsMember     bool
	}
	x := mustIndex(t, nil)
	got := answers{
		Len:          x.Len(),
		Has:          x.Has("US"),
		Pos:          x.Pos("US"),
		IDs:          slices.Collect(x.IDs()),
		Contributors: slices.Collect(x.Contributors("US")),
		VetoHolders:  slices.Collect(x.VetoHolders("US")),
		IsMember:     x.IsMember("US", "NATO"),
	}
	want := answers{Pos: -1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("an index of no actors knows nobody (-want +got):\n%s", diff)
	}
}

func TestIndexLookup(t *testing.T) {
	actors := world()
	x := mustIndex(t, actors)
	if diff := cmp.Diff(len(actors), x.Len()); diff != "" {
		t.Errorf("Len (-want +got):\n%s", diff)
	}
	tests := []struct {
		reason string
		id     actor.ID
		want   int // position, -1 when unknown
	}{
		{reason: "the first actor", id: "US", want: 0},
		{reason: "a state in the middle", id: "UA", want: 8},
		{reason: "a body", id: "UNSC", want: 12},
		{reason: "the last actor", id: "summit", want: 19},
		{reason: "IDs are case-sensitive", id: "us", want: -1},
		{reason: "an unknown actor", id: "XX", want: -1},
		{reason: "the empty ID", id: "", want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, x.Pos(tc.id)); diff != "" {
				t.Errorf("Pos(%q) (-want +got):\n%s", tc.id, diff)
			}
			if diff := cmp.Diff(tc.want >= 0, x.Has(tc.id)); diff != "" {
				t.Errorf("Has(%q) (-want +got):\n%s", tc.id, diff)
			}
			a, ok := x.Lookup(tc.id)
			want := actor.Actor{}
			if tc.want >= 0 {
				want = actors[tc.want]
				if diff := cmp.Diff(want, x.At(tc.want)); diff != "" {
					t.Errorf("At(%d) (-want +got):\n%s", tc.want, diff)
				}
			}
			if diff := cmp.Diff(tc.want >= 0, ok); diff != "" {
				t.Errorf("Lookup(%q) found (-want +got):\n%s", tc.id, diff)
			}
			if diff := cmp.Diff(want, a); diff != "" {
				t.Errorf("Lookup(%q) (-want +got):\n%s", tc.id, diff)
			}
		})
	}
}

func TestIndexIDs(t *testing.T) {
	x := mustIndex(t, world())
	want := []actor.ID{
		"CN", "DE", "EU", "FR", "G7", "HU", "NATO", "PL", "RU", "TR", "UA", "UK", "UNSC", "US",
		"assembly", "backstop", "contact-group", "guarantors", "summit", "willing",
	}
	if diff := cmp.Diff(want, slices.Collect(x.IDs())); diff != "" {
		t.Errorf("IDs are sorted byte-wise, upper case first (-want +got):\n%s", diff)
	}
	var first []actor.ID
	for id := range x.IDs() {
		first = append(first, id)
		if len(first) == 2 {
			break
		}
	}
	if diff := cmp.Diff(want[:2], first); diff != "" {
		t.Errorf("IDs stops when the loop breaks (-want +got):\n%s", diff)
	}
}

func TestIndexIsMember(t *testing.T) {
	x := mustIndex(t, world())
	tests := []struct {
		reason   string
		a, body  actor.ID
		isMember bool
	}{
		{reason: "a direct member of an alliance", a: "US", body: "NATO", isMember: true},
		{reason: "a state outside the alliance", a: "RU", body: "NATO"},
		{reason: "a direct member of a coalition", a: "UK", body: "willing", isMember: true},
		{reason: "a body that is a direct member", a: "EU", body: "G7", isMember: true},
		{reason: "a member of a member, at depth two", a: "HU", body: "G7", isMember: true},
		{reason: "a member at depth three", a: "PL", body: "contact-group", isMember: true},
		{reason: "a body at depth two", a: "EU", body: "contact-group", isMember: true},
		{reason: "a member of a coalition member of a body", a: "FR", body: "summit", isMember: true},
		{reason: "no actor is a member of itself", a: "NATO", body: "NATO"},
		{reason: "no state is a member of itself", a: "US", body: "US"},
		{reason: "membership does not run upwards", a: "G7", body: "EU"},
		{reason: "the UK left the EU", a: "UK", body: "EU"},
		{reason: "nobody is a member of a state", a: "UA", body: "US"},
		{reason: "two bodies that share members are not members of each other", a: "EU", body: "NATO"},
		{reason: "an unknown member", a: "XX", body: "NATO"},
		{reason: "an unknown body", a: "US", body: "XX"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.isMember, x.IsMember(tc.a, tc.body)); diff != "" {
			t.Errorf("IsMember(%q, %q): %s\n(-want +got):\n%s", tc.a, tc.body, tc.reason, diff)
		}
	}
}

// TestIndexContributorsWithin checks who is within whom: an actor is
// among a body's contributors when it is the body or a member at any depth.
func TestIndexContributorsWithin(t *testing.T) {
	x := mustIndex(t, world())
	tests := []struct {
		reason string
		a, b   actor.ID
		want   bool
	}{
		{reason: "an actor is within itself", a: "NATO", b: "NATO", want: true},
		{reason: "a member is within its body", a: "HU", b: "EU", want: true},
		{reason: "a member at depth two is within the body", a: "HU", b: "G7", want: true},
		{reason: "a body is not within its member", a: "EU", b: "HU"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, slices.Contains(slices.Collect(x.Contributors(tc.b)), tc.a)); diff != "" {
			t.Errorf("%s among Contributors(%s): %s\n(-want +got):\n%s", tc.a, tc.b, tc.reason, diff)
		}
	}
}

func TestIndexContributors(t *testing.T) {
	x := mustIndex(t, world())
	tests := []struct {
		reason string
		id     actor.ID
		want   []actor.ID // in the order of world()
	}{
		{reason: "a state contributes alone", id: "UA", want: []actor.ID{"UA"}},
		{reason: "an alliance and its members", id: "NATO", want: []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "TR", "NATO"}},
		{reason: "a coalition and its members", id: "willing", want: []actor.ID{"UK", "FR", "willing"}},
		{reason: "members at any depth, each once", id: "G7", want: []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "EU", "G7"}},
		{reason: "members at depth three", id: "contact-group", want: []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "UA", "EU", "G7", "contact-group"}},
		{reason: "an unknown actor has no contributors", id: "XX", want: nil},
	}
	for _, tc := range tests {
		got := slices.Collect(x.Contributors(tc.id))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Contributors(%q): %s\n(-want +got):\n%s", tc.id, tc.reason, diff)
		}
		if tc.want == nil {
			continue
		}
		var pos []actor.ID
		for _, i := range actorpos.Of(x).Contributors(x.Pos(tc.id)) {
			pos = append(pos, x.At(int(i)).ID)
		}
		if diff := cmp.Diff(tc.want, pos); diff != "" {
			t.Errorf("ContributorPos(%q): %s\n(-want +got):\n%s", tc.id, tc.reason, diff)
		}
	}
}

func TestIndexVetoHolders(t *testing.T) {
	x := mustIndex(t, world())
	tests := []struct {
		reason string
		id     actor.ID
		want   []actor.ID // in the order of world()
	}{
		{reason: "a state is its own veto holder", id: "UA", want: []actor.ID{"UA"}},
		{
			reason: "under unanimity every member holds a veto (NATO's North Atlantic Council)",
			id:     "NATO",
			want:   []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "TR"},
		},
		{
			reason: "under unanimity every member holds a veto (EU sanctions)",
			id:     "EU",
			want:   []actor.ID{"FR", "DE", "HU", "PL"},
		},
		{
			reason: "a UN Security Council-like body: majority, and the five explicit vetoes",
			id:     "UNSC",
			want:   []actor.ID{"US", "UK", "FR", "RU", "CN"},
		},
		{
			reason: "a coalition that decides separately: no member can block another",
			id:     "willing",
			want:   nil,
		},
		{
			reason: "a coalition that decides separately: only explicit vetoes count",
			id:     "backstop",
			want:   []actor.ID{"US"},
		},
		{
			reason: "Hungary holds a veto over the G7 through the EU, a unanimity body that is itself a veto holder",
			id:     "G7",
			want:   []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "EU"},
		},
		{
			reason: "vetoes through membership reach any depth",
			id:     "contact-group",
			want:   []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "UA", "EU", "G7"},
		},
		{
			reason: "a body member that holds no veto passes none on to its members",
			id:     "assembly",
			want:   nil,
		},
		{
			reason: "an explicit veto held by a unanimity body passes to each of its members",
			id:     "guarantors",
			want:   []actor.ID{"FR", "DE", "HU", "PL", "EU"},
		},
		{
			reason: "a coalition member of a unanimity body holds a veto, but its own members do not",
			id:     "summit",
			want:   []actor.ID{"UA", "willing"},
		},
		{reason: "an unknown actor has no veto holders", id: "XX", want: nil},
	}
	for _, tc := range tests {
		got := slices.Collect(x.VetoHolders(tc.id))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("VetoHolders(%q): %s\n(-want +got):\n%s", tc.id, tc.reason, diff)
		}
		if tc.want == nil {
			continue
		}
		var pos []actor.ID
		for _, i := range actorpos.Of(x).Vetoes(x.Pos(tc.id)) {
			pos = append(pos, x.At(int(i)).ID)
		}
		if diff := cmp.Diff(tc.want, pos); diff != "" {
			t.Errorf("VetoPos(%q): %s\n(-want +got):\n%s", tc.id, tc.reason, diff)
		}
	}
}

// TestIndexVetoHoldersAgreeWithRuleVetoes checks that, for bodies with no
// body among their veto holders, the index says what Actor.RuleVetoes says.
func TestIndexVetoHoldersAgreeWithRuleVetoes(t *testing.T) {
	actors := world()
	x := mustIndex(t, actors)
	for _, a := range actors {
		direct := a.RuleVetoes()
		if !a.Kind.IsBody() || slices.ContainsFunc(direct, func(id actor.ID) bool { b, _ := x.Lookup(id); return b.Kind.IsBody() }) {
			continue
		}
		got := slices.Sorted(x.VetoHolders(a.ID))
		if diff := cmp.Diff(direct, got); diff != "" {
			t.Errorf("VetoHolders(%q) differs from RuleVetoes (-want +got):\n%s", a.ID, diff)
		}
	}
}

func TestIndexConcurrentUse(t *testing.T) {
	x := mustIndex(t, world())
	var wg sync.WaitGroup
	results := make([][]actor.ID, 8)
	for i := range results {
		wg.Go(func() {
			for range 100 {
				if !x.IsMember("HU", "contact-group") {
					results[i] = nil
					return
				}
				results[i] = slices.Collect(x.VetoHolders("G7"))
			}
		})
	}
	wg.Wait()
	want := []actor.ID{"US", "UK", "FR", "DE", "HU", "PL", "EU"}
	for i, got := range results {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("goroutine %d: VetoHolders(G7) (-want +got):\n%s", i, diff)
		}
	}
}

func TestIndexReset(t *testing.T) {
	small := []actor.Actor{
		{ID: "US"}, {ID: "UK"},
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK"}},
	}
	broken := []actor.Actor{{ID: "US"}, {ID: "US"}}
	type answers struct {
		Len          int
		IDs          []actor.ID
		Contributors map[actor.ID][]actor.ID
		VetoHolders  map[actor.ID][]actor.ID
	}
	// ask asks x about the actors of the world and of small.
	ask := func(x *actor.Index) answers {
		a := answers{Len: x.Len(), IDs: slices.Collect(x.IDs()), Contributors: map[actor.ID][]actor.ID{}, VetoHolders: map[actor.ID][]actor.ID{}}
		for _, w := range world() {
			a.Contributors[w.ID] = slices.Collect(x.Contributors(w.ID))
			a.VetoHolders[w.ID] = slices.Collect(x.VetoHolders(w.ID))
		}
		return a
	}
	var x actor.Index
	steps := []struct {
		reason  string
		actors  []actor.Actor
		wantErr error // nil for none
	}{
		{reason: "a zero Index indexes the world", actors: world()},
		{reason: "a smaller set reuses the memory and forgets the world", actors: small},
		{reason: "a broken set leaves the index empty", actors: broken, wantErr: actor.ErrDuplicateID},
		{reason: "the world again, after an error", actors: world()},
	}
	for _, step := range steps {
		err := x.Reset(step.actors)
		if step.wantErr == nil && err != nil || step.wantErr != nil && !errors.Is(err, step.wantErr) {
			t.Errorf("%s: Reset error %v, want %v", step.reason, err, step.wantErr)
		}
		want := answers{Contributors: map[actor.ID][]actor.ID{}, VetoHolders: map[actor.ID][]actor.ID{}}
		for _, w := range world() {
			want.Contributors[w.ID] = nil
			want.VetoHolders[w.ID] = nil
		}
		if step.wantErr == nil {
			want = ask(mustIndex(t, step.actors))
		}
		if diff := cmp.Diff(want, ask(&x)); diff != "" {
			t.Errorf("%s: a reused index answers as a fresh one\n(-want +got):\n%s", step.reason, diff)
		}
	}
}

// naive answers the questions of an Index the slow, obvious way, from
// docs/MODEL.md's definitions, for valid actors.
type naive struct {
	actors []actor.Actor
	pos    map[actor.ID]int
}

func newNaive(actors []actor.Actor) naive {
	n := naive{actors: actors, pos: map[actor.ID]int{}}
	for i, a := range actors {
		n.pos[a.ID] = i
	}
	return n
}

// desc returns the positions of the actor at i and its members at any depth.
func (n naive) desc(i int) []int {
	out := []int{i}
	for _, m := range n.actors[i].Members {
		out = append(out, n.desc(n.pos[m])...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// vetoes returns the positions of the veto holders of the actor at i: a
// state itself; for a body the holders of its rule and, for each holder
// that is a body, its own.
func (n naive) vetoes(i int) []int {
	a := n.actors[i]
	if !a.Kind.IsBody() {
		return []int{i}
	}
	var out []int
	for _, id := range a.RuleVetoes() {
		j := n.pos[id]
		out = append(out, j)
		if n.actors[j].Kind.IsBody() {
			out = append(out, n.vetoes(j)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (n naive) ids(pos []int) []actor.ID {
	var out []actor.ID
	for _, i := range pos {
		out = append(out, n.actors[i].ID)
	}
	return out
}

// randomActors returns a valid set of states and bodies: a body's members
// are actors made before it, so membership never loops, and the set is
// shuffled so that positions do not follow that order.
func randomActors(r *rand.Rand) []actor.Actor {
	actors := make([]actor.Actor, 1+r.IntN(25))
	for i := range actors {
		a := actor.Actor{ID: actor.ID("A" + strconv.Itoa(i))}
		if i > 0 && r.IntN(3) > 0 {
			a.Kind = actor.Kind(1 + r.IntN(3))
			for _, j := range r.Perm(i)[:1+r.IntN(min(i, 5))] {
				a.Members = append(a.Members, actors[j].ID)
			}
			a.Decides = actor.Decision(r.IntN(4))
			if a.Rule() != actor.Separately && r.IntN(3) == 0 {
				a.Threshold = 1 + r.IntN(len(a.Members))
			}
			for _, m := range a.Members {
				if r.IntN(4) == 0 {
					a.Vetoes = append(a.Vetoes, m)
				}
			}
		}
		actors[i] = a
	}
	r.Shuffle(len(actors), func(i, j int) { actors[i], actors[j] = actors[j], actors[i] })
	return actors
}

func TestIndexAgreesWithDefinitions(t *testing.T) {
	r := rand.New(rand.NewPCG(1994, 2025)) // seeded: the same sets every run
	for round := range 300 {
		actors := randomActors(r)
		x, err := actor.NewIndex(actors)
		if err != nil {
			t.Fatalf("round %d: NewIndex of a valid set: %v", round, err)
		}
		n := newNaive(actors)
		for i, a := range actors {
			if diff := cmp.Diff(n.ids(n.desc(i)), slices.Collect(x.Contributors(a.ID))); diff != "" {
				t.Fatalf("round %d: Contributors(%s) of %v\n(-want +got):\n%s", round, a.ID, actors, diff)
			}
			if diff := cmp.Diff(n.ids(n.vetoes(i)), slices.Collect(x.VetoHolders(a.ID))); diff != "" {
				t.Fatalf("round %d: VetoHolders(%s) of %v\n(-want +got):\n%s", round, a.ID, actors, diff)
			}
			for j, b := range actors {
				want := i != j && slices.Contains(n.desc(j), i)
				if diff := cmp.Diff(want, x.IsMember(a.ID, b.ID)); diff != "" {
					t.Fatalf("round %d: IsMember(%s, %s) of %v\n(-want +got):\n%s", round, a.ID, b.ID, actors, diff)
				}
			}
		}
	}
}

// TestNewIndexBrokenSets breaks valid sets in one way each and checks that
// NewIndex reports the break, with its sentinel, and never panics.
func TestNewIndexBrokenSets(t *testing.T) {
	breaks := []struct {
		reason string
		want   error
		edit   func(r *rand.Rand, actors []actor.Actor) bool // false when the set cannot be broken so
	}{
		{
			reason: "a body becomes a member of one of its members at any depth",
			want:   actor.ErrMembershipLoop,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				n := newNaive(actors)
				for _, i := range r.Perm(len(actors)) {
					for _, j := range n.desc(i) {
						if j != i && actors[j].Kind.IsBody() {
							actors[j].Members = append(slices.Clone(actors[j].Members), actors[i].ID)
							return true
						}
					}
				}
				return false
			},
		},
		{
			reason: "a member is not among the actors",
			want:   actor.ErrUnknownActor,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				for _, i := range r.Perm(len(actors)) {
					if actors[i].Kind.IsBody() {
						actors[i].Members = append(slices.Clone(actors[i].Members), "ZZ")
						return true
					}
				}
				return false
			},
		},
		{
			reason: "a veto holder is not among the actors",
			want:   actor.ErrVetoNotMember,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				for _, i := range r.Perm(len(actors)) {
					if actors[i].Kind.IsBody() {
						actors[i].Vetoes = append(slices.Clone(actors[i].Vetoes), "ZZ")
						return true
					}
				}
				return false
			},
		},
		{
			reason: "a veto holder is an actor but not a member",
			want:   actor.ErrVetoNotMember,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				for _, i := range r.Perm(len(actors)) {
					for _, j := range r.Perm(len(actors)) {
						if actors[i].Kind.IsBody() && i != j && !slices.Contains(actors[i].Members, actors[j].ID) {
							actors[i].Vetoes = append(slices.Clone(actors[i].Vetoes), actors[j].ID)
							return true
						}
					}
				}
				return false
			},
		},
		{
			reason: "two actors share an ID",
			want:   actor.ErrDuplicateID,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				if len(actors) < 2 {
					return false
				}
				p := r.Perm(len(actors))
				actors[p[0]].ID = actors[p[1]].ID
				return true
			},
		},
		{
			reason: "a state has members",
			want:   actor.ErrMembersOfState,
			edit: func(r *rand.Rand, actors []actor.Actor) bool {
				for _, i := range r.Perm(len(actors)) {
					if !actors[i].Kind.IsBody() {
						actors[i].Members = []actor.ID{actors[r.IntN(len(actors))].ID}
						return true
					}
				}
				return false
			},
		},
	}
	r := rand.New(rand.NewPCG(1949, 2022)) // seeded: the same sets every run
	for _, b := range breaks {
		t.Run(b.reason, func(t *testing.T) {
			broken := 0
			for round := range 200 {
				actors := randomActors(r)
				if !b.edit(r, actors) {
					continue
				}
				broken++
				x, err := actor.NewIndex(actors)
				if x != nil || !errors.Is(err, b.want) {
					t.Fatalf("round %d: NewIndex(%v) = %v, want a nil index and an error wrapping %v", round, actors, err, b.want)
				}
				ps, _ := errors.AsType[actor.Problems](err)
				for k, p := range ps {
					if p.Actor < 0 || p.Actor >= len(actors) || (k > 0 && p.Actor < ps[k-1].Actor) {
						t.Fatalf("round %d: problems out of order or out of range: %v", round, err)
					}
				}
			}
			if broken < 50 {
				t.Errorf("only %d of 200 sets could be broken so; the test needs more", broken)
			}
		})
	}
}

func TestMemberships(t *testing.T) {
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "HU"}, {ID: "FR"}, {ID: "US"},
		{ID: "EU", Kind: actor.Organization, Members: []actor.ID{"HU", "FR"}},
		{ID: "G7", Kind: actor.Organization, Members: []actor.ID{"EU", "FR", "US"}},
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"HU", "FR", "US"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		reason string
		id     actor.ID
		want   []actor.ID
	}{
		{"a member of a member belongs to both bodies, in slice order", "HU", []actor.ID{"EU", "G7", "NATO"}},
		{"a direct member of two bodies and, through the EU, of the G7 only once", "FR", []actor.ID{"EU", "G7", "NATO"}},
		{"a body belongs to the bodies it is a member of", "EU", []actor.ID{"G7"}},
		{"a body that belongs to nothing", "NATO", nil},
		{"an unknown actor yields nothing", "XX", nil},
	} {
		if diff := cmp.Diff(tc.want, slices.Collect(x.Memberships(tc.id))); diff != "" {
			t.Errorf("%s\nMemberships(%s) (-want +got):\n%s", tc.reason, tc.id, diff)
		}
	}
}
