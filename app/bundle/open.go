package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"

	"filippo.io/age"
)

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
	maxSignatureSize = 4 << 10
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
	// TSARoots are the roots time-stamping authorities are trusted by
	// (nil: the system's). A time-stamp whose authority is not trusted is
	// still checked and shown, as untrusted.
	TSARoots *x509.CertPool
}

// Contents describes a bundle that passed every check.
type Contents struct {
	Manifest *Manifest
	// ManifestSHA256 is the hex SHA-256 of manifest.json: the hash of the
	// "exported" event the colleague's vault recorded for this bundle.
	ManifestSHA256 string
	Incidents      *IncidentsFile
	Chain          *ChainFile
	// Timestamps are the bundle's time-stamps, checked against its history.
	Timestamps []TimestampCheck
	// Signer is the key that signed manifest.json (nil for a bundle of
	// version 1, which is not signed). The signature was checked; whose
	// key it is, only the representative's registry can say (CheckSigner).
	Signer *SignerInfo
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
	total, err := checkLayout(a.zr, a.size)
	if err != nil {
		return nil, nil, err
	}
	var out *extractor
	if opts.OutDir != "" {
		if out, err = newExtractor(opts.OutDir, total); err != nil {
			return nil, nil, err
		}
		defer out.abort()
	}
	c, err := check(ctx, a.zr, out, opts.Progress, opts.TSARoots)
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

// History returns what continuity checks need from an opened bundle.
func (c *Contents) History() *History {
	return &History{
		VaultID: c.Manifest.VaultID, ExportedAt: c.Manifest.ExportedAt, Head: c.Manifest.ChainHead,
		IDs: chainIDs(c.Chain.Events), ManifestSHA256: c.ManifestSHA256, ExportHashes: exportHashes(c.Chain.Events),
	}
}
