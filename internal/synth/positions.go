package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// positions makes the positions. The first five are the seed's, one of
// each stance. The rest are held by actors drawn at random, a protected
// state or an aggressor five times as often as any other actor, each taking
// the stances and selectors that fit its role: as in real studies, an
// actor holds a handful of positions, so the number of positions that
// overlap grows with the scenario no faster than the positions do.
//
// One selector in twenty takes a field from another guarantee, so that
// some pick nothing, as a typo would; one in 256 is empty and picks every
// guarantee.
func (g *gen) positions() {
	g.s.Positions = make([]scenario.Position, g.c.Positions)
	for i := range g.s.Positions {
		var p scenario.Position
		if i < 5 {
			p = g.seedPosition(i)
		} else {
			p = g.randomPosition()
			switch {
			case g.r.IntN(256) == 0:
				p.Select = guarantee.Selector{}
			case g.chance(5):
				g.blur(&p.Select)
			}
		}
		p.Sources = []string{SourceID}
		if g.chance(90) {
			p.ID = strings.ToLower(string(p.Actor)) + "-" + p.Stance.String() + "-" + strconv.Itoa(i+1)
		}
		g.s.Positions[i] = p
	}
}

// demandsVeto makes exactly c.DemandsVeto of the positions demands-veto
// positions, the candidate vetoes of a search. It draws from a stream of
// its own, after everything else is made, so that the actors, guarantees,
// granted vetoes and timeline are those of the same Config without
// DemandsVeto, and so are the positions it leaves alone. It replaces
// positions chosen at random, the seed's five last (and the seed's demand
// last of all): surplus demands with positions of other stances, or
// positions of other stances with demands. A replacement is drawn as the
// other positions are, from an actor drawn at random and the stances of
// its role, until its stance is the one wanted; its selector is never
// blurred or emptied, so it picks something.
func (g *gen) demandsVeto() {
	g.r = rand.New(rand.NewPCG(g.c.Seed, demandsStream))
	ps := g.s.Positions
	var dv, other []int
	for _, i := range g.r.Perm(len(ps)) {
		if i < 5 {
			continue
		}
		if ps[i].Stance == scenario.DemandsVeto {
			dv = append(dv, i)
		} else {
			other = append(other, i)
		}
	}
	for _, i := range []int{0, 1, 2, 4, 3} {
		if i >= len(ps) {
			continue
		}
		if ps[i].Stance == scenario.DemandsVeto {
			dv = append(dv, i)
		} else {
			other = append(other, i)
		}
	}
	want := g.c.DemandsVeto
	for _, i := range dv[:max(0, len(dv)-want)] {
		g.replacePosition(i, false)
	}
	for _, i := range other[:max(0, want-len(dv))] {
		g.replacePosition(i, true)
	}
}

// replacePosition replaces the i-th position with one drawn at random
// that is a demands-veto position or, when demand is false, is not.
func (g *gen) replacePosition(i int, demand bool) {
	p := g.randomPosition()
	for (p.Stance == scenario.DemandsVeto) != demand {
		p = g.randomPosition()
	}
	p.Sources = []string{SourceID}
	if g.chance(90) {
		p.ID = strings.ToLower(string(p.Actor)) + "-" + p.Stance.String() + "-" + strconv.Itoa(i+1)
	}
	g.s.Positions[i] = p
}

// seedPosition returns the i-th of the seed's five positions, about the
// first protected state B and its aggressor X: a state refuses ground
// troops; X rejects troops from the first alliance in B; a state requires
// a guarantee to B by a given provider; X demands a veto over every
// guarantee to B; B rejects any X veto over them.
func (g *gen) seedPosition(i int) scenario.Position {
	b := g.protected[0]
	x := g.threatOf[b]
	switch i {
	case 0:
		return scenario.Position{Actor: g.oneOf(g.states), Stance: scenario.Refuses,
			Select: guarantee.Selector{Kind: guarantee.GroundTroops}}
	case 1:
		return scenario.Position{Actor: x, Stance: scenario.Rejects,
			Select: guarantee.Selector{Kind: guarantee.GroundTroops, ProviderIn: g.bodies[0], Location: string(b)}}
	case 2:
		t := g.template(g.byBeneficiary[b])
		return scenario.Position{Actor: g.oneOf(g.states), Stance: scenario.Requires,
			Select: guarantee.Selector{Kind: t.Kind.Top(), Provider: t.Provider, Beneficiary: b}}
	case 3:
		return scenario.Position{Actor: x, Stance: scenario.DemandsVeto, Select: guarantee.Selector{Beneficiary: b}}
	}
	return scenario.Position{Actor: b, Stance: scenario.RejectsVeto, By: []actor.ID{x},
		Select: guarantee.Selector{Beneficiary: b}}
}

// randomPosition returns a position of an actor drawn at random.
func (g *gen) randomPosition() scenario.Position {
	np, na, ns := len(g.protected), len(g.aggressors), len(g.states)
	x := g.r.IntN(5*(np+na) + ns + len(g.bodies))
	switch {
	case x < 5*np:
		return g.protectedPosition(g.protected[x/5])
	case x < 5*(np+na):
		return g.aggressorPosition(g.aggressors[(x-5*np)/5])
	case x < 5*(np+na)+ns:
		return g.statePosition(g.states[x-5*(np+na)])
	}
	return g.bodyPosition(g.bodies[x-5*(np+na)-ns])
}

// protectedPosition returns a position of protected state b: mostly what
// it requires and whose vetoes it rejects.
func (g *gen) protectedPosition(b actor.ID) scenario.Position {
	x := g.threatOf[b]
	t := g.template(g.byBeneficiary[b])
	p := scenario.Position{Actor: b}
	switch g.pick(40, 30, 15, 10, 5) {
	case 0:
		p.Stance = scenario.Requires
		switch g.pick(50, 30, 20) {
		case 0:
			p.Select = guarantee.Selector{Beneficiary: b, Kind: g.kindOf(t)}
		case 1:
			p.Select = guarantee.Selector{Beneficiary: b, Provider: t.Provider}
		case 2:
			p.Select = guarantee.Selector{Beneficiary: b, Kind: g.kindOf(t), ProviderIn: g.providerIn(t)}
		}
	case 1:
		p.Stance = scenario.RejectsVeto
		switch g.pick(80, 10, 10) {
		case 0:
			p.By = []actor.ID{x}
		case 2:
			p.By = g.sample([]actor.ID{x}, g.aggressors, 1)
		}
		p.Select = guarantee.Selector{Beneficiary: b}
		if g.chance(70) {
			p.Select.Kind = g.kindOf(t)
		}
	case 2: // no "guarantees" from the aggressor, or not these
		p.Stance = scenario.Rejects
		if g.chance(50) {
			p.Select = guarantee.Selector{Provider: x, Beneficiary: b}
		} else {
			p.Select = guarantee.Selector{IDs: g.ids(t)}
		}
	case 3:
		p.Stance = scenario.Refuses
		p.Select = guarantee.Selector{Kind: g.kindOf(g.template(nil))}
	case 4: // nothing on its soil without its say
		p.Stance = scenario.DemandsVeto
		p.Select = guarantee.Selector{Beneficiary: b, Location: string(b)}
	}
	return p
}

// aggressorPosition returns a position of aggressor x about a state it
// threatens: mostly a demand for a veto and a rejection of foreign troops.
func (g *gen) aggressorPosition(x actor.ID) scenario.Position {
	b := g.oneOf(g.threatens[x])
	t := g.template(g.byBeneficiary[b])
	p := scenario.Position{Actor: x}
	switch g.pick(40, 35, 15, 10) {
	case 0:
		p.Stance = scenario.DemandsVeto
		p.Select = guarantee.Selector{Beneficiary: b}
		if g.chance(60) {
			p.Select.Kind = g.kindOf(t)
		}
	case 1:
		p.Stance = scenario.Rejects
		k := guarantee.GroundTroops
		if t.Kind.Is(guarantee.Military) {
			k = t.Kind
		}
		p.Select = guarantee.Selector{Kind: k, Beneficiary: b}
		if g.chance(50) {
			p.Select.ProviderIn = g.providerIn(t)
		}
		if g.chance(30) {
			p.Select.Location = string(b)
		}
	case 2:
		p.Stance = scenario.Refuses
		p.Select = guarantee.Selector{Beneficiary: b}
	case 3:
		p.Stance = scenario.Requires
		p.Select = guarantee.Selector{Kind: guarantee.Diplomatic, Beneficiary: b}
	}
	return p
}

// statePosition returns a position of state s, mostly about guarantees it
// gives itself or through a body it belongs to: what it refuses, requires
// or rejects, and now and then a veto it demands or rejects.
func (g *gen) statePosition(s actor.ID) scenario.Position {
	t := g.own(s)
	u := g.template(nil) // any guarantee
	p := scenario.Position{Actor: s}
	switch g.pick(35, 30, 15, 8, 12) {
	case 0:
		p.Stance = scenario.Refuses
		switch g.pick(40, 30, 15, 15) {
		case 0:
			p.Select = guarantee.Selector{Kind: g.kindOf(t)}
		case 1:
			p.Select = guarantee.Selector{Kind: g.kindOf(t), Beneficiary: t.Beneficiary}
		case 2:
			p.Select = guarantee.Selector{Kind: g.kindOf(t), Location: t.Location}
		case 3:
			p.Select = guarantee.Selector{IDs: g.ids(t)}
		}
	case 1:
		p.Stance = scenario.Requires
		switch g.pick(40, 30, 20, 10) {
		case 0:
			p.Select = guarantee.Selector{Kind: g.kindOf(u), Beneficiary: u.Beneficiary}
		case 1:
			p.Select = guarantee.Selector{Kind: g.kindOf(u), Provider: u.Provider}
		case 2:
			p.Select = guarantee.Selector{Provider: u.Provider, Beneficiary: u.Beneficiary}
		case 3:
			p.Select = guarantee.Selector{IDs: g.ids(u)}
		}
	case 2:
		p.Stance = scenario.Rejects
		switch g.pick(40, 30, 30) {
		case 0:
			p.Select = guarantee.Selector{Provider: u.Provider, Kind: g.kindOf(u)}
		case 1:
			p.Select = guarantee.Selector{IDs: g.ids(u)}
		case 2:
			p.Select = guarantee.Selector{Kind: u.Kind, ProviderIn: g.providerIn(u)}
		}
	case 3: // a say over what its bodies or partners do
		p.Stance = scenario.DemandsVeto
		switch g.pick(50, 30, 20) {
		case 0:
			in := g.providerIn(t)
			if bs := g.memberOf[s]; len(bs) > 0 {
				in = g.oneOf(bs)
			}
			p.Select = guarantee.Selector{ProviderIn: in, Kind: g.kindOf(t)}
		case 1:
			p.Select = guarantee.Selector{Provider: t.Provider, Kind: g.kindOf(t)}
		case 2:
			p.Select = guarantee.Selector{IDs: g.ids(t)}
		}
	case 4:
		p.Stance = scenario.RejectsVeto
		if g.chance(40) { // nobody else may stop what it provides
			p.Select = guarantee.Selector{Provider: t.Provider}
			break
		}
		by := g.oneOf(g.aggressors)
		if o := g.oneOf(g.states); o != s && g.chance(50) {
			by = o
		}
		p.By = []actor.ID{by}
		if g.chance(70) {
			p.Select = guarantee.Selector{Provider: t.Provider, Kind: g.kindOf(t)}
		} else {
			p.Select = guarantee.Selector{IDs: g.ids(t)}
		}
	}
	return p
}

// bodyPosition returns a position of body o: mostly what it requires or
// refuses.
func (g *gen) bodyPosition(o actor.ID) scenario.Position {
	t := g.template(g.byProvider[o])
	u := g.template(nil)
	p := scenario.Position{Actor: o}
	switch g.pick(50, 30, 10, 5, 5) {
	case 0:
		p.Stance = scenario.Requires
		p.Select = guarantee.Selector{Kind: g.kindOf(u), Beneficiary: u.Beneficiary}
	case 1:
		p.Stance = scenario.Refuses
		p.Select = guarantee.Selector{Kind: g.kindOf(t)}
	case 2:
		p.Stance = scenario.RejectsVeto
		p.Select = guarantee.Selector{Provider: o}
	case 3:
		p.Stance = scenario.DemandsVeto
		p.Select = guarantee.Selector{ProviderIn: o, Kind: g.kindOf(t)}
	case 4:
		p.Stance = scenario.Rejects
		p.Select = guarantee.Selector{Provider: u.Provider, Kind: g.kindOf(u)}
	}
	return p
}

// template returns one of the guarantees at the given indexes, or any
// guarantee when there are none.
func (g *gen) template(list []int) *guarantee.Guarantee {
	if len(list) == 0 {
		return &g.s.Guarantees[g.r.IntN(len(g.s.Guarantees))]
	}
	return &g.s.Guarantees[list[g.r.IntN(len(list))]]
}

// own returns a guarantee s gives, itself or through a body it is a direct
// member of, or any guarantee when there is none.
func (g *gen) own(s actor.ID) *guarantee.Guarantee {
	if l := g.byProvider[s]; len(l) > 0 && g.chance(60) {
		return g.template(l)
	}
	if bs := g.memberOf[s]; len(bs) > 0 {
		return g.template(g.byProvider[g.oneOf(bs)])
	}
	return g.template(g.byProvider[s])
}

// kindOf returns t's kind or, half the time, its top level.
func (g *gen) kindOf(t *guarantee.Guarantee) guarantee.Kind {
	if g.chance(50) {
		return t.Kind.Top()
	}
	return t.Kind
}

// providerIn returns a body for a provider-in field that t's provider
// belongs to ("troops from NATO countries"): the provider itself when it
// is a body, a body it is a member of, or any body.
func (g *gen) providerIn(t *guarantee.Guarantee) actor.ID {
	if _, ok := g.body[t.Provider]; ok {
		return t.Provider
	}
	if in := g.memberOf[t.Provider]; len(in) > 0 {
		return g.oneOf(in)
	}
	return g.oneOf(g.bodies)
}

// ids returns t's ID and up to two more, one in ten of them absent from the
// scenario.
func (g *gen) ids(t *guarantee.Guarantee) []guarantee.ID {
	ids := []guarantee.ID{t.ID}
	for range g.r.IntN(3) {
		if g.chance(10) {
			ids = append(ids, g.absent())
		} else {
			ids = append(ids, g.template(nil).ID)
		}
	}
	return ids
}

// blur replaces one field of s with the same field of another guarantee,
// as a typo or a misremembered fact would.
func (g *gen) blur(s *guarantee.Selector) {
	u := g.template(nil)
	switch {
	case s.Kind != "":
		s.Kind = u.Kind
	case s.Provider != "":
		s.Provider = u.Provider
	case s.Beneficiary != "":
		s.Beneficiary = u.Beneficiary
	case len(s.IDs) > 0:
		s.IDs[0] = g.absent()
	}
}
