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
	text := pdfText(t, pdf.Bytes())
	noHoles(t, text)
	if text != "" {
		for _, want := range []string{"Synthèse anonyme", "Menaces", "Insultes", "mars 2026", "Lycée Victor Hugo"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}
		for _, secret := range []string{"Élève A", "Kévin", "Parent P1", "inconnu s’est introduit", "Intrus I1"} {
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
	if text := pdfText(t, pdf.Bytes()); text != "" && !strings.Contains(text, "Anonymous synthesis") {
		t.Errorf("English PDF:\n%s", text)
	} else {
		noHoles(t, text)
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
