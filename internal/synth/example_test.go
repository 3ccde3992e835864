package synth_test

import (
	"fmt"

	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
)

func ExampleGenerate() {
	s := synth.Generate(synth.Config{Guarantees: 1000, Seed: 1})
	fmt.Println("guarantees:", len(s.Guarantees))
	fmt.Println("positions:", len(s.Positions))
	fmt.Println("actors:", len(s.Actors))
	fmt.Println("granted vetoes:", len(s.Vetoes))
	fmt.Println("valid:", scenario.Validate(s) == nil)
	// Output:
	// guarantees: 1000
	// positions: 200
	// actors: 220
	// granted vetoes: 2
	// valid: true
}
