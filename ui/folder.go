package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// showInFolder opens the folder that holds path with the system's file
// manager; when none can be started, it says so in a sentence with the
// folder to open by hand.
func (g *gui) showInFolder(path string) {
	g.touch()
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	dir := filepath.Dir(abs)
	if err := g.openURL(fileURL(dir)); err != nil {
		g.showError(present.In(err, present.Where{Folder: dir}))
	}
}

// writtenDialog says a file was written (a bundle, a backup): what, a
// warning when one is called for (too big for e-mail, on the journal's
// own disk), and a button that shows the file in its folder.
type writtenDialog struct {
	warning   *widget.Label // nil when there is none
	folderBtn *widget.Button
	d         dialog.Dialog
}

// showWritten shows a writtenDialog about path.
func (g *gui) showWritten(title string, body []fyne.CanvasObject, warning, path string) *writtenDialog {
	w := &writtenDialog{}
	objs := append([]fyne.CanvasObject{}, body...)
	if warning != "" {
		w.warning = wrapped(warning)
		w.warning.Importance = widget.WarningImportance
		objs = append(objs, w.warning)
	}
	w.folderBtn = &widget.Button{Text: i18n.X("gui.share.show_in_folder"), Icon: theme.FolderOpenIcon(),
		OnTapped: func() { g.showInFolder(path) }}
	objs = append(objs, container.NewHBox(w.folderBtn))
	w.d = dialog.NewCustom(title, i18n.X("gui.share.close"), card(520, container.NewVBox(objs...)), g.win)
	g.showDialog(w.d)
	return w
}
