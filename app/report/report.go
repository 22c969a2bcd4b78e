// Package report writes the committee-ready PDF report (F3SCT, ex-CHSCT)
// from the journal, and its companions: the draft letter requesting
// protection fonctionnelle and the RSST register text of an incident.
package report

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/temoin-app/temoin/app"
)

// Options are the choices made when generating a report. The zero value
// is the safe default: French, pseudonymised, without medical notes.
type Options struct {
	Since, Until app.Date // the period; zero for no bound
	IncidentIDs  []string // a hand-picked set instead of a period

	Lang           string // "fr" (default) or "en"
	NoPseudonymize bool   // keep the names of the people list
	IncludeHealth  bool   // include the medical notes
	Thumbnails     bool   // show image evidence as thumbnails

	AuthorPseudonym string // shown instead of the author's name when set
	Request         string // what is asked of the committee, in the author's words

	Now time.Time // generation time; zero for now
}

// Result describes a report written.
type Result struct {
	SHA256    string // of the PDF
	Pages     int
	Incidents int
}

// ErrNoIncident: the selection is empty.
var ErrNoIncident = errors.New("no incident in the selection")

// Write writes the report as PDF to w and records a report_generated
// event (with the PDF's SHA-256) in the vault's chain. progress, if not
// nil, is called with the incidents laid out so far. Nothing but w
// receives the report: no temporary file.
func Write(ctx context.Context, j *app.Journal, opts Options, w io.Writer, progress func(done, total int)) (*Result, error) {
	return nil, errors.New("report: not implemented yet")
}
