package examples_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/entente-go/entente/walk"
)

// TestAegean1996 holds NATO's Article 5 between Greece and Turkey to what
// "Any attacker" says of it: every Ally other than the beneficiary could
// be the attacker and holds a veto (insider-veto), Turkey's attack calls
// the guarantee to Greece with Turkey as its attacker and voids it, and
// under majority nobody can stop it alone.
func TestAegean1996(t *testing.T) {
	s := examples.Aegean1996()
	allies := func(except actor.ID) []actor.ID {
		var out []actor.ID
		for _, a := range s.Actors {
			if !a.Kind.IsBody() && a.ID != except {
				out = append(out, a.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	want := []finding{
		{scenario.InsiderVeto, allies("GR"), []guarantee.ID{"article-5-greece"}, nil},
		{scenario.InsiderVeto, allies("TR"), []guarantee.ID{"article-5-turkey"}, nil},
	}
	codes := []scenario.Code{scenario.InsiderVeto, scenario.CapturedGuarantee, scenario.NoMilitaryResponse}
	if d := cmp.Diff(want, findingsOf(t, s, codes...)); d != "" {
		t.Errorf("as written (-want +got):\n%s", d)
	}

	sim, err := walk.Simulate(s)
	if err != nil {
		t.Fatal(err)
	}
	due := sim.Steps[0].Due
	if len(due) != 1 || due[0].Guarantee != "article-5-greece" || due[0].Status != walk.Void || !slices.Equal(due[0].Attackers, []actor.ID{"TR"}) {
		t.Errorf("attack(TR, GR) calls %+v; want article-5-greece, void, with TR as its attacker", due)
	}

	majority, err := s.Variant("council-decides-by-majority")
	if err != nil {
		t.Fatal(err)
	}
	if got := findingsOf(t, majority, codes...); len(got) != 0 {
		t.Errorf("under majority: %v; want no insider's veto", got)
	}
	sim, err = walk.Simulate(majority)
	if err != nil {
		t.Fatal(err)
	}
	if due := sim.Steps[0].Due; len(due) != 1 || due[0].Status != walk.Activates {
		t.Errorf("under majority, attack(TR, GR) calls %+v; want article-5-greece activated", due)
	}
}

func TestAegean1996File(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", examples.Aegean1996File))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(data), string(examples.Aegean1996YAML())); d != "" {
		t.Errorf("the embedded file is not the file (-file +embedded):\n%s", d)
	}
	f, err := scenariofile.Format(examples.Aegean1996File, data)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(data), string(f)); d != "" {
		t.Errorf("the file is not in canonical form (-file +fmt):\n%s", d)
	}
	s := examples.Aegean1996()
	for _, src := range s.Sources {
		if src.Title == "" || src.Date == "" && src.URL == "" {
			t.Errorf("source %s needs a title, and a date or a URL", src.ID)
		}
	}
	for _, g := range s.Guarantees {
		if len(g.Sources) == 0 || !g.Trigger.ByAnyone() {
			t.Errorf("guarantee %s needs sources and a trigger by anyone", g.ID)
		}
	}
}
