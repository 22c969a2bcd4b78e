package vault

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

// fillVault puts records, a deletion, settings and blobs of several sizes
// in v, and returns the blobs' contents by id.
func fillVault(t testing.TB, v *Vault) map[string][]byte {
	t.Helper()
	for i := range 20 {
		mustRecord(t, v, fmt.Sprintf("inc/%02d/r/00000001", i), fmt.Sprintf("incident %d: « Élève A » a dit…", i))
	}
	err := v.Update(func(tx *Tx) error {
		if _, err := tx.Erase("inc/03/", Event{Type: "deleted", Subject: "03"}); err != nil {
			return err
		}
		return tx.PutUnchained("setting/x", []byte("y"))
	})
	if err != nil {
		t.Fatal(err)
	}
	blobs := map[string][]byte{}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 64<<10 - 1, 64 << 10, 3<<20 + 17} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(rng.UintN(256))
		}
		b := keepBlob(t, v, bytes.NewReader(data))
		blobs[b.ID] = data
	}
	return blobs
}

func backupToBytes(t testing.TB, v *Vault) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := v.Backup(context.Background(), &buf, &BackupOptions{Producer: "test"}); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	return buf.Bytes()
}

func verifyBytes(data []byte, s Secret) (*BackupReport, error) {
	return VerifyBackup(context.Background(), bytes.NewReader(data), int64(len(data)), s, nil)
}

func TestBackupRoundTrip(t *testing.T) {
	v, _, code := newTestVault(t)
	blobs := fillVault(t, v)
	head, _ := v.Head()
	path := filepath.Join(t.TempDir(), "sauvegarde.temoin")
	info, err := v.WriteBackupFile(context.Background(), path, false, &BackupOptions{Producer: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if info.Head != head || len(info.Blobs) != len(blobs) {
		t.Fatalf("info: %+v", info)
	}
	if st, _ := os.Stat(path); st.Size() != info.Size {
		t.Fatalf("file: size %d (info %d)", st.Size(), info.Size)
	}
	ownertest.Private(t, path)
	if _, err := v.WriteBackupFile(context.Background(), path, false, nil); !errors.Is(err, ErrBackupExists) {
		t.Fatalf("second write over the same name: %v", err)
	}
	for name, s := range map[string]Secret{"passphrase": Passphrase(testPass), "code": RecoveryCode(strings.ToLower(code))} {
		rep, err := VerifyBackupFile(context.Background(), path, s, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !rep.OK() || rep.Blobs != len(blobs) || rep.Info.Head != head || rep.Records != 19+len(blobs)*0 || rep.Events != int(head.Seq) {
			t.Fatalf("%s: %+v", name, rep)
		}
	}
	if _, err := VerifyBackupFile(context.Background(), path, Passphrase([]byte("wrong")), nil); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := VerifyBackupFile(context.Background(), path, RecoveryCode(strings.Repeat("0", 25)), nil); !errors.Is(err, ErrWrongRecoveryCode) {
		t.Fatalf("wrong code: %v", err)
	}

	// Restore, then compare everything.
	dst := filepath.Join(t.TempDir(), "restored")
	rep, err := RestoreBackupFile(context.Background(), path, dst, Passphrase(testPass), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Restored == nil || rep.Restored.Blobs != len(blobs) {
		t.Fatalf("restore: %+v %+v", rep, rep.Restored)
	}
	r, err := Open(dst, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Lock()
	if got := mustGet(t, r, "inc/07/r/00000001"); !strings.Contains(got, "Élève A") {
		t.Fatalf("got %q", got)
	}
	if _, err := getErr(r, "inc/03/r/00000001"); !errors.Is(err, ErrNoRecord) {
		t.Fatalf("erased record: %v", err)
	}
	for id, want := range blobs {
		got, err := readBlob(r, id)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("blob %s: %d bytes, %v", id, len(got), err)
		}
	}
	if rh, _ := r.Head(); rh != head {
		t.Fatalf("head %v, want %v", rh, head)
	}
	entries, _ := os.ReadDir(filepath.Dir(dst))
	if len(entries) != 1 {
		t.Fatalf("restore left %d entries next to the vault", len(entries))
	}

	// Never over a vault, never into a folder that holds something.
	if _, err := RestoreBackupFile(context.Background(), path, dst, Passphrase(testPass), nil, nil); !errors.Is(err, ErrExists) {
		t.Fatalf("restore over a vault: %v", err)
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("x"), 0o600)
	if _, err := RestoreBackupFile(context.Background(), path, full, Passphrase(testPass), nil, nil); !errors.Is(err, ErrRestoreTarget) {
		t.Fatalf("restore into a non-empty folder: %v", err)
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if _, err := RestoreBackupFile(context.Background(), path, empty, RecoveryCode(code), nil, nil); err != nil {
		t.Fatalf("restore into an empty folder: %v", err)
	}
}

func getErr(v *Vault, key string) ([]byte, error) {
	var got []byte
	err := v.View(func(r *Reader) error {
		var err error
		got, err = r.Get(key)
		return err
	})
	return got, err
}

func TestBackupKeepsThePassphraseOfItsTime(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "one")
	old := backupToBytes(t, v)
	if err := v.ChangePassphrase([]byte("nouvelle phrase")); err != nil {
		t.Fatal(err)
	}
	newer := backupToBytes(t, v)
	if _, err := verifyBytes(old, Passphrase(testPass)); err != nil {
		t.Fatalf("old backup, old passphrase: %v", err)
	}
	if _, err := verifyBytes(old, Passphrase([]byte("nouvelle phrase"))); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old backup, new passphrase: %v", err)
	}
	if _, err := verifyBytes(newer, Passphrase([]byte("nouvelle phrase"))); err != nil {
		t.Fatalf("new backup, new passphrase: %v", err)
	}
}

func TestEmptyVaultBackup(t *testing.T) {
	v, _, _ := newTestVault(t)
	data := backupToBytes(t, v)
	rep, err := verifyBytes(data, Passphrase(testPass))
	if err != nil || !rep.OK() || rep.Records != 0 || rep.Blobs != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	if bytes.Contains(data, []byte("blob-identity")) {
		t.Fatal("Badger keys in clear in the backup")
	}
}

// The backup is a snapshot: writes and deletions while it runs change
// nothing in it, and evidence deleted meanwhile is still copied whole.
func TestBackupIsASnapshot(t *testing.T) {
	v, _, _ := newTestVault(t)
	blobs := fillVault(t, v)
	head, _ := v.Head()
	var ids []string
	for id := range blobs {
		ids = append(ids, id)
	}
	started := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-started
		for i, id := range ids {
			v.Update(func(tx *Tx) error {
				if err := tx.DropBlob(id); err != nil {
					return err
				}
				return tx.Record(fmt.Sprintf("late/%d", i), []byte("late"), Event{Type: "created"})
			})
		}
	}()
	var once sync.Once
	var buf bytes.Buffer
	info, err := v.Backup(context.Background(), &buf, &BackupOptions{Progress: func(done, total int64) {
		once.Do(func() { close(started) })
	}})
	once.Do(func() { close(started) })
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if info.Head != head {
		t.Fatalf("head %v, want %v", info.Head, head)
	}
	rep, err := verifyBytes(buf.Bytes(), Passphrase(testPass))
	if err != nil || !rep.OK() || rep.Blobs != len(blobs) || rep.Info.Head != head {
		t.Fatalf("%+v %v", rep, err)
	}
	if m, _ := filepath.Glob(filepath.Join(v.Dir(), backupLinksPrefix+"*")); len(m) != 0 {
		t.Fatalf("links left behind: %v", m)
	}
}

func TestBackupStopsWhenLocked(t *testing.T) {
	v, _, _ := newTestVault(t)
	fillVault(t, v)
	var once sync.Once
	_, err := v.Backup(context.Background(), io.Discard, &BackupOptions{Progress: func(done, total int64) {
		once.Do(func() { go v.Lock() })
	}})
	if !errors.Is(err, ErrLocked) && err != nil {
		t.Fatalf("got %v", err)
	}
	v.Lock()
	if _, err := v.Backup(context.Background(), io.Discard, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("after lock: %v", err)
	}
}

func TestBackupFailureModes(t *testing.T) {
	v, _, _ := newTestVault(t)
	fillVault(t, v)
	data := backupToBytes(t, v)
	c, err := openBackupContainer(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	ageStart, bodyEnd := int(c.preambleLen), int(c.bodyEnd)

	if _, err := verifyBytes([]byte("PK\x03\x04 a zip file"), Passphrase(testPass)); !errors.Is(err, ErrNotBackup) {
		t.Fatalf("not a backup: %v", err)
	}
	// Truncated anywhere: incomplete.
	for _, n := range []int{5, len(backupMagic) + 2, ageStart - 1, ageStart + 10, bodyEnd / 2, len(data) - 1} {
		_, err := verifyBytes(data[:n], Passphrase(testPass))
		if !errors.Is(err, ErrBackupIncomplete) {
			t.Errorf("truncated at %d of %d: %v", n, len(data), err)
		}
	}
	// A flipped byte names the part.
	cases := map[string]int{
		"header":     ageStart - 40,
		"encryption": ageStart + 30,
		"end":        len(data) - 30,
	}
	for part, at := range cases {
		d := bytes.Clone(data)
		d[at] ^= 0x20
		_, err := verifyBytes(d, Passphrase(testPass))
		var be *BackupError
		if !errors.As(err, &be) || be.Part != part {
			t.Errorf("flip at %d: got %v, want damage in %s", at, err, part)
		}
	}
	// In the payload: a part is named, whichever.
	for _, at := range []int{ageStart + 200, (ageStart + bodyEnd) / 2, bodyEnd - 5} {
		d := bytes.Clone(data)
		d[at] ^= 0x01
		_, err := verifyBytes(d, Passphrase(testPass))
		var be *BackupError
		if !errors.As(err, &be) || be.Where() == "" {
			t.Errorf("flip at %d: %v", at, err)
		} else {
			t.Logf("flip at %d: %v", at, err)
		}
	}
}

// A backup never holds Badger's plaintext or the vault's secrets in clear.
func TestBackupHoldsNothingInClear(t *testing.T) {
	v, _, _ := newTestVault(t)
	marker := "MARQUEUR-SECRET-42"
	mustRecord(t, v, "inc/"+marker, marker)
	keepBlob(t, v, strings.NewReader(strings.Repeat(marker, 1000)))
	data := backupToBytes(t, v)
	for _, s := range []string{marker, "inc/", "r/inc", "AGE-SECRET-KEY"} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("%q in clear in the backup", s)
		}
	}
}

func BenchmarkBackup(b *testing.B) {
	v, _, _ := newTestVault(b)
	data := bytes.Repeat([]byte("0123456789abcdef"), 4<<20) // 64 MiB
	keepBlob(b, v, bytes.NewReader(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Backup(context.Background(), io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyBackup(b *testing.B) {
	v, _, _ := newTestVault(b)
	data := bytes.Repeat([]byte("0123456789abcdef"), 4<<20)
	keepBlob(b, v, bytes.NewReader(data))
	backup := backupToBytes(b, v)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := verifyBytes(backup, Passphrase(testPass)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzVerifyBackup: no input, however broken, makes reading a backup
// panic or allocate what its size does not justify.
func FuzzVerifyBackup(f *testing.F) {
	v, _, _ := newTestVault(f)
	mustRecord(f, v, "inc/1", "un")
	keepBlob(f, v, strings.NewReader("preuve"))
	good := backupToBytes(f, v)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(backupMagic + "5\n{}"))
	f.Add([]byte(backupMagic + "99999999\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// (Fuzzing workers make their own vault: a seed may be another
		// vault's intact backup, which verifies: only panics count here.
		// TestBackupFailureModes and the tamper harness check verdicts.)
		verifyBytes(data, Passphrase(testPass))
	})
}

// FuzzBackupPayload feeds the decrypted payload's parser directly (the
// outer layers would reject nearly every mutation before it).
func FuzzBackupPayload(f *testing.F) {
	v, _, _ := newTestVault(f)
	mustRecord(f, v, "inc/1", "un")
	keepBlob(f, v, strings.NewReader("preuve"))
	good := backupToBytes(f, v)
	c, err := openBackupContainer(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		f.Fatal(err)
	}
	master, err := c.unlock(Passphrase(testPass))
	if err != nil {
		f.Fatal(err)
	}
	wrap := deriveKey(master, c.header.ID, labelBackupWrap)
	ar, err := age.Decrypt(io.NewSectionReader(c.ra, c.preambleLen, c.bodyEnd-c.preambleLen), &backupIdentity{key: wrap, vaultID: c.header.ID})
	if err != nil {
		f.Fatal(err)
	}
	payload, err := io.ReadAll(ar)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(payload)
	f.Add(payload[:len(payload)/3])
	f.Fuzz(func(t *testing.T, data []byte) {
		st := &backupState{recordKey: deriveKey(master, c.header.ID, labelRecords), records: map[string]string{}, blobRecs: map[string]blobRecord{},
			rep: &BackupReport{}, hasher: newStateHasher(make([]byte, 32))}
		p := &payloadReader{r: bufio.NewReader(bytes.NewReader(data)), outer: &stickyReader{}}
		st.readPayload(context.Background(), p, c, nil, nil)
	})
}

// A backup carries the vault's state: when the vault folder, its witness
// and the copy outside it are all put back to an older copy, a later
// backup still shows that changes are missing.
//
// The older copy is taken of the locked vault, and every step that puts it
// back is checked: copying the folder of an open vault races with Badger's
// own writes, and a step that failed unseen left a folder without its
// vault.json ("no vault in this folder", once, under load).
func TestBackupIsAWitness(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "un")
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	older := filepath.Join(t.TempDir(), "older")
	if err := copyTree(dir, older); err != nil {
		t.Fatal(err)
	}
	v = reopenVault(t, dir)
	mustRecord(t, v, "inc/2", "deux")
	mustRecord(t, v, "inc/3", "trois")
	path := filepath.Join(t.TempDir(), "s.temoin-backup")
	if _, err := v.WriteBackupFile(context.Background(), path, false, nil); err != nil {
		t.Fatal(err)
	}
	if found, err := v.CompareBackup(context.Background(), path); found != nil || err != nil {
		t.Fatalf("the vault itself: %v %v", found, err)
	}
	config := v.configWitness
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(older, dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(config); err != nil {
		t.Fatal(err)
	}
	v = reopenVault(t, dir)
	found, err := v.CompareBackup(context.Background(), path)
	if err != nil || found == nil || found.Kind != HistoryCut || found.Missing != 2 || found.Witness != "backup" {
		t.Fatalf("older folder against a later backup: %v %v", found, err)
	}
}

// A backup's copy of the header swapped for an older header of the same
// keys (before a change of passphrase) is named.
func TestSwappedBackupHeaderIsNamed(t *testing.T) {
	v, dir, _ := newTestVault(t)
	oldHeader, _ := os.ReadFile(filepath.Join(dir, headerName))
	if err := v.ChangePassphrase([]byte("nouvelle phrase")); err != nil {
		t.Fatal(err)
	}
	data := swapBackupHeader(t, backupToBytes(t, v), oldHeader)
	_, err := verifyBytes(data, Passphrase(testPass))
	var be *BackupError
	if !errors.As(err, &be) || be.Part != "header" {
		t.Fatalf("got %v", err)
	}
}

// copyTree copies a vault folder, open or not, leaving out the database's
// lock file as vaulttest.CopyDir does (Windows lets nobody read it while
// the database is open).
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		if info.Name() == "LOCK" && filepath.Base(filepath.Dir(p)) == "db" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
}

// Restoring, into the vault's own folder, a backup older than what this
// computer saw there says how many changes the restored vault lacks, and
// the restored vault then opens without complaint.
func TestRestoreSaysHowFarBehindItIs(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "un")
	data := backupToBytes(t, v)
	mustRecord(t, v, "inc/2", "deux")
	mustRecord(t, v, "inc/3", "trois")
	v.Lock()
	os.RemoveAll(dir)
	rep, err := RestoreBackup(context.Background(), bytes.NewReader(data), int64(len(data)), dir, Passphrase(testPass), nil, nil)
	if err != nil || !rep.OK() || rep.Behind != 2 {
		t.Fatalf("restore: %v, behind %d", err, rep.Behind)
	}
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if w := v.Warnings(); len(w) != 0 {
		t.Fatalf("warnings: %v", w)
	}
}
