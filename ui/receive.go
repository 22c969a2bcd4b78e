package ui

import (
	"context"
	"errors"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Receiving a bundle: checked whole, then kept encrypted in the vault as
// a case; opened with the representative's key, or a passphrase asked
// for when the key does not open it.

func (s *representativeScreen) receive() {
	s.g.touch()
	if s.cancel != nil {
		return
	}
	s.g.pick.open(func(path string) { s.receiveFile(path, nil) })
}

// receiveFile checks the bundle at path and keeps it, off the UI thread,
// with a progress dialog and Cancel. ids are identities besides the
// vault's own (a passphrase).
func (s *representativeScreen) receiveFile(path string, ids []age.Identity) {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	dlg := s.g.showProgress(i18n.X("gui.share.rep.receiving"), i18n.X("gui.share.rep.receiving_help"), cancel)
	progress := dlg.progress(nil).Bytes()
	j := s.g.journal
	s.g.async(func() {
		rec, err := bundle.Receive(ctx, j.Cases, path, bundle.ReceiveOptions{Identities: ids, Progress: progress, TSARoots: j.Timestamps.Roots()})
		fyne.Do(func() {
			dlg.close()
			s.receivedFile(path, ids, rec, err)
		})
	})
}

// receivedFile says what became of a bundle received.
func (s *representativeScreen) receivedFile(path string, ids []age.Identity, rec *bundle.Received, err error) {
	s.cancel = nil
	title := i18n.X("gui.share.rep.receive_title")
	switch {
	case errors.Is(err, context.Canceled):
		s.g.showInfo(title, i18n.X("gui.share.rep.receive_cancelled"))
		return
	case errors.Is(err, bundle.ErrWrongKey) && len(ids) == 0:
		s.askPassphrase(path)
		return
	case err != nil:
		s.g.showInfo(title, present.Error(err, present.Where{Vault: s.g.dir, File: path}))
		return
	}
	s.received = rec
	s.refreshCases()
	id := rec.Case.ID
	d := dialog.NewCustomConfirm(i18n.X("gui.share.rep.received"), i18n.X("gui.share.rep.view_report"), i18n.X("gui.share.close"),
		card(520, container.NewVBox(s.receivedUI(rec)...)), func(view bool) {
			if view {
				s.viewReport(id)
			}
		}, s.g.win)
	s.g.showDialog(d)
}

// receivedUI says what a bundle received holds, who signed it, what its
// time-stamps attest and how it continues the colleague's earlier ones.
func (s *representativeScreen) receivedUI(rec *bundle.Received) []fyne.CanvasObject {
	m := rec.Contents.Manifest
	ok := wrapped(i18n.X("bundle.open.ok"))
	ok.Importance = widget.SuccessImportance
	verdict := wrapped(present.Continuity(rec.Continuity))
	if !rec.Continuity.OK() {
		verdict.Importance = widget.DangerImportance
		verdict.TextStyle.Bold = true
	}
	objs := []fyne.CanvasObject{ok,
		wrapped(i18n.X("gui.share.rep.received_facts",
			map[string]any{"Date": i18n.DateTime(m.ExportedAt.Local()), "Counts": present.Counts(len(m.Incidents), len(m.Evidence))})),
	}
	objs = append(objs, s.receivedSigner(rec)...)
	for _, line := range present.TimestampLines(rec.Contents.Timestamps) {
		objs = append(objs, caption(line))
	}
	objs = append(objs, verdict)
	if info := s.caseInfo(rec.Case.ID); info != nil {
		if ch := s.changes(*info); ch != "" {
			objs = append(objs, wrapped(ch))
		}
	}
	if !m.Pseudonymised {
		objs = append(objs, caption(i18n.X("bundle.open.names")))
	}
	if m.HealthIncluded {
		objs = append(objs, caption(i18n.X("bundle.open.health")))
	}
	return append(objs, caption(i18n.X("gui.share.rep.original_help")))
}

// receivedSigner says who signed a bundle just received: for a key to
// compare, its fingerprint and "Reconnaître cette clé"; for another key
// than the colleague's or none, "Accepter quand même".
func (s *representativeScreen) receivedSigner(rec *bundle.Received) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	s.receivedTrust, s.receivedAccept = nil, nil
	for i, line := range present.SignerLines(rec.Signer) {
		l := wrapped(line)
		if i == 0 {
			l.TextStyle.Bold = true
			switch rec.Signer.Status {
			case bundle.SignerTrusted:
				l.Importance = widget.SuccessImportance
			case bundle.SignerChanged:
				l.Importance = widget.DangerImportance
			default:
				l.Importance = widget.WarningImportance
			}
		}
		objs = append(objs, l)
	}
	info := s.caseInfo(rec.Case.ID)
	if info == nil {
		return objs
	}
	switch {
	case rec.Signer.Status == bundle.SignerNew:
		s.receivedTrust = &widget.Button{Text: i18n.X("gui.share.rep.trust"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance,
			OnTapped: func() { s.trustDialog(*info) }}
		objs = append(objs, container.NewHBox(s.receivedTrust))
	case !rec.Signer.Counts():
		s.receivedAccept = &widget.Button{Text: i18n.X("gui.share.rep.accept"), Icon: theme.WarningIcon(),
			OnTapped: func() { s.acceptDialog(*info) }}
		objs = append(objs, container.NewHBox(s.receivedAccept))
	}
	return objs
}

// caseInfo returns the case listed with this id.
func (s *representativeScreen) caseInfo(id string) *bundle.CaseInfo {
	for i := range s.cases {
		if s.cases[i].ID == id {
			return &s.cases[i]
		}
	}
	return nil
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
		clear(p)
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
