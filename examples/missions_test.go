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

// finding is what a test asserts of one finding: its code and what it
// involves.
type finding struct {
	Code       scenario.Code
	Actors     []actor.ID
	Guarantees []guarantee.ID
	Positions  []string
}

func findingsOf(t *testing.T, s scenario.Scenario, codes ...scenario.Code) []finding {
	t.Helper()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []finding
	for _, f := range r.Findings {
		if slices.Contains(codes, f.Code) {
			out = append(out, finding{f.Code, f.Actors, f.Guarantees, f.Positions})
		}
	}
	return out
}

// TestMissions holds each historical mission to the finding it must give
// and to the one it must not, and each what-if that takes the cause away
// to the finding's going with it.
func TestMissions(t *testing.T) {
	renewal := []scenario.Code{scenario.CapturedRenewal, scenario.BlockedRenewal, scenario.CapturedGuarantee, scenario.Sunset}
	tests := []struct {
		reason string
		s      scenario.Scenario
		edits  []scenario.Edit
		want   []finding
	}{
		{
			reason: "Georgia 2009: Russia, an attacker the mission answers, holds a veto in the Council that renews it; no position of its own is needed, and the mission, which observes with no new decision, is not captured itself",
			s:      examples.Georgia2009(),
			want:   []finding{{scenario.CapturedRenewal, []actor.ID{"RU"}, []guarantee.ID{"unomig"}, nil}},
		},
		{
			reason: "Georgia 2009 without the mandate: the mission lasts as long as the deal, and nothing is left to renew",
			s:      examples.Georgia2009(),
			edits:  []scenario.Edit{scenario.WithoutMandate{Guarantee: "unomig"}},
		},
		{
			reason: "Georgia 2009 with a sunset instead: no body renews it, so no veto holder can stop it before the date",
			s:      examples.Georgia2009(),
			edits:  []scenario.Edit{scenario.WithMandate{Guarantee: "unomig", Mandate: guarantee.Mandate{Ends: "2010-06-15"}}},
			want:   []finding{{scenario.Sunset, nil, []guarantee.ID{"unomig"}, nil}},
		},
		{
			reason: "OSCE 2022: Russia, whose attack the monitors report, holds a veto in the Permanent Council that renews them by consensus; it states no position, so nothing is blocked by one",
			s:      examples.OSCE2022(),
			want:   []finding{{scenario.CapturedRenewal, []actor.ID{"RU"}, []guarantee.ID{"smm"}, nil}},
		},
		{
			reason: "OSCE 2022 with monitors that answer only the ceasefire: no attacker is named, and Russia's seat captures nothing",
			s:      examples.OSCE2022(),
			edits:  []scenario.Edit{scenario.Set{Field: "smm.trigger", Value: "ceasefire"}},
		},
		{
			reason: "Macedonia 1999: China attacked nobody, but rejects the mission and holds a veto in the Council that renews it",
			s:      examples.Macedonia1999(),
			want:   []finding{{scenario.BlockedRenewal, []actor.ID{"CN"}, []guarantee.ID{"unpredep"}, []string{"cn-ends-unpredep"}}},
		},
		{
			reason: "Macedonia 1999 without China's position: the renewal goes through",
			s:      examples.Macedonia1999(),
			edits:  []scenario.Edit{scenario.Without{ID: "cn-ends-unpredep"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.s.Name, func(t *testing.T) {
			s, err := tc.s.With(tc.edits...)
			if err != nil {
				t.Fatal(err)
			}
			got := findingsOf(t, s, renewal...)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, d)
			}
		})
	}
}

// TestMissionFiles checks that each mission's file is the scenario its
// function returns, loads, is in canonical form, and cites a source with
// a title and a URL for every guarantee and position.
func TestMissionFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		s    scenario.Scenario
		yaml []byte
	}{
		{examples.Georgia2009File, examples.Georgia2009(), examples.Georgia2009YAML()},
		{examples.Macedonia1999File, examples.Macedonia1999(), examples.Macedonia1999YAML()},
		{examples.OSCE2022File, examples.OSCE2022(), examples.OSCE2022YAML()},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(data), string(tc.yaml)); d != "" {
				t.Errorf("the embedded file is not the file (-file +embedded):\n%s", d)
			}
			f, err := scenariofile.Format(tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(data), string(f)); d != "" {
				t.Errorf("the file is not in canonical form (-file +fmt):\n%s", d)
			}
			for _, src := range tc.s.Sources {
				if src.Title == "" || src.URL == "" || src.Date == "" {
					t.Errorf("source %s needs a title, a URL and a date", src.ID)
				}
			}
			for _, g := range tc.s.Guarantees {
				if len(g.Sources) == 0 || g.Mandate.IsZero() {
					t.Errorf("guarantee %s needs sources and a mandate", g.ID)
				}
			}
			for _, p := range tc.s.Positions {
				if len(p.Sources) == 0 {
					t.Errorf("position %s cites no source", p.ID)
				}
			}
			if len(tc.s.Timeline) == 0 || tc.s.Timeline[len(tc.s.Timeline)-1].Name != guarantee.EventRenewal {
				t.Errorf("the timeline should end at the vetoed renewal: %v", tc.s.Timeline)
			}
		})
	}
}

// TestSeedUnderUNMandate holds the seed's two variants that put the
// European force under a mandate of the Security Council to what they
// must show: with the force answering the peace deal, nothing ends it:
// Russia's seat captures nothing, and the United States' refusal of
// ground troops, a refusal to send its own, does not bind Europe's force;
// with the force also answering a new Russian attack, Russia's seat
// captures its renewal.
func TestSeedUnderUNMandate(t *testing.T) {
	seed := examples.Ukraine2025()
	codes := []scenario.Code{scenario.CapturedRenewal, scenario.BlockedRenewal, scenario.Sunset}
	if got := findingsOf(t, seed, codes...); len(got) != 0 {
		t.Errorf("the seed as written has renewal findings: %v", got)
	}
	for _, tc := range []struct {
		variant string
		want    []finding
	}{
		{"un-mandated-force", nil},
		{"un-mandated-first-line", []finding{
			{scenario.CapturedRenewal, []actor.ID{"RU"}, []guarantee.ID{"european-force"}, nil},
		}},
	} {
		t.Run(tc.variant, func(t *testing.T) {
			s, err := seed.Variant(tc.variant)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, findingsOf(t, s, codes...)); d != "" {
				t.Errorf("renewal findings (-want +got):\n%s", d)
			}
		})
	}
}

// TestMissionWalks holds each mission's walk to what happened: when it
// lapsed, in whose renewal, and who blocked it and why.
func TestMissionWalks(t *testing.T) {
	type lapse struct {
		Guarantee guarantee.ID
		Date      string
		Body      actor.ID
		Blockers  []string // actor:reason
	}
	lapses := func(s scenario.Scenario) []lapse {
		sim, err := walk.Simulate(s)
		if err != nil {
			t.Fatal(err)
		}
		var out []lapse
		for _, st := range sim.Steps {
			for _, l := range st.Lapses {
				var bs []string
				for _, b := range l.Blocks {
					bs = append(bs, string(b.Actor)+":"+b.Reason.String())
				}
				out = append(out, lapse{l.Guarantee, l.Date, l.Body, bs})
			}
		}
		return out
	}
	for _, tc := range []struct {
		reason string
		s      scenario.Scenario
		want   []lapse
	}{
		{
			reason: "Georgia: the mandate, renewed every four months from 15 October 2008, lapses at the first renewal after Russia's attack, Russia's veto in the Council stopping it (in fact Russia let two rollovers pass and vetoed the third, on 15 June 2009: the model says when it could, not when it chose to)",
			s:      examples.Georgia2009(),
			want:   []lapse{{"unomig", "2009-02-15", "UNSC", []string{"RU:captured"}}},
		},
		{
			reason: "Macedonia: China, rejecting the mission, stops its renewal on 25 February 1999",
			s:      examples.Macedonia1999(),
			want:   []lapse{{"unpredep", "1999-02-25", "UNSC", []string{"CN:position"}}},
		},
		{
			reason: "OSCE: Russia, whose attack the monitors report, stops the renewal on 31 March 2022",
			s:      examples.OSCE2022(),
			want:   []lapse{{"smm", "2022-03-31", "OSCE", []string{"RU:captured"}}},
		},
	} {
		if diff := cmp.Diff(tc.want, lapses(tc.s)); diff != "" {
			t.Errorf("%s\nSimulate lapses (-want +got):\n%s", tc.reason, diff)
		}
	}
}

// TestCyprusCalls holds the Treaty of Guarantee of 1960 to the calls of
// July 1974: Greece's coup voids Greece's own guarantee, not Turkey's;
// Turkey's landing is a new call, void for Turkey's own.
func TestCyprusCalls(t *testing.T) {
	s, err := scenariofile.ReadFile(filepath.Join("..", "scenario", "scenariofile", "testdata", "good", "cyprus1960.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sim, err := walk.Simulate(s)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, st := range sim.Steps {
		var line []string
		for _, o := range st.Due {
			line = append(line, string(o.Guarantee)+" "+o.Status.String()+" against "+string(o.Attackers[0]))
		}
		got = append(got, line)
	}
	want := [][]string{
		{"uk-guarantee activates against GR", "gr-guarantee void against GR", "tr-guarantee activates against GR"},
		{"uk-guarantee activates against TR", "gr-guarantee blocked against TR", "tr-guarantee void against TR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cyprus 1974 calls (-want +got):\n%s", diff)
	}
}
