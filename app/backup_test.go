package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

func TestBackupToFolderKeepsTheLastN(t *testing.T) {
	j, _ := newTestJournal(t)
	in, err := j.Incidents.Create(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachFile(context.Background(), in.ID, "capture.png", strings.NewReader("une image"), nil); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	// Files that are not ours, and a backup of another vault, stay.
	os.WriteFile(filepath.Join(folder, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(folder, backupPrefix+"00000000-000000"+BackupExt), []byte("not a backup"), 0o600)
	other, _ := newTestJournal(t)
	otherPath := filepath.Join(folder, backupPrefix+"00000000-000001"+BackupExt)
	if _, err := other.Backups.Write(context.Background(), otherPath, false, false, nil); err != nil {
		t.Fatal(err)
	}

	if due, _, _ := j.Backups.Reminder(time.Now()); due {
		t.Fatal("reminder due for a vault created just now")
	}
	if due, _, _ := j.Backups.Reminder(time.Now().Add(31 * 24 * time.Hour)); !due {
		t.Fatal("no reminder 31 days after creation without a backup")
	}
	var made []string
	for range 4 {
		res, err := j.Backups.WriteToFolder(context.Background(), folder, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Checked == nil || !res.Checked.OK() || res.Checked.Blobs != 1 {
			t.Fatalf("checked: %+v", res.Checked)
		}
		made = append(made, res.Path)
	}
	for i, p := range made {
		_, err := os.Stat(p)
		if kept := i >= 2; kept != (err == nil) {
			t.Errorf("backup %d (%s): kept=%v, stat %v", i, filepath.Base(p), kept, err)
		}
	}
	for _, name := range []string{"notes.txt", backupPrefix + "00000000-000000" + BackupExt, filepath.Base(otherPath)} {
		if _, err := os.Stat(filepath.Join(folder, name)); err != nil {
			t.Errorf("%s was removed", name)
		}
	}
	last, where, err := j.Backups.Last()
	if err != nil || time.Since(last) > time.Minute || where != made[3] {
		t.Fatalf("last backup %v at %q: %v", last, where, err)
	}
	if due, _, _ := j.Backups.Reminder(time.Now().Add(29 * 24 * time.Hour)); due {
		t.Fatal("reminder due 29 days after a backup")
	}

	// The last backup restores to the same journal.
	dst := filepath.Join(t.TempDir(), "restored")
	rep, err := RestoreBackupFile(context.Background(), made[3], dst, Passphrase(testPass), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("restore: %v %+v", err, rep)
	}
	r, err := Unlock(dst, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Lock()
	got, err := r.Incidents.Get(in.ID)
	if err != nil || got.Description != in.Description || len(got.Evidence) != 1 {
		t.Fatalf("restored incident: %+v %v", got, err)
	}
}

func TestBackupBeforeLock(t *testing.T) {
	j, _ := newTestJournal(t)
	if res, err := j.Backups.BeforeLock(context.Background(), nil); res != nil || err != nil {
		t.Fatalf("off: %v %v", res, err)
	}
	folder := t.TempDir()
	if err := j.Backups.SetAuto(AutoBackupSettings{Folder: folder, Keep: 3, AtLock: true}); err != nil {
		t.Fatal(err)
	}
	s, err := j.Backups.Auto()
	if err != nil || s != (AutoBackupSettings{Folder: folder, Keep: 3, AtLock: true}) {
		t.Fatalf("%+v %v", s, err)
	}
	res, err := j.Backups.BeforeLock(context.Background(), nil)
	if err != nil || res == nil {
		t.Fatalf("%v %v", res, err)
	}
	// The USB key is gone: a clear error, nothing else.
	j.Backups.SetAuto(AutoBackupSettings{Folder: filepath.Join(folder, "absent"), Keep: 3, AtLock: true})
	if _, err := j.Backups.BeforeLock(context.Background(), nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing folder: %v", err)
	}
}

func TestDetectCloudFolder(t *testing.T) {
	root := t.TempDir()
	mk := func(parts ...string) string {
		p := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	touch := func(dir, name string) { os.WriteFile(filepath.Join(dir, name), nil, 0o600) }
	nc := mk("Documents", "Synchro")
	touch(nc, ".sync_3f2a1b.db")
	dbx := mk("Boulot")
	touch(dbx, ".dropbox")
	env := map[string]string{"OneDriveCommercial": mk("OneDrive - Académie de Lyon")}
	cases := []struct {
		path    string
		service string
		work    bool
	}{
		{mk("OneDrive", "Sauvegardes"), "OneDrive", false},
		{mk("OneDrive - Académie de Lyon", "Temoin"), "OneDrive", true},
		{mk("OneDrive - Personal"), "OneDrive", false},
		{mk("Mon Drive", "a"), "Google Drive", false},
		{mk("Dropbox (Collège Jean Moulin)", "x"), "Dropbox", true},
		{mk("Dropbox"), "Dropbox", false},
		{mk("Nextcloud", "Perso"), "Nextcloud", false},
		{mk("Documents", "Synchro", "Témoin"), "Nextcloud", false},
		{mk("Boulot", "x"), "Dropbox", false},
		{mk("Library", "CloudStorage", "GoogleDrive-prof@gmail.com", "Mon Drive"), "Google Drive", false},
		{mk("Library", "Mobile Documents", "com~apple~CloudDocs"), "iCloud Drive", false},
		{mk("pCloudDrive"), "pCloud", false},
		{mk("Nuage", "x"), "Nextcloud", true}, // from the client's settings
	}
	ncFolders := []nextcloudFolder{{local: filepath.Join(root, "Nuage"), server: "https://nuage03.apps.education.fr"}}
	for _, c := range cases {
		got, ok := detectCloudFolder(c.path, func(k string) string { return env[k] }, ncFolders)
		if !ok || got.Service != c.service || got.Work != c.work {
			t.Errorf("%s: got %+v %v, want %s work=%v", strings.TrimPrefix(c.path, root), got, ok, c.service, c.work)
		}
	}
	for _, p := range []string{mk("Documents", "Sauvegardes"), mk("media", "CLE USB"), mk("Boxes")} {
		if got, ok := detectCloudFolder(p, func(string) string { return "" }, nil); ok {
			t.Errorf("%s: false alarm %+v", strings.TrimPrefix(p, root), got)
		}
	}
}

func TestParseNextcloudConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "nextcloud.cfg")
	os.WriteFile(cfg, []byte("[Accounts]\n0\\url=https://nuage03.apps.education.fr\n0\\Folders\\1\\localPath=/home/prof/Nuage/\n1\\url=https://cloud.example.org\n1\\Folders\\2\\localPath=/home/prof/Perso\n"), 0o600)
	got := parseNextcloudConfig(cfg)
	if len(got) != 2 || got[0].local != filepath.FromSlash("/home/prof/Nuage") || !isWorkServer(got[0].server) || isWorkServer(got[1].server) {
		t.Fatalf("%+v", got)
	}
}

func TestUnlockDelay(t *testing.T) {
	for failures, w := range map[int]time.Duration{0: 0, 2: 0, 3: 2 * time.Second, 4: 4 * time.Second, 10: 256 * time.Second, 11: MaxUnlockDelay, 1000: MaxUnlockDelay} {
		if got := UnlockDelay(failures); got != w {
			t.Errorf("UnlockDelay(%d) = %v, want %v", failures, got, w)
		}
	}
	now := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	th := &UnlockThrottle{Now: func() time.Time { return now }}
	for range 3 {
		th.Failed()
	}
	if w := th.Wait(); w != 2*time.Second {
		t.Fatalf("wait after 3 failures: %v", w)
	}
	now = now.Add(time.Second)
	if w := th.Wait(); w != time.Second {
		t.Fatalf("wait one second later: %v", w)
	}
	th.Succeeded()
	if th.Wait() != 0 || th.Failures() != 0 {
		t.Fatal("success does not reset")
	}
}

// The vault folder put back whole to an older copy, the witness outside it
// deleted too: the newest automatic backup still shows the changes that
// are missing.
func TestCompareWithBackupsNoticesAnOlderFolder(t *testing.T) {
	config := vaulttest.UserConfigDir(t) // the witness outside the folder
	j, dir := newTestJournal(t)
	folder := t.TempDir()
	if err := j.Backups.SetAuto(AutoBackupSettings{Folder: folder, Keep: 3, AtLock: true}); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	older := filepath.Join(t.TempDir(), "older")
	if err := vaulttest.CopyDir(dir, older); err != nil {
		t.Fatal(err)
	}
	j, err := Unlock(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Incidents.Create(sample(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Backups.BeforeLock(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if found, err := j.Backups.Compare(context.Background()); found != nil || err != nil {
		t.Fatalf("the vault itself: %v %v", found, err)
	}
	j.Lock()
	os.RemoveAll(dir)
	vaulttest.CopyDir(older, dir)
	os.RemoveAll(config)
	j, err = Unlock(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	found, err := j.Backups.Compare(context.Background())
	if err != nil || found == nil || found.Kind != vault.HistoryCut {
		t.Fatalf("older folder: %v %v", found, err)
	}
}
