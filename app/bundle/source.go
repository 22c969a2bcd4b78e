package bundle

import (
	"context"
	"io"

	"aead.dev/minisign"
	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/vault"
)

// What the bundle reads from a journal, as small interfaces: the
// services of an unlocked app.Journal provide them (JournalSource, and
// j.Cases for the representative's side), and tests give an in-memory
// journal.

// Source is what Export reads from the colleague's journal. The parts the
// report reads (its incidents, evidence, people list, profile and chain)
// also make incidents.json, the evidence files and chain.json, so that
// rapport.pdf and the rest tell the same.
type Source struct {
	report.Source
	// Events gives the whole history, for chain.json.
	Events EventLister
	// Vault names the vault and refuses its passphrase for a bundle.
	Vault VaultIdentity
	// WriteReport writes rapport.pdf and records it in the chain:
	// report.Write.
	WriteReport ReportWriter
	// Timestamps gives the history's trusted time-stamps, put in the
	// bundle (nil: none).
	Timestamps TimestampLister
}

// TimestampLister gives the journal's time-stamps (app.TimestampService).
type TimestampLister interface {
	// Tokens returns every time-stamp kept, oldest history first.
	Tokens() ([]app.Timestamp, error)
}

// EventLister gives the journal's whole history (app.ChainService).
type EventLister interface {
	// Events returns the chain, oldest first.
	Events() ([]vault.ChainEvent, error)
}

// VaultIdentity names the colleague's vault (app.Journal).
type VaultIdentity interface {
	// VaultID returns the vault's random identifier, written in the
	// manifest.
	VaultID() string
	// IsVaultPassphrase reports whether p unlocks the vault: a bundle's
	// passphrase, given to someone else, must not.
	IsVaultPassphrase(p []byte) (bool, error)
	// SigningKey returns the vault's signing key (created on first use):
	// it signs every bundle's manifest.
	SigningKey() (minisign.PrivateKey, error)
}

// ReportWriter writes a report as PDF to w and records it in the chain,
// as report.Write does.
type ReportWriter func(ctx context.Context, src report.Source, opts report.Options, w io.Writer, progress func(done, total int)) (*report.Result, error)

// JournalSource is the Source of an unlocked journal.
func JournalSource(j *app.Journal) Source {
	return Source{Source: report.JournalSource(j), Events: j.Chain, Vault: j, WriteReport: report.Write, Timestamps: j.Timestamps}
}

// CaseLister lists the cases a representative kept (app.CaseService).
type CaseLister interface {
	// List returns the cases, oldest first.
	List() ([]app.Case, error)
}

// CaseReader reads the cases back (app.CaseService).
type CaseReader interface {
	// Identity returns the representative's identity, which every case
	// is encrypted to, or app.ErrNoIdentity.
	Identity() (*age.X25519Identity, error)
	// Open returns a reader of what was kept of a case; the error wraps
	// app.ErrNoCase when there is no such case.
	Open(id string) (io.ReadCloser, *app.Case, error)
}

// CaseKeeper keeps the bundles a representative receives
// (app.CaseService).
type CaseKeeper interface {
	CaseLister
	CaseReader
	SignerRegistry
	// CreateIdentity returns the representative's identity, creating it
	// on first use.
	CreateIdentity() (*age.X25519Identity, error)
	// Add keeps what r gives as a new case, in constant memory;
	// cancelling ctx leaves nothing behind.
	Add(ctx context.Context, r io.Reader, c app.Case, progress func(int64)) (*app.Case, error)
}

// SignerRegistry is the representative's registry of colleagues' signing
// keys (app.CaseService).
type SignerRegistry interface {
	// Signer returns the key trusted for a colleague's journal, or an
	// error wrapping app.ErrNoSigner.
	Signer(vaultID string) (*app.Signer, error)
	// CaseAccepted reports whether the representative accepted a case
	// despite its signer.
	CaseAccepted(caseID string) (bool, error)
}

// CaseRegistry is the cases kept and the registry of their signers
// (app.CaseService).
type CaseRegistry interface {
	CaseLister
	SignerRegistry
}
