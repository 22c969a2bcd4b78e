package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

const testPass = "phrase de passe de test"

// TestMain lets the test binary be the temoin command itself, for the
// scripts of testdata/script (testscript puts it first in PATH as
// "temoin") and for the tests that run it as a child process to kill or
// interrupt it.
//
// The run's own folders (vaulttest.TempUserFolders) are made before
// testscript's: its folder of commands, testscript-main*, is then inside
// the run's TMPDIR, removed with it, and by the next run when this one
// was killed (it used to stay in the system's temporary folder). A
// command run by a script or a test makes none.
func TestMain(m *testing.M) {
	commands := map[string]func(){
		"temoin":         func() { os.Exit(Run(os.Args[1:])) },
		"temoin-addloop": func() { os.Exit(addLoop()) },
	}
	if _, command := commands[strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")]; command {
		testscript.Main(m, commands) // one of the commands, run by a script or a test
	}
	testscript.Main(vaulttest.TempUserFolders(m), commands)
}

// newVault creates a vault with a free key derivation, locks it, and
// points the command line at it.
func newVault(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	j, _, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	t.Setenv("TEMOIN_VAULT", dir)
	t.Setenv("TEMOIN_PASSPHRASE", testPass)
	t.Setenv("TEMOIN_LANG", "fr")
	return dir
}

// run runs the command line in-process and returns what it printed and
// its exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := Main(context.Background(), args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return out.String(), errOut.String(), status
}

func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errOut, status := run(t, stdin, args...)
	if status != 0 {
		t.Fatalf("temoin %s: status %d\n%s%s", strings.Join(args, " "), status, out, errOut)
	}
	return out
}

func listJSON(t *testing.T, args ...string) []app.Incident {
	t.Helper()
	var list []app.Incident
	out := mustRun(t, "", append([]string{"list", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	return list
}

const incidentJSON = `{
  "occurred_at": "2026-03-03T14:05:00+01:00",
  "kinds": ["threat", "video_intrusion"],
  "channels": ["video_call"],
  "setting": "remote_home",
  "perpetrator": "outsider",
  "perpetrator_ref": "Intrus I1",
  "description": "Un inconnu s’est introduit dans la classe virtuelle de l’Élève A.",
  "exact_words": "« On sait où tu habites »",
  "witnesses": [{"role": "collègue", "pseudonym": "C1", "contact": "06 00 00 00 00"}],
  "medical_note": "arrêt de 3 jours",
  "actions": [{"kind": "functional_protection", "date": "2026-03-10"}]
}`
