package torture

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
)

// fillChild writes into the vault until the disk is full, reporting
// each incident and evidence saved.
func fillChild() int {
	j, err := app.Unlock(os.Getenv("TORTURE_VAULT"), []byte(testPass))
	if err != nil {
		fmt.Println(`{"ev":"error"}`)
		return 3
	}
	enc := json.NewEncoder(os.Stdout)
	rng := childRand()
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
