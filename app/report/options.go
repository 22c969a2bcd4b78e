package report

import (
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Audience is who a report is for: what it holds follows from it
// (docs/legal-spec-issue11.md § 6). The zero value is the committee.
type Audience int

const (
	// ForCommittee is the F3SCT and the administration: the committee is
	// chaired by the employer, so the report is treated as read by the
	// employer. No union contact, none of the author's own deadlines and
	// strategy, no complaint number, no health detail (aggregated, if
	// ticked).
	ForCommittee Audience = iota
	// ForRepresentative is the author's union representative: a union
	// document, everything but what the author leaves out.
	ForRepresentative
	// ForLawyer is the author's lawyer: confidential, adults named by
	// default, the author's deadlines and the dismissed ones.
	ForLawyer
)

// Audiences lists the audiences, in the order the screens offer them.
var Audiences = []Audience{ForCommittee, ForRepresentative, ForLawyer}

// String is the audience's code: "committee", "representative", "lawyer".
func (a Audience) String() string {
	switch a {
	case ForRepresentative:
		return "representative"
	case ForLawyer:
		return "lawyer"
	}
	return "committee"
}

// ParseAudience reads an audience's code; ok is false for an unknown one.
func ParseAudience(s string) (Audience, bool) {
	for _, a := range Audiences {
		if a.String() == s {
			return a, true
		}
	}
	return ForCommittee, false
}

// employer reports whether the employer reads documents for a.
func (a Audience) employer() bool { return a == ForCommittee }

// Names is how the people of the people list are shown.
type Names int

const (
	// NamesByAudience: pseudonyms for the committee and the
	// representative; for the lawyer, adults named and pupils by
	// pseudonym.
	NamesByAudience Names = iota
	// NamesPseudonyms: everyone by pseudonym.
	NamesPseudonyms
	// NamesAdults: adults named, pupils by pseudonym.
	NamesAdults
	// NamesEveryone: everyone named as written.
	NamesEveryone
)

// Options are the choices made when generating a report. The zero value
// is the safe default: for the committee, French, pseudonymised, without
// health data nor private notes.
type Options struct {
	Since, Until app.Date // the period; zero for no bound
	IncidentIDs  []string // a hand-picked set (ids or their starts) instead of a period

	Lang     i18n.Lang // French (the zero value) or English
	Audience Audience  // who the report is for
	// RepName names the representative on the cover of their report
	// (« Dossier pour … »); empty: « votre représentant·e ».
	RepName string
	Names   Names // how people of the list are shown
	// NoPseudonymize keeps the names of the people list (the same as
	// Names: NamesEveryone).
	NoPseudonymize bool
	// IncludeHealth includes health data: for the committee, aggregated
	// only; for the others, the medical notes.
	IncludeHealth bool
	// IncludeNotes includes the author's private notes (« pour vous »).
	IncludeNotes bool
	// WitnessContacts includes the witnesses' contact details (the
	// lawyer's file only).
	WitnessContacts bool
	Thumbnails      bool // show image evidence as thumbnails

	AuthorPseudonym string // shown instead of the author's name when set
	Request         string // what is asked of the committee, in the author's words

	// Demo marks a report of the demo journal: its cover says the
	// incidents are invented.
	Demo bool

	Now time.Time // generation time; zero for now
}

// names returns how people are shown, the audience's default applied.
func (o Options) names() Names {
	switch {
	case o.NoPseudonymize:
		return NamesEveryone
	case o.Names != NamesByAudience:
		return o.Names
	case o.Audience == ForLawyer:
		return NamesAdults
	}
	return NamesPseudonyms
}
