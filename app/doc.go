// Package app is Témoin's domain: the incident journal and what people do
// with it. It stands on package vault and knows nothing of the GUI; the
// command line and the GUI call the same functions.
//
// A Journal is the session that lasts from unlocking a vault (Unlock,
// CreateVault) to locking it (Journal.Lock). It hands out one service per
// responsibility:
//
//   - Incidents: each incident is a series of revisions. Create writes the
//     first, Amend the next ones, and History reads them all back, so a
//     correction shows as an amendment with its own date instead of
//     silently replacing what was written. Delete erases an incident and
//     its evidence and leaves a tombstone in the chain. List (with a
//     Filter) ignores case and accents and is served from an in-memory
//     index.
//   - Evidence: a file (AttachFile streams it into the vault, encrypted,
//     hashing it on the way) or a link (AttachLink).
//   - People: the names that documents replace by pseudonyms
//     (Pseudonymizer).
//   - Representatives: the contacts bundles are sent to, by public key.
//   - Settings, with the author's Profile; Drafts of incidents being
//     written.
//   - Deadlines: the French procedures' clocks (accident de service, the
//     press law's complaints, protection fonctionnelle), and those the
//     person dismissed.
//   - Cases: a representative's key and the bundles received.
//   - Backups: the whole journal in one encrypted file.
//   - Chain: the history of events (EventKind), whose head every report
//     and bundle records.
//
// ReadSheet reads a teacher's spreadsheet (CSV, .xlsx, .ods) and
// Incidents.Import saves its rows, all or nothing, leaving out the rows
// imported before. Codes (kinds, channels, perpetrators...) are stable
// identifiers; their labels are translations kept by the user interfaces.
package app
