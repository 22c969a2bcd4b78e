package app

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"aead.dev/minisign"

	"github.com/temoin-app/temoin/vault"
)

// A colleague's identity: every vault has an Ed25519 signing key, in
// minisign's format, that signs the bundles it exports. Representatives
// learn its public key from the first bundle, after comparing its
// fingerprint with the colleague (by phone or in person), and then know
// who made each later bundle. The key is a sealed record of the vault: it
// survives a change of passphrase and a renewal of the keys unchanged
// (RotateKeys re-seals it like every record), and a backup carries it.

// ErrInvalidSigner: the text is not a minisign public key.
var ErrInvalidSigner = errors.New("not a minisign public key (it starts with RW)")

const keySigning = "identity/signing"

// SigningKey returns the vault's signing key, creating it on first use.
// It never replaces an existing one: the representatives who know it would
// take the next bundles for forgeries.
func (j *Journal) SigningKey() (minisign.PrivateKey, error) {
	var key minisign.PrivateKey
	err := j.v.Update(func(tx *vault.Tx) error {
		data, err := tx.GetUnchained(keySigning)
		if err == nil {
			if err := key.UnmarshalText(data); err != nil {
				return &vault.CorruptError{What: "signing key", Err: err}
			}
			return nil
		}
		if !errors.Is(err, vault.ErrNoRecord) {
			return err
		}
		_, key, err = minisign.GenerateKey(nil)
		if err != nil {
			return fmt.Errorf("failed to create the signing key: %w", err)
		}
		text, err := key.MarshalText()
		if err != nil {
			return fmt.Errorf("failed to encode the signing key: %w", err)
		}
		return tx.PutUnchained(keySigning, text)
	})
	return key, err
}

// SigningPublicKey returns the public half of the vault's signing key
// ("RW…", as minisign -P takes it), creating the key on first use.
func (j *Journal) SigningPublicKey() (string, error) {
	key, err := j.SigningKey()
	if err != nil {
		return "", err
	}
	pub, ok := key.Public().(minisign.PublicKey)
	if !ok {
		return "", errors.New("signing key without a public key")
	}
	return pub.String(), nil
}

// ParseSignerKey checks that s is a minisign public key ("RW…", or the
// two lines of a minisign.pub file) and returns it in its one-line form.
func ParseSignerKey(s string) (string, error) {
	var pub minisign.PublicKey
	text := strings.TrimSpace(s)
	if !strings.HasPrefix(text, "untrusted comment:") {
		text = "untrusted comment: minisign public key\n" + text
	}
	if err := pub.UnmarshalText([]byte(text)); err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidSigner, err)
	}
	return pub.String(), nil
}

// SignerFingerprint returns the fingerprint of a colleague's signing key
// (minisign public key), to compare over the phone: 20 digits in five
// groups, as KeyFingerprint gives for a representative's key.
func SignerFingerprint(publicKey string) string {
	key, err := ParseSignerKey(publicKey)
	if err != nil {
		key = strings.TrimSpace(publicKey)
	}
	return KeyFingerprint("minisign:" + key)
}

// SignerQRCode returns a PNG image of a QR code holding the fingerprint
// and the public key of a signing key ("temoin-signer:<fingerprint
// without spaces>:<key>"), to compare with a phone's camera what the two
// screens show. scale is the number of pixels per module (8 if zero or
// less).
func SignerQRCode(publicKey string, scale int) ([]byte, error) {
	key, err := ParseSignerKey(publicKey)
	if err != nil {
		return nil, err
	}
	return qrPNG("temoin-signer:"+strings.ReplaceAll(SignerFingerprint(key), " ", "")+":"+key, scale)
}

// SignerKeyFile returns the text of a minisign.pub file holding the key:
// what "minisign -V -p minisign.pub" reads.
func SignerKeyFile(publicKey string) ([]byte, error) {
	key, err := ParseSignerKey(publicKey)
	if err != nil {
		return nil, err
	}
	var pub minisign.PublicKey
	if err := pub.UnmarshalText([]byte("untrusted comment: x\n" + key)); err != nil {
		return nil, err
	}
	text, _ := pub.MarshalText()
	return append(bytes.TrimSpace(text), '\n'), nil
}
