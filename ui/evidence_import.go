package ui

import (
	"context"
	"errors"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

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

// chooseFile asks for files to attach (several at once where the
// system's dialog allows it); a folder is never imported.
func (s *evidenceSection) chooseFile() {
	s.g.pick.openFiles(func(paths []string) {
		var srcs []importSource
		for _, path := range paths {
			if src, ok := fileSource(path); ok {
				srcs = append(srcs, src)
			}
		}
		if len(srcs) > 0 {
			s.importFiles(srcs)
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
		ev, err := attachSource(ctx, j, id, src, r, func(n int64) { p.Set(before+n, total) })
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

// attachSource stores one file: an e-mail (.eml) with its headers read,
// a video or a sound with its length (ffprobe, when installed), any other
// file as it is.
func attachSource(ctx context.Context, j *app.Journal, id string, src importSource, r io.Reader, progress func(int64)) (*app.Evidence, error) {
	ext := strings.ToLower(filepath.Ext(src.name))
	if ext == ".eml" {
		ev, _, err := j.Evidence.AttachMail(ctx, id, src.name, r, progress)
		return ev, err
	}
	var info app.Evidence
	if t := mime.TypeByExtension(ext); src.path != "" && (strings.HasPrefix(t, "video/") || strings.HasPrefix(t, "audio/")) {
		info.Duration = app.MediaDuration(ctx, src.path)
	}
	return j.Evidence.AttachFileWith(ctx, id, src.name, r, progress, info)
}
