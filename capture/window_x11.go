//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"fmt"
	"image"
	"io"
	"log"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

func init() {
	// The X library logs every connection attempt on standard error.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// ListWindows lists the windows shown on an X11 desktop, with their titles:
// those the window manager lists (_NET_CLIENT_LIST), or, without a window
// manager, the root's visible children.
func ListWindows() ([]WindowInfo, error) {
	if !Detect().Windows {
		return nil, ErrUnsupported
	}
	c, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("capture: connect to X: %w", err)
	}
	defer c.Close()
	root := xproto.Setup(c).DefaultScreen(c).Root
	ids := clientList(c, root)
	if ids == nil {
		tree, err := xproto.QueryTree(c, root).Reply()
		if err != nil {
			return nil, fmt.Errorf("capture: list windows: %w", err)
		}
		ids = tree.Children
	}
	var out []WindowInfo
	for _, id := range ids {
		attrs, err := xproto.GetWindowAttributes(c, id).Reply()
		if err != nil || attrs.MapState != xproto.MapStateViewable || attrs.OverrideRedirect {
			continue
		}
		r, err := bounds(c, root, id)
		if err != nil || r.Dx() < 2 || r.Dy() < 2 {
			continue
		}
		out = append(out, WindowInfo{ID: uint32(id), Title: title(c, id), Bounds: r})
	}
	return out, nil
}

// WindowBounds returns where a window is on the desktop, in the
// coordinates of Rect.
func WindowBounds(id uint32) (image.Rectangle, error) {
	if !Detect().Windows {
		return image.Rectangle{}, ErrUnsupported
	}
	c, err := xgb.NewConn()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("capture: connect to X: %w", err)
	}
	defer c.Close()
	return bounds(c, xproto.Setup(c).DefaultScreen(c).Root, xproto.Window(id))
}

func bounds(c *xgb.Conn, root, id xproto.Window) (image.Rectangle, error) {
	g, err := xproto.GetGeometry(c, xproto.Drawable(id)).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("capture: window %#x: %w", id, err)
	}
	at, err := xproto.TranslateCoordinates(c, id, root, 0, 0).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("capture: window %#x: %w", id, err)
	}
	// The capture library counts from the first Xinerama screen.
	x0, y0 := 0, 0
	if xinerama.Init(c) == nil {
		if s, err := xinerama.QueryScreens(c).Reply(); err == nil && len(s.ScreenInfo) > 0 {
			x0, y0 = int(s.ScreenInfo[0].XOrg), int(s.ScreenInfo[0].YOrg)
		}
	}
	x, y := int(at.DstX)-x0, int(at.DstY)-y0
	return image.Rect(x, y, x+int(g.Width), y+int(g.Height)), nil
}

// clientList reads the window manager's list of windows; nil without one.
func clientList(c *xgb.Conn, root xproto.Window) []xproto.Window {
	prop := property(c, root, "_NET_CLIENT_LIST", xproto.AtomWindow)
	if prop == nil || prop.Format != 32 {
		return nil
	}
	out := make([]xproto.Window, prop.ValueLen)
	for i := range out {
		out[i] = xproto.Window(xgb.Get32(prop.Value[4*i:]))
	}
	return out
}

// title reads a window's title: _NET_WM_NAME (UTF-8), else WM_NAME.
func title(c *xgb.Conn, id xproto.Window) string {
	if utf8, err := xproto.InternAtom(c, true, uint16(len("UTF8_STRING")), "UTF8_STRING").Reply(); err == nil {
		if p := property(c, id, "_NET_WM_NAME", utf8.Atom); p != nil && len(p.Value) > 0 {
			return string(p.Value)
		}
	}
	if p := property(c, id, "WM_NAME", xproto.AtomString); p != nil {
		return string(p.Value)
	}
	return ""
}

func property(c *xgb.Conn, id xproto.Window, name string, typ xproto.Atom) *xproto.GetPropertyReply {
	atom, err := xproto.InternAtom(c, true, uint16(len(name)), name).Reply()
	if err != nil || atom.Atom == xproto.AtomNone {
		return nil
	}
	p, err := xproto.GetProperty(c, false, id, atom.Atom, typ, 0, 1<<16).Reply()
	if err != nil || p.ValueLen == 0 {
		return nil
	}
	return p
}
