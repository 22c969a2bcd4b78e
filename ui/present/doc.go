// Package present is what both faces of Témoin show the person: the
// desktop application (package ui) and the command line (package ui/cli)
// read input, call package app, and render what this package gives them.
//
//   - Error turns every error of the journal, the vault, backups,
//     bundles, reports, spreadsheets, e-mails and screen captures into one
//     sentence, in French or English, that says what happened and what to
//     do. The faces wrap an error with In to name the file or folder it
//     is about; the command line may add the flag that does what the
//     sentence says, never another sentence.
//   - Warnings and results (a report's warnings, the vault's warnings
//     after an unlock, a bundle's continuity, a deadline, a problem of a
//     spreadsheet) are said by the functions named after them.
//   - Progress is the one progress model: the work reports through the
//     callbacks package app takes, at any pace and from any goroutine;
//     the face's printer (a progress bar, a line on a terminal) is called
//     at most every Interval, and at once when the stage changes.
//   - PrivateFile writes a file readable by its owner only, whole or not
//     at all.
//
// It knows no Fyne and no command-line flags, and reads the current
// interface language of package i18n.
package present
