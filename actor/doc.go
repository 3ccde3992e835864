// Package actor models who takes part in a security framework: states and
// the bodies they form (alliances, organizations, coalitions), who is a
// member of what, and how each body decides.
//
//	p5 := []actor.ID{"US", "UK", "FR", "RU", "CN"}
//	x, err := actor.NewIndex([]actor.Actor{{ID: "US"}, {ID: "UK"}, {ID: "FR"}, {ID: "RU"}, {ID: "CN"},
//		{ID: "UNSC", Kind: actor.Organization, Members: p5, Decides: actor.Majority, Vetoes: p5}})
//	for id := range x.VetoHolders("UNSC") { ... } // US UK FR RU CN: each can stop the Council alone
//
// # Conventions
//
// An [ID] is a short, case-sensitive code of ASCII letters, digits, '-' and
// '_': "US", "UA", "NATO", "coalition-of-the-willing". An [Actor] is a plain
// value; its zero [Kind] is [State].
//
// A body's decision rule has two parts: a quorum, the number of its direct
// members that must agree, and explicit veto holders, members whose "no"
// blocks it whatever the count. The quorum comes from [Actor.Decides]:
// every member under [Unanimity] (also written "consensus", the default for
// alliances and organizations), more than half under [Majority], or an
// explicit [Actor.Threshold]. A body that decides [Separately] (the default
// for coalitions) has no quorum: each member acts for itself and only
// explicit vetoes count.
//
// The veto holders of a rule ([Actor.RuleVetoes]) are the explicit ones plus
// every member whose "no" alone leaves too few to reach the quorum: all
// members under unanimity (NATO's North Atlantic Council, EU sanctions), and
// under majority only in a body of one or two. A UN Security Council-like
// body is majority with vetoes [US, UK, FR, RU, CN].
//
// # Parties set aside
//
// Some bodies do not count the votes of the parties to a dispute when they
// decide on it: the League Council under Article 15 of the Covenant, the
// UN Security Council on pacific settlement (Charter Article 27(3)), the
// OSCE's "consensus minus one", the EU under Article 7 TEU. A body says so
// with [Actor.PartiesAside]; who the parties are depends on the decision,
// so the index answers for parties the caller names:
// [Index.VetoHoldersAside] sets them aside in the body's rule whatever its
// flag says (the caller has decided that the rule applies); a member body
// sets them aside only where its own flag says so.
// A party among the direct members holds no veto and does not count towards
// the quorum; an explicit threshold N stays N, counted among the other
// members, and when fewer than N of them remain every one of them holds a
// veto. A party that is a body sets aside itself, not its members. A member
// body that holds a veto decides by its own rule, setting the parties aside
// only when its own flag says so.
//
// # Index
//
// [NewIndex] checks a set of actors as a whole (unique IDs, known members,
// no membership loops) and answers what evaluation needs: membership at any
// depth ([Index.IsMember]), the contributors behind a provider
// ([Index.Contributors]) and who can stop an actor from acting
// ([Index.VetoHolders]). For a body, VetoHolders goes one step beyond the
// rule's own holders: where a holder is itself a body, that body's holders
// can block it, and so, through it, the outer body. An Index never changes
// and is safe for concurrent use.
package actor
