package app

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// reopenPartly locks j and opens its vault again with UnlockPartly, as
// the command line does.
func reopenPartly(t *testing.T, j *Journal, dir string) *Journal {
	t.Helper()
	j.Lock()
	p, err := UnlockPartly(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Lock() })
	return p
}

// UnlockPartly notes what exists in the pass of the vault's checks at
// open (vault.Preload); OpenPartly, on a vault already open, reads the
// same from the vault afterwards.
func TestUnlockPartlyNotesWhatOpenPartlyReads(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 10)
	list := j.Incidents.List(Filter{})
	if _, err := j.Evidence.AttachLink(list[1].ID, "https://example.org/post", Date{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachFile(t.Context(), list[2].ID, "capture.png", bytes.NewReader([]byte("\x89PNG fake")), nil); err != nil {
		t.Fatal(err)
	}
	u := reopenPartly(t, j, dir)
	got := &index{known: u.idx.known, owner: u.idx.owner, files: u.idx.files, full: u.idx.full}
	u.Lock() // the index's maps are replaced, not emptied
	v, err := vault.OpenWith(dir, vault.Passphrase(testPass), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := OpenPartly(v)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Lock()
	want := p.idx
	if len(got.known) != 10 || len(got.owner) != 2 || len(got.files) != 1 || got.full ||
		!reflect.DeepEqual(got.known, want.known) || !reflect.DeepEqual(got.owner, want.owner) || !reflect.DeepEqual(got.files, want.files) {
		t.Errorf("UnlockPartly noted %d incidents, %d evidence, %d files (full %v); OpenPartly %d, %d, %d",
			len(got.known), len(got.owner), len(got.files), got.full, len(want.known), len(want.owner), len(want.files))
	}
}

// A command pays only for what it touches: a journal opened partly knows
// which incidents and evidence exist without reading any, reads the one an
// attachment goes to, and every incident only when a list needs them;
// what it changed meanwhile is in the list.
func TestOpenPartlyReadsOnlyWhatIsTouched(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 50)
	ids := j.Incidents.List(Filter{})
	target, other := ids[10].ID, ids[20].ID
	link, err := j.Evidence.AttachLink(other, "https://example.org/post", Date{}, "")
	if err != nil {
		t.Fatal(err)
	}

	p := reopenPartly(t, j, dir)
	if p.Incidents.Count() != 50 || len(p.idx.byID) != 0 {
		t.Fatalf("opened partly: %d incidents known, %d read; want 50 and none", p.Incidents.Count(), len(p.idx.byID))
	}
	if got, err := p.Incidents.Resolve(target[:5]); err != nil || got != target {
		t.Fatalf("Resolve(%q) = %q, %v", target[:5], got, err)
	}
	if got, err := p.Evidence.Resolve(link.ID); err != nil || got != link.ID {
		t.Fatalf("evidence Resolve = %q, %v", got, err)
	}
	ev, err := p.Evidence.AttachFile(context.Background(), target, "capture.png", bytes.NewReader([]byte("\x89PNG fake")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.idx.byID) != 1 {
		t.Errorf("after one attachment %d incidents were read, want 1", len(p.idx.byID))
	}
	if _, err := p.Incidents.Get("zzzzzzzz"); err == nil {
		t.Error("Get of an unknown incident succeeded")
	}

	list := p.Incidents.List(Filter{})
	if len(list) != 50 || len(p.idx.byID) != 50 {
		t.Fatalf("List: %d incidents (%d read), want 50", len(list), len(p.idx.byID))
	}
	for _, in := range list {
		switch in.ID {
		case target:
			if len(in.Evidence) != 1 || in.Evidence[0].ID != ev.ID {
				t.Errorf("the incident attached to lists %v", in.Evidence)
			}
		case other:
			if len(in.Evidence) != 1 || in.Evidence[0].ID != link.ID {
				t.Errorf("the incident with a link lists %v", in.Evidence)
			}
		}
	}
	if found := p.Incidents.List(Filter{Query: "capture.png"}); len(found) != 1 || found[0].ID != target {
		t.Errorf("search for the file's name found %d incidents", len(found))
	}
}

// Every change made before the first List is in it, and an incident
// created partly can be linked to one never read.
func TestOpenPartlyChangesBeforeTheList(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 5)
	first := j.Incidents.List(Filter{})
	p := reopenPartly(t, j, dir)
	in := first[0].Clone()
	in.Linked = []string{first[1].ID}
	created, err := p.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Incidents.Delete(first[2].ID); err != nil {
		t.Fatal(err)
	}
	amended := first[3].Clone()
	amended.Description = "Corrigé"
	if _, err := p.Incidents.Amend(amended.ID, amended); err != nil {
		t.Fatal(err)
	}
	list := p.Incidents.List(Filter{})
	if len(list) != 5 || p.Incidents.Count() != 5 {
		t.Fatalf("%d incidents listed, %d counted, want 5", len(list), p.Incidents.Count())
	}
	byID := map[string]*Incident{}
	for _, x := range list {
		byID[x.ID] = x
	}
	if byID[created.ID] == nil || byID[first[2].ID] != nil || byID[amended.ID].Description != "Corrigé" {
		t.Errorf("the list does not show the changes made before it")
	}
}

// The records read when the journal loads (decodeRevision, stored.add)
// are decoded by goccy/go-json: every revision and piece of evidence of
// the demonstration journal, of generated incidents and of one full of
// characters JSON escapes decodes exactly as encoding/json decodes it.
func TestRecordsDecodeAsWithTheStandardLibrary(t *testing.T) {
	j, _ := newTestJournal(t)
	if _, err := FillDemo(t.Context(), j, time.Now()); err != nil {
		t.Fatal(err)
	}
	fillJournal(t, j, 30)
	odd := sample(t)
	odd.Description = "« guillemets » \"doubles\" \\ <b>&amp;</b>\u00a0\u202f😡\nligne\ttab \u2028 \x01"
	in, err := j.Incidents.Create(odd)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := j.Incidents.Get(in.ID)
	c.ExactWords = "« t’es qu’une \\\"prof\\\" »"
	if _, err := j.Incidents.Amend(in.ID, c); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachLink(in.ID, "https://exemple.fr/a?b=c&d=\"e\"", Date{2026, 3, 4}, "note « é »\n"); err != nil {
		t.Fatal(err)
	}
	var revisions, evidence int
	err = j.v.View(func(r *vault.Reader) error {
		return r.Scan("inc/", func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			_, kind, _, _ := splitKey(key)
			var got, want any
			switch kind {
			case "r":
				revisions++
				var std revisionRecord
				if err := json.Unmarshal(data, &std); err != nil {
					return err
				}
				rec, err := decodeRevision(key, data)
				if err != nil {
					return err
				}
				got, want = rec, &std
			case "e":
				evidence++
				ev, err := decodeEvidence(key, data)
				if err != nil {
					return err
				}
				var std evidenceRecord
				if err := json.Unmarshal(data, &std); err != nil {
					return err
				}
				got, want = ev, std
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s decodes differently:\n%+v\nencoding/json:\n%+v", key, got, want)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if revisions < 40 || evidence < 3 {
		t.Errorf("%d revisions and %d pieces of evidence compared: the journal is not what the test thinks", revisions, evidence)
	}
}

// Unlock loads the journal in the pass the vault's check at open makes
// (vault.Preload): what it lists is exactly what Open, reading the
// journal afterwards, lists — amended, deleted, with evidence, and again
// after a reopen.
func TestUnlockLoadsWhatOpenReads(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 3*loadBatch+7) // several batches to the decoder
	list := j.Incidents.List(Filter{})
	amended := list[3].Clone()
	amended.Description = "Corrigé"
	if _, err := j.Incidents.Amend(amended.ID, amended); err != nil {
		t.Fatal(err)
	}
	if err := j.Incidents.Delete(list[5].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachLink(list[7].ID, "https://example.org/post", Date{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachFile(t.Context(), list[7].ID, "capture.png", bytes.NewReader([]byte("\x89PNG fake")), nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()

	v, err := vault.OpenWith(dir, vault.Passphrase(testPass), nil)
	if err != nil {
		t.Fatal(err)
	}
	opened, err := Open(v)
	if err != nil {
		t.Fatal(err)
	}
	want := opened.Incidents.List(Filter{})
	opened.Lock()

	u, err := Unlock(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Lock()
	got := u.Incidents.List(Filter{})
	if len(got) != 3*loadBatch+6 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Unlock lists %d incidents, Open %d; or they differ", len(got), len(want))
	}
	if found := u.Incidents.List(Filter{Query: "capture.png"}); len(found) != 1 || found[0].ID != list[7].ID {
		t.Errorf("search after Unlock found %d incidents", len(found))
	}
	if _, err := u.Evidence.AttachFile(t.Context(), list[9].ID, "copie.png", bytes.NewReader([]byte("\x89PNG fake")), nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("the same file again after Unlock: %v, want ErrDuplicate", err)
	}
}

// An incident whose record cannot be decoded, among hundreds decoded on
// the loader's goroutine, stops the unlock with a *CorruptError naming
// that record, as Open says it; the incidents around it do not hide it.
func TestUnlockNamesAnUndecodableIncident(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 2*loadBatch)
	const bad = "inc/0000zzzz/r/00000001"
	err := j.v.Update(func(tx *vault.Tx) error {
		return tx.Record(bad, []byte(`{"revision":1,"incident":{"kinds":7}}`), vault.Event{Type: "created", Subject: "0000zzzz"})
	})
	if err != nil {
		t.Fatal(err)
	}
	fillJournal(t, j, 2*loadBatch)
	j.Lock()
	for name, unlock := range map[string]func(string, []byte) (*Journal, error){"Unlock": Unlock, "UnlockPartly then List": UnlockPartly} {
		u, err := unlock(dir, testPass)
		if err == nil {
			err = u.Incidents.LoadAll()
			u.Lock()
		}
		var c *CorruptError
		if !errors.As(err, &c) || !strings.Contains(c.What, bad) {
			t.Errorf("%s: %v, want a CorruptError naming %s", name, err, bad)
		}
	}
}

// A file already in the journal is refused when the journal was opened
// partly (the command line's attach), whichever incident holds it: the
// incidents never read are searched too, and the refusal says where the
// file is, as in a journal read whole.
func TestOpenPartlyRefusesADuplicate(t *testing.T) {
	j, dir := newTestJournal(t)
	fillJournal(t, j, 20)
	list := j.Incidents.List(Filter{})
	holder, target := list[4], list[12]
	content := bytes.Repeat([]byte("vidéo "), 1000)
	first, err := j.Evidence.AttachFile(t.Context(), holder.ID, "intrusion.mp4", bytes.NewReader(content), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := reopenPartly(t, j, dir)
	_, err = p.Evidence.AttachFile(t.Context(), target.ID, "copie.mp4", bytes.NewReader(content), nil)
	var dup *DuplicateError
	if !errors.As(err, &dup) {
		t.Fatalf("the same file into another incident, opened partly: %v, want a DuplicateError", err)
	}
	if dup.IncidentID != holder.ID || dup.Existing.ID != first.ID || !dup.OccurredAt.Equal(holder.OccurredAt) {
		t.Errorf("where: %+v", dup)
	}
	if len(p.idx.byID) > 2 {
		t.Errorf("%d incidents read to find it, want the two concerned", len(p.idx.byID))
	}
	if got, _ := p.Incidents.Get(target.ID); len(got.Evidence) != 0 {
		t.Errorf("the duplicate was attached: %v", got.Evidence)
	}
}

// BenchmarkAttachPartly measures what the command line's attach pays
// besides the file itself: unlocking partly (without the key derivation)
// and attaching 8 MiB to one incident, in a journal of 60 incidents and
// of 10,000. The difference is what the journal's size costs.
func BenchmarkAttachPartly(b *testing.B) {
	for _, n := range []int{60, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			j, dir := newTestJournal(b)
			fillJournal(b, j, n)
			id := j.Incidents.List(Filter{})[0].ID
			j.Lock()
			data := make([]byte, 8<<20)
			cpu0 := cpuSeconds()
			for b.Loop() {
				crand.Read(data[:64]) // not a duplicate of the last one
				j, err := UnlockPartly(dir, testPass)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := j.Evidence.AttachFile(b.Context(), id, "f.bin", bytes.NewReader(data), nil); err != nil {
					b.Fatal(err)
				}
				j.Lock()
			}
			b.ReportMetric((cpuSeconds()-cpu0)*1000/float64(b.N), "cpu-ms/op")
		})
	}
}
