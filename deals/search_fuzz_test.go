package deals_test

import (
	"math/rand/v2"
	"testing"

	"github.com/entente-go/entente/internal/testkit"
)

// FuzzSearch checks Search against the brute-force reference (see
// search_test.go) on scenarios the generator draws from seed in the shape
// the byte gives: at most 8 offers and 8 positions, of which up to 3
// demands-veto, so that each input is quick.
//
// Run it with
//
//	go test ./deals -run '^$' -fuzz FuzzSearch -fuzztime 60s
func FuzzSearch(f *testing.F) {
	f.Add(uint64(0), byte(0))    // no offers, no positions
	f.Add(uint64(1), byte(0xff)) // the largest shape
	f.Add(uint64(2), byte(0x2d)) // 5 offers, 5 positions
	f.Add(uint64(3), byte(0x83)) // 4 offers, 1 position
	f.Add(uint64(4), byte(0x7e)) // 6 offers, 7 positions
	f.Fuzz(func(t *testing.T, seed uint64, shape byte) {
		s := testkit.Generate(seed, testkit.ShapeOf(shape, seed))
		checkSearch(t, s, rand.New(rand.NewPCG(seed, uint64(shape))))
	})
}
