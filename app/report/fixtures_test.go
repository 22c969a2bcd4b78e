package report

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// Fixtures: most tests read an in-memory journal (apptest.Memory); the
// end-to-end ones a real vault on disk (with the cheap key derivation of
// tests) holding the demo journal. pdftotext and pdftoppm read the PDFs
// back.

// testNow is the generation time of the reports under test.
var testNow = time.Now().Truncate(time.Minute)

// sourceOf is the Source of an in-memory journal.
func sourceOf(m *apptest.Memory) Source {
	return Source{Incidents: m.Incidents, Evidence: m.Evidence, People: m.People, Settings: m.Settings, Chain: m.Chain}
}

// demoJournal is the demo journal with an author's profile, in a real
// vault.
func demoJournal(t testing.TB) *app.Journal {
	t.Helper()
	j, _ := apptest.NewJournal(t)
	if _, err := app.FillDemo(context.Background(), j, testNow.AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	if err := j.Settings.SetProfile(testProfile); err != nil {
		t.Fatal(err)
	}
	return j
}

// testProfile is the author of the fixtures.
var testProfile = app.Profile{Name: "Claire Durand", Function: "professeure certifiée de biologie-écologie",
	Workplace: "Lycée agricole Jean-Monnet", Authority: "DRAAF Hauts-de-France", Town: "Arras", Agricultural: true}

// secretPeople are the people list of the fixtures: the demo's, and the
// pupil of secretIncident.
var secretPeople = []app.Person{
	{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"},
	{Name: "M. Garnier", Pseudonym: "Parent P2", Role: "parent"},
	{Name: "Lucas B.", Pseudonym: "Élève A", Role: "élève"},
	{Name: "Mme Roussel", Pseudonym: "Collègue C1", Role: "collègue"},
	{Name: "Kévin Martin", Pseudonym: "Élève K", Role: "élève"},
}

// secretIncident names people of the people list, has a witness's phone
// number, a medical note and a request for protection.
func secretIncident() *app.Incident {
	return &app.Incident{
		OccurredAt: testNow.AddDate(0, 0, -3).Truncate(time.Hour), Setting: "classroom", Place: "salle B12",
		Kinds: []string{"insult", "threat"}, Channels: []string{"in_person"},
		Description: "Pendant le cours, KEVIN MARTIN s’est levé et m’a insultée devant la classe ; la CPE, Mme Roussel, est venue.",
		ExactWords:  "Vous êtes nulle, je vais vous faire virer",
		Perpetrator: "pupil", PerpetratorRef: "Kevin Martin",
		Witnesses:   []app.Witness{{Role: "AED", Pseudonym: "AED 1", Contact: "06 12 34 56 78"}},
		MedicalNote: "Certificat du Dr Fabre : ITT de deux jours, anxiolytiques.",
		Actions: []app.Action{{Kind: "functional_protection", Date: app.DateOf(testNow.AddDate(0, -3, 0)),
			Reference: "Courrier au recteur", Status: "awaiting_answer"}},
	}
}

// secretJournal is the demo journal, in a real vault, plus secretIncident
// with an image.
func secretJournal(t testing.TB) (*app.Journal, *app.Incident) {
	t.Helper()
	j := demoJournal(t)
	if err := j.People.Add(secretPeople[len(secretPeople)-1]); err != nil {
		t.Fatal(err)
	}
	in, err := j.Incidents.Create(secretIncident())
	if err != nil {
		t.Fatal(err)
	}
	png := pngOf(t, 640, 360, color.RGBA{200, 40, 40, 255})
	if _, err := j.Evidence.AttachFile(context.Background(), in.ID, "capture-kévin.png", bytes.NewReader(png), nil); err != nil {
		t.Fatal(err)
	}
	return j, in
}

// secretMemory is an in-memory journal with the profile, the people list,
// two other incidents (one with a screenshot and a link) and
// secretIncident with an image.
func secretMemory(t testing.TB) (*apptest.Memory, *app.Incident) {
	t.Helper()
	m := apptest.NewMemory()
	m.SetProfile(testProfile)
	for _, p := range secretPeople {
		m.AddPerson(p)
	}
	phone := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, -2, 0), Kinds: []string{"insult"},
		Channels: []string{"phone"}, Perpetrator: "parent", PerpetratorRef: "Parent P1",
		Description: "Mme Lemaire a appelé le standard et m’a insultée."})
	m.AttachFile(t, phone.ID, "capture-appel.png", pngOf(t, 320, 200, color.RGBA{40, 120, 40, 255}))
	m.AttachLink(t, phone.ID, "https://example.org/publication", "vue par un collègue")
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, -1, 0), Kinds: []string{"video_intrusion"},
		Channels: []string{"video_call"}, Setting: "remote_home", Perpetrator: "outsider",
		Description: "Un intrus a pris la parole pendant la classe virtuelle."})
	in := m.Create(t, secretIncident())
	m.AttachFile(t, in.ID, "capture-kévin.png", pngOf(t, 640, 360, color.RGBA{200, 40, 40, 255}))
	return m, in
}

// pngOf draws a small picture: a screenshot stand-in.
func pngOf(t testing.TB, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x/16+y/16)%2 == 0 {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.White)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// needTool skips the test when a poppler tool is missing.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (poppler-utils): the PDF cannot be read back", name)
	}
}

// pdfText returns the text of a PDF as pdftotext reads it, its
// whitespace (no-break spaces included: pdftotext gives them back as
// plain spaces) folded to single spaces.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return squash(out.String())
}

// squash folds every run of whitespace, no-break spaces included, to one
// space.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '\r' || r == '\u00a0' || r == '\u202f'
	}), " ")
}

// writePages renders every page of pdf to PNG files in dir (for looking
// at them): TEMOIN_REPORT_PAGES=dir go test -run TestLook ./app/report.
func writePages(t testing.TB, pdf []byte, dir, name string) {
	t.Helper()
	needTool(t, "pdftoppm")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdftoppm", "-png", "-r", "50", filepath.Join(dir, name+".pdf"), filepath.Join(dir, name))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
}

// checkPDF fails the test when qpdf finds anything wrong in a PDF the app
// wrote, a warning included: every PDF must pass "qpdf --check". The
// test is skipped where qpdf is missing (tools/deps.sh installs it).
func checkPDF(t testing.TB, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf is not installed (tools/deps.sh): the PDF cannot be checked")
	}
	f := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--check", f).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
