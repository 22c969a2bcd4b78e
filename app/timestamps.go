package app

import (
	"context"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app/tsa"
	"github.com/temoin-app/temoin/vault"
)

// Trusted time (RFC 3161). When the person agrees (SetEnabled; off by
// default), the head of the journal's history — the ID of its last chain
// event, a SHA-256 — is sent to a Time-Stamping Authority, which signs it
// with the time. Only that hash leaves the computer, never an incident,
// a name or a file; the authority learns that someone asked for a
// time-stamp, from this computer's internet address, at that moment.
//
// A time-stamp is asked after every report, export and backup (the
// request is queued in the same transaction as the action, so it never
// slows it down nor makes it fail), and at most once a day otherwise
// (QueueDaily); Flush sends what is queued and keeps it queued while the
// authorities cannot be reached. The authorities are tried in order; the
// first that answers stamps. Each token is a journal record in the chain
// ("timestamped" event), goes into every later bundle, and is checked by
// Verify: someone who holds the keys and rewrites history before a
// time-stamp changes the ID it signed, and Verify says so.

// Errors of the time-stamps, tested with errors.Is.
var (
	// ErrNoAuthorityReached: no time-stamping authority answered; the
	// request stays queued.
	ErrNoAuthorityReached = errors.New("no time-stamping authority could be reached: the time-stamp will be asked again later")
	// ErrInvalidAuthority: an authority's address or certificate cannot
	// be used.
	ErrInvalidAuthority = errors.New("this time-stamping authority cannot be used")
	// ErrNothingToStamp: the history is empty.
	ErrNothingToStamp = errors.New("the journal's history is empty: there is nothing to time-stamp yet")
)

// Authority is a Time-Stamping Authority: its address and, optionally,
// its CA certificate (PEM), to trust it when the system does not.
type Authority struct {
	URL string `json:"url"`
	CA  string `json:"ca,omitempty"`
}

// DefaultAuthorities are used when the person configured none: public,
// free authorities whose tokens openssl checks.
var DefaultAuthorities = []Authority{
	{URL: "https://freetsa.org/tsr"},
	{URL: "http://timestamp.digicert.com"},
	{URL: "http://timestamp.sectigo.com"},
}

// Timestamp is a token kept in the journal: an authority signed, at Time,
// the ID of chain event Seq (the head then).
type Timestamp struct {
	Seq       uint64    `json:"seq"`
	EventID   string    `json:"event_id"`
	URL       string    `json:"url"`
	Authority string    `json:"authority"`
	Time      time.Time `json:"time"`
	// Response is the authority's response (DER): the bundles' .tsr files.
	Response []byte `json:"response"`
}

const (
	settingTimestamps   = "timestamp/enabled"
	settingAuthorities  = "timestamp/authorities"
	keyTimestampPending = "timestamp/pending"
	timestampsPrefix    = "ts/"
	// stampEvery is the least time between two time-stamps not asked by
	// an action.
	stampEvery = 24 * time.Hour
)

// pendingStamp is what is queued: why, and since when.
type pendingStamp struct {
	Since   time.Time `json:"since"`
	Reasons []string  `json:"reasons"`
}

// TimestampService keeps the journal's trusted time-stamps.
type TimestampService struct {
	v *vault.Vault
}

// Enabled reports whether the person agreed to send the history's hash
// to time-stamping authorities.
func (s *TimestampService) Enabled() (bool, error) {
	var on bool
	err := s.v.View(func(r *vault.Reader) error {
		var err error
		on, err = stampsEnabled(r)
		return err
	})
	return on, err
}

func stampsEnabled(r *vault.Reader) (bool, error) {
	val, err := r.GetUnchained(settingKey(settingTimestamps))
	if errors.Is(err, vault.ErrNoRecord) {
		return false, nil
	}
	return string(val) == "1", err
}

// SetEnabled records the person's choice. Turning it off drops what is
// queued.
func (s *TimestampService) SetEnabled(on bool) error {
	return s.v.Update(func(tx *vault.Tx) error {
		if !on {
			tx.DeleteUnchained(keyTimestampPending)
			return tx.PutUnchained(settingKey(settingTimestamps), []byte("0"))
		}
		return tx.PutUnchained(settingKey(settingTimestamps), []byte("1"))
	})
}

// Authorities returns the authorities to ask, in order (the defaults when
// none were set).
func (s *TimestampService) Authorities() ([]Authority, error) {
	var list []Authority
	err := s.v.View(func(r *vault.Reader) error {
		data, err := r.GetUnchained(settingKey(settingAuthorities))
		if errors.Is(err, vault.ErrNoRecord) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &list); err != nil {
			return &CorruptError{What: "time-stamping authorities", Err: err}
		}
		return nil
	})
	if err == nil && len(list) == 0 {
		list = slices.Clone(DefaultAuthorities)
	}
	return list, err
}

// SetAuthorities sets the authorities to ask, in order; an empty list
// puts back the defaults.
func (s *TimestampService) SetAuthorities(list []Authority) error {
	for i := range list {
		a := &list[i]
		a.URL = strings.TrimSpace(a.URL)
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("%w: %q is not a web address (https://…)", ErrInvalidAuthority, a.URL)
		}
		if strings.TrimSpace(a.CA) != "" && !x509.NewCertPool().AppendCertsFromPEM([]byte(a.CA)) {
			return fmt.Errorf("%w: the certificate of %s cannot be read (PEM expected)", ErrInvalidAuthority, a.URL)
		}
	}
	data, err := json.Marshal(list)
	if err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if len(list) == 0 {
			tx.DeleteUnchained(settingKey(settingAuthorities))
			return nil
		}
		return tx.PutUnchained(settingKey(settingAuthorities), data)
	})
}

// queueStamp queues a time-stamp in tx, when the person agreed: the
// actions that ask for one (a report, an export, a backup) call it in
// their own transaction. It is best effort: it never makes the action
// fail (a setting that cannot be read queues nothing).
func queueStamp(tx *vault.Tx, reason string) {
	if on, err := stampsEnabled(&tx.Reader); err != nil || !on {
		return
	}
	p := pendingStamp{Since: time.Now().UTC()}
	if data, err := tx.GetUnchained(keyTimestampPending); err == nil {
		if json.Unmarshal(data, &p) != nil {
			p = pendingStamp{Since: time.Now().UTC()}
		}
	}
	if !slices.Contains(p.Reasons, reason) {
		p.Reasons = append(p.Reasons, reason)
	}
	if data, err := json.Marshal(&p); err == nil {
		tx.PutUnchained(keyTimestampPending, data)
	}
}

// Request queues a time-stamp of the history (when the person agreed);
// Flush sends it.
func (s *TimestampService) Request(reason string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		queueStamp(tx, reason)
		return nil
	})
}

// QueueDaily queues a time-stamp when the person agreed, the history
// changed since the last one, and the last one is older than a day. Call
// it at unlock and now and then while the journal is open.
func (s *TimestampService) QueueDaily(now time.Time) (bool, error) {
	last, err := s.Last()
	if err != nil {
		return false, err
	}
	head, err := s.v.Head()
	if err != nil {
		return false, err
	}
	// A token's own event moves the head by one: that is no change.
	if head.Seq == 0 || last != nil && (head.Seq <= last.Seq+1 || now.Sub(last.Time) < stampEvery) {
		return false, nil
	}
	if err := s.Request("daily"); err != nil {
		return false, err
	}
	return s.Pending()
}

// Pending reports whether a time-stamp is queued.
func (s *TimestampService) Pending() (bool, error) {
	var ok bool
	err := s.v.View(func(r *vault.Reader) error {
		_, err := r.GetUnchained(keyTimestampPending)
		if errors.Is(err, vault.ErrNoRecord) {
			return nil
		}
		ok = err == nil
		return err
	})
	return ok, err
}

// Flush sends the queued time-stamp, if any: it returns the token kept,
// or nil when nothing was queued, or an error wrapping
// ErrNoAuthorityReached, the request staying queued. It never blocks
// longer than ctx allows.
func (s *TimestampService) Flush(ctx context.Context) (*Timestamp, error) {
	pending, err := s.Pending()
	if err != nil || !pending {
		return nil, err
	}
	ts, err := s.StampNow(ctx)
	if err != nil {
		return nil, err
	}
	return ts, s.v.Update(func(tx *vault.Tx) error {
		tx.DeleteUnchained(keyTimestampPending)
		return nil
	})
}

// StampNow asks the authorities, in order, to time-stamp the history's
// head now, and keeps the first token (the person's explicit request: it
// does not depend on SetEnabled). A head already time-stamped is not
// sent again.
func (s *TimestampService) StampNow(ctx context.Context) (*Timestamp, error) {
	head, err := s.v.Head()
	if err != nil {
		return nil, err
	}
	if head.Seq == 0 {
		return nil, ErrNothingToStamp
	}
	if last, err := s.Last(); err != nil || last != nil && last.Seq == head.Seq {
		return last, err
	}
	digest, err := hex.DecodeString(head.ID)
	if err != nil {
		return nil, &CorruptError{What: "chain head", Err: err}
	}
	auths, err := s.Authorities()
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, a := range auths {
		tok, err := tsa.Request(ctx, nil, a.URL, digest, tsa.Roots(a.CA))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a.URL, err))
			continue
		}
		ts := &Timestamp{Seq: head.Seq, EventID: head.ID, URL: a.URL, Authority: tok.Authority, Time: tok.Time, Response: tok.Response}
		return ts, s.keep(ts)
	}
	return nil, fmt.Errorf("%w (%w)", ErrNoAuthorityReached, errors.Join(errs...))
}

// keep records a token in the chain.
func (s *TimestampService) keep(ts *Timestamp) error {
	data, err := json.Marshal(ts)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%s%016d-%d", timestampsPrefix, ts.Seq, ts.Time.UnixNano())
	return s.v.Update(func(tx *vault.Tx) error {
		return tx.Record(key, data, vault.Event{Type: string(EventTimestamped), Subject: fmt.Sprint(ts.Seq)})
	})
}

// Tokens returns every token kept, oldest history first.
func (s *TimestampService) Tokens() ([]Timestamp, error) {
	return listRecords[Timestamp](s.v, timestampsPrefix, chained)
}

// Last returns the token of the latest history, or nil.
func (s *TimestampService) Last() (*Timestamp, error) {
	list, err := s.Tokens()
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[len(list)-1], nil
}

// Roots returns the roots time-stamps are checked against: the system's
// and the certificates of the configured authorities (to check a
// bundle's time-stamps as this journal's own).
func (s *TimestampService) Roots() *x509.CertPool { return s.roots() }

// roots returns the roots that trust the configured authorities.
func (s *TimestampService) roots() *x509.CertPool {
	auths, _ := s.Authorities()
	var pems []string
	for _, a := range auths {
		pems = append(pems, a.CA)
	}
	return tsa.Roots(pems...)
}
