package guarantee

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
)

// Mode says whose consent a guarantee needs once it is due. The zero Mode is
// [ByProvider], the default.
type Mode uint8

const (
	// ByProvider needs the provider's decision: a state's own, or a body's
	// through its decision rule.
	ByProvider Mode = iota
	// Automatic needs nobody's consent: the guarantee fires when due.
	Automatic
	// Consent needs each listed actor to agree, in addition to the provider.
	Consent
	// ByBody needs a decision of the listed body, by that body's rule.
	ByBody
)

var modeNames = [...]string{ByProvider: "provider", Automatic: "automatic", Consent: "consent", ByBody: "body"}

// String returns "provider", "automatic", "consent" or "body".
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// Activation says whose consent a guarantee needs when it is due. The zero
// Activation is the provider's own decision.
type Activation struct {
	Mode   Mode
	Actors []actor.ID // the consenting actors (Consent) or the one body (ByBody)

	// PartiesAside says that the bodies deciding this activation do not
	// count the parties to the dispute (the attackers of the guarantee's
	// trigger and its beneficiary), whatever their own rules say: a
	// provider that is a body, the body of ByBody, and each body listed
	// under Consent. States keep their say: a state provider decides for
	// itself, and a state listed under Consent must still consent. It
	// needs a body among those deciders, which only a scenario can tell;
	// [Activation.Check] rejects it with Automatic, where nobody decides.
	// [Activation.String] does not show it: files write it as a key of
	// its own.
	PartiesAside bool
}

// ErrAsideAutomatic is returned, wrapped, for an automatic activation that
// sets the parties aside: nobody decides it, so nobody can be set aside.
var ErrAsideAutomatic = errors.New("an automatic activation has no decision to set the parties aside in")

// ConsentOf returns the activation that needs each of ids to agree, in
// addition to the provider.
func ConsentOf(ids ...actor.ID) Activation { return Activation{Mode: Consent, Actors: ids} }

// DecidedBy returns the activation that needs a decision of body.
func DecidedBy(body actor.ID) Activation {
	return Activation{Mode: ByBody, Actors: []actor.ID{body}}
}

// String returns the activation as written in scenario files: "provider",
// "automatic", "consent(A, B)" or "body(X)".
func (a Activation) String() string {
	if a.Mode != Consent && a.Mode != ByBody {
		return a.Mode.String()
	}
	var b strings.Builder
	b.WriteString(a.Mode.String())
	b.WriteByte('(')
	for i, id := range a.Actors {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(id))
	}
	b.WriteByte(')')
	return b.String()
}

// ParseActivation parses an activation as written by [Activation.String].
// The empty string parses as the zero Activation (the provider decides).
func ParseActivation(s string) (Activation, error) {
	c, err := ParseCondition(s)
	if err != nil {
		return Activation{}, err
	}
	bad := func(msg string) (Activation, error) {
		return Activation{}, &SyntaxError{Input: s, Column: 1, Msg: msg}
	}
	if c.Op == Always {
		return Activation{}, nil
	}
	if c.Op != OnEvent {
		return bad("want automatic, provider, consent(A, ...) or body(X)")
	}
	a := Activation{Actors: c.Event.Args}
	switch c.Event.Name {
	case "provider", "automatic":
		if len(a.Actors) > 0 {
			return bad(c.Event.Name + " takes no arguments")
		}
		a.Mode = ByProvider
		if c.Event.Name == "automatic" {
			a.Mode = Automatic
		}
		return Activation{Mode: a.Mode}, nil
	case "consent":
		a.Mode = Consent
	case "body":
		a.Mode = ByBody
	default:
		return bad(fmt.Sprintf("unknown activation %q: want automatic, provider, consent(A, ...) or body(X)", c.Event.Name))
	}
	if err := a.Check(); err != nil {
		return bad(err.Error())
	}
	return a, nil
}

// Check returns an error if a is malformed: an unknown mode, consent with
// no actors or a repeated one, body with other than one actor, actors
// given to a mode that takes none, or parties set aside where nobody
// decides ([ErrAsideAutomatic]).
func (a Activation) Check() error {
	if a.PartiesAside && a.Mode == Automatic {
		return ErrAsideAutomatic
	}
	switch a.Mode {
	case ByProvider, Automatic:
		if len(a.Actors) > 0 {
			return fmt.Errorf("%s takes no actors", a.Mode)
		}
	case Consent:
		if len(a.Actors) == 0 {
			return fmt.Errorf("consent needs at least one actor")
		}
		for i, id := range a.Actors {
			if err := checkDecider(id); err != nil {
				return err
			}
			if slices.Contains(a.Actors[:i], id) {
				return fmt.Errorf("consent names %q twice", id)
			}
		}
	case ByBody:
		if len(a.Actors) != 1 {
			return fmt.Errorf("body takes exactly one actor; found %d", len(a.Actors))
		}
		if err := checkDecider(a.Actors[0]); err != nil {
			return err
		}
	default:
		return fmt.Errorf("invalid activation mode %d", a.Mode)
	}
	return nil
}

// MarshalText implements [encoding.TextMarshaler].
func (a Activation) MarshalText() ([]byte, error) {
	if err := a.Check(); err != nil {
		return nil, err
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (a *Activation) UnmarshalText(text []byte) error {
	v, err := ParseActivation(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// checkDecider checks an actor an activation names. [Anyone] is no one to
// decide: it stands only as the attacker of a trigger.
func checkDecider(id actor.ID) error {
	if id == Anyone {
		return fmt.Errorf("%s (anyone) stands only as the attacker of a trigger; an activation names who decides", Anyone)
	}
	_, err := actor.ParseID(string(id))
	return err
}
