package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// headerName is the file, in the vault folder, that holds the header.
const headerName = "vault.json"

// formatName and formatVersion identify the header format. Version 2
// (same fields as 1) says that the database holds its authenticated state
// (state.go) and that every evidence file's key is in its record
// (blob.go); a vault of version 1 is upgraded when it is first opened
// (upgrade.go). Versions before 2 of Témoin refuse a header of version 2
// as "newer".
const (
	formatName    = "temoin-vault"
	formatVersion = 2

	maxHeaderBytes = 64 << 10
)

// Header is the only part of a vault that is not encrypted with the master
// key: the KDF parameters and the master key wrapped twice, once under the
// passphrase and once under the recovery code. It is small JSON, written
// atomically, so that changing the passphrase can never leave half a file.
//
// Checksum is the SHA-256 of the header with Checksum empty: it tells a
// damaged file (a flipped byte) from a wrong passphrase. MAC is an HMAC under
// a key derived from the master key: once unlocked, it proves that nobody
// changed the header (its KDF parameters, say) without the key.
type Header struct {
	Format     string     `json:"format"`
	Version    int        `json:"version"`
	ID         string     `json:"id"`
	Created    time.Time  `json:"created"`
	KDF        KDFParams  `json:"kdf"`
	Passphrase WrappedKey `json:"passphrase"`
	Recovery   WrappedKey `json:"recovery"`
	MAC        []byte     `json:"mac"`
	Checksum   string     `json:"checksum"`
}

// WrappedKey is the master key sealed with XChaCha20-Poly1305 under a key
// derived with Argon2id from a secret (the passphrase or the recovery code)
// and Salt.
type WrappedKey struct {
	Salt    []byte `json:"salt"`
	Nonce   []byte `json:"nonce"`
	Wrapped []byte `json:"wrapped"`
}

// ParseHeader reads a header and checks its structure and checksum. It does
// not need any secret. Every failure is a *CorruptError naming vault.json,
// except ErrUnsupportedVersion.
func ParseHeader(data []byte) (*Header, error) {
	var h Header
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return nil, corrupt(headerName, fmt.Errorf("not a readable header: %w", err))
	}
	if dec.More() {
		return nil, corrupt(headerName, errors.New("unexpected data after the header"))
	}
	if h.Format != formatName {
		return nil, corrupt(headerName, fmt.Errorf("unknown format %q", h.Format))
	}
	if h.Version > formatVersion {
		return nil, fmt.Errorf("%w (format %d)", ErrUnsupportedVersion, h.Version)
	}
	sum, err := h.checksum()
	if err != nil {
		return nil, corrupt(headerName, err)
	}
	if sum != h.Checksum {
		return nil, corrupt(headerName, errors.New("checksum does not match"))
	}
	if h.Version < 1 {
		return nil, corrupt(headerName, fmt.Errorf("invalid format version %d", h.Version))
	}
	if len(h.ID) != 32 {
		return nil, corrupt(headerName, errors.New("invalid vault id"))
	}
	if err := h.KDF.validate(); err != nil {
		return nil, corrupt(headerName, err)
	}
	for name, w := range map[string]WrappedKey{"passphrase": h.Passphrase, "recovery": h.Recovery} {
		if err := w.validate(); err != nil {
			return nil, corrupt(headerName, fmt.Errorf("%s key: %w", name, err))
		}
	}
	if len(h.MAC) != sha256.Size {
		return nil, corrupt(headerName, errors.New("invalid header MAC"))
	}
	return &h, nil
}

// Marshal returns the header as indented JSON with its checksum set.
func (h *Header) Marshal() ([]byte, error) {
	sum, err := h.checksum()
	if err != nil {
		return nil, err
	}
	c := *h
	c.Checksum = sum
	out, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("failed to encode header: %w", err)
	}
	return append(out, '\n'), nil
}

// checksum is the hex SHA-256 of the canonical encoding without Checksum.
func (h *Header) checksum() (string, error) {
	c := *h
	c.Checksum = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("failed to encode header: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// macInput is what the header MAC covers: everything but the MAC and the
// checksum.
func (h *Header) macInput() []byte {
	c := *h
	c.MAC = nil
	c.Checksum = ""
	b, _ := json.Marshal(&c) // a struct of plain fields always encodes
	return b
}

func (w WrappedKey) validate() error {
	switch {
	case len(w.Salt) < 16 || len(w.Salt) > 64:
		return errors.New("invalid salt length")
	case len(w.Nonce) != nonceSize:
		return errors.New("invalid nonce length")
	case len(w.Wrapped) != masterKeySize+tagSize:
		return errors.New("invalid wrapped key length")
	}
	return nil
}
