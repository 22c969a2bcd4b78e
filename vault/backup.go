package vault

// Encrypted backups. A backup is one file that holds everything in the
// vault (records, chain, settings, evidence), encrypted, and that opens
// with the passphrase in force when it was made, or with the recovery
// code. The exact layout is in docs/backup-format.md; in short:
//
//	preamble   "temoin-backup-v1\n", the header's length in decimal and
//	           "\n", then vault.json as it was (KDF parameters and the
//	           master key wrapped twice: not secret)
//	age file   a standard age file whose only recipient stanza,
//	           "temoin-backup", wraps age's random file key with
//	           XChaCha20-Poly1305 under a key derived from the master key;
//	           its STREAM payload is a sequence of frames (below)
//	footer     56 bytes: the length of what precedes (8 bytes, big
//	           endian), its SHA-256 (32 bytes) and "temoin-bkend-v1\n"
//
// The payload starts with "temoin-backup-payload\n", then frames of
// kind (1 byte) | uvarint name length | name | uvarint body length | body:
//
//	'i' "info"       JSON BackupInfo: vault id, time, chain head, blob list
//	'k' <Badger key> the value as stored: already sealed with the record key
//	'b' <blob id>    the blob's age file, byte for byte
//	'm' "manifest"   JSON: record count and SHA-256 of the 'k' frames, and
//	                 each blob's size and SHA-256 of its age file
//
// The payload is written from a Badger snapshot taken while no write is
// in progress; the blob files referenced by that snapshot are hard-linked
// at the same moment into a private folder of the vault, so that evidence
// deleted while the backup runs is still copied whole. Blob files never
// change once written, so their encrypted bytes are copied as they are.
//
// Badger's plaintext never reaches the disk: values stay sealed, and the
// whole payload, keys included, is inside the age file.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/chacha20poly1305"
)

const (
	backupMagic        = "temoin-backup-v1\n"
	backupPayloadMagic = "temoin-backup-payload\n"
	backupFooterMagic  = "temoin-bkend-v1\n"
	backupFooterSize   = 8 + sha256.Size + 16 // length, SHA-256, backupFooterMagic
	backupStanzaType   = "temoin-backup"
	backupFormat       = 2 // 2: the info frame holds the state and the header's hash; evidence keys are in the records

	// labelBackupWrap derives the key that wraps each backup's age file key.
	labelBackupWrap = "temoin/v1/backup-file-key"

	maxBackupHeader = 64 << 10
	maxFrameName    = 4 << 10
	maxFrameJSON    = 64 << 20
	maxFrameValue   = 256 << 20

	frameInfo     = 'i'
	frameKV       = 'k'
	frameBlob     = 'b'
	frameManifest = 'm'

	backupLinksPrefix = ".backup-links-"
)

// Errors of backups. Damage is a *BackupError naming the part.
var (
	// ErrNotBackup: the file is not a Témoin backup.
	ErrNotBackup = errors.New("not a Témoin backup")
	// ErrBackupIncomplete: the file ends too early (an interrupted copy, a
	// full disk). A *BackupError wraps it.
	ErrBackupIncomplete = errors.New("the backup is incomplete")
	// ErrBackupExists: the backup file asked for already exists.
	ErrBackupExists = errors.New("a file with this name already exists")
	// ErrRestoreTarget: restore goes into a new or empty folder only.
	ErrRestoreTarget = errors.New("restore needs a new or empty folder")
)

// BackupError reports a damaged backup and names the damaged part.
type BackupError struct {
	// Part is a stable code: "header" (the copy of vault.json),
	// "encryption" (age's header), "info", "records", "evidence",
	// "manifest", "end" (the end marker), "payload".
	Part string
	// Index is the 1-based number of the record or evidence file, Total
	// the number of evidence files, ID the evidence file's blob id.
	Index, Total int
	ID           string
	Err          error
}

// Where names the damaged part in English: "evidence file 3 of 12
// (5f0c…)".
func (e *BackupError) Where() string {
	switch e.Part {
	case "header":
		return "copy of the vault header"
	case "encryption":
		return "encryption header"
	case "info":
		return "description"
	case "records":
		if e.Index > 0 {
			return fmt.Sprintf("records (entry %d)", e.Index)
		}
		return "records"
	case "evidence":
		return fmt.Sprintf("evidence file %d of %d (%s)", e.Index, e.Total, e.ID)
	case "end":
		return "end marker"
	}
	return e.Part
}

func (e *BackupError) Error() string {
	if errors.Is(e.Err, ErrBackupIncomplete) {
		return fmt.Sprintf("%v (%s)", e.Err, e.Where())
	}
	return fmt.Sprintf("the backup is damaged in its %s: %v", e.Where(), e.Err)
}

func (e *BackupError) Unwrap() error { return e.Err }

// BackupInfo describes a backup: written in it, returned by Backup and
// by reading it back.
type BackupInfo struct {
	Format    int        `json:"format"`
	VaultID   string     `json:"vault_id"`
	Created   time.Time  `json:"created"`
	Producer  string     `json:"producer,omitempty"` // the program that wrote it: "temoin 1.2.0"
	Head      ChainHead  `json:"head"`
	Blobs     []BlobFile `json:"blobs"`
	BlobBytes int64      `json:"blob_bytes"` // total size of the blob files (encrypted)
	// State is the vault's authenticated state when the backup was made
	// (format 2): a copy of the witness, which Vault.CompareBackup and a
	// restore compare with the vault's.
	State *BackupState `json:"state,omitempty"`
	// HeaderSHA256 is the hex SHA-256 of the copy of vault.json in the
	// preamble (format 2): a header copy swapped for another is refused.
	HeaderSHA256 string `json:"header_sha256,omitempty"`

	// Known once the backup is written or read (not in the info frame).
	Records int    `json:"-"`
	Size    int64  `json:"-"` // bytes of the backup file
	SHA256  string `json:"-"` // hex SHA-256 of the file without its footer
}

// BackupState is the vault's authenticated state in a backup: its change
// counter, the number of keys and their multiset hash (state.go).
type BackupState struct {
	N     uint64 `json:"n"`
	Count uint64 `json:"count"`
	Sum   string `json:"sum"`
}

func stateForBackup(s vaultState) *BackupState {
	return &BackupState{N: s.N, Count: s.Count, Sum: hex.EncodeToString(s.Sum[:])}
}

// BlobFile is one evidence file in a backup: its id and the size of its
// age file.
type BlobFile struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
}

type backupManifest struct {
	Records       int                  `json:"records"`
	RecordsSHA256 string               `json:"records_sha256"`
	Blobs         []backupManifestBlob `json:"blobs"`
}

type backupManifestBlob struct {
	ID     string `json:"id"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // of the age file
}

// BackupOptions are the choices made when writing a backup.
type BackupOptions struct {
	// Producer names the program in the backup ("temoin 1.2.0").
	Producer string
	// Progress, if not nil, is called with the evidence bytes copied so far
	// and their total.
	Progress func(done, total int64)
}

// backupsRunning knows the hard-link folders of backups being written
// by this process, so that a new backup does not remove them.
var backupsRunning sync.Map // link folder path → true

// Backup writes a backup of the vault to w, streamed: memory use does not
// depend on the size of the evidence. The backup is a consistent snapshot
// taken when Backup starts; the vault stays usable meanwhile. Locking the
// vault stops the backup with ErrLocked.
func (v *Vault) Backup(ctx context.Context, w io.Writer, opts *BackupOptions) (*BackupInfo, error) {
	if opts == nil {
		opts = &BackupOptions{}
	}
	if err := v.acquire(); err != nil {
		return nil, err
	}
	snap, err := v.snapshot()
	if err != nil {
		v.mu.RUnlock()
		return nil, err
	}
	defer snap.release()
	info := snap.info(v.header.ID, opts.Producer)
	wrapKey := deriveKey(v.master, v.header.ID, labelBackupWrap)
	defer clear(wrapKey)
	fw := &footerWriter{w: w, h: sha256.New()}
	aw, err := startBackupFile(fw, snap.headerJSON, wrapKey, v.header.ID)
	if err != nil {
		snap.txn.Discard()
		v.mu.RUnlock()
		return nil, err
	}
	bw := bufio.NewWriterSize(aw, 256<<10)
	pw := &payloadWriter{w: bw, records: sha256.New()}
	err = pw.begin(info)
	if err == nil {
		err = v.writeRecords(ctx, pw, snap.txn)
	}
	snap.txn.Discard()
	v.mu.RUnlock() // the evidence is copied from the links: Lock need not wait
	if err != nil {
		return nil, err
	}
	if err := v.writeBlobs(ctx, pw, snap, info.BlobBytes, opts.Progress); err != nil {
		return nil, err
	}
	info.Records = pw.nrecords
	if err := pw.end(); err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("failed to write the backup: %w", err)
	}
	if err := aw.Close(); err != nil {
		return nil, fmt.Errorf("failed to finish encrypting the backup: %w", err)
	}
	sum, err := fw.finish()
	if err != nil {
		return nil, fmt.Errorf("failed to write the backup: %w", err)
	}
	info.Size = fw.n + backupFooterSize
	info.SHA256 = hex.EncodeToString(sum)
	return info, nil
}

// info describes the backup of the snapshot.
func (s *snapshot) info(vaultID, producer string) *BackupInfo {
	hsum := sha256.Sum256(s.headerJSON)
	info := &BackupInfo{
		Format: backupFormat, VaultID: vaultID, Created: time.Now().UTC(),
		Producer: producer, Head: s.head, Blobs: s.blobs,
		State: stateForBackup(s.state), HeaderSHA256: hex.EncodeToString(hsum[:]),
	}
	for _, b := range s.blobs {
		info.BlobBytes += b.Size
	}
	return info
}

// startBackupFile writes the preamble and starts the age file, whose
// payload the returned writer encrypts.
func startBackupFile(fw *footerWriter, headerJSON, wrapKey []byte, vaultID string) (io.WriteCloser, error) {
	if err := writePreamble(fw, headerJSON); err != nil {
		return nil, err
	}
	aw, err := age.Encrypt(fw, &backupRecipient{key: wrapKey, vaultID: vaultID})
	if err != nil {
		return nil, fmt.Errorf("failed to start encrypting the backup: %w", err)
	}
	return aw, nil
}

// snapshot is what a backup copies: a Badger read transaction, the header
// in force, and the blob files hard-linked at the same moment.
type snapshot struct {
	txn        *badger.Txn
	headerJSON []byte
	state      vaultState
	head       ChainHead
	blobs      []BlobFile
	linkDir    string // "" when links could not be made: files are read in place
	blobsDir   string
}

// snapshot takes the snapshot while no transaction is being written, so
// that the records and the blob files agree. v.mu must be held for reading.
func (v *Vault) snapshot() (*snapshot, error) {
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	s := &snapshot{blobsDir: filepath.Join(v.dir, blobsDir), state: v.state}
	var err error
	if s.headerJSON, err = v.header.Marshal(); err != nil {
		return nil, err
	}
	s.txn = v.db.NewTransaction(false)
	fail := func(err error) (*snapshot, error) {
		s.txn.Discard()
		s.release()
		return nil, err
	}
	if s.head, err = v.readHead(s.txn); err != nil {
		return fail(err)
	}
	r := &Reader{v: v, txn: s.txn}
	var ids []string
	err = r.scanBadger(spaceBlobs, func(bkey string, _ Value) error {
		id := strings.TrimPrefix(bkey, spaceBlobs)
		if validBlobID(id) {
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	removeStaleBackupLinks(v.dir)
	s.linkDir = filepath.Join(v.dir, backupLinksPrefix+randomHex(8))
	if err := os.Mkdir(s.linkDir, dirPerm); err != nil {
		s.linkDir = ""
	} else {
		backupsRunning.Store(s.linkDir, true)
	}
	for _, id := range ids {
		src := filepath.Join(s.blobsDir, id)
		if s.linkDir != "" {
			if err := os.Link(src, filepath.Join(s.linkDir, id)); err != nil && !errors.Is(err, os.ErrNotExist) {
				// A file system without hard links: read the files in
				// place (a blob deleted meanwhile then fails the backup).
				os.RemoveAll(s.linkDir)
				backupsRunning.Delete(s.linkDir)
				s.linkDir = ""
			}
		}
		info, err := os.Stat(src)
		if err != nil {
			// Its file is missing: back up everything else. Verifying the
			// backup reports it, as Verify does for the vault.
			continue
		}
		s.blobs = append(s.blobs, BlobFile{ID: id, Size: info.Size()})
	}
	return s, nil
}

func (s *snapshot) blobPath(id string) string {
	if s.linkDir != "" {
		return filepath.Join(s.linkDir, id)
	}
	return filepath.Join(s.blobsDir, id)
}

func (s *snapshot) release() {
	if s.linkDir != "" {
		os.RemoveAll(s.linkDir)
		backupsRunning.Delete(s.linkDir)
	}
}

// removeStaleBackupLinks removes the hard-link folders that a backup
// interrupted by a crash left in the vault: they hold only encrypted
// files, but they keep deleted evidence on disk.
func removeStaleBackupLinks(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, backupLinksPrefix+"*"))
	for _, m := range matches {
		if _, running := backupsRunning.Load(m); !running {
			os.RemoveAll(m)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// writeRecords copies every Badger key of the snapshot, except the
// markers of blobs being written or dropped (their files are not in the
// backup).
func (v *Vault) writeRecords(ctx context.Context, pw *payloadWriter, txn *badger.Txn) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		item := it.Item()
		key := item.KeyCopy(nil)
		if bytes.HasPrefix(key, []byte(metaBlobPending)) || bytes.HasPrefix(key, []byte(metaBlobTrash)) {
			continue
		}
		val, err := item.ValueCopy(nil)
		if err != nil {
			return corrupt("record "+string(key), err)
		}
		if err := pw.record(key, val); err != nil {
			return err
		}
	}
	return nil
}

func (v *Vault) writeBlobs(ctx context.Context, pw *payloadWriter, snap *snapshot, total int64, progress func(int64, int64)) error {
	var done int64
	buf := make([]byte, 256<<10)
	for i, b := range snap.blobs {
		f, err := os.Open(snap.blobPath(b.ID))
		if err != nil {
			return fmt.Errorf("evidence file %s could not be read (deleted while the backup was made? make the backup again): %w", b.ID, err)
		}
		base := done
		err = pw.blob(b.ID, b.Size, func(w io.Writer) error {
			r := io.LimitReader(f, b.Size)
			var n int64
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				if v.closed.Load() {
					return ErrLocked
				}
				m, rerr := r.Read(buf)
				if m > 0 {
					if _, err := w.Write(buf[:m]); err != nil {
						return fmt.Errorf("failed to write the backup: %w", err)
					}
					n += int64(m)
					if progress != nil {
						progress(base+n, total)
					}
				}
				if rerr == io.EOF {
					break
				}
				if rerr != nil {
					return fmt.Errorf("failed to read evidence file %d: %w", i+1, rerr)
				}
			}
			if n != b.Size {
				return corrupt("blob "+b.ID, errors.New("its file changed while the backup was made"))
			}
			return nil
		})
		f.Close()
		if err != nil {
			return err
		}
		done += b.Size
	}
	return nil
}

// payloadWriter writes the frames of the payload.
type payloadWriter struct {
	w        io.Writer
	records  hash.Hash // over every 'k' frame, as written
	nrecords int
	blobs    []backupManifestBlob
	scratch  [2 * binary.MaxVarintLen64]byte
}

func (pw *payloadWriter) frameHeader(kind byte, name []byte, size int64, also io.Writer) error {
	b := append(pw.scratch[:0], kind)
	b = binary.AppendUvarint(b, uint64(len(name)))
	hdr := make([]byte, 0, len(b)+len(name)+binary.MaxVarintLen64)
	hdr = append(append(hdr, b...), name...)
	hdr = binary.AppendUvarint(hdr, uint64(size))
	if also != nil {
		also.Write(hdr)
	}
	_, err := pw.w.Write(hdr)
	return err
}

func (pw *payloadWriter) begin(info *BackupInfo) error {
	if _, err := io.WriteString(pw.w, backupPayloadMagic); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	return pw.json(frameInfo, "info", info)
}

func (pw *payloadWriter) json(kind byte, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := pw.frameHeader(kind, []byte(name), int64(len(data)), nil); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	if _, err := pw.w.Write(data); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	return nil
}

func (pw *payloadWriter) record(key, value []byte) error {
	if err := pw.frameHeader(frameKV, key, int64(len(value)), pw.records); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	pw.records.Write(value)
	if _, err := pw.w.Write(value); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	pw.nrecords++
	return nil
}

func (pw *payloadWriter) blob(id string, size int64, copy func(io.Writer) error) error {
	if err := pw.frameHeader(frameBlob, []byte(id), size, nil); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	h := sha256.New()
	if err := copy(io.MultiWriter(pw.w, h)); err != nil {
		return err
	}
	pw.blobs = append(pw.blobs, backupManifestBlob{ID: id, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

func (pw *payloadWriter) end() error {
	m := backupManifest{Records: pw.nrecords, RecordsSHA256: hex.EncodeToString(pw.records.Sum(nil)), Blobs: pw.blobs}
	if m.Blobs == nil {
		m.Blobs = []backupManifestBlob{}
	}
	return pw.json(frameManifest, "manifest", &m)
}

func writePreamble(w io.Writer, header []byte) error {
	var b bytes.Buffer
	b.WriteString(backupMagic)
	b.WriteString(strconv.Itoa(len(header)))
	b.WriteByte('\n')
	b.Write(header)
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("failed to write the backup: %w", err)
	}
	return nil
}

// footerWriter counts and hashes what goes through it, and appends the
// footer at the end.
type footerWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (fw *footerWriter) Write(p []byte) (int, error) {
	n, err := fw.w.Write(p)
	fw.h.Write(p[:n])
	fw.n += int64(n)
	return n, err
}

func (fw *footerWriter) finish() ([]byte, error) {
	sum := fw.h.Sum(nil)
	footer := make([]byte, 0, backupFooterSize)
	footer = binary.BigEndian.AppendUint64(footer, uint64(fw.n))
	footer = append(footer, sum...)
	footer = append(footer, backupFooterMagic...)
	_, err := fw.w.Write(footer)
	return sum, err
}

// backupRecipient wraps age's file key with XChaCha20-Poly1305 under a key
// derived from the master key: a recipient stanza
//
//	-> temoin-backup <base64 24-byte nonce>
//	<base64 sealed 16-byte file key>
//
// with "temoin/v1/backup-wrap/" + vault id as associated data.
type backupRecipient struct {
	key     []byte
	vaultID string
}

func (r *backupRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	aead, err := chacha20poly1305.NewX(r.key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, nonceSize)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	body := aead.Seal(nil, nonce, fileKey, []byte(backupWrapAD(r.vaultID)))
	return []*age.Stanza{{
		Type: backupStanzaType,
		Args: []string{base64.RawStdEncoding.EncodeToString(nonce)},
		Body: body,
	}}, nil
}

// WrapWithLabels makes the stanza the file's only recipient: a backup is
// never also encrypted to someone else.
func (r *backupRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := r.Wrap(fileKey)
	return s, []string{"temoin-backup-" + randomHex(8)}, err
}

func backupWrapAD(vaultID string) string { return "temoin/v1/backup-wrap/" + vaultID }

// backupIdentity unwraps the file key of a backup.
type backupIdentity struct {
	key     []byte
	vaultID string
}

var errBackupStanza = errors.New("the backup's key stanza does not open with this vault's key")

func (id *backupIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if len(stanzas) != 1 || stanzas[0].Type != backupStanzaType {
		return nil, fmt.Errorf("%w: expected one %s stanza", age.ErrIncorrectIdentity, backupStanzaType)
	}
	s := stanzas[0]
	if len(s.Args) != 1 {
		return nil, errors.New("invalid temoin-backup stanza")
	}
	nonce, err := base64.RawStdEncoding.Strict().DecodeString(s.Args[0])
	if err != nil || len(nonce) != nonceSize || len(s.Body) != 16+tagSize {
		return nil, errors.New("invalid temoin-backup stanza")
	}
	aead, err := chacha20poly1305.NewX(id.key)
	if err != nil {
		return nil, err
	}
	fileKey, err := aead.Open(nil, nonce, s.Body, []byte(backupWrapAD(id.vaultID)))
	if err != nil {
		return nil, errBackupStanza
	}
	return fileKey, nil
}

// WriteBackupFile writes a backup of the vault to path, atomically: into
// a temporary file next to it, flushed, then renamed. A failure (a full
// disk, a USB key pulled out) leaves no file at path. An existing path is
// refused unless overwrite is true.
func (v *Vault) WriteBackupFile(ctx context.Context, path string, overwrite bool, opts *BackupOptions) (*BackupInfo, error) {
	if !overwrite && fileExists(path) {
		return nil, fmt.Errorf("%w: %s", ErrBackupExists, path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("failed to create the backup file: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(filePerm); err != nil && !isChmodUnsupported(err) {
		return nil, fmt.Errorf("failed to restrict the backup file: %w", err)
	}
	bw := bufio.NewWriterSize(seamWriter(purposeBackup, f), 1<<20)
	info, err := v.Backup(ctx, bw, opts)
	if err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("failed to write the backup: %w", err)
	}
	if err := seamSync(purposeBackup, f); err != nil {
		return nil, fmt.Errorf("failed to flush the backup to disk: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("failed to close the backup file: %w", err)
	}
	if !overwrite && fileExists(path) {
		return nil, fmt.Errorf("%w: %s", ErrBackupExists, path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("failed to name the backup file: %w", err)
	}
	ok = true
	if err := syncDir(dir); err != nil {
		return info, err
	}
	return info, nil
}

// isChmodUnsupported: file systems like FAT (USB keys) do not keep Unix
// permissions; the backup is encrypted anyway.
func isChmodUnsupported(err error) bool {
	return errors.Is(err, os.ErrPermission) || strings.Contains(err.Error(), "operation not permitted")
}
