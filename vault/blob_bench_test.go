package vault

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"
)

// BenchmarkImportEvidence imports one large file into a vault and, in the
// same run, encrypts the same file with the real age command, so that the
// two speeds are measured side by side on the same machine state. It
// reports both throughputs, their ratio, and the peak memory of the
// import. The size is TEMOIN_BENCH_EVIDENCE_MIB (default 512 MiB; the
// issue's figure is for 4096).
func BenchmarkImportEvidence(b *testing.B) {
	size := int64(512) << 20
	if s := os.Getenv("TEMOIN_BENCH_EVIDENCE_MIB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		size = int64(n) << 20
	}
	ageCmd := findAge(b)
	dir := b.TempDir()
	src := filepath.Join(dir, "video.mp4")
	writeRandomFile(b, src, size)
	v, _, _ := newTestVault(b)

	id, _ := age.GenerateX25519Identity()
	var ageTime, importTime time.Duration
	var peak uint64
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, "age.out")
		start := time.Now()
		cmd := exec.Command(ageCmd, "-e", "-r", id.Recipient().String(), "-o", out, src)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("age: %v %s", err, msg)
		}
		ageTime += time.Since(start)
		os.Remove(out)

		f, err := os.Open(src)
		if err != nil {
			b.Fatal(err)
		}
		stop := samplePeakMemory(&peak)
		start = time.Now()
		blob, err := v.WriteBlob(context.Background(), f, nil)
		if err == nil {
			err = v.Update(func(tx *Tx) error { return tx.KeepBlob(blob) })
		}
		importTime += time.Since(start)
		stop()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		v.Update(func(tx *Tx) error { return tx.DropBlob(blob.ID) })
	}
	b.StopTimer()
	mbps := func(d time.Duration) float64 { return float64(size) * float64(b.N) / d.Seconds() / (1 << 20) }
	b.ReportMetric(mbps(importTime), "import-MiB/s")
	b.ReportMetric(mbps(ageTime), "age-e-MiB/s")
	b.ReportMetric(importTime.Seconds()/ageTime.Seconds(), "time-ratio-vs-age")
	b.ReportMetric(float64(peak)/(1<<20), "peak-Go-MiB")
}

// findAge returns the path of the real age command, installed by
// tools/deps.sh into .tools.
func findAge(tb testing.TB) string {
	for _, p := range []string{"../.tools/age", "../../.tools/age"} {
		if abs, _ := filepath.Abs(p); abs != "" {
			if _, err := os.Stat(abs); err == nil {
				return abs
			}
		}
	}
	if p, err := exec.LookPath("age"); err == nil {
		return p
	}
	tb.Skip("the age command is not installed: run `make deps`")
	return ""
}

// writeRandomFile fills a file with incompressible bytes, fast.
func writeRandomFile(tb testing.TB, name string, size int64) {
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := rand.NewChaCha8([32]byte{1, 2, 3})
	if _, err := io.CopyN(f, r, size); err != nil {
		tb.Fatal(err)
	}
}

// samplePeakMemory records, until stop is called, the highest amount of
// memory the Go runtime holds (heap, stacks, runtime structures: everything
// but memory-mapped files).
func samplePeakMemory(peak *uint64) (stop func()) {
	runtime.GC()
	var done atomic.Bool
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	go func() {
		defer close(finished)
		for !done.Load() {
			metrics.Read(sample)
			used := sample[0].Value.Uint64() - sample[1].Value.Uint64()
			if used > *peak {
				*peak = used
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

// BenchmarkUnlockKDF measures opening an empty vault with the Argon2id
// parameters Create calibrates on this computer (64 MiB, 4 lanes, 3 passes
// or more: CalibrateKDF): the time a person waits after typing the
// passphrase, aimed at KDFTarget. It reports the parameters chosen.
func BenchmarkUnlockKDF(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "v")
	v, _, err := Create(dir, testPass, &Options{WitnessDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	v.Lock()
	h, err := ReadHeader(dir)
	if err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		v, err := Open(dir, testPass)
		if err != nil {
			b.Fatal(err)
		}
		v.Lock()
	}
	// After the loop: b.Loop's first call deletes the metrics reported before.
	b.ReportMetric(float64(h.KDF.MemoryKiB)/1024, "kdf-MiB")
	b.ReportMetric(float64(h.KDF.Time), "kdf-passes")
}
