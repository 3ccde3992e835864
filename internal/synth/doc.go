// Package synth generates synthetic scenarios of a given size, for
// benchmarks and scale tests. It is internal test support, not part of
// Entente's API.
//
// [Generate] turns a [Config] (how many guarantees, positions, actors and
// granted vetoes, and a seed) into a [scenario.Scenario] that passes
// [scenario.Validate]. The same Config always gives the same scenario, on
// every platform: the randomness comes from a [math/rand/v2] PCG source
// seeded from [Config.Seed] and nothing else, and no map is iterated.
//
// # Shape
//
// A generated scenario looks like the seed case scaled up, so that the
// evaluator's work on it is the work a large real study would cause:
//
//   - Actors: a few protected states (the beneficiaries, B1, B2, …), a few
//     aggressors (X1, …), each protected state threatened by one of them,
//     many other states (S1, …), and about one body in twelve: alliances
//     (AL…), organizations (ORG…) and coalitions (CO…). Bodies have
//     members drawn from the states and from bodies created before them, so
//     membership nests but never loops. Every decision rule appears: a
//     unanimity alliance, a Security Council-like organization deciding by
//     majority with five explicit vetoes (an aggressor among them), a
//     coalition whose members act separately, an organization with an
//     explicit two-thirds threshold, and a random mix after those.
//   - Guarantees: one of [guarantee.Named] each, from a state (mostly) or a
//     body, to a protected state, often against its aggressor and in a
//     location. Triggers are empty, peace-deal, attack(X, B),
//     all(peace-deal, attack(X, B)), any(attack(X, B), violation(X)) and,
//     rarely, a condition that can never hold. Activation is mostly the
//     provider's, sometimes automatic, consent(…) or body(X). A few
//     guarantees require others, some of them absent from the scenario.
//   - Positions of all five stances. The first five are the seed's: a
//     state refuses ground troops, the aggressor rejects the alliance's
//     troops, a state requires a given provider's guarantees, the
//     aggressor demands a veto over every guarantee to the first protected
//     state, which rejects it. The rest belong to actors drawn at random,
//     each holding a handful and taking stances that fit its role:
//     protected states require guarantees and reject their aggressor's
//     veto, aggressors demand vetoes and reject foreign troops, states
//     refuse, require or reject, and now and then demand or reject a veto
//     over what they or their bodies provide. Selectors are built from
//     existing guarantees and are as specific as real ones: a beneficiary,
//     kind, provider or ids, often with a second field (provider-in among
//     them), sometimes one that matches nothing, and only rarely empty.
//   - A few granted vetoes, the first an aggressor's over a family of
//     guarantees to the state it threatens, and a timeline with a peace
//     deal and attacks.
//
// [Config.DemandsVeto], when set, fixes how many positions are
// demands-veto positions, the candidate vetoes of [deals.Search],
// whose cost doubles with each. A pass of its own, drawing from a stream
// of its own, replaces positions chosen at random with ones of the wanted
// stance, so the rest of the scenario is the one the same Config without
// it gives.
//
// Broad selectors such as {kind: military/ground-troops} pick a share of
// all guarantees, as they do in real studies, so what the positions pick
// grows with positions times guarantees; the findings, which name only
// the guarantees that break something, grow about as fast as the
// scenario.
//
// # Why internal
//
// The shape above is tuned for measuring the evaluator and will change
// whenever a benchmark needs it to: which actors exist, how IDs are
// spelled, how many findings a scenario causes. None of it is a stable
// API, so the package lives under internal/ where only Entente's own
// tests and benchmarks can import it.
package synth
