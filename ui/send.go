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
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/ui/i18n"
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
	s.addBtn = &widget.Button{Text: lang.X("gui.share.reps.add", "Add a representative…"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: s.addDialog}
	next := &widget.Button{Text: lang.X("gui.share.send.prepare", "Prepare a bundle"), Icon: theme.NavigateNextIcon(),
		OnTapped: func() { s.g.touch(); s.tabs.SelectIndex(sendTabExport) }}
	repsTab := container.NewBorder(
		container.NewPadded(container.NewVBox(
			caption(lang.X("gui.share.reps.help", "The union representatives you send your bundles to. Each gives you a public key (it starts with age1): only the matching secret key, kept by them, opens what you send.")),
			container.NewHBox(s.addBtn))),
		container.NewPadded(container.NewHBox(layout.NewSpacer(), next)), nil, nil,
		container.NewVScroll(container.NewPadded(s.repList)))

	s.opts = newReportOptions(s.g)
	s.opts.onChanged = s.refreshEvidence
	s.repBox = container.NewVBox()
	s.pass, s.pass2 = s.g.passwordEntry(), s.g.passwordEntry()
	s.pass.SetPlaceHolder(lang.X("gui.share.send.passphrase", "A passphrase for this bundle"))
	s.pass2.SetPlaceHolder(lang.X("gui.share.send.passphrase_again", "The same passphrase again"))
	s.passBox = container.NewVBox(s.pass, s.pass2,
		caption(lang.X("gui.share.send.passphrase_help", "Not the passphrase of your journal. Give it to the person by another way than the bundle: by phone, or in person.")))
	toReps := lang.X("gui.share.send.to_reps", "To representatives")
	toPass := lang.X("gui.share.send.to_passphrase", "With a passphrase")
	s.toMode = widget.NewRadioGroup([]string{toReps, toPass}, func(v string) {
		s.repBox.Hidden = v != toReps
		s.passBox.Hidden = v != toPass
		s.repBox.Refresh()
		s.passBox.Refresh()
	})
	s.toMode.Horizontal = true
	s.toMode.Required = true

	s.evBox = container.NewVBox()
	evAll := lang.X("gui.share.send.evidence_all", "All")
	s.evMode = widget.NewRadioGroup([]string{evAll, lang.X("gui.share.send.evidence_none", "None"), lang.X("gui.share.send.evidence_chosen", "Those I choose")},
		func(string) { s.refreshEvidence() })
	s.evMode.Horizontal = true
	s.evMode.Required = true

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{subheading(title)}, objs...)...))
	}
	s.exportBtn = &widget.Button{Text: lang.X("gui.share.send.export", "Write the encrypted bundle…"), Icon: theme.MailSendIcon(),
		Importance: widget.HighImportance, OnTapped: s.prepare}
	exportTab := container.NewBorder(nil, container.NewPadded(container.NewHBox(s.exportBtn)), nil, nil,
		container.NewVScroll(container.NewVBox(
			section(lang.X("gui.share.send.who", "Who can open it"), s.toMode, s.repBox, s.passBox),
			section(lang.X("gui.share.report.which", "Which incidents"), s.opts.selectionUI()),
			section(lang.X("gui.share.send.report", "The report inside"), s.opts.choicesUI()),
			section(lang.X("gui.share.report.request", "What you ask of the committee"), s.opts.requestUI()),
			section(lang.X("gui.share.send.evidence", "Evidence files inside"),
				caption(lang.X("gui.share.send.evidence_help", "The files are decrypted into the bundle, which is itself encrypted. Links are always listed.")),
				s.evMode, s.evBox),
		)))

	s.refreshReps()
	s.toMode.SetSelected(toReps)
	s.evMode.SetSelected(evAll)

	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("gui.share.reps.tab", "Representatives"), repsTab),
		container.NewTabItem(lang.X("gui.share.send.tab", "Prepare a bundle"), exportTab),
	)
	if len(s.reps) > 0 {
		s.tabs.SelectIndex(sendTabExport)
	}
	top := container.NewVBox(heading(lang.X("gui.share.send.title", "Send to a representative")),
		caption(lang.X("gui.share.send.help", "One encrypted file that only the people you choose can open, and that proves nothing was altered. Send it from your personal mail or on a USB key, not through the professional mail.")))
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
		s.repList.Objects = []fyne.CanvasObject{wrapped(i18n.Error(err, s.g.dir))}
		s.repList.Refresh()
		return
	}
	s.reps = reps
	if len(reps) == 0 {
		title := subheading(lang.X("gui.share.reps.none", "No representative recorded"))
		title.Alignment = fyne.TextAlignCenter
		text := wrapped(lang.X("gui.share.reps.none_help", "Ask your union representative for their Témoin public key (in Témoin: “Representative”) or the one made by age-keygen, then add it here. You can also send a bundle protected by a passphrase."))
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
		addFirst := &widget.Button{Text: lang.X("gui.share.reps.add", "Add a representative…"), Icon: theme.ContentAddIcon(), OnTapped: s.addDialog}
		checks = []fyne.CanvasObject{caption(lang.X("gui.share.send.no_reps", "No representative in your list yet: add one, or choose a passphrase.")), container.NewHBox(addFirst)}
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
	remove := &widget.Button{Text: lang.X("gui.share.reps.remove", "Remove…"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.confirmRemove(r) }}
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, container.NewHBox(head...)),
		container.NewHBox(widget.NewLabel(lang.X("gui.share.fingerprint", "Fingerprint")), fp,
			container.NewCenter(caption(lang.X("gui.share.reps.compare_short", "to compare with the representative, by phone")))),
		key))
}

func (s *sendScreen) confirmRemove(r app.Representative) {
	s.g.confirm(lang.X("gui.share.reps.remove_title", "Remove this representative?"),
		lang.X("gui.share.reps.remove_confirm", "{{.Name}} will no longer be offered as a recipient. Bundles already sent stay readable by them.", map[string]any{"Name": r.Name}),
		lang.X("gui.share.reps.remove_yes", "Remove"), lang.X("gui.cancel", "Cancel"), func() { s.removeRep(r.Name) })
}

func (s *sendScreen) removeRep(name string) {
	if err := s.g.journal.Representatives.Remove(name); err != nil {
		s.g.showInfo(lang.X("gui.share.reps.title", "Representatives"), shareError(err, s.g.dir))
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
	name.SetPlaceHolder(lang.X("gui.share.reps.name_placeholder", "Camille Bernard"))
	org.SetPlaceHolder(lang.X("gui.share.reps.org_placeholder", "Union, committee (optional)"))
	key.SetPlaceHolder("age1…")
	name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.X("gui.share.reps.name_needed", "give a name"))
		}
		return nil
	}
	key.Validator = func(v string) error {
		if _, err := app.ParsePublicKey(v); err != nil {
			return errors.New(lang.X("gui.share.reps.key_invalid", "a public key starts with age1 and has 62 characters"))
		}
		return nil
	}
	fp := widget.NewLabel("")
	fp.TextStyle.Monospace = true
	fp.TextStyle.Bold = true
	fpHelp := caption(lang.X("gui.share.reps.compare", "Read this fingerprint to the representative, by phone or in person: theirs must be the same. If it differs, the key is not theirs."))
	fp.SetText("—")
	fpBox := container.NewVBox(container.NewHBox(widget.NewLabel(lang.X("gui.share.fingerprint", "Fingerprint")), fp), fpHelp)
	key.OnChanged = func(v string) {
		// The fingerprint shows as soon as the key is valid.
		if k, err := app.ParsePublicKey(v); err == nil {
			fp.SetText(app.KeyFingerprint(k))
		} else {
			fp.SetText("—")
		}
	}
	fromFile := &widget.Button{Text: lang.X("gui.share.reps.key_file", "Choose a key file…"), Icon: theme.FolderOpenIcon(), Importance: widget.LowImportance,
		OnTapped: func() {
			s.g.chooseOpenPath(func(path string) {
				k, err := keyFromFile(path)
				if err != nil {
					s.g.showInfo(lang.X("gui.share.reps.title", "Representatives"), shareError(err, s.g.dir))
					return
				}
				key.SetText(k)
			})
		}}
	d := dialog.NewForm(lang.X("gui.share.reps.add_title", "Add a representative"), lang.X("gui.share.reps.add_yes", "Add"), lang.X("gui.cancel", "Cancel"),
		[]*widget.FormItem{
			field(lang.X("gui.share.reps.name", "Name"), name, ""),
			field(lang.X("gui.share.reps.org", "Organisation"), org, ""),
			field(lang.X("gui.share.reps.key", "Public key"), container.NewVBox(key, container.NewHBox(fromFile)), ""),
			{Widget: fpBox},
		}, func(ok bool) {
			if !ok {
				return
			}
			if err := s.addRep(name.Text, org.Text, key.Text); err != nil {
				s.g.showInfo(lang.X("gui.share.reps.title", "Representatives"), shareError(err, s.g.dir))
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
		objs = []fyne.CanvasObject{caption(lang.X("gui.share.send.evidence_empty", "The incidents selected have no evidence file."))}
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
			return opts, lang.X("gui.share.send.no_recipient", "Tick at least one representative, or choose a passphrase.")
		}
		return opts, ""
	}
	switch {
	case s.pass.Text == "":
		return opts, lang.X("gui.share.send.passphrase_needed", "Choose a passphrase for the bundle, and type it twice.")
	case s.pass.Text != s.pass2.Text:
		return opts, lang.X("gui.share.send.passphrase_mismatch", "The two passphrases differ.")
	case len([]rune(s.pass.Text)) < app.MinPassphraseLength:
		return opts, lang.X("gui.share.send.passphrase_short", "This passphrase is too short: at least {{.N}} characters (several words are easy to remember).", map[string]any{"N": app.MinPassphraseLength})
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
		s.g.showInfo(lang.X("gui.share.send.title", "Send to a representative"), problem)
		return
	}
	wipe(opts.Passphrase)
	s.g.chooseSavePath(bundle.DefaultFileName(s.g.now()), func(path string) {
		opts, problem := s.exportOptions() // again: the passphrase was wiped
		if problem != "" {
			s.g.showInfo(lang.X("gui.share.send.title", "Send to a representative"), problem)
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
	s.progLabel = widget.NewLabel(lang.X("gui.share.send.stage.preparing", "Preparing…"))
	stop := &widget.Button{Text: lang.X("gui.cancel", "Cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	s.progDlg = dialog.NewCustomWithoutButtons(lang.X("gui.share.send.writing", "Writing the encrypted bundle…"),
		card(420, container.NewVBox(s.progLabel, s.progress, container.NewCenter(stop))), s.g.win)
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
		return 0.05, lang.X("gui.share.send.stage.report", "Writing the report…")
	case bundle.StageEvidence:
		v := 0.1
		if p.Total > 0 {
			v += 0.85 * float64(p.Done) / float64(p.Total)
		}
		return v, lang.X("gui.share.send.stage.evidence", "Evidence: {{.Done}} of {{.Total}}", map[string]any{"Done": i18n.Size(p.Done), "Total": i18n.Size(p.Total)})
	case bundle.StageFinishing:
		return 1, lang.X("gui.share.send.stage.finishing", "Finishing…")
	}
	return 0, lang.X("gui.share.send.stage.preparing", "Preparing…")
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
			s.g.showInfo(lang.X("gui.share.send.title", "Send to a representative"), lang.X("gui.share.cancelled", "Stopped: nothing was written."))
			return
		}
		s.g.showInfo(lang.X("gui.share.send.failed", "The bundle was not written"), shareError(err, s.g.dir))
		return
	}
	s.result = res
	s.pass.SetText("")
	s.pass2.SetText("")
	who := lang.X("gui.share.send.done_passphrase", "Only someone who knows the passphrase can open it: give it by phone or in person, never with the bundle.")
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
		who = lang.X("gui.share.send.done_for", "Only they can open it: {{.Names}}.", map[string]any{"Names": strings.Join(names, ", ")})
	}
	pathLabel := widget.NewLabel(path)
	pathLabel.Wrapping = fyne.TextWrapBreak
	pathLabel.TextStyle.Monospace = true
	content := container.NewVBox(
		pathLabel,
		wrapped(lang.X("gui.share.send.done_contents", "{{.Size}}: {{.Counts}} and the report. The export is recorded in your journal's history.",
			map[string]any{"Size": i18n.Size(res.Size), "Counts": countsText(len(res.Manifest.Incidents), len(res.Manifest.Evidence))})),
		wrapped(who),
		wrapped(lang.X("gui.share.send.how_to_open", "Your representative opens it in Témoin (“Representative”, then “Receive a bundle”), which checks every file. Without Témoin, the age command decrypts it and any unzip tool opens it: LISEZ-MOI.txt inside explains how to check it.")),
		caption(lang.X("bundle.export.advice", "Send it from your personal mail or on a USB key, not through the professional mail.")),
	)
	d := dialog.NewCustom(lang.X("gui.share.send.done", "Encrypted bundle ready"), lang.X("gui.share.close", "Close"), card(520, content), s.g.win)
	s.g.showDialog(d)
}

// countsText says how many incidents and evidence files: "3 incidents ·
// 1 preuve".
func countsText(incidents, evidence int) string {
	return lang.XN("gui.share.count.incidents", "{{.N}} incidents", incidents, map[string]any{"N": incidents}) + " · " +
		lang.XN("gui.share.count.evidence", "{{.N}} evidence items", evidence, map[string]any{"N": evidence})
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
		return lang.X("bundle.error.wrong_key", "This bundle cannot be opened with this key or passphrase (or its beginning is damaged).")
	case errors.Is(err, bundle.ErrUnsupportedVersion):
		return lang.X("bundle.error.version", "This bundle was made by a newer version of Témoin: update Témoin to open it.")
	case errors.As(err, &ce):
		name := ""
		if ce.Name != "" {
			name = " (" + ce.Name + ")"
		}
		return lang.X("gui.share.error.check", "Bundle refused: the “{{.Check}}” check failed{{.Name}}. Nothing was kept. It may have been damaged or altered on the way: ask the person to send it again.",
			map[string]any{"Check": lang.X("bundle.check."+string(ce.Check), string(ce.Check)), "Name": name})
	case errors.Is(err, bundle.ErrVaultPassphrase):
		return lang.X("bundle.error.vault_passphrase", "This is your journal's passphrase: choose another one for the bundle, since you will give it to someone.")
	case errors.Is(err, bundle.ErrPassphraseAndKeys):
		return lang.X("bundle.error.passphrase_and_keys", "A bundle is protected either by a passphrase or by representatives' keys, not both.")
	case errors.Is(err, bundle.ErrNoIncident):
		return lang.X("gui.share.options.no_incident", "No incident in this selection: check the dates, or choose the incidents.")
	case errors.Is(err, bundle.ErrAlreadyReceived):
		return lang.X("bundle.error.already_received", "This bundle is already kept in your vault.")
	case errors.Is(err, bundle.ErrExists):
		return lang.X("gui.share.error.exists", "This file already exists: choose another name.")
	case errors.Is(err, app.ErrInvalidKey):
		return lang.X("gui.share.error.invalid_key", "This is not a public key. A public key starts with age1: ask the representative to copy it again from Témoin (“Representative”) or from age-keygen.")
	case errors.Is(err, app.ErrNoRepresentative):
		return lang.X("gui.share.error.no_rep", "This representative is no longer in your list.")
	case errors.Is(err, app.ErrNoIdentity):
		return lang.X("gui.share.error.no_identity", "Create your representative's key first.")
	case errors.Is(err, app.ErrPassphraseTooShort):
		return lang.X("gui.share.send.passphrase_short", "This passphrase is too short: at least {{.N}} characters (several words are easy to remember).", map[string]any{"N": app.MinPassphraseLength})
	case errors.Is(err, context.Canceled):
		return lang.X("gui.share.cancelled", "Stopped: nothing was written.")
	}
	return i18n.Error(err, dir)
}
