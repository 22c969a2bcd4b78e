package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
)

// captureBar is a small window the person can leave open during a class:
// capture now, a burst every few seconds, a video of the screen, each
// into the incident chosen (a new one by default). It stays above other
// windows where the system lets Témoin ask for it (ontop_*.go).
type captureBar struct {
	g   *gui
	win fyne.Window

	what  *targetChoice
	where *incidentChoice
	every *widget.Select

	shotBtn, burstBtn, recordBtn *widget.Button
	status                       *widget.Label

	burst *burstRun  // the burst running, if any (captureburst.go)
	rec   *recordRun // the recording running, if any (capturerecord.go)
}

// burstIntervals are the choices of burst mode's interval, in seconds.
var burstIntervals = []int{2, 5, 10, 30}

// openCaptureBar opens the capture bar, or brings it forward.
func (g *gui) openCaptureBar(incidentID string) {
	g.touch()
	if g.bar != nil {
		g.bar.win.RequestFocus()
		return
	}
	targets, err := captureTargets()
	if err != nil {
		g.showError(err)
		return
	}
	b := &captureBar{g: g, what: newTargetChoice(targets), where: newIncidentChoice(g, incidentID)}
	b.win = g.app.NewWindow(Title)
	b.win.SetIcon(g.winIcon)
	b.win.SetContent(b.buildUI())
	b.win.SetCloseIntercept(func() { b.finish(nil) })
	b.win.Resize(fyne.NewSize(560, 10))
	g.bar = b
	b.win.Show()
	keepOnTop(b.win)
}

func (b *captureBar) buildUI() fyne.CanvasObject {
	options := make([]string, len(burstIntervals))
	for i, s := range burstIntervals {
		options[i] = i18n.X("gui.capture.every", map[string]any{"N": s})
	}
	b.every = widget.NewSelect(options, nil)
	b.every.SetSelectedIndex(1) // 5 s (capture.DefaultEvery)
	b.shotBtn = &widget.Button{Text: i18n.X("gui.capture.take"), Icon: theme.MediaPhotoIcon(), Importance: widget.HighImportance,
		OnTapped: func() { b.g.captureInto(b.what.target(), b.incident()) }}
	b.burstBtn = &widget.Button{Text: i18n.X("gui.capture.burst_start"), Icon: theme.MediaFastForwardIcon(), OnTapped: b.toggleBurst}
	b.recordBtn = &widget.Button{Text: i18n.X("gui.capture.record_start"), Icon: theme.MediaRecordIcon(), OnTapped: b.toggleRecord}
	b.status = widget.NewLabel(i18n.X("gui.capture.ready"))
	b.status.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(field(i18n.X("gui.capture.what"), b.what.sel, ""), field(i18n.X("gui.capture.where"), b.where.sel, ""))
	buttons := container.NewHBox(b.shotBtn, b.burstBtn, b.every, b.recordBtn)
	return container.NewPadded(container.NewVBox(buttons, b.status, form, caption(barHint())))
}

// barHint says what the bar cannot do on this system.
func barHint() string {
	if captureProtectionAvailable {
		return i18n.X("gui.capture.bar_hint_hidden")
	}
	return i18n.X("gui.capture.bar_hint_visible")
}

// incident is the incident chosen in the bar; "" for a new one.
func (b *captureBar) incident() string { return b.where.id() }

// interval is the burst's interval chosen.
func (b *captureBar) interval() time.Duration {
	if i := b.every.SelectedIndex(); i >= 0 && i < len(burstIntervals) {
		return time.Duration(burstIntervals[i]) * time.Second
	}
	return 5 * time.Second
}

// busy says whether a burst or a recording is running.
func (b *captureBar) busy() bool { return b.burst != nil || b.rec != nil }

// setStatus shows what the bar is doing.
func (b *captureBar) setStatus(text string, active bool) {
	b.status.SetText(text)
	b.status.Importance = widget.MediumImportance
	if active {
		b.status.Importance = widget.DangerImportance
	}
	b.status.Refresh()
	enable := func(w *widget.Button, on bool) {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	enable(b.recordBtn, b.burst == nil)
	enable(b.burstBtn, b.rec == nil)
	enable(b.shotBtn, !b.busy())
}

// finish stops what runs (a burst's captures are kept for review, a
// recording is saved), closes the bar, then calls then.
func (b *captureBar) finish(then func()) {
	done := func() {
		b.win.Close()
		if b.g.bar == b {
			b.g.bar = nil
		}
		if then != nil {
			then()
		}
	}
	switch {
	case b.rec != nil:
		b.stopRecord(done)
	case b.burst != nil:
		b.stopBurst(done)
	default:
		done()
	}
}
