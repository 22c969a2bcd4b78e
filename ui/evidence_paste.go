package ui

import (
	"bytes"
	"context"
	"image"
	_ "image/png" // clipboard pictures are PNG
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"golang.design/x/clipboard"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// Paste as evidence: a picture on the clipboard (a capture made with the
// system's own tool, copied without being saved) becomes a PNG evidence;
// text (a Pronote message, an SMS copied) becomes a text evidence with who
// sent it, when, and through what. Nothing is written to disk on the way.

// clipContent is what the clipboard holds: a PNG picture, or text.
type clipContent struct {
	png  []byte
	text string
}

var clipInit = sync.OnceValue(clipboard.Init)

// readClipboard reads the system clipboard: a picture first, then text
// (through Fyne when the picture clipboard cannot be reached).
func (g *gui) readClipboard() clipContent {
	if clipInit() == nil {
		if b := clipboard.Read(clipboard.FmtImage); len(b) > 0 {
			return clipContent{png: b}
		}
		if b := clipboard.Read(clipboard.FmtText); len(b) > 0 {
			return clipContent{text: string(b)}
		}
	}
	return clipContent{text: g.app.Clipboard().Content()}
}

// paste adds what the clipboard holds to the incident, after the person
// has seen it (and, for text, said who sent it).
func (s *evidenceSection) paste() {
	g := s.g
	g.touch()
	if s.e.id == "" {
		g.showInfo(i18n.X("gui.paste.title"), i18n.X("gui.evidence.unsaved"))
		return
	}
	c := g.clipboard()
	switch {
	case len(c.png) > 0:
		s.pasteImage(c.png)
	case strings.TrimSpace(c.text) != "":
		s.pasteText(c.text)
	default:
		g.showInfo(i18n.X("gui.paste.title"), i18n.X("gui.paste.empty"))
	}
}

// pasteImage shows the picture, then keeps it.
func (s *evidenceSection) pasteImage(data []byte) {
	g := s.g
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		g.showInfo(i18n.X("gui.paste.title"), i18n.X("gui.paste.unreadable"))
		return
	}
	view := canvas.NewImageFromImage(img)
	view.FillMode = canvas.ImageFillContain
	view.SetMinSize(fyne.NewSize(480, 300))
	size := caption(i18n.X("gui.paste.image_size", map[string]any{"W": img.Bounds().Dx(), "H": img.Bounds().Dy()}))
	d := dialog.NewCustomConfirm(i18n.X("gui.paste.image_title"), i18n.X("gui.paste.add"), i18n.X("gui.cancel"),
		container.NewBorder(nil, size, nil, nil, view), func(ok bool) {
			if ok {
				s.keepPasted(func(ctx context.Context, j *app.Journal, id string) (*app.Evidence, error) {
					return j.Evidence.AttachFileWith(ctx, id, "collage "+g.now().Local().Format("2006-01-02 15h04m05")+".png",
						bytes.NewReader(data), nil, app.Evidence{Source: app.SourcePaste, CapturedAt: g.now().UTC()})
				})
			}
		}, g.win)
	d.Resize(fyne.NewSize(560, 440))
	g.showDialog(d)
}

// pasteForm is the text pasted and what the person says of it.
type pasteForm struct {
	text, sender, sent *control.Entry
	channel            *widget.Select
}

// pasteText shows the text, asks who sent it, when and how, then keeps
// it.
func (s *evidenceSection) pasteText(text string) {
	g := s.g
	f := &pasteForm{text: g.multiLineEntry(8), sender: g.entry(), sent: g.entry()}
	f.text.SetText(strings.TrimSpace(text))
	f.sender.SetPlaceHolder(i18n.X("gui.paste.sender_placeholder"))
	f.sent.SetPlaceHolder(i18n.X("gui.paste.sent_placeholder"))
	labels := make([]string, len(app.Channels))
	for i, c := range app.Channels {
		labels[i] = i18n.Code("channel", c)
	}
	f.channel = widget.NewSelect(labels, nil)
	s.pasted = f
	if s.e.base != nil && len(s.e.base.Channels) > 0 {
		f.channel.SetSelected(i18n.Code("channel", s.e.base.Channels[0]))
	}
	d := dialog.NewForm(i18n.X("gui.paste.text_title"), i18n.X("gui.paste.add"), i18n.X("gui.cancel"), []*widget.FormItem{
		field(i18n.X("gui.paste.text"), f.text, ""),
		field(i18n.X("gui.paste.sender"), f.sender, ""),
		field(i18n.X("gui.paste.sent"), f.sent, i18n.X("gui.paste.sent_hint")),
		field(i18n.X("gui.paste.channel"), f.channel, ""),
	}, func(ok bool) {
		if ok {
			s.keepPasted(f.attach)
		}
	}, g.win)
	d.Resize(fyne.NewSize(640, 520))
	g.showDialog(d)
	g.win.Canvas().Focus(f.sender)
}

// attach keeps the text with what was said of it.
func (f *pasteForm) attach(ctx context.Context, j *app.Journal, id string) (*app.Evidence, error) {
	channel := ""
	if i := f.channel.SelectedIndex(); i >= 0 && i < len(app.Channels) {
		channel = app.Channels[i]
	}
	return j.Evidence.AttachText(ctx, id, f.text.Text,
		app.Evidence{Sender: strings.TrimSpace(f.sender.Text), SentAt: strings.TrimSpace(f.sent.Text), Channel: channel})
}

// keepPasted stores what was pasted off the UI thread, then shows it.
func (s *evidenceSection) keepPasted(add func(context.Context, *app.Journal, string) (*app.Evidence, error)) {
	j, id := s.g.journal, s.e.id
	s.g.async(func() {
		ev, err := add(context.Background(), j, id)
		fyne.Do(func() { s.g.showNewEvidence(id, ev, err) })
	})
}
