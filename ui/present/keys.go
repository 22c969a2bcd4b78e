package present

import (
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// publicKeyLen is the length of an age public key: "age1" and 58
// characters.
const publicKeyLen = 62

// KeyText is a public key as pasted, its spaces and line breaks taken
// out (a key cut across lines in an e-mail).
func KeyText(s string) string { return strings.Join(strings.Fields(s), "") }

// KeyStatus says what is wrong with a public key as typed or pasted, as
// the person types (issue 12, bug 7: a key with a missing character is
// not shown as valid): ok is true for a key that can be used, with its
// fingerprint; msg is "" for an empty field.
func KeyStatus(s string) (msg string, ok bool) {
	s = strings.ToLower(KeyText(s))
	switch {
	case s == "":
		return "", false
	case !strings.HasPrefix(s, "age1") && !strings.HasPrefix("age1", s):
		return i18n.X("key.status.prefix"), false
	case len(s) < publicKeyLen:
		return i18n.N("key.status.missing", publicKeyLen-len(s)), false
	case len(s) > publicKeyLen:
		return i18n.N("key.status.extra", len(s)-publicKeyLen), false
	}
	k, err := app.ParsePublicKey(s)
	if err != nil {
		return i18n.X("key.status.typo"), false
	}
	return i18n.X("key.status.ok", map[string]any{"Fingerprint": app.KeyFingerprint(k)}), true
}
