package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// codeChoice is a drop-down of one list of codes, shown by their labels,
// with "not said" first.
type codeChoice struct {
	list string
	sel  *control.Select
}

// newCodeChoice returns a drop-down of a list; Escape while it has the
// focus calls onEscape.
func newCodeChoice(list string, onChanged, onEscape func()) *codeChoice {
	options := []string{i18n.X("gui.choice.none")}
	for _, c := range app.CodeLists[list] {
		options = append(options, i18n.Code(list, c))
	}
	c := &codeChoice{list: list}
	c.sel = control.NewSelect(options, func(string) { onChanged() })
	c.sel.OnEscape = onEscape
	c.sel.PlaceHolder = options[0]
	return c
}

func (c *codeChoice) get() string {
	i := c.sel.SelectedIndex()
	if i <= 0 {
		return ""
	}
	return app.CodeLists[c.list][i-1]
}

func (c *codeChoice) set(code string) {
	i := slices.Index(app.CodeLists[c.list], code)
	if i < 0 {
		c.sel.ClearSelected()
		return
	}
	c.sel.SetSelectedIndex(i + 1)
}

// codeChecks is a grid of check boxes, one per code of a list.
type codeChecks struct {
	list   string
	checks []*control.Check
	box    *fyne.Container
}

// newCodeChecks returns the check boxes of a list; Escape while one has
// the focus calls onEscape.
func newCodeChecks(list string, columns int, onChanged, onEscape func()) *codeChecks {
	c := &codeChecks{list: list}
	var objs []fyne.CanvasObject
	for _, code := range app.CodeLists[list] {
		ch := control.NewCheck(i18n.Code(list, code), func(bool) { onChanged() })
		ch.OnEscape = onEscape
		c.checks = append(c.checks, ch)
		objs = append(objs, ch)
	}
	c.box = container.NewGridWithColumns(columns, objs...)
	return c
}

func (c *codeChecks) get() []string {
	var out []string
	for i, ch := range c.checks {
		if ch.Checked {
			out = append(out, app.CodeLists[c.list][i])
		}
	}
	return out
}

func (c *codeChecks) has(code string) bool { return slices.Contains(c.get(), code) }

func (c *codeChecks) set(codes []string) {
	for i, ch := range c.checks {
		ch.SetChecked(slices.Contains(codes, app.CodeLists[c.list][i]))
	}
}
