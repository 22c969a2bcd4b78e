package ui

import (
	"bytes"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

// TestViewerFolder: a decrypted copy goes into a private folder (0700),
// under a random name keeping the extension, and the folder is wiped at
// lock, at auto-lock and when a copy is finished after a lock.
func TestViewerFolder(t *testing.T) {
	dir := privateViewerFolder(t)
	v := &viewer{}
	path, err := v.write("Capture Parent P1.PNG", func(w io.Writer) error {
		_, err := w.Write([]byte("secret"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir || !strings.HasSuffix(path, ".png") || strings.Contains(path, "Parent") {
		t.Errorf("copy at %s", path)
	}
	ownertest.OnlyMe(t, dir)
	ownertest.OnlyMe(t, path)
	// A copy that fails is not left.
	if _, err := v.write("x.pdf", func(w io.Writer) error { return io.ErrUnexpectedEOF }); err == nil {
		t.Error("a failed copy reported as written")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder", len(entries))
	}
	// A copy finished after a wipe is wiped too.
	_, err = v.write("y.pdf", func(w io.Writer) error { v.wipe(); return nil })
	if err == nil {
		t.Error("a copy finished after the lock was kept")
	}
	if _, err := os.Stat(dir); err == nil {
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%d files left after the wipe", len(entries))
		}
	}
	if err := v.wipe(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("the folder was not removed")
	}
	for name, want := range map[string]string{"a.pdf": ".pdf", "b.tar.gz": ".gz", "c": "", "d.p/f": "", "e.é": ""} {
		if got := safeExt(name); got != want {
			t.Errorf("safeExt(%q) = %q", name, got)
		}
	}
}

// TestEvidenceOpenedOutside: evidence opened with the system's
// application goes through the viewer folder, wiped at auto-lock.
func TestEvidenceOpenedOutside(t *testing.T) {
	dir := privateViewerFolder(t)
	opened := captureOpen(t)
	g := unlockTestGUI(t)
	in, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(in.ID)
	e := g.main.editor
	src, _ := fileSource(pngFile(t))
	e.evidence.importFiles([]importSource{src})
	g.closeDialogs()
	got, _ := g.journal.Incidents.Get(in.ID)
	e.evidence.openExternal(got.Evidence[0])
	if len(g.dialogs) != 1 {
		t.Fatal("the person is not told about the readable copy")
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "verrouill") {
		t.Error("the notice does not say when the copy is erased")
	}
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if len(*opened) != 1 {
		t.Fatal("not opened")
	}
	data, _ := os.ReadFile((*opened)[0])
	orig, _ := os.ReadFile(src.path)
	if !bytes.Equal(data, orig) {
		t.Error("the copy differs from the evidence")
	}
	g.touch()
	g.idleMu.Lock()
	gen := g.idleGen
	g.idleMu.Unlock()
	g.idleExpired(gen)
	if g.journal != nil {
		t.Fatal("not locked")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("the viewer folder survives the auto-lock")
	}
}

// pathOfFileURL reads a file:// URL back as the system's "open with"
// does (Windows: file:///C:/x is C:\x), failing when the URL names a
// host: file://C:/x would send Windows looking for a server called C.
func pathOfFileURL(t *testing.T, u *url.URL) string {
	t.Helper()
	parsed, err := url.Parse(u.String())
	if err != nil || parsed.Scheme != "file" {
		t.Fatalf("%s is not a file URL: %v", u, err)
	}
	if parsed.Host != "" {
		t.Errorf("%s names the host %q: the system would not find the file", u, parsed.Host)
	}
	p := parsed.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// TestFileURL: the URL given to the system for a decrypted copy or a saved
// report leads back to the file, also with a drive letter and spaces.
func TestFileURL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Rapport F3SCT é.pdf")
	u := fileURL(path)
	if got := pathOfFileURL(t, u); got != path {
		t.Errorf("%s leads to %q, not %q", u, got, path)
	}
	if !strings.HasPrefix(u.String(), "file:///") {
		t.Errorf("%s does not start with file:///", u)
	}
}
