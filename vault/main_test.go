package vault

import (
	"os"
	"testing"
)

// TestMain gives the tests a configuration folder of their own: the copies
// of the witness that vaults opened with the default options keep there
// (witness.go) must not go to the developer's. Tests of those copies pass
// Options.WitnessDir explicitly.
func TestMain(m *testing.M) {
	cfg, err := os.MkdirTemp("", "temoin-vault-test-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg) // os.UserConfigDir on Linux and BSDs
	os.Setenv("AppData", cfg)         // on Windows
	if os.Getenv("HOME") != "" && defaultWitnessDir() == "" {
		panic("no configuration folder for the tests")
	}
	code := m.Run()
	os.RemoveAll(cfg)
	os.Exit(code)
}
