package compare

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Relation says how the feasible packages of one scenario relate to those
// of another. Packages are compared as sets of guarantee IDs, so an offer
// is the same offer on both sides when it has the same ID.
type Relation uint8

const (
	noRelation Relation = iota
	// Equivalent: both admit exactly the same packages.
	Equivalent
	// MorePermissive: the other scenario admits every package the base
	// admits, and more.
	MorePermissive
	// LessPermissive: the base admits every package the other admits, and
	// more.
	LessPermissive
	// Incomparable: each admits a package the other does not.
	Incomparable
)

var relationNames = [...]string{noRelation: "", Equivalent: "equivalent", MorePermissive: "more-permissive", LessPermissive: "less-permissive", Incomparable: "incomparable"}

// String returns "equivalent", "more-permissive", "less-permissive" or
// "incomparable".
func (r Relation) String() string {
	if r != noRelation && int(r) < len(relationNames) {
		return relationNames[r]
	}
	return "Relation(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (r Relation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Comparison is what changes from a base scenario to another: the edits
// that turn one into the other, the findings that appear, disappear or
// change, and how the space of feasible packages changes.
type Comparison struct {
	Base         string           `json:"base"`
	Other        string           `json:"other"`
	BaseVerdict  scenario.Verdict `json:"base_verdict"`
	OtherVerdict scenario.Verdict `json:"other_verdict"`
	// Edits turn the base into the other, one line each (see [scenario.Diff]).
	Edits []string `json:"edits"`
	// Notes say in words what an edit changes that its text leaves
	// implicit: a trigger that moves between named attackers and anyone
	// ("art5 now answers an attack by anyone, where it named RU").
	Notes       []string        `json:"notes,omitempty"`
	Appeared    []FindingChange `json:"appeared"`
	Disappeared []FindingChange `json:"disappeared"`
	Changed     []FindingChange `json:"changed"`
	Space       SpaceChange     `json:"space"`
}

// Same reports whether nothing a reader would notice changed: no edit, no
// finding appeared, disappeared or changed, the same verdict and the same
// feasible packages.
func (c Comparison) Same() bool {
	return len(c.Edits) == 0 && len(c.Appeared) == 0 && len(c.Disappeared) == 0 &&
		len(c.Changed) == 0 && c.BaseVerdict == c.OtherVerdict && c.Space.Relation == Equivalent
}

// FindingChange is a finding that appeared, disappeared or changed. Before
// is the base's finding and After the other's; the one that does not
// exist is nil.
type FindingChange struct {
	Before *scenario.Finding `json:"before,omitempty"`
	After  *scenario.Finding `json:"after,omitempty"`
	// Because are the edits that, applied alone to the base, make the
	// same change; empty when only edits together do, or when there are
	// too many edits to try one by one.
	Because []string `json:"because"`
}

// SpaceChange compares the feasible packages of two scenarios (see
// docs/MODEL.md, "Deals and search", and [Scenarios] for how).
type SpaceChange struct {
	Relation Relation `json:"relation"`
	// Counted reports whether the counts below are set; a count past the
	// limits of exact counting is skipped, and CountSkipped says why. The
	// relation and the examples never depend on the counts.
	Counted      bool   `json:"counted"`
	CountSkipped string `json:"count_skipped,omitempty"`
	Base         uint64 `json:"base"`       // feasible packages of the base
	Other        uint64 `json:"other"`      // feasible packages of the other
	OnlyBase     uint64 `json:"only_base"`  // feasible in the base only
	OnlyOther    uint64 `json:"only_other"` // feasible in the other only
	// BaseExample is a package feasible in the base and not in the other,
	// OtherExample the reverse; nil when there is none.
	BaseExample  *Example `json:"base_example"`
	OtherExample *Example `json:"other_example"`
	// Because are the edits that, applied alone to the base, change its
	// feasible packages.
	Because []string `json:"because"`
}

// Example is a package feasible on one side of a comparison and not on the
// other, small but not necessarily smallest, with the reasons it fails on
// the other side.
type Example struct {
	Guarantees []guarantee.ID `json:"guarantees"`
	// Vetoes are the demands-veto positions (IDs, or paths) whose vetoes
	// the other side is judged with granted.
	Vetoes []string `json:"vetoes"`
	// Why are the error findings of the other scenario cut down to this
	// package, under the vetoes the other's largest deal needs granted:
	// the positions and rules that rule it out there.
	Why []string `json:"why"`
}

// MarshalJSON writes the comparison with empty lists as [].
func (c Comparison) MarshalJSON() ([]byte, error) {
	type plain Comparison
	p := plain(c)
	p.Edits, p.Appeared, p.Disappeared, p.Changed = words.NonNil(p.Edits), words.NonNil(p.Appeared), words.NonNil(p.Disappeared), words.NonNil(p.Changed)
	p.Space.Because = words.NonNil(p.Space.Because)
	// Copies, so that marshaling leaves c's lists alone.
	for _, l := range []*[]FindingChange{&p.Appeared, &p.Disappeared, &p.Changed} {
		*l = slices.Clone(*l)
		for i := range *l {
			(*l)[i].Because = words.NonNil((*l)[i].Because)
		}
	}
	return json.Marshal(p)
}

// maxAttribute bounds the edits Compare tries one at a time to say which
// of them makes each change.
const maxAttribute = 64

// Scenarios compares a base scenario with another: typically a variant of
// it, or the next draft of the same framework. It evaluates both, lists
// the edits between them ([scenario.Diff]), pairs their findings, and compares
// their feasible packages exactly.
//
// Findings are matched by code and by what they involve (actors,
// guarantees, positions); a finding whose involvement matches on code and
// positions, or on code and guarantees, but whose message or other lists
// differ, is a change rather than a pair of appeared and disappeared.
//
// Which edit makes the difference: each edit is applied alone to the base
// (up to 64 edits; edits that cannot stand alone are skipped), and named
// under a finding or the feasible packages when alone it makes that change.
//
// The relation between the feasible packages needs no counting: a base
// package outside the other's packages exists exactly when the base's
// largest package (or its largest without a given offer or requirement)
// breaks one of the other's constraints, which takes time polynomial in
// the offers. The counts come by inclusion-exclusion, like [deals.Search]'s, and
// are skipped past its limits. ctx stops the counting.
//
// Scenarios returns an error when either scenario is invalid, or has more
// demands-veto positions than [deals.Search] can try every choice of grants for
// ([ErrTooManyVetoes]); the error says which scenario.
//
// # Deciding the relation exactly
//
// Packages are compared as sets of guarantee IDs, and the relation
// ([Equivalent], [MorePermissive], [LessPermissive] or [Incomparable]) is
// decided without listing them. With every position standing, a
// scenario's feasible packages are the subsets of one largest package L
// that hold every offer their offers require and meet every requires
// position (the search's single maximal package). So some package of A is
// not one of B exactly when L(A) is not a package of B, or A's largest
// package without an offer r still holds an offer that requires r in B,
// or A's largest package avoiding every offer of one of B's requires
// positions is still a package of A. Each test is one closure under
// requirements, linear in offers and requirements, so the whole costs
// offers × (requirements + requires positions) of them. A brute-force
// comparison of package sets agrees with it in the tests on thousands of
// random pairs of scenarios.
func Scenarios(ctx context.Context, base, other scenario.Scenario) (Comparison, error) {
	rb, err := scenario.Evaluate(base)
	if err != nil {
		return Comparison{}, err
	}
	ro, err := scenario.Evaluate(other)
	if err != nil {
		return Comparison{}, err
	}
	fb, err := newForm(ctx, &base)
	if err != nil {
		return Comparison{}, fmt.Errorf("the base: %w", err)
	}
	fo, err := newForm(ctx, &other)
	if err != nil {
		return Comparison{}, fmt.Errorf("the other: %w", err)
	}
	edits := scenario.Diff(base, other)
	c := Comparison{Base: base.Name, Other: other.Name, BaseVerdict: rb.Verdict, OtherVerdict: ro.Verdict}
	for _, e := range edits {
		c.Edits = append(c.Edits, e.String())
		if note := triggerNote(e, &base); note != "" {
			c.Notes = append(c.Notes, note)
		}
	}
	c.Appeared, c.Disappeared, c.Changed = pairFindings(rb.Findings, ro.Findings)
	c.Space = compareSpaces(ctx, fb, fo)
	if c.Space.BaseExample != nil {
		c.Space.BaseExample.Vetoes, c.Space.BaseExample.Why = why(other, fo, c.Space.BaseExample.Guarantees)
	}
	if c.Space.OtherExample != nil {
		c.Space.OtherExample.Vetoes, c.Space.OtherExample.Why = why(base, fb, c.Space.OtherExample.Guarantees)
	}
	if len(edits) <= maxAttribute && ctx.Err() == nil {
		attribute(ctx, &c, base, rb, fb, edits)
	}
	return c, nil
}

// triggerNote says, for an edit that moves a guarantee's trigger between
// named attackers and anyone (attack(RU, UA) to attack(*, UA)), what that
// changes in words; "" for any other edit.
func triggerNote(e scenario.Edit, base *scenario.Scenario) string {
	set, ok := e.(scenario.Set)
	id, field, _ := strings.Cut(set.Field, ".")
	if !ok || field != "trigger" {
		return ""
	}
	i := slices.IndexFunc(base.Guarantees, func(g guarantee.Guarantee) bool { return string(g.ID) == id })
	after, err := guarantee.ParseCondition(set.Value)
	if i < 0 || err != nil {
		return ""
	}
	before := base.Guarantees[i].Trigger
	named, now := words.JoinIDs(before.Attackers()), words.JoinIDs(after.Attackers())
	switch {
	case !before.AdmitsAnyone() && after.AdmitsAnyone() && named != "":
		return id + " now answers an attack by anyone, where it named " + named
	case !before.AdmitsAnyone() && after.AdmitsAnyone():
		return id + " now answers an attack by anyone"
	case before.AdmitsAnyone() && !after.AdmitsAnyone() && now != "":
		return id + " now answers " + now + " by name, no longer anyone"
	case before.AdmitsAnyone() && !after.AdmitsAnyone():
		return id + " no longer answers an attack by anyone"
	}
	return ""
}

// attribute applies each edit alone to the base and names it under the
// changes it makes alone.
func attribute(ctx context.Context, c *Comparison, base scenario.Scenario, rb scenario.Report, fb *form, edits []scenario.Edit) {
	if len(edits) == 0 {
		return
	}
	if len(edits) == 1 {
		// One edit makes every change there is.
		for _, l := range [][]FindingChange{c.Appeared, c.Disappeared, c.Changed} {
			for i := range l {
				l[i].Because = []string{edits[0].String()}
			}
		}
		if c.Space.Relation != Equivalent {
			c.Space.Because = []string{edits[0].String()}
		}
		return
	}
	for _, e := range edits {
		if ctx.Err() != nil {
			return
		}
		alone, err := base.With(e)
		if err != nil {
			continue
		}
		r, err := scenario.Evaluate(alone)
		if err != nil {
			continue
		}
		app, dis, chg := pairFindings(rb.Findings, r.Findings)
		mark := func(l []FindingChange, by []FindingChange) {
			for i := range l {
				if slices.ContainsFunc(by, func(x FindingChange) bool { return sameChange(l[i], x) }) {
					l[i].Because = append(l[i].Because, e.String())
				}
			}
		}
		mark(c.Appeared, app)
		mark(c.Disappeared, dis)
		mark(c.Changed, chg)
		if c.Space.Relation == Equivalent {
			continue
		}
		if fa, err := newForm(ctx, &alone); err == nil && !fb.sameSpace(fa) {
			c.Space.Because = append(c.Space.Because, e.String())
		}
	}
}

// sameChange reports whether two finding changes are the same change.
func sameChange(a, b FindingChange) bool {
	same := func(x, y *scenario.Finding) bool {
		if x == nil || y == nil {
			return x == y
		}
		return findingKey(*x) == findingKey(*y) && x.Message == y.Message
	}
	return same(a.Before, b.Before) && same(a.After, b.After)
}

// findingKey identifies a finding by its code and what it involves.
func findingKey(f scenario.Finding) string {
	var b strings.Builder
	b.WriteString(string(f.Code))
	for _, l := range [][]string{words.Strings(f.Actors), words.Strings(f.Guarantees), f.Positions} {
		b.WriteByte('|')
		b.WriteString(strings.Join(l, ","))
	}
	return b.String()
}

// pairFindings matches the base's findings with the other's: by key, then
// leftovers by code and positions, then by code and guarantees.
func pairFindings(base, other []scenario.Finding) (appeared, disappeared, changed []FindingChange) {
	usedB, usedO := make([]bool, len(base)), make([]bool, len(other))
	// Each round matches by one key, through a map from the other's keys
	// to its unmatched findings, so that pairing is linear in findings.
	match := func(key func(scenario.Finding) string) {
		byKey := make(map[string][]int)
		for j, g := range other {
			if !usedO[j] {
				if k := key(g); k != "" {
					byKey[k] = append(byKey[k], j)
				}
			}
		}
		for i, f := range base {
			if usedB[i] {
				continue
			}
			k := key(f)
			js := byKey[k]
			if k == "" || len(js) == 0 {
				continue
			}
			j := js[0]
			byKey[k] = js[1:]
			usedB[i], usedO[j] = true, true
			if !sameFinding(f, other[j]) {
				changed = append(changed, FindingChange{Before: &base[i], After: &other[j]})
			}
		}
	}
	match(findingKey)
	match(func(f scenario.Finding) string {
		if len(f.Positions) == 0 {
			return ""
		}
		return string(f.Code) + "|" + strings.Join(f.Positions, ",")
	})
	match(func(f scenario.Finding) string {
		if len(f.Guarantees) == 0 {
			return ""
		}
		return string(f.Code) + "|" + strings.Join(words.Strings(f.Guarantees), ",")
	})
	for i := range base {
		if !usedB[i] {
			disappeared = append(disappeared, FindingChange{Before: &base[i]})
		}
	}
	for j := range other {
		if !usedO[j] {
			appeared = append(appeared, FindingChange{After: &other[j]})
		}
	}
	return appeared, disappeared, changed
}

func sameFinding(f, g scenario.Finding) bool {
	return findingKey(f) == findingKey(g) && f.Severity == g.Severity && f.Message == g.Message && slices.Equal(f.Sources, g.Sources)
}

// form is the feasible packages of a scenario in closed form. With every
// position standing there is one choice of grants that gives the largest
// package (see [deals.Search]), and a package is feasible exactly when it lies
// within that package, holds every offer its offers require, and meets
// every requires position. ok is false when no package is feasible.
type form struct {
	sp     *space.Space
	ok     bool
	max    space.Bits
	reqs   []space.Bits
	grants []int // the candidate grants the largest package needs
	ids    []guarantee.ID
}

func newForm(ctx context.Context, s *scenario.Scenario) (*form, error) {
	sp, err := space.New(s)
	if err != nil {
		return nil, err
	}
	sp.Ctx = ctx
	out := sp.Evaluate(sp.AllPositions())
	f := &form{sp: sp, ids: make([]guarantee.ID, sp.N)}
	for g := range sp.N {
		f.ids[g] = sp.S.Guarantees[g].ID
	}
	for _, r := range sp.Requires {
		f.reqs = append(f.reqs, r.Hit)
	}
	if len(out.Choices) > 0 {
		f.ok, f.max, f.grants = true, out.Choices[0].Max, out.Choices[0].Grants
	}
	return f, nil
}

// sameSpace reports whether f and g admit the same packages.
func (f *form) sameSpace(g *form) bool {
	u := newUniverse(f, g)
	a, b := u.side(f), u.side(g)
	return u.within(a, b) == nil && u.within(b, a) == nil
}

// universe is the union of two scenarios' offers, by ID, with a space over
// it that holds the dependencies of both, for counting.
type universe struct {
	ids []guarantee.ID
	pos map[guarantee.ID]int
}

// side is one scenario's form mapped into a universe.
type side struct {
	space.Links // requirements between offers, in the universe
	ok          bool
	max         space.Bits
	reqs        []space.Bits
}

func newUniverse(f, g *form) *universe {
	u := &universe{pos: make(map[guarantee.ID]int)}
	for _, ids := range [][]guarantee.ID{f.ids, g.ids} {
		for _, id := range ids {
			if _, ok := u.pos[id]; !ok {
				u.pos[id] = len(u.ids)
				u.ids = append(u.ids, id)
			}
		}
	}
	return u
}

func (u *universe) mapSet(f *form, s space.Bits) space.Bits {
	out := space.NewSet(len(u.ids))
	s.Each(func(g int) { out.Add(u.pos[f.ids[g]]) })
	return out
}

func (u *universe) side(f *form) side {
	sd := side{ok: f.ok, max: space.NewSet(len(u.ids))}
	if f.ok {
		sd.max = u.mapSet(f, f.max)
	}
	deps := make([][]int, len(u.ids))
	for g, ds := range f.sp.Deps {
		for _, r := range ds {
			k := u.pos[f.ids[g]]
			deps[k] = append(deps[k], u.pos[f.ids[r]])
		}
	}
	sd.Links = space.NewLinks(deps)
	for _, r := range f.reqs {
		sd.reqs = append(sd.reqs, u.mapSet(f, r))
	}
	return sd
}

// admits reports whether h is a feasible package of sd.
func (sd side) admits(h space.Bits) bool {
	if !sd.ok || !h.Subset(sd.max) {
		return false
	}
	for g := range sd.Deps {
		if h.Has(g) && slices.ContainsFunc(sd.Deps[g], func(r int) bool { return !h.Has(r) }) {
			return false
		}
	}
	for _, r := range sd.reqs {
		if !h.Meets(r) {
			return false
		}
	}
	return true
}

// largestWithout returns sd's largest feasible package that avoids every
// offer of x, or nil when there is none.
func (sd side) largestWithout(x space.Bits) space.Bits {
	h := sd.max.Clone()
	h.AndNot(x)
	sd.Close(h)
	if !sd.admits(h) {
		return nil
	}
	return h
}

// within returns a package a admits and b does not, or nil when b admits
// every package a admits. Each of a's packages lies in a's largest; one
// escapes b exactly when a's largest leaves b's largest, or a's largest
// avoiding some offer r still holds an offer that requires r in b, or a's
// largest avoiding one of b's requires positions is still feasible in a.
func (u *universe) within(a, b side) space.Bits {
	if !a.ok {
		return nil
	}
	if !b.admits(a.max) {
		return a.max
	}
	// a.max passes b; only smaller packages can fail b, by dropping an
	// offer that b requires of another, or every offer of a requires
	// position of b.
	for g := range b.Deps {
		if !a.max.Has(g) {
			continue
		}
		for _, r := range b.Deps[g] {
			drop := space.NewSet(len(u.ids))
			drop.Add(r)
			if h := a.largestWithout(drop); h != nil && h.Has(g) {
				return h
			}
		}
	}
	for _, r := range b.reqs {
		if h := a.largestWithout(r); h != nil {
			return h
		}
	}
	return nil
}

// shrink makes h, a package a admits and b does not, smaller: it drops
// offers one at a time, each with what requires it in a, as long as the
// rest is still in a and not in b.
func (u *universe) shrink(h space.Bits, a, b side) space.Bits {
	for g := range len(u.ids) {
		if !h.Has(g) {
			continue
		}
		t := h.Clone()
		t.Del(g)
		a.Close(t)
		if a.admits(t) && !b.admits(t) {
			h = t
		}
	}
	return h
}

func (u *universe) example(h space.Bits) *Example {
	if h == nil {
		return nil
	}
	e := &Example{Guarantees: []guarantee.ID{}}
	h.Each(func(g int) { e.Guarantees = append(e.Guarantees, u.ids[g]) })
	slices.Sort(e.Guarantees)
	return e
}

func compareSpaces(ctx context.Context, fb, fo *form) SpaceChange {
	u := newUniverse(fb, fo)
	b, o := u.side(fb), u.side(fo)
	var sc SpaceChange
	onlyB, onlyO := u.within(b, o), u.within(o, b)
	if onlyB != nil {
		sc.BaseExample = u.example(u.shrink(onlyB, b, o))
	}
	if onlyO != nil {
		sc.OtherExample = u.example(u.shrink(onlyO, o, b))
	}
	switch {
	case onlyB == nil && onlyO == nil:
		sc.Relation = Equivalent
	case onlyB == nil:
		sc.Relation = MorePermissive
	case onlyO == nil:
		sc.Relation = LessPermissive
	default:
		sc.Relation = Incomparable
	}
	u.count(ctx, &sc, b, o)
	return sc
}

// count counts both sides' packages and their intersection: the packages
// within both largest packages, closed under both sides' requirements,
// that meet both sides' requires positions.
func (u *universe) count(ctx context.Context, sc *SpaceChange, b, o side) {
	n := len(u.ids)
	deps := make([][]int, n)
	for g := range n {
		deps[g] = append(slices.Clone(b.Deps[g]), o.Deps[g]...)
	}
	sp := &space.Space{Ctx: ctx, N: n}
	countOf := func(sd side, l space.Links, max space.Bits, reqs []space.Bits) (uint64, bool) {
		if !sd.ok {
			return 0, true
		}
		sp.Links = l
		if n > space.MaxCountOffers {
			sp.CountSkipped = "the count needs at most 62 offers"
			return 0, false
		}
		if len(reqs) > space.MaxCountRequires {
			sp.CountSkipped = "too many requires positions to count exactly"
			return 0, false
		}
		if sp.CountWork(1, len(reqs)) > space.MaxCountWork {
			sp.CountSkipped = "too many requires positions and linked offers to count exactly"
			return 0, false
		}
		k, ok := sp.CountWithin(max, reqs)
		return uint64(k), ok
	}
	nb, ok1 := countOf(b, b.Links, b.max, b.reqs)
	no, ok2 := countOf(o, o.Links, o.max, o.reqs)
	both := uint64(0)
	ok3 := true
	if b.ok && o.ok {
		inter := b.max.Clone()
		inter.And(o.max)
		both, ok3 = countOf(b, space.NewLinks(deps), inter, append(slices.Clone(b.reqs), o.reqs...))
	}
	if !ok1 || !ok2 || !ok3 {
		sc.CountSkipped = sp.CountSkipped
		if sc.CountSkipped == "" {
			sc.CountSkipped = sp.Stopped
		}
		return
	}
	sc.Counted = true
	sc.Base, sc.Other, sc.OnlyBase, sc.OnlyOther = nb, no, nb-both, no-both
}

// why evaluates s cut down to the package, with the grants s's largest
// package needs (every candidate grant when s has no feasible package),
// and returns the messages of its error findings.
func why(s scenario.Scenario, f *form, pkg []guarantee.ID) (vetoes, reasons []string) {
	t := s
	t.Variants = nil
	t.Guarantees = nil
	for _, g := range s.Guarantees {
		if slices.Contains(pkg, g.ID) {
			t.Guarantees = append(t.Guarantees, g)
		}
	}
	t.Vetoes = slices.Clone(s.Vetoes)
	grants := f.grants
	if !f.ok {
		grants = nil
		for ci := range f.sp.Cands {
			grants = append(grants, ci)
		}
	}
	vetoes = []string{}
	for _, ci := range grants {
		i := f.sp.Cands[ci].Pos
		p := s.Positions[i]
		t.Vetoes = append(t.Vetoes, scenario.Veto{Holder: p.Actor, Over: p.Select})
		vetoes = append(vetoes, words.PositionRef(p.ID, i))
	}
	out := []string{}
	for _, id := range pkg {
		if !slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id }) {
			out = append(out, string(id)+" is not on the table")
		}
	}
	r, err := scenario.Evaluate(t)
	if err != nil {
		return vetoes, append(out, err.Error())
	}
	for _, fd := range r.Findings {
		if fd.Severity == scenario.Error {
			out = append(out, string(fd.Code)+": "+fd.Message)
		}
	}
	if len(out) == 0 && len(pkg) == 0 {
		out = append(out, "the empty package is no deal: a requires position finds nothing")
	}
	return vetoes, out
}
