// Package guarantee models commitments: one provider's promise of one kind
// of support to one beneficiary, when it falls due, and whose consent it
// then needs.
//
//	g := guarantee.Guarantee{ID: "us-air-support", Provider: "US", Beneficiary: "UA",
//		Kind: guarantee.AirSupport, Trigger: guarantee.MustParseCondition("all(peace-deal, attack(RU, UA))")}
//	g.Kind.Is(guarantee.Military) // true: air support is military
//	peace := func(e guarantee.Event) bool { return e.Name == "peace-deal" }
//	g.Trigger.Holds(peace) // false: not due until Russia attacks again
//
// # Kinds and strength
//
// A [Kind] is a path from the general to the specific, such as
// "military/air-support". [Kind.Is] holds when a kind equals another or lies
// below it, so a selector for "military" picks air support, ground troops
// and naval support alike. The SDK names the common kinds ([Named]); users
// may add their own paths. [Strength] orders [Assurance] < [Political] <
// [Treaty]; its zero value is Political.
//
// # Conditions
//
// A [Condition] says when a guarantee is due. It is written in one small
// grammar shared with scenario files:
//
//	condition = call | name
//	call      = name "(" [ arg { "," arg } ] ")"
//	arg       = condition | actor-id | "*"
//
// all(c, ...), any(c, ...) and not(c) combine conditions; every other name is
// an [Event] whose arguments are actor IDs: peace-deal, ceasefire,
// attack(RU, UA) (RU attacks UA), violation(RU). "*" ([Anyone]) stands
// only as the attacker of an attack or a violation, for a pact that
// answers an attack by whoever makes it: attack(*, TR), violation(*)
// ([AttackOn], [ViolationByAnyone]). A timeline never writes it
// ([ParseEvent] refuses it with its column): an event that happened names
// who did it, and attack(X, B) happening makes attack(*, B) hold
// ([Event.Admits]). A trigger is a [Condition] ([Attack], [On], [AllOf]);
// a timeline is a list of events ([AttackEvent], [ViolationEvent],
// [Renewal], dated with [Event.At], or [ParseDatedEvent]). The empty condition means
// "from the moment the deal holds". [ParseCondition] and [Condition.String]
// round-trip; a parse error is a [*SyntaxError] with the column. Nesting is
// capped at [MaxDepth] so that no input can exhaust the stack.
//
// The attackers of a condition ([Condition.Attackers]) are the first
// arguments of every attack and violation event anywhere in it, even under
// not; * names no one and is not among them ([Condition.ByAnyone] says
// whether a condition has it). [Condition.Satisfiable] says whether any
// set of events makes a condition hold, taking events as independent but
// for one link, that attack(X, B) makes attack(*, B) hold, so
// all(attack(RU, UA), not(attack(*, UA))) never holds; it is exact for every
// condition people write and, past a fixed budget of work on a huge tangled
// one, answers "may hold" rather than hang.
//
// # Activation
//
// An [Activation] says whose consent a guarantee needs when it is due:
// nobody's ([Automatic]), the provider's ([ByProvider], the zero value),
// the provider's and each listed actor's ([Consent]), or a decision of a
// body by its rule ([ByBody]).
//
// # Mandates
//
// A [Mandate] says how long a guarantee lasts: renewed by a body at every
// [Period] from a date, ending on a date, or both. Renewal points are
// counted from that anchor each time, never from the point before, and
// months keep the anchor's day of the month, clamped to the last day of
// a shorter month: a monthly mandate from 31 January renews on 28 or 29
// February, then on 31 March. [Period.After] gives the points, and says
// how a Period of both months and days would count them (months first,
// then days), though a mandate takes one or the other.
//
// # Selectors
//
// A [Selector] picks guarantees by kind (with Is), provider, provider-in,
// beneficiary, target, location and IDs; every field given must match and
// the zero Selector picks all; [SelectIDs]("x", "y") picks guarantees by ID.
// ProviderIn follows docs/MODEL.md: it matches
// when any contributor of the guarantee (its provider or a member of the
// provider at any depth) is the named actor or one of its members at any
// depth, so "troops from NATO countries" catches a coalition whose members
// are NATO members.
package guarantee
