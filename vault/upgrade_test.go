package vault

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unpackFormat1 unpacks testdata/format1.tar.gz (a vault and a backup
// written by Témoin before format 2) into a temporary folder.
func unpackFormat1(t *testing.T) string {
	t.Helper()
	f, err := os.Open("testdata/format1.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(root, h.Name)
		if h.Typeflag == tar.TypeDir {
			os.MkdirAll(p, 0o700)
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o700)
		data, _ := io.ReadAll(tr)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

var format1Pass = []byte("phrase de passe v1")

// format1Blobs are the evidence files of the fixture, by id.
func format1Blobs(t *testing.T, root string) map[string][]byte {
	ids, _ := os.ReadFile(filepath.Join(root, "blobs.txt"))
	list := strings.Fields(string(ids))
	return map[string][]byte{list[0]: []byte("preuve une"), list[1]: bytes.Repeat([]byte("vidéo "), 30000)}
}

// checkFormat1Content checks that an opened vault holds everything the
// fixture's vault held.
func checkFormat1Content(t *testing.T, v *Vault, blobs map[string][]byte) {
	t.Helper()
	for key, want := range map[string]string{
		"inc/a/r/00000001": "valeur « v1 » A", "inc/b/r/00000001": "valeur « v1 » B", "inc/a/r/00000002": "valeur « v1 » C",
	} {
		if got := mustGet(t, v, key); got != want {
			t.Errorf("%s: %q", key, got)
		}
	}
	v.View(func(r *Reader) error {
		if got, err := r.GetUnchained("person/Élève A"); err != nil || string(got) != `{"pseudo":"E1"}` {
			t.Errorf("unchained record: %q %v", got, err)
		}
		if _, err := r.Get("inc/c/r/00000001"); !errors.Is(err, ErrNoRecord) {
			t.Errorf("erased record: %v", err)
		}
		return nil
	})
	for id, want := range blobs {
		got, err := readBlob(v, id)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("blob %s: %d bytes, %v", id, len(got), err)
		}
	}
	rep, err := v.Verify(context.Background(), nil)
	if err != nil || !rep.OK() || len(rep.Notes) != 0 || rep.Blobs != 2 {
		t.Fatalf("verify: %v %+v", err, rep)
	}
}

// A vault written before format 2 opens with this version: it is
// upgraded on the first open (the evidence keys move into their records,
// the state and the witness are written, the header says version 2), and
// everything reads as before, with the passphrase and the recovery code
// of before.
func TestFormat1VaultIsUpgradedOnFirstOpen(t *testing.T) {
	root := unpackFormat1(t)
	dir := filepath.Join(root, "vault")
	blobs := format1Blobs(t, root)
	if h, err := ReadHeader(dir); err != nil || h.Version != 1 {
		t.Fatalf("fixture: %v %+v", err, h)
	}
	opts := &Options{WitnessDir: t.TempDir()}
	v, err := OpenWith(dir, Passphrase(format1Pass), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Warnings()) != 0 {
		t.Errorf("warnings: %v", v.Warnings())
	}
	checkFormat1Content(t, v, blobs)
	mustRecord(t, v, "inc/d/r/00000001", "après la mise à jour")
	v.Lock()

	if h, _ := ReadHeader(dir); h.Version != 2 {
		t.Fatalf("header still version %d", h.Version)
	}
	// The identity of format 1 is gone, and the files no longer hold a
	// header it opens: the old key of the evidence opens nothing here.
	for id := range blobs {
		data, _ := os.ReadFile(filepath.Join(dir, blobsDir, id))
		if bytes.Contains(data, []byte("age-encryption.org")) || bytes.Contains(data, []byte("X25519")) {
			t.Errorf("blob %s still holds its age header", id)
		}
	}
	code, _ := os.ReadFile(filepath.Join(root, "code.txt"))
	v, err = OpenWith(dir, RecoveryCode(string(code)), opts)
	if err != nil {
		t.Fatalf("recovery code of before: %v", err)
	}
	defer v.Lock()
	if len(v.Warnings()) != 0 {
		t.Errorf("warnings at the second open: %v", v.Warnings())
	}
	v.View(func(r *Reader) error {
		if _, err := r.v.getSealed(r.txn, keyBlobIdent); !errors.Is(err, ErrNoRecord) {
			t.Errorf("the identity of format 1 is still there: %v", err)
		}
		return nil
	})
	checkFormat1Content(t, v, blobs)
}

// A backup written before format 2 verifies and restores; the restored
// vault is upgraded when opened.
func TestFormat1BackupRestores(t *testing.T) {
	root := unpackFormat1(t)
	blobs := format1Blobs(t, root)
	backup := filepath.Join(root, "v1.temoin-backup")
	rep, err := VerifyBackupFile(context.Background(), backup, Passphrase(format1Pass), nil)
	if err != nil || !rep.OK() || rep.Blobs != 2 {
		t.Fatalf("verify: %v %+v", err, rep)
	}
	target := filepath.Join(t.TempDir(), "restored")
	rep, err = RestoreBackupFile(context.Background(), backup, target, Passphrase(format1Pass), nil, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("restore: %v %+v", err, rep)
	}
	v, err := Open(target, format1Pass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	checkFormat1Content(t, v, blobs)
}
