package deals

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// ASPScale is the largest number of decimal places a weight of a value
// may have for [WriteASP]: the program counts in whole numbers, each
// weight times 10 to the number of places the scenario's weights need.
const ASPScale = 6

// WriteASP writes the search for deals in s as a program in the language
// of clingo 5 (answer-set programming), for a researcher who trusts a
// general solver more than this package, or who wants to add a constraint
// of their own. Its answer sets are exactly the feasible deals of s, each
// a package (in/1) with the candidate vetoes it grants (grant/1), as
// docs/MODEL.md ("Deals and search") defines them; projected on the
// package they are the feasible packages [Search] counts:
//
//	clingo deals.lp 0 --project -q     # "Models" is the count of entente search --count
//	clingo deals.lp -c optimise=1 -q   # with values: the utilitarian optimum, as entente bargain finds it
//
// The program holds the scenario's facts as the model resolves them
// (offers and their requirements, each offer's provider, the attackers
// its trigger names, its veto holders V(g) with the scenario's granted
// vetoes, those of its provider's rule and of its renewal, and what each
// position picks), then one rule for each error finding that can rule a
// package out, each citing docs/MODEL.md. Resolving veto holders through
// bodies' rules and parties set aside is the model's work, done once in
// Go; what makes a deal feasible is the program's.
//
// With values (the scenario's values section), it also holds what each
// offer and each grant adds to the sum of the actors' utilities, as whole
// numbers (every weight times the same power of ten, named in the
// program), and an optimisation statement that applies when the constant
// optimise is 1: the largest sum over non-empty deals, which is
// [bargain.UtilitarianOptimum]'s score times that power of ten. A weight
// with more than [ASPScale] decimal places is an error.
//
// WriteASP returns the scenario's problems (as from [scenario.Validate])
// for an invalid s. The same s gives the same program, byte for byte.
//
// [bargain.UtilitarianOptimum]: https://pkg.go.dev/github.com/entente-go/entente/bargain#UtilitarianOptimum
func WriteASP(w io.Writer, s scenario.Scenario) error {
	m, err := core.Compile(&s, core.Options{})
	if err != nil {
		return err
	}
	scale, err := weightScale(s.Values)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	p := aspWriter{w: bw}
	p.comment("The deals of " + safe.Terminal(words.ScenarioName(s.Name)) + ", written by entente export --format asp.")
	p.comment("Answer sets: the feasible deals, a package in/1 with the candidate vetoes it grants, grant/1.")
	p.comment("Count the feasible packages:  clingo FILE 0 --project -q")
	if len(s.Values) > 0 {
		p.comment("Utilitarian optimum:          clingo FILE -c optimise=1 -q  (utilities times " + strconv.FormatInt(scale, 10) + ")")
	}
	p.line("")
	p.comment("Facts, as the model resolves them.")
	for _, a := range s.Actors {
		p.fact("actor", string(a.ID))
	}
	for g := range s.Guarantees {
		gg := &s.Guarantees[g]
		id := string(gg.ID)
		p.fact("offer", id)
		p.fact("provider", id, string(gg.Provider))
		for _, r := range gg.Requires {
			p.fact("requires", id, string(r))
		}
		for _, set := range []struct {
			name string
			list []int32
		}{
			{"attacker", m.Attackers(int32(g))},
			{"veto", m.Vetoes(int32(g))},
			{"rule_veto", m.RuleVetoes(int32(g))},
			{"renewal_veto", m.RenewalVetoes(int32(g))},
		} {
			for _, a := range set.list {
				p.fact(set.name, id, string(m.Actors.At(int(a)).ID))
			}
		}
	}
	stances := map[scenario.Stance]string{
		scenario.Refuses: "refuses", scenario.Rejects: "rejects", scenario.Requires: "wants",
		scenario.DemandsVeto: "demands_veto", scenario.RejectsVeto: "rejects_veto",
	}
	for i := range s.Positions {
		pos := &s.Positions[i]
		ref := s.PositionRef(i)
		p.fact(stances[pos.Stance], ref)
		p.fact("holder", ref, string(pos.Actor))
		for _, g := range m.Matches(i) {
			p.fact("picks", ref, string(s.Guarantees[g].ID))
			if pos.Stance == scenario.Refuses && m.Binds(i, g) {
				p.fact("binds", ref, string(s.Guarantees[g].ID))
			}
		}
		if pos.Stance == scenario.RejectsVeto {
			if len(pos.By) == 0 {
				p.fact("forbids_anyone", ref)
			}
			for _, a := range pos.By {
				p.fact("forbids", ref, string(a))
			}
		}
	}
	if len(s.Values) > 0 {
		p.line("")
		p.comment("What each offer and each grant adds to the sum of utilities, times " + strconv.FormatInt(scale, 10) + ".")
		for g := range s.Guarantees {
			if n := worth(s.Values, scale, func(w *scenario.Weight) bool { return w.Veto == "" && w.Select.Matches(&s.Guarantees[g], m.Actors) }); n != 0 {
				p.fact("worth", string(s.Guarantees[g].ID), n)
			}
		}
		for i := range s.Positions {
			if s.Positions[i].Stance != scenario.DemandsVeto {
				continue
			}
			if n := worth(s.Values, scale, func(w *scenario.Weight) bool { return w.Veto != "" && s.PositionIndex(w.Veto) == i }); n != 0 {
				p.fact("grant_worth", s.PositionRef(i), n)
			}
		}
	}
	p.line("")
	p.line(aspRules)
	if len(s.Values) > 0 {
		p.line(aspOptimise)
	}
	return bw.Flush()
}

// aspRules are the rules of every program: the choice of a deal, and one
// constraint for each error finding that can rule a package out.
const aspRules = `% Predicates a scenario may give no fact of.
#defined actor/1. #defined offer/1. #defined provider/2. #defined requires/2.
#defined attacker/2. #defined veto/2. #defined rule_veto/2. #defined renewal_veto/2.
#defined refuses/1. #defined rejects/1. #defined wants/1. #defined demands_veto/1.
#defined rejects_veto/1. #defined holder/2. #defined picks/2. #defined binds/2.
#defined forbids/2. #defined forbids_anyone/1.

% A deal: any package of the offers, and any of the candidate vetoes, one
% per demands-veto position (docs/MODEL.md, "Deals and search").
{ in(G) : offer(G) }.
{ grant(P) : demands_veto(P) }.

% V(g) with the deal's grants: a granted candidate veto makes its holder a
% veto holder of every offer its position picks ("Granted vetoes").
holds_veto(G,A) :- veto(G,A).
holds_veto(G,A) :- grant(P), holder(P,A), picks(P,G).

% The actors a rejects-veto position forbids a veto: those it names, or
% anyone when it names no one.
forbidden(P,A) :- forbids(P,A).
forbidden(P,A) :- forbids_anyone(P), actor(A).

% An offer a position objects to: one a rejects position picks, or one a
% refuses position picks and binds, its holder being a contributor ("refuses
% S: I will not provide S").
objects(P,G) :- rejects(P), picks(P,G).
objects(P,G) :- refuses(P), binds(P,G).

% captured-guarantee: an attacker of g's trigger is among g's veto holders.
:- in(G), attacker(G,A), holds_veto(G,A).

% captured-renewal: an attacker of g's trigger can stop the renewal of its
% mandate.
:- in(G), attacker(G,A), renewal_veto(G,A).

% red-line: a rejects position is violated, or a refuses position by the
% provider itself.
:- in(G), rejects(P), picks(P,G).
:- in(G), refuses(P), picks(P,G), holder(P,A), provider(G,A).

% blocked-by-member: a veto holder of the rule of g's provider (not the
% provider itself) refuses or rejects g.
:- in(G), objects(P,G), holder(P,A), rule_veto(G,A), not provider(G,A).

% blocked-renewal: a veto holder of the body that renews g's mandate
% refuses or rejects g by a position (a refusal where it binds).
:- in(G), objects(P,G), holder(P,A), renewal_veto(G,A).

% unmet-requirement: a requires position finds nothing in the deal.
met(P) :- wants(P), picks(P,G), in(G).
:- wants(P), not met(P).

% unmet-veto-demand: a demands-veto position picks an offer of the deal
% that does not have its actor among its veto holders.
:- in(G), demands_veto(P), picks(P,G), holder(P,A), not holds_veto(G,A).

% rejected-veto: a rejects-veto position picks an offer of the deal with a
% forbidden veto holder other than its own provider.
:- in(G), rejects_veto(P), picks(P,G), holds_veto(G,A), forbidden(P,A), not provider(G,A).

% veto-conflict: an actor demands a veto over an offer of the deal that
% another position forbids it, whether or not the deal grants it.
:- in(G), demands_veto(D), holder(D,A), picks(D,G), rejects_veto(R), picks(R,G), forbidden(R,A), not provider(G,A).

% missing-dependency: an offer of the deal requires one that is absent
% from it (or not on the table at all). blocked-dependency, a warning,
% needs no rule: an offer with an error rules out every deal that holds it.
:- in(G), requires(G,R), not in(R).

% Counting projects the answer sets on the package; the fact deal keeps
% the projection from being empty (clingo ignores an empty one) when no
% offer is on the table.
deal.
#project in/1.
#project deal/0.
#show in/1.
#show grant/1.`

// aspOptimise is the optimisation statement of a program with values.
const aspOptimise = `
% The utilitarian optimum, with -c optimise=1: the non-empty deal of the
% largest sum of utilities (docs/MODEL.md, "Bargaining"). clingo prints
% the optimum negated, as the minimum of its negation.
#const optimise = 0.
#defined worth/2. #defined grant_worth/2.
some :- in(G).
:- optimise = 1, not some.
#maximize { N,offer,G : in(G), worth(G,N), optimise = 1 ; N,grant,P : grant(P), grant_worth(P,N), optimise = 1 }.`

// aspWriter writes facts and comments.
type aspWriter struct{ w *bufio.Writer }

func (p aspWriter) line(s string) { p.w.WriteString(s); p.w.WriteByte('\n') }

// comment writes s as a comment on one line, whatever s holds.
func (p aspWriter) comment(s string) {
	p.line("% " + strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s))
}

// fact writes name(args...). Strings are quoted, numbers written as they
// are.
func (p aspWriter) fact(name string, args ...any) {
	p.w.WriteString(name)
	p.w.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			p.w.WriteByte(',')
		}
		switch a := a.(type) {
		case string:
			p.w.WriteString(aspString(a))
		case int64:
			p.w.WriteString(strconv.FormatInt(a, 10))
		}
	}
	p.w.WriteString(").\n")
}

// aspString quotes s as a clingo string: backslash, quote and newline
// escaped; no other control character survives validation.
func aspString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < ' ' || r == 0x7f:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// weightScale returns the power of ten that makes every weight a whole
// number.
func weightScale(values []scenario.Value) (int64, error) {
	places := 0
	for _, v := range values {
		for _, w := range v.Weights {
			text := strconv.FormatFloat(w.Weight, 'f', -1, 64)
			if _, frac, ok := strings.Cut(text, "."); ok {
				if len(frac) > ASPScale {
					return 0, fmt.Errorf("values of %s: weight %s has more than %d decimal places; the program counts in whole numbers", v.Actor, text, ASPScale)
				}
				places = max(places, len(frac))
			}
		}
	}
	return int64(math.Pow10(places)), nil
}

// worth is the sum of the weights match picks, times scale, exactly.
func worth(values []scenario.Value, scale int64, match func(*scenario.Weight) bool) int64 {
	sum := new(big.Rat)
	for _, v := range values {
		for i := range v.Weights {
			if w := &v.Weights[i]; match(w) {
				r, _ := new(big.Rat).SetString(strconv.FormatFloat(w.Weight, 'f', -1, 64))
				sum.Add(sum, r)
			}
		}
	}
	sum.Mul(sum, new(big.Rat).SetInt64(scale))
	return sum.Num().Int64() // whole, by the choice of scale
}
