package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"

	"aead.dev/minisign"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/vault"
)

// The ZIP inside a bundle, written entry by entry into the encryption:
// rapport.pdf first (it appends its event to the chain, which chain.json
// then includes), LISEZ-MOI.txt, incidents.json, chain.json, the evidence
// streamed from the vault, and last manifest.json and SHA256SUMS, which
// list the hashes of everything before them.

// zipper writes the ZIP of an export and keeps what Export returns.
type zipper struct {
	ctx      context.Context
	src      Source
	opts     ExportOptions
	keys     []string
	signing  minisign.PrivateKey
	progress func(Progress)

	z           *zipOut
	ro          report.Options // the report's choices, its time and language set
	m           *Manifest
	manifestSHA string
	total, done int64    // bytes of evidence
	tokens      [][]byte // the time-stamp responses, in the manifest's order
}

// write writes the whole ZIP to w.
func (x *zipper) write(w io.Writer, selected []*app.Incident, evidence []chosenEvidence) error {
	x.start(w, evidence)
	// The report first: it appends its own event to the chain, which the
	// chain exported below then includes.
	x.progress(Progress{Stage: StageReport, Total: x.total})
	if _, err := x.z.add(NameReport, zip.Deflate, func(w io.Writer) error {
		if _, err := x.src.WriteReport(x.ctx, x.src.Source, x.ro, w, nil); err != nil {
			return fmt.Errorf("failed to write the report: %w", err)
		}
		return nil
	}); err != nil {
		return err
	}
	events, err := x.history()
	if err != nil {
		return err
	}
	if err := x.timestamps(events); err != nil {
		return err
	}
	inc, names, err := x.incidents(selected, evidence, events)
	if err != nil {
		return err
	}
	// A README first in the archive's listing would be nicer, but its text
	// needs nothing computed later; order does not matter to readers.
	if _, err := x.z.addBytes(NameReadme, readme(x.m, len(selected), len(evidence))); err != nil {
		return err
	}
	if err := x.addJSON(NameIncidents, inc); err != nil {
		return err
	}
	chain := &ChainFile{Format: ChainFormatName, Version: ChainFormatVersion, Head: x.m.ChainHead, Events: redactHistory(events, selected)}
	if err := x.addJSON(NameChain, chain); err != nil {
		return err
	}
	if err := x.addSignerKey(); err != nil {
		return err
	}
	for i, data := range x.tokens {
		if _, err := x.z.add(x.m.Timestamps[i].Path, zip.Store, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return err
		}
	}
	x.progress(Progress{Stage: StageEvidence, Total: x.total})
	buf := make([]byte, 1<<20)
	for i, e := range evidence {
		if err := x.addEvidence(names[i], e, buf); err != nil {
			return err
		}
	}
	x.progress(Progress{Stage: StageFinishing, Done: x.done, Total: x.total})
	return x.finish()
}

// start sets the time and language of the export and begins its
// manifest.
func (x *zipper) start(w io.Writer, evidence []chosenEvidence) {
	now := x.opts.Report.Now
	if now.IsZero() {
		now = time.Now()
	}
	// The entries' dates are the person's local time, as archive tools
	// show them (a ZIP's dates have no time zone); the manifest keeps UTC.
	local := now.Truncate(time.Second)
	if local.Location() == time.UTC {
		local = local.In(time.Local)
	}
	now = now.UTC().Truncate(time.Second)
	ro := x.opts.Report
	ro.Now = now
	x.ro = ro
	for _, e := range evidence {
		x.total += e.ev.Size
	}
	x.z = &zipOut{zw: zip.NewWriter(w), modified: local}
	x.m = &Manifest{
		Format: FormatName, Version: FormatVersion, AppVersion: app.Version, ExportedAt: now,
		VaultID: x.src.Vault.VaultID(), Lang: ro.Lang.String(), Pseudonymised: !ro.NoPseudonymize, HealthIncluded: ro.IncludeHealth,
		Since: ro.Since, Until: ro.Until, EncryptedTo: x.keys,
	}
	if len(x.keys) == 0 {
		x.m.EncryptedTo = []string{"passphrase"}
	}
	if pub, ok := x.signing.Public().(minisign.PublicKey); ok {
		x.m.Signer = &SignerEntry{PublicKey: pub.String()}
	}
	if len(ro.IncidentIDs) > 0 {
		x.m.Since, x.m.Until = app.Date{}, app.Date{}
	}
}

// history returns the chain up to now, checked, and sets its head in the
// manifest.
func (x *zipper) history() ([]vault.ChainEvent, error) {
	events, err := x.src.Events.Events()
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
	x.m.ChainHead = head
	return events, nil
}

// incidents returns incidents.json, pseudonymised like the report, and
// the names of the evidence files; it lists each incident in the
// manifest with the chain event that recorded its revision.
func (x *zipper) incidents(selected []*app.Incident, evidence []chosenEvidence, events []vault.ChainEvent) (*IncidentsFile, []string, error) {
	ro := x.ro
	var people []app.Person
	if !ro.NoPseudonymize {
		var err error
		if people, err = x.src.People.List(); err != nil {
			return nil, nil, err
		}
	}
	ps := app.NewPseudonymizer(people)
	revEvent := make(map[string]*vault.ChainEvent)
	for i := range events {
		if events[i].Key != "" {
			revEvent[events[i].Key] = &events[i]
		}
	}
	inc := &IncidentsFile{Format: IncidentsFormatName, Version: IncidentsFormatVersion,
		Pseudonymised: !ro.NoPseudonymize, HealthIncluded: ro.IncludeHealth, Files: map[string]string{}}
	for _, in := range selected {
		ev := revEvent[app.RevisionKey(in.ID, in.Revision)]
		if ev == nil {
			return nil, nil, fmt.Errorf("incident %s was changed during the export: try again", in.ID)
		}
		x.m.Incidents = append(x.m.Incidents, IncidentEntry{ID: in.ID, Revision: in.Revision, RevisionSHA256: ev.Hash, ChainSeq: ev.Seq})
		inc.Incidents = append(inc.Incidents, ps.Incident(in, ro.IncludeHealth))
	}
	names := make([]string, len(evidence))
	for i, e := range evidence {
		// The name as pseudonymised in incidents.json.
		names[i] = evidenceFileName(i+1, ps.Text(e.ev.Name))
		inc.Files[e.ev.ID] = names[i]
	}
	return inc, names, nil
}

// addJSON adds v as an entry of indented JSON.
func (x *zipper) addJSON(name string, v any) error {
	data, err := marshal(v)
	if err != nil {
		return err
	}
	_, err = x.z.addBytes(name, data)
	return err
}

// addEvidence streams one evidence file from the journal into the ZIP,
// through buf, and lists it in the manifest. The journal's reader fails
// at the end if the content does not match its SHA-256.
func (x *zipper) addEvidence(name string, e chosenEvidence, buf []byte) error {
	fe, err := x.z.addHashed(name, zip.Store, e.ev.SHA256, func(w io.Writer) error {
		rc, _, err := x.src.Evidence.Open(e.ev.ID)
		if err != nil {
			return fmt.Errorf("failed to open evidence %s: %w", e.ev.ID, err)
		}
		defer rc.Close()
		return x.copyEvidence(w, rc, e.ev, buf)
	})
	if err != nil {
		return err
	}
	if fe.Size != e.ev.Size {
		return fmt.Errorf("evidence %s (%s) does not match its SHA-256: run \"temoin verify\"", e.ev.ID, e.ev.Name)
	}
	x.m.Evidence = append(x.m.Evidence, EvidenceEntry{ID: e.ev.ID, Incident: e.incident, Path: fe.Path, SHA256: fe.SHA256, Size: fe.Size})
	return nil
}

// copyEvidence copies r to w through buf, reporting progress, until the
// end or a cancellation.
func (x *zipper) copyEvidence(w io.Writer, r io.Reader, ev app.Evidence, buf []byte) error {
	for {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return fmt.Errorf("failed to write the bundle: %w", err)
			}
			x.done += int64(n)
			x.progress(Progress{Stage: StageEvidence, Done: x.done, Total: x.total})
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("failed to read evidence %s (%s): %w", ev.ID, ev.Name, rerr)
		}
	}
}

// finish adds manifest.json, listing every entry before it, its
// signature, then SHA256SUMS, and closes the ZIP.
func (x *zipper) finish() error {
	x.m.Files = slices.Clone(x.z.files)
	data, err := marshal(x.m)
	if err != nil {
		return err
	}
	mf, err := x.z.addBytes(NameManifest, data)
	if err != nil {
		return err
	}
	sig := minisign.NewReader(bytes.NewReader(data))
	if _, err := io.Copy(io.Discard, sig); err != nil {
		return err
	}
	signature := sig.SignWithComments(x.signing, trustedComment(x.m), "signature of manifest.json by the colleague's Témoin journal")
	if _, err := x.z.addBytes(NameSignature, signature); err != nil {
		return err
	}
	var sums strings.Builder
	for _, fe := range x.z.files {
		fmt.Fprintf(&sums, "%s  %s\n", fe.SHA256, fe.Path)
	}
	if _, err := x.z.addBytes(NameSums, []byte(sums.String())); err != nil {
		return err
	}
	if err := x.z.zw.Close(); err != nil {
		return fmt.Errorf("failed to finish the archive: %w", err)
	}
	x.manifestSHA = mf.SHA256
	return nil
}

// addSignerKey adds minisign.pub: the colleague's signing key, as the
// minisign command reads it.
func (x *zipper) addSignerKey() error {
	data, err := app.SignerKeyFile(x.m.Signer.PublicKey)
	if err != nil {
		return fmt.Errorf("failed to write the signing key: %w", err)
	}
	_, err = x.z.addBytes(NameSignerKey, data)
	return err
}

// trustedComment is the signed comment of a bundle's signature: what
// "minisign -V" prints as "Trusted comment", and what the reader checks.
func trustedComment(m *Manifest) string {
	return fmt.Sprintf("temoin-bundle vault_id=%s chain_head=%d:%s exported_at=%s",
		m.VaultID, m.ChainHead.Seq, m.ChainHead.ID, m.ExportedAt.UTC().Format(time.RFC3339))
}

func marshal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("failed to encode: %w", err)
	}
	return append(data, '\n'), nil
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
