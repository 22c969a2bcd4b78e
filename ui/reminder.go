package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
)

// Settings kept in the vault by the GUI.
const settingReminderSnoozed = "gui.backup.reminder_until" // RFC 3339 time

// reminderSnooze is how long "Later" hides the reminder.
const reminderSnooze = 7 * 24 * time.Hour

// backupReminder is the gentle line on the journal when the last backup
// is older than 30 days: "Dernière sauvegarde il y a 41 jours —
// Sauvegarder maintenant". "Later" hides it for 7 days.
type backupReminder struct {
	g *gui
	// relayout lays the screen out again when the line appears or goes.
	relayout func()
	box      *fyne.Container
	text     *widget.Label
	now      *widget.Button
	later    *widget.Button
}

func newBackupReminder(g *gui) *backupReminder {
	r := &backupReminder{g: g, text: widget.NewLabel("")}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.now = &widget.Button{Text: i18n.X("gui.backup.now"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.LowImportance, OnTapped: func() { g.backupNow(r.refresh) }}
	r.later = &widget.Button{Text: i18n.X("gui.backup.later"), Importance: widget.LowImportance, OnTapped: r.snooze}
	bg := canvas.NewRectangle(theme.Color(colorNameCard))
	bg.CornerRadius = 6
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewHBox(r.now, r.later), r.text)
	r.box = container.NewStack(bg, row)
	r.box.Hide()
	return r
}

// refresh shows the line when a backup is due and was not put off.
func (r *backupReminder) refresh() {
	j := r.g.journal
	if j == nil {
		return
	}
	due, last, err := j.Backups.Reminder(r.g.now())
	if err == nil && due {
		if v, _ := j.Settings.Get(settingReminderSnoozed); v != "" {
			if until, err := time.Parse(time.RFC3339, v); err == nil && r.g.now().Before(until) {
				due = false
			}
		}
	}
	if err != nil || !due {
		r.setVisible(false)
		return
	}
	if last.IsZero() {
		r.text.SetText(i18n.X("gui.backup.reminder_never"))
	} else {
		r.text.SetText(i18n.X("gui.backup.reminder", map[string]any{"Since": r.g.sinceText(last)}))
	}
	r.setVisible(true)
}

func (r *backupReminder) setVisible(on bool) {
	if on == r.box.Visible() {
		return
	}
	if on {
		r.box.Show()
	} else {
		r.box.Hide()
	}
	if r.relayout != nil {
		r.relayout()
	}
}

// snooze hides the reminder for 7 days.
func (r *backupReminder) snooze() {
	r.g.touch()
	if j := r.g.journal; j != nil {
		if err := j.Settings.Set(settingReminderSnoozed, r.g.now().Add(reminderSnooze).UTC().Format(time.RFC3339)); err != nil {
			r.g.showError(err)
			return
		}
	}
	r.setVisible(false)
}
