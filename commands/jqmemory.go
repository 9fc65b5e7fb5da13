package commands

import (
	"context"
	"errors"
	"runtime/metrics"
	"time"
)

// JQMemoryBudget is how much more heap a jq filter may hold than there
// was when it started, before it is stopped with a failure.
const JQMemoryBudget = 256 << 20

// errJQMemory is the cause of a filter's context when it went over its
// budget.
var errJQMemory = errors.New("jq filter over its memory budget")

// heapMetric is the heap held by objects, live or not yet swept: it
// follows allocation between collections, which the live-heap figure
// does not.
const heapMetric = "/memory/classes/heap/objects:bytes"

// watchMemory returns ctx cancelled with errJQMemory once the heap
// grows more than budget (plus the heap in use at the start, which the
// collector lets grow again as garbage before it runs) over what it was
// when called. stop ends the watch; it must be called.
func watchMemory(ctx context.Context, budget uint64) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	sample := []metrics.Sample{{Name: heapMetric}}
	heap := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	start := heap()
	limit := start + start + budget
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if heap() > limit {
					cancel(errJQMemory)
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}
