package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

var testPass = []byte("correct horse battery staple")

// weakKDF makes Argon2id almost free, for tests (vaulttest.WeakKDF for
// other packages; this package cannot import vaulttest).
var weakKDF = KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 64, Threads: 1}

func newTestVault(t testing.TB) (*Vault, string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, code, err := Create(dir, testPass, &Options{KDF: weakKDF})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { v.Lock() })
	return v, dir, code
}

func mustRecord(t testing.TB, v *Vault, key, value string) {
	t.Helper()
	err := v.Update(func(tx *Tx) error {
		return tx.Record(key, []byte(value), Event{Type: "created", Subject: key})
	})
	if err != nil {
		t.Fatalf("Record(%s): %v", key, err)
	}
}

func mustGet(t testing.TB, v *Vault, key string) string {
	t.Helper()
	var got []byte
	err := v.View(func(r *Reader) error {
		var err error
		got, err = r.Get(key)
		return err
	})
	if err != nil {
		t.Fatalf("Get(%s): %v", key, err)
	}
	return string(got)
}

func TestRoundTripThroughDisk(t *testing.T) {
	v, dir, code := newTestVault(t)
	mustRecord(t, v, "inc/1", "Élève A a insulté « la prof »")
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Head(); !errors.Is(err, ErrLocked) {
		t.Fatalf("after Lock: got %v, want ErrLocked", err)
	}

	if _, err := Open(dir, []byte("wrong")); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: got %v", err)
	}
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustGet(t, v, "inc/1"); got != "Élève A a insulté « la prof »" {
		t.Fatalf("got %q", got)
	}
	v.Lock()

	// The recovery code works however it is typed.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	v, err = OpenWithRecoveryCode(dir, typed)
	if err != nil {
		t.Fatalf("recovery code %q: %v", typed, err)
	}
	if err := v.ChangePassphrase([]byte("new passphrase")); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	if _, err := Open(dir, testPass); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase after change: %v", err)
	}
	v, err = Open(dir, []byte("new passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if got := mustGet(t, v, "inc/1"); !strings.Contains(got, "Élève") {
		t.Fatalf("got %q", got)
	}
}

func TestWrongRecoveryCode(t *testing.T) {
	_, dir, code := newTestVault(t)
	for _, bad := range []string{"", "ABCDE", strings.Repeat("0", 25), code[:len(code)-1] + "?"} {
		if _, err := OpenWithRecoveryCode(dir, bad); !errors.Is(err, ErrWrongRecoveryCode) && !errors.Is(err, ErrAlreadyOpen) {
			t.Errorf("code %q: got %v", bad, err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(t.TempDir(), testPass); !errors.Is(err, ErrNotFound) {
		t.Errorf("empty folder: got %v, want ErrNotFound", err)
	}
	_, dir, _ := newTestVault(t)
	if _, err := Open(dir, testPass); !errors.Is(err, ErrAlreadyOpen) {
		t.Errorf("second open: got %v, want ErrAlreadyOpen", err)
	}
	if _, _, err := Create(dir, testPass, &Options{KDF: weakKDF}); !errors.Is(err, ErrExists) {
		t.Errorf("create over a vault: got %v, want ErrExists", err)
	}
	if _, _, err := Create(t.TempDir(), nil, nil); err == nil {
		t.Error("empty passphrase accepted")
	}
}

// TestPermissions: the vault's folder is its owner's alone, and so is
// every file in it (Unix: mode 0700, files without group or other bits;
// Windows: an access list naming the current user only, inherited by the
// files), even when the vault is made in a folder every user can read.
func TestPermissions(t *testing.T) {
	shared := t.TempDir()
	ownertest.OpenToEveryone(t, shared)
	dir := filepath.Join(shared, "journal")
	v, _, err := Create(dir, testPass, &Options{KDF: weakKDF})
	if err != nil {
		t.Fatal(err)
	}
	mustRecord(t, v, "inc/1", "x")
	v.Lock()
	ownertest.OnlyMe(t, dir)
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.IsDir() && info.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v", path, info.Mode().Perm())
		}
		ownertest.OnlyMe(t, path)
		return nil
	})
}

func TestNewRecoveryCode(t *testing.T) {
	v, dir, oldCode := newTestVault(t)
	code, err := v.NewRecoveryCode()
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
	if _, err := OpenWithRecoveryCode(dir, oldCode); !errors.Is(err, ErrWrongRecoveryCode) {
		t.Fatalf("old code: %v", err)
	}
	v, err = OpenWithRecoveryCode(dir, code)
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
}

func TestHeaderDamageIsNamed(t *testing.T) {
	_, dir, _ := newTestVault(t)
	data, err := os.ReadFile(filepath.Join(dir, headerName))
	if err != nil {
		t.Fatal(err)
	}
	original, err := ParseHeader(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		flipped := bytes.Clone(data)
		flipped[i] ^= 0x01
		h, err := ParseHeader(flipped)
		if err == nil {
			// A flip in JSON whitespace or in base64 padding bits is
			// harmless: it must then read as exactly the same header.
			if !reflect.DeepEqual(h, original) {
				t.Fatalf("flip at %d (%q) not detected", i, data[i])
			}
			continue
		}
		var ce *CorruptError
		if !errors.As(err, &ce) && !errors.Is(err, ErrUnsupportedVersion) {
			t.Fatalf("flip at %d: error %v is not a CorruptError", i, err)
		}
	}
}

// A header changed without the key (its checksum recomputed) is refused.
// With a copy of the header kept on this computer, the refusal says the
// header was changed, not that the passphrase is wrong (headercopy_test.go
// tests that, and the way back); without any copy, nothing can tell.
func TestHeaderChangedWithoutKeyIsRefused(t *testing.T) {
	v, dir, _ := newTestVault(t)
	v.Lock()
	h, err := ReadHeader(dir)
	if err != nil {
		t.Fatal(err)
	}
	h.KDF.Time++ // weakening or strengthening the KDF changes the key: refused either way
	h.Created = h.Created.AddDate(-1, 0, 0)
	data, _ := h.Marshal()
	os.WriteFile(filepath.Join(dir, headerName), data, 0o600)
	_, err = Open(dir, testPass)
	if !errors.Is(err, ErrHeaderChanged) {
		t.Fatalf("with the copy kept on this computer: got %v", err)
	}
	_, err = OpenWith(dir, Passphrase(testPass), &Options{WitnessDir: t.TempDir()})
	var ce *CorruptError
	if !errors.As(err, &ce) && !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("without a copy: got %v", err)
	}
}

func FuzzParseHeader(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "v")
	v, _, err := Create(dir, testPass, &Options{KDF: weakKDF})
	if err != nil {
		f.Fatal(err)
	}
	v.Lock()
	good, _ := os.ReadFile(filepath.Join(dir, headerName))
	f.Add(good)
	f.Add([]byte("{}"))
	f.Add([]byte(`{"format":"temoin-vault","version":99}`))
	f.Add([]byte(`{"kdf":{"algorithm":"argon2id","time":4294967295,"memory_kib":4294967295,"threads":255}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ParseHeader(data)
		if err != nil {
			return
		}
		// Whatever parses must be usable without panicking or exhausting
		// memory: validated parameters and sizes.
		if h.KDF.validate() != nil || h.Passphrase.validate() != nil {
			t.Fatalf("invalid header accepted: %+v", h)
		}
		if _, err := h.Marshal(); err != nil {
			t.Fatal(err)
		}
	})
}

// A process killed while Badger writes a table leaves a half-written
// table that the MANIFEST does not list yet; Badger deletes it at open.
// The vault must open, not call it damage.
func TestHalfWrittenTableAfterACrashIsNotDamage(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "avant le crash")
	v.Lock()
	orphan := filepath.Join(dir, dbDirName, "999999.sst")
	if err := os.WriteFile(orphan, []byte("half a table, no footer"), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("the vault refused to open over a half-written table: %v", err)
	}
	defer v.Lock()
	if got := mustGet(t, v, "inc/1"); got != "avant le crash" {
		t.Fatalf("got %q", got)
	}
	if fileExists(orphan) {
		t.Error("Badger should have removed the orphan table")
	}
}
