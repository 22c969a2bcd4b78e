//go:build !windows && !linux && !freebsd && !openbsd && !netbsd

package ui

import "fyne.io/fyne/v2"

// keepOnTop does nothing on macOS: Fyne gives no access to the window's
// level there, and the person can keep the bar beside the class window.
func keepOnTop(fyne.Window) {}
