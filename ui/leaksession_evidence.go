//go:build testhooks

package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// The leak session's evidence as it arrives (issue 14): text and a
// picture pasted, an e-mail dropped with its attachment taken out, the
// screen captured; each through the same widgets as a person.

// evidenceTab opens the incident id in the editor, on its evidence.
func (s *LeakSession) evidenceTab(id string) (*evidenceSection, error) {
	if s.g.main == nil {
		return nil, errors.New("the journal is locked")
	}
	s.g.main.openIncident(id)
	e := s.g.main.editor
	if e == nil || e.id == "" {
		return nil, errors.New("no saved incident open")
	}
	e.tabs.SelectIndex(tabEvidence)
	return e.evidence, nil
}

// count returns how much evidence the incident open has.
func (s *LeakSession) count(ev *evidenceSection) int {
	in, err := s.g.journal.Incidents.Get(ev.e.id)
	if err != nil {
		return -1
	}
	return len(in.Evidence)
}

// PasteText opens the incident id, puts text on the clipboard, presses "Coller", types sender
// into "Envoyé par" and adds it.
func (s *LeakSession) PasteText(id, text, sender string) error {
	ev, err := s.evidenceTab(id)
	if err != nil {
		return err
	}
	before := s.count(ev)
	s.g.clipboard = func() clipContent { return clipContent{text: text} }
	if err := tap(ev.pasteBtn); err != nil {
		return err
	}
	d, ok := s.lastDialog().(*dialog.FormDialog)
	if !ok || ev.pasted == nil {
		return errors.New("no form for the pasted text")
	}
	s.typeInto(ev.pasted.sender, sender)
	d.Submit()
	if s.count(ev) != before+1 {
		return errors.New("the pasted text was not added")
	}
	return nil
}

// PasteImage opens the incident id, puts a PNG picture on the clipboard and presses Ctrl+V on
// the evidence tab, then "Ajouter au journal".
func (s *LeakSession) PasteImage(id string, png []byte) error {
	ev, err := s.evidenceTab(id)
	if err != nil {
		return err
	}
	before := s.count(ev)
	s.g.clipboard = func() clipContent { return clipContent{png: png} }
	s.g.main.paste()
	d, ok := s.lastDialog().(*dialog.ConfirmDialog)
	if !ok {
		return errors.New("no preview of the pasted picture")
	}
	d.Confirm()
	if s.count(ev) != before+1 {
		return errors.New("the pasted picture was not added")
	}
	return nil
}

func (s *LeakSession) lastDialog() dialog.Dialog {
	if len(s.g.dialogs) == 0 {
		return nil
	}
	return s.g.dialogs[len(s.g.dialogs)-1]
}

// ImportMail opens the incident id, drops the .eml at path on the window, keeps the original,
// then adds its first attachment as evidence of its own.
func (s *LeakSession) ImportMail(id, path string) error {
	ev, err := s.evidenceTab(id)
	if err != nil {
		return err
	}
	before := s.count(ev)
	s.g.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	s.g.closeDialogs() // keep the original
	in, err := s.g.journal.Incidents.Get(ev.e.id)
	if err != nil || len(in.Evidence) != before+1 {
		return fmt.Errorf("the e-mail was not added: %v", err)
	}
	mail := in.Evidence[len(in.Evidence)-1]
	if mail.Mail == nil || len(mail.Mail.Attachments) == 0 {
		return errors.New("the e-mail's headers or attachments were not read")
	}
	for _, b := range buttonsIn(ev.detail) {
		if b.Text == "Ajouter comme pièce" {
			if err := tap(b); err != nil {
				return err
			}
			if s.count(ev) != before+2 {
				return errors.New("the attachment was not added")
			}
			return nil
		}
	}
	return errors.New("no button to add the attachment")
}

// Capture captures the whole screen into the incident id, as the
// capture dialog's "Capturer" does.
func (s *LeakSession) Capture(id string) error {
	ev, err := s.evidenceTab(id)
	if err != nil {
		return err
	}
	before := s.count(ev)
	targets, err := captureTargets()
	if err != nil {
		return err
	}
	s.g.captureInto(targets[0], ev.e.id)
	if s.count(ev) != before+1 {
		return fmt.Errorf("the capture was not added (%d dialogs)", len(s.g.dialogs))
	}
	return nil
}

// buttonsIn lists the buttons in containers under o.
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		return []*widget.Button{o}
	case *fyne.Container:
		var out []*widget.Button
		for _, c := range o.Objects {
			out = append(out, buttonsIn(c)...)
		}
		return out
	}
	return nil
}
