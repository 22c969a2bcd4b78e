// Package vaulttest helps tests of other packages make vaults cheaply. Only
// tests import it: nothing in it is linked into Témoin.
package vaulttest

import (
	"testing"

	"github.com/temoin-app/temoin/vault"
)

// WeakKDF returns Argon2id parameters that make unlocking almost free
// (64 KiB, 1 pass, 1 lane). A vault created with them is as weak as its
// passphrase: tests only.
func WeakKDF() vault.KDFParams {
	return vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 64, Threads: 1}
}

// Options returns vault options for a test: the weak key derivation, and
// the copies the vault keeps outside its folder in a temporary folder of
// tb instead of the user's configuration folder.
func Options(tb testing.TB) *vault.Options {
	tb.Helper()
	return &vault.Options{KDF: WeakKDF(), WitnessDir: tb.TempDir()}
}
