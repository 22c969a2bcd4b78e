package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupDamaged: a backup damaged, cut short, or not a backup at all
// is said in one clear line each (the rest of backups is in
// testdata/script/backup.txt).
func TestBackupDamaged(t *testing.T) {
	newVault(t)
	id := strings.TrimSpace(strings.TrimPrefix(mustRun(t, incidentJSON, "add"), "enregistré\u00a0: "))
	ev := filepath.Join(t.TempDir(), "capture.png")
	os.WriteFile(ev, []byte("une capture d’écran"), 0o600)
	mustRun(t, "", "attach", id, ev)
	out := filepath.Join(t.TempDir(), "sauvegarde.temoin-backup")
	mustRun(t, "", "backup", "--out", out)

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
}

func flip(data []byte, at int) []byte {
	d := append([]byte(nil), data...)
	d[at] ^= 0x10
	return d
}
