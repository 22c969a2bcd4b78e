package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The RSST entry's choices (issue 11, defect 9): the register is open to
// every member of staff, so the entry leaves out the complaint and the
// protection request unless the person adds them, and never holds health
// data; it may be a risk identified rather than an incident; the
// consequences, as written, only when ticked.

// rsstChoices are the boxes of the RSST entry.
type rsstChoices struct {
	risk, complaint, protection, consequences *widget.Check
}

// rsstChoicesUI makes the RSST entry's boxes.
func (t *documentsTab) rsstChoicesUI() fyne.CanvasObject {
	changed := func(bool) { t.showRSST(); t.panel.refreshStale() }
	t.rsstCh = rsstChoices{
		risk:         widget.NewCheck(i18n.X("gui.share.rsst.risk"), changed),
		complaint:    widget.NewCheck(i18n.X("gui.share.rsst.complaint"), changed),
		protection:   widget.NewCheck(i18n.X("gui.share.rsst.protection"), changed),
		consequences: widget.NewCheck(i18n.X("gui.share.rsst.consequences"), changed),
	}
	c := t.rsstCh
	return container.NewVBox(c.risk, c.complaint, c.protection, c.consequences, caption(i18n.X("gui.share.rsst.never_health")))
}

// rsstOptions are the RSST entry's choices.
func (t *documentsTab) rsstOptions() report.RSSTOptions {
	c := t.rsstCh
	opts := report.RSSTOptions{Lang: docLanguage(t.docLang), Now: t.g.now(), Risk: c.risk.Checked, Consequences: c.consequences.Checked}
	if c.complaint.Checked {
		opts.Steps = append(opts.Steps, present.RSSTMentions["complaint"]...)
	}
	if c.protection.Checked {
		opts.Steps = append(opts.Steps, present.RSSTMentions["protection"]...)
	}
	return opts
}
