package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

var testPass = []byte("une phrase de passe assez longue")

func newTestJournal(t testing.TB) (*Journal, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, _, err := vault.Create(dir, testPass, &vault.Options{KDF: vaulttest.WeakKDF()})
	if err != nil {
		t.Fatal(err)
	}
	j, err := Open(v)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Lock() })
	return j, dir
}

func reopen(t testing.TB, j *Journal, dir string) *Journal {
	t.Helper()
	j.Lock()
	v, err := vault.OpenWith(dir, vault.Passphrase(testPass), nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err = Open(v)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Lock() })
	return j
}

func paris(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func sample(t testing.TB) *Incident {
	return &Incident{
		OccurredAt:     time.Date(2026, 3, 3, 14, 5, 0, 0, paris(t)),
		Setting:        "remote_home",
		Kinds:          []string{"threat", "video_intrusion"},
		Channels:       []string{"video_call"},
		Description:    "Un inconnu s’est introduit dans la classe virtuelle et a menacé l’Élève A.",
		ExactWords:     "« On sait où tu habites »",
		Perpetrator:    "outsider",
		PerpetratorRef: "Intrus I1",
		Witnesses:      []Witness{{Role: "collègue", Pseudonym: "C1", Contact: "06 00 00 00 00"}},
		VideoCall:      &VideoCall{Platform: "Zoom", PublicLink: true, Intruders: []string{"xXdarkXx"}},
		MedicalNote:    "arrêt de travail de 3 jours",
	}
}

func TestCreateAmendHistoryAcrossReopen(t *testing.T) {
	j, dir := newTestJournal(t)
	created, err := j.Incidents.Create(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.Revision != 1 || created.CreatedAt.IsZero() {
		t.Fatalf("created: %+v", created)
	}
	// Codes are stored in their canonical order.
	if !slices.Equal(created.Kinds, []string{"video_intrusion", "threat"}) {
		t.Errorf("kinds: %v", created.Kinds)
	}

	edit, _ := j.Incidents.Get(created.ID)
	edit.Consequences = "peur de refaire cours en visio"
	edit.Actions = []Action{{Kind: "rsst", Date: Date{2026, 3, 4}, Reference: "RSST n° 12"}}
	amended, err := j.Incidents.Amend(created.ID, edit)
	if err != nil {
		t.Fatal(err)
	}
	if amended.Revision != 2 || !amended.CreatedAt.Equal(created.CreatedAt) {
		t.Fatalf("amended: revision %d, created %v", amended.Revision, amended.CreatedAt)
	}
	if _, err := j.Incidents.Amend(created.ID, amended); !errors.Is(err, ErrUnchanged) {
		t.Errorf("amend without change: %v", err)
	}
	if _, err := j.Incidents.Amend(created.ID, edit); !errors.Is(err, ErrStale) {
		t.Errorf("amend from revision 1 after revision 2: %v", err)
	}

	j = reopen(t, j, dir)
	got, err := j.Incidents.Get(created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Consequences != "peur de refaire cours en visio" || got.Revision != 2 || got.ExactWords != "« On sait où tu habites »" {
		t.Fatalf("after reopening: %+v", got)
	}
	hist, err := j.Incidents.History(created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Incident.Consequences != "" || !slices.Equal(hist[1].Changed, []string{"actions", "consequences"}) {
		t.Fatalf("history: %d revisions, changed %v", len(hist), hist[len(hist)-1].Changed)
	}
	rep, err := j.Verify(t.Context(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
}

func TestValidationNamesTheField(t *testing.T) {
	j, _ := newTestJournal(t)
	cases := map[string]func(*Incident){
		"occurred_at": func(in *Incident) { in.OccurredAt = time.Time{} },
		"description": func(in *Incident) { in.Description, in.ExactWords = " ", "" },
		"kinds":       func(in *Incident) { in.Kinds = []string{"insult", "bad_code"} },
		"channels":    func(in *Incident) { in.Channels = []string{"pigeon"} },
		"perpetrator": func(in *Incident) { in.Perpetrator = "alien" },
		"actions[0].kind": func(in *Incident) {
			in.Actions = []Action{{Kind: "nope"}}
		},
		"linked": func(in *Incident) { in.Linked = []string{"zzzzzzzz"} },
	}
	for field, change := range cases {
		in := sample(t)
		change(in)
		_, err := j.Incidents.Create(in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	if j.Incidents.Count() != 0 {
		t.Fatalf("%d incidents saved from invalid input", j.Incidents.Count())
	}
}

func TestDeleteLeavesATombstone(t *testing.T) {
	j, dir := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	ev, err := j.Evidence.AttachFile(t.Context(), in.ID, "capture.png", strings.NewReader("\x89PNG..."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Incidents.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Incidents.Get(in.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if _, _, err := j.Evidence.Open(ev.ID); !errors.Is(err, ErrNoEvidence) {
		t.Fatalf("evidence after delete: %v", err)
	}
	j = reopen(t, j, dir)
	if j.Incidents.Count() != 0 {
		t.Fatal("deleted incident came back")
	}
	events, _ := j.Chain.Events()
	last := events[len(events)-1]
	if KindOf(last) != EventDeleted || last.Subject != in.ID {
		t.Fatalf("last event: %+v", last)
	}
	rep, _ := j.Verify(t.Context(), nil)
	if !rep.OK() || rep.Blobs != 0 {
		t.Fatalf("verify: %+v", rep)
	}
}

func TestEvidence(t *testing.T) {
	j, dir := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	content := bytes.Repeat([]byte("vidéo "), 100_000)
	ev, err := j.Evidence.AttachFile(t.Context(), in.ID, "/home/prof/Vidéos/intrusion.mp4", bytes.NewReader(content), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Name != "intrusion.mp4" || ev.MediaType != "video/mp4" || ev.Size != int64(len(content)) || len(ev.SHA256) != 64 {
		t.Fatalf("evidence: %+v", ev)
	}
	link, err := j.Evidence.AttachLink(in.ID, "https://video.example/watch?v=abc", Date{2026, 3, 5}, "vue par un élève")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachLink(in.ID, "javascript:alert(1)", Date{}, ""); err == nil {
		t.Error("a javascript: link was accepted")
	}
	j = reopen(t, j, dir)
	got, _ := j.Incidents.Get(in.ID)
	if len(got.Evidence) != 2 || got.Evidence[0].ID != ev.ID || got.Evidence[1].URL == "" {
		t.Fatalf("evidence after reopening: %+v", got.Evidence)
	}
	rc, _, err := j.Evidence.Open(ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(back, content) {
		t.Fatalf("read back %d bytes: %v", len(back), err)
	}
	if err := j.Evidence.Remove(link.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = j.Incidents.Get(in.ID)
	if len(got.Evidence) != 1 {
		t.Fatalf("after removal: %+v", got.Evidence)
	}
	rep, _ := j.Verify(t.Context(), nil)
	if !rep.OK() {
		t.Fatal(rep.Problems)
	}
}

func TestCancelledAttachLeavesNothing(t *testing.T) {
	j, _ := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	_, err := j.Evidence.AttachFile(ctx, in.ID, "big.bin", io.LimitReader(zeros{}, 50<<20), func(done int64) {
		if n++; n == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	got, _ := j.Incidents.Get(in.ID)
	rep, _ := j.Verify(t.Context(), nil)
	if len(got.Evidence) != 0 || rep.Blobs != 0 || len(rep.Notes) != 0 {
		t.Fatalf("left evidence %v, blobs %d, notes %v", got.Evidence, rep.Blobs, rep.Notes)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestDrafts(t *testing.T) {
	j, dir := newTestJournal(t)
	key := NewDraftKey()
	d := sample(t)
	d.Description = "brouillon en cours"
	if err := j.Drafts.Save(key, d); err != nil {
		t.Fatal(err)
	}
	j = reopen(t, j, dir)
	drafts, err := j.Drafts.List()
	if err != nil || len(drafts) != 1 || drafts[0].Incident.Description != "brouillon en cours" {
		t.Fatalf("drafts: %v %+v", err, drafts)
	}
	j.Drafts.Delete(key)
	if drafts, _ := j.Drafts.List(); len(drafts) != 0 {
		t.Fatal("draft not deleted")
	}
	// Drafts are not statements: they are not in the chain.
	if head, _ := j.Chain.Head(); head.Seq != 0 {
		t.Fatalf("drafts wrote %d chain events", head.Seq)
	}
}

func TestResolve(t *testing.T) {
	j, _ := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	if id, err := j.Incidents.Resolve(strings.ToUpper(in.ID[:5])); err != nil || id != in.ID {
		t.Fatalf("prefix: %q %v", id, err)
	}
	if _, err := j.Incidents.Resolve("zzzzzzzzz"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown: %v", err)
	}
}
