package torture

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/ui/cli"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// The test binary is also the child process of the harnesses: TestMain
// runs the child's part when TEMOIN_TORTURE_CHILD says which.
func TestMain(m *testing.M) {
	switch os.Getenv("TEMOIN_TORTURE_CHILD") {
	case "":
		buildEnv = os.Environ()
		// The copies of the witness that vaults keep in the user's
		// configuration folder go to a folder of this run (the children
		// inherit it): some tests delete them.
		os.Exit(vaulttest.MainWithTempUserFolders(m))
	case "crash":
		os.Exit(crashChild())
	case "cli":
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv("TEMOIN_TORTURE_ARGS")), &args); err != nil {
			panic(err)
		}
		os.Exit(cli.Run(args))
	case "hold":
		os.Exit(holdChild())
	case "tamper":
		os.Exit(tamperChild())
	case "fill":
		os.Exit(fillChild())
	case "writer":
		os.Exit(writerChild())
	case "rotate":
		os.Exit(rotateChild())
	default:
		fmt.Fprintln(os.Stderr, "unknown child", os.Getenv("TEMOIN_TORTURE_CHILD"))
		os.Exit(2)
	}
}

// buildEnv is the environment the test binary started with, before
// TestMain gave it temporary user folders: buildTemoin's \`go build\` runs in
// it, and so uses the developer's build cache (the one \`go test\` itself
// used), not an empty one in the temporary cache folder, where it compiled
// Fyne and its C code again at every run.
var buildEnv []string

// full reports whether the long runs were asked for (make torture).
func full() bool { return os.Getenv("TORTURE") == "full" }

// scale returns n from the environment variable name, else short for
// make test and long for make torture.
func scale(name string, short, long int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	if full() {
		return long
	}
	return short
}

// summary prints a result line that tools/torture.sh collects.
func summary(t *testing.T, format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	fmt.Printf("TORTURE %s: %s\n", t.Name(), line)
}

// childCmd prepares the test binary to run as a child.
func childCmd(mode string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TEMOIN_TORTURE_CHILD="+mode)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// lines starts cmd and returns its standard output, line by line; the
// channel closes when the child's output ends.
func lines(t *testing.T, cmd *exec.Cmd) <-chan string {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ch := make(chan string, 1024)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			ch <- sc.Text()
		}
		io.Copy(io.Discard, out)
	}()
	return ch
}

// testPass is the passphrase of the harnesses' vaults (created with a
// cheap key derivation: the code paths are the same).
const testPass = "phrase de passe des tests de torture"

func newVault(t *testing.T, dir string) {
	t.Helper()
	j, _, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
}

// incident returns a valid incident with marker in every text field.
func incident(rng *rand.Rand, marker string) *app.Incident {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	day := time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(200*24)) * time.Hour)
	m := func(field string) string {
		return fmt.Sprintf("%s %s « Élève A » %d", field, marker, rng.IntN(1e6))
	}
	return &app.Incident{
		OccurredAt:     day,
		Setting:        pick(app.Settings),
		Place:          m("salle"),
		Workplace:      m("collège"),
		Authority:      m("rectorat"),
		Activity:       m("cours"),
		Kinds:          []string{pick(app.Kinds)},
		Channels:       []string{pick(app.Channels)},
		Diffusion:      pick(app.Diffusions),
		Description:    m("description"),
		ExactWords:     m("paroles"),
		VideoCall:      &app.VideoCall{Platform: m("plateforme"), MeetingID: m("réunion"), Intruders: []string{m("intrus")}},
		Perpetrator:    pick(app.Perpetrators),
		PerpetratorRef: m("Parent P1"),
		Witnesses:      []app.Witness{{Role: m("collègue"), Pseudonym: m("C1"), Contact: m("06")}},
		Consequences:   m("conséquences"),
		WorkImpact:     m("travail"),
		MedicalNote:    m("médical"),
		Notes:          m("notes"),
		Actions:        []app.Action{{Kind: pick(app.ActionKinds), Reference: m("réf"), Answer: m("réponse"), Note: m("note")}},
	}
}

// contentHash identifies an incident's content, without what the journal
// keeps itself (id, revision, dates, evidence).
func contentHash(in *app.Incident) string {
	c := *in
	c.ID, c.Evidence, c.Revision = "", nil, 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	data, _ := json.Marshal(&c)
	return fmt.Sprintf("%x", sha256.Sum256(data))
}

// prng is a fast deterministic byte source for large evidence files.
type prng struct{ r *rand.ChaCha8 }

func (p prng) Read(b []byte) (int, error) { return p.r.Read(b) }

func newPRNG(seed uint64) io.Reader {
	var s [32]byte
	copy(s[:], strconv.FormatUint(seed, 16))
	return prng{rand.NewChaCha8(s)}
}

// newRand returns the random source of one harness: seeded by
// TORTURE_SEED when it is set (to replay a failure), else by the clock.
// The seed is printed, so that any failure can be replayed.
func newRand(tb testing.TB) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("TORTURE_SEED"), 10, 64); err == nil {
		seed = v
	}
	tb.Logf("random seed: TORTURE_SEED=%d", seed)
	return rand.New(rand.NewPCG(seed, 1))
}

// childRand is the random source of a child process, seeded by the clock.
func childRand() *rand.Rand { return rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1)) }

func must(err error) {
	if err != nil {
		panic(err)
	}
}
