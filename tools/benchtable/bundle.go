package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app/bundle/bundlegen"
)

// representative writes a representative's identity file and returns its
// path and public key.
func (h *harness) representative() (string, string) {
	path := h.path("representative.txt")
	return path, h.writeIdentity(path)
}

// writeIdentity writes a new age identity file, as `temoin keygen` does,
// and returns its public key.
func (h *harness) writeIdentity(path string) string {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		h.fatal(err)
	}
	text := "# public key: " + id.Recipient().String() + "\n" + id.String() + "\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		h.fatal(err)
	}
	return id.Recipient().String()
}

// bundleFigures: a colleague exports a bundle holding 1 GiB of evidence
// (beside zip -0 | age -e of the same file), and the representative opens
// it (beside age -d then unzip); with -full, the same with 4 GiB.
func (h *harness) bundleFigures() {
	small := h.path("small")
	if _, err := os.Stat(small); err != nil {
		h.logf("the journal group must run first")
		return
	}
	idFile, recipient := h.representative()
	h.bundle(small, idFile, recipient, 1<<30, "1 GiB")
	if h.full {
		h.bundle(small, idFile, recipient, 4<<30, "4 GiB")
	}
}

func (h *harness) bundle(small, idFile, recipient string, size int64, label string) {
	incID := h.firstID(small)
	evID := h.evidenceOfSize(small, incID, size)
	src := h.path("evidence.bin")
	if err := writeRandomFile(src, size); err != nil {
		h.fatal(err)
	}
	out, anchorOut := h.path("bundle.zip.age"), h.path("anchor.zip.age")
	export := h.temoin("--vault", small, "export", "--out", out, "--to", recipient, "--evidence", evID, "--force")
	zipAge := proc{args: []string{"bash", "-c", `zip -0 -q - "$1" | age -e -r "$2" -o "$3"`, "-", src, recipient, anchorOut}}
	s := h.measure(h.runs, func(int) { os.Remove(anchorOut) }, zipAge, export)
	a, e := s[0].median(), s[1].median()
	h.add(row{what: "`export` of a bundle with " + label + " of evidence: time / peak RSS", value: timeAndRSS(e),
		anchor: "`zip -0 | age -e` " + timeOnly(a), ratio: ratios(e, a),
		target: "≤ 1.5× (issue 5)", met: yes(ratio(e.wall, a.wall) <= 1.5)})
	os.Remove(anchorOut)

	dir, plain := h.path("opened"), h.path("plain.zip")
	open := h.temoin("open", out, "--out", dir, "--identity", idFile)
	ageUnzip := proc{args: []string{"bash", "-c", `age -d -i "$1" -o "$2" "$3" && unzip -q -o "$2" -d "$4"`, "-", idFile, plain, out, dir + "-anchor"}}
	clean := func(int) { os.RemoveAll(dir); os.RemoveAll(dir + "-anchor"); os.Remove(plain) }
	s = h.measure(h.runs, clean, ageUnzip, open)
	clean(0)
	a, o := s[0].median(), s[1].median()
	h.add(row{what: "opening a bundle of " + label + " (`temoin open`): time / peak RSS", value: timeAndRSS(o),
		anchor: "`age -d`, `unzip` " + timeOnly(a), ratio: ratios(o, a),
		target: "≤ 1.2× / bounded memory (≤ 96 MiB)", met: yes(ratio(o.wall, a.wall) <= 1.2, o.rss <= 96<<20)})
	os.Remove(out)
}

// evidenceOfSize is the id of an evidence file of the incident with that
// size.
func (h *harness) evidenceOfSize(dir, incID string, size int64) string {
	for _, e := range h.evidence(dir, incID) {
		if e.Size == size {
			return e.ID
		}
	}
	h.fatal(fmt.Errorf("no evidence of %d bytes in %s", size, incID))
	return ""
}

// evidenceInfo is what the harness reads of a piece of evidence.
type evidenceInfo struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
}

// evidence lists the evidence of incident incID in the journal in dir.
func (h *harness) evidence(dir, incID string) []evidenceInfo {
	_, out := h.runOnce(h.temoin("--vault", dir, "show", incID, "--json"))
	var in struct {
		Evidence []evidenceInfo `json:"evidence"`
	}
	if err := json.Unmarshal(out, &in); err != nil {
		h.fatal(fmt.Errorf("show --json of %s in %s: %w", incID, dir, err))
	}
	return in.Evidence
}

// synthesisFigure: 200 colleagues' signed bundles of 50 incidents (one in
// five with a picture), combined by `temoin synthesis`. Writing them takes
// minutes (each colleague's report): they are kept in the user's cache
// folder (temoin-bench/) for the next runs; BENCH_FRESH=1 writes them again.
func (h *harness) synthesisFigure() {
	idFile, paths := h.colleagueBundles()
	pdf := h.path("synthese.pdf")
	args := append([]string{"synthesis", "--out", pdf, "--force", "--identity", idFile}, paths...)
	s := h.measure(h.runs, nil, h.temoin(args...))[0].median()
	h.add(row{what: "synthesis of 200 bundles (50 incidents each, signed, some evidence): time / peak RSS",
		value: timeAndRSS(s), target: "≤ 10 s / ≤ 300 MiB", met: yes(s.wall.Seconds() <= 10, s.rss <= 300<<20)})
}

// colleagueBundles returns the representative's identity file and the 200
// bundles, written now or kept from an earlier run.
func (h *harness) colleagueBundles() (string, []string) {
	const n = 200
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = h.work
	}
	dir := filepath.Join(cache, "temoin-bench", fmt.Sprintf("bundles-v%d-%dx50", bundlegen.Version, n))
	idFile, done := filepath.Join(dir, "representative.txt"), filepath.Join(dir, "complete")
	paths, _ := filepath.Glob(filepath.Join(dir, "colleague-*.zip.age"))
	if _, err := os.Stat(done); err == nil && len(paths) == n && os.Getenv("BENCH_FRESH") != "1" {
		h.logf("the 200 colleagues' bundles of an earlier run: %s", dir)
		return idFile, paths
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		h.fatal(err)
	}
	recipient := h.writeIdentity(idFile)
	h.logf("writing 200 colleagues' bundles into %s", dir)
	paths, err = bundlegen.Write(context.Background(), h.path("colleagues"), dir, bundlegen.Options{
		Colleagues: n, Incidents: 50, EvidenceIn: 5, Recipient: recipient, WitnessDir: h.path("gen-witness"),
	})
	if err != nil {
		h.fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o600); err != nil {
		h.fatal(err)
	}
	return idFile, paths
}
