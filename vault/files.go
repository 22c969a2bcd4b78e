package vault

import (
	"fmt"
	"os"
	"path/filepath"
)

// Permissions of everything the vault writes: only the person who owns the
// files can read them.
const (
	dirPerm  = 0o700
	filePerm = 0o600
)

// writeFileAtomic replaces name with data so that a crash at any moment
// leaves either the old file or the new one, never a mix: write a temporary
// file in the same folder, flush it to disk, rename it over the old one,
// then flush the folder so the rename itself is durable.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	crashed := false
	crash := func(step string) bool {
		crashed = crashPoint("header:" + step)
		return crashed
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("failed to create a temporary file: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok && !crashed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(filePerm); err != nil {
		return fmt.Errorf("failed to restrict %s: %w", tmp, err)
	}
	half := len(data) / 2
	w := seamWriter(purposeHeader, f) // the storage seam (backup_seam.go): f itself outside tests
	if _, err := w.Write(data[:half]); err != nil {
		return fmt.Errorf("failed to write %s: %w", tmp, err)
	}
	if crash("half-written") {
		return errSimulatedCrash
	}
	if _, err := w.Write(data[half:]); err != nil {
		return fmt.Errorf("failed to write %s: %w", tmp, err)
	}
	if err := seamSync(purposeHeader, f); err != nil {
		return fmt.Errorf("failed to flush %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("failed to close %s: %w", tmp, err)
	}
	if crash("flushed") {
		return errSimulatedCrash
	}
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("failed to replace %s: %w", name, err)
	}
	ok = true
	if crash("renamed") {
		return errSimulatedCrash
	}
	return syncDir(dir)
}

// syncDir makes the folder's entries (new, renamed or removed files)
// durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("failed to open folder %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !isSyncUnsupported(err) {
		return fmt.Errorf("failed to flush folder %s: %w", dir, err)
	}
	return nil
}

// removeStaleTemps deletes temporary files a crash may have left next to
// the header. They hold nothing readable (the header is not secret) but
// they would confuse a person looking at the folder.
func removeStaleTemps(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+headerName+".tmp-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
