package app

import (
	"path/filepath"
	"testing"

	"github.com/temoin-app/temoin/vault/vaulttest"
)

func TestProfile(t *testing.T) {
	j, _, err := CreateVault(filepath.Join(t.TempDir(), "v"), []byte("correct horse battery"), &VaultOptions{KDF: vaulttest.WeakKDF()})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	if p, err := j.Settings.Profile(); err != nil || !p.IsZero() {
		t.Fatalf("new vault: %+v, %v", p, err)
	}
	want := Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Lycée Jean-Monnet",
		Authority: "DRAAF Hauts-de-France", Town: "Arras", Agricultural: true}
	in := want
	in.Name = "  Claire Durand "
	if err := j.Settings.SetProfile(in); err != nil {
		t.Fatal(err)
	}
	if got, err := j.Settings.Profile(); err != nil || got != want {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
	if err := j.Settings.SetProfile(Profile{Name: "a\nb"}); err == nil {
		t.Error("a name on two lines was accepted")
	}
	if err := j.Settings.SetProfile(Profile{Town: string(make([]byte, 2000))}); err == nil {
		t.Error("a long town was accepted")
	}
	if got, _ := j.Settings.Profile(); got != want {
		t.Error("a refused profile replaced the saved one")
	}
}
