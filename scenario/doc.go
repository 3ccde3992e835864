// Package scenario is Entente's core: a security framework under study
// as a value, its validation, its evaluation into findings, and what-ifs.
// Is the scenario valid, and can the positions in it be satisfied
// together?
//
//	s := examples.Ukraine2025()    // or scenariofile.ReadFile("my.yaml"), or a Scenario built in Go
//	r, err := scenario.Evaluate(s) // the verdict, and the findings that explain it
//	if err != nil { ... }          // scenario.Errors: every problem, each with its path
//	scenario.WriteText(os.Stdout, r)
//	v, err := s.With(scenario.Without{ID: "ru-demands-veto"}) // a what-if
//
// A [Scenario] is a plain value: actors, the guarantees on the table, the
// positions actors hold, the vetoes a draft deal grants, and a timeline.
// [Validate] reports every problem in it at once, each with its path in the
// terms of scenario files ("guarantees[3].provider: unknown actor "USA";
// did you mean "US"?"). [Evaluate] returns a [Report]: a [Verdict] and the
// [Finding] values that explain it, each with the actors, guarantees and
// positions it involves, a one-line message and the sources behind it.
// [Scenario.With] and [Scenario.Variant] make what-ifs, each a new
// scenario made by edits ([Edit]); [Diff] gives the edits between two
// scenarios; [Warnings] finds text in a file that may deceive its reader;
// an [Evaluator] judges scenario after scenario with the same memory.
//
// The other questions have packages of their own, built on this one's
// public API: deals (which deals are possible, every feasible deal),
// walk (the timeline over time), compare (what a what-if changes) and
// sweep (how likely each answer is under the elements' likelihoods).
// This package imports none of them.
//
// The rest of this page is what Evaluate, and so every analysis built on
// it, chose where docs/MODEL.md is silent.
//
// # Veto holders
//
// Two readings of V(g), the veto holders of a guarantee, go beyond the
// letter of docs/MODEL.md, because a careful analyst would make them: a
// veto holder of a body's rule that is itself a body passes its own veto
// holders up (a member that can block the EU, where the EU can block a
// unanimity body, can block that body too); and a body listed under
// consent(...) consents through its own rule, so its veto holders join
// V(g) beside it.
//
// # Parties set aside
//
// A body's rule ([actor.Actor.PartiesAside]) or a single activation
// ([guarantee.Activation.PartiesAside]) may set the parties to a dispute
// aside; for a guarantee g they are the attackers of its trigger and its
// beneficiary (walk.Simulate judges with the same parties, through the one
// function that a walk per call asks with the attackers of that call).
// [actor.Index.VetoHoldersAside] says how an explicit threshold and bodies
// inside bodies are read. Where docs/MODEL.md is silent:
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
// A guarantee that would be captured but for the rule gets the info
// finding parties-set-aside, naming the parties set aside and the rule.
// Scenarios in which nothing sets the parties
// aside evaluate exactly as they did before the rule existed.
//
// # Any attacker
//
// A trigger may answer an attack by anyone, attack(*, B), or a violation
// by anyone, violation(*) ([guarantee.Anyone]); a timeline and an
// activation never name *, and Validate refuses it there. Where
// docs/MODEL.md is silent: an actor already named as an attacker is left
// to captured-guarantee, which says more, and not named again by
// insider-veto; the beneficiary C of attack(*, C) cannot be the attacker
// of that attack, so a guarantee to UA due on attack(*, PL) names no
// insider for PL's veto; a party set aside by a rule loses its veto in the
// very call where it attacks, so it is no insider; and a trigger admits
// any attacker of B when an attack or a violation by anyone can make it
// hold: named under an even number of "not" (a trigger that an attack by
// anyone ends answers none). Whom that attack is on does not count for
// no-military-response, just as docs/MODEL.md counts a trigger that names
// X as answering X whomever X attacks in it: a guarantee to UA due on
// attack(*, PL) answers every attacker of UA, as one due on attack(RU, PL)
// answers RU. No selector field names an
// attacker, so * has no place in a selector. A scenario without *
// evaluates exactly as before.
//
// # Refusals bind contributors
//
// docs/MODEL.md defines a refuses position as "I will not provide S",
// violated where a guarantee matching S has the actor among its
// contributors, and blocked-renewal as a veto holder of the renewing body
// that "refuses or rejects g by a position". Evaluate reads the refusal
// there by the stance's own definition: it counts where a deal would
// violate it, from a contributor of g (its provider, or a member of it at
// any depth). A permanent member of the Security Council that refuses to
// send ground troops, and provides none to a force of others, has no
// refusal the force violates, so it does not end the force's mandate; one
// that rejects the force ("no deal may contain S") does. blocked-by-member
// and dissenting-member are about members of the provider, so they
// already read it so; walk.Simulate reads it so at calls and renewals,
// and deals.Search and deals.WriteASP count blocked-renewal the same way.
//
// One difference remains between Evaluate and the walk: a contributor
// with no veto in the provider's rule that holds one over g otherwise (a
// body it decides by under consent(...) or body(...), or a granted veto)
// and refuses g. The walk blocks every call of g on its refusal; Evaluate
// reports dissenting-member, a warning, which says so, and Search does not
// rule g out: MODEL.md's error findings have no code for it.
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
