package atop

import (
	"context"
	"fmt"
	"slices"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/parallel"
	"github.com/entente-go/entente/scenario"
)

// Rule is a what-if over the whole record: how every alliance decides its
// obligations. The zero Rule is the record as coded.
type Rule uint8

// The rules.
const (
	AsCoded   Rule = iota // as ATOP codes it: each member decides for itself
	Unanimity             // every alliance decides its obligations by unanimity of its members
	Majority              // every alliance decides its obligations by majority of its members
)

var ruleNames = [...]string{"as-coded", "unanimity", "majority"}

func (r Rule) String() string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return fmt.Sprintf("Rule(%d)", r)
}

// MarshalText writes the rule as its name.
func (r Rule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// ParseRule reads a rule by its name: as-coded, unanimity, majority.
func ParseRule(s string) (Rule, error) {
	if i := slices.Index(ruleNames[:], s); i >= 0 {
		return Rule(i), nil
	}
	return 0, fmt.Errorf("unknown rule %q; want as-coded, unanimity or majority", s)
}

// orAsCoded returns rules, or AsCoded alone when there are none: what
// Check, the writers and Summarize take no rules to mean.
func orAsCoded(rules []Rule) []Rule {
	if len(rules) == 0 {
		return []Rule{AsCoded}
	}
	return rules
}

// check returns an error for a Rule that is none of the rules.
func (r Rule) check() error {
	if int(r) >= len(ruleNames) {
		return fmt.Errorf("unknown rule %v; want as-coded, unanimity or majority", r)
	}
	return nil
}

// Apply returns s with the rule applied to the alliance body of an imported
// phase, the actor ATOPn of the atopid its ATOP source cites (whatever
// other bodies a researcher has added): the alliance decides by the rule,
// and every guarantee is activated by its decision, body(ATOPn). AsCoded
// returns s as it is. s is not changed. Under majority a renewal is by
// majority too, as the alliance decides everything the same way.
func (r Rule) Apply(s scenario.Scenario) scenario.Scenario {
	if r == AsCoded {
		return s
	}
	body, ok := allianceOf(s)
	if !ok {
		return s
	}
	i := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return a.ID == body })
	if i < 0 {
		return s
	}
	s.Actors = slices.Clone(s.Actors)
	s.Actors[i].Decides = actor.Unanimity
	if r == Majority {
		s.Actors[i].Decides = actor.Majority
	}
	s.Guarantees = slices.Clone(s.Guarantees)
	for j := range s.Guarantees {
		s.Guarantees[j].Activation = guarantee.DecidedBy(body)
	}
	return s
}

// checkedUnder returns rules, AsCoded when there are none (as [Check]
// takes them), and an error unless every result was checked under them,
// in their order: the writers lay out one group of columns per rule and
// read each result's outcomes by it.
func checkedUnder(results []Result, rules []Rule) ([]Rule, error) {
	rules = orAsCoded(rules)
	for _, res := range results {
		ok := len(res.Outcomes) == len(rules)
		for k := 0; ok && k < len(rules); k++ {
			ok = res.Outcomes[k].Rule == rules[k]
		}
		if !ok {
			got := make([]Rule, len(res.Outcomes))
			for k, o := range res.Outcomes {
				got[k] = o.Rule
			}
			return nil, fmt.Errorf("atopid %d phase %d was checked under %v, not %v", res.Info.Alliance, res.Info.Phase, got, rules)
		}
	}
	return rules, nil
}

// Result is the check of one phase under each rule asked for.
type Result struct {
	Info     Info
	Outcomes []Outcome // one per rule, in the order asked
}

// Outcome is the verdict of one phase under one rule, and how many
// findings of each code it has.
type Outcome struct {
	Rule    Rule
	Verdict scenario.Verdict
	Counts  map[scenario.Code]int
}

// Check evaluates every phase under each rule (AsCoded when none is given)
// and returns the results in the order of the phases, the same whatever the
// number of cores. It stops with the context, returning its error.
func Check(ctx context.Context, phases []Phase, rules ...Rule) ([]Result, error) {
	rules = orAsCoded(rules)
	for _, r := range rules {
		if err := r.check(); err != nil {
			return nil, err
		}
	}
	out := make([]Result, len(phases))
	errs := make([]error, len(phases))
	parallel.Each(ctx, len(phases), func(i int) {
		out[i], errs[i] = checkPhase(phases[i], rules)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkPhase imports p and checks it under each rule.
func checkPhase(p Phase, rules []Rule) (Result, error) {
	s, _ := p.Scenario()
	return CheckScenario(p.Info(), s, rules)
}

// CheckScenario evaluates s, the scenario of the phase info describes
// (imported, perhaps edited since), under each rule.
func CheckScenario(info Info, s scenario.Scenario, rules []Rule) (Result, error) {
	res := Result{Info: info, Outcomes: make([]Outcome, len(rules))}
	for k, r := range rules {
		if err := r.check(); err != nil {
			return Result{}, err
		}
		rep, err := scenario.Evaluate(r.Apply(s))
		if err != nil {
			return Result{}, fmt.Errorf("atopid %d phase %d under %s: %w", info.Alliance, info.Phase, r, err)
		}
		counts := map[scenario.Code]int{}
		for _, f := range rep.Findings {
			counts[f.Code]++
		}
		res.Outcomes[k] = Outcome{Rule: r, Verdict: rep.Verdict, Counts: counts}
	}
	return res, nil
}
