//go:build !(linux || freebsd || openbsd || netbsd)

package capture

import "image"

// ListWindows lists the windows shown on the desktop: only on X11.
func ListWindows() ([]WindowInfo, error) { return nil, ErrUnsupported }

// WindowBounds returns where a window is on the desktop: only on X11.
func WindowBounds(id uint32) (image.Rectangle, error) { return image.Rectangle{}, ErrUnsupported }
