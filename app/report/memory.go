package report

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A report keeps its PDF in memory until it is complete (the PDF library
// writes nothing before the end), and its layout makes short-lived
// garbage: some 300 MB for a report of a thousand incidents (1.5 GB more
// before the library's compressor was pooled, third_party/fpdf). Left to
// the default pacing, the
// collector lets the heap grow to twice what is live. While a document is
// made, memoryBudget asks the collector to keep the process's memory
// within what it used before plus a budget, and gives the previous limit
// back afterwards: on a laptop with 4 GB of memory, a report costs what it
// needs, not twice that. The limit is soft: if the document needs more,
// the collector works harder but nothing fails.

// reportBudget is the memory a document may add to the process.
const reportBudget = 72 << 20

var budget struct {
	sync.Mutex
	users int
	saved int64
}

// inUse is the memory the process needs before the document: the live
// heap (as the last collection found it) and the runtime's own memory,
// not the heap's free or garbage spans.
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

// memoryBudget sets the memory limit for the time of a document and
// returns the function that gives the previous limit back. Documents made
// at the same time share the limit set by the first.
func memoryBudget() (restore func()) {
	budget.Lock()
	defer budget.Unlock()
	budget.users++
	if budget.users == 1 {
		current := debug.SetMemoryLimit(-1)
		budget.saved = current
		if limit := int64(min(inUse()+reportBudget, math.MaxInt64/2)); limit < current {
			debug.SetMemoryLimit(limit)
		}
	}
	return func() {
		budget.Lock()
		defer budget.Unlock()
		if budget.users--; budget.users == 0 {
			debug.SetMemoryLimit(budget.saved)
		}
	}
}
