package scenario

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
)

// Scenario is a security framework under study: the actors, the guarantees
// on the table, each actor's positions, the vetoes a draft deal grants, and
// a timeline of events. It is a plain value. Functions in this package
// never change a Scenario they are given; a what-if is a new Scenario.
//
// To write a Scenario to a file or read one, in YAML or JSON, use package
// scenariofile (format 1). Scenario has no encoding of its own: given to
// encoding/json, it comes out field by field under its Go names, and its
// variants' edits, being interface values, cannot be read back.
type Scenario struct {
	Name        string
	AsOf        string // the date the scenario describes, as YYYY-MM-DD
	Description string
	Sources     []Source

	Actors     []actor.Actor
	Guarantees []guarantee.Guarantee
	Positions  []Position
	Vetoes     []Veto            // vetoes the draft deal grants
	Timeline   []guarantee.Event // events in the order they happen

	// Values are what actors value in a deal, for bargaining: at most one
	// per actor; see [Value].
	Values []Value

	// Variants are named what-ifs of this scenario, each a list of edits;
	// see [Scenario.Variant].
	Variants []Variant
}

// Source is a citation that guarantees, positions and vetoes can name by
// ID in their Sources.
type Source struct {
	ID    string
	Title string
	URL   string
	Date  string // publication date, as YYYY-MM-DD
	Note  string
}

// Stance is what a [Position] says about the guarantees its selector picks.
// The zero Stance is invalid: a position must say something.
//
// Each stance is held by one actor about the guarantees its selector
// picks S (docs/MODEL.md, "Scenario"):
//
//	refuses S        "I will not provide S"     violated when a guarantee in S has the actor among its contributors
//	rejects S        "no deal may contain S"    violated when a guarantee in S is in the deal
//	requires S       "no deal without S"        violated when no guarantee is in S
//	demands-veto S   "I must be able to stop S" violated when a guarantee in S lacks the actor among its veto holders
//	rejects-veto S   "none of By may stop S"    violated when a guarantee in S has one of By, other than its own
//	                                            provider, among its veto holders (empty By: anyone but the provider)
//
// A granted [Veto] makes its holder a veto holder of every guarantee its
// selector picks: how a draft writes "the guarantors act only by unanimous
// decision, Russia among them".
type Stance uint8

const (
	noStance Stance = iota
	// Refuses: "I will not provide these". Violated when a matching
	// guarantee has the actor among its contributors.
	Refuses
	// Rejects: "no deal may contain these". Violated when a matching
	// guarantee is in the deal.
	Rejects
	// Requires: "no deal without one of these". Violated when no guarantee
	// matches.
	Requires
	// DemandsVeto: "I must be able to stop these". Violated when a matching
	// guarantee does not have the actor among its veto holders.
	DemandsVeto
	// RejectsVeto: "none of By may be able to stop these". Violated when a
	// matching guarantee has one of By, other than its own provider, among
	// its veto holders; an empty By means any actor but the provider.
	RejectsVeto
)

var stanceNames = [...]string{noStance: "", Refuses: "refuses", Rejects: "rejects", Requires: "requires", DemandsVeto: "demands-veto", RejectsVeto: "rejects-veto"}

// String returns the stance as a key of scenario files: "refuses",
// "rejects", "requires", "demands-veto" or "rejects-veto".
func (s Stance) String() string {
	if s != noStance && int(s) < len(stanceNames) {
		return stanceNames[s]
	}
	return "Stance(" + strconv.Itoa(int(s)) + ")"
}

// Valid reports whether s is one of the five stances.
func (s Stance) Valid() bool { return s != noStance && int(s) < len(stanceNames) }

// ParseStance parses a stance's name, as returned by [Stance.String].
func ParseStance(s string) (Stance, error) {
	if i := slices.Index(stanceNames[:], s); i > 0 {
		return Stance(i), nil
	}
	return noStance, fmt.Errorf("unknown stance %q: want refuses, rejects, requires, demands-veto or rejects-veto", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (s Stance) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("invalid stance %d", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Stance) UnmarshalText(text []byte) error {
	v, err := ParseStance(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Position is what one actor holds about the guarantees a selector picks.
// Positions belong to a scenario, not to the actor: they change from one
// what-if to the next.
type Position struct {
	ID     string   // optional; findings name the position by it
	Actor  actor.ID // who holds the position
	Stance Stance
	Select guarantee.Selector
	By     []actor.ID // RejectsVeto only: whose vetoes are rejected; empty means anyone but the provider
	// Likelihood is the chance, from 0 to 1, that the actor holds the
	// position; nil means certain. Sweeps draw on it.
	Likelihood *float64
	Note       string
	// Sources are citations: source IDs or free text.
	Sources []string
}

// Forbids reports whether p, a rejects-veto position, forbids a veto held
// by a: By names a, or By is empty. The provider's exception is the
// guarantee's, not the position's: a provider holding a veto over its own
// guarantee is no veto p rejects, whatever Forbids says.
func (p *Position) Forbids(a actor.ID) bool {
	return len(p.By) == 0 || slices.Contains(p.By, a)
}

// String returns the position in one line: "RU demands-veto {beneficiary: UA}",
// "UA rejects-veto by [RU] {beneficiary: UA}".
func (p Position) String() string {
	var b strings.Builder
	b.WriteString(string(p.Actor))
	b.WriteByte(' ')
	b.WriteString(p.Stance.String())
	if p.Stance == RejectsVeto && len(p.By) > 0 {
		b.WriteString(" by [")
		for i, a := range p.By {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(string(a))
		}
		b.WriteByte(']')
	}
	b.WriteByte(' ')
	b.WriteString(p.Select.String())
	return b.String()
}

// Veto is a veto a draft deal grants: Holder becomes a veto holder of every
// guarantee Over picks. This is how a draft writes "the guarantors act only
// by unanimous decision, Russia among them".
type Veto struct {
	Holder actor.ID
	Over   guarantee.Selector
	// Likelihood is the chance, from 0 to 1, that the deal grants the veto;
	// nil means certain. Sweeps draw on it.
	Likelihood *float64
	Note       string
	Sources    []string
}

// String returns the veto in one line: "RU over {beneficiary: UA}".
func (v Veto) String() string { return string(v.Holder) + " over " + v.Over.String() }
