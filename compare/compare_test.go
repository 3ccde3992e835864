package compare_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// This file checks Compare and Diff. Compare's comparison of feasible
// packages is in closed form; the reference here is the brute force of
// search_test.go (every package under every choice of candidate grants,
// judged by Evaluate), run on both scenarios of thousands of random pairs:
// a small random scenario and a variant of it made by random what-if
// edits, or two independent random scenarios, whose offers share IDs.

// Limits of the scenarios the brute force takes here: it evaluates
// 2^(offers+demands-veto positions) scenarios.
const (
	compareMaxOffers = 9  // of a random base
	compareMaxWork   = 12 // offers plus demands-veto positions, either side
)

// pkgKey writes a package, a sorted list of guarantee IDs, as "{a, b}".
func pkgKey(ids []guarantee.ID) string {
	return "{" + strings.Join(toStrings(ids), ", ") + "}"
}

func toStrings[T ~string](l []T) []string {
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = string(x)
	}
	return out
}

// bruteFeasible returns the packages feasible in s, with every position
// standing, by brute force, keyed by pkgKey.
func bruteFeasible(t testing.TB, s scenario.Scenario) map[string][]guarantee.ID {
	t.Helper()
	b := testkit.NewBrute(t, s)
	out := map[string][]guarantee.ID{}
	for h := range 1 << b.N {
		if b.Feas[h].Has(0) {
			ids := b.Offers(h)
			out[pkgKey(ids)] = ids
		}
	}
	return out
}

// minus returns the keys of x that are not in y, sorted.
func minus(x, y map[string][]guarantee.ID) []string {
	var out []string
	for k := range x {
		if _, ok := y[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// bruteWork is what the brute force costs on s, as a power of two, and
// whether it takes s at all.
func bruteWork(s scenario.Scenario) (int, bool) {
	k := 0
	for _, p := range s.Positions {
		if p.Stance == scenario.DemandsVeto {
			k++
		}
	}
	return len(s.Guarantees) + k, len(s.Positions) <= testkit.MaxBrutePositions
}

func withinBudget(s scenario.Scenario) bool {
	w, ok := bruteWork(s)
	return ok && w <= compareMaxWork
}

// editorFor returns a generator that draws elements fitting s: its
// states, bodies and offers.
func editorFor(r *rand.Rand, s scenario.Scenario) *testkit.Generator {
	gen := &testkit.Generator{R: r}
	for _, a := range s.Actors {
		if a.Kind.IsBody() {
			gen.Bodies = append(gen.Bodies, a.ID)
		} else {
			gen.States = append(gen.States, a.ID)
		}
	}
	gen.All = append(slices.Clone(gen.States), gen.Bodies...)
	for _, g := range s.Guarantees {
		gen.Gids = append(gen.Gids, g.ID)
	}
	gen.Sh = testkit.GenShape{Offers: len(gen.Gids)}
	return gen
}

var compareStances = []scenario.Stance{scenario.Refuses, scenario.Rejects, scenario.Requires, scenario.DemandsVeto, scenario.RejectsVeto}

// randomEdit draws one what-if edit for s, or nil when the kind drawn does
// not fit s. It may not apply; the caller tries it.
func randomEdit(r *rand.Rand, s scenario.Scenario) scenario.Edit {
	gen := editorFor(r, s)
	if len(gen.States) == 0 || len(gen.Bodies) == 0 {
		return nil
	}
	anyGuarantee := func() *guarantee.Guarantee {
		if len(s.Guarantees) == 0 {
			return nil
		}
		return &s.Guarantees[r.IntN(len(s.Guarantees))]
	}
	switch r.IntN(9) {
	case 0: // without a guarantee
		if g := anyGuarantee(); g != nil {
			return scenario.Without{ID: string(g.ID)}
		}
	case 1: // without a position
		if len(s.Positions) > 0 {
			i := r.IntN(len(s.Positions))
			id := s.Positions[i].ID
			if id == "" {
				id = "positions[" + strconv.Itoa(i) + "]"
			}
			return scenario.Without{ID: id}
		}
	case 2: // grant a veto
		h := gen.Attacker()
		if gen.Chance(40) {
			h = gen.Pick(gen.All)
		}
		return scenario.Grant{Veto: scenario.Veto{Holder: h, Over: gen.Selector()}}
	case 3: // revoke
		if len(s.Vetoes) > 0 {
			v := s.Vetoes[r.IntN(len(s.Vetoes))]
			if gen.Chance(30) {
				return scenario.Revoke{Holder: v.Holder}
			}
			over := v.Over
			return scenario.Revoke{Holder: v.Holder, Over: &over}
		}
	case 4: // add a position of a random stance
		st := compareStances[r.IntN(len(compareStances))]
		return scenario.AddPosition{Position: gen.Position(100+len(s.Positions), st)}
	case 5, 6: // set a field of a guarantee
		g := anyGuarantee()
		if g == nil {
			return nil
		}
		set := func(field, value string) scenario.Edit {
			return scenario.Set{Field: string(g.ID) + "." + field, Value: value}
		}
		switch r.IntN(9) {
		case 8: // a mandate, renewed by a body or a state, or none
			if !g.Mandate.IsZero() && gen.Chance(40) {
				return scenario.WithoutMandate{Guarantee: g.ID}
			}
			return scenario.WithMandate{Guarantee: g.ID, Mandate: guarantee.Mandate{Body: gen.Pick(gen.All), Every: guarantee.Period{Months: 6}}}
		case 0:
			var req []string
			for _, id := range append(slices.Clone(gen.Gids), "g20") {
				if id != g.ID && gen.Chance(30) {
					req = append(req, string(id))
				}
			}
			return set("requires", strings.Join(req, ", "))
		case 1:
			return set("provider", string(gen.Pick(gen.All)))
		case 2:
			return set("beneficiary", string(gen.Pick(gen.States)))
		case 3:
			return set("strength", []string{"assurance", "political", "treaty"}[r.IntN(3)])
		case 4:
			return set("kind", string(testkit.GenKinds[r.IntN(len(testkit.GenKinds))]))
		case 5:
			if gen.Chance(30) {
				return set("target", "")
			}
			return set("target", string(gen.Pick(gen.States)))
		case 6:
			return set("trigger", gen.Trigger(g.Beneficiary).String())
		default:
			switch r.IntN(4) {
			case 0:
				return set("activation", "")
			case 1:
				return set("activation", "automatic")
			case 2:
				return set("activation", guarantee.ConsentOf(gen.Some(gen.All, 2)...).String())
			default:
				return set("activation", guarantee.DecidedBy(gen.Pick(gen.Bodies)).String())
			}
		}
	case 7: // add a guarantee, now and then one another offer requires
		var id guarantee.ID
		for k := 1; id == ""; k++ {
			c := guarantee.ID("g" + strconv.Itoa(k))
			if k == 1 && gen.Chance(30) {
				c = "g20"
			}
			if !slices.Contains(gen.Gids, c) {
				id = c
			}
		}
		gen.Gids = append(gen.Gids, id)
		gen.Sh.Offers = len(gen.Gids)
		return scenario.AddGuarantee{Guarantee: gen.Guarantee(len(gen.Gids) - 1)}
	default: // set a field of a position's selector, or its stance
		if len(s.Positions) == 0 {
			return nil
		}
		i := r.IntN(len(s.Positions))
		id := s.Positions[i].ID
		if id == "" {
			id = "positions[" + strconv.Itoa(i) + "]"
		}
		switch r.IntN(3) {
		case 0:
			return scenario.Set{Field: id + ".beneficiary", Value: string(gen.Pick(gen.States))}
		case 1:
			return scenario.Set{Field: id + ".kind", Value: string(testkit.GenSelKinds[r.IntN(len(testkit.GenSelKinds))])}
		default:
			return scenario.Set{Field: id + ".stance", Value: []string{"refuses", "rejects", "requires"}[r.IntN(3)]}
		}
	}
	return nil
}

// comparePair draws the pair of scenarios of a seed: mostly a small
// random base and a variant of it made by one to three random edits,
// sometimes two independent random scenarios (whose offers are g1, g2, …
// on both sides). edits are the edits made, nil for an independent pair.
func comparePair(t testing.TB, seed uint64) (a, b scenario.Scenario, edits []scenario.Edit) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 0x636f6d70617265))
	shape := func() testkit.GenShape {
		sh := testkit.RandomShape(r)
		sh.Offers = min(sh.Offers, compareMaxOffers)
		return sh
	}
	a = testkit.Generate(seed, shape())
	if r.IntN(100) < 15 {
		b = testkit.Generate(seed^0x9e3779b97f4a7c15, shape())
		b.Name = "other"
		return a, b, nil
	}
	b = a
	want := 1 + r.IntN(3)
	for tries := 0; len(edits) < want && tries < 200; tries++ {
		e := randomEdit(r, b)
		if e == nil {
			continue
		}
		c, err := b.With(e)
		if err != nil || !withinBudget(c) || len(scenario.Diff(b, c)) == 0 {
			continue // not applicable, too costly, or no change
		}
		b = c
		edits = append(edits, e)
	}
	if len(edits) == 0 {
		t.Fatalf("seed %d: no random edit applied in 200 tries", seed)
	}
	return a, b, edits
}

// compareCoverage counts what the random pairs reach, so that a drifting
// generator fails the test rather than passing it vacuously.
var compareMustReach = []string{
	"relation equivalent", "relation more-permissive", "relation less-permissive", "relation incomparable",
	"base has no feasible package", "other has no feasible package", "both have feasible packages",
	"empty package as an example", "example with an offer the other lacks",
	"space because", "finding appeared", "finding disappeared", "finding changed", "independent pair",
}

// checkCompare compares Compare(a, b) with the brute force on both
// scenarios, and returns what it reached.
func checkCompare(t *testing.T, seed uint64, a, b scenario.Scenario, edits []scenario.Edit) []string {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		ya, _ := scenariofile.Marshal(a, scenariofile.YAML)
		yb, _ := scenariofile.Marshal(b, scenariofile.YAML)
		var es []string
		for _, e := range edits {
			es = append(es, e.String())
		}
		t.Errorf("seed %d (rerun with go test ./scenario -run 'TestCompareAgainstBruteForce/random/^%d$'): "+format+
			"\nedits made: %q\nbase:\n%s\nother:\n%s", append(append([]any{seed, seed}, args...), es, ya, yb)...)
	}
	got, err := compare.Scenarios(context.Background(), a, b)
	if err != nil {
		fail("Compare: %v", err)
		return nil
	}
	fa, fb := bruteFeasible(t, a), bruteFeasible(t, b)
	onlyA, onlyB := minus(fa, fb), minus(fb, fa)
	var want compare.Relation
	switch {
	case len(onlyA) == 0 && len(onlyB) == 0:
		want = compare.Equivalent
	case len(onlyA) == 0:
		want = compare.MorePermissive
	case len(onlyB) == 0:
		want = compare.LessPermissive
	default:
		want = compare.Incomparable
	}
	sp := got.Space
	if sp.Relation != want {
		fail("Space.Relation = %v; the brute force says %v (only in base: %v; only in other: %v)", sp.Relation, want, onlyA, onlyB)
	}
	// Packages of at most 12 offers and 8 requires positions are always
	// counted.
	if !sp.Counted {
		fail("Space.Counted = false (%s); want the counts of so small a pair", sp.CountSkipped)
	} else if g, w := [4]uint64{sp.Base, sp.Other, sp.OnlyBase, sp.OnlyOther}, [4]uint64{uint64(len(fa)), uint64(len(fb)), uint64(len(onlyA)), uint64(len(onlyB))}; g != w {
		fail("Space counts base, other, only base, only other = %v; the brute force says %v", g, w)
	}
	checkExample := func(name string, ex *compare.Example, only []string, in, out map[string][]guarantee.ID, outScenario scenario.Scenario) {
		t.Helper()
		if (ex == nil) != (len(only) == 0) {
			fail("Space.%s = %v, but the brute force finds %d packages on that side only: %v", name, ex, len(only), only)
			return
		}
		if ex == nil {
			return
		}
		k := pkgKey(ex.Guarantees)
		if !slices.IsSorted(ex.Guarantees) || ex.Guarantees == nil {
			fail("Space.%s.Guarantees = %v; want a sorted, non-nil list", name, ex.Guarantees)
		}
		if _, ok := in[k]; !ok {
			fail("Space.%s %s is not feasible on its side, by brute force", name, k)
		}
		if _, ok := out[k]; ok {
			fail("Space.%s %s is feasible on the other side too, by brute force", name, k)
		}
		// Every offer of the example is on the other side's table: then
		// the other side, cut down to it, has an error to show.
		onTable := !slices.ContainsFunc(ex.Guarantees, func(id guarantee.ID) bool {
			return !slices.ContainsFunc(outScenario.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
		})
		if onTable && len(ex.Why) == 0 {
			fail("Space.%s %s: no Why, though every offer of it is on the other side's table", name, k)
		}
	}
	checkExample("BaseExample", sp.BaseExample, onlyA, fa, fb, b)
	checkExample("OtherExample", sp.OtherExample, onlyB, fb, fa, a)

	// The edits are Diff's; the verdicts and findings are Evaluate's.
	diff := scenario.Diff(a, b)
	var wantEdits []string
	for _, e := range diff {
		wantEdits = append(wantEdits, e.String())
	}
	if !slices.Equal(got.Edits, wantEdits) {
		fail("Edits = %q; Diff says %q", got.Edits, wantEdits)
	}
	ra, rb := testkit.Evaluate(t, a), testkit.Evaluate(t, b)
	if got.BaseVerdict != ra.Verdict || got.OtherVerdict != rb.Verdict {
		fail("verdicts %v, %v; Evaluate says %v, %v", got.BaseVerdict, got.OtherVerdict, ra.Verdict, rb.Verdict)
	}
	checkPairing(t, fail, got, ra, rb)

	// Because: an edit of the pair is named under the feasible packages
	// exactly when, applied alone to the base, it changes them (checked
	// by brute force where the pair has few edits).
	for _, e := range sp.Because {
		if !slices.Contains(got.Edits, e) {
			fail("Space.Because names %q, which is not an edit of the pair", e)
		}
	}
	if want == compare.Equivalent && len(sp.Because) > 0 {
		fail("Space.Because = %q, though the feasible packages are the same", sp.Because)
	}
	if len(diff) == 1 && want != compare.Equivalent && !slices.Equal(sp.Because, wantEdits) {
		fail("Space.Because = %q; want the one edit %q", sp.Because, wantEdits)
	}
	if len(diff) > 1 && len(diff) <= 3 && want != compare.Equivalent {
		for _, e := range diff {
			alone, err := a.With(e)
			if err != nil || !withinBudget(alone) {
				continue
			}
			fe := bruteFeasible(t, alone)
			changes := len(minus(fa, fe))+len(minus(fe, fa)) > 0
			if named := slices.Contains(sp.Because, e.String()); named != changes {
				fail("edit %q alone changes the feasible packages: %v; Space.Because = %q", e, changes, sp.Because)
			}
		}
	}

	var keys []string
	keys = append(keys, "relation "+want.String())
	switch {
	case len(fa) == 0:
		keys = append(keys, "base has no feasible package")
	case len(fb) == 0:
		keys = append(keys, "other has no feasible package")
	default:
		keys = append(keys, "both have feasible packages")
	}
	for _, ex := range []*compare.Example{sp.BaseExample, sp.OtherExample} {
		if ex != nil && len(ex.Guarantees) == 0 {
			keys = append(keys, "empty package as an example")
		}
	}
	if ex := sp.BaseExample; ex != nil && slices.ContainsFunc(ex.Guarantees, func(id guarantee.ID) bool {
		return !slices.ContainsFunc(b.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
	}) {
		keys = append(keys, "example with an offer the other lacks")
	}
	if len(sp.Because) > 0 {
		keys = append(keys, "space because")
	}
	if len(got.Appeared) > 0 {
		keys = append(keys, "finding appeared")
	}
	if len(got.Disappeared) > 0 {
		keys = append(keys, "finding disappeared")
	}
	if len(got.Changed) > 0 {
		keys = append(keys, "finding changed")
	}
	if edits == nil {
		keys = append(keys, "independent pair")
	}
	return keys
}

// checkPairing checks the findings Compare pairs against the two reports:
// each Before is a finding of the base, each After one of the other; a
// change pairs findings of the same code that differ; no finding is used
// twice; and what is left unpaired on each side is the same findings.
func checkPairing(t *testing.T, fail func(string, ...any), c compare.Comparison, ra, rb scenario.Report) {
	t.Helper()
	line := func(f scenario.Finding) string {
		return fmt.Sprintf("%s|%s|%v|%v|%q|%s|%q", f.Code, f.Severity, f.Actors, f.Guarantees, f.Positions, f.Message, f.Sources)
	}
	restA := map[string]int{}
	for _, f := range ra.Findings {
		restA[line(f)]++
	}
	restB := map[string]int{}
	for _, f := range rb.Findings {
		restB[line(f)]++
	}
	take := func(rest map[string]int, f *scenario.Finding, side string) {
		if f == nil {
			return
		}
		if rest[line(*f)] == 0 {
			fail("a finding change's %s finding %v is not one of that side's findings (or is used twice)", side, *f)
			return
		}
		rest[line(*f)]--
	}
	for _, fc := range c.Disappeared {
		if fc.Before == nil || fc.After != nil {
			fail("disappeared %+v: want Before only", fc)
		}
		take(restA, fc.Before, "before")
	}
	for _, fc := range c.Appeared {
		if fc.After == nil || fc.Before != nil {
			fail("appeared %+v: want After only", fc)
		}
		take(restB, fc.After, "after")
	}
	for _, fc := range c.Changed {
		if fc.Before == nil || fc.After == nil {
			fail("changed %+v: want Before and After", fc)
			continue
		}
		if fc.Before.Code != fc.After.Code || line(*fc.Before) == line(*fc.After) {
			fail("changed %v -> %v: want the same code and a difference", *fc.Before, *fc.After)
		}
		take(restA, fc.Before, "before")
		take(restB, fc.After, "after")
	}
	for k, n := range restA {
		if n == 0 {
			delete(restA, k)
		}
	}
	for k, n := range restB {
		if n == 0 {
			delete(restB, k)
		}
	}
	if d := cmp.Diff(restA, restB, cmpopts.EquateEmpty()); d != "" {
		fail("the findings left unpaired differ between base and other (-base +other):\n%s", d)
	}
}

// TestCompareAgainstBruteForce checks Compare's comparison of feasible
// packages against the brute force on both sides of random pairs: the
// relation, the four counts, the examples on each side and that they are
// missing exactly when a side has no package of its own; and, along the
// way, its edits, verdicts, finding pairs and attribution.
func TestCompareAgainstBruteForce(t *testing.T) {
	n := 2000
	if testing.Short() || testkit.RaceEnabled {
		n = 250
	}
	var (
		mu     sync.Mutex
		counts = map[string]int{}
	)
	start := time.Now()
	t.Run("random", func(t *testing.T) {
		for seed := range uint64(n) {
			t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
				t.Parallel()
				a, b, edits := comparePair(t, seed)
				keys := checkCompare(t, seed, a, b, edits)
				mu.Lock()
				for _, k := range keys {
					counts[k]++
				}
				mu.Unlock()
			})
		}
	})
	t.Logf("%d pairs in %v", n, time.Since(start).Round(time.Millisecond))
	least := 10
	if n < 1000 {
		least = 2
	}
	var missed []string
	for _, k := range compareMustReach {
		if counts[k] < least {
			missed = append(missed, fmt.Sprintf("%s (%d)", k, counts[k]))
		}
	}
	if len(missed) > 0 {
		t.Errorf("the random pairs rarely reach: %s", strings.Join(missed, ", "))
	}
	if testing.Verbose() {
		for _, k := range compareMustReach {
			t.Logf("%6d %s", counts[k], k)
		}
	}
}

// reportLines returns r's findings as sorted lines (code, severity,
// actors, guarantees, positions, message), with the paths of s's
// positions without an ID ("positions[3]") replaced by what the position
// says: a.With(Diff(a, b)...) keeps a's order, so such paths may differ
// from b's.
func reportLines(s scenario.Scenario, r scenario.Report) []string {
	unpath := func(x string) string {
		for i := len(s.Positions) - 1; i >= 0; i-- {
			if s.Positions[i].ID == "" {
				x = strings.ReplaceAll(x, "positions["+strconv.Itoa(i)+"]", "<"+s.Positions[i].String()+">")
			}
		}
		return x
	}
	var out []string
	for _, f := range r.Findings {
		ps := make([]string, len(f.Positions))
		for i, p := range f.Positions {
			ps[i] = unpath(p)
		}
		slices.Sort(ps) // in the scenario's order, which may differ
		out = append(out, fmt.Sprintf("%s %s %v %v %q %s", f.Code, f.Severity, f.Actors, f.Guarantees, ps, unpath(f.Message)))
	}
	slices.Sort(out)
	return out
}

// TestDiffApplies checks, on random pairs, that a.With(Diff(a, b)...)
// applies and evaluates as b does, and that a scenario differs from
// itself by nothing.
func TestDiffApplies(t *testing.T) {
	n := 1500
	if testing.Short() || testkit.RaceEnabled {
		n = 200
	}
	independent := 0
	for seed := range uint64(n) {
		a, b, edits := comparePair(t, seed)
		if edits == nil {
			independent++
		}
		if d := scenario.Diff(a, a); len(d) != 0 {
			t.Errorf("seed %d: Diff(a, a) = %v; want no edit", seed, d)
		}
		if d := scenario.Diff(b, b); len(d) != 0 {
			t.Errorf("seed %d: Diff(b, b) = %v; want no edit", seed, d)
		}
		diff := scenario.Diff(a, b) // empty when the edits undo each other
		c, err := a.With(diff...)
		if err != nil {
			t.Errorf("seed %d: a.With(Diff(a, b)...) = %v\nDiff: %v", seed, err, diff)
			continue
		}
		if d := scenario.Diff(c, b); len(d) != 0 {
			t.Errorf("seed %d: Diff(a.With(Diff(a, b)...), b) = %v; want no edit", seed, d)
		}
		rc, rb := testkit.Evaluate(t, c), testkit.Evaluate(t, b)
		if rc.Verdict != rb.Verdict {
			t.Errorf("seed %d: a.With(Diff(a, b)...) evaluates %v; b %v", seed, rc.Verdict, rb.Verdict)
		}
		if d := cmp.Diff(reportLines(b, rb), reportLines(c, rc)); d != "" {
			t.Errorf("seed %d: a.With(Diff(a, b)...) does not evaluate as b (-b +applied):\n%s\nDiff: %v", seed, d, diff)
		}
	}
	if independent < n/20 {
		t.Errorf("only %d of %d pairs are independent scenarios", independent, n)
	}
}

func TestDiffOneEdit(t *testing.T) {
	seed := examples.Ukraine2025()
	cases := []struct {
		name string
		edit scenario.Edit
		want string
	}{
		{"SetField", scenario.Set{Field: "us-air-support.strength", Value: "treaty"}, "set us-air-support.strength = treaty"},
		{"SetRequires", scenario.Set{Field: "european-force.requires", Value: "us-air-support, us-intelligence"}, "set european-force.requires = us-air-support, us-intelligence"},
		{"SetPositionSelector", scenario.Set{Field: "ru-demands-veto.kind", Value: "military"}, "set ru-demands-veto.kind = military"},
		{"WithoutGuarantee", scenario.Without{ID: "us-intelligence"}, "without us-intelligence"},
		{"WithoutPosition", scenario.Without{ID: "ru-demands-veto"}, "without ru-demands-veto"},
		{"GrantVeto", scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}, "grant RU veto over {beneficiary: UA}"},
		{"SetTimeline", scenario.Set{Field: "timeline", Value: "peace-deal"}, "set timeline = peace-deal"},
		{"SetLikelihood", scenario.Set{Field: "us-air-support.likelihood", Value: "0.35"}, "set us-air-support.likelihood = 0.35"},
		{"SetPositionLikelihood", scenario.Set{Field: "ru-demands-veto.likelihood", Value: "0.55"}, "set ru-demands-veto.likelihood = 0.55"},
		{"SetActorPartiesAside", scenario.Set{Field: "NATO.parties-aside", Value: "true"}, "set NATO.parties-aside = true"},
		{"SetActivationPartiesAside", scenario.Set{Field: "willing-sanctions.parties-aside", Value: "true"}, "set willing-sanctions.parties-aside = true"},
		{"WithMandate", scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "EU", Every: guarantee.Period{Months: 6}}},
			"with mandate european-force: renewed by EU every 6 months"},
		{"SetDatedTimeline", scenario.Set{Field: "timeline", Value: "2025-09-01 peace-deal, 2026-03-01 renewal(EU), attack(RU, UA)"},
			"set timeline = 2025-09-01 peace-deal, 2026-03-01 renewal(EU), attack(RU, UA)"},
	}
	t.Run("NameNotCompared", func(t *testing.T) {
		other := with(t, seed, scenario.Set{Field: "name", Value: "draft 2"}, scenario.Set{Field: "description", Value: "d"})
		if d := scenario.Diff(seed, other); len(d) != 0 {
			t.Errorf("Diff of a new name and description = %v; want none (Diff compares neither)", d)
		}
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			other, err := seed.With(tc.edit)
			if err != nil {
				t.Fatalf("With(%v): %v", tc.edit, err)
			}
			got := scenario.Diff(seed, other)
			if diff := cmp.Diff([]scenario.Edit{tc.edit}, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Diff: -want +got:\n%s", diff)
			}
			if len(got) == 1 && got[0].String() != tc.want {
				t.Errorf("Diff(...)[0].String() = %q; want %q", got[0].String(), tc.want)
			}
			back := scenario.Diff(other, seed)
			undone, err := other.With(back...)
			if err != nil {
				t.Fatalf("other.With(Diff(other, seed)...): %v", err)
			}
			if d := scenario.Diff(seed, undone); len(d) != 0 {
				t.Errorf("undoing the edit leaves %v", d)
			}
		})
	}
}

// TestDiffMandate: a changed mandate is a WithMandate, a removed one a
// WithoutMandate, and a guarantee replaced for another reason brings its
// mandate with it, with no mandate edit beside the replace.
func TestDiffMandate(t *testing.T) {
	seed := examples.Ukraine2025()
	six := guarantee.Mandate{Body: "EU", Every: guarantee.Period{Months: 6}}
	withSix := with(t, seed, scenario.WithMandate{Guarantee: "european-force", Mandate: six})
	yearly := six
	yearly.Every = guarantee.Period{Months: 12}
	tests := []struct {
		reason string
		a, b   scenario.Scenario
		want   []string
	}{
		{"a mandate added", seed, withSix, []string{"with mandate european-force: renewed by EU every 6 months"}},
		{"a mandate removed", withSix, seed, []string{"without mandate european-force"}},
		{"a mandate changed", withSix, with(t, withSix, scenario.WithMandate{Guarantee: "european-force", Mandate: yearly}),
			[]string{"with mandate european-force: renewed by EU every 1 year"}},
		{"a mandate unchanged, another field set", withSix, with(t, withSix, scenario.Set{Field: "european-force.strength", Value: "treaty"}),
			[]string{"set european-force.strength = treaty"}},
		{"a guarantee replaced brings its mandate", seed, with(t, withSix, scenario.Set{Field: "european-force.note", Value: "n"}, scenario.ReplaceGuarantee{Guarantee: func() guarantee.Guarantee {
			g := withSix.Guarantees[2]
			g.Sources = []string{"seed", "eu-members"}
			return g
		}()}), []string{"replace guarantee european-force"}},
		{"a new body and a mandate it renews", seed, with(t, seed,
			scenario.AddActor{Actor: actor.Actor{ID: "UNSC", Kind: actor.Organization, Members: testkit.Ids("US", "UK", "FR", "RU"), Decides: actor.Majority, Vetoes: testkit.Ids("US", "UK", "FR", "RU")}},
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 12}}}),
			[]string{"add actor UNSC", "with mandate european-force: renewed by UNSC every 1 year"}},
		{"a mandate removed with its body", with(t, seed,
			scenario.AddActor{Actor: actor.Actor{ID: "UNSC", Kind: actor.Organization, Members: testkit.Ids("US", "UK", "FR", "RU"), Decides: actor.Majority, Vetoes: testkit.Ids("US", "UK", "FR", "RU")}},
			scenario.WithMandate{Guarantee: "european-force", Mandate: guarantee.Mandate{Body: "UNSC", Every: guarantee.Period{Months: 12}}}), seed,
			[]string{"without mandate european-force", "without UNSC"}},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			edits := scenario.Diff(tc.a, tc.b)
			var got []string
			for _, e := range edits {
				got = append(got, e.String())
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Diff: %s (-want +got):\n%s", tc.reason, d)
			}
			applied, err := tc.a.With(edits...)
			if err != nil {
				t.Fatalf("a.With(Diff(a, b)...): %v", err)
			}
			if d := scenario.Diff(applied, tc.b); len(d) != 0 {
				t.Errorf("a.With(Diff(a, b)...) still differs from b by %v", d)
			}
		})
	}
}

// TestDiffVetoLikelihood: a granted veto whose likelihood changes is
// revoked and granted again, with its other vetoes; a veto added beside
// an unchanged one is only granted.
func TestDiffVetoLikelihood(t *testing.T) {
	seed := examples.Ukraine2025()
	likely := func(p float64) scenario.Veto {
		v := testkit.Grant("RU", testkit.ToUA)
		v.Likelihood = new(p)
		return v
	}
	a := with(t, seed, scenario.Grant{Veto: likely(0.3)}, scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)})
	b := with(t, seed, scenario.Grant{Veto: likely(0.6)}, scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)})
	over := testkit.ToUA
	want := []scenario.Edit{scenario.Revoke{Holder: "RU", Over: &over}, scenario.Grant{Veto: likely(0.6)}, scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)}}
	got := scenario.Diff(a, b)
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("Diff of a veto's likelihood: -want +got:\n%s", d)
	}
	if d := scenario.Diff(with(t, a, got...), b); len(d) != 0 {
		t.Errorf("applying Diff leaves %v", d)
	}
	c := with(t, a, scenario.Grant{Veto: likely(0.9)})
	if got, want := scenario.Diff(a, c), []scenario.Edit{scenario.Grant{Veto: likely(0.9)}}; !cmp.Equal(want, got, cmpopts.EquateEmpty()) {
		t.Errorf("Diff of an added veto = %v; want %v", got, want)
	}
}

// TestDiffOrder checks Diff's edits apply where Sets of one field at a
// time would pass through an invalid scenario.
func TestDiffOrder(t *testing.T) {
	cases := []struct {
		name string
		a, b scenario.Scenario
		want []string
	}{
		{
			name: "MembersAndVetoes",
			a:    testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Alliance("A", actor.Unanimity, "US", "UK"), "UK"))),
			b:    testkit.Build(testkit.Actors(testkit.WithVetoes(testkit.Alliance("A", actor.Unanimity, "US", "FR"), "FR"))),
			want: []string{"replace actor A"},
		},
		{
			name: "RuleAndThreshold",
			a: testkit.Build(testkit.Actors(func() actor.Actor {
				x := testkit.Alliance("A", actor.Majority, "US", "UK", "FR")
				x.Threshold = 3
				return x
			}())),
			b:    testkit.Build(testkit.Actors(testkit.Alliance("A", actor.Separately, "US", "UK"))),
			want: []string{"replace actor A"},
		},
		{
			name: "OneRuleField",
			a:    testkit.Build(testkit.Actors(testkit.Alliance("A", actor.Unanimity, "US", "UK"))),
			b:    testkit.Build(testkit.Actors(testkit.Alliance("A", actor.Majority, "US", "UK"))),
			want: []string{"set A.decides = majority"},
		},
		{
			name: "StanceAndBy",
			a:    testkit.Build(testkit.Positions(testkit.Named("p", testkit.RejectsVeto("UA", testkit.Ids("RU"), testkit.ToUA)))),
			b:    testkit.Build(testkit.Positions(testkit.Named("p", testkit.Pos("UA", scenario.Rejects, testkit.ToUA)))),
			want: []string{"replace position p with UA rejects {beneficiary: UA}"},
		},
		{
			name: "BodiesBeforeMembers",
			a:    testkit.Build(testkit.Actors(testkit.Alliance("A", actor.Unanimity, "US", "UK"), testkit.Coalition("B", "A", "FR"))),
			b:    testkit.Build(),
			want: []string{"without B", "without A"},
		},
		{
			// The replace runs after the removal, so it names the
			// position's path as the removal left it.
			name: "PathsAfterRemovals",
			a: testkit.Build(testkit.Positions(testkit.Pos("US", scenario.Refuses, testkit.ToUA), func() scenario.Position {
				p := testkit.Pos("UK", scenario.Refuses, testkit.ToUA)
				p.Note = "before"
				return p
			}())),
			b: testkit.Build(testkit.Positions(func() scenario.Position {
				p := testkit.Pos("UK", scenario.Refuses, testkit.ToUA)
				p.Note = "after"
				return p
			}())),
			want: []string{"without positions[0]", "replace position positions[0] with UK refuses {beneficiary: UA}"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := scenario.Validate(tc.a); err != nil {
				t.Fatalf("a: %v", err)
			}
			if err := scenario.Validate(tc.b); err != nil {
				t.Fatalf("b: %v", err)
			}
			d := scenario.Diff(tc.a, tc.b)
			var got []string
			for _, e := range d {
				got = append(got, e.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Diff = %q; want %q", got, tc.want)
			}
			c, err := tc.a.With(d...)
			if err != nil {
				t.Fatalf("a.With(Diff(a, b)...): %v", err)
			}
			if d := scenario.Diff(c, tc.b); len(d) != 0 {
				t.Errorf("a.With(Diff(a, b)...) still differs from b by %v", d)
			}
		})
	}
}

// compare compares, failing the test on an error.
func compareOf(t *testing.T, a, b scenario.Scenario) compare.Comparison {
	t.Helper()
	c, err := compare.Scenarios(context.Background(), a, b)
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return c
}

// with applies edits to s, failing the test on an error.
func with(t *testing.T, s scenario.Scenario, edits ...scenario.Edit) scenario.Scenario {
	t.Helper()
	o, err := s.With(edits...)
	if err != nil {
		t.Fatalf("With: %v", err)
	}
	return o
}

// codesOf lists the codes of finding changes, with their positions.
func codesOf(l []compare.FindingChange) []string {
	out := []string{}
	for _, fc := range l {
		f := fc.After
		if f == nil {
			f = fc.Before
		}
		out = append(out, string(f.Code)+" "+strings.Join(f.Positions, ","))
	}
	slices.Sort(out)
	return out
}

func TestCompareFindings(t *testing.T) {
	s := examples.Ukraine2025()
	t.Run("Appears", func(t *testing.T) {
		other := with(t, s, scenario.AddPosition{Position: testkit.Named("us-no-air", testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.AirSupport}))})
		c := compareOf(t, s, other)
		if got, want := codesOf(c.Appeared), []string{"red-line us-no-air"}; !slices.Equal(got, want) {
			t.Errorf("Appeared = %q; want %q", got, want)
		}
		if len(c.Disappeared)+len(c.Changed) != 0 {
			t.Errorf("Disappeared = %q, Changed = %q; want none", codesOf(c.Disappeared), codesOf(c.Changed))
		}
		if len(c.Appeared) == 1 && (c.Appeared[0].After == nil || !slices.Equal(c.Appeared[0].After.Guarantees, testkit.Gids("us-air-support"))) {
			t.Errorf("Appeared[0].After = %v; want the red line over us-air-support", c.Appeared[0].After)
		}
	})
	t.Run("Disappears", func(t *testing.T) {
		c := compareOf(t, s, with(t, s, scenario.Without{ID: "ru-demands-veto"}))
		got := codesOf(c.Disappeared)
		for _, want := range []string{"unmet-veto-demand ru-demands-veto", "veto-conflict ru-demands-veto,ua-rejects-ru-veto"} {
			if !slices.Contains(got, want) {
				t.Errorf("Disappeared = %q; want %q among them", got, want)
			}
		}
		if len(c.Appeared)+len(c.Changed) != 0 {
			t.Errorf("Appeared = %q, Changed = %q; want none", codesOf(c.Appeared), codesOf(c.Changed))
		}
		if c.BaseVerdict != scenario.Incompatible || c.OtherVerdict != scenario.Compatible {
			t.Errorf("verdicts %v, %v; want incompatible, compatible", c.BaseVerdict, c.OtherVerdict)
		}
	})
	t.Run("Changes", func(t *testing.T) {
		// Narrowing RU's demand to military guarantees keeps the
		// findings' codes and positions, but not their guarantees and
		// messages: a change, not one finding gone and another come.
		c := compareOf(t, s, with(t, s, scenario.Set{Field: "ru-demands-veto.kind", Value: "military"}))
		if len(c.Appeared)+len(c.Disappeared) != 0 {
			t.Errorf("Appeared = %q, Disappeared = %q; want none", codesOf(c.Appeared), codesOf(c.Disappeared))
		}
		want := []string{"unmet-veto-demand ru-demands-veto", "veto-conflict ru-demands-veto,ua-rejects-ru-veto"}
		if got := codesOf(c.Changed); !slices.Equal(got, want) {
			t.Fatalf("Changed = %q; want %q", got, want)
		}
		for _, fc := range c.Changed {
			if fc.Before.Message == fc.After.Message || !slices.Equal(fc.Before.Positions, fc.After.Positions) {
				t.Errorf("changed %v -> %v: want the same positions and another message", *fc.Before, *fc.After)
			}
			if slices.Contains(fc.After.Guarantees, "willing-financial") {
				t.Errorf("changed %v: names a financial offer, which the narrowed demand does not pick", *fc.After)
			}
			if want := []string{"set ru-demands-veto.kind = military"}; !slices.Equal(fc.Because, want) {
				t.Errorf("changed %s: Because = %q; want %q", fc.After.Code, fc.Because, want)
			}
		}
	})
	t.Run("NothingToReport", func(t *testing.T) {
		c := compareOf(t, s, examples.Ukraine2025())
		if !c.Same() || len(c.Edits)+len(c.Appeared)+len(c.Disappeared)+len(c.Changed) != 0 {
			t.Errorf("Compare(seed, seed): Same() = %v, edits %q, appeared %q, disappeared %q, changed %q; want nothing",
				c.Same(), c.Edits, codesOf(c.Appeared), codesOf(c.Disappeared), codesOf(c.Changed))
		}
		// An edit no finding mentions changes no finding, and Same
		// reports the edit.
		c = compareOf(t, s, with(t, s, scenario.Set{Field: "us-intelligence.note", Value: "changed"}))
		if len(c.Appeared)+len(c.Disappeared)+len(c.Changed) != 0 || c.Space.Relation != compare.Equivalent {
			t.Errorf("a note changed: appeared %q, disappeared %q, changed %q, space %v; want nothing",
				codesOf(c.Appeared), codesOf(c.Disappeared), codesOf(c.Changed), c.Space.Relation)
		}
		if c.Same() || !slices.Equal(c.Edits, []string{"set us-intelligence.note = changed"}) {
			t.Errorf("a note changed: Same() = %v, edits %q; want false and the edit", c.Same(), c.Edits)
		}
	})
}

func TestCompareAttribution(t *testing.T) {
	s := examples.Ukraine2025()
	other := with(t, s, scenario.Set{Field: "us-intelligence.note", Value: "changed"}, scenario.Without{ID: "ru-demands-veto"})
	c := compareOf(t, s, other)
	const maker = "without ru-demands-veto"
	if len(c.Edits) != 2 {
		t.Fatalf("Edits = %q; want two", c.Edits)
	}
	if len(c.Disappeared) == 0 {
		t.Fatalf("no finding disappeared")
	}
	for _, fc := range c.Disappeared {
		if !slices.Equal(fc.Because, []string{maker}) {
			t.Errorf("disappeared %s: Because = %q; want only %q", fc.Before.Code, fc.Because, maker)
		}
	}
	if c.Space.Relation == compare.Equivalent || !slices.Equal(c.Space.Because, []string{maker}) {
		t.Errorf("Space: relation %v, Because = %q; want a change because of only %q", c.Space.Relation, c.Space.Because, maker)
	}

	// Two edits that only together make a change are named under none:
	// a US red line over naval guarantees, and the naval offer given to
	// the US to provide.
	both := with(t, s,
		scenario.AddPosition{Position: testkit.Named("us-no-naval", testkit.Pos("US", scenario.Refuses, testkit.Sel{Kind: guarantee.Naval}))},
		scenario.Set{Field: "turkey-black-sea.provider", Value: "US"})
	c = compareOf(t, s, both)
	var red []compare.FindingChange
	for _, fc := range c.Appeared {
		if fc.After.Code == scenario.RedLine {
			red = append(red, fc)
		}
	}
	if len(red) != 1 || !slices.Equal(red[0].After.Positions, testkit.Refs("us-no-naval")) {
		t.Fatalf("Appeared = %q; want one red line, of us-no-naval", codesOf(c.Appeared))
	}
	if len(red[0].Because) != 0 {
		t.Errorf("red line: Because = %q; want none, since neither edit alone makes it", red[0].Because)
	}
}

func TestCompareSeed(t *testing.T) {
	s := examples.Ukraine2025()
	t.Run("WithoutVetoDemand", func(t *testing.T) {
		c := compareOf(t, s, with(t, s, scenario.Without{ID: "ru-demands-veto"}))
		sp := c.Space
		if sp.Relation != compare.MorePermissive || !sp.Counted || sp.Base != 0 || sp.Other == 0 || sp.OnlyOther != sp.Other || sp.OnlyBase != 0 {
			t.Errorf("Space = %v, counted %v, base %d, other %d, only base %d, only other %d; want more-permissive, 0 packages before and some after",
				sp.Relation, sp.Counted, sp.Base, sp.Other, sp.OnlyBase, sp.OnlyOther)
		}
		if sp.BaseExample != nil || sp.OtherExample == nil {
			t.Fatalf("examples %v, %v; want only one in the other", sp.BaseExample, sp.OtherExample)
		}
		if len(sp.OtherExample.Why) == 0 {
			t.Errorf("OtherExample %v: no Why; the seed rules every package out", sp.OtherExample.Guarantees)
		}
		if !slices.Equal(sp.Because, []string{"without ru-demands-veto"}) {
			t.Errorf("Space.Because = %q", sp.Because)
		}
	})
	t.Run("GrantRUVeto", func(t *testing.T) {
		other := with(t, s, scenario.Grant{Veto: testkit.Grant("RU", testkit.ToUA)})
		c := compareOf(t, s, other)
		if want := []string{"grant RU veto over {beneficiary: UA}"}; !slices.Equal(c.Edits, want) {
			t.Errorf("Edits = %q; want %q", c.Edits, want)
		}
		// Granted, the veto meets RU's demand, and UA rejects it: no
		// package is feasible either way.
		sp := c.Space
		if sp.Relation != compare.Equivalent || !sp.Counted || sp.Base != 0 || sp.Other != 0 || sp.BaseExample != nil || sp.OtherExample != nil || len(sp.Because) != 0 {
			t.Errorf("Space = %+v; want equivalent, no package on either side", sp)
		}
		if got := codesOf(c.Disappeared); !slices.Contains(got, "unmet-veto-demand ru-demands-veto") {
			t.Errorf("Disappeared = %q; want RU's demand met", got)
		}
		if got := codesOf(c.Appeared); !slices.Contains(got, "rejected-veto ua-rejects-ru-veto") {
			t.Errorf("Appeared = %q; want UA's rejection of the granted veto", got)
		}
		if c.Same() {
			t.Errorf("Same() = true; the findings changed")
		}
	})
	t.Run("Same", func(t *testing.T) {
		c := compareOf(t, s, s)
		if !c.Same() || c.Space.Relation != compare.Equivalent || c.Space.BaseExample != nil || c.Space.OtherExample != nil {
			t.Errorf("Compare(s, s) = %+v; want Same", c)
		}
		if c.Base != s.Name || c.Other != s.Name {
			t.Errorf("names %q, %q; want %q", c.Base, c.Other, s.Name)
		}
	})
}

func TestCompareJSON(t *testing.T) {
	s := examples.Ukraine2025()
	lists := []string{"edits", "appeared", "disappeared", "changed"}
	t.Run("Empty", func(t *testing.T) {
		data, err := json.Marshal(compareOf(t, s, s))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range lists {
			if v, ok := m[k]; !ok || string(v) != "[]" {
				t.Errorf("%q: %s (present %v); want []", k, v, ok)
			}
		}
		var space map[string]json.RawMessage
		if err := json.Unmarshal(m["space"], &space); err != nil {
			t.Fatalf("space: %v in %s", err, data)
		}
		for k, want := range map[string]string{"because": "[]", "relation": `"equivalent"`, "base_example": "null", "other_example": "null", "counted": "true"} {
			if v, ok := space[k]; !ok || string(v) != want {
				t.Errorf("space %q: %s (present %v); want %s", k, v, ok, want)
			}
		}
	})
	t.Run("ChangeWithoutBecause", func(t *testing.T) {
		f := scenario.Finding{Code: scenario.RedLine, Severity: scenario.Error, Message: "m"}
		c := compare.Comparison{
			Appeared: []compare.FindingChange{{After: &f}},
			Space:    compare.SpaceChange{Relation: compare.LessPermissive, BaseExample: &compare.Example{Guarantees: []guarantee.ID{}}},
		}
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Appeared []map[string]json.RawMessage `json:"appeared"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		if len(m.Appeared) != 1 || string(m.Appeared[0]["because"]) != "[]" {
			t.Errorf("appeared: %s; want one change with because []", data)
		}
		if _, ok := m.Appeared[0]["before"]; ok {
			t.Errorf("appeared: %s; want no before", data)
		}
		if !strings.Contains(string(data), `"relation":"less-permissive"`) || !strings.Contains(string(data), `"base_example":{"guarantees":[]`) {
			t.Errorf("%s: want the relation by name and the example's guarantees", data)
		}
		if c.Appeared[0].Because != nil {
			t.Errorf("MarshalJSON changed its receiver's lists")
		}
	})
}

// BenchmarkCompare30 compares two scenarios of 30 offers from
// internal/synth, one a variant of the other by three edits, with every
// part of a comparison at work: findings paired, feasible packages on both
// sides compared and counted, examples found and each edit tried alone.
// Target: under 1 s.
func BenchmarkCompare30(b *testing.B) {
	// The synthetic scenario without the aggressor's demand for a veto,
	// which its victim rejects, so that it has feasible packages.
	base, err := synth.Generate(synth.Config{Guarantees: 30, Seed: 0}).With(scenario.Without{ID: "x1-demands-veto-4"})
	if err != nil {
		b.Fatal(err)
	}
	gs := base.Guarantees
	other, err := base.With(
		scenario.Without{ID: string(gs[3].ID)},
		scenario.Set{Field: string(gs[7].ID) + ".strength", Value: "treaty"},
		scenario.Set{Field: string(gs[11].ID) + ".requires", Value: string(gs[12].ID)},
	)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	c, err := compare.Scenarios(ctx, base, other)
	if err != nil {
		b.Fatal(err)
	}
	sp := c.Space
	if len(c.Edits) != 3 || !sp.Counted || sp.Base == 0 || sp.Relation == compare.Equivalent || len(sp.Because) == 0 {
		b.Fatalf("Compare: %d edits, relation %v, counted %v (%s), base %d, because %q; want 3 edits changing a counted, non-empty space",
			len(c.Edits), sp.Relation, sp.Counted, sp.CountSkipped, sp.Base, sp.Because)
	}
	for b.Loop() {
		if _, err := compare.Scenarios(ctx, base, other); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCompareTooManyVetoes: a scenario Search cannot try every grant for
// is refused, and the error says which of the two it is.
func TestCompareTooManyVetoes(t *testing.T) {
	base := examples.Ukraine2025()
	var edits []scenario.Edit
	for i := range 17 {
		edits = append(edits, scenario.AddPosition{Position: testkit.Named("demand-"+strconv.Itoa(i),
			testkit.Pos("RU", scenario.DemandsVeto, guarantee.Selector{Beneficiary: "UA", IDs: []guarantee.ID{guarantee.ID("g" + strconv.Itoa(i)), "us-air-support"}}))})
	}
	other := with(t, base, edits...)
	for _, tc := range []struct {
		name       string
		a, b       scenario.Scenario
		wantPrefix string
	}{
		{"Other", base, other, "the other: "},
		{"Base", other, base, "the base: "},
	} {
		_, err := compare.Scenarios(context.Background(), tc.a, tc.b)
		if !errors.Is(err, deals.ErrTooManyVetoes) || !strings.HasPrefix(err.Error(), tc.wantPrefix) {
			t.Errorf("%s: Compare error = %v; want ErrTooManyVetoes, starting %q", tc.name, err, tc.wantPrefix)
		}
	}
}
