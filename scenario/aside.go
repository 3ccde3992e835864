package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/sorted"
)

// ErrAsideNoBody is reported, wrapped in a [*FieldError] at a guarantee's
// parties-aside, when no body decides the guarantee's activation: there is
// no vote to set the parties aside in.
var ErrAsideNoBody = errors.New("no body decides this activation")

// partiesAside checks that a body decides g's activation, since only a
// body's vote can set the parties aside: a provider that is a body under
// provider or consent, the body of body(X), or a body listed under
// consent. Unknown actors are reported elsewhere.
func (v *validator) partiesAside(here at, g *guarantee.Guarantee) {
	if err := asideNoBody(g, v.lookup); err != nil {
		v.add(here.in("parties-aside"), err)
	}
}

// asideNoBody returns an error wrapping [ErrAsideNoBody] when g's
// activation sets the parties aside and no body decides it. An actor that
// lookup does not find counts as a body: it is reported elsewhere.
func asideNoBody(g *guarantee.Guarantee, lookup func(actor.ID) (actor.Actor, bool)) error {
	if !g.Activation.PartiesAside {
		return nil
	}
	isBody := func(id actor.ID) bool {
		a, ok := lookup(id)
		return !ok || a.Kind.IsBody()
	}
	switch g.Activation.Mode {
	case guarantee.ByBody, guarantee.Automatic:
		return nil // body(X) names a body or is reported; automatic is reported by Check
	case guarantee.Consent:
		if slices.ContainsFunc(g.Activation.Actors, isBody) {
			return nil
		}
	}
	if isBody(g.Provider) {
		return nil
	}
	return fmt.Errorf("%w: the provider %s is a state and no body must consent", ErrAsideNoBody, g.Provider)
}

// compileAside notes whether anything in the scenario sets the parties
// aside, or m.opt asks for the paths of the rule all the same. Without
// either, veto holders are those of the index as they stand, and the model
// takes none of the paths below.
func (m *model) compileAside() {
	m.aside = m.opt.ForceAside || slices.ContainsFunc(m.s.Actors, func(a actor.Actor) bool { return a.PartiesAside }) ||
		slices.ContainsFunc(m.s.Guarantees, func(g guarantee.Guarantee) bool { return g.Activation.PartiesAside })
}

// partiesOf appends g's parties, as docs/MODEL.md defines them for a static
// judgement, to dst, sorted: the attackers of its trigger and its
// beneficiary.
func (m *model) partiesOf(dst []int32, g int32) []int32 {
	lo := len(dst)
	dst = append(dst, m.list(m.att[g])...)
	dst = append(dst, m.ben[g])
	s := dst[lo:]
	slices.Sort(s)
	return dst[:lo+len(slices.Compact(s))]
}

// vetoesFor appends to dst the veto holders of g when its parties are
// parties (actor positions, sorted ascending): the veto holders its
// activation gives it, with the parties set aside wherever the deciding
// body's rule or g's activation says so, and the holders of the vetoes
// the deal grants over g. What it appends is sorted and without
// duplicates.
//
// It is the one place for the rule: the static V(g) of every check is
// vetoesFor with g's trigger's attackers and its beneficiary, and a walk
// calls it with the attackers of each call and the beneficiary.
func (m *model) vetoesFor(dst []int32, g int32, parties []int32) []int32 {
	lo := len(dst)
	dst = m.activationVetoes(dst, g, parties)
	dst = append(dst, m.list(m.granted[g])...)
	s := dst[lo:]
	slices.Sort(s)
	return dst[:lo+len(slices.Compact(s))]
}

// bodyVetoes appends the veto holders of the actor at position p when it
// decides on g with parties: for a body, the holders of its rule with the
// parties set aside where g's activation or its rules say so; for a state,
// itself. With no parties, or where nothing sets the parties aside, they
// are the holders of the index as they stand.
func (m *model) bodyVetoes(dst []int32, g int32, p int, parties []int32) []int32 {
	switch {
	case !m.aside || len(parties) == 0:
		return append(dst, m.lists.Vetoes(p)...)
	case m.s.Guarantees[g].Activation.PartiesAside:
		return m.lists.VetoesAside(p, parties, dst)
	}
	return m.lists.VetoesParties(p, parties, dst)
}

// compileRules fills in, when something sets the parties aside, the veto
// holders of the rule of each guarantee's provider for blocked-by-member
// and dissenting-member: with g's parties aside where the provider's rule
// says so, or g's activation does and the provider takes part in it
// (provider and consent; under body(X) the activation is X's decision).
func (m *model) compileRules() {
	if !m.aside {
		return
	}
	m.rule = grow(m.rule, len(m.s.Guarantees))
	for g := range int32(len(m.s.Guarantees)) {
		p := int(m.prov[g])
		if !m.ax.At(p).Kind.IsBody() {
			m.rule[g] = span{}
			continue
		}
		m.party = m.partiesOf(m.party[:0], g)
		lo := len(m.data)
		a := m.s.Guarantees[g].Activation
		if a.PartiesAside && a.Mode != guarantee.ByBody {
			m.data = m.lists.VetoesAside(p, m.party, m.data)
		} else {
			m.data = m.lists.VetoesParties(p, m.party, m.data)
		}
		m.rule[g] = span{int32(lo), int32(len(m.data))}
	}
}

// partiesSetAside notes a guarantee that would be captured but for a rule
// that sets the parties aside: an attacker of its trigger would hold a veto
// over it in a deciding body's rule, and does not because the rule (or
// the activation) does not count the parties' votes. The League Council
// under Article 15 of the Covenant: France and Germany sit on it, and
// neither can block a finding against itself. It fires only when the
// guarantee is not captured all the same, so that the reader sees why it
// is not.
func (m *model) partiesSetAside(b *builder) {
	if !m.aside {
		return
	}
	for g := range int32(len(m.s.Guarantees)) {
		att, vetoes := m.list(m.att[g]), m.list(m.veto[g])
		if len(att) == 0 || sorted.Overlap(att, vetoes) {
			continue
		}
		plain := m.activationVetoes(b.order[:0], g, nil)
		b.order = plain
		gg := &m.s.Guarantees[g]
		b.start(PartiesSetAside)
		for _, h := range att {
			if slices.Contains(plain, h) && !sorted.Contains(vetoes, h) {
				b.actor(h)
			}
		}
		if !b.hasActors() {
			b.discard()
			continue
		}
		parties := b.actorsSoFar()
		b.guarantee(g)
		sayList(b, parties)
		b.say(" would hold a veto over ", string(gg.ID), ", which answers ")
		b.condition(gg.Trigger)
		b.say(", ")
		m.sayAsideRules(b, g)
		b.say(": a party to the dispute is not counted, so ", string(gg.ID), " is not captured")
		b.done()
	}
}

// sayAsideRules names the deciding bodies of g whose rule, or g's
// activation, sets the parties aside.
func (m *model) sayAsideRules(b *builder, g int32) {
	gg := &m.s.Guarantees[g]
	var bodies []int32
	add := func(id actor.ID) {
		p := m.ax.Pos(id)
		if p >= 0 && m.ax.At(p).Kind.IsBody() && !slices.Contains(bodies, int32(p)) {
			bodies = append(bodies, int32(p))
		}
	}
	switch gg.Activation.Mode {
	case guarantee.ByBody:
		add(gg.Activation.Actors[0])
	case guarantee.Consent:
		for _, id := range gg.Activation.Actors {
			add(id)
		}
		add(gg.Provider)
	case guarantee.ByProvider:
		add(gg.Provider)
	}
	b.say("but ")
	n := 0
	for _, p := range bodies {
		if !gg.Activation.PartiesAside && !m.ax.At(int(p)).PartiesAside {
			continue
		}
		if n > 0 {
			b.say(" and ")
		}
		n++
		b.say(string(m.ax.At(int(p)).ID), " decides by ", m.ruleName(p))
		if gg.Activation.PartiesAside && !m.ax.At(int(p)).PartiesAside {
			b.say(", parties aside by the activation")
		}
	}
	if n == 0 {
		b.say("a member body's rule sets the parties aside")
	}
}

// asideName is what a body's rule adds to its name when it sets the
// parties aside.
func asideName(a actor.Actor) string {
	if a.PartiesAside {
		return ", parties aside"
	}
	return ""
}

// callVetoes returns g's veto holders for a call whose attackers are att
// (actor positions, sorted): [model.vetoesFor] with att and g's
// beneficiary as the parties. Where nothing sets the parties aside it is
// the static V(g). The result is scratch, good until the next call.
func (m *model) CallVetoes(g int32, att []int32) []int32 {
	if !m.aside {
		return m.list(m.veto[g])
	}
	m.party = append(append(m.party[:0], att...), m.ben[g])
	slices.Sort(m.party)
	m.party = slices.Compact(m.party)
	m.vbuf = m.vetoesFor(m.vbuf[:0], g, m.party)
	return m.vbuf
}

// parseAside reads the value of a set edit of parties-aside: true, or
// false, or empty (false), as a file writes it.
func parseAside(v string) (bool, error) {
	switch strings.TrimSpace(v) {
	case "true":
		return true, nil
	case "false", "":
		return false, nil
	}
	return false, fmt.Errorf("parties-aside %q: want true or false", v)
}

// asideText is parties-aside as Diff compares it and a set edit writes
// it: "true" or "false".
func asideText(aside bool) string { return strconv.FormatBool(aside) }

// asideLinked reports whether x or y sets the parties aside and they
// differ in a field that decides whether that is allowed (provider,
// activation): Sets of them one at a time could pass through an invalid
// guarantee, so Diff replaces it whole.
func asideLinked(x, y guarantee.Guarantee) bool {
	return (x.Activation.PartiesAside || y.Activation.PartiesAside) &&
		(x.Provider != y.Provider || activationText(x.Activation) != activationText(y.Activation))
}

// bodyVetoesOf returns the veto holders of the body at position p when it
// decides on g, with g's parties aside where the rule says so: the index's
// own list when nothing sets the parties aside, else a new slice.
func (m *model) bodyVetoesOf(g int32, p int) []int32 {
	if !m.aside {
		return m.lists.Vetoes(p)
	}
	return m.bodyVetoes(nil, g, p, m.partiesOf(nil, g))
}

// staticActivationVetoes returns, in a new slice, the veto holders g's
// activation gives it with g's parties (none where nothing sets the
// parties aside, which comes to the same).
func (m *model) staticActivationVetoes(g int32) []int32 {
	if !m.aside {
		return m.activationVetoes(nil, g, nil)
	}
	return m.activationVetoes(nil, g, m.partiesOf(nil, g))
}
