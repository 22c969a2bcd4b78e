package ui

import (
	"errors"
	"io"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Links to what was posted online, and decrypted copies of files: saved
// where the person chooses, or opened in another application.

// linkDialog adds a link to something posted online.
func (s *evidenceSection) linkDialog() {
	s.g.touch()
	link := s.g.entry()
	link.SetPlaceHolder("https://…")
	link.Validator = func(v string) error {
		u, err := url.Parse(strings.TrimSpace(v))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errors.New(i18n.X("gui.link.invalid"))
		}
		return nil
	}
	seen := s.g.dateEntry(func() {})
	today := time.Now().UTC()
	seen.SetDate(&today)
	note := s.g.multiLineEntry(3)
	note.SetPlaceHolder(i18n.X("gui.link.note_placeholder"))
	d := dialog.NewForm(i18n.X("gui.link.title"), i18n.X("gui.link.add"), i18n.X("gui.cancel"), []*widget.FormItem{
		field(i18n.X("gui.link.url"), link, ""),
		field(i18n.X("gui.link.seen"), seen, ""),
		field(i18n.X("gui.link.note"), note, ""),
	}, func(ok bool) {
		if ok {
			s.addLinkNow(link.Text, dateOf(seen.Date), note.Text)
		}
	}, s.g.win)
	d.Resize(fyne.NewSize(560, 360))
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(link)
}

func (s *evidenceSection) addLinkNow(link string, seen app.Date, note string) {
	ev, err := s.g.journal.Evidence.AttachLink(s.e.id, link, seen, note)
	if err != nil {
		s.g.showError(err)
		return
	}
	s.selected = ev.ID
	s.reload()
}

// saveCopy writes a decrypted copy of a file where the person chooses,
// readable by them only.
func (s *evidenceSection) saveCopy(ev app.Evidence) {
	j := s.g.journal
	s.g.pick.save(ev.Name, func(path string) {
		s.g.async(func() {
			err := copyEvidence(j, ev.ID, path)
			fyne.Do(func() {
				if err != nil {
					s.g.showError(present.In(err, present.Where{File: path}))
					return
				}
				s.g.showInfo(i18n.X("gui.evidence.copied_title"), i18n.X("gui.evidence.copied"))
			})
		})
	})
}

// copyEvidence decrypts a file into path; a copy that fails (a damaged
// file ends with an error) leaves nothing.
func copyEvidence(j *app.Journal, id, path string) error {
	rc, _, err := j.Evidence.Open(id)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = present.WritePrivate(path, true, rc)
	return err
}

// openExternal opens a decrypted copy with the system's application,
// through the private viewer folder (viewer.go), wiped at lock and exit.
func (s *evidenceSection) openExternal(ev app.Evidence) {
	j := s.g.journal
	s.g.openInViewer(ev.Name, func(w io.Writer) error {
		rc, _, err := j.Evidence.Open(ev.ID)
		if err != nil {
			return err
		}
		defer rc.Close()
		_, err = io.Copy(w, rc)
		return err
	})
}

// linkAdvice is what to do with a link to content online: capture what
// it shows now (it can be deleted tomorrow), and ask a commissaire de
// justice for a constat, the strong form of proof, before the press law's
// three months run out (loi du 29 juillet 1881, art. 65).
func (s *evidenceSection) linkAdvice(ev app.Evidence) []fyne.CanvasObject {
	capture := &widget.Button{Text: i18n.X("gui.link.capture_now"), Icon: theme.MediaPhotoIcon(),
		OnTapped: func() { s.g.captureDialog(s.e.id) }}
	from := ev.PublishedOn
	if from.IsZero() && s.e.base != nil {
		from = app.DateOf(s.e.base.OccurredAt)
	}
	out := []fyne.CanvasObject{container.NewHBox(capture), wrapped(i18n.X("gui.evidence.link_help"))}
	if !from.IsZero() {
		until := from.AddMonths(3)
		deadline := wrapped(i18n.X("gui.link.press_deadline", map[string]any{
			"From": i18n.Day(from.Year, from.Month, from.Day), "Until": i18n.Day(until.Year, until.Month, until.Day)}))
		deadline.Importance = widget.WarningImportance
		out = append(out, deadline)
	}
	return out
}
