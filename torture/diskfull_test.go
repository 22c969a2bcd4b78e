package torture

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// Disk full and I/O errors through the vault's storage seam: the header,
// evidence and backup writes fail at chosen moments.
func TestDiskFullThroughTheSeam(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	newVault(t, dir)
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	in, err := j.Incidents.Create(incident(newRand(), "plein"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := j.Evidence.AttachFile(ctx, in.ID, "avant.txt", strings.NewReader("déjà là"), nil); err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, plan := range []*vault.FaultPlan{
		{Purpose: vault.PurposeBlob, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: vault.PurposeBlob, Bytes: 3 << 20, Err: syscall.ENOSPC},
		{Purpose: vault.PurposeBlob, Bytes: 1 << 20, Err: syscall.EIO},
		{Purpose: vault.PurposeBlob, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := vault.InjectStorageFaultsForTesting(plan)
		_, err := j.Evidence.AttachFile(ctx, in.ID, "video.mp4", io.LimitReader(newPRNG(1), 8<<20), nil)
		remove()
		cases++
		if err == nil || !(errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EIO)) {
			t.Fatalf("%+v: %v", plan, err)
		}
		if got, _ := j.Incidents.Get(in.ID); len(got.Evidence) != 1 {
			t.Fatalf("%+v: half-imported evidence visible: %d pieces", plan, len(got.Evidence))
		}
	}
	for _, plan := range []*vault.FaultPlan{
		{Purpose: vault.PurposeBackup, Bytes: 1000, Err: syscall.ENOSPC},
		{Purpose: vault.PurposeBackup, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := vault.InjectStorageFaultsForTesting(plan)
		out := filepath.Join(t.TempDir(), "s"+app.BackupExt)
		_, err := j.Backups.Write(ctx, out, false, true, nil)
		remove()
		cases++
		if err == nil {
			t.Fatalf("%+v: no error", plan)
		}
		if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
			t.Fatalf("%+v: a partial backup was left: %s", plan, entries[0].Name())
		}
	}
	for _, plan := range []*vault.FaultPlan{
		{Purpose: vault.PurposeHeader, Bytes: 100, Err: syscall.ENOSPC},
		{Purpose: vault.PurposeHeader, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := vault.InjectStorageFaultsForTesting(plan)
		err := j.ChangePassphrase([]byte("nouvelle phrase de passe"))
		remove()
		cases++
		if err == nil {
			t.Fatalf("%+v: passwd went through", plan)
		}
	}
	j.Lock()
	j, err = app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatalf("the old passphrase no longer opens: %v", err)
	}
	defer j.Lock()
	rep, err := j.Verify(ctx, nil)
	if err != nil || !rep.OK() || len(rep.Notes) != 0 || rep.Blobs != 1 {
		t.Fatalf("after the failures: %v %+v", err, rep)
	}
	summary(t, "%d injected failures (ENOSPC, EIO on write and flush: evidence, backup, header): each refused with its cause, vault intact, nothing half-written left", cases)
}

// fillChild writes into the vault until the disk is full, reporting
// each incident and evidence saved.
func fillChild() int {
	j, err := app.Unlock(os.Getenv("TORTURE_VAULT"), []byte(testPass))
	if err != nil {
		fmt.Println(`{"ev":"error"}`)
		return 3
	}
	enc := json.NewEncoder(os.Stdout)
	rng := newRand()
	for i := 0; ; i++ {
		enc.Encode(report{Ev: "begin", Op: "add"})
		in, err := j.Incidents.Create(incident(rng, "plein"))
		if err != nil {
			enc.Encode(report{Ev: "error", Op: err.Error()})
			j.Lock()
			return 0
		}
		enc.Encode(report{Ev: "ack", Op: "add", ID: in.ID, Rev: 1, Hash: contentHash(in)})
		enc.Encode(report{Ev: "begin", Op: "attach", ID: in.ID})
		ev, err := j.Evidence.AttachFile(context.Background(), in.ID, "f.bin", io.LimitReader(newPRNG(uint64(i)), 2<<20), nil)
		if err != nil {
			enc.Encode(report{Ev: "error", Op: err.Error()})
			continue
		}
		enc.Encode(report{Ev: "ack", Op: "attach", ID: in.ID, Evidence: ev.ID, SHA: ev.SHA256})
	}
}

// A real full disk: a small tmpfs (needs root, as in CI; skipped
// elsewhere). Badger's own files cannot go through the seam: here they
// meet the full disk for real.
func TestRealDiskFull(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48m,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s): the seam tests cover the vault's own writes", err, strings.TrimSpace(string(out)))
	}
	defer exec.Command("umount", "-l", mnt).Run()
	dir := filepath.Join(mnt, "coffre")
	newVault(t, dir)
	filler := filepath.Join(mnt, "filler")
	os.WriteFile(filler, make([]byte, 6<<20), 0o600) // room to free afterwards
	cmd := childCmd("fill", "TORTURE_VAULT="+dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	model := map[string]*modelIncident{}
	var errs []string
	// The operation begun and not acknowledged when the child stopped
	// (killed, or ended by an error): it may have happened or not. A write
	// that fails on a full disk is in doubt, as one cut by a crash is.
	var inflight *report
	for line := range lines(t, cmd) {
		var r report
		if json.Unmarshal([]byte(line), &r) != nil {
			continue
		}
		if r.Ev == "begin" {
			inflight = &r
			continue
		}
		if r.Ev == "error" {
			errs = append(errs, r.Op)
			if len(errs) > 20 {
				cmd.Process.Kill()
			}
			continue
		}
		applyAck(model, r)
		inflight = nil
	}
	werr := cmd.Wait()
	how := "stopped by itself"
	switch {
	case len(errs) > 20:
		how = fmt.Sprintf("got %d clear errors and was stopped", len(errs))
	case werr != nil:
		how = fmt.Sprintf("died (%v)", werr)
	}
	os.Remove(filler)
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatalf("after a full disk the vault does not open: %v\n%s", err, stderr.String())
	}
	defer j.Lock()
	rep, err := j.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("after a full disk: %v %+v", err, rep)
	}
	lost := checkModel(t, 0, j, model, inflight)
	first := ""
	if len(errs) > 0 {
		first = errs[0]
	}
	summary(t, "48 MB tmpfs filled: %d incidents saved, the writer %s (first error: %q); after freeing space the vault opens and verifies, acknowledged writes lost: %d", len(model), how, first, lost)
}
