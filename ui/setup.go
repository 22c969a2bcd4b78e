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
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/ui/i18n"
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
	s.createBtn = &widget.Button{Text: lang.X("gui.setup.create", "Create my journal"), Icon: theme.ConfirmIcon(),
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
	title := heading(lang.X("gui.setup.title", "Welcome to Témoin"))
	title.Alignment = fyne.TextAlignCenter
	intro := wrapped(lang.X("gui.setup.intro", "Témoin helps you write down the aggressions you suffer at work, while they are fresh, and keep the evidence. Everything stays on this computer, encrypted: nobody can read it without your passphrase. When you are ready, you can make a report for your representatives or your administration."))
	where := caption(lang.X("gui.unlock.where", "Journal kept in {{.Dir}}", map[string]any{"Dir": s.g.dir}))
	where.Alignment = fyne.TextAlignCenter
	s.restoreBtn = &widget.Button{Text: lang.X("gui.restore.button", "Restore a backup…"), Icon: theme.HistoryIcon(),
		Importance: widget.LowImportance, OnTapped: func() { s.g.chooseBackupFile(s.showRestore) }}
	offer := widget.NewLabel(lang.X("gui.restore.offer", "Already kept a journal with Témoin?"))
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
		s.message.SetText(i18n.Error(err, s.g.dir))
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
	s.restoreGo = &widget.Button{Text: lang.X("gui.restore.go", "Restore my journal"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: s.restore}
	s.restoreBar = widget.NewProgressBar()
	s.restoreBar.Hide()
	s.restoreStop = &widget.Button{Text: lang.X("gui.cancel", "Cancel"), Icon: theme.CancelIcon(), OnTapped: func() {
		if s.restoreCtx != nil {
			s.restoreCtx()
		}
	}}
	s.restoreStop.Hide()
	s.restoreMsg = wrapped("")
	s.restoreMsg.Importance = widget.DangerImportance
	s.restoreMsg.Hide()
	back := &widget.Button{Text: lang.X("gui.restore.back", "Back"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
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
	title := heading(lang.X("gui.restore.title", "Restore a backup"))
	s.body.Objects = []fyne.CanvasObject{
		title,
		wrapped(lang.X("gui.restore.intro", "Your journal comes back as it was when the backup was made, with its evidence, into {{.Dir}}. An existing journal is never replaced.", map[string]any{"Dir": s.g.dir})),
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
	done := lang.X("gui.restore.done", "Your journal is restored, with {{.Files}} evidence file(s). It opens with the passphrase in force when the backup was made, or with your recovery code.", map[string]any{"Files": rep.Blobs})
	if !rep.OK() {
		done += " " + lang.X("gui.restore.problems", "The check of the restored journal found problems: keep the backup file, and your other backups.")
	}
	switch {
	case openErr != nil || j == nil:
		s.g.showUnlock()
		s.g.showInfo(lang.X("gui.restore.done_title", "Journal restored"), done)
	case code != "":
		// Opened with the recovery code: a new passphrase is chosen, as
		// after a forgotten passphrase.
		s.g.showUnlock()
		u := s.g.unlock
		u.showRecovery()
		u.codeDone(j, nil)
		s.g.showInfo(lang.X("gui.restore.done_title", "Journal restored"), done)
	default:
		opened := lang.X("gui.restore.opened", "Your journal is restored and open, with {{.Files}} evidence file(s). Its passphrase is the one you just typed.", map[string]any{"Files": rep.Blobs})
		if !rep.OK() {
			opened += " " + lang.X("gui.restore.problems", "The check of the restored journal found problems: keep the backup file, and your other backups.")
		}
		s.g.opened(j, false)
		s.g.showInfo(lang.X("gui.restore.done_title", "Journal restored"), opened)
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
	save := &widget.Button{Text: lang.X("gui.code.save", "Save as text…"), Icon: theme.DocumentSaveIcon(), OnTapped: v.save}
	printBtn := &widget.Button{Text: lang.X("gui.code.print", "Save to print…"), Icon: theme.DocumentPrintIcon(), OnTapped: v.save}
	next := &widget.Button{Text: lang.X("gui.code.noted", "I have noted it"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.showCheck}
	v.box.Objects = []fyne.CanvasObject{
		heading(lang.X("gui.code.title", "Your recovery code")),
		wrapped(lang.X("gui.code.intro", "If you forget your passphrase, this code is the only way to open your journal. It is shown only this once: write it on paper and keep it somewhere safe, away from this computer.")),
		container.NewStack(bg, container.NewPadded(container.NewPadded(codeText))),
		container.NewGridWithColumns(2, save, printBtn),
		caption(lang.X("gui.code.print_help", "Témoin cannot print by itself: save the code as a text file, print that file, then delete it. Or simply copy it by hand.")),
		next,
	}
	v.box.Refresh()
}

func (v *recoveryCodeView) showCheck() {
	v.check = v.g.entry()
	v.check.SetPlaceHolder("XXXX")
	v.checkMsg = caption("")
	v.nextBtn = &widget.Button{Text: lang.X("gui.code.continue", "Continue"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.finish}
	v.nextBtn.Disable()
	v.check.OnChanged = func(string) {
		v.g.touch()
		if v.checkOK() {
			v.nextBtn.Enable()
			v.checkMsg.SetText(lang.X("gui.code.check_ok", "That's right."))
		} else {
			v.nextBtn.Disable()
			v.checkMsg.SetText("")
		}
	}
	v.check.OnSubmitted = func(string) { v.finish() }
	back := &widget.Button{Text: lang.X("gui.code.see_again", "See the code again"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: v.showCode}
	v.box.Objects = []fyne.CanvasObject{
		heading(lang.X("gui.code.check_title", "A quick check")),
		wrapped(lang.X("gui.code.check", "To be sure the code was noted, type the first four characters of group {{.N}} (groups are separated by dashes).", map[string]any{"N": v.group})),
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
		text := lang.X("gui.code.file", "Témoin recovery code\n\n{{.Code}}\n\nIf you forget your passphrase, open Témoin, choose \"I forgot my passphrase\" and type this code.\nKeep this paper away from your computer. Delete this file once printed.\n", map[string]any{"Code": v.code})
		_, werr := fmt.Fprint(w, text)
		if cerr := w.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			v.g.showError(werr)
			return
		}
		v.g.showInfo(lang.X("gui.code.saved_title", "Code saved"),
			lang.X("gui.code.saved", "The code was saved. Print it, then delete the file: it should not stay on this computer."))
	}, v.g.win)
	d.SetFileName(lang.X("gui.code.filename", "temoin-recovery-code.txt"))
	v.g.showFileDialog(d)
}
