package actor

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// ID names an actor: a short code such as "US", "UA", "RU", "EU" or "NATO".
// IDs are case-sensitive and consist of ASCII letters, digits, '-' and '_'.
// The zero ID is empty and invalid.
type ID string

// ErrInvalidID is returned, wrapped, for an ID that is empty or holds a
// character other than an ASCII letter, digit, '-' or '_'.
var ErrInvalidID = errors.New("invalid actor ID")

// maxIDLen bounds an ID so that no input can make one absurdly long.
const maxIDLen = 64

// ParseID returns s as an ID, or an error quoting s if it is not a valid one.
func ParseID(s string) (ID, error) {
	if !ID(s).Valid() {
		return "", fmt.Errorf("%w %q: want 1 to %d letters, digits, '-' or '_'", ErrInvalidID, s, maxIDLen)
	}
	return ID(s), nil
}

// MustParseID is like [ParseID] but panics on an invalid ID. It is meant for
// IDs written in Go source, such as in tests and examples.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// Valid reports whether id is a well-formed actor ID.
func (id ID) Valid() bool {
	if len(id) == 0 || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !idBytes[id[i]] {
			return false
		}
	}
	return true
}

// IsIDByte reports whether c may appear in an actor ID.
func IsIDByte(c byte) bool { return idBytes[c] }

// idBytes marks the bytes IDs may hold; a table is faster than the
// comparisons on a path every evaluation takes for every ID.
var idBytes = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_'
	}
	return t
}()

// String returns the ID as written.
func (id ID) String() string { return string(id) }

// Kind says what sort of actor an actor is. The zero Kind is [State].
type Kind uint8

const (
	// State is a sovereign state. It acts for itself and has no members.
	State Kind = iota
	// Alliance is a standing military alliance such as NATO. It decides by
	// unanimity unless its rule says otherwise.
	Alliance
	// Organization is an international organization such as the EU or the UN
	// Security Council. It decides by unanimity unless its rule says otherwise.
	Organization
	// Coalition is an ad hoc grouping, such as a "coalition of the willing",
	// whose members each act for themselves unless its rule says otherwise.
	Coalition
)

var kindNames = [...]string{State: "state", Alliance: "alliance", Organization: "organization", Coalition: "coalition"}

// String returns the kind's name as written in scenario files: "state",
// "alliance", "organization" or "coalition".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsBody reports whether actors of kind k have members and a decision rule.
func (k Kind) IsBody() bool { return k != State && int(k) < len(kindNames) }

// ParseKind parses a kind's name, as returned by [Kind.String].
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, fmt.Errorf("unknown actor kind %q: want state, alliance, organization or coalition", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("invalid actor kind %d", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := ParseKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Decision says how a body decides to act. The zero Decision, [Default],
// means the default of the body's kind: [Unanimity] for alliances and
// organizations, [Separately] for coalitions.
type Decision uint8

const (
	// Default is the kind's own default: unanimity for alliances and
	// organizations, separately for coalitions.
	Default Decision = iota
	// Unanimity (also written "consensus") needs every direct member to
	// agree, so every member holds a veto: NATO's North Atlantic Council,
	// EU sanctions.
	Unanimity
	// Majority needs more than half of the direct members.
	Majority
	// Separately means the body does not decide as one: each member acts
	// for itself, no member can block another, and only explicit vetoes
	// count.
	Separately
)

var decisionNames = [...]string{Default: "", Unanimity: "unanimity", Majority: "majority", Separately: "separately"}

// String returns the decision's name as written in scenario files, or ""
// for [Default].
func (d Decision) String() string {
	if int(d) < len(decisionNames) {
		return decisionNames[d]
	}
	return "Decision(" + strconv.Itoa(int(d)) + ")"
}

// ParseDecision parses "unanimity", "consensus" (a synonym of unanimity),
// "majority" or "separately". The empty string parses as [Default].
func ParseDecision(s string) (Decision, error) {
	if s == "consensus" {
		return Unanimity, nil
	}
	if i := slices.Index(decisionNames[:], s); i >= 0 {
		return Decision(i), nil
	}
	return 0, fmt.Errorf("unknown decision rule %q: want unanimity, consensus, majority or separately", s)
}

// MarshalText implements [encoding.TextMarshaler].
func (d Decision) MarshalText() ([]byte, error) {
	if int(d) >= len(decisionNames) {
		return nil, fmt.Errorf("invalid decision rule %d", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (d *Decision) UnmarshalText(text []byte) error {
	v, err := ParseDecision(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Actor is a state or a body (alliance, organization, coalition) that can
// give, receive, block or demand guarantees. Actor is a plain value; the
// zero Actor is invalid because its ID is empty.
type Actor struct {
	ID   ID
	Name string // the name a reader knows, such as "United States"
	Kind Kind   // State when zero

	// Members are the direct members of a body, by ID. A member may itself
	// be a body; membership is transitive. States have no members.
	Members []ID

	// Decides is the body's decision rule; zero means the kind's default.
	Decides Decision
	// Threshold, when positive, is the number of direct members that must
	// agree, set outright. It overrides the count implied by Decides and may
	// not be combined with Separately.
	Threshold int
	// Vetoes are members whose "no" blocks the body whatever the count.
	Vetoes []ID
	// PartiesAside says that the body does not count the parties to a
	// dispute when it decides on it: the League Council under Article 15
	// of the Covenant, the OSCE's "consensus minus one". Who the parties
	// are depends on what is decided, so the flag takes effect where a
	// caller names them ([Index.VetoHoldersAside]); with no parties named,
	// the rule is the same as without it. A state has no rule to set
	// parties aside in.
	PartiesAside bool

	Note    string   // free text for readers
	Sources []string // citations: source IDs or free text
}

// Rule returns the effective decision of a body: Decides, or the default of
// its kind when Decides is zero. For a state it returns [Default].
func (a Actor) Rule() Decision {
	if !a.Kind.IsBody() {
		return Default
	}
	if a.Decides != Default {
		return a.Decides
	}
	if a.Kind == Coalition {
		return Separately
	}
	return Unanimity
}

// Quorum returns how many direct members must agree for the body to act,
// or 0 when the body has no threshold (a state, or a body that decides
// separately).
func (a Actor) Quorum() int {
	if !a.Kind.IsBody() {
		return 0
	}
	if a.Threshold > 0 {
		return a.Threshold
	}
	switch a.Rule() {
	case Unanimity:
		return len(a.Members)
	case Majority:
		return len(a.Members)/2 + 1
	}
	return 0
}

// RuleVetoes returns the direct veto holders of the body's rule, sorted and
// without duplicates: the explicit veto holders plus every member whose "no"
// alone leaves too few to reach the quorum (every member under unanimity;
// under majority only in a body of one or two). States and well-formed
// coalitions that decide separately have only their explicit vetoes.
//
// RuleVetoes does not look into members that are bodies themselves; see
// [Index.VetoHolders] for that.
func (a Actor) RuleVetoes() []ID {
	out := slices.Clone(a.Vetoes)
	if q := a.Quorum(); q > 0 && len(a.Members)-1 < q {
		out = append(out, a.Members...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Problem is one thing wrong with an actor, found by [Actor.Check] or
// [NewIndex]. Actor is the actor's position in the slice given to NewIndex
// (0 from Check), and Field the offending field as scenario files name it
// ("id", "members[2]", "threshold"), so that callers can build a path.
type Problem struct {
	Actor int
	Field string
	Err   error
}

func (p Problem) Error() string { return p.Field + ": " + p.Err.Error() }

func (p Problem) Unwrap() error { return p.Err }

// Errors an actor can have on its own, returned wrapped in a [Problem].
var (
	ErrMembersOfState   = errors.New("a state has no members")
	ErrRuleOfState      = errors.New("a state has no decision rule")
	ErrDuplicateMember  = errors.New("duplicate member")
	ErrSelfMember       = errors.New("a body cannot be its own member")
	ErrThreshold        = errors.New("threshold out of range")
	ErrVetoNotMember    = errors.New("veto holder is not a member")
	ErrSeparatelyQuorum = errors.New("a body that decides separately has no threshold")
)

// Check returns the problems of a taken on its own: its ID, its members'
// IDs, and whether its rule fits its members. Problems that need the other
// actors (unknown members, membership loops) are found by [NewIndex].
func (a Actor) Check() []Problem { return a.check(true) }

// check is Check; with lists false it leaves out the checks of members and
// vetoes against each other (duplicates, vetoes that are not members),
// which [Index.Reset] makes on resolved positions in linear time.
func (a *Actor) check(lists bool) []Problem {
	var ps []Problem
	add := func(field string, err error) { ps = append(ps, Problem{Field: field, Err: err}) }
	if !a.ID.Valid() {
		_, err := ParseID(string(a.ID))
		add("id", err)
	}
	if int(a.Kind) >= len(kindNames) {
		add("kind", fmt.Errorf("invalid actor kind %d", a.Kind))
		return ps
	}
	if int(a.Decides) >= len(decisionNames) {
		add("decides", fmt.Errorf("invalid decision rule %d", a.Decides))
	}
	if !a.Kind.IsBody() {
		if len(a.Members) > 0 {
			add("members", ErrMembersOfState)
		}
		if a.Decides != Default || a.Threshold != 0 || len(a.Vetoes) > 0 || a.PartiesAside {
			add(firstRuleField(a), ErrRuleOfState)
		}
		return ps
	}
	var seen map[ID]bool // for large bodies, so that the check stays linear
	if lists && len(a.Members) > 32 {
		seen = make(map[ID]bool, len(a.Members))
	}
	for i, m := range a.Members {
		dup := false
		switch {
		case !lists:
		case seen != nil:
			dup = seen[m]
			seen[m] = true
		default:
			dup = slices.Contains(a.Members[:i], m)
		}
		switch {
		case !m.Valid():
			_, err := ParseID(string(m))
			add(fmt.Sprintf("members[%d]", i), err)
		case m == a.ID:
			add(fmt.Sprintf("members[%d]", i), ErrSelfMember)
		case dup:
			add(fmt.Sprintf("members[%d]", i), fmt.Errorf("%w %q", ErrDuplicateMember, m))
		}
	}
	switch {
	case a.Threshold < 0 || a.Threshold > len(a.Members):
		add("threshold", fmt.Errorf("%w: %d with %d members", ErrThreshold, a.Threshold, len(a.Members)))
	case a.Threshold > 0 && a.Rule() == Separately:
		add("threshold", ErrSeparatelyQuorum)
	}
	for i, v := range a.Vetoes {
		if lists && !slices.Contains(a.Members, v) {
			add(fmt.Sprintf("vetoes[%d]", i), fmt.Errorf("%w: %q", ErrVetoNotMember, v))
		}
	}
	return ps
}

func firstRuleField(a *Actor) string {
	switch {
	case a.Decides != Default:
		return "decides"
	case a.Threshold != 0:
		return "threshold"
	case len(a.Vetoes) > 0:
		return "vetoes"
	}
	return "parties-aside"
}
