package bundle

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// findMarker returns the files under root whose bytes contain marker.
func findMarker(t *testing.T, root, marker string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil && bytes.Contains(data, []byte(marker)) {
			found = append(found, p)
		}
		return nil
	})
	return found
}

// TestMarkerNowhereInPlaintext: after an export (and a check of the
// bundle), a marker written in an incident and in an evidence file is
// nowhere on disk in plaintext: not in the vault, not in the temporary
// folder, not next to the bundle; and it is inside the encrypted bundle.
func TestMarkerNowhereInPlaintext(t *testing.T) {
	const marker = "MARQUEUR-7f3a9c-TEMOIN"
	base := t.TempDir()
	tmp := filepath.Join(base, "tmp")
	os.Mkdir(tmp, 0o700)
	t.Setenv("TMPDIR", tmp)

	vaultDir := filepath.Join(base, "vault")
	j, _, err := app.CreateVault(vaultDir, testPass, apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	in := sampleIncident(3, "Le "+marker+" est dans la description.")
	in.ExactWords = marker
	created, err := j.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	// A large evidence file, so that the bundle is written in many chunks.
	content := strings.Repeat("x", 3<<20) + marker + strings.Repeat("y", 1<<20)
	if _, err := j.Evidence.AttachFile(context.Background(), created.ID, "preuve.txt", strings.NewReader(content), nil); err != nil {
		t.Fatal(err)
	}

	outDir := filepath.Join(base, "out")
	os.Mkdir(outDir, 0o700)
	id := newIdentity(t)
	path := filepath.Join(outDir, "b.zip.age")
	src := JournalSource(j)
	src.WriteReport = stubReport
	if _, err := Export(context.Background(), src, ExportOptions{Out: path, To: []string{id.Recipient().String()}}); err != nil {
		t.Fatal(err)
	}
	// Checking without extracting writes nothing readable either.
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}}); err != nil {
		t.Fatal(err)
	}
	// Nor through a copy in the temporary folder, as cases are read.
	f, size, err := spool(context.Background(), bytes.NewReader(mustRead(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), f, size, OpenOptions{Identities: []age.Identity{id}})
	f.Close()
	os.Remove(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock() // flush everything the vault holds to disk

	if found := findMarker(t, base, marker); len(found) > 0 {
		t.Errorf("marker found in plaintext in: %v", found)
	}
	// It is in the bundle, once decrypted.
	_, files := decryptZip(t, path, id)
	if !bytes.Contains(files[NameIncidents], []byte(marker)) || !bytes.Contains(files["evidence/001-preuve.txt"], []byte(marker)) {
		t.Errorf("marker not in the bundle")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
