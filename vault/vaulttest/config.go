package vaulttest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// ConfigPrefix begins the name of the configuration folder
// MainWithTempConfig gives a test binary.
const ConfigPrefix = "temoin-test-config-"

// MainWithTempConfig runs a package's tests (call it from TestMain) with
// the user's configuration folder (os.UserConfigDir) in a temporary folder,
// removed at the end. A vault keeps a copy of its witness and header there
// (vault.Options.WitnessDir, by default that folder), and every later
// unlock without options looks there: so tests of every package that opens
// vaults, however they are run (`go test` alone too, not only make test),
// never write into the developer's own folder, and child processes the
// tests start inherit the same folder.
func MainWithTempConfig(m *testing.M) int {
	cfg, err := os.MkdirTemp("", ConfigPrefix)
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(cfg)
	os.Setenv("XDG_CONFIG_HOME", cfg) // Linux and the BSDs
	os.Setenv("AppData", cfg)         // Windows
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		os.Setenv("HOME", cfg) // $HOME/Library/Application Support
	}
	if got, err := os.UserConfigDir(); err != nil || !strings.HasPrefix(got, cfg+string(filepath.Separator)) && got != cfg {
		panic(fmt.Sprintf("the tests' configuration folder is %q, not under %s: %v", got, cfg, err))
	}
	return m.Run()
}
