package bundle

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/internal/writeback"
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
	// PassphraseWorkFactor is the cost of opening a passphrase bundle, as
	// log2 of scrypt's N: 0 for age's default (18, about a second). Each
	// step up doubles the time a guess takes, for whoever opens it too;
	// the reader accepts up to 22.
	PassphraseWorkFactor int

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

// Export writes an encrypted bundle of the journal for representatives:
// a ZIP written straight into an age encryption, straight into the output
// file. Nothing readable is ever written to disk, and no evidence file is
// held whole in memory, whatever its size. On success, an "exported" event
// naming the recipients' public keys, with the manifest's SHA-256 as its
// hash, is appended to the vault's chain. On error or cancellation, the
// partial file is removed and the chain is left as it was (but for the
// "report_generated" event of the report, which was made).
func Export(ctx context.Context, src Source, opts ExportOptions) (*ExportResult, error) {
	progress := func(p Progress) {
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}
	progress(Progress{Stage: StagePreparing})
	recipients, keys, err := exportRecipients(src.Vault, opts)
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
	selected, err := selectIncidents(src.Incidents, opts.Report)
	if err != nil {
		return nil, err
	}
	evidence, err := selectEvidence(selected, opts.Evidence)
	if err != nil {
		return nil, err
	}

	signing, err := src.Vault.SigningKey()
	if err != nil {
		return nil, fmt.Errorf("failed to read the journal's signing key: %w", err)
	}
	z := &zipper{ctx: ctx, src: src, opts: opts, keys: keys, signing: signing, progress: progress}
	size, err := writeFile(ctx, opts.Out, opts.Overwrite, recipients, func(w io.Writer) error {
		return z.write(w, selected, evidence)
	})
	if err != nil {
		return nil, err
	}
	return record(src, opts.Out, size, keys, z, progress)
}

// record appends the "exported" event to the chain once the bundle is
// written, and returns what Export made. Without the event, the bundle is
// withdrawn: every bundle that leaves must be in the history.
func record(src Source, out string, size int64, keys []string, z *zipper, progress func(Progress)) (*ExportResult, error) {
	// The event names the bundle by its manifest's hash, which names the
	// recipients: the event itself names nobody, so that later bundles
	// can carry it in full (redact.go).
	if err := src.Chain.Log(app.EventExported, "", z.manifestSHA); err != nil {
		os.Remove(out)
		return nil, fmt.Errorf("failed to record the export in the history: %w", err)
	}
	res := &ExportResult{Path: out, Size: size, Manifest: z.m, ManifestSHA256: z.manifestSHA, Recipients: keys}
	if events, err := src.Events.Events(); err == nil && len(events) > 0 {
		res.Event = events[len(events)-1]
	}
	progress(Progress{Stage: StageFinishing, Done: z.total, Total: z.total})
	return res, nil
}

// writeFile writes what write gives, encrypted to recipients, into a new
// file at out: first out+".partial", removed on any error, then renamed
// to out once it is complete and synced. Unless overwrite, a file that
// appeared at out in the meantime is never replaced. It returns the
// file's size.
func writeFile(ctx context.Context, out string, overwrite bool, recipients []age.Recipient, write func(io.Writer) error) (int64, error) {
	partial := out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		// A partial file left by a crash: nothing readable is in it.
		os.Remove(partial)
		f, err = os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		return 0, fmt.Errorf("failed to create the bundle: %w", err)
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(partial)
		}
	}()
	size, err := encryptInto(f, recipients, write)
	if err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := publish(partial, out, overwrite); err != nil {
		return 0, err
	}
	done = true
	syncDir(filepath.Dir(out))
	return size, nil
}

// encryptInto writes what write gives, encrypted to recipients, into f,
// syncs and closes it, and returns its size. The disk starts writing the
// bundle while it is made (writeback), so that the final sync of a
// bundle of gigabytes waits for its last megabytes only.
func encryptInto(f *os.File, recipients []age.Recipient, write func(io.Writer) error) (int64, error) {
	fw := writeback.New(f)
	defer fw.Stop()
	bw := bufio.NewWriterSize(fw, 1<<20)
	aw, err := age.Encrypt(bw, recipients...)
	if err != nil {
		return 0, fmt.Errorf("failed to start encrypting: %w", err)
	}
	if err := write(aw); err != nil {
		return 0, err
	}
	if err := aw.Close(); err != nil {
		return 0, fmt.Errorf("failed to finish encrypting: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := fw.Stop(); err != nil {
		return 0, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("failed to write the bundle: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("failed to write the bundle: %w", err)
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("failed to write the bundle: %w", err)
	}
	return info.Size(), nil
}

// publish gives the complete partial file its name.
func publish(partial, out string, overwrite bool) error {
	if overwrite {
		if err := os.Rename(partial, out); err != nil {
			return fmt.Errorf("failed to write the bundle: %w", err)
		}
		return nil
	}
	// Link then remove: never replaces a file that appeared meanwhile.
	if err := os.Link(partial, out); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w: %s", ErrExists, out)
		}
		if err := os.Rename(partial, out); err != nil {
			return fmt.Errorf("failed to write the bundle: %w", err)
		}
		return nil
	}
	os.Remove(partial)
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
