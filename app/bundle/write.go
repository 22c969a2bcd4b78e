package bundle

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/vault"
)

// Errors of Export, tested with errors.Is.
var (
	// ErrNoRecipient: neither a public key nor a passphrase was given.
	ErrNoRecipient = errors.New("no recipient: give a representative's key or a passphrase")
	// ErrPassphraseAndKeys: a passphrase cannot be combined with keys
	// (age's rule: the passphrase must be the only recipient).
	ErrPassphraseAndKeys = errors.New("a passphrase-protected bundle cannot also be encrypted to keys")
	// ErrVaultPassphrase: the bundle's passphrase is the vault's own.
	ErrVaultPassphrase = errors.New("this is the passphrase of your journal: choose another one for the bundle, since you will give it to someone")
	// ErrNoIncident: the selection is empty.
	ErrNoIncident = report.ErrNoIncident
	// ErrExists: the output file already exists.
	ErrExists = errors.New("the file already exists")
)

// EvidenceChoice says which evidence files go into the bundle. The zero
// value includes every file of the incidents selected.
type EvidenceChoice struct {
	None bool     // no evidence file at all
	IDs  []string // only these (ids of evidence of the selected incidents)
}

// ExportOptions are the choices of an export.
type ExportOptions struct {
	// Out is the path of the bundle to write (see DefaultFileName). It is
	// written as Out+".partial" and renamed when complete.
	Out string
	// Overwrite replaces Out if it exists; otherwise ErrExists.
	Overwrite bool

	// To are the recipients' age public keys ("age1…"). Passphrase is the
	// alternative: age's scrypt recipient, which must be alone.
	To         []string
	Passphrase []byte

	// Report holds the selection (period or incidents) and the choices
	// (language, pseudonymisation, health...): incidents.json follows the
	// same choices as rapport.pdf.
	Report report.Options
	// Evidence chooses the evidence files included.
	Evidence EvidenceChoice

	// Progress, if not nil, is called as the export goes: from the
	// goroutine of Export, often (at least every megabyte of evidence).
	Progress func(Progress)
}

// Stage names what an export is doing, for a progress bar's label.
type Stage int

// The stages of an export, in order.
const (
	StagePreparing Stage = iota
	StageReport
	StageEvidence
	StageFinishing
)

// Progress reports an export's advance. Done and Total count bytes of
// evidence (Total may be 0 when there is none).
type Progress struct {
	Stage       Stage
	Done, Total int64
}

// ExportResult describes a bundle written.
type ExportResult struct {
	Path     string
	Size     int64 // of the encrypted file
	Manifest *Manifest
	// ManifestSHA256 is the hex SHA-256 of manifest.json: it is the hash
	// of the "exported" event added to the vault's chain.
	ManifestSHA256 string
	// Recipients are the public keys the bundle is encrypted to (nil for a
	// passphrase).
	Recipients []string
	// Event is the "exported" event appended to the chain.
	Event vault.ChainEvent
}

// DefaultFileName is the bundle's default name: temoin-AAAA-MM-JJ.zip.age.
func DefaultFileName(t time.Time) string {
	return "temoin-" + t.Format("2006-01-02") + ".zip.age"
}

// writeReport writes rapport.pdf. A variable so that tests can run while
// the report is being written by someone else (UseReportStubForTesting).
var writeReport = report.Write

// scryptWorkFactor is the cost of passphrase bundles (log2 of scrypt's N).
var scryptWorkFactor = defaultScryptWorkFactor

// Export writes an encrypted bundle of the journal for representatives:
// a ZIP written straight into an age encryption, straight into the output
// file. Nothing readable is ever written to disk, and no evidence file is
// held whole in memory, whatever its size. On success, an "exported" event
// naming the recipients' public keys, with the manifest's SHA-256 as its
// hash, is appended to the vault's chain. On error or cancellation, the
// partial file is removed and the chain is left as it was (but for the
// "report_generated" event of the report, which was made).
func Export(ctx context.Context, j *app.Journal, opts ExportOptions) (res *ExportResult, err error) {
	progress := func(p Progress) {
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}
	progress(Progress{Stage: StagePreparing})

	recipients, keys, err := exportRecipients(j, opts)
	if err != nil {
		return nil, err
	}
	if opts.Out == "" {
		return nil, errors.New("no output file given")
	}
	if !opts.Overwrite {
		if _, err := os.Lstat(opts.Out); err == nil {
			return nil, fmt.Errorf("%w: %s", ErrExists, opts.Out)
		}
	}
	selected, err := selectIncidents(j, opts.Report)
	if err != nil {
		return nil, err
	}
	evidence, err := selectEvidence(selected, opts.Evidence)
	if err != nil {
		return nil, err
	}

	partial := opts.Out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		// A partial file left by a crash: nothing readable is in it.
		os.Remove(partial)
		f, err = os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to create the bundle: %w", err)
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(partial)
		}
	}()

	bw := bufio.NewWriterSize(f, 1<<20)
	aw, err := age.Encrypt(bw, recipients...)
	if err != nil {
		return nil, fmt.Errorf("failed to start encrypting: %w", err)
	}
	m, err := writeZip(ctx, j, aw, opts, selected, evidence, keys, progress)
	if err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, fmt.Errorf("failed to finish encrypting: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("failed to write the bundle: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !opts.Overwrite {
		// Link then remove: never replaces a file that appeared meanwhile.
		if err := os.Link(partial, opts.Out); err != nil {
			if errors.Is(err, os.ErrExist) {
				return nil, fmt.Errorf("%w: %s", ErrExists, opts.Out)
			}
			if err := os.Rename(partial, opts.Out); err != nil {
				return nil, fmt.Errorf("failed to write the bundle: %w", err)
			}
		} else {
			os.Remove(partial)
		}
	} else if err := os.Rename(partial, opts.Out); err != nil {
		return nil, fmt.Errorf("failed to write the bundle: %w", err)
	}
	done = true
	syncDir(filepath.Dir(opts.Out))

	subject := "passphrase"
	if len(keys) > 0 {
		subject = strings.Join(keys, " ")
	}
	if err := j.Log(app.EventExported, subject, m.sha); err != nil {
		// Every bundle that leaves must be in the history: without the
		// event, the bundle is withdrawn.
		os.Remove(opts.Out)
		return nil, fmt.Errorf("failed to record the export in the history: %w", err)
	}
	res = &ExportResult{Path: opts.Out, Size: info.Size(), Manifest: m.manifest, ManifestSHA256: m.sha, Recipients: keys}
	if events, err := j.Events(); err == nil && len(events) > 0 {
		res.Event = events[len(events)-1]
	}
	progress(Progress{Stage: StageFinishing, Done: m.total, Total: m.total})
	return res, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// exportRecipients checks the recipients: valid keys, or one passphrase
// that is not the vault's own.
func exportRecipients(j *app.Journal, opts ExportOptions) ([]age.Recipient, []string, error) {
	if len(opts.Passphrase) > 0 {
		if len(opts.To) > 0 {
			return nil, nil, ErrPassphraseAndKeys
		}
		if err := app.CheckPassphrase(opts.Passphrase); err != nil {
			return nil, nil, err
		}
		same, err := j.IsVaultPassphrase(opts.Passphrase)
		if err != nil {
			return nil, nil, err
		}
		if same {
			return nil, nil, ErrVaultPassphrase
		}
		r, err := age.NewScryptRecipient(string(opts.Passphrase))
		if err != nil {
			return nil, nil, fmt.Errorf("invalid passphrase: %w", err)
		}
		r.SetWorkFactor(scryptWorkFactor)
		return []age.Recipient{r}, nil, nil
	}
	if len(opts.To) == 0 {
		return nil, nil, ErrNoRecipient
	}
	var rs []age.Recipient
	var keys []string
	for _, k := range opts.To {
		key, err := app.ParsePublicKey(k)
		if err != nil {
			return nil, nil, err
		}
		if slices.Contains(keys, key) {
			continue
		}
		r, err := age.ParseX25519Recipient(key)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", app.ErrInvalidKey, err)
		}
		rs = append(rs, r)
		keys = append(keys, key)
	}
	return rs, keys, nil
}

// selectIncidents applies the report's selection: hand-picked incidents,
// else the period. The result is sorted oldest first.
func selectIncidents(j *app.Journal, ro report.Options) ([]*app.Incident, error) {
	f := app.Filter{Since: ro.Since, Until: ro.Until}
	if len(ro.IncidentIDs) > 0 {
		f = app.Filter{}
		for _, id := range ro.IncidentIDs {
			full, err := j.Resolve(id)
			if err != nil {
				return nil, err
			}
			f.IDs = append(f.IDs, full)
		}
	}
	list := j.List(f)
	if len(list) == 0 {
		return nil, ErrNoIncident
	}
	out := make([]*app.Incident, len(list))
	for i, in := range list {
		out[len(list)-1-i] = in.Clone()
	}
	return out, nil
}

type chosenEvidence struct {
	incident string
	ev       app.Evidence
}

func selectEvidence(incidents []*app.Incident, choice EvidenceChoice) ([]chosenEvidence, error) {
	if choice.None {
		return nil, nil
	}
	var out []chosenEvidence
	found := make(map[string]bool)
	for _, in := range incidents {
		for _, ev := range in.Evidence {
			if ev.IsLink() {
				continue
			}
			if len(choice.IDs) > 0 && !slices.ContainsFunc(choice.IDs, func(id string) bool {
				return id == ev.ID || (len(id) >= 4 && strings.HasPrefix(ev.ID, strings.ToLower(id)))
			}) {
				continue
			}
			found[ev.ID] = true
			out = append(out, chosenEvidence{incident: in.ID, ev: ev})
		}
	}
	for _, id := range choice.IDs {
		ok := false
		for f := range found {
			if f == id || (len(id) >= 4 && strings.HasPrefix(f, strings.ToLower(id))) {
				ok = true
			}
		}
		if !ok {
			return nil, &app.IDError{Err: app.ErrNoEvidence, ID: id}
		}
	}
	return out, nil
}

// zipOut writes the entries of the ZIP and remembers their hashes.
type zipOut struct {
	zw       *zip.Writer
	modified time.Time
	files    []FileEntry
}

type hashCounter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hc *hashCounter) Write(p []byte) (int, error) {
	n, err := hc.w.Write(p)
	if hc.h != nil {
		hc.h.Write(p[:n])
	}
	hc.n += int64(n)
	return n, err
}

// add writes one entry: deflated text, or stored (for evidence, already
// compressed as a rule).
func (z *zipOut) add(name string, method uint16, write func(w io.Writer) error) (FileEntry, error) {
	return z.addHashed(name, method, "", write)
}

// addHashed is add for content whose SHA-256 is already known and checked
// by its reader (evidence: the vault's reader fails at the end if the
// content does not match): it is not computed a second time.
func (z *zipOut) addHashed(name string, method uint16, known string, write func(w io.Writer) error) (FileEntry, error) {
	fh := &zip.FileHeader{Name: name, Method: method, Modified: z.modified}
	fh.SetMode(0o600)
	w, err := z.zw.CreateHeader(fh)
	if err != nil {
		return FileEntry{}, fmt.Errorf("failed to add %s: %w", name, err)
	}
	hc := &hashCounter{w: w}
	if known == "" {
		hc.h = sha256.New()
	}
	if err := write(hc); err != nil {
		return FileEntry{}, err
	}
	fe := FileEntry{Path: name, Size: hc.n, SHA256: known}
	if hc.h != nil {
		fe.SHA256 = hex.EncodeToString(hc.h.Sum(nil))
	}
	z.files = append(z.files, fe)
	return fe, nil
}

func (z *zipOut) addBytes(name string, data []byte) (FileEntry, error) {
	return z.add(name, zip.Deflate, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

type written struct {
	manifest *Manifest
	sha      string
	total    int64
}

func writeZip(ctx context.Context, j *app.Journal, w io.Writer, opts ExportOptions, selected []*app.Incident,
	evidence []chosenEvidence, keys []string, progress func(Progress)) (*written, error) {
	now := opts.Report.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Second)
	ro := opts.Report
	ro.Now = now
	var total int64
	for _, e := range evidence {
		total += e.ev.Size
	}

	z := &zipOut{zw: zip.NewWriter(w), modified: now}
	m := &Manifest{
		Format: FormatName, Version: FormatVersion, AppVersion: app.Version, ExportedAt: now,
		VaultID: j.VaultID(), Lang: ro.Lang.String(), Pseudonymised: !ro.NoPseudonymize, HealthIncluded: ro.IncludeHealth,
		Since: ro.Since, Until: ro.Until, EncryptedTo: keys,
	}
	if len(keys) == 0 {
		m.EncryptedTo = []string{"passphrase"}
	}
	if len(ro.IncidentIDs) > 0 {
		m.Since, m.Until = app.Date{}, app.Date{}
	}

	// The report first: it appends its own event to the chain, which the
	// chain exported below then includes.
	progress(Progress{Stage: StageReport, Total: total})
	_, err := z.add(NameReport, zip.Deflate, func(w io.Writer) error {
		_, err := writeReport(ctx, j, ro, w, nil)
		if err != nil {
			return fmt.Errorf("failed to write the report: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	// The history, up to now.
	events, err := j.Events()
	if err != nil {
		return nil, err
	}
	head := vault.ChainHead{ID: vault.GenesisID}
	if len(events) > 0 {
		head = vault.ChainHead{Seq: events[len(events)-1].Seq, ID: events[len(events)-1].ID}
	}
	if err := vault.VerifyChain(events, head); err != nil {
		return nil, fmt.Errorf("the journal's history does not hold (run \"temoin verify\"): %w", err)
	}
	m.ChainHead = head
	revEvent := make(map[string]*vault.ChainEvent)
	for i := range events {
		if events[i].Key != "" {
			revEvent[events[i].Key] = &events[i]
		}
	}

	// incidents.json, pseudonymised like the report.
	var people []app.Person
	if !ro.NoPseudonymize {
		if people, err = j.People(); err != nil {
			return nil, err
		}
	}
	ps := app.NewPseudonymizer(people)
	inc := &IncidentsFile{Format: IncidentsFormatName, Version: IncidentsFormatVersion,
		Pseudonymised: !ro.NoPseudonymize, HealthIncluded: ro.IncludeHealth, Files: map[string]string{}}
	for _, in := range selected {
		ev := revEvent[app.RevisionKey(in.ID, in.Revision)]
		if ev == nil {
			return nil, fmt.Errorf("incident %s was changed during the export: try again", in.ID)
		}
		m.Incidents = append(m.Incidents, IncidentEntry{ID: in.ID, Revision: in.Revision, RevisionSHA256: ev.Hash, ChainSeq: ev.Seq})
		inc.Incidents = append(inc.Incidents, ps.Incident(in, ro.IncludeHealth))
	}
	names := make([]string, len(evidence))
	for i, e := range evidence {
		// The name as pseudonymised in incidents.json.
		names[i] = evidenceFileName(i+1, ps.Text(e.ev.Name))
		inc.Files[e.ev.ID] = names[i]
	}

	// A README first in the archive's listing would be nicer, but its text
	// needs nothing computed later; order does not matter to readers.
	if _, err := z.addBytes(NameReadme, readme(m, len(selected), len(evidence))); err != nil {
		return nil, err
	}
	data, err := marshal(inc)
	if err != nil {
		return nil, err
	}
	if _, err := z.addBytes(NameIncidents, data); err != nil {
		return nil, err
	}
	data, err = marshal(&ChainFile{Format: ChainFormatName, Version: ChainFormatVersion, Head: head, Events: events})
	if err != nil {
		return nil, err
	}
	if _, err := z.addBytes(NameChain, data); err != nil {
		return nil, err
	}

	// The evidence, streamed from the vault.
	var done int64
	progress(Progress{Stage: StageEvidence, Total: total})
	buf := make([]byte, 1<<20)
	for i, e := range evidence {
		fe, err := z.addHashed(names[i], zip.Store, e.ev.SHA256, func(w io.Writer) error {
			rc, _, err := j.OpenEvidence(e.ev.ID)
			if err != nil {
				return fmt.Errorf("failed to open evidence %s: %w", e.ev.ID, err)
			}
			defer rc.Close()
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				n, rerr := io.ReadFull(rc, buf)
				if n > 0 {
					if _, err := w.Write(buf[:n]); err != nil {
						return fmt.Errorf("failed to write the bundle: %w", err)
					}
					done += int64(n)
					progress(Progress{Stage: StageEvidence, Done: done, Total: total})
				}
				if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
					return nil
				}
				if rerr != nil {
					return fmt.Errorf("failed to read evidence %s (%s): %w", e.ev.ID, e.ev.Name, rerr)
				}
			}
		})
		if err != nil {
			return nil, err
		}
		if fe.Size != e.ev.Size {
			return nil, fmt.Errorf("evidence %s (%s) does not match its SHA-256: run \"temoin verify\"", e.ev.ID, e.ev.Name)
		}
		m.Evidence = append(m.Evidence, EvidenceEntry{ID: e.ev.ID, Incident: e.incident, Path: fe.Path, SHA256: fe.SHA256, Size: fe.Size})
	}

	progress(Progress{Stage: StageFinishing, Done: done, Total: total})
	m.Files = slices.Clone(z.files)
	data, err = marshal(m)
	if err != nil {
		return nil, err
	}
	mf, err := z.addBytes(NameManifest, data)
	if err != nil {
		return nil, err
	}
	var sums strings.Builder
	for _, fe := range z.files {
		fmt.Fprintf(&sums, "%s  %s\n", fe.SHA256, fe.Path)
	}
	if _, err := z.addBytes(NameSums, []byte(sums.String())); err != nil {
		return nil, err
	}
	if err := z.zw.Close(); err != nil {
		return nil, fmt.Errorf("failed to finish the archive: %w", err)
	}
	return &written{manifest: m, sha: mf.SHA256, total: total}, nil
}

func marshal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("failed to encode: %w", err)
	}
	return append(data, '\n'), nil
}
