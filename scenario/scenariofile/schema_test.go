package scenariofile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"
)

const schemaID = "https://github.com/entente-go/entente/scenario/scenariofile/schema.json"

// schemaCompile compiles Schema() as a draft 2020-12 schema, which also
// checks it against the draft's meta-schema.
func schemaCompile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatalf("schema.json does not compile: %v", err)
	}
	return sch
}

func TestSchemaCompiles(t *testing.T) {
	if !json.Valid(Schema()) {
		t.Fatal("schema.json is not valid JSON")
	}
	schemaCompile(t)

	var head struct {
		Schema      string `json:"$schema"`
		ID          string `json:"$id"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal(Schema(), &head); err != nil {
		t.Fatal(err)
	}
	if head.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q, want draft 2020-12", head.Schema)
	}
	if head.ID != schemaID {
		t.Errorf("$id = %q, want %q", head.ID, schemaID)
	}
	if head.Title == "" || head.Description == "" {
		t.Error("the schema has no title or no description")
	}

	s := Schema()
	s[0] = 'x'
	if Schema()[0] == 'x' {
		t.Error("Schema returns the embedded bytes, not a copy")
	}
}

// TestSchemaKeysMatchDecoder checks that the schema's property names, at
// every level, are the decoder's key lists, so that the two cannot drift
// apart; and that every property says what it is, for editors to show.
func TestSchemaKeysMatchDecoder(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatal(err)
	}
	// The objects of format 1, by their place in the schema.
	want := map[string][]string{
		"":                    topKeys,
		"/$defs/source":       sourceKeys,
		"/$defs/actor":        actorKeys,
		"/$defs/guarantee":    guaranteeKeys,
		"/$defs/selector":     selectorKeys,
		"/$defs/vetoSelector": append(slices.Clone(selectorKeys), "by"),
		"/$defs/position":     positionKeys,
		"/$defs/veto":         vetoKeys,
		"/$defs/value":        valueKeys,
		"/$defs/weight":       weightKeys,

		"/$defs/variant":         variantKeys,
		"/$defs/edit":            editKeys,
		"/$defs/replacePosition": replacePositionKeys,
		"/$defs/revoke":          revokeKeys,
		"/$defs/set":             setKeys,
		"/$defs/mandate":         mandateKeys,
		"/$defs/withMandate":     withMandateKeys,
		"/$defs/datedEvent":      datedEventKeys,
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	seen := map[string]bool{}

	// walk visits every schema object below v; owner is the object of
	// format 1 that v is a subschema of, or "-" for none.
	var walk func(v any, ptr, owner string)
	walk = func(v any, ptr, owner string) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(e, fmt.Sprintf("%s/%d", ptr, i), owner)
			}
			return
		case map[string]any:
			if keys, ok := want[ptr]; ok {
				owner = ptr
				seen[ptr] = true
				props, _ := v["properties"].(map[string]any)
				if d := cmp.Diff(sorted(keys), slices.Sorted(maps.Keys(props))); d != "" {
					t.Errorf("%s: properties differ from the decoder's keys (-decoder +schema):\n%s", ptr, d)
				}
				if v["additionalProperties"] != false {
					t.Errorf("%s: additionalProperties is not false", ptr)
				}
				if v["type"] != "object" {
					t.Errorf("%s: type is %v, want object", ptr, v["type"])
				}
				required, _ := v["required"].([]any)
				for _, r := range required {
					if !slices.Contains(keys, r.(string)) {
						t.Errorf("%s: requires %q, which is not one of its keys", ptr, r)
					}
				}
				for k, p := range props {
					if !schemaDescribed(root, p) {
						t.Errorf("%s: property %q has no description", ptr, k)
					}
				}
			} else if props, ok := v["properties"].(map[string]any); ok {
				// A subschema of an object's own (if/then): its property
				// names must be the object's.
				if owner == "-" {
					t.Errorf("%s: properties outside any object of format 1", ptr)
					props = nil
				}
				for k := range props {
					if !slices.Contains(want[owner], k) {
						t.Errorf("%s: property %q is not a key of %s", ptr, k, owner)
					}
				}
				if _, ok := v["additionalProperties"]; ok {
					t.Errorf("%s: additionalProperties outside the objects of format 1", ptr)
				}
			}
			for k, e := range v {
				switch k {
				case "enum", "const", "examples", "default":
					continue // values, not schemas
				case "$defs", "properties", "items":
					// Schemas of other things than the object itself
					// (allOf, if and then are of the object).
					walk(e, ptr+"/"+k, "-")
				default:
					walk(e, ptr+"/"+k, owner)
				}
			}
		}
	}
	walk(root, "", "")
	for ptr := range want {
		if !seen[ptr] {
			t.Errorf("no object at %s", ptr)
		}
	}

	// Exactly one stance, or one edit: one branch of oneOf per key.
	for def, keys := range map[string][]string{"position": stanceKeys, "replacePosition": stanceKeys, "edit": editKeys} {
		var got []string
		for _, b := range root["$defs"].(map[string]any)[def].(map[string]any)["oneOf"].([]any) {
			req := b.(map[string]any)["required"].([]any)
			if len(req) != 1 {
				t.Errorf("%s: oneOf branch requires %v, want one key", def, req)
				continue
			}
			got = append(got, req[0].(string))
		}
		if d := cmp.Diff(sorted(keys), sorted(got)); d != "" {
			t.Errorf("%s: the oneOf keys differ from the decoder's (-decoder +schema):\n%s", def, d)
		}
	}
}

// schemaDescribed reports whether the property schema p has a
// description, or is a bare reference to another property that has one.
func schemaDescribed(root map[string]any, p any) bool {
	m, ok := p.(map[string]any)
	if !ok {
		return false
	}
	if d, _ := m["description"].(string); d != "" {
		return true
	}
	ref, _ := m["$ref"].(string)
	if !strings.Contains(ref, "/properties/") {
		return false
	}
	var v any = root
	for seg := range strings.SplitSeq(strings.TrimPrefix(ref, "#/"), "/") {
		obj, _ := v.(map[string]any)
		v = obj[seg]
	}
	return schemaDescribed(root, v)
}

// schemaInstance returns the content of a scenario file as JSON values,
// for the validator: JSON files as JSON; YAML files decoded into any, with
// keys made strings, dates (which YAML decodes as times) written back as
// dates, and .nan and .inf as text.
func schemaInstance(name string, data []byte) (any, error) {
	if EncodingOf(name) == JSON {
		return jsonschema.UnmarshalJSON(bytes.NewReader(data))
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return schemaNormalize(v), nil
}

func schemaNormalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = schemaNormalize(e)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fmt.Sprint(k)] = schemaNormalize(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = schemaNormalize(e)
		}
		return out
	case time.Time:
		if h, m, s := v.Clock(); h == 0 && m == 0 && s == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339Nano)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			// YAML's .nan and .inf, which JSON has no number for (and
			// on which the validator panics): as text, which no number
			// in the schema matches.
			return fmt.Sprint(v)
		}
		return v
	case nil, bool, string, int, int64, uint64:
		return v
	}
	return fmt.Sprint(v)
}

// schemaStructural reports whether err says something the schema can see
// as well: an unknown key, a value of the wrong type, a missing or wrong
// version. Merge keys (<<) are unknown keys the schema cannot see, since
// decoding into any merges them away.
func schemaStructural(err error) bool {
	es, ok := errors.AsType[Errors](err)
	if !ok {
		return false
	}
	for _, e := range es {
		switch {
		case errors.Is(e, ErrUnknownKey) && strings.Contains(e.Err.Error(), "(<<)"):
		case errors.Is(e, ErrUnknownKey), errors.Is(e, ErrType), errors.Is(e, ErrVersion):
			return true
		}
	}
	return false
}

// schemaModuleRoot returns the directory of go.mod, going up from the
// test's directory.
func schemaModuleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = up
	}
}

// TestSchemaAgreesWithFiles checks the schema against the repository's
// scenario files: every YAML or JSON file under examples/ or a testdata/
// directory that loads is valid under the schema, and every file under a
// testdata/bad/ directory that fails to load for a reason the schema can
// see (an unknown key, a wrong type, a missing entente) is invalid under
// it. A few inline bad files make sure the second half always has cases.
func TestSchemaAgreesWithFiles(t *testing.T) {
	sch := schemaCompile(t)
	root := schemaModuleRoot(t)

	type file struct {
		name string
		data []byte
		bad  bool // under testdata/bad/
	}
	var files []file
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		if parts[0] != "examples" && !slices.Contains(parts, "testdata") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		bad := strings.Contains("/"+filepath.ToSlash(rel), "/testdata/bad/")
		files = append(files, file{filepath.ToSlash(rel), data, bad})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{
		{"inline/bad/unknown-key.yaml", "entente: 1\nnmae: typo\n"},
		{"inline/bad/no-entente.yaml", "name: no version\n"},
		{"inline/bad/wrong-type.yaml", "entente: 1\nactors: {id: US}\n"},
		{"inline/bad/unknown-key.json", `{"entente": 1, "guarantees": [{"id": "g", "provider": "US", "beneficiary": "UA", "kind": "military", "strenght": "treaty"}]}`},
	} {
		files = append(files, file{c.name, []byte(c.text), true})
	}

	var good, bad int
	for _, f := range files {
		s, perr := Parse(f.name, f.data)
		if perr != nil && !(f.bad && schemaStructural(perr)) {
			continue // not a scenario, or wrong in ways only Parse sees
		}
		v, err := schemaInstance(f.name, f.data)
		if err != nil {
			if perr == nil {
				t.Errorf("%s loads, but not into JSON values: %v", f.name, err)
			}
			continue // a key given twice, which decoding into any refuses
		}
		verr := sch.Validate(v)
		switch {
		case perr == nil:
			good++
			if verr != nil {
				t.Errorf("%s loads, but the schema rejects it:\n%v", f.name, verr)
			}
			// What Marshal writes of it is valid too, in either notation.
			for _, e := range []Encoding{YAML, JSON} {
				out, err := Marshal(s, e)
				if err != nil {
					t.Errorf("%s: Marshal(%v): %v", f.name, e, err)
					continue
				}
				v, err := schemaInstance("out."+e.String(), out)
				if err == nil {
					err = sch.Validate(v)
				}
				if err != nil {
					t.Errorf("%s: the schema rejects what Marshal(%v) writes of it:\n%v\n%s", f.name, e, err, out)
				}
			}
		default:
			bad++
			if verr == nil {
				t.Errorf("%s fails to load, but the schema accepts it; Parse says:\n%v", f.name, perr)
			}
		}
	}
	t.Logf("checked %d files that load and %d that do not", good, bad)
	if good == 0 {
		t.Error("found no scenario file that loads; is the seed under examples/ gone?")
	}
	if bad == 0 {
		t.Error("found no bad file to check")
	}
}

// TestSchemaCases checks what the schema accepts and rejects, one reason
// at a time. Where the decoder agrees, the case checks that too; where
// they differ on purpose, the case says why.
func TestSchemaCases(t *testing.T) {
	sch := schemaCompile(t)
	const actors = `
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
  - {id: UK}
  - {id: NATO, kind: alliance, members: [US, UK]}
`
	for _, c := range []struct {
		reason string
		doc    string
		valid  bool
		// differs says why the decoder does not agree, if it does not.
		differs string
	}{
		// Accepted.
		{reason: "the least scenario", doc: "entente: 1\n", valid: true},
		{reason: "every key of format 1", valid: true, doc: `
entente: 1
name: Every key
as-of: 2025-08-21
description: One of each.
sources:
  - {id: seed, title: An article, url: "https://example.org/a", date: 2025-08-21, note: a note}
actors:
  - {id: US, name: United States, kind: state, note: n, sources: [seed]}
  - {id: UA}
  - {id: RU}
  - {id: UK}
  - {id: UNSC, kind: organization, members: [US, UK, RU], decides: majority, threshold: 2, vetoes: [US, RU]}
  - {id: willing, kind: coalition, members: [UK]}
guarantees:
  - id: air
    provider: US
    beneficiary: UA
    kind: military/air-support
    target: RU
    location: UA
    strength: treaty
    trigger: all(peace-deal, attack(RU, UA))
    activation: consent(UK, UA)
    requires: [force]
    likelihood: 0.7
    mandate: {body: UNSC, every: 6 months, from: 2025-08-21, ends: 2027-08-21}
    note: n
    sources: [seed, "a citation, in free text"]
  - {id: force, provider: willing, beneficiary: UA, kind: military/ground-troops, activation: body(UNSC)}
positions:
  - {id: p1, actor: US, refuses: {kind: military/ground-troops}, likelihood: 0.9, note: n, sources: [seed]}
  - {actor: RU, rejects: {kind: military, provider-in: UNSC, location: UA}}
  - {actor: UA, requires: {ids: [air, force], target: RU, provider: US}}
  - {actor: RU, demands-veto: {beneficiary: UA}}
  - {actor: UA, rejects-veto: {by: [RU], beneficiary: UA}}
  - {actor: UA, rejects-veto: {by: []}}
vetoes:
  - {holder: RU, over: {beneficiary: UA}, likelihood: 0.5, note: n, sources: [seed]}
  - {holder: RU}
timeline:
  - peace-deal
  - attack(RU, UA)
  - ceasefire()
  - {date: 2025-09-01, event: "attack(RU, UA)"}
  - {date: 2026-02-21, event: renewal(UNSC)}
variants:
  - name: v
    edits:
      - with-mandate: {guarantee: force, body: UNSC, every: 1 year}
      - without-mandate: air
`},
		{reason: "a mandate that only ends", valid: true, doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {ends: 2030-01-01}}\n"},
		{reason: "a dated timeline in block style", valid: true, doc: "entente: 1" + actors + "timeline:\n  - date: 2009-06-15\n    event: renewal\n  - date: 2009-06-15\n    event: attack(RU, UA)\n"},
		{reason: "consensus is another name for unanimity", valid: true, doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US], decides: consensus}\n"},
		{reason: "a kind of one's own", valid: true, doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: cyber/incident-response}\n"},
		{reason: "a number as a name is its text", valid: true, doc: "entente: 1\nname: 2025\n"},
		{reason: "a threshold on a coalition that decides by majority", valid: true, doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: UK}\n  - {id: W, kind: coalition, members: [US, UK], decides: majority, threshold: 2}\n"},
		{reason: "the provider's own decision, written out", valid: true, doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: NATO, beneficiary: UA, kind: military, activation: provider}\n"},
		{reason: "likelihoods 0, 1 and 0.25", valid: true, doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, likelihood: 0}\npositions:\n  - {actor: US, refuses: {}, likelihood: 1}\nvetoes:\n  - {holder: RU, likelihood: 0.25}\n"},
		{reason: "a likelihood in exponent form", valid: true, doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: 1e-3}\n"},

		// Rejected.
		{reason: "an unknown key", doc: "entente: 1\nnmae: typo\n"},
		{reason: "an unknown key in an actor", doc: "entente: 1\nactors:\n  - {id: US, nmae: typo}\n"},
		{reason: "an unknown key in a selector", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: {knid: military}}\n"},
		{reason: "no entente", doc: "name: x\n"},
		{reason: "entente: 2", doc: "entente: 2\n"},
		{reason: "entente as text", doc: "entente: \"1\"\n"},
		{reason: "a position with two stances", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: {kind: military}, rejects: {kind: military}}\n"},
		{reason: "a position with no stance", doc: "entente: 1" + actors + "positions:\n  - {actor: US}\n"},
		{reason: "a position with no actor", doc: "entente: 1" + actors + "positions:\n  - {refuses: {kind: military}}\n"},
		{reason: "a stance with nothing after it", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: }\n"},
		{reason: "by on a refuses selector", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: {by: [RU], kind: military}}\n"},
		{reason: "by beside the stance, not inside it", doc: "entente: 1" + actors + "positions:\n  - {actor: UA, by: [RU], rejects-veto: {beneficiary: UA}}\n"},
		{reason: "by in a granted veto", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, over: {by: [US]}}\n"},
		{reason: "threshold 0", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US], threshold: 0}\n",
			differs: "the decoder reads threshold 0 as no threshold; the schema wants a count of 1 or more"},
		{reason: "a negative threshold", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US], threshold: -1}\n"},
		{reason: "a threshold as text", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US], threshold: \"1\"}\n"},
		{reason: "a threshold on a coalition that decides separately", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: W, kind: coalition, members: [US], threshold: 1}\n"},
		{reason: "a state with members", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: UK, members: [US]}\n"},
		{reason: "a state with a decision rule", doc: "entente: 1\nactors:\n  - {id: US, kind: state, decides: majority}\n"},
		{reason: "a member twice", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US, US]}\n"},
		{reason: "an unknown actor kind", doc: "entente: 1\nactors:\n  - {id: US, kind: country}\n"},
		{reason: "an unknown decision rule", doc: "entente: 1\nactors:\n  - {id: US}\n  - {id: B, kind: alliance, members: [US], decides: vote}\n"},
		{reason: "an actor ID with a space", doc: "entente: 1\nactors:\n  - {id: U S}\n"},
		{reason: "an actor with no ID", doc: "entente: 1\nactors:\n  - {name: United States}\n"},
		{reason: "actors as a mapping, not a list", doc: "entente: 1\nactors: {id: US}\n"},
		{reason: "kind Military, not lower case", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: Military}\n"},
		{reason: "a kind with an empty segment", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military//naval}\n"},
		{reason: "strength strong", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, strength: strong}\n"},
		{reason: "a guarantee with no kind", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA}\n"},
		{reason: "a guarantee with no provider", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, beneficiary: UA, kind: military}\n"},
		{reason: "an unclosed trigger", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, trigger: \"attack(RU, UA\"}\n"},
		{reason: "a trigger with a stray character", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, trigger: \"attack(RU; UA)\"}\n"},
		{reason: "body of two actors", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: \"body(NATO, US)\"}\n"},
		{reason: "consent of nobody", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: consent()}\n"},
		{reason: "an unknown activation", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: vote}\n"},
		{reason: "a location with a leading space", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, location: \" UA\"}\n"},
		{reason: "a timeline entry that combines events", doc: "entente: 1\ntimeline:\n  - all(peace-deal)\n"},
		{reason: "a timeline event name with '_'", doc: "entente: 1\ntimeline:\n  - peace_deal\n"},
		{reason: "an empty mandate", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {}}\n"},
		{reason: "a mandate period in weeks", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {body: NATO, every: 6 weeks}}\n"},
		{reason: "a mandate period with no body", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {every: 6 months, ends: 2030-01-01}}\n"},
		{reason: "a mandate start with no period", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {body: NATO, from: 2025-01-01}}\n"},
		{reason: "a mandate end not written YYYY-MM-DD", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {ends: 1 January 2030}}\n"},
		{reason: "an unknown key in a mandate", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, mandate: {body: NATO, until: 2030-01-01}}\n"},
		{reason: "a dated entry with no event", doc: "entente: 1\ntimeline:\n  - {date: 2009-06-15}\n"},
		{reason: "a dated entry with a bad date", doc: "entente: 1\ntimeline:\n  - {date: 15 June 2009, event: renewal}\n"},
		{reason: "a dated entry with an unknown key", doc: "entente: 1\ntimeline:\n  - {date: 2009-06-15, event: renewal, note: vetoed}\n"},
		{reason: "a with-mandate edit with no guarantee", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military}\nvariants:\n  - {name: v, edits: [{with-mandate: {body: NATO}}]}\n"},
		{reason: "a with-mandate edit with no mandate", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military}\nvariants:\n  - {name: v, edits: [{with-mandate: {guarantee: g}}]}\n"},
		{reason: "as-of not written YYYY-MM-DD", doc: "entente: 1\nas-of: 21 August 2025\n"},
		{reason: "a source with no ID", doc: "entente: 1\nsources:\n  - {title: An article}\n"},
		{reason: "sources as text, not a list", doc: "entente: 1\nactors:\n  - {id: US, sources: seed}\n"},
		{reason: "a likelihood above 1", doc: "entente: 1" + actors + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, likelihood: 1.5}\n"},
		{reason: "a negative likelihood", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: {}, likelihood: -0.1}\n"},
		{reason: "a likelihood as a percentage", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: 70%}\n"},
		{reason: "a likelihood in quotes", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: \"0.5\"}\n"},
		{reason: "a likelihood true", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: true}\n"},
		{reason: "a likelihood not a number", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: .nan}\n"},
		{reason: "a likelihood in a selector", doc: "entente: 1" + actors + "positions:\n  - {actor: US, refuses: {kind: military, likelihood: 0.5}}\n"},
		{reason: "a likelihood on an actor", doc: "entente: 1\nactors:\n  - {id: US, likelihood: 0.5}\n"},
		{reason: "a likelihood given as nothing", doc: "entente: 1" + actors + "vetoes:\n  - {holder: RU, likelihood: }\n",
			differs: "the decoder reads an empty value as not given (certain); the schema wants a number"},
	} {
		t.Run(c.reason, func(t *testing.T) {
			v, err := schemaInstance("case.yaml", []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			verr := sch.Validate(v)
			if got := verr == nil; got != c.valid {
				t.Errorf("schema accepts = %v, want %v (%v)\n%s", got, c.valid, verr, c.doc)
			}
			_, perr := Parse("case.yaml", []byte(c.doc))
			switch loads := perr == nil; {
			case c.differs != "":
				if loads != c.valid {
					t.Logf("the decoder differs: %s", c.differs)
				} else {
					t.Errorf("the decoder now agrees with the schema; drop the note %q", c.differs)
				}
			case loads != c.valid:
				t.Errorf("Parse loads = %v, want %v like the schema (%v)", loads, c.valid, perr)
			}
		})
	}
}
