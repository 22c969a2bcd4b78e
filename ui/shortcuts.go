package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard: Ctrl+N new incident, Ctrl+F search, Ctrl+S save, Ctrl+L
// lock, Alt+1… the screens, Ctrl+1… and Ctrl+PageUp/PageDown the
// editor's sections; Escape closes dialogs and leaves the editor (see
// control.Entry and escape).
func (g *gui) registerShortcuts() {
	c := g.win.Canvas()
	unlocked := func(f func(*mainScreen)) func() {
		return func() {
			if g.main != nil && len(g.dialogs) == 0 {
				f(g.main)
			}
		}
	}
	for key, f := range map[fyne.KeyName]func(){
		fyne.KeyL: g.lock,
		fyne.KeyN: unlocked((*mainScreen).newIncident),
		fyne.KeyF: unlocked((*mainScreen).search),
		fyne.KeyS: unlocked((*mainScreen).save),
	} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			g.touch()
			f()
		})
	}
	// Alt+1… Alt+9 go to the screens of the navigation, in order.
	digits := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i, k := range digits {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) {
			g.touch()
			unlocked(func(m *mainScreen) {
				if i < len(m.nav) {
					m.nav[i].open()
				}
			})()
		})
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		g.touch()
		switch k.Name {
		case fyne.KeyEscape:
			g.escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			g.enter()
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
