package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
)

// The representative's side ("Je suis représentant·e"): a key pair kept
// in the vault, whose public key colleagues encrypt their bundles to
// (shown as text and as a QR code); bundles received, checked, then kept
// encrypted in the vault as read-only cases, with the report one click
// away (through the viewer folder) and the continuity of each colleague's
// history; and the anonymous synthesis for the F3SCT.

// representativeScreen is the representative's side.
type representativeScreen struct {
	g *gui
	m *mainScreen

	body *fyne.Container

	createBtn  *widget.Button
	key        string
	copyBtn    *widget.Button
	qr         *canvas.Image
	receiveBtn *widget.Button

	cases        []bundle.CaseInfo
	caseBox      *fyne.Container
	inSynthesis  map[string]*widget.Check // case id → ticked for the synthesis
	descriptions *widget.Check
	synthLang    *widget.Select // the synthesis' language
	synthBtn     *widget.Button

	// a reception in progress
	progress *widget.ProgressBar
	progDlg  dialog.Dialog
	cancel   context.CancelFunc
	received *bundle.Received // the last bundle received (tests)
}

func (m *mainScreen) showRepresentative() {
	m.show(&representativeScreen{g: m.g, m: m}, "representative")
}

func (s *representativeScreen) buildUI() fyne.CanvasObject {
	s.body = container.NewVBox()
	s.refresh()
	top := container.NewVBox(heading(i18n.X("gui.share.rep.title")),
		caption(i18n.X("gui.share.rep.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(860, s.body))))
}

// leave stops a reception in progress.
func (s *representativeScreen) leave() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *representativeScreen) refresh() {
	key, err := s.g.journal.Cases.PublicKey()
	switch {
	case errors.Is(err, app.ErrNoIdentity):
		s.body.Objects = []fyne.CanvasObject{s.introUI()}
	case err != nil:
		s.body.Objects = []fyne.CanvasObject{wrapped(sentence.Error(err, s.g.dir))}
	default:
		s.key = key
		s.body.Objects = []fyne.CanvasObject{s.keyUI(), s.casesUI()}
	}
	s.body.Refresh()
}

// introUI offers to create the key.
func (s *representativeScreen) introUI() fyne.CanvasObject {
	s.createBtn = &widget.Button{Text: i18n.X("gui.share.rep.create"), Icon: theme.AccountIcon(),
		Importance: widget.HighImportance, OnTapped: s.createIdentity}
	return widget.NewCard("", "", container.NewVBox(
		subheading(i18n.X("gui.share.rep.intro_title")),
		wrapped(i18n.X("gui.share.rep.intro")),
		caption(i18n.X("gui.share.rep.intro_backup")),
		container.NewHBox(s.createBtn)))
}

func (s *representativeScreen) createIdentity() {
	s.g.touch()
	if _, err := s.g.journal.Cases.CreateIdentity(); err != nil {
		s.g.showError(err)
		return
	}
	s.refresh()
}

// keyUI shows the public key as text, as a QR code and its fingerprint.
func (s *representativeScreen) keyUI() fyne.CanvasObject {
	keyLabel := widget.NewLabel(s.key)
	keyLabel.TextStyle.Monospace = true
	keyLabel.Wrapping = fyne.TextWrapBreak
	keyLabel.Selectable = true
	s.copyBtn = &widget.Button{Text: i18n.X("gui.share.rep.copy_key"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		s.g.touch()
		s.g.app.Clipboard().SetContent(s.key)
	}}
	fp := widget.NewLabel(app.KeyFingerprint(s.key))
	fp.TextStyle.Monospace = true
	fp.TextStyle.Bold = true
	text := container.NewVBox(
		wrapped(i18n.X("gui.share.rep.key_help")),
		keyLabel,
		container.NewHBox(s.copyBtn),
		container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), fp),
		caption(i18n.X("gui.share.rep.fingerprint_help")),
	)
	var left fyne.CanvasObject = layout.NewSpacer()
	if img, err := qrImage(s.key); err == nil {
		s.qr = canvas.NewImageFromImage(img)
		s.qr.FillMode = canvas.ImageFillContain
		s.qr.ScaleMode = canvas.ImageScalePixels
		s.qr.SetMinSize(fyne.NewSize(190, 190))
		left = container.NewVBox(s.qr)
	}
	return widget.NewCard("", "", container.NewVBox(
		subheading(i18n.X("gui.share.rep.key_title")),
		container.NewBorder(nil, nil, left, nil, text)))
}

// qrImage decodes the key's QR code in memory.
func qrImage(key string) (image.Image, error) {
	data, err := app.PublicKeyQRCode(key, 6)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(data))
}

// casesUI lists the bundles received.
func (s *representativeScreen) casesUI() fyne.CanvasObject {
	s.receiveBtn = &widget.Button{Text: i18n.X("gui.share.rep.receive"), Icon: theme.DownloadIcon(),
		Importance: widget.HighImportance, OnTapped: s.receive}
	s.caseBox = container.NewVBox()
	s.descriptions = widget.NewCheck(i18n.X("gui.share.rep.descriptions"), func(bool) { s.g.touch() })
	s.synthLang = newDocLanguage(s.g.touch)
	s.synthBtn = &widget.Button{Text: i18n.X("gui.share.rep.synthesis"), Icon: theme.DocumentIcon(), OnTapped: s.synthesis}
	s.refreshCases()
	synth := container.NewVBox(
		widget.NewSeparator(),
		subheading(i18n.X("gui.share.rep.synthesis_title")),
		caption(i18n.X("gui.share.rep.synthesis_help")),
		s.descriptions,
		labelled(i18n.X("gui.share.options.language"), container.NewHBox(s.synthLang)),
		container.NewHBox(s.synthBtn))
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, subheading(i18n.X("gui.share.rep.cases_title")), container.NewCenter(s.receiveBtn)),
		caption(i18n.X("gui.share.rep.cases_help")),
		s.caseBox, synth))
}

// colleagueNumbers numbers the colleagues (their journals) in the order
// their first bundle came.
func colleagueNumbers(cases []bundle.CaseInfo) map[string]int {
	out := map[string]int{}
	for _, c := range cases {
		if c.Summary == nil || c.Summary.Manifest == nil {
			continue
		}
		v := c.Summary.Manifest.VaultID
		if _, ok := out[v]; !ok {
			out[v] = len(out) + 1
		}
	}
	return out
}

func (s *representativeScreen) refreshCases() {
	cases, err := bundle.Cases(s.g.journal.Cases)
	if err != nil {
		s.caseBox.Objects = []fyne.CanvasObject{wrapped(sentence.Error(err, s.g.dir))}
		s.caseBox.Refresh()
		return
	}
	s.cases = cases
	old := s.inSynthesis
	s.inSynthesis = map[string]*widget.Check{}
	if len(cases) == 0 {
		l := wrapped(i18n.X("gui.share.rep.no_case"))
		s.caseBox.Objects = []fyne.CanvasObject{container.NewPadded(l)}
		s.caseBox.Refresh()
		s.synthBtn.Disable()
		return
	}
	s.synthBtn.Enable()
	numbers := colleagueNumbers(cases)
	var objs []fyne.CanvasObject
	// Newest first.
	for i := len(cases) - 1; i >= 0; i-- {
		c := cases[i]
		check := widget.NewCheck(i18n.X("gui.share.rep.in_synthesis"), func(bool) { s.g.touch() })
		check.Checked = true
		if prev, ok := old[c.ID]; ok {
			check.Checked = prev.Checked
		}
		s.inSynthesis[c.ID] = check
		objs = append(objs, s.caseCard(c, numbers, check))
	}
	s.caseBox.Objects = objs
	s.caseBox.Refresh()
}

// caseCard is one bundle received, read-only.
func (s *representativeScreen) caseCard(c bundle.CaseInfo, numbers map[string]int, check *widget.Check) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	sum := c.Summary
	if sum == nil || sum.Manifest == nil {
		objs = append(objs, widget.NewLabel(c.Name), caption(i18n.X("gui.share.rep.no_summary")))
	} else {
		m := sum.Manifest
		title := widget.NewLabel(i18n.X("gui.share.rep.case_title",
			map[string]any{"N": numbers[m.VaultID], "Date": i18n.DateTime(m.ExportedAt.Local())}))
		title.TextStyle.Bold = true
		objs = append(objs, title)
		facts := countsText(len(m.Incidents), len(m.Evidence)) + " · " + i18n.X("gui.share.rep.received_on", map[string]any{"Date": i18n.Date(c.ReceivedAt.Local())})
		if w := caseWorkplace(sum); w != "" {
			facts = w + " · " + facts
		}
		objs = append(objs, caption(facts))
		if sum.Continuity != nil {
			v := wrapped(verdictShort(*sum.Continuity))
			if sum.Continuity.OK() {
				v.Importance = widget.SuccessImportance
			} else {
				v.Importance = widget.DangerImportance
				v.TextStyle.Bold = true
			}
			objs = append(objs, v)
		}
		if !m.Pseudonymised {
			w := caption(i18n.X("bundle.open.names"))
			w.Importance = widget.WarningImportance
			objs = append(objs, w)
		}
		if m.HealthIncluded {
			w := caption(i18n.X("bundle.open.health"))
			w.Importance = widget.WarningImportance
			objs = append(objs, w)
		}
	}
	view := &widget.Button{Text: i18n.X("gui.share.rep.view_report"), Icon: theme.DocumentIcon(),
		Importance: widget.MediumImportance, OnTapped: func() { s.viewReport(c.ID) }}
	remove := &widget.Button{Text: i18n.X("gui.share.rep.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.confirmRemove(c) }}
	objs = append(objs, container.NewHBox(view, check, layout.NewSpacer(), remove))
	return widget.NewCard("", "", container.NewVBox(objs...))
}

// caseWorkplace is the establishment named by a case's incidents, when
// they name one.
func caseWorkplace(s *bundle.Summary) string {
	if s.Incidents == nil {
		return ""
	}
	for _, in := range s.Incidents.Incidents {
		if w := strings.TrimSpace(in.Workplace); w != "" {
			return shorten(w, 50)
		}
	}
	return ""
}

// verdictShort says a continuity verdict in a line.
func verdictShort(c bundle.Continuity) string {
	var when string
	if c.Against != nil {
		when = i18n.DateTime(c.Against.ExportedAt.Local()) // two bundles may come the same day
	}
	data := map[string]any{"Date": when, "Seq": c.FirstDifference}
	switch c.Verdict {
	case bundle.VerdictSame:
		return i18n.X("gui.share.verdict.same", data)
	case bundle.VerdictExtends:
		return i18n.X("gui.share.verdict.extends", data)
	case bundle.VerdictOlder:
		return i18n.X("gui.share.verdict.older", data)
	case bundle.VerdictDiverged:
		return i18n.X("gui.share.verdict.diverged", data)
	}
	return i18n.X("gui.share.verdict.first")
}

// verdictLong says a continuity verdict in full, as the command line does.
func verdictLong(c bundle.Continuity) string {
	var when string
	if c.Against != nil {
		when = i18n.DateTime(c.Against.ExportedAt.Local()) // two bundles may come the same day
	}
	data := map[string]any{"Date": when, "Seq": c.FirstDifference}
	var s string
	switch c.Verdict {
	case bundle.VerdictSame:
		s = i18n.X("bundle.continuity.same", data)
	case bundle.VerdictExtends:
		s = i18n.X("bundle.continuity.extends", data)
	case bundle.VerdictOlder:
		s = i18n.X("bundle.continuity.older", data)
	case bundle.VerdictDiverged:
		s = i18n.X("bundle.continuity.diverged", data)
	default:
		s = i18n.X("bundle.continuity.first")
	}
	if c.ExportRecorded {
		s += " " + i18n.X("bundle.continuity.recorded")
	}
	return s
}

// viewReport opens a case's report through the viewer folder.
func (s *representativeScreen) viewReport(id string) {
	j := s.g.journal
	s.g.openInViewer(bundle.NameReport, func(w io.Writer) error {
		return bundle.CaseFile(context.Background(), j.Cases, id, bundle.NameReport, w)
	})
}

func (s *representativeScreen) confirmRemove(c bundle.CaseInfo) {
	s.g.confirm(i18n.X("gui.share.rep.remove_title"), i18n.X("gui.share.rep.remove_confirm"), i18n.X("gui.share.rep.remove_yes"), i18n.X("gui.cancel"), func() {
		if err := s.g.journal.Cases.Remove(c.ID); err != nil {
			s.g.showError(err)
			return
		}
		s.refreshCases()
	})
}

// ---- receiving ----

func (s *representativeScreen) receive() {
	s.g.touch()
	if s.cancel != nil {
		return
	}
	s.g.chooseOpenPath(func(path string) { s.receiveFile(path, nil) })
}

// receiveFile checks the bundle at path and keeps it, off the UI thread,
// with a progress bar and Cancel. ids are identities besides the vault's
// own (a passphrase).
func (s *representativeScreen) receiveFile(path string, ids []age.Identity) {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.progress = widget.NewProgressBar()
	stop := &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	s.progDlg = dialog.NewCustomWithoutButtons(i18n.X("gui.share.rep.receiving"), card(420, container.NewVBox(
		caption(i18n.X("gui.share.rep.receiving_help")),
		s.progress, container.NewCenter(stop))), s.g.win)
	s.g.showDialog(s.progDlg)
	cancelOnClose(s.g, s.progDlg, cancel)
	bar := s.progress
	var mu sync.Mutex
	var last time.Time
	progress := func(done, total int64) {
		mu.Lock()
		if time.Since(last) < 100*time.Millisecond {
			mu.Unlock()
			return
		}
		last = time.Now()
		mu.Unlock()
		if total > 0 {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) })
		}
	}
	j := s.g.journal
	s.g.async(func() {
		rec, err := bundle.Receive(ctx, j.Cases, path, bundle.ReceiveOptions{Identities: ids, Progress: progress})
		fyne.Do(func() { s.receivedFile(path, ids, rec, err) })
	})
}

// receivedFile says what became of a bundle received.
func (s *representativeScreen) receivedFile(path string, ids []age.Identity, rec *bundle.Received, err error) {
	s.cancel = nil
	if s.progDlg != nil {
		s.progDlg.Hide()
		s.progDlg = nil
	}
	title := i18n.X("gui.share.rep.receive_title")
	switch {
	case errors.Is(err, context.Canceled):
		s.g.showInfo(title, i18n.X("gui.share.rep.receive_cancelled"))
		return
	case errors.Is(err, bundle.ErrWrongKey) && len(ids) == 0:
		s.askPassphrase(path)
		return
	case err != nil:
		s.g.showInfo(title, shareError(err, s.g.dir))
		return
	}
	s.received = rec
	s.refreshCases()
	m := rec.Contents.Manifest
	ok := widget.NewLabel(i18n.X("bundle.open.ok"))
	ok.Wrapping = fyne.TextWrapWord
	ok.Importance = widget.SuccessImportance
	verdict := wrapped(verdictLong(rec.Continuity))
	if !rec.Continuity.OK() {
		verdict.Importance = widget.DangerImportance
		verdict.TextStyle.Bold = true
	}
	objs := []fyne.CanvasObject{ok,
		wrapped(i18n.X("gui.share.rep.received_facts",
			map[string]any{"Date": i18n.DateTime(m.ExportedAt.Local()), "Counts": countsText(len(m.Incidents), len(m.Evidence))})),
		verdict}
	if !m.Pseudonymised {
		objs = append(objs, caption(i18n.X("bundle.open.names")))
	}
	if m.HealthIncluded {
		objs = append(objs, caption(i18n.X("bundle.open.health")))
	}
	objs = append(objs, caption(i18n.X("gui.share.rep.original_help")))
	id := rec.Case.ID
	d := dialog.NewCustomConfirm(i18n.X("gui.share.rep.received"), i18n.X("gui.share.rep.view_report"), i18n.X("gui.share.close"), card(520, container.NewVBox(objs...)), func(view bool) {
		if view {
			s.viewReport(id)
		}
	}, s.g.win)
	s.g.showDialog(d)
}

// askPassphrase asks for the passphrase of a bundle that the
// representative's key does not open.
func (s *representativeScreen) askPassphrase(path string) {
	pass := s.g.passwordEntry()
	d := dialog.NewForm(i18n.X("gui.share.rep.receive_title"), i18n.X("gui.share.rep.open_with_passphrase"), i18n.X("gui.cancel"), []*widget.FormItem{
		{Widget: wrapped(i18n.X("gui.share.rep.needs_passphrase"))},
		field(i18n.X("gui.share.rep.passphrase"), pass, ""),
	}, func(ok bool) {
		if !ok || pass.Text == "" {
			return
		}
		p := []byte(pass.Text)
		pass.SetText("")
		id, err := bundle.PassphraseIdentity(p)
		wipe(p)
		if err != nil {
			s.g.showError(err)
			return
		}
		s.receiveFile(path, []age.Identity{id})
	}, s.g.win)
	d.Resize(fyne.NewSize(520, 260))
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(pass)
}

// ---- the synthesis ----

// synthesisInputs returns the cases ticked for the synthesis.
func (s *representativeScreen) synthesisInputs() ([]bundle.SynthesisInput, error) {
	var inputs []bundle.SynthesisInput
	for _, c := range s.cases {
		if ch := s.inSynthesis[c.ID]; ch == nil || !ch.Checked {
			continue
		}
		in, err := bundle.InputOfCase(c)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}

func (s *representativeScreen) synthesis() {
	s.g.touch()
	inputs, err := s.synthesisInputs()
	if err != nil {
		s.g.showError(err)
		return
	}
	if len(inputs) == 0 {
		s.g.showInfo(i18n.X("gui.share.rep.synthesis_title"), i18n.X("gui.share.rep.synthesis_none"))
		return
	}
	opts := s.synthesisOptions()
	name := "synthese-F3SCT-" + s.g.now().Format("2006-01-02") + ".pdf"
	if opts.Lang == i18n.English {
		name = "synthesis-F3SCT-" + s.g.now().Format("2006-01-02") + ".pdf"
	}
	s.g.chooseSavePath(name, func(path string) {
		s.g.async(func() {
			st, err := s.synthesisTo(path, inputs, opts)
			fyne.Do(func() { s.synthesisDone(path, st, err) })
		})
	})
}

// synthesisOptions are the choices made on the screen: the document's
// language, the descriptions.
func (s *representativeScreen) synthesisOptions() bundle.SynthesisOptions {
	return bundle.SynthesisOptions{Lang: docLanguage(s.synthLang), IncludeDescriptions: s.descriptions.Checked, Now: s.g.now()}
}

// synthesisTo writes the synthesis of inputs to path (mode 0600).
func (s *representativeScreen) synthesisTo(path string, inputs []bundle.SynthesisInput, opts bundle.SynthesisOptions) (*bundle.Stats, error) {
	var buf bytes.Buffer
	st, err := bundle.WriteSynthesis(inputs, opts, &buf)
	if err != nil {
		return nil, err
	}
	err = writePrivateFile(path, buf.Bytes())
	clear(buf.Bytes())
	return st, err
}

func (s *representativeScreen) synthesisDone(path string, st *bundle.Stats, err error) {
	if err != nil {
		s.g.showError(err)
		return
	}
	objs := []fyne.CanvasObject{
		wrapped(i18n.X("gui.share.rep.synthesis_done", map[string]any{"Incidents": i18n.N("count.incidents", st.Incidents),
			"Bundles": i18n.N("count.bundles", st.Bundles), "Colleagues": i18n.N("count.colleagues", st.Colleagues)})),
	}
	if st.Overlaps > 0 {
		objs = append(objs, caption(i18n.N("bundle.synthesis.overlaps_cli", st.Overlaps)))
	}
	if st.Diverged > 0 {
		w := wrapped(i18n.N("gui.share.rep.synthesis_diverged", st.Diverged))
		w.Importance = widget.DangerImportance
		objs = append(objs, w)
	}
	pathLabel := widget.NewLabel(path)
	pathLabel.TextStyle.Monospace = true
	pathLabel.Wrapping = fyne.TextWrapBreak
	objs = append(objs, pathLabel)
	d := dialog.NewCustomConfirm(i18n.X("gui.share.rep.synthesis_saved"), i18n.X("gui.share.open"), i18n.X("gui.share.close"), card(480, container.NewVBox(objs...)), func(open bool) {
		if open {
			openFile(s.g, path)
		}
	}, s.g.win)
	s.g.showDialog(d)
}
