package bargain

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Options are the limits of [Solve]. The zero Options sets none.
type Options struct {
	// Limit, when positive, bounds the outcomes Solve considers; past it
	// Solve fails with an error wrapping [deals.ErrTooMany]
	// rather than answer from part of them.
	Limit int
	// FrontierLimit, when positive, bounds the frontier outcomes listed;
	// the frontier is still counted whole.
	FrontierLimit int
}

// ErrNoValues is returned for a scenario in which no actor has values:
// nobody takes part in bargaining.
var ErrNoValues = errors.New("no actor has values: nobody takes part in bargaining")

// ErrMalformed is returned, wrapped, by the writers for a [Result] or
// [Solution] whose lists do not fit its actors (built by hand, or read
// from JSON, which leaves Points out), which [Solve] and
// [UtilitarianOptimum] never return.
var ErrMalformed = errors.New("malformed bargaining result")

// check returns an error wrapping ErrMalformed unless every list of r that
// holds a value per actor holds one for each of r.Actors.
func (r Result) check() error {
	n := len(r.Actors)
	bad := func(what string, got int) error {
		return fmt.Errorf("%w: %s holds %d values for %d actors", ErrMalformed, what, got, n)
	}
	for _, l := range []struct {
		what string
		vals []float64
	}{{"disagreement", r.Disagreement}, {"best", r.Best}, {"ideal", r.Ideal}} {
		if len(l.vals) != n {
			return bad(l.what, len(l.vals))
		}
	}
	outcome := func(what string, o *Outcome) error {
		if len(o.Utilities) != n {
			return bad(what+" utilities", len(o.Utilities))
		}
		if len(o.Gains) != n && len(o.Gains) != 0 {
			return bad(what+" gains", len(o.Gains))
		}
		return nil
	}
	for i := range r.Frontier {
		if err := outcome(fmt.Sprintf("frontier[%d]", i), &r.Frontier[i]); err != nil {
			return err
		}
	}
	for _, sol := range r.Solutions {
		if err := sol.check(n); err != nil {
			return err
		}
		if !sol.Absent && len(sol.Outcome.Gains) != n { // the writers show a solution's gains
			return fmt.Errorf("%w: the %s solution holds %d gains for %d actors", ErrMalformed, cmp.Or(sol.Name, "unnamed"), len(sol.Outcome.Gains), n)
		}
	}
	for i, p := range r.Points {
		if len(p) != n {
			return bad(fmt.Sprintf("points[%d]", i), len(p))
		}
	}
	return nil
}

// check returns an error wrapping ErrMalformed unless sol, for n actors,
// has an outcome when it is not absent, each with n utilities.
func (sol Solution) check(n int) error {
	if sol.Absent {
		return nil
	}
	if sol.Outcome == nil {
		return fmt.Errorf("%w: the %s solution is neither absent nor has an outcome", ErrMalformed, cmp.Or(sol.Name, "unnamed"))
	}
	for _, o := range []*Outcome{sol.Outcome, sol.RunnerUp} {
		if o != nil && len(o.Utilities) != n {
			return fmt.Errorf("%w: the %s solution holds %d utilities for %d actors", ErrMalformed, cmp.Or(sol.Name, "unnamed"), len(o.Utilities), n)
		}
	}
	return nil
}

// The names of the solutions, in the order of [Result].Solutions.
const (
	Utilitarian      = "utilitarian"
	Nash             = "nash"
	KalaiSmorodinsky = "kalai-smorodinsky"
	Egalitarian      = "egalitarian"
)

// Outcome is a feasible deal with what each actor taking part gets from
// it, in the order of [Result].Actors.
type Outcome struct {
	deals.Deal
	Utilities []float64 `json:"utilities"`
	// Gains are the utilities less the disagreement values.
	Gains []float64 `json:"gains"`
}

// Solution is where one norm of fairness settles. An absent solution has
// no outcome, and says why.
type Solution struct {
	Name    string   `json:"name"`
	Absent  bool     `json:"absent"`
	Outcome *Outcome `json:"outcome,omitempty"`
	// Score is the value of the norm at the outcome: Σ u_a, Π (u_a − d_a),
	// min (u_a − d_a)/(ideal_a − d_a) or min (u_a − d_a).
	Score float64 `json:"score"`
	// RunnerUp is the best other outcome by the same norm and the same
	// ties, and Margin how much less it scores (0 on a tie broken by the
	// order of deals); nil when no other outcome qualifies.
	RunnerUp *Outcome `json:"runner_up,omitempty"`
	Margin   float64  `json:"margin"`
	// Reason says, in words, why this outcome and not its runner-up, or,
	// for an absent solution, why none exists.
	Reason string `json:"reason"`
	// Actor, for an absent solution, is the actor whose disagreement value
	// rules every outcome out, when one does alone.
	Actor actor.ID `json:"actor,omitempty"`
}

// Result is what [Solve] finds.
type Result struct {
	// Actors take part: those with values, in the order of the values.
	Actors       []actor.ID `json:"actors"`
	Disagreement []float64  `json:"disagreement"`
	// Best is each actor's best utility over all outcomes, and Ideal its
	// best over the individually rational ones (its disagreement value
	// when none is).
	Best  []float64 `json:"best"`
	Ideal []float64 `json:"ideal"`
	// Outcomes counts the feasible (package, candidate vetoes) pairs, and
	// Rational those individually rational.
	Outcomes int `json:"outcomes"`
	Rational int `json:"rational"`
	// Frontier is the Pareto frontier, best for the first actor first;
	// FrontierCount counts it whole when FrontierLimit cut the list.
	Frontier      []Outcome `json:"frontier"`
	FrontierCount int       `json:"frontier_count"`
	// Solutions are the utilitarian, Nash, Kalai–Smorodinsky and
	// egalitarian solutions, in that order.
	Solutions []Solution `json:"solutions"`
	// Points are the distinct vectors of utilities of all outcomes,
	// sorted, for pictures; see [WriteSVG].
	Points [][]float64 `json:"-"`
}

// item is an outcome with its exact utilities and gains.
type item struct {
	out  Outcome
	u, g []*big.Rat
	// exact reports whether out.Utilities hold u exactly, so that
	// comparing them compares u.
	exact bool
}

// Solve enumerates the outcomes of s with [deals.All] and
// computes the Pareto frontier and the four solutions docs/MODEL.md lists.
// See the package documentation for the arithmetic and the ties.
func Solve(ctx context.Context, s scenario.Scenario, opts Options) (Result, error) {
	if err := scenario.Validate(s); err != nil {
		return Result{}, err
	}
	if len(s.Values) == 0 {
		return Result{}, ErrNoValues
	}
	t, err := newTerms(ctx, &s)
	if err != nil {
		return Result{}, err
	}
	r := Result{Actors: t.actors, Disagreement: make([]float64, len(t.actors))}
	for a := range t.actors {
		r.Disagreement[a], _ = t.d[a].Float64()
	}
	if pk, ok := t.newPacking(&s); ok {
		return solveFast(ctx, &s, t, r, opts, pk)
	}
	var items []*item
	for d, err := range deals.All(ctx, s, deals.AllOptions{Limit: opts.Limit}) {
		if err != nil {
			return Result{}, err
		}
		items = append(items, t.item(d))
	}
	r.Outcomes = len(items)
	n := len(t.actors)
	best, ideal := make([]*big.Rat, n), make([]*big.Rat, n)
	var rational []*item
	for _, it := range items {
		ir := true
		for a := range n {
			if best[a] == nil || it.u[a].Cmp(best[a]) > 0 {
				best[a] = it.u[a]
			}
			if it.g[a].Sign() < 0 {
				ir = false
			}
		}
		if ir {
			rational = append(rational, it)
			for a := range n {
				if ideal[a] == nil || it.u[a].Cmp(ideal[a]) > 0 {
					ideal[a] = it.u[a]
				}
			}
		}
	}
	r.Rational = len(rational)
	r.Best, r.Ideal = make([]float64, n), make([]float64, n)
	for a := range n {
		if best[a] != nil {
			r.Best[a], _ = best[a].Float64()
		}
		if ideal[a] == nil {
			ideal[a] = t.d[a]
		}
		r.Ideal[a], _ = ideal[a].Float64()
	}
	r.Frontier, r.FrontierCount, err = frontier(ctx, items, opts.FrontierLimit)
	if err != nil {
		return Result{}, err
	}
	for _, it := range items {
		r.Points = append(r.Points, it.out.Utilities)
	}
	slices.SortFunc(r.Points, slices.Compare)
	r.Points = slices.CompactFunc(r.Points, slices.Equal)

	norms := newNorms(t, ideal)
	r.Solutions, err = norms.solutions(ctx, len(items), best, func(int) []*item { return items })
	if err != nil {
		return Result{}, err
	}
	return r, nil
}

// solve finds the outcome with the largest score, ties to the smaller
// deal, and its runner-up. It stops when ctx is done.
func solve(ctx context.Context, name string, items []*item, score func(*item) *big.Rat, norm string, why func() (string, actor.ID)) (Solution, error) {
	var first, second *item
	var fs, ss *big.Rat
	better := func(a *item, as *big.Rat, b *item, bs *big.Rat) bool {
		if c := as.Cmp(bs); c != 0 {
			return c > 0
		}
		return compareDeals(a.out.Deal, b.out.Deal) < 0
	}
	for i, it := range items {
		if i%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return Solution{}, err
			}
		}
		sc := score(it)
		if sc == nil {
			continue
		}
		switch {
		case first == nil || better(it, sc, first, fs):
			second, ss = first, fs
			first, fs = it, sc
		case second == nil || better(it, sc, second, ss):
			second, ss = it, sc
		}
	}
	sol := Solution{Name: name}
	if first == nil {
		sol.Absent = true
		sol.Reason, sol.Actor = why()
		return sol, nil
	}
	out := first.out
	sol.Outcome = &out
	sol.Score, _ = fs.Float64()
	if second == nil {
		sol.Reason = "the only outcome that qualifies"
		return sol, nil
	}
	ru := second.out
	sol.RunnerUp = &ru
	m := new(big.Rat).Sub(fs, ss)
	sol.Margin, _ = m.Float64()
	if m.Sign() > 0 {
		sol.Reason = fmt.Sprintf("%s is %s, %s more than the runner-up %s", norm, ratText(fs), ratText(m), dealText(ru.Deal))
	} else {
		sol.Reason = fmt.Sprintf("%s is %s, tied with %s; %s", norm, ratText(fs), dealText(ru.Deal), tieText(out.Deal, ru.Deal))
	}
	return sol, nil
}

// compareDeals orders deals for ties: fewer guarantees, then fewer
// granted vetoes, then the sorted guarantee IDs in lexicographic order,
// then the vetoes.
func compareDeals(a, b deals.Deal) int {
	return cmp.Or(
		cmp.Compare(len(a.Guarantees), len(b.Guarantees)),
		cmp.Compare(len(a.Vetoes), len(b.Vetoes)),
		slices.Compare(a.Guarantees, b.Guarantees),
		slices.Compare(a.Vetoes, b.Vetoes),
	)
}

func tieText(a, b deals.Deal) string {
	switch {
	case len(a.Guarantees) != len(b.Guarantees):
		return "the tie goes to fewer guarantees"
	case len(a.Vetoes) != len(b.Vetoes):
		return "the tie goes to fewer granted vetoes"
	default:
		return "the tie goes to the first list of IDs in order"
	}
}

// dealText writes a deal in one line: "{air, aid} granting ru-demands-veto".
func dealText(d deals.Deal) string {
	ids := make([]string, len(d.Guarantees))
	for i, g := range d.Guarantees {
		ids[i] = string(g)
	}
	s := "{" + strings.Join(ids, ", ") + "}"
	if len(d.Vetoes) > 0 {
		s += " granting " + strings.Join(d.Vetoes, ", ")
	}
	return s
}

// ratText writes an exact number: as a decimal when float64 holds it
// exactly (20, 0.25), else as a fraction with its value to four figures
// ("5/7 ≈ 0.7143").
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, exact := r.Float64()
	if exact {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return r.RatString() + " ≈ " + strconv.FormatFloat(f, 'g', 4, 64)
}

// frontier returns the outcomes no other outcome matches for every actor
// and beats for one, best for the first actor first (then the second...,
// then the order of deals), the first limit of them when limit is
// positive, and their number. It finds them among the distinct vectors of
// utilities, so that outcomes that tie cost nothing but their listing,
// and stops when ctx is done.
func frontier(ctx context.Context, items []*item, limit int) ([]Outcome, int, error) {
	// When every utility is exact in float64, as it is when the weights
	// are whole numbers or halves of moderate size, comparing the float64
	// values compares the exact ones, at a fraction of the cost.
	fast := !slices.ContainsFunc(items, func(it *item) bool { return !it.exact })
	cmpU := func(a, b *item, k int) int {
		if fast {
			return cmp.Compare(a.out.Utilities[k], b.out.Utilities[k])
		}
		return a.u[k].Cmp(b.u[k])
	}
	sameU := func(a, b *item) bool {
		for k := range a.u {
			if cmpU(a, b, k) != 0 {
				return false
			}
		}
		return true
	}
	sorted := slices.Clone(items)
	slices.SortFunc(sorted, func(a, b *item) int {
		for k := range a.u {
			if c := cmpU(b, a, k); c != 0 {
				return c
			}
		}
		return compareDeals(a.out.Deal, b.out.Deal)
	})
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	// The outcomes of the i-th distinct vector are sorted[starts[i]:starts[i+1]].
	var starts []int
	for i, it := range sorted {
		if i == 0 || !sameU(sorted[i-1], it) {
			starts = append(starts, i)
		}
	}
	starts = append(starts, len(sorted))
	actors := 0
	if len(items) > 0 {
		actors = len(items[0].u)
	}
	kept, err := undominated(ctx, len(starts)-1, actors, func(i, j, k int) int {
		return cmpU(sorted[starts[i]], sorted[starts[j]], k)
	})
	if err != nil {
		return nil, 0, err
	}
	out, count := []Outcome{}, 0
	for _, i := range kept {
		for _, it := range sorted[starts[i]:starts[i+1]] {
			if limit <= 0 || len(out) < limit {
				out = append(out, it.out)
			}
		}
		count += starts[i+1] - starts[i]
	}
	return out, count, nil
}

// undominated returns, in order, the vectors that no other matches for
// every actor and beats for one, among n distinct vectors sorted best
// first (by the first actor's utility, then the second's...);
// compare(i, j, a) compares actor a's utilities in vectors i and j. A
// vector can be dominated only by one before it in this order, and then
// by one kept. It stops when ctx is done.
func undominated(ctx context.Context, n, actors int, compare func(i, j, a int) int) ([]int, error) {
	dominates := func(i, j int) bool {
		strict := false
		for a := range actors {
			switch compare(i, j, a) {
			case -1:
				return false
			case 1:
				strict = true
			}
		}
		return strict
	}
	var kept []int
	work := 0
	for j := range n {
		if work += len(kept) + 1; work >= 1<<14 {
			work = 0
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if !slices.ContainsFunc(kept, func(i int) bool { return dominates(i, j) }) {
			kept = append(kept, j)
		}
	}
	return kept, nil
}

// terms are the values compiled: for each actor, what each offer and each
// candidate veto adds to its utility.
type terms struct {
	actors []actor.ID
	d      []*big.Rat
	offer  []map[guarantee.ID]*big.Rat // per actor
	veto   []map[string]*big.Rat       // per actor, by position ref
}

// checkEvery is about how many guarantees newTerms tries between looks
// at the context (it looks between selectors, once that many tries have
// added up): a few milliseconds of work.
const checkEvery = 1 << 14

// newTerms reads the values of s. A selector on kinds, providers or
// beneficiaries tries every guarantee, so a file with thousands of
// distinct ones costs their product: newTerms looks at ctx as it goes (see
// checkEvery).
func newTerms(ctx context.Context, s *scenario.Scenario) (*terms, error) {
	x, err := actor.NewIndex(s.Actors)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := &terms{}
	// A selector of IDs picks only among those IDs: they are looked up,
	// not every guarantee tried, so that values on each offer by ID (the
	// common way to price a framework's offers) cost the weights, not the
	// weights times the offers.
	byID := make(map[guarantee.ID]int, len(s.Guarantees))
	all := make([]int, len(s.Guarantees))
	for i := range s.Guarantees {
		byID[s.Guarantees[i].ID] = i
		all[i] = i
	}
	// An actor's weights with the same selector (but IDs) add up before
	// they are tried, each distinct selector against every guarantee once.
	type selectorKey struct {
		kind                                      guarantee.Kind
		provider, providerIn, beneficiary, target actor.ID
		location                                  string
	}
	type group struct {
		sel *guarantee.Selector
		sum *big.Rat
	}
	var (
		picked  []int
		groups  []group
		groupOf = map[selectorKey]int{}
		tries   int
	)
	for _, v := range s.Values {
		t.actors = append(t.actors, v.Actor)
		t.d = append(t.d, new(big.Rat).SetFloat64(v.Disagreement))
		offer, veto := map[guarantee.ID]*big.Rat{}, map[string]*big.Rat{}
		add := func(m map[string]*big.Rat, k string, w *big.Rat) {
			if m[k] == nil {
				m[k] = new(big.Rat)
			}
			m[k].Add(m[k], w)
		}
		// try adds w to the worth of each guarantee of picked that sel
		// matches.
		try := func(sel *guarantee.Selector, picked []int, w *big.Rat) error {
			if tries += len(picked); tries >= checkEvery {
				if err := ctx.Err(); err != nil {
					return err
				}
				tries = 0
			}
			for _, i := range picked {
				g := &s.Guarantees[i]
				if sel.Matches(g, x) {
					if offer[g.ID] == nil {
						offer[g.ID] = new(big.Rat)
					}
					offer[g.ID].Add(offer[g.ID], w)
				}
			}
			return nil
		}
		groups = groups[:0]
		clear(groupOf)
		for k := range v.Weights {
			w := &v.Weights[k]
			r := new(big.Rat).SetFloat64(w.Weight)
			switch {
			case w.Veto != "":
				// A veto that names no demands-veto position is no
				// candidate: its weight never counts.
				if k := s.PositionIndex(w.Veto); k >= 0 && s.Positions[k].Stance == scenario.DemandsVeto {
					add(veto, s.PositionRef(k), r)
				}
			case len(w.Select.IDs) > 0:
				picked = picked[:0]
				for _, id := range w.Select.IDs {
					if i, ok := byID[id]; ok {
						picked = append(picked, i)
					}
				}
				slices.Sort(picked)
				picked = slices.Compact(picked) // an ID named twice picks its guarantee once
				if err := try(&w.Select, picked, r); err != nil {
					return nil, err
				}
			default:
				sel := &w.Select
				key := selectorKey{sel.Kind, sel.Provider, sel.ProviderIn, sel.Beneficiary, sel.Target, sel.Location}
				if j, ok := groupOf[key]; ok {
					groups[j].sum.Add(groups[j].sum, r)
				} else {
					groupOf[key] = len(groups)
					groups = append(groups, group{sel, r})
				}
			}
		}
		for _, gr := range groups {
			if err := try(gr.sel, all, gr.sum); err != nil {
				return nil, err
			}
		}
		t.offer, t.veto = append(t.offer, offer), append(t.veto, veto)
	}
	return t, nil
}

func (t *terms) item(d deals.Deal) *item {
	n := len(t.actors)
	it := &item{out: Outcome{Deal: d, Utilities: make([]float64, n), Gains: make([]float64, n)}, u: make([]*big.Rat, n), g: make([]*big.Rat, n), exact: true}
	for a := range n {
		u := new(big.Rat)
		for _, g := range d.Guarantees {
			if w := t.offer[a][g]; w != nil {
				u.Add(u, w)
			}
		}
		for _, v := range d.Vetoes {
			if w := t.veto[a][v]; w != nil {
				u.Add(u, w)
			}
		}
		it.u[a], it.g[a] = u, new(big.Rat).Sub(u, t.d[a])
		var exact bool
		it.out.Utilities[a], exact = u.Float64()
		it.exact = it.exact && exact
		it.out.Gains[a], _ = it.g[a].Float64()
	}
	return it
}

// absent says why no outcome qualifies: the first actor whose best
// utility over all outcomes is below its disagreement value (not above it,
// when strict), or that the actors cannot all be served at once.
func (t *terms) absent(outcomes int, best []*big.Rat, strict bool) (string, actor.ID) {
	if outcomes == 0 {
		return "no feasible deal: there is no outcome at all", ""
	}
	for a, b := range best {
		c := b.Cmp(t.d[a])
		if c < 0 || strict && c == 0 {
			rel := "below"
			if c == 0 {
				rel = "not above"
			}
			return fmt.Sprintf("%s's best utility over all %d outcomes is %s, %s its disagreement value %s: it rules every outcome out",
				t.actors[a], outcomes, ratText(b), rel, ratText(t.d[a])), t.actors[a]
		}
	}
	if strict {
		return "no outcome gives every actor more than its disagreement value at once, though each alone can", ""
	}
	return "no outcome gives every actor at least its disagreement value at once, though each alone can", ""
}

// norms are the four scores, each over the outcomes it admits (nil for
// one it does not).
type norms struct {
	t     *terms
	ideal []*big.Rat
}

func newNorms(t *terms, ideal []*big.Rat) norms { return norms{t: t, ideal: ideal} }

func (norms) sum(it *item) *big.Rat {
	s := new(big.Rat)
	for _, u := range it.u {
		s.Add(s, u)
	}
	return s
}

func (norms) product(it *item) *big.Rat {
	p := big.NewRat(1, 1)
	for _, g := range it.g {
		if g.Sign() <= 0 {
			return nil
		}
		p.Mul(p, g)
	}
	return p
}

func (x norms) ks(it *item) *big.Rat {
	var m *big.Rat
	for a, g := range it.g {
		if g.Sign() < 0 {
			return nil
		}
		span := new(big.Rat).Sub(x.ideal[a], x.t.d[a])
		if span.Sign() == 0 {
			continue // ideal_a = d_a: left out of the minimum
		}
		q := new(big.Rat).Quo(g, span)
		if m == nil || q.Cmp(m) < 0 {
			m = q
		}
	}
	if m == nil {
		m = big.NewRat(1, 1) // no actor counts: every IR outcome scores alike
	}
	return m
}

func (norms) least(it *item) *big.Rat {
	var m *big.Rat
	for _, g := range it.g {
		if g.Sign() < 0 {
			return nil
		}
		if m == nil || g.Cmp(m) < 0 {
			m = g
		}
	}
	return m
}

// solutions chooses the four solutions, the j-th among the outcomes
// items(j), which must hold its best and runner-up over all outcomes
// of s; outcomes counts them all and best is each actor's best utility.
// It stops when ctx is done.
func (x norms) solutions(ctx context.Context, outcomes int, best []*big.Rat, items func(j int) []*item) ([]Solution, error) {
	t := x.t
	norms := []struct {
		name, norm string
		score      func(*item) *big.Rat
		why        func() (string, actor.ID)
	}{
		{Utilitarian, "the sum of utilities", x.sum, func() (string, actor.ID) {
			return "no feasible deal: there is no outcome at all", ""
		}},
		{Nash, "the product of gains", x.product, func() (string, actor.ID) {
			return t.absent(outcomes, best, true)
		}},
		{KalaiSmorodinsky, "the least share of an actor's ideal gain", x.ks, func() (string, actor.ID) {
			return t.absent(outcomes, best, false)
		}},
		{Egalitarian, "the least gain", x.least, func() (string, actor.ID) {
			return t.absent(outcomes, best, false)
		}},
	}
	sols := make([]Solution, len(norms))
	for j, n := range norms {
		var err error
		if sols[j], err = solve(ctx, n.name, items(j), n.score, n.norm, n.why); err != nil {
			return nil, err
		}
	}
	return sols, nil
}

// requirementsOf returns what each offer of s requires.
func requirementsOf(s *scenario.Scenario) map[guarantee.ID][]guarantee.ID {
	requires := make(map[guarantee.ID][]guarantee.ID, len(s.Guarantees))
	for _, g := range s.Guarantees {
		requires[g.ID] = g.Requires
	}
	return requires
}

// requirementGraph returns, for the offers of a package in the order
// given, the offers each requires (dep) and those that require each (by),
// by index into offers, and the index of each offer. Requirements outside
// the package are left out.
func requirementGraph(offers []guarantee.ID, requires map[guarantee.ID][]guarantee.ID) (dep, by [][]int, at map[guarantee.ID]int) {
	at = make(map[guarantee.ID]int, len(offers))
	for i, g := range offers {
		at[g] = i
	}
	dep, by = make([][]int, len(offers)), make([][]int, len(offers))
	for i, g := range offers {
		for _, r := range requires[g] {
			if j, ok := at[r]; ok {
				dep[i] = append(dep[i], j)
				by[j] = append(by[j], i)
			}
		}
	}
	return dep, by, at
}
