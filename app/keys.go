package app

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"rsc.io/qr"
)

// Public keys: the age X25519 keys ("age1…") bundles are encrypted to,
// as a person gives them (typed, pasted, in a key file, from a QR code)
// and as they are compared over the phone (fingerprints).

// ErrInvalidKey: the text is not an age X25519 public key (nor a file
// that holds one).
var ErrInvalidKey = errors.New("not an age public key (it starts with age1)")

// ParsePublicKey checks that s is an age X25519 public key and returns it
// in its canonical form (lower case, no surrounding space). A key copied
// from a QR code in upper case is accepted.
func ParsePublicKey(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "age1") {
		return "", fmt.Errorf("%w: %q", ErrInvalidKey, shorten(s))
	}
	r, err := age.ParseX25519Recipient(s)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	return r.String(), nil
}

// PublicKeyFromFile finds the public key in a key file: a single "age1…"
// line (a recipients file), or an identity file made by age-keygen or
// "temoin keygen", whose "# public key:" comment gives it; when that
// comment is missing, the key is derived from the identity. When the
// comment and the identity disagree, the file is refused.
func PublicKeyFromFile(data []byte) (string, error) {
	if len(data) > 64<<10 || !utf8.Valid(data) {
		return "", fmt.Errorf("%w: the file is not a key file", ErrInvalidKey)
	}
	var comment, derived, plain string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			if k, ok := cutPrefixFold(rest, "public key:"); ok {
				key, err := ParsePublicKey(k)
				if err != nil {
					return "", err
				}
				comment = key
			}
		case strings.HasPrefix(line, "AGE-SECRET-KEY-1"):
			id, err := age.ParseX25519Identity(line)
			if err != nil {
				return "", fmt.Errorf("%w: the identity cannot be read", ErrInvalidKey)
			}
			if derived != "" && derived != id.Recipient().String() {
				return "", fmt.Errorf("%w: the file holds several identities: give the public key instead", ErrInvalidKey)
			}
			derived = id.Recipient().String()
		case strings.HasPrefix(strings.ToLower(line), "age1"):
			key, err := ParsePublicKey(line)
			if err != nil {
				return "", err
			}
			if plain != "" && plain != key {
				return "", fmt.Errorf("%w: the file holds several keys: give one", ErrInvalidKey)
			}
			plain = key
		default:
			return "", fmt.Errorf("%w: unexpected line in the key file", ErrInvalidKey)
		}
	}
	switch {
	case derived != "" && comment != "" && derived != comment:
		return "", fmt.Errorf("%w: the \"public key\" comment does not match the identity in the file", ErrInvalidKey)
	case derived != "" && plain != "" && derived != plain:
		return "", fmt.Errorf("%w: the file holds keys that do not match", ErrInvalidKey)
	case derived != "":
		return derived, nil
	case plain != "":
		return plain, nil
	case comment != "":
		return comment, nil
	}
	return "", fmt.Errorf("%w: no key found in the file", ErrInvalidKey)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// KeyFingerprint returns a short fingerprint of a public key: 20 digits in
// five groups ("4821 0937 1164 5502 8810"), easy to read and compare over
// the phone. It is the first 80 bits of a SHA-256 of the key, each 16 bits
// reduced to four digits: enough to catch a key swapped on the way.
func KeyFingerprint(key string) string {
	sum := sha256.Sum256([]byte("temoin-key-fingerprint-v1\n" + key))
	groups := make([]string, 5)
	for i := range groups {
		groups[i] = fmt.Sprintf("%04d", binary.BigEndian.Uint16(sum[2*i:])%10000)
	}
	return strings.Join(groups, " ")
}

func shorten(s string) string {
	if len(s) > 24 {
		r := []rune(s)
		if len(r) > 24 {
			return string(r[:24]) + "…"
		}
	}
	return s
}

// PublicKeyQRCode returns a PNG image of a QR code holding the public key,
// for a colleague to scan. scale is the number of pixels per module (8 if
// zero or less).
func PublicKeyQRCode(key string, scale int) ([]byte, error) {
	key, err := ParsePublicKey(key)
	if err != nil {
		return nil, err
	}
	return qrPNG(key, scale)
}

// qrPNG returns a PNG image of a QR code holding text, scale pixels per
// module (8 if zero or less).
func qrPNG(text string, scale int) ([]byte, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, fmt.Errorf("failed to make the QR code: %w", err)
	}
	if scale > 0 {
		code.Scale = scale
	}
	return code.PNG(), nil
}
