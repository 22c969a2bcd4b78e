package vault

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// preloadAll opens the vault in dir with a Preload of prefix that keeps
// every record it is given, and returns them with the Preload.
func preloadAll(t *testing.T, dir, prefix string, accept bool) (map[string]string, *Preload, *Vault, error) {
	t.Helper()
	got := map[string]string{}
	pre := &Preload{Prefix: prefix, Fn: func(key string, value Value) error {
		plain, err := value()
		if err != nil {
			return err
		}
		got[key] = string(plain)
		return nil
	}}
	v, err := OpenWith(dir, Passphrase(testPass), &Options{Preload: pre, AcceptIntegrityLoss: accept})
	if err == nil {
		t.Cleanup(func() { v.Lock() })
	}
	return got, pre, v, err
}

// scanAll returns the records under prefix as Reader.Scan reads them.
func scanAll(t *testing.T, v *Vault, prefix string) map[string]string {
	t.Helper()
	want := map[string]string{}
	err := v.View(func(r *Reader) error {
		return r.Scan(prefix, func(key string, value Value) error {
			plain, err := value()
			want[key] = string(plain)
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// The journal loads in the pass the check at open makes: the Preload is
// given exactly the records a Scan of its prefix reads (not the unchained
// records whose keys look alike, not the chain), and says it was.
func TestPreloadGetsWhatScanReads(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/r/00000001", `{"a":1}`)
	mustRecord(t, v, "inc/b/e/x", `{"e":"x"}`)
	mustRecord(t, v, "inc/b/r/00000001", `{"b":1}`)
	mustRecord(t, v, "inc/b/r/00000002", `{"b":2}`)
	mustRecord(t, v, "people/c", `{}`)
	if err := v.Update(func(tx *Tx) error { return tx.PutUnchained("inc/decoy", []byte("no")) }); err != nil {
		t.Fatal(err)
	}
	v.Lock()

	got, pre, v, err := preloadAll(t, dir, "inc/", false)
	if err != nil {
		t.Fatal(err)
	}
	want := scanAll(t, v, "inc/")
	if !pre.Done || !reflect.DeepEqual(got, want) || len(want) != 4 {
		t.Errorf("preloaded (done %v):\n%v\nscan:\n%v", pre.Done, got, want)
	}
}

// When the preload's function fails, the open goes on and says the
// records were not all given; when the check fails, the open fails as
// without a preload, and a loss accepted leaves the records to be read
// afterwards.
func TestPreloadNotDone(t *testing.T) {
	v, dir, _ := newTestVault(t)
	for _, k := range []string{"inc/a/r/00000001", "inc/b/r/00000001", "inc/c/r/00000001"} {
		mustRecord(t, v, k, `{}`)
	}
	v.Lock()
	calls := 0
	pre := &Preload{Prefix: "inc/", Fn: func(string, Value) error { calls++; return errors.New("undecodable") }}
	v, err := OpenWith(dir, Passphrase(testPass), &Options{Preload: pre})
	if err != nil {
		t.Fatal(err)
	}
	if pre.Done || calls != 1 {
		t.Errorf("a failing preload: done %v after %d calls, want false after 1", pre.Done, calls)
	}
	// A record removed outside Témoin.
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(spaceRecords + "inc/b/r/00000001")) }); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	var ie *IntegrityError
	if _, pre, _, err := preloadAll(t, dir, "inc/", false); !errors.As(err, &ie) || ie.Kind != RecordsChanged || pre.Done {
		t.Fatalf("a record removed: %v (done %v), want RecordsChanged", err, pre.Done)
	}
	if _, pre, _, err := preloadAll(t, dir, "inc/", true); err != nil || pre.Done {
		t.Fatalf("the loss accepted: %v (done %v), want open and not done", err, pre.Done)
	}
}

// With Preload.Buffer, each record is opened into the buffer it gives,
// and reads as Scan reads it.
func TestPreloadOpensIntoTheBuffersGiven(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/r/00000001", `{"a":1}`)
	mustRecord(t, v, "inc/b/r/00000001", `{"b":"un texte plus long"}`)
	want := scanAll(t, v, "inc/")
	v.Lock()
	buf := make([]byte, 0, 256)
	got := map[string]string{}
	pre := &Preload{Prefix: "inc/", Buffer: func(n int) []byte {
		if n > cap(buf) {
			t.Errorf("asked for %d bytes", n)
		}
		return buf
	}, Fn: func(key string, value Value) error {
		data, err := value()
		if err != nil {
			return err
		}
		if &data[:1][0] != &buf[:1][0] {
			t.Errorf("%s was not opened into the buffer given", key)
		}
		got[key] = string(data)
		return nil
	}}
	v, err := OpenWith(dir, Passphrase(testPass), &Options{Preload: pre})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if !pre.Done || !reflect.DeepEqual(got, want) {
		t.Errorf("preloaded into a buffer (done %v):\n%v\nscan:\n%v", pre.Done, got, want)
	}
}

// preloadSealed opens the vault in dir with a Preload.Sealed of prefix
// that keeps every record it is given, unopened, and its buffers from
// Buffer.
func preloadSealed(t *testing.T, dir, prefix string) ([]SealedRecord, *Preload, *Vault, error) {
	t.Helper()
	var recs []SealedRecord
	pre := &Preload{Prefix: prefix, Buffer: func(n int) []byte { return make([]byte, 0, n+7) },
		Sealed: func(rec SealedRecord) error {
			recs = append(recs, rec)
			return nil
		}}
	v, err := OpenWith(dir, Passphrase(testPass), &Options{Preload: pre})
	if err == nil {
		t.Cleanup(func() { v.Lock() })
	}
	return recs, pre, v, err
}

// With Preload.Sealed, the records are handed over sealed, in key order,
// each in the buffer Buffer gave, and opened afterwards, on another
// goroutine, once the open is done, read as Scan reads them; a record
// changed in its buffer does not open.
func TestSealedPreloadGetsWhatScanReads(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/r/00000001", `{"a":1}`)
	mustRecord(t, v, "inc/b/e/x", `{"e":"x"}`)
	mustRecord(t, v, "inc/b/r/00000001", `{"b":1}`)
	mustRecord(t, v, "inc/b/r/00000002", `{"b":"un texte plus long"}`)
	mustRecord(t, v, "people/c", `{}`)
	v.Lock()

	recs, pre, v, err := preloadSealed(t, dir, "inc/")
	if err != nil {
		t.Fatal(err)
	}
	want := scanAll(t, v, "inc/")
	got := map[string]string{}
	var keys []string
	done := make(chan error)
	go func() {
		for _, rec := range recs {
			plain, err := rec.Open()
			if err != nil {
				done <- err
				return
			}
			if buf := rec.Buffer(); cap(buf) != len(buf)+7 || &plain[:1][0] != &buf[len(buf)-len(plain)-tagSize] {
				t.Errorf("%s was not opened in the buffer given", rec.Key())
			}
			keys = append(keys, rec.Key())
			got[rec.Key()] = string(plain)
		}
		done <- nil
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !pre.Done || !reflect.DeepEqual(got, want) || len(want) != 4 || !slices.IsSorted(keys) {
		t.Errorf("preloaded sealed (done %v), in order %v:\n%v\nscan:\n%v", pre.Done, keys, got, want)
	}

	v.Lock()
	recs, _, _, err = preloadSealed(t, dir, "inc/")
	if err != nil {
		t.Fatal(err)
	}
	buf := recs[0].Buffer()
	buf[len(buf)-1] ^= 1
	var ce *CorruptError
	if _, err := recs[0].Open(); !errors.As(err, &ce) || !strings.Contains(ce.What, "inc/a/r/00000001") {
		t.Errorf("a record changed in its buffer: %v, want a CorruptError naming it", err)
	}
}

// A record the receiver of Preload.Sealed never opens (an incident's
// superseded revision) is checked all the same: changed in the database
// outside Témoin, the open is refused, as without a preload.
func TestSealedRecordsNotOpenedAreChecked(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/r/00000001", `{"a":1}`)
	mustRecord(t, v, "inc/a/r/00000002", `{"a":2}`)
	superseded := []byte(spaceRecords + "inc/a/r/00000001")
	err := v.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(superseded)
		if err != nil {
			return err
		}
		sealed, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		sealed[len(sealed)-1] ^= 1
		return txn.Set(superseded, sealed)
	})
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
	var ie *IntegrityError
	if _, pre, _, err := preloadSealed(t, dir, "inc/"); !errors.As(err, &ie) || ie.Kind != RecordsChanged || pre.Done {
		t.Fatalf("a superseded revision changed: %v (done %v), want RecordsChanged", err, pre.Done)
	}
}
