package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Backups: one encrypted file that holds the whole journal and its
// evidence (see vault.Backup and docs/backup-format.md). The GUI offers
// "Sauvegarder maintenant" (BackupTo or BackupToFolder), an automatic
// backup at each lock into a chosen folder keeping the last N
// (AutoBackup, BackupBeforeLock), a reminder when the last backup is older
// than 30 days (BackupReminder), and a warning when the chosen folder is
// synchronised with a cloud or a work account (DetectCloudFolder).

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

// backupPrefix starts the name of the backups BackupToFolder writes.
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

// BackupTo writes a backup of the journal to path (refusing an existing
// file unless overwrite), checks it when check is true (it reads it back
// whole: the disk or USB key is proven readable), and records the time as
// the last backup. progress, if not nil, gets the evidence bytes done and
// their total.
func (j *Journal) BackupTo(ctx context.Context, path string, overwrite, check bool, progress func(done, total int64)) (*BackupResult, error) {
	info, err := j.v.WriteBackupFile(ctx, path, overwrite, &vault.BackupOptions{Producer: "temoin " + Version, Progress: progress})
	if err != nil {
		return nil, err
	}
	res := &BackupResult{Path: path, Info: info}
	if check {
		rep, err := j.v.CheckBackupFile(ctx, path, progress)
		if err != nil {
			return res, fmt.Errorf("the backup was written but reading it back failed: %w", err)
		}
		res.Checked = rep
	}
	err = j.v.Update(func(tx *vault.Tx) error {
		if err := tx.PutUnchained("setting/"+settingLastBackup, []byte(info.Created.Format(time.RFC3339))); err != nil {
			return err
		}
		return tx.PutUnchained("setting/"+settingLastBackupPath, []byte(path))
	})
	if err != nil {
		return res, fmt.Errorf("the backup was written, but its date could not be recorded: %w", err)
	}
	return res, nil
}

// BackupFileName is the name BackupToFolder gives a backup made at t.
func BackupFileName(t time.Time) string {
	return backupPrefix + t.Local().Format("20060102-150405") + BackupExt
}

// BackupToFolder writes a new backup into folder, reads it back to check
// it, and only then removes the oldest backups of this vault written
// there by Témoin, so that keep remain (keep <= 0 keeps them all). Files
// it did not write, and backups of other vaults, are never touched.
func (j *Journal) BackupToFolder(ctx context.Context, folder string, keep int, progress func(done, total int64)) (*BackupResult, error) {
	info, err := os.Stat(folder)
	if err != nil {
		return nil, fmt.Errorf("the backup folder cannot be used: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("the backup folder cannot be used: %s is not a folder", folder)
	}
	path := nextBackupPath(folder, time.Now())
	res, err := j.BackupTo(ctx, path, false, true, progress)
	if err != nil {
		return res, err
	}
	if !res.Checked.OK() {
		// Written and readable, but the vault itself has problems: keep
		// every older backup.
		return res, nil
	}
	if keep > 0 {
		res.Removed, err = j.pruneBackups(folder, keep, path)
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

// pruneBackups removes the oldest backups of this vault in folder beyond
// keep. just is the backup just written: never removed.
func (j *Journal) pruneBackups(folder string, keep int, just string) ([]string, error) {
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
		if id, err := vault.BackupVaultID(p); err == nil && id == j.v.ID() {
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

// backupOrder is a key that sorts BackupToFolder's names by time, then by
// the counter added when two are made in the same second.
func backupOrder(path string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), backupPrefix), BackupExt)
	stamp, n, _ := strings.Cut(s[min(len(s), len("20060102-")):], "-")
	counter, _ := strconv.Atoi(n)
	return fmt.Sprintf("%s%s-%09d", s[:min(len(s), len("20060102-"))], stamp, counter)
}

// LastBackup returns when and where the last backup was made (zero time
// when never).
func (j *Journal) LastBackup() (time.Time, string, error) {
	s, err := j.Setting(settingLastBackup)
	if err != nil || s == "" {
		return time.Time{}, "", err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, "", nil // unreadable: as if never
	}
	p, err := j.Setting(settingLastBackupPath)
	return t, p, err
}

// BackupReminder reports whether to remind the person to make a backup:
// the last one (or, without any, the vault's creation) is older than
// BackupReminderAfter.
func (j *Journal) BackupReminder(now time.Time) (due bool, last time.Time, err error) {
	last, _, err = j.LastBackup()
	if err != nil {
		return false, last, err
	}
	since := last
	if since.IsZero() {
		since = j.v.Created()
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

// AutoBackup returns the automatic backup settings.
func (j *Journal) AutoBackup() (AutoBackupSettings, error) {
	s, err := j.Setting(settingAutoBackup)
	if err != nil || s == "" {
		return AutoBackupSettings{Keep: DefaultBackupsKept}, err
	}
	parts := strings.Split(s, "\n")
	if len(parts) != 3 {
		return AutoBackupSettings{Keep: DefaultBackupsKept}, nil
	}
	keep, _ := strconv.Atoi(parts[1])
	if keep <= 0 {
		keep = DefaultBackupsKept
	}
	return AutoBackupSettings{Folder: parts[0], Keep: keep, AtLock: parts[2] == "1"}, nil
}

// SetAutoBackup stores the automatic backup settings.
func (j *Journal) SetAutoBackup(s AutoBackupSettings) error {
	if strings.ContainsAny(s.Folder, "\n\x00") {
		return errors.New("invalid folder name")
	}
	at := "0"
	if s.AtLock {
		at = "1"
	}
	return j.SetSetting(settingAutoBackup, s.Folder+"\n"+strconv.Itoa(s.Keep)+"\n"+at)
}

// BackupBeforeLock makes the automatic backup if it is on: the GUI calls
// it just before Lock (a locked vault cannot be backed up). It returns
// nil, nil when the automatic backup is off. When the folder is missing
// (the USB key is not plugged in), it returns an error that wraps
// os.ErrNotExist: the GUI says so and locks anyway.
func (j *Journal) BackupBeforeLock(ctx context.Context, progress func(done, total int64)) (*BackupResult, error) {
	s, err := j.AutoBackup()
	if err != nil || !s.AtLock || s.Folder == "" {
		return nil, err
	}
	return j.BackupToFolder(ctx, s.Folder, s.Keep, progress)
}

// CompareWithBackups compares the vault with its newest backups that the
// journal knows of (the last one made, and the newest in the automatic
// backup folder): a backup that holds changes the vault lacks shows that
// the vault folder was put back to an older copy — an *IntegrityError
// whose Witness is "backup". Call it after unlocking, at least when
// VaultWarnings says no witness was found. A backup that cannot be read
// (a USB key not plugged in, a backup made before the keys were renewed)
// is skipped: it proves nothing either way.
func (j *Journal) CompareWithBackups(ctx context.Context) (*IntegrityError, error) {
	var paths []string
	if _, last, err := j.LastBackup(); err == nil && last != "" {
		paths = append(paths, last)
	}
	if s, err := j.AutoBackup(); err == nil && s.Folder != "" {
		if entries, err := os.ReadDir(s.Folder); err == nil {
			var ours []string
			for _, e := range entries {
				if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, BackupExt) {
					ours = append(ours, filepath.Join(s.Folder, n))
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
		found, err := j.v.CompareBackup(ctx, p)
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

// CloudFolder says that a folder looks synchronised with an online
// service: the backup would leave the computer (encrypted), and, with a
// work account, land on the employer's servers.
type CloudFolder struct {
	Service string // "OneDrive", "Google Drive", "Dropbox", "Nextcloud"...
	// Work is true when the account looks like a work or school one
	// (OneDrive - <organisation>, an academic Nextcloud...).
	Work bool
	// Root is the folder that revealed it.
	Root string
}

// DetectCloudFolder tells whether path (a folder chosen for backups) is
// inside a folder synchronised with a cloud service, from the names of
// its parent folders, the marker files the sync clients leave, and the
// environment variables and settings of OneDrive and Nextcloud. It can
// miss services it does not know: it is a warning, not a guarantee.
func DetectCloudFolder(path string) (CloudFolder, bool) {
	return detectCloudFolder(path, os.Getenv, nextcloudConfigs())
}

type cloudName struct {
	match   func(name string) bool
	service string
	work    func(name string) bool
}

func eqFold(names ...string) func(string) bool {
	return func(n string) bool {
		for _, s := range names {
			if strings.EqualFold(n, s) {
				return true
			}
		}
		return false
	}
}

func prefixFold(p string) func(string) bool {
	return func(n string) bool { return len(n) >= len(p) && strings.EqualFold(n[:len(p)], p) }
}

func never(string) bool { return false }

var cloudNames = []cloudName{
	// "OneDrive - Académie de Lyon" is a work or school account.
	{prefixFold("OneDrive"), "OneDrive", func(n string) bool {
		rest := strings.TrimSpace(n[len("OneDrive"):])
		rest = strings.TrimLeft(rest, "-– ")
		return rest != "" && !strings.EqualFold(rest, "Personal") && !strings.EqualFold(rest, "Personnel")
	}},
	{eqFold("Google Drive", "GoogleDrive", "My Drive", "Mon Drive", "Shared drives", "Drives partagés"), "Google Drive", never},
	{prefixFold("GoogleDrive-"), "Google Drive", never},
	{prefixFold("Dropbox"), "Dropbox", func(n string) bool {
		// "Dropbox (Collège Jean Moulin)" is a team account.
		i := strings.Index(n, "(")
		return i > 0 && !strings.Contains(strings.ToLower(n[i:]), "person")
	}},
	{eqFold("Nextcloud", "ownCloud"), "Nextcloud", never},
	{eqFold("iCloud Drive", "iCloudDrive", "com~apple~CloudDocs", "Mobile Documents"), "iCloud Drive", never},
	{eqFold("pCloudDrive", "pCloud Drive", "pCloud"), "pCloud", never},
	{eqFold("Box Sync"), "Box", never},
	{prefixFold("Box-"), "Box", never},
	{eqFold("MEGAsync", "MEGA Downloads"), "MEGA", never},
	{eqFold("SynologyDrive", "Synology Drive"), "Synology Drive", never},
	{eqFold("Seafile"), "Seafile", never},
	{eqFold("Tresorit"), "Tresorit", never},
	{prefixFold("Proton Drive"), "Proton Drive", never},
	{prefixFold("ProtonDrive"), "Proton Drive", never},
}

// Marker files that sync clients leave at the root of what they sync.
var cloudMarkers = []struct{ glob, service string }{
	{".dropbox", "Dropbox"},
	{".dropbox.cache", "Dropbox"},
	{".sync_*.db", "Nextcloud"},
	{"._sync_*.db", "Nextcloud"},
	{".nextcloudsync.log", "Nextcloud"},
	{".owncloudsync.log", "Nextcloud"},
	{".SynologyWorkingDirectory", "Synology Drive"},
	{"seafile-ignore.txt", "Seafile"},
	{".megaignore", "MEGA"},
	{".tmp.drivedownload", "Google Drive"},
	{".tmp.driveupload", "Google Drive"},
	{".pcloud", "pCloud"},
}

// nextcloudFolder is a folder that a Nextcloud client synchronises, with
// the server it goes to.
type nextcloudFolder struct{ local, server string }

func detectCloudFolder(path string, getenv func(string) string, nc []nextcloudFolder) (CloudFolder, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return CloudFolder{}, false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	// OneDrive on Windows says where it syncs.
	for _, v := range []struct {
		name string
		work bool
	}{{"OneDriveCommercial", true}, {"OneDriveConsumer", false}, {"OneDrive", false}} {
		if root := getenv(v.name); root != "" && within(abs, root) {
			return CloudFolder{Service: "OneDrive", Work: v.work || isWorkOneDrive(filepath.Base(root)), Root: root}, true
		}
	}
	for _, f := range nc {
		if f.local != "" && within(abs, f.local) {
			return CloudFolder{Service: "Nextcloud", Work: isWorkServer(f.server), Root: f.local}, true
		}
	}
	// gvfs mounts of GNOME online accounts: /run/user/1000/gvfs/google-drive:host=…
	if strings.Contains(abs, "/gvfs/google-drive:") {
		return CloudFolder{Service: "Google Drive", Root: abs}, true
	}
	if strings.Contains(abs, "/gvfs/onedrive:") {
		return CloudFolder{Service: "OneDrive", Root: abs}, true
	}
	for dir := abs; ; {
		name := filepath.Base(dir)
		for _, c := range cloudNames {
			if c.match(name) {
				return CloudFolder{Service: c.service, Work: c.work(name), Root: dir}, true
			}
		}
		for _, m := range cloudMarkers {
			if found, _ := filepath.Glob(filepath.Join(dir, m.glob)); len(found) > 0 {
				return CloudFolder{Service: m.service, Root: dir}, true
			}
		}
		// macOS puts every File Provider sync root under
		// ~/Library/CloudStorage/<Service>-<account>.
		if parent := filepath.Dir(dir); filepath.Base(parent) == "CloudStorage" && filepath.Base(filepath.Dir(parent)) == "Library" {
			service, _, _ := strings.Cut(name, "-")
			return CloudFolder{Service: service, Root: dir}, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return CloudFolder{}, false
}

func isWorkOneDrive(name string) bool { return cloudNames[0].match(name) && cloudNames[0].work(name) }

// isWorkServer recognises the servers of French education: apps.education.fr
// ("Nuage"), the academies (ac-*.fr), the ministry and agriculture ones.
func isWorkServer(server string) bool {
	s := strings.ToLower(server)
	for _, w := range []string{"education.fr", "education.gouv.fr", "://ac-", ".ac-", "agriculture.gouv.fr", "educagri.fr", "enseignementsup"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// within reports whether p is root or inside it.
func within(p, root string) bool {
	root = filepath.Clean(root)
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, p)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		rel, err = filepath.Rel(strings.ToLower(root), strings.ToLower(p))
	}
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// nextcloudConfigs reads the folders the Nextcloud (or ownCloud) desktop
// client syncs, from its settings file.
func nextcloudConfigs() []nextcloudFolder {
	var files []string
	if d, err := os.UserConfigDir(); err == nil {
		files = append(files,
			filepath.Join(d, "Nextcloud", "nextcloud.cfg"),
			filepath.Join(d, "ownCloud", "owncloud.cfg"))
	}
	if home, err := os.UserHomeDir(); err == nil && runtime.GOOS == "darwin" {
		files = append(files, filepath.Join(home, "Library", "Preferences", "Nextcloud", "nextcloud.cfg"))
	}
	var out []nextcloudFolder
	for _, f := range files {
		out = append(out, parseNextcloudConfig(f)...)
	}
	return out
}

// parseNextcloudConfig reads lines such as
//
//	0\url=https://nuage03.apps.education.fr
//	0\Folders\1\localPath=/home/prof/Nextcloud/
func parseNextcloudConfig(name string) []nextcloudFolder {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	urls := map[string]string{}
	var folders []nextcloudFolder
	var accounts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		parts := strings.Split(key, `\`)
		switch {
		case len(parts) == 2 && parts[1] == "url":
			urls[parts[0]] = val
		case len(parts) == 4 && (parts[1] == "Folders" || strings.HasPrefix(parts[1], "FoldersWith")) && parts[3] == "localPath":
			folders = append(folders, nextcloudFolder{local: filepath.Clean(val)})
			accounts = append(accounts, parts[0])
		}
	}
	for i := range folders {
		folders[i].server = urls[accounts[i]]
	}
	return folders
}
