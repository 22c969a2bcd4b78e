package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The auto-lock: after some idle time, the journal locks itself.

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

// setAutoLock changes the idle delay.
func (g *gui) setAutoLock(d time.Duration) {
	g.idleMu.Lock()
	g.lockAfter = d
	g.idleMu.Unlock()
	g.touch()
}

// activity wraps the window's content and calls touch when the pointer
// moves over it, so that reading without typing keeps the journal open.
// Typing, taps and shortcuts call touch where they are handled.
type activity struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var _ desktop.Hoverable = (*activity)(nil)

func newActivity(content fyne.CanvasObject, touch func()) *activity {
	a := &activity{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *activity) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activity) MouseOut()                      {}
