package bargain_test

import (
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/bargain"
)

// TestSolveSameOnAnyGOMAXPROCS checks that sharing the walk among
// goroutines changes nothing: the result on one core is the result on
// four, and the frontier cut by FrontierLimit is the first of the whole
// frontier, counted whole.
func TestSolveSameOnAnyGOMAXPROCS(t *testing.T) {
	s := liveScenario(8) // (2^8 − 1)·32 outcomes over 32 choices
	solve := func(procs, limit int) bargain.Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		r, err := bargain.Solve(t.Context(), s, bargain.Options{FrontierLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	one := solve(1, 0)
	if one.Outcomes != 255*32 {
		t.Fatalf("%d outcomes; want %d", one.Outcomes, 255*32)
	}
	if diff := cmp.Diff(one, solve(4, 0)); diff != "" {
		t.Errorf("GOMAXPROCS 4 against 1 (-want +got):\n%s", diff)
	}
	if len(one.Frontier) < 3 {
		t.Fatalf("frontier of %d outcomes; the test needs 3", len(one.Frontier))
	}
	cut := solve(2, 2)
	if diff := cmp.Diff(one.Frontier[:2], cut.Frontier); diff != "" {
		t.Errorf("frontier cut at 2 (-want +got):\n%s", diff)
	}
	if cut.FrontierCount != one.FrontierCount || one.FrontierCount != len(one.Frontier) {
		t.Errorf("frontier counted %d cut, %d whole, %d listed; want all alike", cut.FrontierCount, one.FrontierCount, len(one.Frontier))
	}
}
