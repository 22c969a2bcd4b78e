package control

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WheelScroll is a vertical scroll of a long form that the mouse wheel
// moves wherever the pointer is. Fyne gives a wheel event to the deepest
// scrollable object under the pointer, and every entry holds a scroller
// of its own: over a field, the form stopped scrolling (fyne-io/fyne
// #1939). A transparent layer over the form, which is scrollable and
// nothing else (clicks, typing and hovering go through to the fields),
// takes the wheel and passes it to the form. Multi-line fields grow with
// their text (GrowingEntry), so nothing inside them needs the wheel.
func WheelScroll(content fyne.CanvasObject) (fyne.CanvasObject, *container.Scroll) {
	s := container.NewVScroll(content)
	return container.NewStack(s, newWheelLayer(s)), s
}

// ShowObject scrolls s so that o, which it holds, is in view: a field
// that gets the focus is where the person can see what they type.
func ShowObject(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	if top < s.Offset.Y || top+o.Size().Height > s.Offset.Y+s.Size().Height {
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(top-4*theme.Padding(), 0)))
	}
}

// wheelLayer passes the wheel to its scroll.
type wheelLayer struct {
	widget.BaseWidget
	to *container.Scroll
}

func newWheelLayer(to *container.Scroll) *wheelLayer {
	l := &wheelLayer{to: to}
	l.ExtendBaseWidget(l)
	return l
}

// Scrolled moves the form.
func (l *wheelLayer) Scrolled(ev *fyne.ScrollEvent) { l.to.Scrolled(ev) }

// CreateRenderer draws nothing.
func (l *wheelLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// MinSize is nothing: the layer takes the form's size.
func (l *wheelLayer) MinSize() fyne.Size { return fyne.Size{} }
