package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
)

// idAlphabet is Crockford's base32 in lower case: no i, l, o or u to
// misread.
const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// newID draws a random 8-character id (40 bits) that taken does not know.
func newID(taken func(string) bool) (string, error) {
	for range 100 {
		raw := make([]byte, 8)
		if _, err := rand.Read(raw); err != nil {
			return "", fmt.Errorf("failed to draw an id: %w", err)
		}
		for i := range raw {
			raw[i] = idAlphabet[raw[i]&31]
		}
		if id := string(raw); !taken(id) {
			return id, nil
		}
	}
	return "", errors.New("failed to draw a unique id")
}

// resolvePrefix turns the start of an id, as a person types it, into the
// one id of ids it starts (or the id itself). missing is the error when
// none does.
func resolvePrefix[V any](prefix string, ids map[string]V, missing error) (string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if _, ok := ids[prefix]; ok {
		return prefix, nil
	}
	var match string
	for id := range ids {
		if prefix != "" && strings.HasPrefix(id, prefix) {
			if match != "" {
				return "", &IDError{Err: ErrAmbiguous, ID: prefix}
			}
			match = id
		}
	}
	if match == "" {
		return "", &IDError{Err: missing, ID: prefix}
	}
	return match, nil
}
