// Command benchtable measures the figures of issue 15 and prints them as
// one table, each beside its target and, where one exists, beside an
// anchor measured in the same run (age -e, age -d | unzip,
// zip -0 | age -e, sha256sum) as a ratio. `make bench` runs it through
// tools/bench.sh.
//
// Every figure is taken from real processes of the real binary (peak
// resident memory from the kernel, ru_maxrss), or from the Go benchmarks
// the issues name; each is run a few times and the median is kept,
// because the machine is shared and noisy.
//
//	go run ./tools/benchtable -bin bin/temoin [-runs 3] [-full] [-only REGEXP]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

type harness struct {
	bin      string // the temoin binary
	work     string // a temporary folder for everything the run makes
	runs     int
	full     bool
	only     *regexp.Regexp
	env      []string // for every child process
	rows     []row
	bigVault string // the 10,020-incident journal (journal figures)
	start    time.Time
}

func main() {
	h := &harness{start: time.Now()}
	only := flag.String("only", "", "measure only the groups whose name matches")
	flag.StringVar(&h.bin, "bin", "bin/temoin", "the temoin binary to measure")
	flag.IntVar(&h.runs, "runs", 3, "runs of each measurement (the median is kept)")
	flag.BoolVar(&h.full, "full", os.Getenv("BENCH_FULL") == "1", "also the 4 GiB cases (BENCH_FULL=1)")
	keep := flag.Bool("keep", false, "keep the work folder")
	kdf := flag.String("kdf", "", "only derive the key of the vault in this folder once and print its time (kdfTime)")
	flag.Parse()
	if *kdf != "" {
		if err := kdfOnce(*kdf); err != nil {
			fmt.Fprintln(os.Stderr, "benchtable:", err)
			os.Exit(1)
		}
		return
	}
	h.only = regexp.MustCompile(*only)
	bin, err := filepath.Abs(h.bin)
	if err != nil {
		h.fatal(err)
	}
	h.bin = bin
	if h.work, err = os.MkdirTemp(os.Getenv("BENCH_TMP"), "temoin-bench-"); err != nil {
		h.fatal(err)
	}
	if !*keep {
		defer os.RemoveAll(h.work)
	}
	h.env = []string{
		"HOME=" + h.path("home"), "XDG_CONFIG_HOME=" + h.path("home/.config"),
		"TEMOIN_PASSPHRASE=" + benchPassphrase, "TEMOIN_NEW_PASSPHRASE=" + benchPassphrase,
		"TEMOIN_LANG=en", "LANG=C.UTF-8",
	}
	os.MkdirAll(h.path("home/.config"), 0o700)
	for _, g := range groups {
		if h.only.MatchString(g.name) {
			h.logf("== %s", g.name)
			g.run(h)
		}
	}
	h.print(os.Stdout)
}

const benchPassphrase = "une phrase de passe pour les mesures"

type group struct {
	name string
	run  func(*harness)
}

// groups are run in this order; each adds its rows to the table.
var groups = []group{
	{"journal", (*harness).journalFigures},    // import, list, attach into 60 and 10,020 incidents
	{"gui", (*harness).guiFigure},             // the GUI unlocked on 10,020 incidents
	{"bundle", (*harness).bundleFigures},      // export and open a bundle of 1 GiB (4 GiB with -full)
	{"synthesis", (*harness).synthesisFigure}, // 200 bundles of 50 incidents
	{"go", (*harness).goBenchmarks},           // unlock, KDF, search, report, checks at open, key renewal
}

func (h *harness) path(name string) string { return filepath.Join(h.work, name) }

func (h *harness) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%5.0fs] %s\n", time.Since(h.start).Seconds(), fmt.Sprintf(format, args...))
}

func (h *harness) fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchtable:", err)
	if h.work != "" {
		os.RemoveAll(h.work)
	}
	os.Exit(1)
}

// temoin is a run of the binary with arguments.
func (h *harness) temoin(args ...string) proc { return proc{args: append([]string{h.bin}, args...)} }
