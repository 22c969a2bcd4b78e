package vaulttest

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"google.golang.org/protobuf/proto"
)

// What someone who holds a vault's files but none of its keys can do to
// it, for the tests that prove each is noticed (vault/attack_test.go,
// torture/attack_test.go).

// DatabaseDir returns the folder of the vault's Badger database ("db", or
// "db-…" once its keys were renewed).
func DatabaseDir(vaultDir string) (string, error) {
	matches, _ := filepath.Glob(filepath.Join(vaultDir, "db*"))
	var dirs []string
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && info.IsDir() {
			dirs = append(dirs, m)
		}
	}
	if len(dirs) != 1 {
		return "", fmt.Errorf("%d database folders in %s", len(dirs), vaultDir)
	}
	return dirs[0], nil
}

// Tables lists the tables (SSTables) Badger's MANIFEST lists, by id.
func Tables(dbDir string) ([]uint64, error) {
	f, err := os.Open(filepath.Join(dbDir, "MANIFEST"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions(dbDir))
	if err != nil {
		return nil, err
	}
	var ids []uint64
	for id := range m.Tables {
		ids = append(ids, id)
	}
	return ids, nil
}

// DropTable appends to Badger's MANIFEST, which is not encrypted, a change
// that deletes a table: every key whose newest version is in it vanishes
// (or an older version comes back). No key is needed.
func DropTable(dbDir string, id uint64) error {
	set := pb.ManifestChangeSet{Changes: []*pb.ManifestChange{{Id: id, Op: pb.ManifestChange_DELETE}}}
	buf, err := proto.Marshal(&set)
	if err != nil {
		return err
	}
	var lenCrc [8]byte
	binary.BigEndian.PutUint32(lenCrc[0:4], uint32(len(buf)))
	binary.BigEndian.PutUint32(lenCrc[4:8], crc32.Checksum(buf, crc32.MakeTable(crc32.Castagnoli)))
	f, err := os.OpenFile(filepath.Join(dbDir, "MANIFEST"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(lenCrc[:], buf...)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// DropNewestTable drops the table with the highest id: the last one
// written, which holds the last changes.
func DropNewestTable(dbDir string) (uint64, error) {
	ids, err := Tables(dbDir)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, errors.New("no table")
	}
	newest := ids[0]
	for _, id := range ids {
		newest = max(newest, id)
	}
	return newest, DropTable(dbDir, newest)
}

// CutMemLogs overwrites with zeros the last n bytes of data of every
// memtable log (.mem) in dbDir: what a torn write leaves, and what someone
// without any key can do to drop the last transactions (Badger replays the
// log up to the first entry that does not check). It returns how many
// bytes it cut in all.
func CutMemLogs(dbDir string, n int) (int, error) {
	logs, _ := filepath.Glob(filepath.Join(dbDir, "*.mem"))
	cut := 0
	for _, l := range logs {
		data, err := os.ReadFile(l)
		if err != nil {
			return cut, err
		}
		end := len(bytes.TrimRight(data, "\x00"))
		from := max(end-n, 20) // keep the log's header
		if from >= end {
			continue
		}
		f, err := os.OpenFile(l, os.O_WRONLY, 0)
		if err != nil {
			return cut, err
		}
		_, err = f.WriteAt(make([]byte, end-from), int64(from))
		f.Close()
		if err != nil {
			return cut, err
		}
		cut += end - from
	}
	return cut, nil
}

// WithBackupFooter appends to the preamble and age file of a backup the
// footer a backup ends with (its length, its SHA-256 and an end marker),
// as anyone can: the footer is not keyed (docs/backup-format.md).
func WithBackupFooter(body []byte) []byte {
	sum := sha256.Sum256(body)
	out := binary.BigEndian.AppendUint64(bytes.Clone(body), uint64(len(body)))
	out = append(out, sum[:]...)
	return append(out, "temoin-bkend-v1\n"...)
}

// CopyDir copies a folder (a vault, open or not: a copy of an open vault is
// the folder as a crash leaves it). The zeros that end a file (Badger
// preallocates its logs) are left as holes. The database's lock file
// (db/LOCK), which a running process holds and Windows lets nobody else
// read, is left out: it is empty, and the next open makes it again.
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if d.Name() == "LOCK" && filepath.Base(filepath.Dir(p)) == "db" {
			return nil
		}
		return CopyFile(p, target)
	})
}

// CopyFile copies a file, its final zeros as a hole.
func CopyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	size := int64(len(data))
	if err := os.WriteFile(dst, bytes.TrimRight(data, "\x00"), 0o600); err != nil {
		return err
	}
	return os.Truncate(dst, size)
}
