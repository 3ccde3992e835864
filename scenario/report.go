package scenario

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
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
// Entente's contract; see the package documentation.
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
		Actors: nonNil(f.Actors), Guarantees: nonNil(f.Guarantees),
		Positions: nonNil(f.Positions), Sources: nonNil(f.Sources),
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
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
	p.Findings = nonNil(p.Findings)
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
func compareFindings(a, b Finding) int {
	if c := cmp.Compare(a.Severity, b.Severity); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	if c := cmp.Compare(first(a.Guarantees), first(b.Guarantees)); c != 0 {
		return c
	}
	if c := cmp.Compare(first(a.Actors), first(b.Actors)); c != 0 {
		return c
	}
	return cmp.Or(
		slices.Compare(a.Positions, b.Positions),
		slices.Compare(a.Guarantees, b.Guarantees),
		slices.Compare(a.Actors, b.Actors),
		cmp.Compare(a.Message, b.Message),
	)
}

func first[T ~string](s []T) T {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
