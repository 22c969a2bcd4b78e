package app

import (
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestParsePublicKey(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	key := id.Recipient().String()
	for _, in := range []string{key, "  " + key + "\n", strings.ToUpper(key)} {
		got, err := ParsePublicKey(in)
		if err != nil || got != key {
			t.Errorf("ParsePublicKey(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "age1", key[:len(key)-1], key + "q", "AGE-SECRET-KEY-1ABC", "ssh-ed25519 AAAA", key[:10] + "B" + key[11:]} {
		if _, err := ParsePublicKey(in); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("ParsePublicKey(%q): %v", in, err)
		}
	}
}

func TestPublicKeyFromFile(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	key := id.Recipient().String()
	keygen := "# created: 2026-03-03T10:00:00+01:00\n# public key: " + key + "\n" + id.String() + "\n"
	for name, data := range map[string]string{
		"age-keygen":       keygen,
		"crlf":             strings.ReplaceAll(keygen, "\n", "\r\n"),
		"no comment":       id.String() + "\n",
		"comment only":     "# public key: " + key + "\n",
		"recipients file":  "# Élise, SNES\n" + key + "\n",
		"key and identity": key + "\n" + id.String(),
	} {
		got, err := PublicKeyFromFile([]byte(data))
		if err != nil || got != key {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	for name, data := range map[string]string{
		"empty":            "",
		"mismatch":         "# public key: " + other.Recipient().String() + "\n" + id.String() + "\n",
		"two identities":   id.String() + "\n" + other.String() + "\n",
		"garbage":          "bonjour\n",
		"bad identity":     "AGE-SECRET-KEY-1XYZ\n",
		"binary":           "\xff\xfe",
		"two recipients":   key + "\n" + other.Recipient().String() + "\n",
		"key not identity": other.Recipient().String() + "\n" + id.String() + "\n",
	} {
		if _, err := PublicKeyFromFile([]byte(data)); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestKeyFingerprint(t *testing.T) {
	a, _ := age.GenerateX25519Identity()
	b, _ := age.GenerateX25519Identity()
	fa := KeyFingerprint(a.Recipient().String())
	if len(fa) != 24 || strings.Count(fa, " ") != 4 || strings.Trim(fa, "0123456789 ") != "" {
		t.Errorf("fingerprint %q", fa)
	}
	if fa != KeyFingerprint(a.Recipient().String()) || fa == KeyFingerprint(b.Recipient().String()) {
		t.Errorf("fingerprints not stable or not distinct")
	}
}

func TestRepresentatives(t *testing.T) {
	j, dir := newTestJournal(t)
	id, _ := age.GenerateX25519Identity()
	key := id.Recipient().String()
	rep, err := j.Representatives.Add(Representative{Name: " Élise Durand ", Org: "SNES-FSU", Key: strings.ToUpper(key)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Name != "Élise Durand" || rep.Key != key || rep.AddedAt.IsZero() || rep.Fingerprint() != KeyFingerprint(key) {
		t.Errorf("stored: %+v", rep)
	}
	if _, err := j.Representatives.Add(Representative{Name: "Bruno", Key: "age1abc"}); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("bad key: %v", err)
	}
	if _, err := j.Representatives.Add(Representative{Name: "", Key: key}); err == nil {
		t.Errorf("empty name accepted")
	}
	if _, err := j.Representatives.Add(Representative{Name: "A\nB", Key: key}); err == nil {
		t.Errorf("newline accepted")
	}
	j = reopen(t, j, dir)
	list, err := j.Representatives.List()
	if err != nil || len(list) != 1 || list[0].Key != key {
		t.Fatalf("list: %+v, %v", list, err)
	}
	got, err := j.Representatives.ResolveKey("elise durand")
	if err != nil || got != key {
		t.Errorf("resolve by name: %q, %v", got, err)
	}
	if got, err := j.Representatives.ResolveKey(key); err != nil || got != key {
		t.Errorf("resolve by key: %q, %v", got, err)
	}
	if _, err := j.Representatives.ResolveKey("Personne"); !errors.Is(err, ErrNoRepresentative) {
		t.Errorf("unknown: %v", err)
	}
	if err := j.Representatives.Remove("ÉLISE DURAND"); err != nil {
		t.Fatal(err)
	}
	if err := j.Representatives.Remove("Élise Durand"); !errors.Is(err, ErrNoRepresentative) {
		t.Errorf("removed twice: %v", err)
	}
}
