package scenariofile_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// variantsFile has a variant of every kind of edit, with the values of
// set in each form the file takes (text, a number, a list, nothing), and
// comments throughout its variants section.
const variantsFile = `entente: 1
name: Ukraine
sources:
  - {id: seed, title: An article}
actors:
  - {id: US, name: United States}
  - {id: UA, name: Ukraine}
  - {id: RU, name: Russia}
  - {id: UK, name: United Kingdom}
  - id: NATO
    kind: alliance
    members: [US, UK]
guarantees:
  - id: us-air-support
    provider: US
    beneficiary: UA
    kind: military/air-support
    target: RU
positions:
  - id: ru-demands-veto
    actor: RU
    demands-veto: {beneficiary: UA}
  - {actor: US, refuses: {kind: military/ground-troops}}
vetoes:
  - {holder: RU, over: {beneficiary: UA}}
  - {holder: UK, over: {}}

# What-ifs.
variants:
  # Every kind of edit.
  - name: every-edit # the name
    note: one of each
    sources: [seed]
    edits:
      # The position without an ID, by its path.
      - without: positions[1]
      - grant: {holder: UK, over: {beneficiary: UA}, note: a new veto, sources: [seed]}
      - revoke: {holder: RU, over: {beneficiary: UA}} # RU loses its veto
      - revoke: {holder: UK}
      - add-actor: {id: PL, name: Poland}
      - replace-actor: {id: PL, name: Polska, note: renamed}
      - add-guarantee:
          id: pl-arms
          provider: PL
          beneficiary: UA
          kind: military/arms # small arms
      - replace-guarantee: {id: pl-arms, provider: PL, beneficiary: UA, kind: military/arms, strength: treaty}
      - add-position: {id: pl-position, actor: PL, refuses: {kind: military/ground-troops}}
      - replace-position: {at: ru-demands-veto, actor: RU, demands-veto: {beneficiary: UA, kind: military}}
      - replace-position: {id: pl-position, actor: PL, rejects-veto: {by: [RU]}}
      - set: {field: us-air-support.strength, to: treaty}
      - set:
          field: us-air-support.requires
          to:
            - pl-arms # the Polish arms
            - european-force
      - set: {field: NATO.threshold, to: 2}
      - set: {field: us-air-support.target} # no target
  - name: no-uk-veto
    edits:
      - revoke: {holder: UK, over: {}}
`

// variantsScenario is what variantsFile holds.
func variantsScenario() scenario.Scenario {
	return scenario.Scenario{
		Name:    "Ukraine",
		Sources: []scenario.Source{{ID: "seed", Title: "An article"}},
		Actors: []actor.Actor{
			{ID: "US", Name: "United States"},
			{ID: "UA", Name: "Ukraine"},
			{ID: "RU", Name: "Russia"},
			{ID: "UK", Name: "United Kingdom"},
			{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US", "UK"}},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "us-air-support", Provider: "US", Beneficiary: "UA", Kind: "military/air-support", Target: "RU"},
		},
		Positions: []scenario.Position{
			{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{Beneficiary: "UA"}},
			{Actor: "US", Stance: scenario.Refuses, Select: guarantee.Selector{Kind: "military/ground-troops"}},
		},
		Vetoes: []scenario.Veto{
			{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}},
			{Holder: "UK"},
		},
		Variants: []scenario.Variant{
			{
				Name:    "every-edit",
				Note:    "one of each",
				Sources: []string{"seed"},
				Edits: []scenario.Edit{
					scenario.Without{ID: "positions[1]"},
					scenario.Grant{Veto: scenario.Veto{Holder: "UK", Over: guarantee.Selector{Beneficiary: "UA"}, Note: "a new veto", Sources: []string{"seed"}}},
					scenario.Revoke{Holder: "RU", Over: &guarantee.Selector{Beneficiary: "UA"}},
					scenario.Revoke{Holder: "UK"},
					scenario.AddActor{Actor: actor.Actor{ID: "PL", Name: "Poland"}},
					scenario.ReplaceActor{Actor: actor.Actor{ID: "PL", Name: "Polska", Note: "renamed"}},
					scenario.AddGuarantee{Guarantee: guarantee.Guarantee{ID: "pl-arms", Provider: "PL", Beneficiary: "UA", Kind: "military/arms"}},
					scenario.ReplaceGuarantee{Guarantee: guarantee.Guarantee{ID: "pl-arms", Provider: "PL", Beneficiary: "UA", Kind: "military/arms", Strength: guarantee.Treaty}},
					scenario.AddPosition{Position: scenario.Position{ID: "pl-position", Actor: "PL", Stance: scenario.Refuses, Select: guarantee.Selector{Kind: "military/ground-troops"}}},
					scenario.ReplacePosition{At: "ru-demands-veto", Position: scenario.Position{Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{Kind: "military", Beneficiary: "UA"}}},
					scenario.ReplacePosition{Position: scenario.Position{ID: "pl-position", Actor: "PL", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"}}},
					scenario.Set{Field: "us-air-support.strength", Value: "treaty"},
					scenario.Set{Field: "us-air-support.requires", Value: "pl-arms, european-force"},
					scenario.Set{Field: "NATO.threshold", Value: "2"},
					scenario.Set{Field: "us-air-support.target"},
				},
			},
			{
				Name:  "no-uk-veto",
				Edits: []scenario.Edit{scenario.Revoke{Holder: "UK", Over: &guarantee.Selector{}}},
			},
		},
	}
}

// TestVariantsFile checks that a file with every kind of edit loads into
// the scenario Go builds, and that its variants apply.
func TestVariantsFile(t *testing.T) {
	want := variantsScenario()
	for _, v := range want.Variants {
		if _, err := want.Variant(v.Name); err != nil {
			t.Fatalf("the test's own variant does not apply: %v", err)
		}
	}
	got, err := scenariofile.Parse("variants.yaml", []byte(variantsFile))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Parse(variantsFile) differs (-want +got):\n%s", d)
	}
	v, err := got.Variant("every-edit")
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "Ukraine (variant every-edit)" || len(v.Variants) != 0 {
		t.Errorf("Variant gave name %q and %d variants; want the name with the variant's and none", v.Name, len(v.Variants))
	}
}

// TestVariantsRoundTrip checks that every kind of edit, in each form it
// takes, survives Marshal and Parse in both encodings.
func TestVariantsRoundTrip(t *testing.T) {
	s := variantsScenario()
	// Edits that do apply, but that the file above does not hold.
	s.Variants = append(s.Variants,
		scenario.Variant{Name: "more", Edits: []scenario.Edit{
			scenario.Set{Field: "description", Value: "12"},
			scenario.Set{Field: "name", Value: "a, b: c"},
			scenario.Set{Field: "timeline", Value: "peace-deal, attack(RU, UA)"},
			scenario.ReplacePosition{At: "positions[1]", Position: scenario.Position{ID: "us-no-troops", Actor: "US", Stance: scenario.Refuses, Note: "a note", Sources: []string{"seed"}}},
			scenario.AddActor{Actor: actor.Actor{ID: "EU", Kind: actor.Organization, Members: []actor.ID{"UK"}, Decides: actor.Majority}},
			scenario.Without{ID: "us-air-support"},
		}},
	)
	if err := scenario.Validate(s); err != nil {
		t.Fatal(err)
	}
	for _, e := range encodings {
		roundTrip(t, s, e)
	}
}

// TestVariantsJSON checks the values of set as JSON writes them: text, a
// number, a list, nothing.
func TestVariantsJSON(t *testing.T) {
	const file = `{
  "entente": 1,
  "actors": [{"id": "US"}, {"id": "UA"}, {"id": "UK"}, {"id": "B", "kind": "alliance", "members": ["US", "UK"]}],
  "guarantees": [{"id": "g", "provider": "US", "beneficiary": "UA", "kind": "military"}],
  "variants": [
    {"name": "v", "edits": [
      {"set": {"field": "g.strength", "to": "treaty"}},
      {"set": {"field": "B.threshold", "to": 2}},
      {"set": {"field": "B.members", "to": ["US", "UK", "UA"]}},
      {"set": {"field": "g.note", "to": ""}},
      {"set": {"field": "g.location", "to": []}},
      {"set": {"field": "g.target"}}
    ]}
  ]
}`
	s, err := scenariofile.Parse("v.json", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []scenario.Edit{
		scenario.Set{Field: "g.strength", Value: "treaty"},
		scenario.Set{Field: "B.threshold", Value: "2"},
		scenario.Set{Field: "B.members", Value: "US, UK, UA"},
		scenario.Set{Field: "g.note"},
		scenario.Set{Field: "g.location"},
		scenario.Set{Field: "g.target"},
	}
	if d := cmp.Diff(want, s.Variants[0].Edits); d != "" {
		t.Errorf("edits differ (-want +got):\n%s", d)
	}
}

// TestMarshalNilEdit checks that Marshal refuses an edit it cannot write,
// rather than write a file that does not load.
func TestMarshalNilEdit(t *testing.T) {
	s := scenario.Scenario{Variants: []scenario.Variant{{Name: "v", Edits: []scenario.Edit{nil}}}}
	for _, e := range encodings {
		if b, err := scenariofile.Marshal(s, e); err == nil {
			t.Errorf("%s: Marshal wrote a nil edit:\n%s", e, b)
		}
	}
}

// TestMarshalEditPointer checks that a pointer to an edit is written as
// the edit.
func TestMarshalEditPointer(t *testing.T) {
	s := variantsScenario()
	s.Variants[0].Edits[0] = &scenario.Without{ID: "positions[1]"}
	got, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	want, err := scenariofile.Marshal(variantsScenario(), scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("Marshal of a *Without differs from a Without (-want +got):\n%s", d)
	}
}

// variantsBase is the scenario of the variant mistakes: the United States
// guarantees Ukraine air support, and the deal grants Russia a veto.
const variantsBase = `entente: 1
actors:
  - {id: US, name: United States}
  - {id: UA, name: Ukraine}
  - {id: RU, name: Russia}
guarantees:
  - {id: us-air-support, provider: US, beneficiary: UA, kind: military/air-support}
vetoes:
  - {holder: RU, over: {beneficiary: UA}}
`

// variantMistakes are the slips of a variants section, each with the exact
// errors Parse must report.
var variantMistakes = []struct {
	name   string
	file   string
	in     string
	want   []string
	is     []error
	reason string
}{
	{
		name: "misspelt edit",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - withot: UA
`,
		want:   []string{`ua.yaml:13:9: variants[0].edits[0].withot: unknown key "withot"; did you mean "without"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "an unknown key in an edit names the edit it was meant to be, and no second error says the edit is missing",
	},
	{
		name: "likelihood above 1 in an edit",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - add-position: {actor: RU, demands-veto: {beneficiary: UA}, likelihood: 1.5}
`,
		want:   []string{`ua.yaml:13:80: variants[0].edits[0].add-position.likelihood: a likelihood must be a number from 0 to 1: 1.5`},
		is:     []error{guarantee.ErrLikelihood},
		reason: "a position an edit brings is read as a position is, likelihood and all, and the variant is not applied",
	},
	{
		name: "likelihood as a percentage in a grant",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - grant: {holder: US, likelihood: "30%"}
`,
		want:   []string{`ua.yaml:13:41: variants[0].edits[0].grant.likelihood: wrong type: want a number from 0 to 1, found "30%" (for 30%, write 0.3)`},
		is:     []error{scenariofile.ErrType},
		reason: "a granted veto is read as in vetoes",
	},
	{
		name: "negative likelihood in a replaced guarantee",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - replace-guarantee:
          id: us-air-support
          provider: US
          beneficiary: UA
          kind: military/air-support
          likelihood: -1
`,
		want:   []string{`ua.yaml:18:23: variants[0].edits[0].replace-guarantee.likelihood: a likelihood must be a number from 0 to 1: -1`},
		is:     []error{guarantee.ErrLikelihood},
		reason: "a guarantee an edit brings is read as in guarantees",
	},
	{
		name: "likelihood beside an edit",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - {grant: {holder: US}, likelihood: 0.5}
`,
		want:   []string{`ua.yaml:13:31: variants[0].edits[0].likelihood: unknown key "likelihood": a likelihood goes inside the guarantee, position or veto the edit brings`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "the likelihood is the granted veto's, not the edit's",
	},
	{
		name: "unknown key inside an edit",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - grant: {holder: RU, ovr: {beneficiary: UA}}
`,
		want:   []string{`ua.yaml:13:29: variants[0].edits[0].grant.ovr: unknown key "ovr"; did you mean "over"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "what an edit brings is read as the same part of a scenario is, with the same errors",
	},
	{
		name: "unknown key of a variant",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edit:
      - without: us-air-support
`,
		want:   []string{`ua.yaml:12:5: variants[0].edit: unknown key "edit"; did you mean "edits"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "the misspelt edits are not also reported missing",
	},
	{
		name: "two edits in one",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - {without: us-air-support, grant: {holder: US}}
`,
		want:   []string{"ua.yaml:13:35: variants[0].edits[0].grant: an edit makes one change; this one has both without and grant (split it in two)"},
		reason: "an edit is one change; the error points at the second",
	},
	{
		name: "no edit in an edit",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - {}
`,
		want:   []string{"ua.yaml:13:9: variants[0].edits[0]: an edit needs one of without, add-actor, add-guarantee, add-position, replace-actor, replace-guarantee, replace-position, grant, revoke, set, with-mandate, without-mandate"},
		reason: "an empty edit says what an edit can be",
	},
	{
		name: "edit written as text",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - without us-air-support
`,
		want:   []string{`ua.yaml:13:9: variants[0].edits[0]: wrong type: want a mapping of without, add-actor, add-guarantee, add-position, replace-actor, replace-guarantee, replace-position, grant, revoke, set, with-mandate, without-mandate, found "without us-air-support"`},
		is:     []error{scenariofile.ErrType},
		reason: "a missing colon makes the edit text",
	},
	{
		name: "without nothing",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - without:
`,
		want:   []string{"ua.yaml:13:17: variants[0].edits[0].without: missing: want the ID of an actor, a guarantee or a position"},
		is:     []error{guarantee.ErrMissing},
		reason: "without needs an ID",
	},
	{
		name: "missing name",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - note: no name
    edits:
      - without: us-air-support
`,
		want:   []string{"ua.yaml:11:5: variants[0].name: missing"},
		is:     []error{guarantee.ErrMissing},
		reason: "a variant needs a name; the error points at the variant",
	},
	{
		name: "duplicate name",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits: [{without: us-air-support}]
  - name: v
    edits: [{revoke: {holder: RU}}]
`,
		want:   []string{`ua.yaml:13:11: variants[1].name: duplicate ID "v" (also variants[0])`},
		is:     []error{scenario.ErrDuplicateID},
		reason: "variants are named apart",
	},
	{
		name: "name with a space",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: no veto
    edits: [{revoke: {holder: RU}}]
`,
		want:   []string{`ua.yaml:11:11: variants[0].name: invalid variant name "no veto": want letters, digits, '-' or '_'`},
		reason: "a variant's name is written as an ID, for the command line",
	},
	{
		name: "no edits",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    note: nothing yet
`,
		want:   []string{"ua.yaml:11:5: variants[0].edits: missing: a variant needs at least one edit"},
		is:     []error{guarantee.ErrMissing},
		reason: "a variant that changes nothing is a mistake",
	},
	{
		name: "empty edits",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits: []
`,
		want:   []string{"ua.yaml:12:12: variants[0].edits: a variant needs at least one edit"},
		reason: "an empty list of edits is no edit",
	},
	{
		name: "variants as a mapping",
		file: "ua.yaml",
		in: variantsBase + `variants: {name: v}
`,
		want:   []string{"ua.yaml:10:11: variants: wrong type: want a list of variants, found a mapping"},
		is:     []error{scenariofile.ErrType},
		reason: "variants is a list even when there is one",
	},
	{
		name: "edit that does not apply",
		file: "ukraine.yaml",
		in: variantsBase + `variants:
  - name: no-ukraine
    edits:
      - without: UA
`,
		want:   []string{"ukraine.yaml:13:9: variants[0].edits[0]: without UA: actor UA is still named by guarantees[0].beneficiary (us-air-support), vetoes[0].over.beneficiary; remove or change those first"},
		is:     []error{scenario.ErrEdit},
		reason: "a variant is applied at load; the error points at the edit that fails, and says what still names the actor",
	},
	{
		name: "later edit of a later variant",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: ok
    edits: [{revoke: {holder: RU}}]
  - name: twice
    edits:
      - revoke: {holder: RU}
      - set: {field: name, to: revoked}
      - revoke: {holder: RU}
`,
		want:   []string{"ua.yaml:17:9: variants[1].edits[2]: revoke RU vetoes: the deal grants RU no veto"},
		is:     []error{scenario.ErrEdit},
		reason: "each edit applies to what the edits before it left; the error is at the one that fails",
	},
	{
		name: "set with an unknown field",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - set: {field: us-air-support.strenght, to: treaty}
`,
		want:   []string{`ua.yaml:13:9: variants[0].edits[0]: set us-air-support.strenght = treaty: a guarantee has no field "strenght": want one of provider, beneficiary, kind, target, location, strength, trigger, activation, parties-aside, requires, likelihood, note`},
		is:     []error{scenario.ErrEdit},
		reason: "the fields set takes are listed",
	},
	{
		name: "set to a mapping",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - set: {field: us-air-support.strength, to: {level: treaty}}
`,
		want:   []string{"ua.yaml:13:51: variants[0].edits[0].set.to: wrong type: want text, a number or a list, found a mapping"},
		is:     []error{scenariofile.ErrType},
		reason: "set takes text, a number or a list",
	},
	{
		name: "added guarantee with an unknown actor",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - add-guarantee: {id: pl-arms, provider: PL, beneficiary: UA, kind: military/arms}
`,
		want:   []string{`ua.yaml:13:9: variants[0].edits[0]: add guarantee pl-arms: guarantees[1].provider: unknown actor "PL"`},
		is:     []error{scenario.ErrEdit, actor.ErrUnknownActor},
		reason: "what an edit adds is checked against the scenario as the edits before it left it",
	},
	{
		name: "added position with no stance",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - add-position: {actor: US}
`,
		want:   []string{"ua.yaml:13:23: variants[0].edits[0].add-position: a position needs one of refuses, rejects, requires, demands-veto, rejects-veto"},
		reason: "a position in an edit is read as one in positions",
	},
	{
		name: "misspelt at",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - replace-position: {att: "positions[0]", actor: US, refuses: {}}
`,
		want:   []string{`ua.yaml:13:28: variants[0].edits[0].replace-position.att: unknown key "att"; did you mean "at"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "replace-position takes at beside a position's keys",
	},
	{
		name: "at outside replace-position",
		file: "ua.yaml",
		in: variantsBase + `variants:
  - name: v
    edits:
      - add-position: {at: "positions[0]", actor: US, refuses: {}}
`,
		want:   []string{`ua.yaml:13:24: variants[0].edits[0].add-position.at: unknown key "at": only replace-position takes at`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "only replace-position takes at",
	},
	{
		name: "edit that does not apply, in JSON",
		file: "ua.json",
		in: `{"entente": 1, "actors": [{"id": "UA"}, {"id": "US"}],
 "guarantees": [{"id": "g", "provider": "US", "beneficiary": "UA", "kind": "military"}],
 "variants": [{"name": "v", "edits": [
   {"set": {"field": "g.requires", "to": ["a", "b"]}},
   {"without": "UA"}]}]}
`,
		want:   []string{"ua.json:5:4: variants[0].edits[1]: without UA: actor UA is still named by guarantees[0].beneficiary (g); remove or change those first"},
		is:     []error{scenario.ErrEdit},
		reason: "JSON files point at the edit's opening brace",
	},
}

func TestVariantMistakes(t *testing.T) {
	for _, tc := range variantMistakes {
		t.Run(tc.name, func(t *testing.T) {
			s, err := scenariofile.Parse(tc.file, []byte(tc.in))
			if err == nil {
				t.Fatalf("Parse succeeded; want errors (%s)", tc.reason)
			}
			if d := cmp.Diff(tc.want, messages(t, err)); d != "" {
				t.Errorf("errors differ (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
			if d := cmp.Diff(scenario.Scenario{}, s); d != "" {
				t.Errorf("Parse returned a scenario with its error (-want +got):\n%s", d)
			}
			for _, target := range tc.is {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false; want true (%s)", target, tc.reason)
				}
			}
		})
	}
}

// TestFormatVariants checks that Format puts a variants section in
// canonical order and keeps its comments with their fields.
func TestFormatVariants(t *testing.T) {
	const head = `entente: 1
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
guarantees:
  - id: us-air-support
    provider: US
    beneficiary: UA
    kind: military/air-support
positions:
  - {actor: US, refuses: {kind: military/ground-troops}}
vetoes:
  - {holder: RU, over: {beneficiary: UA}}
`
	in := head + `
# What-ifs.
variants:
  # Russia's veto goes.
  - edits:
      # First the veto.
      - revoke: {over: {beneficiary: UA}, holder: RU} # the one it has
      - replace-position: {actor: US, refuses: {}, at: "positions[0]"}
      - set:
          to:
            - a # first
            - b
          field: us-air-support.requires
    name: no-veto # the name
# At the foot of the file.
`
	want := head + `
# What-ifs.
variants:
  # Russia's veto goes.
  - name: no-veto # the name
    edits:
      # First the veto.
      - revoke: {holder: RU, over: {beneficiary: UA}} # the one it has
      - replace-position: {at: 'positions[0]', actor: US, refuses: {}}
      - set:
          field: us-air-support.requires
          # first
          to: a, b
# At the foot of the file.
`
	got, err := scenariofile.Format("v.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, string(got)); d != "" {
		t.Errorf("Format differs (-want +got):\n%s", d)
	}
	s1, _ := scenariofile.Parse("v.yaml", []byte(in))
	s2, err := scenariofile.Parse("v.yaml", got)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s1, s2); d != "" {
		t.Errorf("Format changed the scenario (-want +got):\n%s", d)
	}
	var checked atomic.Int64
	formatWithEveryComment(t, "variants.yaml", variantsFile, &checked)
	formatWithEveryComment(t, "format.yaml", in, &checked)
	if n := checked.Load(); n < 100 {
		t.Errorf("checked %d places; want about two for each line", n)
	}
}

// variantsSchema compiles the package's schema.
func variantsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(scenariofile.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestVariantsSchema checks that the schema accepts every kind of edit,
// in the file above and as Marshal writes it, and rejects the edits and
// variants that do not load, as Parse does.
func TestVariantsSchema(t *testing.T) {
	sch := variantsSchema(t)
	instance := func(name string, data []byte) any {
		t.Helper()
		if scenariofile.EncodingOf(name) == scenariofile.JSON {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := sch.Validate(instance("variants.yaml", []byte(variantsFile))); err != nil {
		t.Errorf("the schema rejects a file with every edit:\n%v", err)
	}
	for _, e := range encodings {
		b, err := scenariofile.Marshal(variantsScenario(), e)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(instance("out."+e.String(), b)); err != nil {
			t.Errorf("the schema rejects what Marshal(%v) writes:\n%v\n%s", e, err, b)
		}
	}

	for _, c := range []struct{ reason, variants string }{
		{"an edit with two keys", "  - name: v\n    edits:\n      - {without: us-air-support, revoke: {holder: RU}}\n"},
		{"an edit with no key", "  - name: v\n    edits:\n      - {}\n"},
		{"an unknown edit", "  - name: v\n    edits:\n      - remove: us-air-support\n"},
		{"an unknown key inside an edit", "  - name: v\n    edits:\n      - revoke: {holder: RU, ovr: {}}\n"},
		{"at outside replace-position", "  - name: v\n    edits:\n      - add-position: {at: x, actor: US, refuses: {}}\n"},
		{"a set with a mapping", "  - name: v\n    edits:\n      - set: {field: us-air-support.strength, to: {a: b}}\n"},
		{"a variant with no name", "  - edits:\n      - without: us-air-support\n"},
		{"a variant with no edits", "  - name: v\n"},
		{"a variant with an empty list of edits", "  - name: v\n    edits: []\n"},
		{"a variant name with a space", "  - name: a v\n    edits:\n      - without: us-air-support\n"},
		{"a likelihood above 1 in an added guarantee", "  - name: v\n    edits:\n      - add-guarantee: {id: g, provider: US, beneficiary: UA, kind: military, likelihood: 2}\n"},
		{"a likelihood as text in a replaced position", "  - name: v\n    edits:\n      - replace-position: {at: 'positions[0]', actor: US, refuses: {}, likelihood: likely}\n"},
		{"a negative likelihood in a grant", "  - name: v\n    edits:\n      - grant: {holder: US, likelihood: -0.5}\n"},
		{"a likelihood beside an edit", "  - name: v\n    edits:\n      - {grant: {holder: US}, likelihood: 0.5}\n"},
	} {
		t.Run(c.reason, func(t *testing.T) {
			doc := variantsBase + "variants:\n" + c.variants
			if sch.Validate(instance("case.yaml", []byte(doc))) == nil {
				t.Errorf("the schema accepts %s:\n%s", c.reason, doc)
			}
			if _, err := scenariofile.Parse("case.yaml", []byte(doc)); err == nil {
				t.Errorf("Parse accepts %s, which the schema rejects", c.reason)
			}
		})
	}
}

// A scenario file can hold named what-ifs, each a list of edits; Parse
// checks that each applies, and Variant applies one.
func ExampleParse_variants() {
	const file = `entente: 1
name: Ukraine
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
guarantees:
  - {id: us-air-support, provider: US, beneficiary: UA, kind: military/air-support}
vetoes:
  - {holder: RU, over: {beneficiary: UA}}
variants:
  - name: no-russian-veto
    edits:
      - revoke: {holder: RU}
      - set: {field: us-air-support.strength, to: treaty}
`
	s, err := scenariofile.Parse("ukraine.yaml", []byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := s.Variant("no-russian-veto")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Name)
	fmt.Println("vetoes:", len(v.Vetoes))
	fmt.Println("strength:", v.Guarantees[0].Strength)

	_, err = scenariofile.Parse("ukraine.yaml", []byte(strings.Replace(file, "holder: RU}", "holder: US}", 1)))
	fmt.Println(err)
	// Output:
	// Ukraine (variant no-russian-veto)
	// vetoes: 0
	// strength: treaty
	// ukraine.yaml:14:9: variants[0].edits[0]: revoke US vetoes: the deal grants US no veto
}
