//go:build testhooks

package torture

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// The storage seam of the vault exists only in test builds with the
// testhooks tag (make test and make torture set it): see vault/hooks_on.go.

// Disk full and I/O errors through the vault's storage seam: the header,
// evidence and backup writes fail at chosen moments.
func TestDiskFullThroughTheSeam(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	newVault(t, dir)
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	in, err := j.Incidents.Create(incident(newRand(t), "plein"))
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
		remove := vault.InjectStorageFaults(plan)
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
		remove := vault.InjectStorageFaults(plan)
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
		remove := vault.InjectStorageFaults(plan)
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
