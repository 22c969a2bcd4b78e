package present

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// sayBackup says what writing, checking and restoring a backup can meet.
// An error is a backup's when w names the backup (In with Where.Backup),
// or when it can only come from one.
func sayBackup(err error, w Where) (string, bool) {
	var be *app.BackupError
	inBackup := w.Backup != ""
	switch {
	case errors.Is(err, app.ErrNotBackup):
		return i18n.X("backup.error.not_backup", map[string]any{"Path": base(w.Backup)}), true
	case errors.As(err, &be) && errors.Is(err, app.ErrBackupIncomplete):
		return i18n.X("backup.error.incomplete", map[string]any{"Part": BackupPart(be)}), true
	case errors.As(err, &be):
		return i18n.X("backup.error.damaged", map[string]any{"Part": BackupPart(be)}), true
	case errors.Is(err, app.ErrBackupIncomplete):
		return i18n.X("backup.error.incomplete", map[string]any{"Part": i18n.X("backup.part.payload")}), true
	case errors.Is(err, app.ErrBackupExists):
		return fileExists(w.Backup), true
	case errors.Is(err, app.ErrRestoreTarget):
		return i18n.X("backup.error.target", map[string]any{"Dir": w.Vault}), true
	case inBackup && errors.Is(err, app.ErrWrongPassphrase):
		return i18n.X("backup.error.wrong_passphrase"), true
	case inBackup && errors.Is(err, app.ErrWrongRecoveryCode):
		return i18n.X("backup.error.wrong_code"), true
	case inBackup && errors.Is(err, app.ErrVaultExists):
		return i18n.X("backup.error.vault_exists", map[string]any{"Dir": w.Vault}), true
	case w.Folder != "" && errors.Is(err, os.ErrNotExist):
		return i18n.X("error.folder_missing", map[string]any{"Folder": w.Folder}), true
	}
	return "", false
}

// BackupPart names the damaged part of a backup.
func BackupPart(be *app.BackupError) string {
	data := map[string]any{"N": be.Index, "Total": be.Total, "ID": be.ID}
	switch be.Part {
	case "header", "encryption", "info", "manifest", "end":
		return i18n.X("backup.part." + be.Part)
	case "records":
		if be.Index > 0 {
			return i18n.X("backup.part.record", data)
		}
		return i18n.X("backup.part.records")
	case "evidence":
		return i18n.X("backup.part.evidence", data)
	}
	return i18n.X("backup.part.payload")
}

// fileExists says that a file is in the way.
func fileExists(path string) string {
	if path == "" {
		return i18n.X("error.file_exists")
	}
	return i18n.X("error.file_exists_named", map[string]any{"Name": path})
}

// CloudFolder warns that a folder looks synchronised with a cloud
// service (app.DetectCloudFolder): what leaves the computer, and whose
// servers receive it.
func CloudFolder(c app.CloudFolder) string {
	data := map[string]any{"Folder": c.Root, "Service": c.Service}
	if c.Work {
		return i18n.X("backup.cloud_work", data)
	}
	return i18n.X("backup.cloud", data)
}

// BackupSameDisk warns, after a backup, when it was written to the disk
// that holds the journal ("" when it was not).
func BackupSameDisk(vaultDir, backupPath string) string {
	if vaultDir == "" || !app.SameDisk(vaultDir, filepath.Dir(backupPath)) {
		return ""
	}
	return i18n.X("backup.same_disk")
}

// FolderSameDisk warns, when the automatic backups' folder is chosen,
// that it is on the disk that holds the journal ("" when it is not).
func FolderSameDisk(vaultDir, folder string) string {
	if vaultDir == "" || folder == "" || !app.SameDisk(vaultDir, folder) {
		return ""
	}
	return i18n.X("backup.same_disk_folder")
}
