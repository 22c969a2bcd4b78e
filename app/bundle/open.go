package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// Check names one of the checks a bundle goes through when it is opened.
type Check string

// The checks, in the order they run.
const (
	CheckDecrypt   Check = "decryption" // the age layer: key, header, every chunk
	CheckArchive   Check = "archive"    // the ZIP structure and its CRCs
	CheckNames     Check = "names"      // safe, expected, unique file names; no links
	CheckManifest  Check = "manifest"   // manifest.json readable, known version, lists every file
	CheckSums      Check = "sha256sums" // SHA256SUMS agrees with the manifest and the files
	CheckHash      Check = "hash"       // every file matches its size and SHA-256
	CheckChain     Check = "chain"      // chain.json verifies and ends at the manifest's head
	CheckIncidents Check = "incidents"  // incidents.json matches the manifest and the chain
)

// CheckError is returned when a bundle fails a check: it is refused.
// Check says which; Name, the file concerned (if any).
type CheckError struct {
	Check Check
	Name  string
	Err   error
}

func (e *CheckError) Error() string {
	s := "bundle refused: " + string(e.Check) + " check failed"
	if e.Name != "" {
		s += " (" + e.Name + ")"
	}
	return s + ": " + e.Err.Error()
}

func (e *CheckError) Unwrap() error { return e.Err }

func checkErr(c Check, name string, format string, args ...any) error {
	return &CheckError{Check: c, Name: name, Err: fmt.Errorf(format, args...)}
}

// Errors of Open, tested with errors.Is (they come wrapped in a
// *CheckError of CheckDecrypt).
var (
	// ErrWrongKey: none of the identities given opens the bundle (or the
	// beginning of the file is damaged: the two cannot be told apart).
	ErrWrongKey = errors.New("this bundle cannot be opened with this key or passphrase")
	// ErrUnsupportedVersion: the bundle was made by a newer Témoin.
	ErrUnsupportedVersion = errors.New("this bundle was made by a newer version of Témoin: update it")
	// ErrOutExists: the output folder exists and is not empty.
	ErrOutExists = errors.New("the output folder already exists and is not empty")
)

// Limits that keep a hostile bundle from exhausting memory or disk.
const (
	maxEntries       = 100_000
	maxManifestSize  = 64 << 20
	maxSumsSize      = 16 << 20
	maxJSONSize      = 512 << 20
	maxDeflateRatio  = 1_100 // deflate cannot do better than about 1032:1
	maxScryptFactor  = 22    // as the age command: about 15 s
	smallEntryCutoff = 1 << 20
)

// OpenOptions are the choices when opening a bundle.
type OpenOptions struct {
	// Identities open the bundle: X25519 identities (ParseIdentities,
	// a representative's vault) or a passphrase (PassphraseIdentity).
	Identities []age.Identity
	// OutDir, if set, is the folder the bundle is extracted into. It must
	// not exist (or be empty). The files are written into a temporary
	// folder next to it, renamed to OutDir once every check has passed,
	// and removed if any fails: nothing half-written is ever left.
	OutDir string
	// Progress, if not nil, is called with the bytes checked so far and
	// the total.
	Progress func(done, total int64)
}

// Contents describes a bundle that passed every check.
type Contents struct {
	Manifest *Manifest
	// ManifestSHA256 is the hex SHA-256 of manifest.json: the hash of the
	// "exported" event the colleague's vault recorded for this bundle.
	ManifestSHA256 string
	Incidents      *IncidentsFile
	Chain          *ChainFile
	// Files lists every file of the bundle, manifest.json and SHA256SUMS
	// included, in the archive's order.
	Files []FileEntry
	// Dir is the folder it was extracted into ("" when only checked).
	Dir string
}

// PassphraseIdentity returns the identity that opens a passphrase bundle.
func PassphraseIdentity(passphrase []byte) (age.Identity, error) {
	id, err := age.NewScryptIdentity(string(passphrase))
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxScryptFactor)
	return id, nil
}

// ParseIdentities reads an identity file made by age-keygen or
// "temoin keygen".
func ParseIdentities(data []byte) ([]age.Identity, error) {
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not an age identity file: %w", err)
	}
	return ids, nil
}

// OpenFile checks (and with OutDir, extracts) the bundle in the file at
// path. See Open.
func OpenFile(ctx context.Context, path string, opts OpenOptions) (*Contents, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open the bundle: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("failed to open the bundle: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("failed to open the bundle: %s is not a file", path)
	}
	return Open(ctx, f, info.Size(), opts)
}

// spool copies an encrypted stream (a case kept in a vault) into a
// temporary file, since a ZIP is read from its end. Nothing readable is
// written: the stream is still encrypted.
func spool(ctx context.Context, r io.Reader) (*os.File, int64, error) {
	f, err := os.CreateTemp("", "temoin-bundle-*.age")
	if err != nil {
		return nil, 0, fmt.Errorf("failed to create a temporary file: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	n, err := io.Copy(bw, &ctxReader{ctx: ctx, r: r})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, fmt.Errorf("failed to read the bundle: %w", err)
	}
	return f, n, nil
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// decryptError marks errors of the age layer, to tell them from the ZIP's.
type decryptError struct{ err error }

func (e *decryptError) Error() string { return e.err.Error() }
func (e *decryptError) Unwrap() error { return e.err }

type markedReaderAt struct{ ra io.ReaderAt }

func (m markedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := m.ra.ReadAt(p, off)
	if err != nil && err != io.EOF {
		err = &decryptError{err}
	}
	return n, err
}

// classify turns an error met while reading the archive into a
// *CheckError: the age layer's errors are decryption failures, the rest
// archive failures.
func classify(name string, err error) error {
	var ce *CheckError
	if errors.As(err, &ce) {
		return err
	}
	var de *decryptError
	if errors.As(err, &de) {
		return &CheckError{Check: CheckDecrypt, Name: name, Err: fmt.Errorf("the encrypted file is damaged or was changed: %w", de.err)}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &CheckError{Check: CheckArchive, Name: name, Err: err}
}

// Open decrypts a bundle and checks it: the age layer, the ZIP, the file
// names, every hash of manifest.json and of SHA256SUMS, the history
// (chain.json, with vault.VerifyChain) and that incidents.json matches the
// manifest and the history. A bundle that fails any check is refused with
// a *CheckError that names it. With opts.OutDir, the files are extracted
// as they are checked, into a temporary folder renamed at the end.
//
// Open reads the ZIP through age's random-access decryption, straight
// from the encrypted file: no plaintext is written anywhere but OutDir.
func Open(ctx context.Context, src io.ReaderAt, size int64, opts OpenOptions) (*Contents, error) {
	c, _, err := openAt(ctx, src, size, opts)
	return c, err
}

// archive is a decrypted bundle: its ZIP directory and its plaintext,
// read on demand from the encrypted file.
type archive struct {
	zr    *zip.Reader
	plain io.ReaderAt
	size  int64
}

// openAt is Open that also returns the archive, for the callers that read
// it again once it passed.
func openAt(ctx context.Context, src io.ReaderAt, size int64, opts OpenOptions) (*Contents, *archive, error) {
	a, err := decryptArchive(src, size, opts.Identities)
	if err != nil {
		return nil, nil, err
	}
	var out *extractor
	if opts.OutDir != "" {
		if out, err = newExtractor(opts.OutDir); err != nil {
			return nil, nil, err
		}
		defer out.abort()
	}
	c, err := check(ctx, a.zr, out, opts.Progress)
	if err != nil {
		return nil, nil, err
	}
	if out != nil {
		if err := out.commit(); err != nil {
			return nil, nil, err
		}
		c.Dir = opts.OutDir
	}
	return c, a, nil
}

// decryptArchive opens the age layer and the ZIP's central directory.
func decryptArchive(src io.ReaderAt, size int64, identities []age.Identity) (*archive, error) {
	if len(identities) == 0 {
		return nil, errors.New("no key or passphrase given to open the bundle")
	}
	plain, psize, err := age.DecryptReaderAt(src, size, identities...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity) {
			return nil, &CheckError{Check: CheckDecrypt, Err: fmt.Errorf("%w: %v", ErrWrongKey, err)}
		}
		return nil, &CheckError{Check: CheckDecrypt, Err: fmt.Errorf("not a bundle, or a damaged one: %w", err)}
	}
	ra := markedReaderAt{plain}
	zr, err := zip.NewReader(ra, psize)
	if err != nil {
		return nil, classify("", err)
	}
	return &archive{zr: zr, plain: ra, size: psize}, nil
}

// check runs every check on an archive, extracting into out if not nil.
func check(ctx context.Context, zr *zip.Reader, out *extractor, progress func(done, total int64)) (*Contents, error) {
	if len(zr.File) > maxEntries {
		return nil, checkErr(CheckArchive, "", "too many files (%d)", len(zr.File))
	}
	byName := make(map[string]*zip.File, len(zr.File))
	folded := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		if err := checkEntryName(f.Name); err != nil {
			return nil, &CheckError{Check: CheckNames, Name: printable(f.Name), Err: err}
		}
		if !f.Mode().IsRegular() {
			return nil, checkErr(CheckNames, f.Name, "not a regular file (a link, a folder or a device)")
		}
		if folded[strings.ToLower(f.Name)] {
			return nil, checkErr(CheckNames, f.Name, "the name appears twice")
		}
		folded[strings.ToLower(f.Name)] = true
		byName[f.Name] = f
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, checkErr(CheckArchive, f.Name, "unknown compression method %d", f.Method)
		}
		if f.Flags&0x1 != 0 {
			return nil, checkErr(CheckArchive, f.Name, "ZIP encryption is not used by Témoin")
		}
	}
	for _, name := range requiredFiles {
		if byName[name] == nil {
			return nil, checkErr(CheckManifest, name, "a required file is missing")
		}
	}

	// manifest.json and SHA256SUMS first: they say what to expect.
	manifestData, manifestSum, err := readSmall(byName[NameManifest], maxManifestSize)
	if err != nil {
		return nil, err
	}
	m, err := parseManifest(manifestData)
	if err != nil {
		return nil, err
	}
	sumsData, _, err := readSmall(byName[NameSums], maxSumsSize)
	if err != nil {
		return nil, err
	}
	sums, err := parseSums(sumsData)
	if err != nil {
		return nil, err
	}

	expected := make(map[string]FileEntry, len(m.Files))
	var total int64
	for _, fe := range m.Files {
		if err := checkEntryName(fe.Path); err != nil {
			return nil, &CheckError{Check: CheckManifest, Name: printable(fe.Path), Err: err}
		}
		if fe.Path == NameManifest || fe.Path == NameSums {
			return nil, checkErr(CheckManifest, fe.Path, "the manifest cannot list itself or SHA256SUMS")
		}
		if _, dup := expected[fe.Path]; dup {
			return nil, checkErr(CheckManifest, fe.Path, "listed twice")
		}
		if fe.Size < 0 || !isHexSHA256(fe.SHA256) {
			return nil, checkErr(CheckManifest, fe.Path, "invalid size or SHA-256")
		}
		if byName[fe.Path] == nil {
			return nil, checkErr(CheckManifest, fe.Path, "listed in the manifest but missing from the bundle")
		}
		expected[fe.Path] = fe
		total += fe.Size
	}
	for name := range byName {
		if _, ok := expected[name]; !ok && name != NameManifest && name != NameSums {
			return nil, checkErr(CheckManifest, name, "in the bundle but not listed in the manifest")
		}
	}
	// SHA256SUMS lists exactly the manifest's files and manifest.json,
	// with the same hashes.
	if len(sums) != len(expected)+1 {
		return nil, checkErr(CheckSums, NameSums, "it lists %d files, the bundle has %d", len(sums), len(expected)+1)
	}
	if sums[NameManifest] != manifestSum {
		return nil, checkErr(CheckSums, NameManifest, "its SHA-256 differs from the one in SHA256SUMS")
	}
	for name, fe := range expected {
		s, ok := sums[name]
		if !ok {
			return nil, checkErr(CheckSums, name, "missing from SHA256SUMS")
		}
		if s != fe.SHA256 {
			return nil, checkErr(CheckSums, name, "SHA256SUMS and the manifest give different SHA-256")
		}
	}

	// Every file: size, compression ratio, then its content's hash.
	c := &Contents{Manifest: m, ManifestSHA256: manifestSum}
	var small = map[string][]byte{}
	var done int64
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		switch f.Name {
		case NameManifest, NameSums:
			c.Files = append(c.Files, FileEntry{Path: f.Name, Size: int64(f.UncompressedSize64), SHA256: sums[f.Name]})
			if out != nil {
				data := manifestData
				if f.Name == NameSums {
					data = sumsData
				}
				if err := out.write(f.Name, bytes.NewReader(data)); err != nil {
					return nil, err
				}
			}
			continue
		}
		fe := expected[f.Name]
		if f.UncompressedSize64 != uint64(fe.Size) {
			return nil, checkErr(CheckHash, f.Name, "its size (%d) differs from the manifest's (%d)", f.UncompressedSize64, fe.Size)
		}
		if f.Method == zip.Store && f.CompressedSize64 != f.UncompressedSize64 ||
			fe.Size > smallEntryCutoff && f.CompressedSize64*maxDeflateRatio < f.UncompressedSize64 {
			return nil, checkErr(CheckArchive, f.Name, "inconsistent sizes")
		}
		keep := f.Name == NameIncidents || f.Name == NameChain
		if keep && fe.Size > maxJSONSize {
			return nil, checkErr(CheckHash, f.Name, "too large")
		}
		rc, err := f.Open()
		if err != nil {
			return nil, classify(f.Name, err)
		}
		h := sha256.New()
		var kept bytes.Buffer
		var r io.Reader = io.TeeReader(io.LimitReader(rc, fe.Size+1), h)
		if keep {
			r = io.TeeReader(r, &kept)
		}
		r = &progressReader{ctx: ctx, r: r, done: &done, total: total, fn: progress}
		var n int64
		if out != nil {
			n, err = out.writeCounted(f.Name, r)
		} else {
			n, err = io.Copy(io.Discard, r)
		}
		rc.Close()
		if err != nil {
			return nil, classify(f.Name, err)
		}
		if n != fe.Size || hex.EncodeToString(h.Sum(nil)) != fe.SHA256 {
			return nil, checkErr(CheckHash, f.Name, "its content does not match its SHA-256: the file was changed")
		}
		if keep {
			small[f.Name] = kept.Bytes()
		}
		c.Files = append(c.Files, fe)
	}

	if c.Chain, err = checkChain(small[NameChain], m); err != nil {
		return nil, err
	}
	if c.Incidents, err = checkIncidents(small[NameIncidents], m, c.Chain); err != nil {
		return nil, err
	}
	return c, nil
}

type progressReader struct {
	ctx   context.Context
	r     io.Reader
	done  *int64
	total int64
	fn    func(done, total int64)
	since int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	*p.done += int64(n)
	p.since += int64(n)
	if p.fn != nil && (p.since >= 1<<20 || err == io.EOF) {
		p.fn(*p.done, p.total)
		p.since = 0
	}
	return n, err
}

// readSmall reads a small entry whole, with its SHA-256.
func readSmall(f *zip.File, limit int64) ([]byte, string, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, "", checkErr(CheckManifest, f.Name, "too large")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, "", classify(f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, "", classify(f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, "", checkErr(CheckManifest, f.Name, "too large")
	}
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:]), nil
}

func parseManifest(data []byte) (*Manifest, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, checkErr(CheckManifest, NameManifest, "unreadable: %v", err)
	}
	if head.Format != FormatName {
		return nil, checkErr(CheckManifest, NameManifest, "not a Témoin bundle (format %q)", printable(head.Format))
	}
	if head.Version > FormatVersion {
		return nil, &CheckError{Check: CheckManifest, Name: NameManifest, Err: fmt.Errorf("%w (format %d)", ErrUnsupportedVersion, head.Version)}
	}
	if head.Version < 1 {
		return nil, checkErr(CheckManifest, NameManifest, "invalid version %d", head.Version)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, checkErr(CheckManifest, NameManifest, "unreadable: %v", err)
	}
	return &m, nil
}

// parseSums reads SHA256SUMS as sha256sum writes it: "<hex>  <path>"
// (or "<hex> *<path>"), one file a line.
func parseSums(data []byte) (map[string]string, error) {
	out := make(map[string]string)
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" {
		return nil, checkErr(CheckSums, NameSums, "empty")
	}
	for i, line := range strings.Split(text, "\n") {
		if len(line) < 67 || !isHexSHA256(line[:64]) || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') {
			return nil, checkErr(CheckSums, NameSums, "line %d cannot be read", i+1)
		}
		name := line[66:]
		if _, dup := out[name]; dup {
			return nil, checkErr(CheckSums, NameSums, "%s is listed twice", printable(name))
		}
		out[name] = line[:64]
	}
	return out, nil
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// checkChain verifies chain.json and that it ends at the manifest's head.
func checkChain(data []byte, m *Manifest) (*ChainFile, error) {
	var cf ChainFile
	if err := json.Unmarshal(data, &cf); err != nil {
		return nil, checkErr(CheckChain, NameChain, "unreadable: %v", err)
	}
	if cf.Format != ChainFormatName || cf.Version < 1 {
		return nil, checkErr(CheckChain, NameChain, "not a Témoin history")
	}
	if cf.Version > ChainFormatVersion {
		return nil, &CheckError{Check: CheckChain, Name: NameChain, Err: ErrUnsupportedVersion}
	}
	if cf.Head != m.ChainHead {
		return nil, checkErr(CheckChain, NameChain, "its head differs from the manifest's")
	}
	if err := vault.VerifyChain(cf.Events, cf.Head); err != nil {
		return nil, &CheckError{Check: CheckChain, Name: NameChain, Err: err}
	}
	return &cf, nil
}

// checkIncidents checks incidents.json against the manifest and the
// chain: the same incidents at the same revisions, each revision recorded
// in the chain with the manifest's hash, and the evidence files where the
// manifest says, with the hashes the incidents give.
func checkIncidents(data []byte, m *Manifest, cf *ChainFile) (*IncidentsFile, error) {
	bad := func(format string, args ...any) error {
		return checkErr(CheckIncidents, NameIncidents, format, args...)
	}
	var inc IncidentsFile
	if err := json.Unmarshal(data, &inc); err != nil {
		return nil, bad("unreadable: %v", err)
	}
	if inc.Format != IncidentsFormatName || inc.Version < 1 {
		return nil, bad("not a list of Témoin incidents")
	}
	if inc.Version > IncidentsFormatVersion {
		return nil, &CheckError{Check: CheckIncidents, Name: NameIncidents, Err: ErrUnsupportedVersion}
	}
	if len(inc.Incidents) != len(m.Incidents) {
		return nil, bad("it holds %d incidents, the manifest lists %d", len(inc.Incidents), len(m.Incidents))
	}
	byID := make(map[string]*app.Incident, len(inc.Incidents))
	for _, in := range inc.Incidents {
		if in == nil || in.ID == "" {
			return nil, bad("an incident has no id")
		}
		if byID[in.ID] != nil {
			return nil, bad("incident %s appears twice", printable(in.ID))
		}
		byID[in.ID] = in
	}
	for _, e := range m.Incidents {
		in := byID[e.ID]
		if in == nil {
			return nil, bad("incident %s of the manifest is missing", printable(e.ID))
		}
		if in.Revision != e.Revision {
			return nil, bad("incident %s: revision %d, the manifest says %d", e.ID, in.Revision, e.Revision)
		}
		if e.ChainSeq < 1 || e.ChainSeq > uint64(len(cf.Events)) {
			return nil, bad("incident %s: its revision is not in the history", e.ID)
		}
		ev := cf.Events[e.ChainSeq-1]
		if ev.Key != app.RevisionKey(e.ID, e.Revision) || ev.Hash != e.RevisionSHA256 ||
			(app.KindOf(ev) != app.EventCreated && app.KindOf(ev) != app.EventAmended) {
			return nil, bad("incident %s: revision %d is not the one the history recorded", e.ID, e.Revision)
		}
	}
	// Evidence: manifest, incidents.json's file map and the incidents'
	// evidence lists agree.
	if len(inc.Files) != len(m.Evidence) {
		return nil, bad("it names %d evidence files, the manifest %d", len(inc.Files), len(m.Evidence))
	}
	files := make(map[string]FileEntry, len(m.Files))
	for _, fe := range m.Files {
		files[fe.Path] = fe
	}
	for _, e := range m.Evidence {
		fe, ok := files[e.Path]
		if !ok || !strings.HasPrefix(e.Path, EvidenceDir) || fe.SHA256 != e.SHA256 || fe.Size != e.Size {
			return nil, bad("evidence %s: its file does not match the manifest", printable(e.ID))
		}
		if inc.Files[e.ID] != e.Path {
			return nil, bad("evidence %s: incidents.json gives another file", printable(e.ID))
		}
		in := byID[e.Incident]
		if in == nil || !slices.ContainsFunc(in.Evidence, func(ev app.Evidence) bool { return ev.ID == e.ID && ev.SHA256 == e.SHA256 }) {
			return nil, bad("evidence %s: not listed with this SHA-256 by its incident", printable(e.ID))
		}
	}
	for _, fe := range m.Files {
		if strings.HasPrefix(fe.Path, EvidenceDir) && !slices.ContainsFunc(m.Evidence, func(e EvidenceEntry) bool { return e.Path == fe.Path }) {
			return nil, bad("%s belongs to no incident", fe.Path)
		}
	}
	return &inc, nil
}

// printable shortens and quotes a name taken from a hostile file.
func printable(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}

// extractor writes files into a temporary folder next to the output
// folder, through an os.Root so that nothing can be written outside it.
type extractor struct {
	dir, tmp string
	root     *os.Root
	done     bool
}

func newExtractor(dir string) (*extractor, error) {
	dir = filepath.Clean(dir)
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return nil, fmt.Errorf("%w: %s", ErrOutExists, dir)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		if info, serr := os.Lstat(dir); serr == nil && !info.IsDir() {
			return nil, fmt.Errorf("%w: %s", ErrOutExists, dir)
		}
		return nil, fmt.Errorf("failed to read the output folder: %w", err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	return &extractor{dir: dir, tmp: tmp, root: root}, nil
}

func (x *extractor) write(name string, r io.Reader) error {
	_, err := x.writeCounted(name, r)
	return err
}

func (x *extractor) writeCounted(name string, r io.Reader) (int64, error) {
	if d := filepath.Dir(filepath.FromSlash(name)); d != "." {
		if err := x.root.Mkdir(d, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("failed to write %s: %w", name, err)
		}
	}
	f, err := x.root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, fmt.Errorf("failed to write %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	n, err := io.Copy(bw, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("failed to write %s: %w", name, cerr)
	}
	return n, err
}

func (x *extractor) commit() error {
	x.root.Close()
	if entries, err := os.ReadDir(x.dir); err == nil && len(entries) == 0 {
		os.Remove(x.dir)
	}
	if err := os.Rename(x.tmp, x.dir); err != nil {
		return fmt.Errorf("failed to create the output folder: %w", err)
	}
	x.done = true
	syncDir(filepath.Dir(x.dir))
	return nil
}

func (x *extractor) abort() {
	if !x.done {
		x.root.Close()
		os.RemoveAll(x.tmp)
	}
}

// History returns what continuity checks need from an opened bundle.
func (c *Contents) History() *History {
	return &History{
		VaultID: c.Manifest.VaultID, ExportedAt: c.Manifest.ExportedAt, Head: c.Manifest.ChainHead,
		IDs: chainIDs(c.Chain.Events), ManifestSHA256: c.ManifestSHA256, ExportHashes: exportHashes(c.Chain.Events),
	}
}
