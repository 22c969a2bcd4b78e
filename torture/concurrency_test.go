package torture

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
)

// holdChild opens the vault and keeps it open until killed or until its
// standard input closes: another window of Témoin, say.
func holdChild() int {
	j, err := app.Unlock(os.Getenv("TORTURE_VAULT"), []byte(testPass))
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	fmt.Println("open")
	buf := make([]byte, 1)
	os.Stdin.Read(buf)
	j.Lock()
	return 0
}

func cliCmd(env []string, stdin string, args ...string) (string, string, error) {
	cmd := childCmd("cli", append(env, "TEMOIN_TORTURE_ARGS="+mustJSON(args))...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

func TestTwoProcessesOnOneVault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	newVault(t, dir)
	env := []string{"TEMOIN_VAULT=" + dir, "TEMOIN_PASSPHRASE=" + testPass, "TEMOIN_LANG=fr"}

	hold := childCmd("hold", "TORTURE_VAULT="+dir)
	stdin, _ := hold.StdinPipe()
	out := lines(t, hold)
	if l := <-out; l != "open" {
		t.Fatalf("holder: %q", l)
	}
	_, errOut, err := cliCmd(env, "", "list")
	if err == nil || !strings.Contains(errOut, "déjà ouvert") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("a second process on an open vault: %v %q", err, errOut)
	}
	if _, err := app.Unlock(dir, []byte(testPass)); !errors.Is(err, app.ErrAlreadyOpen) {
		t.Fatalf("in process: %v", err)
	}
	// The holder dies without closing anything: the vault is free again.
	hold.Process.Signal(syscall.SIGKILL)
	hold.Wait()
	stdin.Close()
	if _, errOut, err := cliCmd(env, "", "verify"); err != nil {
		t.Fatalf("after the holder died: %v %s", err, errOut)
	}

	// Several processes writing at once: each waits its turn or says the
	// vault is open elsewhere; nothing is corrupted, nothing saved is lost.
	var mu sync.Mutex
	var saved []string
	busy := 0
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 6 {
				in := fmt.Sprintf(`{"occurred_at":"2026-03-03T14:05:00+01:00","kinds":["insult"],"channels":["phone"],"setting":"classroom","perpetrator":"parent","description":"appel %d-%d"}`, w, i)
				for try := 0; ; try++ {
					out, errOut, err := cliCmd(env, in, "add")
					if err == nil {
						mu.Lock()
						saved = append(saved, strings.TrimSpace(strings.TrimPrefix(out, "enregistré\u00a0: ")))
						mu.Unlock()
						break
					}
					if !strings.Contains(errOut, "déjà ouvert") || try > 200 {
						t.Errorf("add: %v %s", err, errOut)
						return
					}
					mu.Lock()
					busy++
					mu.Unlock()
					time.Sleep(time.Duration(5+try) * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	for _, id := range saved {
		if _, err := j.Incidents.Get(id); err != nil {
			t.Errorf("saved %s is missing", id)
		}
	}
	rep, err := j.Verify(t.Context(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("%v %+v", err, rep)
	}
	summary(t, "%d incidents saved by 4 processes at once, %d refusals \"already open\", vault verified, none lost", len(saved), busy)
}
