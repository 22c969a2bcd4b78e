package app

import (
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/temoin-app/temoin/app/tsa"
	"github.com/temoin-app/temoin/vault"
)

// Attestation says that the journal's history, up to chain event Seq,
// existed at Time at the latest: a Time-Stamping Authority signed the ID
// of that event (which covers every event before it) at that time. Every
// entry written at or before event Seq existed then.
//
// The report states it per entry: "this entry existed on <Time> at the
// latest, attested by <Authority>".
type Attestation struct {
	// Seq is the chain event the authority signed (the head then).
	Seq uint64
	// Time is when the authority signed: the entry existed then at the
	// latest.
	Time time.Time
	// Authority names the authority (its certificate's subject), URL
	// where it was asked.
	Authority string
	URL       string
	// Trusted reports that the authority's certificate chains to a root
	// this computer trusts (the system's, or a CA configured with the
	// authority). An attestation that is not trusted still holds for
	// whoever trusts that authority; say so rather than leave it out.
	Trusted bool
}

// Attestations are the journal's checked time-stamps.
type Attestations struct {
	list []Attestation
}

// Covering returns the earliest attestation that covers chain event seq
// (a time-stamp of the history up to seq or later): the earliest date at
// which the event is attested to have existed. ok is false when no
// time-stamp covers it yet.
//
// To find the seq of an entry, take the chain event that recorded it:
// for an incident's revision, the event whose Key is
// RevisionKey(id, revision) (TimestampService.ForRevision does it).
func (a *Attestations) Covering(seq uint64) (Attestation, bool) {
	var best Attestation
	found := false
	for _, at := range a.list {
		if at.Seq >= seq && (!found || at.Time.Before(best.Time)) {
			best, found = at, true
		}
	}
	return best, found
}

// All returns every checked attestation, oldest history first.
func (a *Attestations) All() []Attestation { return append([]Attestation(nil), a.list...) }

// Attestations checks every token kept against the history as it is now
// and returns those that hold. A token that does not hold (history
// rewritten, token damaged) is left out here and reported by Verify.
func (s *TimestampService) Attestations() (*Attestations, error) {
	tokens, err := s.Tokens()
	if err != nil {
		return nil, err
	}
	events, err := s.v.Events()
	if err != nil {
		return nil, err
	}
	ok, _ := checkTokens(tokens, events, s.roots())
	return &Attestations{list: ok}, nil
}

// ForRevision returns the earliest attestation that an incident's
// revision (1 for its first writing) existed: see Covering. ok is false
// when no time-stamp covers it yet (or there is no such revision).
func (s *TimestampService) ForRevision(incidentID string, revision int) (Attestation, bool, error) {
	att, err := s.Attestations()
	if err != nil {
		return Attestation{}, false, err
	}
	events, err := s.v.Events()
	if err != nil {
		return Attestation{}, false, err
	}
	key := RevisionKey(incidentID, revision)
	for _, e := range events {
		if e.Key == key && (KindOf(e) == EventCreated || KindOf(e) == EventAmended) {
			a, ok := att.Covering(e.Seq)
			return a, ok, nil
		}
	}
	return Attestation{}, false, nil
}

// checkTokens checks tokens against the chain: each must be a valid
// time-stamp of the ID the chain now has at its Seq. It returns the
// attestations that hold and a problem for each that does not.
func checkTokens(tokens []Timestamp, events []vault.ChainEvent, roots *x509.CertPool) ([]Attestation, []vault.Problem) {
	var ok []Attestation
	var problems []vault.Problem
	for _, t := range tokens {
		what := fmt.Sprintf("time-stamp of %s by %s (history up to event %d)", t.Time.UTC().Format(time.RFC3339), t.Authority, t.Seq)
		if t.Seq == 0 || t.Seq > uint64(len(events)) {
			problems = append(problems, vault.Problem{What: what, Detail: "the history no longer reaches the event it time-stamped: it was cut"})
			continue
		}
		id := events[t.Seq-1].ID
		digest, _ := hex.DecodeString(id)
		tok, err := tsa.Verify(t.Response, digest, roots)
		switch {
		case id != t.EventID:
			problems = append(problems, vault.Problem{What: what, Detail: "the history before this time-stamp was rewritten: it no longer matches what the authority signed"})
		case err != nil:
			problems = append(problems, vault.Problem{What: what, Detail: "the token does not check: " + err.Error()})
		default:
			ok = append(ok, Attestation{Seq: t.Seq, Time: tok.Time, Authority: tok.Authority, URL: t.URL, Trusted: tok.Trusted})
		}
	}
	return ok, problems
}
