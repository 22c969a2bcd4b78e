// Package capture takes what is on the screen as evidence: a whole
// display, a rectangle, a window, once or every few seconds (burst mode
// during an intrusion in a video class), and records the screen as video
// through ffmpeg. It knows no GUI: the screens call it.
//
// Nothing it takes touches the disk: EncodePNG writes a capture straight
// into an io.Writer (the vault's encryptor), Burst hands each frame to a
// callback, Record pipes ffmpeg's output into an io.Writer.
//
// What works where (Detect tells which case applies):
//
//   - X11 (most Linux desktops, and Xvfb): displays, rectangles and windows
//     are read directly from the X server, with its shared-memory extension
//     when present (a segment that exists only during the capture).
//   - Windows and macOS: displays and rectangles directly (GDI, Core
//     Graphics; macOS asks once for the "Screen recording" permission).
//     Windows are not listed there: capture the window's display or draw
//     its rectangle.
//   - Wayland (GNOME, KDE Plasma 6 by default): an application may not read
//     the screen. Capture goes through the desktop portal, which asks the
//     person, then writes a PNG file (usually in ~/Pictures) that is read
//     and deleted at once: for that moment the capture is a plaintext file
//     on disk. Say so to the person before capturing (System.WritesFile).
//     Windows are not listed; screen recording is not available.
//
// Record needs ffmpeg; without it, it returns ErrNoFFmpeg.
package capture

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"runtime"

	"github.com/kbinani/screenshot"
)

// Kind is the kind of graphical system the program runs on.
type Kind string

// Kinds of system.
const (
	X11     Kind = "x11"
	Wayland Kind = "wayland"
	Windows Kind = "windows"
	MacOS   Kind = "macos"
	None    Kind = "none" // no display at all (a server, a terminal)
)

// System says what capture can do here.
type System struct {
	Kind Kind
	// WritesFile: a capture passes through a plaintext file on disk
	// (the Wayland portal), deleted as soon as it is read.
	WritesFile bool
	// Windows: ListWindows, WindowBounds and Window work.
	Windows bool
	// Record: Record can work (when ffmpeg is installed).
	Record bool
}

// Detect tells on which system the program runs, from the environment.
func Detect() System {
	switch runtime.GOOS {
	case "windows":
		return System{Kind: Windows, Record: true}
	case "darwin":
		return System{Kind: MacOS, Record: true}
	}
	// The capture library takes the portal exactly when
	// XDG_SESSION_TYPE says wayland, also if an X display (XWayland)
	// exists beside it.
	if os.Getenv("XDG_SESSION_TYPE") == "wayland" {
		return System{Kind: Wayland, WritesFile: true}
	}
	if os.Getenv("DISPLAY") != "" {
		return System{Kind: X11, Windows: true, Record: true}
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return System{Kind: Wayland, WritesFile: true}
	}
	return System{Kind: None}
}

// ErrNoDisplay is returned when there is no screen to capture.
var ErrNoDisplay = errors.New("capture: no display")

// ErrUnsupported is returned for what this system cannot do (see Detect).
var ErrUnsupported = errors.New("capture: not available on this system")

// Display is one screen.
type Display struct {
	Index int
	// Bounds in the desktop's coordinates: the first display starts at
	// (0, 0); others may be left of it or above it (negative).
	Bounds image.Rectangle
}

// Displays lists the screens, the main one first.
func Displays() ([]Display, error) {
	if Detect().Kind == None {
		return nil, ErrNoDisplay
	}
	n := screenshot.NumActiveDisplays()
	if n == 0 {
		return nil, ErrNoDisplay
	}
	out := make([]Display, n)
	for i := range out {
		out[i] = Display{Index: i, Bounds: screenshot.GetDisplayBounds(i)}
	}
	return out, nil
}

// Screen captures a whole display.
func Screen(index int) (*image.RGBA, error) {
	list, err := Displays()
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(list) {
		return nil, fmt.Errorf("capture: display %d of %d: %w", index, len(list), ErrNoDisplay)
	}
	return Rect(list[index].Bounds)
}

// Rect captures a rectangle of the desktop, in the coordinates of
// Display.Bounds. What lies outside every display comes out black.
func Rect(r image.Rectangle) (*image.RGBA, error) {
	if r.Empty() {
		return nil, fmt.Errorf("capture: empty rectangle %v", r)
	}
	if Detect().Kind == None {
		return nil, ErrNoDisplay
	}
	img, err := screenshot.CaptureRect(r)
	if err != nil {
		return nil, fmt.Errorf("capture %v: %w", r, err)
	}
	return img, nil
}

// Window captures what the screen shows in a window's place (a window
// above it hides part of it, as on the screen).
func Window(id uint32) (*image.RGBA, error) {
	r, err := WindowBounds(id)
	if err != nil {
		return nil, err
	}
	return Rect(r)
}

// EncodePNG writes img as PNG into w, for example the vault's encryptor:
// the capture never exists as a file.
func EncodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("encode capture: %w", err)
	}
	return nil
}

// WindowInfo is a window that can be captured.
type WindowInfo struct {
	ID     uint32
	Title  string
	Bounds image.Rectangle
}
