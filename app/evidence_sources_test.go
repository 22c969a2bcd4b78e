package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app/mail"
	"github.com/temoin-app/temoin/vault"
)

// TestDuplicateEvidenceSaysWhere: the same file twice (same SHA-256) is
// refused, with the incident and the name it already has, and leaves
// nothing (issue 12, bug 5).
func TestDuplicateEvidenceSaysWhere(t *testing.T) {
	j, _ := newTestJournal(t)
	first, _ := j.Incidents.Create(sample(t))
	second, _ := j.Incidents.Create(sample(t))
	content := bytes.Repeat([]byte("vidéo "), 10_000)
	if _, err := j.Evidence.AttachFile(t.Context(), first.ID, "intrusion.mp4", bytes.NewReader(content), nil); err != nil {
		t.Fatal(err)
	}
	_, err := j.Evidence.AttachFile(t.Context(), second.ID, "copie.mp4", bytes.NewReader(content), nil)
	var dup *DuplicateError
	if !errors.As(err, &dup) || !errors.Is(err, ErrDuplicate) {
		t.Fatalf("the same file twice: %v", err)
	}
	if dup.IncidentID != first.ID || dup.Existing.Name != "intrusion.mp4" || !dup.OccurredAt.Equal(first.OccurredAt) {
		t.Errorf("where: %+v", dup)
	}
	got, _ := j.Incidents.Get(second.ID)
	rep, _ := j.Verify(t.Context(), nil)
	if len(got.Evidence) != 0 || rep.Blobs != 1 {
		t.Errorf("the duplicate left evidence %v, %d blobs", got.Evidence, rep.Blobs)
	}
}

// TestPastedTextAndNote: a pasted message is kept as text with its
// sender, date and channel; a note is changed, recorded in the chain, and
// both survive reopening.
func TestPastedTextAndNote(t *testing.T) {
	j, dir := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	ev, err := j.Evidence.AttachText(t.Context(), in.ID, "  Vous allez le regretter.  ",
		Evidence{Sender: "M. Durand", SentAt: "13/03/2026 21:46", Channel: "school_messaging"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Source != SourcePaste || ev.MediaType != "text/plain" || !strings.HasSuffix(ev.Name, ".txt") {
		t.Errorf("pasted: %+v", ev)
	}
	if _, err := j.Evidence.AttachText(t.Context(), in.ID, " \n", Evidence{}); err == nil {
		t.Error("empty text accepted")
	}
	before, _ := j.Chain.Events()
	if _, err := j.Evidence.SetNote(ev.ID, "copié depuis Pronote"); err != nil {
		t.Fatal(err)
	}
	after, _ := j.Chain.Events()
	if len(after) != len(before)+1 || KindOf(after[len(after)-1]) != EventEvidenceNoted {
		t.Errorf("the note is not in the chain")
	}
	j = reopen(t, j, dir)
	got, _, _ := j.Evidence.Find(ev.ID)
	if got.Sender != "M. Durand" || got.SentAt != "13/03/2026 21:46" || got.Channel != "school_messaging" || got.Note != "copié depuis Pronote" {
		t.Errorf("after reopening: %+v", got)
	}
	rc, _, _ := j.Evidence.Open(ev.ID)
	text, _ := io.ReadAll(rc)
	rc.Close()
	if string(text) != "Vous allez le regretter.\n" {
		t.Errorf("text %q", text)
	}
	if rep, _ := j.Verify(t.Context(), nil); !rep.OK() {
		t.Fatal(rep.Problems)
	}
}

// TestMailStoredByteExact: an .eml is stored byte for byte, with its
// headers in its record; an attachment becomes evidence of its own linked
// to it; a file that is no e-mail leaves nothing.
func TestMailStoredByteExact(t *testing.T) {
	j, _ := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	raw, err := os.ReadFile("mail/testdata/parent.eml")
	if err != nil {
		t.Fatal(err)
	}
	ev, msg, err := j.Evidence.AttachMail(t.Context(), in.ID, "message.eml", bytes.NewReader(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	if ev.SHA256 != hex.EncodeToString(sum[:]) || msg.SHA256 != ev.SHA256 || ev.Source != SourceMail {
		t.Errorf("not byte-exact: %s, read %s", ev.SHA256, msg.SHA256)
	}
	h := ev.Mail
	if h == nil || h.Subject != msg.Subject || len(h.From) != 1 || !strings.Contains(h.From[0], "p.durand@exemple.fr") ||
		len(h.To) != 1 || len(h.Cc) != 2 || h.Date.IsZero() || len(h.Attachments) != 1 {
		t.Fatalf("headers: %+v", h)
	}
	part, err := j.Evidence.AttachMailPart(t.Context(), ev.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if part.Parent != ev.ID || part.Source != SourceAttachment || part.SHA256 != h.Attachments[0].SHA256 || part.Name != h.Attachments[0].Filename {
		t.Errorf("attachment: %+v, want %+v", part, h.Attachments[0])
	}
	_, _, err = j.Evidence.AttachMail(t.Context(), in.ID, "photo.eml", strings.NewReader("\x89PNG\r\n\x1a\nnot a mail"), nil)
	if !errors.Is(err, mail.ErrNotMail) {
		t.Errorf("not a mail: %v", err)
	}
	got, _ := j.Incidents.Get(in.ID)
	rep, _ := j.Verify(t.Context(), nil)
	if len(got.Evidence) != 2 || rep.Blobs != 2 || !rep.OK() {
		t.Errorf("evidence %d, blobs %d, %v", len(got.Evidence), rep.Blobs, rep.Problems)
	}
}

// TestCaptureTimeInTheChain: a capture's time is in the record whose
// SHA-256 the chain holds.
func TestCaptureTimeInTheChain(t *testing.T) {
	j, _ := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	at := time.Date(2026, 3, 13, 9, 12, 5, 0, time.UTC)
	ev, err := j.Evidence.AttachFileWith(t.Context(), in.ID, "capture.png", strings.NewReader("\x89PNG\r\n\x1a\n"), nil,
		Evidence{Source: SourceCapture, CapturedAt: at, Name: "ignored", SHA256: "ignored"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Name != "capture.png" || len(ev.SHA256) != 64 || !ev.CapturedAt.Equal(at) {
		t.Fatalf("capture: %+v", ev)
	}
	events, _ := j.Chain.Events()
	last := events[len(events)-1]
	var rec []byte
	j.v.View(func(r *vault.Reader) error { rec, err = r.Get(evidenceKey(in.ID, ev.ID)); return err })
	sum := sha256.Sum256(rec)
	if KindOf(last) != EventEvidenceAdded || last.Hash != hex.EncodeToString(sum[:]) ||
		!bytes.Contains(rec, []byte(`"captured_at":"2026-03-13T09:12:05Z"`)) || !bytes.Contains(rec, []byte(ev.SHA256)) {
		t.Errorf("chain event %+v for record %s", last, rec)
	}
}

// TestMediaDuration: a video's length is read by ffprobe; nothing is
// said of a file that is no video, or without ffprobe.
func TestMediaDuration(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is not installed (tools/deps.sh installs it)")
	}
	dir := t.TempDir()
	video := filepath.Join(dir, "intrusion.mkv")
	out, err := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=64x48:rate=5", video).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	if d := MediaDuration(t.Context(), video); d < 2.9 || d > 3.1 {
		t.Errorf("duration %v, want 3 s", d)
	}
	text := filepath.Join(dir, "note.txt")
	os.WriteFile(text, []byte("pas une vidéo"), 0o600)
	if d := MediaDuration(t.Context(), text); d != 0 {
		t.Errorf("a text file lasts %v", d)
	}
	t.Setenv("PATH", dir)
	if d := MediaDuration(t.Context(), video); d != 0 {
		t.Errorf("without ffprobe: %v", d)
	}
}
