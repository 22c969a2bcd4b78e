package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// The send screen: the representatives (name, organisation, age public
// key, its fingerprint to compare by phone), then an encrypted bundle for
// one or more of them, or protected by a passphrase: the report with the
// same choices as the report screen, incidents.json, the evidence chosen.
// The bundle is written straight to the file the person chooses,
// encrypted as it is written (package bundle): nothing readable touches
// the disk.

func init() {
	registerScreen("send", func(g *gui, m *mainScreen) screen { return &sendScreen{g: g, m: m} })
}

// Tabs of the send screen.
const (
	sendTabReps = iota
	sendTabExport
)

type sendScreen struct {
	g *gui
	m *mainScreen

	tabs *container.AppTabs

	// representatives
	reps    []app.Representative
	repList *fyne.Container
	addBtn  *widget.Button

	// the bundle
	toMode    *widget.RadioGroup
	repChecks []*widget.Check // one per representative, in reps' order
	repBox    *fyne.Container
	pass      *xwidget.Entry
	pass2     *xwidget.Entry
	passBox   *fyne.Container
	opts      *reportOptions
	evMode    *widget.RadioGroup
	evBox     *fyne.Container
	evChecks  map[string]*widget.Check // evidence id → its box
	exportBtn *widget.Button

	// the dialog adding a representative, while it is open (tests)
	addName, addKey *xwidget.Entry
	addFP           *widget.Label
	addDlg          *dialog.FormDialog

	// the export in progress
	progress  *widget.ProgressBar
	progLabel *widget.Label
	progDlg   dialog.Dialog
	cancel    context.CancelFunc
	result    *bundle.ExportResult // the last bundle written (tests)
}

func (s *sendScreen) buildUI() fyne.CanvasObject {
	s.repList = container.NewVBox()
	s.addBtn = &widget.Button{Text: i18n.X("gui.share.reps.add"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.addDialog}
	next := &widget.Button{Text: i18n.X("gui.share.send.prepare"), Icon: theme.NavigateNextIcon(),
		OnTapped: func() { s.g.touch(); s.tabs.SelectIndex(sendTabExport) }}
	repsTab := container.NewBorder(
		container.NewPadded(container.NewVBox(
			caption(i18n.X("gui.share.reps.help")),
			container.NewHBox(s.addBtn))),
		container.NewPadded(container.NewHBox(layout.NewSpacer(), next)), nil, nil,
		container.NewVScroll(container.NewPadded(s.repList)))

	s.opts = newReportOptions(s.g)
	s.opts.onChanged = s.refreshEvidence
	s.repBox = container.NewVBox()
	s.pass, s.pass2 = s.g.passwordEntry(), s.g.passwordEntry()
	s.pass.SetPlaceHolder(i18n.X("gui.share.send.passphrase"))
	s.pass2.SetPlaceHolder(i18n.X("gui.share.send.passphrase_again"))
	s.passBox = container.NewVBox(s.pass, s.pass2,
		caption(i18n.X("gui.share.send.passphrase_help")))
	toReps := i18n.X("gui.share.send.to_reps")
	toPass := i18n.X("gui.share.send.to_passphrase")
	s.toMode = widget.NewRadioGroup([]string{toReps, toPass}, func(v string) {
		s.repBox.Hidden = v != toReps
		s.passBox.Hidden = v != toPass
		s.repBox.Refresh()
		s.passBox.Refresh()
	})
	s.toMode.Horizontal = true
	s.toMode.Required = true

	s.evBox = container.NewVBox()
	evAll := i18n.X("gui.share.send.evidence_all")
	s.evMode = widget.NewRadioGroup([]string{evAll, i18n.X("gui.share.send.evidence_none"), i18n.X("gui.share.send.evidence_chosen")},
		func(string) { s.refreshEvidence() })
	s.evMode.Horizontal = true
	s.evMode.Required = true

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{subheading(title)}, objs...)...))
	}
	s.exportBtn = &widget.Button{Text: i18n.X("gui.share.send.export"), Icon: theme.MailSendIcon(),
		Importance: widget.HighImportance, OnTapped: s.prepare}
	exportTab := container.NewBorder(nil, container.NewPadded(container.NewHBox(s.exportBtn)), nil, nil,
		container.NewVScroll(container.NewVBox(
			section(i18n.X("gui.share.send.who"), s.toMode, s.repBox, s.passBox),
			section(i18n.X("gui.share.report.which"), s.opts.selectionUI()),
			section(i18n.X("gui.share.send.report"), s.opts.choicesUI()),
			section(i18n.X("gui.share.report.request"), s.opts.requestUI()),
			section(i18n.X("gui.share.send.evidence"), caption(i18n.X("gui.share.send.evidence_help")),
				s.evMode, s.evBox),
		)))

	s.refreshReps()
	s.toMode.SetSelected(toReps)
	s.evMode.SetSelected(evAll)

	s.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.X("gui.share.reps.tab"), repsTab),
		container.NewTabItem(i18n.X("gui.share.send.tab"), exportTab),
	)
	if len(s.reps) > 0 {
		s.tabs.SelectIndex(sendTabExport)
	}
	top := container.NewVBox(heading(i18n.X("gui.share.send.title")),
		caption(i18n.X("gui.share.send.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, s.tabs)
}

// leave stops an export in progress.
func (s *sendScreen) leave() {
	if s.cancel != nil {
		s.cancel()
	}
}

// ---- representatives ----

func (s *sendScreen) refreshReps() {
	reps, err := s.g.journal.Representatives.List()
	if err != nil {
		s.repList.Objects = []fyne.CanvasObject{wrapped(sentence.Error(err, s.g.dir))}
		s.repList.Refresh()
		return
	}
	s.reps = reps
	if len(reps) == 0 {
		title := subheading(i18n.X("gui.share.reps.none"))
		title.Alignment = fyne.TextAlignCenter
		text := wrapped(i18n.X("gui.share.reps.none_help"))
		text.Alignment = fyne.TextAlignCenter
		s.repList.Objects = []fyne.CanvasObject{container.NewCenter(container.NewVBox(widget.NewIcon(theme.AccountIcon()), title, card(460, text)))}
	} else {
		var objs []fyne.CanvasObject
		for _, r := range reps {
			objs = append(objs, s.repCard(r))
		}
		s.repList.Objects = objs
	}
	s.repList.Refresh()

	// The recipients of the bundle.
	s.repChecks = nil
	var checks []fyne.CanvasObject
	for _, r := range reps {
		label := r.Name
		if r.Org != "" {
			label += " (" + r.Org + ")"
		}
		c := widget.NewCheck(label, func(bool) { s.g.touch() })
		c.Checked = len(reps) == 1
		s.repChecks = append(s.repChecks, c)
		checks = append(checks, c)
	}
	if len(checks) == 0 {
		addFirst := &widget.Button{Text: i18n.X("gui.share.reps.add"), Icon: theme.ContentAddIcon(), OnTapped: s.addDialog}
		checks = []fyne.CanvasObject{caption(i18n.X("gui.share.send.no_reps")), container.NewHBox(addFirst)}
	}
	s.repBox.Objects = checks
	s.repBox.Refresh()
}

func (s *sendScreen) repCard(r app.Representative) fyne.CanvasObject {
	name := widget.NewLabel(r.Name)
	name.TextStyle.Bold = true
	head := []fyne.CanvasObject{name}
	if r.Org != "" {
		head = append(head, widget.NewLabel(r.Org))
	}
	fp := widget.NewLabel(r.Fingerprint())
	fp.TextStyle.Monospace = true
	fp.TextStyle.Bold = true
	key := caption(r.Key)
	key.TextStyle.Monospace = true
	key.Wrapping = fyne.TextWrapBreak
	remove := &widget.Button{Text: i18n.X("gui.share.reps.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.confirmRemove(r) }}
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, container.NewHBox(head...)),
		container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), fp,
			container.NewCenter(caption(i18n.X("gui.share.reps.compare_short")))),
		key))
}

func (s *sendScreen) confirmRemove(r app.Representative) {
	s.g.confirm(i18n.X("gui.share.reps.remove_title"), i18n.X("gui.share.reps.remove_confirm", map[string]any{"Name": r.Name}), i18n.X("gui.share.reps.remove_yes"), i18n.X("gui.cancel"), func() { s.removeRep(r.Name) })
}

func (s *sendScreen) removeRep(name string) {
	if err := s.g.journal.Representatives.Remove(name); err != nil {
		s.g.showInfo(i18n.X("gui.share.reps.title"), shareError(err, s.g.dir))
		return
	}
	s.refreshReps()
}

// addRep adds a representative; it says why it did not.
func (s *sendScreen) addRep(name, org, key string) error {
	s.g.touch()
	_, err := s.g.journal.Representatives.Add(app.Representative{Name: name, Org: org, Key: key})
	if err != nil {
		return err
	}
	s.refreshReps()
	return nil
}

// addDialog asks for a name, an organisation and a key (pasted, or read
// from a key file), showing the key's fingerprint as soon as it is valid.
func (s *sendScreen) addDialog() {
	s.g.touch()
	name, org, key := s.g.entry(), s.g.entry(), s.g.entry()
	name.SetPlaceHolder(i18n.X("gui.share.reps.name_placeholder"))
	org.SetPlaceHolder(i18n.X("gui.share.reps.org_placeholder"))
	key.SetPlaceHolder("age1…")
	name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(i18n.X("gui.share.reps.name_needed"))
		}
		return nil
	}
	key.Validator = func(v string) error {
		if _, err := app.ParsePublicKey(v); err != nil {
			return errors.New(i18n.X("gui.share.reps.key_invalid"))
		}
		return nil
	}
	fp := widget.NewLabel("")
	fp.TextStyle.Monospace = true
	fp.TextStyle.Bold = true
	fpHelp := caption(i18n.X("gui.share.reps.compare"))
	fp.SetText("—")
	fpBox := container.NewVBox(container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), fp), fpHelp)
	key.OnChanged = func(v string) {
		// The fingerprint shows as soon as the key is valid.
		if k, err := app.ParsePublicKey(v); err == nil {
			fp.SetText(app.KeyFingerprint(k))
		} else {
			fp.SetText("—")
		}
	}
	fromFile := &widget.Button{Text: i18n.X("gui.share.reps.key_file"), Icon: theme.FolderOpenIcon(), Importance: widget.LowImportance,
		OnTapped: func() {
			s.g.chooseOpenPath(func(path string) {
				k, err := keyFromFile(path)
				if err != nil {
					s.g.showInfo(i18n.X("gui.share.reps.title"), shareError(err, s.g.dir))
					return
				}
				key.SetText(k)
			})
		}}
	d := dialog.NewForm(i18n.X("gui.share.reps.add_title"), i18n.X("gui.share.reps.add_yes"), i18n.X("gui.cancel"), []*widget.FormItem{
		field(i18n.X("gui.share.reps.name"), name, ""),
		field(i18n.X("gui.share.reps.org"), org, ""),
		field(i18n.X("gui.share.reps.key"), container.NewVBox(key, container.NewHBox(fromFile)), ""),
		{Widget: fpBox},
	}, func(ok bool) {
		if !ok {
			return
		}
		if err := s.addRep(name.Text, org.Text, key.Text); err != nil {
			s.g.showInfo(i18n.X("gui.share.reps.title"), shareError(err, s.g.dir))
		}
	}, s.g.win)
	d.Resize(fyne.NewSize(660, 1))
	s.addName, s.addKey, s.addFP, s.addDlg = name, key, fp, d
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(name)
}

// keyFromFile reads the public key in a key file (age-keygen, temoin
// keygen, or one age1… line).
func keyFromFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10+1))
	if err != nil {
		return "", err
	}
	defer clear(data) // it may hold a secret key
	return app.PublicKeyFromFile(data)
}

// ---- the bundle ----

// refreshEvidence lists the evidence files of the incidents selected,
// when the person chooses them one by one.
func (s *sendScreen) refreshEvidence() {
	if s.evMode == nil || s.evBox == nil {
		return
	}
	if radioIndex(s.evMode) != 2 {
		s.evBox.Objects = nil
		s.evBox.Refresh()
		return
	}
	old := s.evChecks
	s.evChecks = map[string]*widget.Check{}
	var objs []fyne.CanvasObject
	for _, in := range s.opts.selected() {
		for _, ev := range in.Evidence {
			if ev.IsLink() {
				continue
			}
			c := widget.NewCheck(shorten(ev.Name, 60)+"  ·  "+i18n.Size(ev.Size)+"  ·  "+i18n.Date(in.OccurredAt.Local()), func(bool) { s.g.touch() })
			if prev, ok := old[ev.ID]; ok {
				c.Checked = prev.Checked
			}
			s.evChecks[ev.ID] = c
			objs = append(objs, c)
		}
	}
	if len(objs) == 0 {
		objs = []fyne.CanvasObject{caption(i18n.X("gui.share.send.evidence_empty"))}
	}
	s.evBox.Objects = objs
	s.evBox.Refresh()
}

// evidenceChoice returns the evidence chosen.
func (s *sendScreen) evidenceChoice() bundle.EvidenceChoice {
	switch radioIndex(s.evMode) {
	case 1:
		return bundle.EvidenceChoice{None: true}
	case 2:
		var ids []string
		for id, c := range s.evChecks {
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

// exportOptions gathers the choices, or says what is missing.
func (s *sendScreen) exportOptions() (bundle.ExportOptions, string) {
	ro, err := s.opts.options()
	if err != nil {
		return bundle.ExportOptions{}, optionsError(err)
	}
	opts := bundle.ExportOptions{Report: ro, Evidence: s.evidenceChoice()}
	if radioIndex(s.toMode) == 0 {
		for i, c := range s.repChecks {
			if c.Checked && i < len(s.reps) {
				opts.To = append(opts.To, s.reps[i].Key)
			}
		}
		if len(opts.To) == 0 {
			return opts, i18n.X("gui.share.send.no_recipient")
		}
		return opts, ""
	}
	switch {
	case s.pass.Text == "":
		return opts, i18n.X("gui.share.send.passphrase_needed")
	case s.pass.Text != s.pass2.Text:
		return opts, i18n.X("gui.share.send.passphrase_mismatch")
	case len([]rune(s.pass.Text)) < app.MinPassphraseLength:
		return opts, i18n.X("gui.share.send.passphrase_short", map[string]any{"N": app.MinPassphraseLength})
	}
	opts.Passphrase = []byte(s.pass.Text)
	return opts, ""
}

// prepare checks the choices, then asks where to write the bundle.
func (s *sendScreen) prepare() {
	s.g.touch()
	if s.cancel != nil {
		return
	}
	opts, problem := s.exportOptions()
	if problem != "" {
		s.g.showInfo(i18n.X("gui.share.send.title"), problem)
		return
	}
	wipe(opts.Passphrase)
	s.g.chooseSavePath(bundle.DefaultFileName(s.g.now()), func(path string) {
		opts, problem := s.exportOptions() // again: the passphrase was wiped
		if problem != "" {
			s.g.showInfo(i18n.X("gui.share.send.title"), problem)
			return
		}
		s.exportTo(path, opts)
	})
}

// exportTo writes the bundle to path, off the UI thread, with a progress
// bar and Cancel.
func (s *sendScreen) exportTo(path string, opts bundle.ExportOptions) {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.progress = widget.NewProgressBar()
	s.progLabel = widget.NewLabel(i18n.X("gui.share.send.stage.preparing"))
	stop := &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	s.progDlg = dialog.NewCustomWithoutButtons(i18n.X("gui.share.send.writing"), card(420, container.NewVBox(s.progLabel, s.progress, container.NewCenter(stop))), s.g.win)
	s.g.showDialog(s.progDlg)
	cancelOnClose(s.g, s.progDlg, cancel)

	opts.Out, opts.Overwrite = path, true // the file dialog made it, and asked before replacing one
	bar, label := s.progress, s.progLabel
	var mu sync.Mutex
	var last time.Time
	var lastStage bundle.Stage = -1
	opts.Progress = func(p bundle.Progress) {
		mu.Lock()
		if p.Stage == lastStage && time.Since(last) < 100*time.Millisecond {
			mu.Unlock()
			return
		}
		last, lastStage = time.Now(), p.Stage
		mu.Unlock()
		value, text := exportProgress(p)
		fyne.Do(func() {
			bar.SetValue(value)
			label.SetText(text)
		})
	}
	j := s.g.journal
	s.g.async(func() {
		res, err := bundle.Export(ctx, bundle.JournalSource(j), opts)
		wipe(opts.Passphrase)
		fyne.Do(func() { s.exported(path, res, err) })
	})
}

// exportProgress turns an export's progress into a value and a label.
func exportProgress(p bundle.Progress) (float64, string) {
	switch p.Stage {
	case bundle.StageReport:
		return 0.05, i18n.X("gui.share.send.stage.report")
	case bundle.StageEvidence:
		v := 0.1
		if p.Total > 0 {
			v += 0.85 * float64(p.Done) / float64(p.Total)
		}
		return v, i18n.X("gui.share.send.stage.evidence", map[string]any{"Done": i18n.Size(p.Done), "Total": i18n.Size(p.Total)})
	case bundle.StageFinishing:
		return 1, i18n.X("gui.share.send.stage.finishing")
	}
	return 0, i18n.X("gui.share.send.stage.preparing")
}

// exported says what became of the bundle.
func (s *sendScreen) exported(path string, res *bundle.ExportResult, err error) {
	s.cancel = nil
	if s.progDlg != nil {
		s.progDlg.Hide()
		s.progDlg = nil
	}
	if err != nil {
		// The file dialog made an empty file: leave nothing behind.
		if st, serr := os.Stat(path); serr == nil && st.Size() == 0 {
			os.Remove(path)
		}
		if errors.Is(err, context.Canceled) {
			s.g.showInfo(i18n.X("gui.share.send.title"), i18n.X("gui.share.cancelled"))
			return
		}
		s.g.showInfo(i18n.X("gui.share.send.failed"), shareError(err, s.g.dir))
		return
	}
	s.result = res
	s.pass.SetText("")
	s.pass2.SetText("")
	who := i18n.X("gui.share.send.done_passphrase")
	if len(res.Recipients) > 0 {
		var names []string
		for _, k := range res.Recipients {
			n := k[:min(len(k), 16)] + "…"
			for _, r := range s.reps {
				if r.Key == k {
					n = r.Name
				}
			}
			names = append(names, n)
		}
		who = i18n.X("gui.share.send.done_for", map[string]any{"Names": strings.Join(names, ", ")})
	}
	pathLabel := widget.NewLabel(path)
	pathLabel.Wrapping = fyne.TextWrapBreak
	pathLabel.TextStyle.Monospace = true
	content := container.NewVBox(
		pathLabel,
		wrapped(i18n.X("gui.share.send.done_contents",
			map[string]any{"Size": i18n.Size(res.Size), "Counts": countsText(len(res.Manifest.Incidents), len(res.Manifest.Evidence))})),
		wrapped(who),
		wrapped(i18n.X("gui.share.send.how_to_open")),
		caption(i18n.X("bundle.export.advice")),
	)
	d := dialog.NewCustom(i18n.X("gui.share.send.done"), i18n.X("gui.share.close"), card(520, content), s.g.win)
	s.g.showDialog(d)
}

// countsText says how many incidents and evidence files: "3 incidents ·
// 1 preuve".
func countsText(incidents, evidence int) string {
	return i18n.N("gui.share.count.incidents", incidents) + " · " + i18n.N("gui.share.count.evidence", evidence)
}

// cancelOnClose makes closing a progress dialog (Escape) cancel its work.
func cancelOnClose(g *gui, d dialog.Dialog, cancel context.CancelFunc) {
	d.SetOnClosed(func() {
		g.forget(d)
		cancel()
	})
}

// radioIndex is the index of the option chosen in a radio group (-1: none).
func radioIndex(r *widget.RadioGroup) int { return slices.Index(r.Options, r.Selected) }

// ---- errors ----

// shareError turns the errors of reports, bundles and keys into one calm
// sentence.
func shareError(err error, dir string) string {
	var ce *bundle.CheckError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, bundle.ErrWrongKey):
		return i18n.X("bundle.error.wrong_key")
	case errors.Is(err, bundle.ErrUnsupportedVersion):
		return i18n.X("bundle.error.version")
	case errors.As(err, &ce):
		name := ""
		if ce.Name != "" {
			name = " (" + ce.Name + ")"
		}
		return i18n.X("gui.share.error.check",
			map[string]any{"Check": i18n.X("bundle.check." + string(ce.Check)), "Name": name})
	case errors.Is(err, bundle.ErrVaultPassphrase):
		return i18n.X("bundle.error.vault_passphrase")
	case errors.Is(err, bundle.ErrPassphraseAndKeys):
		return i18n.X("bundle.error.passphrase_and_keys")
	case errors.Is(err, bundle.ErrNoIncident):
		return i18n.X("gui.share.options.no_incident")
	case errors.Is(err, bundle.ErrAlreadyReceived):
		return i18n.X("bundle.error.already_received")
	case errors.Is(err, bundle.ErrExists):
		return i18n.X("gui.share.error.exists")
	case errors.Is(err, app.ErrInvalidKey):
		return i18n.X("gui.share.error.invalid_key")
	case errors.Is(err, app.ErrNoRepresentative):
		return i18n.X("gui.share.error.no_rep")
	case errors.Is(err, app.ErrNoIdentity):
		return i18n.X("gui.share.error.no_identity")
	case errors.Is(err, app.ErrPassphraseTooShort):
		return i18n.X("gui.share.send.passphrase_short", map[string]any{"N": app.MinPassphraseLength})
	case errors.Is(err, context.Canceled):
		return i18n.X("gui.share.cancelled")
	}
	return sentence.Error(err, dir)
}
