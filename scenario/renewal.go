package scenario

import (
	"github.com/entente-go/entente/guarantee"
)

// renewalVetoes returns the veto holders of the decision that renews g's
// mandate, as actor positions: the veto holders of the renewing body's
// rule, at any depth, or the renewing state itself; nil when g has no
// body renewing it. Granted vetoes do not reach a renewal: a deal grants
// a veto over a guarantee when it is due, and the renewal is the body's
// decision by its own rule.
func (m *model) renewalVetoes(g int32) []int32 {
	body := m.s.Guarantees[g].Mandate.Body
	if body == "" {
		return nil
	}
	return m.ax.VetoPos(m.ax.Pos(body))
}

// capturedRenewal fires when a veto holder of the body that renews g's
// mandate is an attacker of g's trigger: g lasts only until the first
// renewal after the attack it exists to answer. UNOMIG, the UN observer
// mission in Georgia, ended on 15 June 2009 when Russia vetoed its
// renewal after the war of August 2008.
func (m *model) capturedRenewal(b *builder) {
	for g := range m.s.Guarantees {
		gg := &m.s.Guarantees[g]
		holders := m.renewalVetoes(int32(g))
		att := m.list(m.att[g])
		if !guarantee.Overlap(att, holders) {
			continue
		}
		b.start(CapturedRenewal)
		b.guarantee(int32(g))
		for _, h := range holders {
			if holds(att, h) {
				b.actor(m.ax.At(int(h)).ID)
			}
		}
		who := b.actorsSoFar()
		sayList(b, who)
		m.sayRenewer(b, gg, len(who))
		b.say(", and is an attacker of its trigger, ", gg.Trigger.String(), ": ", string(gg.ID), " lasts only until the first renewal after the attack it exists to answer")
		b.done()
	}
}

// blockedRenewal fires when a veto holder of the body that renews g's
// mandate refuses or rejects g by a position: g lapses at its first
// renewal. UNPREDEP, the UN preventive deployment in Macedonia, ended on
// 25 February 1999 when China vetoed its renewal for reasons of its own.
// It is reported once per guarantee and position.
func (m *model) blockedRenewal(b *builder) {
	for i := range m.s.Positions {
		p := &m.s.Positions[i]
		if p.Stance != Rejects && p.Stance != Refuses {
			continue
		}
		a := m.pact[i]
		for _, g := range m.matches(i) {
			gg := &m.s.Guarantees[g]
			if gg.Mandate.Body == "" || !holds(m.renewalVetoes(g), a) {
				continue
			}
			b.start(BlockedRenewal)
			b.guarantee(g)
			b.actor(p.Actor)
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
