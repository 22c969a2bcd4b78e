package present

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// PrivateFile is a file being written that only its owner may read (mode
// 0600), and that appears whole or not at all: the content goes into a
// temporary file beside it, created at the first byte (work that fails
// before writing anything leaves nothing behind), and Finish renames it
// to the name asked for once everything was written and synced. A
// failure, or work stopped, removes it. Every file Témoin writes for the
// person outside the vault goes through it: documents, decrypted
// evidence, keys, the recovery code.
type PrivateFile struct {
	name    string
	replace bool
	tmp     *os.File
}

// CreatePrivate prepares to write the file name. Unless replace, an
// existing file is refused (an error wrapping os.ErrExist), now and again
// when the file is finished; a folder always is.
func CreatePrivate(name string, replace bool) (*PrivateFile, error) {
	if err := checkTarget(name, replace); err != nil {
		return nil, err
	}
	return &PrivateFile{name: name, replace: replace}, nil
}

func checkTarget(name string, replace bool) error {
	info, err := os.Lstat(name)
	switch {
	case err == nil && info.IsDir():
		return &fs.PathError{Op: "write", Path: name, Err: ErrIsFolder}
	case err == nil && !replace:
		return &fs.PathError{Op: "write", Path: name, Err: os.ErrExist}
	}
	return nil
}

// ErrIsFolder: the name given to a file is a folder's.
var ErrIsFolder = errors.New("is a folder")

// Write writes p, creating the temporary file at the first call.
func (f *PrivateFile) Write(p []byte) (int, error) {
	if f.tmp == nil {
		tmp, err := os.CreateTemp(filepath.Dir(f.name), "."+filepath.Base(f.name)+".*.partial")
		if err != nil {
			return 0, err
		}
		f.tmp = tmp
	}
	return f.tmp.Write(p)
}

// Finish ends the file: with err nil, it syncs it and puts it in place;
// otherwise (or if that fails) it removes what was written. It returns
// err, or what went wrong while finishing.
func (f *PrivateFile) Finish(err error) error {
	if f.tmp == nil {
		if err == nil {
			_, err = f.Write(nil) // an empty file is a file
			if err == nil {
				return f.Finish(nil)
			}
		}
		return err
	}
	tmp := f.tmp.Name()
	if err == nil {
		err = f.tmp.Sync()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkTarget(f.name, f.replace)
	}
	if err == nil {
		err = os.Rename(tmp, f.name)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(f.name))
	return nil
}

// syncDir makes a rename in dir durable, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// WritePrivate writes what r holds into the file name (see PrivateFile)
// and returns the number of bytes written. A read error (a damaged
// evidence file ends with one) leaves no file.
func WritePrivate(name string, replace bool, r io.Reader) (int64, error) {
	f, err := CreatePrivate(name, replace)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r)
	return n, f.Finish(err)
}
