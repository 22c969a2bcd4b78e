package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// The signing key is the colleague's identity: created once, the same at
// every call, and unchanged by a renewal of the keys (RotateKeys re-seals
// it like every record) and by a backup restored elsewhere.
func TestSigningKeySurvivesRotationAndRestore(t *testing.T) {
	j, dir := newTestJournal(t)
	pub, err := j.SigningPublicKey()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := j.SigningPublicKey(); again != pub {
		t.Fatalf("a second key was drawn: %s, then %s", pub, again)
	}
	if !strings.HasPrefix(pub, "RW") {
		t.Errorf("not a minisign key: %q", pub)
	}
	newPass := []byte("une nouvelle phrase de passe")
	if _, err := j.RotateKeys(context.Background(), newPass, nil); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "s"+BackupExt)
	if _, err := j.Backups.Write(context.Background(), backup, false, false, nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	j, err = Unlock(dir, newPass)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := j.SigningPublicKey(); after != pub {
		t.Errorf("the key changed with the renewal: %s, then %s", pub, after)
	}
	j.Lock()
	restored := filepath.Join(t.TempDir(), "restored")
	if _, err := RestoreBackupFile(context.Background(), backup, restored, Passphrase(newPass), nil); err != nil {
		t.Fatal(err)
	}
	j, err = Unlock(restored, newPass)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	if after, _ := j.SigningPublicKey(); after != pub {
		t.Errorf("the restored journal has another key: %s, then %s", pub, after)
	}
}

func TestSignerFingerprintAndRegistry(t *testing.T) {
	j, _ := newTestJournal(t)
	defer j.Lock()
	pub, _ := j.SigningPublicKey()
	fp := SignerFingerprint(pub)
	if len(fp) != 24 || fp == KeyFingerprint(pub) {
		t.Errorf("fingerprint %q", fp)
	}
	file, err := SignerKeyFile(pub)
	if err != nil || SignerFingerprint(string(file)) != fp {
		t.Errorf("the key file gives another fingerprint: %v", err)
	}
	if _, err := SignerQRCode(pub, 4); err != nil {
		t.Error(err)
	}
	if _, err := ParseSignerKey("age1nope"); !errors.Is(err, ErrInvalidSigner) {
		t.Errorf("not a key: %v", err)
	}

	vid := strings.Repeat("ab", 16)
	if _, err := j.Cases.Signer(vid); !errors.Is(err, ErrNoSigner) {
		t.Fatalf("unknown signer: %v", err)
	}
	if _, err := j.Cases.TrustSigner(vid, pub, "  "); !errors.Is(err, ErrSignerName) {
		t.Errorf("empty name: %v", err)
	}
	if _, err := j.Cases.TrustSigner(vid, pub, "Camille (collège)"); err != nil {
		t.Fatal(err)
	}
	sg, err := j.Cases.Signer(vid)
	if err != nil || sg.Name != "Camille (collège)" || sg.PublicKey != pub || sg.Fingerprint() != fp {
		t.Fatalf("signer: %+v, %v", sg, err)
	}
	events, _ := j.Chain.Events()
	if last := events[len(events)-1]; KindOf(last) != EventSignerTrusted || last.Subject != vid {
		t.Errorf("the decision is not in the history: %+v", last)
	}
	if ok, _ := j.Cases.CaseAccepted("nothing"); ok {
		t.Error("an unknown case is accepted")
	}
	if err := j.Cases.AcceptCase("nothing"); !errors.Is(err, ErrNoCase) {
		t.Errorf("accept an unknown case: %v", err)
	}
}
