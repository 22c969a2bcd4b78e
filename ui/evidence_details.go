package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/mail"
	"github.com/temoin-app/temoin/i18n"
)

// What the evidence pane shows beyond a file's name and fingerprint: how
// it came in (a capture and its time, a pasted message with its sender,
// an e-mail with its headers and attachments), a video's length, and the
// note the person keeps with it.

// sourceDetail says how a piece of evidence came in.
func (s *evidenceSection) sourceDetail(ev app.Evidence) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	line := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			out = append(out, labelled(label, wrapped(value)))
		}
	}
	switch ev.Source {
	case app.SourceCapture, app.SourceRecording:
		line(i18n.X("gui.evidence.captured_at"), i18n.DateTime(ev.CapturedAt.Local()))
	case app.SourcePaste:
		line(i18n.X("gui.paste.sender"), ev.Sender)
		line(i18n.X("gui.paste.sent"), ev.SentAt)
		if ev.Channel != "" {
			line(i18n.X("gui.paste.channel"), i18n.Code("channel", ev.Channel))
		}
	case app.SourceAttachment:
		if parent, _, err := s.g.journal.Evidence.Find(ev.Parent); err == nil {
			line(i18n.X("gui.mail.attached_to"), parent.Name)
		}
	}
	if ev.Duration > 0 {
		line(i18n.X("gui.evidence.duration"), durationText(time.Duration(ev.Duration*float64(time.Second))))
	}
	if ev.Mail != nil {
		out = append(out, s.mailDetail(ev)...)
	}
	return out
}

// mailDetail shows an e-mail's headers and its attachments, each of which
// can be added as evidence of its own.
func (s *evidenceSection) mailDetail(ev app.Evidence) []fyne.CanvasObject {
	h := ev.Mail
	date := h.DateText
	if !h.Date.IsZero() {
		date = i18n.DateTime(h.Date.Local())
	}
	form := widget.NewForm(
		field(i18n.X("gui.mail.date"), wrapped(date), ""),
		field(i18n.X("gui.mail.from"), wrapped(strings.Join(h.From, ", ")), ""),
		field(i18n.X("gui.mail.to"), wrapped(strings.Join(append(append([]string{}, h.To...), h.Cc...), ", ")), ""),
		field(i18n.X("gui.mail.subject"), wrapped(h.Subject), ""),
	)
	out := []fyne.CanvasObject{subheading(i18n.X("gui.mail.title")), form}
	if len(h.Attachments) == 0 {
		return append(out, caption(i18n.X("gui.mail.no_attachments")))
	}
	out = append(out, caption(i18n.N("gui.mail.attachments", len(h.Attachments))))
	for _, a := range h.Attachments {
		out = append(out, s.attachmentRow(ev, a))
	}
	return out
}

// attachmentRow is one attachment of an e-mail: its name and size, and a
// button to add it as evidence, or where it already is.
func (s *evidenceSection) attachmentRow(msg app.Evidence, a mail.Attachment) fyne.CanvasObject {
	name := a.Filename
	if name == "" {
		name = i18n.X("gui.mail.unnamed")
	}
	label := wrapped(name + " · " + i18n.Size(a.Size))
	for _, ev := range s.items() {
		if ev.Parent == msg.ID && ev.SHA256 == a.SHA256 {
			return container.NewBorder(nil, nil, nil, caption(i18n.X("gui.mail.added")), label)
		}
	}
	add := &widget.Button{Text: i18n.X("gui.mail.add_attachment"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance}
	add.OnTapped = func() {
		add.Disable()
		j, id, index := s.g.journal, s.e.id, a.Index
		s.g.async(func() {
			ev, err := j.Evidence.AttachMailPart(context.Background(), msg.ID, index)
			fyne.Do(func() { s.g.showNewEvidence(id, ev, err) })
		})
	}
	return container.NewBorder(nil, nil, nil, add, label)
}

// noteUI is the note kept with a piece of evidence (what it shows, how
// it was obtained), saved with its button.
func (s *evidenceSection) noteUI(ev app.Evidence) fyne.CanvasObject {
	note := s.g.multiLineEntry(2)
	note.SetText(ev.Note)
	note.SetPlaceHolder(i18n.X("gui.evidence.note_placeholder"))
	save := &widget.Button{Text: i18n.X("gui.evidence.note_save"), Icon: theme.DocumentSaveIcon(), Importance: widget.LowImportance}
	save.Disable()
	note.OnChanged = func(string) { s.g.touch(); save.Enable() }
	save.OnTapped = func() {
		if _, err := s.g.journal.Evidence.SetNote(ev.ID, note.Text); err != nil {
			s.g.showError(err)
			return
		}
		save.Disable()
		s.reload()
	}
	s.note = note
	return labelled(i18n.X("gui.evidence.note"), container.NewBorder(nil, nil, nil, container.NewVBox(save), note))
}
