package torture

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
)

// The crash harness. The child runs operations on the journal forever and
// reports each one on standard output, as a JSON line: {"ev":"begin"}
// before it starts, {"ev":"ack"} once it returned without error. The
// parent kills it with SIGKILL at a random moment, then opens the vault,
// verifies it, and checks that every acknowledged operation is there.
// The operation in flight when the kill came may or may not have
// happened: both are accepted, but nothing in between.

type report struct {
	Ev       string   `json:"ev"` // ready, begin, ack
	Op       string   `json:"op,omitempty"`
	ID       string   `json:"id,omitempty"`
	IDs      []string `json:"ids,omitempty"`
	Rev      int      `json:"rev,omitempty"`
	Hash     string   `json:"hash,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
	SHA      string   `json:"sha,omitempty"`
	Pass     string   `json:"pass,omitempty"`
	Path     string   `json:"path,omitempty"`
}

const bigEvidence = 20 << 20

func crashChild() int {
	dir, work := os.Getenv("TORTURE_VAULT"), os.Getenv("TORTURE_WORK")
	pass := os.Getenv("TORTURE_PASS")
	seed, _ := strconv.ParseUint(os.Getenv("TORTURE_SEED"), 10, 64)
	recipient := os.Getenv("TORTURE_RECIPIENT")
	enc := json.NewEncoder(os.Stdout)
	emit := func(r report) { must(enc.Encode(&r)) }
	j, err := app.Unlock(dir, []byte(pass))
	if err != nil {
		fmt.Fprintln(os.Stderr, "unlock:", err)
		return 3
	}
	emit(report{Ev: "ready"})
	rng := rand.New(rand.NewPCG(seed, 42))
	ctx := context.Background()
	for n := 0; ; n++ {
		list := j.Incidents.List(app.Filter{})
		anyID := func() string { return list[rng.IntN(len(list))].ID }
		r := rng.IntN(100)
		switch {
		case len(list) == 0 || r < 25 && len(list) < 80:
			in := incident(rng, "crash")
			emit(report{Ev: "begin", Op: "add"})
			out, err := j.Incidents.Create(in)
			must(err)
			emit(report{Ev: "ack", Op: "add", ID: out.ID, Rev: out.Revision, Hash: contentHash(out)})
		case r < 40:
			id := anyID()
			in, err := j.Incidents.Get(id)
			must(err)
			in.Notes = fmt.Sprintf("amendement %d %d", n, rng.IntN(1e9))
			emit(report{Ev: "begin", Op: "amend", ID: id})
			out, err := j.Incidents.Amend(id, in)
			must(err)
			emit(report{Ev: "ack", Op: "amend", ID: id, Rev: out.Revision, Hash: contentHash(out)})
		case r < 46:
			id := anyID()
			size := int64(bigEvidence)
			emit(report{Ev: "begin", Op: "attach", ID: id})
			ev, err := j.Evidence.AttachFile(ctx, id, "video.mp4", io.LimitReader(newPRNG(rng.Uint64()), size), nil)
			must(err)
			emit(report{Ev: "ack", Op: "attach", ID: id, Evidence: ev.ID, SHA: ev.SHA256})
		case r < 56:
			id := anyID()
			emit(report{Ev: "begin", Op: "attach", ID: id})
			ev, err := j.Evidence.AttachFile(ctx, id, "capture.png", io.LimitReader(newPRNG(rng.Uint64()), int64(rng.IntN(300<<10))), nil)
			must(err)
			emit(report{Ev: "ack", Op: "attach", ID: id, Evidence: ev.ID, SHA: ev.SHA256})
		case r < 62:
			in := list[rng.IntN(len(list))]
			if len(in.Evidence) == 0 {
				continue
			}
			evID := in.Evidence[rng.IntN(len(in.Evidence))].ID
			emit(report{Ev: "begin", Op: "unattach", ID: in.ID, Evidence: evID})
			must(j.Evidence.Remove(evID))
			emit(report{Ev: "ack", Op: "unattach", ID: in.ID, Evidence: evID})
		case r < 75:
			id := anyID()
			emit(report{Ev: "begin", Op: "delete", ID: id})
			must(j.Incidents.Delete(id))
			emit(report{Ev: "ack", Op: "delete", ID: id})
		case r < 78:
			newPass := fmt.Sprintf("phrase %d %d", n, rng.IntN(1e9))
			emit(report{Ev: "begin", Op: "passwd", Pass: newPass})
			must(j.ChangePassphrase([]byte(newPass)))
			pass = newPass
			emit(report{Ev: "ack", Op: "passwd", Pass: newPass})
		case r < 82:
			// Renewing the keys: a new database, every record re-sealed,
			// then the header replaced.
			newPass := fmt.Sprintf("clés %d %d", n, rng.IntN(1e9))
			emit(report{Ev: "begin", Op: "rotate", Pass: newPass})
			_, err := j.RotateKeys(ctx, []byte(newPass), nil)
			must(err)
			pass = newPass
			emit(report{Ev: "ack", Op: "rotate", Pass: newPass})
		case r < 89:
			path := filepath.Join(work, fmt.Sprintf("sauvegarde-%d-%d"+app.BackupExt, seed, n))
			emit(report{Ev: "begin", Op: "backup", Path: path})
			_, err := j.Backups.Write(ctx, path, false, false, nil)
			must(err)
			emit(report{Ev: "ack", Op: "backup", Path: path, Pass: pass})
		case r < 94 && recipient != "":
			path := filepath.Join(work, fmt.Sprintf("export-%d-%d.zip.age", seed, n))
			emit(report{Ev: "begin", Op: "export", Path: path})
			res, err := bundle.Export(ctx, bundle.JournalSource(j), bundle.ExportOptions{Out: path, To: []string{recipient}})
			must(err)
			emit(report{Ev: "ack", Op: "export", Path: path, Hash: res.ManifestSHA256})
		case r < 97 && len(list) < 40:
			// A large import: committed through the vault's staging area.
			ins := make([]*app.Incident, 1500)
			for i := range ins {
				ins[i] = incident(rng, "import")
				ins[i].Description += strings.Repeat(" détail", 150)
			}
			emit(report{Ev: "begin", Op: "import"})
			out, err := j.Incidents.CreateMany(ctx, ins, nil)
			must(err)
			ids := make([]string, len(out))
			for i, in := range out {
				ids[i] = in.ID
			}
			emit(report{Ev: "ack", Op: "import", IDs: ids})
		default:
			if len(list) > 200 {
				// Shrink after imports: delete many.
				for _, in := range list[:100] {
					emit(report{Ev: "begin", Op: "delete", ID: in.ID})
					must(j.Incidents.Delete(in.ID))
					emit(report{Ev: "ack", Op: "delete", ID: in.ID})
				}
			}
		}
	}
}

// model is what the parent knows the vault holds.
type modelIncident struct {
	rev      int
	hash     string
	evidence map[string]string // evidence id → SHA-256 ("" for a link)
}

type crashStats struct {
	kills, broken, lost, acked, inFlight, passwdInterrupted, rotateInterrupted, rounds int
	byOp                                                                               map[string]int
}

func TestCrashes(t *testing.T) {
	kills := scale("TORTURE_KILLS", 25, 300)
	root := t.TempDir()
	work := filepath.Join(root, "work")
	os.MkdirAll(work, 0o700)
	id, _ := age.GenerateX25519Identity()
	st := &crashStats{byOp: map[string]int{}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	var dir, pass string
	var model map[string]*modelIncident
	fresh := func() {
		dir = filepath.Join(root, fmt.Sprintf("vault-%d", st.kills))
		newVault(t, dir)
		pass, model = testPass, map[string]*modelIncident{}
	}
	fresh()
	start := time.Now()
	for st.kills < kills {
		if st.kills > 0 && st.kills%40 == 0 && st.rounds > 0 {
			os.RemoveAll(dir) // keep the disk small: a new vault now and then
			fresh()
		}
		st.rounds++
		seed := rng.Uint64()
		cmd := childCmd("crash", "TORTURE_VAULT="+dir, "TORTURE_WORK="+work, "TORTURE_PASS="+pass,
			"TORTURE_SEED="+strconv.FormatUint(seed, 10), "TORTURE_RECIPIENT="+id.Recipient().String())
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out := lines(t, cmd)
		// Kill at a random moment: sometimes while the vault opens, mostly
		// in the middle of the operations.
		delay := time.Duration(rng.IntN(1500)) * time.Millisecond
		if rng.IntN(10) == 0 {
			delay = time.Duration(rng.IntN(60)) * time.Millisecond
		}
		var killed atomic.Bool
		timer := time.AfterFunc(delay, func() { killed.Store(true); cmd.Process.Signal(syscall.SIGKILL) })
		var reps []report
		for line := range out {
			var r report
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("child printed %q", line)
			}
			reps = append(reps, r)
		}
		timer.Stop()
		err := cmd.Wait()
		if !isKilled(err, killed.Load()) {
			t.Fatalf("the child ended by itself (%v) before the kill:\n%s", err, stderr.String())
		}
		st.kills++

		// Replay the reports on the model.
		var inflight *report
		var backups []report
		var exports []report
		passes := []string{pass}
		for i := range reps {
			r := reps[i]
			switch r.Ev {
			case "begin":
				inflight = &reps[i]
				if r.Op == "passwd" || r.Op == "rotate" {
					passes = append(passes, r.Pass)
				}
			case "ack":
				inflight = nil
				st.acked++
				st.byOp[r.Op]++
				applyAck(model, r)
				switch r.Op {
				case "passwd", "rotate":
					pass, passes = r.Pass, []string{r.Pass}
				case "backup":
					backups = append(backups, r)
				case "export":
					exports = append(exports, r)
				}
			}
		}
		if inflight != nil {
			st.inFlight++
		}
		// Open with the passphrase in force; a passwd killed midway leaves
		// the old or the new one.
		var j *app.Journal
		var opened string
		for i := len(passes) - 1; i >= 0 && j == nil; i-- {
			if jj, err := app.Unlock(dir, []byte(passes[i])); err == nil {
				j, opened = jj, passes[i]
			} else if !errors.Is(err, app.ErrWrongPassphrase) {
				t.Errorf("kill %d: the vault does not open: %v", st.kills, err)
				break
			}
		}
		if j == nil {
			st.broken++
			t.Errorf("kill %d: no passphrase opens the vault (tried %d)", st.kills, len(passes))
			fresh()
			continue
		}
		if inflight != nil && inflight.Op == "passwd" {
			st.passwdInterrupted++
		}
		if inflight != nil && inflight.Op == "rotate" {
			st.rotateInterrupted++
		}
		if w := j.VaultWarnings(); len(w) > 0 {
			st.broken++
			t.Errorf("kill %d (in flight: %+v): warnings at open: %v", st.kills, inflight, w)
		}
		pass = opened
		rep, err := j.Verify(context.Background(), nil)
		if err != nil || !rep.OK() {
			st.broken++
			t.Errorf("kill %d (in flight: %+v): verify: %v %v", st.kills, inflight, err, rep)
			j.Lock()
			fresh()
			continue
		}
		st.lost += checkModel(t, st.kills, j, model, inflight)
		model = observe(j)
		for _, b := range backups {
			brep, err := app.VerifyBackupFile(context.Background(), b.Path, app.Passphrase([]byte(b.Pass)), nil)
			if err != nil || !brep.OK() {
				st.lost++
				t.Errorf("kill %d: acknowledged backup %s: %v %+v", st.kills, b.Path, err, brep)
			}
		}
		if len(exports) > 0 {
			events, _ := j.Chain.Events()
			logged := map[string]bool{}
			for _, e := range events {
				if app.KindOf(e) == app.EventExported {
					logged[e.Hash] = true
				}
			}
			for _, x := range exports {
				if _, err := os.Stat(x.Path); err != nil || !logged[x.Hash] {
					st.lost++
					t.Errorf("kill %d: acknowledged export %s: file %v, logged %v", st.kills, x.Path, err, logged[x.Hash])
				}
			}
		}
		j.Lock()
		// The files made are checked: make room.
		entries, _ := os.ReadDir(work)
		for _, e := range entries {
			os.Remove(filepath.Join(work, e.Name()))
		}
	}
	summary(t, "kills: %d, vaults broken: %d, acknowledged writes lost: %d (%d operations acknowledged %v, %d killed in flight, %d passwd interrupted, %d key renewals interrupted; %s)",
		st.kills, st.broken, st.lost, st.acked, st.byOp, st.inFlight, st.passwdInterrupted, st.rotateInterrupted, time.Since(start).Round(time.Second))
}

// isKilled reports whether the child died of our kill: of SIGKILL on Unix;
// on Windows, where killing is TerminateProcess(…, 1), with exit status 1
// once weKilled it.
func isKilled(err error, weKilled bool) bool {
	if err == nil {
		return false
	}
	var ee interface{ Sys() any }
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok {
			if runtime.GOOS == "windows" {
				return weKilled && ws.ExitStatus() == 1
			}
			return ws.Signaled() && ws.Signal() == syscall.SIGKILL
		}
	}
	return false
}

func applyAck(model map[string]*modelIncident, r report) {
	switch r.Op {
	case "add":
		model[r.ID] = &modelIncident{rev: r.Rev, hash: r.Hash, evidence: map[string]string{}}
	case "import":
		for _, id := range r.IDs {
			model[id] = &modelIncident{rev: 1, hash: "", evidence: map[string]string{}}
		}
	case "amend":
		if m := model[r.ID]; m != nil {
			m.rev, m.hash = r.Rev, r.Hash
		}
	case "attach":
		if m := model[r.ID]; m != nil {
			m.evidence[r.Evidence] = r.SHA
		}
	case "unattach":
		if m := model[r.ID]; m != nil {
			delete(m.evidence, r.Evidence)
		}
	case "delete":
		delete(model, r.ID)
	}
}

// checkModel compares the vault with what was acknowledged, allowing the
// operation in flight to have happened or not. It returns how many
// acknowledged writes are missing or wrong.
func checkModel(t *testing.T, kill int, j *app.Journal, model map[string]*modelIncident, inflight *report) int {
	lost := 0
	op := func(name, id string) bool {
		return inflight != nil && inflight.Op == name && (id == "" || inflight.ID == id)
	}
	for id, m := range model {
		in, err := j.Incidents.Get(id)
		if err != nil {
			if op("delete", id) {
				continue
			}
			lost++
			t.Errorf("kill %d: acknowledged incident %s is missing: %v", kill, id, err)
			continue
		}
		switch {
		case in.Revision == m.rev && (m.hash == "" || contentHash(in) == m.hash):
		case in.Revision == m.rev+1 && op("amend", id):
		default:
			lost++
			t.Errorf("kill %d: incident %s is at revision %d, acknowledged %d (content %v)", kill, id, in.Revision, m.rev, contentHash(in) == m.hash)
		}
		got := map[string]string{}
		for _, ev := range in.Evidence {
			got[ev.ID] = ev.SHA256
		}
		for evID, sha := range m.evidence {
			if got[evID] != sha && !op("unattach", id) {
				lost++
				t.Errorf("kill %d: acknowledged evidence %s of %s is missing or changed", kill, evID, id)
			}
		}
		for evID := range got {
			if _, ok := m.evidence[evID]; !ok && !op("attach", id) {
				lost++ // counted with the lost: the vault is not what was acknowledged
				t.Errorf("kill %d: evidence %s of %s appeared without being written", kill, evID, id)
			}
		}
	}
	for _, in := range j.Incidents.List(app.Filter{}) {
		if _, ok := model[in.ID]; !ok && !op("add", "") && !op("import", "") {
			lost++
			t.Errorf("kill %d: incident %s appeared without being written", kill, in.ID)
		}
	}
	return lost
}

// observe reads the vault's state as the model for the next round.
func observe(j *app.Journal) map[string]*modelIncident {
	m := map[string]*modelIncident{}
	for _, in := range j.Incidents.List(app.Filter{}) {
		full, err := j.Incidents.Get(in.ID)
		if err != nil {
			continue
		}
		mi := &modelIncident{rev: full.Revision, hash: contentHash(full), evidence: map[string]string{}}
		for _, ev := range full.Evidence {
			mi.evidence[ev.ID] = ev.SHA256
		}
		m[in.ID] = mi
	}
	return m
}
