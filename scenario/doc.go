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
// Two readings go beyond the letter of DESIGN.md, because a careful analyst
// would make them: a veto holder of a body's rule that is itself a body
// passes its own veto holders up (a member that can block the EU, where the
// EU can block a unanimity body, can block that body too); and a body
// listed under consent(...) consents through its own rule, so its veto
// holders join V(g) beside it.
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
//	blocked-dependency     warning   g requires a guarantee that has an error finding of its own
//	dissenting-member      warning   a contributor that is not the provider and holds no veto in its rule refuses g
//	no-military-response   warning   X is a named attacker of B and no military guarantee to B whose trigger names X
//	                                 is free of error findings
//	unsatisfiable-trigger  warning   g's trigger can never hold
//	idle-position          warning   a refuses, rejects, demands-veto or rejects-veto position picks no guarantee
//	assurance-only         info      every guarantee to a beneficiary is an assurance
//
// A veto-conflict says no deal can satisfy both positions; it is reported
// beside whichever of unmet-veto-demand and rejected-veto the deal as
// written violates, which say this deal does not satisfy one of them.
//
// Where DESIGN.md leaves the granularity open, findings are grouped as a
// reader would want them: one per position for red-line, unmet-veto-demand,
// rejected-veto, unmet-requirement and idle-position (listing every
// guarantee involved); one per guarantee and position for blocked-by-member
// and dissenting-member; one per guarantee for captured-guarantee,
// missing-dependency, blocked-dependency and unsatisfiable-trigger; one per
// attacker and beneficiary for no-military-response; one per beneficiary
// for assurance-only. A guarantee "has an error finding" when an error
// finding lists it among its guarantees. A missing-dependency finding lists
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
// # What-ifs
//
// A what-if is an [Edit]: [Without] an actor, guarantee or position;
// [AddActor], [AddGuarantee], [AddPosition] and their Replace forms;
// [Grant] or [Revoke] a veto; [Set] one field to a value written as in a
// scenario file. Each prints as one line ("without us-air-support",
// "grant RU veto over {beneficiary: UA}", "set us-air-support.strength =
// treaty"). [Scenario.With] applies edits in order and returns a new
// scenario, never changing the old one; each edit is checked as it
// applies, and an actor still named anywhere cannot be removed (the error
// lists where it is named). A [Variant] names a list of edits inside a
// scenario, as a scenario file's variants section does; [Scenario.Variant]
// applies one.
//
// [Compare] says what changes from one scenario to another, typically to
// one of its variants: the edits between them ([Diff]), the findings that
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
// # Timeline
//
// [Simulate] walks the timeline event by event. A guarantee falls due at
// the event after which its trigger holds and before which it did not;
// nothing is due before the first event, so a guarantee with an empty
// trigger ("from the moment the deal holds") falls due at the first event,
// usually the peace deal. What becomes of it is decided when it falls due:
// [Void] when an attacker of its trigger holds a veto over it; else
// [Blocked] when a veto holder stops it because it is aimed at them (they
// are its target, or have attacked its beneficiary in the events so far)
// or because they refuse or reject it, or when a guarantee it requires is
// absent or would itself be void or blocked; else it [Activates], without
// any contributor who refuses it but cannot stop it. A guarantee whose
// trigger stops holding lapses. After each event the walk lists what each
// beneficiary receives, by kind: the due guarantees that activated.
//
// DESIGN.md says an attacker blocks "what is aimed at it" without saying
// what that is; the walk reads it as the guarantee's target, or any
// guarantee to a beneficiary the actor has attacked. A requirement counts
// while the guarantee it names would stand, whether or not it is due yet:
// Europe's force stands on a US backstop that fires only after an attack.
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
// [WriteSweep]) show control characters and bidirectional overrides in
// the scenario's text escaped ("\x1b", "\u202e"), with colour or
// without, and [WriteMarkdown] links a source only when its URL is an
// http or https address. [Warnings] reports such text, and source URLs
// that cannot be links, as warnings rather than errors: the file is
// valid, and no finding or verdict depends on them. The design left open
// whether these should be findings; they are warnings of validation
// because they concern how the file reads, not whether the deal holds, and
// so that sweeps and searches, which evaluate many times, pay nothing for
// them.
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
