package torture

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// The tamper harness. A vault (locked, at rest) and a backup of it are
// damaged in many random ways: one bit flipped, a file truncated, a file
// deleted. Each damaged copy is opened, verified and read whole by a
// child process, which reports one of:
//
//	harmless  everything opens, verifies and reads exactly as before
//	open      opening refuses it, with an error naming the damaged part
//	verify    it opens, and Verify lists the damage
//	wrong     it opens, Verify says all is well, and something differs:
//	          a wrong incident shown as good (must never happen)
//	unnamed   refused with an error that does not say what is damaged
//
// A panic or a hang of the child counts too. The parent prints the counts.

type mutation struct {
	File string `json:"file"` // relative to the vault, or "backup"
	Kind string `json:"kind"` // flip, truncate, delete
	At   int64  `json:"at"`
	Bit  uint8  `json:"bit"`
}

type tamperResult struct {
	I      int    `json:"i"`
	Result string `json:"result"`
	Detail string `json:"detail,omitempty"`
}

type expected struct {
	Incidents map[string]expectedIncident `json:"incidents"`
}

type expectedIncident struct {
	Hash      string            `json:"hash"`
	Revisions int               `json:"revisions"`
	Evidence  map[string]string `json:"evidence"`
}

func TestTampering(t *testing.T) {
	n := scale("TORTURE_TAMPER", 300, 3000)
	root := t.TempDir()
	pristine := filepath.Join(root, "pristine")
	newVault(t, pristine)
	j, err := app.Unlock(pristine, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	rng := newRand(t)
	ctx := context.Background()
	var ids []string
	for i := range 12 {
		in, err := j.Incidents.Create(incident(rng, "tamper"))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, in.ID)
		if i%3 == 0 {
			in.Notes = "amendé"
			if _, err := j.Incidents.Amend(in.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		size := int64(rng.IntN(40 << 10))
		if i == 5 {
			size = 2 << 20
		}
		if _, err := j.Evidence.AttachFile(ctx, in.ID, fmt.Sprintf("preuve-%d.bin", i), io.LimitReader(newPRNG(uint64(i)), size), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Incidents.Delete(ids[2]); err != nil {
		t.Fatal(err)
	}
	j.Drafts.Save("new-x", incident(rng, "brouillon"))
	exp := expectedState(t, j)
	backup := filepath.Join(root, "sauvegarde"+app.BackupExt)
	if _, err := j.Backups.Write(ctx, backup, false, true, nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()

	// The files to damage: every file of the vault (whatever its size,
	// each is picked as often), and the backup.
	var files []string
	filepath.WalkDir(pristine, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "vault.lock" {
			rel, _ := filepath.Rel(pristine, p)
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	files = append(files, "backup")
	var muts []mutation
	for range n {
		f := files[rng.IntN(len(files))]
		path := filepath.Join(pristine, f)
		if f == "backup" {
			path = backup
		}
		info, _ := os.Stat(path)
		m := mutation{File: f, Kind: "flip"}
		switch r := rng.IntN(20); {
		case r == 0:
			m.Kind = "delete"
		case r < 4:
			m.Kind = "truncate"
		}
		if info.Size() > 0 {
			m.At = rng.Int64N(info.Size())
			if f == "db/DISCARD" && rng.IntN(2) == 0 {
				m.At = rng.Int64N(min(info.Size(), 4096)) // where its data is
			}
		}
		m.Bit = uint8(rng.IntN(8))
		muts = append(muts, m)
	}
	work := filepath.Join(root, "work")
	os.MkdirAll(work, 0o700)
	writeJSON(t, filepath.Join(work, "mutations.json"), muts)
	writeJSON(t, filepath.Join(work, "expected.json"), exp)

	counts := map[string]int{}
	byFile := map[string]map[string]int{}
	var bad []string
	for next := 0; next < len(muts); {
		cmd := childCmd("tamper", "TORTURE_PRISTINE="+pristine, "TORTURE_BACKUP="+backup,
			"TORTURE_WORK="+work, "TORTURE_FROM="+strconv.Itoa(next))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out := lines(t, cmd)
		deadline := time.AfterFunc(10*time.Minute, func() { cmd.Process.Kill() })
		for line := range out {
			var r tamperResult
			if json.Unmarshal([]byte(line), &r) != nil {
				continue
			}
			counts[r.Result]++
			kind := muts[r.I].File
			if strings.HasPrefix(kind, "blobs/") {
				kind = "blobs/*"
			} else if strings.HasPrefix(kind, "db/") && strings.Contains(kind, ".") && !strings.HasPrefix(kind, "db/MANIFEST") {
				kind = "db/*" + filepath.Ext(kind)
			}
			if byFile[kind] == nil {
				byFile[kind] = map[string]int{}
			}
			byFile[kind][r.Result]++
			if r.Result == "wrong" || r.Result == "unnamed" {
				bad = append(bad, fmt.Sprintf("%+v: %s: %s", muts[r.I], r.Result, r.Detail))
			}
			next = r.I + 1
		}
		deadline.Stop()
		if err := cmd.Wait(); err != nil {
			// The child died on mutation next: a panic, or a hang.
			what := "panic"
			if !strings.Contains(stderr.String(), "panic") {
				what = "crash or hang"
			}
			counts[what]++
			bad = append(bad, fmt.Sprintf("%+v: %s: %v\n%.2000s", muts[next], what, err, stderr.String()))
			next++
		}
	}
	for _, b := range bad {
		t.Error(b)
	}
	var kinds []string
	for k := range byFile {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var per []string
	for _, k := range kinds {
		per = append(per, fmt.Sprintf("%s %v", k, byFile[k]))
	}
	t.Logf("by file: %s", strings.Join(per, "; "))
	summary(t, "damaged copies: %d, harmless: %d, detected at open: %d, detected by verify: %d, wrong shown as good: %d, unnamed errors: %d, panics: %d, crashes or hangs: %d",
		len(muts), counts["harmless"], counts["open"], counts["verify"], counts["wrong"], counts["unnamed"], counts["panic"], counts["crash or hang"])
}

func writeJSON(t *testing.T, path string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func expectedState(t testing.TB, j *app.Journal) expected {
	exp := expected{Incidents: map[string]expectedIncident{}}
	for _, in := range j.Incidents.List(app.Filter{}) {
		full, err := j.Incidents.Get(in.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, err := j.Incidents.History(in.ID)
		if err != nil {
			t.Fatal(err)
		}
		e := expectedIncident{Hash: contentHash(full), Revisions: len(revs), Evidence: map[string]string{}}
		for _, ev := range full.Evidence {
			e.Evidence[ev.ID] = ev.SHA256
		}
		exp.Incidents[in.ID] = e
	}
	return exp
}

func tamperChild() int {
	pristine, backup, work := os.Getenv("TORTURE_PRISTINE"), os.Getenv("TORTURE_BACKUP"), os.Getenv("TORTURE_WORK")
	from, _ := strconv.Atoi(os.Getenv("TORTURE_FROM"))
	var muts []mutation
	var exp expected
	data, _ := os.ReadFile(filepath.Join(work, "mutations.json"))
	must(json.Unmarshal(data, &muts))
	data, _ = os.ReadFile(filepath.Join(work, "expected.json"))
	must(json.Unmarshal(data, &exp))
	enc := json.NewEncoder(os.Stdout)
	for i := from; i < len(muts); i++ {
		m := muts[i]
		scratch := filepath.Join(work, "copy")
		os.RemoveAll(scratch)
		var result, detail string
		if m.File == "backup" {
			dst := filepath.Join(work, "backup")
			must(vaulttest.CopyFile(backup, dst))
			must(damage(dst, m))
			result, detail = judgeBackup(dst)
		} else {
			must(vaulttest.CopyDir(pristine, scratch))
			must(damage(filepath.Join(scratch, m.File), m))
			result, detail = judgeVault(scratch, exp)
		}
		must(enc.Encode(tamperResult{I: i, Result: result, Detail: detail}))
	}
	return 0
}

func damage(path string, m mutation) error {
	switch m.Kind {
	case "delete":
		return os.Remove(path)
	case "truncate":
		return os.Truncate(path, m.At)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, m.At); err != nil {
		return nil // an empty file: nothing to flip
	}
	b[0] ^= 1 << m.Bit
	_, err = f.WriteAt(b, m.At)
	return err
}

// named reports whether an error says what is damaged.
func named(err error) bool {
	var ce *vault.CorruptError
	var be *vault.BackupError
	var ie *vault.IntegrityError
	var he *vault.HeaderChangedError
	return errors.As(err, &ce) && ce.What != "" || errors.As(err, &be) || errors.As(err, &ie) || errors.As(err, &he) ||
		errors.Is(err, vault.ErrUnsupportedVersion) || errors.Is(err, vault.ErrNotFound) ||
		errors.Is(err, vault.ErrNotBackup) || errors.Is(err, fs.ErrNotExist)
}

func judgeVault(dir string, exp expected) (string, string) {
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		if errors.Is(err, app.ErrWrongPassphrase) {
			return "unnamed", "reported as a wrong passphrase: " + err.Error()
		}
		if named(err) {
			return "open", err.Error()
		}
		return "unnamed", err.Error()
	}
	defer j.Lock()
	rep, err := j.Verify(context.Background(), nil)
	if err != nil {
		if named(err) {
			return "verify", err.Error()
		}
		return "unnamed", "verify: " + err.Error()
	}
	if !rep.OK() {
		return "verify", rep.Problems[0].What + ": " + rep.Problems[0].Detail
	}
	// Verify says all is well: everything must read exactly as before.
	if diff := compareJournal(j, exp); diff != "" {
		return "wrong", diff
	}
	return "harmless", ""
}

func compareJournal(j *app.Journal, exp expected) string {
	list := j.Incidents.List(app.Filter{})
	if len(list) != len(exp.Incidents) {
		return fmt.Sprintf("%d incidents, expected %d", len(list), len(exp.Incidents))
	}
	for _, in := range list {
		e, ok := exp.Incidents[in.ID]
		if !ok {
			return "unexpected incident " + in.ID
		}
		full, err := j.Incidents.Get(in.ID)
		if err != nil || contentHash(full) != e.Hash {
			return "incident " + in.ID + " differs"
		}
		revs, err := j.Incidents.History(in.ID)
		if err != nil || len(revs) != e.Revisions {
			return fmt.Sprintf("incident %s: %d revisions (%v)", in.ID, len(revs), err)
		}
		if len(full.Evidence) != len(e.Evidence) {
			return "evidence of " + in.ID + " differs"
		}
		for _, ev := range full.Evidence {
			if e.Evidence[ev.ID] != ev.SHA256 {
				return "evidence " + ev.ID + " differs"
			}
			rc, _, err := j.Evidence.Open(ev.ID)
			if err != nil {
				return "evidence " + ev.ID + " does not open: " + err.Error()
			}
			h := sha256.New()
			_, err = io.Copy(h, rc)
			rc.Close()
			if err != nil || fmt.Sprintf("%x", h.Sum(nil)) != ev.SHA256 {
				return fmt.Sprintf("evidence %s reads wrong: %v", ev.ID, err)
			}
		}
	}
	return ""
}

func judgeBackup(path string) (string, string) {
	rep, err := app.VerifyBackupFile(context.Background(), path, app.Passphrase([]byte(testPass)), nil)
	if err != nil {
		if errors.Is(err, app.ErrWrongPassphrase) {
			return "unnamed", "reported as a wrong passphrase: " + err.Error()
		}
		if named(err) {
			return "open", err.Error()
		}
		return "unnamed", err.Error()
	}
	if !rep.OK() {
		return "verify", rep.Problems[0].What + ": " + rep.Problems[0].Detail
	}
	// The footer's checksum covers every byte: an intact verdict on a
	// changed file would be wrong.
	return "wrong", "a damaged backup verified as intact"
}
