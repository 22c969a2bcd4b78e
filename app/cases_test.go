package app

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io"
	"strings"
	"testing"
)

func TestRepresentativeIdentity(t *testing.T) {
	j, dir := newTestJournal(t)
	if _, err := j.Cases.Identity(); !errors.Is(err, ErrNoIdentity) {
		t.Fatalf("before creation: %v", err)
	}
	id, err := j.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	again, err := j.Cases.CreateIdentity()
	if err != nil || again.String() != id.String() {
		t.Fatalf("created twice: a new identity replaced the first")
	}
	j = reopen(t, j, dir)
	key, err := j.Cases.PublicKey()
	if err != nil || key != id.Recipient().String() {
		t.Fatalf("public key %q, %v", key, err)
	}
	img, err := PublicKeyQRCode(key, 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(img)); err != nil {
		t.Errorf("QR code is not a PNG: %v", err)
	}
	if _, err := PublicKeyQRCode("pas une clé", 4); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("QR of garbage: %v", err)
	}
}

func TestCases(t *testing.T) {
	j, dir := newTestJournal(t)
	c, err := j.Cases.Add(context.Background(), strings.NewReader("contenu chiffré"), Case{Name: "../temoin-2026-03-03.zip.age", Summary: []byte(`{"a":1}`)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == "" || c.Name != "temoin-2026-03-03.zip.age" || c.Size != int64(len("contenu chiffré")) {
		t.Errorf("case: %+v", c)
	}
	j = reopen(t, j, dir)
	list, err := j.Cases.List()
	if err != nil || len(list) != 1 || string(list[0].Summary) != `{"a":1}` {
		t.Fatalf("cases: %+v, %v", list, err)
	}
	rc, _, err := j.Cases.Open(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || string(data) != "contenu chiffré" {
		t.Errorf("read back %q, %v", data, err)
	}
	rep, err := j.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Errorf("verify: %+v, %v", rep, err)
	}
	if err := j.Cases.Remove(c.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := j.Cases.Open(c.ID); !errors.Is(err, ErrNoCase) {
		t.Errorf("after removal: %v", err)
	}
	for _, bad := range []string{"", "../x", "a/b"} {
		if _, err := j.Cases.Get(bad); !errors.Is(err, ErrNoCase) {
			t.Errorf("GetCase(%q): %v", bad, err)
		}
	}
	events, _ := j.Chain.Events()
	if KindOf(events[len(events)-1]) != EventCaseRemoved || KindOf(events[len(events)-2]) != EventCaseReceived {
		t.Errorf("chain: %+v", events[len(events)-2:])
	}
}

func TestIsVaultPassphrase(t *testing.T) {
	j, _ := newTestJournal(t)
	for p, want := range map[string]bool{string(testPass): true, "une autre phrase de passe": false, "": false} {
		got, err := j.IsVaultPassphrase([]byte(p))
		if err != nil || got != want {
			t.Errorf("IsVaultPassphrase(%q) = %v, %v", p, got, err)
		}
	}
	if err := j.ChangePassphrase([]byte("la nouvelle phrase de passe")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := j.IsVaultPassphrase([]byte("la nouvelle phrase de passe")); !ok {
		t.Errorf("the new passphrase is not recognised")
	}
	if ok, _ := j.IsVaultPassphrase(testPass); ok {
		t.Errorf("the old passphrase is still recognised")
	}
}

// TestRevisionKey: the chain event of each revision names the revision's
// record with RevisionKey, which bundles rely on to find it.
func TestRevisionKey(t *testing.T) {
	j, _ := newTestJournal(t)
	in, err := j.Incidents.Create(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	in.Notes = "précision"
	if _, err := j.Incidents.Amend(in.ID, in); err != nil {
		t.Fatal(err)
	}
	events, err := j.Chain.Events()
	if err != nil || len(events) != 2 {
		t.Fatalf("%d events: %v", len(events), err)
	}
	for i, e := range events {
		if want := RevisionKey(in.ID, i+1); e.Key != want || e.Hash == "" {
			t.Errorf("event %d: key %q, want %q", e.Seq, e.Key, want)
		}
	}
}
