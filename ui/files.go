package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/temoin-app/temoin/i18n"
)

// File dialogs. Every one goes through showFileDialog, so that the folder
// Fyne remembers in the preferences is forgotten however the dialog
// closes, and only files of this computer (or of a USB key) are accepted.

// fileDialogFolderKey is where Fyne's file dialogs remember the last
// folder. A folder's name can say too much ("Harcèlement Parent P1"):
// Témoin forgets it each time a file dialog closes.
const fileDialogFolderKey = "fyne:fileDialogLastFolder"

// forgetFolders removes what Fyne's file dialogs keep in the preferences.
func (g *gui) forgetFolders() {
	g.app.Preferences().RemoveValue(fileDialogFolderKey)
}

// showFileDialog shows a file or folder dialog; however it closes
// (Escape, a lock), the folder it remembers leaves the preferences.
func (g *gui) showFileDialog(d *dialog.FileDialog) {
	g.showDialog(d)
	d.SetOnClosed(func() { g.forget(d); g.forgetFolders() })
	d.Resize(fyne.NewSize(800, 560)) // after Show: a file dialog has no size before
}

// chooseSavePath asks where to save a file, then calls then with its path.
// Fyne's dialog creates the file (empty); then writes it. The folder
// chosen is not remembered.
func (g *gui) chooseSavePath(name string, then func(path string)) {
	g.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		g.forgetFolders()
		if err != nil {
			g.showError(err)
			return
		}
		if w == nil {
			return
		}
		w.Close()
		if w.URI().Scheme() != "file" {
			storage.Delete(w.URI())
			g.showError(errors.New(i18n.X("gui.share.not_a_file")))
			return
		}
		then(w.URI().Path())
	}, g.win)
	d.SetFileName(name)
	g.showFileDialog(d) // the folder is forgotten however it closes
}

// chooseOpenPath asks for a file to open, then calls then with its path.
// With extensions (".bak"), the dialog shows only files that have one.
func (g *gui) chooseOpenPath(then func(path string), extensions ...string) {
	g.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		g.forgetFolders()
		if err != nil {
			g.showError(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		if r.URI().Scheme() != "file" {
			g.showError(errors.New(i18n.X("gui.share.not_a_file")))
			return
		}
		then(r.URI().Path())
	}, g.win)
	if len(extensions) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	g.showFileDialog(d)
}
