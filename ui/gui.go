// Package ui is Témoin's desktop application, built with Fyne. One struct
// per screen, each with a buildUI method; long work runs in goroutines and
// reports back through fyne.Do. It talks to package app, and says what
// package present gives it (the command line, package ui/cli, says the
// same): the two faces share no code but what present and app hold.
//
// Security rules every screen follows: the window title is always
// "Témoin"; nothing of the journal is written to disk in clear (no temp
// files, no thumbnails: previews are decoded in memory; files the person
// asks for are written readable by them only); preferences hold the
// language, the theme and the auto-lock delay, never content; locking
// drops every widget that showed content and returns to the unlock
// screen.
package ui

import (
	"net/url"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/assets"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
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

// Options are what the desktop application takes from its command line.
type Options struct {
	VaultDir string // "" for the default
	Lang     string // "" for the preference, else the system's
}

// OptionsFromArgs reads --vault and --lang (and $TEMOIN_LANG) from the
// command line that opens the application.
func OptionsFromArgs(args []string) Options {
	fs := pflag.NewFlagSet("temoin", pflag.ContinueOnError)
	fs.ParseErrorsAllowlist.UnknownFlags = true
	fs.Usage = func() {}
	o := Options{Lang: os.Getenv("TEMOIN_LANG")}
	fs.StringVar(&o.VaultDir, "vault", "", "")
	fs.StringVar(&o.Lang, "lang", o.Lang, "")
	fs.Parse(args)
	return o
}

// Run opens the main window on the vault that opts names and runs until
// it is closed.
func Run(a fyne.App, opts Options) {
	g := newGUI(a, opts)
	a.Lifecycle().SetOnStarted(g.applyCaptureProtection)
	g.win.ShowAndRun()
	g.viewer.wipe()
}

// gui is the application: one window, a journal once unlocked, and the
// screen shown.
type gui struct {
	app  fyne.App
	win  fyne.Window
	dir  string        // the vault's folder
	icon fyne.Resource // the icon shown inside the window (assets.IconSmall)
	// winIcon is the window's and the system's icon, 512×512.
	winIcon fyne.Resource

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
	// pick shows the file and folder dialogs (files.go); tests answer
	// them.
	pick picker
	// lastDir is the folder of the last file chosen, where the next
	// dialog opens: in memory only, forgotten at lock.
	lastDir string
	// openURL asks the system to open a file saved or copied into the
	// viewer folder; tests record it.
	openURL func(*url.URL) error
	// viewer is the private folder of the decrypted copies opened in
	// other applications (viewer.go).
	viewer *viewer
	// copied is the last text Témoin put on the clipboard (a key, a
	// fingerprint, a link, an RSST text): cleared at lock and exit if the
	// clipboard still holds it (lock.go).
	copied string
	// stamps stops the time-stamps sent while the journal is open
	// (timestamps.go).
	stamps func()
	// vaultOptions are the options of a vault created (tests make its key
	// derivation free).
	vaultOptions *app.VaultOptions

	dialogs []dialog.Dialog        // open dialogs, newest last, for Escape
	infos   map[dialog.Dialog]bool // the open dialogs that only inform: Enter closes them

	// throttle slows down failed unlocks (passphrase and recovery code
	// alike) for as long as the application runs.
	throttle *app.UnlockThrottle

	bk backupState // backups: the one running, what to say after the next unlock

	bar *captureBar // the capture bar, when open (capturebar.go)
	// keepGrid keeps the captures ticked in a burst's open grid, then
	// calls next: a lock does it first, so that none is lost
	// (captureburst.go).
	keepGrid func(next func())
	// clipboard reads the system clipboard (evidence_paste.go); tests
	// fill it.
	clipboard func() clipContent

	idleMu    sync.Mutex
	idleTimer *time.Timer
	idleGen   int
	lockAfter time.Duration // the auto-lock delay
}

func newGUI(a fyne.App, opts Options) *gui {
	g := &gui{
		app:   a,
		async: func(f func()) { go f() },
		now:   time.Now,
		later: func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		},
		openURL:  openWith(a),
		viewer:   newViewer(),
		icon:     fyne.NewStaticResource("icon.png", assets.IconSmall),
		winIcon:  fyne.NewStaticResource("icon-512.png", assets.Icon),
		throttle: &app.UnlockThrottle{},
	}
	g.pick = newPicker(g)
	g.clipboard = g.readClipboard
	l := opts.Lang
	if l == "" {
		l = a.Preferences().String(prefLang)
	}
	useLanguage(i18n.Preferred(l))
	a.Settings().SetTheme(&calmTheme{variant: a.Preferences().String(prefTheme)})
	a.SetIcon(g.winIcon)

	g.lockAfter = g.autoLockDelay()
	g.dir = opts.VaultDir
	if g.dir == "" {
		g.dir, _ = app.DefaultVaultDir()
	}
	g.win = a.NewWindow(Title)
	g.win.SetIcon(g.winIcon)
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
// the journal, says what the checks at opening found, and offers to
// resume the drafts left behind.
func (g *gui) opened(j *app.Journal, offerDrafts bool) {
	g.journal = j
	g.unlock, g.setup = nil, nil
	g.main = newMainScreen(g)
	g.setContent(g.main.buildUI())
	g.main.showJournal()
	g.touch()
	g.startStamps()
	if offerDrafts {
		g.offerDrafts()
	}
	g.sayVaultWarnings()
	// Unlocking and drawing the first screens leave garbage behind (the
	// records decoded, the list built, the KDF's memory reused), the
	// checks at unlock read every page of the database's tables, which
	// Badger maps, and the first texts drawn read Fyne's fonts built into
	// the program: all given back to the system once the journal is shown,
	// the memory Témoin holds while the person reads is what it uses, not
	// its peak (issue 15: an old laptop; 10,020 incidents under Xvfb:
	// 262 → 238 MB resident with the garbage, then 240 → 215 MB with the
	// tables' pages, about 19 MB, then about 5 MB with the fonts').
	time.AfterFunc(time.Second, func() {
		debug.FreeOSMemory()
		j.ReleaseReadPages() // locked meanwhile: nothing to give back
		releaseFontPages()
	})
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
// and backed up before it locks (lockWithBackup, lock.go).
func (g *gui) lock() {
	g.viewer.wipe() // the decrypted copies opened in other applications
	g.clearClipboard()
	g.lockWithBackup(nil)
}

// quit locks (after the automatic backup, if any), then closes the
// window.
func (g *gui) quit() {
	if g.unlock != nil && g.unlock.recovered != nil {
		g.unlock.recovered.Lock() // opened with the recovery code, no new passphrase yet
		g.unlock.recovered = nil
	}
	g.clearClipboard()
	g.lockWithBackup(g.win.Close)
}

// openWith asks the system to open a file; when it cannot (no opener,
// no application for the kind of file), the error says which file, for
// a sentence that tells the person where to find it.
func openWith(a fyne.App) func(*url.URL) error {
	return func(u *url.URL) error {
		if err := a.OpenURL(u); err != nil {
			return &present.OpenError{Path: u.Path, Err: err}
		}
		return nil
	}
}
