package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// The report screen: the committee report (F3SCT, ex-CHSCT) with the same
// choices as "temoin report", the draft letter requesting protection
// fonctionnelle, the RSST text of an incident, and the author's profile.
// Documents are written into memory (never a temporary file), previewed
// from memory, and saved only where the person chooses, with mode 0600.

func init() {
	registerScreen("report", func(g *gui, m *mainScreen) screen { return newReportScreen(g, m) })
}

// ---- the incidents to choose from ----

// incidentPicker is a checklist of the journal's incidents, newest first
// (a virtualised list: large journals scroll smoothly).
type incidentPicker struct {
	g         *gui
	items     []*app.Incident
	chosen    map[string]bool
	list      *widget.List
	count     *widget.Label
	onChanged func()
}

func newIncidentPicker(g *gui, onChanged func()) *incidentPicker {
	p := &incidentPicker{g: g, chosen: map[string]bool{}, onChanged: onChanged}
	if g.journal != nil {
		p.items = g.journal.Incidents.List(app.Filter{})
	}
	return p
}

// incidentLabel is an incident in one line: its day, its kinds, its
// first words.
func incidentLabel(in *app.Incident) string {
	what := i18n.Codes("kind", in.Kinds)
	if what == "" {
		what = i18n.X("gui.journal.no_kind")
	}
	if facts := firstLine(in.Description); facts != "" {
		what += " — " + facts
	}
	return i18n.Date(in.OccurredAt.Local()) + " · " + shorten(what, 120)
}

func (p *incidentPicker) buildUI() fyne.CanvasObject {
	p.count = widget.NewLabel("")
	p.count.SizeName = theme.SizeNameCaptionText
	if len(p.items) == 0 {
		return wrapped(i18n.X("gui.share.picker.empty"))
	}
	p.list = &widget.List{
		Length: func() int { return len(p.items) },
		// A box, then the incident in a line cut to the width (a check's
		// own text is not); choosing the line ticks the box too.
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.items) {
				return
			}
			row := o.(*fyne.Container)
			l, c := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Check)
			in := p.items[id]
			l.SetText(incidentLabel(in))
			c.OnChanged = nil
			c.Checked = p.chosen[in.ID]
			c.Refresh()
			c.OnChanged = func(on bool) { p.set(in.ID, on) }
		},
		OnSelected: func(id widget.ListItemID) {
			p.list.UnselectAll()
			if id < len(p.items) {
				p.set(p.items[id].ID, !p.chosen[p.items[id].ID])
			}
		},
	}
	p.list.ExtendBaseWidget(p.list)
	all := &widget.Button{Text: i18n.X("gui.share.picker.all"), Importance: widget.LowImportance, OnTapped: func() { p.setAll(true) }}
	none := &widget.Button{Text: i18n.X("gui.share.picker.none"), Importance: widget.LowImportance, OnTapped: func() { p.setAll(false) }}
	p.updateCount()
	sized := container.NewStack(p.list)
	return container.NewBorder(nil, container.NewHBox(container.NewCenter(p.count), layout.NewSpacer(), all, none), nil, nil,
		container.New(&minHeight{h: 190}, sized))
}

// set ticks or unticks an incident.
func (p *incidentPicker) set(id string, on bool) {
	p.g.touch()
	if on {
		p.chosen[id] = true
	} else {
		delete(p.chosen, id)
	}
	p.updateCount()
	if p.list != nil {
		p.list.Refresh()
	}
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *incidentPicker) setAll(on bool) {
	for _, in := range p.items {
		if on {
			p.chosen[in.ID] = true
		} else {
			delete(p.chosen, in.ID)
		}
	}
	p.updateCount()
	p.list.Refresh()
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *incidentPicker) updateCount() {
	if p.count == nil {
		return
	}
	n := len(p.chosen)
	p.count.SetText(i18n.N("gui.share.picker.count", n))
}

// ids returns the incidents ticked, oldest first.
func (p *incidentPicker) ids() []string {
	var out []string
	for i := len(p.items) - 1; i >= 0; i-- {
		if p.chosen[p.items[i].ID] {
			out = append(out, p.items[i].ID)
		}
	}
	return out
}

// minHeight gives its object at least a height.
type minHeight struct{ h float32 }

func (l *minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width, max(m.Height, l.h))
}

func (l *minHeight) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(s)
}

// ---- the people list ----

// peopleEditor is the people list: a name and the pseudonym and role
// that reports use instead. It is kept in the vault.
type peopleEditor struct {
	g      *gui
	rows   *fyne.Container
	name   *xwidget.Entry
	pseudo *xwidget.Entry
	role   *xwidget.Entry
	addBtn *widget.Button
	people []app.Person
}

func newPeopleEditor(g *gui) *peopleEditor {
	return &peopleEditor{g: g}
}

func (p *peopleEditor) buildUI() fyne.CanvasObject {
	p.rows = container.NewVBox()
	p.name, p.pseudo, p.role = p.g.entry(), p.g.entry(), p.g.entry()
	p.name.SetPlaceHolder(i18n.X("gui.share.people.name_placeholder"))
	p.pseudo.SetPlaceHolder(i18n.X("gui.share.people.pseudonym_placeholder"))
	p.role.SetPlaceHolder(i18n.X("gui.share.people.role_placeholder"))
	p.addBtn = &widget.Button{Text: i18n.X("gui.share.people.add"), Icon: theme.ContentAddIcon(), OnTapped: p.add}
	p.role.OnSubmitted = func(string) { p.add() }
	p.pseudo.OnSubmitted = func(string) { p.add() }
	p.refresh()
	head := func(s string) fyne.CanvasObject {
		l := caption(s)
		l.TextStyle.Bold = true
		return l
	}
	return container.NewVBox(
		peopleRow(container.NewGridWithColumns(3, head(i18n.X("gui.share.people.name")),
			head(i18n.X("gui.share.people.pseudonym")), head(i18n.X("gui.share.people.role"))), nil),
		p.rows,
		peopleRow(container.NewGridWithColumns(3, p.name, p.pseudo, p.role), p.addBtn))
}

// peopleRow lays a row of the people list out: the three columns, and a
// button on the right in a column of its own, so that rows line up.
func peopleRow(cols fyne.CanvasObject, btn fyne.CanvasObject) fyne.CanvasObject {
	right := container.NewHBox(layout.NewSpacer())
	if btn != nil {
		right.Add(btn)
	}
	return container.NewBorder(nil, nil, nil, container.New(&fixedWidth{w: 104}, right), cols)
}

func (p *peopleEditor) refresh() {
	people, err := p.g.journal.People.List()
	if err != nil {
		p.rows.Objects = []fyne.CanvasObject{wrapped(sentence.Error(err, p.g.dir))}
		p.rows.Refresh()
		return
	}
	p.people = people
	if len(people) == 0 {
		l := caption(i18n.X("gui.share.people.empty"))
		l.Importance = widget.WarningImportance
		p.rows.Objects = []fyne.CanvasObject{l}
		p.rows.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for _, person := range people {
		pseudo := widget.NewLabel(person.Pseudonym)
		pseudo.TextStyle.Bold = true
		name, role := widget.NewLabel(person.Name), widget.NewLabel(person.Role)
		name.Truncation, pseudo.Truncation, role.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
		remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { p.remove(person.Name) }}
		objs = append(objs, peopleRow(container.NewGridWithColumns(3, name, pseudo, role), remove))
	}
	p.rows.Objects = objs
	p.rows.Refresh()
}

func (p *peopleEditor) add() {
	p.g.touch()
	err := p.g.journal.People.Add(app.Person{Name: p.name.Text, Pseudonym: p.pseudo.Text, Role: p.role.Text})
	if err != nil {
		p.g.showInfo(i18n.X("gui.share.people.title"), peopleError(err))
		return
	}
	p.name.SetText("")
	p.pseudo.SetText("")
	p.role.SetText("")
	p.refresh()
	p.g.win.Canvas().Focus(p.name)
}

func peopleError(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "give a name"):
		return i18n.X("gui.share.people.need_both")
	case strings.Contains(msg, "must differ"):
		return i18n.X("gui.share.people.differ")
	}
	return sentence.Error(err, "")
}

func (p *peopleEditor) remove(name string) {
	p.g.touch()
	if err := p.g.journal.People.Remove(name); err != nil {
		p.g.showError(err)
		return
	}
	p.refresh()
}

// ---- the report's choices ----

// reportOptions are the choices of a report, as "temoin report" offers
// them: period or chosen incidents, language, pseudonymisation (on, with
// the people list at hand), medical notes (off), the author's name or a
// pseudonym, the request to the committee, thumbnails. The send screen
// uses it too, for the report of the bundle.
type reportOptions struct {
	g *gui

	mode      *widget.RadioGroup
	since     *xwidget.DateEntry
	until     *xwidget.DateEntry
	picker    *incidentPicker
	periodBox *fyne.Container
	pickBox   *fyne.Container

	language     *widget.Select
	pseudo       *widget.Check
	people       *peopleEditor
	peopleBox    *fyne.Container
	namesWarn    *widget.Label
	health       *widget.Check
	healthWarn   *widget.Label
	authorPseudo *widget.Check
	authorName   *xwidget.Entry
	request      *xwidget.Entry
	thumbs       *widget.Check

	// onChanged is called when the selection changes.
	onChanged func()
}

func newReportOptions(g *gui) *reportOptions {
	return &reportOptions{g: g}
}

func (o *reportOptions) changed() {
	o.g.touch()
	if o.onChanged != nil {
		o.onChanged()
	}
}

func (o *reportOptions) newDate() *xwidget.DateEntry {
	d := xwidget.NewDateEntry()
	d.OnEscape = o.g.escape
	d.SetPlaceHolder(i18n.X("gui.editor.date_placeholder"))
	d.OnChanged = func(*time.Time) { o.changed() }
	return d
}

// selectionUI is the part that chooses the incidents.
func (o *reportOptions) selectionUI() fyne.CanvasObject {
	periodLabel := i18n.X("gui.share.options.period")
	pickLabel := i18n.X("gui.share.options.chosen")
	o.since, o.until = o.newDate(), o.newDate()
	o.picker = newIncidentPicker(o.g, o.changed)
	o.periodBox = container.NewVBox(
		container.NewGridWithColumns(2,
			labelled(i18n.X("gui.share.options.since"), o.since),
			labelled(i18n.X("gui.share.options.until"), o.until)),
		caption(i18n.X("gui.share.options.period_help")))
	o.pickBox = container.NewVBox(o.picker.buildUI())
	o.pickBox.Hide()
	o.mode = widget.NewRadioGroup([]string{periodLabel, pickLabel}, func(v string) {
		o.periodBox.Hidden = v != periodLabel
		o.pickBox.Hidden = v != pickLabel
		o.periodBox.Refresh()
		o.pickBox.Refresh()
		o.changed()
	})
	o.mode.Horizontal = true
	o.mode.Required = true
	o.mode.SetSelected(periodLabel)
	return container.NewVBox(o.mode, o.periodBox, o.pickBox)
}

// choicesUI is the part that chooses what the report shows.
func (o *reportOptions) choicesUI() fyne.CanvasObject {
	o.language = newDocLanguage(o.g.touch)

	o.people = newPeopleEditor(o.g)
	o.peopleBox = container.NewVBox(o.people.buildUI())
	o.namesWarn = caption(i18n.X("gui.share.options.names_warning"))
	o.namesWarn.Importance = widget.WarningImportance
	o.namesWarn.Hide()
	o.pseudo = widget.NewCheck(i18n.X("gui.share.options.pseudonymize"), func(on bool) {
		o.namesWarn.Hidden = on
		o.namesWarn.Refresh()
		o.g.touch()
	})
	o.pseudo.SetChecked(true)

	o.healthWarn = wrapped(i18n.X("gui.share.options.health_warning"))
	o.healthWarn.Importance = widget.DangerImportance
	o.healthWarn.Hide()
	o.health = widget.NewCheck(i18n.X("gui.share.options.health"), func(on bool) {
		o.healthWarn.Hidden = !on
		o.healthWarn.Refresh()
		o.g.touch()
	})

	o.authorName = o.g.entry()
	o.authorName.SetPlaceHolder(i18n.X("gui.share.options.author_placeholder"))
	o.authorName.Hide()
	o.authorPseudo = widget.NewCheck(i18n.X("gui.share.options.author_pseudonym"), func(on bool) {
		o.authorName.Hidden = !on
		o.authorName.Refresh()
		o.g.touch()
	})
	o.thumbs = widget.NewCheck(i18n.X("gui.share.options.thumbnails"), func(bool) { o.g.touch() })
	o.request = o.g.multiLineEntry(3)
	o.request.SetPlaceHolder(i18n.X("gui.share.options.request_placeholder"))

	return container.NewVBox(
		o.pseudo,
		container.NewPadded(container.NewVBox(o.peopleBox, o.namesWarn)),
		o.health, o.healthWarn,
		o.authorPseudo, o.authorName,
		o.thumbs,
		labelled(i18n.X("gui.share.options.language"), o.language),
	)
}

// requestUI is the request to the committee.
func (o *reportOptions) requestUI() fyne.CanvasObject {
	return container.NewVBox(
		caption(i18n.X("gui.share.options.request_help")),
		o.request)
}

// chosenMode reports whether the incidents are picked by hand.
func (o *reportOptions) chosenMode() bool { return o.mode.Selected != o.mode.Options[0] }

// errNoneChosen and errBadPeriod explain a selection that cannot be used.
var (
	errNoneChosen = errors.New("no incident chosen")
	errBadPeriod  = errors.New("the period ends before it starts")
)

// options returns the choices as report.Options.
func (o *reportOptions) options() (report.Options, error) {
	opts := report.Options{
		Lang:           docLanguage(o.language),
		NoPseudonymize: !o.pseudo.Checked,
		IncludeHealth:  o.health.Checked,
		Thumbnails:     o.thumbs.Checked,
		Request:        strings.TrimSpace(o.request.Text),
		Now:            o.g.now(),
	}
	if o.authorPseudo.Checked {
		opts.AuthorPseudonym = strings.TrimSpace(o.authorName.Text)
	}
	if o.chosenMode() {
		opts.IncidentIDs = o.picker.ids()
		if len(opts.IncidentIDs) == 0 {
			return opts, errNoneChosen
		}
		return opts, nil
	}
	opts.Since, opts.Until = dateOf(o.since.Date), dateOf(o.until.Date)
	if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Until.Before(opts.Since) {
		return opts, errBadPeriod
	}
	return opts, nil
}

// selected returns the incidents the choices select.
func (o *reportOptions) selected() []*app.Incident {
	opts, err := o.options()
	if err != nil {
		return nil
	}
	if len(opts.IncidentIDs) > 0 {
		return o.g.journal.Incidents.List(app.Filter{IDs: opts.IncidentIDs})
	}
	return o.g.journal.Incidents.List(app.Filter{Since: opts.Since, Until: opts.Until})
}

// optionsError turns a report's error into a sentence.
func optionsError(err error) string {
	switch {
	case errors.Is(err, errNoneChosen):
		return i18n.X("gui.share.options.none_chosen")
	case errors.Is(err, errBadPeriod):
		return i18n.X("gui.share.options.bad_period")
	case errors.Is(err, report.ErrNoIncident):
		return i18n.X("gui.share.options.no_incident")
	case errors.Is(err, report.ErrNoIncidentChosen):
		return i18n.X("gui.share.letter.none_chosen")
	case errors.Is(err, context.Canceled):
		return i18n.X("gui.share.cancelled")
	}
	return shareError(err, "")
}

// ---- a document made in memory ----

// previewDPI is the resolution of the first page's preview: sharp enough
// once scaled down to the panel.
const previewDPI = 72

// document is a PDF made in memory, waiting to be saved.
type document struct {
	pdf   []byte
	res   *report.Result
	name  string // default file name
	saved string // where it was saved, once it was
}

// docPanel shows the document being made (a progress bar and Cancel),
// then its first page and what can be done with it: save it where the
// person chooses, then open it with the system's PDF reader.
type docPanel struct {
	g *gui

	box      *fyne.Container
	progress *widget.ProgressBar
	cancel   context.CancelFunc
	doc      *document

	saveBtn *widget.Button
	openBtn *widget.Button
	status  *widget.Label
	busy    bool
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

// start shows a progress bar and Cancel; it returns the context of the
// work.
func (p *docPanel) start(label string) context.Context {
	p.wipe()
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.busy = true
	p.progress = widget.NewProgressBar()
	stop := &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { p.g.touch(); cancel() }}
	p.box.Objects = []fyne.CanvasObject{subheading(label), p.progress, container.NewHBox(stop)}
	p.box.Refresh()
	return ctx
}

// progressFunc returns a progress callback that updates the bar from
// any goroutine, at most once per percent.
func (p *docPanel) progressFunc() func(done, total int) {
	bar := p.progress
	var mu sync.Mutex
	last := -1
	return func(done, total int) {
		pct := done * 100 / max(total, 1)
		mu.Lock()
		if pct == last {
			mu.Unlock()
			return
		}
		last = pct
		mu.Unlock()
		fyne.Do(func() { bar.SetValue(float64(pct) / 100) })
	}
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
		msg := wrapped(optionsError(err))
		if !errors.Is(err, context.Canceled) {
			msg.Importance = widget.DangerImportance
		}
		p.box.Objects = append(p.box.Objects, msg)
		p.box.Refresh()
		return
	}
	p.doc = doc
	var objs []fyne.CanvasObject
	title := subheading(i18n.X("gui.share.preview.ready"))
	objs = append(objs, title)
	if r := doc.res; r != nil {
		counts := []string{i18n.N("gui.share.count.pages", r.Pages), i18n.N("gui.share.count.incidents", r.Incidents)}
		if r.Evidence > 0 {
			counts = append(counts, i18n.N("gui.share.count.evidence", r.Evidence))
		}
		objs = append(objs, caption(strings.Join(counts, " · ")+". "+i18n.X("gui.share.preview.recorded")))
	}
	switch {
	case img != nil:
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.ScaleMode = canvas.ImageScaleSmooth
		c.SetMinSize(fyne.NewSize(280, 396))
		frame := canvas.NewRectangle(color.Transparent)
		frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
		frame.StrokeWidth = 1
		objs = append(objs, container.NewCenter(container.NewStack(c, frame)))
	case errors.Is(previewErr, report.ErrNoPreview):
		objs = append(objs, caption(i18n.X("gui.share.preview.no_tool")))
	default:
		objs = append(objs, caption(i18n.X("gui.share.preview.none")))
	}
	p.saveBtn = &widget.Button{Text: i18n.X("gui.share.save_as"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: p.save}
	p.openBtn = &widget.Button{Text: i18n.X("gui.share.open"), Icon: theme.FileApplicationIcon(), OnTapped: p.open}
	p.openBtn.Disable()
	p.status = caption(i18n.X("gui.share.preview.not_saved"))
	objs = append(objs, container.NewHBox(p.saveBtn, p.openBtn), p.status)
	if doc.res != nil {
		for _, w := range doc.res.Warnings {
			if msg := warningText(w); msg != "" {
				l := caption(msg)
				l.Importance = widget.WarningImportance
				objs = append(objs, l)
			}
		}
	}
	p.box.Objects = objs
	p.box.Refresh()
}

// warningText says what the person may want to fix.
func warningText(w report.Warning) string {
	switch w.Kind {
	case report.WarnNoProfile:
		return i18n.X("gui.share.warn.no_profile")
	case report.WarnNoPeople:
		return i18n.X("gui.share.warn.no_people")
	case report.WarnThumbnail:
		return i18n.X("gui.share.warn.thumbnail")
	}
	return ""
}

// save asks where to save the document.
func (p *docPanel) save() {
	if p.doc == nil {
		return
	}
	p.g.chooseSavePath(p.doc.name, func(path string) {
		if err := p.saveTo(path); err != nil {
			p.g.showError(err)
		}
	})
}

// saveTo writes the document to path (mode 0600).
func (p *docPanel) saveTo(path string) error {
	if p.doc == nil {
		return errors.New("nothing to save")
	}
	if err := writePrivateFile(path, p.doc.pdf); err != nil {
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
	}
	return nil
}

// open opens the saved document with the system's PDF reader.
func (p *docPanel) open() {
	if p.doc == nil || p.doc.saved == "" {
		return
	}
	openFile(p.g, p.doc.saved)
}

// wipe forgets the document and stops the work in progress.
func (p *docPanel) wipe() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	if p.doc != nil {
		clear(p.doc.pdf)
		p.doc = nil
	}
}

// openFile opens a file the person saved with the system's application.
func openFile(g *gui, path string) {
	g.touch()
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if err := openExternal(g.app, fileURL(abs)); err != nil {
		g.showError(err)
	}
}

// writePrivateFile writes data to path, readable by its owner only.
func writePrivateFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// ---- a read-only text ----

// readOnlyEntry is a multi-line entry whose text can be selected and
// copied, not changed.
type readOnlyEntry struct {
	widget.Entry
	onEscape func()
}

func newReadOnlyEntry(onEscape func()) *readOnlyEntry {
	e := &readOnlyEntry{onEscape: onEscape}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *readOnlyEntry) TypedRune(rune) {}

func (e *readOnlyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
	case fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *readOnlyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutPaste, *fyne.ShortcutCut, *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab lets Tab leave the text for the next control.
func (e *readOnlyEntry) AcceptsTab() bool { return false }

// ---- the screen ----

// Tabs of the report screen.
const (
	reportTabReport = iota
	reportTabDocuments
	reportTabProfile
)

// reportScreen makes the committee report and the other documents.
type reportScreen struct {
	g *gui
	m *mainScreen

	opts        *reportOptions
	tabs        *container.AppTabs
	generateBtn *widget.Button
	panel       *docPanel

	// documents
	letterPicker *incidentPicker
	letterBtn    *widget.Button
	docLang      *widget.Select // the language of the letter and of the RSST text
	rsstSel      *widget.Select
	rsstItems    []*app.Incident
	rsstText     *readOnlyEntry
	rsstCopy     *widget.Button

	// profile
	profName      *xwidget.Entry
	profFunction  *xwidget.Entry
	profWorkplace *xwidget.Entry
	profAuthority *xwidget.Entry
	profTown      *xwidget.Entry
	profAgri      *widget.Check
	profSave      *widget.Button
	profStatus    *widget.Label
}

func newReportScreen(g *gui, m *mainScreen) *reportScreen {
	return &reportScreen{g: g, m: m}
}

func (s *reportScreen) buildUI() fyne.CanvasObject {
	s.opts = newReportOptions(s.g)
	s.panel = newDocPanel(s.g)
	s.generateBtn = &widget.Button{Text: i18n.X("gui.share.report.generate"), Icon: theme.DocumentIcon(),
		Importance: widget.HighImportance, OnTapped: s.generate}

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{subheading(title)}, objs...)...))
	}
	reportTab := container.NewBorder(nil, container.NewPadded(container.NewHBox(s.generateBtn)), nil, nil,
		container.NewVScroll(container.NewVBox(
			section(i18n.X("gui.share.report.which"), s.opts.selectionUI()),
			section(i18n.X("gui.share.report.shown"), s.opts.choicesUI()),
			section(i18n.X("gui.share.report.request"), s.opts.requestUI()),
		)))

	s.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.X("gui.share.report.tab"), reportTab),
		container.NewTabItem(i18n.X("gui.share.documents.tab"), s.documentsUI(section)),
		container.NewTabItem(i18n.X("gui.share.profile.tab"), s.profileUI(section)),
	)
	preview := container.NewVScroll(container.NewPadded(s.panel.box))
	split := container.NewHSplit(s.tabs, preview)
	split.Offset = 0.6
	top := container.NewVBox(heading(i18n.X("gui.share.report.title")),
		caption(i18n.X("gui.share.report.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

// leave stops the work in progress and forgets the document (the
// screen is built again when it comes back).
func (s *reportScreen) leave() {
	if s.panel != nil {
		s.panel.wipe()
	}
}

// generate writes the report into memory, off the UI thread.
func (s *reportScreen) generate() {
	s.g.touch()
	if s.panel.busy {
		return
	}
	opts, err := s.opts.options()
	if err != nil {
		s.g.showInfo(i18n.X("gui.share.report.title"), optionsError(err))
		return
	}
	ctx := s.panel.start(i18n.X("gui.share.report.writing"))
	progress := s.panel.progressFunc()
	j := s.g.journal
	name := reportFileName(opts.Lang, s.g.now())
	s.generateBtn.Disable()
	s.g.async(func() {
		var buf bytes.Buffer
		res, err := report.Write(ctx, report.JournalSource(j), opts, &buf, progress)
		var img image.Image
		var perr error
		if err == nil {
			img, perr = report.PreviewDPI(ctx, buf.Bytes(), previewDPI)
		} else {
			clear(buf.Bytes())
		}
		fyne.Do(func() {
			s.generateBtn.Enable()
			s.panel.finish(&document{pdf: buf.Bytes(), res: res, name: name}, img, perr, err)
		})
	})
}

// reportFileName is the report's default name: rapport-F3SCT-2026-11-22.pdf.
func reportFileName(language i18n.Lang, now time.Time) string {
	if language == i18n.English {
		return "report-F3SCT-" + now.Format("2006-01-02") + ".pdf"
	}
	return "rapport-F3SCT-" + now.Format("2006-01-02") + ".pdf"
}

func letterFileName(language i18n.Lang, now time.Time) string {
	if language == i18n.English {
		return "letter-protection-fonctionnelle-" + now.Format("2006-01-02") + ".pdf"
	}
	return "lettre-protection-fonctionnelle-" + now.Format("2006-01-02") + ".pdf"
}

// documentsUI: the letter requesting protection fonctionnelle and the RSST
// text of an incident.
func (s *reportScreen) documentsUI(section func(string, ...fyne.CanvasObject) fyne.CanvasObject) fyne.CanvasObject {
	s.docLang = newDocLanguage(s.showRSST)
	s.letterPicker = newIncidentPicker(s.g, nil)
	s.letterBtn = &widget.Button{Text: i18n.X("gui.share.letter.generate"), Icon: theme.DocumentCreateIcon(),
		Importance: widget.HighImportance, OnTapped: s.generateLetter}
	letter := section(i18n.X("gui.share.letter.title"), caption(i18n.X("gui.share.letter.help")),
		s.letterPicker.buildUI(),
		container.NewHBox(s.letterBtn))

	s.rsstItems = s.g.journal.Incidents.List(app.Filter{})
	labels := make([]string, len(s.rsstItems))
	for i, in := range s.rsstItems {
		labels[i] = incidentLabel(in)
	}
	s.rsstText = newReadOnlyEntry(s.g.escape)
	s.rsstText.SetMinRowsVisible(8)
	s.rsstText.SetPlaceHolder(i18n.X("gui.share.rsst.placeholder"))
	s.rsstCopy = &widget.Button{Text: i18n.X("gui.share.copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		s.g.touch()
		s.g.app.Clipboard().SetContent(s.rsstText.Text)
	}}
	s.rsstCopy.Disable()
	s.rsstSel = widget.NewSelect(labels, func(string) { s.showRSST() })
	s.rsstSel.PlaceHolder = i18n.X("gui.share.rsst.choose")
	rsst := section(i18n.X("gui.share.rsst.title"), caption(i18n.X("gui.share.rsst.help")),
		s.rsstSel, s.rsstText, container.NewHBox(s.rsstCopy))
	lang := labelled(i18n.X("gui.share.options.language"), container.NewHBox(s.docLang))
	return container.NewVScroll(container.NewVBox(container.NewPadded(lang), letter, rsst))
}

// generateLetter writes the letter into memory, off the UI thread.
func (s *reportScreen) generateLetter() {
	s.g.touch()
	if s.panel.busy {
		return
	}
	ids := s.letterPicker.ids()
	if len(ids) == 0 {
		s.g.showInfo(i18n.X("gui.share.letter.title"), optionsError(report.ErrNoIncidentChosen))
		return
	}
	ro, _ := s.opts.options()
	opts := report.LetterOptions{IncidentIDs: ids, Lang: docLanguage(s.docLang), NoPseudonymize: ro.NoPseudonymize, IncludeHealth: ro.IncludeHealth, Now: s.g.now()}
	ctx := s.panel.start(i18n.X("gui.share.letter.writing"))
	j := s.g.journal
	name := letterFileName(opts.Lang, s.g.now())
	s.letterBtn.Disable()
	s.g.async(func() {
		var buf bytes.Buffer
		res, err := report.WriteLetter(ctx, report.JournalSource(j), opts, &buf)
		var img image.Image
		var perr error
		if err == nil {
			img, perr = report.PreviewDPI(ctx, buf.Bytes(), previewDPI)
		}
		fyne.Do(func() {
			s.letterBtn.Enable()
			s.panel.finish(&document{pdf: buf.Bytes(), res: res, name: name}, img, perr, err)
		})
	})
}

// showRSST shows the RSST text of the incident chosen.
func (s *reportScreen) showRSST() {
	s.g.touch()
	i := s.rsstSel.SelectedIndex()
	if i < 0 || i >= len(s.rsstItems) {
		return
	}
	text, err := report.RSST(report.JournalSource(s.g.journal), s.rsstItems[i].ID, report.RSSTOptions{Lang: docLanguage(s.docLang), Now: s.g.now()})
	if err != nil {
		s.g.showError(err)
		return
	}
	s.rsstText.SetText(text)
	s.rsstCopy.Enable()
}

// profileUI: the author as documents name them.
func (s *reportScreen) profileUI(section func(string, ...fyne.CanvasObject) fyne.CanvasObject) fyne.CanvasObject {
	p, err := s.g.journal.Settings.Profile()
	s.profName, s.profFunction, s.profWorkplace = s.g.entry(), s.g.entry(), s.g.entry()
	s.profAuthority, s.profTown = s.g.entry(), s.g.entry()
	s.profAgri = widget.NewCheck(i18n.X("gui.share.profile.agricultural"), func(bool) { s.g.touch() })
	s.profName.SetText(p.Name)
	s.profFunction.SetText(p.Function)
	s.profWorkplace.SetText(p.Workplace)
	s.profAuthority.SetText(p.Authority)
	s.profTown.SetText(p.Town)
	s.profAgri.SetChecked(p.Agricultural)
	s.profName.SetPlaceHolder(i18n.X("gui.share.profile.name_placeholder"))
	s.profFunction.SetPlaceHolder(i18n.X("gui.share.profile.function_placeholder"))
	s.profWorkplace.SetPlaceHolder(i18n.X("gui.share.profile.workplace_placeholder"))
	s.profAuthority.SetPlaceHolder(i18n.X("gui.share.profile.authority_placeholder"))
	s.profTown.SetPlaceHolder(i18n.X("gui.share.profile.town_placeholder"))
	s.profSave = &widget.Button{Text: i18n.X("gui.share.profile.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: s.saveProfile}
	s.profStatus = caption("")
	if err != nil {
		s.profStatus.SetText(sentence.Error(err, s.g.dir))
	}
	return container.NewVScroll(section(i18n.X("gui.share.profile.title"), caption(i18n.X("gui.share.profile.help")),
		form(
			field(i18n.X("gui.share.profile.name"), s.profName, ""),
			field(i18n.X("gui.share.profile.function"), s.profFunction, ""),
			field(i18n.X("gui.share.profile.workplace"), s.profWorkplace, ""),
			field(i18n.X("gui.share.profile.authority"), s.profAuthority, i18n.X("gui.share.profile.authority_hint")),
			field(i18n.X("gui.share.profile.town"), s.profTown, ""),
		),
		s.profAgri,
		container.NewHBox(s.profSave),
		s.profStatus))
}

func (s *reportScreen) saveProfile() {
	s.g.touch()
	p := app.Profile{Name: s.profName.Text, Function: s.profFunction.Text, Workplace: s.profWorkplace.Text,
		Authority: s.profAuthority.Text, Town: s.profTown.Text, Agricultural: s.profAgri.Checked}
	if err := s.g.journal.Settings.SetProfile(p); err != nil {
		var fe *app.FieldError
		if errors.As(err, &fe) {
			s.g.showInfo(i18n.X("gui.share.profile.title"), fieldMessage(fe))
			return
		}
		s.g.showError(err)
		return
	}
	s.profStatus.SetText(i18n.X("gui.share.profile.saved"))
	s.profStatus.Importance = widget.SuccessImportance
	s.profStatus.Refresh()
}
