package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// markup is what the window shows, dialogs included.
func markup(g *gui) string { return test.RenderToMarkup(g.win.Canvas()) }

// backupsIn lists the backup files in dir.
func backupsIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), app.BackupExt) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

func settingsOf(t *testing.T, g *gui) *settingsScreen {
	t.Helper()
	g.main.showSettings()
	s, ok := g.main.current.(*settingsScreen)
	if !ok {
		t.Fatalf("settings not shown: %T", g.main.current)
	}
	return s
}

// TestBackupNow: Settings → "Sauvegarder maintenant" → a folder → the
// file is there, verifies, and its name and size are said.
func TestBackupNow(t *testing.T) {
	g := unlockTestGUI(t)
	in, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := fileSource(pngFile(t))
	if _, err := g.journal.Evidence.AttachFile(context.Background(), in.ID, src.name, mustOpen(t, src), nil); err != nil {
		t.Fatal(err)
	}
	s := settingsOf(t, g)
	if !strings.Contains(s.backups.last.Text, "Aucune sauvegarde") {
		t.Errorf("last backup before any: %q", s.backups.last.Text)
	}
	usb := filepath.Join(t.TempDir(), "CLE USB")
	os.Mkdir(usb, 0o700)
	uses := pickFolders(g, usb)
	test.Tap(s.backups.nowBtn)
	if *uses != 1 {
		t.Fatalf("the folder dialog was shown %d times", *uses)
	}
	files := backupsIn(t, usb)
	if len(files) != 1 {
		t.Fatalf("backups in the folder: %v", files)
	}
	rep, err := app.VerifyBackupFile(context.Background(), files[0], app.Passphrase([]byte(testPass)), nil)
	if err != nil || !rep.OK() || rep.Blobs != 1 {
		t.Fatalf("the backup does not verify: %v %+v", err, rep)
	}
	if !strings.Contains(markup(g), "Sauvegarde faite") || !strings.Contains(g.bk.said, filepath.Base(files[0])) || !strings.Contains(g.bk.said, "Ko)") {
		t.Errorf("the result does not name the file and its size: %q", g.bk.said)
	}
	// After the backup: its folder can be shown; the temporary folder is on
	// the journal's disk, which is said (issue 12).
	w := g.bk.written
	if w == nil || w.warning == nil || !strings.Contains(w.warning.Text, "même disque que votre journal") {
		t.Error("no warning for a backup on the journal's disk")
	}
	opened := captureOpen(t, g)
	test.Tap(w.folderBtn)
	if len(*opened) != 1 || (*opened)[0] != usb {
		t.Errorf("opened %v, want the folder %s", *opened, usb)
	}
	if !strings.Contains(s.backups.last.Text, "Dernière sauvegarde") || !strings.Contains(s.backups.last.Text, "CLE USB") {
		t.Errorf("last backup: %q", s.backups.last.Text)
	}
	if g.bk.running != nil {
		t.Error("the backup is still marked as running")
	}
	// The folder is not kept in Fyne's preferences.
	if v := g.app.Preferences().String(fileDialogFolderKey); v != "" {
		t.Errorf("folder in the preferences: %q", v)
	}
}

func mustOpen(t *testing.T, src importSource) interface {
	Read([]byte) (int, error)
} {
	t.Helper()
	r, err := src.open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// TestBackupCloudWarning: a folder that looks synchronised (OneDrive of a
// school, a personal Dropbox) is named in a warning; the person decides.
func TestBackupCloudWarning(t *testing.T) {
	g := unlockTestGUI(t)
	root := t.TempDir()
	onedrive := filepath.Join(root, "OneDrive - Académie de Lyon", "Sauvegardes")
	dropbox := filepath.Join(root, "Dropbox", "perso")
	local := filepath.Join(root, "cle")
	for _, d := range []string{onedrive, dropbox, local} {
		os.MkdirAll(d, 0o700)
	}
	s := settingsOf(t, g)

	// OneDrive of a school: warned as a work account; "another folder"
	// opens the folder dialog again, and a local folder needs no warning.
	uses := pickFolders(g, onedrive, local)
	test.Tap(s.backups.nowBtn)
	if g.bk.cloud == nil || len(backupsIn(t, onedrive)) != 0 {
		t.Fatal("no warning before writing into a OneDrive folder")
	}
	want := filepath.Dir(onedrive) + " semble synchronisé avec OneDrive par un compte professionnel\u00a0: une sauvegarde écrite là sera copiée, chiffrée, sur les serveurs de votre employeur. Continuer quand même\u00a0?"
	if g.bk.cloud.text.Text != want {
		t.Errorf("warning %q", g.bk.cloud.text.Text)
	}
	test.Tap(g.bk.cloud.other)
	if *uses != 2 || len(backupsIn(t, local)) != 1 || len(backupsIn(t, onedrive)) != 0 {
		t.Fatalf("choosing another folder: %d dialogs, %d backups", *uses, len(backupsIn(t, local)))
	}
	g.closeDialogs()

	// A personal Dropbox: warned, and the person goes on knowingly.
	g.bk.cloud = nil
	pickFolders(g, dropbox)
	test.Tap(s.backups.nowBtn)
	if g.bk.cloud == nil {
		t.Fatal("no warning for a Dropbox folder")
	}
	if txt := g.bk.cloud.text.Text; !strings.Contains(txt, "Dropbox") || strings.Contains(txt, "professionnel") {
		t.Errorf("warning %q", txt)
	}
	test.Tap(g.bk.cloud.goOn)
	if len(backupsIn(t, dropbox)) != 1 {
		t.Error("no backup after continuing anyway")
	}
	g.closeDialogs()

	// The same warning when the folder of the automatic backup is chosen.
	g.bk.cloud = nil
	pickFolders(g, onedrive)
	s.backups.autoCheck.SetChecked(true)
	if g.bk.cloud == nil {
		t.Fatal("no warning when choosing the automatic backup's folder")
	}
	if s.backups.autoCheck.Checked {
		t.Error("automatic backup on before the person decided")
	}
	test.Tap(g.bk.cloud.goOn)
	auto, _ := g.journal.Backups.Auto()
	if !auto.AtLock || auto.Folder != onedrive || !s.backups.autoCheck.Checked {
		t.Errorf("automatic backup after continuing anyway: %+v", auto)
	}
}

// TestBackupAtLock: the automatic backup is made at each lock, manual or
// idle, and keeps the last N.
func TestBackupAtLock(t *testing.T) {
	g := unlockTestGUI(t)
	usb := t.TempDir()
	s := settingsOf(t, g)
	pickFolders(g, usb)
	s.backups.autoCheck.SetChecked(true)
	s.backups.keep.SetSelectedIndex(0) // keep 2
	auto, _ := g.journal.Backups.Auto()
	if !auto.AtLock || auto.Folder != usb || auto.Keep != 2 {
		t.Fatalf("settings %+v", auto)
	}
	// The temporary folder is on the journal's disk: said under the folder.
	if !s.backups.sameDisk.Visible() || !strings.Contains(s.backups.sameDisk.Text, "même disque que votre journal") {
		t.Errorf("no warning for automatic backups on the journal's disk: %q", s.backups.sameDisk.Text)
	}
	if _, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant")); err != nil {
		t.Fatal(err)
	}
	unlock := func() {
		t.Helper()
		test.Type(g.unlock.pass, testPass)
		test.Tap(g.unlock.unlockBtn)
		if g.journal == nil {
			t.Fatalf("not unlocked: %q", g.unlock.message.Text)
		}
	}
	var seen []string
	for i := range 3 {
		if i == 1 {
			// The auto-lock goes the same way.
			g.touch()
			g.idleMu.Lock()
			gen := g.idleGen
			g.idleMu.Unlock()
			g.idleExpired(gen)
		} else {
			g.lock()
		}
		if g.journal != nil || g.unlock == nil {
			t.Fatal("not locked")
		}
		files := backupsIn(t, usb)
		if len(files) != min(i+1, 2) {
			t.Fatalf("lock %d: %d backups: %v", i+1, len(files), files)
		}
		for _, f := range files {
			if !slices.Contains(seen, f) {
				seen = append(seen, f)
			}
		}
		unlock()
		if len(g.dialogs) != 0 {
			t.Errorf("lock %d: something said after a good backup: %d dialogs", i+1, len(g.dialogs))
			g.closeDialogs()
		}
	}
	files := backupsIn(t, usb)
	if len(seen) != 3 || slices.Contains(files, seen[0]) {
		t.Errorf("kept %v, want the last two of %v", files, seen)
	}
	for _, f := range files {
		if rep, err := app.VerifyBackupFile(context.Background(), f, app.Passphrase([]byte(testPass)), nil); err != nil || !rep.OK() {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestBackupAtLockMissingFolder: the USB key is not plugged in: the
// journal locks all the same and says so after the next unlock.
func TestBackupAtLockMissingFolder(t *testing.T) {
	g := unlockTestGUI(t)
	usb := filepath.Join(t.TempDir(), "KEY")
	os.Mkdir(usb, 0o700)
	if err := g.journal.Backups.SetAuto(app.AutoBackupSettings{Folder: usb, Keep: 3, AtLock: true}); err != nil {
		t.Fatal(err)
	}
	os.Remove(usb) // unplugged
	g.lock()
	if g.journal != nil || g.unlock == nil {
		t.Fatal("a missing folder kept the journal open")
	}
	if strings.Contains(markup(g), "KEY") {
		t.Error("the locked screen names the folder")
	}
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.bk.noteDlg == nil || !strings.Contains(markup(g), "introuvable") {
		t.Fatalf("the missing folder is not said after unlocking:\n%s", markup(g))
	}
	// Said once: the next lock (the key still missing) says it again,
	// but an unlock without a lock in between says nothing.
	g.closeDialogs()
	g.bk.noteDlg = nil
	g.sayLockNote()
	if g.bk.noteDlg != nil {
		t.Error("the note is said twice")
	}
}

// TestBackupAtLockCancelled: Cancel locks at once, without the backup,
// and says so after the next unlock. The journal is hidden while the
// backup runs.
func TestBackupAtLockCancelled(t *testing.T) {
	g := unlockTestGUI(t)
	usb := t.TempDir()
	g.journal.Backups.SetAuto(app.AutoBackupSettings{Folder: usb, Keep: 3, AtLock: true})
	if _, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant de Parent P1")); err != nil {
		t.Fatal(err)
	}
	g.main.showJournal()
	var work func()
	g.async = func(f func()) { work = f }
	g.lock()
	if work == nil || g.bk.running == nil {
		t.Fatal("no backup started at lock")
	}
	m := markup(g)
	if strings.Contains(m, "Parent P1") || !strings.Contains(m, "Sauvegarde avant verrouillage") {
		t.Errorf("while backing up before the lock:\n%s", m)
	}
	if g.journal != nil {
		t.Error("the journal is still reachable while the backup runs")
	}
	test.Tap(g.bk.running.dlg.cancel)
	g.async = func(f func()) { f() }
	work()
	if g.unlock == nil || len(backupsIn(t, usb)) != 0 {
		t.Fatalf("after Cancel: unlock screen %v, %d backups", g.unlock != nil, len(backupsIn(t, usb)))
	}
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if !strings.Contains(markup(g), "annulée") {
		t.Errorf("the cancelled backup is not said:\n%s", markup(g))
	}
}

// TestBackupWhileClosing: closing the window during the backup before
// lock waits for it, then closes.
func TestBackupWhileClosing(t *testing.T) {
	g := unlockTestGUI(t)
	usb := t.TempDir()
	g.journal.Backups.SetAuto(app.AutoBackupSettings{Folder: usb, Keep: 3, AtLock: true})
	var work func()
	g.async = func(f func()) { work = f }
	closed := 0
	g.lockWithBackup(func() { closed++ })
	g.lockWithBackup(func() { closed++ }) // closed again while it runs
	if closed != 0 {
		t.Fatal("closed before the backup ended")
	}
	work()
	if closed != 2 || len(backupsIn(t, usb)) != 1 || g.unlock == nil {
		t.Errorf("closed %d times, %d backups", closed, len(backupsIn(t, usb)))
	}
}

// TestBackupReminder: a gentle line when the last backup is older than
// 30 days, put off for 7 days by "Later" (kept in the vault).
func TestBackupReminder(t *testing.T) {
	g := unlockTestGUI(t)
	g.now = time.Now
	g.main.showJournal()
	r := g.main.journal.reminder
	if r.box.Visible() {
		t.Fatal("a reminder for a journal created today")
	}
	if _, err := g.journal.Backups.WriteToFolder(context.Background(), t.TempDir(), 0, nil); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(41 * 24 * time.Hour)
	g.now = func() time.Time { return later }
	g.main.showJournal()
	if !r.box.Visible() || r.text.Text != "Dernière sauvegarde il y a 41 jours." {
		t.Fatalf("reminder %v %q", r.box.Visible(), r.text.Text)
	}
	golden(t, "journal_reminder.xml", g.win.Canvas())
	test.Tap(r.later)
	if r.box.Visible() {
		t.Error("Later did not hide the reminder")
	}
	if v, _ := g.journal.Settings.Get(settingReminderSnoozed); v == "" {
		t.Error("the dismissal is not kept in the vault")
	}
	// Nothing in Fyne's preferences.
	if v := g.app.Preferences().String(settingReminderSnoozed); v != "" {
		t.Error("the dismissal is in the preferences")
	}
	g.lock()
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	r = g.main.journal.reminder
	if r.box.Visible() {
		t.Error("the dismissed reminder is back after an unlock")
	}
	later = later.Add(8 * 24 * time.Hour)
	g.main.showJournal()
	if !r.box.Visible() || !strings.Contains(r.text.Text, "49 jours") {
		t.Errorf("the reminder did not come back after 7 days: %q", r.text.Text)
	}
	// "Back up now" from the reminder; the line goes.
	pickFolders(g, t.TempDir())
	test.Tap(r.now)
	g.closeDialogs()
	later = time.Now().Add(time.Hour)
	g.main.showJournal()
	if r.box.Visible() {
		t.Error("the reminder stays after a backup")
	}
}

// TestVerifyBackup: Settings → "Vérifier une sauvegarde…" with the
// passphrase, a wrong one, and the recovery code.
func TestVerifyBackup(t *testing.T) {
	g := unlockTestGUI(t)
	dir := t.TempDir()
	res, err := g.journal.Backups.WriteToFolder(context.Background(), dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := settingsOf(t, g)
	pickFile(g, res.Path)
	test.Tap(s.backups.verifyBtn)
	v := g.bk.verify
	if v == nil {
		t.Fatal("no verify dialog")
	}
	test.Type(v.form.pass, "pas la bonne phrase du tout")
	test.Tap(v.check)
	if !strings.Contains(v.result.Text, "n’ouvre pas") {
		t.Errorf("wrong passphrase: %q", v.result.Text)
	}
	test.Type(v.form.pass, testPass)
	v.form.pass.OnSubmitted(v.form.pass.Text) // Enter
	if !strings.Contains(v.result.Text, "intacte") {
		t.Errorf("good passphrase: %q", v.result.Text)
	}
	if v.form.pass.Text != "" {
		t.Error("the passphrase stays in the field")
	}
	v.form.kind.SetSelected(v.form.kind.Options[1])
	test.Type(v.form.code, recoveryCodes["TestVerifyBackup"])
	test.Tap(v.check)
	if !strings.Contains(v.result.Text, "intacte") {
		t.Errorf("recovery code: %q", v.result.Text)
	}
	// Not a backup.
	other := filepath.Join(t.TempDir(), "notes.temoin-backup")
	os.WriteFile(other, []byte("rien"), 0o600)
	g.closeDialogs()
	pickFile(g, other)
	test.Tap(s.backups.verifyBtn)
	test.Type(g.bk.verify.form.pass, testPass)
	test.Tap(g.bk.verify.check)
	if !strings.Contains(g.bk.verify.result.Text, "n’est pas une sauvegarde") {
		t.Errorf("not a backup: %q", g.bk.verify.result.Text)
	}
}

// makeBackup writes a backup of a vault with an incident and a file.
func makeBackup(t *testing.T) (path, code string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ancien")
	j, code, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	in, err := j.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := fileSource(pngFile(t))
	if _, err := j.Evidence.AttachFile(context.Background(), in.ID, src.name, mustOpen(t, src), nil); err != nil {
		t.Fatal(err)
	}
	res, err := j.Backups.WriteToFolder(context.Background(), t.TempDir(), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A fixed name: the restore screen shows it (golden file).
	path = filepath.Join(filepath.Dir(res.Path), "sauvegarde de mars"+app.BackupExt)
	if err := os.Rename(res.Path, path); err != nil {
		t.Fatal(err)
	}
	return path, code
}

// TestRestoreOnFirstStart: the first start restores a backup with its
// passphrase (and opens the journal), or with the recovery code (then a
// new passphrase is chosen); never over an existing folder.
func TestRestoreOnFirstStart(t *testing.T) {
	backup, code := makeBackup(t)

	g := newTestGUI(t, false)
	s := g.setup
	pickFile(g, backup)
	golden(t, "setup.xml", g.win.Canvas())
	test.Tap(s.restoreBtn)
	if s.restore == nil {
		t.Fatal("no restore form")
	}
	golden(t, "setup_restore.xml", g.win.Canvas())
	test.Type(s.restore.form.pass, "pas la bonne phrase du tout")
	test.Tap(s.restore.goBtn)
	if g.journal != nil || !s.restore.msg.Visible() || app.VaultExists(g.dir) {
		t.Fatalf("a wrong passphrase: journal %v, message %q", g.journal != nil, s.restore.msg.Text)
	}
	test.Type(s.restore.form.pass, testPass)
	test.Tap(s.restore.goBtn)
	if g.journal == nil {
		t.Fatalf("not restored: %q", s.restore.msg.Text)
	}
	if g.journal.Incidents.Count() != 1 {
		t.Errorf("%d incidents restored", g.journal.Incidents.Count())
	}
	if ins := g.journal.Incidents.List(app.Filter{}); len(ins) != 1 || len(ins[0].Evidence) != 1 {
		t.Errorf("restored: %+v", ins)
	}
	if !strings.Contains(markup(g), "Journal restauré") {
		t.Error("the restore is not said")
	}

	// With the recovery code: a new passphrase is asked, as after a
	// forgotten one.
	g2 := newTestGUI(t, false)
	pickFile(g2, backup)
	test.Tap(g2.setup.restoreBtn)
	f := g2.setup.restore.form
	f.kind.SetSelected(f.kind.Options[1])
	test.Type(f.code, strings.ToLower(code))
	test.Tap(g2.setup.restore.goBtn)
	u := g2.unlock
	if u == nil || u.recovered == nil || u.chooser == nil {
		t.Fatalf("after a restore with the recovery code: %q", g2.setup.restore.msg.Text)
	}
	const second = "trois pommes vertes sur la table 7"
	u.chooser.pass.SetText(second)
	u.chooser.confirm.SetText(second)
	test.Tap(u.setPassBtn)
	if g2.journal == nil || g2.journal.Incidents.Count() != 1 {
		t.Fatal("not opened after choosing a new passphrase")
	}

	// Never over an existing folder with something in it.
	g3 := newTestGUI(t, false)
	os.MkdirAll(g3.dir, 0o700)
	mine := filepath.Join(g3.dir, "a moi.txt")
	os.WriteFile(mine, []byte("à garder"), 0o600)
	pickFile(g3, backup)
	test.Tap(g3.setup.restoreBtn)
	test.Type(g3.setup.restore.form.pass, testPass)
	test.Tap(g3.setup.restore.goBtn)
	if g3.journal != nil || !strings.Contains(g3.setup.restore.msg.Text, "pas vide") {
		t.Errorf("restore over a folder in use: %q", g3.setup.restore.msg.Text)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "à garder" {
		t.Error("the folder's file was touched")
	}
}

// TestPassphraseChangeAsksCurrent: the change of passphrase refuses a
// wrong current passphrase, and changes nothing then.
func TestPassphraseChangeAsksCurrent(t *testing.T) {
	g := unlockTestGUI(t)
	s := settingsOf(t, g)
	test.Tap(s.passBtn)
	const third = "le vent souffle fort ce soir 19"
	s.passChange.chooser.pass.SetText(third)
	s.passChange.chooser.confirm.SetText(third)
	s.passChange.apply() // without the current passphrase: nothing
	if ok, _ := g.journal.IsVaultPassphrase([]byte(testPass)); !ok {
		t.Fatal("changed without the current passphrase")
	}
	test.Type(s.passChange.current, "une phrase qui n’est pas la bonne")
	s.passChange.apply()
	if !s.passChange.message.Visible() || !strings.Contains(s.passChange.message.Text, "Rien n’a été changé") {
		t.Errorf("wrong current passphrase: %q", s.passChange.message.Text)
	}
	if ok, _ := g.journal.IsVaultPassphrase([]byte(testPass)); !ok {
		t.Fatal("changed with a wrong current passphrase")
	}
	if g.win.Canvas().Focused() != s.passChange.current || s.passChange.current.Text != "" {
		t.Error("the current passphrase's field is not emptied and focused")
	}
	test.Type(s.passChange.current, testPass)
	s.passChange.apply()
	if ok, _ := g.journal.IsVaultPassphrase([]byte(third)); !ok {
		t.Fatalf("not changed with the right current passphrase: %q", s.passChange.message.Text)
	}
}

// TestUnlockThrottle: the unlock screen follows app.UnlockDelay: three
// free tries, then 2 s, 4 s…; the wait is said, Enter is refused while
// it runs, the field stays focused; the recovery code counts too, and
// going to it and back does not start the count again.
func TestUnlockThrottle(t *testing.T) {
	g := newTestGUI(t, true)
	clock := testNow
	g.throttle.Now = func() time.Time { return clock }
	u := g.unlock
	var enable []func()
	g.later = func(_ time.Duration, f func()) func() { enable = append(enable, f); return func() {} }
	wrong := func() {
		t.Helper()
		test.Type(u.pass, "pas la bonne phrase")
		u.pass.OnSubmitted(u.pass.Text)
	}
	wrong()
	wrong()
	if u.unlockBtn.Disabled() || strings.Contains(u.message.Text, "attendra") {
		t.Errorf("slowed down after two tries: %q", u.message.Text)
	}
	wrong()
	if !u.unlockBtn.Disabled() || !strings.Contains(u.message.Text, "2 secondes") {
		t.Fatalf("after three tries: %q", u.message.Text)
	}
	if g.win.Canvas().Focused() != u.pass {
		t.Error("the field is not focused after a failure")
	}
	// The right passphrase is refused while the wait runs.
	test.Type(u.pass, testPass)
	u.pass.OnSubmitted(u.pass.Text)
	if g.journal != nil || !strings.Contains(u.message.Text, "patienter") {
		t.Fatalf("accepted during the wait: %q", u.message.Text)
	}
	// Going to the recovery code and back keeps the count.
	u.showRecovery()
	test.Type(u.code, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
	test.Tap(u.codeBtn)
	if !strings.Contains(u.message.Text, "patienter") {
		t.Errorf("recovery code during the wait: %q", u.message.Text)
	}
	clock = clock.Add(2 * time.Second)
	test.Tap(u.codeBtn)
	if !strings.Contains(u.message.Text, "4 secondes") {
		t.Errorf("a wrong recovery code is not counted: %q", u.message.Text)
	}
	g.showUnlock()
	u = g.unlock
	clock = clock.Add(3 * time.Second)
	u.pass.SetText(testPass)
	u.pass.OnSubmitted(u.pass.Text)
	if g.journal != nil || !u.unlockBtn.Disabled() {
		t.Fatal("the count started again on a new unlock screen")
	}
	clock = clock.Add(time.Second)
	for _, f := range enable {
		f()
	}
	if u.unlockBtn.Disabled() {
		t.Error("the button stays disabled after the wait")
	}
	u.pass.SetText(testPass)
	u.pass.OnSubmitted(u.pass.Text)
	if g.journal == nil {
		t.Fatalf("not unlocked once the wait is over: %q", u.message.Text)
	}
	if g.throttle.Failures() != 0 {
		t.Error("failures kept after a good passphrase")
	}
	if got := waitText(5 * time.Minute); got != "5 minutes" {
		t.Errorf("waitText = %q", got)
	}
}

// TestRealFileDialogs: the real folder and file dialogs open (tests
// elsewhere answer them directly), start where the last backup was, and
// leave nothing in the preferences once closed.
func TestRealFileDialogs(t *testing.T) {
	g := unlockTestGUI(t)
	start := t.TempDir()
	fyneDialogs{g}.folder(start, func(string) { t.Error("a folder chosen without a choice") })
	if len(g.dialogs) != 1 {
		t.Fatalf("%d dialogs for the folder dialog", len(g.dialogs))
	}
	g.closeDialogs()
	fyneDialogs{g}.open(func(string) { t.Error("a file chosen without a choice") }, app.BackupExt)
	if len(g.dialogs) != 1 {
		t.Fatalf("%d dialogs for the file dialog", len(g.dialogs))
	}
	g.closeDialogs()
	fyneDialogs{g}.save("x.pdf", func(string) { t.Error("a file chosen without a choice") })
	if len(g.dialogs) != 1 {
		t.Fatalf("%d dialogs for the file dialog", len(g.dialogs))
	}
	g.closeDialogs()
	if v := g.app.Preferences().String(fileDialogFolderKey); v != "" {
		t.Errorf("folder in the preferences: %q", v)
	}
}
