package ui

import (
	"net/url"
	"path/filepath"
	"testing"
)

// fakePicker answers the file and folder dialogs: each call takes the
// next answer of its kind (the last one again once they are used up);
// no answer is a dialog cancelled.
type fakePicker struct {
	folders, files, saves []string
	folderUses            int
}

func next(list []string, n int) (string, bool) {
	if len(list) == 0 {
		return "", false
	}
	return list[min(n, len(list)-1)], true
}

func (p *fakePicker) folder(_ string, then func(string)) {
	path, ok := next(p.folders, p.folderUses)
	p.folderUses++
	if ok {
		then(path)
	}
}

func (p *fakePicker) open(then func(string), _ ...string) {
	if path, ok := next(p.files, 0); ok {
		then(path)
	}
}

func (p *fakePicker) openFiles(then func([]string), _ ...string) {
	if len(p.files) > 0 {
		then(p.files)
	}
}

func (p *fakePicker) save(_ string, then func(string)) {
	if path, ok := next(p.saves, 0); ok {
		then(path)
	}
}

// pickFolders makes the folder dialog answer with each folder in turn,
// and counts its uses.
func pickFolders(g *gui, folders ...string) *int {
	p := &fakePicker{folders: folders}
	g.pick = p
	return &p.folderUses
}

// pickFile makes the file dialogs answer with path.
func pickFile(g *gui, path string) {
	g.pick = &fakePicker{files: []string{path}, saves: []string{path}}
}

// captureOpen records what would be opened with the system's
// applications.
func captureOpen(t *testing.T, g *gui) *[]string {
	var opened []string
	g.openURL = func(u *url.URL) error {
		opened = append(opened, pathOfFileURL(t, u))
		return nil
	}
	return &opened
}

// privateViewerFolder points the viewer folder at a test folder.
func privateViewerFolder(t *testing.T, g *gui) string {
	t.Helper()
	base := t.TempDir()
	g.viewer = &viewer{base: func() (string, error) { return base, nil }}
	return filepath.Join(base, viewerDirName)
}
