//go:build linux || freebsd || openbsd || netbsd

package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// keepOnTop asks the window manager to keep w above other windows
// (_NET_WM_STATE_ABOVE, which GNOME, KDE, Xfce and the others honour on
// X11). Under Wayland an application may not ask: the person can choose
// "Toujours au premier plan" in the window's menu (Alt+Space).
func keepOnTop(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.X11WindowContext)
		if !ok || c.WindowHandle == 0 {
			return
		}
		if err := aboveX11(xproto.Window(c.WindowHandle)); err != nil {
			fyne.LogError("keep the capture bar above other windows", err)
		}
	})
}

func aboveX11(win xproto.Window) error {
	c, err := xgb.NewConn()
	if err != nil {
		return err
	}
	defer c.Close()
	atom := func(name string) (xproto.Atom, error) {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0, err
		}
		return r.Atom, nil
	}
	state, err1 := atom("_NET_WM_STATE")
	above, err2 := atom("_NET_WM_STATE_ABOVE")
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	const add, fromApplication = 1, 1
	ev := xproto.ClientMessageEvent{Format: 32, Window: win, Type: state,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{add, uint32(above), 0, fromApplication, 0})}
	root := xproto.Setup(c).DefaultScreen(c).Root
	return xproto.SendEventChecked(c, false, root, xproto.EventMaskSubstructureRedirect|xproto.EventMaskSubstructureNotify, string(ev.Bytes())).Check()
}
