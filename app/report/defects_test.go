package report

import (
	"bytes"
	"context"
	"image/color"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/tsa/tsatest"
	"github.com/temoin-app/temoin/i18n"
)

// The defects of issue 11, each as a test that failed before it was
// fixed; the PDFs are read back with pdftotext and checked with qpdf.

// fakeImports says which incidents came from a spreadsheet.
type fakeImports map[string]bool

func (f fakeImports) ImportedIDs() (map[string]bool, error) { return f, nil }

// fakeStamps gives a trusted timestamp to every incident.
type fakeStamps struct{ at time.Time }

func (f fakeStamps) Earliest(string) (Stamp, bool) {
	return Stamp{At: f.at, Authority: "Autorité de test", Trusted: true}, true
}

// TestRecordedSaysWhen is defect 1: the report said every entry was
// written as events happened; each sheet now says when it was written.
func TestRecordedSaysWhen(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	late := m.Create(t, &app.Incident{OccurredAt: time.Now().AddDate(0, 0, -40), Kinds: []string{"insult"}, Description: "Écrit bien plus tard."})
	m.Create(t, &app.Incident{OccurredAt: time.Now().Add(-time.Minute), Kinds: []string{"insult"}, Description: "Écrit aussitôt."})
	imported := m.Create(t, &app.Incident{OccurredAt: time.Now().AddDate(0, -3, 0), Kinds: []string{"insult"}, Description: "Importé."})
	src := sourceOf(m)
	src.Imports = fakeImports{imported.ID: true}
	pdf, _ := writeReport(t, src, Options{Now: time.Now()})
	text := pdfText(t, pdf)
	for _, want := range []string{"Consignée 40 jours après les faits", "Consignée le jour même", "à partir de notes antérieures (import)",
		"fiches consignées le jour même ou le lendemain : 1 sur 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, bad := range []string{"au fil des événements", "au fur et à mesure"} {
		if strings.Contains(text, bad) {
			t.Errorf("the report still claims %q", bad)
		}
	}
	src.Timestamps = fakeStamps{time.Date(2026, 3, 4, 10, 0, 0, 0, time.Local)}
	pdf, _ = writeReport(t, src, Options{IncidentIDs: []string{late.ID}, Now: time.Now()})
	if text := pdfText(t, pdf); !strings.Contains(text, "Cette fiche existait au plus tard le 4 mars 2026 à 10 h 00 (horodatage Autorité de test)") {
		t.Errorf("the trusted timestamp is not said: %s", text)
	}
}

// TestEveryFormReplaced is defect 2: with "Lucas B." → "Élève A", a bare
// "Lucas" stayed in the facts.
func TestEveryFormReplaced(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.AddPerson(app.Person{Name: "Lucas B.", Pseudonym: "Élève A", Role: "élève"})
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -2), Kinds: []string{"insult"}, Channels: []string{"in_person"},
		Description: "Lucas a crié ; L. B. a ensuite quitté la salle.", ExactWords: "Lucas, dis-lui d’arrêter"})
	pdf, _ := writeReport(t, sourceOf(m), Options{})
	text := pdfText(t, pdf)
	rsst, err := RSST(sourceOf(m), in.ID, RSSTOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"report": text, "RSST text": rsst} {
		if strings.Contains(s, "Lucas") || strings.Contains(s, "L. B.") {
			t.Errorf("the %s still names Lucas", name)
		}
		if !strings.Contains(s, "Élève A a crié") || !strings.Contains(s, "[Élève A], dis-lui") {
			t.Errorf("the %s does not replace every form (or mark the exact words)", name)
		}
	}
}

// TestPressDeadlineStays is defect 3, in the documents: a simple
// complaint does not stop the press-law clock, and the documents that
// show the author's deadlines say so.
func TestPressDeadlineStays(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -20), Kinds: []string{"insult"}, Channels: []string{"social_network"},
		Diffusion: "public", Description: "Publication injurieuse.",
		Actions: []app.Action{{Kind: "complaint", Date: app.DateOf(testNow.AddDate(0, 0, -10)), Status: "done", Reference: "PV 2026/55"}}})
	pdf, _ := writeReport(t, sourceOf(m), Options{Audience: ForRepresentative})
	text := pdfText(t, pdf)
	for _, want := range []string{"Injure ou diffamation publique : prescription le", "La plainte du", "n’interrompt pas ce délai",
		"jusqu’au", "inclus"} {
		if !strings.Contains(text, want) {
			t.Errorf("the representative's report does not say %q", want)
		}
	}
	if strings.Contains(text, "avant le") {
		t.Error("a deadline is said with « avant le »")
	}
	committee, _ := writeReport(t, sourceOf(m), Options{})
	if text := pdfText(t, committee); strings.Contains(text, "prescription") || strings.Contains(text, "PV 2026/55") {
		t.Error("the committee's report shows the author's own deadline or the complaint's number")
	}
}

// TestPrivateNotes is defect 6: notes « pour vous » never leave unless
// ticked, and then under « Notes de l'auteur », never « Observations ».
func TestPrivateNotes(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -2), Kinds: []string{"insult"}, Description: "Faits.",
		Notes: "Penser à rappeler ma sœur."})
	pdf, _ := writeReport(t, sourceOf(m), Options{Audience: ForLawyer})
	if text := pdfText(t, pdf); strings.Contains(text, "Penser à rappeler") {
		t.Error("private notes left without being ticked")
	}
	pdf, _ = writeReport(t, sourceOf(m), Options{Audience: ForLawyer, IncludeNotes: true})
	text := pdfText(t, pdf)
	if !strings.Contains(text, "Notes de l’auteur Penser à rappeler ma sœur.") || strings.Contains(text, "Observations") {
		t.Errorf("ticked notes: %s", text)
	}
	letter, _ := writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{in.ID}})
	rsst, _ := RSST(sourceOf(m), in.ID, RSSTOptions{})
	if strings.Contains(letter, "Penser") || strings.Contains(rsst, "Penser") {
		t.Error("private notes in the letter or the RSST text")
	}
}

// TestReaders is defect 7: union contacts, the author's own deadlines and
// the complaint's number never go to the employer's readers; the
// representative's and the lawyer's documents hold them.
func TestReaders(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -3), Kinds: []string{"threat"}, Channels: []string{"in_person"},
		Setting: "classroom", Description: "Menaces.",
		Actions: []app.Action{{Kind: "union", Date: app.DateOf(testNow.AddDate(0, 0, -2)), Status: "done", Note: "Appel au syndicat SNX."},
			{Kind: "complaint", Date: app.DateOf(testNow.AddDate(0, 0, -1)), Reference: "PV 2026/00412", Status: "done"}}})
	committee := pdfText(t, mustReport(t, sourceOf(m), Options{}))
	for _, bad := range []string{"Contact syndical", "SNX", "PV 2026/00412", "Déclaration d’accident de service jusqu’au"} {
		if strings.Contains(committee, bad) {
			t.Errorf("the committee's report shows %q", bad)
		}
	}
	if !strings.Contains(committee, "Dossier pour la F3SCT et l’administration") {
		t.Error("the cover does not say who the report is for")
	}
	rep := pdfText(t, mustReport(t, sourceOf(m), Options{Audience: ForRepresentative, RepName: "Mme Syndic"}))
	for _, want := range []string{"Contact syndical", "PV 2026/00412", "déclaration d’accident de service jusqu’au",
		"Dossier pour Mme Syndic — document syndical, ne pas transmettre à l’employeur", "Où en sont les procédures"} {
		if !strings.Contains(rep, want) {
			t.Errorf("the representative's report does not say %q", want)
		}
	}
}

func mustReport(t *testing.T, src Source, opts Options) []byte {
	t.Helper()
	pdf, _ := writeReport(t, src, opts)
	return pdf
}

// TestWhatTheCommitteeActsOn is defect 8: every step still without an
// answer, whatever its age; risk factors and prevention; effects on work,
// and on health aggregated with consent only.
func TestWhatTheCommitteeActsOn(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	day := func(daysAgo int) app.Date { return app.DateOf(testNow.AddDate(0, 0, -daysAgo)) }
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, -8, -3), Kinds: []string{"insult"}, Channels: []string{"school_messaging"},
		Perpetrator: "parent", PerpetratorRef: "Parent P1", Description: "Message injurieux.", WorkImpact: "Cours annulé le lendemain.",
		MedicalNote: "Anxiolytiques prescrits.",
		Actions: []app.Action{{Kind: "rsst", Date: app.DateOf(testNow.AddDate(0, -8, 0)), Reference: "RSST n° 2026-014", Status: "awaiting_answer"},
			{Kind: "sick_leave", Date: day(240), Until: day(238), Status: "done"}}})
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -10), Kinds: []string{"threat"}, Channels: []string{"phone"},
		Perpetrator: "parent", PerpetratorRef: "Parent P1", Description: "Appel menaçant."})
	text := pdfText(t, mustReport(t, sourceOf(m), Options{IncludeHealth: true}))
	for _, want := range []string{"Démarches restées sans réponse", "Fiche RSST n° 2026-014 du", "sans réponse depuis 8 mois",
		"Facteurs de risque et prévention", "Contacts répétés d’un même parent (Parent P1 : 2 incidents",
		"n° 1 : Cours annulé le lendemain.", "1 incident a été suivi d’un arrêt de travail (durée totale connue : 3 jours)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the committee's report does not say %q", want)
		}
	}
	if strings.Contains(text, "Anxiolytiques") {
		t.Error("a diagnosis in the committee's report")
	}
	if text := pdfText(t, mustReport(t, sourceOf(m), Options{})); strings.Contains(text, "suivi d’un arrêt de travail") ||
		!strings.Contains(text, "Les effets sur la santé ne figurent pas dans ce dossier") {
		t.Error("health without consent")
	}
}

// TestWording is defect 9: the last day, « réputée rejetée », the right
// texts for the DGI register and the silence of the administration.
func TestWording(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, -4, 0), Kinds: []string{"insult"}, Channels: []string{"in_person"},
		Description: "Faits.", Actions: []app.Action{{Kind: "dgi", Date: app.DateOf(testNow.AddDate(0, -4, 0)), Status: "done"},
			{Kind: "functional_protection", Date: app.DateOf(testNow.AddDate(0, -3, 0)), Status: "done"}}})
	text := pdfText(t, mustReport(t, sourceOf(m), Options{Audience: ForLawyer}))
	for _, want := range []string{"réputée rejetée", "Décret n° 82-453 du 28 mai 1982, art. 5-6 à 5-9", "inclus", "(date de réception non notée)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, bad := range []string{"R253-58", "implicitement refusée", "refus implicite", "avant le "} {
		if strings.Contains(text, bad) {
			t.Errorf("the report still says %q", bad)
		}
	}
}

// TestLayout is defect 10: no near-empty page, a short report for one
// incident, agreement, no command in a document, English without French
// spacing, the PDF's title and language.
func TestLayout(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -2), Kinds: []string{"insult", "threat"}, Channels: []string{"in_person"},
		Setting: "classroom", Description: "Faits en classe.", Witnesses: []app.Witness{{Role: "AED"}, {Role: "CPE"}}})
	for _, lang := range i18n.Languages {
		pdf, res := writeReport(t, sourceOf(m), Options{Lang: lang})
		text := pdfText(t, pdf)
		if res.Pages > 6 {
			t.Errorf("%s: %d pages for one incident", lang, res.Pages)
		}
		if strings.Contains(text, "temoin ") || strings.Contains(text, "Incidents par") {
			t.Errorf("%s: a command or a chart of one bar in the report", lang)
		}
		if lang == i18n.English && (strings.Contains(text, " ;") || strings.Contains(text, " :")) {
			t.Errorf("English with French spacing: %q", text[max(0, strings.Index(text, " ;")-40):][:80])
		}
		want := map[i18n.Lang]string{i18n.French: "1 incident, survenu le", i18n.English: "1 incident that occurred on"}[lang]
		if !strings.Contains(text, want) {
			t.Errorf("%s: no %q", lang, want)
		}
		info := pdfInfo(t, pdf)
		if !strings.Contains(info, "Title:") || !strings.Contains(info, map[i18n.Lang]string{i18n.French: "Signalement", i18n.English: "Report"}[lang]) {
			t.Errorf("%s: the PDF has no title: %s", lang, info)
		}
		if !bytes.Contains(pdf, []byte("/Lang ("+map[i18n.Lang]string{i18n.French: "fr-FR", i18n.English: "en-GB"}[lang])) {
			t.Errorf("%s: the PDF has no language", lang)
		}
	}
}

// TestNoNearEmptyPage lays the demo's report out and checks that no page
// but the last is left less than a quarter full.
func TestNoNearEmptyPage(t *testing.T) {
	j := demoJournal(t)
	for _, a := range Audiences {
		d, err := gather(context.Background(), JournalSource(j), Options{Audience: a, Now: testNow}, newTexts(i18n.French), testNow)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := render(context.Background(), d, func() {})
		if err != nil {
			t.Fatal(err)
		}
		last := doc.f.PageNo()
		for page := 2; page < last; page++ {
			if used := doc.used[page]; used < marginT+(bottomY-marginT)/4 {
				t.Errorf("%s: page %d of %d is filled to %.0f mm only", a, page, last, used)
			}
		}
	}
}

func pdfInfo(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdfinfo")
	cmd := exec.Command("pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestPicturesAndNames is defect 10 too: a photo is shown the way its
// EXIF orientation says, emoji and decomposed (macOS) file names print,
// and the same image attached twice keeps the PDF valid.
func TestPicturesAndNames(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Kinds: []string{"threat"},
		Description: "Message reçu : « tu vas voir 🔪😡 »", ExactWords: "je vais te 🔪"})
	photo := apptest.RotatedJPEG(t, 6) // stored 200×100, shown 100×200
	m.AttachFile(t, in.ID, "photo-e\u0301le\u0300ve.jpg", photo)
	same := pngOf(t, 64, 48, color.RGBA{10, 200, 10, 255})
	m.AttachFile(t, in.ID, "capture.png", same)
	other := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Kinds: []string{"insult"}, Description: "Même capture."})
	m.AttachFile(t, other.ID, "copie.png", same)
	pdf, res := writeReport(t, sourceOf(m), Options{Thumbnails: true}) // checkPDF: no duplicated XObject
	text := pdfText(t, pdf)
	for _, want := range []string{"[émoji couteau]", "[émoji visage en colère]", "photo-élève.jpg"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not print %q", want)
		}
	}
	if strings.Contains(text, "\ufffd") {
		t.Error("a character printed as a replacement box")
	}
	var thumb *evItem
	d, _ := gather(context.Background(), sourceOf(m), Options{Thumbnails: true, Now: testNow}, newTexts(i18n.French), testNow)
	for _, e := range d.evidence {
		if strings.HasSuffix(e.ev.Name, ".jpg") {
			thumb = e
		}
	}
	if _, err := makeThumbs(context.Background(), m.Evidence, []*evItem{thumb}, func() {}); err != nil || thumb.thumb == nil {
		t.Fatal(err)
	}
	if thumb.thumb.W >= thumb.thumb.H {
		t.Errorf("the thumbnail ignores the EXIF orientation: %d×%d", thumb.thumb.W, thumb.thumb.H)
	}
	_ = res
}

// TestReportSaysTheTimestamp: an entry covered by a trusted time-stamp of
// the history (issue 10) says it existed at that time at the latest; one
// written after the last time-stamp says nothing of it. A real vault, a
// test authority on the loopback interface.
func TestReportSaysTheTimestamp(t *testing.T) {
	t.Parallel()
	j, _ := apptest.NewJournal(t)
	a := tsatest.New(t, "TSA de test")
	if err := j.Timestamps.SetAuthorities([]app.Authority{{URL: a.URL, CA: a.CAPEM}}); err != nil {
		t.Fatal(err)
	}
	before, err := j.Incidents.Create(&app.Incident{OccurredAt: testNow.AddDate(0, 0, -3), Kinds: []string{"insult"}, Description: "Avant."})
	if err != nil {
		t.Fatal(err)
	}
	stamp, err := j.Timestamps.StampNow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	after, err := j.Incidents.Create(&app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Kinds: []string{"insult"}, Description: "Après."})
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := writeReport(t, JournalSource(j), Options{IncidentIDs: []string{before.ID}})
	want := squash("Cette fiche existait au plus tard le " + newTexts(i18n.French).DateTime(stamp.Time.In(testNow.Location())) + " (horodatage TSA de test")
	if text := pdfText(t, pdf); !strings.Contains(text, want) {
		t.Errorf("the report does not say %q:\n%s", want, text)
	}
	pdf, _ = writeReport(t, JournalSource(j), Options{IncidentIDs: []string{after.ID}})
	if text := pdfText(t, pdf); strings.Contains(text, "existait au plus tard") {
		t.Error("an entry written after the time-stamp is said to be covered")
	}
}
