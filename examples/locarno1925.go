package examples

import (
	_ "embed"
	"slices"

	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// Locarno1925File is the name of the Locarno scenario's file in this
// repository.
const Locarno1925File = "examples/locarno1925/locarno1925.yaml"

//go:embed locarno1925/locarno1925.yaml
var locarno1925 []byte

// Locarno1925 returns the Treaty of Mutual Guarantee done at Locarno on
// 16 October 1925 (signed in London on 1 December): Great Britain and
// Italy guarantee the Franco-German and Belgian-German frontiers, and the
// demilitarised Rhineland, acting once the Council of the League of
// Nations finds a violation. The Council decides unanimously, but does
// not count the votes of the parties to the dispute (Covenant, Article
// 15), so neither Germany nor France can block a finding against itself:
// the case of a rule that sets the parties aside. Its variant parties-vote asks what the guarantees would be worth
// if the parties voted too.
//
// The Council's members are its permanent members once Germany had
// joined the League in 1926, the Council the treaty was written for; the
// timeline is Germany's reoccupation of the Rhineland on 7 March 1936, by
// when Germany and Japan had left the League and the Soviet Union had
// joined it, so the walk asks how the treaty as built answers the breach.
// Every element cites the treaty or the Covenant.
//
// Each call returns a new value, which the caller may change freely.
func Locarno1925() scenario.Scenario {
	s, err := scenariofile.Parse(Locarno1925File, locarno1925)
	if err != nil {
		panic("examples: the embedded Locarno scenario does not load: " + err.Error())
	}
	return s
}

// Locarno1925YAML returns the Locarno scenario's file, comments and all.
func Locarno1925YAML() []byte { return slices.Clone(locarno1925) }
