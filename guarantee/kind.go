package guarantee

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind is what a guarantee provides, as a path from the general to the
// specific: "military", "military/air-support". A kind is a kind of each of
// its ancestors ([Kind.Is]). Segments are lower-case letters, digits and
// '-'. Users may add kinds of their own; the SDK names the common ones.
type Kind string

// The kinds the SDK names. The top levels are the broad families of
// support; the others refine them.
const (
	Military     Kind = "military"
	GroundTroops Kind = "military/ground-troops"
	AirSupport   Kind = "military/air-support"
	Naval        Kind = "military/naval"
	Arms         Kind = "military/arms"
	Training     Kind = "military/training"

	Intelligence Kind = "intelligence"
	Surveillance Kind = "intelligence/surveillance"

	Financial      Kind = "financial"
	Aid            Kind = "financial/aid"
	Reconstruction Kind = "financial/reconstruction"

	Sanctions         Kind = "sanctions"
	EconomicSanctions Kind = "sanctions/economic"
	Snapback          Kind = "sanctions/snapback"

	Diplomatic   Kind = "diplomatic"
	Consultation Kind = "diplomatic/consultation"
)

// Named returns the kinds the SDK names, top levels first within each
// family.
func Named() []Kind {
	return []Kind{
		Military, GroundTroops, AirSupport, Naval, Arms, Training,
		Intelligence, Surveillance,
		Financial, Aid, Reconstruction,
		Sanctions, EconomicSanctions, Snapback,
		Diplomatic, Consultation,
	}
}

// ErrInvalidKind is returned, wrapped, for a malformed kind.
var ErrInvalidKind = errors.New("invalid kind")

const maxKindLen = 128

// ParseKind returns s as a Kind, or an error quoting s if it is malformed.
func ParseKind(s string) (Kind, error) {
	if !Kind(s).Valid() {
		return "", fmt.Errorf("%w %q: want segments of lower-case letters, digits and '-' joined by '/', such as %q", ErrInvalidKind, s, AirSupport)
	}
	return Kind(s), nil
}

// Valid reports whether k is a well-formed kind: one or more non-empty
// segments of lower-case ASCII letters, digits and '-', joined by '/'.
func (k Kind) Valid() bool {
	if len(k) == 0 || len(k) > maxKindLen {
		return false
	}
	prev := byte('/')
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-':
		case c == '/' && prev != '/':
		default:
			return false
		}
		prev = c
	}
	return prev != '/'
}

// Is reports whether k is p or a kind of p: k equals p or starts with p
// followed by '/'. Every kind is a kind of the empty Kind.
func (k Kind) Is(p Kind) bool {
	if p == "" {
		return true
	}
	return k == p || len(k) > len(p) && k[len(p)] == '/' && k[:len(p)] == p
}

// Parent returns the kind one level up ("military" for
// "military/air-support"), or "" for a top level.
func (k Kind) Parent() Kind {
	if i := strings.LastIndexByte(string(k), '/'); i >= 0 {
		return k[:i]
	}
	return ""
}

// Top returns the top level of k ("military" for "military/air-support").
func (k Kind) Top() Kind {
	if i := strings.IndexByte(string(k), '/'); i >= 0 {
		return k[:i]
	}
	return k
}

// Strength is how binding a guarantee is: [Assurance] < [Political] <
// [Treaty]. The zero Strength is Political, the default. (The Budapest
// Memorandum gave assurances; Article 5 of the North Atlantic Treaty is a
// treaty obligation.)
type Strength int8

const (
	// Assurance is a statement of intent with no obligation behind it.
	Assurance Strength = -1
	// Political is a political commitment, not legally binding.
	Political Strength = 0
	// Treaty is a legal obligation under a ratified treaty.
	Treaty Strength = 1
)

// String returns "assurance", "political" or "treaty".
func (s Strength) String() string {
	switch s {
	case Assurance:
		return "assurance"
	case Political:
		return "political"
	case Treaty:
		return "treaty"
	}
	return "Strength(" + strconv.Itoa(int(s)) + ")"
}

// Valid reports whether s is one of the three strengths.
func (s Strength) Valid() bool { return Assurance <= s && s <= Treaty }

// ParseStrength parses "assurance", "political" or "treaty".
func ParseStrength(s string) (Strength, error) {
	switch s {
	case "assurance":
		return Assurance, nil
	case "political":
		return Political, nil
	case "treaty":
		return Treaty, nil
	}
	return 0, fmt.Errorf("unknown strength %q: want assurance, political or treaty", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (s Strength) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("invalid strength %d", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Strength) UnmarshalText(text []byte) error {
	v, err := ParseStrength(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
