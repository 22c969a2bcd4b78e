package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// removeEmptyLogs removes value logs (.vlog) and memtable logs (.mem) of
// zero bytes. A process killed just after Badger created one, before it
// wrote the file's header, leaves such a file, and Badger then refuses to
// open the database ("Create a new file"), leaving the rest of it open.
// An empty file holds no data: removing it loses nothing, and Badger
// opens again.
func removeEmptyLogs(dir string) {
	for _, pattern := range []string{"*.vlog", "*.mem"} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
				os.Remove(m)
			}
		}
	}
}

// checkDatabase checks, before Badger opens them, the files whose damage
// would make Badger panic, or fail to open after it opened part of the
// database (it then leaves files open and mapped: on Windows the vault
// could no longer be repaired, moved or deleted until Témoin quits).
// Damage is reported as a *CorruptError naming the database instead.
func checkDatabase(dir string, key []byte) error {
	if err := checkKeyRegistryFile(dir); err != nil {
		return corrupt("database", fmt.Errorf("KEYREGISTRY: %w", err))
	}
	kr, err := openKeyRegistry(dir, key)
	if err != nil {
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			return corrupt("database", errors.New("its key does not match the header"))
		}
		return corrupt("database", fmt.Errorf("KEYREGISTRY: %w", err))
	}
	defer kr.Close()
	if err := checkLogHeaders(dir, kr); err != nil {
		return corrupt("database", err)
	}
	return checkTables(dir, kr)
}

// checkTables checks the footer and index of every table (SSTable) the
// MANIFEST lists, that the key registry holds the key of each, and the
// checksum of every block: Badger reads a table's footer lengths without
// checking them and panics, in a goroutine nobody can recover, on a
// truncated or damaged table, and with a damaged KEYREGISTRY it decrypted
// a table's index with no key and panicked on the garbage.
//
// Tables the MANIFEST does not list are left alone: a process killed
// while Badger was writing a table leaves it half written, and Badger
// deletes it when it opens. Checking it would refuse a healthy vault.
func checkTables(dir string, kr *badger.KeyRegistry) error {
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

// logHeaderSize is the header of Badger's value logs and memtable logs:
// the id of the data key (8 bytes, big endian) and a base IV (12 bytes).
const logHeaderSize = 20

// checkLogHeaders checks that the data key of every value log (.vlog) and
// memtable log (.mem) is in the key registry: Badger fails on a log whose
// key it does not know after it opened the rest of the database, and
// leaves it open. A log shorter than its header is left to Badger, which
// rewrites it.
func checkLogHeaders(dir string, kr *badger.KeyRegistry) error {
	for _, pattern := range []string{"*.vlog", "*.mem"} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			var hdr [logHeaderSize]byte
			f, err := os.Open(m)
			if err != nil {
				return fmt.Errorf("%s: %w", filepath.Base(m), err)
			}
			n, _ := io.ReadFull(f, hdr[:])
			f.Close()
			if n < logHeaderSize {
				continue
			}
			// Key id 0 is "plain text": what a process killed between
			// creating the file and writing its header leaves (zeros);
			// Badger then reads no entry from it.
			id := binary.BigEndian.Uint64(hdr[:8])
			if _, err := kr.DataKey(id); err != nil {
				return fmt.Errorf("%s: its key is not in KEYREGISTRY (the file is damaged)", filepath.Base(m))
			}
		}
	}
	return nil
}

// checkKeyRegistryFile checks the layout of KEYREGISTRY before Badger reads
// it: an IV (16 bytes) and the encrypted sanity text (12 bytes), then data
// keys, each a length (4 bytes), a CRC-32C (4 bytes) and a protobuf
// pb.DataKey. Badger panics on a registry shorter than its IV ("bad IV
// length", leaving the file open) and on a data key with a bad IV, and
// allocates whatever length a damaged entry announces. A missing registry
// is left to Badger (a new database).
func checkKeyRegistryFile(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, badger.KeyRegistryFileName))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(data) < 16+12 {
		return errors.New("too short")
	}
	rest := data[16+12:]
	for len(rest) > 0 {
		if len(rest) < 8 {
			return errors.New("a data key is cut short")
		}
		n := binary.BigEndian.Uint32(rest[:4])
		if uint64(n) > uint64(len(rest)-8) {
			return errors.New("a data key is cut short")
		}
		entry := rest[8 : 8+n]
		if crc32.Checksum(entry, y.CastagnoliCrcTable) != binary.BigEndian.Uint32(rest[4:8]) {
			return errors.New("a data key does not match its checksum")
		}
		var dk pb.DataKey
		if err := proto.Unmarshal(entry, &dk); err != nil || len(dk.Iv) != 16 || len(dk.Data) != 32 {
			return errors.New("a data key is unreadable")
		}
		rest = rest[8+n:]
	}
	return nil
}

// checkBlocks verifies the checksum of every block of a table. Tables
// written without compression (every table since the vault stopped
// compressing) are read here, one buffer and one cipher for the whole
// table; others by Badger's own reader (checkBlocksWithBadger).
func checkBlocks(name string, tm badger.TableManifest, dk *pb.DataKey) error {
	if tm.Compression != options.None || dk == nil {
		return checkBlocksWithBadger(name, tm, dk)
	}
	mf, err := z.OpenMmapFile(name, os.O_RDONLY, 0)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // Badger says which table is missing
		}
		return err
	}
	defer mf.Close(-1)
	return verifyBlocks(mf.Data, dk.Data)
}

// verifyBlocks checks every block of a table (its bytes, as on disk)
// encrypted under key, uncompressed, as Badger's Table.VerifyChecksum
// does: each block, decrypted (AES-CTR, its IV at its end), ends with its
// entry count, its checksum and the checksum's length, and the checksum
// covers what precedes it. Badger allocated a buffer and a cipher per
// block (checkBlocksWithBadger: a third of an unlock's allocations on
// 10,000 incidents); this reads the same bytes with one of each.
// Nothing read is trusted before it is checked: no index or length can
// make it read outside the table (TestVerifyBlocksAgreesWithBadger).
func verifyBlocks(table, key []byte) (err error) {
	defer func() {
		if r := recover(); r != nil { // flatbuffers on a damaged index
			err = fmt.Errorf("a block is unreadable (%v)", r)
		}
	}()
	aesKey, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	sealed, err := tableIndex(table)
	if err != nil {
		return err
	}
	if len(sealed) < aes.BlockSize {
		return errors.New("its index is too short")
	}
	plain := make([]byte, len(sealed)-aes.BlockSize)
	cipher.NewCTR(aesKey, sealed[len(plain):]).XORKeyStream(plain, sealed[:len(plain)])
	index := fb.GetRootAsTableIndex(plain, 0)
	var ko fb.BlockOffset
	var buf []byte
	var sum pb.Checksum
	for i := range index.OffsetsLength() {
		if !index.Offsets(&ko, i) {
			return errors.New("its index is damaged")
		}
		off, n := int(ko.Offset()), int(ko.Len())
		if n < aes.BlockSize || off < 0 || off > len(table)-n {
			return errors.New("a block lies outside the table")
		}
		block := table[off : off+n-aes.BlockSize]
		buf = slices.Grow(buf[:0], len(block))[:len(block)]
		cipher.NewCTR(aesKey, table[off+len(block):off+n]).XORKeyStream(buf, block)
		if err := verifyBlock(buf, &sum); err != nil {
			return err
		}
	}
	return nil
}

// errBlockChecksum: a block's checksum does not match its bytes.
var errBlockChecksum = errors.New("a block does not match its checksum")

// verifyBlock checks one decrypted block: entries, entry offsets, entry
// count (4 bytes), checksum, checksum length (4 bytes), the lengths big
// endian; the checksum covers everything before it.
func verifyBlock(b []byte, sum *pb.Checksum) error {
	bad := errBlockChecksum
	if len(b) < 8 {
		return bad
	}
	n := int(binary.BigEndian.Uint32(b[len(b)-4:]))
	if n > len(b)-8 {
		return bad
	}
	end := len(b) - 4 - n
	if err := proto.Unmarshal(b[end:end+n], sum); err != nil {
		return bad
	}
	if y.VerifyChecksum(b[:end], sum) != nil {
		return bad
	}
	if entries := int(binary.BigEndian.Uint32(b[end-4 : end])); entries > (end-4)/4 {
		return bad // Badger would slice its entry offsets out of range
	}
	return nil
}

// tableIndex returns a table's index as stored (encrypted): the table ends
// with index | index length (4) | checksum | checksum length (4), the
// lengths big endian (checkTable checked the index's checksum).
func tableIndex(t []byte) ([]byte, error) {
	pos := len(t) - 4
	if pos < 0 {
		return nil, errors.New("too short")
	}
	n := int(binary.BigEndian.Uint32(t[pos:]))
	if n > pos-4 {
		return nil, errors.New("invalid checksum length")
	}
	pos -= n + 4
	n = int(binary.BigEndian.Uint32(t[pos : pos+4]))
	if n > pos {
		return nil, errors.New("invalid index length")
	}
	return t[pos-n : pos], nil
}

// checkBlocksWithBadger opens a table read-only and verifies the checksum
// of every block with Badger's reader. Badger reads a block's entry count before checking the block's
// checksum, so a flipped bit made it slice out of range and panic when the
// block was read; here the panic is caught, in this goroutine, and the
// table is reported as damaged before Badger opens it. It costs reading
// the database once per unlock (a few milliseconds for 10,000 incidents).
func checkBlocksWithBadger(name string, tm badger.TableManifest, dk *pb.DataKey) (err error) {
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
	// Every block read looks up the table's index in indexCache, and
	// decrypts it again when it is not there yet: the cache stores what it
	// is given a moment later, in a goroutine of its own. The index read
	// once (StaleDataSize reads it) and the cache waited for, each block
	// finds it (10,000 incidents: the index was decrypted again for most
	// blocks, 48 MB per unlock).
	t.StaleDataSize()
	indexCache.Wait()
	if err := t.VerifyChecksum(); err != nil {
		return errors.New("a block does not match its checksum")
	}
	return nil
}

// openKeyRegistry is badger.OpenKeyRegistry, read only, with a panic
// (checkKeyRegistryFile should leave none) turned into an error. The file
// a panic leaves open is unreachable: a garbage collection runs its
// finalizer, which closes it.
func openKeyRegistry(dir string, key []byte) (kr *badger.KeyRegistry, err error) {
	defer func() {
		if r := recover(); r != nil {
			kr, err = nil, fmt.Errorf("unreadable: %v", r)
			runtime.GC()
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
