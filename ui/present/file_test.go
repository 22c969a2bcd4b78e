package present

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

func TestWritePrivate(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "rapport.pdf")
	if n, err := WritePrivate(name, false, strings.NewReader("%PDF")); err != nil || n != 4 {
		t.Fatalf("write: %d %v", n, err)
	}
	ownertest.Private(t, name) // 0600, or an access list on Windows
	if _, err := WritePrivate(name, false, strings.NewReader("x")); !errors.Is(err, os.ErrExist) {
		t.Errorf("over an existing file without replace: %v", err)
	}
	if _, err := WritePrivate(name, true, strings.NewReader("%PDF-2")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(name); string(data) != "%PDF-2" {
		t.Errorf("replaced content %q", data)
	}
	if _, err := WritePrivate(dir, true, strings.NewReader("x")); !errors.Is(err, ErrIsFolder) {
		t.Errorf("over a folder: %v", err)
	}
}

// failingReader gives some bytes, then fails as a damaged evidence file
// does.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		r.n--
		return copy(p, bytes.Repeat([]byte("x"), len(p))), nil
	}
	return 0, errors.New("its content does not match its SHA-256")
}

// TestWritePrivateLeavesNothing: a failure half-way, or work stopped,
// leaves no file at all, partial or not; nothing is created before the
// first byte.
func TestWritePrivateLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "preuve.mp4")
	if _, err := WritePrivate(name, false, &failingReader{n: 3}); err == nil {
		t.Fatal("a failed copy succeeded")
	}
	f, err := CreatePrivate(name, false)
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a file exists before the first byte: %v", entries)
	}
	io.WriteString(f, "début")
	if err := f.Finish(errors.New("stopped")); err == nil || err.Error() != "stopped" {
		t.Errorf("finish: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
