package vault

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// A database Badger refuses for its options, whatever its files hold, is
// a fault of the program, not damage: a person told that the journal is
// damaged may restore an older backup over it. A memtable of 1 MiB with
// Badger's value threshold of 1 MiB is such an option (gui20 met it: every
// unlock said "part of the vault is damaged"). The journal is left as it
// was, and opens with the right options.
func TestDatabaseOptionsRefusedAreNotDamage(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "un")
	key := deriveKey(v.master, v.header.ID, labelBadger)
	db := filepath.Join(dir, v.dbName)
	v.Lock()
	db2, err := openBadgerWith(badgerOptions(db, key).WithMemTableSize(1 << 20))
	if err == nil {
		db2.Close()
		t.Fatal("Badger accepted a memtable smaller than its value threshold")
	}
	var ce *CorruptError
	if !errors.Is(err, ErrDatabaseSettings) || errors.As(err, &ce) {
		t.Fatalf("got %v, want ErrDatabaseSettings and no damage", err)
	}
	v = reopenVault(t, dir)
	if got := mustGet(t, v, "inc/1"); got != "un" {
		t.Fatalf("after the refusal: %q", got)
	}
}

// What badger.Open returns is named by its kind: the system's refusals
// are ErrNoAccess whichever file they name, an unknown error with options
// Badger accepts is damage.
func TestOpenRefusedNamesTheKind(t *testing.T) {
	v, dir, _ := newTestVault(t)
	opts := badgerOptions(filepath.Join(dir, v.dbName), deriveKey(v.master, v.header.ID, labelBadger))
	for _, c := range []struct {
		err  error
		want error
	}{
		{&fs.PathError{Op: "open", Path: "MANIFEST", Err: syscall.EACCES}, ErrNoAccess},
		{&fs.PathError{Op: "open", Path: "000001.vlog", Err: syscall.EPERM}, ErrNoAccess},
		{&fs.PathError{Op: "open", Path: "KEYREGISTRY", Err: syscall.EROFS}, ErrNoAccess},
		{errors.New("checksum mismatch"), nil},
		{&fs.PathError{Op: "open", Path: "000002.sst", Err: syscall.ENOENT}, nil},
	} {
		got := openRefused(opts, c.err)
		var ce *CorruptError
		switch {
		case c.want == nil && !errors.As(got, &ce):
			t.Errorf("%v: got %v, want damage", c.err, got)
		case c.want != nil && (!errors.Is(got, c.want) || errors.As(got, &ce)):
			t.Errorf("%v: got %v, want %v", c.err, got, c.want)
		}
	}
}
