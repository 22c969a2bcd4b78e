package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app/mail"
	"github.com/temoin-app/temoin/vault"
)

// Evidence as it arrives: captures of the screen, text pasted from a
// message, e-mails stored byte-exact with their headers, and the
// attachments of an e-mail taken out as evidence of their own. Each goes
// through AttachFileWith: encrypted as it is read, its SHA-256 and what is
// known of it in the record the chain commits to.

// How a file came in (Evidence.Source).
const (
	SourceCapture    = "capture"    // a capture of the screen
	SourceRecording  = "recording"  // a video of the screen
	SourcePaste      = "paste"      // pasted from the clipboard
	SourceMail       = "mail"       // an e-mail (.eml), byte-exact
	SourceAttachment = "attachment" // an attachment of an e-mail (Parent)
)

// EventEvidenceNoted: a piece of evidence's note changed.
const EventEvidenceNoted EventKind = "evidence_noted"

// ErrDuplicate: the file is already in the journal.
var ErrDuplicate = errors.New("this file is already in the journal")

// DuplicateError says where a file already is: the evidence with the
// same SHA-256, and its incident.
type DuplicateError struct {
	Existing   Evidence
	IncidentID string
	OccurredAt time.Time // the incident's date
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%v: %q, incident %s", ErrDuplicate, e.Existing.Name, e.IncidentID)
}

func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// duplicate returns where a file of that SHA-256 already is, or nil. In a
// journal opened partly, an incident not read yet that held the file when
// the journal was opened is read to say where. idx.mu must be held for
// writing.
func (idx *index) duplicate(sha string) (*DuplicateError, error) {
	for _, id := range idx.files[sha] {
		if _, read := idx.byID[id]; !read && idx.has(id) {
			if err := idx.read(incidentPrefix(id)); err != nil {
				return nil, fmt.Errorf("failed to read incident %s: %w", id, err)
			}
		}
	}
	for id, e := range idx.byID {
		for _, ev := range e.inc.Evidence {
			if !ev.IsLink() && ev.SHA256 == sha {
				return &DuplicateError{Existing: ev, IncidentID: id, OccurredAt: e.inc.OccurredAt}, nil
			}
		}
	}
	return nil, nil
}

// MailHeader is what an e-mail's header said, kept beside its file.
type MailHeader struct {
	Date        time.Time         `json:"date,omitzero"`
	DateText    string            `json:"date_text,omitempty"`
	From        []string          `json:"from,omitempty"`
	To          []string          `json:"to,omitempty"`
	Cc          []string          `json:"cc,omitempty"`
	Subject     string            `json:"subject,omitempty"`
	MessageID   string            `json:"message_id,omitempty"`
	Attachments []mail.Attachment `json:"attachments,omitempty"`
}

func headerOf(m *mail.Message) *MailHeader {
	names := func(list []mail.Address) []string {
		var out []string
		for _, a := range list {
			out = append(out, a.String())
		}
		return out
	}
	return &MailHeader{Date: m.Date, DateText: m.DateText, From: names(m.From), To: names(m.To), Cc: names(m.Cc),
		Subject: m.Subject, MessageID: m.MessageID, Attachments: m.Attachments}
}

// AttachText keeps a message's text (pasted from Pronote, an SMS copied
// or typed) as a UTF-8 text file, with who sent it, when and through
// what (info's Sender, SentAt, Channel).
func (s *EvidenceService) AttachText(ctx context.Context, incidentID, text string, info Evidence) (*Evidence, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, &FieldError{Field: "text", Problem: FieldMissing, Msg: "no text"}
	}
	info.Source = SourcePaste
	name := "message " + time.Now().Format("2006-01-02 15h04") + ".txt"
	return s.AttachFileWith(ctx, incidentID, name, strings.NewReader(text+"\n"), nil, info)
}

// AttachMail stores an e-mail (.eml) byte-exact, as it is read, and keeps
// its date, sender, recipients, subject and the list of its attachments
// (each with its SHA-256) in its record. A file that is no e-mail is
// refused (mail.ErrNotMail) and leaves nothing.
func (s *EvidenceService) AttachMail(ctx context.Context, incidentID, name string, r io.Reader, progress func(int64)) (*Evidence, *mail.Message, error) {
	pr, pw := io.Pipe()
	type result struct {
		m   *mail.Message
		err error
	}
	done := make(chan result, 1)
	go func() {
		m, err := mail.Read(pr, nil)
		io.Copy(io.Discard, pr) // after an error, the rest is still stored, then discarded
		done <- result{m, err}
	}()
	var read *mail.Message
	waited := false
	ev, err := s.attach(ctx, incidentID, name, io.TeeReader(r, pw), progress, Evidence{Source: SourceMail}, func(ev *Evidence) error {
		pw.Close()
		res := <-done
		waited = true
		switch {
		case errors.Is(res.err, mail.ErrNotMail):
			return res.err
		case res.err != nil: // a header or a part unreadable: not an e-mail Témoin can show
			return fmt.Errorf("%w: %v", mail.ErrNotMail, res.err)
		}
		read, ev.Mail = res.m, headerOf(res.m)
		return nil
	})
	if !waited { // the file was not read to its end
		pw.CloseWithError(io.ErrUnexpectedEOF)
		<-done
	}
	if err != nil {
		return nil, nil, err
	}
	return ev, read, nil
}

// AttachMailPart takes an attachment of an e-mail kept as evidence out
// as evidence of its own, linked to the message (Parent).
func (s *EvidenceService) AttachMailPart(ctx context.Context, mailID string, index int) (*Evidence, error) {
	rc, msg, err := s.Open(mailID)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	_, incidentID, _ := s.Find(mailID)
	var out *Evidence
	_, err = mail.Read(rc, func(a mail.Attachment, content io.Reader) error {
		if a.Index != index {
			return nil
		}
		name := a.Filename
		if name == "" {
			name = "piece-jointe-" + strconv.Itoa(index+1)
		}
		ev, err := s.AttachFileWith(ctx, incidentID, name, content, nil,
			Evidence{Source: SourceAttachment, Parent: msg.ID})
		out = ev
		return err
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, &IDError{Err: ErrNoEvidence, ID: mailID + "/" + strconv.Itoa(index)}
	}
	return out, nil
}

// SetNote changes the note kept with a piece of evidence (what it shows,
// how it was obtained). The chain records the change.
func (s *EvidenceService) SetNote(evidenceID, note string) (*Evidence, error) {
	ev, _, err := s.Find(evidenceID)
	if err != nil {
		return nil, err
	}
	ev.Note = strings.TrimSpace(note)
	if err := s.rewrite(ev, EventEvidenceNoted); err != nil {
		return nil, err
	}
	return ev, nil
}

// rewrite records a changed piece of evidence (its file unchanged).
func (s *EvidenceService) rewrite(ev *Evidence, kind EventKind) error {
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	incidentID, ok := s.idx.owner[ev.ID]
	if !ok {
		return &IDError{Err: ErrNoEvidence, ID: ev.ID}
	}
	e := s.idx.byID[incidentID]
	rec := evidenceRecord{Evidence: *ev, Blob: e.blobs[ev.ID]}
	data, err := json.Marshal(&rec)
	if err != nil {
		return err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		return tx.Record(evidenceKey(incidentID, ev.ID), data, vault.Event{Type: string(kind), Subject: incidentID})
	})
	if err != nil {
		return err
	}
	s.idx.changeEvidence(e, func(list []evidenceRecord) []evidenceRecord {
		for i := range list {
			if list[i].ID == ev.ID {
				list[i] = rec
			}
		}
		return list
	})
	return nil
}

// MediaDuration returns a video's or a sound's length in seconds, read
// by ffprobe from the file at path; 0 when ffprobe is missing or cannot
// tell (then nothing is said).
func MediaDuration(ctx context.Context, path string) float64 {
	bin, err := exec.LookPath("ffprobe")
	if err != nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-v", "error", "-show_entries", "format=duration",
		"-of", "default=noprint_wrappers=1:nokey=1", "--", path).Output()
	if err != nil {
		return 0
	}
	d, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil || d <= 0 {
		return 0
	}
	return d
}

// AttachRecording keeps a video of the screen as ffmpeg writes it into
// r, until r ends; its length is the time from started to that end.
func (s *EvidenceService) AttachRecording(ctx context.Context, incidentID, name string, r io.Reader, started time.Time) (*Evidence, error) {
	return s.attach(ctx, incidentID, name, r, nil, Evidence{Source: SourceRecording, CapturedAt: started.UTC()}, func(ev *Evidence) error {
		ev.Duration = time.Since(started).Round(time.Second).Seconds()
		return nil
	})
}
