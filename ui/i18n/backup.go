package i18n

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// BackupError says in one calm sentence what went wrong with a backup or
// a restore, for the cases the GUI and the command line word alike; it
// reports false for the others, which each face words for itself (a
// flag to give, a folder to plug in). path is the backup file or the
// folder in question.
func BackupError(err error, path string) (string, bool) {
	var be *app.BackupError
	switch {
	case errors.Is(err, app.ErrWrongRecoveryCode):
		return i18n.X("backup.error.wrong_code"), true
	case errors.Is(err, app.ErrNotBackup):
		return i18n.X("backup.error.not_backup", map[string]any{"Path": filepath.Base(path)}), true
	case errors.As(err, &be) && errors.Is(err, app.ErrBackupIncomplete):
		return i18n.X("backup.error.incomplete", map[string]any{"Part": backupPart(be)}), true
	case errors.As(err, &be):
		return i18n.X("backup.error.damaged", map[string]any{"Part": backupPart(be)}), true
	case errors.Is(err, app.ErrRestoreTarget):
		return i18n.X("backup.error.target", map[string]any{"Dir": path}), true
	case errors.Is(err, syscall.ENOSPC):
		return i18n.X("backup.error.disk_full"), true
	case errors.Is(err, syscall.EFBIG):
		return i18n.X("backup.error.too_big"), true
	case errors.Is(err, syscall.EIO):
		return i18n.X("backup.error.io"), true
	case errors.Is(err, context.Canceled):
		return i18n.X("backup.error.cancelled"), true
	}
	return "", false
}

// backupPart names the damaged part of a backup.
func backupPart(be *app.BackupError) string {
	data := map[string]any{"N": be.Index, "Total": be.Total, "ID": be.ID}
	switch be.Part {
	case "header":
		return i18n.X("backup.part.header")
	case "encryption":
		return i18n.X("backup.part.encryption")
	case "info":
		return i18n.X("backup.part.info")
	case "records":
		if be.Index > 0 {
			return i18n.X("backup.part.record", data)
		}
		return i18n.X("backup.part.records")
	case "evidence":
		return i18n.X("backup.part.evidence", data)
	case "manifest":
		return i18n.X("backup.part.manifest")
	case "end":
		return i18n.X("backup.part.end")
	}
	return i18n.X("backup.part.payload")
}
