package ui

import (
	"context"
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// exportTab is the send screen's bundle: for whom (representatives, or a
// passphrase), which incidents and what the report shows, which evidence.
type exportTab struct {
	s *sendScreen

	toMode    *widget.RadioGroup
	repChecks []*widget.Check // one per representative, in the screen's order
	repBox    *fyne.Container
	pass      *control.Entry
	pass2     *control.Entry
	passBox   *fyne.Container
	opts      *reportOptions
	evMode    *widget.RadioGroup
	evBox     *fyne.Container
	evChecks  map[string]*widget.Check // evidence id → its box
	exportBtn *widget.Button

	cancel context.CancelFunc   // the export in progress, if any
	result *bundle.ExportResult // the last bundle written (tests)
	done   *writtenDialog       // what was said about it (tests)
}

func (t *exportTab) buildUI() fyne.CanvasObject {
	g := t.s.g
	t.opts = newReportOptions(g)
	t.opts.onChanged = t.refreshEvidence
	t.exportBtn = &widget.Button{Text: i18n.X("gui.share.send.export"), Icon: theme.MailSendIcon(),
		Importance: widget.HighImportance, OnTapped: t.prepare}
	evidence := t.evidenceUI()
	return container.NewBorder(nil, container.NewPadded(container.NewHBox(t.exportBtn)), nil, nil,
		container.NewVScroll(container.NewVBox(
			section(i18n.X("gui.share.send.who"), t.recipientsUI()...),
			section(i18n.X("gui.share.report.which"), t.opts.selectionUI()),
			section(i18n.X("gui.share.send.report"), t.opts.choicesUI()),
			section(i18n.X("gui.share.report.request"), t.opts.requestUI()),
			section(i18n.X("gui.share.send.evidence"), append([]fyne.CanvasObject{caption(i18n.X("gui.share.send.evidence_help"))}, evidence...)...),
		)))
}

// recipientsUI chooses who can open the bundle.
func (t *exportTab) recipientsUI() []fyne.CanvasObject {
	g := t.s.g
	t.repBox = container.NewVBox()
	t.pass, t.pass2 = g.passwordEntry(), g.passwordEntry()
	t.pass.SetPlaceHolder(i18n.X("gui.share.send.passphrase"))
	t.pass2.SetPlaceHolder(i18n.X("gui.share.send.passphrase_again"))
	t.passBox = container.NewVBox(t.pass, t.pass2, caption(i18n.X("gui.share.send.passphrase_help")))
	toReps, toPass := i18n.X("gui.share.send.to_reps"), i18n.X("gui.share.send.to_passphrase")
	t.toMode = widget.NewRadioGroup([]string{toReps, toPass}, func(v string) {
		t.repBox.Hidden = v != toReps
		t.passBox.Hidden = v != toPass
		t.repBox.Refresh()
		t.passBox.Refresh()
	})
	t.toMode.Horizontal = true
	t.toMode.Required = true
	t.toMode.SetSelected(toReps)
	return []fyne.CanvasObject{t.toMode, t.repBox, t.passBox}
}

// evidenceUI chooses the evidence: all, none, or one by one.
func (t *exportTab) evidenceUI() []fyne.CanvasObject {
	t.evBox = container.NewVBox()
	all := i18n.X("gui.share.send.evidence_all")
	t.evMode = widget.NewRadioGroup([]string{all, i18n.X("gui.share.send.evidence_none"), i18n.X("gui.share.send.evidence_chosen")},
		func(string) { t.refreshEvidence() })
	t.evMode.Horizontal = true
	t.evMode.Required = true
	t.evMode.SetSelected(all)
	return []fyne.CanvasObject{t.evMode, t.evBox}
}

// showRecipients offers the representatives as recipients (the only one
// ticked already).
func (t *exportTab) showRecipients(reps []app.Representative) {
	t.repChecks = nil
	var checks []fyne.CanvasObject
	for _, r := range reps {
		label := r.Name
		if r.Org != "" {
			label += " (" + r.Org + ")"
		}
		c := widget.NewCheck(label, func(bool) { t.s.g.touch() })
		c.Checked = len(reps) == 1
		t.repChecks = append(t.repChecks, c)
		checks = append(checks, c)
	}
	if len(checks) == 0 {
		addFirst := &widget.Button{Text: i18n.X("gui.share.reps.add"), Icon: theme.ContentAddIcon(), OnTapped: t.s.list.showAdd}
		checks = []fyne.CanvasObject{caption(i18n.X("gui.share.send.no_reps")), container.NewHBox(addFirst)}
	}
	t.repBox.Objects = checks
	t.repBox.Refresh()
}

// refreshEvidence lists the evidence files of the incidents selected,
// when the person chooses them one by one.
func (t *exportTab) refreshEvidence() {
	if t.evMode == nil || t.evBox == nil {
		return
	}
	old := t.evChecks
	t.evChecks = map[string]*widget.Check{}
	t.evBox.Objects = nil
	if radioIndex(t.evMode) == 2 {
		for _, in := range t.opts.selected() {
			for _, ev := range in.Evidence {
				if ev.IsLink() {
					continue
				}
				c := widget.NewCheck(shorten(ev.Name, 60)+"  ·  "+i18n.Size(ev.Size)+"  ·  "+i18n.Date(in.OccurredAt.Local()), func(bool) { t.s.g.touch() })
				if prev, ok := old[ev.ID]; ok {
					c.Checked = prev.Checked
				}
				t.evChecks[ev.ID] = c
				t.evBox.Add(c)
			}
		}
		if len(t.evChecks) == 0 {
			t.evBox.Add(caption(i18n.X("gui.share.send.evidence_empty")))
		}
	}
	t.evBox.Refresh()
}

// evidenceChoice returns the evidence chosen.
func (t *exportTab) evidenceChoice() bundle.EvidenceChoice {
	switch radioIndex(t.evMode) {
	case 1:
		return bundle.EvidenceChoice{None: true}
	case 2:
		var ids []string
		for id, c := range t.evChecks {
			if c.Checked {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return bundle.EvidenceChoice{None: true}
		}
		return bundle.EvidenceChoice{IDs: ids}
	}
	return bundle.EvidenceChoice{}
}

// options gathers the choices, or says what is missing.
func (t *exportTab) options() (bundle.ExportOptions, error) {
	ro, err := t.opts.options()
	if err != nil {
		return bundle.ExportOptions{}, err
	}
	opts := bundle.ExportOptions{Report: ro, Evidence: t.evidenceChoice()}
	if radioIndex(t.toMode) == 0 {
		for i, c := range t.repChecks {
			if c.Checked && i < len(t.s.reps) {
				opts.To = append(opts.To, t.s.reps[i].Key)
			}
		}
		if len(opts.To) == 0 {
			return opts, bundle.ErrNoRecipient
		}
		return opts, nil
	}
	switch {
	case t.pass.Text == "":
		return opts, present.Said(i18n.X("gui.share.send.passphrase_needed"))
	case t.pass.Text != t.pass2.Text:
		return opts, present.Said(i18n.X("gui.share.send.passphrase_mismatch"))
	}
	if err := app.CheckPassphrase([]byte(t.pass.Text)); err != nil {
		return opts, err
	}
	opts.Passphrase = []byte(t.pass.Text)
	return opts, nil
}

// prepare checks the choices, then asks where to write the bundle.
func (t *exportTab) prepare() {
	g := t.s.g
	g.touch()
	if t.cancel != nil {
		return
	}
	opts, err := t.options()
	if err != nil {
		g.showInfo(i18n.X("gui.share.send.title"), g.say(err))
		return
	}
	clear(opts.Passphrase)
	g.pick.save(bundle.DefaultFileName(g.now()), func(path string) {
		opts, err := t.options() // again: the passphrase was cleared
		if err != nil {
			g.showInfo(i18n.X("gui.share.send.title"), g.say(err))
			return
		}
		t.exportTo(path, opts)
	})
}

func (t *exportTab) stop() {
	if t.cancel != nil {
		t.cancel()
	}
}

// exportTo writes the bundle to path, off the UI thread, with a progress
// dialog and Cancel.
func (t *exportTab) exportTo(path string, opts bundle.ExportOptions) {
	g := t.s.g
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	dlg := g.showProgress(i18n.X("gui.share.send.writing"), i18n.X("progress.export.preparing"), cancel)
	opts.Out, opts.Overwrite = path, true // the file dialog made it, and asked before replacing one
	opts.Progress = dlg.progress(nil).Export()
	j := g.journal
	g.async(func() {
		res, err := bundle.Export(ctx, bundle.JournalSource(j), opts)
		clear(opts.Passphrase)
		fyne.Do(func() {
			dlg.close()
			t.exported(path, res, err)
		})
	})
}

// exported says what became of the bundle.
func (t *exportTab) exported(path string, res *bundle.ExportResult, err error) {
	g := t.s.g
	t.cancel = nil
	if err != nil {
		// The file dialog made an empty file: leave nothing behind.
		if st, serr := os.Stat(path); serr == nil && st.Size() == 0 {
			os.Remove(path)
		}
		title := i18n.X("gui.share.send.failed")
		if errors.Is(err, context.Canceled) {
			title = i18n.X("gui.share.send.title")
		}
		g.showInfo(title, present.Error(err, present.Where{Vault: g.dir, File: path}))
		return
	}
	t.result = res
	t.pass.SetText("")
	t.pass2.SetText("")
	body := []fyne.CanvasObject{
		monospace(path),
		wrapped(i18n.X("gui.share.send.done_contents",
			map[string]any{"Size": i18n.Size(res.Size), "Counts": present.Counts(len(res.Manifest.Incidents), len(res.Manifest.Evidence))})),
		wrapped(t.recipientsText(res)),
		wrapped(i18n.X("gui.share.send.how_to_open")),
		caption(i18n.X("bundle.export.advice")),
	}
	t.done = g.showWritten(i18n.X("gui.share.send.done"), body, present.BundleTooBig(res.Size), path)
}

// recipientsText says for whom the bundle was made.
func (t *exportTab) recipientsText(res *bundle.ExportResult) string {
	if len(res.Recipients) == 0 {
		return i18n.X("gui.share.send.done_passphrase")
	}
	var names []string
	for _, k := range res.Recipients {
		n := k[:min(len(k), 16)] + "…"
		for _, r := range t.s.reps {
			if r.Key == k {
				n = r.Name
			}
		}
		names = append(names, n)
	}
	return i18n.X("gui.share.send.done_for", map[string]any{"Names": strings.Join(names, ", ")})
}
