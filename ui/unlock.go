package ui

import (
	"bytes"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// unlockScreen asks for the passphrase. The key derivation (about half a
// second, on purpose) runs off the UI thread with a spinner. After
// repeated failures, each new try waits a little longer: the rule is
// app.UnlockDelay, counted by the gui's app.UnlockThrottle, which the
// passphrase and the recovery code share and which outlives the screen
// (going to the recovery code and back does not start the count again).
// "Forgot my passphrase" opens the journal with the recovery code, then
// asks for a new passphrase.
type unlockScreen struct {
	g *gui

	pass      *control.Entry
	unlockBtn *widget.Button
	spinner   *widget.Activity
	message   *widget.Label
	forgotBtn *widget.Button
	card      *fyne.Container

	// recovery
	code       *control.Entry
	codeBtn    *widget.Button
	chooser    *passphraseChooser
	setPassBtn *widget.Button
	recovered  *app.Journal
	retryBtn   *widget.Button // "Vérifier à nouveau", while another window holds the journal
	retryBox   *fyne.Container

	busy   bool
	header *headerRestore // the offer of a way out of a changed header or vault (unlockrepair.go)
}

func (s *unlockScreen) buildUI() fyne.CanvasObject {
	s.pass = s.g.passwordEntry()
	s.pass.SetPlaceHolder(i18n.X("gui.unlock.placeholder"))
	s.pass.OnSubmitted = func(string) { s.submit() }
	s.pass.OnChanged = func(string) { s.g.touch() }
	s.unlockBtn = &widget.Button{Text: i18n.X("gui.unlock.button"), Icon: theme.LoginIcon(),
		Importance: widget.HighImportance, OnTapped: s.submit}
	s.spinner = widget.NewActivity()
	s.spinner.Hide()
	s.message = wrapped("")
	s.message.Importance = widget.DangerImportance
	s.message.Hide()
	s.forgotBtn = &widget.Button{Text: i18n.X("gui.unlock.forgot"),
		Importance: widget.LowImportance, OnTapped: s.showRecovery}

	s.retryBtn = &widget.Button{Text: i18n.X("gui.unlock.check_again"), Icon: theme.ViewRefreshIcon(),
		OnTapped: func() { s.g.touch(); s.inUse() }}
	s.retryBox = container.NewCenter(s.retryBtn)
	s.retryBox.Hide()
	s.card = container.NewVBox(s.unlockPanel())
	if wait := s.g.throttle.Wait(); wait > 0 { // a wait from an earlier screen still runs
		s.unlockBtn.Disable()
		s.g.later(wait, func() {
			if !s.busy {
				s.unlockBtn.Enable()
			}
		})
	}
	s.inUse()
	return s.frame(s.card)
}

// inUse says, before any passphrase is typed, that another window of
// Témoin or the command line holds the journal open, and reports it;
// the passphrase is asked once it is free ("Vérifier à nouveau").
func (s *unlockScreen) inUse() bool {
	if !app.VaultInUse(s.g.dir) {
		if !s.retryBox.Hidden {
			s.retryBox.Hide()
			s.message.Hide()
			s.pass.Enable()
			s.unlockBtn.Enable()
			s.g.win.Canvas().Focus(s.pass)
		}
		return false
	}
	s.say(s.g.say(app.ErrAlreadyOpen))
	s.pass.Disable()
	s.unlockBtn.Disable()
	s.retryBox.Show()
	return true
}

// frame centres a panel under the icon and the name.
func (s *unlockScreen) frame(panel fyne.CanvasObject) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(s.g.icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	name := heading(Title)
	name.Alignment = fyne.TextAlignCenter
	where := caption(i18n.X("gui.unlock.where", map[string]any{"Dir": s.g.dir}))
	where.Alignment = fyne.TextAlignCenter
	body := container.NewVBox(container.NewCenter(icon), name, panel, layout.NewSpacer(), where)
	return container.NewCenter(card(440, container.NewPadded(body)))
}

func (s *unlockScreen) unlockPanel() fyne.CanvasObject {
	intro := wrapped(i18n.X("gui.unlock.intro"))
	intro.Alignment = fyne.TextAlignCenter
	row := container.NewBorder(nil, nil, nil, container.NewStack(s.unlockBtn), s.pass)
	return container.NewVBox(intro, row, container.NewCenter(s.spinner), s.message,
		s.retryBox, container.NewCenter(s.forgotBtn))
}

func (s *unlockScreen) setBusy(busy bool) {
	s.busy = busy
	if busy {
		s.spinner.Show()
		s.spinner.Start()
		s.unlockBtn.Disable()
		s.pass.Disable()
	} else {
		s.spinner.Stop()
		s.spinner.Hide()
		s.unlockBtn.Enable()
		s.pass.Enable()
	}
}

func (s *unlockScreen) say(msg string) {
	s.message.SetText(msg)
	s.message.Show()
}

// submit tries the passphrase typed.
func (s *unlockScreen) submit() {
	if s.busy || s.pass.Text == "" || s.inUse() {
		return
	}
	if s.waiting() {
		return
	}
	pass := []byte(s.pass.Text)
	s.setBusy(true)
	dir := s.g.dir
	s.g.async(func() {
		j, err := app.Unlock(dir, pass)
		var kept []byte // to put a changed header back
		if repairable(err) {
			kept = bytes.Clone(pass)
		}
		clear(pass)
		fyne.Do(func() {
			s.unlocked(j, err)
			if kept != nil && s.g.unlock == s {
				s.offerRepair(err, kept)
			}
		})
	})
}

// waiting tells the person to wait when the throttle asks for it.
func (s *unlockScreen) waiting() bool {
	wait := s.g.throttle.Wait()
	if wait <= 0 {
		return false
	}
	s.say(i18n.X("gui.unlock.wait_again", map[string]any{"Time": waitText(wait)}))
	s.g.win.Canvas().Focus(s.pass)
	return true
}

// unlocked applies the result of an attempt.
func (s *unlockScreen) unlocked(j *app.Journal, err error) {
	if s.g.unlock != s { // the screen was left in the meantime
		if j != nil {
			j.Lock()
		}
		return
	}
	s.setBusy(false)
	if err == nil {
		s.g.throttle.Succeeded()
		s.pass.SetText("")
		s.g.opened(j, true)
		s.g.sayLockNote()
		return
	}
	s.pass.SetText("")
	s.g.win.Canvas().Focus(s.pass)
	if !errors.Is(err, app.ErrWrongPassphrase) {
		s.say(s.g.say(err))
		return
	}
	s.say(s.g.say(err) + s.slowDown(s.unlockBtn))
}

// slowDown counts a failed attempt. When the next one must wait, it
// disables btn for that time and returns the sentence that says so.
func (s *unlockScreen) slowDown(btn *widget.Button) string {
	d := s.g.throttle.Failed()
	if d <= 0 {
		return ""
	}
	btn.Disable()
	s.g.later(d, func() {
		if !s.busy {
			btn.Enable()
		}
	})
	return " " + i18n.X("gui.unlock.slowdown_time", map[string]any{"Time": waitText(d)})
}

// waitText says a wait in words: "8 secondes", "2 minutes".
func waitText(d time.Duration) string {
	if d < time.Minute {
		n := int((d + time.Second - 1) / time.Second)
		return i18n.N("gui.unlock.seconds", n)
	}
	n := int((d + time.Minute - 1) / time.Minute)
	return i18n.N("gui.unlock.minutes", n)
}

// showRecovery switches to the recovery code.
func (s *unlockScreen) showRecovery() {
	s.code = s.g.entry()
	s.code.SetPlaceHolder("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
	s.code.OnSubmitted = func(string) { s.submitCode() }
	s.code.OnChanged = func(string) { s.g.touch() }
	s.codeBtn = &widget.Button{Text: i18n.X("gui.recover.button"),
		Importance: widget.HighImportance, OnTapped: s.submitCode}
	s.message.Hide()
	back := &widget.Button{Text: i18n.X("gui.recover.back"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: func() { s.g.showUnlock() }}
	s.card.Objects = []fyne.CanvasObject{container.NewVBox(
		subheading(i18n.X("gui.recover.title")),
		wrapped(i18n.X("gui.recover.intro")),
		s.code, s.codeBtn, container.NewCenter(s.spinner), s.message, container.NewCenter(back),
	)}
	s.card.Refresh()
	s.g.win.Canvas().Focus(s.code)
}

func (s *unlockScreen) submitCode() {
	code := strings.TrimSpace(s.code.Text)
	if s.busy || code == "" {
		return
	}
	if wait := s.g.throttle.Wait(); wait > 0 {
		s.say(i18n.X("gui.unlock.wait_again", map[string]any{"Time": waitText(wait)}))
		return
	}
	s.setBusy(true)
	s.codeBtn.Disable()
	dir := s.g.dir
	s.g.async(func() {
		j, err := app.UnlockWithRecoveryCode(dir, code)
		fyne.Do(func() { s.codeDone(j, err) })
	})
}

func (s *unlockScreen) codeDone(j *app.Journal, err error) {
	if s.g.unlock != s {
		if j != nil {
			j.Lock()
		}
		return
	}
	s.setBusy(false)
	s.codeBtn.Enable()
	if err != nil {
		msg := s.g.say(err)
		if errors.Is(err, app.ErrWrongRecoveryCode) {
			msg += s.slowDown(s.codeBtn)
		}
		s.say(msg)
		s.g.win.Canvas().Focus(s.code)
		return
	}
	s.g.throttle.Succeeded()
	s.recovered = j
	s.chooser = newPassphraseChooser(s.g)
	s.setPassBtn = &widget.Button{Text: i18n.X("gui.recover.set"),
		Importance: widget.HighImportance, OnTapped: s.setPassphrase}
	s.chooser.onChange = func() {
		if ok, _ := s.chooser.valid(); ok {
			s.setPassBtn.Enable()
		} else {
			s.setPassBtn.Disable()
		}
	}
	s.chooser.onSubmit = s.setPassphrase
	s.chooser.changed()
	s.message.Hide()
	s.card.Objects = []fyne.CanvasObject{container.NewVBox(
		subheading(i18n.X("gui.recover.new_title")),
		wrapped(i18n.X("gui.recover.new_intro")),
		s.chooser.buildUI(), s.setPassBtn, container.NewCenter(s.spinner), s.message,
	)}
	s.card.Refresh()
	s.g.win.Canvas().Focus(s.chooser.pass)
}

func (s *unlockScreen) setPassphrase() {
	if ok, _ := s.chooser.valid(); !ok || s.busy {
		return
	}
	pass := []byte(s.chooser.pass.Text)
	j := s.recovered
	s.setBusy(true)
	s.setPassBtn.Disable()
	s.g.async(func() {
		err := j.ChangePassphrase(pass)
		clear(pass)
		fyne.Do(func() { s.passphraseSet(err) })
	})
}

func (s *unlockScreen) passphraseSet(err error) {
	if s.g.unlock != s {
		return
	}
	s.setBusy(false)
	s.setPassBtn.Enable()
	if err != nil {
		s.say(s.g.say(err))
		return
	}
	j := s.recovered
	s.recovered = nil
	s.g.opened(j, true)
	s.g.showInfo(i18n.X("gui.recover.done_title"), i18n.X("gui.recover.done"))
	s.g.sayLockNote()
}
