package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// After an import, the originals are still readable on the computer.
// Keeping them is the default; deleting them is offered once the person
// has opened the copy in the journal and ticked that it is right, with a
// word when an original sits in a cloud-synced folder (its copy online
// stays) or on a removable drive (issue 12, bug 6).

// originalsDialog is the dialog shown after an import.
type originalsDialog struct {
	s       *evidenceSection
	done    []importResult
	checked *widget.Check
	del     *widget.Button
	d       dialog.Dialog
}

// offerDeleteOriginals says the originals are still on the computer,
// keeps them by default, and offers their deletion once checked.
func (s *evidenceSection) offerDeleteOriginals(done []importResult) {
	o := &originalsDialog{s: s, done: done}
	var lines []string
	for _, r := range done {
		lines = append(lines, "• "+r.src.path)
		if w := originalWarning(r.src.path); w != "" {
			lines = append(lines, "   "+w)
		}
	}
	openCopy := &widget.Button{Text: i18n.X("gui.evidence.open_copy"), Icon: theme.VisibilityIcon(), OnTapped: o.openCopy}
	o.del = &widget.Button{Text: i18n.X("gui.evidence.delete_originals"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: o.deleteNow}
	o.del.Disable()
	o.checked = widget.NewCheck(i18n.X("gui.evidence.copy_checked"), func(on bool) {
		if on {
			o.del.Enable()
		} else {
			o.del.Disable()
		}
	})
	list := container.NewVScroll(wrapped(strings.Join(lines, "\n")))
	list.SetMinSize(fyne.NewSize(520, 120))
	content := container.NewVBox(wrapped(i18n.X("gui.evidence.originals")), list,
		caption(i18n.X("gui.evidence.originals_warning")), container.NewHBox(openCopy), o.checked, container.NewHBox(o.del))
	d := dialog.NewCustom(i18n.X("gui.evidence.originals_title"), i18n.X("gui.evidence.keep_originals"), content, s.g.win)
	o.d = d
	s.g.showDialog(d)
}

// openCopy opens the first file imported, decrypted in the private
// viewer folder, with the system's application.
func (o *originalsDialog) openCopy() {
	for _, r := range o.done {
		if r.ev != nil {
			o.s.openExternal(*r.ev)
			return
		}
	}
}

// deleteNow deletes the originals, once the copy was checked.
func (o *originalsDialog) deleteNow() {
	if !o.checked.Checked {
		return
	}
	o.d.Hide()
	o.s.g.forget(o.d)
	var failed []string
	for _, r := range o.done {
		if err := os.Remove(r.src.path); err != nil {
			failed = append(failed, r.src.path+i18n.Language().Colon("")+" "+o.s.g.say(present.In(err, present.Where{File: r.src.path})))
		}
	}
	if len(failed) > 0 {
		o.s.g.showInfo(i18n.X("gui.evidence.delete_failed_title"), i18n.X("gui.evidence.delete_failed")+"\n"+strings.Join(failed, "\n"))
	}
}

// originalWarning says what deleting an original here does not do: a
// cloud-synced folder keeps a copy online; a removable drive may have
// been copied elsewhere.
func originalWarning(path string) string {
	if c, ok := app.DetectCloudFolder(filepath.Dir(path)); ok {
		return i18n.X("gui.evidence.original_cloud", map[string]any{"Service": c.Service})
	}
	if onRemovableDrive(path) {
		return i18n.X("gui.evidence.original_removable")
	}
	return ""
}

// onRemovableDrive guesses from its path whether a file is on a USB key
// or a card: where systems mount them, or, on Windows, a drive other than
// the system's.
func onRemovableDrive(path string) bool {
	switch runtime.GOOS {
	case "windows":
		vol := filepath.VolumeName(path)
		sys := os.Getenv("SystemDrive")
		return vol != "" && sys != "" && !strings.EqualFold(vol, sys) && !strings.HasPrefix(vol, `\\`)
	case "darwin":
		return strings.HasPrefix(path, "/Volumes/")
	}
	for _, root := range []string{"/media/", "/run/media/", "/mnt/"} {
		if strings.HasPrefix(path, root) {
			return true
		}
	}
	return false
}
