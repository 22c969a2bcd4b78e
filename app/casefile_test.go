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
	if _, err := j.RepresentativeIdentity(); !errors.Is(err, ErrNoIdentity) {
		t.Fatalf("before creation: %v", err)
	}
	id, err := j.CreateRepresentativeIdentity()
	if err != nil {
		t.Fatal(err)
	}
	again, err := j.CreateRepresentativeIdentity()
	if err != nil || again.String() != id.String() {
		t.Fatalf("created twice: a new identity replaced the first")
	}
	j = reopen(t, j, dir)
	key, err := j.RepresentativePublicKey()
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
	c, err := j.AddCase(context.Background(), strings.NewReader("contenu chiffré"), Case{Name: "../temoin-2026-03-03.zip.age", Summary: []byte(`{"a":1}`)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == "" || c.Name != "temoin-2026-03-03.zip.age" || c.Size != int64(len("contenu chiffré")) {
		t.Errorf("case: %+v", c)
	}
	j = reopen(t, j, dir)
	list, err := j.Cases()
	if err != nil || len(list) != 1 || string(list[0].Summary) != `{"a":1}` {
		t.Fatalf("cases: %+v, %v", list, err)
	}
	rc, _, err := j.OpenCase(c.ID)
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
	if err := j.RemoveCase(c.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := j.OpenCase(c.ID); !errors.Is(err, ErrNoCase) {
		t.Errorf("after removal: %v", err)
	}
	for _, bad := range []string{"", "../x", "a/b"} {
		if _, err := j.GetCase(bad); !errors.Is(err, ErrNoCase) {
			t.Errorf("GetCase(%q): %v", bad, err)
		}
	}
	events, _ := j.Events()
	if events[len(events)-1].Type != EventCaseRemoved || events[len(events)-2].Type != EventCaseReceived {
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

func TestRevisionKey(t *testing.T) {
	key := RevisionKey("ab12cd34", 3)
	id, rev, ok := ParseRevisionKey(key)
	if !ok || id != "ab12cd34" || rev != 3 {
		t.Errorf("ParseRevisionKey(%q) = %q %d %v", key, id, rev, ok)
	}
	for _, bad := range []string{"", "inc/x/e/y", "inc/x/r/abc", "inc/x/r/00000000", "case/x"} {
		if _, _, ok := ParseRevisionKey(bad); ok {
			t.Errorf("ParseRevisionKey(%q) accepted", bad)
		}
	}
}
