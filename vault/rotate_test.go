package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/dgraph-io/badger/v4"
)

var newPass = []byte("une toute nouvelle phrase de passe")

// What someone who kept an old vault.json (from an old backup, say) and
// knew the old passphrase could do before: unwrap the same master key,
// and read and rewrite everything written after a change of passphrase.
// After RotateKeys, the old header opens nothing new: its key opens no
// record, no database and no evidence file written since.
func TestOldHeaderReadsNothingAfterRotation(t *testing.T) {
	v, dir, oldCode := newTestVault(t)
	mustRecord(t, v, "inc/avant", "écrit avant")
	before := keepBlob(t, v, strings.NewReader("preuve d'avant"))
	oldHeader, _ := os.ReadFile(filepath.Join(dir, headerName))
	code, err := v.RotateKeys(context.Background(), newPass, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustRecord(t, v, "inc/apres", "écrit après le renouvellement")
	after := keepBlob(t, v, strings.NewReader("preuve d'après"))
	if mustGet(t, v, "inc/avant") != "écrit avant" {
		t.Fatal("a record written before is lost")
	}
	v.Lock()

	// The secrets of before open nothing; the new ones open everything.
	if _, err := Open(dir, testPass); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v", err)
	}
	if _, err := OpenWithRecoveryCode(dir, oldCode); !errors.Is(err, ErrWrongRecoveryCode) {
		t.Fatalf("old recovery code: %v", err)
	}
	v, err = OpenWithRecoveryCode(dir, code)
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
	v, err = Open(dir, newPass)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{before.ID: "preuve d'avant", after.ID: "preuve d'après"} {
		if got, err := readBlob(v, id); err != nil || string(got) != want {
			t.Fatalf("blob: %q %v", got, err)
		}
	}
	rep, err := v.Verify(context.Background(), nil)
	if err != nil || !rep.OK() || len(rep.Notes) != 0 {
		t.Fatalf("verify: %v %+v", err, rep)
	}
	newRecordKey := bytes.Clone(v.recordKey)
	v.Lock()

	// The old header, put back, with the old passphrase: refused, and
	// named (not "damaged").
	current, _ := os.ReadFile(filepath.Join(dir, headerName))
	os.WriteFile(filepath.Join(dir, headerName), oldHeader, 0o600)
	_, err = Open(dir, testPass)
	var ie *IntegrityError
	if !errors.As(err, &ie) || ie.Kind != KeysRolledBack {
		t.Fatalf("old header put back: %v", err)
	}
	// Its key, by hand: no record of the database opens with its record
	// key, Badger's files do not open with its Badger key, and no evidence
	// file opens with anything it can reach.
	oh, _ := ParseHeader(oldHeader)
	oldMaster, ok := unwrapKey(oh.KDF, testPass, oh.Passphrase, oh.wrapAD("passphrase"))
	if !ok {
		t.Fatal("the old header no longer opens with the old passphrase")
	}
	os.WriteFile(filepath.Join(dir, headerName), current, 0o600)
	v, err = Open(dir, newPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	old := &Vault{recordKey: deriveKey(oldMaster, oh.ID, labelRecords)}
	opened, total := 0, 0
	v.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			key := string(it.Item().Key())
			val, _ := it.Item().ValueCopy(nil)
			total++
			if _, err := old.unseal(key, val); err == nil {
				opened++
			}
		}
		return nil
	})
	if total == 0 || opened != 0 {
		t.Fatalf("%d of %d records open with the old key", opened, total)
	}
	if !bytes.Equal(v.recordKey, newRecordKey) || bytes.Equal(old.recordKey, newRecordKey) {
		t.Fatal("record key")
	}
	if _, err := openKeyRegistry(filepath.Join(dir, v.dbName), deriveKey(oldMaster, oh.ID, labelBadger)); !errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		t.Fatalf("Badger's files with the old key: %v", err)
	}
	for _, id := range []string{before.ID, after.ID} {
		f, _ := os.Open(v.blobPath(id))
		hdr, err := age.ExtractHeader(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(hdr, []byte("X25519")) || !bytes.Contains(hdr, []byte("-> "+blobStanzaType+"\n\n")) {
			t.Fatalf("blob %s header holds a key: %q", id, hdr)
		}
	}
	if dbs, _ := filepath.Glob(filepath.Join(dir, dbDirName+"*")); len(dbs) != 1 {
		t.Fatalf("database folders left: %v", dbs)
	}
}

// A backup made after the keys were renewed does not open with the old
// passphrase once its header copy is swapped for the old one: it is
// encrypted under a key of the new master key.
func TestSwappedBackupHeaderDoesNotOpen(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "avant")
	oldHeader, _ := os.ReadFile(filepath.Join(dir, headerName))
	if _, err := v.RotateKeys(context.Background(), newPass, nil); err != nil {
		t.Fatal(err)
	}
	mustRecord(t, v, "inc/2", "après")
	data := backupToBytes(t, v)
	swapped := swapBackupHeader(t, data, oldHeader)
	_, err := verifyBytes(swapped, Passphrase(testPass))
	var be *BackupError
	if !errors.As(err, &be) || be.Part != "encryption" {
		t.Fatalf("swapped header, old passphrase: %v", err)
	}
	if rep, err := verifyBytes(data, Passphrase(newPass)); err != nil || !rep.OK() {
		t.Fatalf("the backup itself: %v %+v", err, rep)
	}
}

// swapBackupHeader replaces the header copy in a backup's preamble, and
// fixes its unkeyed footer as anyone can.
func swapBackupHeader(t *testing.T, data, header []byte) []byte {
	t.Helper()
	c, err := openBackupContainer(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	fw := &footerWriter{w: &out, h: sha256.New()}
	writePreamble(fw, header)
	fw.Write(data[c.preambleLen:c.bodyEnd])
	fw.finish()
	return out.Bytes()
}
