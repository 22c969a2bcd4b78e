package ui

import (
	"bytes"
	"context"
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/draw"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/capture"
	"github.com/temoin-app/temoin/i18n"
)

// Burst mode: a capture every few seconds during an intrusion, kept in
// memory (encoded as PNG) until the person has looked at them in a grid
// and kept some: only those are chained; the others never touch the disk.

// burstRun is a burst running.
type burstRun struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the burst has stopped

	mu     sync.Mutex
	frames []*burstFrame
	err    error
}

// burstFrame is one capture of a burst.
type burstFrame struct {
	at    time.Time
	png   []byte
	thumb image.Image
	keep  bool
}

// thumbWidth is the width of a frame in the grid.
const thumbWidth = 220

// newFrame encodes a capture and makes its thumbnail.
func newFrame(f capture.Frame) (*burstFrame, error) {
	var buf bytes.Buffer
	if err := capture.EncodePNG(&buf, f.Image); err != nil {
		return nil, err
	}
	b := f.Image.Bounds()
	h := max(1, b.Dy()*thumbWidth/max(1, b.Dx()))
	thumb := image.NewRGBA(image.Rect(0, 0, thumbWidth, h))
	draw.ApproxBiLinear.Scale(thumb, thumb.Bounds(), f.Image, b, draw.Src, nil)
	return &burstFrame{at: f.At, png: buf.Bytes(), thumb: thumb, keep: true}, nil
}

// toggleBurst starts or stops burst mode.
func (b *captureBar) toggleBurst() {
	if b.burst != nil {
		b.stopBurst(nil)
		return
	}
	b.startBurst(b.interval(), b.what.target().grab)
}

// startBurst captures with grab now, then every interval, until stopped.
// Témoin's main window is hidden meanwhile.
func (b *captureBar) startBurst(every time.Duration, grab func() (*image.RGBA, error)) {
	g := b.g
	g.touch()
	ctx, cancel := context.WithCancel(context.Background())
	run := &burstRun{cancel: cancel, done: make(chan struct{})}
	b.burst = run
	b.burstBtn.SetText(i18n.X("gui.capture.burst_stop"))
	b.setStatus(i18n.N("gui.capture.burst_count", 0), true)
	g.win.Hide()
	go func() {
		time.Sleep(captureSettle)
		err := capture.Burst(ctx, every, grab, func(f capture.Frame) error {
			fr, err := newFrame(f)
			if err != nil {
				return err
			}
			run.mu.Lock()
			run.frames = append(run.frames, fr)
			n := len(run.frames)
			run.mu.Unlock()
			fyne.Do(func() {
				g.touch() // a burst keeps the journal open
				if b.burst == run {
					b.setStatus(i18n.N("gui.capture.burst_count", n), true)
				}
			})
			return nil
		})
		run.mu.Lock()
		run.err = err
		run.mu.Unlock()
		close(run.done)
		if err != nil {
			fyne.Do(func() {
				if b.burst == run {
					b.stopBurst(nil)
				}
			})
		}
	}()
}

// stopBurst stops the burst and shows its captures to keep or discard;
// then runs once they are kept or discarded.
func (b *captureBar) stopBurst(then func()) {
	run := b.burst
	if run == nil {
		return
	}
	run.cancel()
	<-run.done
	b.burst = nil
	b.burstBtn.SetText(i18n.X("gui.capture.burst_start"))
	run.mu.Lock()
	frames, err := run.frames, run.err
	run.mu.Unlock()
	b.setStatus(i18n.N("gui.capture.burst_done", len(frames)), false)
	g := b.g
	g.win.Show()
	if err != nil {
		g.showError(err)
	}
	if len(frames) == 0 {
		if then != nil {
			then()
		}
		return
	}
	g.burstGrid(frames, b.incident(), then)
}

// burstGrid shows a burst's captures, each with a box to keep it; the
// ones kept are chained, the others forgotten.
func (g *gui) burstGrid(frames []*burstFrame, incidentID string, then func()) {
	cells := make([]fyne.CanvasObject, len(frames))
	for i, f := range frames {
		img := canvas.NewImageFromImage(f.thumb)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(thumbWidth, thumbWidth*9/16))
		check := widget.NewCheck(i18n.X("gui.capture.keep_at", map[string]any{"Time": f.at.Local().Format("15:04:05")}),
			func(on bool) { f.keep = on })
		check.SetChecked(true)
		cells[i] = container.NewVBox(img, check)
	}
	grid := container.NewVScroll(container.NewGridWrap(fyne.NewSize(thumbWidth+12, thumbWidth*9/16+48), cells...))
	grid.SetMinSize(fyne.NewSize(720, 420))
	content := container.NewBorder(wrapped(i18n.X("gui.capture.grid_help")), nil, nil, nil, grid)
	decided := false
	decide := func(keep bool, next func()) {
		if decided {
			return // kept at a lock already: the dialog's hiding answers nothing
		}
		decided, g.keepGrid = true, nil
		var kept []*burstFrame
		for _, f := range frames {
			if keep && f.keep {
				kept = append(kept, f)
			}
		}
		g.keepFrames(kept, incidentID, next)
	}
	d := dialog.NewCustomConfirm(i18n.N("gui.capture.grid_title", len(frames)), i18n.X("gui.capture.keep"), i18n.X("gui.capture.discard_all"), content,
		func(keep bool) { decide(keep, then) }, g.win)
	g.keepGrid = func(next func()) {
		decide(true, func() {
			if then != nil {
				then()
			}
			if next != nil {
				next()
			}
		})
		d.Hide()
	}
	d.Resize(fyne.NewSize(780, 560))
	g.showDialog(d)
}

// keepFrames chains the captures kept, in the order they were taken.
func (g *gui) keepFrames(kept []*burstFrame, incidentID string, then func()) {
	done := func() {
		if then != nil {
			then()
		}
	}
	if len(kept) == 0 || g.journal == nil {
		done()
		return
	}
	id, err := g.incidentForCapture(incidentID, kept[0].at)
	if err != nil {
		g.showError(err)
		done()
		return
	}
	j := g.journal
	g.async(func() {
		var last *app.Evidence
		var err error
		for _, f := range kept {
			if last, err = storePNG(context.Background(), j, id, bytes.NewReader(f.png), f.at); err != nil {
				break
			}
		}
		fyne.Do(func() {
			g.showNewEvidence(id, last, err)
			done()
		})
	})
}
