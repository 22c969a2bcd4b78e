package ui

import (
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
	"github.com/temoin-app/temoin/ui/present"
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
// read from a key file). The key is checked as it is typed: what is
// wrong is said under it (a character missing, a typo), its fingerprint
// once it is valid; "Ajouter" waits for a name and a valid key. When
// adding fails, the dialog stays open with what was typed, and says why
// (issue 12, bug 7).
type addRepDialog struct {
	t              *repsTab
	name, org, key *control.Entry
	status         *widget.Label // what is wrong with the key, or its fingerprint
	problem        *widget.Label // why adding failed
	addBtn         *widget.Button
	d              dialog.Dialog
}

func (t *repsTab) showAdd() {
	g := t.s.g
	g.touch()
	a := &addRepDialog{t: t, name: g.entry(), org: g.entry(), key: g.entry(), status: caption(""), problem: wrapped("")}
	a.name.SetPlaceHolder(i18n.X("gui.share.reps.name_placeholder"))
	a.org.SetPlaceHolder(i18n.X("gui.share.reps.org_placeholder"))
	a.key.SetPlaceHolder("age1…")
	a.problem.Importance = widget.DangerImportance
	a.problem.Hide()
	a.name.OnChanged = func(string) { a.check() }
	a.key.OnChanged = func(string) { a.check() }
	a.key.OnSubmitted = func(string) { a.submit() }
	a.name.OnSubmitted = func(string) { g.win.Canvas().Focus(a.key) }
	a.addBtn = &widget.Button{Text: i18n.X("gui.share.reps.add_yes"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: a.submit}
	cancel := &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { a.d.Hide() }}
	form := widget.NewForm(a.items()...)
	content := container.NewVBox(form, a.problem, container.NewHBox(layout.NewSpacer(), cancel, a.addBtn))
	a.d = dialog.NewCustomWithoutButtons(i18n.X("gui.share.reps.add_title"), card(620, content), g.win)
	a.check()
	t.add = a
	g.showDialog(a.d)
	g.win.Canvas().Focus(a.name)
}

func (a *addRepDialog) items() []*widget.FormItem {
	fromFile := &widget.Button{Text: i18n.X("gui.share.reps.key_file"), Icon: theme.FolderOpenIcon(), Importance: widget.LowImportance,
		OnTapped: a.keyFromFile}
	return []*widget.FormItem{
		field(i18n.X("gui.share.reps.name"), a.name, ""),
		field(i18n.X("gui.share.reps.org"), a.org, ""),
		field(i18n.X("gui.share.reps.key"), container.NewVBox(a.key, a.status, container.NewHBox(fromFile)), ""),
		{Widget: caption(i18n.X("gui.share.reps.compare"))},
	}
}

// check says what is wrong with the key as it is typed, and lets the
// person add the representative once a name and a valid key are there.
func (a *addRepDialog) check() {
	msg, ok := present.KeyStatus(a.key.Text)
	a.status.SetText(msg)
	switch {
	case ok:
		a.status.Importance = widget.SuccessImportance
	case msg != "":
		a.status.Importance = widget.WarningImportance
	}
	a.status.Refresh()
	if ok && strings.TrimSpace(a.name.Text) != "" {
		a.addBtn.Enable()
	} else {
		a.addBtn.Disable()
	}
}

// keyFromFile reads the key from a key file the person chooses.
func (a *addRepDialog) keyFromFile() {
	g := a.t.s.g
	g.pick.open(func(path string) {
		k, err := readPublicKey(path)
		if err != nil {
			a.say(g.say(err))
			return
		}
		a.key.SetText(k)
	})
}

// submit adds the representative; on failure the dialog stays open with
// what was typed, and says why.
func (a *addRepDialog) submit() {
	a.check()
	if a.addBtn.Disabled() {
		if msg, _ := present.KeyStatus(a.key.Text); msg != "" && strings.TrimSpace(a.name.Text) != "" {
			// The line under the key already says what is wrong.
			a.problem.Hide()
			a.t.s.g.win.Canvas().Focus(a.key)
			return
		}
		a.say(a.missing())
		return
	}
	if err := a.t.s.addRep(a.name.Text, a.org.Text, present.KeyText(a.key.Text)); err != nil {
		a.say(a.t.s.g.say(err))
		return
	}
	a.d.Hide()
}

// missing says what the dialog still needs.
func (a *addRepDialog) missing() string {
	if strings.TrimSpace(a.name.Text) == "" {
		return i18n.X("gui.share.reps.name_needed")
	}
	if msg, _ := present.KeyStatus(a.key.Text); msg != "" {
		return msg
	}
	return i18n.X("error.invalid_key")
}

// say shows why the representative was not added.
func (a *addRepDialog) say(msg string) {
	a.problem.SetText(msg)
	a.problem.Show()
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
