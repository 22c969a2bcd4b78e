package report

import (
	"errors"
	"io"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// Source is what the documents read from a journal, and where they record
// that one was written. Each part is a small interface of what a document
// needs: the services of an unlocked app.Journal provide them
// (JournalSource), and tests give an in-memory journal.
type Source struct {
	Incidents IncidentReader
	Evidence  EvidenceOpener
	People    PeopleLister
	Settings  ProfileReader
	Chain     ChainRecorder

	// The optional parts: nil when the journal cannot tell.

	// Imports says which incidents came from a spreadsheet.
	Imports ImportReader
	// Dismissals gives the deadlines the author dismissed.
	Dismissals DismissalReader
	// Timestamps gives the trusted timestamps of the entries (issue 10).
	Timestamps TimestampReader
}

// ImportReader says which incidents were imported from a spreadsheet
// (app.IncidentService).
type ImportReader interface {
	// ImportedIDs returns the ids of the incidents imported.
	ImportedIDs() (map[string]bool, error)
}

// DismissalReader gives the deadlines the author dismissed, with the day
// of each decision (app.DeadlineService).
type DismissalReader interface {
	Dismissed() (map[string]app.Date, error)
}

// TimestampReader gives, for an incident, the earliest trusted
// time-stamp proving that its first revision existed: the documents write
// « cette fiche existait au plus tard le … (horodatage …) ».
type TimestampReader interface {
	// Earliest returns the time-stamp; ok is false when none covers the
	// entry yet.
	Earliest(incidentID string) (s Stamp, ok bool)
}

// Stamp is a trusted time-stamp of an entry: it existed at At at the
// latest, as Authority signed; Trusted when the authority's certificate
// chains to a root this computer trusts.
type Stamp struct {
	At        time.Time
	Authority string
	Trusted   bool
}

// journalStamps gives the journal's checked time-stamps (issue 10's
// attestations), computed once for a document: the earliest that covers
// the chain event of each incident's first revision.
type journalStamps struct {
	j    *app.Journal
	once sync.Once
	att  *app.Attestations
	seq  map[string]uint64 // incident id → the event of its first revision
}

func (s *journalStamps) Earliest(incidentID string) (Stamp, bool) {
	s.once.Do(func() {
		att, err := s.j.Timestamps.Attestations()
		if err != nil {
			return
		}
		events, err := s.j.Chain.Events()
		if err != nil {
			return
		}
		s.att, s.seq = att, map[string]uint64{}
		for _, e := range events {
			if app.KindOf(e) == app.EventCreated {
				s.seq[e.Subject] = e.Seq
			}
		}
	})
	if s.att == nil {
		return Stamp{}, false
	}
	seq, ok := s.seq[incidentID]
	if !ok {
		return Stamp{}, false
	}
	a, ok := s.att.Covering(seq)
	return Stamp{At: a.Time, Authority: a.Authority, Trusted: a.Trusted}, ok
}

// IncidentReader finds the incidents a document is about, and their
// history (app.IncidentService).
type IncidentReader interface {
	// Resolve turns the start of an id into the id; the error wraps
	// app.ErrNotFound or app.ErrAmbiguous.
	Resolve(prefix string) (string, error)
	// List returns the incidents that match f, newest first. The
	// incidents are shared: a document copies what it changes.
	List(f app.Filter) []*app.Incident
	// History returns every revision of an incident, oldest first, with
	// the fields each one changed.
	History(id string) ([]app.Revision, error)
}

// EvidenceOpener reads the files of evidence, for thumbnails
// (app.EvidenceService).
type EvidenceOpener interface {
	// Open returns a reader of a file's content that ends with an error
	// if the content does not match its SHA-256.
	Open(evidenceID string) (io.ReadCloser, *app.Evidence, error)
}

// PeopleLister gives the people list, whose names documents replace by
// pseudonyms (app.PeopleService).
type PeopleLister interface {
	// List returns the people list.
	List() ([]app.Person, error)
}

// ProfileReader gives the author's profile (app.SettingService).
type ProfileReader interface {
	// Profile returns the author's profile; the zero Profile when none.
	Profile() (app.Profile, error)
}

// ChainRecorder gives the head of the journal's history, which documents
// print, and records that a document was written (app.ChainService).
type ChainRecorder interface {
	// Head returns the head of the chain.
	Head() (vault.ChainHead, error)
	// Log appends an event that writes no record (a document written, a
	// bundle sent) with the hex SHA-256 of what it is about.
	Log(kind app.EventKind, subject, hash string) error
}

// JournalSource is the Source of an unlocked journal.
func JournalSource(j *app.Journal) Source {
	return Source{Incidents: j.Incidents, Evidence: j.Evidence, People: j.People, Settings: j.Settings, Chain: j.Chain,
		Imports: j.Incidents, Dismissals: j.Deadlines, Timestamps: &journalStamps{j: j}}
}

// check refuses a Source with a part missing.
func (s Source) check() error {
	if s.Incidents == nil || s.Evidence == nil || s.People == nil || s.Settings == nil || s.Chain == nil {
		return errors.New("report: a part of the journal is missing")
	}
	return nil
}
