package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A full disk or a failing device while evidence is written: the import
// fails with the cause, nothing half written stays, the vault is intact.
func TestBlobWriteFailures(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/1", "before")
	good := keepBlob(t, v, strings.NewReader("earlier evidence"))
	data := bytes.Repeat([]byte("preuve "), 1<<20) // 7 MiB
	for _, plan := range []*FaultPlan{
		{Purpose: PurposeBlob, Bytes: 0, Err: syscall.ENOSPC},
		{Purpose: PurposeBlob, Bytes: 300 << 10, Err: syscall.ENOSPC},
		{Purpose: PurposeBlob, Bytes: 5 << 20, Err: syscall.EIO},
		{Purpose: PurposeBlob, Bytes: -1, SyncErr: syscall.EIO},
	} {
		remove := InjectStorageFaultsForTesting(plan)
		_, err := v.WriteBlob(context.Background(), bytes.NewReader(data), nil)
		remove()
		if err == nil || !plan.Fired() {
			t.Fatalf("%+v: no error", plan)
		}
		if !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, syscall.EIO) {
			t.Errorf("%+v: the error hides its cause: %v", plan, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, blobsDir))
	if len(entries) != 1 || entries[0].Name() != good.ID {
		t.Fatalf("blobs folder after failed writes: %v", entries)
	}
	v.Lock()
	v2, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Lock()
	rep, err := v2.Verify(context.Background(), nil)
	if err != nil || !rep.OK() || rep.Blobs != 1 || len(rep.Notes) != 0 {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := mustGet(t, v2, "inc/1"); got != "before" {
		t.Fatal(got)
	}
}

// No type that holds a key prints it: not with %v, %+v, %#v, nor as
// JSON.
func TestSecretsDoNotPrint(t *testing.T) {
	v, _, code := newTestVault(t)
	master := bytes.Clone(v.master)
	ident := v.blobID.String()
	secrets := []string{
		fmt.Sprint(master), fmt.Sprintf("%x", master), fmt.Sprintf("%X", master),
		strings.Trim(fmt.Sprintf("%#v", master), "[]byte{}"),
		ident, strings.TrimPrefix(ident, "AGE-SECRET-KEY-"),
		string(testPass), code,
	}
	s := Passphrase(testPass)
	rc := RecoveryCode(code)
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		outs = append(outs, fmt.Sprintf(verb, v), fmt.Sprintf(verb, s), fmt.Sprintf(verb, rc), fmt.Sprintf(verb, &s))
	}
	for _, x := range []any{v, s, rc} {
		j, _ := json.Marshal(x)
		outs = append(outs, string(j))
	}
	for _, out := range outs {
		for _, sec := range secrets {
			if len(sec) > 8 && strings.Contains(out, sec) {
				t.Errorf("a secret is printed: %.120s…", out)
			}
		}
	}
}

// Lock overwrites the keys the vault owns.
func TestLockWipesKeys(t *testing.T) {
	v, _, _ := newTestVault(t)
	master, recordKey := v.master, v.recordKey
	if bytes.Count(master, []byte{0}) == len(master) {
		t.Fatal("no key to begin with")
	}
	v.Lock()
	for name, k := range map[string][]byte{"master": master, "record key": recordKey} {
		if bytes.Count(k, []byte{0}) != len(k) {
			t.Errorf("%s not wiped at lock", name)
		}
	}
}
