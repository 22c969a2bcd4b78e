package vault

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
	"github.com/dgraph-io/badger/v4"

	"github.com/temoin-app/temoin/internal/writeback"
)

// Blob describes an encrypted file in the vault: evidence. Blobs are named
// by a random ID, never by their content's hash (a hash in a file name
// would let anyone holding the same video confirm that you have it).
type Blob struct {
	ID      string    `json:"id"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"` // hex SHA-256 of the plaintext
	Created time.Time `json:"created"`
}

// Each blob is an age file (the standard, audited STREAM format: 64 KiB
// chunks, each authenticated, truncation detected), read and written in
// constant memory. Its key hierarchy:
//
//	master key ─HKDF→ record key ─seals→ record b/<id> ─holds→ age file key
//	                                                            └→ payload key
//
// age draws a random file key for each file; the file's only recipient
// stanza, "temoin-blob", holds nothing: the file key is kept in the blob's
// record, sealed with the record key like every record. A blob can only be
// read by whoever can open its record, and renewing the master key
// (rotate.go) re-seals the records: the evidence files themselves, however
// large, are not rewritten.
//
// Format 1 encrypted every blob to an X25519 identity kept in the record
// m/blob-identity. The upgrade to format 2 (upgrade.go) moved each file's
// key and original age header into its record and erased the header in
// the file, so that the identity, still in old backups, opens none of the
// files of the vault.

const (
	metaBlobPending = "m/blob-pending/" // a blob being written: removed at open if never kept
	metaBlobTrash   = "m/blob-trash/"   // a blob dropped: its file is removed at open if still there
	blobStanzaType  = "temoin-blob"
)

// blobRecord is what the record b/<id> holds.
type blobRecord struct {
	Blob
	// Key is the age file key of the blob's file (format 2).
	Key []byte `json:"key,omitempty"`
	// Header is, for a blob written in format 1, the file's original age
	// header (the copy at the start of the file is erased).
	Header []byte `json:"header,omitempty"`
}

// blobRecipient makes age's file key the blob's key: it keeps a copy and
// writes an empty stanza.
type blobRecipient struct{ fileKey *[]byte }

func (r blobRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	*r.fileKey = bytes.Clone(fileKey)
	return []*age.Stanza{{Type: blobStanzaType}}, nil
}

// WrapWithLabels makes the stanza the file's only recipient.
func (r blobRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := r.Wrap(fileKey)
	return s, []string{blobStanzaType}, err
}

// identity returns what decrypts the blob's file.
func (rec blobRecord) identity(legacy *age.X25519Identity) (age.Identity, error) {
	switch {
	case len(rec.Key) == 16:
		return age.NewInjectedFileKeyIdentity(rec.Key), nil
	case rec.Key == nil && legacy != nil:
		return legacy, nil
	}
	return nil, corrupt("blob "+rec.ID, errors.New("its key is missing from its record"))
}

// reader returns the age file of the blob as read from f: the header kept
// in the record, when there is one, in place of the erased one.
func (rec blobRecord) reader(f io.Reader) (io.Reader, error) {
	if rec.Header == nil {
		return f, nil
	}
	if _, err := io.CopyN(io.Discard, f, int64(len(rec.Header))); err != nil {
		return nil, err
	}
	return io.MultiReader(bytes.NewReader(rec.Header), f), nil
}

func parseBlobRecord(id string, data []byte) (blobRecord, error) {
	var rec blobRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, corrupt("blob record "+id, err)
	}
	if rec.ID != id {
		return rec, corrupt("blob record "+id, errors.New("it describes another blob"))
	}
	return rec, nil
}

func (v *Vault) blobPath(id string) string { return filepath.Join(v.dir, blobsDir, id) }

func validBlobID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// setMeta writes (or with value nil deletes) one meta key in its own
// Badger transaction.
func (v *Vault) setMeta(key string, value []byte) error {
	return v.db.Update(func(txn *badger.Txn) error {
		if value == nil {
			return txn.Delete([]byte(key))
		}
		return txn.Set([]byte(key), v.seal(key, value))
	})
}

// WriteBlob encrypts everything r gives into a new blob, computing its
// SHA-256 in the same pass, in memory that does not depend on its size.
// progress, if not nil, is called with the number of bytes read so far.
// Cancelling ctx stops the copy and removes the partial blob.
//
// The blob is pending until a transaction calls KeepBlob; a pending blob
// is removed by DiscardBlob, or at the next Open after a crash.
func (v *Vault) WriteBlob(ctx context.Context, r io.Reader, progress func(int64)) (Blob, error) {
	if err := v.acquire(); err != nil {
		return Blob{}, err
	}
	idb := make([]byte, 16)
	if _, err := rand.Read(idb); err != nil {
		v.mu.RUnlock()
		return Blob{}, fmt.Errorf("failed to draw a file id: %w", err)
	}
	b := Blob{ID: hex.EncodeToString(idb), Created: time.Now().UTC()}
	v.pendingMu.Lock()
	v.pending[b.ID] = nil
	v.pendingMu.Unlock()
	err := v.setMeta(metaBlobPending+b.ID, []byte{1})
	v.mu.RUnlock() // the copy below may be long: Lock must not wait for it
	if err != nil {
		v.forgetPending(b.ID)
		return Blob{}, fmt.Errorf("failed to prepare the file: %w", err)
	}
	var fileKey []byte
	size, sum, err := encryptTo(ctx, v.blobPath(b.ID), blobRecipient{&fileKey}, r, progress)
	if err != nil {
		clear(fileKey)
		v.DiscardBlob(b.ID)
		return Blob{}, err
	}
	v.pendingMu.Lock()
	if _, still := v.pending[b.ID]; still && !v.closed.Load() {
		v.pending[b.ID] = fileKey
	} else {
		clear(fileKey) // locked meanwhile: the blob is swept at the next open
	}
	v.pendingMu.Unlock()
	b.Size, b.SHA256 = size, sum
	return b, nil
}

func encryptTo(ctx context.Context, path string, to age.Recipient, r io.Reader, progress func(int64)) (int64, string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return 0, "", fmt.Errorf("failed to create the encrypted file: %w", err)
	}
	defer f.Close()
	fw := writeback.New(f)
	defer fw.Stop()
	// The encrypted chunks are written to the file by a goroutine of
	// their own (writeback.Buffered): this one only encrypts.
	bw := writeback.NewBuffered(seamWriter(purposeBlob, fw), 256<<10, 3) // storage seam: hooks_on.go
	defer bw.Close()
	aw, err := age.Encrypt(bw, to)
	if err != nil {
		return 0, "", fmt.Errorf("failed to start encrypting: %w", err)
	}
	size, sum, err := copyHashing(ctx, aw, r, progress)
	if err != nil {
		return 0, "", err
	}
	if err := aw.Close(); err != nil {
		return 0, "", fmt.Errorf("failed to finish encrypting: %w", err)
	}
	if err := bw.Close(); err != nil {
		return 0, "", fmt.Errorf("failed to write the encrypted file: %w", err)
	}
	if err := fw.Stop(); err != nil {
		return 0, "", fmt.Errorf("failed to flush the encrypted file: %w", err)
	}
	if err := seamSync(purposeBlob, f); err != nil {
		return 0, "", fmt.Errorf("failed to flush the encrypted file: %w", err)
	}
	if err := f.Close(); err != nil {
		return 0, "", fmt.Errorf("failed to close the encrypted file: %w", err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return 0, "", err
	}
	return size, sum, nil
}

// copyHashing copies src to dst and returns the size and hex SHA-256 of
// what it copied. A goroutine reads src and hashes each chunk while this
// one encrypts and writes the chunk before: the file is read once, the
// two halves of the work share the machine's cores, and the chunks'
// buffers are reused.
func copyHashing(ctx context.Context, dst io.Writer, src io.Reader, progress func(int64)) (int64, string, error) {
	// Chunks of 256 KiB: one is still in the processor's cache when it is
	// hashed after being read and when age copies it to encrypt it, and
	// the two goroutines hand work over finely enough that neither waits
	// long for the other on a busy machine. Three chunks of 1 MiB made
	// the same 1 GiB take 10 to 30 % longer, for the same CPU time.
	const chunk, depth = 256 << 10, 4
	free := make(chan []byte, depth)
	for range depth {
		free <- make([]byte, chunk)
	}
	full := make(chan []byte, depth) // never full: there are depth buffers in all
	stop := make(chan struct{})
	h := sha256.New()
	var rerr error // the reader's error, set before full closes
	go func() {
		defer close(full)
		for {
			var b []byte
			select {
			case b = <-free:
			case <-stop:
				return
			}
			n, err := io.ReadFull(src, b)
			if n > 0 {
				h.Write(b[:n])
				full <- b[:n]
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				rerr = err
				return
			}
		}
	}()
	// fail stops the reader and waits for it: nothing reads src once
	// copyHashing has returned.
	fail := func(err error) (int64, string, error) {
		close(stop)
		for range full {
		}
		return 0, "", err
	}
	var total int64
	for b := range full {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if _, err := dst.Write(b); err != nil {
			return fail(fmt.Errorf("failed to write the encrypted file: %w", err))
		}
		total += int64(len(b))
		if progress != nil {
			progress(total)
		}
		free <- b[:cap(b)]
	}
	if rerr != nil {
		return 0, "", fmt.Errorf("failed to read the file: %w", rerr)
	}
	if err := ctx.Err(); err != nil {
		return 0, "", err
	}
	return total, hex.EncodeToString(h.Sum(nil)), nil
}

func (v *Vault) forgetPending(id string) {
	v.pendingMu.Lock()
	delete(v.pending, id)
	v.pendingMu.Unlock()
}

// DiscardBlob removes a pending blob that will not be kept (the import was
// cancelled, or its transaction failed).
func (v *Vault) DiscardBlob(id string) {
	if !validBlobID(id) {
		return
	}
	v.pendingMu.Lock()
	key, pending := v.pending[id]
	delete(v.pending, id)
	v.pendingMu.Unlock()
	clear(key)
	if !pending {
		return
	}
	os.Remove(v.blobPath(id))
	if v.acquire() == nil {
		v.setMeta(metaBlobPending+id, nil)
		v.mu.RUnlock()
	}
}

// KeepBlob records a blob written by WriteBlob, as part of the
// transaction: once committed, the blob is part of the vault.
func (tx *Tx) KeepBlob(b Blob) error {
	if !validBlobID(b.ID) {
		return fmt.Errorf("invalid blob id %q", b.ID)
	}
	v := tx.Reader.v
	v.pendingMu.Lock()
	key := v.pending[b.ID]
	v.pendingMu.Unlock()
	if len(key) != 16 {
		return fmt.Errorf("blob %s was not written by WriteBlob since the vault was opened", b.ID)
	}
	data, err := json.Marshal(&blobRecord{Blob: b, Key: key})
	if err != nil {
		return err
	}
	tx.set(spaceBlobs+b.ID, data)
	tx.del(metaBlobPending + b.ID)
	tx.kept = append(tx.kept, b.ID)
	return nil
}

// DropBlob deletes a blob as part of the transaction; its file is removed
// once the transaction is committed, which gives its space back.
func (tx *Tx) DropBlob(id string) error {
	if !validBlobID(id) {
		return fmt.Errorf("invalid blob id %q", id)
	}
	tx.del(spaceBlobs + id)
	tx.set(metaBlobTrash+id, []byte{1})
	tx.dropped = append(tx.dropped, id)
	return nil
}

// BlobInfo returns the description of a kept blob, or ErrNoBlob.
func (r *Reader) BlobInfo(id string) (Blob, error) {
	rec, err := r.blobRecord(id)
	return rec.Blob, err
}

func (r *Reader) blobRecord(id string) (blobRecord, error) {
	data, err := r.get(spaceBlobs + id)
	if errors.Is(err, ErrNoRecord) {
		return blobRecord{}, ErrNoBlob
	}
	if err != nil {
		return blobRecord{}, err
	}
	return parseBlobRecord(id, data)
}

// OpenBlob returns a reader of a blob's plaintext. The reader checks the
// size and the SHA-256 as it reaches the end: a damaged or altered blob
// ends in a *CorruptError instead of io.EOF. It stops with ErrLocked when
// the vault is locked.
func (v *Vault) OpenBlob(id string) (io.ReadCloser, Blob, error) {
	var rec blobRecord
	var ident age.Identity
	err := v.View(func(r *Reader) error {
		var err error
		if rec, err = r.blobRecord(id); err != nil {
			return err
		}
		ident, err = rec.identity(v.legacyBlobs)
		return err
	})
	if err != nil {
		return nil, rec.Blob, err
	}
	b := rec.Blob
	f, err := os.Open(v.blobPath(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, b, corrupt("blob "+id, errors.New("its file is missing"))
	}
	if err != nil {
		return nil, b, fmt.Errorf("failed to open blob %s: %w", id, err)
	}
	src, err := rec.reader(bufio.NewReaderSize(f, 256<<10))
	var ar io.Reader
	if err == nil {
		ar, err = age.Decrypt(src, ident)
	}
	if err != nil {
		f.Close()
		return nil, b, corrupt("blob "+id, err)
	}
	return &blobReader{v: v, f: f, r: ar, blob: b, h: sha256.New()}, b, nil
}

type blobReader struct {
	v    *Vault
	f    *os.File
	r    io.Reader
	blob Blob
	h    hash.Hash
	n    int64
}

func (br *blobReader) Read(p []byte) (int, error) {
	if br.v.closed.Load() {
		return 0, ErrLocked
	}
	n, err := br.r.Read(p)
	br.h.Write(p[:n])
	br.n += int64(n)
	if br.n > br.blob.Size {
		return n, corrupt("blob "+br.blob.ID, errors.New("longer than recorded"))
	}
	if err == io.EOF {
		if br.n != br.blob.Size || hex.EncodeToString(br.h.Sum(nil)) != br.blob.SHA256 {
			return n, corrupt("blob "+br.blob.ID, errors.New("its content does not match its SHA-256"))
		}
		return n, io.EOF
	}
	if err != nil {
		return n, corrupt("blob "+br.blob.ID, err)
	}
	return n, nil
}

func (br *blobReader) Close() error { return br.f.Close() }

// sweepOrphanBlobs runs at Open: it removes blobs a crash left pending and
// blobs dropped but not yet removed. A blob file that nothing refers to is
// kept (its record may have been damaged): Verify reports it.
func (v *Vault) sweepOrphanBlobs() error {
	var pending, trash []string
	err := v.db.View(func(txn *badger.Txn) error {
		r := &Reader{v: v, txn: txn}
		if err := r.scanBadger(metaBlobPending, func(bkey string, _ Value) error {
			pending = append(pending, bkey[len(metaBlobPending):])
			return nil
		}); err != nil {
			return err
		}
		return r.scanBadger(metaBlobTrash, func(bkey string, _ Value) error {
			trash = append(trash, bkey[len(metaBlobTrash):])
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, id := range pending {
		kept := v.db.View(func(txn *badger.Txn) error {
			_, err := txn.Get([]byte(spaceBlobs + id))
			return err
		}) == nil
		if !kept && validBlobID(id) {
			os.Remove(v.blobPath(id))
		}
		if err := v.setMeta(metaBlobPending+id, nil); err != nil {
			return err
		}
	}
	for _, id := range trash {
		if validBlobID(id) {
			os.Remove(v.blobPath(id))
		}
		if err := v.setMeta(metaBlobTrash+id, nil); err != nil {
			return err
		}
	}
	return nil
}
