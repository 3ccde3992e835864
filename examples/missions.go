package examples

import (
	_ "embed"
	"slices"

	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// The files of the historical missions whose renewal a veto ended, in
// this repository.
const (
	Georgia2009File   = "examples/georgia2009/georgia2009.yaml"
	Macedonia1999File = "examples/macedonia1999/macedonia1999.yaml"
	OSCE2022File      = "examples/osce2022/osce2022.yaml"
)

var (
	//go:embed georgia2009/georgia2009.yaml
	georgia2009 []byte
	//go:embed macedonia1999/macedonia1999.yaml
	macedonia1999 []byte
	//go:embed osce2022/osce2022.yaml
	osce2022 []byte
)

// Georgia2009 returns the United Nations Observer Mission in Georgia
// (UNOMIG) from the war of August 2008 to 15 June 2009, when Russia
// vetoed the renewal of its mandate in the Security Council (S/PV.6143).
// The mission answers an attack by Russia, which holds a veto in the body
// that renews it: Evaluate reports captured-renewal.
//
// Each call returns a new value, which the caller may change freely.
func Georgia2009() scenario.Scenario { return load(Georgia2009File, georgia2009) }

// Georgia2009YAML returns the file of [Georgia2009], comments and all.
func Georgia2009YAML() []byte { return slices.Clone(georgia2009) }

// Macedonia1999 returns the United Nations Preventive Deployment Force
// (UNPREDEP) in the former Yugoslav Republic of Macedonia at the vote of
// 25 February 1999, when China vetoed the renewal of its mandate
// (S/PV.3982) weeks after Skopje recognised Taiwan. China attacked
// nobody; its position rejecting the mission, as a veto holder of the
// renewing body, makes Evaluate report blocked-renewal.
//
// Each call returns a new value, which the caller may change freely.
func Macedonia1999() scenario.Scenario { return load(Macedonia1999File, macedonia1999) }

// Macedonia1999YAML returns the file of [Macedonia1999], comments and
// all.
func Macedonia1999YAML() []byte { return slices.Clone(macedonia1999) }

// OSCE2022 returns the OSCE Special Monitoring Mission to Ukraine at the
// end of its last mandate, 31 March 2022, when Russia blocked the
// consensus on its renewal in the OSCE Permanent Council after invading
// Ukraine on 24 February. The mission answers a Russian attack and the
// body that renews it decides by consensus: Evaluate reports
// captured-renewal.
//
// Each call returns a new value, which the caller may change freely.
func OSCE2022() scenario.Scenario { return load(OSCE2022File, osce2022) }

// OSCE2022YAML returns the file of [OSCE2022], comments and all.
func OSCE2022YAML() []byte { return slices.Clone(osce2022) }

// load parses an embedded scenario file, which the package's tests hold
// valid.
func load(name string, data []byte) scenario.Scenario {
	s, err := scenariofile.Parse(name, data)
	if err != nil {
		panic("examples: the embedded scenario " + name + " does not load: " + err.Error())
	}
	return s
}
