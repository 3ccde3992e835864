package guarantee

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entente-go/entente/actor"
)

// ID names a guarantee, unique within a scenario: "us-air-support". IDs use
// the characters of actor IDs: ASCII letters, digits, '-' and '_'.
type ID string

// ErrInvalidID is returned, wrapped, for a malformed guarantee ID.
var ErrInvalidID = errors.New("invalid guarantee ID")

// ParseID returns s as an ID, or an error quoting s if it is malformed.
func ParseID(s string) (ID, error) {
	if !actor.ID(s).Valid() {
		return "", fmt.Errorf("%w %q: want 1 to 64 letters, digits, '-' or '_'", ErrInvalidID, s)
	}
	return ID(s), nil
}

// Valid reports whether id is well-formed.
func (id ID) Valid() bool { return actor.ID(id).Valid() }

// Guarantee is one commitment by one provider to one beneficiary. It is a
// plain value; the zero Guarantee is invalid (it has no ID, provider,
// beneficiary or kind).
type Guarantee struct {
	ID          ID
	Provider    actor.ID // who gives it: a state itself, or a body through its rule
	Beneficiary actor.ID // who it protects
	Kind        Kind
	Target      actor.ID // whom it deters or sanctions, if anyone
	Location    string   // where it applies ("UA", "black-sea"), if it matters
	Strength    Strength // Political when zero
	Trigger     Condition
	Activation  Activation // the provider decides when zero
	Requires    []ID       // guarantees this one depends on
	Mandate     Mandate    // how long it lasts; zero: as long as the deal
	Note        string     // free text for readers
	Sources     []string   // citations: source IDs or free text

	// Likelihood is the chance, from 0 to 1, that the provider honours the
	// guarantee when it is due; nil means certain. Sweeps draw on it.
	// Write it new(0.7).
	Likelihood *float64
}

// ErrLikelihood is returned, wrapped, for a likelihood outside [0, 1].
var ErrLikelihood = errors.New("a likelihood must be a number from 0 to 1")

// ValidLikelihood reports whether p is a probability: a number from 0 to 1.
func ValidLikelihood(p float64) bool { return p >= 0 && p <= 1 }

// Attackers returns the attackers of g's trigger ([Condition.Attackers]).
func (g Guarantee) Attackers() []actor.ID { return g.Trigger.Attackers() }

// Problem is one thing wrong with a guarantee taken on its own, found by
// [Guarantee.Check]. Field is the offending field as scenario files name it
// ("kind", "requires[1]").
type Problem struct {
	Field string
	Err   error
}

func (p Problem) Error() string { return p.Field + ": " + p.Err.Error() }

func (p Problem) Unwrap() error { return p.Err }

// ErrMissing is returned, wrapped, for a required field that is empty.
var ErrMissing = errors.New("missing")

// Check returns the problems of g taken on its own: missing or malformed
// fields. Whether the actors it names exist is for the scenario to say.
func (g Guarantee) Check() []Problem {
	var ps []Problem
	switch {
	case g.ID == "":
		ps = append(ps, Problem{"id", ErrMissing})
	case !g.ID.Valid():
		_, err := ParseID(string(g.ID))
		ps = append(ps, Problem{"id", err})
	}
	if g.Likelihood != nil && !ValidLikelihood(*g.Likelihood) {
		ps = append(ps, Problem{"likelihood", fmt.Errorf("%w: %v", ErrLikelihood, *g.Likelihood)})
	}
	ps = checkActor(ps, "provider", g.Provider, true)
	ps = checkActor(ps, "beneficiary", g.Beneficiary, true)
	switch {
	case g.Kind == "":
		ps = append(ps, Problem{"kind", ErrMissing})
	case !g.Kind.Valid():
		_, err := ParseKind(string(g.Kind))
		ps = append(ps, Problem{"kind", err})
	}
	ps = checkActor(ps, "target", g.Target, false)
	if len(g.Location) > 128 || strings.TrimSpace(g.Location) != g.Location {
		ps = append(ps, Problem{"location", fmt.Errorf("invalid location %q", g.Location)})
	}
	if !g.Strength.Valid() {
		ps = append(ps, Problem{"strength", fmt.Errorf("invalid strength %d", g.Strength)})
	}
	if err := g.Trigger.Check(); err != nil {
		ps = append(ps, Problem{"trigger", err})
	}
	if g.Activation.Mode != ByProvider || len(g.Activation.Actors) > 0 {
		if err := g.Activation.Check(); err != nil {
			field := "activation"
			if errors.Is(err, ErrAsideAutomatic) {
				field = "parties-aside"
			}
			ps = append(ps, Problem{field, err})
		}
	}
	ps = g.Mandate.check(ps)
	for i, r := range g.Requires {
		field := func() string { return fmt.Sprintf("requires[%d]", i) }
		if !r.Valid() {
			_, err := ParseID(string(r))
			ps = append(ps, Problem{field(), err})
		} else if r == g.ID {
			ps = append(ps, Problem{field(), fmt.Errorf("a guarantee cannot require itself")})
		}
	}
	return ps
}

// checkActor appends the problem with an actor ID field, if any.
func checkActor(ps []Problem, field string, id actor.ID, required bool) []Problem {
	switch {
	case id == "":
		if required {
			ps = append(ps, Problem{field, ErrMissing})
		}
	case !id.Valid():
		_, err := actor.ParseID(string(id))
		ps = append(ps, Problem{field, err})
	}
	return ps
}
