package scenariofile_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// actors3 is the cast of most mistakes: the United States guarantees
// Ukraine's security against Russia.
const actors3 = `entente: 1
actors:
  - {id: US, name: United States}
  - {id: UA, name: Ukraine}
  - {id: RU, name: Russia}
`

// mistakes are the slips people make when they write a scenario file by
// hand, each with the exact errors Parse must report: where, at which
// field, and what to do about it.
var mistakes = []struct {
	name   string
	file   string // picks the encoding: .json or not
	in     string
	want   []string
	is     []error // sentinels errors.Is must find in the error
	reason string
}{
	{
		name: "misspelt key",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provder: US
    beneficiary: UA
    kind: military
`,
		want:   []string{"ua.yaml:8:5: guarantees[0].provder: unknown key \"provder\"; did you mean \"provider\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a key one letter off names the key it was meant to be, and the field it leaves empty is not reported missing as well",
	},
	{
		name: "misspelt top-level key",
		file: "ua.yaml",
		in: `entente: 1
actor:
  - {id: US}
`,
		want:   []string{"ua.yaml:2:1: actor: unknown key \"actor\"; did you mean \"actors\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a missing plural is the commonest slip at the top",
	},
	{
		name:   "tab indentation",
		file:   "ua.yaml",
		in:     "entente: 1\nactors:\n\t- {id: US}\n",
		want:   []string{"ua.yaml:3:1: syntax error: found character that cannot start any token (a tab; indent with spaces, not tabs)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "YAML forbids tabs for indentation; the library's message does not say a tab is the trouble, so the error adds it",
	},
	{
		name:   "tab indentation inside a mapping",
		file:   "ua.yaml",
		in:     "entente: 1\nactors:\n  - id: US\n\t  name: United States\n",
		want:   []string{"ua.yaml:4:1: syntax error: found a tab character that violates indentation (indent with spaces, not tabs) (while scanning a plain scalar, from line 3)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "a tab among spaces, where an editor shows the lines aligned",
	},
	{
		name:   "control character",
		file:   "ua.yaml",
		in:     "entente: 1\nname: \"Ukraine \x1b[31m2025\"\n",
		want:   []string{"ua.yaml:2:16: syntax error: control characters are not allowed (value: 27)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the library marks only the byte where its reader stopped; the error still names the line and column of the character",
	},
	{
		name:   "control character after a byte order mark",
		file:   "ua.yaml",
		in:     "\ufeffentente: 1 \x1b\n",
		want:   []string{"ua.yaml:1:12: syntax error: control characters are not allowed (value: 27)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "a byte order mark, which Windows editors write and do not show, takes no column",
	},
	{
		name:   "control character first",
		file:   "ua.yaml",
		in:     "\x00entente: 1\n",
		want:   []string{"ua.yaml:1:1: syntax error: control characters are not allowed (value: 0)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the first byte is at the first line and column",
	},
	{
		name:   "control character after CRLF and lone CR line ends",
		file:   "ua.yaml",
		in:     "entente: 1\r\nname: x\rnote: \"a\x07\"\r\n",
		want:   []string{"ua.yaml:3:9: syntax error: control characters are not allowed (value: 7)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "a line ends at CRLF and at a lone CR, as YAML and editors count lines",
	},
	{
		name:   "control character in a second document",
		file:   "ua.yaml",
		in:     "entente: 1\nname: x\n---\nname: \"\x1b\"\n",
		want:   []string{"ua.yaml:4:8: syntax error: control characters are not allowed (value: 27)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the second document is read from the same stream, and its lines counted on",
	},
	{
		name:   "unknown key after escaped surrogate pairs",
		file:   "ua.json",
		in:     `{"entente": 1, "name": "\ud83d\udd4a\ufe0f \ud83d\ude00", "bogus": 1}`,
		want:   []string{"ua.json:1:59: bogus: unknown key \"bogus\"; want one of entente, name, as-of, description, sources, actors, guarantees, positions, vetoes, timeline, values, variants"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a character past U+FFFF escaped as a pair of \\u escapes takes twelve columns of the file, however it is read",
	},
	{
		name: "errors on lines with and without escaped surrogate pairs",
		file: "ua.json",
		in: `{"entente": 1, "name": "\ud83d\ude00",
 "actors": [{"id": "US"}, {"id": "UA"}],
 "guarantees": [{"id": "g1", "provider": "US", "beneficiary": "UA", "kind": "military", "note": "\ud83d\ude00", "bogus": 1},
  {"id": "g2", "provider": "US", "beneficiary": "UK", "kind": "military"}]}`,
		want: []string{
			"ua.json:3:113: guarantees[0].bogus: unknown key \"bogus\"; want one of id, provider, beneficiary, kind, target, location, strength, trigger, activation, parties-aside, requires, likelihood, mandate, note, sources",
			"ua.json:4:49: guarantees[1].beneficiary: unknown actor \"UK\"; did you mean \"UA\"?",
		},
		is:     []error{scenariofile.ErrUnknownKey, actor.ErrUnknownActor},
		reason: "a pair moves what follows it on its own line only",
	},
	{
		name:   "unknown key after a line separator",
		file:   "ua.yaml",
		in:     "entente: 1\nname: \"a\u2028b\"\nbogus: 1\n",
		want:   []string{"ua.yaml:3:1: bogus: unknown key \"bogus\"; want one of entente, name, as-of, description, sources, actors, guarantees, positions, vetoes, timeline, values, variants"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "the YAML library ends a line at U+2028, U+2029 and U+0085, which editors and grep do not: errors name the file's lines",
	},
	{
		name:   "misspelt key after a paragraph separator on its line",
		file:   "ua.yaml",
		in:     "entente: 1\nactors: [{name: \"a\u2029b\", id: UA, nmae: x}]\n",
		want:   []string{"ua.yaml:2:32: actors[0].nmae: unknown key \"nmae\"; did you mean \"name\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "on the line of the separator, the column counts on past it, as an editor shows it",
	},
	{
		name:   "syntax error after a next-line character",
		file:   "ua.yaml",
		in:     "entente: 1\nname: \"a\u0085b\"\nnote: a: b\n",
		want:   []string{"ua.yaml:3:8: syntax error: mapping values are not allowed in this context"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the library's own errors are placed on the file's lines too",
	},
	{
		name:   "unknown key after a line separator and a surrogate pair in JSON",
		file:   "ua.json",
		in:     `{"entente": 1, "name": "a` + "\u2028" + `b \ud83d\ude00", "bogus": 1}`,
		want:   []string{"ua.json:1:44: bogus: unknown key \"bogus\"; want one of entente, name, as-of, description, sources, actors, guarantees, positions, vetoes, timeline, values, variants"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a raw U+2028 in a JSON string is one more column of the line, and the pair twelve",
	},
	{
		name:   "file cut off with no final line break",
		file:   "ua.yaml",
		in:     "entente: 1\nactors: [{id: UA,",
		want:   []string{"ua.yaml:2:18: syntax error: did not find expected node content"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the library marks a line after the last; the error stands at the end of the file, where the text stops",
	},
	{
		name: "list where text belongs",
		file: "ua.yaml",
		in: `entente: 1
name: [Ukraine, 2025]
`,
		want:   []string{"ua.yaml:2:7: name: wrong type: want text, found a list"},
		is:     []error{scenariofile.ErrType},
		reason: "a name is one piece of text",
	},
	{
		name: "mapping where a list belongs",
		file: "ua.yaml",
		in: `entente: 1
actors:
  id: US
  name: United States
`,
		want:   []string{"ua.yaml:3:3: actors: wrong type: want a list of actors, found a mapping"},
		is:     []error{scenariofile.ErrType},
		reason: "actors is a list even when there is one",
	},
	{
		name: "text where a list of mappings belongs",
		file: "ua.yaml",
		in: `entente: 1
actors: [US, UA]
`,
		want: []string{
			"ua.yaml:2:10: actors[0]: wrong type: want a mapping of id, name, kind, members, decides, threshold, vetoes, parties-aside, note, sources, found \"US\"",
			"ua.yaml:2:14: actors[1]: wrong type: want a mapping of id, name, kind, members, decides, threshold, vetoes, parties-aside, note, sources, found \"UA\"",
		},
		is:     []error{scenariofile.ErrType},
		reason: "an actor is a mapping with an id, not a bare ID",
	},
	{
		name: "text where a number belongs",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - {id: UK}
  - {id: FR}
  - {id: P3, kind: organization, members: [US, UK, FR], threshold: two}
`,
		want:   []string{"ua.yaml:6:68: actors[3].threshold: wrong type: want a whole number, found \"two\""},
		is:     []error{scenariofile.ErrType},
		reason: "threshold is a count",
	},
	{
		name: "number in quotes",
		file: "ua.json",
		in: `{
  "entente": "1",
  "name": "quoted"
}
`,
		want:   []string{"ua.json:2:14: entente: wrong type: want a whole number, found the text \"1\" (write it without quotes)"},
		is:     []error{scenariofile.ErrType},
		reason: "JSON written by hand quotes numbers; the error says to drop the quotes rather than report a number where a number is wanted",
	},
	{
		name: "unknown actor with a hint",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: USA
    beneficiary: UA
    kind: military
`,
		want:   []string{"ua.yaml:8:15: guarantees[0].provider: unknown actor \"USA\"; did you mean \"US\"?"},
		is:     []error{actor.ErrUnknownActor},
		reason: `"USA" is one edit from both "US" and "UA"; the longer shared prefix wins`,
	},
	{
		name: "unknown actor without a hint",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - attack(CN, UA)
`,
		want:   []string{"ua.yaml:7:5: timeline[0]: unknown actor \"CN\""},
		is:     []error{actor.ErrUnknownActor},
		reason: "no actor is close to CN; the error points at the timeline event",
	},
	{
		name: "position with two stances",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuses: {kind: military/ground-troops}, rejects: {provider: RU}}
`,
		want:   []string{"ua.yaml:7:58: positions[0].rejects: a position takes one stance; this one has both refuses and rejects (split it in two)"},
		reason: "a position is one stance; the error points at the second",
	},
	{
		name: "position with no stance",
		file: "ua.yaml",
		in: actors3 + `positions:
  - actor: US
    note: no ground troops
`,
		want:   []string{"ua.yaml:7:5: positions[0]: a position needs one of refuses, rejects, requires, demands-veto, rejects-veto"},
		reason: "a position needs a stance; the error points at the position",
	},
	{
		name: "unknown stance",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, forbids: {kind: military/ground-troops}}
`,
		want:   []string{"ua.yaml:7:17: positions[0].forbids: unknown key \"forbids\"; want one of id, actor, refuses, rejects, requires, demands-veto, rejects-veto, likelihood, note, sources"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "the unknown key is the stance; one error lists what a position takes, and no second one says the stance is missing",
	},
	{
		name: "misspelt stance",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuse: {kind: military/ground-troops}}
`,
		want:   []string{"ua.yaml:7:17: positions[0].refuse: unknown key \"refuse\"; did you mean \"refuses\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a stance one letter off",
	},
	{
		name: "by on a stance other than rejects-veto",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: UA, rejects: {by: [RU], beneficiary: UA}}
`,
		want:   []string{"ua.yaml:7:27: positions[0].rejects.by: unknown key \"by\": only rejects-veto takes by"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "by says whose veto a rejects-veto refuses; no other stance has it",
	},
	{
		name: "by beside the stance",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: UA, by: [RU], rejects-veto: {beneficiary: UA}}
`,
		want:   []string{"ua.yaml:7:17: positions[0].by: unknown key \"by\": by goes inside rejects-veto, as in rejects-veto: {by: [RU], beneficiary: UA}"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "by belongs inside rejects-veto, and the error shows how",
	},
	{
		name: "unclosed parenthesis in a trigger",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    trigger: all(peace-deal, attack(RU, UA)
`,
		want:   []string{"ua.yaml:11:17: guarantees[0].trigger: unclosed '(' of all in \"all(peace-deal, attack(RU, UA)\""},
		reason: "the column is the unclosed '(' inside the trigger (column 14 is where the trigger starts)",
	},
	{
		name: "unclosed parenthesis in a quoted trigger",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    trigger: "all(peace-deal, attack(RU, UA)"
`,
		want:   []string{"ua.yaml:11:18: guarantees[0].trigger: unclosed '(' of all in \"all(peace-deal, attack(RU, UA)\""},
		reason: "the opening quote shifts the column by one",
	},
	{
		name: "unclosed parenthesis in a JSON trigger",
		file: "ua.json",
		in: `{
  "entente": 1,
  "actors": [{"id": "US"}, {"id": "UA"}, {"id": "RU"}],
  "guarantees": [
    {"id": "g1", "provider": "US", "beneficiary": "UA", "kind": "military", "trigger": "any(attack(RU, UA), violation(RU)"}
  ]
}
`,
		want:   []string{"ua.json:5:92: guarantees[0].trigger: unclosed '(' of any in \"any(attack(RU, UA), violation(RU)\""},
		reason: "JSON strings are quoted too",
	},
	{
		name: "malformed activation",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    activation: consent(UA
`,
		want:   []string{"ua.yaml:11:24: guarantees[0].activation: unclosed '(' of consent in \"consent(UA\""},
		reason: "activation shares the grammar of conditions, and its errors their columns",
	},
	{
		name: "unknown activation",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    activation: congress
`,
		want:   []string{"ua.yaml:11:17: guarantees[0].activation: unknown activation \"congress\": want automatic, provider, consent(A, ...) or body(X) in \"congress\""},
		reason: "activation is one of four forms",
	},
	{
		name: "activation by a state",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    activation: body(US)
`,
		want:   []string{"ua.yaml:11:17: guarantees[0].activation: body(US): not a body: US is a state"},
		is:     []error{scenario.ErrNotABody},
		reason: "body(X) takes a body's decision; a state is not a body",
	},
	{
		name: "unknown actor in a trigger",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    trigger: all(peace-deal, attack(RUS, UA))
`,
		want:   []string{"ua.yaml:11:14: guarantees[0].trigger: unknown actor \"RUS\"; did you mean \"RU\"?"},
		is:     []error{actor.ErrUnknownActor},
		reason: "a trigger names actors of the scenario",
	},
	{
		name: "invalid actor ID",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: United States}
`,
		want:   []string{"ua.yaml:3:10: actors[0].id: invalid actor ID \"United States\": want 1 to 64 letters, digits, '-' or '_'"},
		is:     []error{actor.ErrInvalidID},
		reason: "an ID is a short code; the name goes in name",
	},
	{
		name: "membership loop",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - {id: west, kind: alliance, members: [US, europe]}
  - {id: europe, kind: coalition, members: [west]}
`,
		want:   []string{"ua.yaml:5:45: actors[2].members[0]: membership loop: west → europe → west"},
		is:     []error{actor.ErrMembershipLoop},
		reason: "a body may not be its own member at any depth; the error names the cycle",
	},
	{
		name: "threshold above the member count",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - {id: UK}
  - id: AUKUS
    kind: alliance
    members: [US, UK]
    threshold: 3
`,
		want:   []string{"ua.yaml:8:16: actors[2].threshold: threshold out of range: 3 with 2 members"},
		is:     []error{actor.ErrThreshold},
		reason: "a body cannot need more votes than it has members",
	},
	{
		name: "veto holder who is not a member",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - {id: UK}
  - {id: RU}
  - id: council
    kind: organization
    members: [US, UK]
    decides: majority
    vetoes: [US, RU]
`,
		want:   []string{"ua.yaml:10:18: actors[3].vetoes[1]: veto holder is not a member: \"RU\""},
		is:     []error{actor.ErrVetoNotMember},
		reason: "only a member can block a body's decision",
	},
	{
		name:   "empty file",
		file:   "ua.yaml",
		in:     "",
		want:   []string{"ua.yaml:1:1: empty file: want a scenario, starting with \"entente: 1\""},
		is:     []error{scenariofile.ErrEmpty},
		reason: "nothing to read",
	},
	{
		name:   "empty JSON file",
		file:   "ua.json",
		in:     "\n  \n",
		want:   []string{"ua.json:1:1: empty file: want a scenario, starting with \"entente: 1\""},
		is:     []error{scenariofile.ErrEmpty},
		reason: "an empty file is empty in either notation",
	},
	{
		name: "only comments",
		file: "ua.yaml",
		in: `# Ukraine, August 2025
# to be written
`,
		want:   []string{"ua.yaml:1:1: empty file: want a scenario, starting with \"entente: 1\""},
		is:     []error{scenariofile.ErrEmpty},
		reason: "a file of comments holds no scenario",
	},
	{
		name: "JSON trailing comma",
		file: "ua.json",
		in: `{
  "entente": 1,
  "actors": [
    {"id": "US"},
    {"id": "UA"},
  ]
}
`,
		want:   []string{"ua.json:6:3: syntax error: invalid character ']' looking for beginning of value (a trailing comma, which JSON does not allow)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "YAML would accept it; JSON does not, and the error says why",
	},
	{
		name: "JSON comment",
		file: "ua.json",
		in: `{
  "entente": 1, // format 1
  "name": "commented"
}
`,
		want:   []string{"ua.json:2:17: syntax error: invalid character '/' looking for beginning of object key string (JSON has no comments; write the file as YAML to keep them)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "JSON has no comments; the error suggests YAML",
	},
	{
		name: "duplicate key",
		file: "ua.yaml",
		in: `entente: 1
name: Ukraine
description: first draft
name: Ukraine, August 2025
`,
		want:   []string{"ua.yaml:4:1: name: duplicate key \"name\" (first at line 2)"},
		is:     []error{scenariofile.ErrDuplicateKey},
		reason: "the second name would silently replace the first",
	},
	{
		name:   "duplicate key in JSON",
		file:   "ua.json",
		in:     `{"entente": 1, "name": "a", "name": "b"}`,
		want:   []string{"ua.json:1:29: name: duplicate key \"name\" (first at line 1)"},
		is:     []error{scenariofile.ErrDuplicateKey},
		reason: "encoding/json keeps the last; format 1 refuses both",
	},
	{
		name: "duplicate guarantee ID",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: air, provider: US, beneficiary: UA, kind: military/air-support}
  - {id: air, provider: US, beneficiary: UA, kind: intelligence}
`,
		want:   []string{"ua.yaml:8:10: guarantees[1].id: duplicate ID \"air\" (also guarantees[0])"},
		is:     []error{scenario.ErrDuplicateID},
		reason: "positions and requires name guarantees by ID",
	},
	{
		name: "duplicate actor ID",
		file: "ua.yaml",
		in: actors3 + `  - {id: US, name: United States of America}
`,
		want:   []string{"ua.yaml:6:10: actors[3].id: duplicate actor ID \"US\" (also actors[0])"},
		is:     []error{actor.ErrDuplicateID},
		reason: "an actor ID names one actor",
	},
	{
		name: "missing version",
		file: "ua.yaml",
		in: `name: Ukraine
actors:
  - {id: US}
`,
		want:   []string{"ua.yaml:1:1: entente: format version: missing; start the file with \"entente: 1\""},
		is:     []error{scenariofile.ErrVersion},
		reason: "the version is required, so that format 2 can change the meaning of keys",
	},
	{
		name: "format 2",
		file: "ua.yaml",
		in: `entente: 2
name: from the future
`,
		want:   []string{"ua.yaml:1:10: entente: format version: this is format 2; this version of entente reads format 1"},
		is:     []error{scenariofile.ErrVersion},
		reason: "a newer format may mean something else by the same keys",
	},
	{
		name: "unknown strength",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, strength: binding}
`,
		want:   []string{"ua.yaml:7:71: guarantees[0].strength: unknown strength \"binding\": want assurance, political or treaty"},
		reason: "strength is assurance, political or treaty",
	},
	{
		name: "unknown actor kind",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US, kind: country}
`,
		want:   []string{"ua.yaml:3:20: actors[0].kind: unknown actor kind \"country\": want state, alliance, organization or coalition"},
		reason: "a country is a state",
	},
	{
		name: "unknown decision rule",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - {id: UK}
  - {id: AUKUS, kind: alliance, members: [US, UK], decides: vote}
`,
		want:   []string{"ua.yaml:5:61: actors[2].decides: unknown decision rule \"vote\": want unanimity, consensus, majority or separately"},
		reason: "decides is unanimity, consensus, majority or separately",
	},
	{
		name: "impossible as-of date",
		file: "ua.yaml",
		in: `entente: 1
as-of: 2025-02-29
`,
		want:   []string{"ua.yaml:2:8: as-of: want a date as YYYY-MM-DD; found \"2025-02-29\""},
		is:     []error{scenario.ErrInvalidAsOf},
		reason: "2025 is not a leap year",
	},
	{
		name: "as-of in words",
		file: "ua.yaml",
		in: `entente: 1
as-of: 21 August 2025
`,
		want:   []string{"ua.yaml:2:8: as-of: want a date as YYYY-MM-DD; found \"21 August 2025\""},
		is:     []error{scenario.ErrInvalidAsOf},
		reason: "dates are written YYYY-MM-DD",
	},
	{
		name: "timeline event with conditions as arguments",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - peace-deal
  - attack(any(RU), UA)
`,
		want:   []string{"ua.yaml:8:15: timeline[1]: the arguments of event attack are actor IDs, not conditions in \"attack(any(RU), UA)\""},
		reason: "an event's arguments are actors; the column is the '(' that opens a condition",
	},
	{
		name: "timeline entry that is not one event",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - all(peace-deal, attack(RU, UA))
`,
		want:   []string{"ua.yaml:7:5: timeline[0]: want one event, such as peace-deal or attack(RU, UA) in \"all(peace-deal, attack(RU, UA))\""},
		reason: "a timeline lists events, one at a time",
	},
	{
		name: "mandate with a misspelt key",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, mandate: {body: US, evry: 6 months}}
`,
		want:   []string{`ua.yaml:7:81: guarantees[0].mandate.evry: unknown key "evry"; did you mean "every"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a mandate's keys are checked like any other, with a suggestion",
	},
	{
		name: "mandate period in weeks",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: {body: US, every: 6 weeks}
`,
		want:   []string{`ua.yaml:11:32: guarantees[0].mandate.every: invalid period "6 weeks": unknown unit "weeks"; want days, months or years`},
		is:     []error{guarantee.ErrPeriod},
		reason: "a period is days, months or years; the error points at the period",
	},
	{
		name: "mandate of an unknown body",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate:
      body: UNSC
      every: 1 year
`,
		want:   []string{`ua.yaml:12:13: guarantees[0].mandate.body: unknown actor "UNSC"`},
		is:     []error{actor.ErrUnknownActor},
		reason: "the renewing body must be an actor of the scenario",
	},
	{
		name: "mandate ends on no such day",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: {ends: 2026-02-30}
`,
		want:   []string{`ua.yaml:11:21: guarantees[0].mandate.ends: invalid date "2026-02-30": want a calendar date written YYYY-MM-DD`},
		is:     []error{guarantee.ErrDate},
		reason: "a date must be a calendar date",
	},
	{
		name: "mandate as text",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: UNSC every 6 months
`,
		want:   []string{`ua.yaml:11:14: guarantees[0].mandate: wrong type: want a mapping of body, every, from, ends, parties-aside, found "UNSC every 6 months"`},
		is:     []error{scenariofile.ErrType},
		reason: "a mandate is a mapping, not a sentence",
	},
	{
		name: "empty mandate",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: {}
`,
		want:   []string{`ua.yaml:11:14: guarantees[0].mandate: missing: a mandate needs a body that renews it, an end date (ends), or both`},
		is:     []error{guarantee.ErrMissing},
		reason: "an empty mandate says nothing; one that lasts as long as the deal is left out",
	},
	{
		name: "renewal by a state with the parties aside",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: {body: US, parties-aside: true}
`,
		want:   []string{`ua.yaml:11:40: guarantees[0].mandate.parties-aside: not a body: US is a state; only a renewal by a body can set the parties aside`},
		is:     []error{scenario.ErrNotABody},
		reason: "a state decides for itself: it has no vote of parties to set aside",
	},
	{
		name: "mandate start without a period",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    mandate: {body: US, from: 2025-01-01}
`,
		want:   []string{`ua.yaml:11:31: guarantees[0].mandate.from: a start counts periods; give every too`},
		reason: "a start counts periods, so it needs every",
	},
	{
		name: "dates going backwards",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - {date: 2025-08-21, event: peace-deal}
  - ceasefire
  - {date: 2025-03-01, event: "attack(RU, UA)"}
`,
		want:   []string{`ua.yaml:9:12: timeline[2].date: the timeline's dates go backwards: 2025-03-01 comes after timeline[0] of 2025-08-21`},
		is:     []error{scenario.ErrTimelineOrder},
		reason: "dates never go backwards; undated events between them do not count",
	},
	{
		name: "dated event with an unquoted comma",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - {date: 2025-08-21, event: attack(RU, UA)}
`,
		want:   []string{`ua.yaml:7:31: timeline[0].event: syntax error: in {...} a comma ends the value; quote the event, as in {date: 2008-08-08, event: "attack(RU, GE)"}`},
		is:     []error{scenariofile.ErrSyntax},
		reason: "in a flow mapping a comma ends the value; one error says to quote the event, none for the piece after the comma",
	},
	{
		name: "dated entry with no event",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - date: 2025-08-21
`,
		want:   []string{`ua.yaml:7:5: timeline[0].event: missing: a dated entry needs its event, as in {date: 2009-06-15, event: renewal(UNSC)}`},
		reason: "a dated entry needs its event",
	},
	{
		name: "dated entry with a date in words",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - {date: 21 August 2025, event: peace-deal}
`,
		want:   []string{`ua.yaml:7:12: timeline[0].date: invalid date "21 August 2025": want a calendar date written YYYY-MM-DD`},
		is:     []error{guarantee.ErrDate},
		reason: "dates are written YYYY-MM-DD",
	},
	{
		name: "dated entry with a misspelt key",
		file: "ua.yaml",
		in: actors3 + `timeline:
  - {date: 2025-08-21, evnt: peace-deal}
`,
		want:   []string{`ua.yaml:7:24: timeline[0].evnt: unknown key "evnt"; did you mean "event"?`},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a dated entry takes date and event; the missing event is not reported again",
	},
	{
		name: "with-mandate without a guarantee",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military}
variants:
  - name: v
    edits:
      - with-mandate: {body: US, every: 6 months}
`,
		want:   []string{`ua.yaml:11:23: variants[0].edits[0].with-mandate.guarantee: missing: want the ID of the guarantee the mandate is for`},
		reason: "a with-mandate edit names its guarantee",
	},
	{
		name: "without-mandate of a guarantee with none",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military}
variants:
  - name: v
    edits:
      - without-mandate: g1
`,
		want:   []string{`ua.yaml:11:9: variants[0].edits[0]: without mandate g1: guarantee g1 has no mandate`},
		is:     []error{scenario.ErrEdit},
		reason: "removing a mandate that is not there is refused at the edit",
	},
	{
		name: "with-mandate of an unknown body",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military}
variants:
  - name: v
    edits:
      - with-mandate: {guarantee: g1, body: UNSC}
`,
		want:   []string{`ua.yaml:11:9: variants[0].edits[0]: with mandate g1: renewed by UNSC: guarantees[0].mandate.body: unknown actor "UNSC"`},
		reason: "the body of a new mandate must exist; the error is at the edit",
	},
	{
		name: "selector given as null",
		file: "ua.yaml",
		in: actors3 + `positions:
  - actor: RU
    demands-veto:
`,
		want:   []string{"ua.yaml:8:18: positions[0].demands-veto: wrong type: want a selector such as {kind: military}; write {} to pick every guarantee"},
		is:     []error{scenariofile.ErrType},
		reason: "an empty value is more likely a forgotten selector than a wish to pick every guarantee",
	},
	{
		name: "merge key",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - &state {id: US, name: United States}
  - <<: *state
    id: UK
`,
		want:   []string{"ua.yaml:4:5: actors[1]: unknown key: merge keys (<<) are not part of format 1; write the fields out"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "merge keys are not YAML 1.2 and hide what a field holds",
	},
	{
		name:   "invalid UTF-8",
		file:   "ua.yaml",
		in:     "entente: 1\nname: Ukra\xefne\n",
		want:   []string{"ua.yaml:2:11: syntax error: the file is not UTF-8 text"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "a file saved in Latin-1; the column is the first byte that is not UTF-8",
	},
	{
		name: "second document",
		file: "ua.yaml",
		in: actors3 + `---
entente: 1
name: another
`,
		want:   []string{"ua.yaml:6:1: syntax error: a second YAML document (after \"---\"); a scenario file holds one scenario"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "two files pasted together; the second scenario would be lost without a word",
	},
	{
		name: "unclosed quote",
		file: "ua.yaml",
		in: `entente: 1
name: "Ukraine, August 2025
description: draft
`,
		want:   []string{"ua.yaml:4:1: syntax error: found unexpected end of stream (while scanning a quoted scalar, from line 2)"},
		is:     []error{scenariofile.ErrSyntax},
		reason: "the library reports the end of the file; the error adds where the quote opened",
	},
	{
		name: "missing fields of a guarantee",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
`,
		want: []string{
			"ua.yaml:7:5: guarantees[0].beneficiary: missing",
			"ua.yaml:7:5: guarantees[0].kind: missing",
		},
		reason: "beneficiary and kind are required; the error points at the guarantee",
	},
	{
		name: "invalid kind",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuses: {kind: Ground Troops}}
`,
		want:   []string{"ua.yaml:7:33: positions[0].refuses.kind: invalid kind \"Ground Troops\": want segments of lower-case letters, digits and '-' joined by '/', such as \"military/air-support\""},
		reason: "kinds are lower-case paths",
	},
	{
		name: "likelihood above 1",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - id: g1
    provider: US
    beneficiary: UA
    kind: military
    likelihood: 1.5
`,
		want:   []string{"ua.yaml:11:17: guarantees[0].likelihood: a likelihood must be a number from 0 to 1: 1.5"},
		is:     []error{guarantee.ErrLikelihood},
		reason: "a likelihood is a probability, from 0 to 1",
	},
	{
		name: "negative likelihood",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuses: {kind: military/ground-troops}, likelihood: -0.1}
`,
		want:   []string{"ua.yaml:7:70: positions[0].likelihood: a likelihood must be a number from 0 to 1: -0.1"},
		is:     []error{guarantee.ErrLikelihood},
		reason: "a position's likelihood is the chance its actor holds it; no chance is below 0",
	},
	{
		name: "likelihood as a percentage",
		file: "ua.yaml",
		in: actors3 + `vetoes:
  - {holder: RU, over: {beneficiary: UA}, likelihood: 70%}
`,
		want:   []string{"ua.yaml:7:55: vetoes[0].likelihood: wrong type: want a number from 0 to 1, found \"70%\" (for 70%, write 0.7)"},
		is:     []error{scenariofile.ErrType},
		reason: "70% is text to YAML; the error says how to write it",
	},
	{
		name: "likelihood as a whole percentage",
		file: "ua.yaml",
		in: actors3 + `vetoes:
  - {holder: RU, over: {beneficiary: UA}, likelihood: 70}
`,
		want:   []string{"ua.yaml:7:55: vetoes[0].likelihood: a likelihood must be a number from 0 to 1: 70 (for 70%, write 0.7)"},
		is:     []error{guarantee.ErrLikelihood},
		reason: "a whole number above 1 is most likely a percentage",
	},
	{
		name: "likelihood not a number",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, likelihood: .nan}
`,
		want:   []string{"ua.yaml:7:73: guarantees[0].likelihood: a likelihood must be a number from 0 to 1: .nan"},
		is:     []error{guarantee.ErrLikelihood},
		reason: "YAML's not-a-number is a number to YAML, but no probability",
	},
	{
		name: "likelihood infinite",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, likelihood: .inf}
`,
		want:   []string{"ua.yaml:7:73: guarantees[0].likelihood: a likelihood must be a number from 0 to 1: .inf"},
		is:     []error{guarantee.ErrLikelihood},
		reason: "YAML's infinity is above 1",
	},
	{
		name: "likelihood in words",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: RU, demands-veto: {beneficiary: UA}, likelihood: likely}
`,
		want:   []string{"ua.yaml:7:62: positions[0].likelihood: wrong type: want a number from 0 to 1, found \"likely\""},
		is:     []error{scenariofile.ErrType},
		reason: "a likelihood is a number, not a word",
	},
	{
		name: "likelihood true",
		file: "ua.yaml",
		in: actors3 + `vetoes:
  - {holder: RU, likelihood: true}
`,
		want:   []string{"ua.yaml:7:30: vetoes[0].likelihood: wrong type: want a number from 0 to 1, found \"true\""},
		is:     []error{scenariofile.ErrType},
		reason: "true is not 1: a veto the deal surely grants has no likelihood",
	},
	{
		name: "likelihood in quotes",
		file: "ua.json",
		in: `{
  "entente": 1,
  "actors": [{"id": "US"}, {"id": "UA"}],
  "guarantees": [{"id": "g1", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": "0.7"}]
}
`,
		want:   []string{"ua.json:4:104: guarantees[0].likelihood: wrong type: want a number from 0 to 1, found the text \"0.7\" (write it without quotes)"},
		is:     []error{scenariofile.ErrType},
		reason: "JSON written by hand quotes numbers; the error says to drop the quotes",
	},
	{
		name: "misspelt likelihood",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuses: {kind: military/ground-troops}, likelyhood: 0.9}
`,
		want:   []string{"ua.yaml:7:58: positions[0].likelyhood: unknown key \"likelyhood\"; did you mean \"likelihood\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "a key one letter off names the key it was meant to be",
	},
	{
		name: "probability for likelihood",
		file: "ua.yaml",
		in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, probability: 0.9}
`,
		want:   []string{"ua.yaml:7:61: guarantees[0].probability: unknown key \"probability\"; did you mean \"likelihood\"?"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "probability and chance are other words for it",
	},
	{
		name: "likelihood in a selector",
		file: "ua.yaml",
		in: actors3 + `positions:
  - {actor: US, refuses: {kind: military/ground-troops, likelihood: 0.9}}
`,
		want:   []string{"ua.yaml:7:57: positions[0].refuses.likelihood: unknown key \"likelihood\": a likelihood goes beside the selector, on the position or veto, as in {actor: US, refuses: {kind: military}, likelihood: 0.7}"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "the likelihood is the position's, not its selector's; the error shows where it goes",
	},
	{
		name: "likelihood on an actor",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US, likelihood: 0.5}
`,
		want:   []string{"ua.yaml:3:14: actors[0].likelihood: unknown key \"likelihood\": only guarantees, positions and granted vetoes take a likelihood"},
		is:     []error{scenariofile.ErrUnknownKey},
		reason: "an actor is there or not; what it might do is a guarantee or a position",
	},
	{
		name: "several mistakes",
		file: "ua.yaml",
		in: `entente: 1
actors:
  - {id: US}
  - id: UA
    kind: alliance
    members: [US, RUS]
    decides: unanimously
guarantees:
  - {id: g1, provider: USA, beneficiary: UA, kind: military, strength: strong}
  - {id: g1, provider: US, beneficiary: UA, kind: military, trigger: attack(RU UA)}
positions:
  - {actor: UA, requires: {kind: military}, note: [1]}
`,
		want: []string{
			"ua.yaml:6:19: actors[1].members[1]: unknown actor \"RUS\"; did you mean \"US\"?",
			"ua.yaml:7:14: actors[1].decides: unknown decision rule \"unanimously\": want unanimity, consensus, majority or separately",
			"ua.yaml:9:24: guarantees[0].provider: unknown actor \"USA\"; did you mean \"US\"?",
			"ua.yaml:9:72: guarantees[0].strength: unknown strength \"strong\": want assurance, political or treaty",
			"ua.yaml:10:10: guarantees[1].id: duplicate ID \"g1\" (also guarantees[0])",
			"ua.yaml:10:80: guarantees[1].trigger: want ',' or ')'; found 'U' in \"attack(RU UA)\"",
			"ua.yaml:12:51: positions[0].note: wrong type: want text, found a list",
		},
		is:     []error{actor.ErrUnknownActor, scenariofile.ErrType, scenario.ErrDuplicateID},
		reason: "every problem is reported at once, in the order of the file",
	},
}

func TestMistakes(t *testing.T) {
	for _, tc := range mistakes {
		t.Run(tc.name, func(t *testing.T) {
			s, err := scenariofile.Parse(tc.file, []byte(tc.in))
			if err == nil {
				t.Fatalf("Parse succeeded; want errors (%s)", tc.reason)
			}
			got := messages(t, err)
			if d := cmp.Diff(tc.want, got); d != "" {
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
			if len(got) > 1 {
				return
			}
			for _, target := range sentinels {
				if !slices.Contains(tc.is, target) && errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = true; want false: the one problem is not that", target)
				}
			}
		})
	}
}

// sentinels are the errors of the package that callers test for.
var sentinels = []error{
	scenariofile.ErrTooLarge, scenariofile.ErrSyntax, scenariofile.ErrAliases,
	scenariofile.ErrUnknownKey, scenariofile.ErrDuplicateKey, scenariofile.ErrType,
	scenariofile.ErrVersion, scenariofile.ErrEmpty,
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err    *scenariofile.Error
		want   string
		reason string
	}{
		{
			err:    &scenariofile.Error{File: "ua.yaml", Line: 41, Column: 7, Path: "guarantees[3].provider", Err: errors.New(`unknown actor "USA"`)},
			want:   `ua.yaml:41:7: guarantees[3].provider: unknown actor "USA"`,
			reason: "the form of FORMAT.md, which editors turn into a link",
		},
		{
			err:    &scenariofile.Error{File: "ua.yaml", Line: 3, Column: 1, Err: scenariofile.ErrSyntax},
			want:   "ua.yaml:3:1: syntax error",
			reason: "a problem of syntax has no path",
		},
		{
			err:    &scenariofile.Error{Line: 1, Column: 1, Path: "name", Err: scenariofile.ErrType},
			want:   "1:1: name: wrong type",
			reason: "data parsed without a name",
		},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q; want %q (%s)", got, tc.want, tc.reason)
		}
		if got := errors.Unwrap(tc.err); got != tc.err.Err {
			t.Errorf("Unwrap() = %v; want %v", got, tc.err.Err)
		}
	}
	es := scenariofile.Errors{tests[0].err, tests[1].err}
	if got, want := es.Error(), tests[0].want+"\n"+tests[1].want; got != want {
		t.Errorf("Errors.Error() = %q; want %q: one problem a line", got, want)
	}
	if e, ok := errors.AsType[*scenariofile.Error](error(es)); !ok || e != tests[0].err {
		t.Errorf("errors.AsType[*Error](Errors) = %v, %v; want the first", e, ok)
	}
	if !errors.Is(es, scenariofile.ErrSyntax) || errors.Is(es, scenariofile.ErrType) {
		t.Errorf("errors.Is looks into every error of an Errors, and only there")
	}
}
