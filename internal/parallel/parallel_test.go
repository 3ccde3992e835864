package parallel

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 7, 1000} {
			calls := make([]atomic.Int32, n)
			Each(context.Background(), n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: do(%d) called %d times, want once", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

func TestEachStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	Each(ctx, 10000, func(i int) {
		if calls.Add(1) == 5 {
			cancel()
		}
	})
	// Each goroutine running when cancel came may finish the call it had
	// started, and none starts another.
	if c := calls.Load(); c < 5 || c > 5+int32(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d calls after a cancel at the fifth; want 5 to %d", c, 5+runtime.GOMAXPROCS(0))
	}
}
