package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/bundle"
)

// bundleTest prepares a colleague's vault with one incident and one
// evidence file. While the report is not written yet, a placeholder PDF
// stands in for it.
func bundleTest(t *testing.T) (vaultDir, evidence string) {
	t.Helper()
	vaultDir = newVault(t)
	j, err := app.Unlock(vaultDir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	mustRun(t, incidentJSON, "add")
	id := listJSON(t)[0].ID
	evidence = filepath.Join(t.TempDir(), "capture.png")
	os.WriteFile(evidence, []byte("\x89PNG capture d’écran"), 0o600)
	mustRun(t, "", "attach", id, evidence)
	return vaultDir, evidence
}

// bundleTool finds age-keygen (make deps installs it into .tools/).
func bundleTool(t *testing.T, name string) string {
	t.Helper()
	dir, _ := os.Getwd()
	tools := ".tools"
	if runtime.GOOS == "windows" { // cross-built by tools/test-windows.sh
		tools, name = filepath.Join("bin", "windows", "tools"), name+".exe"
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if p := filepath.Join(dir, tools, name); fileExists(p) {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	t.Fatalf("%s is missing: run \"make deps\"", name)
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func TestExportAndOpenCommands(t *testing.T) {
	vaultDir, _ := bundleTest(t)
	dir := t.TempDir()
	// The representative's key, made by the real age-keygen.
	keyFile := filepath.Join(dir, "key.txt")
	if out, err := exec.Command(bundleTool(t, "age-keygen"), "-o", keyFile).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	mustRun(t, "", "reps", "add", "Élise", "--key-file", keyFile)
	bundlePath := filepath.Join(dir, "b.zip.age")
	out := mustRun(t, "", "export", "--to", "Élise", "--out", bundlePath)
	if !strings.Contains(out, "Dossier chiffré écrit") || !strings.Contains(out, "c’est-à-dire\u00a0: Élise") {
		t.Errorf("export:\n%s", out)
	}
	if _, errOut, status := run(t, "", "export", "--to", "Élise", "--out", bundlePath); status == 0 || !strings.Contains(errOut, "existe déjà") {
		t.Errorf("export over an existing file: %s", errOut)
	}

	// The representative opens it, without a vault.
	t.Setenv("TEMOIN_VAULT", filepath.Join(dir, "pas-de-coffre"))
	target := filepath.Join(dir, "dossier")
	out = mustRun(t, "", "open", bundlePath, "--identity", keyFile, "--out", target)
	for _, want := range []string{"Dossier vérifié", "rapport.pdf", "evidence/001-capture.png", "SHA256SUMS"} {
		if !strings.Contains(out, want) {
			t.Errorf("open does not list %q:\n%s", want, out)
		}
	}
	if sum, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sum, "-c", "SHA256SUMS")
		cmd.Dir = target
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}

	// Tampered bundles are refused, saying which check failed, and leave
	// no output folder.
	orig, _ := os.ReadFile(bundlePath)
	for _, pos := range []int{20, len(orig) / 2, len(orig) - 3} {
		data := bytes.Clone(orig)
		data[pos] ^= 0x04
		bad := filepath.Join(dir, "bad.zip.age")
		os.WriteFile(bad, data, 0o600)
		target := filepath.Join(dir, "refus")
		_, errOut, status := run(t, "", "open", bad, "--identity", keyFile, "--out", target)
		if status == 0 || !strings.Contains(errOut, "déchiffrement") && !strings.Contains(errOut, "ne s’ouvre pas") {
			t.Errorf("byte %d: status %d: %s", pos, status, errOut)
		}
		if fileExists(target) {
			t.Errorf("byte %d: output folder left", pos)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".refus*")); len(m) > 0 {
			t.Errorf("byte %d: temporary folder left: %v", pos, m)
		}
	}
	// A file changed inside, then encrypted again to the same key.
	ids, _ := bundle.ParseIdentities(mustReadFile(t, keyFile))
	bad := rewrapBundle(t, bundlePath, ids[0].(*age.X25519Identity), "evidence/001-capture.png")
	_, errOut, status := run(t, "", "open", bad, "--identity", keyFile, "--out", filepath.Join(dir, "refus"))
	if status == 0 || !strings.Contains(errOut, "«\u00a0empreintes des fichiers\u00a0» a échoué (evidence/001-capture.png)") || fileExists(filepath.Join(dir, "refus")) {
		t.Errorf("changed file: status %d: %s", status, errOut)
	}
	_ = vaultDir
}

func mustReadFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rewrapBundle decrypts a bundle, flips a byte of one of its files, and
// encrypts it again to the same recipient.
func rewrapBundle(t *testing.T, path string, id *age.X25519Identity, name string) string {
	t.Helper()
	r, err := age.Decrypt(bytes.NewReader(mustReadFile(t, path)), id)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(r)
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			data[0] ^= 1
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	var out bytes.Buffer
	w, _ := age.Encrypt(&out, id.Recipient())
	w.Write(zbuf.Bytes())
	w.Close()
	p := filepath.Join(t.TempDir(), "rewrapped.zip.age")
	os.WriteFile(p, out.Bytes(), 0o600)
	return p
}

func TestExportWithPassphraseCommand(t *testing.T) {
	bundleTest(t)
	dir := t.TempDir()
	bundlePath := filepath.Join(dir, "b.zip.age")
	t.Setenv("TEMOIN_BUNDLE_PASSPHRASE", testPass)
	if _, errOut, status := run(t, "", "export", "--passphrase", "--out", bundlePath); status == 0 || !strings.Contains(errOut, "phrase de passe de votre journal") {
		t.Errorf("vault passphrase accepted for the bundle: %s", errOut)
	}
	if fileExists(bundlePath) {
		t.Errorf("a bundle was written")
	}
	t.Setenv("TEMOIN_BUNDLE_PASSPHRASE", "une phrase pour Élise")
	mustRun(t, "", "export", "--passphrase", "--out", bundlePath, "--evidence", "none", "--no-pseudonymize")
	t.Setenv("TEMOIN_VAULT", filepath.Join(dir, "pas-de-coffre"))
	out := mustRun(t, "", "open", bundlePath, "--passphrase", "--out", filepath.Join(dir, "d"))
	if !strings.Contains(out, "Les noms ont été gardés") || strings.Contains(out, "evidence/") {
		t.Errorf("open:\n%s", out)
	}
	t.Setenv("TEMOIN_BUNDLE_PASSPHRASE", "pas la bonne phrase")
	if _, errOut, status := run(t, "", "open", bundlePath, "--passphrase", "--out", filepath.Join(dir, "e")); status == 0 || !strings.Contains(errOut, "ne s’ouvre pas") {
		t.Errorf("wrong passphrase: %s", errOut)
	}
}

// TestRepresentativeVault: a representative keeps a key and the bundles
// in a vault; the second bundle of a colleague is compared with the first;
// the synthesis combines them.
func TestRepresentativeVault(t *testing.T) {
	colleague, _ := bundleTest(t)
	repVault := filepath.Join(t.TempDir(), "rep")
	j, _, err := app.CreateVault(repVault, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	qr := filepath.Join(t.TempDir(), "cle.png")
	key := strings.TrimSpace(mustRun(t, "", "--vault", repVault, "keygen", "--in-vault", "--qr", qr))
	if again := strings.TrimSpace(mustRun(t, "", "--vault", repVault, "keygen", "--in-vault")); again != key {
		t.Errorf("the vault's key changed: %s then %s", key, again)
	}
	if data, err := os.ReadFile(qr); err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("QR code: %v", err)
	}

	dir := t.TempDir()
	first, second := filepath.Join(dir, "1.zip.age"), filepath.Join(dir, "2.zip.age")
	mustRun(t, "", "--vault", colleague, "export", "--to", key, "--out", first)
	mustRun(t, incidentJSON, "--vault", colleague, "add")
	mustRun(t, "", "--vault", colleague, "export", "--to", key, "--out", second)

	out := mustRun(t, "", "--vault", repVault, "open", first, "--out", filepath.Join(dir, "d1"))
	if !strings.Contains(out, "Premier dossier reçu") || !strings.Contains(out, "Gardé dans votre journal") {
		t.Errorf("first open:\n%s", out)
	}
	// Only bundles signed by a key the representative recognised count in
	// the synthesis (issue 10): the colleague's is recognised here.
	m := regexp.MustCompile(`sous le numéro ([0-9a-z]+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no case id:\n%s", out)
	}
	mustRun(t, "", "--vault", repVault, "signers", "trust", m[1], "Collègue du collège")
	out = mustRun(t, "", "--vault", repVault, "open", second, "--out", filepath.Join(dir, "d2"))
	if !strings.Contains(out, "Historique cohérent avec le dossier du") || !strings.Contains(out, "garde la trace de l’envoi") {
		t.Errorf("second open:\n%s", out)
	}
	pdf := filepath.Join(dir, "synthese.pdf")
	out = mustRun(t, "", "--vault", repVault, "synthesis", "--cases", "--out", pdf)
	if !strings.Contains(out, "2 incidents venant de 2 dossiers de 1 collègue") || !fileExists(pdf) {
		t.Errorf("synthesis:\n%s", out)
	}
	// The same bundles as files, opened with the vault's key.
	out = mustRun(t, "", "--vault", repVault, "synthesis", "--force", "--out", pdf, first, second)
	if !strings.Contains(out, "2 incidents venant de") {
		t.Errorf("synthesis of files:\n%s", out)
	}
}
