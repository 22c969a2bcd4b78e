package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/temoin-app/temoin/vault"
)

// What a representative keeps about each colleague whose bundles they
// receive: a name of their choosing and private notes ("appel le 3/12,
// veut saisir la F3SCT"), dated. A colleague is their journal (the vault
// id every bundle's manifest gives), so the name and the notes stay with
// the colleague across their bundles. They are the representative's own
// records, sealed in their vault and in its chain like every record;
// nothing here goes into a synthesis, which numbers colleagues and names
// nobody.

// Errors of the colleagues' notes.
var (
	// ErrColleagueNote: a note is empty or too long.
	ErrColleagueNote = errors.New("write a note of 1 to 4000 characters")
	// ErrNoColleagueNote: no note with this number for this colleague.
	ErrNoColleagueNote = errors.New("no note with this number for this colleague")
)

// maxNoteRunes is the longest note a representative may keep.
const maxNoteRunes = 4000

// Colleague is what the representative keeps about a colleague.
type Colleague struct {
	// VaultID is the colleague's journal (as bundles' manifests give it).
	VaultID string `json:"vault_id"`
	// Name is what the representative calls the colleague ("" until they
	// name them, or recognise their signing key under a name).
	Name  string          `json:"name,omitempty"`
	Notes []ColleagueNote `json:"notes,omitempty"`
}

// ColleagueNote is one of the representative's notes on a colleague.
type ColleagueNote struct {
	// N numbers the colleague's notes from 1, in the order written; a
	// number is never given again.
	N        int       `json:"n"`
	Text     string    `json:"text"`
	Written  time.Time `json:"written"`
	EditedAt time.Time `json:"edited_at,omitzero"`
}

// The events of the colleagues' records.
const (
	EventColleagueNamed EventKind = "colleague_named" // a colleague named by the representative
	EventColleagueNoted EventKind = "colleague_noted" // a note on a colleague written or changed
)

const colleaguesPrefix = "colleague/"

// Colleague returns what the representative keeps about the colleague
// whose journal is vaultID: an empty Colleague when nothing is kept yet.
// Its Name is the name given with the colleague's signing key when the
// representative did not name them otherwise.
func (s *CaseService) Colleague(vaultID string) (*Colleague, error) {
	var out *Colleague
	err := s.v.View(func(r *vault.Reader) error {
		var err error
		out, err = colleagueOf(r, vaultID)
		return err
	})
	return out, err
}

// Colleagues returns every colleague the representative named or noted.
func (s *CaseService) Colleagues() ([]Colleague, error) {
	return listRecords[Colleague](s.v, colleaguesPrefix, chained)
}

func colleagueOf(r *vault.Reader, vaultID string) (*Colleague, error) {
	if !validVaultID(vaultID) {
		return nil, fmt.Errorf("invalid colleague's journal id %q", vaultID)
	}
	out := &Colleague{VaultID: vaultID}
	data, err := r.Get(colleaguesPrefix + vaultID)
	switch {
	case errors.Is(err, vault.ErrNoRecord):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(data, out); err != nil {
			return nil, &vault.CorruptError{What: "record " + colleaguesPrefix + vaultID, Err: err}
		}
	}
	if out.Name == "" {
		if data, err := r.Get(signersPrefix + vaultID); err == nil {
			var sg Signer
			if json.Unmarshal(data, &sg) == nil {
				out.Name = sg.Name
			}
		}
	}
	return out, nil
}

// updateColleague changes what is kept about a colleague, in one
// transaction recorded in the chain with the event kind.
func (s *CaseService) updateColleague(vaultID string, kind EventKind, change func(*Colleague) error) (*Colleague, error) {
	var out *Colleague
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		out, err = changeColleague(tx, vaultID, kind, change)
		return err
	})
	return out, err
}

func changeColleague(tx *vault.Tx, vaultID string, kind EventKind, change func(*Colleague) error) (*Colleague, error) {
	c, err := colleagueOf(&tx.Reader, vaultID)
	if err != nil {
		return nil, err
	}
	if err := change(c); err != nil {
		return nil, err
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return c, tx.Record(colleaguesPrefix+vaultID, data, vault.Event{Type: string(kind), Subject: vaultID})
}

// NameColleague gives the colleague whose journal is vaultID the name the
// representative chose. It is the name shown for all their bundles, past
// and to come, and the one "signed by" gives once their key is
// recognised.
func (s *CaseService) NameColleague(vaultID, name string) (*Colleague, error) {
	name, err := cleanSignerName(name)
	if err != nil {
		return nil, err
	}
	return s.updateColleague(vaultID, EventColleagueNamed, func(c *Colleague) error {
		c.Name = name
		return nil
	})
}

// cleanNote trims a note and checks it: line breaks and tabs are kept,
// other control characters refused.
func cleanNote(text string) (string, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	bad := strings.IndexFunc(text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' })
	if text == "" || utf8.RuneCountInString(text) > maxNoteRunes || bad >= 0 || !utf8.ValidString(text) {
		return "", ErrColleagueNote
	}
	return text, nil
}

// NoteColleague adds a note on the colleague whose journal is vaultID,
// dated now.
func (s *CaseService) NoteColleague(vaultID, text string) (*ColleagueNote, error) {
	text, err := cleanNote(text)
	if err != nil {
		return nil, err
	}
	var note ColleagueNote
	_, err = s.updateColleague(vaultID, EventColleagueNoted, func(c *Colleague) error {
		n := 0
		for _, o := range c.Notes {
			n = max(n, o.N)
		}
		note = ColleagueNote{N: n + 1, Text: text, Written: time.Now().UTC()}
		c.Notes = append(c.Notes, note)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &note, nil
}

// EditColleagueNote changes the text of the colleague's note number n;
// the note keeps its date and gains the date of the change. The earlier
// text stays in the vault's history, as every revision does.
func (s *CaseService) EditColleagueNote(vaultID string, n int, text string) (*ColleagueNote, error) {
	text, err := cleanNote(text)
	if err != nil {
		return nil, err
	}
	var note ColleagueNote
	_, err = s.updateColleague(vaultID, EventColleagueNoted, func(c *Colleague) error {
		for i := range c.Notes {
			if c.Notes[i].N == n {
				c.Notes[i].Text, c.Notes[i].EditedAt = text, time.Now().UTC()
				note = c.Notes[i]
				return nil
			}
		}
		return fmt.Errorf("%w: %d", ErrNoColleagueNote, n)
	})
	if err != nil {
		return nil, err
	}
	return &note, nil
}
