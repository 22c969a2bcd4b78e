package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
)

// englishSystem makes the process look like it runs on an English
// system, with no language asked for.
func englishSystem(t *testing.T) {
	t.Setenv("TEMOIN_LANG", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
}

// documentLanguage tells which language a PDF is written in, from its
// kicker ("DOCUMENT CONFIDENTIEL"), which every report and synthesis
// page carries.
func documentLanguage(t *testing.T, pdf string) string {
	t.Helper()
	text := pdfToText(t, pdf)
	for _, l := range i18n.Languages {
		for _, key := range []string{"report.cover.title", "bundle.synthesis.title"} {
			if strings.Contains(text, strings.Join(strings.Fields(l.X(key)), " ")) {
				return l.String()
			}
		}
	}
	t.Fatalf("%s: neither French nor English:\n%.400s", pdf, text)
	return ""
}

// TestDocumentLanguageIsChosen: on an English system, "temoin report" and
// the rapport.pdf inside "temoin export" are both in French, the default,
// and both in English with --report-lang en; --lang changes the messages
// only. (They disagreed: the report followed --lang, the export the
// system.)
func TestDocumentLanguageIsChosen(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is missing: run \"make deps\"")
	}
	bundleTest(t)
	englishSystem(t)
	dir := t.TempDir()
	t.Setenv("TEMOIN_BUNDLE_PASSPHRASE", "une phrase pour Élise")
	for i, c := range []struct {
		args []string
		doc  string
		said string // in the messages
	}{
		{nil, "fr", "Report written"},
		{[]string{"--lang", "en"}, "fr", "Report written"},
		{[]string{"--lang", "fr", "--report-lang", "en"}, "en", "Rapport écrit"},
	} {
		sub := filepath.Join(dir, string(rune('a'+i)))
		if err := os.Mkdir(sub, 0o700); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(sub, "rapport.pdf")
		out := mustRun(t, "", append([]string{"report", "--out", pdf}, c.args...)...)
		if !strings.Contains(out, c.said) {
			t.Errorf("%v: messages not in the language asked: %s", c.args, out)
		}
		if got := documentLanguage(t, pdf); got != c.doc {
			t.Errorf("%v: temoin report wrote a %s report, want %s", c.args, got, c.doc)
		}
		bundle := filepath.Join(sub, "b.zip.age")
		mustRun(t, "", append([]string{"export", "--passphrase", "--out", bundle, "--evidence", "none"}, c.args...)...)
		mustRun(t, "", "open", bundle, "--passphrase", "--out", filepath.Join(sub, "opened"))
		if got := documentLanguage(t, filepath.Join(sub, "opened", "rapport.pdf")); got != c.doc {
			t.Errorf("%v: the rapport.pdf of temoin export is %s, want %s", c.args, got, c.doc)
		}
	}
	for _, cmd := range [][]string{
		{"report", "--out", filepath.Join(dir, "x.pdf")},
		{"export", "--passphrase", "--out", filepath.Join(dir, "x.age")},
		{"rsst", "abc"},
	} {
		_, errOut, status := run(t, "", append(cmd, "--report-lang", "de")...)
		if status == 0 || !strings.Contains(errOut, "--report-lang fr") {
			t.Errorf("%s --report-lang de: %d %s", cmd[0], status, errOut)
		}
	}
}
