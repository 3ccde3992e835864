package synth_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/google/go-cmp/cmp"
)

func TestGenerateValid(t *testing.T) {
	sizes := []struct {
		c     synth.Config
		seeds uint64
	}{
		{synth.Config{Guarantees: 1}, 100},
		{synth.Config{Guarantees: 2}, 100},
		{synth.Config{Guarantees: 3, Positions: 1}, 100},
		{synth.Config{Guarantees: 5, Actors: synth.MinActors}, 100},
		{synth.Config{Guarantees: 10, Actors: 1}, 100},
		{synth.Config{Guarantees: 37, Positions: 3, Vetoes: 7}, 50},
		{synth.Config{Guarantees: 100}, 50},
		{synth.Config{Guarantees: 100, Actors: 500, Positions: 400}, 10},
		{synth.Config{Guarantees: 250, Actors: 17}, 20},
		{synth.Config{Guarantees: 1000}, 10},
		{synth.Config{Guarantees: 2000}, 5},
		{synth.Config{Guarantees: 2000, Positions: 50, Actors: 40, Vetoes: 30}, 5},
	}
	for _, sz := range sizes {
		for seed := range sz.seeds {
			c := sz.c
			c.Seed = seed
			s := synth.Generate(c)
			if err := scenario.Validate(s); err != nil {
				t.Fatalf("Validate(Generate(%+v)):\n%v", c, err)
			}
		}
	}
}

func TestGenerateSizes(t *testing.T) {
	tests := []struct {
		reason string
		c      synth.Config
		want   synth.Config // the sizes, Seed unused
	}{
		{"the zero Config is 100 guarantees in proportion", synth.Config{}, synth.Config{Guarantees: 100, Positions: 20, Actors: 40, Vetoes: 1}},
		{"positions, actors and vetoes follow guarantees", synth.Config{Guarantees: 10000}, synth.Config{Guarantees: 10000, Positions: 2000, Actors: 2020, Vetoes: 11}},
		{"at least five positions, one per stance", synth.Config{Guarantees: 1}, synth.Config{Guarantees: 1, Positions: 5, Actors: 20, Vetoes: 1}},
		{"explicit counts are kept", synth.Config{Guarantees: 10000, Positions: 2000, Actors: 300, Vetoes: 4, Seed: 9}, synth.Config{Guarantees: 10000, Positions: 2000, Actors: 300, Vetoes: 4}},
		{"fewer positions than stances", synth.Config{Guarantees: 7, Positions: 2}, synth.Config{Guarantees: 7, Positions: 2, Actors: 21, Vetoes: 1}},
		{"too few actors are raised to MinActors", synth.Config{Guarantees: 50, Actors: 3}, synth.Config{Guarantees: 50, Positions: 10, Actors: synth.MinActors, Vetoes: 1}},
		{"exactly MinActors", synth.Config{Guarantees: 50, Actors: synth.MinActors}, synth.Config{Guarantees: 50, Positions: 10, Actors: synth.MinActors, Vetoes: 1}},
	}
	for _, tt := range tests {
		r := tt.c.Resolved()
		r.Seed = 0
		if diff := cmp.Diff(tt.want, r); diff != "" {
			t.Errorf("%s: %+v.Resolved() (-want +got):\n%s", tt.reason, tt.c, diff)
		}
		s := synth.Generate(tt.c)
		got := synth.Config{Guarantees: len(s.Guarantees), Positions: len(s.Positions), Actors: len(s.Actors), Vetoes: len(s.Vetoes)}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: sizes of Generate(%+v) (-want +got):\n%s", tt.reason, tt.c, diff)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	for _, c := range []synth.Config{
		{},
		{Guarantees: 1, Seed: 1},
		{Guarantees: 1000, Seed: 42},
		{Guarantees: 2000, Positions: 700, Actors: 90, Vetoes: 5, Seed: 1 << 63},
	} {
		if diff := cmp.Diff(synth.Generate(c), synth.Generate(c)); diff != "" {
			t.Errorf("Generate(%+v) twice (-first +second):\n%s", c, diff)
		}
	}
}

func TestGenerateIndependent(t *testing.T) {
	// Each call returns a value of its own: changing one leaves the next
	// equal to a fresh one.
	c := synth.Config{Guarantees: 50, Seed: 3}
	a := synth.Generate(c)
	a.Actors[len(a.Actors)-1].Members[0] = "changed"
	a.Guarantees[0].Sources[0] = "changed"
	a.Positions[0].Sources[0] = "changed"
	if diff := cmp.Diff(synth.Generate(c), synth.Generate(c)); diff != "" {
		t.Errorf("Generate(%+v) after changing an earlier result (-first +second):\n%s", c, diff)
	}
}

func TestGenerateSeedsDiffer(t *testing.T) {
	for _, g := range []int{1, 10, 100, 2000} {
		seen := map[string]uint64{}
		for seed := range uint64(20) {
			s := synth.Generate(synth.Config{Guarantees: g, Seed: seed})
			s.Name = "" // it quotes the seed
			key := fmt.Sprint(s)
			if prev, ok := seen[key]; ok && g > 1 {
				t.Errorf("Generate with %d guarantees: seeds %d and %d give equal scenarios", g, prev, seed)
			}
			seen[key] = seed
		}
		if g == 1 && len(seen) < 15 {
			t.Errorf("Generate with 1 guarantee: only %d distinct scenarios from 20 seeds", len(seen))
		}
	}
	a := synth.Generate(synth.Config{Seed: 1})
	b := synth.Generate(synth.Config{Seed: 2})
	if cmp.Equal(a, b) {
		t.Errorf("Generate: seeds 1 and 2 give equal scenarios")
	}
}

func TestResolvedNegativePanics(t *testing.T) {
	for _, c := range []synth.Config{{Guarantees: -1}, {Positions: -1}, {Actors: -1}, {Vetoes: -1}, {DemandsVeto: -1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Generate(%+v) did not panic", c)
				}
			}()
			synth.Generate(c)
		}()
	}
}

// TestGenerateShape checks that a generated scenario has the variety
// doc.go promises, so that benchmarks on it exercise every path of the
// evaluator.
func TestGenerateShape(t *testing.T) {
	s := synth.Generate(synth.Config{Guarantees: 2000, Seed: 7})
	x, err := actor.NewIndex(s.Actors)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	see := func(what string, ok bool) {
		if ok {
			seen[what]++
		}
	}
	isBody := func(id actor.ID) bool { a, _ := x.Lookup(id); return a.Kind.IsBody() }
	for _, a := range s.Actors {
		see("kind "+a.Kind.String(), true)
		if !a.Kind.IsBody() {
			continue
		}
		see("rule "+a.Rule().String(), a.Threshold == 0)
		see("rule threshold", a.Threshold > 0)
		see("rule explicit vetoes", len(a.Vetoes) > 0)
		see("body of bodies", slices.ContainsFunc(a.Members, isBody))
	}
	named := guarantee.Named()
	beneficiaries := map[actor.ID]bool{}
	for _, g := range s.Guarantees {
		if !slices.Contains(named, g.Kind) {
			t.Errorf("guarantee %s: kind %s is not one of guarantee.Named()", g.ID, g.Kind)
		}
		see("kind "+string(g.Kind), true)
		beneficiaries[g.Beneficiary] = true
		see("provider body", isBody(g.Provider))
		see("provider state", !isBody(g.Provider))
		see("target", g.Target != "")
		see("location", g.Location != "")
		see("strength "+g.Strength.String(), true)
		see("activation "+g.Activation.Mode.String(), true)
		see("trigger "+opName(g.Trigger), true)
		see("trigger attack", slices.ContainsFunc(g.Trigger.Events(), func(e guarantee.Event) bool { return e.Name == guarantee.EventAttack }))
		see("trigger unsatisfiable", !g.Trigger.Satisfiable())
		for _, r := range g.Requires {
			see("requires present", slices.ContainsFunc(s.Guarantees, func(o guarantee.Guarantee) bool { return o.ID == r }))
			see("requires absent", !slices.ContainsFunc(s.Guarantees, func(o guarantee.Guarantee) bool { return o.ID == r }))
		}
	}
	if n := len(beneficiaries); n < 2 || n > 8 {
		t.Errorf("%d beneficiaries; want a small set of 2 to 8", n)
	}
	for b := range beneficiaries {
		if isBody(b) {
			t.Errorf("beneficiary %s is a body; want protected states", b)
		}
	}
	for _, p := range s.Positions {
		see("stance "+p.Stance.String(), true)
		sel := p.Select
		see("selector empty", sel.IsZero())
		if !sel.IsZero() && sel.Beneficiary == "" && sel.Kind == "" && sel.Provider == "" && len(sel.IDs) == 0 {
			t.Errorf("position %s: selector %v sets none of beneficiary, kind, provider and ids", p, sel)
		}
		see("selector two fields", fields(sel) >= 2)
		see("selector provider-in", sel.ProviderIn != "")
		see("selector ids", len(sel.IDs) > 0)
		see("rejects-veto by", len(p.By) > 0)
		see("rejects-veto by anyone", p.Stance == scenario.RejectsVeto && len(p.By) == 0)
	}
	if n := seen["selector empty"]; n > len(s.Positions)/50 {
		t.Errorf("%d of %d selectors are empty; want them rare", n, len(s.Positions))
	}
	see("granted veto", len(s.Vetoes) > 0)
	for _, e := range s.Timeline {
		see("timeline "+e.Name, true)
	}

	want := []string{
		"kind state", "kind alliance", "kind organization", "kind coalition",
		"rule unanimity", "rule majority", "rule separately", "rule threshold", "rule explicit vetoes", "body of bodies",
		"provider body", "provider state", "target", "location",
		"strength assurance", "strength political", "strength treaty",
		"activation provider", "activation automatic", "activation consent", "activation body",
		"trigger always", "trigger event", "trigger all", "trigger any", "trigger attack", "trigger unsatisfiable",
		"requires present", "requires absent",
		"stance refuses", "stance rejects", "stance requires", "stance demands-veto", "stance rejects-veto",
		"selector two fields", "selector provider-in", "selector ids", "rejects-veto by", "rejects-veto by anyone",
		"granted veto", "timeline peace-deal", "timeline attack",
	}
	for _, k := range named {
		want = append(want, "kind "+string(k))
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("no %s in a scenario of 2000 guarantees", w)
		}
	}
	if seen["activation provider"] < len(s.Guarantees)/2 {
		t.Errorf("%d of %d guarantees are activated by the provider; want most", seen["activation provider"], len(s.Guarantees))
	}

	// The scenario gives the evaluator something to say of most kinds.
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[scenario.Code]int{}
	for _, f := range r.Findings {
		codes[f.Code]++
	}
	for _, c := range []scenario.Code{
		scenario.VetoConflict, scenario.CapturedGuarantee, scenario.RedLine, scenario.BlockedByMember,
		scenario.UnmetVetoDemand, scenario.RejectedVeto, scenario.MissingDependency,
		scenario.BlockedDependency, scenario.DissentingMember, scenario.UnsatisfiableTrigger, scenario.IdlePosition,
	} {
		if codes[c] == 0 {
			t.Errorf("no %s finding for a scenario of 2000 guarantees", c)
		}
	}
	t.Logf("%d findings: %v", len(r.Findings), codes)
}

func opName(c guarantee.Condition) string {
	return [...]string{guarantee.Always: "always", guarantee.OnEvent: "event", guarantee.All: "all", guarantee.Any: "any", guarantee.Not: "not"}[c.Op]
}

// fields counts the fields a selector sets.
func fields(s guarantee.Selector) int {
	n := 0
	for _, set := range []bool{s.Kind != "", s.Provider != "", s.ProviderIn != "", s.Beneficiary != "", s.Target != "", s.Location != "", len(s.IDs) > 0} {
		if set {
			n++
		}
	}
	return n
}

// TestGenerateDemandsVeto checks that Config.DemandsVeto gives exactly that
// many demands-veto positions, and changes nothing but positions.
func TestGenerateDemandsVeto(t *testing.T) {
	for _, c := range []synth.Config{
		{Guarantees: 40, Positions: 30, DemandsVeto: 5},
		{Guarantees: 40, Positions: 30, DemandsVeto: 1},
		{Guarantees: 40, Positions: 30, DemandsVeto: 30},
		{Guarantees: 10, Positions: 7, DemandsVeto: 1},
		{Guarantees: 60, Positions: 45, DemandsVeto: 16},
		{Guarantees: 5, Positions: 3, DemandsVeto: 2},
		{Guarantees: 5, Positions: 2, DemandsVeto: 4},
		{Guarantees: 2000, DemandsVeto: 3},
	} {
		for seed := range uint64(20) {
			c.Seed = seed
			s := synth.Generate(c)
			if err := scenario.Validate(s); err != nil {
				t.Fatalf("Validate(Generate(%+v)):\n%v", c, err)
			}
			r := c.Resolved()
			if len(s.Positions) != r.Positions || r.Positions < c.DemandsVeto {
				t.Errorf("Generate(%+v): %d positions; want %d, at least DemandsVeto", c, len(s.Positions), r.Positions)
			}
			n := 0
			for _, p := range s.Positions {
				if p.Stance == scenario.DemandsVeto {
					n++
				}
			}
			if n != c.DemandsVeto {
				t.Errorf("Generate(%+v): %d demands-veto positions; want %d", c, n, c.DemandsVeto)
			}
			// Everything but the positions (and the name, which says how
			// many demands) is the scenario without DemandsVeto.
			plain := r
			plain.DemandsVeto = 0
			p := synth.Generate(plain)
			s.Name, p.Name, s.Positions, p.Positions = "", "", nil, nil
			if diff := cmp.Diff(p, s); diff != "" {
				t.Errorf("Generate(%+v) and without DemandsVeto differ beyond positions (-without +with):\n%s", c, diff)
			}
		}
	}
	c := synth.Config{Guarantees: 40, Positions: 30, DemandsVeto: 5, Seed: 3}
	if diff := cmp.Diff(synth.Generate(c), synth.Generate(c)); diff != "" {
		t.Errorf("Generate(%+v) twice (-first +second):\n%s", c, diff)
	}
}

func TestGeneratePartiesAside(t *testing.T) {
	for _, c := range []synth.Config{
		{Guarantees: 40, PartiesAside: 30},
		{Guarantees: 200, PartiesAside: 100},
		{Guarantees: 5, PartiesAside: 50},
	} {
		for seed := range uint64(10) {
			c.Seed = seed
			s := synth.Generate(c)
			if err := scenario.Validate(s); err != nil {
				t.Fatalf("Validate(Generate(%+v)):\n%v", c, err)
			}
			bodies, activations := 0, 0
			for _, a := range s.Actors {
				if a.PartiesAside {
					bodies++
				}
			}
			for _, g := range s.Guarantees {
				if g.Activation.PartiesAside {
					activations++
				}
			}
			if c.PartiesAside == 100 && (bodies == 0 || activations == 0) {
				t.Errorf("Generate(%+v): %d bodies and %d activations set the parties aside; want some of each", c, bodies, activations)
			}
			// Everything but the flags is the scenario without PartiesAside.
			plain := c
			plain.PartiesAside = 0
			p := synth.Generate(plain)
			for i := range s.Actors {
				s.Actors[i].PartiesAside = false
			}
			for i := range s.Guarantees {
				s.Guarantees[i].Activation.PartiesAside = false
			}
			if diff := cmp.Diff(p, s); diff != "" {
				t.Errorf("Generate(%+v) and without PartiesAside differ beyond the flags (-without +with):\n%s", c, diff)
			}
		}
	}
}

func TestGenerateAnyAttacker(t *testing.T) {
	for _, c := range []synth.Config{
		{Guarantees: 40, AnyAttacker: 30},
		{Guarantees: 200, AnyAttacker: 100, PartiesAside: 20},
	} {
		for seed := range uint64(10) {
			c.Seed = seed
			s := synth.Generate(c)
			if err := scenario.Validate(s); err != nil {
				t.Fatalf("Validate(Generate(%+v)):\n%v", c, err)
			}
			plain := c
			plain.AnyAttacker = 0
			p := synth.Generate(plain)
			rewritten := 0
			for i, g := range s.Guarantees {
				if g.Trigger.ByAnyone() {
					rewritten++
				}
				// Everything but the attackers is the scenario without
				// AnyAttacker: each event is the one it was, or that
				// event by anyone.
				if !sameButAnyone(p.Guarantees[i].Trigger, g.Trigger) {
					t.Errorf("Generate(%+v): trigger %s is not %s with attackers by anyone", c, g.Trigger, p.Guarantees[i].Trigger)
				}
				s.Guarantees[i].Trigger = p.Guarantees[i].Trigger
			}
			if c.AnyAttacker == 100 && rewritten == 0 {
				t.Errorf("Generate(%+v): no trigger answers an attack by anyone", c)
			}
			for _, e := range s.Timeline {
				if e.ByAnyone() {
					t.Errorf("Generate(%+v): timeline event %s names no attacker", c, e)
				}
			}
			if diff := cmp.Diff(p, s); diff != "" {
				t.Errorf("Generate(%+v) and without AnyAttacker differ beyond the triggers (-without +with):\n%s", c, diff)
			}
		}
	}
}

// sameButAnyone reports whether b is a with some of its attacks and
// violations made ones by anyone.
func sameButAnyone(a, b guarantee.Condition) bool {
	if a.Op != b.Op || len(a.Sub) != len(b.Sub) {
		return false
	}
	if a.Op == guarantee.OnEvent && !a.Event.Equal(b.Event) && !a.Event.AsAnyone().Equal(b.Event) {
		return false
	}
	for i := range a.Sub {
		if !sameButAnyone(a.Sub[i], b.Sub[i]) {
			return false
		}
	}
	return true
}
