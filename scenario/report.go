package scenario

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/words"
)

// Severity says how much a finding matters. The zero Severity is invalid.
// Severities order from the most to the least serious: [Error] < [Warning] <
// [Info].
type Severity uint8

const (
	_ Severity = iota
	// Error: the deal as written cannot be satisfied. Any error makes the
	// verdict incompatible.
	Error
	// Warning: the deal holds together, but something in it is weaker than
	// it looks.
	Warning
	// Info: worth knowing.
	Info
)

var severityNames = [...]string{"", "error", "warning", "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if s > 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (s Severity) MarshalText() ([]byte, error) {
	if s == 0 || int(s) >= len(severityNames) {
		return nil, fmt.Errorf("invalid severity %d", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Severity) UnmarshalText(text []byte) error {
	if i := slices.Index(severityNames[:], string(text)); i > 0 {
		*s = Severity(i)
		return nil
	}
	return fmt.Errorf("unknown severity %q: want error, warning or info", text)
}

// Code names a kind of finding. The codes and their meaning are part of
// Entente's contract (docs/MODEL.md, "Evaluation"). Each code is checked by
// one function named after it, whose doc comment says when it fires and
// cites the case behind it.
//
//	code                   severity  fires when
//	veto-conflict          error     an actor demands a veto over guarantees another actor's rejects-veto (or its own) forbids it,
//	                                 and a guarantee on the table falls under both (once per pair of positions)
//	captured-guarantee     error     an attacker named in g's trigger is among g's veto holders
//	red-line               error     a rejects position is violated, or a refuses position by the provider itself
//	blocked-by-member      error     a veto holder of the rule of g's provider (a body) refuses or rejects g
//	unmet-requirement      error     a requires position finds nothing
//	unmet-veto-demand      error     a demands-veto position is violated
//	rejected-veto          error     a rejects-veto position is violated
//	missing-dependency     error     g requires a guarantee that is not in the deal
//	captured-renewal       error     a veto holder of the body that renews g's mandate is an attacker of g's trigger
//	blocked-renewal        error     a veto holder of the body that renews g's mandate rejects g, or refuses it as a contributor
//	blocked-dependency     warning   g requires a guarantee that has an error finding of its own
//	dissenting-member      warning   a contributor that is not the provider and holds no veto in its rule refuses g
//	no-military-response   warning   X is a named attacker of B and no military guarantee to B whose trigger names X,
//	                                 or admits any attacker, is free of error findings
//	insider-veto           warning   g's trigger admits any attacker (attack(*, B)) and a veto holder of g other than
//	                                 its provider and B could be that attacker
//	unsatisfiable-trigger  warning   g's trigger can never hold
//	idle-position          warning   a refuses, rejects, demands-veto or rejects-veto position picks no guarantee
//	assurance-only         info      every guarantee to a beneficiary is an assurance
//	sunset                 info      g's mandate ends on a date with no renewal (the finding gives the date)
//	parties-set-aside      info      an attacker of g's trigger would hold a veto over g but for a rule that sets
//	                                 the parties aside: g is not captured, and this says why
//
// A veto-conflict says no deal can satisfy both positions; it is reported
// beside whichever of unmet-veto-demand and rejected-veto the deal as
// written violates, which say this deal does not satisfy one of them.
//
// Two readings go beyond docs/MODEL.md's words. Its veto-conflict speaks
// of two actors; one is also reported when one actor holds both
// positions (it demands a veto over a guarantee and rejects any veto over
// it but the provider's): no deal that keeps the guarantee satisfies both
// either, and the finding names that actor once. And no actor is a named
// attacker of itself for no-military-response: violation(B) in the trigger
// of a guarantee to B, or attack(B, B) in the timeline, asks for no
// military guarantee to B against B (the alliance record reads an attack
// on B by B as none, too). That reading is no-military-response's alone:
// captured-guarantee still reports a beneficiary that can stop a guarantee
// due on its own violation (a monitoring mission it must consent to), for
// that guarantee can indeed never fire against it.
//
// Where docs/MODEL.md leaves the granularity open, findings are grouped as a
// reader would want them: one per position for red-line, unmet-veto-demand,
// rejected-veto, unmet-requirement and idle-position (listing every
// guarantee involved); one per guarantee and position for blocked-by-member
// and dissenting-member; one per guarantee for captured-guarantee,
// missing-dependency, blocked-dependency and unsatisfiable-trigger; one per
// guarantee for captured-renewal and sunset, and one per guarantee and
// position for blocked-renewal; one per
// attacker and beneficiary for no-military-response; one per guarantee
// for insider-veto, with the veto holders grouped by how they hold their
// veto; one per beneficiary
// for assurance-only; one per guarantee for parties-set-aside, and one
// more where the renewal of its mandate sets an attacker aside, since the
// two are different decisions, which may set different parties aside. A
// guarantee "has an error finding" when an error finding lists it among
// its guarantees. A missing-dependency finding lists
// the absent guarantees' IDs beside the one that requires them.
//
// Requires and a selector's ids are not references that validation
// resolves: a deal may lack a guarantee that another requires (that is the
// missing-dependency finding, and what a what-if that removes a guarantee
// must report), and a position may name a guarantee the deal does not
// contain (idle-position says so).
type Code string

// The finding codes, with their severities.
const (
	VetoConflict         Code = "veto-conflict"         // error
	CapturedGuarantee    Code = "captured-guarantee"    // error
	RedLine              Code = "red-line"              // error
	BlockedByMember      Code = "blocked-by-member"     // error
	UnmetRequirement     Code = "unmet-requirement"     // error
	UnmetVetoDemand      Code = "unmet-veto-demand"     // error
	RejectedVeto         Code = "rejected-veto"         // error
	MissingDependency    Code = "missing-dependency"    // error
	CapturedRenewal      Code = "captured-renewal"      // error
	BlockedRenewal       Code = "blocked-renewal"       // error
	BlockedDependency    Code = "blocked-dependency"    // warning
	DissentingMember     Code = "dissenting-member"     // warning
	NoMilitaryResponse   Code = "no-military-response"  // warning
	InsiderVeto          Code = "insider-veto"          // warning
	UnsatisfiableTrigger Code = "unsatisfiable-trigger" // warning
	IdlePosition         Code = "idle-position"         // warning
	AssuranceOnly        Code = "assurance-only"        // info
	Sunset               Code = "sunset"                // info
	PartiesSetAside      Code = "parties-set-aside"     // info
)

var codes = [...]Code{
	VetoConflict, CapturedGuarantee, RedLine, BlockedByMember, UnmetRequirement,
	UnmetVetoDemand, RejectedVeto, MissingDependency, CapturedRenewal, BlockedRenewal,
	BlockedDependency, DissentingMember, NoMilitaryResponse, InsiderVeto, UnsatisfiableTrigger, IdlePosition,
	AssuranceOnly, Sunset, PartiesSetAside,
}

// Codes returns every finding code, errors first, in the order of the
// documentation's table.
func Codes() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for _, c := range codes {
			if !yield(c) {
				return
			}
		}
	}
}

// Severity returns the severity of findings with code c, or 0 for a code
// Entente does not define.
func (c Code) Severity() Severity {
	switch c {
	case VetoConflict, CapturedGuarantee, RedLine, BlockedByMember, UnmetRequirement,
		UnmetVetoDemand, RejectedVeto, MissingDependency, CapturedRenewal, BlockedRenewal:
		return Error
	case BlockedDependency, DissentingMember, NoMilitaryResponse, InsiderVeto, UnsatisfiableTrigger, IdlePosition:
		return Warning
	case AssuranceOnly, Sunset, PartiesSetAside:
		return Info
	}
	return 0
}

// Finding is one thing the evaluation found, with its reasons: the actors,
// guarantees and positions it involves, a one-line message a person can
// read, and the sources behind it. Actors, Guarantees and Sources are
// sorted; Positions are in the order of the scenario, each named by its ID
// where it has one, else by its path ("positions[2]").
//
// Its JSON form is that of FORMAT.md's report, with empty lists as [].
type Finding struct {
	Code       Code           `json:"code"`
	Severity   Severity       `json:"severity"`
	Actors     []actor.ID     `json:"actors"`
	Guarantees []guarantee.ID `json:"guarantees"`
	Positions  []string       `json:"positions"`
	Message    string         `json:"message"`
	Sources    []string       `json:"sources"`
}

// MarshalJSON writes f as FORMAT.md's report does, lists that are empty
// as [] rather than null.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding // without this method
	return json.Marshal(plain{
		Code: f.Code, Severity: f.Severity, Message: f.Message,
		Actors: words.NonNil(f.Actors), Guarantees: words.NonNil(f.Guarantees),
		Positions: words.NonNil(f.Positions), Sources: words.NonNil(f.Sources),
	})
}

// String returns the finding in one line: "error veto-conflict: RU demands …".
func (f Finding) String() string {
	return f.Severity.String() + " " + string(f.Code) + ": " + f.Message
}

// Verdict is the outcome of an evaluation. The zero Verdict is
// [Incompatible], so that a report nobody filled in never says a deal holds.
type Verdict uint8

const (
	// Incompatible: at least one finding is an error.
	Incompatible Verdict = iota
	// Compatible: no finding is an error.
	Compatible
)

// String returns "incompatible" or "compatible".
func (v Verdict) String() string {
	if v == Compatible {
		return "compatible"
	}
	return "incompatible"
}

// MarshalText implements [encoding.TextMarshaler].
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (v *Verdict) UnmarshalText(text []byte) error {
	switch string(text) {
	case "compatible":
		*v = Compatible
	case "incompatible":
		*v = Incompatible
	default:
		return fmt.Errorf("unknown verdict %q: want compatible or incompatible", text)
	}
	return nil
}

// Report is the result of [Evaluate]: the verdict and the findings that
// explain it, ordered by severity, then code, then the first guarantee,
// then the first actor (and, for findings equal in all of those, their
// positions and message), so that the same scenario always gives the same
// report.
//
// Its JSON form is FORMAT.md's report: {"scenario", "verdict", "findings"}.
type Report struct {
	Scenario string    `json:"scenario"` // the scenario's name
	Verdict  Verdict   `json:"verdict"`
	Findings []Finding `json:"findings"`
}

// MarshalJSON writes r as FORMAT.md's report, with no findings as [].
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report // without this method
	p := plain(r)
	p.Findings = words.NonNil(p.Findings)
	return json.Marshal(p)
}

// Has reports whether the report has a finding with code c.
func (r Report) Has(c Code) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Code == c })
}

// Only returns the findings with code c, in report order.
func (r Report) Only(c Code) iter.Seq[Finding] {
	return func(yield func(Finding) bool) {
		for _, f := range r.Findings {
			if f.Code == c && !yield(f) {
				return
			}
		}
	}
}

// Count returns how many findings have severity s.
func (r Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// compareFindings orders findings as [Report] documents.
func compareFindings(a, b *Finding) int {
	if c := cmp.Compare(a.Severity, b.Severity); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Code), string(b.Code)); c != 0 {
		return c
	}
	if c := strings.Compare(string(first(a.Guarantees)), string(first(b.Guarantees))); c != 0 {
		return c
	}
	if c := strings.Compare(string(first(a.Actors)), string(first(b.Actors))); c != 0 {
		return c
	}
	if c := slices.Compare(a.Positions, b.Positions); c != 0 {
		return c
	}
	if c := slices.Compare(a.Guarantees, b.Guarantees); c != 0 {
		return c
	}
	if c := slices.Compare(a.Actors, b.Actors); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

func first[T ~string](s []T) T {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
