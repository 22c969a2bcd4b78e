// Package capturetest helps the tests of screen capture: a virtual X
// server (Xvfb), a window of marker colours drawn on it, and checks that
// no capture reached the disk.
package capturetest

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // pictures searched for the marker
	_ "image/jpeg" // pictures searched for the marker
	_ "image/png"  // pictures searched for the marker
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Marker colours: unlikely anywhere else, so that a file holding them is
// a capture.
var (
	Red   = color.RGBA{0xe6, 0x19, 0x4b, 0xff}
	Green = color.RGBA{0x3c, 0xb4, 0x4b, 0xff}
	Blue  = color.RGBA{0x43, 0x63, 0xd8, 0xff}
	Grey  = color.RGBA{0x2f, 0x4f, 0x4f, 0xff} // the desktop behind
)

// StartXvfb starts a virtual X server for the test and points DISPLAY at
// it. It skips the test when Xvfb is missing (tools/deps.sh installs it).
func StartXvfb(t *testing.T, screens ...string) {
	t.Helper()
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("Xvfb is not installed (tools/deps.sh installs it): screen capture not tested")
	}
	if len(screens) == 0 {
		screens = []string{"640x480x24"}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-displayfd", "3", "-nolisten", "tcp"}
	for i, s := range screens {
		args = append(args, "-screen", fmt.Sprint(i), s)
	}
	cmd := exec.Command(bin, args...)
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not start: %v", err)
	}
	t.Setenv("DISPLAY", ":"+strings.TrimSpace(line))
	t.Setenv("XDG_SESSION_TYPE", "x11")
	t.Setenv("WAYLAND_DISPLAY", "")
}

// Isolate points HOME and TMPDIR at empty folders and returns a check
// that fails the test if any file appeared in them or in the working
// folder: a capture must never be written to disk.
func Isolate(t *testing.T) func() {
	t.Helper()
	home, tmp := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_PICTURES_DIR", filepath.Join(home, "Images"))
	cwd, _ := os.Getwd()
	before := Files(t, cwd)
	return func() {
		t.Helper()
		for _, dir := range []string{home, tmp} {
			for name := range Files(t, dir) {
				t.Errorf("a file appeared during capture: %s", name)
			}
		}
		for name := range Files(t, cwd) {
			if !before[name] {
				t.Errorf("a file appeared in the working folder during capture: %s", name)
			}
		}
	}
}

func Files(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[path] = true
		}
		return nil
	})
	return out
}

// DrawMarker shows a 200×120 window at (100, 60) on a grey desktop: red,
// with a green right half and a blue bottom-left quarter. It returns the
// window's id.
func DrawMarker(t *testing.T) uint32 {
	t.Helper()
	c, err := xgb.NewConn()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	screen := xproto.Setup(c).DefaultScreen(c)
	pixel := func(c color.RGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }
	xproto.ChangeWindowAttributes(c, screen.Root, xproto.CwBackPixel, []uint32{pixel(Grey)})
	xproto.ClearArea(c, false, screen.Root, 0, 0, 0, 0)
	window := func(parent xproto.Window, x, y, w, h int16, col color.RGBA) xproto.Window {
		id, err := xproto.NewWindowId(c)
		if err != nil {
			t.Fatal(err)
		}
		xproto.CreateWindow(c, screen.RootDepth, id, parent, x, y, uint16(w), uint16(h), 0,
			xproto.WindowClassInputOutput, screen.RootVisual, xproto.CwBackPixel, []uint32{pixel(col)})
		xproto.MapWindow(c, id)
		return id
	}
	top := window(screen.Root, 100, 60, 200, 120, Red)
	window(top, 100, 0, 100, 120, Green)
	window(top, 0, 60, 100, 60, Blue)
	title := "Témoin marqueur"
	xproto.ChangeProperty(c, xproto.PropModeReplace, top, xproto.AtomWmName, xproto.AtomString, 8, uint32(len(title)), []byte(title))
	if _, err := xproto.GetInputFocus(c).Reply(); err != nil { // waits for the server to do all the above
		t.Fatal(err)
	}
	return uint32(top)
}

// WantPixels checks colours at points of img.
func WantPixels(t *testing.T, what string, img image.Image, want map[image.Point]color.RGBA, tolerance int) {
	t.Helper()
	for p, c := range want {
		got := color.RGBAModel.Convert(img.At(p.X, p.Y)).(color.RGBA)
		if d := max(diff(got.R, c.R), diff(got.G, c.G), diff(got.B, c.B)); d > tolerance {
			t.Errorf("%s: pixel %v is %v, want %v", what, p, got, c)
		}
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// NoMarkerOnDisk fails the test when a file under one of dirs holds the
// marker's red: as raw pixels (RGB, RGBA, BGR or BGRA, eight in a row),
// or as a picture that decodes (PNG, JPEG, GIF) and shows it. A capture
// written anywhere, even under another name, is found.
func NoMarkerOnDisk(t *testing.T, dirs ...string) {
	t.Helper()
	noMarker(t, time.Time{}, dirs)
}

// NoMarkerWrittenSince is NoMarkerOnDisk for the files of dirs modified
// at since or later: for a folder other programs share, such as the
// system's /tmp, whose older files (gigabytes on a developer's machine)
// are not the session's.
func NoMarkerWrittenSince(t *testing.T, since time.Time, dirs ...string) {
	t.Helper()
	noMarker(t, since, dirs)
}

func noMarker(t *testing.T, since time.Time, dirs []string) {
	t.Helper()
	c := Red
	var runs [][]byte
	for _, px := range [][]byte{{c.R, c.G, c.B}, {c.R, c.G, c.B, 0xff}, {c.B, c.G, c.R}, {c.B, c.G, c.R, 0xff}, {c.B, c.G, c.R, 0}} {
		runs = append(runs, bytes.Repeat(px, 8))
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			if !since.IsZero() {
				if info, err := d.Info(); err != nil || info.ModTime().Before(since) {
					return nil
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, run := range runs {
				if bytes.Contains(data, run) {
					t.Errorf("%s holds the marker's pixels", path)
					return nil
				}
			}
			if img, _, err := image.Decode(bytes.NewReader(data)); err == nil && showsRed(img) {
				t.Errorf("%s is a picture of the marker", path)
			}
			return nil
		})
	}
}

// showsRed tells whether a picture has the marker's red somewhere.
func showsRed(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			got := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if max(diff(got.R, Red.R), diff(got.G, Red.G), diff(got.B, Red.B)) <= 8 {
				return true
			}
		}
	}
	return false
}
