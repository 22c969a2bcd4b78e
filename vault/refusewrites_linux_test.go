package vault

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// A file of the database the system does not let Témoin write is not
// damage either: ErrNoAccess, and the journal opens once it may.
func TestDatabaseFileRefusedIsNotDamage(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "un")
	manifest := filepath.Join(dir, v.dbName, "MANIFEST")
	v.Lock()
	allow := refuseWrites(t, manifest)
	_, err := Open(dir, testPass)
	var ce *CorruptError
	if !errors.Is(err, ErrNoAccess) || errors.As(err, &ce) {
		t.Fatalf("got %v, want ErrNoAccess and no damage", err)
	}
	allow()
	v = reopenVault(t, dir)
	if got := mustGet(t, v, "inc/1"); got != "un" {
		t.Fatalf("once allowed: %q", got)
	}
}

// refuseWrites makes the system refuse to open path for writing, and
// returns what allows it again (also called at the end of the test, so
// that the test's folder can be removed). Root may write a file whatever
// its mode, so for root the file is made immutable (chattr +i).
func refuseWrites(t *testing.T, path string) (allow func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		allow = func() { os.Chmod(path, 0o600) }
		t.Cleanup(allow)
		return allow
	}
	const immutable = 0x10 // FS_IMMUTABLE_FL
	setFlags := func(on bool) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
		if err != nil {
			return err
		}
		if on {
			flags |= immutable
		} else {
			flags &^= immutable
		}
		return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
	}
	if err := setFlags(true); err != nil {
		t.Skipf("cannot make %s immutable here: %v", path, err)
	}
	allow = func() {
		if err := setFlags(false); err != nil {
			t.Errorf("%s stays immutable: %v", path, err)
		}
	}
	t.Cleanup(allow)
	return allow
}
