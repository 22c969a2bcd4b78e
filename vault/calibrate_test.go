package vault

import (
	"testing"
	"time"
)

// The passes follow the computer's speed, between the floor (3) and the
// ceiling, and the memory stays DefaultKDF's. A derivation's fixed part
// (taking and first touching 64 MiB) is not counted as passes: with 100 ms
// of it and 100 ms per pass, one pass measured 200 ms and the old
// calibration chose 4 passes (500 ms) where 7 (800 ms) are about the
// target.
func TestCalibrateKDF(t *testing.T) {
	for _, c := range []struct {
		fixed, perPass time.Duration
		want           uint32
	}{
		{0, 500 * time.Millisecond, 3}, // a slow laptop keeps the floor
		{0, 250 * time.Millisecond, 3},
		{0, 150 * time.Millisecond, 5},
		{0, 75 * time.Millisecond, 10},
		{0, time.Millisecond, kdfMaxPasses}, // a very fast machine stops at the ceiling
		{0, 0, 3},
		{100 * time.Millisecond, 100 * time.Millisecond, 7},
		{70 * time.Millisecond, 130 * time.Millisecond, 5},
		{400 * time.Millisecond, 400 * time.Millisecond, 3},
	} {
		p := calibrateKDF(func(p KDFParams) time.Duration {
			if p.Time > 2 || p.MemoryKiB != DefaultKDF.MemoryKiB || p.Threads != DefaultKDF.Threads {
				t.Fatalf("measured with %+v, want one or two passes of the default", p)
			}
			if c.perPass == 0 {
				return 0
			}
			return c.fixed + time.Duration(p.Time)*c.perPass
		})
		if p.Time != c.want || p.MemoryKiB != 64*1024 || p.Threads != 4 || p.Algorithm != "argon2id" {
			t.Errorf("%v fixed, %v per pass: %+v, want %d passes of 64 MiB", c.fixed, c.perPass, p, c.want)
		}
		if err := p.validate(); err != nil {
			t.Errorf("%v per pass: %v", c.perPass, err)
		}
	}
}

// Noise that makes two passes cost no more than one, or far more than
// twice, never takes the passes past what one pass alone allows, nor
// under the floor.
func TestCalibrateKDFUnderNoise(t *testing.T) {
	for _, t2 := range []time.Duration{100 * time.Millisecond, 120 * time.Millisecond, 2 * time.Second} {
		p := calibrateKDF(func(p KDFParams) time.Duration {
			if p.Time == 1 {
				return 120 * time.Millisecond
			}
			return t2
		})
		if p.Time < DefaultKDF.Time || p.Time > kdfMaxPasses {
			t.Errorf("two passes in %v: %d passes", t2, p.Time)
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

// A header may ask up to maxKDFPasses passes, twice what any computer's
// calibration chooses; one more is refused as damaged, so a hostile
// vault.json cannot make an unlock last an hour.
func TestHeaderKDFBounds(t *testing.T) {
	if kdfMaxPasses*2 > maxKDFPasses {
		t.Fatalf("a header may ask %d passes, under twice the calibration's ceiling %d", maxKDFPasses, kdfMaxPasses)
	}
	for _, c := range []struct {
		passes uint32
		ok     bool
	}{{0, false}, {1, true}, {kdfMaxPasses, true}, {maxKDFPasses, true}, {maxKDFPasses + 1, false}, {1 << 31, false}} {
		p := DefaultKDF
		p.Time = c.passes
		if err := p.validate(); (err == nil) != c.ok {
			t.Errorf("%d passes: validate says %v, want accepted %v", c.passes, err, c.ok)
		}
	}
}
