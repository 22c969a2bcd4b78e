package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	seedOnce sync.Once
	seedZip  []byte
)

// validZip returns the plaintext ZIP of a real bundle, as a seed.
func validZip(f *testing.F) []byte {
	seedOnce.Do(func() {
		fx := newFixture(f)
		id := newIdentity(f)
		path, _ := exportTo(f, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
		order, files := decryptZip(f, path, id)
		var entries []entry
		for _, n := range order {
			entries = append(entries, entry{name: n, data: files[n]})
		}
		seedZip = zipBytes(f, entries)
	})
	return seedZip
}

// FuzzOpenArchive feeds arbitrary ZIPs to the bundle reader (what comes
// out of the age layer): it must never panic, and never write anything
// outside the output folder (and nothing at all unless it accepts).
func FuzzOpenArchive(f *testing.F) {
	seed := validZip(f)
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add(zipBytes(f, []entry{{name: "../x", data: []byte("x")}}))
	f.Add(zipBytes(f, []entry{{name: "/abs", data: []byte("x")}}))
	f.Add(zipBytes(f, []entry{{name: "evidence/lien", data: []byte("/etc"), symlink: true}}))
	f.Add(zipBytes(f, []entry{{name: NameManifest, data: []byte(`{"format":"temoin-bundle","version":1,"files":[{"path":"../x","size":1}]}`)}, {name: NameSums, data: []byte("x")}}))
	f.Add(zipBytes(f, []entry{{name: NameManifest, data: []byte(`{"format":"temoin-bundle","version":1}`)}, {name: NameManifest, data: []byte(`{}`)}}))
	// The valid bundle with a byte changed here and there.
	for _, pos := range []int{len(seed) / 5, len(seed) / 2, len(seed) - 30} {
		b := bytes.Clone(seed)
		b[pos] ^= 0x20
		f.Add(b)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		total, err := checkLayout(zr, int64(len(data)))
		if err != nil {
			return
		}
		parent := t.TempDir()
		out := filepath.Join(parent, "out")
		x, err := newExtractor(out, total)
		if err != nil {
			t.Fatal(err)
		}
		_, err = check(context.Background(), zr, x, nil, nil)
		if err == nil {
			err = x.commit()
		}
		x.abort()
		// Only "out" may exist, and only if the bundle was accepted.
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if e.Name() != "out" || err != nil {
				t.Fatalf("left in the parent folder: %s (err %v)", e.Name(), err)
			}
		}
		if err == nil {
			filepath.WalkDir(out, func(p string, d fs.DirEntry, werr error) error {
				if werr == nil && d.Type()&fs.ModeSymlink != 0 {
					t.Fatalf("symlink extracted: %s", p)
				}
				return nil
			})
		}
	})
}

// FuzzEntryName: names accepted are safe to join under a folder.
func FuzzEntryName(f *testing.F) {
	for _, s := range []string{"rapport.pdf", "evidence/001-a.png", "../x", "evidence/../../x", "/x", "C:\\x", "evidence/.x", "a\x00b", "evidence//x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if checkEntryName(name) != nil {
			return
		}
		root := filepath.FromSlash("/base/out")
		p := filepath.Join(root, filepath.FromSlash(name))
		if !strings.HasPrefix(p, root+string(filepath.Separator)) || strings.Contains(name, "..") && strings.Contains(p, "..") {
			t.Fatalf("name %q escapes: %s", name, p)
		}
	})
}
