package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestCaptureSetting: where the system can hide a window from screen
// sharing (Windows, macOS), Settings offer it, on by default, and turning
// it off is kept; elsewhere (Linux) nothing is offered that would not work.
func TestCaptureSetting(t *testing.T) {
	g := unlockTestGUI(t)
	if !captureProtectionAvailable {
		if g.captureSetting() != nil {
			t.Error("the setting is shown where the system cannot hide a window")
		}
		return
	}
	if !g.hideFromCaptureEnabled() {
		t.Error("the window is not hidden from screen sharing by default")
	}
	check := g.captureSetting().(*fyne.Container).Objects[0].(*widget.Check)
	if !check.Checked {
		t.Error("the box is not ticked by default")
	}
	check.SetChecked(false)
	if g.hideFromCaptureEnabled() {
		t.Error("turning it off is not kept")
	}
	g.applyCaptureProtection() // the test window has no native handle: nothing happens
}
