package vault

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/proto"
)

// Checks made before Badger opens a vault's database. Badger trusts its
// own files: on a damaged table or key registry it panics, sometimes in a
// goroutine nobody can recover. These checks turn such damage into a
// *CorruptError naming the database, so that a damaged vault is refused
// with a clear message instead of crashing Témoin.

// removeEmptyValueLogs removes value log files of zero bytes. A process
// killed just after Badger created one, before it wrote the file's
// header, leaves such a file, and Badger then refuses to open the
// database ("Create a new file"). An empty file holds no data: removing
// it loses nothing, and Badger opens again.
func removeEmptyValueLogs(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
			os.Remove(m)
		}
	}
}

// checkTables checks, before Badger opens them, the footer and index of
// every table (SSTable) the MANIFEST lists, and that the key registry
// holds the key of each: Badger reads a table's footer lengths without
// checking them and panics, in a goroutine nobody can recover, on a
// truncated or damaged table, and with a damaged KEYREGISTRY it decrypted
// a table's index with no key and panicked on the garbage. Damage is
// reported as a *CorruptError instead.
//
// Tables the MANIFEST does not list are left alone: a process killed
// while Badger was writing a table leaves it half written, and Badger
// deletes it when it opens. Checking it would refuse a healthy vault.
func checkTables(dir string, key []byte) error {
	f, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if err != nil {
		return nil // a new database, or Badger will say what is wrong
	}
	defer f.Close()
	m, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions(dir))
	if err != nil {
		return nil // Badger reports a damaged MANIFEST itself
	}
	for id := range m.Tables {
		name := table.NewFilename(id, dir)
		if err := checkTable(name); err != nil && !os.IsNotExist(err) {
			return corrupt("database", fmt.Errorf("table %s: %w", filepath.Base(name), err))
		}
	}
	kr, err := openKeyRegistry(dir, key)
	if err != nil {
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			return corrupt("database", errors.New("its key does not match the header"))
		}
		return corrupt("database", fmt.Errorf("KEYREGISTRY: %w", err))
	}
	defer kr.Close()
	// Every block of every table, on every core: this is most of the cost
	// of these checks.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for id, tm := range m.Tables {
		dk, err := kr.DataKey(tm.KeyID)
		if err != nil {
			return corrupt("database", fmt.Errorf("KEYREGISTRY lacks the key of table %d", id))
		}
		name := table.NewFilename(id, dir)
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := checkBlocks(name, tm, dk); err != nil {
				mu.Lock()
				if first == nil {
					first = corrupt("database", fmt.Errorf("table %s: %w", filepath.Base(name), err))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// checkBlocks opens a table read-only and verifies the checksum of every
// block. Badger reads a block's entry count before checking the block's
// checksum, so a flipped bit made it slice out of range and panic when the
// block was read; here the panic is caught, in this goroutine, and the
// table is reported as damaged before Badger opens it. It costs reading
// the database once per unlock (a few milliseconds for 10,000 incidents).
func checkBlocks(name string, tm badger.TableManifest, dk *pb.DataKey) (err error) {
	mf, err := z.OpenMmapFile(name, os.O_RDONLY, 0)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // Badger says which table is missing
		}
		return err
	}
	defer mf.Close(-1) // never Table.DecrRef: at zero it deletes the file
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("a block is unreadable (%v)", r)
		}
	}()
	indexCache, err := ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{
		NumCounters: 64, MaxCost: 1 << 20, BufferItems: 64,
	})
	if err != nil {
		return err
	}
	defer indexCache.Close()
	t, err := table.OpenTable(mf, table.Options{
		ReadOnly:    true,
		ChkMode:     options.NoVerification, // VerifyChecksum below checks every block
		Compression: tm.Compression,
		BlockSize:   4 << 10,
		DataKey:     dk,
		IndexCache:  indexCache,
	})
	if err != nil {
		return err
	}
	if err := t.VerifyChecksum(); err != nil {
		return errors.New("a block does not match its checksum")
	}
	return nil
}

// openKeyRegistry is badger.OpenKeyRegistry, read only, with its panic on
// a truncated registry ("bad IV length") turned into an error.
func openKeyRegistry(dir string, key []byte) (kr *badger.KeyRegistry, err error) {
	defer func() {
		if r := recover(); r != nil {
			kr, err = nil, fmt.Errorf("unreadable: %v", r)
		}
	}()
	return badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: key})
}

func checkTable(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	// Badger's table ends with: index | index length (4) | checksum |
	// checksum length (4), lengths big endian. Only that end is read.
	size := info.Size()
	tail := func(off, n int64) ([]byte, error) {
		if off < 0 || n < 0 || off+n > size {
			return nil, errors.New("too short")
		}
		b := make([]byte, n)
		_, err := f.ReadAt(b, off)
		return b, err
	}
	pos := size - 4
	b, err := tail(pos, 4)
	if err != nil {
		return err
	}
	n := int64(binary.BigEndian.Uint32(b))
	if n <= 0 || n > pos {
		return errors.New("invalid checksum length")
	}
	pos -= n
	b, err = tail(pos, n)
	if err != nil {
		return err
	}
	var sum pb.Checksum
	if err := proto.Unmarshal(b, &sum); err != nil {
		return errors.New("unreadable checksum")
	}
	pos -= 4
	if b, err = tail(pos, 4); err != nil {
		return err
	}
	n = int64(binary.BigEndian.Uint32(b))
	if n <= 0 || n > pos {
		return errors.New("invalid index length")
	}
	if b, err = tail(pos-n, n); err != nil {
		return err
	}
	if err := y.VerifyChecksum(b, &sum); err != nil {
		return errors.New("its index does not match its checksum")
	}
	return nil
}
