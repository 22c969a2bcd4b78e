package bundle

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
)

// The representative's cases: bundles received, checked, then kept in the
// representative's vault, read-only. A case is stored as the bundle's ZIP
// encrypted with age to the representative's own identity (itself kept in
// the vault), inside a vault blob: whatever key or passphrase the colleague
// used, the vault alone opens its cases. Reading a case checks it again.

// ErrAlreadyReceived: this very bundle is already a case.
var ErrAlreadyReceived = errors.New("this bundle was already received")

// Summary is what a case keeps about its bundle, to list, compare and
// count cases without decrypting them (it is sealed in the vault like
// every record).
type Summary struct {
	Manifest  *Manifest      `json:"manifest"`
	History   *History       `json:"history"`
	Incidents *IncidentsFile `json:"incidents"`
	// Continuity is the verdict given when the bundle was received.
	Continuity *Continuity `json:"continuity,omitempty"`
}

// CaseInfo is a case with its summary decoded.
type CaseInfo struct {
	app.Case
	Summary *Summary
	// Signer is what the registry says of the case's signer (set by
	// CheckedCases only).
	Signer SignerCheck
}

// Received is the result of Receive.
type Received struct {
	Case       *app.Case
	Contents   *Contents
	Continuity Continuity
	// Signer says whose key signed the bundle: a colleague the
	// representative trusts ("signed by <name>"), a key to compare with
	// the colleague first (SignerNew), another key than the colleague's
	// (SignerChanged) or none (SignerMissing). Only SignerTrusted counts
	// in the synthesis without an explicit acceptance.
	Signer SignerCheck
}

// ReceiveOptions are the choices when receiving a bundle.
type ReceiveOptions struct {
	// Identities open the bundle, besides the vault's own representative
	// identity (tried first): an identity file, a passphrase.
	Identities []age.Identity
	// Progress, if not nil, is called with bytes done and total, through
	// the check and then the copy into the vault.
	Progress func(done, total int64)
	// TSARoots are the roots time-stamping authorities are trusted by
	// (nil: the system's).
	TSARoots *x509.CertPool
}

// Receive checks the bundle in the file at path (as Open does) and, if it
// passes, keeps it in the vault as a new case. It compares the bundle's
// history with the cases already received from the same colleague and
// returns the verdict (it does not refuse a bundle whose history
// diverges: the representative must see it, with the warning).
func Receive(ctx context.Context, cases CaseKeeper, path string, opts ReceiveOptions) (*Received, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open the bundle: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("failed to open the bundle: %s is not a file", path)
	}
	ids := opts.Identities
	if own, err := cases.Identity(); err == nil {
		ids = append([]age.Identity{own}, ids...)
	} else if !errors.Is(err, app.ErrNoIdentity) {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, app.ErrNoIdentity
	}
	c, a, err := openAt(ctx, f, info.Size(), OpenOptions{Identities: ids, Progress: opts.Progress, TSARoots: opts.TSARoots})
	if err != nil {
		return nil, err
	}
	cont, err := continuityWith(cases, c)
	if err != nil {
		return nil, err
	}
	stored, err := keep(ctx, cases, a, c, cont, filepath.Base(path), opts.Progress)
	if err != nil {
		return nil, err
	}
	signer, err := CheckSigner(cases, c.Manifest, c.Signer, stored.ID)
	if err != nil {
		return nil, err
	}
	return &Received{Case: stored, Contents: c, Continuity: cont, Signer: signer}, nil
}

// continuityWith compares the history of an opened bundle with the cases
// already kept, and refuses a bundle already received.
func continuityWith(cases CaseLister, c *Contents) (Continuity, error) {
	existing, err := Cases(cases)
	if err != nil {
		return Continuity{}, err
	}
	var earlier []*History
	var caseIDs []string
	for _, e := range existing {
		if e.Summary == nil || e.Summary.History == nil {
			continue
		}
		if e.Summary.History.ManifestSHA256 == c.ManifestSHA256 {
			return Continuity{}, fmt.Errorf("%w (case %s)", ErrAlreadyReceived, e.ID)
		}
		earlier = append(earlier, e.Summary.History)
		caseIDs = append(caseIDs, e.ID)
	}
	return CheckContinuity(c.History(), earlier, caseIDs), nil
}

// keep stores a checked bundle as a new case: its ZIP, encrypted to the
// representative's identity (created on first use), streamed into the
// vault, with its summary.
func keep(ctx context.Context, cases CaseKeeper, a *archive, c *Contents, cont Continuity, name string, progress func(done, total int64)) (*app.Case, error) {
	own, err := cases.CreateIdentity()
	if err != nil {
		return nil, err
	}
	summary, err := json.Marshal(&Summary{Manifest: c.Manifest, History: c.History(), Incidents: c.Incidents, Continuity: &cont})
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		aw, err := age.Encrypt(pw, own.Recipient())
		if err == nil {
			_, err = io.Copy(aw, &ctxReader{ctx: ctx, r: io.NewSectionReader(a.plain, 0, a.size)})
		}
		if err == nil {
			err = aw.Close()
		}
		pw.CloseWithError(err)
	}()
	var added func(int64)
	if progress != nil {
		added = func(n int64) { progress(n, a.size) }
	}
	stored, err := cases.Add(ctx, pr, app.Case{Name: name, Summary: summary}, added)
	pr.CloseWithError(errors.New("stopped"))
	if err != nil {
		return nil, classify("", err)
	}
	return stored, nil
}

// Cases returns the cases of the vault, oldest first, with their
// summaries.
func Cases(list CaseLister) ([]CaseInfo, error) {
	cases, err := list.List()
	if err != nil {
		return nil, err
	}
	out := make([]CaseInfo, len(cases))
	for i, c := range cases {
		out[i] = CaseInfo{Case: c}
		var s Summary
		if len(c.Summary) > 0 && json.Unmarshal(c.Summary, &s) == nil && s.Manifest != nil {
			out[i].Summary = &s
		}
	}
	return out, nil
}

// OpenCase checks a case again and, with opts.OutDir, extracts it (the
// identities of opts are not needed: the vault's own is used).
func OpenCase(ctx context.Context, cases CaseReader, id string, opts OpenOptions) (*Contents, error) {
	c, _, cleanup, err := openCase(ctx, cases, id, opts)
	if err != nil {
		return nil, err
	}
	cleanup()
	return c, nil
}

func openCase(ctx context.Context, cases CaseReader, id string, opts OpenOptions) (*Contents, *archive, func(), error) {
	own, err := cases.Identity()
	if err != nil {
		return nil, nil, nil, err
	}
	rc, _, err := cases.Open(id)
	if err != nil {
		return nil, nil, nil, err
	}
	f, size, err := spool(ctx, rc)
	rc.Close()
	if err != nil {
		return nil, nil, nil, err
	}
	cleanup := func() {
		f.Close()
		os.Remove(f.Name())
	}
	opts.Identities = []age.Identity{own}
	c, a, err := openAt(ctx, f, size, opts)
	if err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	return c, a, cleanup, nil
}

// CaseFile writes one file of a case (NameReport for the report, an
// evidence path...) to w, after checking the whole case again. Nothing is
// written to disk but the case still encrypted, in a temporary file
// removed before CaseFile returns.
func CaseFile(ctx context.Context, cases CaseReader, id, name string, w io.Writer) error {
	c, a, cleanup, err := openCase(ctx, cases, id, OpenOptions{})
	if err != nil {
		return err
	}
	defer cleanup()
	want := -1
	for i, fe := range c.Files {
		if fe.Path == name {
			want = i
		}
	}
	if want < 0 {
		return fmt.Errorf("no file %q in this bundle", name)
	}
	for _, f := range a.zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return classify(name, err)
		}
		defer rc.Close()
		if _, err := io.Copy(w, &ctxReader{ctx: ctx, r: rc}); err != nil {
			return classify(name, err)
		}
		return nil
	}
	return fmt.Errorf("no file %q in this bundle", name)
}

// CheckedCases returns the cases of the vault, oldest first, with their
// summaries and what the registry says of their signers.
func CheckedCases(k CaseRegistry) ([]CaseInfo, error) {
	cases, err := Cases(k)
	if err != nil {
		return nil, err
	}
	for i := range cases {
		var m *Manifest
		if cases[i].Summary != nil {
			m = cases[i].Summary.Manifest
		}
		if m == nil {
			continue
		}
		if cases[i].Signer, err = CheckSigner(k, m, signerOf(m), cases[i].ID); err != nil {
			return nil, err
		}
	}
	return cases, nil
}

// SynthesisCases returns the synthesis inputs of the cases that may be
// counted (SignerCheck.Counts: signed by the colleague's trusted key, or
// accepted explicitly), and the cases left out, for the representative
// to see why.
func SynthesisCases(k CaseRegistry) ([]SynthesisInput, []CaseInfo, error) {
	cases, err := CheckedCases(k)
	if err != nil {
		return nil, nil, err
	}
	var inputs []SynthesisInput
	var left []CaseInfo
	for _, c := range cases {
		if !c.Signer.Counts() {
			left = append(left, c)
			continue
		}
		in, err := InputOfCase(c)
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, left, nil
}
