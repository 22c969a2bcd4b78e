package ui

import (
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/temoin-app/temoin/i18n"
)

// File dialogs. Every one goes through g.pick: the system's own dialogs
// where they exist (files_native.go), else Fyne's, which forget the
// folder Fyne remembers in the preferences however they close, and accept
// only files of this computer (or of a USB key). Both start in the last
// folder chosen, kept in memory only (g.lastDir). Tests answer them with
// paths (g.pick is a field of the gui).

// picker asks the person for a file or a folder; then is not called when
// they cancel.
type picker interface {
	// folder asks for a folder, starting in start when it exists.
	folder(start string, then func(path string))
	// open asks for a file to read; with extensions (".bak"), the dialog
	// shows only files that have one.
	open(then func(path string), extensions ...string)
	// openFiles asks for one file or more to read.
	openFiles(then func(paths []string), extensions ...string)
	// save asks where to write a file named name by default. The file
	// may exist already (the dialog asked before replacing it).
	save(name string, then func(path string))
}

// fileDialogFolderKey is where Fyne's file dialogs remember the last
// folder. A folder's name can say too much ("Harcèlement Parent P1"):
// Témoin forgets it each time a file dialog closes.
const fileDialogFolderKey = "fyne:fileDialogLastFolder"

// forgetFolders removes what Fyne's file dialogs keep in the preferences.
func (g *gui) forgetFolders() {
	g.app.Preferences().RemoveValue(fileDialogFolderKey)
}

// fyneDialogs are Fyne's file dialogs.
type fyneDialogs struct{ g *gui }

// show shows a file or folder dialog; however it closes (Escape, a lock),
// the folder it remembers leaves the preferences.
func (p fyneDialogs) show(d *dialog.FileDialog) {
	p.g.touch()
	p.g.showDialog(d)
	d.SetOnClosed(func() { p.g.forget(d); p.g.forgetFolders() })
	d.Resize(fyne.NewSize(800, 560)) // after Show: a file dialog has no size before
}

// chosen checks what a dialog returned: a file of this computer.
func (p fyneDialogs) chosen(u fyne.URI, err error) (string, bool) {
	p.g.forgetFolders()
	switch {
	case err != nil:
		p.g.showError(err)
		return "", false
	case u == nil:
		return "", false
	case u.Scheme() != "file":
		p.g.showError(errors.New(i18n.X("gui.share.not_a_file")))
		return "", false
	}
	if st, err := os.Stat(u.Path()); err == nil && st.IsDir() {
		p.g.lastDir = u.Path()
	} else {
		p.g.lastDir = filepath.Dir(u.Path())
	}
	return u.Path(), true
}

// startIn opens d in the last folder chosen, if any.
func (p fyneDialogs) startIn(d *dialog.FileDialog) {
	if p.g.lastDir == "" {
		return
	}
	if u, err := storage.ListerForURI(storage.NewFileURI(p.g.lastDir)); err == nil {
		d.SetLocation(u)
	}
}

// openFiles: Fyne's dialog chooses one file at a time.
func (p fyneDialogs) openFiles(then func([]string), extensions ...string) {
	p.open(func(path string) { then([]string{path}) }, extensions...)
}

func (p fyneDialogs) folder(start string, then func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if u == nil {
			p.chosen(nil, err)
			return
		}
		if path, ok := p.chosen(u, err); ok {
			then(path)
		}
	}, p.g.win)
	if start != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
			d.SetLocation(u)
		}
	}
	p.show(d)
}

func (p fyneDialogs) open(then func(string), extensions ...string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if r == nil {
			p.chosen(nil, err)
			return
		}
		r.Close()
		if path, ok := p.chosen(r.URI(), err); ok {
			then(path)
		}
	}, p.g.win)
	if len(extensions) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	p.startIn(d)
	p.show(d)
}

// save: Fyne's dialog creates the file (empty); then writes it, readable
// by its owner only (present.PrivateFile).
func (p fyneDialogs) save(name string, then func(string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if w == nil {
			p.chosen(nil, err)
			return
		}
		w.Close()
		path, ok := p.chosen(w.URI(), err)
		if !ok {
			storage.Delete(w.URI())
			return
		}
		then(path)
	}, p.g.win)
	d.SetFileName(name)
	p.startIn(d)
	p.show(d)
}
