package scenariofile

import (
	_ "embed"
	"slices"
)

//go:embed schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of scenario files, format
// 1, so that editors complete and check keys as people type, and show the
// format's documentation on hover. Each call returns a new copy.
//
// The schema checks the shape of a file: its keys, the types and forms of
// their values, one stance per position. Only [Parse] checks what needs
// the whole scenario (unknown actors, duplicate IDs, a threshold above a
// body's member count, membership loops), the nesting of conditions, and
// that a date is on the calendar; so a file the schema accepts may still
// fail to load. In a few places the schema is the stricter: it flags an
// empty value (a key with nothing after it, null, or "" for an ID or a
// named choice), which the decoder reads as not given; "threshold: 0",
// which the decoder reads as no threshold; and true or false where text is
// expected, or a bare number where a kind, condition, event or URL is
// expected, which the decoder reads as their text.
//
// A YAML file is hooked to the schema, for editors that run the YAML
// language server (VS Code's YAML extension and many others), by a comment
// line, conventionally the first:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/entente-go/entente/main/scenario/scenariofile/schema.json
//
// The value after "$schema=" may also be a path relative to the file, such
// as ../../scenario/scenariofile/schema.json within this repository, or a
// copy written by "entente schema > entente.schema.json". A JSON file
// cannot name its schema inside (format 1 has no "$schema" key); map it in
// the editor's settings instead, as VS Code's "json.schemas" does.
func Schema() []byte { return slices.Clone(schemaJSON) }
