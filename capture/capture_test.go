package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jezek/xgb"

	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"
	"github.com/temoin-app/temoin/capture/capturetest"
)

// The helpers shared with the GUI's capture tests.
var (
	red, green, blue, grey = capturetest.Red, capturetest.Green, capturetest.Blue, capturetest.Grey
	startXvfb              = capturetest.StartXvfb
	isolate                = capturetest.Isolate
	drawMarker             = capturetest.DrawMarker
	wantPixels             = capturetest.WantPixels
)

// onScreen are points of the desktop and the colour the marker gives them.
var onScreen = map[image.Point]color.RGBA{
	{10, 10}: grey, {150, 80}: red, {250, 80}: green, {150, 150}: blue, {250, 170}: green, {320, 200}: grey,
}

func TestCaptureUnderXvfb(t *testing.T) {
	startXvfb(t)
	id := drawMarker(t)
	check := isolate(t)
	defer check()

	if sys := Detect(); sys.Kind != X11 || sys.WritesFile || !sys.Windows {
		t.Errorf("detected %+v", sys)
	}
	displays, err := Displays()
	if err != nil || len(displays) != 1 || displays[0].Bounds != image.Rect(0, 0, 640, 480) {
		t.Fatalf("displays %+v %v", displays, err)
	}
	screen, err := Screen(0)
	if err != nil {
		t.Fatal(err)
	}
	wantPixels(t, "screen", screen, onScreen, 0)

	win, err := Window(id)
	if err != nil {
		t.Fatal(err)
	}
	if win.Bounds().Dx() != 200 || win.Bounds().Dy() != 120 {
		t.Fatalf("window captured as %v", win.Bounds())
	}
	wantPixels(t, "window", win, map[image.Point]color.RGBA{{0, 0}: red, {99, 59}: red, {100, 0}: green, {199, 119}: green, {0, 119}: blue}, 0)

	list, err := ListWindows()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range list {
		found = found || (w.ID == id && w.Title == "Témoin marqueur" && w.Bounds == image.Rect(100, 60, 300, 180))
	}
	if !found {
		t.Errorf("the marker window is not listed: %v", list)
	}

	// Encoded straight into a writer: the PNG holds the same pixels.
	var buf bytes.Buffer
	if err := EncodePNG(&buf, win); err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	wantPixels(t, "PNG", back, map[image.Point]color.RGBA{{0, 0}: red, {150, 10}: green, {50, 100}: blue}, 0)
}

func TestTwoDisplays(t *testing.T) {
	startXvfb(t, "960x480x24")
	// Two monitors side by side on the one screen, as RandR describes a
	// laptop with a projector: 640×480 and 320×240 right of it.
	c, err := xgb.NewConn()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := randr.Init(c); err != nil {
		t.Skipf("no RandR in this Xvfb: %v", err)
	}
	root := xproto.Setup(c).DefaultScreen(c).Root
	for i, m := range []image.Rectangle{image.Rect(0, 0, 640, 480), image.Rect(640, 0, 960, 240)} {
		name := fmt.Sprintf("TEMOIN-%d", i)
		atom, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		info := randr.MonitorInfo{Name: atom.Atom, Primary: i == 0, X: int16(m.Min.X), Y: int16(m.Min.Y),
			Width: uint16(m.Dx()), Height: uint16(m.Dy()), WidthInMillimeters: 300, HeightInMillimeters: 200}
		if err := randr.SetMonitorChecked(c, root, info).Check(); err != nil {
			t.Skipf("this Xvfb cannot describe monitors: %v", err)
		}
	}
	displays, err := Displays()
	// Xvfb keeps its own monitor, the whole screen, after ours.
	if err != nil || len(displays) < 2 || displays[0].Bounds != image.Rect(0, 0, 640, 480) || displays[1].Bounds != image.Rect(640, 0, 960, 240) {
		t.Fatalf("displays %+v %v", displays, err)
	}
	img, err := Screen(1)
	if err != nil || img.Bounds().Dx() != 320 || img.Bounds().Dy() != 240 {
		t.Fatalf("second display: %v %v", img.Bounds(), err)
	}
	if _, err := Screen(len(displays)); !errors.Is(err, ErrNoDisplay) {
		t.Errorf("a third display: %v", err)
	}
}

func TestBurstUntilStopped(t *testing.T) {
	startXvfb(t)
	drawMarker(t)
	check := isolate(t)
	defer check()

	ctx, stop := context.WithCancel(t.Context())
	var frames []Frame
	err := Burst(ctx, 20*time.Millisecond, func() (*image.RGBA, error) { return Screen(0) }, func(f Frame) error {
		frames = append(frames, f)
		if f.N == 3 {
			stop() // the person presses "Stop"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 3 {
		t.Fatalf("%d frames", len(frames))
	}
	for i, f := range frames {
		if f.N != i+1 || (i > 0 && !f.At.After(frames[i-1].At)) {
			t.Errorf("frame %d: %+v", i, f)
		}
		wantPixels(t, fmt.Sprintf("frame %d", f.N), f.Image, onScreen, 0)
	}

	failing := errors.New("disk full")
	err = Burst(t.Context(), time.Millisecond, func() (*image.RGBA, error) { return Screen(0) }, func(Frame) error { return failing })
	if !errors.Is(err, failing) {
		t.Errorf("a failing frame: %v", err)
	}
}

func TestRecordUnderXvfb(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is not installed (apt-get install ffmpeg): screen recording not tested")
	}
	startXvfb(t)
	drawMarker(t)
	check := isolate(t)
	defer check()

	ctx, stop := context.WithCancel(t.Context())
	var video lockedBuffer
	done := make(chan error, 1)
	go func() { done <- Record(ctx, &video, RecordOptions{FPS: 5}) }()
	// Stop once ffmpeg has written a few frames.
	for video.Len() < 4096 {
		select {
		case err := <-done:
			t.Fatalf("ffmpeg stopped by itself: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	data := video.Bytes()
	if !bytes.HasPrefix(data, []byte{0x1a, 0x45, 0xdf, 0xa3}) {
		t.Fatalf("not a Matroska video: % x", data[:min(len(data), 8)])
	}
	// ffmpeg reads it back: the first frame shows the marker.
	cmd := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the video does not decode: %v", err)
	}
	frame, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	wantPixels(t, "video frame", frame, map[image.Point]color.RGBA{{10, 10}: grey, {150, 80}: red, {250, 80}: green, {150, 150}: blue}, 24)
}

func TestRecordWithoutFFmpeg(t *testing.T) {
	t.Setenv("DISPLAY", ":0")
	t.Setenv("XDG_SESSION_TYPE", "x11")
	t.Setenv("PATH", t.TempDir())
	if err := Record(t.Context(), &bytes.Buffer{}, RecordOptions{}); !errors.Is(err, ErrNoFFmpeg) {
		t.Errorf("got %v, want ErrNoFFmpeg", err)
	}
}

func TestDetect(t *testing.T) {
	if runtime.GOOS != "linux" {
		if got := Detect(); got.Kind == None || got.WritesFile {
			t.Errorf("%s: %+v", runtime.GOOS, got)
		}
		return // the sessions below are Linux's
	}
	cases := []struct {
		session, display, wayland string
		want                      System
	}{
		{"x11", ":0", "", System{Kind: X11, Windows: true, Record: true}},
		{"wayland", ":0", "wayland-0", System{Kind: Wayland, WritesFile: true}},
		{"", "", "wayland-0", System{Kind: Wayland, WritesFile: true}},
		{"tty", "", "", System{Kind: None}},
	}
	for _, c := range cases {
		t.Setenv("XDG_SESSION_TYPE", c.session)
		t.Setenv("DISPLAY", c.display)
		t.Setenv("WAYLAND_DISPLAY", c.wayland)
		if got := Detect(); got != c.want {
			t.Errorf("%+v: %+v", c, got)
		}
	}
	if _, err := Displays(); !errors.Is(err, ErrNoDisplay) {
		t.Errorf("no display: %v", err)
	}
}

func TestInputArgs(t *testing.T) {
	area := image.Rect(100, 50, 741, 531) // odd size: H.264 wants even
	for goos, want := range map[string]string{
		"linux":   "-f x11grab -framerate 10 -video_size 640x480 -i :1+100,50",
		"windows": "-f gdigrab -framerate 10 -offset_x 100 -offset_y 50 -video_size 640x480 -draw_mouse 1 -i desktop",
		"darwin":  "-vf crop=640:480:100:50",
	} {
		if got := strings.Join(inputArgs(goos, area, 10, ":1"), " "); !strings.Contains(got, want) {
			t.Errorf("%s: %s", goos, got)
		}
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}
