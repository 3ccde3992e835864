// Package sweep answers how likely each answer is when guarantees,
// positions and granted vetoes hold only with a likelihood: it draws
// samples, evaluates (and, as asked, searches and walks) each, and
// estimates the chance of a verdict, a finding, an offer being in a deal
// and a guarantee being received, with the elements each depends on most.
//
//	r, err := sweep.Run(ctx, s, sweep.Options{Samples: 10_000, Seed: 1})
//	if err != nil { ... }
//	sweep.WriteText(os.Stdout, r)
//	for _, u := range sweep.UncertainElements(s) { fmt.Println(u.Element, u.Likelihood) }
//
// It builds on package scenario (each sample is a scenario, judged by a
// [scenario.Evaluator]), on package deals for the deals of each sample
// and on package walk for its walk.
//
// The name is the method's: a sweep over the uncertain elements.
package sweep
