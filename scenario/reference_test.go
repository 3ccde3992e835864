package scenario_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// This file checks Evaluate against a reference written straight from the
// definitions of docs/MODEL.md ("Actors", "Guarantees", "Scenario",
// "Evaluation", and "Time" for mandates) and from the choices the package
// docs write down where those are silent; each piece quotes the sentence
// it implements. The reference recomputes every set from the scenario's
// fields each time it needs it, with maps and loops: no compiled model, no
// index, no memo, and nothing of packages scenario and actor beyond their
// data types. Of the helpers on those types it uses only guarantee.Kind.Is
// and actor.Kind.IsBody, each a line long; and scenario.Validate, to leave
// out the random scenarios that are invalid (none, so far).
//
// Every code of Evaluate is compared, the codes about mandates
// (captured-renewal, blocked-renewal, sunset) too: refMutate gives some
// guarantees a mandate, renewed by a body or a state of the scenario or by
// none (a sunset alone), with dates now and then and, where a body renews,
// the parties set aside now and then. Where the package reads
// docs/MODEL.md beyond its words (an actor in veto-conflict with itself,
// no actor its own attacker, parties-set-aside once per decision), the
// reference quotes the package's reading and follows it.

// refFinding is what the comparison keeps of a finding: the actors,
// guarantees and positions it involves, each sorted. Messages, sources,
// severities and order are not compared.
type refFinding struct {
	Actors     []actor.ID
	Guarantees []guarantee.ID
	Positions  []string
}

// refReport is a report as the comparison sees it: per code, the findings
// in a canonical order.
type refReport map[scenario.Code][]refFinding

// refCodes are the codes the reference computes.
var refCodes = []scenario.Code{
	scenario.VetoConflict, scenario.CapturedGuarantee, scenario.RedLine, scenario.BlockedByMember,
	scenario.UnmetRequirement, scenario.UnmetVetoDemand, scenario.RejectedVeto, scenario.MissingDependency,
	scenario.BlockedDependency, scenario.DissentingMember, scenario.NoMilitaryResponse, scenario.InsiderVeto,
	scenario.UnsatisfiableTrigger, scenario.IdlePosition, scenario.AssuranceOnly, scenario.PartiesSetAside,
	scenario.CapturedRenewal, scenario.BlockedRenewal, scenario.Sunset,
}

// refErrors are the codes of severity error among them, from
// docs/MODEL.md's table.
var refErrors = map[scenario.Code]bool{
	scenario.VetoConflict: true, scenario.CapturedGuarantee: true, scenario.RedLine: true,
	scenario.BlockedByMember: true, scenario.UnmetRequirement: true, scenario.UnmetVetoDemand: true,
	scenario.RejectedVeto: true, scenario.MissingDependency: true,
	scenario.CapturedRenewal: true, scenario.BlockedRenewal: true,
}

// refSet is a set of actors.
type refSet map[actor.ID]bool

func (s refSet) add(t refSet) {
	for a := range t {
		s[a] = true
	}
}

func (s refSet) overlaps(t refSet) bool { return len(s.among(t)) > 0 }

// among is the actors of s that are in t.
func (s refSet) among(t refSet) refSet {
	out := refSet{}
	for a := range s {
		if t[a] {
			out[a] = true
		}
	}
	return out
}

// ref is one evaluation by the reference: the scenario, its actors by ID,
// and the findings so far.
type ref struct {
	s      scenario.Scenario
	actors map[actor.ID]actor.Actor
	out    refReport
}

func newRef(s scenario.Scenario) *ref {
	m := &ref{s: s, actors: map[actor.ID]actor.Actor{}, out: refReport{}}
	for _, a := range s.Actors {
		m.actors[a.ID] = a
	}
	return m
}

func (m *ref) isBody(id actor.ID) bool { return m.actors[id].Kind.IsBody() }

// within is id and every member of it at any depth ("Membership is
// transitive where a body is a member of another"). For a provider, it is
// the contributors of its guarantees: "its provider, and every member of
// the provider at any depth".
func (m *ref) within(id actor.ID) refSet {
	out := refSet{}
	var visit func(a actor.ID)
	visit = func(a actor.ID) {
		if out[a] {
			return
		}
		out[a] = true
		for _, b := range m.actors[a].Members {
			visit(b)
		}
	}
	visit(id)
	return out
}

// refQuorum is how many of n counted direct members of a must agree: "all
// of them under unanimity (= consensus, the default for alliances and
// organizations), more than half under majority, or an explicit number";
// a coalition "(by default separately) has no threshold" (0).
func refQuorum(a actor.Actor, n int) int {
	if a.Threshold > 0 {
		return a.Threshold
	}
	rule := a.Decides
	if rule == actor.Default {
		rule = actor.Unanimity
		if a.Kind == actor.Coalition {
			rule = actor.Separately
		}
	}
	switch rule {
	case actor.Unanimity:
		return n
	case actor.Majority:
		return n/2 + 1
	}
	return 0
}

// holders is who can stop id from acting on a dispute with the given
// parties. A state decides for itself. For a body, "the veto holders of
// the rule are the explicit ones plus every member whose 'no' alone leaves
// too few to reach the threshold" (docs/MODEL.md, "Actors"), and "a veto
// holder of a body's rule that is itself a body passes its own veto
// holders up" (package doc, "Veto holders").
//
// With aside, the parties are set aside in this body's rule: "they are not
// veto holders of that decision, and the threshold counts only the other
// direct members. A party that is a body sets aside itself, not its
// members" (docs/MODEL.md, "Parties set aside"); "an explicit threshold N
// stays N, counted among the other members, and when fewer than N of them
// remain every one of them holds a veto", and "a member body that holds a
// veto decides by its own rule, setting the parties aside only when its
// own flag says so" (package actor's doc).
func (m *ref) holders(id actor.ID, parties refSet, aside bool) refSet {
	a := m.actors[id]
	if !a.Kind.IsBody() {
		return refSet{id: true}
	}
	counts := func(b actor.ID) bool { return !aside || !parties[b] }
	var counted, vetoes []actor.ID
	for _, b := range a.Members {
		if counts(b) {
			counted = append(counted, b)
		}
	}
	for _, v := range a.Vetoes {
		if counts(v) {
			vetoes = append(vetoes, v)
		}
	}
	if q := refQuorum(a, len(counted)); q > 0 && len(counted)-1 < q {
		vetoes = append(vetoes, counted...)
	}
	out := refSet{}
	for _, v := range vetoes {
		out[v] = true
		if m.isBody(v) {
			out.add(m.holders(v, parties, m.actors[v].PartiesAside))
		}
	}
	return out
}

// refAttackers are the attackers of a trigger: "every actor named as the
// first argument of an attack or violation event anywhere in the
// trigger"; "* names no one" (docs/MODEL.md, "Guarantees").
func refAttackers(c guarantee.Condition) refSet {
	out := refSet{}
	refEvents(c, 0, func(e guarantee.Event, _ int) {
		if refIsAttack(e) && e.Args[0] != guarantee.Anyone {
			out[e.Args[0]] = true
		}
	})
	return out
}

func refIsAttack(e guarantee.Event) bool {
	return (e.Name == guarantee.EventAttack || e.Name == guarantee.EventViolation) && len(e.Args) > 0
}

// refByAnyone are the attacks and violations by anyone that can make c
// hold: "a trigger admits any attacker of B when an attack or a violation
// by anyone can make it hold: named under an even number of 'not'"
// (package doc, "Any attacker").
func refByAnyone(c guarantee.Condition) []guarantee.Event {
	var out []guarantee.Event
	refEvents(c, 0, func(e guarantee.Event, nots int) {
		if refIsAttack(e) && e.Args[0] == guarantee.Anyone && nots%2 == 0 {
			out = append(out, e)
		}
	})
	return out
}

// refEvents calls f with every event of c and the number of "not" above it.
func refEvents(c guarantee.Condition, nots int, f func(e guarantee.Event, nots int)) {
	switch c.Op {
	case guarantee.OnEvent:
		f(c.Event, nots)
	case guarantee.Not:
		nots++
	}
	for _, sub := range c.Sub {
		refEvents(sub, nots, f)
	}
}

// refSatisfiable says whether some set of events makes c hold, the events
// being independent but for one link: "an event attack(X, B) makes
// attack(*, B) hold" (docs/MODEL.md, "Any attacker"), and so for
// violations. It tries every truth assignment of the events c names.
func refSatisfiable(c guarantee.Condition) bool {
	var keys []string
	star := map[string]string{} // a named attack or violation's key: the key of the same by anyone
	refEvents(c, 0, func(e guarantee.Event, _ int) {
		k := refEventKey(e)
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
		if refIsAttack(e) && e.Args[0] != guarantee.Anyone {
			star[k] = refEventKey(guarantee.Event{Name: e.Name, Args: append([]actor.ID{guarantee.Anyone}, e.Args[1:]...)})
		}
	})
	for bits := range 1 << len(keys) {
		truth := map[string]bool{}
		for i, k := range keys {
			truth[k] = bits&(1<<i) != 0
		}
		linked := true
		for k, sk := range star {
			if v, named := truth[sk]; truth[k] && named && !v {
				linked = false
			}
		}
		if linked && refHolds(c, truth) {
			return true
		}
	}
	return false
}

// refLinked reports whether c names an attack or a violation both by
// someone and by anyone, where refSatisfiable's link can count.
func refLinked(c guarantee.Condition) bool {
	named, anyone := map[string]bool{}, map[string]bool{}
	refEvents(c, 0, func(e guarantee.Event, _ int) {
		if refIsAttack(e) {
			k := refEventKey(guarantee.Event{Name: e.Name, Args: e.Args[1:]})
			named[k] = named[k] || e.Args[0] != guarantee.Anyone
			anyone[k] = anyone[k] || e.Args[0] == guarantee.Anyone
		}
	})
	for k := range named {
		if named[k] && anyone[k] {
			return true
		}
	}
	return false
}

func refEventKey(e guarantee.Event) string {
	var args []string
	for _, a := range e.Args {
		args = append(args, string(a))
	}
	return e.Name + "(" + strings.Join(args, ",") + ")"
}

// refHolds evaluates c with the events true in truth.
func refHolds(c guarantee.Condition, truth map[string]bool) bool {
	switch c.Op {
	case guarantee.OnEvent:
		return truth[refEventKey(c.Event)]
	case guarantee.All:
		for _, sub := range c.Sub {
			if !refHolds(sub, truth) {
				return false
			}
		}
		return true
	case guarantee.Any:
		for _, sub := range c.Sub {
			if refHolds(sub, truth) {
				return true
			}
		}
		return false
	case guarantee.Not:
		return !refHolds(c.Sub[0], truth)
	}
	return true // the empty trigger
}

// parties of g: "the attackers of g's trigger ... and g's beneficiary"
// (docs/MODEL.md, "Parties set aside").
func (m *ref) parties(g *guarantee.Guarantee) refSet {
	p := refAttackers(g.Trigger)
	p[g.Beneficiary] = true
	return p
}

// activationVetoes is the part of V(g) that g's activation gives, for a
// decision with the given parties: "automatic ∅; provider {provider} for
// a state, the veto holders of the provider's rule for a body; consent the
// listed actors plus the provider's; body X the veto holders of X's rule"
// (docs/MODEL.md, "Guarantees"); "a body listed under consent(...)
// consents through its own rule, so its veto holders join V(g) beside it"
// (package doc, "Veto holders"). Each deciding body sets the parties aside
// when its own flag or the activation's says so: "The activation's flag
// applies to all of them; a body's own flag to its own decisions wherever
// it decides" (package doc, "Parties set aside").
func (m *ref) activationVetoes(g *guarantee.Guarantee, parties refSet) refSet {
	decide := func(id actor.ID) refSet {
		return m.holders(id, parties, g.Activation.PartiesAside || m.actors[id].PartiesAside)
	}
	out := refSet{}
	switch g.Activation.Mode {
	case guarantee.ByProvider:
		out.add(decide(g.Provider))
	case guarantee.Consent:
		for _, a := range g.Activation.Actors {
			out[a] = true
			out.add(decide(a))
		}
		out.add(decide(g.Provider))
	case guarantee.ByBody:
		out.add(decide(g.Activation.Actors[0]))
	}
	return out
}

// granted are the holders of the vetoes the deal grants over g: "Plus
// every actor that the deal grants a veto over g"; "a veto the deal grants
// is no vote in a body: it stays" (package doc, "Parties set aside").
func (m *ref) granted(g *guarantee.Guarantee) refSet {
	out := refSet{}
	for _, v := range m.s.Vetoes {
		if m.matches(v.Over, g) {
			out[v.Holder] = true
		}
	}
	return out
}

// vetoHolders is V(g) with the given parties: what the activation gives
// and what the deal grants.
func (m *ref) vetoHolders(g *guarantee.Guarantee, parties refSet) refSet {
	v := m.activationVetoes(g, parties)
	v.add(m.granted(g))
	return v
}

// ruleVetoes are the veto holders of the rule of g's provider, a body, as
// blocked-by-member and dissenting-member read it: "with g's parties aside
// where the provider's flag says so, or g's activation does and the
// provider decides it (provider and consent; under body(X) the activation
// is X's decision)" (package doc, "Parties set aside"). A state provider
// has no rule: none.
func (m *ref) ruleVetoes(g *guarantee.Guarantee) refSet {
	if !m.isBody(g.Provider) {
		return refSet{}
	}
	byActivation := g.Activation.PartiesAside && (g.Activation.Mode == guarantee.ByProvider || g.Activation.Mode == guarantee.Consent)
	return m.holders(g.Provider, m.parties(g), m.actors[g.Provider].PartiesAside || byActivation)
}

// renewalVetoes are the veto holders of the body that renews g's mandate,
// for a decision with the given parties; none when no one renews it ("Body
// renews the guarantee: a body by its rule, or a state by its own
// decision. Empty for a sunset alone", package guarantee, Mandate). A body
// renews "by its decision rule, whose veto holders can each stop a
// renewal" (docs/FORMAT.md, mandate), and a state decides for itself. It
// sets the parties aside when the mandate says so ("they hold no veto over
// it, and Body's threshold counts only the other members, whatever Body's
// own rule says", package guarantee, Mandate.PartiesAside) or the body's
// own rule does ("a body whose own rule sets them aside does so for its
// renewals too", docs/FORMAT.md; "a body's own flag to its own decisions
// wherever it decides", package scenario, "Parties set aside"). The
// activation's flag is not the renewal's: it "applies to every body that
// decides its activation" (docs/FORMAT.md, parties-aside). Nor do granted
// vetoes reach the renewal: the deal makes its holder "a veto holder of
// every guarantee matching S" (docs/MODEL.md, "Scenario"), not of the
// renewing body, whose veto holders are those of its rule.
func (m *ref) renewalVetoes(g *guarantee.Guarantee, parties refSet) refSet {
	md := g.Mandate
	if md.Body == "" {
		return refSet{}
	}
	return m.holders(md.Body, parties, md.PartiesAside || m.actors[md.Body].PartiesAside)
}

// matches is the selector: "all must match: kind (by Is), provider (the
// provider's ID as written), provider-in (a contributor of g is this actor
// or a member of it at any depth), beneficiary, target, location, ids"
// (docs/MODEL.md, "Scenario").
func (m *ref) matches(sel guarantee.Selector, g *guarantee.Guarantee) bool {
	return g.Kind.Is(sel.Kind) &&
		(sel.Provider == "" || sel.Provider == g.Provider) &&
		(sel.ProviderIn == "" || m.within(g.Provider).overlaps(m.within(sel.ProviderIn))) &&
		(sel.Beneficiary == "" || sel.Beneficiary == g.Beneficiary) &&
		(sel.Target == "" || sel.Target == g.Target) &&
		(sel.Location == "" || sel.Location == g.Location) &&
		(len(sel.IDs) == 0 || slices.Contains(sel.IDs, g.ID))
}

// picked are the guarantees that p's selector picks.
func (m *ref) picked(p *scenario.Position) []*guarantee.Guarantee {
	var out []*guarantee.Guarantee
	for i := range m.s.Guarantees {
		if m.matches(p.Select, &m.s.Guarantees[i]) {
			out = append(out, &m.s.Guarantees[i])
		}
	}
	return out
}

func (m *ref) has(id guarantee.ID) bool {
	return slices.ContainsFunc(m.s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
}

// refForbids: a rejects-veto "by [X..]" forbids a veto held by one of X,
// and "an empty list means any actor other than the provider" (the
// provider is left out by the callers).
func refForbids(p *scenario.Position, a actor.ID) bool {
	return len(p.By) == 0 || slices.Contains(p.By, a)
}

// posName names the position at i as findings do: "by ID where they have
// one, else by path" (package doc, "Order and determinism").
func (m *ref) posName(i int) string {
	if id := m.s.Positions[i].ID; id != "" {
		return id
	}
	return "positions[" + strconv.Itoa(i) + "]"
}

func (m *ref) add(code scenario.Code, actors refSet, gs []guarantee.ID, positions ...string) {
	f := refFinding{Guarantees: slices.Clone(gs), Positions: positions}
	for a := range actors {
		f.Actors = append(f.Actors, a)
	}
	m.out[code] = append(m.out[code], f)
}

// refEvaluate is the reference Evaluate: the findings of s by code, and
// whether one is an error ("compatible when no finding is an error").
// Where docs/MODEL.md leaves the granularity open, the package's Code doc
// gives it: "one per position for red-line, unmet-veto-demand,
// rejected-veto, unmet-requirement and idle-position (listing every
// guarantee involved); one per guarantee and position for
// blocked-by-member and dissenting-member; one per guarantee for
// captured-guarantee, missing-dependency, blocked-dependency and
// unsatisfiable-trigger; one per guarantee for captured-renewal and
// sunset, and one per guarantee and position for blocked-renewal; one per
// attacker and beneficiary for no-military-response; one per guarantee for
// insider-veto; ... one per beneficiary for assurance-only; one per
// guarantee for parties-set-aside, and one more where the renewal of its
// mandate sets an attacker aside".
func refEvaluate(s scenario.Scenario) (refReport, bool) {
	m := newRef(s)
	m.positionFindings()
	m.vetoConflicts()
	m.memberFindings()
	for i := range s.Guarantees {
		m.guaranteeFindings(&s.Guarantees[i])
	}
	// "A guarantee 'has an error finding' when an error finding lists it
	// among its guarantees" (package scenario, Code): captured-renewal and
	// blocked-renewal among them, which are errors like any other
	// ("errors count for feasibility in Search like any other error",
	// docs/MODEL.md, "Time").
	failing := map[guarantee.ID]bool{}
	hasError := false
	for code, fs := range m.out {
		for _, f := range fs {
			if refErrors[code] {
				hasError = true
				for _, id := range f.Guarantees {
					failing[id] = true
				}
			}
		}
	}
	m.blockedDependencies(failing)
	m.noMilitaryResponse(failing)
	m.assuranceOnly()
	return refCanonical(m.out), hasError
}

// positionFindings are the findings of one position on its own:
// red-line, unmet-requirement, unmet-veto-demand, rejected-veto and
// idle-position.
func (m *ref) positionFindings() {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		picked := m.picked(p)
		// idle-position: "a refuses, rejects, demands-veto or rejects-veto
		// position picks no guarantee in the scenario".
		if p.Stance != scenario.Requires && len(picked) == 0 {
			m.add(scenario.IdlePosition, refSet{p.Actor: true}, nil, m.posName(i))
		}
		var gs []guarantee.ID
		who := refSet{p.Actor: true}
		var code scenario.Code
		switch p.Stance {
		case scenario.Rejects:
			// red-line: "a rejects position is violated": "a guarantee
			// matching S is in the deal".
			code = scenario.RedLine
			for _, g := range picked {
				gs = append(gs, g.ID)
			}
		case scenario.Refuses:
			// red-line: "a refuses position by the provider itself".
			code = scenario.RedLine
			for _, g := range picked {
				if g.Provider == p.Actor {
					gs = append(gs, g.ID)
				}
			}
		case scenario.Requires:
			// unmet-requirement: "no guarantee matching S is in the deal".
			if len(picked) == 0 {
				m.add(scenario.UnmetRequirement, who, nil, m.posName(i))
			}
		case scenario.DemandsVeto:
			// unmet-veto-demand: "a guarantee matching S does not have the
			// actor among its veto holders".
			code = scenario.UnmetVetoDemand
			for _, g := range picked {
				if !m.vetoHolders(g, m.parties(g))[p.Actor] {
					gs = append(gs, g.ID)
				}
			}
		case scenario.RejectsVeto:
			// rejected-veto: "a guarantee matching S has one of X, other
			// than its own provider, among its veto holders"; the finding
			// names those holders beside the position's actor.
			code = scenario.RejectedVeto
			for _, g := range picked {
				found := false
				for h := range m.vetoHolders(g, m.parties(g)) {
					if h != g.Provider && refForbids(p, h) {
						who[h], found = true, true
					}
				}
				if found {
					gs = append(gs, g.ID)
				}
			}
		}
		if len(gs) > 0 {
			m.add(code, who, gs, m.posName(i))
		}
	}
}

// vetoConflicts: veto-conflict, "one actor demands a veto over guarantees
// that another actor's rejects-veto forbids it, and at least one guarantee
// in the scenario falls under both", "reported once per pair of
// positions"; "the finding names both actors, both positions and the
// guarantees". A guarantee the demander provides is not under both:
// rejects-veto spares "its own provider". The rejects-veto may be the
// demander's own: "one is also reported when one actor holds both
// positions" (package scenario, Code).
func (m *ref) vetoConflicts() {
	for d := range m.s.Positions {
		dp := &m.s.Positions[d]
		if dp.Stance != scenario.DemandsVeto {
			continue
		}
		for r := range m.s.Positions {
			rp := &m.s.Positions[r]
			if rp.Stance != scenario.RejectsVeto || !refForbids(rp, dp.Actor) {
				continue
			}
			var gs []guarantee.ID
			for _, g := range m.picked(dp) {
				if g.Provider != dp.Actor && m.matches(rp.Select, g) {
					gs = append(gs, g.ID)
				}
			}
			if len(gs) > 0 {
				m.add(scenario.VetoConflict, refSet{dp.Actor: true, rp.Actor: true}, gs, m.posName(d), m.posName(r))
			}
		}
	}
}

// memberFindings are the findings of refuses and rejects positions
// against the decisions that act on g: blocked-by-member and
// dissenting-member, about the rule of g's provider, and blocked-renewal,
// about the renewal of its mandate, each "one per guarantee and position".
func (m *ref) memberFindings() {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != scenario.Refuses && p.Stance != scenario.Rejects {
			continue
		}
		for _, g := range m.picked(p) {
			// blocked-renewal: "a veto holder of the body that renews g's
			// mandate refuses or rejects g by a position: g lapses at its
			// first renewal" (docs/MODEL.md, "Time"). Unlike
			// blocked-by-member, nothing spares the provider: any holder of
			// a rejects position that picks g, or of a refuses position
			// that picks g and binds it ("refuses S ... violated by a deal
			// when a guarantee matching S has the actor among its
			// contributors"), and holds a veto over the renewal, blocks it
			// ("At a renewal a veto holder of the renewing body blocks it
			// when it ... refuses or rejects g by a position"). The finding
			// names that veto holder.
			binds := p.Stance == scenario.Rejects || m.within(g.Provider)[p.Actor]
			if binds && m.renewalVetoes(g, m.parties(g))[p.Actor] {
				m.add(scenario.BlockedRenewal, refSet{p.Actor: true}, []guarantee.ID{g.ID}, m.posName(i))
			}
			if !m.isBody(g.Provider) || p.Actor == g.Provider {
				continue
			}
			rule := m.ruleVetoes(g)
			who := refSet{p.Actor: true, g.Provider: true}
			// blocked-by-member: "a guarantee provided by a body ... can be
			// stopped by a veto holder of that body's rule who refuses or
			// rejects it".
			if rule[p.Actor] {
				m.add(scenario.BlockedByMember, who, []guarantee.ID{g.ID}, m.posName(i))
			}
			// dissenting-member: "a contributor that is not the provider
			// and holds no veto in the provider's rule ... refuses g".
			if p.Stance == scenario.Refuses && !rule[p.Actor] && m.within(g.Provider)[p.Actor] {
				m.add(scenario.DissentingMember, who, []guarantee.ID{g.ID}, m.posName(i))
			}
		}
	}
}

// guaranteeFindings are the findings of g on its own: captured-guarantee,
// captured-renewal, parties-set-aside, sunset, missing-dependency,
// unsatisfiable-trigger and insider-veto.
func (m *ref) guaranteeFindings(g *guarantee.Guarantee) {
	att := refAttackers(g.Trigger)
	veto := m.vetoHolders(g, m.parties(g))
	one := []guarantee.ID{g.ID}

	// captured-guarantee: "an attacker of g's trigger is among g's veto
	// holders"; "* names no one".
	var aside, renewalAside refSet
	if captured := att.among(veto); len(captured) > 0 {
		m.add(scenario.CapturedGuarantee, captured, one)
	} else {
		// parties-set-aside: "an attacker of g's trigger would hold a veto
		// over g but for a rule that sets the parties aside: g is not
		// captured, and this says why" (package scenario, Code). Without
		// parties, no rule sets anyone aside.
		aside = att.among(m.activationVetoes(g, refSet{}))
	}

	// captured-renewal: "a veto holder of the body that renews g's mandate
	// is an attacker of g's trigger" (docs/MODEL.md, "Time"); "*" names no
	// one: "captured-guarantee and captured-renewal stay about named
	// attackers" (docs/MODEL.md, "Any attacker").
	if g.Mandate.Body != "" {
		if captured := att.among(m.renewalVetoes(g, m.parties(g))); len(captured) > 0 {
			m.add(scenario.CapturedRenewal, captured, one)
		} else {
			// parties-set-aside, for the renewal: "an attacker would hold
			// a veto over a guarantee, or over its renewal, but for a rule
			// that sets the parties to the dispute aside ...: it is not
			// captured, and this says why" (README.md, findings).
			renewalAside = att.among(m.renewalVetoes(g, refSet{}))
		}
	}
	// parties-set-aside is "one per guarantee ..., and one more where the
	// renewal of its mandate sets an attacker aside" (package scenario,
	// Code).
	if len(aside) > 0 {
		m.add(scenario.PartiesSetAside, aside, one)
	}
	if len(renewalAside) > 0 {
		m.add(scenario.PartiesSetAside, renewalAside, one)
	}

	// sunset: "g's mandate ends on a date with no renewal; the finding
	// gives the date" (docs/MODEL.md, "Time"); the mandate "ends on Ends
	// with no renewal when Ends is set (a sunset)" (package guarantee,
	// Mandate), whether or not a body renews it until then.
	if g.Mandate.Ends != "" {
		m.add(scenario.Sunset, nil, one)
	}

	// missing-dependency: "a guarantee requires one that is absent from
	// the deal"; the finding lists "the absent guarantees' IDs beside the
	// one that requires them" (package scenario, Code).
	var missing []guarantee.ID
	for _, r := range g.Requires {
		if !m.has(r) {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		m.add(scenario.MissingDependency, nil, append(missing, g.ID))
	}

	// unsatisfiable-trigger: "g's trigger can never hold".
	if g.Trigger.Op != guarantee.Always && !refSatisfiable(g.Trigger) {
		m.add(scenario.UnsatisfiableTrigger, nil, one)
	}

	// insider-veto: "g's trigger admits any attacker of B, and a veto
	// holder X of g other than g's provider and B could be that attacker";
	// "Parties set aside (above) are not counted". From the package doc:
	// "an actor already named as an attacker is left to
	// captured-guarantee"; "the beneficiary C of attack(*, C) cannot be the
	// attacker of that attack"; "a party set aside by a rule loses its veto
	// in the very call where it attacks, so it is no insider".
	anyone := refByAnyone(g.Trigger)
	if len(anyone) == 0 {
		return
	}
	insiders := refSet{}
	for h := range veto {
		couldAttack := slices.ContainsFunc(anyone, func(e guarantee.Event) bool {
			return e.Name == guarantee.EventViolation || len(e.Args) < 2 || e.Args[1] != h
		})
		if h == g.Provider || h == g.Beneficiary || att[h] || !couldAttack {
			continue
		}
		inCall := m.parties(g)
		inCall[h] = true
		if m.vetoHolders(g, inCall)[h] {
			insiders[h] = true
		}
	}
	if len(insiders) > 0 {
		m.add(scenario.InsiderVeto, insiders, one)
	}
}

// blockedDependencies: blocked-dependency, "a guarantee requires one that
// has an error finding of its own"; the finding lists them beside it.
func (m *ref) blockedDependencies(failing map[guarantee.ID]bool) {
	for _, g := range m.s.Guarantees {
		var blocked []guarantee.ID
		for _, r := range g.Requires {
			if failing[r] && m.has(r) {
				blocked = append(blocked, r)
			}
		}
		if len(blocked) > 0 {
			m.add(scenario.BlockedDependency, nil, append(blocked, g.ID))
		}
	}
}

// noMilitaryResponse: no-military-response, "X is a named attacker of B
// (an attacker of the trigger of a guarantee to B, or attack(X, B) in the
// timeline), and no guarantee to B whose trigger names X as an attacker is
// military and free of error findings"; "no-military-response counts a
// guarantee to B whose trigger admits any attacker as answering every
// attacker of B" (docs/MODEL.md, "Any attacker"). The finding lists the
// military guarantees that would answer X but for their errors.
func (m *ref) noMilitaryResponse(failing map[guarantee.ID]bool) {
	type pair struct{ ben, att actor.ID }
	var named []pair
	for _, g := range m.s.Guarantees {
		for a := range refAttackers(g.Trigger) {
			named = append(named, pair{g.Beneficiary, a})
		}
	}
	for _, e := range m.s.Timeline {
		if e.Name == guarantee.EventAttack && len(e.Args) >= 2 {
			named = append(named, pair{e.Args[1], e.Args[0]})
		}
	}
	done := map[pair]bool{}
	for _, p := range named {
		// "No actor is a named attacker of itself for
		// no-military-response" (package scenario, Code).
		if done[p] || p.att == p.ben {
			continue
		}
		done[p] = true
		answered := false
		var erred []guarantee.ID
		for _, g := range m.s.Guarantees {
			answers := refAttackers(g.Trigger)[p.att] || len(refByAnyone(g.Trigger)) > 0
			if g.Beneficiary != p.ben || !g.Kind.Is(guarantee.Military) || !answers {
				continue
			}
			if failing[g.ID] {
				erred = append(erred, g.ID)
			} else {
				answered = true
			}
		}
		if !answered {
			m.add(scenario.NoMilitaryResponse, refSet{p.att: true, p.ben: true}, erred)
		}
	}
}

// assuranceOnly: assurance-only, "a beneficiary's guarantees are all of
// strength assurance".
func (m *ref) assuranceOnly() {
	byBen := map[actor.ID][]guarantee.ID{}
	stronger := refSet{}
	for _, g := range m.s.Guarantees {
		byBen[g.Beneficiary] = append(byBen[g.Beneficiary], g.ID)
		if g.Strength != guarantee.Assurance {
			stronger[g.Beneficiary] = true
		}
	}
	for b, gs := range byBen {
		if !stronger[b] {
			m.add(scenario.AssuranceOnly, refSet{b: true}, gs)
		}
	}
}

// refSummarize reads a report of Evaluate as the reference writes one.
func refSummarize(r scenario.Report) refReport {
	out := refReport{}
	for _, f := range r.Findings {
		out[f.Code] = append(out[f.Code], refFinding{
			Actors:     slices.Clone(f.Actors),
			Guarantees: slices.Clone(f.Guarantees),
			Positions:  slices.Clone(f.Positions),
		})
	}
	return refCanonical(out)
}

// refCanonical sorts every list, so that order does not count.
func refCanonical(r refReport) refReport {
	for _, fs := range r {
		for i := range fs {
			slices.Sort(fs[i].Actors)
			slices.Sort(fs[i].Guarantees)
			slices.Sort(fs[i].Positions)
		}
		slices.SortFunc(fs, func(a, b refFinding) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	}
	return r
}

// equal is cmp.Equal(r, o, cmpopts.EquateEmpty()), many times faster;
// cmp.Diff is kept for the failure message.
func (r refReport) equal(o refReport) bool {
	return maps.EqualFunc(r, o, func(a, b []refFinding) bool {
		return slices.EqualFunc(a, b, func(x, y refFinding) bool {
			return slices.Equal(x.Actors, y.Actors) && slices.Equal(x.Guarantees, y.Guarantees) && slices.Equal(x.Positions, y.Positions)
		})
	})
}

// refMutate adds, from a random stream of its own, what the generator
// makes rarely or never: an attack in the timeline by any actor on any
// state (no-military-response's other source of named attackers); attacks
// by anyone on an actor other than the beneficiary (attack(*, C), whose C
// cannot be the insider); triggers that an attack by anyone on the
// beneficiary ends, which an attack by someone named cannot make hold;
// and, drawn after all of those so that they stay as they were, mandates.
//
// A mandate is renewed by a body of the scenario, now and then by a state
// ("a body by its rule, or a state by its own decision", package
// guarantee, Mandate.Body), or by none, with an end date alone ("Empty for
// a sunset alone"; "a mandate needs a body, an ends, or both",
// docs/FORMAT.md). A renewed one has a period now and then and, with one,
// a start now and then ("every needs a body, and from needs every"); an
// end date now and then; and, where a body renews it, the parties set
// aside now and then (parties-aside "needs a body that is a body").
func refMutate(seed uint64, s *scenario.Scenario) {
	r := rand.New(rand.NewPCG(seed, 0x726566)) // "ref"
	var states, all []actor.ID
	for _, a := range s.Actors {
		all = append(all, a.ID)
		if !a.Kind.IsBody() {
			states = append(states, a.ID)
		}
	}
	if r.IntN(100) < 25 {
		e := guarantee.Event{Name: guarantee.EventAttack, Args: []actor.ID{all[r.IntN(len(all))], states[r.IntN(len(states))]}}
		s.Timeline = append(slices.Clone(s.Timeline), e)
	}
	elsewhere := func(e guarantee.Event) guarantee.Event {
		if e.Name == guarantee.EventAttack && len(e.Args) == 2 && e.Args[0] == guarantee.Anyone && r.IntN(100) < 25 {
			return guarantee.AttackOn(states[r.IntN(len(states))]).Event
		}
		return e
	}
	for i := range s.Guarantees {
		g := &s.Guarantees[i]
		g.Trigger = testkit.MapEvents(g.Trigger, elsewhere)
		if g.Trigger.Op != guarantee.Always && r.IntN(100) < 10 {
			g.Trigger = guarantee.AllOf(g.Trigger, guarantee.NotOf(guarantee.AttackOn(g.Beneficiary)))
		}
	}
	var bodies []actor.ID
	for _, a := range s.Actors {
		if a.Kind.IsBody() {
			bodies = append(bodies, a.ID)
		}
	}
	periods := []guarantee.Period{{Months: 6}, {Months: 12}, {Days: 90}, {Months: 1}}
	dates := []string{"2025-01-31", "2025-09-01", "2026-02-28", "2030-01-01"}
	for i := range s.Guarantees {
		if r.IntN(100) >= 30 {
			continue
		}
		var md guarantee.Mandate
		switch x := r.IntN(100); {
		case x < 15: // a sunset alone
		case x < 30:
			md.Body = states[r.IntN(len(states))]
		default:
			md.Body = bodies[r.IntN(len(bodies))]
		}
		if md.Body != "" {
			if r.IntN(100) < 50 {
				md.Every = periods[r.IntN(len(periods))]
				if r.IntN(100) < 50 {
					md.From = dates[r.IntN(len(dates))]
				}
			}
			md.PartiesAside = slices.Contains(bodies, md.Body) && r.IntN(100) < 35
		}
		if md.Body == "" || r.IntN(100) < 25 {
			md.Ends = dates[r.IntN(len(dates))]
		}
		s.Guarantees[i].Mandate = md
	}
}

// refScenario is the scenario of a seed: testkit's random scenario, which
// sets parties aside and answers attacks by anyone now and then, with
// refMutate's additions.
func refScenario(seed uint64) (scenario.Scenario, testkit.GenShape) {
	sh := testkit.RandomShape(rand.New(rand.NewPCG(seed, 0x7368617065))) // "shape"
	s := testkit.Generate(seed, sh)
	refMutate(seed, &s)
	return s, sh
}

// refYAML is s as a scenario file, for a failure message.
func refYAML(s scenario.Scenario) string {
	b, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		return fmt.Sprintf("(%v) %+v", err, s)
	}
	return string(b)
}

func TestReferenceEvaluate(t *testing.T) {
	if got := slices.Sorted(slices.Values(refCodes)); !slices.Equal(got, slices.Sorted(scenario.Codes())) {
		t.Fatalf("the reference computes %v; Evaluate has %v: a code is new, and the reference must learn it", got, slices.Sorted(scenario.Codes()))
	}
	n := 4000
	if testing.Short() {
		n = 500
	}
	// Each code must fire, and stay silent, in at least this many
	// scenarios, so that the comparison is never vacuous.
	least := n / 100
	fired, silent := map[scenario.Code]int{}, map[scenario.Code]int{}
	invalid, findings := 0, 0
	timelineAttacks, anyoneElsewhere, linked := 0, 0, 0 // scenarios with each
	stateRenewals, renewalsAside := 0, 0
	// An Evaluator keeps its memory from one scenario to the next.
	var ev scenario.Evaluator
	for seed := range uint64(n) {
		s, sh := refScenario(seed)
		if err := scenario.Validate(s); err != nil {
			invalid++
			continue
		}
		// Mandates renewed by a state, and renewals whose parties aside
		// take an attacker's veto away.
		m := newRef(s)
		if slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool {
			return g.Mandate.Body != "" && !m.isBody(g.Mandate.Body)
		}) {
			stateRenewals++
		}
		if slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool {
			att := refAttackers(g.Trigger)
			return len(att.among(m.renewalVetoes(&g, refSet{}))) > len(att.among(m.renewalVetoes(&g, m.parties(&g))))
		}) {
			renewalsAside++
		}
		if slices.ContainsFunc(s.Timeline, func(e guarantee.Event) bool { return e.Name == guarantee.EventAttack }) {
			timelineAttacks++
		}
		if slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool {
			return slices.ContainsFunc(refByAnyone(g.Trigger), func(e guarantee.Event) bool {
				return e.Name == guarantee.EventAttack && e.Args[1] != g.Beneficiary
			})
		}) {
			anyoneElsewhere++
		}
		if slices.ContainsFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return refLinked(g.Trigger) }) {
			linked++
		}

		want, wantError := refEvaluate(s)
		// Evaluate, with selectors resolved through the per-field indexes
		// and by scanning every guarantee, and an Evaluator.
		for _, e := range []struct {
			name     string
			evaluate func() (scenario.Report, error)
		}{
			{"Evaluate", func() (scenario.Report, error) { return scenario.Evaluate(s) }},
			{"Evaluate indexed", func() (scenario.Report, error) { return scenario.EvaluateIndexed(s, true) }},
			{"Evaluate scanning", func() (scenario.Report, error) { return scenario.EvaluateIndexed(s, false) }},
			{"Evaluator", func() (scenario.Report, error) { return ev.Evaluate(&s) }},
		} {
			r, err := e.evaluate()
			if err != nil {
				t.Fatalf("seed %d: %s: %v", seed, e.name, err)
			}
			got := refSummarize(r)
			for code := range got {
				if !slices.Contains(refCodes, code) {
					t.Fatalf("seed %d: %s reports %s, which the reference does not compute", seed, e.name, code)
				}
			}
			if !want.equal(got) {
				t.Fatalf("seed %d (%v): %s disagrees with the reference (-reference +%s):\n%s\nscenario:\n%s",
					seed, sh, e.name, e.name, cmp.Diff(want, got, cmpopts.EquateEmpty()), refYAML(s))
			}
			if gotError := r.Verdict == scenario.Incompatible; gotError != wantError {
				t.Fatalf("seed %d (%v): %s says %v, but the reference finds an error: %v\nscenario:\n%s",
					seed, sh, e.name, r.Verdict, wantError, refYAML(s))
			}
		}
		for _, code := range refCodes {
			if len(want[code]) > 0 {
				fired[code]++
				findings += len(want[code])
			} else {
				silent[code]++
			}
		}
	}
	t.Logf("%d scenarios (%d invalid, skipped), %d findings compared; %d with an attack in the timeline, %d answering attack(*, C) for C not the beneficiary, %d naming an attack both by someone and by anyone, %d with a mandate renewed by a state, %d with a renewal setting an attacker aside; scenarios per code: %v",
		n, invalid, findings, timelineAttacks, anyoneElsewhere, linked, stateRenewals, renewalsAside, fired)
	if invalid > n/50 {
		t.Errorf("%d of %d generated scenarios are invalid: the mutations break too many", invalid, n)
	}
	// The generator must reach the cases the reference is for.
	if timelineAttacks < least || anyoneElsewhere < least || linked < least {
		t.Errorf("only %d scenarios with an attack in the timeline, %d answering an attack by anyone on another and %d naming an attack both by someone and by anyone: want at least %d of each",
			timelineAttacks, anyoneElsewhere, linked, least)
	}
	if stateRenewals < least || renewalsAside < least {
		t.Errorf("only %d scenarios with a mandate renewed by a state and %d with a renewal that sets an attacker aside: want at least %d of each",
			stateRenewals, renewalsAside, least)
	}
	for _, code := range refCodes {
		if fired[code] < least || silent[code] < least {
			t.Errorf("%s fired in %d scenarios and stayed silent in %d: want at least %d of each", code, fired[code], silent[code], least)
		}
	}
}
