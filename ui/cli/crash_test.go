package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
)

// addLoop is the command temoin-addloop of the tests: it adds incidents
// one by one and reports each as soon as it is saved.
func addLoop() int {
	j, err := app.Unlock(os.Getenv("TEMOIN_VAULT"), []byte(os.Getenv("TEMOIN_PASSPHRASE")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		in, err := j.Incidents.Create(&app.Incident{
			OccurredAt:  time.Now().Add(-time.Hour),
			Kinds:       []string{"insult"},
			Description: fmt.Sprintf("incident %d écrit avant le kill", i),
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if i%3 == 0 {
			if _, err := j.Evidence.AttachFile(context.Background(), in.ID, "capture.bin", strings.NewReader(strings.Repeat("x", 200_000)), nil); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		fmt.Printf("saved %s\n", in.ID) // acknowledged: the write is durable
	}
}

// startChild runs a command of the test binary (TestMain: temoin,
// temoin-addloop) as a child process, with its standard output read
// line by line: the ids it acknowledged come on the channel. The child's
// standard error is kept in stderr.
func startChild(t *testing.T, name string, args ...string) (cmd *exec.Cmd, acks <-chan string, stderr *bytes.Buffer) {
	t.Helper()
	cmd = exec.Command(name, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr = &bytes.Buffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ch := make(chan string, 100_000)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "enregistré\u00a0: "); ok {
				ch <- id
			} else if id, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
				ch <- id
			}
		}
		close(ch)
	}()
	return cmd, ch, stderr
}

func killAfter(cmd *exec.Cmd, d time.Duration) {
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// checkVault opens the vault as a person would after the crash: it must
// open, verify, and hold every acknowledged incident.
func checkVault(t *testing.T, dir string, acked []string) int {
	t.Helper()
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatalf("the vault does not open after the kill: %v", err)
	}
	defer j.Lock()
	rep, err := j.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify after the kill: %v %v", err, rep.Problems)
	}
	for _, id := range acked {
		if _, err := j.Incidents.Get(id); err != nil {
			t.Fatalf("incident %s was reported saved, and is lost: %v", id, err)
		}
	}
	return j.Incidents.Count()
}

func TestKillDuringImportLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := newVault(t)
	const rows = 12_000
	// Each file holds new incidents: a file imported whole is recognised
	// and skipped when imported again, so the next round needs another.
	writeFile := func(n int) string {
		var b strings.Builder
		b.WriteString("date;time;kinds;channels;perpetrator;perpetrator_ref;description;exact_words\n")
		for i := range rows {
			fmt.Fprintf(&b, "%02d/03/2026;10:%02d;insult|threat;phone;parent;Parent P%d;\"Appel n° %d-%d du parent, très agressif ; il menace de « venir au lycée ».\";« vous allez voir »\n",
				1+i%28, i%60, i%40, n, i)
		}
		path := filepath.Join(t.TempDir(), fmt.Sprintf("gros-%d.csv", n))
		os.WriteFile(path, []byte(b.String()), 0o600)
		return path
	}
	files := 0
	csvPath := writeFile(files)

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	count := 0
	completed, interrupted := 0, 0
	for round := range 8 {
		cmd, acks, _ := startChild(t, "temoin", "import", csvPath)
		killAfter(cmd, time.Duration(100+r.IntN(2500))*time.Millisecond)
		var acked []string
		for id := range acks {
			acked = append(acked, id)
		}
		got := checkVault(t, dir, acked)
		switch {
		case got == count:
			interrupted++
			if len(acked) > 0 {
				t.Fatalf("round %d: %d incidents acknowledged but none imported", round, len(acked))
			}
		case got == count+rows:
			completed++
			files++
			csvPath = writeFile(files)
		default:
			t.Fatalf("round %d: %d incidents after the kill, want %d or %d: the import was not all or nothing", round, got, count, count+rows)
		}
		count = got
	}
	t.Logf("imports killed before their end: %d, finished before the kill: %d", interrupted, completed)
}

func TestKillDuringAddsLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := newVault(t)
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	total := 0
	for range 6 {
		cmd, acks, _ := startChild(t, "temoin-addloop")
		killAfter(cmd, time.Duration(200+r.IntN(1500))*time.Millisecond)
		var acked []string
		for id := range acks {
			acked = append(acked, id)
		}
		total += len(acked)
		checkVault(t, dir, acked)
	}
	if total == 0 {
		t.Fatal("the children acknowledged nothing: the test proved nothing")
	}
	t.Logf("%d acknowledged incidents, none lost", total)
}
