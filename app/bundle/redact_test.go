package bundle

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// A bundle carries only the history needed to verify what it holds
// (finding 6 of issue 10: chain.json held the whole history, events of
// other incidents and earlier recipients' keys). Checked against the
// vault's full chain: every event keeps its place and ID, the head
// verifies, the events about the incident exported are there in full,
// and nothing of the others.
func TestBundleHistoryIsRedacted(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	other := newIdentity(t).Recipient().String()
	// An "exported" event as format 1 wrote it, naming a recipient.
	if err := fx.src.Chain.Log(app.EventExported, other, "1111111111111111111111111111111111111111111111111111111111111111"); err != nil {
		t.Fatal(err)
	}
	first, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()},
		Report: report.Options{IncidentIDs: []string{fx.incidents[1].ID}}})
	path, res := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()},
		Report: report.Options{IncidentIDs: []string{fx.incidents[1].ID}}})

	out := filepath.Join(t.TempDir(), "dossier")
	c, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	full, _ := fx.src.Events.Events()
	full = full[:res.Manifest.ChainHead.Seq]
	if len(c.Chain.Events) != len(full) {
		t.Fatalf("%d events, the vault has %d", len(c.Chain.Events), len(full))
	}
	kept := 0
	for i, e := range c.Chain.Events {
		v := full[i]
		if e.Seq != v.Seq || e.ID != v.ID || e.Prev != v.Prev {
			t.Fatalf("event %d: not the vault's place", v.Seq)
		}
		about := v.Subject == fx.incidents[1].ID || app.KindOf(v) == app.EventExported && v.Subject == ""
		switch {
		case about && (e.Redacted || e.ChainEvent != v):
			t.Errorf("event %d (%s %s) should be in full: %+v", v.Seq, v.Type, v.Subject, e)
		case !about && (!e.Redacted || e.Type != "" || e.Subject != "" || e.Key != "" || e.Hash != ""):
			t.Errorf("event %d (%s %s) should be redacted: %+v", v.Seq, v.Type, v.Subject, e)
		case about:
			kept++
		}
	}
	if kept < 2 {
		t.Errorf("only %d events in full", kept)
	}
	raw, _ := os.ReadFile(filepath.Join(out, NameChain))
	for _, secret := range []string{fx.incidents[0].ID, other, "evidence_added", "report_generated"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("chain.json holds %q", secret)
		}
	}
	// Continuity holds across redacted histories, and the first bundle's
	// export is recorded in the second's.
	c1, err := OpenFile(context.Background(), first, OpenOptions{Identities: []age.Identity{id}})
	if err != nil {
		t.Fatal(err)
	}
	if cont := Compare(c1.History(), c.History()); cont.Verdict != VerdictExtends || !cont.ExportRecorded {
		t.Errorf("continuity: %+v", cont)
	}
}
