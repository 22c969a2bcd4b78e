package capture

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNoFFmpeg is returned by Record when ffmpeg is not installed. Say how
// to install it: "sudo apt install ffmpeg" (Debian, Ubuntu), "brew install
// ffmpeg" (macOS), "winget install ffmpeg" (Windows).
var ErrNoFFmpeg = errors.New("capture: ffmpeg is not installed")

// FFmpegError is ffmpeg failing; Stderr holds the end of what it said.
type FFmpegError struct {
	Err    error
	Stderr string
}

func (e *FFmpegError) Error() string {
	return fmt.Sprintf("capture: ffmpeg: %v: %s", e.Err, strings.TrimSpace(e.Stderr))
}

func (e *FFmpegError) Unwrap() error { return e.Err }

// RecordOptions says what to record.
type RecordOptions struct {
	// Area is the part of the desktop to record, in the coordinates of
	// Display.Bounds; empty for the first display.
	Area image.Rectangle
	// FPS is the number of frames a second, 10 by default.
	FPS int
	// FFmpeg is the ffmpeg program; "" looks for "ffmpeg" in PATH.
	FFmpeg string
}

// Record records the screen as a Matroska video (H.264) written into w as
// ffmpeg produces it, never into a file, until ctx is cancelled: ffmpeg is
// then asked to stop ("q" on its input) so that the video ends cleanly,
// and Record returns nil. It returns ErrNoFFmpeg when ffmpeg is missing,
// ErrUnsupported on Wayland, an *FFmpegError when ffmpeg fails.
func Record(ctx context.Context, w io.Writer, opts RecordOptions) error {
	sys := Detect()
	if !sys.Record {
		return ErrUnsupported
	}
	bin, err := findFFmpeg(opts.FFmpeg)
	if err != nil {
		return err
	}
	area := opts.Area
	if area.Empty() {
		list, err := Displays()
		if err != nil {
			return err
		}
		area = list[0].Bounds
	}
	fps := opts.FPS
	if fps <= 0 {
		fps = 10
	}
	args := append(inputArgs(runtime.GOOS, area, fps, os.Getenv("DISPLAY")),
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "matroska", "pipe:1")
	return runFFmpeg(ctx, bin, args, w)
}

func findFFmpeg(bin string) (string, error) {
	if bin == "" {
		bin = "ffmpeg"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		return "", ErrNoFFmpeg
	}
	return path, nil
}

// inputArgs are ffmpeg's arguments that read the screen on each system.
// H.264 wants even sizes: the area loses its last column or row if odd.
func inputArgs(goos string, area image.Rectangle, fps int, display string) []string {
	w, h := area.Dx()&^1, area.Dy()&^1
	size := fmt.Sprintf("%dx%d", w, h)
	rate := strconv.Itoa(fps)
	base := []string{"-hide_banner", "-loglevel", "error"}
	switch goos {
	case "windows":
		return append(base, "-f", "gdigrab", "-framerate", rate, "-offset_x", strconv.Itoa(area.Min.X),
			"-offset_y", strconv.Itoa(area.Min.Y), "-video_size", size, "-draw_mouse", "1", "-i", "desktop")
	case "darwin":
		return append(base, "-f", "avfoundation", "-framerate", rate, "-capture_cursor", "1", "-i", "Capture screen 0:none",
			"-vf", fmt.Sprintf("crop=%d:%d:%d:%d", w, h, area.Min.X, area.Min.Y))
	}
	return append(base, "-f", "x11grab", "-framerate", rate, "-video_size", size,
		"-i", fmt.Sprintf("%s+%d,%d", display, area.Min.X, area.Min.Y))
}

// runFFmpeg runs ffmpeg with its output into w until it ends or ctx is
// cancelled.
func runFFmpeg(ctx context.Context, bin string, args []string, w io.Writer) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("capture: ffmpeg: %w", err)
	}
	var stderr tailBuffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	cmd.Cancel = func() error {
		_, err := io.WriteString(stdin, "q")
		stdin.Close()
		return err
	}
	cmd.WaitDelay = 10 * time.Second // then it is killed
	if err := cmd.Start(); err != nil {
		return &FFmpegError{Err: err}
	}
	err = cmd.Wait()
	if ctx.Err() != nil && (err == nil || errors.Is(err, ctx.Err())) {
		return nil // stopped by the person, and the video ended cleanly
	}
	if err != nil {
		return &FFmpegError{Err: err, Stderr: stderr.String()}
	}
	return nil
}

// tailBuffer keeps the last 4 KiB written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 4096 {
		t.buf = t.buf[len(t.buf)-4096:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
