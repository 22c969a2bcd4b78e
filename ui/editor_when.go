package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// whenTab is the editor's "When and where": the day, the times, when it
// was discovered, the setting and the place.
type whenTab struct {
	e           *editorScreen
	date        *control.DateEntry
	timeOf      *control.Entry
	timeUnknown *control.Check
	endTime     *control.Entry
	discovered  *control.DateEntry
	setting     *codeChoice
	place       *control.Entry
	workplace   *control.Entry
	authority   *control.Entry
	activity    *control.Entry
}

func (t *whenTab) buildUI() fyne.CanvasObject {
	e := t.e
	t.date, t.discovered = e.newDate(), e.newDate()
	t.timeOf, t.endTime = e.newEntry(), e.newEntry()
	for _, en := range []*control.Entry{t.timeOf, t.endTime} {
		en.SetPlaceHolder(i18n.X("gui.editor.time_placeholder"))
		en.Validator = validTime
	}
	t.timeUnknown = e.newCheck(i18n.X("field.time_unknown"))
	t.timeOf.OnChanged = func(s string) {
		if _, _, ok := parseClock(s); ok && !e.loading {
			t.timeUnknown.SetChecked(false) // a time typed is known
		}
		e.changed()
	}
	t.setting = newCodeChoice("setting", e.changed, e.g.escape)
	t.place, t.workplace, t.authority, t.activity = e.newEntry(), e.newEntry(), e.newEntry(), e.newEntry()
	t.place.SetPlaceHolder(i18n.X("gui.editor.place_placeholder"))
	t.activity.SetPlaceHolder(i18n.X("gui.editor.activity_placeholder"))
	when := container.NewGridWithColumns(3,
		container.NewVBox(bold(i18n.X("field.occurred_at")), withError(t.date)),
		container.NewVBox(bold(i18n.X("gui.editor.time")), withError(t.timeOf)),
		container.NewVBox(bold(i18n.X("gui.editor.end_time")), withError(t.endTime)),
	)
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.when")),
		caption(i18n.X("gui.editor.when_help")),
		when, t.timeUnknown,
		form(
			field(i18n.X("field.discovered_on"), t.discovered, i18n.X("gui.editor.discovered_hint")),
			field(i18n.X("field.setting"), t.setting.sel, ""),
			field(i18n.X("field.place"), t.place, ""),
			field(i18n.X("field.workplace"), t.workplace, ""),
			field(i18n.X("field.authority"), t.authority, i18n.X("gui.editor.authority_hint")),
			field(i18n.X("field.activity"), t.activity, i18n.X("gui.editor.activity_hint")),
		),
	)
}

func (t *whenTab) load(in *app.Incident) {
	local := in.OccurredAt.Local()
	if !in.OccurredAt.IsZero() {
		d := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
		t.date.SetDate(&d)
	} else {
		t.date.SetDate(nil)
	}
	t.timeOf.SetText("")
	if !in.TimeUnknown && !in.OccurredAt.IsZero() {
		t.timeOf.SetText(local.Format("15:04"))
	}
	t.timeUnknown.SetChecked(in.TimeUnknown)
	t.endTime.SetText("")
	if in.EndedAt != nil {
		t.endTime.SetText(in.EndedAt.Local().Format("15:04"))
	}
	setDate(t.discovered, in.DiscoveredOn)
	t.setting.set(in.Setting)
	t.place.SetText(in.Place)
	t.workplace.SetText(in.Workplace)
	t.authority.SetText(in.Authority)
	t.activity.SetText(in.Activity)
}

func (t *whenTab) collect(in *app.Incident) {
	loc := time.Local
	in.OccurredAt = time.Time{}
	if d := t.date.Date; d != nil {
		h, m, ok := parseClock(t.timeOf.Text)
		in.TimeUnknown = t.timeUnknown.Checked || !ok
		if in.TimeUnknown {
			h, m = 0, 0
		}
		in.OccurredAt = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
		in.EndedAt = nil
		if eh, em, ok := parseClock(t.endTime.Text); ok {
			end := time.Date(d.Year(), d.Month(), d.Day(), eh, em, 0, 0, loc)
			in.EndedAt = &end
		}
	}
	in.DiscoveredOn = dateOf(t.discovered.Date)
	in.Setting = t.setting.get()
	in.Place = t.place.Text
	in.Workplace = t.workplace.Text
	in.Authority = t.authority.Text
	in.Activity = t.activity.Text
}

// problems says which typed fields cannot be read, and why.
func (t *whenTab) problems() []error {
	return fieldProblems(
		fieldProblem{i18n.X("field.occurred_at"), t.date.Err()},
		fieldProblem{i18n.X("gui.editor.time"), validTime(t.timeOf.Text)},
		fieldProblem{i18n.X("gui.editor.end_time"), validTime(t.endTime.Text)},
		fieldProblem{i18n.X("field.discovered_on"), t.discovered.Err()})
}

// parseClock reads "14:05", "14h05", "14 h 05" or "14h".
func parseClock(s string) (int, int, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if s == "" {
		return 0, 0, false
	}
	hs, ms, found := strings.Cut(strings.ReplaceAll(s, "h", ":"), ":")
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 || h > 23 {
		return 0, 0, false
	}
	m := 0
	if found && ms != "" {
		m, err = strconv.Atoi(ms)
		if err != nil || m < 0 || m > 59 {
			return 0, 0, false
		}
	}
	return h, m, true
}

func validTime(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, _, ok := parseClock(s); !ok {
		return errors.New(i18n.X("gui.editor.time_invalid"))
	}
	return nil
}
