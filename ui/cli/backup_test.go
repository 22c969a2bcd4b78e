package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

func TestBackupVerifyRestore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	j, code, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	t.Setenv("TEMOIN_VAULT", dir)
	t.Setenv("TEMOIN_PASSPHRASE", testPass)
	t.Setenv("TEMOIN_LANG", "fr")
	id := strings.TrimSpace(strings.TrimPrefix(mustRun(t, incidentJSON, "add"), "enregistré\u00a0: "))
	ev := filepath.Join(t.TempDir(), "capture.png")
	os.WriteFile(ev, []byte("une capture d’écran"), 0o600)
	mustRun(t, "", "attach", id, ev)

	out := filepath.Join(t.TempDir(), "cle-usb", "sauvegarde.temoin-backup")
	os.MkdirAll(filepath.Dir(out), 0o700)
	got := mustRun(t, "", "backup", "--out", out)
	for _, want := range []string{"Sauvegarde écrite", "1 fichier de preuve", "Relue et vérifiée\u00a0: tout est intact."} {
		if !strings.Contains(got, want) {
			t.Errorf("backup says:\n%s\nwant %q", got, want)
		}
	}
	if _, errOut, status := run(t, "", "backup", "--out", out); status == 0 || !strings.Contains(errOut, "existe déjà") {
		t.Errorf("second backup over the same file: %d %s", status, errOut)
	}
	// Into a folder: a dated name.
	folderOut := mustRun(t, "", "backup", "--out", filepath.Dir(out), "--no-verify")
	if !strings.Contains(folderOut, "temoin-sauvegarde-") {
		t.Errorf("backup into a folder: %s", folderOut)
	}

	if got := mustRun(t, "", "backup", "verify", out); !strings.Contains(got, "La sauvegarde est intacte") || !strings.Contains(got, "1 fichier de preuve") {
		t.Errorf("backup verify:\n%s", got)
	}
	t.Setenv("TEMOIN_RECOVERY_CODE", code)
	mustRun(t, "", "backup", "verify", out, "--recovery-code")
	t.Setenv("TEMOIN_PASSPHRASE", "pas la bonne phrase")
	if _, errOut, status := run(t, "", "backup", "verify", out); status != 1 || !strings.Contains(errOut, "n’ouvre pas la sauvegarde") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("wrong passphrase: %d %q", status, errOut)
	}
	t.Setenv("TEMOIN_PASSPHRASE", testPass)

	// Damaged, truncated, not a backup: one clear line each.
	data, _ := os.ReadFile(out)
	bad := filepath.Join(t.TempDir(), "b")
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"flip":      {flip(data, len(data)-200), "endommagée ("},
		"truncated": {data[:len(data)-100], "incomplète"},
		"other":     {[]byte("%PDF-1.7"), "n’est pas une sauvegarde de Témoin"},
	} {
		os.WriteFile(bad, c.data, 0o600)
		_, errOut, status := run(t, "", "backup", "verify", bad)
		if status != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: %d %q, want %q", name, status, errOut, c.want)
		}
	}

	// Restore into a new folder, then use it.
	restored := filepath.Join(t.TempDir(), "restauré")
	got = mustRun(t, "", "restore", out, "--vault", restored)
	if !strings.Contains(got, "Coffre restauré") || !strings.Contains(got, "Vérifié\u00a0: tout est intact.") {
		t.Errorf("restore:\n%s", got)
	}
	list := listJSON(t, "--vault", restored)
	if len(list) != 1 || list[0].ID != id || len(list[0].Evidence) != 1 {
		t.Fatalf("restored list: %+v", list)
	}
	mustRun(t, "", "verify", "--vault", restored)
	// Never over a vault.
	if _, errOut, status := run(t, "", "restore", out, "--vault", dir); status != 1 || !strings.Contains(errOut, "ne remplace jamais un coffre") {
		t.Errorf("restore over a vault: %d %q", status, errOut)
	}
	if _, errOut, status := run(t, "", "restore", out); status != 1 || !strings.Contains(errOut, "restore FILE --vault DIR") {
		t.Errorf("restore without --vault: %d %q", status, errOut)
	}
}

func flip(data []byte, at int) []byte {
	d := append([]byte(nil), data...)
	d[at] ^= 0x10
	return d
}
