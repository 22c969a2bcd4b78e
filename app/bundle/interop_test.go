package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// unzipTo extracts a ZIP with the unzip command if there is one, else with
// archive/zip, as any representative's tool would.
func unzipTo(t *testing.T, zipPath, dir string) {
	t.Helper()
	if unzip, err := exec.LookPath("unzip"); err == nil {
		if out, err := exec.Command(unzip, "-q", zipPath, "-d", dir).CombinedOutput(); err != nil {
			t.Fatalf("unzip: %v\n%s", err, out)
		}
		return
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o700)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, data, 0o600)
	}
}

// sha256sumCheck runs "sha256sum -c SHA256SUMS" in dir (or does the same
// in Go where the command is missing).
func sha256sumCheck(t *testing.T, dir string) {
	t.Helper()
	if sum, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sum, "-c", "--strict", NameSums)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sha256sum -c: %v\n%s", err, out)
		}
		if n := strings.Count(string(out), ": OK"); n < 6 {
			t.Errorf("sha256sum checked %d files:\n%s", n, out)
		}
		return
	}
	sums, _ := os.ReadFile(filepath.Join(dir, NameSums))
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(line[66:])))
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(data)
		if hex.EncodeToString(s[:]) != line[:64] {
			t.Errorf("%s: SHA-256 differs", line[66:])
		}
	}
}

func TestInteropAgeCLIWithKey(t *testing.T) {
	t.Parallel()
	ageCmd := tool(t, "age")
	fx := newFixture(t)
	id := newIdentity(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})

	dir := t.TempDir()
	key := filepath.Join(dir, "key.txt")
	os.WriteFile(key, []byte(id.String()+"\n"), 0o600)
	zipPath := filepath.Join(dir, "dossier.zip")
	if out, err := exec.Command(ageCmd, "-d", "-i", key, "-o", zipPath, path).CombinedOutput(); err != nil {
		t.Fatalf("age -d: %v\n%s", err, out)
	}
	extracted := filepath.Join(dir, "dossier")
	unzipTo(t, zipPath, extracted)
	sha256sumCheck(t, extracted)
	minisignCheck(t, extracted, fx.m.VaultID())
	readme, err := os.ReadFile(filepath.Join(extracted, NameReadme))
	if err != nil || !bytes.Contains(readme, []byte("sha256sum -c SHA256SUMS")) || !bytes.Contains(readme, []byte("Ouvrir sans Témoin")) ||
		!bytes.Contains(readme, []byte("minisign -V -p minisign.pub -m manifest.json")) {
		t.Errorf("LISEZ-MOI.txt: %v\n%s", err, readme)
	}
}

// minisignCheck runs the stock minisign command on an extracted bundle,
// as LISEZ-MOI.txt tells: the signature of manifest.json verifies with
// minisign.pub and its trusted comment names the vault; a changed
// manifest.json does not verify.
func minisignCheck(t *testing.T, dir, vaultID string) {
	t.Helper()
	minisignCmd := tool(t, "minisign")
	cmd := exec.Command(minisignCmd, "-V", "-p", NameSignerKey, "-m", NameManifest)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Trusted comment: temoin-bundle vault_id="+vaultID) {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
	manifest := filepath.Join(dir, NameManifest)
	data, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, bytes.Replace(data, []byte(`"pseudonymised": true`), []byte(`"pseudonymised": false`), 1), 0o600)
	cmd = exec.Command(minisignCmd, "-V", "-p", NameSignerKey, "-m", NameManifest)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("minisign accepts a changed manifest.json:\n%s", out)
	}
	os.WriteFile(manifest, data, 0o600)
}

// TestInteropAgeCLIWithPassphrase opens a passphrase bundle with the age
// command, non-interactively, through age's batchpass plugin (built from
// the age module this project already requires).
func TestInteropAgeCLIWithPassphrase(t *testing.T) {
	t.Parallel()
	ageCmd := tool(t, "age")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is needed to build age-plugin-batchpass")
	}
	plugins := t.TempDir()
	build := exec.Command(goCmd, "build", "-o", filepath.Join(plugins, "age-plugin-batchpass"), "filippo.io/age/cmd/age-plugin-batchpass")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building age-plugin-batchpass: %v\n%s", err, out)
	}

	fx := newFixture(t)
	pass := "une phrase pour le représentant"
	path, _ := exportTo(t, fx.src, ExportOptions{Passphrase: []byte(pass)})
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "dossier.zip")
	cmd := exec.Command(ageCmd, "-d", "-j", "batchpass", "-o", zipPath, path)
	cmd.Env = append(os.Environ(), "PATH="+plugins+string(os.PathListSeparator)+os.Getenv("PATH"), "AGE_PASSPHRASE="+pass)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("age -d -j batchpass: %v\n%s", err, out)
	}
	extracted := filepath.Join(dir, "dossier")
	unzipTo(t, zipPath, extracted)
	sha256sumCheck(t, extracted)
}

// TestInteropAgeKeygenIdentity: a representative's key made by age-keygen
// opens bundles, and its public key is read from the file.
func TestInteropAgeKeygenIdentity(t *testing.T) {
	t.Parallel()
	keygen := tool(t, "age-keygen")
	dir := t.TempDir()
	key := filepath.Join(dir, "key.txt")
	if out, err := exec.Command(keygen, "-o", key).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(key)
	ids, err := ParseIdentities(data)
	if err != nil {
		t.Fatal(err)
	}
	pub := ids[0].(*age.X25519Identity).Recipient().String()
	fx := newFixture(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{pub}})
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: ids, OutDir: filepath.Join(dir, "out")}); err != nil {
		t.Fatal(err)
	}
}

// TestInteropAgeCLIEncrypted: a ZIP that the age command encrypted opens
// like a bundle written by Témoin (the reader does not depend on how the
// age file was made).
func TestInteropAgeCLIEncrypted(t *testing.T) {
	t.Parallel()
	ageCmd := tool(t, "age")
	fx := newFixture(t)
	id := newIdentity(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	dir := t.TempDir()
	key := filepath.Join(dir, "key.txt")
	os.WriteFile(key, []byte(id.String()+"\n"), 0o600)
	plain := filepath.Join(dir, "plain.zip")
	if out, err := exec.Command(ageCmd, "-d", "-i", key, "-o", plain, path).CombinedOutput(); err != nil {
		t.Fatalf("age -d: %v\n%s", err, out)
	}
	again := filepath.Join(dir, "again.zip.age")
	if out, err := exec.Command(ageCmd, "-e", "-r", id.Recipient().String(), "-o", again, plain).CombinedOutput(); err != nil {
		t.Fatalf("age -e: %v\n%s", err, out)
	}
	if _, err := OpenFile(context.Background(), again, OpenOptions{Identities: []age.Identity{id}}); err != nil {
		t.Fatal(err)
	}
}
