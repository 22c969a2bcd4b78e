package ui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
)

// TestViewerFolder: a decrypted copy goes into a private folder (0700),
// under a random name keeping the extension, and the folder is wiped at
// lock, at auto-lock and when a copy is finished after a lock.
func TestViewerFolder(t *testing.T) {
	base := t.TempDir()
	v := &viewer{base: func() (string, error) { return base, nil }}
	dir := filepath.Join(base, viewerDirName)
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
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", st.Mode())
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", st.Mode())
	}
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
	g := unlockTestGUI(t)
	dir := privateViewerFolder(t, g)
	opened := captureOpen(g)
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
