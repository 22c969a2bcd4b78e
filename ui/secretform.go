package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// secretForm asks for what opens a backup: the passphrase in force when
// it was made, or the recovery code.
type secretForm struct {
	g        *gui
	kind     *widget.RadioGroup
	pass     *control.Entry
	code     *control.Entry
	box      *fyne.Container
	onSubmit func()
}

func newSecretForm(g *gui, onSubmit func()) *secretForm {
	f := &secretForm{g: g, pass: g.passwordEntry(), code: g.entry(), onSubmit: onSubmit}
	byPass := i18n.X("gui.backup.by_passphrase")
	byCode := i18n.X("gui.backup.by_code")
	f.pass.SetPlaceHolder(i18n.X("gui.backup.passphrase_placeholder"))
	f.code.SetPlaceHolder("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
	f.pass.OnSubmitted = func(string) { f.submit() }
	f.code.OnSubmitted = func(string) { f.submit() }
	f.pass.OnChanged = func(string) { g.touch() }
	f.code.OnChanged = func(string) { g.touch() }
	f.box = container.NewStack(f.pass)
	f.kind = widget.NewRadioGroup([]string{byPass, byCode}, func(v string) {
		if v == byCode {
			f.box.Objects = []fyne.CanvasObject{f.code}
			f.box.Refresh()
			g.win.Canvas().Focus(f.code)
		} else {
			f.box.Objects = []fyne.CanvasObject{f.pass}
			f.box.Refresh()
			g.win.Canvas().Focus(f.pass)
		}
	})
	f.kind.Horizontal = true
	f.kind.Required = true
	f.kind.SetSelected(byPass)
	return f
}

func (f *secretForm) buildUI() fyne.CanvasObject {
	return container.NewVBox(widget.NewLabel(i18n.X("gui.backup.opens_with")), f.kind, f.box)
}

func (f *secretForm) usesCode() bool { return f.kind.Selected != "" && f.box.Objects[0] == f.code }

func (f *secretForm) filled() bool {
	if f.usesCode() {
		return strings.TrimSpace(f.code.Text) != ""
	}
	return f.pass.Text != ""
}

func (f *secretForm) submit() {
	if f.filled() && f.onSubmit != nil {
		f.onSubmit()
	}
}

// secret returns the secret typed, the bytes to clear once it is used
// (a passphrase), and the recovery code typed ("" for a passphrase).
func (f *secretForm) secret() (app.Secret, []byte, string) {
	if f.usesCode() {
		code := strings.TrimSpace(f.code.Text)
		return app.RecoveryCode(code), nil, code
	}
	p := []byte(f.pass.Text)
	return app.Passphrase(p), p, ""
}

func (f *secretForm) clear() {
	f.pass.SetText("")
	f.code.SetText("")
}

func (f *secretForm) disable(off bool) {
	for _, e := range []*control.Entry{f.pass, f.code} {
		if off {
			e.Disable()
		} else {
			e.Enable()
		}
	}
	if off {
		f.kind.Disable()
	} else {
		f.kind.Enable()
	}
}
