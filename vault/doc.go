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
//	db/          a Badger database opened with its encryption on ("db-…"
//	             once the keys were renewed)
//	blobs/       one age file per piece of evidence, named by a random id
//	head         the witness: the last state this computer saw
//
// and, outside the folder, in the user's configuration folder, a second
// copy of the witness with a copy of the header (Options.WitnessDir). The
// folder is created 0700 and every file 0600.
//
// # Keys
//
// A random 256-bit master key is wrapped with XChaCha20-Poly1305 under a
// key derived with Argon2id from the passphrase (and again from the
// recovery code). From the master key, HKDF-SHA-256 derives one key per
// purpose: Badger's encryption key, the key that seals every record, the
// key of the header's MAC, of the state, of the witness, of backups. Each
// evidence file has its own age file key, kept in its record. Changing the
// passphrase rewrites only the header, atomically; RotateKeys renews the
// master key and every key under it (rotate.go). Lock closes the database
// and overwrites the keys it owns.
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
//   - unchained records (drafts, settings, people), written with
//     Tx.PutUnchained.
//
// Both kinds, and every other key, are covered by the authenticated state
// (state.go), checked at every open against the database and the witness
// (witness.go): records removed or put back, a history cut, are refused
// with an *IntegrityError; what does not stop the open is a Warning.
//
// A transaction (Update) is atomic, also when it is too large for one
// Badger transaction and the process is killed while it is committed.
//
// # Blobs
//
// WriteBlob streams a file into an age file, computing its SHA-256 in the
// same pass, in constant memory; KeepBlob keeps it, with its key, in a
// transaction. OpenBlob streams it back and checks the hash at the end.
//
// # Errors
//
// Sentinel errors (ErrWrongPassphrase, ErrLocked, ErrAlreadyOpen,
// ErrNotFound, ErrHeaderChanged...) are tested with errors.Is; damage is a
// *CorruptError that names what is damaged; an altered header is a
// *HeaderChangedError; a vault not in a state it can vouch for is an
// *IntegrityError. No input, however broken, makes the package panic.
//
// Tests of other packages make vaults with vaulttest; the storage-fault and
// crash hooks exist only in builds with the testhooks tag (hooks_on.go).
package vault
