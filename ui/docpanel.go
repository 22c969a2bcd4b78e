package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// previewDPI is the resolution of the first page's preview: sharp enough
// once scaled down to the panel.
const previewDPI = 72

// document is a PDF made in memory, waiting to be saved.
type document struct {
	pdf   []byte
	res   *report.Result
	name  string // default file name
	saved string // where it was saved, once it was
	// made is what the document was made from: the choices on screen
	// and the people list (docChoices). A document whose choices are no
	// longer those on screen is out of date: it cannot be saved.
	made    string
	choices func() string // the choices on screen now
	regen   func()        // makes the document again with them
}

// errStaleDocument: the choices changed since the document was made
// (issue 12, bug 1: nothing out of date is saved).
func errStaleDocument() error { return present.Said(i18n.X("gui.share.preview.stale_refused")) }

// docChoices is the fingerprint of what a document is made from: its
// options (the time of making left out) and the people list, whose
// pseudonyms it applies.
func docChoices(g *gui, opts any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	people, perr := g.journal.People.List()
	data, jerr := json.Marshal(struct {
		Opts   any
		People []app.Person
	}{opts, people})
	if perr != nil || jerr != nil {
		return "error"
	}
	return string(data)
}

// docPanel shows the document being made (a progress bar and Cancel),
// then its first page and what can be done with it: save it where the
// person chooses (readable by them only), then open it with the system's
// PDF reader. Nothing of it touches the disk before it is saved.
type docPanel struct {
	g *gui

	box      *fyne.Container
	progress *progressView
	cancel   context.CancelFunc
	doc      *document

	saveBtn   *widget.Button
	openBtn   *widget.Button
	folderBtn *widget.Button
	regenBtn  *widget.Button
	title     *widget.Label
	staleNote *fyne.Container // says the document is out of date
	preview   fyne.CanvasObject
	status    *widget.Label
	busy      bool
}

func newDocPanel(g *gui) *docPanel {
	p := &docPanel{g: g, box: container.NewVBox()}
	p.empty()
	return p
}

// empty shows what the panel is for.
func (p *docPanel) empty() {
	title := subheading(i18n.X("gui.share.preview.title"))
	text := wrapped(i18n.X("gui.share.preview.empty"))
	p.box.Objects = []fyne.CanvasObject{title, widget.NewIcon(theme.DocumentIcon()), text}
	p.box.Refresh()
}

// docWork writes a document into w.
type docWork func(ctx context.Context, w *bytes.Buffer, p *present.Progress) (*report.Result, error)

// docJob is a document to make: its progress label, default file name,
// the work, what to run on the UI thread when it ends, the choices it
// is made from and how to make it again.
type docJob struct {
	label, name string
	work        docWork
	done        func()
	choices     func() string
	regen       func()
}

// write makes a document in memory off the UI thread, with a progress
// bar and Cancel, then shows it (or why it was not made).
func (p *docPanel) write(job docJob) {
	p.discard()
	label, name, work, done := job.label, job.name, job.work, job.done
	made := ""
	if job.choices != nil {
		made = job.choices()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.busy = cancel, true
	p.progress = newProgressView(label, func() { p.g.touch(); cancel() })
	p.box.Objects = []fyne.CanvasObject{p.progress.box}
	p.box.Refresh()
	prog := p.progress.progress(nil)
	p.g.async(func() {
		var buf bytes.Buffer
		res, err := work(ctx, &buf, prog)
		var img image.Image
		var perr error
		if err == nil {
			img, perr = report.PreviewDPI(ctx, buf.Bytes(), previewDPI)
		} else {
			clear(buf.Bytes())
		}
		fyne.Do(func() {
			done()
			p.finish(&document{pdf: buf.Bytes(), res: res, name: name, made: made, choices: job.choices, regen: job.regen}, img, perr, err)
		})
	})
}

// finish shows the document made (or why it was not).
func (p *docPanel) finish(doc *document, img image.Image, previewErr, err error) {
	p.busy = false
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	if err != nil {
		p.empty()
		msg := wrapped(p.g.say(err))
		if !errors.Is(err, context.Canceled) {
			msg.Importance = widget.DangerImportance
		}
		p.box.Objects = append(p.box.Objects, msg)
		p.box.Refresh()
		return
	}
	p.doc = doc
	p.title = subheading(i18n.X("gui.share.preview.ready"))
	objs := []fyne.CanvasObject{p.title}
	if r := doc.res; r != nil {
		counts := []string{i18n.N("count.pages", r.Pages), i18n.N("count.incidents", r.Incidents)}
		if r.Evidence > 0 {
			counts = append(counts, i18n.N("count.evidence_items", r.Evidence))
		}
		objs = append(objs, caption(strings.Join(counts, " · ")+". "+i18n.X("gui.share.preview.recorded")))
	}
	p.regenBtn = &widget.Button{Text: i18n.X("gui.share.preview.regenerate"), Icon: theme.ViewRefreshIcon(),
		Importance: widget.HighImportance, OnTapped: p.regenerate}
	warn := wrapped(i18n.X("gui.share.preview.stale"))
	warn.Importance = widget.WarningImportance
	p.staleNote = container.NewVBox(warn, container.NewHBox(p.regenBtn))
	p.preview = previewUI(img, previewErr)
	objs = append(objs, p.staleNote, p.preview)
	p.saveBtn = &widget.Button{Text: i18n.X("gui.share.save_as"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: p.save}
	p.openBtn = &widget.Button{Text: i18n.X("gui.share.open"), Icon: theme.FileApplicationIcon(), OnTapped: p.open}
	p.openBtn.Disable()
	p.folderBtn = &widget.Button{Text: i18n.X("gui.share.show_in_folder"), Icon: theme.FolderOpenIcon(), OnTapped: p.showFolder}
	p.folderBtn.Disable()
	p.status = caption(i18n.X("gui.share.preview.not_saved"))
	p.openBtn.Importance, p.folderBtn.Importance = widget.LowImportance, widget.LowImportance
	objs = append(objs, container.NewHBox(p.saveBtn), p.status, container.NewHBox(p.openBtn, p.folderBtn))
	if doc.res != nil {
		for _, w := range doc.res.Warnings {
			l := caption(present.ReportWarning(w))
			l.Importance = widget.WarningImportance
			objs = append(objs, l)
		}
	}
	p.box.Objects = objs
	p.box.Refresh()
	p.refreshStale()
}

// stale reports whether the document shown was made from other choices
// than those on screen now.
func (p *docPanel) stale() bool {
	d := p.doc
	return d != nil && d.choices != nil && d.choices() != d.made
}

// refreshStale shows whether the document is out of date: when it is,
// a sentence says so, the preview is hidden, and it cannot be saved
// until it is made again. The screens call it whenever a choice changes.
func (p *docPanel) refreshStale() {
	if p.doc == nil || p.saveBtn == nil {
		return
	}
	if p.stale() {
		p.title.SetText(i18n.X("gui.share.preview.stale_title"))
		p.staleNote.Show()
		p.preview.Hide()
		p.saveBtn.Disable()
	} else {
		p.title.SetText(i18n.X("gui.share.preview.ready"))
		p.staleNote.Hide()
		p.preview.Show()
		p.saveBtn.Enable()
	}
	p.box.Refresh()
}

// regenerate makes the document again with the choices on screen.
func (p *docPanel) regenerate() {
	p.g.touch()
	if p.doc != nil && p.doc.regen != nil && !p.busy {
		p.doc.regen()
	}
}

// previewUI is the first page, framed, or why it is not shown.
func previewUI(img image.Image, err error) fyne.CanvasObject {
	switch {
	case img != nil:
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.ScaleMode = canvas.ImageScaleSmooth
		c.SetMinSize(fyne.NewSize(280, 396))
		frame := canvas.NewRectangle(color.Transparent)
		frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
		frame.StrokeWidth = 1
		return container.NewCenter(container.NewStack(c, frame))
	case errors.Is(err, report.ErrNoPreview):
		return caption(present.Error(err, present.Where{}))
	}
	return caption(i18n.X("gui.share.preview.none"))
}

// save asks where to save the document.
func (p *docPanel) save() {
	if p.doc == nil {
		return
	}
	if p.stale() {
		p.refreshStale()
		return
	}
	p.g.pick.save(p.doc.name, func(path string) {
		if err := p.saveTo(path); err != nil {
			p.g.showError(present.In(err, present.Where{File: path}))
		}
	})
}

// saveTo writes the document to path, readable by its owner only.
func (p *docPanel) saveTo(path string) error {
	if p.doc == nil {
		return nil
	}
	if p.stale() {
		p.refreshStale()
		return errStaleDocument()
	}
	if _, err := present.WritePrivate(path, true, bytes.NewReader(p.doc.pdf)); err != nil {
		return err
	}
	p.doc.saved = path
	if p.status != nil {
		p.status.SetText(i18n.X("gui.share.saved", map[string]any{"Path": path}))
		p.status.Importance = widget.SuccessImportance
		p.status.Refresh()
	}
	if p.openBtn != nil {
		p.openBtn.Enable()
		p.folderBtn.Enable()
	}
	return nil
}

// showFolder shows the saved document in the system's file manager.
func (p *docPanel) showFolder() {
	if p.doc != nil && p.doc.saved != "" {
		p.g.showInFolder(p.doc.saved)
	}
}

// open opens the saved document with the system's PDF reader.
func (p *docPanel) open() {
	if p.doc != nil && p.doc.saved != "" {
		p.g.openFile(p.doc.saved)
	}
}

// discard forgets the document (its bytes cleared) and stops the work in
// progress.
func (p *docPanel) discard() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	if p.doc != nil {
		clear(p.doc.pdf)
		p.doc = nil
	}
}

// datedName is a document's default file name: rapport-F3SCT-2026-11-22.pdf.
func datedName(stem string, now time.Time) string {
	return stem + "-" + now.Format("2006-01-02") + ".pdf"
}
