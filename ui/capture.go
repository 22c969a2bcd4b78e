package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/widget"
	"github.com/temoin-app/temoin/i18n"
)

// Hiding the window from screen sharing and recording. A teacher who
// keeps Témoin open during a video class must not show the journal to
// the class by sharing the screen. Where the system allows it (Windows
// 10 version 2004 and later, macOS), Témoin's window is left out of
// screen sharing, screenshots and recordings made by other programs;
// the person still sees it. On by default; a setting turns it off
// (capture_windows.go, capture_darwin.go; elsewhere it does nothing and
// the setting is not shown).

// prefHideFromCapture: whether the window is hidden from screen sharing.
const prefHideFromCapture = "hide_from_capture"

// hideFromCaptureEnabled says whether the window must be hidden.
func (g *gui) hideFromCaptureEnabled() bool {
	return g.app.Preferences().BoolWithFallback(prefHideFromCapture, true)
}

// applyCaptureProtection hides the window from capture, or shows it
// again, as the setting says. Called on the UI thread once the window
// exists, and when the setting changes.
func (g *gui) applyCaptureProtection() {
	nw, ok := g.win.(driver.NativeWindow)
	if !ok || !captureProtectionAvailable {
		return
	}
	hide := g.hideFromCaptureEnabled()
	nw.RunNative(func(ctx any) {
		if err := setCaptureProtection(ctx, hide); err != nil {
			fyne.LogError("hide the window from screen capture", err)
		}
	})
}

// captureSetting is the check box of the Security settings and its
// explanation, or nil where the system cannot hide a window from capture.
func (g *gui) captureSetting() fyne.CanvasObject {
	if !captureProtectionAvailable {
		return nil
	}
	check := widget.NewCheck(i18n.X("gui.settings.hide_capture"), func(on bool) {
		g.app.Preferences().SetBool(prefHideFromCapture, on)
		g.applyCaptureProtection()
	})
	check.SetChecked(g.hideFromCaptureEnabled())
	return container.NewVBox(check,
		caption(i18n.X("gui.settings.hide_capture_hint")))
}
