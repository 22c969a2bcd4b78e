package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// importSource is a file to import.
type importSource struct {
	name string
	path string // on this computer: offered for deletion afterwards
	size int64
	open func() (io.ReadCloser, error)
}

func fileSource(path string) (importSource, bool) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return importSource{}, false
	}
	return importSource{name: filepath.Base(path), path: path, size: st.Size(),
		open: func() (io.ReadCloser, error) { return os.Open(path) }}, true
}

// chooseFile asks for a file to attach.
func (s *evidenceSection) chooseFile() {
	s.g.pick.open(func(path string) {
		if src, ok := fileSource(path); ok {
			s.importFiles([]importSource{src})
		}
	})
}

// dropped imports files dropped on the window.
func (s *evidenceSection) dropped(uris []fyne.URI) {
	if s.e.id == "" {
		s.g.showInfo(i18n.X("gui.drop.title"), i18n.X("gui.evidence.unsaved"))
		return
	}
	var srcs []importSource
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		if src, ok := fileSource(u.Path()); ok {
			srcs = append(srcs, src)
		}
	}
	if len(srcs) == 0 {
		s.g.showInfo(i18n.X("gui.drop.title"), i18n.X("gui.drop.nothing"))
		return
	}
	s.e.tabs.SelectIndex(tabEvidence)
	s.importFiles(srcs)
}

// importResult is what became of one file.
type importResult struct {
	src importSource
	ev  *app.Evidence
	err error
}

// importFiles streams files into the vault off the UI thread, with a
// progress dialog and Cancel.
func (s *evidenceSection) importFiles(srcs []importSource) {
	if s.e.id == "" || s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	dlg := s.g.showProgress(i18n.X("gui.evidence.importing"), shorten(srcs[0].name, 50), cancel)
	p := dlg.progress(nil)
	j, id := s.g.journal, s.e.id
	s.g.async(func() {
		results := importWork(ctx, j, id, srcs, p)
		fyne.Do(func() {
			dlg.close()
			s.imported(results)
		})
	})
}

// importWork imports each file in turn, saying its name and the bytes
// read of them all.
func importWork(ctx context.Context, j *app.Journal, id string, srcs []importSource, p *present.Progress) []importResult {
	var total, done int64
	for _, src := range srcs {
		total += max(src.size, 0)
	}
	var out []importResult
	for _, src := range srcs {
		if ctx.Err() != nil {
			out = append(out, importResult{src: src, err: ctx.Err()})
			continue
		}
		r, err := src.open()
		if err != nil {
			out = append(out, importResult{src: src, err: err})
			continue
		}
		before := done
		p.Report(shorten(src.name, 50), before, total)
		ev, err := j.Evidence.AttachFile(ctx, id, src.name, r, func(n int64) { p.Set(before+n, total) })
		r.Close()
		if ev != nil {
			done += ev.Size
		}
		out = append(out, importResult{src: src, ev: ev, err: err})
	}
	return out
}

// imported applies the result of an import: the list, the errors, and the
// offer to delete the originals.
func (s *evidenceSection) imported(results []importResult) {
	s.cancel = nil
	var failed []string
	var originals []importResult
	cancelled := false
	for _, r := range results {
		switch {
		case errors.Is(r.err, context.Canceled):
			cancelled = true
		case r.err != nil:
			failed = append(failed, r.src.name+i18n.Language().Colon("")+" "+s.g.say(r.err))
		case r.ev != nil:
			s.selected = r.ev.ID
			if r.src.path != "" {
				originals = append(originals, r)
			}
		}
	}
	s.reload()
	switch {
	case len(failed) > 0:
		s.g.showInfo(i18n.X("gui.evidence.failed_title"), strings.Join(failed, "\n"))
	case cancelled && len(originals) == 0:
		s.g.showInfo(i18n.X("gui.evidence.cancelled_title"), i18n.X("gui.evidence.cancelled"))
	}
	if len(originals) > 0 && len(failed) == 0 {
		s.offerDeleteOriginals(originals)
	}
}

// offerDeleteOriginals warns that the originals are still readable on
// the computer and offers to delete them.
func (s *evidenceSection) offerDeleteOriginals(done []importResult) {
	var names []string
	for _, r := range done {
		names = append(names, "• "+r.src.path)
	}
	msg := i18n.X("gui.evidence.originals") +
		"\n\n" + strings.Join(names, "\n") + "\n\n" + i18n.X("gui.evidence.originals_warning")
	content := container.NewVScroll(wrapped(msg))
	content.SetMinSize(fyne.NewSize(520, 220))
	d := dialog.NewCustomConfirm(i18n.X("gui.evidence.originals_title"), i18n.X("gui.evidence.delete_originals"), i18n.X("gui.evidence.keep_originals"), content, func(ok bool) {
		if !ok {
			return
		}
		var failed []string
		for _, r := range done {
			if err := os.Remove(r.src.path); err != nil {
				failed = append(failed, r.src.path)
			}
		}
		if len(failed) > 0 {
			s.g.showInfo(i18n.X("gui.evidence.delete_failed_title"), i18n.X("gui.evidence.delete_failed")+"\n"+strings.Join(failed, "\n"))
		}
	}, s.g.win)
	s.g.showDialog(d)
}
