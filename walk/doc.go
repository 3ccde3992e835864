// Package walk answers what happens over time: it walks a scenario's
// timeline event by event, judging each call of a guarantee against its
// own attackers (it activates, is blocked, or is void), renewing
// mandates or letting them lapse, and says at the end what each guarantee
// came to.
//
//	sim, err := walk.Simulate(s)
//	if err != nil { ... }
//	walk.WriteText(os.Stdout, sim)
//	for _, lt := range sim.Lifetimes { fmt.Println(lt.Guarantee, walk.LifetimeWords(lt)) }
//
// A [Call] is one time a guarantee is due; a [Lapse] the end of its
// mandate; a [Lifetime] what it came to over the whole walk. [Simulate]
// documents every choice where docs/MODEL.md is silent.
//
// It builds on package scenario's public API alone (the scenario, its
// validation, the veto holders the evaluation computes), reading the
// compiled scenario through internal/core for speed; no other analysis
// package. Package sweep builds on it.
//
// The name is the question's: walk the timeline.
package walk
