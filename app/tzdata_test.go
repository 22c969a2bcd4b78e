package app

import (
	"testing"
	"time"
)

// TestParisTimeIsKnownOnEverySystem: Europe/Paris is known even where the
// system has no time zone database (Windows): a March afternoon is UTC+1,
// a July one UTC+2. Without the embedded database this fails on Windows
// and dates silently fall back to the computer's clock.
func TestParisTimeIsKnownOnEverySystem(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("Europe/Paris is unknown: %v", err)
	}
	for _, c := range []struct {
		month  time.Month
		offset int
	}{{time.March, 3600}, {time.July, 7200}} {
		if _, off := time.Date(2026, c.month, 14, 14, 5, 0, 0, loc).Zone(); off != c.offset {
			t.Errorf("%v: offset %d s, want %d", c.month, off, c.offset)
		}
	}
}
