package torture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/bundle/bundletest"
)

// Attacks on the representative's side (issue 10): opening a bundle. A
// SIGKILL while the real temoin binary extracts a bundle must leave no
// readable file past the next start; an overlapping-entry ZIP bomb must be
// refused before anything expands; a forged bundle must be told apart
// (TestAttackForgedBundle, forged_test.go).

// buildTemoin builds the real binary (the main package) once per run.
func buildTemoin(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil && runtime.GOOS == "windows" {
		t.Skip("builds temoin with the go command, which the Windows test machine lacks (run on Linux; the Windows scenario kills temoin.exe itself)")
	}
	bin := filepath.Join(t.TempDir(), "temoin")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Env = buildEnv
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bundleWithEvidence writes a colleague's bundle holding files of size
// bytes each, encrypted to a new identity, whose file it returns too.
func bundleWithEvidence(t *testing.T, files int, size int64) (path, identityFile string, id *age.X25519Identity) {
	t.Helper()
	dir := t.TempDir()
	j, _, err := app.CreateVault(filepath.Join(dir, "coffre"), []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	rng := newRand(t)
	in, err := j.Incidents.Create(incident(rng, "OUVERTURE"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		data := make([]byte, size)
		for k := range data {
			data[k] = byte(rng.Uint32())
		}
		if _, err := j.Evidence.AttachFile(context.Background(), in.ID, fmt.Sprintf("video-%d.mp4", i), bytes.NewReader(data), nil); err != nil {
			t.Fatal(err)
		}
	}
	id, _ = age.GenerateX25519Identity()
	identityFile = filepath.Join(dir, "cle.txt")
	os.WriteFile(identityFile, []byte(id.String()+"\n"), 0o600)
	path = filepath.Join(dir, "dossier.zip.age")
	if _, err := bundle.Export(context.Background(), bundle.JournalSource(j), bundle.ExportOptions{Out: path, To: []string{id.Recipient().String()}}); err != nil {
		t.Fatal(err)
	}
	return path, identityFile, id
}

// partials lists the extraction folders left in dir.
func partials(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".*.partial-*"))
	return m
}

// TestKillWhileOpening kills "temoin open" (the real binary) with SIGKILL
// while it writes the decrypted files, at random moments, then starts the
// binary again: the decrypted files the kill left must be gone before the
// new run does anything, and nothing else may be touched.
func TestKillWhileOpening(t *testing.T) {
	n := scale("TORTURE_OPEN_KILLS", 3, 30)
	bin := buildTemoin(t)
	path, key, _ := bundleWithEvidence(t, 3, 30<<20)
	rng := newRand(t)
	killed, left, cleaned, finished := 0, 0, 0, 0
	for i := range n {
		parent := t.TempDir()
		os.WriteFile(filepath.Join(parent, "autre-fichier.txt"), []byte("à garder"), 0o600)
		out := filepath.Join(parent, "dossier")
		cmd := exec.Command(bin, "open", path, "--identity", key, "--out", out)
		cmd.Env = append(os.Environ(), "TEMOIN_LANG=fr")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForData(parent, 5*time.Second)
		time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
			killed++
		} else {
			finished++
		}
		if len(partials(parent)) > 0 {
			left++
		}
		// The next start, whatever it runs.
		if out, err := exec.Command(bin, "help").CombinedOutput(); err != nil {
			t.Fatalf("temoin help: %v\n%s", err, out)
		}
		if p := partials(parent); len(p) > 0 {
			t.Fatalf("kill %d: the decrypted files are still there after a restart: %v", i, p)
		}
		if len(partials(parent)) == 0 && left > cleaned {
			cleaned = left
		}
		if data, err := os.ReadFile(filepath.Join(parent, "autre-fichier.txt")); err != nil || string(data) != "à garder" {
			t.Fatalf("kill %d: another file was touched: %v", i, err)
		}
		if _, err := os.Stat(out); err == nil && !complete(out) {
			t.Fatalf("kill %d: an incomplete output folder is visible", i)
		}
	}
	if cfg, _ := os.UserConfigDir(); cfg != "" {
		if entries, _ := os.ReadDir(filepath.Join(cfg, "temoin", "opening")); len(entries) != 0 {
			t.Errorf("the registry of openings still holds %d entries", len(entries))
		}
	}
	if left == 0 {
		t.Errorf("no kill landed during an extraction (%d runs finished first)", finished)
	}
	summary(t, "%d SIGKILLs of \"temoin open\" (%d finished first); %d left decrypted files, %d removed at the next start, 0 left",
		killed, finished, left, cleaned)
}

// waitForData waits until an extraction folder in parent holds some data.
func waitForData(parent string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		for _, p := range partials(parent) {
			if ev, _ := filepath.Glob(filepath.Join(p, "evidence", "*")); len(ev) > 0 {
				return
			}
		}
		if _, err := os.Stat(filepath.Join(parent, "dossier")); err == nil {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// complete reports whether an extracted folder holds its SHA256SUMS (the
// last file written before the rename).
func complete(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, bundle.NameSums))
	return err == nil
}

// TestAttackZipBomb: overlapping-entry bombs of several sizes, through the
// real temoin open: each is refused at once, nothing is written.
func TestAttackZipBomb(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 2, 10)
	bin := buildTemoin(t)
	id, _ := age.GenerateX25519Identity()
	dir := t.TempDir()
	key := filepath.Join(dir, "cle.txt")
	os.WriteFile(key, []byte(id.String()+"\n"), 0o600)
	refused := 0
	var largest int64
	for i := range n {
		entries := 3 + i%5
		size := int64(200+rand.IntN(700)) << 20
		bomb := bundletest.OverlapBomb(entries, size)
		path := filepath.Join(dir, fmt.Sprintf("bombe-%d.zip.age", i))
		f, _ := os.Create(path)
		w, _ := age.Encrypt(f, id.Recipient())
		io.Copy(w, bytes.NewReader(bomb))
		w.Close()
		f.Close()
		parent := t.TempDir()
		cmd := exec.Command(bin, "open", path, "--identity", key, "--out", filepath.Join(parent, "dossier"))
		cmd.Env = append(os.Environ(), "TEMOIN_LANG=en")
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "ZIP bomb") {
			t.Fatalf("bomb of %d×%d MiB (%d KB): %v\n%s", entries, size>>20, len(bomb)>>10, err, out)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Fatalf("the bomb left files: %v", entries)
		}
		refused++
		largest = max(largest, int64(entries)*size)
	}
	summary(t, "%d overlapping-entry bombs (up to %.1f GiB from under 1 MB) refused before expanding a byte", refused, float64(largest)/(1<<30))
}
