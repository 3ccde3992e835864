package scenario_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

func TestWarnings(t *testing.T) {
	type warning struct {
		Path string
		Err  error
	}
	tests := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   []warning
	}{
		{
			name:   "clean",
			reason: "ordinary text, accents and web addresses warn of nothing",
			s: scenario.Scenario{Name: "Côte d'Ivoire, 2007", Description: "two\nlines\tand a tab are fine",
				Sources: []scenario.Source{{ID: "s", Title: "A title", URL: "https://example.org/x"}, {ID: "t", Title: "no address"}},
				Actors:  []actor.Actor{{ID: "A", Name: "Ålesund"}}},
		},
		{
			name:   "escape in a name",
			reason: "an ANSI sequence in a name could recolour a report",
			s:      scenario.Scenario{Name: "red \x1b[31m"},
			want:   []warning{{"name", scenario.ErrHiddenText}},
		},
		{
			name:   "bidi override",
			reason: "an override makes a name display as something it is not",
			s:      scenario.Scenario{Actors: []actor.Actor{{ID: "A", Name: "\u202eAIssuR"}, {ID: "B", Note: "iso \u2068x\u2069"}}},
			want:   []warning{{"actors[0].name", scenario.ErrHiddenText}, {"actors[1].note", scenario.ErrHiddenText}},
		},
		{
			name:   "urls",
			reason: "only absolute http(s) addresses can be links",
			s: scenario.Scenario{Sources: []scenario.Source{{ID: "a", URL: "javascript:alert(3)"}, {ID: "b", URL: "https://example.org"},
				{ID: "c", URL: "example.org/page"}, {ID: "d", URL: "https://x.example/\x07"}}},
			want: []warning{{"sources[0].url", scenario.ErrNotWebURL}, {"sources[2].url", scenario.ErrNotWebURL}, {"sources[3].url", scenario.ErrHiddenText}},
		},
		{
			name:   "everywhere else",
			reason: "guarantees, positions, vetoes and variants carry free text too",
			s: scenario.Scenario{
				Guarantees: []guarantee.Guarantee{{ID: "g", Location: "x\u009b", Sources: []string{"ok", "bel\a"}}},
				Positions:  []scenario.Position{{Stance: scenario.Refuses, Note: "\x1b]8;;x\x07"}},
				Vetoes:     []scenario.Veto{{Holder: "A", Note: "del\x7f"}, {Holder: "B", Note: "not UTF-8 \xff"}},
				Variants: []scenario.Variant{{Name: "v\u202d", Edits: []scenario.Edit{
					scenario.AddActor{Actor: actor.Actor{ID: "Z", Name: "z\x1b"}}, scenario.Set{Field: "description", Value: "ok"}}}},
			},
			want: []warning{{"guarantees[0].location", scenario.ErrHiddenText}, {"guarantees[0].sources[1]", scenario.ErrHiddenText},
				{"positions[0].note", scenario.ErrHiddenText}, {"vetoes[0].note", scenario.ErrHiddenText}, {"vetoes[1].note", scenario.ErrHiddenText},
				{"variants[0].name", scenario.ErrHiddenText}, {"variants[0].edits[0].add-actor.name", scenario.ErrHiddenText}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []warning
			for _, w := range scenario.Warnings(tt.s) {
				sentinel := w.Err
				for _, s := range []error{scenario.ErrHiddenText, scenario.ErrNotWebURL} {
					if errors.Is(w.Err, s) {
						sentinel = s
					}
				}
				got = append(got, warning{w.Path, sentinel})
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}
