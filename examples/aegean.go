package examples

import (
	_ "embed"
	"slices"

	"github.com/entente-go/entente/scenario"
)

// Aegean1996File is the file of [Aegean1996], in this repository.
const Aegean1996File = "examples/aegean1996/aegean1996.yaml"

//go:embed aegean1996/aegean1996.yaml
var aegean1996 []byte

// Aegean1996 returns NATO's Article 5 between two of its members, Greece
// and Turkey, as of the Imia/Kardak crisis of January 1996, with a
// what-if timeline in which Turkey attacks Greece. Article 5 answers an
// armed attack on any Ally by anyone (attack(*, GR)) through a Council
// that decides by consensus, so every other Ally, Turkey among them, holds
// a veto over the response: Evaluate reports insider-veto, and the walk
// calls the guarantee to Greece with Turkey as its attacker, void. Its
// variant "council-decides-by-majority" takes the single veto away.
//
// Each call returns a new value, which the caller may change freely.
func Aegean1996() scenario.Scenario { return load(Aegean1996File, aegean1996) }

// Aegean1996YAML returns the file of [Aegean1996], comments and all.
func Aegean1996YAML() []byte { return slices.Clone(aegean1996) }
