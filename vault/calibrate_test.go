package vault

import (
	"testing"
	"time"
)

// The passes follow the computer's speed, between the floor (3) and the
// ceiling, and the memory stays DefaultKDF's.
func TestCalibrateKDF(t *testing.T) {
	for _, c := range []struct {
		perPass time.Duration
		want    uint32
	}{
		{500 * time.Millisecond, 3}, // a slow laptop keeps the floor
		{250 * time.Millisecond, 3},
		{150 * time.Millisecond, 5},
		{75 * time.Millisecond, 10},
		{time.Millisecond, kdfMaxPasses}, // a very fast machine stops at the ceiling
		{0, 3},
	} {
		p := calibrateKDF(func(p KDFParams) time.Duration {
			if p.Time != 1 || p.MemoryKiB != DefaultKDF.MemoryKiB || p.Threads != DefaultKDF.Threads {
				t.Fatalf("measured with %+v, want one pass of the default", p)
			}
			return c.perPass
		})
		if p.Time != c.want || p.MemoryKiB != 64*1024 || p.Threads != 4 || p.Algorithm != "argon2id" {
			t.Errorf("%v per pass: %+v, want %d passes of 64 MiB", c.perPass, p, c.want)
		}
		if err := p.validate(); err != nil {
			t.Errorf("%v per pass: %v", c.perPass, err)
		}
	}
}

// A vault created without KDF options gets calibrated parameters, never
// under the floor, in its header.
func TestCreateCalibratesTheKDF(t *testing.T) {
	if testing.Short() {
		t.Skip("derives a real key")
	}
	dir := t.TempDir() + "/v"
	v, _, err := Create(dir, testPass, &Options{WitnessDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
	h, err := ReadHeader(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h.KDF.Time < DefaultKDF.Time || h.KDF.Time > kdfMaxPasses || h.KDF.MemoryKiB != DefaultKDF.MemoryKiB {
		t.Errorf("header KDF %+v, want 64 MiB and 3 to %d passes", h.KDF, kdfMaxPasses)
	}
}
