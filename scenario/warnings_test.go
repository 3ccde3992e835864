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
	// hiddenAt is one ErrHiddenText warning at each path, in order.
	hiddenAt := func(paths ...string) []warning {
		var ws []warning
		for _, p := range paths {
			ws = append(ws, warning{p, scenario.ErrHiddenText})
		}
		return ws
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
		{
			name:   "hidden text in every field",
			reason: "every free-text field Warnings visits, in sources, actors, guarantees, positions, vetoes, variants and each kind of edit, is scanned and warns once at its own path, in field order",
			s: scenario.Scenario{
				Name: hid, AsOf: hid, Description: hid,
				Sources:    []scenario.Source{{ID: hid, Title: hid, URL: hid, Date: hid, Note: hid}},
				Actors:     []actor.Actor{hiddenActor("A")},
				Guarantees: []guarantee.Guarantee{hiddenGuarantee("g")},
				Positions:  []scenario.Position{hiddenPosition(scenario.Refuses)},
				Vetoes:     []scenario.Veto{hiddenVeto("A")},
				Variants: []scenario.Variant{{Name: hid, Note: hid, Sources: []string{"ok", hid}, Edits: []scenario.Edit{
					scenario.Without{ID: hid},
					scenario.AddActor{Actor: hiddenActor("B")},
					scenario.ReplaceActor{Actor: hiddenActor("A")},
					scenario.AddGuarantee{Guarantee: hiddenGuarantee("h")},
					scenario.ReplaceGuarantee{Guarantee: hiddenGuarantee("g")},
					scenario.AddPosition{Position: hiddenPosition(scenario.Requires)},
					scenario.ReplacePosition{At: hid, Position: hiddenPosition(scenario.Rejects)},
					scenario.Grant{Veto: hiddenVeto("B")},
					scenario.Set{Field: "description", Value: hid},
				}}},
			},
			want: hiddenAt(
				"name", "as-of", "description",
				"sources[0].id", "sources[0].title", "sources[0].url", "sources[0].date", "sources[0].note",
				"actors[0].name", "actors[0].note", "actors[0].sources[1]",
				"guarantees[0].location", "guarantees[0].note", "guarantees[0].sources[1]",
				"positions[0].id", "positions[0].refuses.location", "positions[0].note", "positions[0].sources[1]",
				"vetoes[0].over.location", "vetoes[0].note", "vetoes[0].sources[1]",
				"variants[0].name", "variants[0].note", "variants[0].sources[1]",
				"variants[0].edits[0].without",
				"variants[0].edits[1].add-actor.name", "variants[0].edits[1].add-actor.note", "variants[0].edits[1].add-actor.sources[1]",
				"variants[0].edits[2].replace-actor.name", "variants[0].edits[2].replace-actor.note", "variants[0].edits[2].replace-actor.sources[1]",
				"variants[0].edits[3].add-guarantee.location", "variants[0].edits[3].add-guarantee.note", "variants[0].edits[3].add-guarantee.sources[1]",
				"variants[0].edits[4].replace-guarantee.location", "variants[0].edits[4].replace-guarantee.note", "variants[0].edits[4].replace-guarantee.sources[1]",
				"variants[0].edits[5].add-position.id", "variants[0].edits[5].add-position.requires.location", "variants[0].edits[5].add-position.note", "variants[0].edits[5].add-position.sources[1]",
				"variants[0].edits[6].replace-position.at",
				"variants[0].edits[6].replace-position.id", "variants[0].edits[6].replace-position.rejects.location", "variants[0].edits[6].replace-position.note", "variants[0].edits[6].replace-position.sources[1]",
				"variants[0].edits[7].grant.over.location", "variants[0].edits[7].grant.note", "variants[0].edits[7].grant.sources[1]",
				"variants[0].edits[8].set.to",
			),
		},
		{
			name:   "known kinds",
			reason: "kinds under a top level the SDK names warn of nothing, new ones below it included, and an actor's kind set by an edit is no guarantee kind",
			s: scenario.Scenario{
				Guarantees: []guarantee.Guarantee{{ID: "g", Kind: guarantee.AirSupport}, {ID: "h", Kind: "diplomatic/observers"}, {ID: "i"}},
				Positions:  []scenario.Position{{Stance: scenario.Refuses, Select: guarantee.Selector{Kind: guarantee.Military}}},
				Variants: []scenario.Variant{{Name: "v", Edits: []scenario.Edit{
					scenario.Set{Field: "NATO.kind", Value: "coalition"}, scenario.Set{Field: "g.kind", Value: "military/naval"}}}},
			},
		},
		{
			name:   "new top-level kinds",
			reason: "a kind outside the SDK's families stops counting as military and the like, wherever it is written",
			s: scenario.Scenario{
				Guarantees: []guarantee.Guarantee{{ID: "g", Kind: "air-support"}},
				Positions:  []scenario.Position{{Stance: scenario.Refuses, Select: guarantee.Selector{Kind: "militray"}}},
				Vetoes:     []scenario.Veto{{Holder: "A", Over: guarantee.Selector{Kind: "cyber"}}},
				Values:     []scenario.Value{{Actor: "A", Weights: []scenario.Weight{{Weight: 1, Select: guarantee.Selector{Kind: "aid"}}, {Weight: 1, Veto: "p"}}}},
				Variants: []scenario.Variant{{Name: "v", Edits: []scenario.Edit{
					scenario.AddGuarantee{Guarantee: guarantee.Guarantee{ID: "h", Kind: "naval"}}, scenario.Set{Field: "g.kind", Value: "sanction"}}}},
			},
			want: []warning{{"guarantees[0].kind", scenario.ErrNewTopKind}, {"positions[0].refuses.kind", scenario.ErrNewTopKind},
				{"vetoes[0].over.kind", scenario.ErrNewTopKind}, {"values[0].weights[0].select.kind", scenario.ErrNewTopKind},
				{"variants[0].edits[0].add-guarantee.kind", scenario.ErrNewTopKind}, {"variants[0].edits[1].set.to", scenario.ErrNewTopKind}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []warning
			for _, w := range scenario.Warnings(tt.s) {
				sentinel := w.Err
				for _, s := range []error{scenario.ErrHiddenText, scenario.ErrNotWebURL, scenario.ErrNewTopKind} {
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

// hid is text with an escape in it, which Warnings reports wherever it is.
const hid = "x\x1b[2J"

// The hidden* helpers put hid in every free-text field of an actor, a
// guarantee, a position and a veto; the first source of each is clean.
func hiddenActor(id actor.ID) actor.Actor {
	return actor.Actor{ID: id, Name: hid, Note: hid, Sources: []string{"ok", hid}}
}

func hiddenGuarantee(id guarantee.ID) guarantee.Guarantee {
	return guarantee.Guarantee{ID: id, Location: hid, Note: hid, Sources: []string{"ok", hid}}
}

func hiddenPosition(st scenario.Stance) scenario.Position {
	return scenario.Position{ID: hid, Actor: "A", Stance: st, Select: guarantee.Selector{Location: hid}, Note: hid, Sources: []string{"ok", hid}}
}

func hiddenVeto(holder actor.ID) scenario.Veto {
	return scenario.Veto{Holder: holder, Over: guarantee.Selector{Location: hid}, Note: hid, Sources: []string{"ok", hid}}
}

// TestWarningsNewTopKind checks what the warning of a new top-level kind
// says: the kind most likely meant, whether the family was left out or
// misspelt or the kind itself misspelt, and no guess when nothing is near.
func TestWarningsNewTopKind(t *testing.T) {
	const families = "military, intelligence, financial, sanctions and diplomatic"
	for _, c := range []struct {
		reason string
		kind   guarantee.Kind
		want   string
	}{
		{"a known kind without its family", "air-support",
			`"air-support" is a new top-level kind, so it counts as none of ` + families + `; did you mean "military/air-support"?`},
		{"a kind of one's own below a known kind, without the family", "surveillance/satellite",
			`"surveillance/satellite" is a new top-level kind, so it counts as none of ` + families + `; did you mean "intelligence/surveillance/satellite"?`},
		{"a misspelt family", "militray/arms",
			`"militray/arms" is a new top-level kind, so it counts as none of ` + families + `; did you mean "military/arms"?`},
		{"a misspelt kind without its family", "air-suport",
			`"air-suport" is a new top-level kind, so it counts as none of ` + families + `; did you mean "military/air-support"?`},
		{"a family of one's own", "cyber",
			`"cyber" is a new top-level kind, so it counts as none of ` + families + `; write it below one of them unless it is a family of its own`},
	} {
		s := scenario.Scenario{Guarantees: []guarantee.Guarantee{{ID: "g", Kind: c.kind}}}
		ws := scenario.Warnings(s)
		if len(ws) != 1 {
			t.Errorf("%s: Warnings = %v; want one", c.reason, ws)
			continue
		}
		if got := ws[0].Error(); got != "guarantees[0].kind: "+c.want {
			t.Errorf("%s:\ngot  %s\nwant guarantees[0].kind: %s", c.reason, got, c.want)
		}
	}
}
