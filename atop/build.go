package atop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// Warning is something the reading of a phase could not do as the record
// asks, though it went on: a state code the Correlates of War table does
// not have.
type Warning struct {
	Alliance, Phase int
	// Field is the column of the code: "member", in the member file, or
	// "statthr", a named threat in the alliance file.
	Field   string
	Line    int    // the row, in the file Field is in
	Message string // lower case, one line
}

func (w Warning) String() string {
	return fmt.Sprintf("atopid %d phase %d (%s, line %d): %s", w.Alliance, w.Phase, w.Field, w.Line, w.Message)
}

// groupMin is the smallest number of members owing the same obligation
// that share one provider, a coalition of them: below it, each member is
// the provider of its own guarantees. Two members are never grouped, so a
// bilateral pact reads as what it is, each state's promise to the other.
const groupMin = 3

// AllianceID returns the actor ID of the alliance itself: "ATOP3180".
func AllianceID(atopid int) actor.ID { return actor.ID("ATOP" + strconv.Itoa(atopid)) }

// SourceID returns the ID of the source every element of the phase cites:
// "atop-4.01-3180-1".
func (p Phase) SourceID() string {
	v := p.Version
	if v == "" {
		v = "unknown"
	}
	return fmt.Sprintf("atop-%s-%d-%d", v, p.Alliance.ID, p.Number)
}

const cowSource = "cow-2016"

// Scenario returns the phase as a scenario, the same every time, with the
// warnings of its reading. See the package documentation for the mapping.
func (p Phase) Scenario() (scenario.Scenario, []Warning) {
	a := p.Alliance
	src := p.SourceID()
	cite := []string{src}
	var warns []Warning
	s := scenario.Scenario{
		Name: p.name(),
		AsOf: p.Begin().String(),
		Sources: []scenario.Source{{
			ID:    src,
			Title: fmt.Sprintf("ATOP %s, atopid %d, phase %d", orUnknown(p.Version), a.ID, p.Number),
			URL:   "http://www.atopdata.org/",
			Date:  p.Begin().String(),
			Note:  p.sourceNote(),
		}, {
			ID:    cowSource,
			Title: "Correlates of War Project, State System Membership List, v2016",
			URL:   "https://correlatesofwar.org/data-sets/state-system-membership/",
		}},
		Description: p.description(),
	}
	ids := make([]actor.ID, len(p.Members))
	for i, m := range p.Members {
		id, name, ok := StateID(m.State)
		ids[i] = id
		note := fmt.Sprintf("COW %d; in the alliance from %s", m.State, m.Entry)
		if !m.Exit.IsZero() {
			note += " to " + m.Exit.String()
		}
		srcs := []string{src, cowSource}
		if !ok {
			warns = append(warns, Warning{a.ID, p.Number, "member", m.Line, fmt.Sprintf("state code %d is not in the Correlates of War table; its actor is %s", m.State, id)})
			note += "; a code the Correlates of War table does not have"
			srcs = cite
		}
		s.Actors = append(s.Actors, actor.Actor{ID: id, Name: name, Note: note, Sources: srcs})
	}
	threats := make([]actor.ID, 0, len(a.Threats))
	for _, t := range a.Threats {
		id, name, ok := StateID(t)
		threats = append(threats, id)
		if slices.Contains(ids, id) {
			continue
		}
		srcs := []string{src, cowSource}
		note := fmt.Sprintf("COW %d; a threat the alliance names (statthr)", t)
		if !ok {
			warns = append(warns, Warning{a.ID, p.Number, "statthr", a.Line, fmt.Sprintf("threat code %d is not in the Correlates of War table; its actor is %s", t, id)})
			srcs = cite
		}
		s.Actors = append(s.Actors, actor.Actor{ID: id, Name: name, Note: note, Sources: srcs})
	}
	body := AllianceID(a.ID)
	s.Actors = append(s.Actors, actor.Actor{
		ID: body, Name: fmt.Sprintf("ATOP alliance %d", a.ID), Kind: actor.Alliance,
		Members: slices.Clone(ids), Decides: actor.Unanimity,
		Note: "the alliance as a whole, which renews the treaty: any member can stop a renewal by renouncing it. " +
			"ATOP codes no decision rule for the obligations, so each member decides for itself: they are owed by the members, not decided by this body",
		Sources: cite,
	})

	var mandate guarantee.Mandate
	if a.SpecLength == 1 || a.SpecLength == 3 {
		if a.Length > 0 {
			end := addMonths(p.lengthStart(), a.Length)
			switch {
			case a.Renewal > 0 && a.RenewalLength > 0:
				mandate = guarantee.RenewedBy(body, guarantee.Months(a.RenewalLength)).Starting(addMonths(end, -a.RenewalLength).String())
			case a.Renewal > 0:
				mandate = guarantee.RenewedBy(body, guarantee.Period{})
			default:
				mandate = guarantee.Mandate{}.Ending(end.String())
			}
		}
	}
	if mandate.IsZero() && a.Renewal > 0 && a.RenewalLength > 0 {
		mandate = guarantee.RenewedBy(body, guarantee.Months(a.RenewalLength)).Starting(a.Begin.String())
	}

	members := body + "-members"
	usedMembers := false
	var dropped []string
	for t := range nTypes {
		// The members owing t, grouped by its conditions, each group in
		// the order of state codes, the groups in the order of their
		// first member.
		var groups [][]int
		var conds []Condition
		for i, m := range p.Members {
			o := m.Obligations[t]
			if !o.Present {
				continue
			}
			j := slices.Index(conds, o.Conditions)
			if j < 0 {
				conds = append(conds, o.Conditions)
				groups = append(groups, nil)
				j = len(groups) - 1
			}
			groups[j] = append(groups[j], i)
		}
		for gi, g := range groups {
			c := conds[gi]
			// A member that is itself a named threat does not answer its
			// own attack (see adversaries), so it owes something other
			// than its partners do: it provides on its own, and grouping
			// stays a matter of reading only.
			var alone, shared []int
			for _, i := range g {
				if t.takesThreats(c) && slices.Contains(threats, ids[i]) {
					alone = append(alone, i)
				} else {
					shared = append(shared, i)
				}
			}
			var providers []actor.ID
			if len(shared) >= groupMin {
				var prov actor.ID
				if len(shared) == len(p.Members) {
					prov, usedMembers = members, true
				} else {
					prov = actor.ID(fmt.Sprintf("%s-%s-%d", body, t.column(), gi+1))
					ms := make([]actor.ID, len(shared))
					for k, i := range shared {
						ms[k] = ids[i]
					}
					s.Actors = append(s.Actors, actor.Actor{
						ID: prov, Name: fmt.Sprintf("the members of ATOP alliance %d with the same %s obligation", a.ID, t), Kind: actor.Coalition,
						Members: ms, Decides: actor.Separately, Note: "each member decides for itself", Sources: cite,
					})
				}
				providers = []actor.ID{prov}
			} else {
				alone = append(alone, shared...)
				slices.Sort(alone) // the members' order, which is their state codes'
			}
			for _, i := range alone {
				providers = append(providers, ids[i])
			}
			for _, prov := range providers {
				for _, b := range ids {
					if b == prov {
						continue
					}
					g, ok := p.guarantee(t, c, prov, b, members, threats, mandate, cite)
					if !ok {
						dropped = append(dropped, fmt.Sprintf("the %s of %s by %s", t, b, prov))
						continue
					}
					s.Guarantees = append(s.Guarantees, g)
				}
			}
		}
	}
	if len(dropped) > 0 {
		s.Description += fmt.Sprintf(" Left out, as ATOP codes them against a specific adversary and every threat the alliance names is the provider or the beneficiary itself: %s.", strings.Join(dropped, ", "))
	}
	if usedMembers {
		s.Actors = append(s.Actors, actor.Actor{
			ID: members, Name: fmt.Sprintf("the members of ATOP alliance %d", a.ID), Kind: actor.Coalition,
			Members: slices.Clone(ids), Decides: actor.Separately,
			Note:    "the members owing the same obligation to each partner, each deciding for itself, as ATOP codes no decision rule",
			Sources: cite,
		})
	}
	return s, warns
}

// takesThreats reports whether t, with conditions c, is owed against the
// alliance's named threats: defence and offence conditional on a specific
// adversary.
func (t Type) takesThreats(c Condition) bool {
	return c&OnAdversary != 0 && (t == Defense || t == Offense)
}

// adversaries returns the named threats that a guarantee by prov to b
// answers: every threat but b itself (an attack on b by b is none) and
// but prov (a state that is a named threat does not defend its partner
// against itself: in Locarno France and Germany are the threats, and
// Britain and Italy the guarantors). The filter is the same whether prov
// is a member or a coalition of them, as no coalition has a threat among
// its members (Scenario gives such a member its own guarantees).
func adversaries(threats []actor.ID, prov, b actor.ID) []actor.ID {
	var out []actor.ID
	for _, x := range threats {
		if x != b && x != prov {
			out = append(out, x)
		}
	}
	return out
}

// guarantee returns the obligation t, with conditions c, of prov to b. It
// reports false when there is none to give: t is owed against the named
// threats, the alliance names some, and every one is prov or b. Reading
// such an obligation as against any attacker would widen it beyond what
// ATOP codes.
func (p Phase) guarantee(t Type, c Condition, prov, b, members actor.ID, threats []actor.ID, m guarantee.Mandate, cite []string) (guarantee.Guarantee, bool) {
	id := string(t.Kind()[strings.LastIndexByte(string(t.Kind()), '/')+1:]) + "-"
	if prov != members {
		id += string(prov) + "-"
	}
	id += string(b)
	g := guarantee.Guarantee{
		ID: guarantee.ID(id), Provider: prov, Beneficiary: b, Kind: t.Kind(),
		Strength: guarantee.Treaty, Mandate: m, Sources: cite,
	}
	var notes []string
	var named []actor.ID
	switch {
	case t.takesThreats(c):
		// The alliance's named threats are the adversary its defence
		// answers and its offence aims at.
		if len(threats) == 0 {
			notes = append(notes, "ATOP codes it against a specific adversary but names none: read as against any attacker")
			break
		}
		if named = adversaries(threats, prov, b); len(named) == 0 {
			return guarantee.Guarantee{}, false
		}
	case c&OnAdversary != 0:
		// The named threats are the alliance's, and need not be this
		// obligation's adversary (the Dual Alliance of 1879 promises
		// neutrality against an attacker other than Russia, its
		// named threat).
		notes = append(notes, "ATOP codes it against a specific adversary, which it does not name for this obligation: read as against any attacker")
	}
	switch t {
	case Defense, Neutrality, Consultation:
		if len(named) == 0 {
			g.Trigger = guarantee.AttackOn(b)
		} else {
			cs := make([]guarantee.Condition, len(named))
			for i, x := range named {
				cs[i] = guarantee.Attack(x, b)
			}
			g.Trigger = cs[0]
			if len(cs) > 1 {
				g.Trigger = guarantee.AnyOf(cs...)
			}
		}
	}
	if len(named) == 1 {
		g.Target = named[0]
	}
	if untested := t.says(c &^ OnAdversary); len(untested) > 0 {
		notes = append(notes, "Conditions ATOP codes that Entente does not test: "+strings.Join(untested, "; "))
	}
	g.Note = strings.Join(notes, ". ")
	return g, true
}

func orUnknown(v string) string {
	if v == "" {
		return "(version not given)"
	}
	return v
}

func (p Phase) years() string {
	b, e := p.Begin(), p.End()
	if e.IsZero() {
		return fmt.Sprintf("%d-", b.Year)
	}
	return fmt.Sprintf("%d-%d", b.Year, e.Year)
}

func (p Phase) name() string {
	var who string
	if len(p.Members) <= 4 {
		names := make([]string, len(p.Members))
		for i, m := range p.Members {
			id, name, ok := StateID(m.State)
			if !ok {
				name = string(id)
			}
			names[i] = name
		}
		who = strings.Join(names, ", ")
	} else {
		who = fmt.Sprintf("%d members", len(p.Members))
	}
	return fmt.Sprintf("ATOP %d, phase %d (%s): %s", p.Alliance.ID, p.Number, p.years(), who)
}

func (p Phase) sourceNote() string {
	end := "in force when the data end"
	if e := p.End(); !e.IsZero() {
		end = "until " + e.String()
	}
	return fmt.Sprintf("Leeds, Ritter, Mitchell and Long (2002), \"Alliance Treaty Obligations and Provisions, 1815-1944\", International Interactions 28: 237-60. "+
		"The alliance row of atopid %d and its member rows of phase %d, from %s %s.", p.Alliance.ID, p.Number, p.Begin(), end)
}

func (p Phase) description() string {
	a := p.Alliance
	var b strings.Builder
	fmt.Fprintf(&b, "Alliance %d of the Alliance Treaty Obligations and Provisions data, phase %d, read by Entente. ", a.ID, p.Number)
	var obl []string
	for t := range nTypes {
		for _, m := range p.Members {
			if m.Obligations[t].Present {
				obl = append(obl, t.String())
				break
			}
		}
	}
	if len(obl) == 0 {
		b.WriteString("No member owes any of the obligations ATOP codes. ")
	} else {
		fmt.Fprintf(&b, "Obligations: %s. ", strings.Join(obl, ", "))
	}
	switch {
	case (a.SpecLength == 1 || a.SpecLength == 3) && a.Length > 0:
		fmt.Fprintf(&b, "Specified length: %d months from %s. ", a.Length, p.lengthStart())
	case a.SpecLength == 2:
		b.WriteString("In force until an event the treaty names (speclgth 2), which Entente does not date. ")
	}
	if a.Renewal > 0 {
		if a.RenewalLength > 0 {
			fmt.Fprintf(&b, "Renewal provision (proren %d), for %d months at a time. ", a.Renewal, a.RenewalLength)
		} else {
			fmt.Fprintf(&b, "Renewal provision (proren %d), of no set length. ", a.Renewal)
		}
	}
	return strings.TrimSpace(b.String())
}
