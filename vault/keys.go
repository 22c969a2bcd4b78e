package vault

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

const (
	masterKeySize = 32
	nonceSize     = chacha20poly1305.NonceSizeX
	tagSize       = chacha20poly1305.Overhead
)

// KDFParams are the Argon2id parameters stored in the header.
type KDFParams struct {
	Algorithm string `json:"algorithm"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// DefaultKDF is the floor of every new vault's key derivation: 64 MiB,
// 3 passes, 4 lanes. Create calibrates the passes on the computer
// (CalibrateKDF); the parameters are stored in the header, so they can
// grow without breaking older vaults.
var DefaultKDF = KDFParams{Algorithm: "argon2id", Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// maxKDFPasses is the most passes a header may ask: twice the
// calibration's ceiling (kdfMaxPasses), a few seconds at 64 MiB on an old
// laptop, never an hour.
const maxKDFPasses = 64

func (p KDFParams) validate() error {
	switch {
	case p.Algorithm != "argon2id":
		return fmt.Errorf("unknown key derivation %q", p.Algorithm)
	// Bounds above what Témoin writes (64 MiB, 3 to 32 passes, 4 lanes) but
	// low enough that a hostile header cannot make unlocking take the
	// machine's memory or an hour.
	case p.Time < 1 || p.Time > maxKDFPasses:
		return fmt.Errorf("argon2id passes out of range: %d", p.Time)
	case p.Threads < 1 || p.Threads > 64:
		return errors.New("argon2id lanes out of range")
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > 1<<20:
		return fmt.Errorf("argon2id memory out of range: %d KiB", p.MemoryKiB)
	}
	return nil
}

func (p KDFParams) derive(secret, salt []byte) []byte {
	if p.MemoryKiB >= 8<<10 {
		// Argon2id's 64 MiB come on top of what the process holds: the
		// packages' start-up garbage (excelize's tables, Fyne's
		// translations…) is collected and given back first, about 2 MiB
		// off a command's peak for a collection of a 3 MiB heap.
		debug.FreeOSMemory()
	}
	k := argon2.IDKey(secret, salt, p.Time, p.MemoryKiB, p.Threads, 32)
	if p.MemoryKiB >= 8<<10 {
		// Argon2id's memory (64 MiB) is garbage now. Without this, the
		// runtime sets its next collection at twice that heap and lets the
		// database and the journal grow beside it: a command's peak memory
		// would be the KDF's plus everything after. Collected and given
		// back to the system now, it is the larger of the two.
		debug.FreeOSMemory()
	}
	return k
}

// wrapKey seals the master key under a key derived from secret.
func wrapKey(p KDFParams, secret, master []byte, ad string) (WrappedKey, error) {
	w := WrappedKey{Salt: make([]byte, 16), Nonce: make([]byte, nonceSize)}
	if _, err := rand.Read(w.Salt); err != nil {
		return w, fmt.Errorf("failed to draw a salt: %w", err)
	}
	if _, err := rand.Read(w.Nonce); err != nil {
		return w, fmt.Errorf("failed to draw a nonce: %w", err)
	}
	kek := p.derive(secret, w.Salt)
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return w, err
	}
	w.Wrapped = aead.Seal(nil, w.Nonce, master, []byte(ad))
	return w, nil
}

// unwrapKey opens a wrapped master key. It reports false when the secret is
// wrong (or the wrapped key damaged: the two cannot be told apart).
func unwrapKey(p KDFParams, secret []byte, w WrappedKey, ad string) ([]byte, bool) {
	kek := p.derive(secret, w.Salt)
	defer clear(kek)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, false
	}
	master, err := aead.Open(nil, w.Nonce, w.Wrapped, []byte(ad))
	if err != nil {
		return nil, false
	}
	return master, true
}

// Labels for the keys derived from the master key with HKDF-SHA-256. Each
// key serves one purpose only.
const (
	labelBadger    = "temoin/v1/badger-encryption"
	labelRecords   = "temoin/v1/record-seal"
	labelHeaderMAC = "temoin/v1/header-mac"
)

func deriveKey(master []byte, vaultID, label string) []byte {
	k := make([]byte, 32)
	r := hkdf.New(sha256.New, master, []byte(vaultID), []byte(label))
	if _, err := io.ReadFull(r, k); err != nil {
		panic("hkdf: " + err.Error()) // cannot happen for 32 bytes
	}
	return k
}

func headerMAC(master []byte, h *Header) []byte {
	k := deriveKey(master, h.ID, labelHeaderMAC)
	defer clear(k)
	m := hmac.New(sha256.New, k)
	m.Write(h.macInput())
	return m.Sum(nil)
}

// Key material the vault owns is overwritten with the built-in clear as
// soon as it is no longer needed. The Go runtime may have copied it
// elsewhere; this is a best effort that shortens its life in memory.

// Recovery codes are 25 characters of Crockford's base32 (125 random bits),
// shown in five groups of five: easy to write down and to type back.
const recoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const recoveryLength = 25

func newRecoveryCode() (string, error) {
	raw := make([]byte, recoveryLength)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("failed to draw a recovery code: %w", err)
	}
	var b strings.Builder
	for i, c := range raw {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(recoveryAlphabet[c&31]) // 32 divides 256: no bias
	}
	return b.String(), nil
}

// NormalizeRecoveryCode turns what a person typed into the canonical code:
// upper case, without spaces or dashes, with the letters people confuse
// (O for 0, I and L for 1) read as Crockford's base32 reads them. It reports
// false when the result cannot be a recovery code.
func NormalizeRecoveryCode(typed string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == ' ' || r == '-' || r == '\t' || r == '\n' || r == '\r':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(recoveryAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != recoveryLength {
		return "", false
	}
	return b.String(), true
}

// Secret unlocks a vault's header: its passphrase or its recovery code.
type Secret struct {
	passphrase []byte
	code       string
	isCode     bool
}

// Passphrase is a Secret made of a passphrase.
func Passphrase(p []byte) Secret { return Secret{passphrase: p} }

// RecoveryCode is a Secret made of a recovery code, as typed.
func RecoveryCode(code string) Secret { return Secret{code: code, isCode: true} }

// String never shows the secret.
func (s Secret) String() string {
	if s.isCode {
		return "vault.RecoveryCode(…)"
	}
	return "vault.Passphrase(…)"
}

// Format never shows the secret, whatever the verb.
func (s Secret) Format(f fmt.State, verb rune) { io.WriteString(f, s.String()) }

// wrong is the error of this kind of secret when it opens nothing.
func (s Secret) wrong() error {
	if s.isCode {
		return ErrWrongRecoveryCode
	}
	return ErrWrongPassphrase
}

// unwrap returns the master key, or ErrWrongPassphrase /
// ErrWrongRecoveryCode.
func (s Secret) unwrap(h *Header) ([]byte, error) {
	if s.isCode {
		norm, ok := NormalizeRecoveryCode(s.code)
		if !ok {
			return nil, fmt.Errorf("%w: a recovery code has %d letters and digits", ErrWrongRecoveryCode, recoveryLength)
		}
		m, ok := unwrapKey(h.KDF, []byte(norm), h.Recovery, h.wrapAD("recovery"))
		if !ok {
			return nil, ErrWrongRecoveryCode
		}
		return m, nil
	}
	m, ok := unwrapKey(h.KDF, s.passphrase, h.Passphrase, h.wrapAD("passphrase"))
	if !ok {
		return nil, ErrWrongPassphrase
	}
	return m, nil
}
