package ui

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/assets"
	"github.com/temoin-app/temoin/i18n"
)

// guideTopic is one page of the guide.
type guideTopic struct {
	title, text string
	evidence    bool // the page on evidence, with its buttons
}

// guideTopics reads the guide's pages in a language, in name order.
func guideTopics(language string) []guideTopic {
	dir := path.Join("guide", language)
	entries, err := fs.ReadDir(assets.Guide, dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var out []guideTopic
	for _, n := range names {
		data, err := fs.ReadFile(assets.Guide, path.Join(dir, n))
		if err != nil {
			continue
		}
		text := string(data)
		title := strings.TrimSuffix(n, ".md")
		if first, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(first, "# ") {
			title = strings.TrimPrefix(first, "# ")
		}
		out = append(out, guideTopic{title: title, text: text, evidence: strings.HasPrefix(n, "06-")})
	}
	return out
}

// guideScreen shows the guide: what to do after an aggression, the
// deadlines, practical advice. Texts live in assets/guide.
type guideScreen struct {
	g       *gui
	topics  []guideTopic
	list    *widget.List
	text    *widget.RichText
	scroll  *container.Scroll
	actions *fyne.Container // the evidence page's buttons
}

func (s *guideScreen) buildUI() fyne.CanvasObject {
	s.topics = guideTopics(i18n.Language().String())
	s.text = widget.NewRichTextFromMarkdown("")
	s.text.Wrapping = fyne.TextWrapWord
	s.actions = container.NewHBox(
		&widget.Button{Text: i18n.X("gui.sheet.button"), Icon: theme.UploadIcon(), OnTapped: s.g.chooseSheet},
		&widget.Button{Text: i18n.X("gui.capture.button"), Icon: theme.MediaPhotoIcon(), OnTapped: func() { s.g.captureDialog("") }})
	s.actions.Hide()
	s.scroll = container.NewVScroll(container.NewPadded(column(760, container.NewVBox(s.text, s.actions))))
	s.list = widget.NewList(
		func() int { return len(s.topics) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.topics[id].title) },
	)
	s.list.OnSelected = func(id widget.ListItemID) { s.g.touch(); s.show(id) }
	for i := range s.topics {
		s.list.SetItemHeight(i, 52)
	}
	top := container.NewVBox(heading(i18n.X("gui.guide.title")),
		caption(i18n.X("gui.guide.help")))
	split := container.NewHSplit(s.list, s.scroll)
	split.Offset = 0.28
	if len(s.topics) > 0 {
		s.list.Select(0)
	}
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

func (s *guideScreen) show(i int) {
	if i < 0 || i >= len(s.topics) {
		return
	}
	s.text.ParseMarkdown(s.topics[i].text)
	if s.topics[i].evidence && s.g.journal != nil {
		s.actions.Show()
	} else {
		s.actions.Hide()
	}
	s.scroll.ScrollToTop()
}
