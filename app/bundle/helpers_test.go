package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// moduleRoot finds the folder of go.mod, where make deps installs tools.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// tool returns the path of a command the interoperability tests need:
// .tools/NAME (installed by make deps), else NAME on PATH.
func tool(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(moduleRoot(t), ".tools", name)
	if runtime.GOOS == "windows" { // cross-built by tools/test-windows.sh
		name += ".exe"
		p = filepath.Join(moduleRoot(t), "bin", "windows", "tools", name)
	}
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	t.Fatalf("%s is missing: run \"make deps\" (it installs age and age-keygen v1.3.2 into .tools/)", name)
	return ""
}

// decryptZip decrypts a bundle and returns its ZIP's entries, in order.
func decryptZip(t testing.TB, path string, id age.Identity) ([]string, map[string][]byte) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, f.Name)
		files[f.Name] = b
	}
	return order, files
}

type entry struct {
	name    string
	data    []byte
	symlink bool
}

// zipBytes builds a ZIP of the entries given.
func zipBytes(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.symlink {
			fh.SetMode(os.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encryptTo encrypts data to a recipient into a new file.
func encryptTo(t testing.TB, data []byte, to age.Recipient) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rewrapped.zip.age")
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rewrap decrypts a bundle, lets change alter its entries, and encrypts
// the result to the same recipient: what someone holding the bundle and
// the recipient's public key could do.
func rewrap(t testing.TB, path string, id *age.X25519Identity, change func(order []string, files map[string][]byte) []entry) string {
	t.Helper()
	order, files := decryptZip(t, path, id)
	return encryptTo(t, zipBytes(t, change(order, files)), id.Recipient())
}

func entriesOf(order []string, files map[string][]byte) []entry {
	var out []entry
	for _, n := range order {
		out = append(out, entry{name: n, data: files[n]})
	}
	return out
}

// dirEmpty reports whether dir holds nothing.
func dirEmpty(t testing.TB, dir string) bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries) == 0
}

// stubReport stands for the report (rapport.pdf) in most tests: a
// one-page placeholder PDF, recorded in the chain as the real one is. The
// bundle's tests are about the bundle; TestWithRealReport writes the real
// report.
func stubReport(ctx context.Context, src report.Source, opts report.Options, w io.Writer, _ func(done, total int)) (*report.Result, error) {
	pdf := fmt.Appendf(nil, "%%PDF-1.4\n%% Témoin test report stub: %s, lang %s\n%%%%EOF\n", opts.Now.Format("2006-01-02"), opts.Lang)
	if _, err := w.Write(pdf); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pdf)
	if err := src.Chain.Log(app.EventReportGenerated, "", hex.EncodeToString(sum[:])); err != nil {
		return nil, err
	}
	return &report.Result{SHA256: hex.EncodeToString(sum[:]), Pages: 1}, nil
}
