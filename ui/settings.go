package ui

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/assets"
	"github.com/temoin-app/temoin/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// autoLockChoices are the idle delays offered, in minutes.
var autoLockChoices = []int{1, 2, 5, 10, 15, 30, 60}

// themes offered: the system's, light, dark.
var themes = []string{"", "light", "dark"}

// settingsScreen: language, auto-lock, theme, passphrase, recovery code,
// backups, where the journal is kept, and about. Preferences hold no content.
type settingsScreen struct {
	g *gui

	language *widget.Select
	autoLock *widget.Select
	themeSel *widget.RadioGroup
	passBtn  *widget.Button
	codeBtn  *widget.Button
	backups  *backupSection

	// the change of passphrase, while its dialog is open (tests)
	passDlg     dialog.Dialog
	passCurrent *xwidget.Entry
	passChooser *passphraseChooser
	passMessage *widget.Label
	passApply   func()
}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	prefs := s.g.app.Preferences()
	var names []string
	for _, l := range i18n.Languages {
		names = append(names, l.Name())
	}
	s.language = widget.NewSelect(names, nil)
	s.language.SetSelectedIndex(slices.Index(i18n.Languages, i18n.Language()))
	s.language.OnChanged = func(string) { s.setLanguage(i18n.Languages[s.language.SelectedIndex()]) }

	var lockLabels []string
	for _, m := range autoLockChoices {
		lockLabels = append(lockLabels, i18n.N("gui.settings.minutes", m))
	}
	s.autoLock = widget.NewSelect(lockLabels, nil)
	current := prefs.IntWithFallback(prefAutoLock, defaultAutoLock)
	if i := slices.Index(autoLockChoices, current); i >= 0 {
		s.autoLock.SetSelectedIndex(i)
	} else {
		s.autoLock.SetSelectedIndex(slices.Index(autoLockChoices, defaultAutoLock))
	}
	s.autoLock.OnChanged = func(string) { s.setAutoLock(autoLockChoices[s.autoLock.SelectedIndex()]) }

	themeLabels := []string{i18n.X("gui.settings.theme_system"), i18n.X("gui.settings.theme_light"), i18n.X("gui.settings.theme_dark")}
	s.themeSel = widget.NewRadioGroup(themeLabels, nil)
	s.themeSel.Horizontal = true
	s.themeSel.Required = true
	if i := slices.Index(themes, prefs.String(prefTheme)); i >= 0 {
		s.themeSel.SetSelected(themeLabels[i])
	} else {
		s.themeSel.SetSelected(themeLabels[0])
	}
	s.themeSel.OnChanged = func(v string) { s.setTheme(themes[max(0, slices.Index(themeLabels, v))]) }

	s.passBtn = &widget.Button{Text: i18n.X("gui.settings.change_passphrase"), Icon: theme.AccountIcon(), OnTapped: s.changePassphrase}
	s.codeBtn = &widget.Button{Text: i18n.X("gui.settings.new_code"), Icon: theme.ViewRefreshIcon(), OnTapped: s.newRecoveryCode}
	about := &widget.Button{Text: i18n.X("gui.settings.licenses"), Icon: theme.InfoIcon(), OnTapped: s.showLicenses}

	where := widget.NewLabel(s.g.dir)
	where.TextStyle.Monospace = true
	where.Wrapping = fyne.TextWrapBreak

	s.backups = &backupSection{g: s.g}

	security := []fyne.CanvasObject{form(field(i18n.X("gui.settings.autolock"), s.autoLock,
		i18n.X("gui.settings.autolock_hint")))}
	if c := s.g.captureSetting(); c != nil {
		security = append(security, c)
	}
	security = append(security, container.NewHBox(s.passBtn, s.codeBtn))
	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{subheading(title)}, objs...)...))
	}
	body := container.NewVBox(
		section(i18n.X("gui.settings.display"), form(
			field(i18n.X("gui.settings.language"), s.language, ""),
			field(i18n.X("gui.settings.theme"), s.themeSel, ""),
		)),
		section(i18n.X("gui.settings.security"), security...),
		section(i18n.X("gui.backup.title"), s.backups.buildUI()),
		section(i18n.X("gui.settings.location"), where,
			caption(i18n.X("gui.backup.location_help"))),
		section(i18n.X("gui.settings.about"), widget.NewLabel(i18n.X("gui.settings.version", map[string]any{"Version": app.Version})),
			caption(i18n.X("gui.settings.about_help")),
			container.NewHBox(about)),
	)
	return container.NewBorder(container.NewPadded(heading(i18n.X("gui.settings.title"))), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(760, body))))
}

func (s *settingsScreen) setLanguage(l i18n.Lang) {
	if l == i18n.Language() {
		return
	}
	s.g.app.Preferences().SetString(prefLang, l.String())
	useLanguage(l)
	s.g.rebuild()
}

func (s *settingsScreen) setAutoLock(minutes int) {
	s.g.app.Preferences().SetInt(prefAutoLock, minutes)
	s.g.idleMu.Lock()
	s.g.lockAfter = time.Duration(minutes) * time.Minute
	s.g.idleMu.Unlock()
	s.g.touch()
}

func (s *settingsScreen) setTheme(v string) {
	if v == s.g.app.Preferences().String(prefTheme) {
		return
	}
	s.g.app.Preferences().SetString(prefTheme, v)
	s.g.app.Settings().SetTheme(&calmTheme{variant: v})
	s.g.rebuild()
}

// changePassphrase asks for the current passphrase, then the new one
// twice; the current one is checked and the key rewrapped off the UI
// thread. A wrong current passphrase counts as a failed unlock (the same
// growing delay).
func (s *settingsScreen) changePassphrase() {
	c := newPassphraseChooser(s.g)
	current := s.g.passwordEntry()
	current.SetPlaceHolder(i18n.X("gui.backup.current_placeholder"))
	message := wrapped("")
	message.Importance = widget.DangerImportance
	message.Hide()
	spinner := widget.NewActivity()
	var d dialog.Dialog
	busy := false
	change := &widget.Button{Text: i18n.X("gui.settings.change"), Importance: widget.HighImportance}
	cancel := &widget.Button{Text: i18n.X("gui.cancel"), OnTapped: func() { d.Hide() }}
	update := func() {
		if ok, _ := c.valid(); ok && current.Text != "" && !busy {
			change.Enable()
		} else {
			change.Disable()
		}
	}
	c.onChange = update
	current.OnChanged = func(string) { s.g.touch(); update() }
	current.OnSubmitted = func(string) { s.g.win.Canvas().Focus(c.pass) }
	update()
	apply := func() {
		if ok, _ := c.valid(); !ok || busy || current.Text == "" {
			return
		}
		if wait := s.g.throttle.Wait(); wait > 0 {
			message.SetText(i18n.X("gui.unlock.wait_again", map[string]any{"Time": waitText(wait)}))
			message.Show()
			return
		}
		old, pass := []byte(current.Text), []byte(c.pass.Text)
		j := s.g.journal
		busy = true
		update()
		message.Hide()
		spinner.Start()
		s.g.async(func() {
			ok, err := j.IsVaultPassphrase(old)
			wipe(old)
			if err == nil && ok {
				err = j.ChangePassphrase(pass)
			}
			wipe(pass)
			fyne.Do(func() {
				busy = false
				spinner.Stop()
				switch {
				case err == nil && !ok:
					current.SetText("")
					msg := i18n.X("gui.backup.current_wrong")
					if wait := s.g.throttle.Failed(); wait > 0 {
						msg += " " + i18n.X("gui.unlock.slowdown_time", map[string]any{"Time": waitText(wait)})
					}
					message.SetText(msg)
					message.Show()
					update()
					s.g.win.Canvas().Focus(current)
				case err != nil:
					d.Hide()
					s.g.showError(err)
				default:
					s.g.throttle.Succeeded()
					d.Hide()
					s.g.showInfo(i18n.X("gui.settings.passphrase_changed_title"), i18n.X("gui.settings.passphrase_changed"))
				}
			})
		})
	}
	change.OnTapped = apply
	c.onSubmit = apply
	content := container.NewVBox(
		wrapped(i18n.X("gui.settings.passphrase_intro")),
		widget.NewLabel(i18n.X("gui.backup.current")), current,
		widget.NewSeparator(),
		c.buildUI(), message, container.NewCenter(spinner),
		caption(i18n.X("gui.backup.passphrase_backups")),
		container.NewGridWithColumns(2, cancel, change))
	d = dialog.NewCustomWithoutButtons(i18n.X("gui.settings.change_passphrase_title"), card(460, content), s.g.win)
	s.passDlg, s.passCurrent, s.passChooser, s.passMessage, s.passApply = d, current, c, message, apply
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(current)
}

// newRecoveryCode replaces the recovery code and shows the new one once.
func (s *settingsScreen) newRecoveryCode() {
	s.g.confirm(i18n.X("gui.settings.new_code_title"), i18n.X("gui.settings.new_code_confirm"), i18n.X("gui.settings.new_code_yes"), i18n.X("gui.cancel"), func() {
		j := s.g.journal
		s.g.async(func() {
			code, err := j.NewRecoveryCode()
			fyne.Do(func() {
				if err != nil {
					s.g.showError(err)
					return
				}
				var d dialog.Dialog
				v := newRecoveryCodeView(s.g, code, func() { d.Hide() })
				d = dialog.NewCustomWithoutButtons(i18n.X("gui.code.title"), card(520, v.buildUI()), s.g.win)
				s.g.showDialog(d)
			})
		})
	})
}

// showLicenses lists the libraries Témoin is built with and their
// licences.
func (s *settingsScreen) showLicenses() {
	var b strings.Builder
	b.WriteString(assets.Licenses)
	if info, ok := debug.ReadBuildInfo(); ok && len(info.Deps) > 0 {
		b.WriteString("\n\n## " + i18n.X("gui.settings.modules") + "\n\n")
		for _, d := range info.Deps {
			fmt.Fprintf(&b, "- %s %s\n", d.Path, d.Version)
		}
	}
	rt := widget.NewRichTextFromMarkdown(b.String())
	rt.Wrapping = fyne.TextWrapWord
	sc := container.NewVScroll(rt)
	sc.SetMinSize(fyne.NewSize(600, 420))
	s.g.showDialog(newCustom(i18n.X("gui.settings.licenses_title"), i18n.X("gui.close"), sc, s.g.win))
}
