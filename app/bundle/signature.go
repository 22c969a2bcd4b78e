package bundle

import (
	"bytes"
	"errors"
	"fmt"

	"aead.dev/minisign"

	"github.com/temoin-app/temoin/app"
)

// Signed bundles (version 2 on). The colleague's journal signs
// manifest.json with its minisign key (app.Journal.SigningKey): the
// signature is manifest.json.minisig, the key minisign.pub, and the
// manifest names the key too. Since the manifest holds the SHA-256 of
// every other file, the signature covers the whole bundle; anyone can
// check it with "minisign -V -p minisign.pub -m manifest.json".
//
// A valid signature only says that the holder of that key made the
// bundle. Whose key it is, the representative learns once, by comparing
// its fingerprint with the colleague, and keeps in the registry
// (app.CaseService.TrustSigner); CheckSigner then tells a bundle of a
// known colleague from one made by someone else with the colleague's
// vault id.

// SignerInfo is the key that signed a bundle.
type SignerInfo struct {
	// PublicKey is the minisign public key ("RW…").
	PublicKey string
	// Fingerprint is its fingerprint, to compare over the phone
	// (app.SignerFingerprint).
	Fingerprint string
	// TrustedComment is the signed comment, as minisign -V prints it.
	TrustedComment string
}

// checkSignature checks manifest.json.minisig against manifest.json and
// the key the manifest names. A bundle of version 1 has no signature.
func (l *listing) checkSignature() (*SignerInfo, error) {
	if l.m.Version < 2 {
		if l.signature != nil {
			return nil, checkErr(CheckSignature, NameSignature, "a bundle of version 1 is not signed")
		}
		return nil, nil
	}
	if l.signature == nil {
		return nil, checkErr(CheckSignature, NameSignature, "the signature is missing")
	}
	if l.m.Signer == nil {
		return nil, checkErr(CheckSignature, NameManifest, "the manifest does not name its signer")
	}
	key, err := app.ParseSignerKey(l.m.Signer.PublicKey)
	if err != nil {
		return nil, &CheckError{Check: CheckSignature, Name: NameManifest, Err: err}
	}
	var pub minisign.PublicKey
	if err := pub.UnmarshalText([]byte("untrusted comment: signer\n" + key)); err != nil {
		return nil, &CheckError{Check: CheckSignature, Name: NameManifest, Err: err}
	}
	var sig minisign.Signature
	if err := sig.UnmarshalText(l.signature); err != nil {
		return nil, checkErr(CheckSignature, NameSignature, "unreadable: %v", err)
	}
	if !minisign.NewReader(bytes.NewReader(l.manifest)).Verify(pub, l.signature) && !minisign.Verify(pub, l.manifest, l.signature) {
		return nil, checkErr(CheckSignature, NameSignature, "manifest.json is not signed by the key it names: the bundle was changed")
	}
	if sig.TrustedComment != trustedComment(l.m) {
		return nil, checkErr(CheckSignature, NameSignature, "the signed comment does not match the manifest")
	}
	return &SignerInfo{PublicKey: key, Fingerprint: app.SignerFingerprint(key), TrustedComment: sig.TrustedComment}, nil
}

// checkSignerKeyFile checks that minisign.pub holds the key the manifest
// names (its hash was checked with every file's).
func checkSignerKeyFile(data []byte, m *Manifest) error {
	if m.Version < 2 {
		if data != nil {
			return checkErr(CheckSignature, NameSignerKey, "a bundle of version 1 is not signed")
		}
		return nil
	}
	if data == nil {
		return checkErr(CheckSignature, NameSignerKey, "the signing key is missing")
	}
	key, err := app.ParseSignerKey(string(data))
	if err != nil || key != m.Signer.PublicKey {
		return checkErr(CheckSignature, NameSignerKey, "it does not hold the key the manifest names")
	}
	return nil
}

// SignerStatus says whose key signed a bundle, as far as the
// representative's registry knows.
type SignerStatus string

// The signer statuses.
const (
	// SignerTrusted: signed by the key the representative trusted for this
	// colleague's journal: "signed by <name>".
	SignerTrusted SignerStatus = "trusted"
	// SignerNew: no key is trusted yet for this colleague's journal: the
	// representative compares the fingerprint with the colleague, then
	// trusts the key under a name.
	SignerNew SignerStatus = "new"
	// SignerChanged: signed by another key than the one trusted for this
	// colleague's journal: made by someone else with the colleague's
	// vault id, unless the colleague started a new journal.
	SignerChanged SignerStatus = "changed"
	// SignerMissing: not signed (version 1: an older Témoin, or a forger
	// who removed the signature).
	SignerMissing SignerStatus = "unsigned"
)

// SignerCheck is what the registry says of a bundle's signer.
type SignerCheck struct {
	Status SignerStatus
	// Signer is the key that signed the bundle (nil when unsigned).
	Signer *SignerInfo
	// Known is the key trusted for the bundle's journal, if any: its Name
	// is the name to show ("signed by <name>").
	Known *app.Signer
	// Accepted: the representative accepted this case despite its signer.
	Accepted bool
}

// Counts reports whether the bundle may be counted in the synthesis: its
// signer is the colleague's trusted key, or the representative accepted
// it explicitly.
func (s SignerCheck) Counts() bool { return s.Status == SignerTrusted || s.Accepted }

// CheckSigner compares a bundle's signer with the key the registry trusts
// for its journal. caseID, when not empty, is the case to look up an
// explicit acceptance for.
func CheckSigner(reg SignerRegistry, m *Manifest, signer *SignerInfo, caseID string) (SignerCheck, error) {
	out := SignerCheck{Signer: signer}
	known, err := reg.Signer(m.VaultID)
	switch {
	case errors.Is(err, app.ErrNoSigner):
	case err != nil:
		return out, err
	default:
		out.Known = known
	}
	switch {
	case signer == nil:
		out.Status = SignerMissing
	case known == nil:
		out.Status = SignerNew
	case known.PublicKey == signer.PublicKey:
		out.Status = SignerTrusted
	default:
		out.Status = SignerChanged
	}
	if caseID != "" && out.Status != SignerTrusted {
		if out.Accepted, err = reg.CaseAccepted(caseID); err != nil {
			return out, fmt.Errorf("failed to read the case's acceptance: %w", err)
		}
	}
	return out, nil
}

// signerOf returns the signer a manifest names, for a case's summary
// (whose signature was checked when the bundle was received).
func signerOf(m *Manifest) *SignerInfo {
	if m == nil || m.Version < 2 || m.Signer == nil {
		return nil
	}
	return &SignerInfo{PublicKey: m.Signer.PublicKey, Fingerprint: app.SignerFingerprint(m.Signer.PublicKey)}
}
