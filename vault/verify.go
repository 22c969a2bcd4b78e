package vault

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Problem is one thing Verify found wrong, in words a person can act on.
type Problem struct {
	What   string `json:"what"`   // the damaged piece: "record inc/…", "blob …", "chain"
	Detail string `json:"detail"` // what is wrong with it
}

// VerifyReport is what Verify checked and what it found.
type VerifyReport struct {
	Records   int       `json:"records"`
	Events    int       `json:"events"`
	Blobs     int       `json:"blobs"`
	BlobBytes int64     `json:"blob_bytes"`
	Head      ChainHead `json:"head"`
	Problems  []Problem `json:"problems"`
	Notes     []string  `json:"notes,omitempty"` // harmless findings
}

// OK reports whether nothing is wrong.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Verify checks the whole vault: the header's MAC, that every record
// opens, that the chain holds and accounts for every journal record (none
// added, changed or removed behind its back), and that every blob decrypts
// to its recorded SHA-256. progress, if not nil, is called with the blob
// bytes checked so far and their total.
func (v *Vault) Verify(ctx context.Context, progress func(done, total int64)) (*VerifyReport, error) {
	rep := &VerifyReport{}
	add := func(what, format string, args ...any) {
		rep.Problems = append(rep.Problems, Problem{What: what, Detail: fmt.Sprintf(format, args...)})
	}
	if h, err := ReadHeader(v.dir); err != nil {
		add(headerName, "%v", err)
	} else if v.acquire() == nil {
		ok := hmac.Equal(headerMAC(v.master, h), h.MAC)
		v.mu.RUnlock()
		if !ok {
			add(headerName, "changed without the vault's key")
		}
	}
	if err := v.verifyIntegrity(rep, add); err != nil {
		return nil, err
	}
	var blobs []Blob
	err := v.View(func(r *Reader) error {
		head, err := v.readHead(r.txn)
		if err != nil {
			add("chain head", "%v", err)
		}
		rep.Head = head
		expected := v.verifyEvents(r, head, rep, add)
		v.verifyRecords(r, expected, rep, add)
		blobs = v.verifyBlobRecords(r, add)
		return v.verifyUnchained(r, add)
	})
	if err != nil {
		return nil, err
	}
	if err := v.verifyBlobs(ctx, blobs, rep, add, progress); err != nil {
		return nil, err
	}
	return rep, nil
}

// verifyIntegrity reads the whole database again and compares it with its
// authenticated state and with the witness, as the open did.
func (v *Vault) verifyIntegrity(rep *VerifyReport, add func(string, string, ...any)) error {
	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	s, _, err := v.checkState(nil)
	var found *IntegrityError
	switch {
	case errors.As(err, &found):
		add("database", "%v", found)
		return nil
	case err != nil:
		add("database", "%v", err)
		return nil
	}
	found, warnings := v.compareWitnesses(s, v.chain, v.headerCopies[len(v.headerCopies)-1])
	if found != nil {
		add("database", "%v", found)
	}
	for _, w := range warnings {
		rep.Notes = append(rep.Notes, w.String())
	}
	return nil
}

// verifyEvents checks the chain and replays it into the expected state:
// for every journal key, the SHA-256 its value must have.
func (v *Vault) verifyEvents(r *Reader, head ChainHead, rep *VerifyReport, add func(string, string, ...any)) map[string]string {
	var events []ChainEvent
	err := r.scanBadger(spaceChain, func(bkey string, value Value) error {
		var e ChainEvent
		data, err := value()
		if err == nil {
			err = json.Unmarshal(data, &e)
		}
		if err != nil {
			add("chain", "event %s cannot be read: %v", strings.TrimPrefix(bkey, spaceChain), err)
			return nil
		}
		events = append(events, e)
		return nil
	})
	if err != nil {
		add("chain", "%v", err)
	}
	rep.Events = len(events)
	if err := VerifyChain(events, head); err != nil {
		add("chain", "%v", err)
	}
	expected := make(map[string]string)
	for _, e := range events {
		switch {
		case e.Key == "":
		case e.Hash == "" && !strings.HasSuffix(e.Key, "/"):
			delete(expected, e.Key)
		case strings.HasSuffix(e.Key, "/"):
			for k := range expected {
				if strings.HasPrefix(k, e.Key) {
					delete(expected, k)
				}
			}
		default:
			expected[e.Key] = e.Hash
		}
	}
	return expected
}

func (v *Vault) verifyRecords(r *Reader, expected map[string]string, rep *VerifyReport, add func(string, string, ...any)) {
	seen := make(map[string]bool)
	err := r.scanBadger(spaceRecords, func(bkey string, value Value) error {
		key := strings.TrimPrefix(bkey, spaceRecords)
		rep.Records++
		seen[key] = true
		data, err := value()
		if err != nil {
			add("record "+key, "cannot be opened: %v", errors.Unwrap(err))
			return nil
		}
		want, ok := expected[key]
		sum := sha256.Sum256(data)
		switch {
		case !ok:
			add("record "+key, "is not in the history (added behind the journal's back)")
		case hex.EncodeToString(sum[:]) != want:
			add("record "+key, "does not match its entry in the history (changed behind the journal's back)")
		}
		return nil
	})
	if err != nil {
		add("journal", "%v", err)
	}
	var missing []string
	for k := range expected {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		add("record "+k, "has disappeared (the history says it was written and never deleted)")
	}
}

func (v *Vault) verifyBlobRecords(r *Reader, add func(string, string, ...any)) []Blob {
	var blobs []Blob
	err := r.scanBadger(spaceBlobs, func(bkey string, value Value) error {
		id := strings.TrimPrefix(bkey, spaceBlobs)
		data, err := value()
		var b Blob
		if err == nil {
			err = json.Unmarshal(data, &b)
		}
		if err != nil {
			add("blob "+id, "its description cannot be read: %v", err)
			return nil
		}
		blobs = append(blobs, b)
		return nil
	})
	if err != nil {
		add("blobs", "%v", err)
	}
	return blobs
}

func (v *Vault) verifyUnchained(r *Reader, add func(string, string, ...any)) error {
	return r.scanBadger(spaceUnchained, func(bkey string, value Value) error {
		if _, err := value(); err != nil {
			add("record "+strings.TrimPrefix(bkey, spaceUnchained), "cannot be opened")
		}
		return nil
	})
}

func (v *Vault) verifyBlobs(ctx context.Context, blobs []Blob, rep *VerifyReport, add func(string, string, ...any), progress func(int64, int64)) error {
	var total, done int64
	known := make(map[string]bool)
	for _, b := range blobs {
		total += b.Size
		known[b.ID] = true
	}
	for _, b := range blobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.Blobs++
		rep.BlobBytes += b.Size
		rc, _, err := v.OpenBlob(b.ID)
		if err == nil {
			base := done
			_, err = io.Copy(io.Discard, &progressReader{r: rc, fn: func(n int64) {
				if progress != nil {
					progress(base+n, total)
				}
			}})
			rc.Close()
		}
		if errors.Is(err, ErrLocked) {
			return err
		}
		if err != nil {
			var ce *CorruptError
			if errors.As(err, &ce) && ce.Err != nil {
				err = ce.Err
			}
			add("blob "+b.ID, "%v", err)
		}
		done += b.Size
	}
	entries, err := os.ReadDir(filepath.Join(v.dir, blobsDir))
	if err != nil {
		add("blobs", "folder cannot be read: %v", err)
		return nil
	}
	v.pendingMu.Lock()
	defer v.pendingMu.Unlock()
	for _, e := range entries {
		if _, pending := v.pending[e.Name()]; !known[e.Name()] && !pending {
			rep.Notes = append(rep.Notes, fmt.Sprintf("file blobs/%s is not referenced by any record; it is kept in case it is needed", e.Name()))
		}
	}
	return nil
}

type progressReader struct {
	r  io.Reader
	n  int64
	fn func(int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	p.fn(p.n)
	return n, err
}
