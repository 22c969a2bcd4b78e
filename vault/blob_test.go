package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func keepBlob(t testing.TB, v *Vault, data io.Reader) Blob {
	t.Helper()
	b, err := v.WriteBlob(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Update(func(tx *Tx) error { return tx.KeepBlob(b) }); err != nil {
		t.Fatal(err)
	}
	return b
}

// blobFileKey returns the age file key kept in a blob's record.
func blobFileKey(t testing.TB, v *Vault, id string) []byte {
	t.Helper()
	var rec blobRecord
	err := v.View(func(r *Reader) error {
		var err error
		rec, err = r.blobRecord(id)
		return err
	})
	if err != nil || len(rec.Key) != 16 {
		t.Fatalf("blob %s: key %x, %v", id, rec.Key, err)
	}
	return rec.Key
}

func readBlob(v *Vault, id string) ([]byte, error) {
	rc, _, err := v.OpenBlob(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestBlobRoundTrip(t *testing.T) {
	v, dir, _ := newTestVault(t)
	for _, size := range []int{0, 1, 64 << 10, 3<<20 + 17} {
		data := bytes.Repeat([]byte("capture d’écran "), size/16+1)[:size]
		b := keepBlob(t, v, bytes.NewReader(data))
		sum := sha256.Sum256(data)
		if b.Size != int64(size) || b.SHA256 != hex.EncodeToString(sum[:]) {
			t.Fatalf("size %d: got %+v", size, b)
		}
		got, err := readBlob(v, b.ID)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("size %d: read back %d bytes, %v", size, len(got), err)
		}
	}
	v.Lock()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	rep, err := v.Verify(t.Context(), nil)
	if err != nil || !rep.OK() || rep.Blobs != 4 {
		t.Fatalf("verify: %v %+v", err, rep)
	}
}

func TestBlobDamageIsDetected(t *testing.T) {
	v, dir, _ := newTestVault(t)
	data := bytes.Repeat([]byte("x"), 200<<10)
	b := keepBlob(t, v, bytes.NewReader(data))
	path := filepath.Join(dir, blobsDir, b.ID)
	enc, _ := os.ReadFile(path)
	for _, damage := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"flip in header", func(d []byte) []byte { d[20] ^= 1; return d }},
		{"flip in body", func(d []byte) []byte { d[len(d)/2] ^= 1; return d }},
		{"truncated", func(d []byte) []byte { return d[:len(d)-100] }},
		{"chunk dropped", func(d []byte) []byte { return append(d[:300], d[300+65536+16:]...) }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			os.WriteFile(path, damage.f(bytes.Clone(enc)), 0o600)
			_, err := readBlob(v, b.ID)
			var ce *CorruptError
			if !errors.As(err, &ce) || !strings.Contains(ce.What, b.ID) {
				t.Fatalf("got %v, want a CorruptError naming the blob", err)
			}
			rep, _ := v.Verify(t.Context(), nil)
			if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].What, b.ID) {
				t.Fatalf("verify: %v", rep.Problems)
			}
		})
	}
	os.Remove(path)
	rep, _ := v.Verify(t.Context(), nil)
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Detail, "missing") {
		t.Fatalf("missing file: %v", rep.Problems)
	}
}

func TestPendingBlobsAreRemovedAfterACrash(t *testing.T) {
	v, dir, _ := newTestVault(t)
	kept := keepBlob(t, v, strings.NewReader("kept"))
	orphan, err := v.WriteBlob(context.Background(), strings.NewReader("never kept"), nil)
	if err != nil {
		t.Fatal(err)
	}
	v.Lock() // the process "dies" before the transaction that keeps it
	if !fileExists(filepath.Join(dir, blobsDir, orphan.ID)) {
		t.Fatal("the pending blob should still be on disk before reopening")
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if fileExists(filepath.Join(dir, blobsDir, orphan.ID)) {
		t.Error("the pending blob survived reopening")
	}
	if got, err := readBlob(v, kept.ID); err != nil || string(got) != "kept" {
		t.Errorf("kept blob: %q %v", got, err)
	}
}

func TestDropBlobGivesSpaceBack(t *testing.T) {
	v, dir, _ := newTestVault(t)
	b := keepBlob(t, v, bytes.NewReader(make([]byte, 1<<20)))
	if err := v.Update(func(tx *Tx) error { return tx.DropBlob(b.ID) }); err != nil {
		t.Fatal(err)
	}
	if fileExists(filepath.Join(dir, blobsDir, b.ID)) {
		t.Fatal("file still on disk")
	}
	if _, _, err := v.OpenBlob(b.ID); !errors.Is(err, ErrNoBlob) {
		t.Fatalf("got %v", err)
	}
}

func TestCancelledBlobLeavesNothing(t *testing.T) {
	v, dir, _ := newTestVault(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := io.MultiReader(bytes.NewReader(make([]byte, 3<<20)), readerFunc(func([]byte) (int, error) {
		cancel()
		return 0, io.ErrNoProgress
	}))
	_, err := v.WriteBlob(ctx, r, func(int64) {})
	if err == nil {
		t.Fatal("expected an error")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, blobsDir))
	if len(entries) != 0 {
		t.Fatalf("left %d files", len(entries))
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// The marker written in records and in a 50 MB file never appears in
// plain text in the vault folder or in the temporary folder.
func TestNoPlaintextOnDisk(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	const marker = "MARQUEUR-TEMOIN-7f3a9c"
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "Propos exacts : "+marker)
	v.Update(func(tx *Tx) error { return tx.PutUnchained("draft/1", []byte(marker)) })
	big := io.MultiReader(
		strings.NewReader(marker),
		bytes.NewReader(bytes.Repeat([]byte("0123456789abcdef"), 50<<16)),
		strings.NewReader(marker),
	)
	keepBlob(t, v, big)
	v.Lock()
	for _, root := range []string{dir, tmp} {
		filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			data, _ := os.ReadFile(path)
			if bytes.Contains(data, []byte(marker)) {
				t.Errorf("marker found in %s", path)
			}
			if bytes.Contains(data, []byte("Propos exacts")) {
				t.Errorf("plaintext found in %s", path)
			}
			return nil
		})
	}
}
