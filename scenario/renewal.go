package scenario

import (
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/sorted"
)

// renewalVetoes returns the veto holders of the decision that renews g's
// mandate, as actor positions, judged statically: with g's parties (the
// attackers of its trigger and its beneficiary) set aside where the
// mandate or the body's rule says so. See [model.RenewalVetoesWith].
func (m *model) RenewalVetoes(g int32) []int32 {
	md := &m.s.Guarantees[g].Mandate
	switch {
	case md.Body == "":
		return nil
	case !md.PartiesAside && !m.aside:
		return m.lists.Vetoes(m.ax.Pos(md.Body))
	}
	return m.RenewalVetoesWith(g, m.partiesOf(nil, g))
}

// renewalVetoesWith returns the veto holders of the decision that renews
// g's mandate when parties (actor positions, sorted) are the parties: the
// veto holders of the renewing body's rule, at any depth, or the renewing
// state itself, with the parties set aside when the mandate says so or
// the body's own rule does; nil when no body renews g. Granted vetoes do
// not reach a renewal: a deal grants a veto over a guarantee when it is
// called, and the renewal is the body's decision by its own rule.
func (m *model) RenewalVetoesWith(g int32, parties []int32) []int32 {
	md := &m.s.Guarantees[g].Mandate
	if md.Body == "" {
		return nil
	}
	p := m.ax.Pos(md.Body)
	switch {
	case md.PartiesAside && m.ax.At(p).Kind.IsBody():
		return m.lists.VetoesAside(p, parties, nil)
	case m.aside:
		return m.lists.VetoesParties(p, parties, nil)
	}
	return m.lists.Vetoes(p)
}

// capturedRenewal fires when a veto holder of the body that renews g's
// mandate is an attacker of g's trigger: g lasts only until the first
// renewal after the attack it exists to answer. UNOMIG, the UN observer
// mission in Georgia, ended on 15 June 2009 when Russia vetoed its
// renewal after the war of August 2008.
func (m *model) capturedRenewal(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		holders := m.RenewalVetoes(int32(g))
		att := m.list(m.att[g])
		if !sorted.Overlap(att, holders) {
			if gg.Mandate.Body != "" && sorted.Overlap(att, m.lists.Vetoes(m.ax.Pos(gg.Mandate.Body))) {
				m.renewalAside(b, int32(g), holders)
			}
			continue
		}
		b.start(CapturedRenewal)
		b.guarantee(int32(g))
		for _, h := range holders {
			if sorted.Contains(att, h) {
				b.actor(h)
			}
		}
		who := b.actorsSoFar()
		sayList(b, who)
		m.sayRenewer(b, gg, len(who))
		b.say(", and is an attacker of its trigger, ")
		b.condition(gg.Trigger)
		b.say(": ", string(gg.ID), " lasts only until the first renewal after the attack it exists to answer")
		b.done()
	}
}

// blockedRenewal fires when a veto holder of the body that renews g's
// mandate refuses or rejects g by a position: g lapses at its first
// renewal. UNPREDEP, the UN preventive deployment in Macedonia, ended on
// 25 February 1999 when China vetoed its renewal for reasons of its own.
// A refusal counts where a deal would violate it, from a contributor of
// g ("I will not provide S"; see "Refusals bind contributors" in the
// package doc). It is reported once per guarantee and position.
func (m *model) blockedRenewal(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Rejects && p.Stance != Refuses {
			continue
		}
		a := m.pact[i]
		for _, g := range m.Matches(i) {
			gg := &m.s.Guarantees[g]
			if gg.Mandate.Body == "" || !sorted.Contains(m.RenewalVetoes(g), a) || !m.Binds(i, g) {
				continue
			}
			b.start(BlockedRenewal)
			b.guarantee(g)
			b.actor(a)
			b.position(i)
			b.say(string(p.Actor))
			m.sayRenewer(b, gg, 1)
			b.say(", and ", p.Stance.String(), " ")
			b.describe(p.Select)
			b.say(": ", string(gg.ID), " lapses at its first renewal")
			b.done()
		}
	}
}

// sayRenewer says how the actors just named (n of them) come to stop the
// renewal of g: " holds a veto in UNSC's rule (majority), which renews
// eu-force's mandate".
func (m *model) sayRenewer(b *builder, g *guarantee.Guarantee, n int) {
	body := m.ax.Pos(g.Mandate.Body)
	verb := " holds"
	if n > 1 {
		verb = " hold"
	}
	if !m.ax.At(body).Kind.IsBody() {
		b.say(" renews ", string(g.ID), "'s mandate")
		return
	}
	b.say(verb, " a veto in ", string(g.Mandate.Body), "'s rule (", m.ruleName(int32(body)), "), which renews ", string(g.ID), "'s mandate")
	if !g.Mandate.Every.IsZero() {
		b.say(" every ", g.Mandate.Every.String())
	}
}

// sunset notes a guarantee whose mandate ends on a date with no renewal:
// it lasts until then, whatever happens.
func (m *model) sunset(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		if gg.Mandate.Ends == "" {
			continue
		}
		b.start(Sunset)
		b.guarantee(int32(g))
		b.say(string(gg.ID), "'s mandate ends on ", gg.Mandate.Ends, " with no renewal")
		if gg.Mandate.Body != "" {
			b.say(" (", string(gg.Mandate.Body), " renews it until then)")
		}
		b.done()
	}
}

// renewalAside says, as parties-set-aside, that an attacker of g's trigger
// would hold a veto over the renewal of g's mandate but for a rule that
// sets the parties aside: the renewal is not captured, and this is why.
func (m *model) renewalAside(b *builder, g int32, holders []int32) {
	gg := &m.s.Guarantees[g]
	att := m.list(m.att[g])
	b.start(PartiesSetAside)
	b.guarantee(g)
	for _, h := range m.lists.Vetoes(m.ax.Pos(gg.Mandate.Body)) {
		if sorted.Contains(att, h) && !sorted.Contains(holders, h) {
			b.actor(h)
		}
	}
	who := b.actorsSoFar()
	sayList(b, who)
	rule := "the renewal sets the parties aside"
	if !gg.Mandate.PartiesAside {
		rule = string(gg.Mandate.Body) + "'s rule sets the parties aside"
	}
	b.say(" would hold a veto over the renewal of ", string(gg.ID), "'s mandate in ", string(gg.Mandate.Body), ", which answers ")
	b.condition(gg.Trigger)
	b.say(", but ", rule, ": a party to the dispute is not counted, so the renewal is not captured")
	b.done()
}
