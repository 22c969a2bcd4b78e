package ui

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/internal/owneronly"
	"github.com/temoin-app/temoin/ui/present"
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
// gui.lock and Run call g.viewer.wipe.

// viewerDirName is the folder's name under its base.
const viewerDirName = "temoin-viewer"

// viewer is the private folder of decrypted copies.
type viewer struct {
	// base returns the folder the viewer folder is made in (tests give
	// a temporary one).
	base func() (string, error)

	mu   sync.Mutex
	told bool // the person was told that a readable copy is kept there
	gen  int  // counts wipes: a copy finished after a wipe is wiped too
}

// newViewer returns the viewer folder under $XDG_RUNTIME_DIR when it is
// set (it lives in memory on most Linux systems), else under the user's
// cache folder.
func newViewer() *viewer {
	return &viewer{base: func() (string, error) {
		if rt := os.Getenv("XDG_RUNTIME_DIR"); rt != "" {
			if st, err := os.Stat(rt); err == nil && st.IsDir() {
				return rt, nil
			}
		}
		return os.UserCacheDir()
	}}
}

// dir returns the viewer folder, creating it readable by its owner only.
func (v *viewer) dir() (string, error) {
	base, err := v.base()
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
		err = present.Said(i18n.X("gui.share.viewer.wiped"))
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
	base, err := v.base()
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
//
// Only documents and media are opened (bundle.Viewable: PDF, office
// documents, pictures, sound, video): a program, a script, a shortcut, a
// web page or an unknown type is never handed to the system, which could
// run it; it is offered for saving instead. On Windows, every copy
// carries the Mark of the Web (bundle.MarkFromInternet), so that office
// documents open in Protected View with macros off.
func (g *gui) openInViewer(name string, fill func(io.Writer) error) {
	g.touch()
	if !bundle.Viewable(name) {
		g.offerSave(name, fill)
		return
	}
	if g.viewer.toldOnce() {
		g.writeAndOpen(name, fill)
		return
	}
	g.confirm(i18n.X("gui.share.viewer.title"), i18n.X("gui.share.viewer.notice"), i18n.X("gui.share.viewer.open"), i18n.X("gui.cancel"), func() {
		g.viewer.setTold()
		g.writeAndOpen(name, fill)
	})
}

func (v *viewer) toldOnce() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.told
}

func (v *viewer) setTold() {
	v.mu.Lock()
	v.told = true
	v.mu.Unlock()
}

// writeAndOpen writes the copy behind a "decrypting" dialog, then opens it.
func (g *gui) writeAndOpen(name string, fill func(io.Writer) error) {
	busy := dialog.NewCustomWithoutButtons(i18n.X("gui.share.viewer.decrypting"), card(320, widget.NewProgressBarInfinite()), g.win)
	g.showDialog(busy)
	g.async(func() {
		path, err := g.viewer.write(name, fill)
		if err == nil {
			err = bundle.MarkFromInternet(path)
		}
		fyne.Do(func() {
			busy.Hide()
			if err == nil {
				err = g.openURL(fileURL(path))
			}
			g.showError(err)
		})
	})
}

// offerSave says that a file of a type Témoin does not open is not
// opened, and offers to save a copy (readable by the person only, marked
// as coming from the Internet on Windows) to examine with care.
func (g *gui) offerSave(name string, fill func(io.Writer) error) {
	title := i18n.X("gui.viewer.not_viewable_title")
	g.confirm(title, i18n.X("gui.viewer.not_viewable", map[string]any{"Name": path.Base(name)}), i18n.X("gui.viewer.save_copy"), i18n.X("gui.cancel"), func() {
		g.pick.save(path.Base(name), func(target string) {
			g.async(func() {
				err := saveMarked(target, fill)
				fyne.Do(func() {
					if err != nil {
						g.showError(present.In(err, present.Where{File: target}))
						return
					}
					g.showInfo(title, i18n.X("gui.viewer.saved"))
				})
			})
		})
	})
}

// saveMarked writes what fill gives to target, readable by its owner
// only, with the Mark of the Web on Windows.
func saveMarked(target string, fill func(io.Writer) error) error {
	f, err := present.CreatePrivate(target, true)
	if err != nil {
		return err
	}
	if err := f.Finish(fill(f)); err != nil {
		return err
	}
	return bundle.MarkFromInternet(target)
}

// openFile opens a file the person saved with the system's application.
func (g *gui) openFile(path string) {
	g.touch()
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	g.showError(g.openURL(fileURL(abs)))
}
