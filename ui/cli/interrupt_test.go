package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
)

// interruptible is a child process whose standard error is read line by
// line, to know when its work has begun.
type interruptible struct {
	cmd    *exec.Cmd
	lines  chan string
	stderr strings.Builder
	stdout strings.Builder
}

// skipWithoutSIGINT skips where a process cannot send another the signal
// Ctrl+C sends: on Windows Ctrl+C is a console event, which Go's
// os.Process.Signal cannot send (the same cancellation is tested on Linux).
func skipWithoutSIGINT(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows: Ctrl+C is a console event another process cannot send; tested on Linux")
	}
}

func startInterruptible(t *testing.T, args ...string) *interruptible {
	t.Helper()
	c := &interruptible{cmd: exec.Command("temoin", args...), lines: make(chan string, 1000)}
	c.cmd.Stdout = &c.stdout
	pipe, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			c.stderr.WriteString(sc.Text() + "\n")
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	return c
}

// interruptWhen sends SIGINT (Ctrl+C) once a line of standard error holds
// begun ("" sends it at once), after a random pause of at most max, and
// returns the exit status.
func (c *interruptible) interruptWhen(t *testing.T, begun string, r *rand.Rand, max time.Duration) int {
	t.Helper()
	if begun == "" {
		c.cmd.Process.Signal(syscall.SIGINT)
	}
	for line := range c.lines {
		if begun != "" && strings.Contains(line, begun) {
			time.Sleep(time.Duration(r.Int64N(int64(max))))
			c.cmd.Process.Signal(syscall.SIGINT)
			break
		}
	}
	for range c.lines {
	}
	err := c.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestCtrlCDuringImport: Ctrl+C during an import of twelve thousand rows
// stops it with status 130 and one sentence, and the vault holds all the
// rows or none of them, and verifies.
func TestCtrlCDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	skipWithoutSIGINT(t)
	dir := newVault(t)
	const rows = 12_000
	var b strings.Builder
	b.WriteString("date;kinds;description\n")
	for i := range rows {
		fmt.Fprintf(&b, "%02d/03/2026;insult;\"Appel n° %d du parent, très agressif.\"\n", 1+i%28, i)
	}
	csv := filepath.Join(t.TempDir(), "gros.csv")
	os.WriteFile(csv, []byte(b.String()), 0o600)

	// The import of twelve thousand rows takes seconds; Ctrl+C comes at
	// most 100 ms after it began (the columns are described first).
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for round := range 3 {
		c := startInterruptible(t, "import", csv)
		status := c.interruptWhen(t, "colonne A", r, 100*time.Millisecond)
		got := checkVault(t, dir, nil)
		if status != statusInterrupted || got != 0 || c.stdout.Len() != 0 {
			t.Fatalf("round %d: status %d, %d incidents kept, %q acknowledged: Ctrl+C did not stop the import cleanly\n%s",
				round, status, got, c.stdout.String(), c.stderr.String())
		}
		if !strings.Contains(c.stderr.String(), "temoin: Arrêté\u00a0: rien d’incomplet n’a été gardé.") {
			t.Errorf("round %d: interrupted without saying so:\n%s", round, c.stderr.String())
		}
	}
}

// TestCtrlCDuringExport: Ctrl+C while a bundle with a large evidence file
// is being written leaves no file, partial or not, and no "exported"
// event in the history.
func TestCtrlCDuringExport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	skipWithoutSIGINT(t)
	dir := newVault(t)
	id := strings.TrimSpace(strings.TrimPrefix(mustRun(t, incidentJSON, "add"), "enregistré\u00a0: "))
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 48<<20) // random, so that compressing it takes time
	rand.NewChaCha8([32]byte{7}).Read(big)
	if _, err := j.Evidence.AttachFile(context.Background(), id, "video.mp4", strings.NewReader(string(big)), nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	key, _ := age.GenerateX25519Identity()
	out := filepath.Join(t.TempDir(), "envoi")
	os.Mkdir(out, 0o700)
	bundle := filepath.Join(out, "b.zip.age")

	c := startInterruptible(t, "export", "--to", key.Recipient().String(), "--out", bundle)
	// Ctrl+C once the bundle is being written: its temporary file is in
	// the folder (the export prints nothing while it works, without a
	// terminal).
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if names, _ := os.ReadDir(out); len(names) > 0 {
			if names[0].Name() == "b.zip.age" {
				t.Fatal("the export ended before it could be interrupted: give it a larger file")
			}
			break
		}
	}
	status := c.interruptWhen(t, "", rand.New(rand.NewPCG(1, 2)), time.Millisecond)
	left, _ := os.ReadDir(out)
	if status != statusInterrupted || len(left) != 0 {
		t.Fatalf("status %d, left in the folder: %v\n%s", status, left, c.stderr.String())
	}
	j, err = app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	events, _ := j.Chain.Events()
	for _, ev := range events {
		if app.KindOf(ev) == app.EventExported {
			t.Error("an interrupted export is in the history")
		}
	}
}
