package main

import (
	"bytes"
	crand "crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"filippo.io/age"
	"golang.org/x/crypto/argon2"

	"github.com/temoin-app/temoin/vault"
)

// journalFigures: what every command pays first (baseFigure), import of
// a 10,020-row spreadsheet, list --json on the journal it makes, and
// attach of 1 GiB (4 GiB with -full) into that journal and into a
// 60-incident one, beside age -e of the same file.
func (h *harness) journalFigures() {
	h.baseFigure()
	csv, js := h.path("rows.csv"), h.path("60.json")
	if err := writeCSV(csv, 10_020); err != nil {
		h.fatal(err)
	}
	if err := writeIncidentsJSON(js, 60); err != nil {
		h.fatal(err)
	}
	small := h.path("small")
	h.runOnce(h.temoin("--vault", small, "init"))
	add := h.temoin("--vault", small, "add")
	add.stdin = js
	h.runOnce(add)

	// Each import goes into a new vault; the last one is kept.
	var imports series
	var big string
	for i := range h.runs {
		if big != "" {
			os.RemoveAll(big)
		}
		big = h.path(fmt.Sprintf("big-%d", i))
		h.runOnce(h.temoin("--vault", big, "init"))
		s, _ := h.runOnce(h.temoin("--vault", big, "import", csv))
		imports = append(imports, s)
	}
	imp := imports.median()
	// The key derivation is calibrated to about 0.75 s on this machine
	// (vault.CalibrateKDF): the import's own time is judged without it,
	// as attach's is, and the derivation has its own rows.
	kdf := h.kdfTime(big).wall
	h.add(row{what: "`import` of a 10,020-row CSV: time (KDF) / peak RSS",
		value:  secs(imp.wall) + " (" + secs(kdf) + kdfWarmNote(h.kdfWarm(big)) + "; CPU " + secs(imp.cpu) + ") / " + memory(imp),
		ratio:  secs(imp.wall-kdf) + " without the KDF",
		target: "≤ 1.5 s / ≤ 150 MiB", met: yes((imp.wall-kdf).Seconds() <= 1.5, imp.rss <= 150<<20)})

	list := h.measure(h.runs, nil, h.temoin("--vault", big, "list", "--json"))[0].median()
	h.add(row{what: "`list --json` on 10,020 incidents: time / peak RSS", value: timeAndRSS(list),
		target: "≤ 120 MiB", met: yes(list.rss <= 120<<20)})
	h.bigVault = big

	h.attach(small, big, 1<<30, "1 GiB")
	h.attachFixed(small, big)
	if h.full {
		h.attach(small, big, 4<<30, "4 GiB")
	}
}

// attach measures attach of a file of size bytes into both journals,
// interleaved with age -e of the same file.
func (h *harness) attach(small, big string, size int64, label string) {
	src := h.path("evidence.bin")
	if err := writeRandomFile(src, size); err != nil {
		h.fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	ageOut := h.path("age.out")
	ageE := proc{args: []string{"age", "-e", "-r", id.Recipient().String(), "-o", ageOut, src}}
	h.runOnce(ageE) // the file in the page cache, as for every run after
	// Before each run, what the run before wrote is removed: age's
	// output, or the file an attach put into its journal, so that each
	// writes into the same state of the system's memory. (Until this stop,
	// age's output was removed and the attached files were kept: each
	// attach had the system find new pages for a gigabyte while age
	// reused those its last output gave back, and on this machine writing
	// into new pages cost age itself 1.1 to 2.1 s of system time instead
	// of 0.6 to 1 s.) The last attach's file stays in the 60-incident
	// journal: the bundle group exports it. The journal also refuses a
	// file it already holds: before each attach, the file's first bytes
	// change (it stays in the page cache).
	ids := []string{"", h.firstID(big), h.firstID(small)}
	dirs := []string{"", big, small}
	last := 0
	kdfs := kdfRounds{}
	s := h.measure(h.runs, func(i int) {
		if i == 0 {
			kdfs.round(h, small, big)
		}
		os.Remove(ageOut)
		if last > 0 {
			h.dropEvidence(dirs[last], ids[last], size)
		}
		last = i
		if i > 0 {
			h.renew(src)
		}
	}, ageE,
		h.temoin("--vault", big, "attach", ids[1], src),
		h.temoin("--vault", small, "attach", ids[2], src))
	os.Remove(ageOut)
	a, many, one := s[0].median(), s[1].median(), s[2].median()
	// Each journal's own key derivation is subtracted from its row: each
	// was made by `temoin init`, which calibrates Argon2id's passes to
	// about a second of this machine at that moment, so that on a busy
	// machine the two journals' passes differ (13 and 9 in one run here:
	// 0.68 s and 0.50 s). Until this stop the 60-incident journal's
	// derivation was subtracted from both rows; the 10,020 row says what
	// that gave.
	kdfSmall := kdfs[small].median()
	for _, c := range []struct {
		what, dir string
		s         sample
		target    string
		limit     float64
	}{{"60", small, one, "≤ 1.1× / ≤ 96 MiB", 1.1}, {"10,020", big, many, "≤ 1.2× / ≤ 96 MiB", 1.2}} {
		kdf := kdfSmall
		if c.dir != small {
			kdf = kdfs[c.dir].median()
		}
		r := ratio(c.s.wall-kdf.wall, a.wall)
		h.add(row{what: "`attach` of " + label + " into a " + c.what + "-incident journal: time (KDF) / peak RSS",
			value:  secs(c.s.wall) + " (" + secs(kdf.wall) + kdfPasses(h.header(c.dir)) + kdfWarmNote(h.kdfWarm(c.dir)) + "; CPU " + secs(c.s.cpu) + ") / " + memory(c.s),
			anchor: "`age -e` " + secs(a.wall) + " (CPU " + secs(a.cpu) + ")",
			ratio: fmt.Sprintf("%.2f×%s without the KDF (%s with it)%s", r, cpuWithout(c.s, kdf, a), ratios(c.s, a),
				otherKDFNote(c.dir != small, c.s, kdfSmall, a)),
			target: c.target, met: yes(r <= c.limit, c.s.rss <= 96<<20)})
	}
	if size > 1<<30 {
		os.Remove(src) // the bundle figures use 1 GiB again
	}
}

// attachFixed measures attach of a 16-byte file into both journals: what
// an attach pays beside its stream (the program's start, the open of the
// database and the checks at open, the commit, the close), each
// journal's own key derivation subtracted. The difference between the two
// journals is what the 10,020 incidents cost a command that touches one.
func (h *harness) attachFixed(small, big string) {
	const size = 16 // random bytes: never the same file twice
	src := h.path("tiny.bin")
	dirs := []string{big, small}
	ids := []string{h.firstID(big), h.firstID(small)}
	last := -1
	kdfs := kdfRounds{}
	s := h.measure(h.runs, func(i int) {
		if i == 0 {
			kdfs.round(h, small, big)
		}
		if last >= 0 {
			h.dropEvidence(dirs[last], ids[last], size)
		}
		last = i
		if err := writeRandomFile(src, size); err != nil {
			h.fatal(err)
		}
	}, h.temoin("--vault", big, "attach", ids[0], src), h.temoin("--vault", small, "attach", ids[1], src))
	h.dropEvidence(dirs[last], ids[last], size)
	many, one := s[0].median(), s[1].median()
	kdfMany, kdfOne := kdfs[big].median(), kdfs[small].median()
	h.add(row{what: "`attach` of a 16-byte file, without the KDF (what a command pays beside its stream): 60 / 10,020 incidents",
		value: secs(one.wall-kdfOne.wall) + " (CPU " + secs(one.cpu-kdfOne.cpu) + ") / " + secs(many.wall-kdfMany.wall) +
			" (CPU " + secs(many.cpu-kdfMany.cpu) + "); 10,020 − 60: " + secs((many.wall-kdfMany.wall)-(one.wall-kdfOne.wall))})
}

// dropEvidence removes the files of size bytes attached to incident id
// in the journal in dir, and gives their space back.
func (h *harness) dropEvidence(dir, id string, size int64) {
	for _, ev := range h.evidence(dir, id) {
		if ev.Size == size {
			h.runOnce(h.temoin("--vault", dir, "evidence", "rm", ev.ID, "--yes"))
		}
	}
}

// renew writes new random bytes at the start of the file at path.
func (h *harness) renew(path string) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		h.fatal(err)
	}
	head := make([]byte, 32)
	crand.Read(head)
	if _, err := f.WriteAt(head, 0); err != nil {
		f.Close()
		h.fatal(err)
	}
	if err := f.Close(); err != nil {
		h.fatal(err)
	}
}

// firstID is the id of one incident of the journal in dir.
func (h *harness) firstID(dir string) string {
	_, out := h.runOnce(h.temoin("--vault", dir, "list", "--json"))
	dec := json.NewDecoder(bytes.NewReader(out))
	var first struct {
		ID string `json:"id"`
	}
	if _, err := dec.Token(); err != nil || !dec.More() {
		h.fatal(fmt.Errorf("list --json of %s: %v", dir, err))
	}
	if err := dec.Decode(&first); err != nil || first.ID == "" {
		h.fatal(fmt.Errorf("list --json of %s: %v", dir, err))
	}
	return first.ID
}

// kdfTime is the median time of the vault's key derivation and the CPU
// time it used (its lanes run in parallel), each derivation measured in a
// new process (benchtable -kdf DIR, kdfOnce) with the header's
// parameters: a command pays it once before it reads anything, so the
// ratios of what a command does are taken without it (the unlock has its
// own rows).
//
// Until this stop the derivations ran one after the other in this
// process, whose heap already held the 64 MiB of the one before: from the
// second on, none took its memory from the system, as every command's
// does (page faults on 64 MiB, and the collection and give-back that
// vault.KDFParams.derive does before and after). The median was a warm
// derivation, 60 to 120 ms of CPU under what a command pays (8 pairs
// here: medians 440 and 320 ms of CPU for the same parameters), which the
// attach rows then counted as the attach's own work. The warm figure is
// still printed beside it (kdfWarm).
func (h *harness) kdfTime(dir string) sample {
	var s series
	for range h.runs {
		s = append(s, h.kdfSample(dir))
	}
	return s.median()
}

// kdfSample is one derivation of kdfTime.
func (h *harness) kdfSample(dir string) sample {
	self, err := os.Executable()
	if err != nil {
		h.fatal(err)
	}
	_, out := h.runOnce(proc{args: []string{self, "-kdf", dir}})
	var r struct{ Wall, CPU time.Duration }
	if err := json.Unmarshal(out, &r); err != nil {
		h.fatal(fmt.Errorf("benchtable -kdf %s: %v (%q)", dir, err, out))
	}
	return sample{wall: r.Wall, cpu: r.CPU}
}

// kdfRounds measures, at the start of each round of a measure, one
// derivation of each journal in dirs, so that the derivations subtracted
// from a row are measured in the same moments of the machine as the
// commands (measured after them, they ran in another moment of a busy
// machine, and a 16-byte attach came out shorter than its own KDF).
type kdfRounds map[string]series

func (k kdfRounds) round(h *harness, dirs ...string) {
	for _, d := range dirs {
		k[d] = append(k[d], h.kdfSample(d))
	}
}

// kdfWarm is the median of derivations run one after the other in this
// process (how kdfTime measured until this stop): the first takes its
// memory from the system, the next ones reuse it.
func (h *harness) kdfWarm(dir string) sample {
	hd := h.header(dir)
	var s series
	for range h.runs {
		start, cpu := time.Now(), selfCPU()
		argon2.IDKey([]byte(benchPassphrase), hd.Passphrase.Salt, hd.KDF.Time, hd.KDF.MemoryKiB, hd.KDF.Threads, 32)
		s = append(s, sample{wall: time.Since(start), cpu: selfCPU() - cpu})
	}
	runtime.GC()
	return s.median()
}

// kdfPasses says how many passes of Argon2id the journal's key
// derivation makes.
func kdfPasses(hd *vault.Header) string { return fmt.Sprintf(", %d passes", hd.KDF.Time) }

// otherKDFNote, for the 10,020-incident row, says its ratio with the
// 60-incident journal's key derivation subtracted, as the row did until
// each journal's own was.
func otherKDFNote(other bool, t, kdfSmall, a sample) string {
	if !other {
		return ""
	}
	return fmt.Sprintf("; %.2f× with the 60-incident journal's KDF (%s) subtracted, the old measure", ratio(t.wall-kdfSmall.wall, a.wall), secs(kdfSmall.wall))
}

// kdfWarmNote says the derivation's time as measured until this stop
// (kdfWarm), which the rows no longer subtract.
func kdfWarmNote(warm sample) string {
	return " in a new process, " + secs(warm.wall) + " warm (the old measure)"
}

func (h *harness) header(dir string) *vault.Header {
	hd, err := vault.ReadHeader(dir)
	if err != nil {
		h.fatal(err)
	}
	return hd
}

// kdfOnce is benchtable -kdf DIR: one derivation of the vault in dir's
// key, as a command does it in a process of its own (the packages' start
// collected and given back, Argon2id's memory taken from the system, then
// given back: vault.KDFParams.derive), and its wall and CPU time as JSON
// on the standard output.
func kdfOnce(dir string) error {
	hd, err := vault.ReadHeader(dir)
	if err != nil {
		return err
	}
	start, cpu := time.Now(), selfCPU()
	debug.FreeOSMemory()
	argon2.IDKey([]byte(benchPassphrase), hd.Passphrase.Salt, hd.KDF.Time, hd.KDF.MemoryKiB, hd.KDF.Threads, 32)
	debug.FreeOSMemory()
	return json.NewEncoder(os.Stdout).Encode(struct{ Wall, CPU time.Duration }{time.Since(start), selfCPU() - cpu})
}

// cpuWithout is the ratio of t's CPU time without the key derivation's
// to a's: what the command's own work costs beside its anchor's, which a
// busy machine changes less than the wall clock (the wall ratio then
// counts the moments one of the command's goroutines waited for a core).
// It is empty where the derivation's CPU time is not measured.
func cpuWithout(t, kdf, a sample) string {
	if kdf.cpu <= 0 {
		return ""
	}
	return fmt.Sprintf(" (CPU %.2f×)", ratio(t.cpu-kdf.cpu, a.cpu))
}
