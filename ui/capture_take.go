package ui

import (
	"context"
	"fmt"
	"image"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/capture"
	"github.com/temoin-app/temoin/i18n"
)

// Capturing the screen straight into the vault. A capture is taken in
// memory (package capture), encoded as PNG into the vault's encryptor and
// recorded with the time it was taken and its SHA-256, which the chain
// commits to: it never exists as a file. Témoin's window is hidden while
// the screen is read.

// captureSettle is how long the window takes to disappear from the screen
// once hidden (the compositor redraws what was under it).
const captureSettle = 350 * time.Millisecond

// captureTarget is what a capture reads: a display, or a window.
type captureTarget struct {
	display int
	window  uint32 // 0: the display
	label   string
}

// grab captures the target.
func (t captureTarget) grab() (*image.RGBA, error) {
	if t.window != 0 {
		return capture.Window(t.window)
	}
	return capture.Screen(t.display)
}

// captureTargets lists what can be captured here: each display, then the
// windows (X11 only), Témoin's own left out.
func captureTargets() ([]captureTarget, error) {
	displays, err := capture.Displays()
	if err != nil {
		return nil, err
	}
	var out []captureTarget
	for _, d := range displays {
		label := i18n.X("gui.capture.whole_screen")
		if len(displays) > 1 {
			label = i18n.X("gui.capture.screen_n", map[string]any{"N": d.Index + 1, "W": d.Bounds.Dx(), "H": d.Bounds.Dy()})
		}
		out = append(out, captureTarget{display: d.Index, label: label})
	}
	if !capture.Detect().Windows {
		return out, nil
	}
	windows, _ := capture.ListWindows()
	for _, w := range windows {
		if w.Title == Title || w.Title == "" || w.Bounds.Empty() {
			continue
		}
		out = append(out, captureTarget{window: w.ID, label: i18n.X("gui.capture.window", map[string]any{"Title": shorten(w.Title, 60)})})
	}
	return out, nil
}

// captureName names a capture by the moment it was taken.
func captureName(at time.Time, ext string) string {
	return "capture " + at.Local().Format("2006-01-02 15h04m05") + ext
}

// storeCapture encodes img as PNG into the vault, as evidence of the
// incident taken at at.
func storeCapture(ctx context.Context, j *app.Journal, incidentID string, img image.Image, at time.Time) (*app.Evidence, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(capture.EncodePNG(pw, img)) }()
	ev, err := j.Evidence.AttachFileWith(ctx, incidentID, captureName(at, ".png"), pr, nil,
		app.Evidence{Source: app.SourceCapture, CapturedAt: at.UTC()})
	pr.CloseWithError(io.ErrClosedPipe) // the encoder stops if the vault did
	return ev, err
}

// storePNG keeps an image already encoded as PNG (a burst's frame).
func storePNG(ctx context.Context, j *app.Journal, incidentID string, data io.Reader, at time.Time) (*app.Evidence, error) {
	return j.Evidence.AttachFileWith(ctx, incidentID, captureName(at, ".png"), data, nil,
		app.Evidence{Source: app.SourceCapture, CapturedAt: at.UTC()})
}

// hideWhile hides Témoin's window, waits for the screen to be redrawn
// without it, runs grab off the UI thread, shows the window again and
// hands the result to then on the UI thread.
func (g *gui) hideWhile(grab func() (*image.RGBA, time.Time, error), then func(*image.RGBA, time.Time, error)) {
	g.win.Hide()
	g.async(func() {
		time.Sleep(captureSettle)
		img, at, err := grab()
		fyne.Do(func() {
			g.win.Show()
			then(img, at, err)
		})
	})
}

// captureInto captures target into the incident (a new one when
// incidentID is ""), then shows it in the editor.
func (g *gui) captureInto(target captureTarget, incidentID string) {
	g.touch()
	j := g.journal
	g.hideWhile(func() (*image.RGBA, time.Time, error) {
		img, err := target.grab()
		return img, time.Now(), err
	}, func(img *image.RGBA, at time.Time, err error) {
		switch {
		case g.journal != j: // locked meanwhile: the capture is dropped, never written
			return
		case err != nil:
			g.showError(err)
			return
		}
		id, err := g.incidentForCapture(incidentID, at)
		if err != nil {
			g.showError(err)
			return
		}
		g.async(func() {
			ev, err := storeCapture(context.Background(), j, id, img, at)
			fyne.Do(func() { g.showNewEvidence(id, ev, err) })
		})
	})
}

// incidentForCapture returns incidentID, or creates an incident dated at,
// to complete later, when it is "".
func (g *gui) incidentForCapture(incidentID string, at time.Time) (string, error) {
	if incidentID != "" {
		return incidentID, nil
	}
	in, err := g.journal.Incidents.Create(&app.Incident{OccurredAt: at, Description: i18n.X("gui.capture.new_incident_text")})
	if err != nil {
		return "", err
	}
	return in.ID, nil
}

// showNewEvidence opens the incident on its evidence, the new one shown.
func (g *gui) showNewEvidence(incidentID string, ev *app.Evidence, err error) {
	if err != nil {
		g.showError(err)
		return
	}
	if g.main == nil {
		return
	}
	m := g.main
	if m.editor == nil || m.current != m.editor || m.editor.id != incidentID {
		m.openIncident(incidentID)
	}
	if m.editor == nil || m.editor.id != incidentID {
		return
	}
	m.editor.tabs.SelectIndex(tabEvidence)
	m.editor.evidence.selected = ev.ID
	m.editor.evidence.reload()
}

// incidentChoice is a drop-down of where captures go: a new incident, or
// one of the most recent.
type incidentChoice struct {
	sel *widget.Select
	ids []string // "" for a new incident
}

func newIncidentChoice(g *gui, current string) *incidentChoice {
	c := &incidentChoice{ids: []string{""}}
	options := []string{i18n.X("gui.capture.new_incident")}
	selected := 0
	for i, in := range g.journal.Incidents.List(app.Filter{}) {
		if i == 30 {
			break
		}
		if in.ID == current {
			selected = len(c.ids)
		}
		c.ids = append(c.ids, in.ID)
		options = append(options, shorten(incidentLabel(in), 70))
	}
	c.sel = widget.NewSelect(options, nil)
	c.sel.SetSelectedIndex(selected)
	return c
}

func (c *incidentChoice) id() string {
	if i := c.sel.SelectedIndex(); i > 0 && i < len(c.ids) {
		return c.ids[i]
	}
	return ""
}

// targetChoice is a drop-down of what to capture.
type targetChoice struct {
	sel     *widget.Select
	targets []captureTarget
}

func newTargetChoice(targets []captureTarget) *targetChoice {
	options := make([]string, len(targets))
	for i, t := range targets {
		options[i] = t.label
	}
	c := &targetChoice{sel: widget.NewSelect(options, nil), targets: targets}
	c.sel.SetSelectedIndex(0)
	return c
}

func (c *targetChoice) target() captureTarget {
	if i := c.sel.SelectedIndex(); i >= 0 && i < len(c.targets) {
		return c.targets[i]
	}
	return c.targets[0]
}

// captureDialog asks what to capture and for which incident, then
// captures. incidentID is the incident open in the editor, if any.
func (g *gui) captureDialog(incidentID string) {
	g.touch()
	targets, err := captureTargets()
	if err != nil {
		g.showError(err)
		return
	}
	what := newTargetChoice(targets)
	where := newIncidentChoice(g, incidentID)
	items := []*widget.FormItem{field(i18n.X("gui.capture.what"), what.sel, ""), field(i18n.X("gui.capture.where"), where.sel, "")}
	info := []fyne.CanvasObject{caption(i18n.X("gui.capture.hint"))}
	if capture.Detect().WritesFile {
		info = append(info, wrapped(i18n.X("gui.capture.wayland")))
	}
	bar := &widget.Button{Text: i18n.X("gui.capture.open_bar"), Icon: theme.ViewRestoreIcon(), Importance: widget.LowImportance}
	form := widget.NewForm(items...)
	content := container.NewVBox(form, container.NewVBox(info...), container.NewHBox(bar))
	d := dialog.NewCustomConfirm(i18n.X("gui.capture.title"), i18n.X("gui.capture.take"), i18n.X("gui.cancel"), content, func(ok bool) {
		if ok {
			g.captureInto(what.target(), where.id())
		}
	}, g.win)
	bar.OnTapped = func() { d.Hide(); g.forget(d); g.openCaptureBar(where.id()) }
	d.Resize(fyne.NewSize(600, 300))
	g.showDialog(d)
}

// durationText says a length of time as 1:05 or 1:02:05.
func durationText(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
