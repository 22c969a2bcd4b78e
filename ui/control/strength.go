package control

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StrengthMeter shows how hard a passphrase is to guess: a bar of five
// steps, coloured from red to green, and a word.
type StrengthMeter struct {
	widget.BaseWidget
	score int // -1 for nothing typed, else 0..4
	text  string
}

// NewStrengthMeter returns an empty meter.
func NewStrengthMeter() *StrengthMeter {
	m := &StrengthMeter{score: -1}
	m.ExtendBaseWidget(m)
	return m
}

// SetScore shows score (0 to 4, or -1 for nothing) with its word.
func (m *StrengthMeter) SetScore(score int, text string) {
	m.score, m.text = score, text
	m.Refresh()
}

// Score returns the score shown.
func (m *StrengthMeter) Score() int { return m.score }

func stepColor(score int) color.Color {
	switch score {
	case 0:
		return color.NRGBA{R: 0xb3, G: 0x41, B: 0x36, A: 0xff}
	case 1:
		return color.NRGBA{R: 0xc7, G: 0x7c, B: 0x1e, A: 0xff}
	case 2:
		return color.NRGBA{R: 0xb9, G: 0xa2, B: 0x2c, A: 0xff}
	case 3:
		return color.NRGBA{R: 0x6d, G: 0x9e, B: 0x4f, A: 0xff}
	}
	return color.NRGBA{R: 0x3f, G: 0x8f, B: 0x5a, A: 0xff}
}

func (m *StrengthMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &strengthRenderer{m: m, label: widget.NewLabel("")}
	bars := make([]fyne.CanvasObject, 5)
	for i := range r.steps {
		r.steps[i] = canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
		r.steps[i].CornerRadius = 2
		r.steps[i].SetMinSize(fyne.NewSize(28, 6))
		bars[i] = r.steps[i]
	}
	r.label.SizeName = theme.SizeNameCaptionText
	r.box = container.NewHBox(container.NewCenter(container.NewGridWithColumns(5, bars...)), r.label)
	r.Refresh()
	return r
}

type strengthRenderer struct {
	m     *StrengthMeter
	steps [5]*canvas.Rectangle
	label *widget.Label
	box   *fyne.Container
}

func (r *strengthRenderer) Destroy()                     {}
func (r *strengthRenderer) Layout(s fyne.Size)           { r.box.Resize(s) }
func (r *strengthRenderer) MinSize() fyne.Size           { return r.box.MinSize() }
func (r *strengthRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *strengthRenderer) Refresh() {
	off := theme.Color(theme.ColorNameDisabledButton)
	for i, s := range r.steps {
		if i <= r.m.score {
			s.FillColor = stepColor(r.m.score)
		} else {
			s.FillColor = off
		}
		s.Refresh()
	}
	r.label.SetText(r.m.text)
}
