package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// progressView is long work shown to the person: what is being done, a
// bar, and Cancel. It is the one the screens show, in a dialog
// (showProgress) or in a panel of their own (docPanel, the check of a
// backup, a restore).
type progressView struct {
	label  *widget.Label
	bar    *widget.ProgressBar
	cancel *widget.Button
	box    *fyne.Container
}

// newProgressView shows text above a bar; Cancel calls stop (no button
// when stop is nil).
func newProgressView(text string, stop func()) *progressView {
	v := &progressView{label: wrapped(text), bar: widget.NewProgressBar()}
	v.box = container.NewVBox(v.label, v.bar)
	if stop != nil {
		v.cancel = &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: stop}
		v.box.Add(container.NewCenter(v.cancel))
	}
	return v
}

// show shows a status; call it on the UI thread.
func (v *progressView) show(s present.Status) {
	if s.Stage != "" {
		v.label.SetText(s.Stage)
	}
	if s.Total > 0 {
		v.bar.SetValue(s.Fraction())
	}
}

// progress returns the progress model whose printer updates the view
// from the goroutine of the work, through fyne.Do. also, if not nil, runs
// with each update on the UI thread (a long backup is activity).
func (v *progressView) progress(also func()) *present.Progress {
	return present.NewProgress("", func(s present.Status) {
		fyne.Do(func() {
			v.show(s)
			if also != nil {
				also()
			}
		})
	})
}

// progressDialog is work shown in a dialog that closes when it ends;
// closing it (Escape) cancels the work, as Cancel does.
type progressDialog struct {
	*progressView
	d dialog.Dialog
}

// showProgress shows a progress dialog for work that cancel stops.
func (g *gui) showProgress(title, text string, cancel context.CancelFunc) *progressDialog {
	v := newProgressView(text, func() { g.touch(); cancel() })
	p := &progressDialog{progressView: v}
	p.d = dialog.NewCustomWithoutButtons(title, card(420, v.box), g.win)
	g.showDialog(p.d)
	p.d.SetOnClosed(func() { g.forget(p.d); cancel() })
	return p
}

// close closes the dialog (before anything else is shown: hiding a
// dialog also removes the ones shown after it).
func (p *progressDialog) close() {
	if p != nil {
		p.d.Hide()
	}
}
