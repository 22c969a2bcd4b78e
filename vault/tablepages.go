package vault

import (
	"path/filepath"

	"github.com/temoin-app/temoin/internal/pageout"
)

// ReleaseTablePages gives back to the system the pages of the database's
// tables that the process has read (Linux; elsewhere it does nothing).
// Badger maps its tables into memory and the checks at open read them
// all: about 19 MB for 10,000 incidents that stay in the process's
// resident memory, which a journal that keeps what it lists in its own
// index does not read again soon. A page read afterwards comes back from
// disk. It never changes what a read returns, and a locked vault is left
// alone.
func (v *Vault) ReleaseTablePages() error {
	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	_, err := pageout.Files(filepath.Join(v.dir, v.dbName), ".sst")
	return err
}
