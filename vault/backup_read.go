package vault

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"filippo.io/age"
)

// BackupReport is what reading a backup found: what it holds, and the
// problems of the vault as it was when backed up (a record that does not
// open, a broken chain, evidence that no longer matches its hash), found
// as Verify finds them. Damage to the backup file itself is an error (a
// *BackupError), not a problem: reading stops there.
type BackupReport struct {
	Info      BackupInfo `json:"info"`
	Records   int        `json:"records"`
	Events    int        `json:"events"`
	Blobs     int        `json:"blobs"`
	BlobBytes int64      `json:"blob_bytes"` // evidence, decrypted
	Problems  []Problem  `json:"problems"`
	// Restored is the Verify report of the restored vault (restore only).
	Restored *VerifyReport `json:"restored,omitempty"`
	// Behind is, for a restore, how many changes further this computer had
	// seen the vault of that folder go than the backup holds (0: none, or
	// nothing known): they are not in the restored vault.
	Behind uint64 `json:"behind,omitempty"`
}

// OK reports whether the backup, and the vault it holds, are intact.
func (r *BackupReport) OK() bool {
	return len(r.Problems) == 0 && (r.Restored == nil || r.Restored.OK())
}

// backupContainer is a backup file whose outer layout (preamble, footer)
// was checked. Reading it needs the secret.
type backupContainer struct {
	ra          io.ReaderAt
	header      *Header
	headerRaw   []byte // the copy of vault.json, as in the file
	preambleLen int64
	bodyEnd     int64  // where the footer starts
	sum         []byte // SHA-256 from the footer
}

func openBackupContainer(ra io.ReaderAt, size int64) (*backupContainer, error) {
	head := make([]byte, min(size, int64(len(backupMagic)+8)))
	if _, err := ra.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("failed to read the backup: %w", err)
	}
	if !bytes.HasPrefix(head, []byte(backupMagic)) {
		if len(head) < len(backupMagic) && bytes.HasPrefix([]byte(backupMagic), head) && len(head) > 0 {
			return nil, &BackupError{Part: "header", Err: ErrBackupIncomplete}
		}
		return nil, ErrNotBackup
	}
	rest := head[len(backupMagic):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		if int64(len(head)) == size {
			return nil, &BackupError{Part: "header", Err: ErrBackupIncomplete}
		}
		return nil, &BackupError{Part: "header", Err: errors.New("invalid length")}
	}
	n, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || n <= 0 || n > maxBackupHeader || strconv.Itoa(n) != string(rest[:nl]) {
		return nil, &BackupError{Part: "header", Err: errors.New("invalid length")}
	}
	c := &backupContainer{ra: ra, preambleLen: int64(len(backupMagic) + nl + 1 + n)}
	if size < c.preambleLen {
		return nil, &BackupError{Part: "header", Err: ErrBackupIncomplete}
	}
	raw := make([]byte, n)
	if _, err := ra.ReadAt(raw, c.preambleLen-int64(n)); err != nil {
		return nil, fmt.Errorf("failed to read the backup: %w", err)
	}
	c.headerRaw = raw
	c.header, err = ParseHeader(raw)
	if err != nil {
		if errors.Is(err, ErrUnsupportedVersion) {
			return nil, err
		}
		var ce *CorruptError
		if errors.As(err, &ce) && ce.Err != nil {
			err = ce.Err
		}
		return nil, &BackupError{Part: "header", Err: err}
	}
	if err := c.readFooter(size); err != nil {
		return nil, err
	}
	return c, nil
}

// readFooter checks the footer: the end marker and the length.
func (c *backupContainer) readFooter(size int64) error {
	if size < c.preambleLen+backupFooterSize {
		return &BackupError{Part: "end", Err: ErrBackupIncomplete}
	}
	footer := make([]byte, backupFooterSize)
	if _, err := c.ra.ReadAt(footer, size-backupFooterSize); err != nil {
		return fmt.Errorf("failed to read the backup: %w", err)
	}
	if string(footer[8+sha256.Size:]) != backupFooterMagic {
		return &BackupError{Part: "end", Err: fmt.Errorf("%w: its end marker is missing", ErrBackupIncomplete)}
	}
	c.bodyEnd = size - backupFooterSize
	if said := binary.BigEndian.Uint64(footer); said != uint64(c.bodyEnd) {
		if said > uint64(c.bodyEnd) {
			return &BackupError{Part: "end", Err: fmt.Errorf("%w: %d bytes are missing", ErrBackupIncomplete, said-uint64(c.bodyEnd))}
		}
		return &BackupError{Part: "end", Err: fmt.Errorf("its length (%d bytes) does not match the file (%d bytes)", said, c.bodyEnd)}
	}
	c.sum = footer[8 : 8+sha256.Size]
	return nil
}

// unlock returns the master key, checked against the header's MAC.
func (c *backupContainer) unlock(secret Secret) ([]byte, error) {
	master, err := secret.unwrap(c.header)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(headerMAC(master, c.header), c.header.MAC) {
		clear(master)
		return nil, &BackupError{Part: "header", Err: errors.New("it was changed without the vault's key")}
	}
	return master, nil
}

// backupSink receives what a backup holds, as it is read.
type backupSink interface {
	kv(key, value []byte) error
	// blob returns where the blob's age file is written (nil: nowhere),
	// and a function called once it is complete.
	blob(id string) (io.Writer, func() error, error)
}

// stickyReader remembers the first error of the reader under it, so that
// damage to the backup is told from damage to a blob inside it.
type stickyReader struct {
	r   io.Reader
	err error
	n   int64
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.n += int64(n)
	if err != nil {
		s.err = err
	}
	return n, err
}

// backupState is the contained vault as the reader sees it.
type backupState struct {
	recordKey []byte
	events    []ChainEvent
	head      *ChainHead
	records   map[string]string // journal key → hex SHA-256
	blobRecs  map[string]blobRecord
	ident     *age.X25519Identity
	identErr  bool
	blobSums  []backupManifestBlob // each evidence file as read
	rep       *BackupReport

	hasher   *stateHasher
	computed vaultState  // the state of the records as read
	stored   *vaultState // the state record, when there is one
}

func (st *backupState) problem(what, format string, args ...any) {
	st.rep.Problems = append(st.rep.Problems, Problem{What: what, Detail: fmt.Sprintf(format, args...)})
}

// read decrypts and checks the whole payload, feeding sink.
func (c *backupContainer) read(ctx context.Context, master []byte, sink backupSink, progress func(done, total int64)) (*BackupReport, error) {
	fileHash := sha256.New()
	if _, err := io.Copy(fileHash, io.NewSectionReader(c.ra, 0, c.preambleLen)); err != nil {
		return nil, fmt.Errorf("failed to read the backup: %w", err)
	}
	outer := &stickyReader{r: io.TeeReader(io.NewSectionReader(c.ra, c.preambleLen, c.bodyEnd-c.preambleLen), fileHash)}
	wrapKey := deriveKey(master, c.header.ID, labelBackupWrap)
	defer clear(wrapKey)
	ar, err := age.Decrypt(bufio.NewReaderSize(outer, 64<<10), &backupIdentity{key: wrapKey, vaultID: c.header.ID})
	if err != nil {
		if errors.Is(outer.err, io.ErrUnexpectedEOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &BackupError{Part: "encryption", Err: ErrBackupIncomplete}
		}
		return nil, &BackupError{Part: "encryption", Err: err}
	}
	sk := deriveKey(master, c.header.ID, labelStateHash)
	st := &backupState{
		recordKey: deriveKey(master, c.header.ID, labelRecords),
		records:   make(map[string]string),
		blobRecs:  make(map[string]blobRecord),
		rep:       &BackupReport{},
		hasher:    newStateHasher(sk),
	}
	clear(sk)
	defer clear(st.recordKey)
	p := &payloadReader{r: bufio.NewReaderSize(ar, 64<<10), outer: outer}
	if err := st.readPayload(ctx, p, c, sink, progress); err != nil {
		return nil, err
	}
	// The payload must end here; age checks that nothing was cut.
	if n, err := p.r.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		if err != nil && err != io.EOF {
			return nil, p.damaged("payload", err)
		}
		return nil, &BackupError{Part: "payload", Err: errors.New("unexpected data after the manifest")}
	}
	if io.Copy(io.Discard, outer); outer.err != nil && outer.err != io.EOF {
		return nil, fmt.Errorf("failed to read the backup: %w", outer.err)
	}
	if !hmac.Equal(fileHash.Sum(nil), c.sum) {
		return nil, &BackupError{Part: "end", Err: errors.New("its checksum does not match the file")}
	}
	return st.rep, nil
}

// payloadReader reads frames and names the part being read when the
// decryption fails.
type payloadReader struct {
	r     *bufio.Reader
	outer *stickyReader
}

// damaged turns an error met while reading part into a *BackupError.
func (p *payloadReader) damaged(part string, err error) error {
	var be *BackupError
	if errors.As(err, &be) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &BackupError{Part: part, Err: ErrBackupIncomplete}
	}
	return &BackupError{Part: part, Err: fmt.Errorf("it does not decrypt (altered or damaged): %w", err)}
}

type frameHead struct {
	kind byte
	name []byte
	size uint64
	raw  []byte // the frame header as read, for the records' hash
}

// next reads a frame header; io.EOF only when the payload ends cleanly
// before it.
func (p *payloadReader) next() (frameHead, error) {
	var f frameHead
	kind, err := p.r.ReadByte()
	if err != nil {
		return f, err
	}
	f.kind = kind
	n, err := binary.ReadUvarint(p.r)
	if err != nil {
		return f, unexpected(err)
	}
	if n > maxFrameName {
		return f, errors.New("invalid frame name length")
	}
	f.name = make([]byte, n)
	if _, err := io.ReadFull(p.r, f.name); err != nil {
		return f, unexpected(err)
	}
	if f.size, err = binary.ReadUvarint(p.r); err != nil {
		return f, unexpected(err)
	}
	f.raw = append([]byte{kind}, binary.AppendUvarint(nil, n)...)
	f.raw = append(f.raw, f.name...)
	f.raw = binary.AppendUvarint(f.raw, f.size)
	return f, nil
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// body reads a frame's body of at most limit bytes, without trusting its
// announced size for the allocation.
func (p *payloadReader) body(f frameHead, limit uint64) ([]byte, error) {
	if f.size > limit {
		return nil, fmt.Errorf("frame of %d bytes is too large", f.size)
	}
	var b bytes.Buffer
	n, err := b.ReadFrom(io.LimitReader(p.r, int64(f.size)))
	if err != nil {
		return nil, err
	}
	if uint64(n) != f.size {
		return nil, io.ErrUnexpectedEOF
	}
	return b.Bytes(), nil
}

func strictJSONDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func (st *backupState) readPayload(ctx context.Context, p *payloadReader, c *backupContainer, sink backupSink, progress func(int64, int64)) error {
	magic := make([]byte, len(backupPayloadMagic))
	if _, err := io.ReadFull(p.r, magic); err != nil {
		return p.damaged("info", err)
	}
	if string(magic) != backupPayloadMagic {
		return &BackupError{Part: "info", Err: errors.New("unknown payload format")}
	}
	listed, err := st.readInfo(p, c)
	if err != nil {
		return err
	}
	f, recHash, err := st.readRecords(ctx, p, sink)
	if err != nil {
		return err
	}
	st.checkChain()
	st.checkState()
	if f, err = st.readBlobs(ctx, p, f, sink, progress); err != nil {
		return err
	}
	for id := range st.blobRecs {
		if !listed[id] {
			st.problem("blob "+id, "its file was missing when the backup was made")
		}
	}
	if err := st.readManifest(p, f, recHash); err != nil {
		return err
	}
	st.rep.Records = len(st.records)
	st.rep.Events = len(st.events)
	return nil
}

// readInfo reads the description frame and returns the evidence files it
// lists.
func (st *backupState) readInfo(p *payloadReader, c *backupContainer) (map[string]bool, error) {
	f, err := p.next()
	if err != nil {
		return nil, p.damaged("info", err)
	}
	if f.kind != frameInfo || string(f.name) != "info" {
		return nil, &BackupError{Part: "info", Err: errors.New("the description is missing")}
	}
	data, err := p.body(f, maxFrameJSON)
	if err != nil {
		return nil, p.damaged("info", err)
	}
	info := &st.rep.Info
	if err := strictJSONDecode(data, info); err != nil {
		return nil, &BackupError{Part: "info", Err: err}
	}
	if info.Format > backupFormat {
		return nil, fmt.Errorf("%w (backup format %d)", ErrUnsupportedVersion, info.Format)
	}
	if info.Format < 1 || info.VaultID != c.header.ID {
		return nil, &BackupError{Part: "info", Err: errors.New("it does not describe this backup")}
	}
	if info.Format >= 2 {
		sum := sha256.Sum256(c.headerRaw)
		if info.HeaderSHA256 != hex.EncodeToString(sum[:]) {
			return nil, &BackupError{Part: "header", Err: errors.New("the copy of the vault header is not the one this backup was made with")}
		}
		if info.State == nil {
			return nil, &BackupError{Part: "info", Err: errors.New("the vault's state is missing")}
		}
	}
	listed := make(map[string]bool)
	var total int64
	for _, b := range info.Blobs {
		if !validBlobID(b.ID) || listed[b.ID] || b.Size < 0 || b.Size > 1<<50 {
			return nil, &BackupError{Part: "info", Err: fmt.Errorf("invalid evidence file %q", b.ID)}
		}
		listed[b.ID] = true
		total += b.Size
	}
	if total != info.BlobBytes {
		return nil, &BackupError{Part: "info", Err: errors.New("evidence sizes do not add up")}
	}
	return listed, nil
}

// readRecords reads the 'k' frames, in strictly increasing key order, and
// returns the frame after them and the hash of the records as read.
func (st *backupState) readRecords(ctx context.Context, p *payloadReader, sink backupSink) (frameHead, hash.Hash, error) {
	recHash := sha256.New()
	var prev []byte
	for {
		if err := ctx.Err(); err != nil {
			return frameHead{}, nil, err
		}
		f, err := p.next()
		if err != nil {
			return f, nil, p.damaged("records", err)
		}
		if f.kind != frameKV {
			return f, recHash, nil
		}
		st.rep.Info.Records++
		idx := st.rep.Info.Records
		if len(f.name) == 0 || (prev != nil && bytes.Compare(f.name, prev) <= 0) || !validBackupKey(string(f.name)) {
			return f, nil, &BackupError{Part: "records", Index: idx, Err: fmt.Errorf("invalid or misplaced key %q", f.name)}
		}
		prev = f.name
		value, err := p.body(f, maxFrameValue)
		if err != nil {
			return f, nil, p.damaged("records", err)
		}
		recHash.Write(f.raw)
		recHash.Write(value)
		if inState(string(f.name)) {
			st.computed.add(st.hasher.elem(string(f.name), value))
		}
		st.record(string(f.name), value)
		if sink != nil {
			if err := sink.kv(f.name, value); err != nil {
				return f, nil, err
			}
		}
	}
}

// readBlobs reads the evidence files, in the order of the description;
// f is the frame read after the records. It returns the frame after them.
func (st *backupState) readBlobs(ctx context.Context, p *payloadReader, f frameHead, sink backupSink, progress func(int64, int64)) (frameHead, error) {
	info := &st.rep.Info
	var done int64
	var err error
	for i, b := range info.Blobs {
		if i > 0 {
			if f, err = p.next(); err != nil {
				return f, p.damaged("evidence", err)
			}
		}
		where := &BackupError{Part: "evidence", Index: i + 1, Total: len(info.Blobs), ID: b.ID}
		if f.kind != frameBlob || string(f.name) != b.ID || f.size != uint64(b.Size) {
			where.Err = errors.New("not the evidence file expected here")
			return f, where
		}
		if err := st.readBlob(ctx, p, b, sink, where, func(n int64) {
			if progress != nil {
				progress(done+n, info.BlobBytes)
			}
		}); err != nil {
			return f, err
		}
		done += b.Size
	}
	if len(info.Blobs) > 0 {
		if f, err = p.next(); err != nil {
			return f, p.damaged("manifest", err)
		}
	}
	return f, nil
}

// readManifest reads the manifest frame f and checks it against what was
// read.
func (st *backupState) readManifest(p *payloadReader, f frameHead, recHash hash.Hash) error {
	if f.kind != frameManifest || string(f.name) != "manifest" {
		return &BackupError{Part: "manifest", Err: errors.New("the manifest is missing")}
	}
	data, err := p.body(f, maxFrameJSON)
	if err != nil {
		return p.damaged("manifest", err)
	}
	var m backupManifest
	if err := strictJSONDecode(data, &m); err != nil {
		return &BackupError{Part: "manifest", Err: err}
	}
	if m.Records != st.rep.Info.Records || m.RecordsSHA256 != hex.EncodeToString(recHash.Sum(nil)) {
		return &BackupError{Part: "manifest", Err: errors.New("the records do not match the manifest")}
	}
	if len(m.Blobs) != len(st.blobSums) {
		return &BackupError{Part: "manifest", Err: errors.New("the evidence files do not match the manifest")}
	}
	for i, mb := range m.Blobs {
		if mb != st.blobSums[i] {
			return &BackupError{Part: "evidence", Index: i + 1, Total: len(m.Blobs), ID: mb.ID,
				Err: errors.New("its SHA-256 does not match the manifest")}
		}
	}
	return nil
}

// validBackupKey accepts the Badger keys a vault writes.
func validBackupKey(k string) bool {
	if strings.ContainsAny(k, "\x00\n\r") {
		return false
	}
	for _, space := range []string{spaceRecords, spaceUnchained, spaceChain, spaceBlobs, spaceStaging, "m/"} {
		if strings.HasPrefix(k, space) && len(k) > len(space) {
			return true
		}
	}
	return false
}

// record opens one record and remembers what the checks need.
func (st *backupState) record(bkey string, sealed []byte) {
	plain, err := unsealWith(st.recordKey, bkey, sealed)
	if err != nil {
		switch {
		case bkey == keyBlobIdent:
			st.identErr = true
			st.problem("evidence key", "cannot be opened")
		case strings.HasPrefix(bkey, spaceChain):
			st.problem("chain", "event %s cannot be opened", strings.TrimPrefix(bkey, spaceChain))
		default:
			st.problem("record "+strings.TrimPrefix(strings.TrimPrefix(bkey, spaceRecords), spaceUnchained), "cannot be opened")
		}
		if strings.HasPrefix(bkey, spaceRecords) {
			st.records[strings.TrimPrefix(bkey, spaceRecords)] = "unreadable"
		}
		return
	}
	switch {
	case strings.HasPrefix(bkey, spaceChain):
		var e ChainEvent
		if err := json.Unmarshal(plain, &e); err != nil {
			st.problem("chain", "event %s cannot be read: %v", strings.TrimPrefix(bkey, spaceChain), err)
			return
		}
		st.events = append(st.events, e)
	case bkey == keyChainHead:
		var h ChainHead
		if err := json.Unmarshal(plain, &h); err != nil {
			st.problem("chain head", "%v", err)
			return
		}
		st.head = &h
	case bkey == keyState:
		s, err := parseState(plain)
		if err != nil {
			st.problem("database", "its state record cannot be read")
			return
		}
		st.stored = &s
	case bkey == keyBlobIdent:
		id, err := age.ParseX25519Identity(string(plain))
		if err != nil {
			st.identErr = true
			st.problem("evidence key", "%v", err)
			return
		}
		st.ident = id
	case strings.HasPrefix(bkey, spaceRecords):
		sum := sha256.Sum256(plain)
		st.records[strings.TrimPrefix(bkey, spaceRecords)] = hex.EncodeToString(sum[:])
	case strings.HasPrefix(bkey, spaceBlobs):
		id := strings.TrimPrefix(bkey, spaceBlobs)
		rec, err := parseBlobRecord(id, plain)
		if err != nil || !validBlobID(id) {
			st.problem("blob "+id, "its description cannot be read")
			return
		}
		st.blobRecs[id] = rec
	}
}

// checkState compares the records read with the state they must add up
// to (format 2): the state record, and the state in the description.
func (st *backupState) checkState() {
	info := st.rep.Info.State
	if st.rep.Info.Format < 2 || info == nil {
		return
	}
	want := stateForBackup(st.computed)
	switch {
	case st.stored == nil:
		st.problem("database", "its state record is missing")
	case !st.stored.sameContent(st.computed):
		st.problem("database", "its records do not add up to its authenticated state")
	case info.Count != want.Count || info.Sum != want.Sum || info.N != st.stored.N:
		st.problem("database", "its records are not the state the backup says it holds")
	}
}

// unsealWith is Vault.unseal for a record key held outside a Vault.
func unsealWith(recordKey []byte, bkey string, sealed []byte) ([]byte, error) {
	v := &Vault{recordKey: recordKey}
	return v.unseal(bkey, sealed)
}

// checkChain checks the chain and that it accounts for every journal
// record, as Verify does for a vault.
func (st *backupState) checkChain() {
	head := ChainHead{ID: GenesisID}
	if st.head != nil {
		head = *st.head
	}
	if head != st.rep.Info.Head {
		st.problem("chain head", "does not match the head recorded when the backup was made")
	}
	sort.Slice(st.events, func(i, j int) bool { return st.events[i].Seq < st.events[j].Seq })
	if err := VerifyChain(st.events, head); err != nil {
		st.problem("chain", "%v", err)
	}
	expected := make(map[string]string)
	for _, e := range st.events {
		switch {
		case e.Key == "":
		case strings.HasSuffix(e.Key, "/"):
			for k := range expected {
				if strings.HasPrefix(k, e.Key) {
					delete(expected, k)
				}
			}
		case e.Hash == "":
			delete(expected, e.Key)
		default:
			expected[e.Key] = e.Hash
		}
	}
	keys := make([]string, 0, len(st.records))
	for k := range st.records {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sum := st.records[k]
		want, ok := expected[k]
		switch {
		case sum == "unreadable":
		case !ok:
			st.problem("record "+k, "is not in the history (added behind the journal's back)")
		case sum != want:
			st.problem("record "+k, "does not match its entry in the history (changed behind the journal's back)")
		}
	}
	var missing []string
	for k := range expected {
		if _, ok := st.records[k]; !ok {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		st.problem("record "+k, "has disappeared (the history says it was written and never deleted)")
	}
}

// readBlob reads one evidence file: its age file goes to the sink as it
// is, and is decrypted on the way to check the evidence's SHA-256.
func (st *backupState) readBlob(ctx context.Context, p *payloadReader, b BlobFile, sink backupSink, where *BackupError, progress func(int64)) error {
	out, finish, err := sinkBlob(sink, b.ID)
	if err != nil {
		return err
	}
	fileSum := sha256.New()
	body := &stickyReader{r: io.LimitReader(p.r, b.Size)}
	var writeErr error
	tee := &teeCounter{r: body, w: io.MultiWriter(fileSum, errWriter{w: out, err: &writeErr}), progress: progress, ctx: ctx}
	rec, known := st.blobRecs[b.ID]
	var plainErr error
	var plainSize int64
	var plainSum string
	checked := false
	switch ident, err := rec.identity(st.ident); {
	case !known:
		st.problem("blob "+b.ID, "its file is in the backup but no record describes it")
	case err != nil && rec.Key == nil:
		if !st.identErr {
			st.problem("evidence key", "is missing")
			st.identErr = true
		}
	case err != nil:
		st.problem("blob "+b.ID, "its key is unreadable")
	default:
		checked = true
		plainSize, plainSum, plainErr = decryptHashing(tee, rec, ident)
	}
	if _, err := io.Copy(io.Discard, tee); err != nil && body.err == nil {
		plainErr = err
	}
	if err := readWhole(ctx, body, b.Size, where); err != nil {
		return err
	}
	if writeErr != nil {
		return writeErr
	}
	if err := finish(); err != nil {
		return err
	}
	st.blobSums = append(st.blobSums, backupManifestBlob{ID: b.ID, Size: b.Size, SHA256: hex.EncodeToString(fileSum.Sum(nil))})
	if checked {
		st.rep.Blobs++
		st.rep.BlobBytes += rec.Size
		switch {
		case plainErr != nil:
			st.problem("blob "+b.ID, "%v", plainErr)
		case plainSize != rec.Size || plainSum != rec.SHA256:
			st.problem("blob "+b.ID, "its content does not match its SHA-256")
		}
	}
	return nil
}

// sinkBlob returns where a blob's age file goes (nowhere without a sink)
// and what to call once it is complete.
func sinkBlob(sink backupSink, id string) (io.Writer, func() error, error) {
	if sink != nil {
		w, fin, err := sink.blob(id)
		if err != nil || w != nil {
			return w, fin, err
		}
	}
	return io.Discard, func() error { return nil }, nil
}

// readWhole reports damage to the backup met while reading a blob's
// frame (body), which must have given size bytes.
func readWhole(ctx context.Context, body *stickyReader, size int64, where *BackupError) error {
	if body.err != nil && body.err != io.EOF {
		where.Err = fmt.Errorf("it does not decrypt (altered or damaged): %w", body.err)
		if errors.Is(body.err, io.ErrUnexpectedEOF) {
			where.Err = ErrBackupIncomplete
		}
		return where
	}
	if body.n != size {
		where.Err = ErrBackupIncomplete
		return where
	}
	return ctx.Err()
}

// decryptHashing decrypts a blob's age file read from r and returns the
// size and hex SHA-256 of its plaintext.
func decryptHashing(r io.Reader, rec blobRecord, ident age.Identity) (int64, string, error) {
	src, err := rec.reader(r)
	if err != nil {
		return 0, "", err
	}
	ar, err := age.Decrypt(src, ident)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	n, err := io.Copy(h, ar)
	return n, hex.EncodeToString(h.Sum(nil)), err
}

type teeCounter struct {
	r        io.Reader
	w        io.Writer
	n        int64
	progress func(int64)
	ctx      context.Context
}

func (t *teeCounter) Read(p []byte) (int, error) {
	if err := t.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := t.r.Read(p)
	if n > 0 {
		t.w.Write(p[:n])
		t.n += int64(n)
		t.progress(t.n)
	}
	return n, err
}

// errWriter records the first write error and swallows the rest, so
// that reading goes on to tell a damaged backup from a failing disk.
type errWriter struct {
	w   io.Writer
	err *error
}

func (e errWriter) Write(p []byte) (int, error) {
	if *e.err == nil {
		if _, err := e.w.Write(p); err != nil {
			*e.err = err
		}
	}
	return len(p), nil
}

// VerifyBackup reads a whole backup without restoring it: the file's
// layout and checksum, the decryption of every part, every record, the
// chain of the vault it holds, and every evidence file against its
// SHA-256. size is the file's size.
func VerifyBackup(ctx context.Context, r io.ReaderAt, size int64, secret Secret, progress func(done, total int64)) (*BackupReport, error) {
	c, err := openBackupContainer(r, size)
	if err != nil {
		return nil, err
	}
	master, err := c.unlock(secret)
	if err != nil {
		return nil, err
	}
	defer clear(master)
	return c.read(ctx, master, nil, progress)
}

// VerifyBackupFile is VerifyBackup for a file.
func VerifyBackupFile(ctx context.Context, path string, secret Secret, progress func(done, total int64)) (*BackupReport, error) {
	f, size, err := openForReading(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return VerifyBackup(ctx, f, size, secret, progress)
}

func openForReading(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("failed to open the backup: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("failed to open the backup: %w", err)
	}
	if info.IsDir() {
		f.Close()
		return nil, 0, ErrNotBackup
	}
	return f, info.Size(), nil
}

// CheckBackupFile reads back a backup of this vault, with the vault's own
// key (no passphrase needed): used right after writing one, before older
// backups are removed.
func (v *Vault) CheckBackupFile(ctx context.Context, path string, progress func(done, total int64)) (*BackupReport, error) {
	c, master, _, done, err := v.openOwnBackup(path)
	if err != nil {
		return nil, err
	}
	defer done()
	if !hmac.Equal(headerMAC(master, c.header), c.header.MAC) {
		return nil, &BackupError{Part: "header", Err: errors.New("it is not a backup of this vault")}
	}
	return c.read(ctx, master, nil, progress)
}

// openOwnBackup opens a backup of this vault with the vault's key: it
// returns the container, a copy of the master key and the vault's state,
// and what closes the file and clears the key.
func (v *Vault) openOwnBackup(path string) (*backupContainer, []byte, vaultState, func(), error) {
	f, size, err := openForReading(path)
	if err != nil {
		return nil, nil, vaultState{}, nil, err
	}
	c, err := openBackupContainer(f, size)
	if err == nil {
		err = v.acquire()
	}
	if err != nil {
		f.Close()
		return nil, nil, vaultState{}, nil, err
	}
	master := bytes.Clone(v.master)
	v.writeMu.Lock()
	s := v.state
	v.writeMu.Unlock()
	v.mu.RUnlock()
	done := func() { f.Close(); clear(master) }
	if c.header.ID != v.header.ID {
		done()
		return nil, nil, vaultState{}, nil, &BackupError{Part: "header", Err: errors.New("it is not a backup of this vault")}
	}
	return c, master, s, done, nil
}

// BackupVaultID returns the id of the vault a backup file was made from,
// after checking its outer layout (it needs no secret, and checks no
// content).
func BackupVaultID(path string) (string, error) {
	f, size, err := openForReading(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	c, err := openBackupContainer(f, size)
	if err != nil {
		return "", err
	}
	return c.header.ID, nil
}

// ErrBackupOtherKeys: the backup was made with keys the vault no longer
// has (before they were renewed), or its header copy was altered: it
// cannot be compared with the vault.
var ErrBackupOtherKeys = errors.New("this backup was made with keys the vault no longer has")

// CompareBackup reads the description of a backup of this vault (not the
// rest of it) and compares the state it holds with the vault's: a backup
// that holds more changes than the vault shows that the vault folder was
// put back to an older copy — the witness a backup carries. It returns an
// *IntegrityError (HistoryCut, HistoryDiverged; Witness "backup") when it
// does, nil when the vault is at least as far as the backup or when the
// backup (of format 1) holds no state.
func (v *Vault) CompareBackup(ctx context.Context, path string) (*IntegrityError, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, master, s, done, err := v.openOwnBackup(path)
	if err != nil {
		return nil, err
	}
	defer done()
	if !hmac.Equal(headerMAC(master, c.header), c.header.MAC) {
		return nil, ErrBackupOtherKeys
	}
	info, err := c.readInfoOnly(master)
	if err != nil || info.State == nil {
		return nil, err
	}
	bs := info.State
	switch {
	case bs.N > s.N:
		return &IntegrityError{Kind: HistoryCut, Missing: bs.N - s.N, Witness: "backup"}, nil
	case bs.N == s.N && *bs != *stateForBackup(s):
		return &IntegrityError{Kind: HistoryDiverged, Witness: "backup"}, nil
	}
	return nil, nil
}

// readInfoOnly decrypts the start of the payload and reads the
// description frame.
func (c *backupContainer) readInfoOnly(master []byte) (*BackupInfo, error) {
	wrapKey := deriveKey(master, c.header.ID, labelBackupWrap)
	defer clear(wrapKey)
	outer := &stickyReader{r: io.NewSectionReader(c.ra, c.preambleLen, c.bodyEnd-c.preambleLen)}
	ar, err := age.Decrypt(bufio.NewReaderSize(outer, 64<<10), &backupIdentity{key: wrapKey, vaultID: c.header.ID})
	if err != nil {
		return nil, &BackupError{Part: "encryption", Err: err}
	}
	p := &payloadReader{r: bufio.NewReaderSize(ar, 64<<10), outer: outer}
	magic := make([]byte, len(backupPayloadMagic))
	if _, err := io.ReadFull(p.r, magic); err != nil || string(magic) != backupPayloadMagic {
		return nil, &BackupError{Part: "info", Err: errors.New("unknown payload format")}
	}
	st := &backupState{rep: &BackupReport{}}
	if _, err := st.readInfo(p, c); err != nil {
		return nil, err
	}
	return &st.rep.Info, nil
}
