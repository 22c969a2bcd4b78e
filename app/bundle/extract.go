package bundle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNoSpace: the output folder's disk cannot hold the bundle's files.
var ErrNoSpace = errors.New("not enough free space for the bundle's files")

// spaceMargin is left free on the disk after an extraction.
const spaceMargin = 64 << 20

// NoSpaceError says how much an extraction needs and how much is free.
type NoSpaceError struct {
	Need, Free int64
}

func (e *NoSpaceError) Error() string {
	return fmt.Sprintf("%v: %d bytes needed, %d free", ErrNoSpace, e.Need, e.Free)
}

func (e *NoSpaceError) Unwrap() error { return ErrNoSpace }

// extractor writes files into a temporary folder next to the output
// folder, through an os.Root so that nothing can be written outside it.
// The temporary folder is registered (interrupted.go) so that a crash
// does not leave it readable past the next start. On Windows every file
// written carries the Mark of the Web.
type extractor struct {
	dir, tmp string
	root     *os.Root
	reg      *opening
	done     bool
}

// newExtractor prepares the extraction of need bytes into dir: dir must
// not exist or be empty, and its disk must hold need bytes and a margin.
func newExtractor(dir string, need int64) (*extractor, error) {
	dir = filepath.Clean(dir)
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return nil, fmt.Errorf("%w: %s", ErrOutExists, dir)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		if info, serr := os.Lstat(dir); serr == nil && !info.IsDir() {
			return nil, fmt.Errorf("%w: %s", ErrOutExists, dir)
		}
		return nil, fmt.Errorf("failed to read the output folder: %w", err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	if free, ok := freeSpace(parent); ok && need+spaceMargin > free {
		return nil, &NoSpaceError{Need: need, Free: free}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	reg, err := register(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("failed to prepare the output folder: %w", err)
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		reg.done()
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	return &extractor{dir: dir, tmp: tmp, root: root, reg: reg}, nil
}

func (x *extractor) write(name string, r io.Reader) error {
	_, err := x.writeCounted(name, r)
	return err
}

func (x *extractor) writeCounted(name string, r io.Reader) (int64, error) {
	if d := filepath.Dir(filepath.FromSlash(name)); d != "." {
		if err := x.root.Mkdir(d, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("failed to write %s: %w", name, err)
		}
	}
	f, err := x.root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, fmt.Errorf("failed to write %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	n, err := io.Copy(bw, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("failed to write %s: %w", name, cerr)
	}
	if err == nil {
		err = MarkFromInternet(filepath.Join(x.tmp, filepath.FromSlash(name)))
	}
	return n, err
}

func (x *extractor) commit() error {
	x.root.Close()
	if entries, err := os.ReadDir(x.dir); err == nil && len(entries) == 0 {
		os.Remove(x.dir)
	}
	if err := os.Rename(x.tmp, x.dir); err != nil {
		return fmt.Errorf("failed to create the output folder: %w", err)
	}
	x.done = true
	syncDir(filepath.Dir(x.dir))
	x.reg.done()
	return nil
}

func (x *extractor) abort() {
	if !x.done {
		x.root.Close()
		os.RemoveAll(x.tmp)
		x.reg.done()
	}
}
