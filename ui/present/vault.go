package present

import (
	"errors"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// sayVault says what opening, locking and reading the vault can meet.
func sayVault(err error, w Where) (string, bool) {
	var hc *app.HeaderChangedError
	var ie *app.IntegrityError
	var ce *app.CorruptError
	switch {
	case errors.As(err, &hc) && !hc.CopyOpens:
		return i18n.X("error.header_differs"), true
	case errors.As(err, &hc), errors.Is(err, app.ErrHeaderChanged):
		return i18n.X("error.header_changed"), true
	case errors.Is(err, app.ErrHeaderCopyMismatch):
		return i18n.X("error.header_copy_mismatch"), true
	case errors.As(err, &ie):
		return Integrity(ie), true
	case errors.Is(err, app.ErrWrongPassphrase):
		return i18n.X("error.wrong_passphrase"), true
	case errors.Is(err, app.ErrWrongRecoveryCode):
		return i18n.X("error.wrong_recovery_code"), true
	case errors.Is(err, app.ErrVaultNotFound):
		return i18n.X("error.not_found", map[string]any{"Dir": w.Vault}), true
	case errors.Is(err, app.ErrVaultExists):
		return i18n.X("error.exists", map[string]any{"Dir": w.Vault}), true
	case errors.Is(err, app.ErrAlreadyOpen):
		return i18n.X("error.already_open"), true
	case errors.Is(err, app.ErrVaultNoAccess):
		return i18n.X("error.no_access", map[string]any{"Dir": w.Vault}), true
	case errors.Is(err, app.ErrDatabaseSettings):
		return i18n.X("error.database_settings"), true
	case errors.Is(err, app.ErrLocked):
		return i18n.X("error.locked"), true
	case errors.Is(err, app.ErrUnsupportedVersion):
		return i18n.X("error.unsupported_version"), true
	case errors.Is(err, app.ErrBackupOtherKeys):
		return i18n.X("error.backup_other_keys"), true
	case errors.Is(err, app.ErrNoBlob):
		return i18n.X("error.blob_missing"), true
	case errors.Is(err, app.ErrNoRecord):
		return i18n.X("error.record_missing"), true
	case errors.As(err, &ce):
		return i18n.X("error.corrupt", map[string]any{"What": Damaged(ce.What)}), true
	}
	return "", false
}

// Integrity says what the checks made at every open found, and what to
// do: the data is not lost.
func Integrity(e *app.IntegrityError) string {
	var what string
	switch e.Kind {
	case app.IntegrityRecordsChanged:
		switch {
		case e.Records > 0:
			what = i18n.N("error.integrity.records_lost", int(e.Records))
		case e.Records < 0:
			what = i18n.N("error.integrity.records_added", int(-e.Records))
		default:
			what = i18n.X("error.integrity.records_changed")
		}
	case app.IntegrityStateMissing:
		what = i18n.X("error.integrity.state_missing")
	case app.IntegrityHistoryCut:
		what = i18n.N("error.integrity.history_cut", int(e.Missing))
	case app.IntegrityHistoryDiverged:
		what = i18n.X("error.integrity.history_diverged")
	case app.IntegrityKeysRolledBack:
		what = i18n.X("error.integrity.keys_rolled_back")
	default:
		what = i18n.X("error.integrity.unknown")
	}
	return what + " " + i18n.X("error.integrity.what_to_do")
}

// VaultWarning says what the checks at unlock found that did not stop
// it, and must be shown.
func VaultWarning(w app.VaultWarning) string {
	where := i18n.X("vault.witness.where.folder")
	if w.Where == "config" {
		where = i18n.X("vault.witness.where.config")
	}
	switch w.Kind {
	case app.WarnWitnessMissing:
		return i18n.X("vault.warn.witness_missing")
	case app.WarnWitnessCopyMissing:
		return i18n.X("vault.warn.witness_copy_missing", map[string]any{"Where": where})
	case app.WarnWitnessUnreadable:
		return i18n.X("vault.warn.witness_unreadable", map[string]any{"Where": where})
	case app.WarnIntegrityAccepted:
		what := ""
		if w.Err != nil {
			what = Integrity(w.Err)
		}
		return i18n.X("vault.warn.integrity_accepted", map[string]any{"What": what})
	}
	return i18n.X("vault.warn.unknown")
}

// damagedParts names the pieces of a vault that the vault's errors name
// ("record inc/…", "blob 5f…"), longest prefix first.
var damagedParts = []struct{ prefix, key string }{
	{"blob record ", "damaged.blob_record"},
	{"chain event ", "damaged.chain_event"},
	{"chain head", "damaged.chain_head"},
	{"record ", "damaged.record"},
	{"blob ", "damaged.blob"},
	{"draft ", "damaged.draft"},
	{"database", "damaged.database"},
	{"evidence key", "damaged.evidence_key"},
	{"vault.json", "damaged.header"},
	{"chain", "damaged.chain"},
	{"journal", "damaged.journal"},
	{"blobs", "damaged.blobs"},
}

// Damaged names a damaged piece of the vault in words, keeping its id:
// "l’enregistrement inc/8J3K…", "le fichier de preuve 5f0c…".
func Damaged(what string) string {
	for _, p := range damagedParts {
		if id, ok := strings.CutPrefix(what, p.prefix); ok {
			return strings.TrimSpace(i18n.X(p.key, map[string]any{"ID": strings.TrimSpace(id)}))
		}
	}
	return what
}
