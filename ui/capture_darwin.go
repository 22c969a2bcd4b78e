//go:build darwin

package ui

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework AppKit
#import <AppKit/AppKit.h>

static void temoinSetSharing(uintptr_t w, int hide) {
	NSWindow *win = (NSWindow *)w;
	[win setSharingType:(hide ? NSWindowSharingNone : NSWindowSharingReadOnly)];
}
*/
import "C"

import (
	"errors"

	"fyne.io/fyne/v2/driver"
)

const captureProtectionAvailable = true

// setCaptureProtection sets the window's sharingType: NSWindowSharingNone
// leaves it out of screenshots and of screen sharing by applications that
// use the classic capture interfaces. (Applications built on macOS 15's
// ScreenCaptureKit may ignore it: docs/installer.fr.md says so.)
func setCaptureProtection(ctx any, hide bool) error {
	c, ok := ctx.(driver.MacWindowContext)
	if !ok || c.NSWindow == 0 {
		return errors.New("no window handle")
	}
	h := 0
	if hide {
		h = 1
	}
	C.temoinSetSharing(C.uintptr_t(c.NSWindow), C.int(h))
	return nil
}
