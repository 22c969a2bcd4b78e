package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

func TestReportCommands(t *testing.T) {
	newVault(t)
	mustRun(t, incidentJSON, "add")
	mustRun(t, "", "people", "add", "Kevin Martin", "--as", "Élève K")
	mustRun(t, "", "profile", "set", "--name", "Claire Durand", "--function", "professeure")
	id := listJSON(t)[0].ID
	pdf := filepath.Join(t.TempDir(), "rapport.pdf")

	out, errOut, status := run(t, "", "report", "--out", pdf, "--request", "Une enquête.", "--thumbnails")
	if status != 0 || !strings.Contains(out, "SHA-256") {
		t.Fatalf("report: %d\n%s%s", status, out, errOut)
	}
	ownertest.Private(t, pdf)
	data, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if text := pdfToText(t, pdf); text != "" && !strings.Contains(text, "Une enquête.") {
		t.Error("the request is not in the report")
	}

	// Never over an existing file without --force.
	if _, errOut, status := run(t, "", "report", "--out", pdf); status == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("overwrote without --force: %d %s", status, errOut)
	}
	if again, _ := os.ReadFile(pdf); !bytes.Equal(again, data) {
		t.Error("the existing file changed")
	}
	os.Chmod(pdf, 0o644)
	mustRun(t, "", "report", "--out", pdf, "--force", "--lang", "en", "--incident", id[:5])
	ownertest.Private(t, pdf)

	// A failed report leaves no file (and nothing forced away).
	empty := filepath.Join(t.TempDir(), "vide.pdf")
	if _, errOut, status := run(t, "", "report", "--out", empty, "--since", "2099-01-01"); status == 0 || !strings.Contains(errOut, "Aucun incident dans cette sélection") {
		t.Errorf("empty report: %d %s", status, errOut)
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Error("a failed report left a file")
	}
	if _, _, status := run(t, "", "report", "--out", pdf, "--force", "--since", "2099-01-01"); status == 0 {
		t.Error("empty forced report succeeded")
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Error("a failed forced report removed the earlier file")
	}
	if _, _, status := run(t, "", "report"); status == 0 {
		t.Error("report without --out succeeded")
	}

	// The letter and the RSST text. The incident's request for protection
	// was deemed rejected long ago and the time to appeal is over: no
	// letter for the same facts, and the person is told why (issue 11).
	letter := filepath.Join(t.TempDir(), "lettre.pdf")
	if _, errOut, status := run(t, "", "letter", "protection", "--incident", id, "--out", letter); status == 0 || !strings.Contains(errOut, "a expiré") {
		t.Errorf("a letter for facts whose time to appeal is over: %d %s", status, errOut)
	}
	mustRun(t, strings.Replace(incidentJSON, `"actions": [{"kind": "functional_protection", "date": "2026-03-10"}]`, `"actions": []`, 1), "add")
	var other string
	for _, in := range listJSON(t) {
		if len(in.Actions) == 0 {
			other = in.ID
		}
	}
	out = mustRun(t, "", "letter", "protection", "--incident", other, "--out", letter)
	if !strings.Contains(out, "recommandé") {
		t.Errorf("letter printed:\n%s", out)
	}
	if text := pdfToText(t, letter); text != "" && !strings.Contains(text, "protection fonctionnelle") {
		t.Error("the letter does not ask for protection fonctionnelle")
	}
	if _, _, status := run(t, "", "letter", "protection", "--out", filepath.Join(t.TempDir(), "x.pdf")); status == 0 {
		t.Error("a letter about no incident succeeded")
	}
	out = mustRun(t, "", "rsst", id)
	if !strings.Contains(out, "FICHE RSST") || !strings.Contains(out, "Claire Durand, professeure") {
		t.Errorf("rsst:\n%s", out)
	}

	// Three documents, three report_generated events.
	j, err := app.Unlock(os.Getenv("TEMOIN_VAULT"), []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	events, _ := j.Chain.Events()
	n := 0
	for _, ev := range events {
		if app.KindOf(ev) == app.EventReportGenerated {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d report_generated events, want 3", n)
	}
}

// pdfToText returns the text of a PDF file, or "" when pdftotext is
// missing.
func pdfToText(t *testing.T, name string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	out, err := exec.Command("pdftotext", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
