package ui

import (
	"errors"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// repsTab is the send screen's list of representatives: each with their
// key and its fingerprint, to compare by phone; added by a dialog.
type repsTab struct {
	s      *sendScreen
	box    *fyne.Container
	addBtn *widget.Button
	add    *addRepDialog // the last dialog adding a representative
}

func (t *repsTab) buildUI() fyne.CanvasObject {
	t.box = container.NewVBox()
	t.addBtn = &widget.Button{Text: i18n.X("gui.share.reps.add"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: t.showAdd}
	next := &widget.Button{Text: i18n.X("gui.share.send.prepare"), Icon: theme.NavigateNextIcon(),
		OnTapped: func() { t.s.g.touch(); t.s.tabs.SelectIndex(sendTabExport) }}
	return container.NewBorder(
		container.NewPadded(container.NewVBox(caption(i18n.X("gui.share.reps.help")), container.NewHBox(t.addBtn))),
		container.NewPadded(container.NewHBox(layout.NewSpacer(), next)), nil, nil,
		container.NewVScroll(container.NewPadded(t.box)))
}

func (t *repsTab) showError(err error) {
	t.box.Objects = []fyne.CanvasObject{wrapped(t.s.g.say(err))}
	t.box.Refresh()
}

// show lists the representatives, or says how to add the first.
func (t *repsTab) show(reps []app.Representative) {
	if len(reps) == 0 {
		title := subheading(i18n.X("gui.share.reps.none"))
		title.Alignment = fyne.TextAlignCenter
		text := wrapped(i18n.X("gui.share.reps.none_help"))
		text.Alignment = fyne.TextAlignCenter
		t.box.Objects = []fyne.CanvasObject{container.NewCenter(container.NewVBox(widget.NewIcon(theme.AccountIcon()), title, card(460, text)))}
	} else {
		t.box.Objects = nil
		for _, r := range reps {
			t.box.Add(t.repCard(r))
		}
	}
	t.box.Refresh()
}

func (t *repsTab) repCard(r app.Representative) fyne.CanvasObject {
	head := []fyne.CanvasObject{bold(r.Name)}
	if r.Org != "" {
		head = append(head, widget.NewLabel(r.Org))
	}
	fp := bold(r.Fingerprint())
	fp.TextStyle.Monospace = true
	key := caption(r.Key)
	key.TextStyle.Monospace = true
	key.Wrapping = fyne.TextWrapBreak
	remove := &widget.Button{Text: i18n.X("gui.share.reps.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { t.s.confirmRemove(r) }}
	return widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, container.NewHBox(head...)),
		container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), fp,
			container.NewCenter(caption(i18n.X("gui.share.reps.compare_short")))),
		key))
}

// addRepDialog asks for a name, an organisation and a key (pasted, or
// read from a key file), showing the key's fingerprint as soon as it is
// valid.
type addRepDialog struct {
	t              *repsTab
	name, org, key *control.Entry
	fp             *widget.Label
	d              *dialog.FormDialog
}

func (t *repsTab) showAdd() {
	g := t.s.g
	g.touch()
	a := &addRepDialog{t: t, name: g.entry(), org: g.entry(), key: g.entry(), fp: bold("—")}
	a.fp.TextStyle.Monospace = true
	a.name.SetPlaceHolder(i18n.X("gui.share.reps.name_placeholder"))
	a.org.SetPlaceHolder(i18n.X("gui.share.reps.org_placeholder"))
	a.key.SetPlaceHolder("age1…")
	a.name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(i18n.X("gui.share.reps.name_needed"))
		}
		return nil
	}
	a.key.Validator = func(v string) error {
		if _, err := app.ParsePublicKey(v); err != nil {
			return errors.New(i18n.X("gui.share.reps.key_invalid"))
		}
		return nil
	}
	a.key.OnChanged = a.showFingerprint
	a.d = dialog.NewForm(i18n.X("gui.share.reps.add_title"), i18n.X("gui.share.reps.add_yes"), i18n.X("gui.cancel"), a.items(), a.done, g.win)
	a.d.Resize(fyne.NewSize(660, 1))
	t.add = a
	g.showDialog(a.d)
	g.win.Canvas().Focus(a.name)
}

func (a *addRepDialog) items() []*widget.FormItem {
	fromFile := &widget.Button{Text: i18n.X("gui.share.reps.key_file"), Icon: theme.FolderOpenIcon(), Importance: widget.LowImportance,
		OnTapped: a.keyFromFile}
	fpBox := container.NewVBox(container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), a.fp),
		caption(i18n.X("gui.share.reps.compare")))
	return []*widget.FormItem{
		field(i18n.X("gui.share.reps.name"), a.name, ""),
		field(i18n.X("gui.share.reps.org"), a.org, ""),
		field(i18n.X("gui.share.reps.key"), container.NewVBox(a.key, container.NewHBox(fromFile)), ""),
		{Widget: fpBox},
	}
}

// showFingerprint shows the key's fingerprint as soon as it is valid.
func (a *addRepDialog) showFingerprint(v string) {
	if k, err := app.ParsePublicKey(v); err == nil {
		a.fp.SetText(app.KeyFingerprint(k))
	} else {
		a.fp.SetText("—")
	}
}

// keyFromFile reads the key from a key file the person chooses.
func (a *addRepDialog) keyFromFile() {
	g := a.t.s.g
	g.pick.open(func(path string) {
		k, err := readPublicKey(path)
		if err != nil {
			g.showInfo(i18n.X("gui.share.reps.title"), g.say(err))
			return
		}
		a.key.SetText(k)
	})
}

func (a *addRepDialog) done(ok bool) {
	if !ok {
		return
	}
	if err := a.t.s.addRep(a.name.Text, a.org.Text, a.key.Text); err != nil {
		a.t.s.g.showInfo(i18n.X("gui.share.reps.title"), a.t.s.g.say(err))
	}
}

// readPublicKey reads the public key in a key file (age-keygen, temoin
// keygen, or one age1… line).
func readPublicKey(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10+1))
	if err != nil {
		return "", err
	}
	defer clear(data) // it may hold a secret key
	return app.PublicKeyFromFile(data)
}
