package app

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/temoin-app/temoin/vault"
)

// EvidenceService keeps the evidence of the incidents: files, streamed
// into the vault encrypted and hashed on the way, and links to what was
// posted online.
type EvidenceService struct {
	v   *vault.Vault
	idx *index
}

// AttachFile streams a file into the vault as evidence for an incident:
// encrypted, with its SHA-256 computed on the way, in constant memory
// whatever its size. name is the file's original name (only its last
// element is kept). Cancelling ctx stops the import and leaves nothing
// behind.
func (s *EvidenceService) AttachFile(ctx context.Context, incidentID, name string, r io.Reader, progress func(int64)) (*Evidence, error) {
	return s.AttachFileWith(ctx, incidentID, name, r, progress, Evidence{})
}

// AttachFileWith is AttachFile with what is known of the file beyond its
// bytes: info's Source, CapturedAt, Sender, SentAt, Channel, Mail, Parent,
// Duration and Note are kept (the rest is the service's). The record the
// chain commits to holds the file's SHA-256 and these fields. A file
// already in the journal (the same SHA-256) is refused with a
// *DuplicateError that says where it is, and leaves nothing. A picture
// gets its thumbnail once stored (keepThumbnail).
func (s *EvidenceService) AttachFileWith(ctx context.Context, incidentID, name string, r io.Reader, progress func(int64), info Evidence) (*Evidence, error) {
	ev, err := s.attach(ctx, incidentID, name, r, progress, info, nil)
	if err == nil {
		s.keepThumbnail(ctx, ev)
	}
	return ev, err
}

// attach stores a file; complete, if not nil, is called once the file is
// read, before it is recorded: it can fill in what reading taught, or
// refuse the file (nothing is then left).
func (s *EvidenceService) attach(ctx context.Context, incidentID, name string, r io.Reader, progress func(int64), info Evidence, complete func(*Evidence) error) (*Evidence, error) {
	if !s.exists(incidentID) {
		return nil, &IDError{Err: ErrNotFound, ID: incidentID}
	}
	name = cleanFileName(name)
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(512)
	mediaType := mediaTypeOf(name, head)

	blob, err := s.v.WriteBlob(ctx, br, progress)
	if err != nil {
		return nil, err
	}
	ev := info
	ev.ID, ev.URL, ev.RetrievedOn, ev.PublishedOn = "", "", Date{}, Date{}
	ev.Name, ev.MediaType, ev.Size, ev.SHA256 = name, mediaType, blob.Size, blob.SHA256
	ev.Note = strings.TrimSpace(ev.Note)
	ev.AddedAt = time.Now().UTC()
	if complete != nil {
		if err := complete(&ev); err != nil {
			s.v.DiscardBlob(blob.ID)
			return nil, err
		}
	}
	out, err := s.add(incidentID, ev, blob)
	if err != nil {
		s.v.DiscardBlob(blob.ID)
		return nil, err
	}
	return out, nil
}

// AttachLink records a link to something posted online, with the day it
// was seen there and a note (how it was found, who posted it).
func (s *EvidenceService) AttachLink(incidentID, link string, retrievedOn Date, note string) (*Evidence, error) {
	return s.AttachPublishedLink(incidentID, link, retrievedOn, Date{}, note)
}

// AttachPublishedLink attaches a link to a content published on
// publishedOn, later than the incident: a new publication of the same
// words, whose press-law clock runs from that day.
func (s *EvidenceService) AttachPublishedLink(incidentID, link string, retrievedOn, publishedOn Date, note string) (*Evidence, error) {
	if err := checkURL(link); err != nil {
		return nil, err
	}
	if retrievedOn.IsZero() {
		retrievedOn = DateOf(time.Now())
	}
	ev := Evidence{
		URL: strings.TrimSpace(link), RetrievedOn: retrievedOn, PublishedOn: publishedOn, Note: strings.TrimSpace(note),
		AddedAt: time.Now().UTC(),
	}
	return s.add(incidentID, ev, vault.Blob{})
}

func (s *EvidenceService) exists(incidentID string) bool {
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	return s.idx.has(incidentID)
}

func (s *EvidenceService) add(incidentID string, ev Evidence, blob vault.Blob) (*Evidence, error) {
	if err := s.idx.load(incidentID); err != nil {
		return nil, err
	}
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	e, ok := s.idx.byID[incidentID]
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: incidentID}
	}
	if blob.ID != "" {
		dup, err := s.idx.duplicate(blob.SHA256)
		if err != nil {
			return nil, err
		}
		if dup != nil {
			return nil, dup
		}
	}
	id, err := newID(func(id string) bool { _, taken := s.idx.owner[id]; return taken })
	if err != nil {
		return nil, err
	}
	ev.ID = id
	data, err := json.Marshal(&evidenceRecord{Evidence: ev, Blob: blob.ID})
	if err != nil {
		return nil, err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		if blob.ID != "" {
			if err := tx.KeepBlob(blob); err != nil {
				return err
			}
		}
		return tx.Record(evidenceKey(incidentID, id), data, vault.Event{Type: string(EventEvidenceAdded), Subject: incidentID})
	})
	if err != nil {
		return nil, err
	}
	s.idx.changeEvidence(e, func(list []evidenceRecord) []evidenceRecord {
		return append(list, evidenceRecord{Evidence: ev, Blob: blob.ID})
	})
	return &ev, nil
}

// Remove deletes a piece of evidence and its encrypted file. The chain
// records the removal.
func (s *EvidenceService) Remove(evidenceID string) error {
	if err := s.idx.loadOwner(evidenceID); err != nil {
		return err
	}
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	incidentID, ok := s.idx.owner[evidenceID]
	if !ok {
		return &IDError{Err: ErrNoEvidence, ID: evidenceID}
	}
	e := s.idx.byID[incidentID]
	blob := e.blobs[evidenceID]
	err := s.v.Update(func(tx *vault.Tx) error {
		if err := tx.Remove(evidenceKey(incidentID, evidenceID), vault.Event{Type: string(EventEvidenceRemoved), Subject: incidentID}); err != nil {
			return err
		}
		if blob != "" {
			return dropFile(tx, blob)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.idx.changeEvidence(e, func(list []evidenceRecord) []evidenceRecord {
		return slices.DeleteFunc(list, func(ev evidenceRecord) bool { return ev.ID == evidenceID })
	})
	return nil
}

// Find returns a piece of evidence and the id of its incident.
func (s *EvidenceService) Find(evidenceID string) (*Evidence, string, error) {
	ev, incidentID, _, err := s.find(evidenceID)
	return ev, incidentID, err
}

// find is Find that also returns the evidence's blob ("" for a link).
func (s *EvidenceService) find(evidenceID string) (*Evidence, string, string, error) {
	if err := s.idx.loadOwner(evidenceID); err != nil {
		return nil, "", "", err
	}
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	incidentID, ok := s.idx.owner[evidenceID]
	if !ok {
		return nil, "", "", &IDError{Err: ErrNoEvidence, ID: evidenceID}
	}
	e := s.idx.byID[incidentID]
	for _, ev := range e.inc.Evidence {
		if ev.ID == evidenceID {
			return &ev, incidentID, e.blobs[evidenceID], nil
		}
	}
	return nil, "", "", &IDError{Err: ErrNoEvidence, ID: evidenceID}
}

// Resolve turns the start of an evidence id into the id.
func (s *EvidenceService) Resolve(prefix string) (string, error) {
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	return resolvePrefix(prefix, s.idx.owner, ErrNoEvidence)
}

// ErrLinkNotFile: the evidence asked for is a link, which has no content
// to read.
var ErrLinkNotFile = errors.New("this evidence is a link, not a file")

// Open returns a reader of a file's decrypted content. The reader ends
// with an error instead of io.EOF if the content does not match its
// SHA-256. Nothing is written to disk.
func (s *EvidenceService) Open(evidenceID string) (io.ReadCloser, *Evidence, error) {
	ev, _, blob, err := s.find(evidenceID)
	if err != nil {
		return nil, nil, err
	}
	if ev.IsLink() {
		return nil, ev, ErrLinkNotFile
	}
	rc, _, err := s.v.OpenBlob(blob)
	if err != nil {
		return nil, ev, err
	}
	return rc, ev, nil
}

// cleanFileName keeps the last element of a path, without control
// characters, at most 200 bytes, never empty.
func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	for len(name) > 200 {
		ext := filepath.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		runes := []rune(strings.TrimSuffix(name, ext))
		name = string(runes[:len(runes)-1]) + ext
	}
	if name == "" || name == "." || name == ".." {
		name = "fichier"
	}
	return name
}

// mediaTypeOf guesses a media type from the name, then from the content.
func mediaTypeOf(name string, head []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		if base, _, err := mime.ParseMediaType(t); err == nil {
			return base
		}
	}
	t := http.DetectContentType(head)
	if base, _, err := mime.ParseMediaType(t); err == nil {
		return base
	}
	return "application/octet-stream"
}
