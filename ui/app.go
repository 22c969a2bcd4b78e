// Package ui is Témoin's desktop application, built with Fyne. One struct
// per screen, each with a buildUI method; long work runs in goroutines and
// reports back through fyne.Do. It talks to package app only.
//
// Security rules every screen follows: the window title is always
// "Témoin"; nothing of the journal is written to disk in clear (no temp
// files, no thumbnails: previews are decoded in memory); preferences hold
// the language, the theme and the auto-lock delay, never content; locking
// drops every widget that showed content and returns to the unlock
// screen.
package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/assets"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/cli"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// AppID identifies Témoin to the system (preferences, desktop file).
const AppID = "fr.temoin.app"

// Title is the window's title, whatever is shown inside.
const Title = "Témoin"

// Preference keys. Preferences are stored in clear by Fyne: they must
// never hold anything of the journal.
const (
	prefLang     = "lang"
	prefTheme    = "theme"
	prefAutoLock = "autolock_minutes"
)

// defaultAutoLock is the idle time after which the journal locks itself.
const defaultAutoLock = 5

// Run opens the main window on the vault that opts names and runs until
// it is closed.
func Run(a fyne.App, opts cli.GUIOptions) {
	g := newGUI(a, opts)
	a.Lifecycle().SetOnStarted(g.applyCaptureProtection)
	g.win.ShowAndRun()
	wipeViewer()
}

// gui is the application: one window, a journal once unlocked, and the
// screen shown.
type gui struct {
	app  fyne.App
	win  fyne.Window
	opts cli.GUIOptions
	dir  string // the vault's folder
	icon fyne.Resource

	journal *app.Journal
	main    *mainScreen // the unlocked screens; nil when locked
	unlock  *unlockScreen
	setup   *setupScreen

	// async runs long work (key derivation, imports) off the UI thread;
	// tests make it synchronous.
	async func(func())
	// now is the clock (tests pin it).
	now func() time.Time
	// later runs f on the UI thread after d, unless stopped (the search's
	// pause, the autosave); tests replace it.
	later func(d time.Duration, f func()) (stop func())

	dialogs []dialog.Dialog // open dialogs, newest last, for Escape

	// throttle slows down failed unlocks (passphrase and recovery code
	// alike) for as long as the application runs.
	throttle *app.UnlockThrottle

	bk backupState // backups: the one running, what to say after the next unlock

	idleMu    sync.Mutex
	idleTimer *time.Timer
	idleGen   int
	lockAfter time.Duration // the auto-lock delay
}

func newGUI(a fyne.App, opts cli.GUIOptions) *gui {
	g := &gui{
		app: a, opts: opts,
		async: func(f func()) { go f() },
		now:   time.Now,
		later: func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		},
		icon:     fyne.NewStaticResource("icon.png", assets.Icon),
		throttle: &app.UnlockThrottle{},
	}
	l := opts.Lang
	if l == "" {
		l = a.Preferences().String(prefLang)
	}
	useLanguage(i18n.Preferred(l))
	a.Settings().SetTheme(&calmTheme{variant: a.Preferences().String(prefTheme)})
	a.SetIcon(g.icon)

	g.lockAfter = g.autoLockDelay()
	g.dir = opts.VaultDir
	if g.dir == "" {
		g.dir, _ = app.DefaultVaultDir()
	}
	g.win = a.NewWindow(Title)
	g.win.SetIcon(g.icon)
	g.win.Resize(fyne.NewSize(1080, 740))
	g.win.SetOnDropped(g.onDropped)
	g.win.SetCloseIntercept(g.quit)
	g.registerShortcuts()
	g.forgetFolders()
	g.start()
	return g
}

// start shows the first screen: creating a vault when there is none,
// else unlocking it.
func (g *gui) start() {
	if app.VaultExists(g.dir) {
		g.showUnlock()
	} else {
		g.showSetup()
	}
}

// setContent puts a screen in the window, inside the activity catcher
// that keeps the journal open while the person is there.
func (g *gui) setContent(o fyne.CanvasObject) {
	g.win.SetContent(newActivity(o, g.touch))
}

func (g *gui) showUnlock() {
	g.setup = nil
	g.unlock = &unlockScreen{g: g}
	g.setContent(g.unlock.buildUI())
	g.win.Canvas().Focus(g.unlock.pass)
}

func (g *gui) showSetup() {
	g.unlock = nil
	g.setup = &setupScreen{g: g}
	g.setContent(g.setup.buildUI())
	g.win.Canvas().Focus(g.setup.pass)
}

// opened is called once the journal is unlocked (or created): it shows
// the journal and offers to resume the drafts left behind.
func (g *gui) opened(j *app.Journal, offerDrafts bool) {
	g.journal = j
	g.unlock, g.setup = nil, nil
	g.main = newMainScreen(g)
	g.setContent(g.main.buildUI())
	g.main.showJournal()
	g.touch()
	if offerDrafts {
		g.offerDrafts()
	}
}

// rebuild builds the unlocked screens again (after a change of language
// or theme), staying on settings.
func (g *gui) rebuild() {
	if g.main == nil {
		if g.unlock != nil {
			g.showUnlock()
		} else if g.setup != nil {
			g.showSetup()
		}
		return
	}
	g.main.leave()
	g.main = newMainScreen(g)
	g.setContent(g.main.buildUI())
	g.main.showSettings()
}

// lock saves what is being typed as a draft, locks the journal and
// returns to the unlock screen, dropping every widget that showed
// content. When the automatic backup is on, the journal is hidden at once
// and backed up before it locks (lockWithBackup, ui/backup.go).
func (g *gui) lock() {
	wipeViewer() // the decrypted copies opened in other applications (viewer.go)
	g.lockWithBackup(nil)
}

// quit locks (after the automatic backup, if any), then closes the
// window.
func (g *gui) quit() {
	if g.unlock != nil && g.unlock.recovered != nil {
		g.unlock.recovered.Lock() // opened with the recovery code, no new passphrase yet
		g.unlock.recovered = nil
	}
	g.lockWithBackup(g.win.Close)
}

// showDialog shows d and remembers it, so that Escape closes it.
func (g *gui) showDialog(d dialog.Dialog) {
	g.dialogs = append(g.dialogs, d)
	d.SetOnClosed(func() { g.forget(d) })
	d.Show()
}

func (g *gui) forget(d dialog.Dialog) {
	for i, o := range g.dialogs {
		if o == d {
			g.dialogs = append(g.dialogs[:i], g.dialogs[i+1:]...)
			return
		}
	}
}

// escape closes the newest dialog; without one, it leaves the editor.
func (g *gui) escape() {
	if n := len(g.dialogs); n > 0 {
		g.dialogs[n-1].Hide()
		return
	}
	if g.main != nil {
		g.main.escape()
	}
}

func (g *gui) closeDialogs() {
	for len(g.dialogs) > 0 {
		d := g.dialogs[len(g.dialogs)-1]
		g.dialogs = g.dialogs[:len(g.dialogs)-1]
		d.Hide()
	}
}

// showError tells what went wrong, in a sentence.
func (g *gui) showError(err error) {
	if err == nil {
		return
	}
	g.showDialog(dialog.NewInformation(i18n.X("gui.error.title"), sentence.Error(err, g.dir), g.win))
}

// showInfo shows a short message.
func (g *gui) showInfo(title, msg string) {
	g.showDialog(dialog.NewInformation(title, msg, g.win))
}

// confirm asks a question; yes runs only on "yes".
func (g *gui) confirm(title, msg, yesLabel, noLabel string, yes func()) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			yes()
		}
	}, g.win)
	d.SetConfirmText(yesLabel)
	d.SetDismissText(noLabel)
	g.showDialog(d)
}

// entry returns an entry on which Escape closes the dialog or screen.
func (g *gui) entry() *xwidget.Entry {
	e := xwidget.NewEntry()
	e.OnEscape = g.escape
	return e
}

func (g *gui) multiLineEntry(rows int) *xwidget.Entry {
	e := xwidget.NewMultiLineEntry()
	e.SetMinRowsVisible(rows)
	e.OnEscape = g.escape
	return e
}

func (g *gui) passwordEntry() *xwidget.Entry {
	e := xwidget.NewPasswordEntry()
	e.OnEscape = g.escape
	return e
}

// Keyboard: Ctrl+N new incident, Ctrl+F search, Ctrl+S save, Ctrl+L
// lock, Alt+1… the screens, Ctrl+1… and Ctrl+PageUp/PageDown the
// editor's sections; Escape closes dialogs and leaves the editor (see
// xwidget.Entry and escape).
func (g *gui) registerShortcuts() {
	c := g.win.Canvas()
	add := func(key fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			g.touch()
			f()
		})
	}
	add(fyne.KeyL, g.lock)
	add(fyne.KeyN, func() {
		if g.main != nil && len(g.dialogs) == 0 {
			g.main.newIncident()
		}
	})
	add(fyne.KeyF, func() {
		if g.main != nil && len(g.dialogs) == 0 {
			g.main.search()
		}
	})
	add(fyne.KeyS, func() {
		if g.main != nil && len(g.dialogs) == 0 {
			g.main.save()
		}
	})
	// Alt+1… Alt+6 go to the screens of the navigation, in order.
	digits := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i, k := range digits {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			g.touch()
			if g.main != nil && len(g.dialogs) == 0 && i < len(g.main.nav) {
				g.main.nav[i].open()
			}
		})
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		g.touch()
		if k.Name == fyne.KeyEscape {
			g.escape()
		}
	})
}

// onDropped attaches files dropped on the window to the incident open in
// the editor.
func (g *gui) onDropped(_ fyne.Position, uris []fyne.URI) {
	g.touch()
	if g.main == nil {
		return
	}
	g.main.dropped(uris)
}

// autoLockDelay is the idle time after which the journal locks.
func (g *gui) autoLockDelay() time.Duration {
	m := g.app.Preferences().IntWithFallback(prefAutoLock, defaultAutoLock)
	if m <= 0 {
		m = defaultAutoLock
	}
	return time.Duration(m) * time.Minute
}

// touch notes that the person is active: the auto-lock starts counting
// again.
func (g *gui) touch() {
	g.idleMu.Lock()
	defer g.idleMu.Unlock()
	if g.journal == nil {
		return
	}
	delay := g.lockAfter
	if g.idleTimer != nil {
		g.idleTimer.Reset(delay)
		return
	}
	g.idleGen++
	gen := g.idleGen
	g.idleTimer = time.AfterFunc(delay, func() { fyne.Do(func() { g.idleExpired(gen) }) })
}

// idleExpired locks the journal when the timer of generation gen is
// still the current one.
func (g *gui) idleExpired(gen int) {
	g.idleMu.Lock()
	current := gen == g.idleGen && g.idleTimer != nil
	g.idleMu.Unlock()
	if current {
		g.lock()
	}
}

func (g *gui) stopIdle() {
	g.idleMu.Lock()
	defer g.idleMu.Unlock()
	if g.idleTimer != nil {
		g.idleTimer.Stop()
		g.idleTimer = nil
	}
	g.idleGen++
}

// heading is a title in the theme's heading size.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameHeadingText
	l.TextStyle.Bold = true
	return l
}

// subheading is a section title.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle.Bold = true
	return l
}

// wrapped is a label that wraps its words.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// caption is a small, discreet label.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// column centres content in a column of at most width points, for
// screens that fill the window.
func column(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&maxWidthLayout{width: width}, content)
}

// card is content of a fixed width, for panels centred in the window
// (unlock, first start) and dialogs.
func card(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&maxWidthLayout{width: width, fixed: true}, content)
}

// maxWidthLayout gives its object at most width, centred; fixed asks for
// that width.
type maxWidthLayout struct {
	width float32
	fixed bool
}

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	if l.fixed {
		return fyne.NewSize(max(m.Width, l.width), m.Height)
	}
	return fyne.NewSize(min(m.Width, l.width), m.Height)
}

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	w := max(min(s.Width, l.width), 1)
	objs[0].Move(fyne.NewPos(max((s.Width-w)/2, 0), 0))
	objs[0].Resize(fyne.NewSize(w, s.Height))
}
