package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Backups: one encrypted file that holds the whole journal and its
// evidence (see vault.Backup and docs/backup-format.md). The GUI offers
// "Sauvegarder maintenant" (BackupService.Write or WriteToFolder), an
// automatic backup at each lock into a chosen folder keeping the last N
// (Auto, BeforeLock), a reminder when the last backup is older than 30
// days (Reminder), and a warning when the chosen folder is synchronised
// with a cloud or a work account (DetectCloudFolder).

// Backup types and errors, for the user interfaces.
type (
	BackupInfo   = vault.BackupInfo
	BackupReport = vault.BackupReport
	BackupError  = vault.BackupError
	Secret       = vault.Secret
)

var (
	ErrNotBackup        = vault.ErrNotBackup
	ErrBackupIncomplete = vault.ErrBackupIncomplete
	ErrBackupExists     = vault.ErrBackupExists
	ErrRestoreTarget    = vault.ErrRestoreTarget
)

// Passphrase and RecoveryCode open a backup.
func Passphrase(p []byte) Secret      { return vault.Passphrase(p) }
func RecoveryCode(code string) Secret { return vault.RecoveryCode(code) }

// BackupExt ends the name of backup files.
const BackupExt = ".temoin-backup"

// backupPrefix starts the name of the backups WriteToFolder writes.
const backupPrefix = "temoin-sauvegarde-"

// BackupReminderAfter is how old the last backup may get before the GUI
// gently reminds the person to make one.
const BackupReminderAfter = 30 * 24 * time.Hour

// Settings kept in the vault (encrypted: a folder's path can say a lot).
const (
	settingLastBackup     = "backup.last"      // RFC 3339 time
	settingLastBackupPath = "backup.last_path" // where it was written
	settingAutoBackup     = "backup.auto"      // "folder\nkeep\nat_lock"
)

// BackupService writes backups of the journal: by hand into a file or a
// folder, and automatically into a chosen folder at each lock. It records
// the last backup in the vault's settings.
type BackupService struct {
	v        *vault.Vault
	settings *SettingService
}

// BackupResult is what a backup made.
type BackupResult struct {
	Path string
	Info *BackupInfo
	// Checked is the verification of the file just written (nil when not
	// asked for).
	Checked *BackupReport
	// Removed lists the older backups removed to keep the last N.
	Removed []string
}

// Write writes a backup of the journal to path (refusing an existing
// file unless overwrite), checks it when check is true (it reads it back
// whole: the disk or USB key is proven readable), and records the time as
// the last backup. progress, if not nil, gets the evidence bytes done and
// their total.
func (s *BackupService) Write(ctx context.Context, path string, overwrite, check bool, progress func(done, total int64)) (*BackupResult, error) {
	info, err := s.v.WriteBackupFile(ctx, path, overwrite, &vault.BackupOptions{Producer: "temoin " + Version, Progress: progress})
	if err != nil {
		return nil, err
	}
	res := &BackupResult{Path: path, Info: info}
	if check {
		rep, err := s.v.CheckBackupFile(ctx, path, progress)
		if err != nil {
			return res, fmt.Errorf("the backup was written but reading it back failed: %w", err)
		}
		res.Checked = rep
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		if err := tx.PutUnchained(settingKey(settingLastBackup), []byte(info.Created.Format(time.RFC3339))); err != nil {
			return err
		}
		queueStamp(tx, "backup")
		return tx.PutUnchained(settingKey(settingLastBackupPath), []byte(path))
	})
	if err != nil {
		return res, fmt.Errorf("the backup was written, but its date could not be recorded: %w", err)
	}
	return res, nil
}

// BackupFileName is the name WriteToFolder gives a backup made at t.
func BackupFileName(t time.Time) string {
	return backupPrefix + t.Local().Format("20060102-150405") + BackupExt
}

// WriteToFolder writes a new backup into folder, reads it back to check
// it, and only then removes the oldest backups of this vault written
// there by Témoin, so that keep remain (keep <= 0 keeps them all). Files
// it did not write, and backups of other vaults, are never touched.
func (s *BackupService) WriteToFolder(ctx context.Context, folder string, keep int, progress func(done, total int64)) (*BackupResult, error) {
	info, err := os.Stat(folder)
	if err != nil {
		return nil, fmt.Errorf("the backup folder cannot be used: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("the backup folder cannot be used: %s is not a folder", folder)
	}
	path := nextBackupPath(folder, time.Now())
	res, err := s.Write(ctx, path, false, true, progress)
	if err != nil {
		return res, err
	}
	if !res.Checked.OK() {
		// Written and readable, but the vault itself has problems: keep
		// every older backup.
		return res, nil
	}
	if keep > 0 {
		res.Removed, err = s.prune(folder, keep, path)
	}
	return res, err
}

// nextBackupPath names a new backup made at now so that it sorts after
// every backup already in folder (a counter follows the time when needed).
func nextBackupPath(folder string, now time.Time) string {
	name := BackupFileName(now)
	path := filepath.Join(folder, name)
	last := ""
	if entries, err := os.ReadDir(folder); err == nil {
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, BackupExt) && backupOrder(n) > last {
				last = backupOrder(n)
			}
		}
	}
	if stamp := backupOrder(name); len(last) >= len(stamp) && last[:15] > stamp[:15] {
		last = "" // the clock went back: only avoid existing names
	}
	for i := 1; fileExistsApp(path) || backupOrder(path) <= last; i++ {
		path = filepath.Join(folder, strings.TrimSuffix(name, BackupExt)+"-"+strconv.Itoa(i)+BackupExt)
	}
	return path
}

func fileExistsApp(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// prune removes the oldest backups of this vault in folder beyond
// keep. just is the backup just written: never removed.
func (s *BackupService) prune(folder string, keep int, just string) ([]string, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, err
	}
	var ours []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, backupPrefix) || !strings.HasSuffix(name, BackupExt) {
			continue
		}
		p := filepath.Join(folder, name)
		if p == just {
			continue
		}
		if id, err := vault.BackupVaultID(p); err == nil && id == s.v.ID() {
			ours = append(ours, p)
		}
	}
	sort.Slice(ours, func(a, b int) bool { return backupOrder(ours[a]) < backupOrder(ours[b]) }) // oldest first
	var removed []string
	for len(ours) > keep-1 {
		if err := os.Remove(ours[0]); err != nil {
			return removed, fmt.Errorf("failed to remove an old backup: %w", err)
		}
		removed = append(removed, ours[0])
		ours = ours[1:]
	}
	return removed, nil
}

// backupOrder is a key that sorts WriteToFolder's names by time, then by
// the counter added when two are made in the same second.
func backupOrder(path string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), backupPrefix), BackupExt)
	stamp, n, _ := strings.Cut(s[min(len(s), len("20060102-")):], "-")
	counter, _ := strconv.Atoi(n)
	return fmt.Sprintf("%s%s-%09d", s[:min(len(s), len("20060102-"))], stamp, counter)
}

// Last returns when and where the last backup was made (zero time when
// never).
func (s *BackupService) Last() (time.Time, string, error) {
	text, err := s.settings.Get(settingLastBackup)
	if err != nil || text == "" {
		return time.Time{}, "", err
	}
	t, err := time.Parse(time.RFC3339, text)
	if err != nil {
		return time.Time{}, "", nil // unreadable: as if never
	}
	p, err := s.settings.Get(settingLastBackupPath)
	return t, p, err
}

// Reminder reports whether to remind the person to make a backup:
// the last one (or, without any, the vault's creation) is older than
// BackupReminderAfter.
func (s *BackupService) Reminder(now time.Time) (due bool, last time.Time, err error) {
	last, _, err = s.Last()
	if err != nil {
		return false, last, err
	}
	since := last
	if since.IsZero() {
		since = s.v.Created()
	}
	return now.Sub(since) >= BackupReminderAfter, last, nil
}

// AutoBackupSettings choose the automatic backup made at each lock.
type AutoBackupSettings struct {
	Folder string // "" when off
	Keep   int    // how many backups to keep there (default 5)
	AtLock bool
}

// DefaultBackupsKept is how many automatic backups are kept by default.
const DefaultBackupsKept = 5

// Auto returns the automatic backup settings.
func (s *BackupService) Auto() (AutoBackupSettings, error) {
	text, err := s.settings.Get(settingAutoBackup)
	if err != nil || text == "" {
		return AutoBackupSettings{Keep: DefaultBackupsKept}, err
	}
	parts := strings.Split(text, "\n")
	if len(parts) != 3 {
		return AutoBackupSettings{Keep: DefaultBackupsKept}, nil
	}
	keep, _ := strconv.Atoi(parts[1])
	if keep <= 0 {
		keep = DefaultBackupsKept
	}
	return AutoBackupSettings{Folder: parts[0], Keep: keep, AtLock: parts[2] == "1"}, nil
}

// SetAuto stores the automatic backup settings.
func (s *BackupService) SetAuto(a AutoBackupSettings) error {
	if strings.ContainsAny(a.Folder, "\n\x00") {
		return errors.New("invalid folder name")
	}
	at := "0"
	if a.AtLock {
		at = "1"
	}
	return s.settings.Set(settingAutoBackup, a.Folder+"\n"+strconv.Itoa(a.Keep)+"\n"+at)
}

// BeforeLock makes the automatic backup if it is on: the GUI calls
// it just before Lock (a locked vault cannot be backed up). It returns
// nil, nil when the automatic backup is off. When the folder is missing
// (the USB key is not plugged in), it returns an error that wraps
// os.ErrNotExist: the GUI says so and locks anyway.
func (s *BackupService) BeforeLock(ctx context.Context, progress func(done, total int64)) (*BackupResult, error) {
	a, err := s.Auto()
	if err != nil || !a.AtLock || a.Folder == "" {
		return nil, err
	}
	return s.WriteToFolder(ctx, a.Folder, a.Keep, progress)
}

// Compare compares the vault with its newest backups that the journal
// knows of (the last one made, and the newest in the automatic
// backup folder): a backup that holds changes the vault lacks shows that
// the vault folder was put back to an older copy — an *IntegrityError
// whose Witness is "backup". Call it after unlocking, at least when
// VaultWarnings says no witness was found. A backup that cannot be read
// (a USB key not plugged in, a backup made before the keys were renewed)
// is skipped: it proves nothing either way.
func (s *BackupService) Compare(ctx context.Context) (*IntegrityError, error) {
	var paths []string
	if _, last, err := s.Last(); err == nil && last != "" {
		paths = append(paths, last)
	}
	if a, err := s.Auto(); err == nil && a.Folder != "" {
		if entries, err := os.ReadDir(a.Folder); err == nil {
			var ours []string
			for _, e := range entries {
				if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, BackupExt) {
					ours = append(ours, filepath.Join(a.Folder, n))
				}
			}
			sort.Slice(ours, func(a, b int) bool { return backupOrder(ours[a]) > backupOrder(ours[b]) })
			paths = append(paths, ours[:min(len(ours), 2)]...)
		}
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		found, err := s.v.CompareBackup(ctx, p)
		if err == nil && found != nil {
			return found, nil
		}
	}
	return nil, nil
}

// VerifyBackupFile reads a backup whole without restoring it. It needs no
// open vault: the secret is the passphrase in force when the backup was
// made, or the recovery code.
func VerifyBackupFile(ctx context.Context, path string, secret Secret, progress func(done, total int64)) (*BackupReport, error) {
	return vault.VerifyBackupFile(ctx, path, secret, progress)
}

// RestoreBackupFile restores a backup into dir, a new or empty folder
// (never over a vault), and verifies the restored vault.
func RestoreBackupFile(ctx context.Context, path, dir string, secret Secret, progress func(done, total int64)) (*BackupReport, error) {
	return vault.RestoreBackupFile(ctx, path, dir, secret, progress, nil)
}
