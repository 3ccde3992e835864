package atop

import "github.com/entente-go/entente/guarantee"

// Type is one of the five obligations ATOP codes.
type Type uint8

// The obligations, in ATOP's order.
const (
	Defense       Type = iota // defense: to defend a partner that is attacked
	Offense                   // offense: to join a partner's war, whoever starts it
	Neutrality                // neutral: to stay out of a war against a partner
	NonAggression             // nonagg: not to attack a partner
	Consultation              // consul: to consult in a crisis
	nTypes
)

var typeInfo = [nTypes]struct {
	column, name, prefix string
	kind                 guarantee.Kind
	conditions           []conditionColumn
}{
	Defense:       {"defense", "defence", "defco", "military/defense", nil},
	Offense:       {"offense", "offence", "offco", "military/offense", nil},
	Neutrality:    {"neutral", "neutrality", "neuco", "military/neutrality", nil},
	NonAggression: {"nonagg", "non-aggression", "", "military/non-aggression", nil},
	Consultation:  {"consul", "consultation", "conco", "diplomatic/consultation", nil},
}

// Condition is a set of the conditions ATOP codes on an obligation.
type Condition uint16

// The conditions, as ATOP's member file codes them (defcoadv, defcoloc, ...).
const (
	OnAdversary      Condition = 1 << iota // *coadv: only against a specific adversary
	OnLocation                             // *coloc: only in a location
	OnConflict                             // *cocon: only in a specific conflict
	OnNumber                               // *conum: only against a number of adversaries
	OnDemands                              // *codem: only if the adversary refuses demands
	OnNonProvocation                       // *conpr: only if the partner did not provoke
	OnAttackOther                          // neucoatt: only if a partner attacks a third state
	OnRequest                              // concoreq: only at a partner's request
)

type conditionColumn struct {
	column string
	bit    Condition
	says   string
}

var conditionWords = []struct {
	suffix string
	bit    Condition
	says   string
}{
	{"adv", OnAdversary, "against a specific adversary"},
	{"loc", OnLocation, "in a specific location"},
	{"con", OnConflict, "in a specific conflict"},
	{"num", OnNumber, "against a number of adversaries"},
	{"dem", OnDemands, "if an adversary refuses demands"},
	{"npr", OnNonProvocation, "if the partner did not provoke the attack"},
	{"att", OnAttackOther, "if a partner attacks a third state"},
	{"req", OnRequest, "at a partner's request"},
}

func init() {
	// The member file's condition columns: defcoadv ... defconpr, offcoadv
	// ... offcodem, neucoadv ... neucoatt, concoadv ... concoreq. Each
	// prefix takes the suffixes its obligation has; absent columns read as 0.
	for t := range nTypes {
		p := typeInfo[t].prefix
		if p == "" {
			continue
		}
		for _, w := range conditionWords {
			col := p + w.suffix // defcoadv, defconum, defconpr, neucoatt, concoreq
			typeInfo[t].conditions = append(typeInfo[t].conditions, conditionColumn{col, w.bit, w.says})
		}
	}
}

func (t Type) column() string                { return typeInfo[t].column }
func (t Type) conditions() []conditionColumn { return typeInfo[t].conditions }

// String returns the obligation's name: "defence", "offence", "neutrality",
// "non-aggression" or "consultation".
func (t Type) String() string { return typeInfo[t].name }

// Kind returns the guarantee kind the obligation becomes, such as
// "military/defense".
func (t Type) Kind() guarantee.Kind { return typeInfo[t].kind }

// MarshalText writes the obligation as its name.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// says lists the conditions of c in words, for a note.
func (t Type) says(c Condition) []string {
	var out []string
	for _, cc := range t.conditions() {
		if c&cc.bit != 0 {
			out = append(out, cc.says+" ("+cc.column+")")
		}
	}
	return out
}
