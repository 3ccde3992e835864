package scenario

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/words"
)

// Value is what one actor values in a deal, for bargaining (docs/MODEL.md,
// "Bargaining"). Positions stay hard, deciding which deals are feasible;
// values are soft, ranking the feasible ones. An actor's utility of an
// outcome is the sum of its weights that the outcome triggers; only the
// actors with a Value take part in bargaining. Values never change what
// Evaluate or Search find.
type Value struct {
	Actor actor.ID
	// Disagreement is what the actor gets with no deal at all.
	Disagreement float64
	Weights      []Weight
}

// Weight is one term of an actor's utility, on what Select picks or on a
// veto:
//   - Select, when Veto is empty: Weight counts once for each guarantee of
//     the deal that the selector picks (negative for what the actor wants
//     kept out); the zero Selector picks every guarantee;
//   - Veto: the ID (or path, "positions[3]") of a demands-veto position;
//     Weight counts when the deal grants that position's candidate veto,
//     and Select must be zero ([ErrWeightTerm]). Validate does not require
//     the position to be there (a what-if may remove it; then the weight
//     never counts); [CheckValueVetoes] says where it is not.
//
// Files write a weight with exactly one of select and veto
// ({weight: 2, select: {ids: [x]}}); in Go,
// Weight{Weight: 2, Select: guarantee.SelectIDs("x")}.
type Weight struct {
	Weight float64
	Select guarantee.Selector
	Veto   string
}

// Errors of values, wrapped in a [FieldError] by [Validate].
var (
	// ErrWeight: a weight or disagreement value that is not a finite
	// number.
	ErrWeight = errors.New("want a finite number")
	// ErrWeightTerm: a weight with both a selector and a veto (in Go, a
	// Veto with a non-zero Select), or, in a file, with neither.
	ErrWeightTerm = errors.New("a weight needs exactly one of select and veto")
	// ErrNotDemandsVeto: a weight's veto names a position that demands no
	// veto.
	ErrNotDemandsVeto = errors.New("not a demands-veto position")
	// ErrNoSuchPosition: a weight's veto names no position at all.
	ErrNoSuchPosition = errors.New("no such position")
	// ErrDuplicateValue: two values for one actor.
	ErrDuplicateValue = errors.New("a second value for one actor")
)

// PositionIndex returns the index of the position ref names: its ID, or
// its path "positions[i]". It returns -1 when there is none.
func (s *Scenario) PositionIndex(ref string) int {
	if n, ok := strings.CutPrefix(ref, "positions["); ok {
		if n, ok := strings.CutSuffix(n, "]"); ok {
			if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(s.Positions) && strconv.Itoa(i) == n {
				return i
			}
		}
	}
	for i := range s.Positions {
		if ref != "" && s.Positions[i].ID == ref {
			return i
		}
	}
	return -1
}

// PositionRef returns how findings name the i-th position: its ID where it
// has one, else its path "positions[i]".
func (s *Scenario) PositionRef(i int) string { return words.PositionRef(s.Positions[i].ID, i) }

// values checks the scenario's values: a known actor, one value per
// actor, finite numbers, and one term per weight. A weight's veto is not
// a reference that must resolve, as a selector's ids are not: a what-if
// may remove or replace the position it names, and then the weight never
// counts. [CheckValueVetoes] checks the references of a scenario as
// written.
func (v *validator) values() {
	seen := map[actor.ID]int{}
	for i := range v.s.Values {
		val := &v.s.Values[i]
		here := at{list: "values", i: i}
		v.actorRef(here, "actor", val.Actor, true)
		if j, ok := seen[val.Actor]; ok && val.Actor != "" {
			v.add(here.in("actor"), fmt.Errorf("%w: %s (also values[%d])", ErrDuplicateValue, val.Actor, j))
		} else {
			seen[val.Actor] = i
		}
		if !finite(val.Disagreement) {
			v.add(here.in("disagreement"), fmt.Errorf("%w; found %v", ErrWeight, val.Disagreement))
		}
		for j := range val.Weights {
			w := &val.Weights[j]
			weight := at{list: "values", i: i, sub: "weights", k: j + 1}
			if !finite(w.Weight) {
				v.add(weight.in("weight"), fmt.Errorf("%w; found %v", ErrWeight, w.Weight))
			}
			switch {
			case w.Veto != "" && !w.Select.IsZero():
				v.add(weight, ErrWeightTerm)
			case w.Veto == "":
				v.selector(weight.in("select"), &w.Select)
			}
		}
	}
}

// CheckValueVetoes reports, as [FieldError]s gathered in an [Errors], each
// weight of s's values whose veto names no demands-veto position of s (by
// ID or path): a position that demands no veto wraps [ErrNotDemandsVeto],
// a name no position has [ErrNoSuchPosition]. It returns nil when there is
// none. Validate leaves these out (see [Weight]); scenario files report
// the first kind as errors, and entente bargain warns of the second (a
// file edited by hand may remove a position its values still weigh).
func CheckValueVetoes(s Scenario) error {
	var errs Errors
	for i, val := range s.Values {
		for j, w := range val.Weights {
			if w.Veto == "" {
				continue
			}
			path := "values[" + strconv.Itoa(i) + "].weights[" + strconv.Itoa(j) + "].veto"
			k := s.PositionIndex(w.Veto)
			switch {
			case k < 0:
				errs = append(errs, &FieldError{path, fmt.Errorf("%w: %q; the weight never counts", ErrNoSuchPosition, w.Veto)})
			case s.Positions[k].Stance != DemandsVeto:
				errs = append(errs, &FieldError{path, fmt.Errorf("%w: %s", ErrNotDemandsVeto, s.Positions[k])})
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// CandidateVeto returns the candidate veto of the demands-veto position
// that position names (its ID, or its path "positions[i]"): the veto a
// deal grants when [deals.Deal.Vetoes] names that position. Its holder is the
// position's actor, it is over what the position's selector picks, and it
// carries the position's sources. ok is false when position names no
// demands-veto position of s. The veto shares no memory with s.
func (s *Scenario) CandidateVeto(position string) (v Veto, ok bool) {
	i := s.PositionIndex(position)
	if i < 0 || s.Positions[i].Stance != DemandsVeto {
		return Veto{}, false
	}
	p := &s.Positions[i]
	over := p.Select
	over.IDs = slices.Clone(over.IDs)
	return Veto{Holder: p.Actor, Over: over, Note: "granted to meet " + s.PositionRef(i), Sources: slices.Clone(p.Sources)}, true
}
