package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/temoin-app/temoin/vault"
)

// The in-memory index of the incidents, shared by the incidents' and the
// evidence's services: listing and searching ten thousand incidents is
// instant. The incidents it holds are shared and never modified in place:
// a change replaces the incident.
//
// A command pays only for what it touches: opening a journal partly reads
// the keys of the incidents' records (which incidents exist, which
// evidence belongs to which) and the small evidence records (which files
// are in the journal, so that a duplicate is refused), never the
// incidents' revisions; an incident's content is read and decoded the
// first time it is asked for, and every incident the first time a list or
// a search needs them all. Unlock, for the GUI's journal list, reads
// every incident in the pass of the vault's checks at open.

// index holds the incidents known, and the current revision of those
// read, with their evidence.
type index struct {
	v      *vault.Vault
	mu     sync.RWMutex
	known  map[string]struct{} // every incident's id
	byID   map[string]*entry   // the incidents read so far
	full   bool                // every known incident is in byID
	owner  map[string]string   // evidence id → incident id
	sorted []*entry            // newest first; nil when it must be rebuilt
	// files are, in a journal opened partly, the incidents holding each
	// evidence file (by SHA-256) when it was opened: where to look for a
	// duplicate among the incidents not read (duplicate).
	files map[string][]string
}

type entry struct {
	inc    *Incident
	blobs  map[string]string // evidence id → blob id
	folded string            // the incident's text, folded for search: "" until a search needs it
}

// Storage keys. Revision numbers are zero-padded so that keys sort in
// revision order.
func incidentPrefix(id string) string       { return "inc/" + id + "/" }
func revisionKey(id string, rev int) string { return fmt.Sprintf("inc/%s/r/%08d", id, rev) }
func revisionPrefix(id string) string       { return "inc/" + id + "/r/" }
func evidenceKey(id, ev string) string      { return "inc/" + id + "/e/" + ev }

// revisionRecord is what each revision stores: the whole content at that
// revision, so that every earlier version stays readable.
type revisionRecord struct {
	Revision  int       `json:"revision"`
	SavedAt   time.Time `json:"saved_at"`
	CreatedAt time.Time `json:"created_at"`
	Incident  *Incident `json:"incident"`
}

// evidenceRecord is what the vault stores for a piece of evidence.
type evidenceRecord struct {
	Evidence
	Blob string `json:"blob,omitempty"`
}

func newIndex(v *vault.Vault) *index {
	return &index{v: v, known: make(map[string]struct{}), byID: make(map[string]*entry), owner: make(map[string]string)}
}

// stored is an incident as the vault holds it while the index loads: its
// last revision and its evidence, still encoded.
type stored struct {
	id           string
	latestKey    string
	latest       []byte // the last revision seen: the current one once the scan is done
	evidence     [][]byte
	evidenceKeys []string
	// sealed are, when the records came still sealed (an unlock:
	// vault.Preload.Sealed), the last revision and the evidence, opened
	// on the decoder's goroutine: a revision superseded by the next is
	// never opened. other are the buffers of records of another kind.
	sealed         bool
	sealedLatest   vault.SealedRecord
	sealedEvidence []vault.SealedRecord
	other          [][]byte
}

// splitKey splits an incident's record key: "inc/<id>/r/<rev>" or
// "inc/<id>/e/<evidence id>". The parts share the key's memory.
func splitKey(key string) (id, kind, rest string, err error) {
	_, after, ok1 := strings.Cut(key, "/")
	id, after, ok2 := strings.Cut(after, "/")
	kind, rest, ok3 := strings.Cut(after, "/")
	if !ok1 || !ok2 || !ok3 || strings.Contains(rest, "/") {
		return "", "", "", fmt.Errorf("unexpected record %q", key)
	}
	return id, kind, rest, nil
}

// openIndex reads which incidents exist and which evidence is whose, from
// the records' keys, and which files (by SHA-256) each incident holds,
// from its evidence records (a few small records; the incidents' revisions
// are not read).
func openIndex(v *vault.Vault) (*index, error) {
	idx := newPartIndex(v)
	err := v.View(func(r *vault.Reader) error { return r.Scan("inc/", idx.note) })
	if err != nil {
		return nil, err
	}
	return idx.opened(), nil
}

// newPartIndex is an index that notes what exists (note) before it reads
// any incident.
func newPartIndex(v *vault.Vault) *index {
	idx := newIndex(v)
	idx.files = make(map[string][]string)
	return idx
}

// note notes one record of an incident: that the incident exists, and
// for a piece of evidence, whose it is and which file it holds.
func (idx *index) note(key string, value vault.Value) error {
	id, kind, rest, err := splitKey(key)
	if err != nil {
		return err
	}
	idx.known[id] = struct{}{}
	if kind == "e" {
		idx.owner[rest] = id
		return idx.noteFile(id, key, value)
	}
	return nil
}

// opened returns idx once every record was noted.
func (idx *index) opened() *index {
	idx.full = len(idx.known) == 0
	return idx
}

// noteFile notes the file of an evidence record in idx.files.
func (idx *index) noteFile(id, key string, value vault.Value) error {
	data, err := value()
	if err != nil {
		return err
	}
	var f struct {
		SHA256 string `json:"sha256"`
		URL    string `json:"url"`
	}
	if err := gojson.Unmarshal(data, &f); err != nil {
		return &vault.CorruptError{What: "record " + key, Err: err}
	}
	if f.URL == "" && f.SHA256 != "" {
		idx.files[f.SHA256] = append(idx.files[f.SHA256], id)
	}
	return nil
}

// has reports whether an incident exists. idx.mu must be held.
func (idx *index) has(id string) bool {
	_, ok := idx.known[id]
	return ok
}

// load reads the incidents of ids not read yet (unknown ids are left
// alone: the caller says they do not exist).
func (idx *index) load(ids ...string) error {
	idx.mu.RLock()
	missing := false
	for _, id := range ids {
		if _, read := idx.byID[id]; !read && idx.has(id) {
			missing = true
		}
	}
	idx.mu.RUnlock()
	if !missing {
		return nil
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	for _, id := range ids {
		if _, read := idx.byID[id]; read || !idx.has(id) {
			continue
		}
		if err := idx.read(incidentPrefix(id)); err != nil {
			return fmt.Errorf("failed to read incident %s: %w", id, err)
		}
	}
	return nil
}

// loadOwner reads the incident a piece of evidence belongs to.
func (idx *index) loadOwner(evidenceID string) error {
	idx.mu.RLock()
	id, ok := idx.owner[evidenceID]
	idx.mu.RUnlock()
	if !ok {
		return nil
	}
	return idx.load(id)
}

// loadAll reads every incident not read yet.
func (idx *index) loadAll() error {
	idx.mu.RLock()
	full := idx.full
	idx.mu.RUnlock()
	if full {
		return nil
	}
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if idx.full {
		return nil
	}
	if err := idx.read("inc/"); err != nil {
		return fmt.Errorf("failed to load the journal: %w", err)
	}
	idx.full = true
	return nil
}

// read decodes the current revision and the evidence of the incidents
// whose records are under prefix and are not read yet. idx.mu must be
// held for writing.
func (idx *index) read(prefix string) error {
	l := idx.loader()
	if err := idx.v.View(func(r *vault.Reader) error { return r.Scan(prefix, l.visit) }); err != nil {
		return l.abandon(err)
	}
	return l.finish()
}

// loader puts into the index the incidents whose records it is shown, in
// key order, that are not read yet. Its caller calls finish once every
// record was shown, or abandon when the pass stopped short.
//
// An incident's records are next to each other in key order
// ("inc/<id>/e/…" then "inc/<id>/r/…"): each incident is handed over as
// soon as the pass has passed its records, so that only a few incidents'
// encoded records are held at a time, not the whole journal's. Into an
// empty index (an unlock, a journal's first full load), they are decoded
// on a goroutine of their own while the pass reads on: on two cores the
// decoding (a third of an unlock's work on 10,000 incidents) no longer
// adds to the time of the pass.
type loader struct {
	idx *index
	id  string
	s   *stored
	// Decoding on another goroutine (into an empty index only: nothing
	// then asks the index which incidents it holds during the pass).
	async   bool
	batch   []*stored
	batches chan []*stored
	done    chan struct{}
	failed  atomic.Bool // the decoder met an error: the pass can stop
	err     error       // the decoder's first error, once done is closed
	// buffers are the records' buffers the decoding is done with, into
	// which the next records are opened (vault.Preload.Buffer).
	buffers recordBuffers
}

// recordBuffers are buffers used again for the records a pass opens: an
// unlock of 10,000 incidents opened each into a new one, 10 MB of garbage.
// Only the records in flight (a few batches) hold one at a time. The
// decoding copies what it keeps (goccy/go-json copies its input; the
// journal shares no memory with a record's buffer: TestUnlockLoadsWhatOpenReads).
type recordBuffers struct {
	mu   sync.Mutex
	used bool // the records are opened into these buffers (else put keeps none)
	free [][]byte
}

// get returns a buffer of capacity n at least.
func (b *recordBuffers) get(n int) []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used = true
	if last := len(b.free) - 1; last >= 0 && cap(b.free[last]) >= n {
		buf := b.free[last]
		b.free = b.free[:last]
		return buf
	}
	return make([]byte, 0, max(n, 2<<10))
}

// put gives back the buffers of an incident's records, once decoded or
// dropped.
func (b *recordBuffers) put(s *stored) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.used {
		return
	}
	if s.sealed {
		if buf := s.sealedLatest.Buffer(); buf != nil {
			b.free = append(b.free, buf)
		}
		for _, r := range s.sealedEvidence {
			b.free = append(b.free, r.Buffer())
		}
		b.free = append(b.free, s.other...)
		return
	}
	if s.latest != nil {
		b.free = append(b.free, s.latest)
	}
	b.free = append(b.free, s.evidence...)
}

// putBuf gives back one buffer (a superseded revision's).
func (b *recordBuffers) putBuf(buf []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.free = append(b.free, buf)
}

// loadBatch is how many incidents go to the decoder at a time.
const loadBatch = 64

func (idx *index) loader() *loader {
	return &loader{idx: idx, async: len(idx.byID) == 0}
}

// buffer is vault.Preload.Buffer for visit.
func (l *loader) buffer(n int) []byte { return l.buffers.get(n) }

// visit takes one record of an incident.
func (l *loader) visit(key string, value vault.Value) error {
	kind, err := l.start(key, false)
	if err != nil || l.s == nil { // l.s nil: read before
		return err
	}
	return l.s.add(kind, key, value)
}

// visitSealed takes one record of an incident, still sealed
// (vault.Preload.Sealed: an unlock, into an empty index).
func (l *loader) visitSealed(rec vault.SealedRecord) error {
	key := rec.Key()
	kind, err := l.start(key, true)
	if err != nil || l.s == nil {
		return err
	}
	l.s.addSealed(kind, key, rec, &l.buffers)
	return nil
}

// start returns the kind of the record key names, once the incident
// before it is handed over when key is another's. l.s is then the
// incident's, or nil when it was read before.
func (l *loader) start(key string, sealed bool) (kind string, err error) {
	next, kind, _, err := splitKey(key)
	if err != nil {
		return "", err
	}
	if l.failed.Load() {
		return "", errDecoding
	}
	if l.s == nil || next != l.id {
		if err := l.flush(); err != nil {
			return "", err
		}
		l.id = next
		if !l.async {
			if _, read := l.idx.byID[l.id]; read {
				return kind, nil
			}
		}
		l.s = &stored{id: next, sealed: sealed}
	}
	return kind, nil
}

// flush hands over the incident whose records were seen last.
func (l *loader) flush() error {
	s := l.s
	if s == nil {
		return nil
	}
	l.s = nil
	if !l.async {
		defer l.buffers.put(s)
		return l.idx.decode(s)
	}
	l.batch = append(l.batch, s)
	if len(l.batch) == loadBatch {
		l.send()
	}
	return nil
}

// send gives the batch to the decoder, started the first time.
func (l *loader) send() {
	if l.batches == nil {
		l.batches, l.done = make(chan []*stored, 2), make(chan struct{})
		go l.decodeAll()
	}
	l.batches <- l.batch
	l.batch = make([]*stored, 0, loadBatch)
}

// decodeAll decodes the batches it is sent into the index, until the
// first error.
func (l *loader) decodeAll() {
	defer close(l.done)
	for batch := range l.batches {
		for _, s := range batch {
			if l.err != nil {
				break
			}
			if l.err = l.idx.decode(s); l.err != nil {
				l.failed.Store(true)
			}
			l.buffers.put(s)
		}
	}
}

// errDecoding stops a pass whose decoder met an error (finish and
// abandon return that error).
var errDecoding = errors.New("an incident could not be decoded")

// finish hands over the last incident, waits for the decoder and returns
// the first error met.
func (l *loader) finish() error {
	err := l.flush()
	if l.async && len(l.batch) > 0 {
		l.send()
	}
	if derr := l.wait(); derr != nil {
		return derr
	}
	return err
}

// abandon drops the incident whose records were being read when the pass
// stopped short with err, waits for the decoder, and returns its error,
// else err.
func (l *loader) abandon(err error) error {
	l.s = nil
	if derr := l.wait(); derr != nil {
		return derr
	}
	return err
}

// wait waits for the decoder, if started, and returns its error.
func (l *loader) wait() error {
	if l.batches == nil {
		return nil
	}
	close(l.batches)
	<-l.done
	l.batches = nil
	return l.err
}

// decode decodes one incident as stored and puts it into the index.
func (idx *index) decode(s *stored) error {
	if err := s.open(); err != nil {
		return err
	}
	if s.latest == nil {
		return &vault.CorruptError{What: "incident " + s.id, Err: errors.New("it has evidence but no content")}
	}
	rec, err := decodeRevision(s.latestKey, s.latest)
	if err != nil {
		return err
	}
	evidence := make([]evidenceRecord, len(s.evidence))
	for i, data := range s.evidence {
		if evidence[i], err = decodeEvidence(s.evidenceKeys[i], data); err != nil {
			return err
		}
	}
	idx.put(s.id, rec, evidence)
	return nil
}

// add takes one record of an incident: a revision ("r") or a piece of
// evidence ("e"), still encoded.
func (s *stored) add(kind, key string, value vault.Value) error {
	switch kind {
	case "r":
		// Revisions come in order; only the last is decoded.
		data, err := value()
		if err != nil {
			return err
		}
		s.latestKey, s.latest = key, data
	case "e":
		data, err := value()
		if err != nil {
			return err
		}
		s.evidence = append(s.evidence, data)
		s.evidenceKeys = append(s.evidenceKeys, key)
	}
	return nil
}

// addSealed takes one record of an incident still sealed: a revision
// replaces the one before it, whose buffer goes back to buffers unopened.
func (s *stored) addSealed(kind, key string, rec vault.SealedRecord, buffers *recordBuffers) {
	switch kind {
	case "r":
		if buf := s.sealedLatest.Buffer(); buf != nil {
			buffers.putBuf(buf)
		}
		s.latestKey, s.sealedLatest = key, rec
	case "e":
		s.evidenceKeys = append(s.evidenceKeys, key)
		s.sealedEvidence = append(s.sealedEvidence, rec)
	default:
		s.other = append(s.other, rec.Buffer())
	}
}

// open opens the records of s that came sealed (decode calls it once).
func (s *stored) open() error {
	if !s.sealed {
		return nil
	}
	var err error
	if s.sealedLatest.Buffer() != nil {
		if s.latest, err = s.sealedLatest.Open(); err != nil {
			return err
		}
	}
	for _, r := range s.sealedEvidence {
		data, err := r.Open()
		if err != nil {
			return err
		}
		s.evidence = append(s.evidence, data)
	}
	return nil
}

// The records read when the journal loads are decoded with goccy/go-json
// instead of encoding/json: the same JSON, the same result
// (TestRecordsDecodeAsWithTheStandardLibrary), about four times faster
// (encoding/json's decoding was half of an unlock's work on 10,000
// incidents). What is written stays encoding/json's.

func decodeRevision(key string, data []byte) (*revisionRecord, error) {
	var rec revisionRecord
	if err := gojson.Unmarshal(data, &rec); err != nil || rec.Incident == nil {
		if err == nil {
			err = errors.New("empty revision")
		}
		return nil, &vault.CorruptError{What: "record " + key, Err: err}
	}
	return &rec, nil
}

func decodeEvidence(key string, data []byte) (evidenceRecord, error) {
	var e evidenceRecord
	if err := gojson.Unmarshal(data, &e); err != nil {
		return e, &vault.CorruptError{What: "record " + key, Err: err}
	}
	return e, nil
}

func encodeRevision(rec *revisionRecord) ([]byte, error) {
	stored := *rec
	content := *rec.Incident
	content.ID, content.Evidence, content.Revision = "", nil, 0
	stored.Incident = &content
	data, err := json.Marshal(&stored)
	if err != nil {
		return nil, fmt.Errorf("failed to encode the incident: %w", err)
	}
	return data, nil
}

// put puts an incident, as stored, into the index. idx.mu must be held
// for writing, or idx not yet shared.
func (idx *index) put(id string, rec *revisionRecord, evidence []evidenceRecord) {
	in := rec.Incident
	in.ID = id
	in.Revision = rec.Revision
	in.CreatedAt = rec.CreatedAt
	in.UpdatedAt = rec.SavedAt
	in.Evidence = make([]Evidence, 0, len(evidence))
	e := &entry{inc: in}
	if len(evidence) > 0 {
		e.blobs = make(map[string]string, len(evidence))
	}
	slices.SortFunc(evidence, func(a, b evidenceRecord) int { return a.AddedAt.Compare(b.AddedAt) })
	for _, ev := range evidence {
		in.Evidence = append(in.Evidence, ev.Evidence)
		if ev.Blob != "" {
			e.blobs[ev.ID] = ev.Blob
		}
		idx.owner[ev.ID] = id
		if ev.AddedAt.After(in.UpdatedAt) {
			in.UpdatedAt = ev.AddedAt
		}
	}
	idx.known[id] = struct{}{}
	idx.byID[id] = e
	idx.sorted = nil
}

// evidenceOf returns the evidence records of an entry, as stored.
func (e *entry) evidenceOf() []evidenceRecord {
	var list []evidenceRecord
	for _, ev := range e.inc.Evidence {
		list = append(list, evidenceRecord{Evidence: ev, Blob: e.blobs[ev.ID]})
	}
	return list
}

// replace replaces an incident's content, keeping its evidence. idx.mu
// must be held for writing.
func (idx *index) replace(id string, rec *revisionRecord) {
	idx.put(id, rec, idx.byID[id].evidenceOf())
}

// changeEvidence rebuilds an entry after its evidence changed. idx.mu
// must be held for writing.
func (idx *index) changeEvidence(e *entry, change func([]evidenceRecord) []evidenceRecord) {
	list := change(e.evidenceOf())
	in := *e.inc
	in.Evidence = nil
	rec := &revisionRecord{Revision: in.Revision, SavedAt: in.UpdatedAt, CreatedAt: in.CreatedAt, Incident: &in}
	for _, ev := range e.inc.Evidence {
		delete(idx.owner, ev.ID)
	}
	idx.put(in.ID, rec, list)
}

// remove forgets an incident and its evidence. idx.mu must be held for
// writing.
func (idx *index) remove(id string) {
	for _, ev := range idx.byID[id].inc.Evidence {
		delete(idx.owner, ev.ID)
	}
	delete(idx.byID, id)
	delete(idx.known, id)
	idx.sorted = nil
}

// newest returns every entry, newest first (by the facts' date, then id).
// The index must be full (loadAll). With searchable, every entry returned
// has its search text: it is made the first time a search needs it, not
// at unlock (a tenth of the unlock's work, and of the index's memory,
// for a journal never searched).
func (idx *index) newest(searchable bool) []*entry {
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if searchable {
		for _, e := range idx.byID {
			if e.folded == "" {
				e.folded = foldIncident(e.inc)
			}
		}
	}
	if idx.sorted == nil {
		idx.sorted = make([]*entry, 0, len(idx.byID))
		for _, e := range idx.byID {
			idx.sorted = append(idx.sorted, e)
		}
		slices.SortFunc(idx.sorted, func(a, b *entry) int {
			if c := b.inc.OccurredAt.Compare(a.inc.OccurredAt); c != 0 {
				return c
			}
			return strings.Compare(a.inc.ID, b.inc.ID)
		})
	}
	return idx.sorted
}

// clear empties the index, when the journal is locked.
func (idx *index) clear() {
	idx.mu.Lock()
	defer idx.mu.Unlock()
	idx.byID, idx.owner, idx.sorted, idx.files = map[string]*entry{}, map[string]string{}, nil, nil
	idx.known, idx.full = map[string]struct{}{}, true
}
