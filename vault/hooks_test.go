//go:build testhooks

package vault

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Tests that inject storage faults or simulated crashes: they need the
// testhooks build tag (make test sets it), which compiles the hooks of
// hooks_on.go into the package instead of the no-ops of hooks_off.go.

// A full disk or a failing device while evidence is written: the import
// fails with the cause, nothing half written stays, the vault is intact.
func TestBlobWriteFailures(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "before")
	good := keepBlob(t, v, strings.NewReader("earlier evidence"))
	data := bytes.Repeat([]byte("preuve "), 1<<20) // 7 MiB
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeBlob, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: PurposeBlob, Bytes: 300 << 10, Err: syscall.ENOSPC},
		{Purpose: PurposeBlob, Bytes: 5 << 20, Err: syscall.EIO},
		{Purpose: PurposeBlob, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaults(plan)
		_, err := v.WriteBlob(context.Background(), bytes.NewReader(data), nil)
		remove()
		if err == nil || !plan.Fired() {
			t.Fatalf("%+v: no error", plan)
		}
		if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EIO) {
			t.Errorf("%+v: the error hides its cause: %v", plan, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, blobsDir))
	if len(entries) != 1 || entries[0].Name() != good.ID {
		t.Fatalf("blobs folder after failed writes: %v", entries)
	}
	v.Lock()
	v2, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Lock()
	rep, err := v2.Verify(context.Background(), nil)
	if err != nil || !rep.OK() || rep.Blobs != 1 || len(rep.Notes) != 0 {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := mustGet(t, v2, "inc/1"); got != "before" {
		t.Fatal(got)
	}
}

func TestBackupDiskFull(t *testing.T) {
	v, _, _ := newTestVault(t)
	fillVault(t, v)
	dir := t.TempDir()
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeBackup, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: PurposeBackup, Bytes: 100 << 10, Err: syscall.ENOSPC},
		{Purpose: PurposeBackup, Bytes: 2 << 20, Err: syscall.EIO},
		{Purpose: PurposeBackup, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaults(plan)
		path := filepath.Join(dir, "b.temoin")
		_, err := v.WriteBackupFile(context.Background(), path, false, nil)
		remove()
		if err == nil || !plan.Fired() {
			t.Fatalf("%+v: no error", plan)
		}
		if !errors.Is(err, plan.Err) && !errors.Is(err, plan.SyncErr) {
			t.Errorf("error does not say why: %v", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%+v left %v", plan, entries[0].Name())
		}
	}
	// The vault is unharmed.
	rep, err := v.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("%v %+v", err, rep)
	}
}

func TestRestoreDiskFullLeavesNothing(t *testing.T) {
	v, _, _ := newTestVault(t)
	fillVault(t, v)
	data := backupToBytes(t, v)
	parent := t.TempDir()
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeRestore, Bytes: 1000, Err: syscall.ENOSPC},
		{Purpose: PurposeHeader, Bytes: 10, Err: syscall.ENOSPC},
		{Purpose: PurposeRestore, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaults(plan)
		_, err := RestoreBackup(context.Background(), bytes.NewReader(data), int64(len(data)), filepath.Join(parent, "v"), Passphrase(testPass), nil, nil)
		remove()
		if err == nil {
			t.Fatalf("%+v: no error", plan)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Fatalf("%+v left %v", plan, entries[0].Name())
		}
	}
}

func TestHeaderWriteFailureKeepsTheOldPassphrase(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "kept")
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeHeader, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: PurposeHeader, Bytes: 300, Err: syscall.ENOSPC},
		{Purpose: PurposeHeader, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaults(plan)
		err := v.ChangePassphrase([]byte("another passphrase"))
		remove()
		if err == nil || (!errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EIO)) {
			t.Fatalf("%+v: %v", plan, err)
		}
	}
	v.Lock()
	v2, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("old passphrase after failed changes: %v", err)
	}
	defer v2.Lock()
	if got := mustGet(t, v2, "inc/1"); got != "kept" {
		t.Fatal(got)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".vault.json.tmp-*")); len(m) != 0 {
		t.Fatalf("temporary header left: %v", m)
	}
}

func TestPassphraseChangeSurvivesACrashAtEveryStep(t *testing.T) {
	for _, step := range []string{"half-written", "flushed", "renamed"} {
		t.Run(step, func(t *testing.T) {
			v, dir, _ := newTestVault(t)
			mustRecord(t, v, "inc/1", "still here")
			setCrashAt(func(s string) bool { return s == "header:"+step })
			err := v.ChangePassphrase([]byte("new"))
			setCrashAt(nil)
			if !errors.Is(err, errSimulatedCrash) {
				t.Fatalf("got %v, want the simulated crash", err)
			}
			v.Lock()
			old, errOld := Open(dir, testPass)
			if errOld == nil {
				old.Lock()
			}
			nv, errNew := Open(dir, []byte("new"))
			if errNew == nil {
				if got := mustGet(t, nv, "inc/1"); got != "still here" {
					t.Errorf("got %q", got)
				}
				nv.Lock()
			}
			if (errOld == nil) == (errNew == nil) {
				t.Fatalf("exactly one passphrase must open the vault: old %v, new %v", errOld, errNew)
			}
			if step == "renamed" && errNew != nil {
				t.Fatalf("after the rename the new passphrase must open: %v", errNew)
			}
		})
	}
}

func TestLargeTransactionSurvivesACrash(t *testing.T) {
	const n = 6000
	for step, want := range map[string]int{"staged": 0, "committed": n, "applied": n} {
		t.Run("crash when "+step, func(t *testing.T) {
			v, dir, _ := newTestVault(t)
			mustRecord(t, v, "other", "before")
			setCrashAt(func(s string) bool { return s == "staging:"+step })
			err := bigUpdate(v, n, 1000)
			setCrashAt(nil)
			if !errors.Is(err, errSimulatedCrash) {
				t.Fatalf("got %v", err)
			}
			v.Lock()
			v, err = Open(dir, testPass)
			if err != nil {
				t.Fatal(err)
			}
			defer v.Lock()
			if got := countRecords(t, v); got != want {
				t.Fatalf("after reopening: %d records, want %d", got, want)
			}
			rep, _ := v.Verify(t.Context(), nil)
			if !rep.OK() {
				t.Fatalf("verify: %v", rep.Problems)
			}
			if mustGet(t, v, "other") != "before" {
				t.Fatal("earlier record lost")
			}
			if left := stagingFiles(dir); len(left) != 0 {
				t.Fatalf("staging files left after the open: %v", left)
			}
		})
	}
}

// A staging file left by a crash of the version before frames were
// sealed in reused buffers (each write sealed by Vault.seal under the key
// fmt.Sprintf("%s%08d", base, n)) is still read and applied: the frames'
// associated data did not change.
func TestStagingFileOfTheEarlierWriterIsApplied(t *testing.T) {
	const n = 6000
	v, dir, _ := newTestVault(t)
	setCrashAt(func(s string) bool { return s == "staging:committed" })
	err := bigUpdate(v, n, 1000)
	setCrashAt(nil)
	if !errors.Is(err, errSimulatedCrash) {
		t.Fatalf("got %v", err)
	}
	name := stagingFiles(dir)[0]
	var ops []op
	if _, err := v.readStagingFile(name, func(w stagedWrite) error {
		ops = append(ops, w.op())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	base := spaceStaging + strings.TrimPrefix(filepath.Base(name), stagingPrefix) + "/"
	var old bytes.Buffer
	frame := func(sealed []byte) {
		old.Write(binary.BigEndian.AppendUint32(nil, uint32(len(sealed))))
		old.Write(sealed)
	}
	for i, o := range ops {
		frame(v.seal(fmt.Sprintf("%s%08d", base, i), appendOp(nil, o)))
	}
	frame(v.seal(base+stagingCommit, []byte(strconv.Itoa(len(ops)))))
	v.Lock()
	if err := os.WriteFile(name, old.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if got := countRecords(t, v); got != n {
		t.Fatalf("after reopening: %d records, want %d", got, n)
	}
	if rep, _ := v.Verify(t.Context(), nil); !rep.OK() {
		t.Fatalf("verify: %v", rep.Problems)
	}
}

func stagingFiles(dir string) []string {
	a, _ := filepath.Glob(filepath.Join(dir, stagingPrefix+"*"))
	b, _ := filepath.Glob(filepath.Join(dir, stagingTemp+"*"))
	return append(a, b...)
}

// committedStagingFile runs a large transaction that "crashes" once its
// staging file is committed and applied, before the file is removed, and
// returns a copy of the file.
func committedStagingFile(t *testing.T, v *Vault, dir string) []byte {
	t.Helper()
	setCrashAt(func(s string) bool { return s == "staging:applied" })
	err := bigUpdate(v, 6000, 1000)
	setCrashAt(nil)
	if !errors.Is(err, errSimulatedCrash) {
		t.Fatalf("got %v", err)
	}
	files := stagingFiles(dir)
	if len(files) != 1 {
		t.Fatalf("staging files: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("1-1-1-1-")) {
		t.Fatal("the staging file holds a record in clear")
	}
	return data
}

// A staging file that comes back after its transaction was applied (a
// removal that failed, an older copy of the folder put back) describes a
// change the database has passed: the open removes it without applying
// it, and what changed since stays.
func TestStagingFileBroughtBackIsNotAppliedAgain(t *testing.T) {
	v, dir, _ := newTestVault(t)
	data := committedStagingFile(t, v, dir)
	name := stagingFiles(dir)[0]
	v.Lock()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	mustRecord(t, v, "inc/00001", "changed after the import")
	v.Lock()
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	v = openAsChangedAfterTheImport(t, dir)
	defer v.Lock()
	if left := stagingFiles(dir); len(left) != 0 {
		t.Fatalf("staging files left: %v", left)
	}
}

// A committed staging file cut short or altered is damage, named at the
// open: none of it is applied, and it is left for the person to keep.
func TestDamagedStagingFileIsNamed(t *testing.T) {
	for _, damage := range []string{"cut", "flipped", "renamed"} {
		t.Run(damage, func(t *testing.T) {
			v, dir, _ := newTestVault(t)
			mustRecord(t, v, "other", "before")
			setCrashAt(func(s string) bool { return s == "staging:committed" })
			err := bigUpdate(v, 6000, 1000)
			setCrashAt(nil)
			if !errors.Is(err, errSimulatedCrash) {
				t.Fatalf("got %v", err)
			}
			v.Lock()
			name := stagingFiles(dir)[0]
			data, _ := os.ReadFile(name)
			switch damage {
			case "cut":
				data = data[:len(data)-100]
			case "flipped":
				data[len(data)/2] ^= 1
			case "renamed":
				os.Remove(name)
				name = filepath.Join(dir, stagingPrefix+"0123456789abcdef")
			}
			os.WriteFile(name, data, 0o600)
			_, err = Open(dir, testPass)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("open: %v", err)
			}
			if _, err := os.Stat(name); err != nil {
				t.Fatalf("the damaged staging file is gone: %v", err)
			}
		})
	}
}

// A full disk or a failing device while a large transaction is staged:
// the update fails with the cause, nothing of it is applied, no staging
// file stays, and the vault goes on.
func TestStagingWriteFailures(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "other", "before")
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeStaging, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: PurposeStaging, Bytes: 3 << 20, Err: syscall.ENOSPC},
		{Purpose: PurposeStaging, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaults(plan)
		err := bigUpdate(v, 6000, 1000)
		remove()
		if err == nil || !plan.Fired() {
			t.Fatalf("%+v: no error", plan)
		}
		if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EIO) {
			t.Errorf("%+v: the error hides its cause: %v", plan, err)
		}
		if left := stagingFiles(dir); len(left) != 0 {
			t.Fatalf("%+v: staging files left: %v", plan, left)
		}
		if got := countRecords(t, v); got != 0 {
			t.Fatalf("%+v: %d records applied", plan, got)
		}
	}
	if err := bigUpdate(v, 6000, 1000); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	rep, err := v.Verify(t.Context(), nil)
	if err != nil || !rep.OK() || rep.Records != 6001 {
		t.Fatalf("verify: %v %+v", err, rep)
	}
}

// A renewal of the keys interrupted at any step leaves a vault that opens
// with the old passphrase or with the new one (exactly one), with every
// record and evidence file, and without the other database's folder once
// opened.
func TestRotationSurvivesACrashAtEveryStep(t *testing.T) {
	for _, step := range []string{"rotate:copied", "header:half-written", "header:flushed", "header:renamed", "rotate:switched"} {
		t.Run(step, func(t *testing.T) {
			v, dir, _ := newTestVault(t)
			mustRecord(t, v, "inc/1", "still here")
			b := keepBlob(t, v, strings.NewReader("preuve"))
			setCrashAt(func(s string) bool { return s == step })
			_, err := v.RotateKeys(context.Background(), []byte("nouvelle phrase"), nil)
			setCrashAt(nil)
			if !errors.Is(err, errSimulatedCrash) && step != "rotate:switched" {
				t.Fatalf("got %v, want the simulated crash", err)
			}
			v.Lock()
			var opened []string
			for _, pass := range []string{string(testPass), "nouvelle phrase"} {
				v, err := Open(dir, []byte(pass))
				if err != nil {
					if !errors.Is(err, ErrWrongPassphrase) {
						t.Fatalf("%q: %v", pass, err)
					}
					continue
				}
				opened = append(opened, pass)
				if got := mustGet(t, v, "inc/1"); got != "still here" {
					t.Errorf("got %q", got)
				}
				if got, err := readBlob(v, b.ID); err != nil || string(got) != "preuve" {
					t.Errorf("blob: %q %v", got, err)
				}
				rep, err := v.Verify(context.Background(), nil)
				if err != nil || !rep.OK() || len(rep.Notes) != 0 || len(v.Warnings()) != 0 {
					t.Errorf("verify: %v %+v, warnings %v", err, rep, v.Warnings())
				}
				v.Lock()
				if dbs, _ := filepath.Glob(filepath.Join(dir, dbDirName+"*")); len(dbs) != 1 {
					t.Errorf("database folders after the open: %v", dbs)
				}
			}
			if len(opened) != 1 {
				t.Fatalf("exactly one passphrase must open the vault: %v", opened)
			}
			if committed := step == "header:renamed" || step == "rotate:switched"; committed != (opened[0] != string(testPass)) {
				t.Fatalf("after %s, %q opens", step, opened[0])
			}
		})
	}
}

// The upgrade of a vault of format 1, interrupted at each of its steps,
// is finished by the next open, with everything there.
func TestUpgradeSurvivesACrashAtEveryStep(t *testing.T) {
	for _, step := range []string{"upgrade:keys", "upgrade:blobs", "upgrade:state", "header:half-written", "header:flushed", "header:renamed"} {
		t.Run(step, func(t *testing.T) {
			root := unpackFormat1(t)
			dir := filepath.Join(root, "vault")
			opts := &Options{WitnessDir: t.TempDir()}
			setCrashAt(func(s string) bool { return s == step })
			v, err := OpenWith(dir, Passphrase(format1Pass), opts)
			setCrashAt(nil)
			if err == nil {
				v.Lock()
				t.Fatal("no crash")
			}
			if !errors.Is(err, errSimulatedCrash) {
				t.Fatalf("got %v", err)
			}
			v, err = OpenWith(dir, Passphrase(format1Pass), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer v.Lock()
			if h, _ := ReadHeader(dir); h.Version != formatVersion {
				t.Fatalf("version %d", h.Version)
			}
			checkFormat1Content(t, v, format1Blobs(t, root))
		})
	}
}
