package bundle

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

func TestSynthesis(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	var inputs []SynthesisInput
	// Two colleagues; the first sends two overlapping bundles.
	a := newFixture(t)
	b := apptest.NewMemory()
	for _, day := range []int{5, 6} {
		in := sampleIncident(day, "")
		in.Kinds, in.Channels, in.Perpetrator, in.PerpetratorRef = []string{"insult"}, []string{"phone"}, "parent", "Parent P1"
		in.Workplace = "Lycée Victor Hugo"
		b.Create(t, in)
	}
	p1, _ := exportTo(t, a.src, ExportOptions{To: []string{id.Recipient().String()}})
	edit := a.incidents[1].Clone()
	edit.Kinds = []string{"insult"}
	a.m.Amend(t, edit)
	p2, _ := exportTo(t, a.src, ExportOptions{To: []string{id.Recipient().String()}})
	p3, _ := exportTo(t, memorySource(b), ExportOptions{To: []string{id.Recipient().String()}})
	for _, p := range []string{p1, p2, p3} {
		c, err := OpenFile(context.Background(), p, OpenOptions{Identities: []age.Identity{id}})
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, InputOf(c))
	}
	s, err := Synthesize(inputs, SynthesisOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Incidents != 4 || s.Colleagues != 2 || s.Bundles != 3 || s.Overlaps != 2 {
		t.Errorf("totals: %+v", s)
	}
	// The amended incident counts in its latest revision: one "threat"
	// less.
	count := func(list []Count, key string) int {
		for _, c := range list {
			if c.Key == key {
				return c.N
			}
		}
		return 0
	}
	if count(s.ByKind, "threat") != 1 || count(s.ByKind, "insult") != 3 || count(s.ByKind, "video_intrusion") != 1 {
		t.Errorf("by kind: %+v", s.ByKind)
	}
	if count(s.ByPerpetrator, "parent") != 2 || count(s.ByChannel, "phone") != 2 || count(s.ByMonth, "2026-03") != 4 {
		t.Errorf("tables: %+v %+v %+v", s.ByPerpetrator, s.ByChannel, s.ByMonth)
	}
	if count(s.ByWorkplace, "Lycée Victor Hugo") != 2 || count(s.ByWorkplace, "Collège Jean Moulin") != 2 {
		t.Errorf("by workplace: %+v", s.ByWorkplace)
	}
	r := s.Recurrence
	if r.Perpetrators != 2 || r.RepeatPerpetrators != 2 || r.RepeatIncidents != 4 || r.ColleaguesSeveral != 2 {
		t.Errorf("recurrence: %+v", r)
	}
	if len(s.Descriptions) != 0 {
		t.Errorf("descriptions without being asked")
	}
	if s.Sources[1].Continuity != VerdictExtends && s.Sources[0].Continuity != VerdictOlder {
		t.Errorf("sources: %+v", s.Sources)
	}

	// The PDF names nobody and describes nothing unless asked.
	var pdf bytes.Buffer
	if _, err := WriteSynthesis(inputs, SynthesisOptions{Now: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}, &pdf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, pdf.Bytes())
	text := pdfText(t, pdf.Bytes())
	noHoles(t, text)
	if text != "" {
		// Each establishment has one colleague: merged, not named alone.
		for _, want := range []string{"Synthèse pour la F3SCT", "Menaces", "Insultes", "mars 2026", "Autres établissements (moins de 3 collègues chacun)"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}
		for _, secret := range []string{"Élève A", "Kévin", "Parent P1", "inconnu s’est introduit", "Intrus I1", "Lycée Victor Hugo"} {
			if strings.Contains(text, secret) {
				t.Errorf("PDF holds %q", secret)
			}
		}
	}
	pdf.Reset()
	s, err = WriteSynthesis(inputs, SynthesisOptions{IncludeDescriptions: true, Lang: i18n.English, Since: app.Date{Year: 2026, Month: 3, Day: 6}}, &pdf)
	if err != nil {
		t.Fatal(err)
	}
	if s.Incidents != 2 || len(s.Descriptions) != 2 {
		t.Errorf("with descriptions since the 6th: %+v", s)
	}
	if text := pdfText(t, pdf.Bytes()); text != "" && !strings.Contains(text, "Synthesis for the F3SCT") {
		t.Errorf("English PDF:\n%s", text)
	} else {
		noHoles(t, text)
	}
}

// TestSynthesisProtectsColleagues is defect 12 of issue 11: counts under
// 3 that could single a colleague out are not given, months without
// incident are shown, steps and silences are counted (union contacts
// never), a colleague's history goes into a note for the representative,
// and the notice never claims « no names » when descriptions are in.
func TestSynthesisProtectsColleagues(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	var inputs []SynthesisInput
	for c := range 3 {
		m := apptest.NewMemory()
		for k, day := range []int{3, 4, 5} {
			in := sampleIncident(day, "")
			in.OccurredAt = in.OccurredAt.AddDate(0, 2*k, 0) // March, May, July: April and June are empty
			in.Workplace = "Lycée Commun"
			in.Actions = []app.Action{{Kind: "rsst", Date: app.Date{Year: 2026, Month: 3, Day: 9}, Status: "awaiting_answer"},
				{Kind: "union", Date: app.Date{Year: 2026, Month: 3, Day: 9}, Status: "done"},
				{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: 3, Day: 10}, Status: "awaiting_answer"}}
			if c == 0 && k == 0 {
				in.Perpetrator = "parent" // one colleague alone met a parent: not to be given
				in.Workplace = "Collège Isolé"
			}
			m.Create(t, in)
		}
		p, _ := exportTo(t, memorySource(m), ExportOptions{To: []string{id.Recipient().String()}})
		cont, err := OpenFile(context.Background(), p, OpenOptions{Identities: []age.Identity{id}})
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, InputOf(cont))
	}
	var pdf bytes.Buffer
	s, err := WriteSynthesis(inputs, SynthesisOptions{Now: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)}, &pdf)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, pdf.Bytes())
	if s.Steps.RSST != 9 || s.Steps.RSSTUnanswered != 9 || s.Steps.Protection != 9 || s.Steps.ProtectionRejected != 9 {
		t.Errorf("steps: %+v", s.Steps)
	}
	if len(s.ByMonth) != 5 || s.ByMonth[1].N != 0 || s.ByMonth[1].Key != "2026-04" {
		t.Errorf("months: %+v", s.ByMonth)
	}
	text := pdfText(t, pdf.Bytes())
	if text == "" {
		return
	}
	for _, want := range []string{"moins de 3", "avril 2026", "Incidents par mois", "Fiches RSST écrites : 9 ; sans réponse : 9",
		"Demandes de protection fonctionnelle : 9 ; réputées rejetées faute de réponse : 9", "Auteurs impliqués dans plusieurs incidents",
		"Note pour le ou la représentant·e — ne pas transmettre à la F3SCT"} {
		if !strings.Contains(squashSpaces(text), want) {
			t.Errorf("the synthesis does not say %q", want)
		}
	}
	for _, bad := range []string{"Collège Isolé", "syndical", "récidiviste", "sans aucun nom"} {
		if strings.Contains(text, bad) {
			t.Errorf("the synthesis says %q", bad)
		}
	}
	// The note for the representative is the last page, after everything
	// the committee reads.
	if i, j := strings.Index(text, "Note pour le ou la"), strings.Index(text, "Dossiers utilisés"); i < 0 || j < i {
		t.Error("the bundles used are not in the representative's note")
	}
	pdf.Reset()
	if _, err := WriteSynthesis(inputs[:1], SynthesisOptions{IncludeDescriptions: true}, &pdf); err != nil {
		t.Fatal(err)
	}
	text = squashSpaces(pdfText(t, pdf.Bytes()))
	for _, want := range []string{"elles peuvent contenir des indices", "Cette synthèse repose sur 1 collègue"} {
		if !strings.Contains(text, want) {
			t.Errorf("with descriptions, from one colleague: no %q", want)
		}
	}
}

// squashSpaces folds every run of whitespace, no-break spaces included.
func squashSpaces(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '\u00a0' || r == '\u202f'
	}), " ")
}

// checkPDF fails when qpdf finds anything wrong in a PDF, a warning
// included; skipped where qpdf is missing (tools/deps.sh installs it).
func checkPDF(t *testing.T, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf is not installed (tools/deps.sh)")
	}
	f := filepath.Join(t.TempDir(), "check.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command("qpdf", "--check", f).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// noHoles fails on a placeholder left empty or unfilled, or a key shown
// instead of its text.
func noHoles(t *testing.T, text string) {
	t.Helper()
	for _, hole := range []string{"<no value>", "{{", "bundle.synthesis.", "count.", "code."} {
		if i := strings.Index(text, hole); i >= 0 {
			t.Errorf("%q in the synthesis: %q", hole, text[max(0, i-60):min(len(text), i+60)])
		}
	}
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils, installed
// by make deps); "" when it is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is missing (make deps installs poppler-utils): PDF text not checked")
		return ""
	}
	p := filepath.Join(t.TempDir(), "s.pdf")
	os.WriteFile(p, pdf, 0o600)
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Characters the PDF's fonts cannot show (emoji, controls) are replaced,
// not a crash of the PDF library.
func TestSynthesisWithEmoji(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	m := apptest.NewMemory()
	in := sampleIncident(5, "")
	in.Workplace = "Lycée 🏫 des Arts\u202e"
	in.Description = "Message reçu : « 😡😡 tu vas voir » \x07"
	m.Create(t, in)
	p, _ := exportTo(t, memorySource(m), ExportOptions{To: []string{id.Recipient().String()}})
	c, err := OpenFile(context.Background(), p, OpenOptions{Identities: []age.Identity{id}})
	if err != nil {
		t.Fatal(err)
	}
	var pdf bytes.Buffer
	if _, err := WriteSynthesis([]SynthesisInput{InputOf(c)}, SynthesisOptions{IncludeDescriptions: true}, &pdf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
}
