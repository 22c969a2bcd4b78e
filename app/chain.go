package app

import (
	"fmt"

	"github.com/temoin-app/temoin/vault"
)

// EventKind is the kind of an event in the vault's chain (the Type of a
// vault.ChainEvent): what happened, never what it said.
type EventKind string

// The kinds of events the journal writes in the chain.
const (
	EventCreated         EventKind = "created"          // an incident's first revision
	EventAmended         EventKind = "amended"          // an incident's next revision
	EventDeleted         EventKind = "deleted"          // an incident erased: its tombstone
	EventEvidenceAdded   EventKind = "evidence_added"   // a file or a link attached
	EventEvidenceRemoved EventKind = "evidence_removed" // a piece of evidence deleted
	EventExported        EventKind = "exported"         // a bundle sent (Log)
	EventReportGenerated EventKind = "report_generated" // a document written (Log)
	EventCaseReceived    EventKind = "case_received"    // a representative kept a bundle
	EventCaseRemoved     EventKind = "case_removed"     // a representative removed a case
	EventTimestamped     EventKind = "timestamped"      // a Time-Stamping Authority's token of the chain kept
)

// KindOf returns the kind of an event of the chain.
func KindOf(e vault.ChainEvent) EventKind { return EventKind(e.Type) }

// ChainService is the journal's history: the vault's append-only hash
// chain, whose head is printed in every report and recorded in every
// bundle.
type ChainService struct{ v *vault.Vault }

// Log appends an event that writes no record to the chain: a report
// generated (EventReportGenerated), a bundle exported (EventExported); the
// other kinds are written by the journal itself. hash is the hex SHA-256
// of what the event is about (the PDF, the bundle's manifest). The events
// say that something left the computer, and when, without saying what it
// said.
func (s *ChainService) Log(kind EventKind, subject, hash string) error {
	if kind != EventExported && kind != EventReportGenerated {
		return fmt.Errorf("event %q is written by the journal itself", kind)
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if err := tx.Log(vault.Event{Type: string(kind), Subject: subject, Hash: hash}); err != nil {
			return err
		}
		// A report or a bundle leaves: its history is time-stamped
		// (queued; sent by TimestampService.Flush).
		queueStamp(tx, string(kind))
		return nil
	})
}

// Events returns the whole chain, oldest first.
func (s *ChainService) Events() ([]vault.ChainEvent, error) { return s.v.Events() }

// Head returns the head of the chain: its last event.
func (s *ChainService) Head() (vault.ChainHead, error) { return s.v.Head() }

// RevisionKey is the record key of an incident's revision, as it appears
// in the Key field of the chain event that wrote it ("inc/<id>/r/00000003").
func RevisionKey(id string, rev int) string { return revisionKey(id, rev) }
