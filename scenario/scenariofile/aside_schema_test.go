package scenariofile

import "testing"

// TestSchemaPartiesAside checks that the schema takes parties-aside where
// a body decides and refuses it on a state and on an automatic activation.
func TestSchemaPartiesAside(t *testing.T) {
	sch := schemaCompile(t)
	const head = "entente: 1\nactors:\n  - {id: US}\n  - {id: UA}\n  - {id: council, kind: organization, members: [US, UA], parties-aside: true}\n"
	tests := []struct {
		reason string
		text   string
		ok     bool
	}{
		{"a body's rule and a body's decision", head + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: body(council), parties-aside: true}\n", true},
		{"a state has no rule", "entente: 1\nactors:\n  - {id: US, parties-aside: true}\n", false},
		{"a state kind said outright", "entente: 1\nactors:\n  - {id: US, kind: state, parties-aside: true}\n", false},
		{"nobody decides an automatic activation", head + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: automatic, parties-aside: true}\n", false},
		{"automatic without the rule", head + "guarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, activation: automatic, parties-aside: false}\n", true},
		{"the text of true is not true", head + "guarantees:\n  - {id: g, provider: council, beneficiary: UA, kind: military, parties-aside: 'true'}\n", false},
	}
	for _, tc := range tests {
		v, err := schemaInstance("t.yaml", []byte(tc.text))
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		if err := sch.Validate(v); (err == nil) != tc.ok {
			t.Errorf("%s: schema says %v; want ok=%v", tc.reason, err, tc.ok)
		}
	}
}
