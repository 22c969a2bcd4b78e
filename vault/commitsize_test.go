package vault

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// A commit that commitTooBig calls too large for one Badger transaction
// goes to the staging file before its first write: the test must be the
// one Badger makes as the writes are set, write after write, or a commit
// that fits would be staged, or one that does not be given to Badger.
func TestCommitTooBigIsBadgersOwnLimit(t *testing.T) {
	v, _, _ := newTestVault(t)
	for _, valueSize := range []int{0, 300, 4000} {
		txn := v.db.NewTransaction(true)
		var size, count int64
		for i := 0; ; i++ {
			key := fmt.Sprintf("%sinc/%06d", spaceRecords, i)
			val := v.seal(key, make([]byte, valueSize))
			size, count = size+int64(len(key)+len(val)), count+1
			refused := errors.Is(txn.Set([]byte(key), val), badger.ErrTxnTooBig)
			if got := v.commitTooBig(size, count); got != refused {
				t.Fatalf("values of %d bytes, write %d: commitTooBig says %v, Badger refused: %v", valueSize, count, got, refused)
			}
			if refused {
				break
			}
		}
		txn.Discard()
	}
}
