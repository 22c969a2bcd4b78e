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
	"strings"
	"time"
	"unicode"

	"github.com/temoin-app/temoin/vault"
)

// AttachFile streams a file into the vault as evidence for an incident:
// encrypted, with its SHA-256 computed on the way, in constant memory
// whatever its size. name is the file's original name (only its last
// element is kept). Cancelling ctx stops the import and leaves nothing
// behind.
func (j *Journal) AttachFile(ctx context.Context, incidentID, name string, r io.Reader, progress func(int64)) (*Evidence, error) {
	if _, err := j.Get(incidentID); err != nil {
		return nil, err
	}
	name = cleanFileName(name)
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(512)
	mediaType := mediaTypeOf(name, head)

	blob, err := j.v.WriteBlob(ctx, br, progress)
	if err != nil {
		return nil, err
	}
	ev := Evidence{
		Name: name, MediaType: mediaType, Size: blob.Size, SHA256: blob.SHA256,
		AddedAt: time.Now().UTC(),
	}
	out, err := j.addEvidence(incidentID, ev, blob)
	if err != nil {
		j.v.DiscardBlob(blob.ID)
		return nil, err
	}
	return out, nil
}

// AttachLink records a link to something posted online, with the day it
// was seen there and a note (how it was found, who posted it).
func (j *Journal) AttachLink(incidentID, link string, retrievedOn Date, note string) (*Evidence, error) {
	if err := checkURL(link); err != nil {
		return nil, err
	}
	if retrievedOn.IsZero() {
		retrievedOn = DateOf(time.Now())
	}
	ev := Evidence{
		URL: strings.TrimSpace(link), RetrievedOn: retrievedOn, Note: strings.TrimSpace(note),
		AddedAt: time.Now().UTC(),
	}
	return j.addEvidence(incidentID, ev, vault.Blob{})
}

func (j *Journal) addEvidence(incidentID string, ev Evidence, blob vault.Blob) (*Evidence, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e, ok := j.byID[incidentID]
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: incidentID}
	}
	id, err := newID(func(id string) bool { _, taken := j.owner[id]; return taken })
	if err != nil {
		return nil, err
	}
	ev.ID = id
	data, err := json.Marshal(&evidenceRecord{Evidence: ev, Blob: blob.ID})
	if err != nil {
		return nil, err
	}
	err = j.v.Update(func(tx *vault.Tx) error {
		if blob.ID != "" {
			if err := tx.KeepBlob(blob); err != nil {
				return err
			}
		}
		return tx.Record(evidenceKey(incidentID, id), data, vault.Event{Type: EventEvidenceAdded, Subject: incidentID})
	})
	if err != nil {
		return nil, err
	}
	j.reindexEvidence(e, func(list []evidenceRecord) []evidenceRecord {
		return append(list, evidenceRecord{Evidence: ev, Blob: blob.ID})
	})
	return &ev, nil
}

// reindexEvidence rebuilds an index entry after its evidence changed.
// j.mu must be held for writing.
func (j *Journal) reindexEvidence(e *entry, change func([]evidenceRecord) []evidenceRecord) {
	var list []evidenceRecord
	for _, ev := range e.inc.Evidence {
		list = append(list, evidenceRecord{Evidence: ev, Blob: e.blobs[ev.ID]})
	}
	list = change(list)
	in := *e.inc
	in.Evidence = nil
	rec := &revisionRecord{Revision: in.Revision, SavedAt: in.UpdatedAt, CreatedAt: in.CreatedAt, Incident: &in}
	for _, ev := range e.inc.Evidence {
		delete(j.owner, ev.ID)
	}
	j.index(in.ID, rec, list)
}

// RemoveEvidence deletes a piece of evidence and its encrypted file. The
// chain records the removal.
func (j *Journal) RemoveEvidence(evidenceID string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	incidentID, ok := j.owner[evidenceID]
	if !ok {
		return &IDError{Err: ErrNoEvidence, ID: evidenceID}
	}
	e := j.byID[incidentID]
	blob := e.blobs[evidenceID]
	err := j.v.Update(func(tx *vault.Tx) error {
		if err := tx.Remove(evidenceKey(incidentID, evidenceID), vault.Event{Type: EventEvidenceRemoved, Subject: incidentID}); err != nil {
			return err
		}
		if blob != "" {
			return tx.DropBlob(blob)
		}
		return nil
	})
	if err != nil {
		return err
	}
	j.reindexEvidence(e, func(list []evidenceRecord) []evidenceRecord {
		out := list[:0]
		for _, ev := range list {
			if ev.ID != evidenceID {
				out = append(out, ev)
			}
		}
		return out
	})
	return nil
}

// FindEvidence returns a piece of evidence and the id of its incident.
func (j *Journal) FindEvidence(evidenceID string) (*Evidence, string, error) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	incidentID, ok := j.owner[evidenceID]
	if !ok {
		return nil, "", &IDError{Err: ErrNoEvidence, ID: evidenceID}
	}
	for _, ev := range j.byID[incidentID].inc.Evidence {
		if ev.ID == evidenceID {
			return &ev, incidentID, nil
		}
	}
	return nil, "", &IDError{Err: ErrNoEvidence, ID: evidenceID}
}

// ResolveEvidence turns the start of an evidence id into the id.
func (j *Journal) ResolveEvidence(prefix string) (string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	j.mu.RLock()
	defer j.mu.RUnlock()
	var match string
	for id := range j.owner {
		if id == prefix {
			return id, nil
		}
		if prefix != "" && strings.HasPrefix(id, prefix) {
			if match != "" {
				return "", &IDError{Err: ErrAmbiguous, ID: prefix}
			}
			match = id
		}
	}
	if match == "" {
		return "", &IDError{Err: ErrNoEvidence, ID: prefix}
	}
	return match, nil
}

// OpenEvidence returns a reader of a file's decrypted content. The reader
// ends with an error instead of io.EOF if the content does not match its
// SHA-256. Nothing is written to disk.
func (j *Journal) OpenEvidence(evidenceID string) (io.ReadCloser, *Evidence, error) {
	ev, incidentID, err := j.FindEvidence(evidenceID)
	if err != nil {
		return nil, nil, err
	}
	if ev.IsLink() {
		return nil, ev, errors.New("this evidence is a link, not a file")
	}
	j.mu.RLock()
	blob := j.byID[incidentID].blobs[evidenceID]
	j.mu.RUnlock()
	rc, _, err := j.v.OpenBlob(blob)
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
