package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/tsa/tsatest"
)

// TestScripts runs the command line's behaviour as scripts, in the style
// of age's cmd/age/testdata: each testdata/script/*.txt runs temoin (this
// test binary, as the real command) in a fresh folder, with the files the
// script holds, and checks what it prints and its status.
//
// Besides testscript's own commands, scripts have:
//
//	newvault            a vault at $TEMOIN_VAULT (free key derivation),
//	                    passphrase $TEMOIN_PASSPHRASE
//	grabid NAME         $NAME = the id the last command printed after
//	                    "enregistré : " or "saved "
//	grabevidence NAME F $NAME = the id of the evidence file F in the
//	                    last "temoin show"
//	private FILE        only FILE's owner may read it (Unix: no bit for the
//	                    group or others; not checked on Windows here)
//	grabcode NAME       $NAME = the recovery code the last command printed
//
// newvault DIR makes the vault in DIR instead (a colleague's and a
// representative's in one script). $TSA_URL is a time-stamping authority
// the test serves itself (never the network), whose CA certificate is
// $WORK/tsa-ca.pem.
func TestScripts(t *testing.T) {
	authority := tsatest.New(t, "Autorité de test")
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		// The scripts' folders in the test's own temporary folder, which
		// the testing package removes whatever happens to the scripts:
		// testscript's own (go-test-script* in the system's temporary
		// folder) stays behind, empty, whenever -run picks some scripts
		// only, as it removes it after the last of all the scripts.
		WorkdirRoot:         t.TempDir(),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("TEMOIN_VAULT", filepath.Join(env.WorkDir, "vault"))
			env.Setenv("TEMOIN_PASSPHRASE", testPass)
			env.Setenv("TEMOIN_PASSPHRASE_SET", testPass) // to set it back
			env.Setenv("TEMOIN_LANG", "fr")
			env.Setenv("LANG", "C.UTF-8")
			env.Setenv("TSA_URL", authority.URL)
			return os.WriteFile(filepath.Join(env.WorkDir, "tsa-ca.pem"), []byte(authority.CAPEM), 0o600)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"newvault":        newVaultCmd,
			"grabid":          grabID,
			"grabevidence":    grabEvidence,
			"private":         privateFile,
			"grabcode":        grabCode,
			"grabcase":        grabCase,
			"samefingerprint": sameFingerprint,
			"forge":           forgeCmd,
		},
	})
}

func newVaultCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 {
		ts.Fatalf("usage: newvault [DIR]")
	}
	dir := ts.Getenv("TEMOIN_VAULT")
	if len(args) == 1 {
		dir = ts.MkAbs(args[0])
	}
	opts := apptest.VaultOptions()
	opts.WitnessDir = filepath.Join(ts.Getenv("XDG_CONFIG_HOME"), "temoin", "witness")
	j, code, err := app.CreateVault(dir, []byte(ts.Getenv("TEMOIN_PASSPHRASE")), opts)
	ts.Check(err)
	j.Lock()
	ts.Setenv("RECOVERY_CODE", code)
}

var printedID = regexp.MustCompile(`(?:enregistré\x{a0}: |saved |id )([0-9a-z]{6,})`)

func grabID(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: grabid NAME")
	}
	m := printedID.FindStringSubmatch(ts.ReadFile("stdout"))
	if m == nil {
		ts.Fatalf("no id in the last command's output")
	}
	ts.Setenv(args[0], m[1])
}

func grabEvidence(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: grabevidence NAME FILE")
	}
	for _, line := range strings.Split(ts.ReadFile("stdout"), "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == "-" && strings.Contains(line, args[1]) {
			ts.Setenv(args[0], f[1])
			return
		}
	}
	ts.Fatalf("no evidence %q in the last command's output", args[1])
}

func privateFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: private FILE")
	}
	if runtime.GOOS == "windows" {
		ts.Logf("access lists are checked by the Go tests (ownertest), not here")
		return
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	if info.Mode().Perm()&0o077 != 0 {
		ts.Fatalf("%s has mode %v: the group or others have access", args[0], info.Mode().Perm())
	}
}

var printedCode = regexp.MustCompile(`(?m)^ +([0-9A-Z]{5}(?:-[0-9A-Z]{5}){4})$`)

func grabCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: grabcode NAME")
	}
	m := printedCode.FindStringSubmatch(ts.ReadFile("stdout"))
	if m == nil {
		ts.Fatalf("no recovery code in the last command's output")
	}
	ts.Setenv(args[0], m[1])
}

var printedCase = regexp.MustCompile(`(?:sous le numéro|under number|dossier) ([0-9a-z]{6,})`)

// grabcase NAME: $NAME = the case the last "open --keep" kept.
func grabCase(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: grabcase NAME")
	}
	m := printedCase.FindStringSubmatch(ts.ReadFile("stdout"))
	if m == nil {
		ts.Fatalf("no case in the last command's output")
	}
	ts.Setenv(args[0], m[1])
}

var printedFingerprint = regexp.MustCompile(`[0-9]{4}(?: [0-9]{4}){4}`)

// samefingerprint A B: the first fingerprint (five groups of four digits)
// A holds is the first B holds: what the representative compares with
// the colleague.
func sameFingerprint(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: samefingerprint FILE FILE")
	}
	a := printedFingerprint.FindString(ts.ReadFile(args[0]))
	b := printedFingerprint.FindString(ts.ReadFile(args[1]))
	if a == "" || b == "" {
		ts.Fatalf("no fingerprint in %s or %s", args[0], args[1])
	}
	if (a == b) == neg {
		ts.Fatalf("fingerprints %q and %q: same = %v", a, b, a == b)
	}
}
