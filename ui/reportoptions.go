package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// reportOptions are the choices of a report, as "temoin report" offers
// them: period or chosen incidents, language, pseudonymisation (on, with
// the people list at hand), medical notes (off), the author's name or a
// pseudonym, the request to the committee, thumbnails. The send screen
// uses it too, for the report of the bundle.
type reportOptions struct {
	g *gui

	mode      *widget.RadioGroup
	since     *control.DateEntry
	until     *control.DateEntry
	picker    *incidentPicker
	periodBox *fyne.Container
	pickBox   *fyne.Container

	audience     *widget.RadioGroup // who reads the report (the report screen only)
	audienceHelp *widget.Label
	audienceBox  *fyne.Container
	relayout     func()          // lays the screen's choices out again
	notes        *widget.Check   // the author's private notes
	contacts     *widget.Check   // the witnesses' contact details (lawyer)
	replaced     *fyne.Container // the words the documents will replace
	repl         *replacedUI

	language     *widget.Select
	pseudo       *widget.Check
	people       *peopleEditor
	peopleBox    *fyne.Container
	namesWarn    *widget.Label
	health       *widget.Check
	healthWarn   *widget.Label
	authorPseudo *widget.Check
	authorName   *control.Entry
	request      *control.Entry
	thumbs       *widget.Check

	// onChanged is called when the selection changes.
	onChanged func()
}

func newReportOptions(g *gui) *reportOptions {
	return &reportOptions{g: g}
}

func (o *reportOptions) changed() {
	o.g.touch()
	if o.onChanged != nil {
		o.onChanged()
	}
}

func (o *reportOptions) newDate() *control.DateEntry { return o.g.dateEntry(o.changed) }

// audienceUI chooses who reads the report: what it holds follows from
// it (the committee's is read by the employer).
func (o *reportOptions) audienceUI() fyne.CanvasObject {
	names := make([]string, len(report.Audiences))
	for i, a := range report.Audiences {
		names[i] = i18n.X("gui.share.options.audience." + a.String())
	}
	o.audienceHelp = wrapped("")
	o.contacts = widget.NewCheck(i18n.X("gui.share.options.witness_contacts"), func(bool) { o.changed() })
	o.audience = widget.NewRadioGroup(names, func(string) {
		a := o.reader()
		o.audienceHelp.SetText(i18n.X("gui.share.options.audience_help." + a.String()))
		o.contacts.Hidden = a != report.ForLawyer
		if o.audienceBox != nil {
			o.audienceBox.Refresh() // lays the box out again
		}
		if o.relayout != nil {
			o.relayout() // and the cards around it
		}
		o.changed()
	})
	o.audience.Required = true
	o.audience.SetSelected(names[0])
	o.audienceBox = container.NewVBox(o.audience, o.audienceHelp, o.contacts)
	return o.audienceBox
}

// reader returns who the report is for (the committee when the screen
// does not ask).
func (o *reportOptions) reader() report.Audience {
	if o.audience == nil {
		return report.ForCommittee
	}
	return report.Audiences[max(0, radioIndex(o.audience))]
}

// choices is the fingerprint of the choices and of the people list: a
// report made from other choices is out of date.
func (o *reportOptions) choices() string {
	opts, err := o.options()
	opts.Now = time.Time{}
	return docChoices(o.g, opts, err)
}

// selectionUI is the part that chooses the incidents.
func (o *reportOptions) selectionUI() fyne.CanvasObject {
	periodLabel := i18n.X("gui.share.options.period")
	pickLabel := i18n.X("gui.share.options.chosen")
	o.since, o.until = o.newDate(), o.newDate()
	o.picker = newIncidentPicker(o.g, o.changed)
	o.periodBox = container.NewVBox(
		container.NewGridWithColumns(2,
			labelled(i18n.X("gui.share.options.since"), o.since),
			labelled(i18n.X("gui.share.options.until"), o.until)),
		caption(i18n.X("gui.share.options.period_help")))
	o.pickBox = container.NewVBox(o.picker.buildUI())
	o.pickBox.Hide()
	o.mode = widget.NewRadioGroup([]string{periodLabel, pickLabel}, func(v string) {
		o.periodBox.Hidden = v != periodLabel
		o.pickBox.Hidden = v != pickLabel
		o.periodBox.Refresh()
		o.pickBox.Refresh()
		o.changed()
	})
	o.mode.Horizontal = true
	o.mode.Required = true
	o.mode.SetSelected(periodLabel)
	return container.NewVBox(o.mode, o.periodBox, o.pickBox)
}

// choicesUI is the part that chooses what the report shows.
func (o *reportOptions) choicesUI() fyne.CanvasObject {
	o.language = newDocLanguage(o.changed)

	o.people = newPeopleEditor(o.g)
	o.people.onChanged = o.peopleChanged
	o.replaced = container.NewVBox()
	o.showReplaced()
	o.peopleBox = container.NewVBox(o.people.buildUI())
	o.namesWarn = caption(i18n.X("gui.share.options.names_warning"))
	o.namesWarn.Importance = widget.WarningImportance
	o.namesWarn.Hide()
	o.pseudo = widget.NewCheck(i18n.X("gui.share.options.pseudonymize"), func(on bool) {
		o.namesWarn.Hidden = on
		o.namesWarn.Refresh()
		o.changed()
	})
	o.pseudo.SetChecked(true)

	o.healthWarn = wrapped(i18n.X("gui.share.options.health_warning"))
	o.healthWarn.Importance = widget.DangerImportance
	o.healthWarn.Hide()
	o.health = widget.NewCheck(i18n.X("gui.share.options.health"), func(on bool) {
		o.healthWarn.Hidden = !on
		o.healthWarn.Refresh()
		o.changed()
	})
	o.notes = widget.NewCheck(i18n.X("gui.share.options.notes"), func(bool) { o.changed() })

	o.authorName = o.g.entry()
	o.authorName.SetPlaceHolder(i18n.X("gui.share.options.author_placeholder"))
	o.authorName.Hide()
	o.authorName.OnChanged = func(string) { o.changed() }
	o.authorPseudo = widget.NewCheck(i18n.X("gui.share.options.author_pseudonym"), func(on bool) {
		o.authorName.Hidden = !on
		o.authorName.Refresh()
		o.changed()
	})
	o.thumbs = widget.NewCheck(i18n.X("gui.share.options.thumbnails"), func(bool) { o.changed() })
	o.request = o.g.multiLineEntry(3)
	o.request.OnChanged = func(string) { o.changed() }
	o.request.SetPlaceHolder(i18n.X("gui.share.options.request_placeholder"))

	return container.NewVBox(
		o.pseudo,
		container.NewPadded(container.NewVBox(o.peopleBox, o.replaced, o.namesWarn)),
		o.health, o.healthWarn,
		o.notes,
		o.authorPseudo, o.authorName,
		o.thumbs,
		labelled(i18n.X("gui.share.options.language"), o.language),
	)
}

// requestUI is the request to the committee.
func (o *reportOptions) requestUI() fyne.CanvasObject {
	return container.NewVBox(
		caption(i18n.X("gui.share.options.request_help")),
		o.request)
}

// chosenMode reports whether the incidents are picked by hand.
func (o *reportOptions) chosenMode() bool { return o.mode.Selected != o.mode.Options[0] }

// options returns the choices as report.Options.
func (o *reportOptions) options() (report.Options, error) {
	opts := report.Options{
		Lang:           docLanguage(o.language),
		Audience:       o.reader(),
		NoPseudonymize: !o.pseudo.Checked,
		IncludeHealth:  o.health.Checked,
		IncludeNotes:   o.notes.Checked,
		Thumbnails:     o.thumbs.Checked,
		Request:        strings.TrimSpace(o.request.Text),
		Now:            o.g.now(),
	}
	if o.contacts != nil {
		opts.WitnessContacts = opts.Audience == report.ForLawyer && o.contacts.Checked
	}
	if o.authorPseudo.Checked {
		opts.AuthorPseudonym = strings.TrimSpace(o.authorName.Text)
	}
	if o.chosenMode() {
		opts.IncidentIDs = o.picker.ids()
		if len(opts.IncidentIDs) == 0 {
			return opts, present.Said(i18n.X("gui.share.options.none_chosen"))
		}
		return opts, nil
	}
	opts.Since, opts.Until = dateOf(o.since.Date), dateOf(o.until.Date)
	if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Until.Before(opts.Since) {
		return opts, present.Said(i18n.X("gui.share.options.bad_period"))
	}
	return opts, nil
}

// selected returns the incidents the choices select.
func (o *reportOptions) selected() []*app.Incident {
	opts, err := o.options()
	if err != nil {
		return nil
	}
	if len(opts.IncidentIDs) > 0 {
		return o.g.journal.Incidents.List(app.Filter{IDs: opts.IncidentIDs})
	}
	return o.g.journal.Incidents.List(app.Filter{Since: opts.Since, Until: opts.Until})
}
