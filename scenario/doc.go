// Package scenario holds a security framework under study and answers
// questions about it: is it valid, and can the positions in it be
// satisfied together?
//
// A [Scenario] is a plain value: actors, the guarantees on the table, the
// positions actors hold, the vetoes a draft deal grants, and a timeline.
// [Validate] reports every problem in it at once, each with its path in the
// terms of scenario files ("guarantees[3].provider: unknown actor "USA";
// did you mean "US"?"). [Evaluate] returns a [Report]: a [Verdict] and the
// [Finding] values that explain it, each with the actors, guarantees and
// positions it involves, a one-line message and the sources behind it.
//
// # Positions
//
// Each [Position] is held by one actor about the guarantees its selector
// picks:
//
//	refuses S        "I will not provide S"     violated when a guarantee in S has the actor among its contributors
//	rejects S        "no deal may contain S"    violated when a guarantee in S is in the deal
//	requires S       "no deal without S"        violated when no guarantee is in S
//	demands-veto S   "I must be able to stop S" violated when a guarantee in S lacks the actor among its veto holders
//	rejects-veto S   "none of By may stop S"    violated when a guarantee in S has one of By, other than its own
//	                                            provider, among its veto holders (empty By: anyone but the provider)
//
// A granted [Veto] makes its holder a veto holder of every guarantee its
// selector picks: how a draft writes "the guarantors act only by unanimous
// decision, Russia among them".
//
// # Contributors and veto holders
//
// The contributors of a guarantee are its provider and every member of the
// provider at any depth. The veto holders of a guarantee, V(g), are the
// actors whose "no" stops it when it is due: none under automatic
// activation; under the provider's activation, the provider itself for a
// state and the veto holders of its rule for a body ([actor.Index.VetoHolders]);
// under consent(A, ...), those plus each listed actor; under body(X), the
// veto holders of X's rule; plus every actor a granted veto names.
//
// Two readings go beyond the letter of docs/MODEL.md, because a careful analyst
// would make them: a veto holder of a body's rule that is itself a body
// passes its own veto holders up (a member that can block the EU, where the
// EU can block a unanimity body, can block that body too); and a body
// listed under consent(...) consents through its own rule, so its veto
// holders join V(g) beside it.
//
// # Parties set aside
//
// A body's rule ([actor.Actor.PartiesAside]) or a single activation
// ([guarantee.Activation.PartiesAside]) may set the parties to a dispute
// aside, as the League Council did under Article 15 of the Covenant, the
// UN Security Council does on pacific settlement (Charter Article 27(3)),
// and the OSCE's "consensus minus one" does. For a guarantee g the parties
// are the attackers of its trigger and its beneficiary (Simulate judges
// with the same parties, through the one function that a walk per call
// asks with the attackers of that call). Where a deciding body sets
// them aside they hold no veto in its rule and its threshold counts only
// its other direct members ([actor.Index.VetoHoldersAside] says how an
// explicit threshold and bodies inside bodies are read). The choices made
// where docs/MODEL.md is silent:
//
//   - The bodies that decide g are its provider when it is a body (under
//     provider and consent activation), the body of body(X), and each body
//     listed under consent(...). The activation's flag applies to all of
//     them; a body's own flag to its own decisions wherever it decides.
//   - States keep their say: a state provider decides for itself, and a
//     state listed under consent(...) must consent, party or not; a body
//     listed under consent(...) must consent itself too, as before. So a
//     provider that attacks stays a veto holder, and its guarantee stays
//     captured.
//   - A veto the deal grants is no vote in a body: it stays.
//   - The activation's flag is valid only where a body decides
//     ([ErrAsideNoBody], [guarantee.ErrAsideAutomatic]).
//   - blocked-by-member and dissenting-member read the provider's rule with
//     g's parties aside where the provider's flag says so, or g's
//     activation does and the provider decides it (provider and consent;
//     under body(X) the activation is X's decision).
//
// # Any attacker
//
// Most real defence pacts answer "an armed attack against one of them",
// by whoever makes it: a trigger writes that attack(*, B), and a violation
// by anyone violation(*) ([guarantee.Anyone]). A timeline never does: an
// event that happened names who did it, and Validate refuses * there, as
// it does in an activation. In a walk, an event attack(X, B) makes
// attack(*, B) hold, and X is the attacker of that call, so void and
// blocked are judged against X; a later attack on B by Y is a new call
// with Y as its attacker. In the checks, * names no one:
//
//   - captured-guarantee, captured-renewal and parties-set-aside stay
//     about the attackers a trigger names;
//   - no-military-response counts a guarantee to B whose trigger admits
//     any attacker as answering every named attacker of B;
//   - insider-veto warns of what * opens: a veto holder of g, other than
//     g's provider and beneficiary, that could be the attacker, so that g
//     cannot fire against it (NATO's Article 5 under consensus, Greece
//     against Turkey).
//
// The choices made where docs/MODEL.md is silent: an actor already named as
// an attacker is left to captured-guarantee, which says more, and not
// named again by insider-veto; the beneficiary C of attack(*, C) cannot be
// the attacker of that attack, so a guarantee to UA due on attack(*, PL)
// names no insider for PL's veto; a party set aside by a rule loses its
// veto in the very call where it attacks, so it is no insider; and a trigger
// admits any attacker of B when it names any attack or violation by
// anyone, as a trigger naming violation(X) names X. No selector field
// names an attacker, so * has no place in a selector. A scenario without
// * evaluates exactly as before.
//
// A guarantee that would be captured but for the rule gets the info
// finding parties-set-aside, naming the parties set aside and the rule.
// Scenarios in which nothing sets the parties aside evaluate exactly as
// they did before the rule existed.
//
// # Findings
//
// Each finding code is checked by one function named after it, whose doc
// comment says when it fires and cites the case behind it.
//
//	code                   severity  fires when
//	veto-conflict          error     an actor demands a veto over guarantees another actor's rejects-veto forbids it,
//	                                 and a guarantee on the table falls under both (once per pair of positions)
//	captured-guarantee     error     an attacker named in g's trigger is among g's veto holders
//	red-line               error     a rejects position is violated, or a refuses position by the provider itself
//	blocked-by-member      error     a veto holder of the rule of g's provider (a body) refuses or rejects g
//	unmet-requirement      error     a requires position finds nothing
//	unmet-veto-demand      error     a demands-veto position is violated
//	rejected-veto          error     a rejects-veto position is violated
//	missing-dependency     error     g requires a guarantee that is not in the deal
//	captured-renewal       error     a veto holder of the body that renews g's mandate is an attacker of g's trigger
//	blocked-renewal        error     a veto holder of the body that renews g's mandate refuses or rejects g
//	blocked-dependency     warning   g requires a guarantee that has an error finding of its own
//	dissenting-member      warning   a contributor that is not the provider and holds no veto in its rule refuses g
//	no-military-response   warning   X is a named attacker of B and no military guarantee to B whose trigger names X,
//	                                 or admits any attacker, is free of error findings
//	insider-veto           warning   g's trigger admits any attacker (attack(*, B)) and a veto holder of g other than
//	                                 its provider and B could be that attacker
//	unsatisfiable-trigger  warning   g's trigger can never hold
//	idle-position          warning   a refuses, rejects, demands-veto or rejects-veto position picks no guarantee
//	assurance-only         info      every guarantee to a beneficiary is an assurance
//	sunset                 info      g's mandate ends on a date with no renewal (the finding gives the date)
//	parties-set-aside      info      an attacker of g's trigger would hold a veto over g but for a rule that sets
//	                                 the parties aside: g is not captured, and this says why
//
// A veto-conflict says no deal can satisfy both positions; it is reported
// beside whichever of unmet-veto-demand and rejected-veto the deal as
// written violates, which say this deal does not satisfy one of them.
//
// Where docs/MODEL.md leaves the granularity open, findings are grouped as a
// reader would want them: one per position for red-line, unmet-veto-demand,
// rejected-veto, unmet-requirement and idle-position (listing every
// guarantee involved); one per guarantee and position for blocked-by-member
// and dissenting-member; one per guarantee for captured-guarantee,
// missing-dependency, blocked-dependency and unsatisfiable-trigger; one per
// guarantee for captured-renewal and sunset, and one per guarantee and
// position for blocked-renewal; one per
// attacker and beneficiary for no-military-response; one per guarantee
// for insider-veto, with the veto holders grouped by how they hold their
// veto; one per beneficiary
// for assurance-only; one per guarantee for parties-set-aside. A
// guarantee "has an error finding" when an error finding lists it among
// its guarantees. A missing-dependency finding lists
// the absent guarantees' IDs beside the one that requires them.
//
// Requires and a selector's ids are not references that validation
// resolves: a deal may lack a guarantee that another requires (that is the
// missing-dependency finding, and what a what-if that removes a guarantee
// must report), and a position may name a guarantee the deal does not
// contain (idle-position says so).
//
// # Search
//
// [Search] answers the negotiator's question: given the offers on the
// table and everyone's positions, which deals are possible? The
// scenario's guarantees are the offers; a package is a subset of them; the
// candidate vetoes are one per demands-veto position. A package is
// feasible when some choice of candidate vetoes makes the scenario, cut
// down to the package, evaluate with no error.
//
// Search does not call Evaluate on every package. It compiles each error
// finding's rule into constraints on which offers a package may hold,
// tagged with the positions they come from: offers a standing position
// rules out (red-line, blocked-by-member, rejected-veto, veto-conflict),
// offers no deal can hold (captured-guarantee, missing-dependency), what a
// candidate veto would capture or have rejected, the offers a demand needs
// covered, the offers a requires position needs one of, and requirements
// between offers. Under one choice of grants the feasible packages are
// closed under union, so that choice has one largest package; the maximal
// feasible packages are the largest of those; k, the number of
// demands-veto positions, is capped at 16.
//
// Granting more candidate vetoes never shrinks the largest feasible
// package (a grant rules out only offers its own unmet demand would rule
// out), so there is at most one maximal package, and feasibility is one
// pass with every standing candidate granted.
//
// Counting adds inclusion-exclusion over the requires positions, down to
// the requirement-closed subsets of a set, counted per group of offers
// that requirements link: exponential in those, not in the offers.
// Concessions and conflicts come from an incremental dualization: the two
// families are each other's minimal hitting sets (feasibility only grows
// as positions are withdrawn), so each round looks for a set of positions
// that meets every conflict found and holds no concession found, and
// shrinks it to a new concession or its complement to a new conflict;
// when no such set remains both are complete. The cost follows the number
// found. When the offers fail on their own, with every position
// withdrawn, no concession helps and the one minimal conflict is the
// empty set of positions, reported with the reason. Search stops with the
// context, leaving the result marked incomplete. A brute-force reference
// judged by Evaluate agrees with Search in the tests on thousands of
// random scenarios.
//
// # Values and deals
//
// [Scenario.Values] say what actors value in a deal, for bargaining
// (docs/MODEL.md, "Bargaining"; the package bargain computes the solutions):
// a [Weight] on a selector counts once per guarantee of the deal it picks,
// a weight on a demands-veto position's candidate veto counts when the
// deal grants it. Values never change what Evaluate or Search find.
//
// [Deals] enumerates the deals bargaining ranges over: every
// feasible non-empty package with each choice of candidate vetoes that
// makes it feasible, as a [Deal]. A candidate veto whose grant covers no
// offer of the package is still a choice of its own: the deal grants it,
// and an actor may value the grant. The count can be as large as 2^offers
// times 2^candidates; [DealOptions].Limit bounds it, and past it the
// sequence ends with [ErrTooManyDeals] rather than a partial answer
// passed off as whole.
//
// # What-ifs
//
// A what-if is an [Edit]: [Without] an actor, guarantee or position;
// [AddActor] (several at once: [AddActors]), [AddGuarantee], [AddPosition]
// and their Replace forms;
// [Grant] or [Revoke] a veto; [Set] one field to a value written as in a
// scenario file; [WithMandate] and [WithoutMandate] a guarantee's
// mandate. Each prints as one line ("without us-air-support", "grant RU
// veto over {beneficiary: UA}", "set us-air-support.strength = treaty",
// "with mandate eu-force: renewed by UNSC every 6 months"). A mandate is
// edited whole, not field by field: WithMandate replaces the one a
// guarantee had, and refuses the zero Mandate (WithoutMandate removes
// one, and refuses a guarantee with none), so that every mandate edit
// leaves one that stands on its own. Set of the timeline takes dated
// events, "2009-06-15 renewal(UNSC)", and checks their order. [Scenario.With] applies edits in order and returns a new
// scenario, never changing the old one; each edit is checked as it
// applies, and an actor still named anywhere cannot be removed (the error
// lists where it is named). A [Variant] names a list of edits inside a
// scenario, as a scenario file's variants section does; [Scenario.Variant]
// applies one, and Variant([AsWritten]) is the scenario as written.
//
// [Compare] says what changes from one scenario to another, typically to
// one of its variants: the edits between them ([Diff], which names a
// changed mandate by its mandate edit and a changed timeline with its
// dates), the findings that
// appeared, went away or changed, each with the edits that alone make that
// change, and how the feasible packages relate: [Equivalent],
// [MorePermissive], [LessPermissive] or [Incomparable], with the counts,
// an example package on each side that the other side rules out, and the
// error findings that rule it out there. Packages are compared as sets of
// guarantee IDs.
//
// The relation is decided exactly without listing packages. With every
// position standing, a scenario's feasible packages are the subsets of one
// largest package L that hold every offer their offers require and meet
// every requires position (the search's single maximal package, above).
// So some package of A is not one of B exactly when L(A) is not a package
// of B, or A's largest package without an offer r still holds an offer
// that requires r in B, or A's largest package avoiding every offer of one
// of B's requires positions is still a package of A. Each test is one
// closure under requirements, linear in offers and requirements, so the
// whole costs offers × (requirements + requires positions) of them. A brute-force comparison of package sets agrees with it
// in the tests on thousands of random pairs of scenarios.
//
// Findings are paired by code and what they involve; a finding with the
// same code and positions (or, without positions, the same code and
// guarantees) but a different message or different lists is a change, not
// one finding gone and another new.
//
// # Time
//
// [Simulate] walks the timeline event by event, as docs/MODEL.md's section
// "Time" says; a guarantee is judged at each call, not once.
//
// Calls. A guarantee is called at the event after which its trigger holds
// and before which it did not (nothing is called before the first event,
// so an empty trigger, "from the moment the deal holds", is called at the
// first event), and called again at each later attack or violation its
// trigger names while it holds, a repeat of an earlier one included. The
// attackers of the first call are the attackers of every attack and
// violation so far that the trigger names; those of a later call, the
// attacker of its event; a trigger that holds with no attack (peace-deal,
// ceasefire) makes a call with none. A call is [Void] when one of its
// attackers holds a veto over the guarantee; else [Blocked] when a veto
// holder is aimed at (it is the guarantee's target, or has attacked the
// beneficiary in the events so far), refuses or rejects the guarantee by a
// position, or when a guarantee it requires is absent, has lapsed, or
// would be void or blocked if called with the same attackers; else it
// [Activates], without any contributor who refuses it but cannot stop it.
// Cyprus, 1974: Greece's coup does not void Turkey's guarantee; Turkey's
// landing is a new call, void for Turkey's own.
//
// Mandates. A guarantee whose [guarantee.Mandate] names a body is renewed
// by that body at each renewal point: every period from the mandate's
// start between two dated events, and at each renewal event of the
// timeline ("renewal" for every body, "renewal(X)" for X alone). The
// renewal fails when a veto holder of the body's rule is an attacker of an
// attack or violation so far that the trigger names, or refuses or rejects
// the guarantee by a position; then, or once the walk passes its end date
// (a sunset), the guarantee lapses: it is never called again, it is no
// longer received, and what requires it is blocked. Each step lists the
// lapses since the event before, with the date, the body, and who blocked
// the renewal and why; the walk ends with how long each guarantee lasted,
// from its first call to its lapse or to the end of the timeline, in
// events and, where both ends are dated, in days; of a guarantee none of
// whose calls activated, that it was never received and what became of its
// calls ("void at its only call (event 2)").
//
// Evaluate reports what a mandate foretells without a timeline:
// captured-renewal (a veto holder of the renewing body attacks in the
// trigger: UNOMIG, Georgia, 2009), blocked-renewal (one refuses or rejects
// the guarantee: UNPREDEP, 1999) and sunset. Search counts the two errors
// like every other: such a guarantee is in no feasible deal.
//
// Where docs/MODEL.md is silent, the walk reads it so:
//
//   - "Aimed at" a veto holder means its target, or a guarantee to a
//     beneficiary it has attacked, as before mandates existed.
//   - A trigger that stops holding and holds again (any(all(a, not(b)), c)
//     after a, b, c) is due again: that is a call, numbered after the
//     others, whose attackers are those of a first call.
//   - Renewal points fall at the start of their day, before that day's
//     events; a sunset still covers its end date and lapses at the first
//     dated event after it. Points up to the first dated event are before
//     the walk (nothing has happened to block them). Periods count from
//     the mandate's From date, or else from the first dated event, each
//     point counted from that anchor ([guarantee.Period.After]): months
//     keep the anchor's day of the month, clamped to the last day of a
//     shorter month, so a monthly mandate from 31 January renews on 28
//     or 29 February, then on 31 March. In an undated timeline only
//     renewal events are renewal points, and a sunset never passes.
//   - Between two events the state does not change, so when one renewal
//     point passes so do the others before the next event: the walk
//     judges the first only, and its cost does not grow with the number
//     of points.
//   - Granted vetoes are vetoes over a guarantee when it is called, not
//     over its renewal, which is the renewing body's decision by its rule.
//   - A guarantee that already activated keeps being received until its
//     next call, its lapse, or its trigger stops holding; a requirement
//     that lapses blocks it at its next call.
//
// # Uncertainty
//
// Nobody knows whether a red line will hold or a promise be kept. A
// guarantee, a position and a granted veto may carry a Likelihood: the
// chance the provider honours the guarantee when it is due, the actor
// holds the position, the deal grants the veto. Nil means certain.
// [Evaluate], [Search], [Simulate] and [Compare] treat every element as
// holding; [Sweep] draws samples of which elements hold, each
// independently with its likelihood, and evaluates each sample (and, as
// asked, searches and walks it). A guarantee not honoured is off the
// table, a position not held is withdrawn, a veto not granted is left out.
//
// A sweep reports the chance of a compatible scenario, how often each
// finding code and each finding occurs, how often a deal is possible and
// each offer forced or dead, and how often each beneficiary receives each
// kind after each event, each as a share of the samples with a 95% Wilson
// score interval, which stays inside [0, 1] and keeps its coverage near 0
// and 1, where a normal approximation fails. Counts per sample (error
// findings, offers in the largest deal) are summarised by mean, standard
// deviation and quartiles, with golang.org/x/exp/stats.
//
// Sensitivity is read from the same samples: for each uncertain element,
// the share of compatible samples among those in which it held, less the
// share among those in which it did not. Elements are independent, so the
// difference estimates the average effect of the element on the chance of
// a compatible scenario, the others drawn as they are. An element that
// changes nothing has an effect near 0, inside the noise its two
// intervals show.
//
// A sweep is reproducible: sample i draws from a PCG generator seeded with
// the sweep's seed and i, so the same seed and number of samples give the
// same result, byte for byte, however many cores run it. The workers
// share a cache, so that each distinct sample is evaluated once and its
// repeats only counted; a scenario with k uncertain elements has at most
// 2^k distinct samples.
//
// # Text from the file
//
// A scenario file comes from someone else. The writers of this package
// ([Text], [WriteMarkdown], [WriteComparison], [WriteSimulation],
// [WriteSweep], [WriteSearch]) show control characters and bidirectional overrides in
// the scenario's text escaped ("\x1b", "\u202e"), with colour or
// without, and [WriteMarkdown] links a source only when its URL is an
// http or https address. [Warnings] reports such text, and source URLs
// that cannot be links, as warnings rather than errors: the file is
// valid, and no finding or verdict depends on them. The design left open
// whether these should be findings; they are warnings of validation
// because they concern how the file reads, not whether the deal holds, and
// so that sweeps and searches, which evaluate many times, pay nothing for
// them. For the same reasons [Warnings] reports a kind under a top level
// the SDK does not name, such as "air-support" written for
// "military/air-support", which would quietly stop counting as military.
//
// # Order and determinism
//
// Findings are ordered by severity, then code, then the first guarantee,
// then the first actor, then positions and message; their actors,
// guarantees and sources are sorted, their positions in scenario order and
// named by ID where they have one, else by path ("positions[2]"). The same
// scenario gives the same report, byte for byte, on any machine.
//
// # Concurrency and cost
//
// Functions in this package never change the scenarios they are given, and
// are safe for concurrent use. Evaluate compiles the scenario once (actors
// into a hashed index, every selector resolved to the guarantees it picks,
// through per-field indexes for large scenarios), so its cost grows with
// the size of the scenario and of what the selectors pick, not with
// guarantees × positions. docs/PERFORMANCE.md has the figures.
package scenario
