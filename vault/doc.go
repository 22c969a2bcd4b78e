// Package vault is Témoin's encrypted store: a folder that holds records,
// an append-only history of changes, and encrypted files, and that is
// unreadable without the passphrase or the recovery code. It knows nothing
// of incidents: it stores bytes.
//
// # On disk
//
//	vault.json   the header: Argon2id parameters and the master key, wrapped
//	             twice (passphrase, recovery code); written atomically
//	vault.lock   held while a program has the vault open
//	db/          a Badger database opened with its encryption on
//	blobs/       one age file per piece of evidence, named by a random id
//
// The folder is created 0700 and every file 0600.
//
// # Keys
//
// A random 256-bit master key is wrapped with XChaCha20-Poly1305 under a
// key derived with Argon2id from the passphrase (and again from the
// recovery code). From the master key, HKDF-SHA-256 derives one key per
// purpose: Badger's encryption key, the key that seals every record, the
// key of the header's MAC. Changing the passphrase rewrites only the header,
// atomically. Lock closes the database and overwrites the keys it owns.
//
// # Records
//
// Badger encrypts its files with AES-CTR, which does not detect changes, so
// every value is also sealed with XChaCha20-Poly1305, with its key as
// associated data. There are two kinds of records:
//
//   - journal records, written with Tx.Record and deleted with Tx.Erase:
//     each write appends an event to the chain that holds the key and the
//     SHA-256 of the value, so Verify notices a record added, changed or
//     removed behind the journal's back;
//   - unchained records (drafts, settings), written with Tx.PutUnchained.
//
// A transaction (Update) is atomic, also when it is too large for one
// Badger transaction and the process is killed while it is committed.
//
// # Blobs
//
// WriteBlob streams a file into an age file encrypted to an X25519 identity
// kept sealed in the database, computing its SHA-256 in the same pass, in
// constant memory. OpenBlob streams it back and checks the hash at the end.
//
// # Errors
//
// Sentinel errors (ErrWrongPassphrase, ErrLocked, ErrAlreadyOpen,
// ErrNotFound...) are tested with errors.Is; damage is a *CorruptError that
// names what is damaged. No input, however broken, makes the package panic.
package vault
