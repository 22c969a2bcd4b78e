package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// newFullIncident opens the full editor on a new incident (Ctrl+N, then
// "Tous les détails").
func newFullIncident(g *gui) *editorScreen {
	g.main.newIncident()
	e := g.main.editor
	if e.quick != nil {
		e.showDetails()
	}
	return e
}

// TestQuickCapture: Ctrl+N, the facts typed where the cursor is, "il y
// a 1 h", the channel, Ctrl+S: saved at once, back in the journal,
// marked "à compléter"; a click opens it in the full editor.
func TestQuickCapture(t *testing.T) {
	g := unlockTestGUI(t)
	g.main.newIncident()
	e := g.main.editor
	if e == nil || e.quick == nil {
		t.Fatal("Ctrl+N did not open the quick screen")
	}
	q := e.quick
	if g.win.Canvas().Focused() != q.facts {
		t.Fatalf("the cursor is not in the facts: %v", g.win.Canvas().Focused())
	}
	if q.timeOf.Text != "" {
		t.Errorf("the time is %q before anything is chosen: the class was earlier", q.timeOf.Text)
	}
	test.Type(q.facts, "Intrusion dans la classe virtuelle, insultes au micro.")
	q.when.SetSelected(i18n.X("gui.quick.hour_ago"))
	q.channel.set("video_call")
	g.main.save() // Ctrl+S
	if g.journal.Incidents.Count() != 1 {
		t.Fatalf("not saved (%d dialogs): %q", len(g.dialogs), e.status.Text)
	}
	js := g.main.journal
	if g.main.current != js || !js.notice.Visible() {
		t.Fatal("after saving, the journal should show, saying what happened")
	}
	in := js.items[0].in
	want := time.Date(2026, 3, 20, 14, 30, 0, 0, time.UTC)
	if !in.OccurredAt.Equal(want) || in.TimeUnknown || !in.HasChannel("video_call") {
		t.Errorf("saved: %v (time unknown %v), %v", in.OccurredAt, in.TimeUnknown, in.Channels)
	}
	if drafts, _ := g.journal.Drafts.List(); len(drafts) != 0 {
		t.Errorf("a draft was kept after saving: %v", drafts)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), i18n.X("gui.journal.to_complete")) {
		t.Error("the journal does not mark the incident « à compléter »")
	}
	js.list.Select(0)
	if e := g.main.editor; e == nil || e.quick != nil || e.tabs == nil || e.what.description.Text != in.Description {
		t.Fatal("the incident does not open in the full editor")
	}
}

// TestQuickCaptureDays: "ce matin" leaves the time to the person (the
// cursor goes there), "hier" typed in the day is read; nothing typed in
// the time: the time is unknown.
func TestQuickCaptureDays(t *testing.T) {
	g := unlockTestGUI(t)
	g.main.newIncident()
	q := g.main.editor.quick
	test.Type(q.facts, "Insultes en cours.")
	q.when.SetSelected(i18n.X("gui.quick.morning"))
	if g.win.Canvas().Focused() != q.timeOf || q.date.Date == nil || q.date.Date.Day() != 20 {
		t.Errorf("« ce matin »: day %v, focus %v", q.date.Date, g.win.Canvas().Focused())
	}
	test.Type(q.timeOf, "8 h 30")
	q.date.SetText("hier")
	g.main.save()
	ins := g.journal.Incidents.List(app.Filter{})
	if len(ins) != 1 || !ins[0].OccurredAt.Equal(time.Date(2026, 3, 19, 8, 30, 0, 0, time.UTC)) {
		t.Fatalf("saved: %v", ins)
	}
}

// TestQuickCaptureDetails: "Tous les détails" keeps what was typed and
// puts the cursor in the facts of the full editor.
func TestQuickCaptureDetails(t *testing.T) {
	g := unlockTestGUI(t)
	g.main.newIncident()
	e := g.main.editor
	test.Type(e.quick.facts, "Menaces au portail.")
	e.quick.channel.set("in_person")
	test.Tap(e.quick.details)
	if e.quick != nil || e.what.description.Text != "Menaces au portail." || !e.what.channels.has("in_person") {
		t.Fatal("the details lost what was typed")
	}
	if g.win.Canvas().Focused() != e.what.description || e.tabs.SelectedIndex() != tabWhat {
		t.Error("the cursor is not in the facts")
	}
}

// TestWrongDateNotSaved (issue 12, bug 2): a day that does not exist is
// said, under the field and when saving, and the old day is not kept in
// silence; common forms are read.
func TestWrongDateNotSaved(t *testing.T) {
	g := unlockTestGUI(t)
	saved, err := g.journal.Incidents.Create(testIncident(12, "Message Pronote"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e := g.main.editor
	e.when.date.SetText("31/11/2025")
	g.main.save() // Ctrl+S
	in, _ := g.journal.Incidents.Get(saved.ID)
	if in.Revision != 1 {
		t.Fatal("saved with a day that does not exist")
	}
	if len(g.dialogs) != 1 {
		t.Fatalf("not explained: %d dialogs, status %q", len(g.dialogs), e.status.Text)
	}
	markup := test.RenderToMarkup(g.win.Canvas())
	if !strings.Contains(markup, "Date des faits : Le 31/11/2025 n’existe pas") || strings.Contains(markup, "pas pu terminer") {
		t.Errorf("the sentence does not say which field and why")
	}
	g.closeDialogs()
	e.when.date.SetText("28/02/26")
	g.main.save()
	in, _ = g.journal.Incidents.Get(saved.ID)
	if in.Revision != 2 || in.OccurredAt.Day() != 28 || in.OccurredAt.Month() != 2 {
		t.Fatalf("« 28/02/26 » not saved: %v", in.OccurredAt)
	}
}

// TestDraftsInJournal (issue 12, bug 3): a new incident left unsaved is
// said kept, shown in the journal as a draft, and Ctrl+N or a click
// reopens it.
func TestDraftsInJournal(t *testing.T) {
	g := unlockTestGUI(t)
	g.main.newIncident()
	test.Type(g.main.editor.quick.facts, "Appel menaçant au standard")
	g.main.showJournal() // « ← Journal »
	if !g.main.note.Visible() || !strings.Contains(g.main.note.Text, "Brouillon gardé") {
		t.Errorf("leaving did not say the draft is kept: %q", g.main.note.Text)
	}
	js := g.main.journal
	if len(js.items) != 1 || js.items[0].draft == nil {
		t.Fatalf("the draft is not in the journal: %v", js.items)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), ">Brouillon<") {
		t.Error("the draft is not marked « brouillon »")
	}
	g.main.newIncident() // Ctrl+N
	if e := g.main.editor; e.quick == nil || e.quick.facts.Text != "Appel menaçant au standard" {
		t.Fatal("Ctrl+N did not reopen the draft")
	}
	g.main.showSettings() // a sidebar item
	g.main.showJournal()
	js.list.Select(0) // a click
	if e := g.main.editor; e.quick == nil || e.quick.facts.Text != "Appel menaçant au standard" {
		t.Fatal("a click did not reopen the draft")
	}
	g.main.save()
	if g.journal.Incidents.Count() != 1 || len(js.items) != 1 || js.items[0].draft != nil {
		t.Errorf("after saving: %d incidents, items %v", g.journal.Incidents.Count(), js.items)
	}
}

// TestWheelOverFields: the mouse wheel scrolls a long form wherever the
// pointer is, over an entry too (Fyne gives it to the entry).
func TestWheelOverFields(t *testing.T) {
	g := unlockTestGUI(t)
	g.win.Resize(fyne.NewSize(1024, 600))
	e := newFullIncident(g)
	e.tabs.SelectIndex(tabWhen)
	over := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.when.timeOf).AddXY(20, 10)
	test.Scroll(g.win.Canvas(), over, 0, -60)
	if s := e.scrolls[tabWhen]; s.Offset.Y == 0 {
		t.Logf("over %v; scroll %v content %v", over, s.Size(), s.Content.MinSize())
		t.Error("the wheel over a field did not scroll the form")
	}
}

// TestFocusScrollsIntoView (issue 12, bug 4): Ctrl+2 puts the cursor in
// the facts and shows them, below the check boxes.
func TestFocusScrollsIntoView(t *testing.T) {
	g := unlockTestGUI(t)
	g.win.Resize(fyne.NewSize(1024, 600))
	e := newFullIncident(g)
	e.tabs.SelectIndex(tabWhen)
	e.tabs.SelectIndex(tabWhat) // Ctrl+2
	s := e.scrolls[tabWhat]
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(e.what.description).Y - d.AbsolutePositionForObject(s).Y
	if g.win.Canvas().Focused() != e.what.description || top < 0 || top+e.what.description.Size().Height > s.Size().Height {
		t.Errorf("the facts are focused %v, at %v in a view of %v", g.win.Canvas().Focused() == e.what.description, top, s.Size().Height)
	}
}

// TestAlreadyOpenBeforePassphrase: a second window on a journal open
// elsewhere says so before asking for the passphrase, and asks for it
// once the other one is closed.
func TestAlreadyOpenBeforePassphrase(t *testing.T) {
	g := newTestGUI(t, true)
	j, err := app.Unlock(g.dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	g.showUnlock()
	u := g.unlock
	if !u.message.Visible() || !strings.Contains(u.message.Text, "déjà ouvert") || !u.pass.Disabled() {
		t.Fatalf("nothing said before the passphrase: %q, field enabled %v", u.message.Text, !u.pass.Disabled())
	}
	j.Lock()
	test.Tap(u.retryBtn)
	if u.message.Visible() || u.pass.Disabled() || g.win.Canvas().Focused() != u.pass {
		t.Fatal("the passphrase is not asked once the other window is closed")
	}
	test.Type(u.pass, testPass)
	test.Tap(u.unlockBtn)
	if g.journal == nil {
		t.Fatalf("not unlocked: %q", u.message.Text)
	}
}

// TestJournalOrderAndKinds: the journal sorts by the date of the facts,
// the day written or the kind, and names kinds so that they read as
// kinds.
func TestJournalOrderAndKinds(t *testing.T) {
	g := unlockTestGUI(t)
	first := testIncident(14, "Premier écrit, faits du 14")
	first.Kinds = []string{"threat", "insult"}
	second := testIncident(2, "Écrit ensuite, faits du 2")
	second.Kinds = []string{"harassment"}
	for _, in := range []*app.Incident{first, second} {
		if _, err := g.journal.Incidents.Create(in); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // two different days written, in order
	}
	g.main.showJournal()
	js := g.main.journal
	order := func() string {
		var out []string
		for _, it := range js.items {
			out = append(out, strings.Fields(it.in.Description)[0])
		}
		return strings.Join(out, " | ")
	}
	if got := order(); got != "Premier | Écrit" {
		t.Errorf("by the date of the facts: %s", got)
	}
	js.sortBy.SetSelectedIndex(sortRecorded)
	if got := order(); got != "Écrit | Premier" {
		t.Errorf("by the day written: %s", got)
	}
	js.sortBy.SetSelectedIndex(sortKind)
	if got := order(); got != "Écrit | Premier" { // Harcèlement before Insultes
		t.Errorf("by kind: %s", got)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Insultes, injures · Menaces") {
		t.Error("the kinds do not read as kinds")
	}
}

// TestDeleteIncident: a saved incident is deleted from the editor after
// a confirmation; the chain keeps a tombstone.
func TestDeleteIncident(t *testing.T) {
	g := unlockTestGUI(t)
	saved, err := g.journal.Incidents.Create(testIncident(12, "À supprimer"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e := g.main.editor
	if !e.remove.Visible() {
		t.Fatal("no way to delete the incident")
	}
	test.Tap(e.remove)
	if len(g.dialogs) != 1 || g.journal.Incidents.Count() != 1 {
		t.Fatal("deleted without asking")
	}
	g.closeDialogs()
	e.confirmDelete()
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if g.journal.Incidents.Count() != 0 || g.main.current != g.main.journal {
		t.Fatalf("not deleted: %d incidents", g.journal.Incidents.Count())
	}
	events, err := g.journal.Chain.Events()
	if err != nil || len(events) == 0 || events[len(events)-1].Type != string(app.EventDeleted) {
		t.Errorf("no tombstone in the chain: %v %v", events, err)
	}
}
