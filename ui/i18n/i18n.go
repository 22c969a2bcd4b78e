// Package i18n holds the sentences the GUI and the command line both say
// about the journal: errors turned into what happened and what to do,
// deadlines in one line. Their words, like every text, come from package
// github.com/temoin-app/temoin/i18n; the formatting lives there too.
package i18n

import (
	"errors"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Error turns an error into a sentence for the person: what happened and
// what to do. dir is the vault's folder, named by some messages.
func Error(err error, dir string) string {
	var ce *app.CorruptError
	var ide *app.IDError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, app.ErrWrongPassphrase):
		return i18n.X("error.wrong_passphrase")
	case errors.Is(err, app.ErrWrongRecoveryCode):
		return i18n.X("error.wrong_recovery_code")
	case errors.Is(err, app.ErrVaultNotFound):
		return i18n.X("error.not_found", map[string]any{"Dir": dir})
	case errors.Is(err, app.ErrVaultExists):
		return i18n.X("error.exists", map[string]any{"Dir": dir})
	case errors.Is(err, app.ErrAlreadyOpen):
		return i18n.X("error.already_open")
	case errors.Is(err, app.ErrLocked):
		return i18n.X("error.locked")
	case errors.Is(err, app.ErrUnsupportedVersion):
		return i18n.X("error.unsupported_version")
	case errors.Is(err, app.ErrStale):
		return i18n.X("error.stale")
	case errors.As(err, &ide) && errors.Is(err, app.ErrNotFound):
		return i18n.X("error.incident_not_found", map[string]any{"ID": ide.ID})
	case errors.As(err, &ide) && errors.Is(err, app.ErrAmbiguous):
		return i18n.X("error.ambiguous", map[string]any{"ID": ide.ID})
	case errors.As(err, &ide) && errors.Is(err, app.ErrNoEvidence):
		return i18n.X("error.evidence_not_found", map[string]any{"ID": ide.ID})
	case errors.As(err, &ce):
		return i18n.X("error.corrupt", map[string]any{"What": ce.What})
	}
	if msg, ok := importError(err); ok {
		return msg
	}
	return err.Error()
}

// Deadline says a deadline in one line: "Déclaration d’accident de
// service : avant le 7 décembre 2026 (J-5)".
func Deadline(d app.Deadline) string {
	data := map[string]any{
		"Label": i18n.X("deadline." + d.Rule),
		"Due":   i18n.Day(d.Due.Year, d.Due.Month, d.Due.Day),
		"Days":  d.DaysLeft,
	}
	switch {
	case d.Passed() && d.Rule == app.RuleProtectionAnswer:
		return i18n.X("deadline.implicit_refusal", data)
	case d.Passed():
		return i18n.X("deadline.passed", data)
	case d.DaysLeft == 0:
		return i18n.X("deadline.today", data)
	}
	return i18n.N("deadline.before", d.DaysLeft, data)
}

// DeadlineHelp explains a deadline's rule in a sentence.
func DeadlineHelp(rule string) string { return i18n.X("deadline." + rule + ".help") }
