package ui

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/internal/owneronly"
)

// The viewer folder. Some files can only be read in another application
// (a PDF reader, a video player). To open one, Témoin writes a decrypted
// copy into a private folder (mode 0700, or on Windows an access list
// naming the person alone; under $XDG_RUNTIME_DIR when set,
// which lives in memory on most Linux systems, else under the user's
// cache folder, never in the vault's folder), with a random name that
// keeps only the extension, and asks the system to open it. The person is
// told once that a readable copy exists there until the journal is locked
// or Témoin closes. The folder is wiped (every file overwritten with
// zeros, then removed) at each lock, at auto-lock and when Témoin exits:
// gui.lock and Run call wipeViewer.

// viewerDirName is the folder's name under its base.
const viewerDirName = "temoin-viewer"

// viewerBase returns the folder the viewer folder is made in.
var viewerBase = func() (string, error) {
	if rt := os.Getenv("XDG_RUNTIME_DIR"); rt != "" {
		if st, err := os.Stat(rt); err == nil && st.IsDir() {
			return rt, nil
		}
	}
	return os.UserCacheDir()
}

// openExternal asks the system to open a URL (tests replace it).
var openExternal = func(a fyne.App, u *url.URL) error { return a.OpenURL(u) }

// viewer is the private folder of decrypted copies.
type viewer struct {
	mu   sync.Mutex
	told bool // the person was told that a readable copy is kept there
	gen  int  // counts wipes: a copy finished after a wipe is wiped too
}

// privateViewer is the application's viewer folder.
var privateViewer = &viewer{}

// wipeViewer wipes the viewer folder: at lock, auto-lock and exit.
func wipeViewer() { privateViewer.wipe() }

// dir returns the viewer folder, creating it readable by its owner only.
func (v *viewer) dir() (string, error) {
	base, err := viewerBase()
	if err != nil {
		return "", fmt.Errorf("no private folder for the viewer: %w", err)
	}
	d := filepath.Join(base, viewerDirName)
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", err
	}
	st, err := os.Lstat(d)
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("%s is not a folder", d)
	}
	// Whatever made it, it is private now (Windows: an access list naming
	// the current user only).
	if err := owneronly.Folder(d); err != nil {
		return "", err
	}
	return d, nil
}

// write writes a decrypted copy of a file named name into the viewer
// folder, under a random name with name's extension, and returns its
// path. fill writes the content; on failure the copy is wiped.
func (v *viewer) write(name string, fill func(io.Writer) error) (string, error) {
	v.mu.Lock()
	d, err := v.dir()
	if err != nil {
		v.mu.Unlock()
		return "", err
	}
	var rnd [12]byte
	rand.Read(rnd[:])
	path := filepath.Join(d, hex.EncodeToString(rnd[:])+safeExt(name))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	gen := v.gen
	v.mu.Unlock()
	if err != nil {
		return "", err
	}
	// The copy is written without holding the lock, so that locking the
	// journal never waits for it.
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err == nil && v.gen != gen {
		err = errWipedMeanwhile
	}
	if err != nil {
		wipeFile(path)
		return "", err
	}
	return path, nil
}

// fileURL is the file:// URL of an absolute path, for the system's
// "open with": file:///home/… on Unix, file:///C:/Users/… on Windows
// (not file://C:/…, where C: would be read as a host name).
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// errWipedMeanwhile: the journal was locked while the copy was written.
var errWipedMeanwhile = errors.New("the journal was locked meanwhile: the copy was erased")

// safeExt returns name's extension if it is a short, plain one.
func safeExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) < 2 || len(ext) > 8 {
		return ""
	}
	for _, r := range ext[1:] {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return ""
		}
	}
	return ext
}

// wipe overwrites every file of the viewer folder with zeros, removes it
// and the folder. Files left by an earlier run (a crash) go too.
func (v *viewer) wipe() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.gen++
	base, err := viewerBase()
	if err != nil {
		return nil
	}
	d := filepath.Join(base, viewerDirName)
	st, err := os.Lstat(d)
	if err != nil || !st.IsDir() {
		return nil
	}
	var errs []error
	filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() {
			if err := wipeFile(p); err != nil {
				errs = append(errs, err)
			}
		}
		return nil
	})
	if err := os.RemoveAll(d); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// wipeFile overwrites a file with zeros, then removes it.
func wipeFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err == nil {
		if st, err := f.Stat(); err == nil {
			zeros := make([]byte, 64<<10)
			for left := st.Size(); left > 0; {
				n := int64(len(zeros))
				if left < n {
					n = left
				}
				if _, err := f.Write(zeros[:n]); err != nil {
					break
				}
				left -= n
			}
			f.Sync()
		}
		f.Close()
	}
	return os.Remove(path)
}

// openInViewer writes a decrypted copy (fill, off the UI thread) into the
// viewer folder and opens it with the system's application for it. The
// first time, the person is told where the copy is and for how long.
func (g *gui) openInViewer(name string, fill func(io.Writer) error) {
	g.touch()
	run := func() {
		busy := dialog.NewCustomWithoutButtons(i18n.X("gui.share.viewer.decrypting"), card(320, widget.NewProgressBarInfinite()), g.win)
		g.showDialog(busy)
		g.async(func() {
			path, err := privateViewer.write(name, fill)
			fyne.Do(func() {
				busy.Hide()
				if err != nil {
					g.showError(err)
					return
				}
				if err := openExternal(g.app, fileURL(path)); err != nil {
					g.showError(err)
				}
			})
		})
	}
	privateViewer.mu.Lock()
	told := privateViewer.told
	privateViewer.mu.Unlock()
	if told {
		run()
		return
	}
	g.confirm(i18n.X("gui.share.viewer.title"), i18n.X("gui.share.viewer.notice"), i18n.X("gui.share.viewer.open"), i18n.X("gui.cancel"), func() {
		privateViewer.mu.Lock()
		privateViewer.told = true
		privateViewer.mu.Unlock()
		run()
	})
}
