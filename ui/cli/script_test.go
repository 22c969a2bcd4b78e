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
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("TEMOIN_VAULT", filepath.Join(env.WorkDir, "vault"))
			env.Setenv("TEMOIN_PASSPHRASE", testPass)
			env.Setenv("TEMOIN_PASSPHRASE_SET", testPass) // to set it back
			env.Setenv("TEMOIN_LANG", "fr")
			env.Setenv("LANG", "C.UTF-8")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"newvault":     newVaultCmd,
			"grabid":       grabID,
			"grabevidence": grabEvidence,
			"private":      privateFile,
			"grabcode":     grabCode,
		},
	})
}

func newVaultCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: newvault")
	}
	opts := apptest.VaultOptions()
	opts.WitnessDir = filepath.Join(ts.Getenv("XDG_CONFIG_HOME"), "temoin", "witness")
	j, code, err := app.CreateVault(ts.Getenv("TEMOIN_VAULT"), []byte(ts.Getenv("TEMOIN_PASSPHRASE")), opts)
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
