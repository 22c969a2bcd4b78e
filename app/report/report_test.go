package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

func writeReport(t testing.TB, src Source, opts Options) ([]byte, *Result) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	var buf bytes.Buffer
	res, err := Write(context.Background(), src, opts, &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	return buf.Bytes(), res
}

// TestReportReadsBack writes the report of the demo journal, from a real
// vault, and reads it back.
func TestReportReadsBack(t *testing.T) {
	t.Parallel()
	j, secret := secretJournal(t)
	pdf, res := writeReport(t, JournalSource(j), Options{Request: "Nous demandons une enquête « sans délai » — merci."})
	text := pdfText(t, pdf)

	// French typography survives the round trip.
	for _, want := range []string{
		"Signalement d’atteintes subies dans l’exercice des fonctions — dossier pour la F3SCT (ex-CHSCT)",
		"Nous demandons une enquête « sans délai » — merci.",
		"« Vous êtes nulle, je vais vous faire virer »",
		"Démarches engagées et réponses",
		"Lycée agricole Jean-Monnet",
		"Claire Durand",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the report does not say %q", want)
		}
	}

	// Every incident's facts, pseudonymised.
	people, _ := j.People.List()
	ps := app.NewPseudonymizer(people)
	for _, in := range j.Incidents.List(app.Filter{}) {
		want := squash(ps.Text(in.Description))
		if !strings.Contains(text, want) {
			t.Errorf("the facts of incident %s are missing: %q", in.ID, want)
		}
	}
	if !strings.Contains(text, "Élève K s’est levé") {
		t.Error("the listed name was not replaced by its pseudonym")
	}

	// Every file's full hash, and the chain's head.
	n := 0
	for _, in := range j.Incidents.List(app.Filter{}) {
		for _, ev := range in.Evidence {
			if ev.IsLink() {
				if !strings.Contains(text, ev.URL) {
					t.Errorf("link %s is missing", ev.URL)
				}
				continue
			}
			n++
			if !strings.Contains(text, ev.SHA256) {
				t.Errorf("the hash of %s is missing", ev.Name)
			}
		}
	}
	if n == 0 {
		t.Fatal("no file evidence in the fixture")
	}
	if len(res.ChainHead) != 64 || !strings.Contains(text, res.ChainHead) {
		t.Errorf("the chain head %q is not in the report", res.ChainHead)
	}

	// What must not leave: names of the people list, contact details, the
	// medical note.
	folded := app.Fold(text)
	for _, name := range []string{"Kevin Martin", "Lemaire", "Garnier", "Lucas B.", "Roussel", "06 12 34 56 78", "Dr Fabre", "anxiolytiques"} {
		if strings.Contains(folded, app.Fold(name)) {
			t.Errorf("the report shows %q", name)
		}
	}

	// The report_generated event holds the PDF's hash.
	sum := sha256.Sum256(pdf)
	if res.SHA256 != hex.EncodeToString(sum[:]) || res.Size != int64(len(pdf)) {
		t.Errorf("result hash %s size %d, PDF %x size %d", res.SHA256, res.Size, sum, len(pdf))
	}
	events, err := j.Chain.Events()
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if app.KindOf(last) != app.EventReportGenerated || last.Hash != res.SHA256 || last.Seq != res.ChainSeq+1 {
		t.Errorf("last event %+v, want report_generated with %s after seq %d", last, res.SHA256, res.ChainSeq)
	}

	// Pages: the footer counts them, the table of contents points at them.
	if res.Pages < 10 || !strings.Contains(text, fmt.Sprintf("page 2 / %d", res.Pages)) {
		t.Errorf("%d pages; footer not found", res.Pages)
	}
	checkContents(t, pdf, res.Pages)
	// Links from the contents and the chronology to the pages.
	if n := bytes.Count(pdf, []byte("/Subtype /Link")); n < 2*res.Incidents+9 {
		t.Errorf("%d links", n)
	}
	if res.Incidents != j.Incidents.Count() || secret.ID == "" {
		t.Errorf("%d incidents in the report, %d in the journal", res.Incidents, j.Incidents.Count())
	}
}

// checkContents checks that each entry of the table of contents names a
// page that starts with that section's title.
func checkContents(t *testing.T, pdf []byte, pages int) {
	t.Helper()
	toc := pageText(t, pdf, 2)
	re := regexp.MustCompile(`(\d+)\. ([^0-9]+?) (\d+)`)
	found := re.FindAllStringSubmatch(toc, -1)
	if len(found) < 8 {
		t.Fatalf("table of contents not found in %q", toc)
	}
	for _, m := range found {
		page, _ := strconv.Atoi(m[3])
		if page < 3 || page > pages {
			t.Errorf("%s: page %d", m[2], page)
			continue
		}
		if p := pageText(t, pdf, page); !strings.Contains(p, m[2]) {
			t.Errorf("the contents send %q to page %d, which says %.200q", m[2], page, p)
		}
	}
}

func pageText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	needTool(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return squash(string(out))
}

func TestReportWithHealthAndNames(t *testing.T) {
	t.Parallel()
	m, _ := secretMemory(t)
	pdf, _ := writeReport(t, sourceOf(m), Options{IncludeHealth: true, NoPseudonymize: true, Lang: i18n.English, Audience: ForLawyer})
	text := pdfText(t, pdf)
	for _, want := range []string{"Dr Fabre", "KEVIN MARTIN", "Mme Roussel", "Medical note", "Evidence inventory",
		"Insult", "At the author’s request, people are named as written"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	if strings.Contains(text, "06 12 34 56 78") {
		t.Error("a witness's contact details left the computer")
	}
}

func TestReportAuthorPseudonym(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola"})
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -2), Kinds: []string{"insult"},
		Channels: []string{"phone"}, Description: "Le parent a crié : « Mme Durand, vous êtes une incapable ! »"})
	pdf, _ := writeReport(t, sourceOf(m), Options{AuthorPseudonym: "Enseignante E"})
	text := pdfText(t, pdf)
	if strings.Contains(text, "Durand") || !strings.Contains(text, "« Enseignante E, vous êtes") {
		t.Errorf("the author's name is not replaced: %s", text)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		cmd := exec.Command("pdfinfo", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		if info, err := cmd.Output(); err == nil && strings.Contains(string(info), "Durand") {
			t.Errorf("the PDF's metadata name the author: %s", info)
		}
	}
}

func TestReportSelection(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	src := sourceOf(m)
	var ids []string
	for i, d := range []string{"Premier fait.", "Deuxième fait.", "Troisième fait."} {
		in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, -i, 0), Kinds: []string{"insult"},
			Channels: []string{"email"}, Description: d})
		ids = append(ids, in.ID)
	}
	pdf, res := writeReport(t, src, Options{IncidentIDs: []string{ids[0][:5], ids[2]}})
	text := pdfText(t, pdf)
	if res.Incidents != 2 || !strings.Contains(text, "Premier fait.") || !strings.Contains(text, "Troisième fait.") ||
		strings.Contains(text, "Deuxième fait.") {
		t.Errorf("hand-picked incidents: %d in the report", res.Incidents)
	}
	// A period.
	pdf, res = writeReport(t, src, Options{Since: app.DateOf(testNow.AddDate(0, -1, -1)), Until: app.DateOf(testNow)})
	if text := pdfText(t, pdf); res.Incidents != 2 || strings.Contains(text, "Troisième fait.") {
		t.Errorf("period: %d incidents", res.Incidents)
	}

	var buf bytes.Buffer
	_, err := Write(context.Background(), src, Options{Since: app.DateOf(testNow.AddDate(1, 0, 0))}, &buf, nil)
	if !errors.Is(err, ErrNoIncident) || buf.Len() > 0 {
		t.Errorf("empty period: %v, %d bytes", err, buf.Len())
	}
	_, err = Write(context.Background(), src, Options{IncidentIDs: []string{"zzzzzzzz"}}, &buf, nil)
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	_, err = Write(context.Background(), src, Options{Since: app.DateOf(testNow), Until: app.DateOf(testNow.AddDate(0, -1, 0))}, &buf, nil)
	if err == nil {
		t.Error("a period that ends before it starts was accepted")
	}
}

func TestReportCancelled(t *testing.T) {
	t.Parallel()
	m, _ := secretMemory(t)
	before, _ := m.Chain.Events()
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	calls := 0
	_, err := Write(ctx, sourceOf(m), Options{Thumbnails: true}, &buf, func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || buf.Len() > 0 || calls != 3 {
		t.Errorf("cancelled report: %v, %d bytes written, %d progress calls", err, buf.Len(), calls)
	}
	after, _ := m.Chain.Events()
	if len(after) != len(before) {
		t.Error("a cancelled report was recorded in the chain")
	}
}

func TestReportProgress(t *testing.T) {
	t.Parallel()
	m, _ := secretMemory(t)
	last, total := 0, 0
	_, err := Write(context.Background(), sourceOf(m), Options{Thumbnails: true}, &bytes.Buffer{}, func(done, tot int) {
		if done != last+1 {
			t.Errorf("progress went from %d to %d", last, done)
		}
		last, total = done, tot
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || total != 2+3 { // two thumbnails, three incidents
		t.Errorf("progress ended at %d of %d", last, total)
	}
}

// TestReportNoTemporaryFile writes a report with thumbnails while the
// temporary folder and the working folder are empty folders of the test's
// own, and checks that they stay empty. The journal is a real vault.
func TestReportNoTemporaryFile(t *testing.T) {
	j, _ := secretJournal(t)
	tmp, cwd := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Chdir(cwd)
	pdf, res := writeReport(t, JournalSource(j), Options{Thumbnails: true})
	if _, err := PreviewDPI(context.Background(), pdf, 50); err != nil && !errors.Is(err, ErrNoPreview) {
		t.Fatal(err)
	}
	for _, dir := range []string{tmp, cwd} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) > 0 {
			t.Errorf("%s holds %s after the report", dir, entries[0].Name())
		}
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

func TestReportThumbnails(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Kinds: []string{"image_spread"},
		Channels: []string{"social_network"}, Description: "Photo publiée."})
	m.AttachFile(t, in.ID, "photo.png", pngOf(t, 3000, 2000, color.RGBA{20, 90, 200, 255}))
	bad := m.AttachFile(t, in.ID, "faux.png", []byte("\x89PNG\r\n\x1a\nnot really a picture"))
	m.AttachFile(t, in.ID, "note.txt", []byte("un texte"))
	// A picture the journal cannot read back (its file no longer matches
	// its hash): listed, not shown.
	damaged := m.AttachFile(t, in.ID, "abimee.png", pngOf(t, 40, 40, color.Black))
	m.FailOpen(damaged.ID, errors.New("the content does not match its SHA-256"))

	without, _ := writeReport(t, sourceOf(m), Options{})
	with, res := writeReport(t, sourceOf(m), Options{Thumbnails: true})
	if len(with) < len(without)+2000 {
		t.Errorf("thumbnails add %d bytes", len(with)-len(without))
	}
	want := []Warning{{Kind: WarnNoProfile}, {Kind: WarnNoPeople}, {Kind: WarnThumbnail, Evidence: bad.ID}, {Kind: WarnThumbnail, Evidence: damaged.ID}}
	slices.SortFunc(want[2:], func(a, b Warning) int { return strings.Compare(a.Evidence, b.Evidence) })
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("warnings %v, want %v", res.Warnings, want)
	}
	if text := pdfText(t, with); !strings.Contains(text, "faux.png") || !strings.Contains(text, "abimee.png") || !strings.Contains(text, "Les vignettes sont des réductions") {
		t.Error("the inventory lost an item or its note")
	}
}

func TestReportOneIncidentMinimal(t *testing.T) {
	// The least an incident can say: no time, no kinds, no evidence, no
	// profile, no steps. The report must still be whole.
	t.Parallel()
	m := apptest.NewMemory()
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(-5, 0, 0), TimeUnknown: true, ExactWords: "Dégage"})
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Description: strings.Repeat("très-long-mot-sans-espace", 40)})
	pdf, res := writeReport(t, sourceOf(m), Options{})
	text := pdfText(t, pdf)
	for _, want := range []string{"« Dégage »", "heure non précisée", "non renseigné", "Pièces aucune"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	// Two incidents: no statistics of single bars, no inventory that says
	// there is nothing in it.
	for _, bad := range []string{"Statistiques", "Aucune pièce n’est jointe", "Inventaire des pièces"} {
		if strings.Contains(text, bad) {
			t.Errorf("the report says %q", bad)
		}
	}
	if res.Pages > 7 {
		t.Errorf("%d pages for two incidents", res.Pages)
	}
}

func TestPreview(t *testing.T) {
	needTool(t, "pdftoppm")
	m, _ := secretMemory(t)
	pdf, _ := writeReport(t, sourceOf(m), Options{})
	img, err := PreviewDPI(context.Background(), pdf, 50)
	if err != nil {
		t.Fatal(err)
	}
	// A4 at 50 dpi: 413 × 585 pixels.
	if b := img.Bounds(); b.Dx() < 400 || b.Dx() > 420 || b.Dy() < 575 || b.Dy() > 590 {
		t.Errorf("preview of %v", b)
	}
	if _, err := PreviewDPI(context.Background(), []byte("not a pdf"), 50); err == nil {
		t.Error("a non-PDF was previewed")
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := PreviewDPI(context.Background(), pdf, 50); !errors.Is(err, ErrNoPreview) {
		t.Errorf("without pdftoppm: %v", err)
	}
}

// TestReportOddText feeds characters the fonts do not have, PDF string
// delimiters, control characters and very long texts: the report must be
// written, not panic.
func TestReportOddText(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	odd := "😡 中文 العربية (parenthèse) \\ barre \x01\x7f\u200b\u202e retour\r\nligne\ttab " + strings.Repeat("ééé ", 3000)
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -1), Kinds: []string{"other"},
		Channels: []string{"other"}, Description: odd, ExactWords: odd[:60], PerpetratorRef: "Réf (1) \\",
		Place: strings.Repeat("x", 900), Witnesses: []app.Witness{{Role: strings.Repeat("témoin ", 100)}},
		Actions: []app.Action{{Kind: "other", Answer: odd[:500], Reference: strings.Repeat("R", 300)}}})
	m.AttachFile(t, in.ID, strings.Repeat("nom-très-long-", 12)+".png", pngOf(t, 10, 4000, color.Black))
	m.AddPerson(app.Person{Name: "中文", Pseudonym: "Personne X"})
	src := sourceOf(m)
	pdf, res := writeReport(t, src, Options{Thumbnails: true, Request: odd[:300], AuthorPseudonym: "(\\)"})
	if text := pdfText(t, pdf); !strings.Contains(text, "parenthèse") || !strings.Contains(text, "Personne X") || res.Pages < 10 {
		t.Errorf("odd text: %d pages", res.Pages)
	}
	var buf bytes.Buffer
	if _, err := WriteLetter(context.Background(), src, LetterOptions{IncidentIDs: []string{in.ID}}, &buf); err != nil {
		t.Fatal(err)
	}
	if _, err := RSST(src, in.ID, RSSTOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestReportNotRecorded: when the journal cannot record that the report
// was made, the person is told, and the report is not passed off as
// recorded.
func TestReportNotRecorded(t *testing.T) {
	t.Parallel()
	m, _ := secretMemory(t)
	m.FailLog(errors.New("disk full"))
	var buf bytes.Buffer
	res, err := Write(context.Background(), sourceOf(m), Options{Now: testNow}, &buf, nil)
	if err == nil || !strings.Contains(err.Error(), "could not be recorded") || res == nil || buf.Len() == 0 {
		t.Errorf("report not recorded: %v, %d bytes", err, buf.Len())
	}
	if events, _ := m.Chain.Events(); app.KindOf(events[len(events)-1]) == app.EventReportGenerated {
		t.Error("the report was recorded")
	}
	if _, err := Write(context.Background(), Source{}, Options{}, &buf, nil); err == nil {
		t.Error("a report was written without a journal")
	}
}
