package scenario

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/core"
	"github.com/entente-go/entente/internal/sorted"
)

// Evaluate checks whether the positions in s can be satisfied together by
// the deal s describes, and returns the verdict with the findings that
// explain it. It validates s first: on an invalid scenario it returns the
// [Errors] of [Validate] and a zero Report, never half a report.
//
// Evaluate never changes s, gives the same report for the same scenario
// every time, and is safe for concurrent use.
func Evaluate(s Scenario) (Report, error) { return evaluateWith(s, core.Options{}) }

// evaluateWith is [Evaluate] with the model compiled with opt.
func evaluateWith(s Scenario, opt core.Options) (Report, error) {
	sc := scratchPool.Get().(*scratch)
	sc.m.opt = opt
	if err := sc.m.compile(&s, &sc.ax); err != nil {
		sc.release()
		return Report{}, err
	}
	r := sc.m.evaluate(&sc.b)
	sc.release()
	return r, nil
}

// An Evaluator evaluates scenario after scenario, keeping its working
// memory from one to the next, so that a program that judges many
// variants of one scenario (a sweep's samples, the alliance record's
// phases, a workbench's keystrokes) allocates little more than what it
// keeps. The zero Evaluator is ready to use; it is not safe for
// concurrent use: give each goroutine its own.
type Evaluator struct{ sc scratch }

// Evaluate is [Evaluate] with e's memory. The lists in the Report
// (findings' actors, guarantees, positions and sources) share that memory
// and hold only until e's next Evaluate: copy what you keep beyond it.
func (e *Evaluator) Evaluate(s *Scenario) (Report, error) {
	sc := &e.sc
	sc.b.keep = true
	if err := sc.m.compile(s, &sc.ax); err != nil {
		return Report{}, err
	}
	return sc.m.evaluate(&sc.b), nil
}

// evaluate runs every check, errors first, since blocked-dependency and
// no-military-response look at which guarantees have errors.
func (m *model) evaluate(b *builder) Report {
	b.reset(m)
	m.vetoConflict(b)
	m.capturedGuarantee(b)
	m.redLine(b)
	m.blockedByMember(b)
	m.unmetRequirement(b)
	m.unmetVetoDemand(b)
	m.rejectedVeto(b)
	m.missingDependency(b)
	m.capturedRenewal(b)
	m.blockedRenewal(b)
	m.blockedDependency(b)
	m.dissentingMember(b)
	m.noMilitaryResponse(b)
	m.insiderVeto(b)
	m.unsatisfiableTrigger(b)
	m.idlePosition(b)
	m.assuranceOnly(b)
	m.sunset(b)
	m.partiesSetAside(b)
	r := Report{Scenario: m.s.Name, Verdict: Compatible, Findings: b.findings()}
	if len(r.Findings) > 0 && r.Findings[0].Severity == Error {
		r.Verdict = Incompatible
	}
	return r
}

// vetoConflict fires when one actor demands a veto over guarantees that
// another actor's rejects-veto forbids it, and at least one guarantee on
// the table falls under both: no deal that keeps such a guarantee can
// satisfy both positions. It is reported once per pair of positions, and
// also when one actor holds both (see [Code]). The seed's case: Russia
// demands a veto over any guarantee to Ukraine; Kyiv rejects it.
func (m *model) vetoConflict(b *builder) {
	if !m.has(DemandsVeto) || !m.has(RejectsVeto) {
		return
	}
	// Large scenarios find, for each guarantee, the rejects-veto positions
	// that pick it through an inverted list; small ones try each pair.
	inverted := m.idx != nil
	if inverted {
		m.rejecters.build(len(m.s.Guarantees), len(m.s.Positions), func(r int32) []int32 {
			if m.s.Positions[r].Stance != RejectsVeto {
				return nil
			}
			return m.Matches(int(r))
		})
	}
	for d := range m.s.Positions {
		dp := &m.s.Positions[d]
		if dp.Stance != DemandsVeto {
			continue
		}
		a := m.pact[d]
		pairs := b.pairs[:0] // (rejects-veto position, guarantee) under both
		if inverted {
			for _, g := range m.Matches(d) {
				if m.prov[g] == a {
					continue
				}
				for _, r := range m.rejecters.of(g) {
					if m.forbids(&m.s.Positions[r], a) {
						pairs = append(pairs, [2]int32{r, g})
					}
				}
			}
			slices.SortFunc(pairs, func(p, q [2]int32) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) })
		} else {
			for r := range m.s.Positions {
				rp := &m.s.Positions[r]
				if rp.Stance != RejectsVeto || !m.forbids(rp, a) {
					continue
				}
				for _, g := range m.Matches(d) {
					if m.prov[g] != a && m.Picks(r, g) {
						pairs = append(pairs, [2]int32{int32(r), g})
					}
				}
			}
		}
		b.pairs = pairs
		for len(pairs) > 0 {
			r := int(pairs[0][0])
			rp := &m.s.Positions[r]
			b.start(VetoConflict)
			for len(pairs) > 0 && int(pairs[0][0]) == r {
				b.guarantee(pairs[0][1])
				pairs = pairs[1:]
			}
			b.actor(a)
			b.actor(m.pact[r])
			b.position(min(d, r))
			b.position(max(d, r))
			b.say(string(dp.Actor), " demands a veto over ")
			b.describe(dp.Select)
			b.say("; ", string(rp.Actor), " rejects ")
			if len(rp.By) == 0 {
				b.say("any veto but the provider's")
			} else {
				b.say("any ", string(dp.Actor), " veto")
			}
			switch {
			case rp.Select.Equal(dp.Select) && len(dp.Select.IDs) == 1:
				b.say(" over it") // "a veto over guarantee g"
			case rp.Select.Equal(dp.Select):
				b.say(" over them")
			default:
				b.say(" over ")
				b.describe(rp.Select)
			}
			if a == m.pact[r] && len(rp.By) == 0 {
				ownVetoCounts(b, rp)
			}
			b.done()
		}
	}
}

// forbids reports whether a rejects-veto position forbids the actor at
// position a a veto; see [Position.Forbids].
func (m *model) forbids(p *Position, a int32) bool { return p.Forbids(m.ax.At(int(a)).ID) }

// rejectedVetoCandidates returns, in order and each once, the guarantees
// over which an actor p rejects may hold a veto: those vetoed by each of
// p.By, or with any veto holder but their provider when By is empty.
func (m *model) rejectedVetoCandidates(p *Position) []int32 {
	if len(p.By) == 0 {
		return m.foreignVetoed()
	}
	if len(p.By) == 1 {
		return m.vetoedBy(int32(m.ax.Pos(p.By[0])))
	}
	var out []int32
	for _, x := range p.By {
		out = append(out, m.vetoedBy(int32(m.ax.Pos(x)))...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// capturedGuarantee fires when an attacker of g's trigger is among g's veto
// holders: g can never fire against the one it is meant to deter. The
// cases: an assurance routed through a Security Council where the aggressor
// votes; guarantors who act only unanimously with the aggressor among them;
// a guarantor that is itself the attacker (Russia under the 1994 Budapest
// Memorandum).
func (m *model) capturedGuarantee(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		att := m.list(m.att[g])
		if !sorted.Overlap(att, m.list(m.veto[g])) {
			continue
		}
		b.start(CapturedGuarantee)
		for _, h := range m.list(m.veto[g]) {
			if sorted.Contains(att, h) {
				b.actor(h)
			}
		}
		if !b.hasActors() {
			b.discard()
			continue
		}
		b.guarantee(int32(g))
		sayList(b, b.actorsSoFar())
		b.say(" can stop ", string(gg.ID), ", which answers ")
		b.condition(gg.Trigger)
		b.say(": ")
		m.sayVetoReasons(b, int32(g), b.actorsSoFar())
		b.say("; it can never fire against ")
		sayList(b, b.actorsSoFar())
		b.done()
	}
}

// redLine fires when a rejects position is violated (a guarantee it picks
// is in the deal), or a refuses position by the provider itself (the actor
// would have to give what it refuses to give).
func (m *model) redLine(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Rejects && p.Stance != Refuses {
			continue
		}
		a := m.pact[i]
		b.start(RedLine)
		if p.Stance == Rejects {
			for _, g := range m.Matches(i) {
				b.guarantee(g)
			}
		} else {
			for _, g := range m.contributedBy(a) {
				if m.prov[g] == a && m.Picks(i, g) {
					b.guarantee(g)
				}
			}
		}
		if !b.hasGuarantees() {
			b.discard()
			continue
		}
		b.actor(m.pact[i])
		b.position(i)
		if p.Stance == Rejects {
			b.say(string(p.Actor), " rejects any deal with ")
			b.describe(p.Select)
			b.say("; the deal has ")
		} else {
			b.say(string(p.Actor), " refuses to provide ")
			b.describe(p.Select)
			b.say(" but is the provider of ")
		}
		sayList(b, b.guaranteesSoFar())
		b.done()
	}
}

// blockedByMember fires when a guarantee provided by a body can be stopped
// by a veto holder of that body's rule who refuses or rejects it: a member
// that blocks sanctions under unanimity. It is reported once per guarantee
// and position.
func (m *model) blockedByMember(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Rejects && p.Stance != Refuses {
			continue
		}
		a := m.pact[i]
		// A veto holder of a body's rule is one of its members, so it
		// contributes to whatever the body provides.
		for _, g := range m.contributedBy(a) {
			if a == m.prov[g] || !sorted.Contains(m.RuleVetoes(g), a) || !m.Picks(i, g) {
				continue
			}
			gg := &m.s.Guarantees[g]
			b.start(BlockedByMember)
			b.guarantee(g)
			b.actor(a)
			b.actor(m.prov[g])
			b.position(i)
			b.say(string(p.Actor), " holds a veto in ", string(gg.Provider), "'s rule (", m.ruleName(m.prov[g]), ") and ", p.Stance.String(), " ")
			b.describe(p.Select)
			b.say(": it can block ", string(gg.ID))
			b.done()
		}
	}
}

// unmetRequirement fires when a requires position finds nothing: the actor
// will not accept a deal without something no guarantee provides.
func (m *model) unmetRequirement(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Requires || m.picksAny(i) {
			continue
		}
		b.start(UnmetRequirement)
		b.actor(m.pact[i])
		b.position(i)
		b.say(string(p.Actor), " requires ")
		b.describe(p.Select)
		b.say("; the deal has none")
		b.done()
	}
}

// unmetVetoDemand fires when a demands-veto position is violated: a
// guarantee it picks does not have the actor among its veto holders. It is
// reported once per position, with every such guarantee.
func (m *model) unmetVetoDemand(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != DemandsVeto {
			continue
		}
		a := m.pact[i]
		b.start(UnmetVetoDemand)
		for _, g := range m.Matches(i) {
			if !sorted.Contains(m.list(m.veto[g]), a) {
				b.guarantee(g)
			}
		}
		if !b.hasGuarantees() {
			b.discard()
			continue
		}
		b.actor(m.pact[i])
		b.position(i)
		b.say(string(p.Actor), " demands a veto over ")
		b.describe(p.Select)
		b.say(" but cannot stop ")
		sayList(b, b.guaranteesSoFar())
		b.done()
	}
}

// rejectedVeto fires when a rejects-veto position is violated: a guarantee
// it picks has one of the rejected actors, other than its own provider,
// among its veto holders. It is reported once per position.
func (m *model) rejectedVeto(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != RejectsVeto {
			continue
		}
		b.start(RejectedVeto)
		for _, g := range m.rejectedVetoCandidates(p) {
			if !m.Picks(i, g) {
				continue
			}
			found := false
			for _, h := range m.list(m.veto[g]) {
				if h != m.prov[g] && m.forbids(p, h) {
					b.actor(h)
					m.addVetoSources(b, g, h)
					found = true
				}
			}
			if found {
				b.guarantee(g)
			}
		}
		if !b.hasGuarantees() {
			b.discard()
			continue
		}
		holders := slices.Clone(b.actorsSoFar())
		b.actor(m.pact[i])
		b.position(i)
		b.say(string(p.Actor), " rejects ")
		if len(p.By) == 0 {
			b.say("any veto but the provider's")
		} else {
			b.say("any veto by ")
			sayList(b, p.By)
		}
		b.say(" over ")
		b.describe(p.Select)
		b.say("; ")
		sayList(b, holders)
		b.say(" can stop ")
		sayList(b, b.guaranteesSoFar())
		if len(p.By) == 0 && slices.Contains(holders, p.Actor) {
			ownVetoCounts(b, p)
		}
		b.done()
	}
}

// ownVetoCounts tells the holder of a rejects-veto with no by list, which
// forbids any veto but the provider's, that its own is forbidden too: an
// actor that means "anyone but me" (a host state that must consent) names
// the others in by.
func ownVetoCounts(b *builder, p *Position) {
	b.say("; with no by list, ", string(p.Actor), "'s own veto counts too")
}

// missingDependency fires when a guarantee requires one that is absent from
// the deal: a European force that stands only with a US backstop the deal
// does not contain.
func (m *model) missingDependency(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		if len(gg.Requires) == 0 {
			continue
		}
		b.start(MissingDependency)
		missing := b.markGuarantees()
		for _, r := range gg.Requires {
			if _, ok := m.GuaranteeByID(r); !ok {
				b.guaranteeID(r)
			}
		}
		if !b.hasGuarantees() {
			b.discard()
			continue
		}
		b.say(string(gg.ID), " requires ")
		sayList(b, b.guaranteesSince(missing))
		b.say(", which the deal does not contain")
		b.guarantee(int32(g))
		b.done()
	}
}

// blockedDependency fires when a guarantee requires one that has an error
// finding of its own (one that names it): what it leans on may not be
// there.
func (m *model) blockedDependency(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		if len(gg.Requires) == 0 {
			continue
		}
		b.start(BlockedDependency)
		blocked := b.markGuarantees()
		for _, r := range gg.Requires {
			if k, ok := m.GuaranteeByID(r); ok && b.hasError[k] {
				b.guarantee(k)
			}
		}
		if !b.hasGuarantees() {
			b.discard()
			continue
		}
		b.say(string(gg.ID), " requires ")
		sayList(b, b.guaranteesSince(blocked))
		b.say(", which has error findings of its own")
		b.guarantee(int32(g))
		b.done()
	}
}

// dissentingMember fires when a contributor that is not the provider and
// holds no veto in the provider's rule refuses a guarantee: a member of a
// coalition or of a majority body, or a member of a member. It will not
// take part; the others still can, unless it holds a veto over the
// guarantee from elsewhere (its activation or a grant: it can stop every
// call) or over its renewal (blocked-renewal says so too), as the message
// says. It is reported once per guarantee and position.
func (m *model) dissentingMember(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Refuses {
			continue
		}
		a := m.pact[i]
		for _, g := range m.contributedBy(a) {
			if a == m.prov[g] || sorted.Contains(m.RuleVetoes(g), a) || !sorted.Contains(m.Contributors(g), a) || !m.Picks(i, g) {
				continue
			}
			gg := &m.s.Guarantees[g]
			b.start(DissentingMember)
			b.guarantee(g)
			b.actor(a)
			b.actor(m.prov[g])
			b.position(i)
			b.say(string(p.Actor), " refuses ")
			b.describe(p.Select)
			b.say(" and will not take part in ", string(gg.ID), "; it holds no veto in ", string(gg.Provider), "'s rule")
			switch {
			case sorted.Contains(m.Vetoes(g), a):
				// A veto over g from elsewhere: consent(...), body(...),
				// or a grant (package doc, "Refusals bind contributors").
				b.say(", but it is a veto holder of ", string(gg.ID), " and can stop it")
			case gg.Mandate.Body != "" && sorted.Contains(m.RenewalVetoes(g), a):
				b.say(", but it can stop its renewal in ", string(gg.Mandate.Body))
			default:
				b.say(", so the others still can")
			}
			b.done()
		}
	}
}

// noMilitaryResponse fires when X is a named attacker of B (an attacker of
// the trigger of a guarantee to B, or attack(X, B) in the timeline) and no
// guarantee to B whose trigger names X, or admits any attacker, is
// military and free of error findings: if X attacks, nobody is bound to
// fight. B is never its own attacker here (see [Code]).
func (m *model) noMilitaryResponse(b *builder) {
	// (beneficiary, attacker, guarantee) for every guarantee whose trigger
	// names an attacker, and (beneficiary, attacker, -1) for every attack in
	// the timeline, grouped by beneficiary and attacker.
	named := b.triples[:0]
	for g := range m.s.Guarantees {
		ben := m.ben[g]
		for _, x := range m.list(m.att[g]) {
			named = append(named, [3]int32{ben, x, int32(g)})
		}
	}
	for _, e := range m.s.Timeline {
		if e.Name == guarantee.EventAttack && len(e.Args) >= 2 {
			named = append(named, [3]int32{int32(m.ax.Pos(e.Args[1])), int32(m.ax.Pos(e.Args[0])), -1})
		}
	}
	// The report orders findings in the end, so grouping by position will do.
	byKey := func(p, q [3]int32) int {
		return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1]), cmp.Compare(p[2], q[2]))
	}
	slices.SortFunc(named, byKey)
	if len(m.byAnyone) > 0 {
		// A guarantee to B whose trigger admits any attacker answers
		// every named attacker of B: with them sorted by beneficiary, each
		// group finds its own in one search.
		wild := b.pairs[:0]
		for _, g := range m.byAnyone {
			wild = append(wild, [2]int32{m.ben[g], g})
		}
		slices.SortFunc(wild, func(p, q [2]int32) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) })
		b.pairs = wild
		for i, n := 0, len(named); i < n; i++ {
			if i > 0 && named[i][0] == named[i-1][0] && named[i][1] == named[i-1][1] {
				continue
			}
			ben := named[i][0]
			k, _ := slices.BinarySearchFunc(wild, ben, func(p [2]int32, ben int32) int { return cmp.Compare(p[0], ben) })
			for ; k < len(wild) && wild[k][0] == ben; k++ {
				named = append(named, [3]int32{ben, named[i][1], wild[k][1]})
			}
		}
		slices.SortFunc(named, byKey)
		named = slices.Compact(named)
	}
	id := func(p int32) actor.ID { return m.ax.At(int(p)).ID }
	b.triples = named
	for len(named) > 0 {
		k := 1
		for k < len(named) && named[k][0] == named[0][0] && named[k][1] == named[0][1] {
			k++
		}
		group := named[:k]
		named = named[k:]
		if group[0][0] == group[0][1] {
			continue
		}
		ben, att := id(group[0][0]), id(group[0][1])
		b.start(NoMilitaryResponse)
		answered, military := false, false
		for _, t := range group {
			g := t[2]
			if g < 0 || !m.s.Guarantees[g].Kind.Is(guarantee.Military) {
				continue
			}
			military = true
			if !b.hasError[g] {
				answered = true
				break
			}
			b.guarantee(g)
		}
		if answered {
			b.discard()
			continue
		}
		b.actor(group[0][1])
		b.actor(group[0][0])
		b.say("no military guarantee to ", string(ben), " answers an attack by ", string(att))
		if military {
			b.say(" free of error findings: ")
			gs := b.guaranteesSoFar()
			sayList(b, gs)
			if len(gs) == 1 {
				b.say(" has errors")
			} else {
				b.say(" have errors")
			}
		}
		b.done()
	}
}

// insiderVeto fires when g's trigger admits any attacker (attack(*, B),
// violation(*)) and a veto holder X of g, other than g's provider and
// beneficiary, could be that attacker: g cannot fire against X (NATO's
// Article 5 under consensus, Greece against Turkey). A provider that
// attacks its own beneficiary breaks g outright, which is no veto; X
// cannot be the attacker in attack(*, X); a party set aside loses its veto
// in the very call it would block, so it is not counted; and an attacker
// the trigger names is left to captured-guarantee, which already says
// that g can never fire against it.
func (m *model) insiderVeto(b *builder) {
	for _, g := range m.byAnyone {
		gg := &m.s.Guarantees[g]
		b.start(InsiderVeto)
		for _, h := range m.list(m.veto[g]) {
			if h == m.prov[g] || h == m.ben[g] || sorted.Contains(m.list(m.att[g]), h) || !m.couldAttack(g, h) || !m.keepsVetoAsAttacker(g, h) {
				continue
			}
			b.actor(h)
		}
		if !b.hasActors() {
			b.discard()
			continue
		}
		insiders := b.actorsSoFar()
		b.guarantee(g)
		b.say(string(gg.ID), " answers ")
		b.condition(gg.Trigger)
		b.say(", an attack by anyone, and cannot fire against an attacker that can stop it: ")
		m.sayInsiderReasons(b, g, insiders)
		b.done()
	}
}

// couldAttack reports whether the actor at position h could be the
// attacker of an attack or violation by anyone that g's trigger names:
// of violation(*), or of attack(*, C) for C other than h.
func (m *model) couldAttack(g, h int32) bool {
	id := m.ax.At(int(h)).ID
	for e := range m.s.Guarantees[g].Trigger.Admitted() {
		if e.Name == guarantee.EventViolation || len(e.Args) < 2 || e.Args[1] != id {
			return true
		}
	}
	return false
}

// keepsVetoAsAttacker reports whether the actor at position h, a veto
// holder of g, still holds its veto in a call where it is the attacker:
// where a rule sets the parties aside, the attacker of the call is one.
func (m *model) keepsVetoAsAttacker(g, h int32) bool {
	if !m.aside {
		return true
	}
	parties := append(m.partiesOf(nil, g), h)
	slices.Sort(parties)
	return sorted.Contains(m.vetoesFor(nil, g, slices.Compact(parties)), h)
}

// unsatisfiableTrigger fires when g's trigger can never hold, such as
// all(peace-deal, not(peace-deal)): g is a dead letter.
func (m *model) unsatisfiableTrigger(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		if gg.Trigger.IsAlways() || gg.Trigger.Satisfiable() {
			continue
		}
		b.start(UnsatisfiableTrigger)
		b.guarantee(int32(g))
		b.say(string(gg.ID), " is due on ")
		b.condition(gg.Trigger)
		b.say(", which can never hold")
		b.done()
	}
}

// idlePosition fires when a refuses, rejects, demands-veto or rejects-veto
// position picks no guarantee in the scenario: it never binds, which is
// often a typo in a kind or an ID.
func (m *model) idlePosition(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance == Requires || m.picksAny(i) {
			continue
		}
		b.start(IdlePosition)
		b.actor(m.pact[i])
		b.position(i)
		b.say(string(p.Actor), " ", p.Stance.String(), " ")
		b.msg = p.Select.AppendString(b.msg)
		b.say(", which picks no guarantee in the scenario")
		b.done()
	}
}

// assuranceOnly notes a beneficiary whose guarantees are all assurances,
// the weakest strength (the Budapest Memorandum gave Ukraine assurances).
func (m *model) assuranceOnly(b *builder) {
	// Guarantees grouped by beneficiary, in the order of their first.
	order := b.order[:0]
	for g := range int32(len(m.s.Guarantees)) {
		order = append(order, g)
	}
	slices.SortStableFunc(order, func(g, h int32) int { return cmp.Compare(m.ben[g], m.ben[h]) })
	b.order = order
	for len(order) > 0 {
		k := 1
		for k < len(order) && m.ben[order[k]] == m.ben[order[0]] {
			k++
		}
		group := order[:k]
		order = order[k:]
		if slices.ContainsFunc(group, func(g int32) bool { return m.s.Guarantees[g].Strength != guarantee.Assurance }) {
			continue
		}
		ben := m.s.Guarantees[group[0]].Beneficiary
		b.start(AssuranceOnly)
		for _, g := range group {
			b.guarantee(g)
		}
		b.actor(m.ben[group[0]])
		b.say("every guarantee to ", string(ben), " is an assurance, with no obligation behind it")
		b.done()
	}
}

// ruleName describes the decision rule of the body at position p.
func (m *model) ruleName(p int32) string {
	a := m.ax.At(int(p))
	switch {
	case a.Threshold > 0:
		return strconv.Itoa(a.Threshold) + " of " + strconv.Itoa(len(a.Members)) + asideName(a)
	case a.Rule() == actor.Separately:
		return "members act separately" + asideName(a)
	}
	return a.Rule().String() + asideName(a)
}

// sayVetoReasons says, for each of the actors, how it comes to hold a veto
// over g.
func (m *model) sayVetoReasons(b *builder, g int32, actors []actor.ID) {
	for i, id := range actors {
		if i > 0 {
			b.say("; ")
		}
		b.say(string(id))
		h := int32(m.ax.Pos(id))
		m.sayVetoReason(b, g, h, m.vetoReason(g, h, m.staticActivationVetoes(g)), false)
	}
}

// sayInsiderReasons says how each of the actors holds a veto over g in a
// call where it is the attacker (a party, where a rule sets the parties
// aside), with the actors that hold it for the same reason said together,
// in the order each reason first comes: "BE, CA and US hold a veto in
// NATO's rule (unanimity)".
func (m *model) sayInsiderReasons(b *builder, g int32, actors []actor.ID) {
	reasons := make([]vetoReason, len(actors))
	act := m.staticActivationVetoes(g)
	for i, id := range actors {
		h := int32(m.ax.Pos(id))
		if m.aside {
			parties := append(m.partiesOf(nil, g), h)
			slices.Sort(parties)
			act = m.activationVetoes(nil, g, slices.Compact(parties))
		}
		reasons[i] = m.vetoReason(g, h, act)
	}
	done := make([]bool, len(actors))
	var same []actor.ID
	for i := range actors {
		if done[i] {
			continue
		}
		same = same[:0]
		for k := i; k < len(actors); k++ {
			if !done[k] && reasons[k] == reasons[i] {
				done[k] = true
				same = append(same, actors[k])
			}
		}
		if i > 0 {
			b.say("; ")
		}
		sayList(b, same)
		for _, id := range same[1:] {
			if reasons[i].kind == grantedVeto {
				m.addVetoSources(b, g, int32(m.ax.Pos(id)))
			}
		}
		m.sayVetoReason(b, g, int32(m.ax.Pos(same[0])), reasons[i], len(same) > 1)
	}
}

// vetoReason is how an actor comes to hold a veto over a guarantee: its
// kind, and for a veto in a body's rule, that body and what follows.
type vetoReason struct {
	kind int8
	body int32 // the body whose rule gives the veto, for inRule
	tail string
}

// The kinds of [vetoReason].
const (
	isProvider int8 = iota
	mustConsent
	inRule
	grantedVeto
)

// vetoReason returns how the actor at position h comes to hold a veto
// over g, given act, the veto holders g's activation gives it with the
// parties of the call in question: from the activation when h is among
// them, else granted by the deal.
func (m *model) vetoReason(g, h int32, act []int32) vetoReason {
	gg := &m.s.Guarantees[g]
	switch {
	case slices.Contains(act, h) && h == m.prov[g]:
		return vetoReason{kind: isProvider}
	case slices.Contains(act, h) && gg.Activation.Mode == guarantee.Consent:
		if slices.Contains(gg.Activation.Actors, m.ax.At(int(h)).ID) {
			return vetoReason{kind: mustConsent}
		}
		if body := m.consentingBody(g, h); body >= 0 {
			return vetoReason{kind: inRule, body: body, tail: ", which must consent"}
		}
		return vetoReason{kind: inRule, body: m.prov[g]}
	case slices.Contains(act, h) && gg.Activation.Mode == guarantee.ByBody:
		return vetoReason{kind: inRule, body: int32(m.ax.Pos(gg.Activation.Actors[0]))}
	case slices.Contains(act, h):
		return vetoReason{kind: inRule, body: m.prov[g]}
	}
	return vetoReason{kind: grantedVeto}
}

// sayVetoReason says r, how the actor at position h, or several actors
// holding their veto the same way (many), come to hold a veto over g, as
// the words after their names; a veto the deal grants adds its sources.
func (m *model) sayVetoReason(b *builder, g, h int32, r vetoReason, many bool) {
	verb := func(one, several string) string {
		if many {
			return several
		}
		return one
	}
	switch r.kind {
	case isProvider:
		b.say(verb(" is its provider", " are its providers"))
	case mustConsent:
		b.say(" must consent")
	case inRule:
		b.say(verb(" holds", " hold"), " a veto in ", string(m.ax.At(int(r.body)).ID), "'s rule (", m.ruleName(r.body), ")", r.tail)
	default:
		b.say(verb(" is granted a veto by the deal", " are granted a veto by the deal"))
		m.addVetoSources(b, g, h)
	}
}

// consentingBody returns the position of a body listed under g's consent
// whose rule gives the actor at position h a veto, or -1.
func (m *model) consentingBody(g, h int32) int32 {
	for _, id := range m.s.Guarantees[g].Activation.Actors {
		p := m.ax.Pos(id)
		if m.ax.At(p).Kind.IsBody() && slices.Contains(m.bodyVetoesOf(g, p), h) {
			return int32(p)
		}
	}
	return -1
}

// addVetoSources adds the sources of the granted vetoes that make the actor
// at position h a veto holder of g.
func (m *model) addVetoSources(b *builder, g, h int32) {
	for v, vt := range m.s.Vetoes {
		if sorted.Contains(m.list(m.grant[v]), g) && m.ax.Pos(vt.Holder) == int(h) {
			b.sources(vt.Sources)
		}
	}
}
