// Package parallel runs independent pieces of work on every core, each
// writing its answer into a slot of its own, so that what the caller
// reads afterwards is in the order of the pieces, whatever the number of
// cores: the same input gives the same output.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do(i) for every i from 0 to n-1, on up to GOMAXPROCS
// goroutines, and returns when every call has returned. Once ctx is done
// no further call starts; the calls already running finish. do must write
// only what belongs to its i.
func Each(ctx context.Context, n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				do(i)
			}
		})
	}
	wg.Wait()
}
