package deals

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/sorted"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Options are the limits of a [Search]. The zero Options
// searches without limits and does not count.
type Options struct {
	// Count asks for the number of feasible packages too.
	Count bool
	// MaxPackages, when positive, bounds the maximal packages reported;
	// a result cut short says so.
	MaxPackages int
	// Timeout, when positive, stops the search after that long, as a
	// cancelled context does; the result says it is incomplete.
	Timeout time.Duration
}

// Concession is a minimal set of positions whose withdrawal would make a
// non-empty package feasible, with the maximal packages it unlocks, each
// as the deal that grants the candidate vetoes it needs.
type Concession struct {
	Positions []string `json:"positions"`
	Message   string   `json:"message"`
	Unlocks   []Deal   `json:"unlocks"`
	Sources   []string `json:"sources"`
}

// Conflict is a minimal set of positions that together rule out every
// non-empty package, explained in the domain's words. A conflict of no
// positions says that the offers rule themselves out whatever the
// positions (each captured by its own veto holders, or requiring an offer
// that is not on the table or cannot stand): then there is no concession
// to make, and the message says why.
type Conflict struct {
	Positions []string `json:"positions"`
	Message   string   `json:"message"`
	Sources   []string `json:"sources"`
}

// Result is what [Search] finds. Lists are in a deterministic order.
//
// The lists are slices, not iterators: there is at most one maximal
// package (granting more candidate vetoes never shrinks the largest), and
// the concessions and conflicts are only known to be complete, and so
// minimal, once the search that finds them has finished.
type Result struct {
	// Feasible reports whether a non-empty package is feasible.
	Feasible bool `json:"feasible"`
	// Maximal are the maximal feasible packages (non-empty, and no offer
	// can be added to them), each as the deal that grants the candidate
	// vetoes it needs. Largest first.
	Maximal []Deal `json:"maximal"`
	// Count is the number of feasible packages, the empty one included
	// when it is feasible, when Counted: Options.Count asked for it
	// and the search counted them before it stopped. In JSON, "count" is
	// there only when Counted.
	Count   uint64 `json:"count"`
	Counted bool   `json:"-"`
	// EmptyFeasible reports whether the empty package (no guarantee at
	// all) is feasible.
	EmptyFeasible bool `json:"empty_feasible"`
	// Forced are the offers in every maximal feasible package (none when
	// there is none); Dead those in no feasible package.
	Forced []guarantee.ID `json:"forced"`
	Dead   []guarantee.ID `json:"dead"`
	// Concessions and Conflicts are set when no non-empty package is
	// feasible. Concessions come smallest first. When no withdrawal of
	// positions helps, there are no concessions and one conflict, of no
	// positions.
	Concessions []Concession `json:"concessions"`
	Conflicts   []Conflict   `json:"conflicts"`
	// Complete is false when a limit or the context stopped the search;
	// Stopped then says which.
	Complete bool   `json:"complete"`
	Stopped  string `json:"stopped,omitempty"`
}

// searchJSON is a Result as JSON writes it: the count only when
// counted. Its fields are Result's, in the same order.
type searchJSON struct {
	Feasible      bool           `json:"feasible"`
	Maximal       []Deal         `json:"maximal"`
	Count         *uint64        `json:"count,omitempty"`
	EmptyFeasible bool           `json:"empty_feasible"`
	Forced        []guarantee.ID `json:"forced"`
	Dead          []guarantee.ID `json:"dead"`
	Concessions   []Concession   `json:"concessions"`
	Conflicts     []Conflict     `json:"conflicts"`
	Complete      bool           `json:"complete"`
	Stopped       string         `json:"stopped,omitempty"`
}

// MarshalJSON writes r with its fields' JSON names, and "count" only when
// r.Counted. Like every writer of this package it leaves escaping HTML to
// the encoder that calls it.
func (r Result) MarshalJSON() ([]byte, error) {
	j := searchJSON{r.Feasible, r.Maximal, nil, r.EmptyFeasible, r.Forced, r.Dead, r.Concessions, r.Conflicts, r.Complete, r.Stopped}
	if r.Counted {
		j.Count = &r.Count
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads what MarshalJSON writes: Counted is whether "count"
// is there.
func (r *Result) UnmarshalJSON(data []byte) error {
	var j searchJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*r = Result{Feasible: j.Feasible, Maximal: j.Maximal, EmptyFeasible: j.EmptyFeasible, Forced: j.Forced, Dead: j.Dead,
		Concessions: j.Concessions, Conflicts: j.Conflicts, Complete: j.Complete, Stopped: j.Stopped}
	if j.Count != nil {
		r.Count, r.Counted = *j.Count, true
	}
	return nil
}

// Search finds which deals are possible: the scenario's guarantees are the
// offers, a package is a subset of them, and it is feasible when some
// choice of the candidate vetoes (one per demands-veto position) makes the
// scenario cut down to it evaluate with no error.
//
// Search stops when ctx is done or the timeout passes, and returns what it
// has with Complete false. It returns an error only for an invalid
// scenario or one with more than 16 demands-veto positions.
//
// # Method and cost
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
// empty set of positions, reported with the reason. A brute-force
// reference judged by Evaluate agrees with Search in the tests on
// thousands of random scenarios.
func Search(ctx context.Context, s scenario.Scenario, opts Options) (Result, error) {
	return searchWith(ctx, s, opts, core.Options{})
}

// searchWith is [Search] with the model compiled with mopt.
func searchWith(ctx context.Context, s scenario.Scenario, opts Options, mopt core.Options) (Result, error) {
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	sp, err := space.NewWith(&s, mopt)
	if err != nil {
		return Result{}, err
	}
	sp.Ctx = ctx
	return searcher{sp}.search(opts), nil
}

func (sp searcher) search(opts Options) Result {
	every := sp.AllPositions()
	out := sp.Evaluate(every)
	r := Result{Feasible: out.Feasible(), EmptyFeasible: out.EmptyOK}
	maxi := sp.maximalSets(out)
	for _, c := range maxi {
		r.Maximal = append(r.Maximal, sp.pack(c))
	}
	if opts.MaxPackages > 0 && len(r.Maximal) > opts.MaxPackages {
		r.Maximal = r.Maximal[:opts.MaxPackages]
		sp.Stopped = fmt.Sprintf("reported the first %d maximal packages only", opts.MaxPackages)
	}
	live := space.NewSet(sp.N)
	for _, c := range out.Choices {
		live.Or(c.Max)
	}
	var forced space.Bits
	for _, p := range maxi {
		if forced == nil {
			forced = p.Max.Clone()
		} else {
			forced.And(p.Max)
		}
	}
	for g := range sp.N {
		id := sp.S.Guarantees[g].ID
		if forced != nil && forced.Has(g) {
			r.Forced = append(r.Forced, id)
		}
		if !live.Has(g) {
			r.Dead = append(r.Dead, id)
		}
	}
	slices.Sort(r.Forced)
	slices.Sort(r.Dead)
	if !r.Feasible {
		r.Concessions, r.Conflicts = sp.dualize()
	}
	if opts.Count && !sp.Done() {
		// A count past its limits leaves the count unset and says why, but
		// the rest of the search stands.
		if n, ok := sp.Count(out); ok {
			r.Count, r.Counted = n, true
		} else if sp.Stopped == "" {
			sp.Stopped, sp.CountSkipped = sp.CountSkipped, ""
		}
	}
	r.Complete = sp.Stopped == ""
	r.Stopped = sp.Stopped
	// Lists are never nil, so that JSON shows [] rather than null.
	r.Maximal, r.Forced, r.Dead = words.NonNil(r.Maximal), words.NonNil(r.Forced), words.NonNil(r.Dead)
	r.Concessions, r.Conflicts = words.NonNil(r.Concessions), words.NonNil(r.Conflicts)
	return r
}

// maximalSets returns the choices whose packages are maximal: non-empty,
// and not inside another's. Of choices with equal packages it keeps the
// one with the fewest grants.
func (sp searcher) maximalSets(out space.Outcome) []space.GrantChoice {
	return sp.Undominated(out.Choices, false)
}

func (sp searcher) maximal(out space.Outcome) []Deal {
	var ps []Deal
	for _, c := range sp.maximalSets(out) {
		ps = append(ps, sp.pack(c))
	}
	return ps
}

func (sp searcher) pack(c space.GrantChoice) Deal {
	p := Deal{Vetoes: []string{}}
	c.Max.Each(func(g int) { p.Guarantees = append(p.Guarantees, sp.S.Guarantees[g].ID) })
	slices.Sort(p.Guarantees)
	for _, ci := range c.Grants {
		p.Vetoes = append(p.Vetoes, words.PositionRef(sp.S.Positions[sp.Cands[ci].Pos].ID, sp.Cands[ci].Pos))
	}
	return p
}

// dualize finds the concessions and the conflicts together. Both are
// minimal sets of relevant positions: a concession a minimal set whose
// withdrawal makes a non-empty package feasible, a conflict a minimal set
// that, standing alone, rules every non-empty package out. Feasibility
// only grows as positions are withdrawn (withdrawing a demand takes its
// grant too, but a grant only ever covers what its own demand asked), so
// each concession meets every conflict and each is a minimal set that
// does: the two families are each other's minimal hitting sets.
//
// The loop keeps what it has found of both. It looks for a set that meets
// every known conflict and holds no known concession; withdrawing it
// either works, and shrinking it gives a new concession, or leaves a
// standing set that rules every package out, and shrinking that gives a
// new conflict. When no such set remains, both families are complete.
// Each round finds one new set, so the cost follows the number of sets
// found, not the 2^n subsets of n positions.
func (sp searcher) dualize() ([]Concession, []Conflict) {
	if !sp.FeasibleWith(nil) {
		// The offers rule themselves out, whatever the positions: no
		// concession helps, and the one minimal conflict is the empty set.
		if sp.Done() {
			return nil, nil
		}
		return nil, []Conflict{sp.offersAlone()}
	}
	var mcs, mus [][]int
	for !sp.Done() {
		h, ok := sp.seed(mus, mcs)
		if !ok {
			break
		}
		if sp.QuickWithout(h) {
			mcs = append(mcs, sp.shrinkCorrection(h))
		} else {
			mus = append(mus, sp.shrinkConflict(without(sp.Relevant, h)))
		}
	}
	order := func(a, b []int) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return slices.Compare(a, b)
	}
	slices.SortFunc(mcs, order)
	slices.SortFunc(mus, order)
	var concessions []Concession
	for _, c := range mcs {
		o, _ := sp.FeasibleWithout(c)
		concessions = append(concessions, Concession{
			Positions: sp.refs(c),
			Message:   "withdraw: " + sp.explain(c),
			Unlocks:   words.NonNil(sp.maximal(o)),
			Sources:   words.NonNil(sp.sources(c)),
		})
	}
	var conflicts []Conflict
	for _, c := range mus {
		conflicts = append(conflicts, Conflict{Positions: sp.refs(c), Message: sp.explain(c), Sources: words.NonNil(sp.sources(c))})
	}
	return concessions, conflicts
}

// seed returns a set of relevant positions that meets every conflict in
// mus and holds no concession in mcs, minimal as a hitting set of mus, or
// false when there is none.
func (sp searcher) seed(mus, mcs [][]int) ([]int, bool) {
	var pick []int
	var found []int
	var dfs func() bool
	dfs = func() bool {
		if sp.Done() {
			return false
		}
		if slices.ContainsFunc(mcs, func(c []int) bool { return containsAll(pick, c) }) {
			return false
		}
		i := slices.IndexFunc(mus, func(m []int) bool { return !meets(pick, m) })
		if i < 0 {
			found = minimalHitting(pick, mus)
			return true
		}
		for _, p := range mus[i] {
			pick = append(pick, p)
			if dfs() {
				return true
			}
			pick = pick[:len(pick)-1]
		}
		return false
	}
	if !dfs() {
		return nil, false
	}
	slices.Sort(found)
	return found, true
}

// minimalHitting drops from pick, in turn, each position the rest still
// meets every set of mus without.
func minimalHitting(pick []int, mus [][]int) []int {
	h := slices.Clone(pick)
	for i := 0; i < len(h); {
		rest := slices.Delete(slices.Clone(h), i, i+1)
		if !slices.ContainsFunc(mus, func(m []int) bool { return !meets(rest, m) }) {
			h = rest
			continue
		}
		i++
	}
	return h
}

func meets(a, b []int) bool {
	return slices.ContainsFunc(a, func(x int) bool { return slices.Contains(b, x) })
}

// without returns the members of all that are not in drop, in order.
func without(all, drop []int) []int {
	var out []int
	for _, p := range all {
		if !slices.Contains(drop, p) {
			out = append(out, p)
		}
	}
	return out
}

// shrinkCorrection shrinks a set whose withdrawal makes a deal possible
// to a minimal one: it puts each position back in turn and keeps it
// standing if a deal is still possible.
func (sp searcher) shrinkCorrection(x []int) []int {
	x = slices.Clone(x)
	for i := 0; i < len(x); {
		rest := slices.Delete(slices.Clone(x), i, i+1)
		if sp.QuickWithout(rest) {
			x = rest
			continue
		}
		i++
	}
	return x
}

// shrinkConflict shrinks a set of positions that, standing alone, rule
// every deal out to a minimal one: it withdraws each position in turn and
// keeps it withdrawn if every deal is still ruled out.
func (sp searcher) shrinkConflict(k []int) []int {
	k = slices.Clone(k)
	for i := 0; i < len(k); {
		rest := slices.Delete(slices.Clone(k), i, i+1)
		if !sp.FeasibleWith(rest) {
			k = rest
			continue
		}
		i++
	}
	return k
}

// offersAlone is the conflict of no positions at all, when no non-empty
// package is feasible even with every position withdrawn: it says why
// each offer cannot stand on its own. Every offer is captured by its own
// veto holders, requires an offer not on the table, or requires one that
// cannot stand.
func (sp searcher) offersAlone() Conflict {
	m := sp.M
	c := Conflict{Positions: []string{}, Sources: []string{}}
	if sp.N == 0 {
		c.Message = "no offers are on the table"
		return c
	}
	var parts []string
	for g := range sp.N {
		gg := &sp.S.Guarantees[g]
		c.Sources = append(c.Sources, gg.Sources...)
		// Captured, or its renewal captured, by an attacker of its trigger.
		if holders := attackersAmong(m, int32(g), m.Vetoes(int32(g))); len(holders) > 0 {
			parts = append(parts, words.JoinIDs(holders)+" can stop "+string(gg.ID)+", which answers "+gg.Trigger.String())
			continue
		}
		if holders := attackersAmong(m, int32(g), m.RenewalVetoes(int32(g))); len(holders) > 0 {
			parts = append(parts, words.JoinIDs(holders)+" can stop the renewal of "+string(gg.ID)+", which answers "+gg.Trigger.String())
			continue
		}
		var missing, fallen []string
		for _, r := range gg.Requires {
			if _, ok := m.GuaranteeByID(r); ok {
				fallen = append(fallen, string(r))
			} else {
				missing = append(missing, string(r))
			}
		}
		switch {
		case len(missing) > 0:
			parts = append(parts, string(gg.ID)+" requires "+strings.Join(missing, ", ")+", not on the table")
		case len(fallen) > 0:
			parts = append(parts, string(gg.ID)+" requires "+strings.Join(fallen, ", ")+", which cannot stand")
		}
	}
	slices.Sort(c.Sources)
	c.Sources = slices.Compact(c.Sources)
	c.Message = "no offer can stand even with every position withdrawn: " + strings.Join(parts, "; ")
	return c
}

func (sp searcher) refs(s []int) []string {
	out := make([]string, len(s))
	for i, p := range s {
		out[i] = words.PositionRef(sp.S.Positions[p].ID, p)
	}
	return out
}

func (sp searcher) sources(s []int) []string {
	var out []string
	for _, p := range s {
		out = append(out, sp.S.Positions[p].Sources...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// explain says what the positions hold, in the domain's words: "RU demands
// a veto over guarantees to UA; UA rejects any RU veto over guarantees to
// UA".
func (sp searcher) explain(s []int) string {
	var parts []string
	for _, i := range s {
		p := &sp.S.Positions[i]
		what := p.Select.Describe()
		var b strings.Builder
		b.WriteString(string(p.Actor))
		switch p.Stance {
		case scenario.Refuses:
			b.WriteString(" refuses to provide " + what)
		case scenario.Rejects:
			b.WriteString(" rejects any deal with " + what)
		case scenario.Requires:
			b.WriteString(" requires " + what)
		case scenario.DemandsVeto:
			b.WriteString(" demands a veto over " + what)
		case scenario.RejectsVeto:
			if len(p.By) == 0 {
				b.WriteString(" rejects any veto but the provider's over " + what)
			} else {
				b.WriteString(" rejects any veto by " + words.JoinIDs(p.By) + " over " + what)
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// containsAll reports whether every element of sub is in s (both sorted).
func containsAll(s, sub []int) bool {
	for _, x := range sub {
		if !slices.Contains(s, x) {
			return false
		}
	}
	return true
}

// attackersAmong returns the IDs, sorted, of the attackers of g's trigger
// among the veto holders vetoes.
func attackersAmong(m *core.Compiled, g int32, vetoes []int32) []actor.ID {
	var out []actor.ID
	for _, h := range vetoes {
		if sorted.Contains(m.Attackers(int32(g)), h) {
			out = append(out, m.Actors.At(int(h)).ID)
		}
	}
	slices.Sort(out)
	return out
}

// searcher is a search space with the methods that turn it into answers.
type searcher struct{ *space.Space }

// ErrTooManyVetoes is returned when a scenario has more demands-veto
// positions than a search can try every choice of grants for (16).
var ErrTooManyVetoes = space.ErrTooManyVetoes
