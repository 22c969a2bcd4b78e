package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app/bundle/bundletest"
)

// The overlapping-entry bomb of finding 5 (issue 10): about 900 KB that
// expand to 4.3 GiB, each entry within deflate's ratio. It was accepted
// and expanded, into the output folder, before any hash could fail (this
// test failed: the expansion passed 64 MiB and had to be stopped). It
// must be refused before a single byte is expanded.
func TestOverlappingEntriesBombIsRefused(t *testing.T) {
	t.Parallel()
	const n, size = 5, 880 << 20
	bomb := bundletest.OverlapBomb(n, size)
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	// It is a real ZIP: its entries read back as size zeros (the first
	// megabyte checked).
	zr, err := zip.NewReader(bytes.NewReader(bomb), int64(len(bomb)))
	if err != nil {
		t.Fatal(err)
	}
	if rc, err := zr.File[len(zr.File)-3].Open(); err != nil {
		t.Fatal(err)
	} else if head, _ := io.ReadAll(io.LimitReader(rc, 1<<20)); len(head) != 1<<20 || bytes.Count(head, []byte{0}) != 1<<20 {
		t.Fatalf("not a bomb: %d bytes", len(head))
	}

	id := newIdentity(t)
	path := encryptTo(t, bomb, id.Recipient())
	parent := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var expanded int64
	_, err = OpenFile(ctx, path, OpenOptions{Identities: []age.Identity{id}, OutDir: filepath.Join(parent, "dossier"),
		Progress: func(done, total int64) {
			if expanded = done; done > 64<<20 {
				cancel()
			}
		}})
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Check != CheckArchive || !strings.Contains(err.Error(), "overlaps") {
		t.Fatalf("the bomb was not refused for what it is (%d bytes expanded): %v", expanded, err)
	}
	if expanded != 0 || !dirEmpty(t, parent) {
		t.Errorf("%d bytes expanded before the refusal; left: %v", expanded, !dirEmpty(t, parent))
	}
}

// An archive whose text files would expand beyond what a bundle holds is
// refused before anything is read.
func TestExpansionLimit(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(NameIncidents)
	w.Write(make([]byte, 200<<20)) // 200 MiB of zeros: about 200 KB deflated
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = checkLayout(zr, int64(buf.Len()))
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Check != CheckArchive || !strings.Contains(err.Error(), "expand") {
		t.Fatalf("err = %v", err)
	}
}

// Extraction refuses, before writing anything, when the disk cannot hold
// the files.
func TestNoSpaceIsToldBeforeWriting(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	free, ok := freeSpace(parent)
	if !ok {
		t.Skip("this system does not tell the free space")
	}
	_, err := newExtractor(filepath.Join(parent, "dossier"), free)
	var ns *NoSpaceError
	if !errors.Is(err, ErrNoSpace) || !errors.As(err, &ns) || ns.Need != free {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left: %v", entries)
	}
}
