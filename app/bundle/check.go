package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// The checks a bundle goes through when it is opened, once the age layer
// is open: the archive's entries, manifest.json and SHA256SUMS, every
// file's hash, chain.json and incidents.json.

// Check names one of the checks a bundle goes through when it is opened.
type Check string

// The checks, in the order they run.
const (
	CheckDecrypt    Check = "decryption" // the age layer: key, header, every chunk
	CheckArchive    Check = "archive"    // the ZIP structure and its CRCs
	CheckNames      Check = "names"      // safe, expected, unique file names; no links
	CheckManifest   Check = "manifest"   // manifest.json readable, known version, lists every file
	CheckSums       Check = "sha256sums" // SHA256SUMS agrees with the manifest and the files
	CheckSignature  Check = "signature"  // manifest.json is signed by the key it names (version 2 on)
	CheckHash       Check = "hash"       // every file matches its size and SHA-256
	CheckChain      Check = "chain"      // chain.json verifies and ends at the manifest's head
	CheckIncidents  Check = "incidents"  // incidents.json matches the manifest and the chain
	CheckTimestamps Check = "timestamps" // every time-stamp is valid and about the history's event it names
)

// ErrZipBomb is in the CheckError of an archive built to expand far
// beyond its size (entries that share their data, a compression ratio no
// real file has, more than a bundle can hold): refused before a byte is
// expanded.
var ErrZipBomb = errors.New("a ZIP bomb")

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

// check runs every check on an archive, extracting into out if not nil.
func check(ctx context.Context, zr *zip.Reader, out *extractor, progress func(done, total int64), roots *x509.CertPool) (*Contents, error) {
	byName, err := checkEntries(zr)
	if err != nil {
		return nil, err
	}
	// manifest.json and SHA256SUMS first: they say what to expect.
	l, err := readListing(byName)
	if err != nil {
		return nil, err
	}
	expected, err := l.expected(byName)
	if err != nil {
		return nil, err
	}
	signer, err := l.checkSignature()
	if err != nil {
		return nil, err
	}
	c := &Contents{Manifest: l.m, ManifestSHA256: l.manifestSum, Signer: signer}
	fc := &fileCheck{ctx: ctx, out: out, progress: progress, expected: expected, kept: map[string][]byte{}}
	for _, fe := range expected {
		fc.total += fe.Size
	}
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fe, err := fc.check(f, l)
		if err != nil {
			return nil, err
		}
		c.Files = append(c.Files, fe)
	}
	if err := checkSignerKeyFile(fc.kept[NameSignerKey], l.m); err != nil {
		return nil, err
	}
	if c.Chain, err = checkChain(fc.kept[NameChain], l.m); err != nil {
		return nil, err
	}
	if c.Incidents, err = checkIncidents(fc.kept[NameIncidents], l.m, c.Chain); err != nil {
		return nil, err
	}
	if c.Timestamps, err = checkTimestamps(l.m, c.Chain, fc.kept, roots); err != nil {
		return nil, err
	}
	return c, nil
}

// checkEntries checks the archive's entries, before anything is read:
// their number, safe and unique names (case ignored), regular files only,
// compression Témoin uses and no ZIP encryption. It returns them by name.
func checkEntries(zr *zip.Reader) (map[string]*zip.File, error) {
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
	return byName, nil
}

// listing is what a bundle says it holds: manifest.json and SHA256SUMS,
// as read.
type listing struct {
	m           *Manifest
	manifest    []byte // manifest.json
	manifestSum string // its SHA-256
	sumsData    []byte // SHA256SUMS
	sums        map[string]string
	signature   []byte // manifest.json.minisig, if any
	sigSum      string // its SHA-256
}

// readListing reads and parses manifest.json and SHA256SUMS.
func readListing(byName map[string]*zip.File) (*listing, error) {
	l := &listing{}
	var err error
	if l.manifest, l.manifestSum, err = readSmall(byName[NameManifest], maxManifestSize); err != nil {
		return nil, err
	}
	if l.m, err = parseManifest(l.manifest); err != nil {
		return nil, err
	}
	if l.sumsData, _, err = readSmall(byName[NameSums], maxSumsSize); err != nil {
		return nil, err
	}
	if l.sums, err = parseSums(l.sumsData); err != nil {
		return nil, err
	}
	if f := byName[NameSignature]; f != nil {
		if l.signature, l.sigSum, err = readSmall(f, maxSignatureSize); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// expected checks that the manifest lists every file of the archive but
// itself and SHA256SUMS, each once, with a valid size and SHA-256, and
// that SHA256SUMS agrees. It returns the manifest's entries by path.
func (l *listing) expected(byName map[string]*zip.File) (map[string]FileEntry, error) {
	expected := make(map[string]FileEntry, len(l.m.Files))
	for _, fe := range l.m.Files {
		if err := checkEntryName(fe.Path); err != nil {
			return nil, &CheckError{Check: CheckManifest, Name: printable(fe.Path), Err: err}
		}
		switch _, dup := expected[fe.Path]; {
		case fe.Path == NameManifest || fe.Path == NameSums || fe.Path == NameSignature:
			return nil, checkErr(CheckManifest, fe.Path, "the manifest cannot list itself, its signature or SHA256SUMS")
		case dup:
			return nil, checkErr(CheckManifest, fe.Path, "listed twice")
		case fe.Size < 0 || !isHexSHA256(fe.SHA256):
			return nil, checkErr(CheckManifest, fe.Path, "invalid size or SHA-256")
		case byName[fe.Path] == nil:
			return nil, checkErr(CheckManifest, fe.Path, "listed in the manifest but missing from the bundle")
		}
		expected[fe.Path] = fe
	}
	for name := range byName {
		if _, ok := expected[name]; !ok && name != NameManifest && name != NameSums && name != NameSignature {
			return nil, checkErr(CheckManifest, name, "in the bundle but not listed in the manifest")
		}
	}
	return expected, l.checkSums(expected)
}

// checkSums checks that SHA256SUMS lists exactly the manifest's files and
// manifest.json, with the same hashes.
func (l *listing) checkSums(expected map[string]FileEntry) error {
	listed := len(expected) + 1
	if l.signature != nil {
		listed++
		if l.sums[NameSignature] != l.sigSum {
			return checkErr(CheckSums, NameSignature, "its SHA-256 differs from the one in SHA256SUMS")
		}
	}
	if len(l.sums) != listed {
		return checkErr(CheckSums, NameSums, "it lists %d files, the bundle has %d", len(l.sums), listed)
	}
	if l.sums[NameManifest] != l.manifestSum {
		return checkErr(CheckSums, NameManifest, "its SHA-256 differs from the one in SHA256SUMS")
	}
	for name, fe := range expected {
		s, ok := l.sums[name]
		if !ok {
			return checkErr(CheckSums, name, "missing from SHA256SUMS")
		}
		if s != fe.SHA256 {
			return checkErr(CheckSums, name, "SHA256SUMS and the manifest give different SHA-256")
		}
	}
	return nil
}

// fileCheck reads every file of a bundle against the manifest, extracting
// it into out if not nil, and keeps the small JSON files checked later.
type fileCheck struct {
	ctx         context.Context
	out         *extractor
	progress    func(done, total int64)
	expected    map[string]FileEntry
	done, total int64
	kept        map[string][]byte // incidents.json and chain.json
}

// check checks one file: its size, its compression ratio, then its
// content's hash.
func (fc *fileCheck) check(f *zip.File, l *listing) (FileEntry, error) {
	switch f.Name {
	case NameManifest, NameSums, NameSignature:
		// Already read and checked whole.
		data := l.manifest
		switch f.Name {
		case NameSums:
			data = l.sumsData
		case NameSignature:
			data = l.signature
		}
		if fc.out != nil {
			if err := fc.out.write(f.Name, bytes.NewReader(data)); err != nil {
				return FileEntry{}, err
			}
		}
		return FileEntry{Path: f.Name, Size: int64(f.UncompressedSize64), SHA256: l.sums[f.Name]}, nil
	}
	fe := fc.expected[f.Name]
	if f.UncompressedSize64 != uint64(fe.Size) {
		return fe, checkErr(CheckHash, f.Name, "its size (%d) differs from the manifest's (%d)", f.UncompressedSize64, fe.Size)
	}
	if f.Method == zip.Store && f.CompressedSize64 != f.UncompressedSize64 ||
		fe.Size > smallEntryCutoff && f.CompressedSize64*maxDeflateRatio < f.UncompressedSize64 {
		return fe, checkErr(CheckArchive, f.Name, "inconsistent sizes: %w", ErrZipBomb)
	}
	keep := f.Name == NameIncidents || f.Name == NameChain || f.Name == NameSignerKey || strings.HasPrefix(f.Name, TimestampsDir)
	if keep && fe.Size > maxJSONSize {
		return fe, checkErr(CheckHash, f.Name, "too large")
	}
	return fe, fc.read(f, fe, keep)
}

// read reads a file's content through its hash (and, with keep, into
// kept), into the extraction or nowhere, and compares the hash with the
// manifest's.
func (fc *fileCheck) read(f *zip.File, fe FileEntry, keep bool) error {
	rc, err := f.Open()
	if err != nil {
		return classify(f.Name, err)
	}
	defer rc.Close()
	h := sha256.New()
	var kept bytes.Buffer
	var r io.Reader = io.TeeReader(io.LimitReader(rc, fe.Size+1), h)
	if keep {
		r = io.TeeReader(r, &kept)
	}
	r = &progressReader{ctx: fc.ctx, r: r, done: &fc.done, total: fc.total, fn: fc.progress}
	var n int64
	if fc.out != nil {
		n, err = fc.out.writeCounted(f.Name, r)
	} else {
		n, err = io.Copy(io.Discard, r)
	}
	if err != nil {
		return classify(f.Name, err)
	}
	if n != fe.Size || hex.EncodeToString(h.Sum(nil)) != fe.SHA256 {
		return checkErr(CheckHash, f.Name, "its content does not match its SHA-256: the file was changed")
	}
	if keep {
		fc.kept[f.Name] = kept.Bytes()
	}
	return nil
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
	events := make([]vault.ChainEvent, len(cf.Events))
	for i, e := range cf.Events {
		events[i] = e.ChainEvent
	}
	redacted := func(i int) bool { return cf.Events[i].Redacted }
	if err := vault.VerifyRedactedChain(events, redacted, cf.Head); err != nil {
		return nil, &CheckError{Check: CheckChain, Name: NameChain, Err: err}
	}
	return &cf, nil
}

// checkIncidents checks incidents.json against the manifest and the
// chain: the same incidents at the same revisions, each revision recorded
// in the chain with the manifest's hash, and the evidence files where the
// manifest says, with the hashes the incidents give.
func checkIncidents(data []byte, m *Manifest, cf *ChainFile) (*IncidentsFile, error) {
	var inc IncidentsFile
	if err := json.Unmarshal(data, &inc); err != nil {
		return nil, badIncidents("unreadable: %v", err)
	}
	if inc.Format != IncidentsFormatName || inc.Version < 1 {
		return nil, badIncidents("not a list of Témoin incidents")
	}
	if inc.Version > IncidentsFormatVersion {
		return nil, &CheckError{Check: CheckIncidents, Name: NameIncidents, Err: ErrUnsupportedVersion}
	}
	if len(inc.Incidents) != len(m.Incidents) {
		return nil, badIncidents("it holds %d incidents, the manifest lists %d", len(inc.Incidents), len(m.Incidents))
	}
	byID := make(map[string]*app.Incident, len(inc.Incidents))
	for _, in := range inc.Incidents {
		if in == nil || in.ID == "" {
			return nil, badIncidents("an incident has no id")
		}
		if byID[in.ID] != nil {
			return nil, badIncidents("incident %s appears twice", printable(in.ID))
		}
		byID[in.ID] = in
	}
	if err := checkRevisions(byID, m, cf); err != nil {
		return nil, err
	}
	if err := checkEvidence(&inc, byID, m); err != nil {
		return nil, err
	}
	return &inc, nil
}

func badIncidents(format string, args ...any) error {
	return checkErr(CheckIncidents, NameIncidents, format, args...)
}

// checkRevisions checks that each incident of the manifest is in
// incidents.json at the revision the manifest gives, and that the chain
// recorded that revision, with the manifest's hash.
func checkRevisions(byID map[string]*app.Incident, m *Manifest, cf *ChainFile) error {
	for _, e := range m.Incidents {
		in := byID[e.ID]
		if in == nil {
			return badIncidents("incident %s of the manifest is missing", printable(e.ID))
		}
		if in.Revision != e.Revision {
			return badIncidents("incident %s: revision %d, the manifest says %d", e.ID, in.Revision, e.Revision)
		}
		if e.ChainSeq < 1 || e.ChainSeq > uint64(len(cf.Events)) {
			return badIncidents("incident %s: its revision is not in the history", e.ID)
		}
		ev := cf.Events[e.ChainSeq-1]
		if ev.Redacted || ev.Key != app.RevisionKey(e.ID, e.Revision) || ev.Hash != e.RevisionSHA256 ||
			(app.KindOf(ev.ChainEvent) != app.EventCreated && app.KindOf(ev.ChainEvent) != app.EventAmended) {
			return badIncidents("incident %s: revision %d is not the one the history recorded", e.ID, e.Revision)
		}
	}
	return nil
}

// checkEvidence checks that the manifest, incidents.json's file map and
// the incidents' evidence lists agree on every evidence file.
func checkEvidence(inc *IncidentsFile, byID map[string]*app.Incident, m *Manifest) error {
	if len(inc.Files) != len(m.Evidence) {
		return badIncidents("it names %d evidence files, the manifest %d", len(inc.Files), len(m.Evidence))
	}
	files := make(map[string]FileEntry, len(m.Files))
	for _, fe := range m.Files {
		files[fe.Path] = fe
	}
	for _, e := range m.Evidence {
		fe, ok := files[e.Path]
		if !ok || !strings.HasPrefix(e.Path, EvidenceDir) || fe.SHA256 != e.SHA256 || fe.Size != e.Size {
			return badIncidents("evidence %s: its file does not match the manifest", printable(e.ID))
		}
		if inc.Files[e.ID] != e.Path {
			return badIncidents("evidence %s: incidents.json gives another file", printable(e.ID))
		}
		in := byID[e.Incident]
		if in == nil || !slices.ContainsFunc(in.Evidence, func(ev app.Evidence) bool { return ev.ID == e.ID && ev.SHA256 == e.SHA256 }) {
			return badIncidents("evidence %s: not listed with this SHA-256 by its incident", printable(e.ID))
		}
	}
	for _, fe := range m.Files {
		if strings.HasPrefix(fe.Path, EvidenceDir) && !slices.ContainsFunc(m.Evidence, func(e EvidenceEntry) bool { return e.Path == fe.Path }) {
			return badIncidents("%s belongs to no incident", fe.Path)
		}
	}
	return nil
}

// printable shortens and quotes a name taken from a hostile file.
func printable(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}
