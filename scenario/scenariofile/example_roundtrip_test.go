package scenariofile_test

import (
	"bytes"
	"fmt"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// A scenario built in Go, written as a file and read back, is the value it
// was, variants and values included; written again, it is the same file.
// Here the seed (security guarantees for Ukraine as reported on 21 August
// 2025, "Rubio reiterates Trump's support for Ukraine, calls for European
// leadership") with one more what-if added in code: the article's "no
// specific promise" of US intelligence taken off the table.
func ExampleMarshal_roundTrip() {
	s := examples.Ukraine2025()
	s.Variants = append(s.Variants, scenario.Variant{
		Name:  "no-us-intelligence",
		Edits: []scenario.Edit{scenario.Without{ID: "us-intelligence"}},
	})
	b, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := scenariofile.Parse("ukraine2025.yaml", b)
	if err != nil {
		fmt.Println(err)
		return
	}
	again, err := scenariofile.Marshal(back, scenariofile.YAML)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Name, "with", len(back.Variants), "variants and", len(back.Values), "actors' values")
	fmt.Println("same value:", cmp.Equal(s, back))
	fmt.Println("same file:", bytes.Equal(b, again))
	// Output:
	// Ukraine security guarantees, August 2025 with 7 variants and 4 actors' values
	// same value: true
	// same file: true
}
