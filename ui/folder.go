package ui

import (
	"path/filepath"

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
