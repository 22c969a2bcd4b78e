package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// profileTab is the report screen's "You": the author as documents name
// them (name, function, workplace, authority, town for letters).
type profileTab struct {
	g *gui

	name, function, workplace, authority, town *control.Entry
	agricultural                               *widget.Check
	save                                       *widget.Button
	status                                     *widget.Label
}

func (t *profileTab) buildUI() fyne.CanvasObject {
	p, err := t.g.journal.Settings.Profile()
	t.agricultural = widget.NewCheck(i18n.X("gui.share.profile.agricultural"), func(bool) { t.g.touch() })
	t.agricultural.SetChecked(p.Agricultural)
	var items []*widget.FormItem
	for _, f := range []struct {
		entry      **control.Entry
		key, value string
		hint       string
	}{{&t.name, "name", p.Name, ""}, {&t.function, "function", p.Function, ""}, {&t.workplace, "workplace", p.Workplace, ""},
		{&t.authority, "authority", p.Authority, i18n.X("gui.share.profile.authority_hint")}, {&t.town, "town", p.Town, ""}} {
		e := t.g.entry()
		e.SetText(f.value)
		e.SetPlaceHolder(i18n.X("gui.share.profile." + f.key + "_placeholder"))
		*f.entry = e
		items = append(items, field(i18n.X("gui.share.profile."+f.key), e, f.hint))
	}
	t.save = &widget.Button{Text: i18n.X("gui.share.profile.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: t.saveProfile}
	t.status = caption("")
	if err != nil {
		t.status.SetText(t.g.say(err))
	}
	return container.NewVScroll(section(i18n.X("gui.share.profile.title"), caption(i18n.X("gui.share.profile.help")),
		form(items...), t.agricultural, container.NewHBox(t.save), t.status))
}

func (t *profileTab) saveProfile() {
	t.g.touch()
	p := app.Profile{Name: t.name.Text, Function: t.function.Text, Workplace: t.workplace.Text,
		Authority: t.authority.Text, Town: t.town.Text, Agricultural: t.agricultural.Checked}
	if err := t.g.journal.Settings.SetProfile(p); err != nil {
		t.g.showInfo(i18n.X("gui.share.profile.title"), t.g.say(err))
		return
	}
	t.status.SetText(i18n.X("gui.share.profile.saved"))
	t.status.Importance = widget.SuccessImportance
	t.status.Refresh()
}
