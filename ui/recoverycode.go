package ui

import (
	"crypto/rand"
	"io"
	"math/big"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// recoveryCodeView shows a recovery code once, offers to print it (a
// one-page PDF in the private viewer folder, erased when the person
// continues) or, after a warning, to save it in a file, then asks for
// four of its characters back.
type recoveryCodeView struct {
	g    *gui
	code string
	done func()

	box      *fyne.Container
	check    *control.Entry
	checkMsg *widget.Label
	nextBtn  *widget.Button
	printBtn *widget.Button
	saveBtn  *widget.Button
	group    int // the group (1-based) whose first four characters are asked
}

func newRecoveryCodeView(g *gui, code string, done func()) *recoveryCodeView {
	v := &recoveryCodeView{g: g, code: code, done: done}
	groups := strings.Split(code, "-")
	n, err := rand.Int(rand.Reader, big.NewInt(int64(max(len(groups)-1, 1))))
	v.group = 2
	if err == nil && len(groups) > 1 {
		v.group = int(n.Int64()) + 2
	}
	return v
}

func (v *recoveryCodeView) buildUI() fyne.CanvasObject {
	v.box = container.NewVBox()
	v.showCode()
	return v.box
}

func (v *recoveryCodeView) showCode() {
	codeText := canvas.NewText(v.code, theme.Color(theme.ColorNameForeground))
	codeText.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	codeText.TextSize = 22
	codeText.Alignment = fyne.TextAlignCenter
	bg := canvas.NewRectangle(theme.Color(colorNameCard))
	bg.CornerRadius = 8
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	v.saveBtn = &widget.Button{Text: i18n.X("gui.code.save"), Icon: theme.DocumentSaveIcon(), OnTapped: v.confirmSave}
	v.printBtn = &widget.Button{Text: i18n.X("gui.code.print"), Icon: theme.DocumentPrintIcon(), OnTapped: v.print}
	next := &widget.Button{Text: i18n.X("gui.code.noted"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.showCheck}
	v.box.Objects = []fyne.CanvasObject{
		heading(i18n.X("gui.code.title")),
		wrapped(i18n.X("gui.code.intro")),
		container.NewStack(bg, container.NewPadded(container.NewPadded(codeText))),
		container.NewGridWithColumns(2, v.printBtn, v.saveBtn),
		caption(i18n.X("gui.code.print_help")),
		next,
	}
	v.box.Refresh()
}

func (v *recoveryCodeView) showCheck() {
	v.check = v.g.entry()
	v.check.SetPlaceHolder("XXXX")
	v.checkMsg = caption("")
	v.nextBtn = &widget.Button{Text: i18n.X("gui.code.continue"), Icon: theme.NavigateNextIcon(),
		Importance: widget.HighImportance, OnTapped: v.finish}
	v.nextBtn.Disable()
	v.check.OnChanged = func(s string) {
		v.g.touch()
		switch {
		case v.checkOK():
			v.nextBtn.Enable()
			v.checkMsg.Importance = widget.SuccessImportance
			v.checkMsg.SetText(i18n.X("gui.code.check_ok"))
		case len([]rune(strings.TrimSpace(s))) >= len(v.expected()):
			v.nextBtn.Disable()
			v.sayWrong()
		default:
			v.nextBtn.Disable()
			v.checkMsg.SetText("")
		}
	}
	v.check.OnSubmitted = func(string) {
		if !v.checkOK() {
			v.sayWrong()
		}
		v.finish()
	}
	back := &widget.Button{Text: i18n.X("gui.code.see_again"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: v.showCode}
	v.box.Objects = []fyne.CanvasObject{
		heading(i18n.X("gui.code.check_title")),
		wrapped(i18n.X("gui.code.check", map[string]any{"N": v.group})),
		v.check, v.checkMsg,
		container.NewGridWithColumns(2, back, v.nextBtn),
	}
	v.box.Refresh()
	v.g.win.Canvas().Focus(v.check)
}

// expected returns the four characters asked for.
func (v *recoveryCodeView) expected() string {
	groups := strings.Split(v.code, "-")
	if v.group-1 >= len(groups) {
		return ""
	}
	g := groups[v.group-1]
	return g[:min(4, len(g))]
}

func (v *recoveryCodeView) checkOK() bool {
	return strings.EqualFold(strings.TrimSpace(v.check.Text), v.expected())
}

// sayWrong says that the characters typed are not the ones asked.
func (v *recoveryCodeView) sayWrong() {
	v.checkMsg.Importance = widget.DangerImportance
	v.checkMsg.SetText(i18n.X("gui.code.check_wrong", map[string]any{"N": v.group}))
}

// finish goes on once the check is right, erasing the page opened for
// printing.
func (v *recoveryCodeView) finish() {
	if v.check == nil || !v.checkOK() {
		return
	}
	v.g.viewer.wipe()
	v.done()
}

// print opens a one-page PDF of the code with the system's PDF reader,
// to print it; the page lives in the private viewer folder and is erased
// when the person continues (and at each lock and exit).
func (v *recoveryCodeView) print() {
	v.g.touch()
	v.g.writeAndOpen(i18n.X("code.pdf.title")+".pdf", func(w io.Writer) error {
		return present.RecoveryCodePDF(w, v.code)
	})
}

// confirmSave warns that a file on this computer can be read by whoever
// uses it, then lets the person choose where to save the code.
func (v *recoveryCodeView) confirmSave() {
	v.g.touch()
	v.g.confirm(i18n.X("gui.code.save_warning_title"), i18n.X("gui.code.save_warning"),
		i18n.X("gui.code.save_anyway"), i18n.X("gui.cancel"), v.save)
}

// save writes the code as a text file where the person chooses, readable
// by them only.
func (v *recoveryCodeView) save() {
	v.g.pick.save(i18n.X("gui.code.filename"), func(path string) {
		text := i18n.X("gui.code.file", map[string]any{"Code": v.code})
		if _, err := present.WritePrivate(path, true, strings.NewReader(text)); err != nil {
			v.g.showError(present.In(err, present.Where{File: path}))
			return
		}
		v.g.showInfo(i18n.X("gui.code.saved_title"), i18n.X("gui.code.saved"))
	})
}
