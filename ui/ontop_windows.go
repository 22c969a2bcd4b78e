//go:build windows

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

var procSetWindowPos = windows.NewLazySystemDLL("user32.dll").NewProc("SetWindowPos")

// keepOnTop keeps w above other windows (SetWindowPos, HWND_TOPMOST).
func keepOnTop(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.WindowsWindowContext)
		if !ok || c.HWND == 0 || procSetWindowPos.Find() != nil {
			return
		}
		const hwndTopmost = ^uintptr(0) // (HWND)-1
		const swpNoSize, swpNoMove = 0x0001, 0x0002
		if ok, _, err := procSetWindowPos.Call(c.HWND, hwndTopmost, 0, 0, 0, 0, swpNoSize|swpNoMove); ok == 0 {
			fyne.LogError("keep the capture bar above other windows", err)
		}
	})
}
