package ui

import (
	"context"
	"image"
	"io"
	"os/exec"
	"runtime"
	"time"

	"fyne.io/fyne/v2"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/capture"
	"github.com/temoin-app/temoin/i18n"
)

// Recording the screen as a video: ffmpeg's output is piped into the
// vault's encryptor as it is produced, never into a file.

// recordRun is a recording running.
type recordRun struct {
	cancel  context.CancelFunc
	started time.Time
	done    chan struct{} // closed once the video is kept (or failed) and said
	ev      *app.Evidence
	err     error
	stopped func() // what to do once it is kept
}

// ffmpegInstall says how to install ffmpeg on this system.
func ffmpegInstall() string {
	switch runtime.GOOS {
	case "windows":
		return i18n.X("gui.capture.ffmpeg_windows")
	case "darwin":
		return i18n.X("gui.capture.ffmpeg_macos")
	}
	return i18n.X("gui.capture.ffmpeg_linux")
}

// toggleRecord starts or stops a recording.
func (b *captureBar) toggleRecord() {
	if b.rec != nil {
		b.stopRecord(nil)
		return
	}
	if !capture.Detect().Record {
		b.g.showInfo(i18n.X("gui.capture.record_title"), b.g.say(capture.ErrUnsupported))
		return
	}
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		b.g.showInfo(i18n.X("gui.capture.record_title"), b.g.say(capture.ErrNoFFmpeg)+"\n\n"+ffmpegInstall())
		return
	}
	area, err := b.recordArea()
	if err != nil {
		b.g.showError(err)
		return
	}
	b.startRecord(area)
}

// recordArea is the part of the desktop the target covers.
func (b *captureBar) recordArea() (image.Rectangle, error) {
	t := b.what.target()
	if t.window != 0 {
		return capture.WindowBounds(t.window)
	}
	list, err := capture.Displays()
	if err != nil {
		return image.Rectangle{}, err
	}
	if t.display < len(list) {
		return list[t.display].Bounds, nil
	}
	return list[0].Bounds, nil
}

// startRecord records area into the incident chosen until stopped;
// Témoin's main window is hidden meanwhile.
func (b *captureBar) startRecord(area image.Rectangle) {
	g := b.g
	g.touch()
	started := time.Now()
	id, err := g.incidentForCapture(b.incident(), started)
	if err != nil {
		g.showError(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	run := &recordRun{cancel: cancel, started: started, done: make(chan struct{})}
	b.rec = run
	b.recordBtn.SetText(i18n.X("gui.capture.record_stop"))
	b.setStatus(i18n.X("gui.capture.recording", map[string]any{"Time": durationText(0)}), true)
	g.win.Hide()
	j := g.journal
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(capture.Record(ctx, pw, capture.RecordOptions{Area: area})) }()
	go func() {
		run.ev, run.err = j.Evidence.AttachRecording(context.Background(), id, captureName(started, ".mkv"), pr, started)
		pr.CloseWithError(io.ErrClosedPipe)
		fyne.Do(func() { b.recorded(run, id) })
		close(run.done)
	}()
	b.tick(run)
}

// tick shows the recording's length every second, and keeps the journal
// open while it runs (g.later: on the UI thread).
func (b *captureBar) tick(run *recordRun) {
	b.g.later(time.Second, func() {
		if b.rec != run {
			return
		}
		b.g.touch()
		b.setStatus(i18n.X("gui.capture.recording", map[string]any{"Time": durationText(time.Since(run.started))}), true)
		b.tick(run)
	})
}

// stopRecord asks ffmpeg to end the video; then runs once it is kept.
func (b *captureBar) stopRecord(then func()) {
	run := b.rec
	if run == nil {
		return
	}
	run.stopped = then
	b.setStatus(i18n.X("gui.capture.record_saving"), true)
	b.recordBtn.Disable()
	run.cancel()
}

// recorded shows the video kept, or why it was not.
func (b *captureBar) recorded(run *recordRun, incidentID string) {
	b.rec = nil
	b.recordBtn.SetText(i18n.X("gui.capture.record_start"))
	g := b.g
	g.win.Show()
	if run.err != nil {
		b.setStatus(i18n.X("gui.capture.ready"), false)
	} else {
		b.setStatus(i18n.X("gui.capture.record_done", map[string]any{"Time": durationText(time.Duration(run.ev.Duration) * time.Second)}), false)
	}
	g.showNewEvidence(incidentID, run.ev, run.err)
	if run.stopped != nil {
		run.stopped()
	}
}
