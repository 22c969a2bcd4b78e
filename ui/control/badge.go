package control

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Badge is a small rounded count, such as the number of deadlines due
// soon. It is hidden when its text is empty.
type Badge struct {
	widget.BaseWidget
	Text string
	// Warning colours it as something that needs attention.
	Warning bool
}

// NewBadge returns a badge showing text.
func NewBadge(text string) *Badge {
	b := &Badge{Text: text}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the text; "" hides the badge.
func (b *Badge) SetText(text string) {
	b.Text = text
	b.Refresh()
}

func (b *Badge) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bg.CornerRadius = 9
	txt := canvas.NewText(b.Text, theme.Color(theme.ColorNameForegroundOnPrimary))
	txt.TextSize = theme.CaptionTextSize()
	txt.TextStyle.Bold = true
	r := &badgeRenderer{b: b, bg: bg, txt: txt}
	r.box = container.NewStack(bg, container.New(&padLayout{h: 7, v: 2}, txt))
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b   *Badge
	bg  *canvas.Rectangle
	txt *canvas.Text
	box *fyne.Container
}

func (r *badgeRenderer) Destroy()           {}
func (r *badgeRenderer) Layout(s fyne.Size) { r.box.Resize(s) }
func (r *badgeRenderer) MinSize() fyne.Size {
	if r.b.Text == "" {
		return fyne.Size{}
	}
	return r.box.MinSize()
}
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *badgeRenderer) Refresh() {
	r.txt.Text = r.b.Text
	if r.b.Warning {
		r.bg.FillColor = theme.Color(theme.ColorNameWarning)
		r.txt.Color = theme.Color(theme.ColorNameForegroundOnWarning)
	} else {
		r.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		r.txt.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	}
	r.box.Hidden = r.b.Text == ""
	r.txt.Refresh()
	r.bg.Refresh()
}

// padLayout centres one object with fixed padding around it.
type padLayout struct{ h, v float32 }

func (l *padLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Add(fyne.NewSize(2*l.h, 2*l.v))
}

func (l *padLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	objs[0].Move(fyne.NewPos(l.h, l.v))
	objs[0].Resize(s.Subtract(fyne.NewSize(2*l.h, 2*l.v)))
}
