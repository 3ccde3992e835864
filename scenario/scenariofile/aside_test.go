package scenariofile_test

import (
	"testing"

	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// TestPartiesAsideRoundTrip reads parties-aside on a body and on a
// guarantee, with the keys out of order, and checks that fmt writes them
// in their canonical places and that what it writes reads back the same.
func TestPartiesAsideRoundTrip(t *testing.T) {
	in := `entente: 1
actors:
  - {id: FR}
  - {id: DE}
  - {id: UK}
  - {id: council, kind: organization, parties-aside: true, members: [FR, DE, UK]}
  - {id: plain, kind: organization, members: [FR, DE, UK], parties-aside: false}
guarantees:
  - id: uk-fr
    parties-aside: true
    provider: UK
    beneficiary: FR
    kind: military
    trigger: attack(DE, FR)
    activation: body(plain)
`
	want := `entente: 1
actors:
  - {id: FR}
  - {id: DE}
  - {id: UK}
  - id: council
    kind: organization
    members: [FR, DE, UK]
    parties-aside: true
  - id: plain
    kind: organization
    members: [FR, DE, UK]
guarantees:
  - id: uk-fr
    provider: UK
    beneficiary: FR
    kind: military
    trigger: attack(DE, FR)
    activation: body(plain)
    parties-aside: true
`
	s, err := scenariofile.Parse("in.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Actors[3].PartiesAside || s.Actors[4].PartiesAside || !s.Guarantees[0].Activation.PartiesAside {
		t.Fatalf("parties-aside read wrong: council %v, plain %v, uk-fr %v",
			s.Actors[3].PartiesAside, s.Actors[4].PartiesAside, s.Guarantees[0].Activation.PartiesAside)
	}
	out, err := scenariofile.Format("in.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("Format (-want +got):\n%s", diff)
	}
	for _, e := range encodings {
		data, err := scenariofile.Marshal(s, e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := scenariofile.Parse("out."+e.String(), data)
		if err != nil {
			t.Fatalf("%v: %v\n%s", e, err, data)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Errorf("%v: the scenario does not survive a round trip (-want +got):\n%s", e, diff)
		}
	}
}
