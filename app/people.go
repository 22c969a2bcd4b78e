package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/temoin-app/temoin/vault"
)

// Person maps a real name, as it may appear in the journal, to the
// pseudonym and role that reports and bundles use instead: "Kevin Martin"
// → "Élève A" (role "élève"). The list stays in the vault.
type Person struct {
	Name      string `json:"name"`
	Pseudonym string `json:"pseudonym"`
	Role      string `json:"role,omitempty"`
	// Forms are other ways the person is called, which documents replace
	// too: a nickname, another spelling, bare initials ("LB"), or a
	// first name that is also a common word, once confirmed.
	Forms []string `json:"forms,omitempty"`
}

// IsPupil reports whether the person is a pupil (role « élève »): pupils
// are never named in a letter to the employer (RGPD, recital 38). A
// person entered without a role is a pupil when the pseudonym says so
// (« Élève K »): a minor is never named by mistake.
func (p Person) IsPupil() bool {
	pupil := func(s string) bool {
		s = fold(strings.TrimSpace(s))
		return strings.HasPrefix(s, "eleve") || strings.HasPrefix(s, "pupil") || strings.HasPrefix(s, "apprenant") ||
			strings.HasPrefix(s, "etudiant") || strings.HasPrefix(s, "student")
	}
	return pupil(p.Role) || (strings.TrimSpace(p.Role) == "" && pupil(p.Pseudonym))
}

const peoplePrefix = "people/"

// PeopleService keeps the people list: the names that reports and
// bundles replace by pseudonyms (see Pseudonymizer). It is kept in the
// vault, outside the chain.
type PeopleService struct{ v *vault.Vault }

// List returns the list of people, sorted by name.
func (s *PeopleService) List() ([]Person, error) {
	out, err := listRecords[Person](s.v, peoplePrefix, unchained)
	sort.Slice(out, func(a, b int) bool { return fold(out[a].Name) < fold(out[b].Name) })
	return out, err
}

// Add adds a person, or replaces the one with the same name (case and
// accents ignored).
func (s *PeopleService) Add(p Person) error {
	p.Name, p.Pseudonym, p.Role = strings.TrimSpace(p.Name), strings.TrimSpace(p.Pseudonym), strings.TrimSpace(p.Role)
	var forms []string
	for _, f := range p.Forms {
		if f = strings.TrimSpace(f); f != "" && !slices.ContainsFunc(forms, func(g string) bool { return fold(g) == fold(f) }) {
			forms = append(forms, f)
		}
	}
	p.Forms = forms
	for _, f := range forms {
		switch {
		case strings.ContainsAny(f, "\n\r"):
			return &FieldError{Field: "forms", Problem: FieldOneLine, Msg: "each form of a name fits on one line"}
		case len(f) > maxShortLen:
			return &FieldError{Field: "forms", Problem: FieldTooLong, Value: strconv.Itoa(maxShortLen), Msg: "too long"}
		case fold(f) == fold(p.Pseudonym):
			return &FieldError{Field: "pseudonym", Problem: FieldSame, Msg: "a form of the name must differ from the pseudonym"}
		}
	}
	if len(forms) > maxForms {
		return errTooManyForms
	}
	switch {
	case p.Name == "":
		return &FieldError{Field: "name", Problem: FieldMissing, Msg: "give a name and a pseudonym"}
	case p.Pseudonym == "":
		return &FieldError{Field: "pseudonym", Problem: FieldMissing, Msg: "give a name and a pseudonym"}
	case fold(p.Name) == fold(p.Pseudonym):
		return &FieldError{Field: "pseudonym", Problem: FieldSame, Msg: "the pseudonym must differ from the name"}
	case strings.ContainsAny(p.Name+p.Pseudonym+p.Role, "\n\r"):
		return &FieldError{Field: "name", Problem: FieldOneLine, Msg: "names and pseudonyms fit on one line"}
	case len(p.Name) > maxShortLen || len(p.Pseudonym) > maxShortLen || len(p.Role) > maxShortLen:
		return &FieldError{Field: "name", Problem: FieldTooLong, Value: strconv.Itoa(maxShortLen), Msg: "too long"}
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if err := keepEarlierForms(tx, &p); err != nil {
			return err
		}
		data, _ := json.Marshal(&p)
		return tx.PutUnchained(personKey(p.Name), data)
	})
}

// maxForms is the most forms of a name a person can have.
const maxForms = 100

var errTooManyForms = &FieldError{Field: "forms", Problem: FieldTooMany, Msg: "too many forms"}

// keepEarlierForms adds to p the forms of the name given earlier for the
// same person: adding a person again changes the pseudonym or the role,
// and never drops a spelling that the reports must replace.
func keepEarlierForms(tx *vault.Tx, p *Person) error {
	data, err := tx.GetUnchained(personKey(p.Name))
	if errors.Is(err, vault.ErrNoRecord) {
		return nil
	} else if err != nil {
		return err
	}
	var earlier Person
	if err := json.Unmarshal(data, &earlier); err != nil {
		return &vault.CorruptError{What: "record " + personKey(p.Name), Err: err}
	}
	for _, f := range earlier.Forms {
		if fold(f) != fold(p.Pseudonym) && !slices.ContainsFunc(p.Forms, func(g string) bool { return fold(g) == fold(f) }) {
			p.Forms = append(p.Forms, f)
		}
	}
	if len(p.Forms) > maxForms {
		return errTooManyForms
	}
	return nil
}

// ErrNoPerson: no person of this name in the list.
var ErrNoPerson = errors.New("no person of this name in the list")

// Remove removes a person from the list.
func (s *PeopleService) Remove(name string) error {
	return removeRecord(s.v, personKey(name), fmt.Errorf("%w: %q", ErrNoPerson, name))
}

func personKey(name string) string { return peoplePrefix + fold(strings.TrimSpace(name)) }
