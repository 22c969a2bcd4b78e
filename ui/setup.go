package ui

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// setupScreen is the first start: what Témoin does in three sentences,
// the choice of a passphrase, then the recovery code, shown once, with a
// check that it was noted. Or, for someone who already kept a journal,
// "Restore a backup": a backup file, its passphrase or recovery code, and
// the journal comes back into the vault's folder (the default one or
// --vault), never over an existing journal.
type setupScreen struct {
	g *gui

	pass      *xwidget.Entry // the chooser's first field, focused
	chooser   *passphraseChooser
	createBtn *widget.Button
	spinner   *widget.Activity
	message   *widget.Label
	body      *fyne.Container
	first     []fyne.CanvasObject // the body's first content, to come back to

	// restoring a backup
	restoreBtn  *widget.Button
	restorePath string
	restoreForm *secretForm
	restoreGo   *widget.Button
	restoreBar  *widget.ProgressBar
	restoreStop *widget.Button
	restoreMsg  *widget.Label
	restoreCtx  context.CancelFunc

	// vaultOptions are the vault's options (tests make the KDF free).
	vaultOptions *app.VaultOptions

	journal *app.Journal
	code    *recoveryCodeView
}

func (s *setupScreen) buildUI() fyne.CanvasObject {
	s.chooser = newPassphraseChooser(s.g)
	s.pass = s.chooser.pass
	s.createBtn = &widget.Button{Text: i18n.X("gui.setup.create"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: s.create}
	s.chooser.onChange = func() {
		if ok, _ := s.chooser.valid(); ok && !s.spinner.Visible() {
			s.createBtn.Enable()
		} else {
			s.createBtn.Disable()
		}
	}
	s.chooser.onSubmit = s.create
	s.spinner = widget.NewActivity()
	s.spinner.Hide()
	s.message = wrapped("")
	s.message.Importance = widget.DangerImportance
	s.message.Hide()
	s.chooser.changed()

	icon := canvas.NewImageFromResource(s.g.icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := heading(i18n.X("gui.setup.title"))
	title.Alignment = fyne.TextAlignCenter
	intro := wrapped(i18n.X("gui.setup.intro"))
	where := caption(i18n.X("gui.unlock.where", map[string]any{"Dir": s.g.dir}))
	where.Alignment = fyne.TextAlignCenter
	s.restoreBtn = &widget.Button{Text: i18n.X("gui.restore.button"), Icon: theme.HistoryIcon(),
		Importance: widget.LowImportance, OnTapped: func() { s.g.chooseBackupFile(s.showRestore) }}
	offer := widget.NewLabel(i18n.X("gui.restore.offer"))
	offer.SizeName = theme.SizeNameCaptionText
	restoreRow := container.NewCenter(container.NewHBox(container.NewCenter(offer), s.restoreBtn))
	s.body = container.NewVBox(
		container.NewCenter(icon), title, intro, widget.NewSeparator(),
		s.chooser.buildUI(), s.createBtn, container.NewCenter(s.spinner), s.message, restoreRow, layout.NewSpacer(), where)
	s.first = s.body.Objects
	return container.NewCenter(card(520, container.NewPadded(s.body)))
}

// create makes the vault; the key derivation runs off the UI thread.
func (s *setupScreen) create() {
	if ok, _ := s.chooser.valid(); !ok || s.spinner.Visible() {
		return
	}
	pass := []byte(s.chooser.pass.Text)
	s.spinner.Show()
	s.spinner.Start()
	s.createBtn.Disable()
	dir, opts := s.g.dir, s.vaultOptions
	s.g.async(func() {
		j, code, err := app.CreateVault(dir, pass, opts)
		wipe(pass)
		fyne.Do(func() { s.created(j, code, err) })
	})
}

func (s *setupScreen) created(j *app.Journal, code string, err error) {
	s.spinner.Stop()
	s.spinner.Hide()
	if s.g.setup != s {
		if j != nil {
			j.Lock()
		}
		return
	}
	if err != nil {
		s.createBtn.Enable()
		s.message.SetText(sentence.Error(err, s.g.dir))
		s.message.Show()
		return
	}
	s.journal = j
	s.chooser.pass.SetText("")
	s.chooser.confirm.SetText("")
	s.code = newRecoveryCodeView(s.g, code, func() {
		jj := s.journal
		s.journal = nil
		s.g.opened(jj, false)
	})
	s.body.Objects = []fyne.CanvasObject{s.code.buildUI()}
	s.body.Refresh()
}

// showRestore asks for what opens the backup at path.
func (s *setupScreen) showRestore(path string) {
	s.restorePath = path
	s.restoreForm = newSecretForm(s.g, s.restore)
	s.restoreGo = &widget.Button{Text: i18n.X("gui.restore.go"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: s.restore}
	s.restoreBar = widget.NewProgressBar()
	s.restoreBar.Hide()
	s.restoreStop = &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: func() {
		if s.restoreCtx != nil {
			s.restoreCtx()
		}
	}}
	s.restoreStop.Hide()
	s.restoreMsg = wrapped("")
	s.restoreMsg.Importance = widget.DangerImportance
	s.restoreMsg.Hide()
	back := &widget.Button{Text: i18n.X("gui.restore.back"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: func() {
			if s.restoreCtx != nil {
				return
			}
			s.body.Objects = s.first
			s.body.Refresh()
			s.g.win.Canvas().Focus(s.pass)
		}}
	name := widget.NewLabel(filepath.Base(path))
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapBreak
	title := heading(i18n.X("gui.restore.title"))
	s.body.Objects = []fyne.CanvasObject{
		title,
		wrapped(i18n.X("gui.restore.intro", map[string]any{"Dir": s.g.dir})),
		name,
		s.restoreForm.buildUI(),
		s.restoreGo, s.restoreBar, container.NewCenter(s.restoreStop), s.restoreMsg,
		container.NewCenter(back),
	}
	s.body.Refresh()
	s.g.win.Canvas().Focus(s.restoreForm.pass)
}

// restore restores the backup into the vault's folder, then opens it,
// off the UI thread.
func (s *setupScreen) restore() {
	if s.restoreCtx != nil || !s.restoreForm.filled() {
		return
	}
	secret, pass, code := s.restoreForm.secret()
	s.restoreForm.clear()
	s.restoreForm.disable(true)
	s.restoreGo.Disable()
	s.restoreMsg.Hide()
	s.restoreBar.SetValue(0)
	s.restoreBar.Show()
	s.restoreStop.Show()
	ctx, cancel := context.WithCancel(context.Background())
	s.restoreCtx = cancel
	dir, path := s.g.dir, s.restorePath
	progress := throttledProgress(func(v float64) { s.restoreBar.SetValue(v) })
	s.g.async(func() {
		var j *app.Journal
		err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o700)
		var rep *app.BackupReport
		if err == nil {
			rep, err = app.RestoreBackupFile(ctx, path, dir, secret, progress)
		}
		var openErr error
		if err == nil {
			if code != "" {
				j, openErr = app.UnlockWithRecoveryCode(dir, code)
			} else {
				j, openErr = app.Unlock(dir, pass)
			}
		}
		wipe(pass)
		fyne.Do(func() { s.restored(j, rep, err, openErr, code) })
	})
}

// restored applies the result of a restore.
func (s *setupScreen) restored(j *app.Journal, rep *app.BackupReport, err, openErr error, code string) {
	s.restoreCtx = nil
	if s.g.setup != s {
		if j != nil {
			j.Lock()
		}
		return
	}
	s.restoreBar.Hide()
	s.restoreStop.Hide()
	s.restoreForm.disable(false)
	s.restoreGo.Enable()
	if err != nil {
		msg := backupErrorText(err, s.restorePath)
		if errors.Is(err, app.ErrVaultExists) || errors.Is(err, app.ErrRestoreTarget) {
			msg = backupErrorText(err, s.g.dir)
		}
		s.restoreMsg.SetText(msg)
		s.restoreMsg.Show()
		return
	}
	done := i18n.X("gui.restore.done", map[string]any{"Files": i18n.N("count.evidence_files", rep.Blobs)})
	if !rep.OK() {
		done += " " + i18n.X("gui.restore.problems")
	}
	switch {
	case openErr != nil || j == nil:
		s.g.showUnlock()
		s.g.showInfo(i18n.X("gui.restore.done_title"), done)
	case code != "":
		// Opened with the recovery code: a new passphrase is chosen, as
		// after a forgotten passphrase.
		s.g.showUnlock()
		u := s.g.unlock
		u.showRecovery()
		u.codeDone(j, nil)
		s.g.showInfo(i18n.X("gui.restore.done_title"), done)
	default:
		opened := i18n.X("gui.restore.opened", map[string]any{"Files": i18n.N("count.evidence_files", rep.Blobs)})
		if !rep.OK() {
			opened += " " + i18n.X("gui.restore.problems")
		}
		s.g.opened(j, false)
		s.g.showInfo(i18n.X("gui.restore.done_title"), opened)
	}
}

// recoveryCodeView shows a recovery code once, offers to save it as text
// (to print it), then asks for four of its characters back.
type recoveryCodeView struct {
	g    *gui
	code string
	done func()

	box      *fyne.Container
	check    *xwidget.Entry
	checkMsg *widget.Label
	nextBtn  *widget.Button
	group    int // the group (1-based) whose first four characters are asked
}

func newRecoveryCodeView(g *gui, code string, done func()) *recoveryCodeView {
	v := &recoveryCodeView{g: g, code: code, done: done}
	groups := strings.Split(code, "-")
	n, err := rand.Int(rand.Reader, big.NewInt(int64(max(len(groups)-1, 1))))
	v.group = 2
	if err == nil && len(groups) > 1 {
		v.group = int(n.Int64()) + 2
	}
	return v
}

func (v *recoveryCodeView) buildUI() fyne.CanvasObject {
	v.box = container.NewVBox()
	v.showCode()
	return v.box
}

func (v *recoveryCodeView) showCode() {
	codeText := canvas.NewText(v.code, theme.Color(theme.ColorNameForeground))
	codeText.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	codeText.TextSize = 22
	codeText.Alignment = fyne.TextAlignCenter
	bg := canvas.NewRectangle(theme.Color(colorNameCard))
	bg.CornerRadius = 8
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	save := &widget.Button{Text: i18n.X("gui.code.save"), Icon: theme.DocumentSaveIcon(), OnTapped: v.save}
	printBtn := &widget.Button{Text: i18n.X("gui.code.print"), Icon: theme.DocumentPrintIcon(), OnTapped: v.save}
	next := &widget.Button{Text: i18n.X("gui.code.noted"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.showCheck}
	v.box.Objects = []fyne.CanvasObject{
		heading(i18n.X("gui.code.title")),
		wrapped(i18n.X("gui.code.intro")),
		container.NewStack(bg, container.NewPadded(container.NewPadded(codeText))),
		container.NewGridWithColumns(2, save, printBtn),
		caption(i18n.X("gui.code.print_help")),
		next,
	}
	v.box.Refresh()
}

func (v *recoveryCodeView) showCheck() {
	v.check = v.g.entry()
	v.check.SetPlaceHolder("XXXX")
	v.checkMsg = caption("")
	v.nextBtn = &widget.Button{Text: i18n.X("gui.code.continue"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.finish}
	v.nextBtn.Disable()
	v.check.OnChanged = func(string) {
		v.g.touch()
		if v.checkOK() {
			v.nextBtn.Enable()
			v.checkMsg.SetText(i18n.X("gui.code.check_ok"))
		} else {
			v.nextBtn.Disable()
			v.checkMsg.SetText("")
		}
	}
	v.check.OnSubmitted = func(string) { v.finish() }
	back := &widget.Button{Text: i18n.X("gui.code.see_again"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: v.showCode}
	v.box.Objects = []fyne.CanvasObject{
		heading(i18n.X("gui.code.check_title")),
		wrapped(i18n.X("gui.code.check", map[string]any{"N": v.group})),
		v.check, v.checkMsg,
		container.NewGridWithColumns(2, back, v.nextBtn),
	}
	v.box.Refresh()
	v.g.win.Canvas().Focus(v.check)
}

// expected returns the four characters asked for.
func (v *recoveryCodeView) expected() string {
	groups := strings.Split(v.code, "-")
	if v.group-1 >= len(groups) {
		return ""
	}
	g := groups[v.group-1]
	return g[:min(4, len(g))]
}

func (v *recoveryCodeView) checkOK() bool {
	return strings.EqualFold(strings.TrimSpace(v.check.Text), v.expected())
}

func (v *recoveryCodeView) finish() {
	if v.check == nil || !v.checkOK() {
		return
	}
	v.done()
}

// save writes the code as a text file where the person chooses.
func (v *recoveryCodeView) save() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		v.g.forgetFolders()
		if err != nil {
			v.g.showError(err)
			return
		}
		if w == nil {
			return
		}
		text := i18n.X("gui.code.file", map[string]any{"Code": v.code})
		_, werr := fmt.Fprint(w, text)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			v.g.showError(werr)
			return
		}
		v.g.showInfo(i18n.X("gui.code.saved_title"), i18n.X("gui.code.saved"))
	}, v.g.win)
	d.SetFileName(i18n.X("gui.code.filename"))
	v.g.showFileDialog(d)
}
