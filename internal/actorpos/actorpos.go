// Package actorpos gives the packages of the module that work with actors
// by position (scenario and guarantee) the positional forms of an
// actor.Index's answers: the same lists the index computes, as sorted
// positions in the slice it indexed, without a copy or an allocation.
// Package actor fills in [Of]; these forms are no part of its API, which
// answers by ID.
package actorpos

// Span is the half-open range Data[Lo:Hi] of a list.
type Span struct{ Lo, Hi int32 }

// Spans are one actor's lists.
type Spans struct {
	Members Span // direct members, as given
	Desc    Span // the actor and its members at any depth, sorted
	Vetoes  Span // veto holders of its rule, through member bodies, sorted
}

// Lists are an index's lists by position. Spans and Data are the index's
// own; Memberships, VetoesAside and VetoesParties are bound to it.
type Lists struct {
	Spans []Spans // per actor
	Data  []int32

	// Memberships returns the bodies actor i is a member of at any depth,
	// sorted (actor.Index.Memberships).
	Memberships func(i int) []int32
	// VetoesAside appends to dst the veto holders of body p with parties
	// (sorted positions) set aside (actor.Index.VetoHoldersAside).
	VetoesAside func(p int, parties, dst []int32) []int32
	// VetoesParties is VetoesAside where p sets the parties aside only if
	// its own rule says so, as every member body does.
	VetoesParties func(p int, parties, dst []int32) []int32
}

// Contributors returns actor i and its members at any depth, sorted
// (actor.Index.Contributors).
func (l *Lists) Contributors(i int) []int32 { s := l.Spans[i].Desc; return l.Data[s.Lo:s.Hi] }

// Vetoes returns the veto holders of actor i's rule, sorted
// (actor.Index.VetoHolders).
func (l *Lists) Vetoes(i int) []int32 { s := l.Spans[i].Vetoes; return l.Data[s.Lo:s.Hi] }

// Of returns the lists of x, an *actor.Index. Package actor sets it.
var Of func(x any) *Lists
