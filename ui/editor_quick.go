package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// quickTab is the first screen of a new incident, to write it down in
// one breath: what happened, in the person's words (the cursor is
// there), when (quick choices: just now, an hour ago, this morning,
// yesterday; the time of the class) and the channel. "Enregistrer" saves
// at once; the journal then marks the incident "à compléter" until the
// full editor ("Tous les détails") has the rest.
type quickTab struct {
	e       *editorScreen
	facts   *control.Entry
	when    *widget.RadioGroup
	date    *control.DateEntry
	timeOf  *control.Entry
	channel *codeChoice
	details *widget.Button
}

func (t *quickTab) buildUI() fyne.CanvasObject {
	e := t.e
	t.facts = e.newText(8)
	t.facts.SetPlaceHolder(i18n.X("gui.quick.facts_placeholder"))
	t.date = e.newDate()
	t.timeOf = e.newEntry()
	t.timeOf.SetPlaceHolder(i18n.X("gui.quick.time_placeholder"))
	t.timeOf.Validator = validTime
	t.when = widget.NewRadioGroup([]string{i18n.X("gui.quick.now"), i18n.X("gui.quick.hour_ago"),
		i18n.X("gui.quick.morning"), i18n.X("gui.quick.yesterday")}, func(string) { t.pickWhen() })
	t.when.Horizontal = true
	t.channel = newCodeChoice("channel", e.changed, e.g.escape)
	t.details = &widget.Button{Text: i18n.X("gui.quick.details"), Icon: theme.ListIcon(),
		OnTapped: func() { e.g.touch(); e.showDetails() }}
	when := container.NewGridWithColumns(2,
		labelled(i18n.X("field.occurred_at"), withError(t.date)),
		labelled(i18n.X("gui.quick.time"), withError(t.timeOf)))
	return container.NewVBox(
		bold(i18n.X("gui.quick.facts")),
		t.facts,
		caption(i18n.X("gui.quick.facts_hint")),
		widget.NewSeparator(),
		bold(i18n.X("gui.quick.when")),
		t.when, when,
		widget.NewSeparator(),
		labelled(i18n.X("gui.quick.channel"), t.channel.sel),
		caption(i18n.X("gui.quick.later")),
		container.NewHBox(t.details),
	)
}

// pickWhen fills the day and the time from a quick choice.
func (t *quickTab) pickWhen() {
	now := t.e.g.now().Local()
	day, clockText := now, ""
	switch t.when.Selected {
	case i18n.X("gui.quick.now"):
		clockText = clock24(now)
	case i18n.X("gui.quick.hour_ago"):
		day = now.Add(-time.Hour).Truncate(5 * time.Minute)
		clockText = clock24(day)
	case i18n.X("gui.quick.morning"):
	case i18n.X("gui.quick.yesterday"):
		day = now.AddDate(0, 0, -1)
	default:
		return
	}
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	t.date.SetDate(&d)
	t.timeOf.SetText(clockText)
	if clockText == "" {
		t.e.g.win.Canvas().Focus(t.timeOf) // the time of the class, if known
	}
}

func clock24(t time.Time) string { return t.Format("15:04") }

func (t *quickTab) load(in *app.Incident) {
	t.facts.SetText(in.Description)
	t.date.SetDate(nil)
	if !in.OccurredAt.IsZero() {
		local := in.OccurredAt.Local()
		d := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		t.date.SetDate(&d)
	}
	t.timeOf.SetText("")
	if !in.TimeUnknown && !in.OccurredAt.IsZero() {
		t.timeOf.SetText(clock24(in.OccurredAt.Local()))
	}
	t.channel.set("")
	if len(in.Channels) > 0 {
		t.channel.set(in.Channels[0])
	}
}

func (t *quickTab) collect(in *app.Incident) {
	in.Description = t.facts.Text
	in.OccurredAt, in.TimeUnknown = time.Time{}, false
	if d := t.date.Date; d != nil {
		h, m, ok := parseClock(t.timeOf.Text)
		in.TimeUnknown = !ok
		in.OccurredAt = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, time.Local)
	}
	in.Channels = nil
	if c := t.channel.get(); c != "" {
		in.Channels = []string{c}
	}
}

// problems says which typed fields cannot be read, and why.
func (t *quickTab) problems() []error {
	return fieldProblems(
		fieldProblem{i18n.X("field.occurred_at"), t.date.Err()},
		fieldProblem{i18n.X("gui.quick.time"), validTime(t.timeOf.Text)})
}

// quickOnly reports whether an incident holds nothing the quick screen
// does not show, so that it can be resumed there.
func quickOnly(in *app.Incident) bool {
	if in == nil {
		return true
	}
	return len(in.Channels) <= 1 && strings.TrimSpace(in.ExactWords) == "" && len(in.Kinds) == 0 &&
		in.Perpetrator == "" && in.Setting == "" && len(in.Witnesses) == 0 && len(in.Actions) == 0 &&
		in.Consequences == "" && in.Notes == "" && in.MedicalNote == "" && in.Place == "" &&
		in.EndedAt == nil && in.PerpetratorRef == "" && in.VideoCall == nil
}

// fieldProblem is a field whose text cannot be read, and why.
type fieldProblem struct {
	label string
	err   error
}

// fieldProblems turns the fields that cannot be read into errors that
// name them ("Date des faits : …").
func fieldProblems(fields ...fieldProblem) []error {
	var out []error
	for _, f := range fields {
		if f.err != nil {
			out = append(out, present.Said(i18n.Language().Colon(f.label)+" "+f.err.Error()))
		}
	}
	return out
}

// validatable is a field that says why what is typed is wrong.
type validatable interface {
	fyne.CanvasObject
	SetOnValidationChanged(func(error))
}

// withError shows under a field why what is typed there cannot be read.
func withError(f validatable) fyne.CanvasObject {
	why := caption("")
	why.Importance = widget.DangerImportance
	why.Hide()
	f.SetOnValidationChanged(func(err error) {
		if err == nil {
			why.Hide()
			return
		}
		why.SetText(err.Error())
		why.Show()
	})
	return container.NewVBox(f, why)
}
