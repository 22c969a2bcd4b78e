package vaulttest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// ConfigPrefix begins the name of the configuration folder
// MainWithTempUserFolders gives a test binary.
const ConfigPrefix = "temoin-test-config-"

// MainWithTempUserFolders runs a package's tests (call it from TestMain)
// with the user's configuration, cache and runtime folders
// (os.UserConfigDir, os.UserCacheDir, XDG_RUNTIME_DIR) in one temporary
// folder, removed at the end. A vault keeps a copy of its witness and
// header in the configuration folder (vault.Options.WitnessDir, by default
// that folder), and every later unlock without options looks there; the
// viewer writes its decrypted copies in the runtime or cache folder; the
// GUI toolkit its font index in the cache. So the tests, however they are
// run (`go test` alone too, not only make test), never write into the
// developer's own folders, and the child processes they start inherit the
// same ones.
//
// The system's temporary folder of the run (os.TempDir: t.TempDir and
// os.MkdirTemp) is in that folder too, so that removing it removes every
// folder the tests made. A test binary that dies before its end (killed,
// or stopped by go test's -timeout, which runs no clean-up) leaves that
// one folder, with the id of its process: the next test binary to start
// removes it once no process has that id (RemoveFoldersOfDeadRuns).
func MainWithTempUserFolders(m interface{ Run() int }) int {
	remove := useTempUserFolders()
	defer remove()
	return m.Run()
}

// useTempUserFolders makes the run's folder and points the user folders
// and the system's temporary folder at it (MainWithTempUserFolders); the
// function it returns removes it.
func useTempUserFolders() (remove func()) {
	RemoveFoldersOfDeadRuns(os.TempDir())
	root, err := os.MkdirTemp("", ConfigPrefix)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(root, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
		panic(err)
	}
	cache, run, tmp := filepath.Join(root, ".cache"), filepath.Join(root, ".run"), filepath.Join(root, ".tmp")
	for _, d := range []string{cache, run, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			panic(err)
		}
	}
	for name, value := range map[string]string{
		"XDG_CONFIG_HOME": root, "XDG_CACHE_HOME": cache, "XDG_RUNTIME_DIR": run, "TMPDIR": tmp, // Linux and the BSDs
		"AppData": root, "LocalAppData": cache, "TMP": tmp, "TEMP": tmp, // Windows
	} {
		os.Setenv(name, value)
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		os.Setenv("HOME", root) // $HOME/Library/Application Support, $HOME/Library/Caches
	}
	if got, err := os.UserConfigDir(); err != nil || !strings.HasPrefix(got, root) {
		panic(fmt.Sprintf("the tests' configuration folder is %q, not under %s: %v", got, root, err))
	}
	return func() { os.RemoveAll(root) }
}

// ownerFile, in a folder MainWithTempUserFolders made, holds the id of the
// process whose run it is.
const ownerFile = ".owner-pid"

// RemoveFoldersOfDeadRuns removes the folders MainWithTempUserFolders
// made in dir for test binaries that no longer run. A folder without the
// id of its process (being made, or made before the id was written) is
// left alone, and so is one whose id a running process has (a reused id
// keeps it until a later run).
func RemoveFoldersOfDeadRuns(dir string) {
	roots, _ := filepath.Glob(filepath.Join(dir, ConfigPrefix+"*"))
	for _, root := range roots {
		data, err := os.ReadFile(filepath.Join(root, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(string(data))
		if err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		os.RemoveAll(root)
	}
}

// TempUserFolders makes the run's folders at once, as
// MainWithTempUserFolders does, and returns m with a Run that removes them
// after the tests: for the test mains that take the runner themselves and
// make folders of their own before running it, as testscript.Main does
// (its folder of commands is then inside the run's, and goes with it).
func TempUserFolders(m interface{ Run() int }) interface{ Run() int } {
	return tempFoldersRunner{m, useTempUserFolders()}
}

type tempFoldersRunner struct {
	m      interface{ Run() int }
	remove func()
}

func (r tempFoldersRunner) Run() int {
	defer r.remove()
	return r.m.Run()
}

// UserConfigDir gives the test a configuration folder of its own, on
// every system (XDG_CONFIG_HOME on Linux and the BSDs, AppData on
// Windows, HOME on macOS), and returns os.UserConfigDir as it now is.
func UserConfigDir(tb testing.TB) string {
	tb.Helper()
	root := tb.TempDir()
	for _, name := range []string{"XDG_CONFIG_HOME", "AppData"} {
		tb.Setenv(name, root)
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		tb.Setenv("HOME", root)
	}
	dir, err := os.UserConfigDir()
	if err != nil || !strings.HasPrefix(dir, root) {
		tb.Fatalf("the configuration folder is %q, not under %s: %v", dir, root, err)
	}
	return dir
}

// RequireTempUserFolders fails the test unless the user's configuration
// folder is one MainWithTempUserFolders made: a vault made now would keep
// its witness in the developer's own folder. Helpers that make vaults call
// it, so that a package whose TestMain forgot the temporary folders fails
// instead of writing there.
func RequireTempUserFolders(tb testing.TB) {
	tb.Helper()
	if dir, err := os.UserConfigDir(); err != nil || !strings.HasPrefix(filepath.Base(dir), ConfigPrefix) {
		tb.Fatalf("the configuration folder is %q: call vaulttest.MainWithTempUserFolders from TestMain", dir)
	}
}
