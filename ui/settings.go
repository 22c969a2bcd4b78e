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
)

// autoLockChoices are the idle delays offered, in minutes.
var autoLockChoices = []int{1, 2, 5, 10, 15, 30, 60}

// themes offered: the system's, light, dark.
var themes = []string{"", "light", "dark"}

// settingsScreen: language, auto-lock, theme, passphrase, recovery code,
// backups, where the journal is kept, and about. Preferences hold no content.
type settingsScreen struct {
	g *gui

	language   *widget.Select
	autoLock   *widget.Select
	themeSel   *widget.RadioGroup
	passBtn    *widget.Button
	codeBtn    *widget.Button
	backups    *backupSection
	passChange *passphraseChange // the change of passphrase, while its dialog is open
	proof      *proofSettings
}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	s.passBtn = &widget.Button{Text: i18n.X("gui.settings.change_passphrase"), Icon: theme.AccountIcon(),
		OnTapped: func() { s.passChange = s.g.changePassphrase() }}
	s.codeBtn = &widget.Button{Text: i18n.X("gui.settings.new_code"), Icon: theme.ViewRefreshIcon(), OnTapped: s.newRecoveryCode}
	about := &widget.Button{Text: i18n.X("gui.settings.licenses"), Icon: theme.InfoIcon(), OnTapped: s.showLicenses}
	where := monospace(s.g.dir)
	s.backups = &backupSection{g: s.g}
	s.proof = &proofSettings{g: s.g}
	body := container.NewVBox(
		section(i18n.X("gui.settings.display"), form(
			field(i18n.X("gui.settings.language"), s.languageUI(), ""),
			field(i18n.X("gui.settings.theme"), s.themeUI(), ""),
		)),
		section(i18n.X("gui.settings.security"), s.securityUI()...),
		section(i18n.X("gui.settings.signing_title"), s.proof.signingUI()...),
		section(i18n.X("gui.settings.timestamp_title"), s.proof.timestampUI()...),
		section(i18n.X("gui.backup.title"), s.backups.buildUI()),
		section(i18n.X("gui.settings.location"), where, caption(i18n.X("gui.backup.location_help"))),
		section(i18n.X("gui.settings.about"), widget.NewLabel(i18n.X("gui.settings.version", map[string]any{"Version": app.Version})),
			caption(i18n.X("gui.settings.about_help")), container.NewHBox(about)),
	)
	return container.NewBorder(container.NewPadded(heading(i18n.X("gui.settings.title"))), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(760, body))))
}

// securityUI is the auto-lock, hiding the window from screen sharing
// (where the system can), and the passphrase and recovery code.
func (s *settingsScreen) securityUI() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{form(field(i18n.X("gui.settings.autolock"), s.autoLockUI(), i18n.X("gui.settings.autolock_hint")))}
	if c := s.g.captureSetting(); c != nil {
		objs = append(objs, c)
	}
	return append(objs, container.NewHBox(s.passBtn, s.codeBtn))
}

func (s *settingsScreen) languageUI() fyne.CanvasObject {
	var names []string
	for _, l := range i18n.Languages {
		names = append(names, l.Name())
	}
	s.language = widget.NewSelect(names, nil)
	s.language.SetSelectedIndex(slices.Index(i18n.Languages, i18n.Language()))
	s.language.OnChanged = func(string) { s.setLanguage(i18n.Languages[s.language.SelectedIndex()]) }
	return s.language
}

func (s *settingsScreen) autoLockUI() fyne.CanvasObject {
	var labels []string
	for _, m := range autoLockChoices {
		labels = append(labels, i18n.N("gui.settings.minutes", m))
	}
	s.autoLock = widget.NewSelect(labels, nil)
	current := s.g.app.Preferences().IntWithFallback(prefAutoLock, defaultAutoLock)
	if i := slices.Index(autoLockChoices, current); i >= 0 {
		s.autoLock.SetSelectedIndex(i)
	} else {
		s.autoLock.SetSelectedIndex(slices.Index(autoLockChoices, defaultAutoLock))
	}
	s.autoLock.OnChanged = func(string) { s.setAutoLock(autoLockChoices[s.autoLock.SelectedIndex()]) }
	return s.autoLock
}

func (s *settingsScreen) themeUI() fyne.CanvasObject {
	labels := []string{i18n.X("gui.settings.theme_system"), i18n.X("gui.settings.theme_light"), i18n.X("gui.settings.theme_dark")}
	s.themeSel = widget.NewRadioGroup(labels, nil)
	s.themeSel.Horizontal = true
	s.themeSel.Required = true
	if i := slices.Index(themes, s.g.app.Preferences().String(prefTheme)); i >= 0 {
		s.themeSel.SetSelected(labels[i])
	} else {
		s.themeSel.SetSelected(labels[0])
	}
	s.themeSel.OnChanged = func(v string) { s.setTheme(themes[max(0, slices.Index(labels, v))]) }
	return s.themeSel
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
	s.g.setAutoLock(time.Duration(minutes) * time.Minute)
}

func (s *settingsScreen) setTheme(v string) {
	if v == s.g.app.Preferences().String(prefTheme) {
		return
	}
	s.g.app.Preferences().SetString(prefTheme, v)
	s.g.app.Settings().SetTheme(&calmTheme{variant: v})
	s.g.rebuild()
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
	s.g.showDialog(dialog.NewCustom(i18n.X("gui.settings.licenses_title"), i18n.X("gui.close"), sc, s.g.win))
}
