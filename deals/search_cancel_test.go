package deals_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/entente-go/entente/deals"
)

// TestSearchCanceledWhileRunning cancels a Search in the middle of its
// count of feasible packages: it returns soon after, with Complete false
// and Stopped naming the context, and no error. Complete false proves the
// search was still running when the context was canceled.
func TestSearchCanceledWhileRunning(t *testing.T) {
	const n = 30 // with 20 requires positions, a count of about 0.4 s (docs/PERFORMANCE.md)
	p, k := searchGrowthShape(n)
	s := searchManyRequires(t, searchDealScenario(t, n, p, k), 20)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	r, err := deals.Search(ctx, s, deals.Options{Count: true})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if r.Complete || !strings.Contains(r.Stopped, context.Canceled.Error()) {
		t.Fatalf("complete %v, stopped %q; want a search stopped by the canceled context", r.Complete, r.Stopped)
	}
	t.Logf("returned after %v: %s", took, r.Stopped)
	// Generous, for the race detector on a shared machine.
	if took > time.Second {
		t.Errorf("returned after %v; want within 1 s of the start", took)
	}
}
