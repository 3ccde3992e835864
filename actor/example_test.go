package actor_test

import (
	"errors"
	"fmt"
	"slices"

	"github.com/entente-go/entente/actor"
)

// An index answers who is a member of what, and whose "no" stops a body. NATO
// decides by consensus, so every ally holds a veto; the UN Security Council
// decides by majority, but each of its five permanent members can block it.
func ExampleNewIndex() {
	p5 := []actor.ID{"US", "UK", "FR", "RU", "CN"}
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "US", Name: "United States"},
		{ID: "UK", Name: "United Kingdom"},
		{ID: "FR", Name: "France"},
		{ID: "RU", Name: "Russia"},
		{ID: "CN", Name: "China"},
		{ID: "UA", Name: "Ukraine"},
		{ID: "NATO", Name: "North Atlantic Treaty Organization", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR"}},
		{ID: "UNSC", Name: "UN Security Council", Kind: actor.Organization, Decides: actor.Majority, Members: p5, Vetoes: p5},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("UK in NATO:", x.IsMember("UK", "NATO"))
	fmt.Println("UA in NATO:", x.IsMember("UA", "NATO"))
	fmt.Println("NATO vetoes:", slices.Collect(x.VetoHolders("NATO")))
	fmt.Println("UNSC vetoes:", slices.Collect(x.VetoHolders("UNSC")))
	// Output:
	// UK in NATO: true
	// UA in NATO: false
	// NATO vetoes: [US UK FR]
	// UNSC vetoes: [US UK FR RU CN]
}

// A veto can be held through membership: Hungary can block an EU decision
// taken by unanimity, and the EU, a member of the G7, can block the G7's
// consensus, so Hungary holds a veto over the G7 too.
func ExampleIndex_VetoHolders() {
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "US"}, {ID: "JP"}, {ID: "DE"}, {ID: "HU"},
		{ID: "EU", Kind: actor.Organization, Members: []actor.ID{"DE", "HU"}},
		{ID: "G7", Kind: actor.Organization, Decides: actor.Unanimity, Members: []actor.ID{"US", "JP", "DE", "EU"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("HU in G7:", x.IsMember("HU", "G7"))
	fmt.Println("G7 vetoes:", slices.Collect(x.VetoHolders("G7")))
	// Output:
	// HU in G7: true
	// G7 vetoes: [US JP DE HU EU]
}

// NewIndex reports every problem it finds, with the actor's position and
// field, and errors.Is finds the sentinels among them.
func ExampleNewIndex_problems() {
	_, err := actor.NewIndex([]actor.Actor{
		{ID: "US"},
		{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "USA"}},
		{ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority, Members: []actor.ID{"US"}, Vetoes: []actor.ID{"US", "RU"}},
	})
	fmt.Println(err)
	fmt.Println("unknown actor:", errors.Is(err, actor.ErrUnknownActor))
	// Output:
	// actors[1].members[1]: unknown actor "USA"
	// actors[2].vetoes[1]: veto holder is not a member: "RU"
	// unknown actor: true
}

// The veto holders of a rule: everyone under unanimity, only the explicit
// ones in a large majority body, none in a coalition that acts separately.
func ExampleActor_RuleVetoes() {
	nato := actor.Actor{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK", "FR", "TR"}}
	unsc := actor.Actor{
		ID: "UNSC", Kind: actor.Organization, Decides: actor.Majority,
		Members: []actor.ID{"US", "UK", "FR", "RU", "CN", "BR", "IN"},
		Vetoes:  []actor.ID{"US", "UK", "FR", "RU", "CN"},
	}
	willing := actor.Actor{ID: "willing", Kind: actor.Coalition, Members: []actor.ID{"UK", "FR"}}
	for _, a := range []actor.Actor{nato, unsc, willing} {
		fmt.Printf("%s (%s, quorum %d): %v\n", a.ID, a.Rule(), a.Quorum(), a.RuleVetoes())
	}
	// Output:
	// NATO (unanimity, quorum 4): [FR TR UK US]
	// UNSC (majority, quorum 4): [CN FR RU UK US]
	// willing (separately, quorum 0): []
}

func ExampleParseID() {
	for _, s := range []string{"UA", "coalition-of-the-willing", "U A"} {
		id, err := actor.ParseID(s)
		fmt.Printf("%q %v\n", id, err)
	}
	// Output:
	// "UA" <nil>
	// "coalition-of-the-willing" <nil>
	// "" invalid actor ID "U A": want 1 to 64 letters, digits, '-' or '_'
}

// The League Council of 1926 decided by unanimity, but under Article 15 of
// the Covenant the votes of the parties to a dispute were not counted: on
// a German attack on France, neither can block the Council's finding.
func ExampleIndex_VetoHoldersAside() {
	x, err := actor.NewIndex([]actor.Actor{
		{ID: "UK"}, {ID: "FR"}, {ID: "IT"}, {ID: "JP"}, {ID: "DE"},
		{ID: "council", Kind: actor.Organization, Members: []actor.ID{"UK", "FR", "IT", "JP", "DE"}, PartiesAside: true},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("every vote counted:", slices.Collect(x.VetoHolders("council")))
	fmt.Println("DE and FR aside:", x.VetoHoldersAside("council", []actor.ID{"DE", "FR"}))
	// Output:
	// every vote counted: [UK FR IT JP DE]
	// DE and FR aside: [UK IT JP]
}
