// Package examples holds the scenarios Entente's examples, tests and
// command-line tool are built on, each modelled from public sources that it
// cites. Each lives in one scenario file, embedded here, that programs,
// the tool and the tests all read. The runnable programs are in the
// directories below this one (go run ./examples/ukraine2025).
package examples

import (
	_ "embed"
	"slices"

	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// Source IDs of [Ukraine2025].
const (
	// SeedArticle is the article the scenario models.
	SeedArticle = "seed"
	// NATOMembers is NATO's list of its member countries.
	NATOMembers = "nato-members"
	// EUMembers is the EU's list of its member countries.
	EUMembers = "eu-members"
)

// Ukraine2025File is the name of the seed scenario's file in this
// repository.
const Ukraine2025File = "examples/ukraine2025/ukraine2025.yaml"

//go:embed ukraine2025/ukraine2025.yaml
var ukraine2025 []byte

// Ukraine2025 returns the seed scenario: security guarantees for Ukraine as
// reported in August 2025, after the call in which Marco Rubio told European
// national security advisers that the United States would provide post-war
// security guarantees but that Europe should take the lead.
//
// Every element cites the article. Memberships of NATO and the EU, which the
// article takes as known, cite the organizations' own lists and are limited
// to the states the article names. The coalition of "30 countries" willing
// to give guarantees is modelled by the states the article names; the
// financial and sanctions-only offers it reports are the coalition's,
// because the article does not say which countries made them.
//
// Each call returns a new value, which the caller may change freely.
func Ukraine2025() scenario.Scenario {
	s, err := scenariofile.Parse(Ukraine2025File, ukraine2025)
	if err != nil {
		panic("examples: the embedded seed scenario does not load: " + err.Error())
	}
	return s
}

// Ukraine2025YAML returns the seed scenario's file, comments and all, for
// users to start from.
func Ukraine2025YAML() []byte { return slices.Clone(ukraine2025) }
