package ui

import (
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// keepChoices are the numbers of automatic backups that can be kept.
var keepChoices = []int{2, 3, 5, 10, 20}

// backupSection is the Backups card of Settings.
type backupSection struct {
	g *gui

	last       *widget.Label
	nowBtn     *widget.Button
	verifyBtn  *widget.Button
	autoCheck  *widget.Check
	folder     *widget.Label
	folderBtn  *widget.Button
	sameDisk   *widget.Label // the folder is on the journal's disk
	keep       *widget.Select
	autoDetail *fyne.Container

	auto app.AutoBackupSettings
}

func (s *backupSection) buildUI() fyne.CanvasObject {
	s.auto, _ = s.g.journal.Backups.Auto()
	s.last = wrapped("")
	s.nowBtn = &widget.Button{Text: i18n.X("gui.backup.now"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: func() { s.g.backupNow(s.refresh) }}
	s.verifyBtn = &widget.Button{Text: i18n.X("gui.backup.verify"), Icon: theme.ConfirmIcon(), OnTapped: s.verify}

	s.autoCheck = widget.NewCheck(i18n.X("gui.backup.auto"), nil)
	s.autoCheck.SetChecked(s.auto.AtLock && s.auto.Folder != "")
	s.autoCheck.OnChanged = s.setAuto
	s.folder = widget.NewLabel("")
	s.folder.Wrapping = fyne.TextWrapBreak
	s.folder.TextStyle.Monospace = true
	s.folderBtn = &widget.Button{Text: i18n.X("gui.backup.choose_folder"), Icon: theme.FolderOpenIcon(),
		OnTapped: s.chooseAutoFolder}
	var keepLabels []string
	for _, n := range keepChoices {
		keepLabels = append(keepLabels, i18n.N("gui.backup.keep_n", n))
	}
	s.keep = widget.NewSelect(keepLabels, nil)
	if i := slices.Index(keepChoices, s.auto.Keep); i >= 0 {
		s.keep.SetSelectedIndex(i)
	} else {
		s.keep.SetSelectedIndex(slices.Index(keepChoices, app.DefaultBackupsKept))
	}
	s.keep.OnChanged = func(string) {
		s.auto.Keep = keepChoices[s.keep.SelectedIndex()]
		s.save()
	}
	s.sameDisk = caption("")
	s.sameDisk.Importance = widget.WarningImportance
	s.autoDetail = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewCenter(s.folderBtn), s.folder), s.sameDisk,
		container.NewHBox(container.New(&fixedWidth{w: 260}, s.keep)),
		caption(i18n.X("gui.backup.auto_help")))
	s.refresh()
	return container.NewVBox(
		s.last,
		container.NewHBox(s.nowBtn, s.verifyBtn),
		caption(i18n.X("gui.backup.help")),
		widget.NewSeparator(),
		s.autoCheck, s.autoDetail,
	)
}

// refresh shows the date of the last backup and the automatic settings.
func (s *backupSection) refresh() {
	j := s.g.journal
	if j == nil {
		return
	}
	when, path, err := j.Backups.Last()
	switch {
	case err != nil || when.IsZero():
		s.last.SetText(i18n.X("gui.backup.never"))
	default:
		s.last.SetText(i18n.X("gui.backup.last",
			map[string]any{"When": i18n.DateTime(when.Local()), "Since": s.g.sinceText(when), "Folder": filepath.Dir(path)}))
	}
	if s.auto.Folder == "" {
		s.folder.SetText(i18n.X("gui.backup.no_folder"))
		s.folder.TextStyle.Monospace = false
	} else {
		s.folder.SetText(s.auto.Folder)
		s.folder.TextStyle.Monospace = true
	}
	s.folder.Refresh()
	warn := present.FolderSameDisk(s.g.dir, s.auto.Folder)
	s.sameDisk.SetText(warn)
	s.sameDisk.Hidden = warn == ""
	s.autoDetail.Refresh()
}

// setAuto turns the automatic backup on (asking for a folder when none
// was chosen: the box is ticked once one is) or off.
func (s *backupSection) setAuto(on bool) {
	s.g.touch()
	if on && s.auto.Folder == "" {
		s.setChecked(false)
		s.chooseAutoFolder()
		return
	}
	s.auto.AtLock = on
	s.save()
}

// setChecked ticks the box without calling setAuto.
func (s *backupSection) setChecked(on bool) {
	s.autoCheck.OnChanged = nil
	s.autoCheck.SetChecked(on)
	s.autoCheck.OnChanged = s.setAuto
}

// chooseAutoFolder asks for the folder of the automatic backups, with the
// cloud warning, and turns the automatic backup on there.
func (s *backupSection) chooseAutoFolder() {
	var pick func()
	pick = func() {
		s.g.pick.folder(s.auto.Folder, func(folder string) {
			s.g.confirmFolder(folder, func() {
				s.auto.Folder = folder
				s.auto.AtLock = true
				s.setChecked(true)
				s.save()
			}, pick)
		})
	}
	pick()
}

func (s *backupSection) save() {
	if s.g.journal == nil {
		return
	}
	if s.auto.Keep <= 0 {
		s.auto.Keep = app.DefaultBackupsKept
	}
	if err := s.g.journal.Backups.SetAuto(s.auto); err != nil {
		s.g.showError(err)
	}
	s.refresh()
}

// verify checks a backup file chosen by the person, with the passphrase
// or the recovery code, off the UI thread.
func (s *backupSection) verify() {
	s.g.pick.open(s.g.verifyBackupFile, app.BackupExt)
}
