package vault

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/temoin-app/temoin/internal/owneronly"
)

// RestoreBackup restores a backup into dir, which must not exist or be an
// empty folder: never over a vault. Everything is written into a
// temporary folder next to dir, checked there with Verify, and only then
// renamed to dir, so an interrupted restore leaves no half vault. The
// restored vault opens with the same passphrase and recovery code as the
// vault did when the backup was made. Its witness is written in the
// folder and outside it (opts.WitnessDir); when this computer had seen the
// vault of that folder go further than the backup, the report says by how
// much (BackupReport.Behind).
//
// An error means the backup could not be restored (damaged, wrong
// passphrase, full disk) and nothing was created. A report whose OK is
// false means the restore went through but the vault, as it was backed up,
// had problems: they are listed.
func RestoreBackup(ctx context.Context, r io.ReaderAt, size int64, dir string, secret Secret, progress func(done, total int64), opts *Options) (*BackupReport, error) {
	restrictUmask()
	c, err := openBackupContainer(r, size)
	if err != nil {
		return nil, err
	}
	if err := checkRestoreTarget(dir); err != nil {
		return nil, err
	}
	master, err := c.unlock(secret)
	if err != nil {
		return nil, err
	}
	defer clear(master)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, dirPerm); err != nil {
		return nil, fmt.Errorf("failed to create the folder: %w", err)
	}
	removeStaleRestores(parent, filepath.Base(abs))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".restore-")
	if err != nil {
		return nil, fmt.Errorf("failed to create the folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := owneronly.Folder(tmp); err != nil {
		return nil, err
	}
	rep, err := c.restoreInto(ctx, tmp, master, progress)
	if err != nil {
		return nil, err
	}
	entry, err := verifyRestored(ctx, tmp, master, rep)
	if err != nil {
		return nil, err
	}
	if err := checkRestoreTarget(dir); err != nil {
		return nil, err
	}
	os.Remove(abs) // an empty folder; rename cannot replace it everywhere
	if err := os.Rename(tmp, abs); err != nil {
		return nil, fmt.Errorf("failed to name the restored vault: %w", err)
	}
	ok = true
	rep.Behind = c.witnessRestored(abs, master, entry, opts.witnessDir())
	return rep, syncDir(parent)
}

// restoreInto writes the backup's header, records and evidence files into
// the empty folder tmp.
func (c *backupContainer) restoreInto(ctx context.Context, tmp string, master []byte, progress func(int64, int64)) (*BackupReport, error) {
	if err := os.Chmod(tmp, dirPerm); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(tmp, headerName), c.headerRaw); err != nil {
		return nil, fmt.Errorf("failed to write the vault header: %w", err)
	}
	for _, sub := range []string{dbDirName, blobsDir} {
		if err := os.Mkdir(filepath.Join(tmp, sub), dirPerm); err != nil {
			return nil, err
		}
	}
	db, err := openBadger(filepath.Join(tmp, dbDirName), deriveKey(master, c.header.ID, labelBadger))
	if err != nil {
		return nil, err
	}
	sink := &restoreSink{db: db, wb: db.NewWriteBatch(), blobs: filepath.Join(tmp, blobsDir)}
	rep, err := c.read(ctx, master, sink, progress)
	sink.closeOpen()
	if err == nil {
		err = sink.wb.Flush()
	} else {
		sink.wb.Cancel()
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("failed to close the restored database: %w", cerr)
	}
	if err == nil {
		err = syncDir(sink.blobs)
	}
	return rep, err
}

// verifyRestored opens the restored vault as it will be opened (a vault
// of format 1 is upgraded there), verifies it into rep, and returns its
// state for the witness outside the folder.
func verifyRestored(ctx context.Context, tmp string, master []byte, rep *BackupReport) (witnessEntry, error) {
	v, err := openWith(tmp, func(*Header) ([]byte, error) { return bytes.Clone(master), nil }, openConfig{})
	if err != nil {
		return witnessEntry{}, fmt.Errorf("the restored vault does not open: %w", err)
	}
	vrep, err := v.Verify(ctx, nil)
	entry := newWitnessEntry(v.master, v.header.ID, v.state, v.chain)
	if lerr := v.Lock(); err == nil {
		err = lerr
	}
	if err != nil {
		return witnessEntry{}, err
	}
	rep.Restored = vrep
	return entry, syncDir(tmp)
}

// witnessRestored writes the copy of the witness outside the folder for
// the restored vault at dir, and returns how many changes further this
// computer had seen the vault of that folder go (0: none).
func (c *backupContainer) witnessRestored(dir string, master []byte, entry witnessEntry, witnessDir string) uint64 {
	path := configWitnessPath(witnessDir, dir, c.header.ID)
	var behind uint64
	if w, err := readWitnessFile(path, c.header.ID); err == nil && w != nil {
		for _, e := range w.valid(master) {
			if e.N > entry.N {
				behind = max(behind, e.N-entry.N)
			}
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, headerName)) // upgraded, if the backup is of format 1
	if err != nil {
		raw = c.headerRaw
	}
	writeWitnessFile(path, &witnessFile{Format: witnessFormat, VaultID: c.header.ID, Entries: []witnessEntry{entry},
		Headers: []json.RawMessage{raw}})
	return behind
}

// RestoreBackupFile is RestoreBackup for a file.
func RestoreBackupFile(ctx context.Context, path, dir string, secret Secret, progress func(done, total int64), opts *Options) (*BackupReport, error) {
	f, size, err := openForReading(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return RestoreBackup(ctx, f, size, dir, secret, progress, opts)
}

// checkRestoreTarget refuses a folder that holds anything.
func checkRestoreTarget(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		info, serr := os.Stat(dir)
		if serr == nil && !info.IsDir() {
			return fmt.Errorf("%w: %s is a file", ErrRestoreTarget, dir)
		}
		return fmt.Errorf("failed to read %s: %w", dir, err)
	}
	if Exists(dir) {
		return fmt.Errorf("%w: %s", ErrExists, dir)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: %s is not empty", ErrRestoreTarget, dir)
	}
	return nil
}

// removeStaleRestores removes the temporary folders of restores into the
// same place that a crash interrupted. They hold only encrypted data.
func removeStaleRestores(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+".restore-*"))
	for _, m := range matches {
		if strings.HasPrefix(filepath.Base(m), "."+base+".restore-") {
			os.RemoveAll(m)
		}
	}
}

type restoreSink struct {
	db    *badger.DB
	wb    *badger.WriteBatch
	blobs string
	open  *os.File // the evidence file being written
}

func (s *restoreSink) closeOpen() {
	if s.open != nil {
		s.open.Close()
		s.open = nil
	}
}

func (s *restoreSink) kv(key, value []byte) error {
	if err := s.wb.Set(bytes.Clone(key), bytes.Clone(value)); err != nil {
		return fmt.Errorf("failed to write the restored records: %w", err)
	}
	return nil
}

func (s *restoreSink) blob(id string) (io.Writer, func() error, error) {
	if !validBlobID(id) {
		return nil, nil, fmt.Errorf("invalid evidence file name %q", id)
	}
	f, err := os.OpenFile(filepath.Join(s.blobs, id), os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return nil, nil, fmt.Errorf("failed to restore an evidence file: %w", err)
	}
	s.closeOpen()
	s.open = f
	w := seamWriter(purposeRestore, f)
	return w, func() error {
		err := seamSync(purposeRestore, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		s.open = nil
		if err != nil {
			return fmt.Errorf("failed to restore an evidence file: %w", err)
		}
		return nil
	}, nil
}
