package torture

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// Attacks on a vault at rest by someone who holds its files but none of
// its keys (issue 10), through the real files and the real journal. Each
// must be refused at the next unlock with an error that names it; none
// may pass as an intact journal or as a wrong passphrase. The witness
// outside the vault folder lives in the configuration folder of the
// process (tools/torture.sh gives it a temporary one).

// peopleSession is one run of the program that writes people: after it,
// Badger holds them in a table of their own. It returns every record of
// the vault as the session leaves it.
func peopleSession(t *testing.T, dir string, names ...string) vaulttest.Records {
	t.Helper()
	j, v, err := unlock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	for _, n := range names {
		if err := j.People.Add(app.Person{Name: n, Pseudonym: "P-" + n[len(n)-1:]}); err != nil {
			t.Fatal(err)
		}
	}
	records, err := vaulttest.ReadRecords(v)
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// unlock opens a vault and its journal, as app.Unlock does, and returns
// the vault too, to read its records.
func unlock(dir string) (*app.Journal, *vault.Vault, error) {
	v, err := vault.OpenWith(dir, vault.Passphrase([]byte(testPass)), nil)
	if err != nil {
		return nil, nil, err
	}
	j, err := app.Open(v)
	if err != nil {
		v.Lock()
		return nil, nil, err
	}
	return j, v, nil
}

// A "delete table" change appended to Badger's plaintext MANIFEST: the
// people a session wrote vanished, Verify said all was intact, and the
// next report printed the real name that had been pseudonymised. Now the
// unlock names the damage, or the drop changed nothing the person wrote:
// every record (incidents, people, history) reads back exactly as before.
// A table can hold nothing that counts: only the staging area of the
// import (its copies of the writes and their deletions), or only versions
// that newer ones in other tables hide.
func TestAttackDroppedTable(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 4, 30)
	rng := newRand(t)
	counts := map[string]int{}
	for i := range n {
		dir := filepath.Join(t.TempDir(), "coffre")
		newVault(t, dir)
		j, err := app.Unlock(dir, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		ins := make([]*app.Incident, 1500)
		for k := range ins {
			ins[k] = incident(rng, "table")
		}
		if _, err := j.Incidents.CreateMany(context.Background(), ins, nil); err != nil {
			t.Fatal(err)
		}
		j.Lock()
		var before vaulttest.Records
		for s := range 1 + rng.IntN(3) {
			before = peopleSession(t, dir, fmt.Sprintf("Élève %d-%d", i, s))
		}
		db, err := vaulttest.DatabaseDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		tables, _ := vaulttest.Tables(db)
		drop := tables[rng.IntN(len(tables))]
		if rng.IntN(2) == 0 {
			drop, _ = vaulttest.DropNewestTable(db)
		} else if err := vaulttest.DropTable(db, drop); err != nil {
			t.Fatal(err)
		}
		j, v, err := unlock(dir)
		var ie *app.IntegrityError
		switch {
		case errors.As(err, &ie):
			counts[kindName(ie.Kind)]++
		case err == nil:
			after, err := vaulttest.ReadRecords(v)
			w := j.VaultWarnings()
			j.Lock()
			if err != nil {
				t.Fatalf("table %d dropped: %v", drop, err)
			}
			if diff := before.Diff(after, 5); len(diff) > 0 || len(w) > 0 {
				counts["silent"]++
				t.Errorf("table %d of %v dropped: the journal opened as if intact, but %v (warnings %v)", drop, tables, diff, w)
				continue
			}
			counts["unchanged"]++
		default:
			counts["other error"]++
			t.Errorf("table %d dropped: not named: %v", drop, err)
		}
	}
	summary(t, "dropped tables: %d, named at open: %d (records changed %d, history cut %d, state missing %d), changed no record (every record read back the same): %d, opened as intact with records changed: %d",
		n, counts["records changed"]+counts["history cut"]+counts["state missing"], counts["records changed"], counts["history cut"], counts["state missing"], counts["unchanged"], counts["silent"])
}

func kindName(k vault.IntegrityKind) string {
	return map[vault.IntegrityKind]string{
		vault.RecordsChanged: "records changed", vault.StateMissing: "state missing", vault.HistoryCut: "history cut",
		vault.HistoryDiverged: "history diverged", vault.KeysRolledBack: "keys rolled back",
	}[k]
}

// writerChild adds incidents until it is killed, acknowledging each.
func writerChild() int {
	j, err := app.Unlock(os.Getenv("TORTURE_VAULT"), []byte(testPass))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	enc := json.NewEncoder(os.Stdout)
	enc.Encode(report{Ev: "ready"})
	rng := childRand()
	for {
		in, err := j.Incidents.Create(incident(rng, "coupé"))
		must(err)
		enc.Encode(report{Ev: "ack", Op: "add", ID: in.ID})
	}
}

// Cutting the end of Badger's memtable log and deleting the file "head"
// dropped the last 1–10 incidents with no trace (122 of 122 tries). The
// log is cut after a real SIGKILL, by a random number of bytes: every
// acknowledged incident must still be there, or the unlock must say that
// changes are missing; with the copy outside the folder deleted too,
// nothing can tell, and the unlock must say so.
func TestAttackCutLog(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 4, 40)
	rng := newRand(t)
	var named, intact, warned int
	for range n {
		dir := filepath.Join(t.TempDir(), "coffre")
		newVault(t, dir)
		cmd := childCmd("writer", "TORTURE_VAULT="+dir)
		out := lines(t, cmd)
		timer := time.AfterFunc(time.Duration(300+rng.IntN(900))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		acked := map[string]bool{}
		for line := range out {
			var r report
			if json.Unmarshal([]byte(line), &r) == nil && r.Ev == "ack" {
				acked[r.ID] = true
			}
		}
		timer.Stop()
		cmd.Wait()
		db, _ := vaulttest.DatabaseDir(dir)
		if _, err := vaulttest.CutMemLogs(db, 1+rng.IntN(8000)); err != nil {
			t.Fatal(err)
		}
		os.Remove(filepath.Join(dir, "head"))
		j, err := app.Unlock(dir, []byte(testPass))
		var ie *app.IntegrityError
		switch {
		case errors.As(err, &ie) && ie.Kind == vault.HistoryCut:
			named++
		case err == nil:
			missing := 0
			for id := range acked {
				if _, err := j.Incidents.Get(id); err != nil {
					missing++
				}
			}
			j.Lock()
			if missing > 0 {
				t.Errorf("%d acknowledged incidents lost without a word", missing)
				continue
			}
			intact++ // the cut took only the change in flight
		default:
			t.Errorf("cut log: %v", err)
			continue
		}
		// The copy outside the folder deleted too (and the one in the
		// folder again: an unlock that found the vault whole wrote it
		// back): an unlock that could check nothing says so.
		removeWitnessCopies(t)
		os.Remove(filepath.Join(dir, "head"))
		j, err = app.Unlock(dir, []byte(testPass))
		if err != nil {
			t.Fatalf("without any witness: %v", err)
		}
		w := j.VaultWarnings()
		j.Lock()
		if len(w) != 1 || w[0].Kind != vault.WitnessMissing {
			t.Fatalf("without any witness: warnings %v", w)
		}
		warned++
	}
	summary(t, "cut logs with the witness in the folder deleted: %d, named at unlock (changes missing): %d, only the change in flight cut (nothing acknowledged lost): %d; with both witnesses deleted, unlocks that warned: %d of %d",
		n, named, intact, warned, n)
}

// removeWitnessCopies deletes the copies of the witness kept in the
// configuration folder of the tests (TestMain).
func removeWitnessCopies(t *testing.T) {
	vaulttest.RequireTempUserFolders(t) // never the developer's
	cfg, _ := os.UserConfigDir()
	os.RemoveAll(filepath.Join(cfg, "temoin", "witness"))
}

// Someone kept vault.json from before a change of passphrase (every old
// backup holds one) and knows the old passphrase. After a renewal of the
// keys, neither that header nor a later backup with its header copy
// swapped for it reads anything written since.
func TestAttackOldHeader(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 3, 20)
	rng := newRand(t)
	refusedVault, refusedBackup := 0, 0
	for i := range n {
		dir := filepath.Join(t.TempDir(), "coffre")
		newVault(t, dir)
		old, _ := os.ReadFile(filepath.Join(dir, "vault.json"))
		j, err := app.Unlock(dir, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		newPass := "nouvelle phrase " + strconv.Itoa(i)
		if _, err := j.RotateKeys(context.Background(), []byte(newPass), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := j.Incidents.Create(incident(rng, "après")); err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(t.TempDir(), "s"+app.BackupExt)
		if _, err := j.Backups.Write(context.Background(), backup, false, false, nil); err != nil {
			t.Fatal(err)
		}
		j.Lock()
		current, _ := os.ReadFile(filepath.Join(dir, "vault.json"))
		os.WriteFile(filepath.Join(dir, "vault.json"), old, 0o600)
		_, err = app.Unlock(dir, []byte(testPass))
		var ie *app.IntegrityError
		if !errors.As(err, &ie) || ie.Kind != vault.KeysRolledBack {
			t.Fatalf("old header put back, old passphrase: %v", err)
		}
		refusedVault++
		os.WriteFile(filepath.Join(dir, "vault.json"), current, 0o600)
		swapHeader(t, backup, old)
		_, err = app.VerifyBackupFile(context.Background(), backup, app.Passphrase([]byte(testPass)), nil)
		var be *app.BackupError
		if !errors.As(err, &be) || errors.Is(err, app.ErrWrongPassphrase) {
			t.Fatalf("backup with the old header copy: %v", err)
		}
		refusedBackup++
	}
	summary(t, "keys renewed after a change of passphrase: %d; old header put back: refused and named %d; later backup with the old header copy: refused %d",
		n, refusedVault, refusedBackup)
}

// swapHeader replaces the header copy in a backup file's preamble and
// fixes its unkeyed footer, as anyone can.
func swapHeader(t *testing.T, path string, header []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rest := data[len("temoin-backup-v1\n"):]
	nl := strings.IndexByte(string(rest), '\n')
	size, _ := strconv.Atoi(string(rest[:nl]))
	body := data[len("temoin-backup-v1\n")+nl+1+size : len(data)-56]
	out := fmt.Appendf(nil, "temoin-backup-v1\n%d\n", len(header))
	out = append(append(out, header...), body...)
	os.WriteFile(path, vaulttest.WithBackupFooter(out), 0o600)
}

// Changing the Argon2id numbers in vault.json and recomputing its unkeyed
// checksum made both the passphrase and the recovery code "wrong".
func TestAttackAlteredKDF(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 4, 30)
	rng := newRand(t)
	named, restored := 0, 0
	for range n {
		dir := filepath.Join(t.TempDir(), "coffre")
		j, code, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		j.Lock()
		h, _ := vault.ReadHeader(dir)
		switch rng.IntN(3) {
		case 0:
			h.KDF.Time = uint32(2 + rng.IntN(3))
		case 1:
			h.KDF.MemoryKiB = uint32(128 << rng.IntN(4))
		default:
			h.KDF.Threads = uint8(2 + rng.IntN(3))
			h.KDF.MemoryKiB = 8 * uint32(h.KDF.Threads) * 4
		}
		data, _ := h.Marshal()
		os.WriteFile(filepath.Join(dir, "vault.json"), data, 0o600)
		for _, s := range []app.Secret{app.Passphrase([]byte(testPass)), app.RecoveryCode(code)} {
			_, err := app.UnlockWith(dir, s, nil)
			if !errors.Is(err, app.ErrHeaderChanged) || errors.Is(err, app.ErrWrongPassphrase) || errors.Is(err, app.ErrWrongRecoveryCode) {
				t.Fatalf("%+v: %v", h.KDF, err)
			}
			named++
		}
		if err := app.RestoreVaultHeaderFromCopy(dir, app.Passphrase([]byte(testPass))); err != nil {
			t.Fatal(err)
		}
		j, err = app.Unlock(dir, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		j.Lock()
		restored++
	}
	summary(t, "headers with altered KDF numbers: %d; unlocks that named the change (passphrase and recovery code): %d of %d, never \"wrong passphrase\"; headers put back from the copy: %d",
		n, named, 2*n, restored)
}

// rotateChild renews the keys of the vault again and again until it is
// killed, reporting each passphrase before it starts and once it is done.
func rotateChild() int {
	pass := os.Getenv("TORTURE_PASS")
	j, err := app.Unlock(os.Getenv("TORTURE_VAULT"), []byte(pass))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	enc := json.NewEncoder(os.Stdout)
	for i := 0; ; i++ {
		next := fmt.Sprintf("clés %d %d", i, rand.IntN(1e9))
		enc.Encode(report{Ev: "begin", Op: "rotate", Pass: next})
		_, err := j.RotateKeys(context.Background(), []byte(next), nil)
		must(err)
		enc.Encode(report{Ev: "ack", Op: "rotate", Pass: next})
	}
}

// SIGKILL while the keys are renewed, at random moments: the vault opens
// with the old passphrase or the new one, never neither, and holds
// everything it held.
func TestRotationKills(t *testing.T) {
	n := scale("TORTURE_ROTATION_KILLS", 6, 60)
	rng := newRand(t)
	dir := filepath.Join(t.TempDir(), "coffre")
	newVault(t, dir)
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 40 {
		in, err := j.Incidents.Create(incident(rng, "clés"))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, in.ID)
	}
	ev, err := j.Evidence.AttachFile(context.Background(), ids[0], "preuve.bin", strings.NewReader(strings.Repeat("preuve ", 100000)), nil)
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	pass := testPass
	inFlight, committed := 0, 0
	for k := range n {
		cmd := childCmd("rotate", "TORTURE_VAULT="+dir, "TORTURE_PASS="+pass)
		out := lines(t, cmd)
		timer := time.AfterFunc(time.Duration(50+rng.IntN(1500))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		passes := []string{pass}
		var begun *report
		for line := range out {
			var r report
			if json.Unmarshal([]byte(line), &r) != nil {
				continue
			}
			if r.Ev == "begin" {
				begun = &r
				passes = append(passes, r.Pass)
			} else {
				begun, passes = nil, []string{r.Pass}
				committed++
			}
		}
		timer.Stop()
		cmd.Wait()
		if begun != nil {
			inFlight++
		}
		var opened []string
		for _, p := range passes {
			j, err := app.Unlock(dir, []byte(p))
			if err != nil {
				if !errors.Is(err, app.ErrWrongPassphrase) {
					t.Fatalf("kill %d: %v", k, err)
				}
				continue
			}
			opened = append(opened, p)
			rep, err := j.Verify(context.Background(), nil)
			if err != nil || !rep.OK() || len(j.Incidents.List(app.Filter{})) != len(ids) || len(j.VaultWarnings()) != 0 {
				t.Fatalf("kill %d: %v %+v, %d incidents, warnings %v", k, err, rep, len(j.Incidents.List(app.Filter{})), j.VaultWarnings())
			}
			rc, _, err := j.Evidence.Open(ev.ID)
			if err != nil {
				t.Fatalf("kill %d: evidence: %v", k, err)
			}
			rc.Close()
			j.Lock()
		}
		if len(opened) != 1 {
			t.Fatalf("kill %d: passphrases that open the vault: %d of %d", k, len(opened), len(passes))
		}
		pass = opened[0]
	}
	summary(t, "kills while the keys were renewed again and again: %d (%d in the middle of a renewal, %d renewals completed); vaults that opened with exactly one of the old and new passphrases, whole: %d",
		n, inFlight, committed, n)
}
