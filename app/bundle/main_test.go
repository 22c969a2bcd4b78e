package bundle

import (
	"os"
	"testing"

	"github.com/temoin-app/temoin/vault/vaulttest"
)

// TestMain gives the tests user folders of their own (configuration,
// cache): the vaults they open keep a copy of their witness there, never
// in the developer's.
func TestMain(m *testing.M) { os.Exit(vaulttest.MainWithTempUserFolders(m)) }
