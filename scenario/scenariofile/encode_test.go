package scenariofile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// commentCases are files with comments in every place a comment can go,
// and what Format makes of them.
var commentCases = []struct {
	name   string
	in     string
	want   string
	reason string
}{
	{
		name: "head, line and foot comments",
		in: `# Head of the file.

# A second paragraph.
entente: 1   # the version
name: commented
# Before the actors.
actors:
  # Before the first actor.
  - {id: US, name: United States}   # on the first actor
  - id: UA
    name: Ukraine   # on a name
  - id: NATO
    kind: alliance
    # Before the members.
    members: [US]   # on the members
    # At the foot of NATO.
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    trigger: attack(US, UA)  # on a trigger
    kind: military
# At the foot of the file.
`,
		want: `# Head of the file.

# A second paragraph.
entente: 1 # the version
name: commented

# Before the actors.
actors:
  # Before the first actor.
  - {id: US, name: United States} # on the first actor
  - {id: UA, name: Ukraine} # on a name
  - id: NATO
    kind: alliance
    # Before the members.
    members: [US] # on the members
    # At the foot of NATO.
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    trigger: attack(US, UA) # on a trigger
# At the foot of the file.
`,
		reason: "each comment stays with its field as the fields move into canonical order; a comment that opens a section gets a blank line above it; the last field's line comment of a one-line mapping goes after it",
	},
	{
		name: "comment on a dropped default, mid-mapping",
		in: `entente: 1
actors:
  - {id: US}
  - {id: UA}
guarantees:
  - id: g1
    provider: US
    strength: political   # political is the default
    beneficiary: UA
    kind: military
`,
		want: `entente: 1
actors:
  - {id: US}
  - {id: UA}
guarantees:
  - id: g1
    provider: US
    # political is the default
    beneficiary: UA
    kind: military
`,
		reason: "canonical form drops the default; its comment goes above the field that followed it",
	},
	{
		name: "comment on a dropped default, last in its mapping",
		in: `entente: 1
actors:
  - {id: US}
  - id: UA
    name: Ukraine
    kind: state   # a state by default
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    activation: provider   # the provider decides by default
`,
		want: `entente: 1
actors:
  - {id: US}
  - id: UA
    name: Ukraine
    # a state by default
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    # the provider decides by default
`,
		reason: "with no field after it, the comment goes below the last field, not to the end of the file; the actor, which would fit on a line, keeps block style to hold it",
	},
	{
		name: "comment set apart at the end",
		in: `entente: 1
name: apart

# Set apart at the end.
`,
		want: `entente: 1
name: apart

# Set apart at the end.
`,
		reason: "a comment after a blank line belongs to the document, not to its last field; it is kept all the same",
	},
	{
		name: "comment set apart at the top",
		in: `# Set apart at the top.

entente: 1
name: apart
`,
		want: `# Set apart at the top.

entente: 1
name: apart
`,
		reason: "the same at the head of the file",
	},
	{
		name: "comment inside a selector",
		in: `entente: 1
actors:
  - {id: US}
positions:
  - actor: US
    refuses:
      kind: military/ground-troops   # no troops on the ground
      location: UA
`,
		want: `entente: 1
actors:
  - {id: US}
positions:
  - actor: US
    refuses:
      kind: military/ground-troops # no troops on the ground
      location: UA
`,
		reason: "a selector is written on one line unless a comment inside needs block style",
	},
}

func TestFormatKeepsComments(t *testing.T) {
	for _, tc := range commentCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scenariofile.Format("c.yaml", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, string(got)); d != "" {
				t.Errorf("Format differs (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
			again, err := scenariofile.Format("c.yaml", got)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(got), string(again)); d != "" {
				t.Errorf("Format is not idempotent (-once +twice):\n%s", d)
			}
			s1, _ := scenariofile.Parse("c.yaml", []byte(tc.in))
			s2, err := scenariofile.Parse("c.yaml", got)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(s1, s2); d != "" {
				t.Errorf("Format changed the scenario (-want +got):\n%s", d)
			}
		})
	}
}

// TestFormatIsIdempotent checks the committed files with comments: a
// formatted file formats to itself.
func TestFormatIsIdempotent(t *testing.T) {
	paths := append(files(t, "testdata/good", ".yaml"), seedFile)
	for _, path := range paths {
		once, err := scenariofile.Format(path, readFile(t, path))
		if err != nil {
			t.Fatal(err)
		}
		twice, err := scenariofile.Format(path, once)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(once), string(twice)); d != "" {
			t.Errorf("%s: Format is not idempotent (-once +twice):\n%s", path, d)
		}
	}
}

// TestFormatLineEnds checks that a file written with Windows line ends
// (CRLF) or old Mac ones (a lone CR) formats to what the same file with
// newlines does, comments and all: each comment line once, in its place.
func TestFormatLineEnds(t *testing.T) {
	paths := append(files(t, "testdata/good", ".yaml"), seedFile)
	for _, path := range paths {
		lf := readFile(t, path)
		want, err := scenariofile.Format(path, lf)
		if err != nil {
			t.Fatal(err)
		}
		for _, end := range []string{"\r\n", "\r"} {
			got, err := scenariofile.Format(path, bytes.ReplaceAll(lf, []byte("\n"), []byte(end)))
			if err != nil {
				t.Fatalf("%s with %q line ends: %v", path, end, err)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("%s with %q line ends formats otherwise (-newlines +%q):\n%s", path, end, end, d)
			}
		}
	}
}

func TestFormatErrors(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		in     string
		reason string
	}{
		{"syntax", "f.yaml", "entente: 1\nname: [\n", "a YAML syntax error"},
		{"unknown key", "f.yaml", "entente: 1\nnme: x\n", "a file that parses as YAML but not as a scenario"},
		{"invalid", "f.yaml", "entente: 1\nactors:\n  - {id: US, members: [UA]}\n", "a scenario that does not validate"},
		{"empty", "f.yaml", "", "nothing to format"},
		{"JSON", "f.json", `{"entente": 1,}`, "JSON is held to JSON"},
		{"version", "f.json", `{"entente": 2}`, "a format Format does not know"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scenariofile.Format(tc.file, []byte(tc.in))
			if err == nil {
				t.Fatalf("Format = %q, nil; want an error (%s)", got, tc.reason)
			}
			if got != nil {
				t.Errorf("Format = %q with its error; want nil bytes", got)
			}
			_, perr := scenariofile.Parse(tc.file, []byte(tc.in))
			if d := cmp.Diff(messages(t, perr), messages(t, err)); d != "" {
				t.Errorf("Format's error is not Parse's (-Parse +Format):\n%s", d)
			}
		})
	}
}

// spelt is a scenario file that writes out every default.
const spelt = `entente: 1
actors:
  - {id: US, kind: state}
  - {id: UA, kind: state}
  - {id: coalition, kind: coalition, members: [US], decides: separately}
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    strength: political
    activation: provider
    trigger: ""
    requires: []
    sources: []
positions:
  - {actor: UA, requires: {kind: military}, sources: []}
`

func TestMarshalLeavesOutDefaults(t *testing.T) {
	s, err := scenariofile.Parse("spelt.yaml", []byte(spelt))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		e      scenariofile.Encoding
		want   string
		reason string
	}{
		{
			e: scenariofile.YAML,
			want: `entente: 1
actors:
  - {id: US}
  - {id: UA}
  - id: coalition
    kind: coalition
    members: [US]
    decides: separately
guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
positions:
  - {actor: UA, requires: {kind: military}}
`,
			reason: "kind: state, strength: political, activation: provider, an empty trigger and empty lists are defaults; a decision rule written out is kept, even the kind's own",
		},
		{
			e: scenariofile.JSON,
			want: `{
  "entente": 1,
  "actors": [
    {
      "id": "US"
    },
    {
      "id": "UA"
    },
    {
      "id": "coalition",
      "kind": "coalition",
      "members": [
        "US"
      ],
      "decides": "separately"
    }
  ],
  "guarantees": [
    {
      "id": "g1",
      "provider": "US",
      "beneficiary": "UA",
      "kind": "military"
    }
  ],
  "positions": [
    {
      "actor": "UA",
      "requires": {
        "kind": "military"
      }
    }
  ]
}
`,
			reason: "the same keys in JSON, indented by two spaces",
		},
	}
	for _, tc := range tests {
		t.Run(tc.e.String(), func(t *testing.T) {
			got, err := scenariofile.Marshal(s, tc.e)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, string(got)); d != "" {
				t.Errorf("Marshal differs (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
		})
	}
}

// TestMarshalKeepsWhatIsNotDefault is the other side: values other than
// the defaults are written.
func TestMarshalKeepsWhatIsNotDefault(t *testing.T) {
	s := scenario.Scenario{
		Name: "not defaults",
		Actors: []actor.Actor{
			{ID: "US"}, {ID: "UA"}, {ID: "RU"},
			{ID: "NATO", Kind: actor.Alliance, Members: []actor.ID{"US"}},
		},
		Guarantees: []guarantee.Guarantee{
			{ID: "a", Provider: "US", Beneficiary: "UA", Kind: "military", Strength: guarantee.Treaty, Activation: guarantee.Activation{Mode: guarantee.Automatic}},
			{ID: "b", Provider: "US", Beneficiary: "UA", Kind: "military", Strength: guarantee.Assurance, Activation: guarantee.ConsentOf("UA", "RU")},
			{ID: "c", Provider: "NATO", Beneficiary: "UA", Kind: "military", Activation: guarantee.DecidedBy("NATO"), Trigger: guarantee.MustParseCondition("attack(RU, UA)")},
		},
	}
	want := `entente: 1
name: not defaults
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
  - id: NATO
    kind: alliance
    members: [US]
guarantees:
  - id: a
    provider: US
    beneficiary: UA
    kind: military
    strength: treaty
    activation: automatic
  - id: b
    provider: US
    beneficiary: UA
    kind: military
    strength: assurance
    activation: consent(UA, RU)
  - id: c
    provider: NATO
    beneficiary: UA
    kind: military
    trigger: attack(RU, UA)
    activation: body(NATO)
`
	got, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, string(got)); d != "" {
		t.Errorf("Marshal differs (-want +got):\n%s", d)
	}
}

// TestMarshalJSON checks that JSON output is valid JSON, indented by two
// spaces (it is its own json.Indent), and ends in a newline.
func TestMarshalJSON(t *testing.T) {
	for _, s := range []scenario.Scenario{examples.Ukraine2025(), {}, {Name: "a\u0085b\ufffe\u2028"}} {
		got, err := scenariofile.Marshal(s, scenariofile.JSON)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(got) {
			t.Fatalf("Marshal wrote invalid JSON:\n%s", got)
		}
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, got); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		indented.WriteByte('\n')
		if d := cmp.Diff(indented.String(), string(got)); d != "" {
			t.Errorf("Marshal's JSON is not indented by two spaces (-want +got):\n%s", d)
		}
		var v map[string]any
		if err := json.Unmarshal(got, &v); err != nil {
			t.Fatal(err)
		}
		if v["entente"] != 1.0 {
			t.Errorf(`"entente" = %v; want 1`, v["entente"])
		}
		if v["name"] != nil && v["name"] != s.Name {
			t.Errorf(`"name" = %q for encoding/json; want %q`, v["name"], s.Name)
		}
	}
}

// TestJSONAsOtherWritersWriteIt reads JSON in the forms other programs
// write it, which Marshal itself does not.
func TestJSONAsOtherWritersWriteIt(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   scenario.Scenario
		reason string
	}{
		{
			name:   "escaped surrogate pair",
			in:     `{"entente": 1, "name": "\ud83d\udd4a\ufe0f peace, \u00e9t\u00e9 2025"}`,
			want:   scenario.Scenario{Name: "🕊️ peace, été 2025"},
			reason: "Python's json.dumps escapes every character past ASCII, those past U+FFFF as UTF-16 pairs",
		},
		{
			name:   "escaped backslash before u",
			in:     `{"entente": 1, "name": "C:\\ud83d\\ude00"}`,
			want:   scenario.Scenario{Name: `C:\ud83d\ude00`},
			reason: "an escaped backslash is not the start of an escape",
		},
		{
			name:   "byte order mark",
			in:     "\ufeff{\"entente\": 1, \"name\": \"bom\"}",
			want:   scenario.Scenario{Name: "bom"},
			reason: "Windows editors write one; JSON readers may ignore it",
		},
		{
			name:   "tabs and CRLF",
			in:     "{\r\n\t\"entente\": 1,\r\n\t\"name\": \"windows\"\r\n}\r\n",
			want:   scenario.Scenario{Name: "windows"},
			reason: "indentation and line ends JSON allows",
		},
		{
			name:   "minified",
			in:     `{"entente":1,"name":"min","actors":[{"id":"US"},{"id":"UA","kind":"state"}]}`,
			want:   scenario.Scenario{Name: "min", Actors: []actor.Actor{{ID: "US"}, {ID: "UA"}}},
			reason: "no whitespace at all",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scenariofile.Parse("other.json", []byte(tc.in))
			if err != nil {
				t.Fatalf("Parse: %v (%s)", err, tc.reason)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Parse differs (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
		})
	}
}

func TestEncodingOf(t *testing.T) {
	tests := []struct {
		name   string
		want   scenariofile.Encoding
		reason string
	}{
		{"ukraine.json", scenariofile.JSON, "the extension says JSON"},
		{"UKRAINE.JSON", scenariofile.JSON, "whatever its case"},
		{"dir/ukraine.Json", scenariofile.JSON, "in a directory"},
		{"ukraine.yaml", scenariofile.YAML, "YAML"},
		{"ukraine.yml", scenariofile.YAML, "the short extension"},
		{"ukraine", scenariofile.YAML, "no extension: people write YAML"},
		{"-", scenariofile.YAML, "standard input"},
		{"ukraine.json.yaml", scenariofile.YAML, "only the last extension counts"},
		{"data.json/ukraine", scenariofile.YAML, "a directory's extension does not count"},
	}
	for _, tc := range tests {
		if got := scenariofile.EncodingOf(tc.name); got != tc.want {
			t.Errorf("EncodingOf(%q) = %v; want %v (%s)", tc.name, got, tc.want, tc.reason)
		}
	}
	if got := scenariofile.Encoding(0); got != scenariofile.YAML || got.String() != "yaml" || scenariofile.JSON.String() != "json" {
		t.Errorf("zero Encoding = %v, JSON = %v; want yaml and json", got, scenariofile.JSON)
	}
}

// TestFormatKeepsEveryComment adds a comment at every line of the
// committed files and of the files above (canonical or not), before the
// line and at its end, and checks that Format keeps it and formats its
// own output to itself.
func TestFormatKeepsEveryComment(t *testing.T) {
	inputs := map[string]string{"spelt.yaml": spelt}
	for _, c := range commentCases {
		inputs[c.name+".yaml"] = c.in
	}
	for _, path := range append(files(t, "testdata/good", ".yaml"), seedFile) {
		inputs[path] = string(readFile(t, path))
	}
	var checked atomic.Int64
	t.Cleanup(func() {
		if n := checked.Load(); n < 1000 && !t.Failed() {
			t.Errorf("checked %d places; want about two for each line", n)
		}
	})
	for _, path := range slices.Sorted(maps.Keys(inputs)) {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			formatWithEveryComment(t, path, inputs[path], &checked)
		})
	}
}

// formatWithEveryComment is TestFormatKeepsEveryComment for one file.
func formatWithEveryComment(t *testing.T, path, file string, checked *atomic.Int64) {
	lines := strings.SplitAfter(file, "\n")
	for i := range lines {
		for _, eol := range []bool{false, true} {
			mark := fmt.Sprintf("#~ added at line %d", i+1)
			edited := slices.Clone(lines)
			switch {
			case eol && strings.TrimSpace(lines[i]) == "":
				continue
			case eol:
				edited[i] = strings.TrimSuffix(lines[i], "\n") + " " + mark + "\n"
			default:
				indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
				edited[i] = strings.Repeat(" ", indent) + mark + "\n" + lines[i]
			}
			in := strings.Join(edited, "")
			if _, err := scenariofile.Parse(path, []byte(in)); err != nil {
				continue // inside a scalar of several lines
			}
			checked.Add(1)
			out, err := scenariofile.Format(path, []byte(in))
			if err != nil {
				t.Fatalf("%s:%d (end of line %v): Format: %v", path, i+1, eol, err)
			}
			if !strings.Contains(string(out), mark+"\n") {
				t.Errorf("%s:%d (end of line %v): Format lost the comment:\n%s", path, i+1, eol, out)
				continue
			}
			again, err := scenariofile.Format(path, out)
			if err != nil {
				t.Errorf("%s:%d (end of line %v): Format wrote a file that does not load: %v\n%s", path, i+1, eol, err, out)
				continue
			}
			if d := cmp.Diff(string(out), string(again)); d != "" {
				t.Errorf("%s:%d (end of line %v): Format is not idempotent (-once +twice):\n%s", path, i+1, eol, d)
			}
		}
	}
}

// TestFormatKeepsCommentsOfDroppedFields checks that comments below a
// field canonical form leaves out (a default, an empty list) survive.
func TestFormatKeepsCommentsOfDroppedFields(t *testing.T) {
	in := "entente: 1\nactors:\n  - id: A\n    kind: state\n    # about A's kind, on its own line\nguarantees: []\n# the guarantees will come later\n"
	out, err := scenariofile.Format("dropped.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"# about A's kind, on its own line", "# the guarantees will come later"} {
		if !strings.Contains(string(out), c) {
			t.Errorf("Format lost %q:\n%s", c, out)
		}
	}
}
