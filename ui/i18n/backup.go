package i18n

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"github.com/temoin-app/temoin/app"
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
		return lang.X("backup.error.wrong_code", "This recovery code does not open the backup."), true
	case errors.Is(err, app.ErrNotBackup):
		return lang.X("backup.error.not_backup", "{{.Path}} is not a Témoin backup.", map[string]any{"Path": filepath.Base(path)}), true
	case errors.As(err, &be) && errors.Is(err, app.ErrBackupIncomplete):
		return lang.X("backup.error.incomplete", "The backup is incomplete ({{.Part}}): its copy was interrupted or the disk was full. Use another backup.", map[string]any{"Part": backupPart(be)}), true
	case errors.As(err, &be):
		return lang.X("backup.error.damaged", "The backup is damaged in its {{.Part}}: it cannot be trusted. Use another backup.", map[string]any{"Part": backupPart(be)}), true
	case errors.Is(err, app.ErrRestoreTarget):
		return lang.X("backup.error.target", "{{.Dir}} is not empty: restore into a new or empty folder.", map[string]any{"Dir": path}), true
	case errors.Is(err, syscall.ENOSPC):
		return lang.X("backup.error.disk_full", "The disk is full: free some space or choose another disk. No incomplete file was left behind."), true
	case errors.Is(err, syscall.EFBIG):
		return lang.X("backup.error.too_big", "The file is too big for this disk (a USB key formatted FAT32 takes files of 4 GB at most): choose another disk, or format the key as exFAT."), true
	case errors.Is(err, syscall.EIO):
		return lang.X("backup.error.io", "The disk reported a write error (a faulty or removed disk?). Nothing incomplete was kept: try again on another disk."), true
	case errors.Is(err, context.Canceled):
		return lang.X("backup.error.cancelled", "Stopped: nothing was kept."), true
	}
	return "", false
}

// backupPart names the damaged part of a backup.
func backupPart(be *app.BackupError) string {
	data := map[string]any{"N": be.Index, "Total": be.Total, "ID": be.ID}
	switch be.Part {
	case "header":
		return lang.X("backup.part.header", "copy of the vault header")
	case "encryption":
		return lang.X("backup.part.encryption", "encryption header")
	case "info":
		return lang.X("backup.part.info", "description")
	case "records":
		if be.Index > 0 {
			return lang.X("backup.part.record", "records (entry {{.N}})", data)
		}
		return lang.X("backup.part.records", "records")
	case "evidence":
		return lang.X("backup.part.evidence", "evidence file {{.N}} of {{.Total}}", data)
	case "manifest":
		return lang.X("backup.part.manifest", "manifest")
	case "end":
		return lang.X("backup.part.end", "end marker")
	}
	return lang.X("backup.part.payload", "content")
}
