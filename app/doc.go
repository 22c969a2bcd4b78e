// Package app is Témoin's domain: the incident journal and what people do
// with it. It stands on package vault and knows nothing of the GUI; the
// command line and the GUI call the same functions.
//
// A Journal is opened on an unlocked vault. Each incident is stored as a
// series of revisions: Create writes the first, Amend the next ones, and
// History reads them all back, so a correction shows as an amendment with
// its own date instead of silently replacing what was written. Delete
// erases an incident and its evidence and leaves a tombstone in the
// vault's chain.
//
// Evidence is a file (AttachFile streams it into the vault, encrypted,
// hashing it on the way) or a link (AttachLink). Search (List with a
// Filter) ignores case and accents and is served from an in-memory index.
// Deadlines computes the French procedures' clocks: accident de service,
// the press law's complaints, protection fonctionnelle. ReadSheet reads a
// teacher's spreadsheet (CSV, .xlsx, .ods) and Import saves its rows, all
// or nothing, leaving out the rows imported before.
//
// Codes (kinds, channels, perpetrators...) are stable identifiers; their
// labels are translations kept by the user interfaces.
package app
