package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/ncruces/zenity"

	"github.com/temoin-app/temoin/i18n"
)

// The system's own file dialogs, through github.com/ncruces/zenity: the
// Windows and macOS dialogs, and on Linux the desktop's (zenity, kdialog,
// qarma or matedialog, whichever is installed), in the person's language,
// with their removable drives, Downloads and recent folders, and several
// files chosen at once. Where none exists, Fyne's dialogs (files.go) are
// used. The last folder is remembered in memory only, for the next
// dialog, and forgotten at lock: never written to disk.

// nativeDialogs are the system's file dialogs.
type nativeDialogs struct{ g *gui }

// newPicker returns the system's dialogs where they exist, else Fyne's.
func newPicker(g *gui) picker {
	if zenity.IsAvailable() {
		return nativeDialogs{g}
	}
	return fyneDialogs{g}
}

// start is where a dialog opens: the last folder chosen, or start.
func (p nativeDialogs) start(start string) zenity.Option {
	dir := p.g.lastDir
	if start != "" {
		dir = start
	}
	if dir == "" {
		return zenity.Title(Title)
	}
	return zenity.Filename(dir + string(filepath.Separator))
}

// run shows a dialog off the UI thread (it blocks until closed) and
// hands the paths chosen to then on the UI thread; nothing when the
// person cancels. The folder of the first is remembered.
func (p nativeDialogs) run(show func() ([]string, error), then func([]string)) {
	p.g.touch()
	go func() {
		paths, err := show()
		fyne.Do(func() {
			switch {
			case errors.Is(err, zenity.ErrCanceled) || (err == nil && len(paths) == 0):
				return
			case err != nil:
				p.g.showError(err)
				return
			}
			if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
				p.g.lastDir = paths[0]
			} else {
				p.g.lastDir = filepath.Dir(paths[0])
			}
			then(paths)
		})
	}()
}

func one(path string, err error) ([]string, error) {
	if path == "" {
		return nil, err
	}
	return []string{path}, err
}

func (p nativeDialogs) folder(start string, then func(string)) {
	p.run(func() ([]string, error) {
		return one(zenity.SelectFile(zenity.Directory(), zenity.Title(i18n.X("gui.files.folder")), p.start(start)))
	}, func(paths []string) { then(paths[0]) })
}

func (p nativeDialogs) open(then func(string), extensions ...string) {
	p.run(func() ([]string, error) {
		return one(zenity.SelectFile(zenity.Title(i18n.X("gui.files.open")), p.start(""), filters(extensions)))
	}, func(paths []string) { then(paths[0]) })
}

func (p nativeDialogs) openFiles(then func([]string), extensions ...string) {
	p.run(func() ([]string, error) {
		return zenity.SelectFileMultiple(zenity.Title(i18n.X("gui.files.open_many")), p.start(""), filters(extensions))
	}, then)
}

func (p nativeDialogs) save(name string, then func(string)) {
	p.run(func() ([]string, error) {
		dir := p.g.lastDir
		if dir == "" {
			dir, _ = os.UserHomeDir()
		}
		return one(zenity.SelectFileSave(zenity.Title(i18n.X("gui.files.save")), zenity.ConfirmOverwrite(),
			zenity.Filename(filepath.Join(dir, name))))
	}, func(paths []string) { then(paths[0]) })
}

// filters turns extensions (".csv") into the dialog's filter.
func filters(extensions []string) zenity.Option {
	if len(extensions) == 0 {
		return zenity.FileFilters{}
	}
	var patterns []string
	for _, e := range extensions {
		patterns = append(patterns, "*"+e)
	}
	return zenity.FileFilter{Name: strings.Join(patterns, " "), Patterns: patterns, CaseFold: true}
}
