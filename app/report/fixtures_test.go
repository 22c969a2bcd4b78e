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

// Fixtures: real vaults on disk (with the cheap key derivation of tests),
// the demo journal, and pdftotext / pdftoppm to read the PDFs back.

// testNow is the generation time of the reports under test.
var testNow = time.Now().Truncate(time.Minute)

func newJournal(t testing.TB) *app.Journal {
	t.Helper()
	j, _, err := app.CreateVault(filepath.Join(t.TempDir(), "vault"), []byte("correct horse battery"), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Lock() })
	return j
}

// demoJournal is the demo journal with an author's profile.
func demoJournal(t testing.TB) *app.Journal {
	t.Helper()
	j := newJournal(t)
	if _, err := app.FillDemo(context.Background(), j, testNow.AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	err := j.Settings.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure certifiée de biologie-écologie",
		Workplace: "Lycée agricole Jean-Monnet", Authority: "DRAAF Hauts-de-France", Town: "Arras", Agricultural: true})
	if err != nil {
		t.Fatal(err)
	}
	return j
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

func mustCreate(t testing.TB, j *app.Journal, in *app.Incident) *app.Incident {
	t.Helper()
	out, err := j.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func attach(t testing.TB, j *app.Journal, id, name string, data []byte) *app.Evidence {
	t.Helper()
	ev, err := j.Evidence.AttachFile(context.Background(), id, name, bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	return ev
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
	cmd := exec.Command("pdftoppm", "-png", "-r", "60", filepath.Join(dir, name+".pdf"), filepath.Join(dir, name))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
}
