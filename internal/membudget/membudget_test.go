package membudget

import (
	"runtime/debug"
	"testing"
)

// While work is held, the limit is what the process uses plus the budget;
// work held at the same time shares it; the limit set before comes back
// when the last one ends, and a lower limit set before is kept.
func TestHoldSetsAndGivesBackTheLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	restore := Hold(64 << 20)
	held := debug.SetMemoryLimit(-1)
	if held >= before || held < 64<<20 || uint64(held) > inUse()+64<<20+8<<20 {
		t.Fatalf("limit while held: %d (before %d, in use %d)", held, before, inUse())
	}
	inner := Hold(1 << 20)
	if got := debug.SetMemoryLimit(-1); got != held {
		t.Fatalf("a second hold changed the limit: %d, want %d", got, held)
	}
	inner()
	if got := debug.SetMemoryLimit(-1); got != held {
		t.Fatalf("the first hold lost its limit: %d, want %d", got, held)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("limit after: %d, want %d", got, before)
	}
	debug.SetMemoryLimit(1 << 20)
	Hold(64 << 20)()
	if got := debug.SetMemoryLimit(-1); got != 1<<20 {
		t.Fatalf("a lower limit set before was not kept: %d", got)
	}
}
