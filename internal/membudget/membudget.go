// Package membudget keeps a large piece of work within a memory budget.
//
// Left to the default pacing, Go's collector lets the heap grow to twice
// what is live before it collects: work that makes much short-lived
// garbage (a report's PDF pages, an import's ten thousand records and the
// database's tables) then costs the process twice what it needs. While
// such work runs, Hold asks the collector to keep the process's memory
// within what it used before plus a budget, and gives the previous limit
// back afterwards. The limit is soft: if the work needs more, the
// collector works harder but nothing fails.
package membudget

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

var held struct {
	sync.Mutex
	users int
	saved int64
}

// inUse is the memory the process needs before the work: the live heap
// (as the last collection found it) and the runtime's own memory, not the
// heap's free or garbage spans.
func inUse() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	v := func(i int) uint64 {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return s[i].Value.Uint64()
	}
	heap := v(2) + v(3) + v(4) + v(5)
	runtime := uint64(0)
	if v(1) > heap {
		runtime = v(1) - heap
	}
	return v(0) + runtime
}

// Hold sets the memory limit to what the process uses now plus budget
// bytes, unless a lower limit is set, and returns the function that gives
// the previous limit back. Pieces of work held at the same time share the
// limit set by the first.
func Hold(budget uint64) (restore func()) {
	held.Lock()
	defer held.Unlock()
	held.users++
	if held.users == 1 {
		current := debug.SetMemoryLimit(-1)
		held.saved = current
		if limit := int64(min(inUse()+budget, math.MaxInt64/2)); limit < current {
			debug.SetMemoryLimit(limit)
		}
	}
	return func() {
		held.Lock()
		defer held.Unlock()
		if held.users--; held.users == 0 {
			debug.SetMemoryLimit(held.saved)
		}
	}
}
