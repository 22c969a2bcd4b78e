package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/gif" // previews
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// Limits of the previews: they are decoded in memory only, never written
// anywhere, and only for pictures of reasonable size.
const (
	maxPreviewBytes  = 30 << 20
	maxPreviewPixels = 50_000_000
)

// evidenceSection is the editor's Evidence tab: files (added with a file
// dialog or dropped on the window) and links, each with its SHA-256;
// previews of pictures, decrypted in memory; a copy saved where the
// person chooses; and, after an import, the offer to delete the original.
type evidenceSection struct {
	g *gui
	e *editorScreen

	body     *fyne.Container
	list     *fyne.Container
	detail   *fyne.Container
	addFile  *widget.Button
	addLink  *widget.Button
	selected string // evidence id shown in detail

	// import in progress
	progress *widget.ProgressBar
	progDlg  dialog.Dialog
	cancel   context.CancelFunc
}

func (s *evidenceSection) buildUI() fyne.CanvasObject {
	s.addFile = &widget.Button{Text: i18n.X("gui.evidence.add_file"), Icon: theme.FolderOpenIcon(),
		Importance: widget.HighImportance, OnTapped: s.chooseFile}
	s.addLink = &widget.Button{Text: i18n.X("gui.evidence.add_link"), Icon: theme.MailAttachmentIcon(), OnTapped: s.linkDialog}
	s.list = container.NewVBox()
	s.detail = container.NewVBox()
	header := container.NewVBox(
		container.NewBorder(nil, nil, subheading(i18n.X("gui.editor.tab.evidence")), container.NewHBox(s.addLink, s.addFile)),
		caption(i18n.X("gui.evidence.help")),
	)
	split := container.NewHSplit(container.NewVScroll(s.list), container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.42
	s.body = container.NewBorder(container.NewPadded(header), nil, nil, nil, split)
	return s.body
}

// incident returns the saved incident's evidence.
func (s *evidenceSection) items() []app.Evidence {
	if s.e.base == nil {
		return nil
	}
	return s.e.base.Evidence
}

// reload takes the evidence list from the journal (the rest of the form
// stays as typed).
func (s *evidenceSection) reload() {
	if s.e.id == "" || s.g.journal == nil {
		return
	}
	if in, err := s.g.journal.Incidents.Get(s.e.id); err == nil {
		s.e.base.Evidence = in.Evidence
	}
	s.refresh()
	s.e.m.refreshBadge()
}

// refresh lists the evidence again.
func (s *evidenceSection) refresh() {
	if s.list == nil {
		return
	}
	if s.e.id == "" {
		s.addFile.Disable()
		s.addLink.Disable()
		save := &widget.Button{Text: i18n.X("gui.evidence.save_first"), Icon: theme.DocumentSaveIcon(), OnTapped: s.e.save}
		s.list.Objects = []fyne.CanvasObject{container.NewPadded(container.NewVBox(
			wrapped(i18n.X("gui.evidence.unsaved")),
			container.NewHBox(save)))}
		s.detail.Objects = nil
		s.list.Refresh()
		s.detail.Refresh()
		return
	}
	s.addFile.Enable()
	s.addLink.Enable()
	items := s.items()
	s.setTabTitle(len(items))
	if len(items) == 0 {
		s.list.Objects = []fyne.CanvasObject{container.NewPadded(wrapped(i18n.X("gui.evidence.empty")))}
		s.detail.Objects = nil
		s.list.Refresh()
		s.detail.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	found := false
	for _, ev := range items {
		ev := ev
		icon := theme.FileIcon()
		title := ev.Name
		sub := i18n.Size(ev.Size) + " · " + i18n.Date(ev.AddedAt.Local())
		if ev.IsLink() {
			icon = theme.MailAttachmentIcon()
			title = ev.URL
			sub = i18n.X("gui.evidence.link_seen", map[string]any{"Date": i18n.Day(ev.RetrievedOn.Year, ev.RetrievedOn.Month, ev.RetrievedOn.Day)})
		} else if strings.HasPrefix(ev.MediaType, "image/") {
			icon = theme.FileImageIcon()
		} else if strings.HasPrefix(ev.MediaType, "video/") {
			icon = theme.FileVideoIcon()
		} else if strings.HasPrefix(ev.MediaType, "audio/") {
			icon = theme.FileAudioIcon()
		}
		imp := widget.LowImportance
		if ev.ID == s.selected {
			imp = widget.MediumImportance
			found = true
		}
		btn := &widget.Button{Text: shorten(title, 38), Icon: icon, Alignment: widget.ButtonAlignLeading, Importance: imp,
			OnTapped: func() { s.g.touch(); s.selected = ev.ID; s.refresh() }}
		objs = append(objs, container.NewVBox(btn, container.NewPadded(caption(sub))))
	}
	s.list.Objects = objs
	s.list.Refresh()
	if !found {
		s.selected = items[0].ID
		s.refresh()
		return
	}
	for _, ev := range items {
		if ev.ID == s.selected {
			s.showDetail(ev)
		}
	}
}

func (s *evidenceSection) setTabTitle(n int) {
	tabs := s.e.tabs
	if tabs == nil || len(tabs.Items) <= tabEvidence {
		return
	}
	t := i18n.X("gui.editor.tab.evidence")
	if n > 0 {
		t += " (" + itoa(n) + ")"
	}
	tabs.Items[tabEvidence].Text = t
	tabs.Refresh()
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// showDetail shows one piece of evidence: its fingerprint, a preview,
// what can be done with it.
func (s *evidenceSection) showDetail(ev app.Evidence) {
	var objs []fyne.CanvasObject
	remove := &widget.Button{Text: i18n.X("gui.evidence.remove"), Icon: theme.DeleteIcon(),
		Importance: widget.DangerImportance, OnTapped: func() { s.confirmRemove(ev) }}
	if ev.IsLink() {
		title := wrapped(ev.URL)
		title.TextStyle.Bold = true
		copyURL := &widget.Button{Text: i18n.X("gui.evidence.copy_link"), Icon: theme.ContentCopyIcon(),
			OnTapped: func() {
				s.g.app.Clipboard().SetContent(ev.URL)
			}}
		objs = append(objs, title,
			widget.NewLabel(i18n.X("gui.evidence.link_seen", map[string]any{"Date": i18n.Day(ev.RetrievedOn.Year, ev.RetrievedOn.Month, ev.RetrievedOn.Day)})))
		if ev.Note != "" {
			objs = append(objs, wrapped(ev.Note))
		}
		objs = append(objs,
			caption(i18n.X("gui.evidence.link_help")),
			container.NewVBox(container.NewHBox(copyURL), container.NewHBox(remove)))
	} else {
		title := wrapped(ev.Name)
		title.TextStyle.Bold = true
		hash := widget.NewLabel(ev.SHA256)
		hash.TextStyle.Monospace = true
		hash.Wrapping = fyne.TextWrapBreak
		copyHash := &widget.Button{Text: i18n.X("gui.evidence.copy_hash"), Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance,
			OnTapped: func() {
				s.g.app.Clipboard().SetContent(ev.SHA256)
			}}
		saveCopy := &widget.Button{Text: i18n.X("gui.evidence.save_copy"), Icon: theme.DocumentSaveIcon(),
			OnTapped: func() { s.saveCopy(ev) }}
		openExt := &widget.Button{Text: i18n.X("gui.share.evidence.open_external"), Icon: theme.FileApplicationIcon(),
			OnTapped: func() { s.openExternal(ev) }}
		preview := container.NewStack()
		objs = append(objs, title,
			caption(ev.MediaType+" · "+i18n.Size(ev.Size)+" · "+i18n.X("gui.evidence.added", map[string]any{"Date": i18n.DateTime(ev.AddedAt.Local())})),
			preview,
			labelled("SHA-256", container.NewBorder(nil, nil, nil, container.NewCenter(copyHash), hash)),
			caption(i18n.X("gui.evidence.hash_help")),
			container.NewVBox(container.NewHBox(openExt), container.NewHBox(saveCopy), container.NewHBox(remove)))
		if isPreviewable(ev) {
			s.loadPreview(ev, preview)
		}
	}
	s.detail.Objects = objs
	s.detail.Refresh()
}

func isPreviewable(ev app.Evidence) bool {
	switch ev.MediaType {
	case "image/png", "image/jpeg", "image/gif":
		return ev.Size > 0 && ev.Size <= maxPreviewBytes
	}
	return false
}

// loadPreview decrypts and decodes a picture off the UI thread, in
// memory only.
func (s *evidenceSection) loadPreview(ev app.Evidence, into *fyne.Container) {
	j := s.g.journal
	loading := widget.NewActivity()
	loading.Start()
	into.Objects = []fyne.CanvasObject{container.NewCenter(loading)}
	s.g.async(func() {
		img, err := decodePreview(j, ev.ID)
		fyne.Do(func() {
			loading.Stop()
			if err != nil || img == nil {
				into.Objects = []fyne.CanvasObject{caption(i18n.X("gui.evidence.no_preview"))}
				into.Refresh()
				return
			}
			c := canvas.NewImageFromImage(img)
			c.FillMode = canvas.ImageFillContain
			c.ScaleMode = canvas.ImageScaleSmooth
			c.SetMinSize(fyne.NewSize(360, 260))
			into.Objects = []fyne.CanvasObject{c}
			into.Refresh()
		})
	})
}

// decodePreview reads a picture from the vault into memory and decodes
// it, refusing ones too large to decode safely.
func decodePreview(j *app.Journal, id string) (image.Image, error) {
	rc, _, err := j.Evidence.Open(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPreviewBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPreviewBytes {
		return nil, errors.New("too large to preview")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width*cfg.Height > maxPreviewPixels {
		return nil, errors.New("too large to preview")
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}

// importSource is a file to import.
type importSource struct {
	name string
	path string // on this computer, when known: offered for deletion afterwards
	size int64  // -1 when unknown
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

func (s *evidenceSection) chooseFile() {
	s.g.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		s.g.forgetFolders()
		if err != nil {
			s.g.showError(err)
			return
		}
		if r == nil {
			return
		}
		src := importSource{name: r.URI().Name(), size: -1, open: func() (io.ReadCloser, error) { return r, nil }}
		if r.URI().Scheme() == "file" {
			src.path = r.URI().Path()
			if st, err := os.Stat(src.path); err == nil {
				src.size = st.Size()
			}
		}
		s.importFiles([]importSource{src})
	}, s.g.win)
	s.g.showFileDialog(d)
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
// progress bar and a Cancel button.
func (s *evidenceSection) importFiles(srcs []importSource) {
	if s.e.id == "" || s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.progress = widget.NewProgressBar()
	label := widget.NewLabel(shorten(srcs[0].name, 50))
	cancelBtn := &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	content := container.NewVBox(label, s.progress, container.NewCenter(cancelBtn))
	s.progDlg = dialog.NewCustomWithoutButtons(i18n.X("gui.evidence.importing"), card(420, content), s.g.win)
	s.progDlg.Resize(fyne.NewSize(440, 160))
	s.g.showDialog(s.progDlg)

	j, id := s.g.journal, s.e.id
	var total int64
	for _, src := range srcs {
		if src.size > 0 {
			total += src.size
		}
	}
	s.g.async(func() {
		var mu sync.Mutex
		last := time.Time{}
		var done int64
		results := importWork(ctx, j, id, srcs, func(i int, n int64) {
			mu.Lock()
			defer mu.Unlock()
			if time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			cur := done + n
			name := srcs[i].name
			fyne.Do(func() {
				label.SetText(shorten(name, 50))
				if total > 0 {
					s.progress.SetValue(float64(cur) / float64(total))
				}
			})
		}, func(n int64) { mu.Lock(); done += n; mu.Unlock() })
		fyne.Do(func() { s.imported(results) })
	})
}

// importWork imports each file in turn; progress gets the file's index
// and the bytes read of it, finished the size of each file done.
func importWork(ctx context.Context, j *app.Journal, id string, srcs []importSource, progress func(int, int64), finished func(int64)) []importResult {
	var out []importResult
	for i, src := range srcs {
		if ctx.Err() != nil {
			out = append(out, importResult{src: src, err: ctx.Err()})
			continue
		}
		r, err := src.open()
		if err != nil {
			out = append(out, importResult{src: src, err: err})
			continue
		}
		ev, err := j.Evidence.AttachFile(ctx, id, src.name, r, func(n int64) { progress(i, n) })
		r.Close()
		if ev != nil {
			finished(ev.Size)
		}
		out = append(out, importResult{src: src, ev: ev, err: err})
	}
	return out
}

// imported applies the result of an import: the list, the errors, and the
// offer to delete the originals.
func (s *evidenceSection) imported(results []importResult) {
	s.cancel = nil
	if s.progDlg != nil {
		s.progDlg.Hide()
		s.progDlg = nil
	}
	var failed []string
	var originals []importResult
	cancelled := false
	for _, r := range results {
		switch {
		case errors.Is(r.err, context.Canceled):
			cancelled = true
		case r.err != nil:
			failed = append(failed, r.src.name+" : "+sentence.Error(r.err, s.g.dir))
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
	l := wrapped(msg)
	content := container.NewVScroll(l)
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

// saveCopy writes a decrypted copy of a file where the person chooses.
func (s *evidenceSection) saveCopy(ev app.Evidence) {
	s.g.touch()
	j := s.g.journal
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		s.g.forgetFolders()
		if err != nil {
			s.g.showError(err)
			return
		}
		if w == nil {
			return
		}
		s.g.async(func() {
			err := copyEvidence(j, ev.ID, w)
			fyne.Do(func() {
				if err != nil {
					s.g.showError(err)
					return
				}
				s.g.showInfo(i18n.X("gui.evidence.copied_title"), i18n.X("gui.evidence.copied"))
			})
		})
	}, s.g.win)
	d.SetFileName(ev.Name)
	s.g.showFileDialog(d)
}

// openExternal opens a decrypted copy with the system's application,
// through the private viewer folder (viewer.go), wiped at lock and exit.
func (s *evidenceSection) openExternal(ev app.Evidence) {
	j := s.g.journal
	s.g.openInViewer(ev.Name, func(w io.Writer) error {
		rc, _, err := j.Evidence.Open(ev.ID)
		if err != nil {
			return err
		}
		defer rc.Close()
		_, err = io.Copy(w, rc)
		return err
	})
}

// copyEvidence decrypts a file into w; on failure the partial copy is
// deleted.
func copyEvidence(j *app.Journal, id string, w fyne.URIWriteCloser) error {
	rc, _, err := j.Evidence.Open(id)
	if err != nil {
		w.Close()
		storage.Delete(w.URI())
		return err
	}
	defer rc.Close()
	_, err = io.Copy(w, rc)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		storage.Delete(w.URI())
	}
	return err
}

func (s *evidenceSection) confirmRemove(ev app.Evidence) {
	name := ev.Name
	if ev.IsLink() {
		name = ev.URL
	}
	s.g.confirm(i18n.X("gui.evidence.remove_title"), i18n.X("gui.evidence.remove_confirm", map[string]any{"Name": name}), i18n.X("gui.evidence.remove_yes"), i18n.X("gui.cancel"), func() {
		if err := s.g.journal.Evidence.Remove(ev.ID); err != nil {
			s.g.showError(err)
			return
		}
		s.selected = ""
		s.reload()
	})
}

// linkDialog adds a link to something posted online.
func (s *evidenceSection) linkDialog() {
	s.g.touch()
	link := s.g.entry()
	link.SetPlaceHolder("https://…")
	link.Validator = func(v string) error {
		u, err := url.Parse(strings.TrimSpace(v))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errors.New(i18n.X("gui.link.invalid"))
		}
		return nil
	}
	seen := xwidget.NewDateEntry()
	seen.OnEscape = s.g.escape
	today := time.Now().UTC()
	seen.SetDate(&today)
	note := s.g.multiLineEntry(3)
	note.SetPlaceHolder(i18n.X("gui.link.note_placeholder"))
	d := dialog.NewForm(i18n.X("gui.link.title"), i18n.X("gui.link.add"), i18n.X("gui.cancel"), []*widget.FormItem{
		field(i18n.X("gui.link.url"), link, ""),
		field(i18n.X("gui.link.seen"), seen, ""),
		field(i18n.X("gui.link.note"), note, ""),
	}, func(ok bool) {
		if !ok {
			return
		}
		s.addLinkNow(link.Text, dateOf(seen.Date), note.Text)
	}, s.g.win)
	d.Resize(fyne.NewSize(560, 360))
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(link)
}

func (s *evidenceSection) addLinkNow(link string, seen app.Date, note string) {
	ev, err := s.g.journal.Evidence.AttachLink(s.e.id, link, seen, note)
	if err != nil {
		s.g.showError(err)
		return
	}
	s.selected = ev.ID
	s.reload()
}
