package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// evidenceSection is the editor's Evidence tab: files (added with a file
// dialog or dropped on the window, evidence_import.go) and links
// (evidence_link.go), each with its SHA-256; previews of pictures,
// decrypted in memory (evidence_preview.go); a copy saved where the
// person chooses, or opened in another application.
type evidenceSection struct {
	g *gui
	e *editorScreen

	body     *fyne.Container
	list     *fyne.Container
	detail   *fyne.Container
	addFile  *widget.Button
	addLink  *widget.Button
	capture  *widget.Button
	pasteBtn *widget.Button
	note     *control.Entry // the note of the evidence shown
	pasted   *pasteForm     // the form of the text pasted last
	selected string         // evidence id shown in detail

	cancel func() // stops the import in progress, if any
}

func (s *evidenceSection) buildUI() fyne.CanvasObject {
	s.addFile = &widget.Button{Text: i18n.X("gui.evidence.add_file"), Icon: theme.FolderOpenIcon(),
		Importance: widget.HighImportance, OnTapped: s.chooseFile}
	s.addLink = &widget.Button{Text: i18n.X("gui.evidence.add_link"), Icon: theme.MailAttachmentIcon(), OnTapped: s.linkDialog}
	s.capture = &widget.Button{Text: i18n.X("gui.capture.button"), Icon: theme.MediaPhotoIcon(),
		OnTapped: func() { s.g.captureDialog(s.e.id) }}
	s.pasteBtn = &widget.Button{Text: i18n.X("gui.paste.button"), Icon: theme.ContentPasteIcon(), OnTapped: s.paste}
	s.list = container.NewVBox()
	s.detail = container.NewVBox()
	header := container.NewVBox(
		container.NewBorder(nil, nil, subheading(i18n.X("gui.editor.tab.evidence")), container.NewHBox(s.addLink, s.pasteBtn, s.capture, s.addFile)),
		caption(i18n.X("gui.evidence.help")),
	)
	split := container.NewHSplit(container.NewVScroll(s.list), container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.42
	s.body = container.NewBorder(container.NewPadded(header), nil, nil, nil, split)
	return s.body
}

// stop stops an import in progress.
func (s *evidenceSection) stop() {
	if s.cancel != nil {
		s.cancel()
	}
}

// items returns the saved incident's evidence.
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

// refresh lists the evidence again, and shows the one selected.
func (s *evidenceSection) refresh() {
	if s.list == nil {
		return
	}
	if s.e.id == "" {
		for _, b := range []*widget.Button{s.addFile, s.addLink, s.capture, s.pasteBtn} {
			b.Disable()
		}
		save := &widget.Button{Text: i18n.X("gui.evidence.save_first"), Icon: theme.DocumentSaveIcon(), OnTapped: s.e.save}
		s.show([]fyne.CanvasObject{container.NewPadded(container.NewVBox(wrapped(i18n.X("gui.evidence.unsaved")), container.NewHBox(save)))}, nil)
		return
	}
	for _, b := range []*widget.Button{s.addFile, s.addLink, s.capture, s.pasteBtn} {
		b.Enable()
	}
	items := s.items()
	s.setTabTitle(len(items))
	if len(items) == 0 {
		s.show([]fyne.CanvasObject{container.NewPadded(wrapped(i18n.X("gui.evidence.empty")))}, nil)
		return
	}
	selected := items[0]
	for _, ev := range items {
		if ev.ID == s.selected {
			selected = ev
		}
	}
	s.selected = selected.ID
	var objs []fyne.CanvasObject
	for _, ev := range items {
		objs = append(objs, s.itemUI(ev))
	}
	s.show(objs, nil)
	s.showDetail(selected)
}

// show puts objs in the list and detail in the detail pane.
func (s *evidenceSection) show(objs, detail []fyne.CanvasObject) {
	s.list.Objects = objs
	s.detail.Objects = detail
	s.list.Refresh()
	s.detail.Refresh()
}

// itemUI is one piece of evidence in the list: its name (or link), its
// size or the day it was seen.
func (s *evidenceSection) itemUI(ev app.Evidence) fyne.CanvasObject {
	icon := theme.FileIcon()
	title := ev.Name
	sub := i18n.Size(ev.Size) + " · " + i18n.Date(ev.AddedAt.Local())
	switch {
	case ev.IsLink():
		icon, title, sub = theme.MailAttachmentIcon(), ev.URL, linkSeen(ev)
	case strings.HasPrefix(ev.MediaType, "image/"):
		icon = theme.FileImageIcon()
	case strings.HasPrefix(ev.MediaType, "video/"):
		icon = theme.FileVideoIcon()
	case strings.HasPrefix(ev.MediaType, "audio/"):
		icon = theme.FileAudioIcon()
	}
	imp := widget.LowImportance
	if ev.ID == s.selected {
		imp = widget.MediumImportance
	}
	btn := &widget.Button{Text: shorten(title, 38), Icon: icon, Alignment: widget.ButtonAlignLeading, Importance: imp,
		OnTapped: func() { s.g.touch(); s.selected = ev.ID; s.refresh() }}
	return container.NewVBox(btn, container.NewPadded(caption(sub)))
}

func linkSeen(ev app.Evidence) string {
	return i18n.X("gui.evidence.link_seen", map[string]any{"Date": i18n.Day(ev.RetrievedOn.Year, ev.RetrievedOn.Month, ev.RetrievedOn.Day)})
}

func (s *evidenceSection) setTabTitle(n int) {
	tabs := s.e.tabs
	if tabs == nil || len(tabs.Items) <= tabEvidence {
		return
	}
	t := i18n.X("gui.editor.tab.evidence")
	if n > 0 {
		t += " (" + strconv.Itoa(n) + ")"
	}
	tabs.Items[tabEvidence].Text = t
	tabs.Refresh()
}

// showDetail shows one piece of evidence: its fingerprint, a preview,
// what can be done with it.
func (s *evidenceSection) showDetail(ev app.Evidence) {
	remove := &widget.Button{Text: i18n.X("gui.evidence.remove"), Icon: theme.DeleteIcon(),
		Importance: widget.DangerImportance, OnTapped: func() { s.confirmRemove(ev) }}
	if ev.IsLink() {
		s.detail.Objects = s.linkDetail(ev, remove)
	} else {
		s.detail.Objects = s.fileDetail(ev, remove)
	}
	s.detail.Refresh()
}

func (s *evidenceSection) linkDetail(ev app.Evidence, remove *widget.Button) []fyne.CanvasObject {
	title := wrapped(ev.URL)
	title.TextStyle.Bold = true
	copyURL := &widget.Button{Text: i18n.X("gui.evidence.copy_link"), Icon: theme.ContentCopyIcon(),
		OnTapped: func() { s.g.copyText(ev.URL) }}
	objs := []fyne.CanvasObject{title, widget.NewLabel(linkSeen(ev)), s.noteUI(ev)}
	objs = append(objs, s.linkAdvice(ev)...)
	return append(objs, container.NewVBox(container.NewHBox(copyURL), container.NewHBox(remove)))
}

func (s *evidenceSection) fileDetail(ev app.Evidence, remove *widget.Button) []fyne.CanvasObject {
	title := wrapped(ev.Name)
	title.TextStyle.Bold = true
	hash := monospace(hashLines(ev.SHA256))
	copyHash := &widget.Button{Text: i18n.X("gui.evidence.copy_hash"), Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.g.copyText(ev.SHA256) }}
	saveCopy := &widget.Button{Text: i18n.X("gui.evidence.save_copy"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { s.saveCopy(ev) }}
	openExt := &widget.Button{Text: i18n.X("gui.share.evidence.open_external"), Icon: theme.FileApplicationIcon(),
		OnTapped: func() { s.openExternal(ev) }}
	preview := container.NewStack()
	if isPreviewable(ev) {
		s.loadPreview(ev, preview)
	}
	objs := []fyne.CanvasObject{title,
		caption(report.MediaLabel(i18n.Language(), ev.MediaType) + " · " + i18n.Size(ev.Size) + " · " + i18n.X("gui.evidence.added", map[string]any{"Date": i18n.DateTime(ev.AddedAt.Local())})),
		preview}
	objs = append(objs, s.sourceDetail(ev)...)
	return append(objs, s.noteUI(ev),
		labelled("SHA-256", container.NewBorder(nil, nil, nil, container.NewCenter(copyHash), hash)),
		caption(i18n.X("gui.evidence.hash_help")),
		container.NewVBox(container.NewHBox(openExt), container.NewHBox(saveCopy), container.NewHBox(remove)))
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

// hashLines writes a SHA-256 fingerprint on two lines of 32 characters,
// so that the window's width never leaves one character alone on a line.
func hashLines(h string) string {
	if len(h) != 64 {
		return h
	}
	return h[:32] + "\n" + h[32:]
}
