package app

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestColleagueNameAndNotes: a representative names a colleague (their
// journal) and keeps dated notes on them; both are records in the chain,
// kept across a lock, never readable on disk; a note keeps its number
// and date when changed.
func TestColleagueNameAndNotes(t *testing.T) {
	j, dir := newTestJournal(t)
	vid := strings.Repeat("cd", 16)
	c, err := j.Cases.Colleague(vid)
	if err != nil || c.Name != "" || len(c.Notes) != 0 {
		t.Fatalf("nothing kept yet: %+v %v", c, err)
	}
	for _, bad := range []string{"", "  ", strings.Repeat("é", 81), "a\x00b"} {
		if _, err := j.Cases.NameColleague(vid, bad); !errors.Is(err, ErrSignerName) {
			t.Errorf("name %q: %v", bad, err)
		}
	}
	if _, err := j.Cases.NameColleague("../x", "Camille"); err == nil {
		t.Error("a name was kept for a journal id that is not one")
	}
	const name, marker = "Camille Durand", "appel-le-3-12-veut-saisir-la-F3SCT"
	if _, err := j.Cases.NameColleague(vid, "  "+name+" "); err != nil {
		t.Fatal(err)
	}
	first, err := j.Cases.NoteColleague(vid, "Appel le 3/12\r\n"+marker)
	if err != nil || first.N != 1 || first.Text != "Appel le 3/12\n"+marker || first.Written.IsZero() {
		t.Fatalf("note %+v %v", first, err)
	}
	for _, bad := range []string{" \n ", strings.Repeat("x", 4001), "a\x1bb"} {
		if _, err := j.Cases.NoteColleague(vid, bad); !errors.Is(err, ErrColleagueNote) {
			t.Errorf("note %q: %v", bad, err)
		}
	}
	if _, err := j.Cases.NoteColleague(vid, "RDV avec l’IEN le 10/12"); err != nil {
		t.Fatal(err)
	}
	edited, err := j.Cases.EditColleagueNote(vid, 1, "Appel le 3/12 : veut saisir la F3SCT")
	if err != nil || edited.N != 1 || !edited.Written.Equal(first.Written) || edited.EditedAt.IsZero() {
		t.Fatalf("edited %+v %v", edited, err)
	}
	if _, err := j.Cases.EditColleagueNote(vid, 7, "x"); !errors.Is(err, ErrNoColleagueNote) {
		t.Errorf("no note 7: %v", err)
	}
	events, _ := j.Chain.Events()
	kinds := map[EventKind]int{}
	for _, e := range events {
		kinds[KindOf(e)]++
	}
	if kinds[EventColleagueNamed] != 1 || kinds[EventColleagueNoted] != 3 {
		t.Errorf("history %v", kinds)
	}

	j = reopen(t, j, dir)
	c, err = j.Cases.Colleague(vid)
	if err != nil || c.Name != name || len(c.Notes) != 2 || c.Notes[0].Text != "Appel le 3/12 : veut saisir la F3SCT" || c.Notes[1].N != 2 {
		t.Fatalf("after a lock: %+v %v", c, err)
	}
	if all, _ := j.Cases.Colleagues(); len(all) != 1 || all[0].VaultID != vid {
		t.Errorf("colleagues %+v", all)
	}
	j.Lock()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte(marker)) || bytes.Contains(data, []byte(name)) {
			t.Errorf("%s holds a note or a name in clear", path)
		}
		return nil
	})
}

// TestColleagueNameIsTheSignersName: the name given with a colleague's
// key is their name; naming them again renames "signed by".
func TestColleagueNameIsTheSignersName(t *testing.T) {
	j, _ := newTestJournal(t)
	pub, _ := j.SigningPublicKey()
	vid := strings.Repeat("ef", 16)
	if _, err := j.Cases.TrustSigner(vid, pub, "Collègue du 3 mars"); err != nil {
		t.Fatal(err)
	}
	if c, _ := j.Cases.Colleague(vid); c.Name != "Collègue du 3 mars" {
		t.Errorf("colleague named %q", c.Name)
	}
	if _, err := j.Cases.NameColleague(vid, "Mme Martin"); err != nil {
		t.Fatal(err)
	}
	sg, err := j.Cases.Signer(vid)
	if err != nil || sg.Name != "Mme Martin" || sg.PublicKey != pub {
		t.Errorf("signer %+v %v", sg, err)
	}
	if all, _ := j.Cases.Signers(); len(all) != 1 || all[0].Name != "Mme Martin" {
		t.Errorf("signers %+v", all)
	}
}
