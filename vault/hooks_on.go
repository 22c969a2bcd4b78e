//go:build testhooks

package vault

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// Test hooks, compiled only with the testhooks build tag (make test and
// make torture set it; the release binary is built without it, so none of
// this is in it — hooks_off.go stands in).
//
// The storage seam: every file the vault writes itself — the header's
// temporary file, blob files, backup files and restored files — goes
// through seamWriter and seamSync, so that tests can make a write fail
// after a number of bytes (a full disk) or a flush fail (a dying device)
// at a chosen moment, and check that nothing is lost and nothing half
// written stays visible. Badger's own files (SSTables, value log,
// MANIFEST, KEYREGISTRY) are written by Badger through memory maps and its
// own file handles: they cannot be wrapped here, and the torture tests
// fill a small tmpfs instead.
//
// Crash points: crashPoint(step) asks the test whether the process "dies"
// at a named step of a multi-step write (the header's atomic replacement,
// a staged transaction, a key rotation); the write then returns
// errSimulatedCrash at once, leaving the files exactly as a crash would.

// Purposes of the files the vault writes, as given to StorageFaults.
const (
	PurposeHeader  = purposeHeader  // vault.json (temporary file, then renamed)
	PurposeBlob    = purposeBlob    // an encrypted evidence file
	PurposeBackup  = purposeBackup  // a backup file being written
	PurposeRestore = purposeRestore // files of a vault being restored
	PurposeStaging = purposeStaging // the staging file of a large transaction
)

// StorageFaults decides which writes and flushes fail.
type StorageFaults interface {
	// Write is called before n bytes are written to a file written for
	// purpose. It returns how many of them are actually written and the
	// error returned after them (nil: all n bytes, no error).
	Write(purpose string, n int) (int, error)
	// Sync is called before a file written for purpose is flushed; a
	// non-nil error is returned instead of flushing.
	Sync(purpose string) error
}

type faultsBox struct{ f StorageFaults }

var storageFaults atomic.Pointer[faultsBox]

// InjectStorageFaults makes the vault's file writes go through f until the
// returned function is called.
func InjectStorageFaults(f StorageFaults) (remove func()) {
	storageFaults.Store(&faultsBox{f: f})
	return func() { storageFaults.Store(nil) }
}

func currentFaults() StorageFaults {
	if b := storageFaults.Load(); b != nil {
		return b.f
	}
	return nil
}

// seamWriter returns w, or, while faults are injected, a writer that asks
// them before each write.
func seamWriter(purpose string, w io.Writer) io.Writer {
	if currentFaults() == nil {
		return w
	}
	return &faultyWriter{w: w, purpose: purpose}
}

type faultyWriter struct {
	w       io.Writer
	purpose string
}

func (fw *faultyWriter) Write(p []byte) (int, error) {
	f := currentFaults()
	if f == nil {
		return fw.w.Write(p)
	}
	allowed, ferr := f.Write(fw.purpose, len(p))
	if ferr == nil {
		return fw.w.Write(p)
	}
	allowed = max(0, min(allowed, len(p)))
	n, err := fw.w.Write(p[:allowed])
	if err != nil {
		return n, err
	}
	return n, &os.PathError{Op: "write", Path: fw.purpose, Err: ferr}
}

// seamSync flushes f, unless the injected faults decide that this flush
// fails.
func seamSync(purpose string, f *os.File) error {
	if fl := currentFaults(); fl != nil {
		if err := fl.Sync(purpose); err != nil {
			return &os.PathError{Op: "sync", Path: f.Name(), Err: err}
		}
	}
	return f.Sync()
}

// FaultPlan is a ready-made StorageFaults: writes for Purpose (every
// purpose when empty) fail with Err once Bytes bytes have been written, and
// flushes fail with SyncErr. It is safe for concurrent use.
type FaultPlan struct {
	Purpose string
	Bytes   int64 // bytes that still succeed; negative: writes never fail
	Err     error // e.g. syscall.ENOSPC or syscall.EIO
	SyncErr error // nil: flushes succeed

	mu      sync.Mutex
	written int64
	fired   bool
}

func (p *FaultPlan) applies(purpose string) bool { return p.Purpose == "" || p.Purpose == purpose }

// Write implements StorageFaults.
func (p *FaultPlan) Write(purpose string, n int) (int, error) {
	if !p.applies(purpose) || p.Bytes < 0 || p.Err == nil {
		return n, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	left := p.Bytes - p.written
	if int64(n) <= left {
		p.written += int64(n)
		return n, nil
	}
	p.written += max(left, 0)
	p.fired = true
	return int(max(left, 0)), p.Err
}

// Sync implements StorageFaults.
func (p *FaultPlan) Sync(purpose string) error {
	if !p.applies(purpose) || p.SyncErr == nil {
		return nil
	}
	p.mu.Lock()
	p.fired = true
	p.mu.Unlock()
	return p.SyncErr
}

// Fired reports whether the plan made a write or a flush fail.
func (p *FaultPlan) Fired() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fired
}

// crashAt, when set by a test of this package, is asked at each crash
// point whether the process "dies" there.
var crashAt atomic.Pointer[func(step string) bool]

// setCrashAt installs fn (nil removes it).
func setCrashAt(fn func(step string) bool) {
	if fn == nil {
		crashAt.Store(nil)
		return
	}
	crashAt.Store(&fn)
}

func crashPoint(step string) bool {
	if fn := crashAt.Load(); fn != nil {
		return (*fn)(step)
	}
	return false
}
