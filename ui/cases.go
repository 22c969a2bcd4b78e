package ui

import (
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The cases: the bundles a representative received, kept encrypted in
// the vault, read-only, each with how it continues its colleague's
// earlier ones.

// casesUI lists the bundles received.
func (s *representativeScreen) casesUI() fyne.CanvasObject {
	s.receiveBtn = &widget.Button{Text: i18n.X("gui.share.rep.receive"), Icon: theme.DownloadIcon(),
		Importance: widget.HighImportance, OnTapped: s.receive}
	s.caseBox = container.NewVBox()
	s.descriptions = widget.NewCheck(i18n.X("gui.share.rep.descriptions"), func(bool) { s.g.touch() })
	s.synthLang = newDocLanguage(s.g.touch)
	s.synthBtn = &widget.Button{Text: i18n.X("gui.share.rep.synthesis"), Icon: theme.DocumentIcon(), OnTapped: s.synthesis}
	s.leftOutNote = wrapped("")
	s.leftOutNote.Importance = widget.WarningImportance
	s.leftOutNote.Hide()
	s.refreshCases() // after the widgets it fills
	synth := container.NewVBox(
		widget.NewSeparator(),
		subheading(i18n.X("gui.share.rep.synthesis_title")),
		caption(i18n.X("gui.share.rep.synthesis_help")),
		s.leftOutNote,
		s.descriptions,
		labelled(i18n.X("gui.share.options.language"), container.NewHBox(s.synthLang)),
		container.NewHBox(s.synthBtn))
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, subheading(i18n.X("gui.share.rep.cases_title")), container.NewCenter(s.receiveBtn)),
		caption(i18n.X("gui.share.rep.cases_help")),
		s.caseBox, synth))
}

// colleagueNames names the colleagues (their journals): the name the
// representative gave them (or gave with the key they recognised), else
// "Collègue N", numbered in the order their first bundle came.
func colleagueNames(cases []bundle.CaseInfo, kept map[string]*app.Colleague) map[string]string {
	out := map[string]string{}
	n := 0
	for _, c := range cases {
		if c.Summary == nil || c.Summary.Manifest == nil {
			continue
		}
		v := c.Summary.Manifest.VaultID
		if _, ok := out[v]; ok {
			continue
		}
		if k := kept[v]; k != nil && k.Name != "" {
			out[v] = k.Name
			continue
		}
		n++
		out[v] = i18n.X("gui.share.rep.colleague_n", map[string]any{"N": n})
	}
	return out
}

// keptColleagues reads what the representative keeps about the
// colleagues of the cases.
func (s *representativeScreen) keptColleagues(cases []bundle.CaseInfo) (map[string]*app.Colleague, error) {
	out := map[string]*app.Colleague{}
	for _, c := range cases {
		if c.Summary == nil || c.Summary.Manifest == nil || out[c.Summary.Manifest.VaultID] != nil {
			continue
		}
		k, err := s.g.journal.Cases.Colleague(c.Summary.Manifest.VaultID)
		if err != nil {
			return nil, err
		}
		out[k.VaultID] = k
	}
	return out, nil
}

// madeWhen says when a case's bundle was made; to the second when
// another bundle of the list was made in the same minute.
func madeWhen(c bundle.CaseInfo, cases []bundle.CaseInfo) string {
	t := c.Summary.Manifest.ExportedAt.Local()
	when := i18n.DateTime(t)
	for _, o := range cases {
		if o.ID != c.ID && o.Summary != nil && o.Summary.Manifest != nil && i18n.DateTime(o.Summary.Manifest.ExportedAt.Local()) == when {
			return when + " (" + t.Format("15:04:05") + ")"
		}
	}
	return when
}

func (s *representativeScreen) refreshCases() {
	cases, err := bundle.CheckedCases(s.g.journal.Cases)
	if err == nil {
		s.colleagues, err = s.keptColleagues(cases)
	}
	if err != nil {
		s.caseBox.Objects = []fyne.CanvasObject{wrapped(s.g.say(err))}
		s.caseBox.Refresh()
		return
	}
	s.cases = cases
	old := s.inSynthesis
	s.inSynthesis = map[string]*widget.Check{}
	s.caseCards = map[string]*caseCard{}
	if len(cases) == 0 {
		l := wrapped(i18n.X("gui.share.rep.no_case"))
		s.caseBox.Objects = []fyne.CanvasObject{container.NewPadded(l)}
		s.caseBox.Refresh()
		s.synthBtn.Disable()
		return
	}
	s.synthBtn.Enable()
	names := colleagueNames(cases, s.colleagues)
	var objs []fyne.CanvasObject
	// Newest first.
	for i := len(cases) - 1; i >= 0; i-- {
		c := cases[i]
		check := widget.NewCheck(i18n.X("gui.share.rep.in_synthesis"), func(bool) { s.g.touch() })
		check.Checked = c.Signer.Counts()
		if prev, ok := old[c.ID]; ok && c.Signer.Counts() && !prev.Disabled() {
			check.Checked = prev.Checked
		}
		if !c.Signer.Counts() {
			check.Disable()
		}
		s.inSynthesis[c.ID] = check
		objs = append(objs, s.caseCard(c, names, check))
	}
	s.caseBox.Objects = objs
	s.caseBox.Refresh()
	if left := s.leftOut(); left > 0 {
		s.leftOutNote.SetText(i18n.N("bundle.signer.left_out", left))
		s.leftOutNote.Show()
	} else {
		s.leftOutNote.Hide()
	}
}

// caseCard is one bundle received, read-only: its buttons, kept for
// tests.
type caseCard struct {
	trust, accept, colleague, browse *widget.Button
}

// caseCard is one bundle received, read-only.
func (s *representativeScreen) caseCard(c bundle.CaseInfo, names map[string]string, check *widget.Check) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	cc := &caseCard{}
	s.caseCards[c.ID] = cc
	sum := c.Summary
	if sum == nil || sum.Manifest == nil {
		objs = append(objs, widget.NewLabel(c.Name), caption(i18n.X("gui.share.rep.no_summary")))
	} else {
		m := sum.Manifest
		title := widget.NewLabel(i18n.X(caseTitleKey(c.Signer),
			map[string]any{"Name": names[m.VaultID], "Date": madeWhen(c, s.cases)}))
		title.TextStyle.Bold = true
		title.Wrapping = fyne.TextWrapWord
		objs = append(objs, title)
		facts := present.Counts(len(m.Incidents), len(m.Evidence)) + " · " + i18n.X("gui.share.rep.received_on", map[string]any{"Date": i18n.Date(c.ReceivedAt.Local())})
		if w := caseWorkplace(sum); w != "" {
			facts = w + " · " + facts
		}
		objs = append(objs, caption(facts))
		if k := s.colleagues[m.VaultID]; k != nil && len(k.Notes) > 0 {
			objs = append(objs, caption(notesLine(k)))
		}
		objs = append(objs, s.signerUI(c, cc)...)
		if sum.Continuity != nil {
			when := ""
			if against := s.caseInfo(sum.Continuity.AgainstCase); against != nil && against.Summary != nil && against.Summary.Manifest != nil {
				when = madeWhen(*against, s.cases)
			}
			v := wrapped(present.ContinuityShort(*sum.Continuity, when))
			if sum.Continuity.OK() {
				v.Importance = widget.SuccessImportance
			} else {
				v.Importance = widget.DangerImportance
				v.TextStyle.Bold = true
			}
			objs = append(objs, v)
		}
		if ch := s.changes(c); ch != "" {
			objs = append(objs, caption(ch))
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
	cc.browse = &widget.Button{Text: i18n.X("gui.share.rep.browse"), Icon: theme.FolderOpenIcon(),
		OnTapped: func() { s.browseCase(c) }}
	if sum == nil || sum.Incidents == nil {
		cc.browse.Disable()
	}
	buttons := []fyne.CanvasObject{view, cc.browse}
	if sum != nil && sum.Manifest != nil {
		vaultID := sum.Manifest.VaultID
		cc.colleague = &widget.Button{Text: i18n.X("gui.share.rep.colleague"), Icon: theme.AccountIcon(),
			OnTapped: func() { s.colleagueDialog(vaultID) }}
		buttons = append(buttons, cc.colleague)
	}
	remove := &widget.Button{Text: i18n.X("gui.share.rep.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.confirmRemove(c) }}
	objs = append(objs, container.NewHBox(append(buttons, check, layout.NewSpacer(), remove)...))
	return widget.NewCard("", "", container.NewVBox(objs...))
}

// caseTitleKey is how a case's card names its colleague: by name when
// the bundle is signed by their recognised key (or accepted), « au nom
// de » when another key, or none, signed it — anyone who knows a
// colleague's journal id can make a bundle in their name.
func caseTitleKey(sg bundle.SignerCheck) string {
	switch {
	case sg.Counts():
	case sg.Status == bundle.SignerChanged:
		return "gui.share.rep.case_title_other_key"
	case sg.Status == bundle.SignerMissing:
		return "gui.share.rep.case_title_unsigned"
	}
	return "gui.share.rep.case_title"
}

// notesLine says how many notes the representative keeps on a colleague,
// and the start of the newest.
func notesLine(k *app.Colleague) string {
	last := k.Notes[len(k.Notes)-1]
	return i18n.N("gui.share.rep.notes_line", len(k.Notes), map[string]any{"N": len(k.Notes),
		"Date": i18n.Date(last.Written.Local()), "Text": shorten(strings.Join(strings.Fields(last.Text), " "), 80)})
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

// changes says what a case brings since the colleague's previous one.
func (s *representativeScreen) changes(c bundle.CaseInfo) string {
	ch := bundle.ChangesSince(s.cases, c)
	if ch.Previous == nil {
		return ""
	}
	return present.Changes(ch, madeWhen(*ch.Previous, s.cases))
}
