package app

import (
	"fmt"

	"github.com/temoin-app/temoin/vault"
)

// Log appends an event that writes no record to the vault's chain: a
// report generated, a bundle exported. hash is the hex SHA-256 of what the
// event is about (the PDF, the bundle's manifest). The events say that
// something left the computer, and when, without saying what it said.
func (j *Journal) Log(eventType, subject, hash string) error {
	if eventType != EventExported && eventType != EventReportGenerated {
		return fmt.Errorf("event %q is written by the journal itself", eventType)
	}
	return j.v.Update(func(tx *vault.Tx) error {
		return tx.Log(vault.Event{Type: eventType, Subject: subject, Hash: hash})
	})
}

// Events returns the vault's whole chain, oldest first.
func (j *Journal) Events() ([]vault.ChainEvent, error) { return j.v.Events() }

// TestingVaultOptions makes vaults whose key derivation costs nothing.
// Only tests may use it.
func TestingVaultOptions() *VaultOptions {
	return &VaultOptions{KDF: vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 64, Threads: 1}}
}
