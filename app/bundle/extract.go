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

// extractor writes files into a temporary folder next to the output
// folder, through an os.Root so that nothing can be written outside it.
type extractor struct {
	dir, tmp string
	root     *os.Root
	done     bool
}

func newExtractor(dir string) (*extractor, error) {
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
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("failed to create the output folder: %w", err)
	}
	return &extractor{dir: dir, tmp: tmp, root: root}, nil
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
	return nil
}

func (x *extractor) abort() {
	if !x.done {
		x.root.Close()
		os.RemoveAll(x.tmp)
	}
}
