//go:build windows

package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

const captureProtectionAvailable = true

// Display affinities (SetWindowDisplayAffinity, winuser.h).
const (
	wdaNone               = 0x00
	wdaMonitor            = 0x01 // the window is black in captures
	wdaExcludeFromCapture = 0x11 // the window is left out of captures (Windows 10 2004+)
)

var procSetWindowDisplayAffinity = windows.NewLazySystemDLL("user32.dll").NewProc("SetWindowDisplayAffinity")

// setCaptureProtection leaves the window out of screen captures, or puts
// it back. Before Windows 10 version 2004 the window is shown black
// instead of being left out.
func setCaptureProtection(ctx any, hide bool) error {
	c, ok := ctx.(driver.WindowsWindowContext)
	if !ok || c.HWND == 0 {
		return errors.New("no window handle")
	}
	if !hide {
		return setDisplayAffinity(c.HWND, wdaNone)
	}
	if err := setDisplayAffinity(c.HWND, wdaExcludeFromCapture); err != nil {
		return setDisplayAffinity(c.HWND, wdaMonitor)
	}
	return nil
}

func setDisplayAffinity(hwnd uintptr, affinity uintptr) error {
	if err := procSetWindowDisplayAffinity.Find(); err != nil {
		return err
	}
	ok, _, err := procSetWindowDisplayAffinity.Call(hwnd, affinity)
	if ok == 0 {
		return fmt.Errorf("SetWindowDisplayAffinity(%#x): %w", affinity, err)
	}
	return nil
}
