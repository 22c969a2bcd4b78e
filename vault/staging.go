package vault

import (
	"bufio"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/chacha20poly1305"
)

// Large transactions (an import of thousands of incidents) do not fit in
// one Badger transaction. They are committed like a database's redo log,
// through a staging file outside Badger:
//
//  1. every write is sealed again, with the staging key x/<id>/<n> as its
//     associated data, and appended to a temporary file of the vault
//     folder, ".staging-<id>.tmp", then a commit marker sealed under
//     x/<id>/commit that counts them; the file is flushed to disk;
//  2. the file is renamed "staging-<id>" and the folder flushed: this is
//     the moment the whole transaction becomes durable;
//  3. the writes are read back from the file and applied to their real
//     keys, in as many Badger transactions as needed, the new state last;
//     then the file is removed.
//
// When a process dies before step 2, the next open removes the temporary
// file and nothing happened; after step 2, the next open applies the
// writes again if the database has not reached them (stagedAhead) and
// everything happened. Nothing is readable in the file: each write is a
// sealed value sealed once more. Before the staging file the staging area
// lived in Badger's own tables (staging_legacy.go): every record was
// written twice and deleted once, and the deletions stayed in the tables
// that every later open reads.

const (
	stagingPrefix  = "staging-"
	stagingTemp    = ".staging-"
	maxStagedFrame = 256 << 20 // a staged write is one sealed value: far below
)

// errAppliedLater: a large transaction was made durable but not applied;
// the next open applies it.
var errAppliedLater = errors.New("changes saved but not yet applied (they will be when the vault is next opened)")

// committer writes a commit's ops: in one Badger transaction while they
// fit, through a staging file once they do not. Ops are given one at a
// time, so that a large transaction is never held whole in memory.
type committer struct {
	v     *Vault
	txn   *badger.Txn // while the ops fit in one Badger transaction
	ops   []op        // what txn holds, for the staging file if it fills
	stage *stagingFile
}

func (v *Vault) newCommitter() *committer {
	return &committer{v: v, txn: v.db.NewTransaction(true)}
}

// add writes one op.
func (c *committer) add(o op) error {
	if c.stage != nil {
		return c.stage.add(o)
	}
	err := o.apply(c.txn)
	if errors.Is(err, badger.ErrTxnTooBig) {
		if err := c.spill(); err != nil {
			return err
		}
		return c.stage.add(o)
	}
	if err != nil {
		return err
	}
	c.ops = append(c.ops, o)
	return nil
}

// staging reports whether the ops go to the staging file: an op's value
// is then needed only during add, which copies it.
func (c *committer) staging() bool { return c.stage != nil }

// spill starts the staging file with the ops held so far. A commit known
// to be too large for one Badger transaction (commitTooBig) spills before
// its first op, not once a thousand of them were given to Badger.
func (c *committer) spill() error {
	if c.txn != nil {
		c.txn.Discard()
		c.txn = nil
	}
	s, err := c.v.newStagingFile()
	if err != nil {
		return fmt.Errorf("failed to stage the changes: %w", err)
	}
	c.stage = s
	for _, held := range c.ops {
		if err := s.add(held); err != nil {
			return err
		}
	}
	c.ops = nil
	return nil
}

// commitTooBig reports whether ops whose keys and sealed values add up
// to size bytes, count of them, cannot be one Badger transaction: the
// test Badger makes as they are set (Txn.checkSize: each entry's key,
// value and 12 bytes, and one entry of its own, "!badger!txn" and 10
// bytes, against the database's batch limits).
func (v *Vault) commitTooBig(size, count int64) bool {
	const own = int64(len("!badger!txn") + 10)
	return own+size+12*count >= v.db.MaxBatchSize() || 1+count >= v.db.MaxBatchCount()
}

// abort forgets what was added.
func (c *committer) abort() {
	if c.txn != nil {
		c.txn.Discard()
	}
	if c.stage != nil {
		c.stage.abort()
	}
}

// finish commits what was added: at once, or through the staging file.
func (c *committer) finish() error {
	if c.stage == nil {
		return c.txn.Commit()
	}
	s := c.stage
	if err := s.commit(); err != nil {
		if errors.Is(err, errSimulatedCrash) {
			return err
		}
		s.abort()
		return fmt.Errorf("failed to commit the changes: %w", err)
	}
	if crashPoint("staging:committed") {
		return errSimulatedCrash
	}
	// Durable from here on: a failure below is finished at the next open.
	v := c.v
	v.applyMu.Lock()
	defer v.applyMu.Unlock()
	if _, err := v.applyStagingFile(s.path); err != nil {
		return fmt.Errorf("%w: %w", errAppliedLater, err)
	}
	if crashPoint("staging:applied") {
		return errSimulatedCrash
	}
	v.removeStagingFile(s.path)
	return nil
}

// commit writes ops atomically: in one Badger transaction when they fit,
// through the staging file otherwise.
func (v *Vault) commit(ops []op) error {
	c := v.newCommitter()
	for _, o := range ops {
		if err := c.add(o); err != nil {
			c.abort()
			return err
		}
	}
	return c.finish()
}

// stagingFile is the staging file of one large transaction being written.
type stagingFile struct {
	v     *Vault
	base  string // x/<id>/: the staging keys, associated data of the seals
	f     *os.File
	w     *bufio.Writer
	tmp   string // the file while it is written
	path  string // the file once committed
	n     int    // writes staged
	err   error  // the first write error
	c     *frameCipher
	plain []byte // the write being staged, encoded (reused)
}

func (v *Vault) newStagingFile() (*stagingFile, error) {
	idb := make([]byte, 8)
	if _, err := rand.Read(idb); err != nil {
		return nil, fmt.Errorf("failed to draw a transaction id: %w", err)
	}
	id := hex.EncodeToString(idb)
	s := &stagingFile{
		v:    v,
		base: spaceStaging + id + "/",
		tmp:  filepath.Join(v.dir, stagingTemp+id+".tmp"),
		path: filepath.Join(v.dir, stagingPrefix+id),
	}
	s.c = v.newFrameCipher(s.base)
	f, err := os.OpenFile(s.tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return nil, err
	}
	s.f = f
	s.w = bufio.NewWriterSize(seamWriter(purposeStaging, f), 256<<10)
	return s, nil
}

// add appends one write, sealed under its staging key.
func (s *stagingFile) add(o op) error {
	s.plain = appendOp(s.plain[:0], o)
	s.frame(s.c.seal(s.c.frameAD(s.n), s.plain))
	s.n++
	return s.err
}

func (s *stagingFile) frame(sealed []byte) {
	if s.err != nil {
		return
	}
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(sealed)))
	if _, err := s.w.Write(n[:]); err != nil {
		s.err = err
		return
	}
	_, s.err = s.w.Write(sealed)
}

// commit writes the marker, flushes the file and renames it: the
// transaction is durable when it returns nil.
func (s *stagingFile) commit() error {
	s.frame(s.c.seal(s.c.markerAD(), []byte(strconv.Itoa(s.n))))
	if s.err != nil {
		return s.err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if err := seamSync(purposeStaging, s.f); err != nil {
		return err
	}
	err := s.f.Close()
	s.f = nil
	if err != nil {
		return err
	}
	if crashPoint("staging:staged") {
		return errSimulatedCrash
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		return err
	}
	return syncDir(s.v.dir)
}

// abort removes the file of a transaction that will not happen.
func (s *stagingFile) abort() {
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	os.Remove(s.tmp)
}

// removeStagingFile removes a staging file once applied. Should it stay
// (the removal failed), the next open finds the database has reached it
// and removes it then.
func (v *Vault) removeStagingFile(path string) {
	if os.Remove(path) == nil {
		syncDir(v.dir)
	}
}

// readStagingFile reads the writes of the committed staging file at path,
// in order, calling fn for each (when fn is not nil), and returns the last
// one. A file that is not whole (no marker, a count that differs, a write
// that does not open) is an error before fn has seen its end. The write
// fn is given, its key and value, is valid only during the call: the
// frames are read and opened in buffers used again for the next (an
// import's staging file is tens of thousands of writes, read twice).
func (v *Vault) readStagingFile(path string, fn func(w stagedWrite) error) (op, error) {
	id := strings.TrimPrefix(filepath.Base(path), stagingPrefix)
	c := v.newFrameCipher(spaceStaging + id + "/")
	name := "staging file " + filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return op{}, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 256<<10)
	// The last write read stays in prev while the next frame is read: it
	// is the transaction's state when that frame is the marker.
	var sealed, plain, prev []byte
	var last stagedWrite
	for n := 0; ; n++ {
		if sealed, err = readFrame(r, sealed); err != nil {
			return op{}, corrupt(name, err)
		}
		if _, err := r.Peek(1); err == io.EOF {
			// The last frame: the marker, which counts the writes.
			count, err := c.open(nil, c.markerAD(), sealed)
			if err != nil {
				return op{}, corrupt(name, errors.New("its end is missing or damaged"))
			}
			if count, err := strconv.Atoi(string(count)); err != nil || count != n {
				return op{}, corrupt(name, errors.New("writes are missing"))
			}
			if n == 0 {
				return op{}, nil
			}
			return last.op(), nil
		}
		opened, err := c.open(prev[:0], c.frameAD(n), sealed)
		if err != nil {
			return op{}, corrupt("record "+c.base+frameNumber(n), errors.New("authentication failed"))
		}
		plain, prev = opened, plain
		if last, err = parseOp(plain); err != nil {
			return op{}, corrupt(name, err)
		}
		if fn != nil {
			if err := fn(last); err != nil {
				return op{}, err
			}
		}
	}
}

// readFrame reads the next frame into buf, grown if needed.
func readFrame(r *bufio.Reader, buf []byte) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, fmt.Errorf("cut short: %w", err)
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxStagedFrame {
		return nil, errors.New("invalid length")
	}
	if cap(buf) < int(size) {
		buf = make([]byte, size, max(int(size), 2*cap(buf)))
	}
	buf = buf[:size]
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, fmt.Errorf("cut short: %w", err)
	}
	return buf, nil
}

// applyStagingFile checks the whole staging file at path, then applies
// its writes in order, in as many Badger transactions as needed. It
// returns the last write (the transaction's state).
func (v *Vault) applyStagingFile(path string) (op, error) {
	if _, err := v.readStagingFile(path, nil); err != nil {
		return op{}, err
	}
	w := v.newChunkedWriter()
	last, err := v.readStagingFile(path, func(sw stagedWrite) error {
		return w.write(sw.owned().apply)
	})
	if err != nil {
		w.discard()
		return op{}, err
	}
	return last, w.commit()
}

// recoverStaged finishes or rolls back large transactions that a crash
// interrupted: staging files, then the staging keys of older versions
// (staging_legacy.go). A committed one is applied only while the database
// has not reached it (stagedAhead): a staging file put back from an older
// copy of the folder, or left by a removal that failed, describes a change
// applied long ago, and applying it again would write old values over
// newer ones.
func (v *Vault) recoverStaged() error {
	temps, _ := filepath.Glob(filepath.Join(v.dir, stagingTemp+"*.tmp"))
	for _, t := range temps {
		os.Remove(t) // never committed
	}
	files, _ := filepath.Glob(filepath.Join(v.dir, stagingPrefix+"*"))
	for _, path := range files {
		if err := v.recoverStagingFile(path); err != nil {
			return err
		}
	}
	return v.recoverStagedKeys()
}

func (v *Vault) recoverStagingFile(path string) error {
	last, err := v.readStagingFile(path, nil)
	if err != nil {
		return fmt.Errorf("failed to read interrupted changes: %w", err)
	}
	var stored vaultState
	var have bool
	err = v.db.View(func(txn *badger.Txn) error {
		stored, have, err = v.readState(txn)
		return err
	})
	if err != nil {
		// Whether it is ahead cannot be told: left as it is, for the
		// check that follows to name the damage.
		return nil
	}
	apply, err := v.stagedAhead(&last, stored, have)
	if err != nil {
		return fmt.Errorf("failed to read interrupted changes: %w", err)
	}
	if apply {
		if _, err := v.applyStagingFile(path); err != nil {
			return fmt.Errorf("failed to finish interrupted changes: %w", err)
		}
	}
	v.removeStagingFile(path)
	return nil
}

// chunkedWriter writes Badger operations in order, in as many
// transactions as needed: each is committed when the next operation does
// not fit in it.
type chunkedWriter struct {
	db  *badger.DB
	txn *badger.Txn
}

func (v *Vault) newChunkedWriter() *chunkedWriter { return &chunkedWriter{db: v.db} }

func (w *chunkedWriter) write(f func(txn *badger.Txn) error) error {
	if w.txn == nil {
		w.txn = w.db.NewTransaction(true)
	}
	err := f(w.txn)
	if errors.Is(err, badger.ErrTxnTooBig) {
		err = w.txn.Commit()
		w.txn = w.db.NewTransaction(true)
		if err == nil {
			err = f(w.txn)
		}
	}
	if err != nil {
		w.discard()
	}
	return err
}

func (w *chunkedWriter) commit() error {
	if w.txn == nil {
		return nil
	}
	err := w.txn.Commit()
	w.txn = nil
	return err
}

func (w *chunkedWriter) discard() {
	if w.txn != nil {
		w.txn.Discard()
		w.txn = nil
	}
}

// stagedAhead reports whether a committed staged transaction is ahead of
// the database, and so must be applied: the state it writes (its last op,
// nil when it has none) counts more changes than the stored state. Its state op is applied last,
// in order, so a transaction interrupted while it was applied is still
// ahead, and one applied in full is not. A transaction without a state op
// is one of format 1 (or of the upgrade to format 2, which stages before
// the header says format 2): applied in a vault of format 1 only.
func (v *Vault) stagedAhead(last *op, stored vaultState, haveState bool) (bool, error) {
	if last == nil || last.key != keyState {
		return v.header.Version < 2, nil
	}
	plain, err := v.unseal(keyState, last.value)
	if err != nil {
		return false, err
	}
	s, err := parseState(plain)
	if err != nil {
		return false, corrupt("staged state", err)
	}
	return haveState && s.N > stored.N, nil
}

// appendOp appends the encoding of o to b: a flag (1 for a deletion), the
// key's length, the key, the value.
func appendOp(b []byte, o op) []byte {
	if o.value == nil {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(o.key)))
	b = append(b, o.key...)
	return append(b, o.value...)
}

// stagedWrite is a write read from a staging file, its key and value
// still in the buffer they were read into.
type stagedWrite struct {
	key, value []byte
	deleted    bool
}

// parseOp reads an encoded write without copying it.
func parseOp(b []byte) (stagedWrite, error) {
	if len(b) < 2 || b[0] > 1 {
		return stagedWrite{}, errors.New("invalid staged write")
	}
	n, w := binary.Uvarint(b[1:])
	if w <= 0 || n > uint64(len(b)-1-w) {
		return stagedWrite{}, errors.New("invalid staged write")
	}
	rest := b[1+w:]
	return stagedWrite{key: rest[:n], value: rest[n:], deleted: b[0] == 1}, nil
}

// op is the write as an op of its own, its value copied.
func (w stagedWrite) op() op {
	o := op{key: string(w.key)}
	if !w.deleted {
		o.value = append([]byte{}, w.value...)
	}
	return o
}

// owned is the write copied into one buffer of its own, key and value,
// for Badger, which keeps both until its transaction is committed.
func (w stagedWrite) owned() stagedWrite {
	kv := make([]byte, len(w.key)+len(w.value))
	n := copy(kv, w.key)
	copy(kv[n:], w.value)
	return stagedWrite{key: kv[:n:n], value: kv[n:], deleted: w.deleted}
}

func (w stagedWrite) apply(txn *badger.Txn) error {
	if w.deleted {
		return txn.Delete(w.key)
	}
	return txn.Set(w.key, w.value)
}

func decodeOp(b []byte) (op, error) {
	w, err := parseOp(b)
	if err != nil {
		return op{}, err
	}
	return w.op(), nil
}

// frameCipher seals and opens the frames of one staging file: each write
// sealed with the key x/<id>/<n> in its associated data (as a record is
// with its own key, sealAD), the marker with x/<id>/commit. Its buffers
// are used again from frame to frame.
type frameCipher struct {
	aead cipher.AEAD
	base string // x/<id>/
	ad   []byte // the associated data of the frame being sealed or opened
	out  []byte // the frame being sealed
}

func (v *Vault) newFrameCipher(base string) *frameCipher {
	aead, _ := chacha20poly1305.NewX(v.recordKey)
	return &frameCipher{aead: aead, base: base}
}

// frameNumber is the n of a write's staging key x/<id>/<n>.
func frameNumber(n int) string { return fmt.Sprintf("%08d", n) }

// frameAD is sealAD(base + %08d of n), written in c.ad.
func (c *frameCipher) frameAD(n int) []byte {
	c.ad = append(append(c.ad[:0], sealADPrefix...), c.base...)
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for range 8 - len(d) {
		c.ad = append(c.ad, '0')
	}
	c.ad = append(c.ad, d...)
	return c.ad
}

// markerAD is sealAD(base + "commit").
func (c *frameCipher) markerAD() []byte {
	c.ad = append(append(append(c.ad[:0], sealADPrefix...), c.base...), stagingCommit...)
	return c.ad
}

// seal seals plain with a new random nonce, in a buffer valid until the
// next call.
func (c *frameCipher) seal(ad, plain []byte) []byte {
	c.out = append(c.out[:0], make([]byte, nonceSize)...)
	if _, err := rand.Read(c.out); err != nil {
		panic("crypto/rand failed: " + err.Error()) // as Vault.seal
	}
	c.out = c.aead.Seal(c.out, c.out, plain, ad)
	return c.out
}

// open opens a sealed frame, appending the plain text to dst.
func (c *frameCipher) open(dst, ad, sealed []byte) ([]byte, error) {
	if len(sealed) < nonceSize+tagSize {
		return nil, errors.New("too short")
	}
	return c.aead.Open(dst, sealed[:nonceSize], sealed[nonceSize:], ad)
}
