package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Profile is the author of the journal as documents name them: the
// report's cover, the letter requesting protection fonctionnelle, the
// RSST text. It is kept in the vault, encrypted like the rest; nothing
// requires it, and a report can show a pseudonym instead of the name.
type Profile struct {
	Name      string `json:"name,omitempty"`      // "Claire Durand"
	Function  string `json:"function,omitempty"`  // function and grade: "professeure certifiée de lettres"
	Workplace string `json:"workplace,omitempty"` // établissement: "Lycée Jean-Moulin, Lille"
	// Authority is where requests go: "académie de Lille" (the recteur),
	// or the DRAAF for agricultural education.
	Authority    string `json:"authority,omitempty"`
	Town         string `json:"town,omitempty"`         // where letters are signed ("Fait à …")
	Agricultural bool   `json:"agricultural,omitempty"` // enseignement agricole: letters go to the DRAAF
	// FirstDegree: a school of the first degree (école maternelle or
	// élémentaire): requests go to the DASEN, through the IEN.
	FirstDegree bool `json:"first_degree,omitempty"`
	// Addressee is who letters are addressed to, as the letter writes it:
	// « Madame la Rectrice de l'académie de Lille ». Empty: Témoin's
	// default for the person's system, with a blank to fill.
	Addressee string `json:"addressee,omitempty"`
	// Via is the hierarchy letters go through: « Madame la Proviseure du
	// lycée Jean-Moulin ». Empty: « la voie hiérarchique ».
	Via string `json:"via,omitempty"`
	// Status is "titulaire", "stagiaire" or "contractuel" (contract staff
	// follow the accident du travail procedure).
	Status string `json:"status,omitempty"`
	// AlsaceMoselle: the person works in Moselle, Bas-Rhin or Haut-Rhin,
	// where Good Friday and 26 December are public holidays too.
	AlsaceMoselle bool `json:"alsace_moselle,omitempty"`
}

// Statuses are the codes of Profile.Status.
var Statuses = []string{"titulaire", "stagiaire", "contractuel"}

// profileSetting is the vault setting that holds the profile, as JSON.
const profileSetting = "profile"

// IsZero reports whether nothing of the profile is filled in.
func (p Profile) IsZero() bool { return p == Profile{} }

// Validate checks a profile before it is saved: one line per field, of a
// reasonable length.
func (p *Profile) Validate() error {
	var errs []error
	for field, s := range map[string]string{
		"name": p.Name, "function": p.Function, "workplace": p.Workplace,
		"authority": p.Authority, "town": p.Town, "addressee": p.Addressee, "via": p.Via,
	} {
		switch {
		case strings.ContainsAny(s, "\n\r"):
			errs = append(errs, &FieldError{Field: field, Problem: FieldOneLine, Msg: "must fit on one line"})
		case len(s) > maxShortLen:
			errs = append(errs, &FieldError{Field: field, Problem: FieldTooLong, Value: strconv.Itoa(maxShortLen), Msg: fmt.Sprintf("too long (%d characters at most)", maxShortLen)})
		case !utf8.ValidString(s):
			errs = append(errs, &FieldError{Field: field, Problem: FieldNotText, Msg: "not valid UTF-8 text"})
		}
	}
	if p.Status != "" && !validCode(Statuses, p.Status) {
		errs = append(errs, &FieldError{Field: "status", Msg: "expected titulaire, stagiaire or contractuel"})
	}
	if p.Agricultural && p.FirstDegree {
		errs = append(errs, &FieldError{Field: "first_degree", Msg: "agricultural education has no first degree"})
	}
	return errors.Join(errs...)
}
