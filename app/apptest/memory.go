package apptest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"aead.dev/minisign"
	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// Memory is a journal held in memory, for the tests of the packages that
// read a journal through small interfaces of their own (report, bundle):
// no vault, no disk, no key derivation, so their tests are fast and run in
// parallel. Its parts have the method sets of the journal's services
// (Incidents: Resolve, List, History; Evidence: Open; People: List;
// Settings: Profile; Chain: Head, Log, Events; Cases: the
// representative's side) and Memory itself those of the session (VaultID,
// IsVaultPassphrase). Its chain is a real hash chain, which
// vault.VerifyChain accepts.
//
// The end-to-end tests of those packages still go through a real vault
// (NewJournal); Memory is for everything else, and for failures a vault
// cannot be made to give (FailLog, FailOpen).
type Memory struct {
	Incidents MemoryIncidents
	Evidence  MemoryEvidence
	People    MemoryPeople
	Settings  MemorySettings
	Chain     MemoryChain
	Cases     MemoryCases

	mu        sync.Mutex
	vaultID   string
	incidents map[string]*app.Incident // current revisions
	revisions map[string][]app.Revision
	files     map[string][]byte // evidence id → content
	owner     map[string]string // evidence id → incident id
	people    []app.Person
	profile   app.Profile
	events    []vault.ChainEvent
	logErr    error
	openErr   map[string]error
	identity  *age.X25519Identity
	cases     []memoryCase
	signing   minisign.PrivateKey
	signers   map[string]app.Signer
	accepted  map[string]bool
}

type memoryCase struct {
	c    app.Case
	data []byte
}

// NewMemory returns an empty journal, whose vault passphrase is
// Passphrase.
func NewMemory() *Memory {
	m := &Memory{
		vaultID:   newID(),
		incidents: map[string]*app.Incident{},
		revisions: map[string][]app.Revision{},
		files:     map[string][]byte{},
		owner:     map[string]string{},
		openErr:   map[string]error{},
		signers:   map[string]app.Signer{},
		accepted:  map[string]bool{},
	}
	if _, key, err := minisign.GenerateKey(nil); err == nil {
		m.signing = key
	}
	m.Incidents, m.Evidence, m.People = MemoryIncidents{m}, MemoryEvidence{m}, MemoryPeople{m}
	m.Settings, m.Chain, m.Cases = MemorySettings{m}, MemoryChain{m}, MemoryCases{m}
	return m
}

// newID draws an 8-character id as the journal does (Crockford's base32).
func newID() string {
	const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
	raw := make([]byte, 8)
	rand.Read(raw)
	for i := range raw {
		raw[i] = alphabet[raw[i]&31]
	}
	return string(raw)
}

// Create adds an incident as its first revision, with a "created" event,
// and returns it as stored. An invalid incident fails the test.
func (m *Memory) Create(t testing.TB, in *app.Incident) *app.Incident {
	t.Helper()
	if err := in.Validate(); err != nil {
		t.Fatalf("invalid incident: %v", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	c := in.Clone()
	c.ID, c.Revision, c.Evidence = newID(), 1, nil
	c.CreatedAt = time.Now().UTC()
	c.UpdatedAt = c.CreatedAt
	m.saveRevision(c, app.EventCreated)
	return c.Clone()
}

// Amend saves a new revision of an incident, with an "amended" event.
func (m *Memory) Amend(t testing.TB, in *app.Incident) *app.Incident {
	t.Helper()
	if err := in.Validate(); err != nil {
		t.Fatalf("invalid incident: %v", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	cur := m.incidents[in.ID]
	if cur == nil {
		t.Fatalf("no incident %s", in.ID)
	}
	c := in.Clone()
	c.Revision, c.Evidence, c.CreatedAt = cur.Revision+1, cur.Evidence, cur.CreatedAt
	c.UpdatedAt = time.Now().UTC()
	m.saveRevision(c, app.EventAmended)
	return c.Clone()
}

// saveRevision stores c as the current revision of its incident and
// chains the event that wrote it. m.mu is held.
func (m *Memory) saveRevision(c *app.Incident, kind app.EventKind) {
	m.incidents[c.ID] = c
	m.revisions[c.ID] = append(m.revisions[c.ID], app.Revision{Number: c.Revision, SavedAt: c.UpdatedAt, Incident: c.Clone()})
	data, _ := json.Marshal(c)
	sum := sha256.Sum256(data)
	m.chain(kind, c.ID, app.RevisionKey(c.ID, c.Revision), hex.EncodeToString(sum[:]))
}

// AttachFile adds a file of evidence to an incident.
func (m *Memory) AttachFile(t testing.TB, incidentID, name string, data []byte) *app.Evidence {
	t.Helper()
	sum := sha256.Sum256(data)
	mediaType := mime.TypeByExtension(strings.ToLower(filepath.Ext(name)))
	if mediaType == "" {
		mediaType = http.DetectContentType(data)
	}
	mediaType, _, _ = strings.Cut(mediaType, ";")
	ev := app.Evidence{Name: name, MediaType: mediaType, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	return m.attach(t, incidentID, ev, bytes.Clone(data))
}

// AttachLink adds a link to an incident, seen online on the day of the
// facts.
func (m *Memory) AttachLink(t testing.TB, incidentID, link, note string) *app.Evidence {
	t.Helper()
	return m.attach(t, incidentID, app.Evidence{URL: link, Note: note}, nil)
}

func (m *Memory) attach(t testing.TB, incidentID string, ev app.Evidence, data []byte) *app.Evidence {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	cur := m.incidents[incidentID]
	if cur == nil {
		t.Fatalf("no incident %s", incidentID)
	}
	ev.ID, ev.AddedAt = newID(), time.Now().UTC()
	if ev.IsLink() {
		ev.RetrievedOn = app.DateOf(cur.OccurredAt)
	} else {
		m.files[ev.ID] = data
	}
	c := cur.Clone()
	c.Evidence = append(slices.Clone(cur.Evidence), ev)
	m.incidents[incidentID] = c
	m.owner[ev.ID] = incidentID
	m.chain(app.EventEvidenceAdded, incidentID, "inc/"+incidentID+"/e/"+ev.ID, ev.SHA256)
	return &ev
}

// AddPerson adds a person to the people list.
func (m *Memory) AddPerson(p app.Person) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.people = append(m.people, p)
}

// SetProfile sets the author's profile.
func (m *Memory) SetProfile(p app.Profile) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.profile = p
}

// FailLog makes Chain.Log fail with err from now on (nil: succeed again).
func (m *Memory) FailLog(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.logErr = err
}

// FailOpen makes Evidence.Open of one piece of evidence fail with err.
func (m *Memory) FailOpen(evidenceID string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.openErr[evidenceID] = err
}

// VaultID returns the journal's random identifier.
func (m *Memory) VaultID() string { return m.vaultID }

// IsVaultPassphrase reports whether p is Passphrase.
func (m *Memory) IsVaultPassphrase(p []byte) (bool, error) { return string(p) == Passphrase, nil }

// SigningKey returns the journal's signing key, drawn with the Memory.
func (m *Memory) SigningKey() (minisign.PrivateKey, error) { return m.signing, nil }

// chain appends an event to the hash chain, its ID computed as the
// vault's documentation says (see vault.ChainEvent). m.mu is held.
func (m *Memory) chain(kind app.EventKind, subject, key, hash string) vault.ChainEvent {
	e := vault.ChainEvent{Seq: uint64(len(m.events)) + 1, Time: time.Now().UTC(), Type: string(kind),
		Subject: subject, Key: key, Hash: hash, Prev: vault.GenesisID}
	if len(m.events) > 0 {
		e.Prev = m.events[len(m.events)-1].ID
	}
	var b strings.Builder
	for _, line := range []string{"temoin-chain-v1", strconv.FormatUint(e.Seq, 10), e.Time.Format(time.RFC3339Nano),
		e.Type, e.Subject, e.Key, e.Hash, e.Prev} {
		b.WriteString(line + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	e.ID = hex.EncodeToString(sum[:])
	m.events = append(m.events, e)
	return e
}

// MemoryIncidents are the incidents of a Memory.
type MemoryIncidents struct{ m *Memory }

// Resolve turns the start of an id into the id.
func (s MemoryIncidents) Resolve(prefix string) (string, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if s.m.incidents[prefix] != nil {
		return prefix, nil
	}
	var match string
	for id := range s.m.incidents {
		if prefix != "" && strings.HasPrefix(id, prefix) {
			if match != "" {
				return "", &app.IDError{Err: app.ErrAmbiguous, ID: prefix}
			}
			match = id
		}
	}
	if match == "" {
		return "", &app.IDError{Err: app.ErrNotFound, ID: prefix}
	}
	return match, nil
}

// List returns the incidents of the filter's period (or of its IDs),
// newest first. It knows no other criterion of app.Filter.
func (s MemoryIncidents) List(f app.Filter) []*app.Incident {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	var out []*app.Incident
	for _, in := range s.m.incidents {
		if f.Between(in.OccurredAt) && (len(f.IDs) == 0 || slices.Contains(f.IDs, in.ID)) {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b *app.Incident) int {
		if c := b.OccurredAt.Compare(a.OccurredAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// History returns the revisions of an incident, oldest first (without
// the names of the fields each changed).
func (s MemoryIncidents) History(id string) ([]app.Revision, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	revs, ok := s.m.revisions[id]
	if !ok {
		return nil, &app.IDError{Err: app.ErrNotFound, ID: id}
	}
	return slices.Clone(revs), nil
}

// MemoryEvidence are the evidence files of a Memory.
type MemoryEvidence struct{ m *Memory }

// Open returns a reader of a file's content.
func (s MemoryEvidence) Open(evidenceID string) (io.ReadCloser, *app.Evidence, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	in := s.m.incidents[s.m.owner[evidenceID]]
	if in == nil {
		return nil, nil, &app.IDError{Err: app.ErrNoEvidence, ID: evidenceID}
	}
	i := slices.IndexFunc(in.Evidence, func(ev app.Evidence) bool { return ev.ID == evidenceID })
	ev := in.Evidence[i]
	if err := s.m.openErr[evidenceID]; err != nil {
		return nil, &ev, err
	}
	if ev.IsLink() {
		return nil, &ev, errors.New("this evidence is a link, not a file")
	}
	return io.NopCloser(bytes.NewReader(s.m.files[evidenceID])), &ev, nil
}

// MemoryPeople is the people list of a Memory.
type MemoryPeople struct{ m *Memory }

// List returns the people list.
func (s MemoryPeople) List() ([]app.Person, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return slices.Clone(s.m.people), nil
}

// MemorySettings are the settings of a Memory.
type MemorySettings struct{ m *Memory }

// Profile returns the author's profile.
func (s MemorySettings) Profile() (app.Profile, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return s.m.profile, nil
}

// MemoryChain is the history of a Memory.
type MemoryChain struct{ m *Memory }

// Head returns the head of the chain.
func (s MemoryChain) Head() (vault.ChainHead, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if len(s.m.events) == 0 {
		return vault.ChainHead{ID: vault.GenesisID}, nil
	}
	last := s.m.events[len(s.m.events)-1]
	return vault.ChainHead{Seq: last.Seq, ID: last.ID}, nil
}

// Log appends an event that writes no record, as app.ChainService.Log
// does (or fails, after FailLog).
func (s MemoryChain) Log(kind app.EventKind, subject, hash string) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if s.m.logErr != nil {
		return s.m.logErr
	}
	if kind != app.EventExported && kind != app.EventReportGenerated {
		return fmt.Errorf("event %q is written by the journal itself", kind)
	}
	s.m.chain(kind, subject, "", hash)
	return nil
}

// Events returns the whole chain, oldest first.
func (s MemoryChain) Events() ([]vault.ChainEvent, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return slices.Clone(s.m.events), nil
}

// MemoryCases are a representative's key and received bundles in a
// Memory.
type MemoryCases struct{ m *Memory }

// Identity returns the representative's identity, or app.ErrNoIdentity.
func (s MemoryCases) Identity() (*age.X25519Identity, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if s.m.identity == nil {
		return nil, app.ErrNoIdentity
	}
	return s.m.identity, nil
}

// CreateIdentity returns the representative's identity, creating it on
// first use.
func (s MemoryCases) CreateIdentity() (*age.X25519Identity, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if s.m.identity == nil {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, err
		}
		s.m.identity = id
	}
	return s.m.identity, nil
}

// Add keeps what r gives as a new case.
func (s MemoryCases) Add(ctx context.Context, r io.Reader, c app.Case, progress func(int64)) (*app.Case, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(int64(len(data)))
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	c.ID, c.ReceivedAt, c.Size = newID(), time.Now().UTC(), int64(len(data))
	s.m.cases = append(s.m.cases, memoryCase{c: c, data: data})
	s.m.chain(app.EventCaseReceived, c.ID, "case/"+c.ID, "")
	return &c, nil
}

// List returns the cases, oldest first.
func (s MemoryCases) List() ([]app.Case, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	out := make([]app.Case, len(s.m.cases))
	for i, c := range s.m.cases {
		out[i] = c.c
	}
	return out, nil
}

// Open returns a reader of what Add kept.
func (s MemoryCases) Open(id string) (io.ReadCloser, *app.Case, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	for _, c := range s.m.cases {
		if c.c.ID == id {
			return io.NopCloser(bytes.NewReader(c.data)), &c.c, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: %q", app.ErrNoCase, id)
}

// Remove deletes a case.
func (s MemoryCases) Remove(id string) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	i := slices.IndexFunc(s.m.cases, func(c memoryCase) bool { return c.c.ID == id })
	if i < 0 {
		return fmt.Errorf("%w: %q", app.ErrNoCase, id)
	}
	s.m.cases = slices.Delete(s.m.cases, i, i+1)
	s.m.chain(app.EventCaseRemoved, id, "case/"+id, "")
	return nil
}

// Signer returns the key trusted for a colleague's journal, or an error
// wrapping app.ErrNoSigner.
func (s MemoryCases) Signer(vaultID string) (*app.Signer, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	sg, ok := s.m.signers[vaultID]
	if !ok {
		return nil, fmt.Errorf("%w: %q", app.ErrNoSigner, vaultID)
	}
	return &sg, nil
}

// TrustSigner records a colleague's key under a name.
func (s MemoryCases) TrustSigner(vaultID, publicKey, name string) (*app.Signer, error) {
	key, err := app.ParseSignerKey(publicKey)
	if err != nil {
		return nil, err
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	sg := app.Signer{VaultID: vaultID, PublicKey: key, Name: name, TrustedAt: time.Now().UTC()}
	s.m.signers[vaultID] = sg
	return &sg, nil
}

// AcceptCase accepts a case despite its signer.
func (s MemoryCases) AcceptCase(id string) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	s.m.accepted[id] = true
	return nil
}

// CaseAccepted reports whether AcceptCase was called for the case.
func (s MemoryCases) CaseAccepted(id string) (bool, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return s.m.accepted[id], nil
}
