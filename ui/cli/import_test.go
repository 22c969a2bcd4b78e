package cli

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/sheet/sheettest"
)

// teacherLog is a teacher's own log, as typed in a spreadsheet: French
// column names, French labels for the codes, a date and time in one cell,
// a time with seconds, a cell on two lines.
var teacherLog = [][]string{
	{"Date", "Heure", "Types", "Canaux", "Auteur", "Référence auteur", "Faits", "Propos"},
	{"12/03/2026 14:05", "", "Insultes", "En personne", "Parent", "Parent P1", "Appel très agressif.\nIl a raccroché.", "« Vous allez le regretter »"},
	{"13/03/2026", "14:05:00", "Menaces, harcèlement", "Téléphone", "Élève", "Élève A", "Menace en classe ; puis dans le couloir", ""},
	{"14/03/2026", "", "Intrusion en visioconférence", "Visioconférence", "Personne extérieure", "Intrus I1", "Intrusion pendant la classe virtuelle", ""},
}

// teacherXLSX is teacherLog as Excel saves it: dates and times are numbers
// shown through date formats (Excel's built-in one shows month first).
func teacherXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetName(sh, "Journal")
	for r, row := range teacherLog {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v != "" {
				f.SetCellValue("Journal", cell, v)
			}
		}
	}
	dayFmt := "dd/mm/yyyy"
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	clock, _ := f.NewStyle(&excelize.Style{NumFmt: 21})
	day, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dayFmt})
	f.SetCellValue("Journal", "A2", 46093+14.0/24+5.0/1440) // 12/03/2026 14:05
	f.SetCellStyle("Journal", "A2", "A2", dateTime)
	f.SetCellValue("Journal", "A3", 46094)
	f.SetCellValue("Journal", "A4", 46095)
	f.SetCellStyle("Journal", "A3", "A4", day)
	f.SetCellValue("Journal", "B3", 14.0/24+5.0/1440)
	f.SetCellStyle("Journal", "B3", "B3", clock)
	f.NewSheet("Brouillon")
	f.SetCellValue("Brouillon", "A1", "notes personnelles")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// teacherODS is teacherLog as LibreOffice Calc saves it.
func teacherODS(t *testing.T) []byte {
	t.Helper()
	cell := func(v string) string {
		var b strings.Builder
		b.WriteString(`<table:table-cell office:value-type="string">`)
		for p := range strings.SplitSeq(v, "\n") {
			b.WriteString("<text:p>")
			xmlEscape(&b, p)
			b.WriteString("</text:p>")
		}
		return b.String() + "</table:table-cell>"
	}
	var rows strings.Builder
	for r, row := range teacherLog {
		rows.WriteString("<table:table-row>")
		for c, v := range row {
			switch {
			case r == 1 && c == 0:
				rows.WriteString(`<table:table-cell office:value-type="date" office:date-value="2026-03-12T14:05:00"><text:p>12/03/26 14:05</text:p></table:table-cell>`)
			case r > 1 && c == 0:
				fmt.Fprintf(&rows, `<table:table-cell office:value-type="date" office:date-value="2026-03-%d"><text:p>%s</text:p></table:table-cell>`, 11+r, v)
			case r == 2 && c == 1:
				rows.WriteString(`<table:table-cell office:value-type="time" office:time-value="PT14H05M00S"><text:p>14:05:00</text:p></table:table-cell>`)
			case v == "":
				rows.WriteString(`<table:table-cell/>`)
			default:
				rows.WriteString(cell(v))
			}
		}
		rows.WriteString(`<table:table-cell table:number-columns-repeated="16376"/></table:table-row>`)
	}
	content := `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Feuille1">` +
		rows.String() + `<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}} {
		w, _ := zw.Create(f[0])
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(b *strings.Builder, s string) {
	b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s))
}

// TestImportSpreadsheetsAsTeachersHaveThem imports the same log saved in
// every format French office suites offer, through the command line into
// a real vault: the first import creates the incidents, every other
// format is recognised as the same rows and skipped.
func TestImportSpreadsheetsAsTeachersHaveThem(t *testing.T) {
	newVault(t)
	semi := sheettest.CSV(teacherLog, ";", "\r\n")
	files := []struct {
		name string
		data []byte
	}{
		{"excel-csv-point-virgule.csv", sheettest.Encode(t, charmap.Windows1252, semi)}, // French Excel's default
		{"libreoffice.csv", []byte(sheettest.CSV(teacherLog, ",", "\n"))},
		{"excel-csv-utf8.csv", []byte("\ufeff" + semi)},
		{"texte-unicode.txt", sheettest.Encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), sheettest.CSV(teacherLog, "\t", "\r\n"))},
		{"csv-macintosh.csv", sheettest.Encode(t, charmap.Macintosh, sheettest.CSV(teacherLog, ";", "\r"))},
		{"classeur.xlsx", teacherXLSX(t)},
		{"classeur.ods", teacherODS(t)},
	}
	dir := t.TempDir()
	for i, f := range files {
		path := filepath.Join(dir, f.name)
		if err := os.WriteFile(path, f.data, 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, status := runPlain(t, "import", path)
		if status != 0 {
			t.Fatalf("%s: status %d\n%s", f.name, status, errOut)
		}
		created := strings.Count(out, "enregistré : ")
		switch {
		case i == 0 && created != 3:
			t.Fatalf("%s: %d incidents created, want 3\n%s", f.name, created, errOut)
		case i == 0:
			for _, want := range []string{"colonne F « Référence auteur » → Référence de l’auteur", "3 incidents importés"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("%s: stderr does not say %q:\n%s", f.name, want, errOut)
				}
			}
		case created != 0 || !strings.Contains(errOut, "3 lignes déjà importées ont été laissées de côté.") ||
			!strings.Contains(errOut, "Rien de nouveau"):
			t.Errorf("%s: not recognised as already imported (%d created):\n%s", f.name, created, errOut)
		}
		if f.name == "classeur.xlsx" && !strings.Contains(errOut, "Seule la première feuille, « Journal »") {
			t.Errorf("%s: the other sheet is not mentioned:\n%s", f.name, errOut)
		}
	}

	list := listJSON(t)
	if len(list) != 3 {
		t.Fatalf("%d incidents in the journal, want 3", len(list))
	}
	slices.SortFunc(list, func(a, b app.Incident) int { return a.OccurredAt.Compare(b.OccurredAt) })
	a, b := list[0], list[1]
	if a.OccurredAt.Format("2006-01-02 15:04") != "2026-03-12 14:05" || a.TimeUnknown ||
		!slices.Equal(a.Kinds, []string{"insult"}) || !slices.Equal(a.Channels, []string{"in_person"}) ||
		a.Perpetrator != "parent" || a.PerpetratorRef != "Parent P1" || a.Description != "Appel très agressif.\nIl a raccroché." {
		t.Errorf("first incident: %+v", a)
	}
	if b.OccurredAt.Format("15:04:05") != "14:05:00" || !slices.Equal(b.Kinds, []string{"threat", "harassment"}) || b.Perpetrator != "pupil" {
		t.Errorf("second incident: %+v", b)
	}
}

func TestImportErrorsNameSpreadsheetCells(t *testing.T) {
	newVault(t)
	dir := t.TempDir()
	// Row 2 holds a cell on three lines: the bad rows are rows 4 and 5 of
	// the spreadsheet, lines 6 and 7 of the file.
	bad := filepath.Join(dir, "erreurs.csv")
	os.WriteFile(bad, sheettest.Encode(t, charmap.Windows1252, "Date;Faits;Types\r\n"+
		"12/03/2026;\"un\r\ndeux\r\ntrois\";Insultes\r\n"+
		"13/03/2026;ok;Menaces\r\n"+
		"14/03/2026;x;gifle\r\n"+
		"31/02/2026;y;Menaces\r\n"), 0o600)
	_, errOut, status := runPlain(t, "import", bad)
	for _, want := range []string{
		"Rien n’a été importé : le tableau a 2 problèmes.",
		"Ligne 4, colonne C (Types) : « gifle » n’est pas reconnu. Valeurs possibles : « Intrusion en visioconférence », « Insultes, injures »",
		"Ligne 5, colonne A (Date) : « 31/02/2026 » n’est pas une date",
	} {
		if status != 1 || !strings.Contains(errOut, want) {
			t.Errorf("status %d, stderr does not say %q:\n%s", status, want, errOut)
		}
	}
	if strings.Contains(errOut, `\x`) || strings.Contains(errOut, "Ligne 6") || strings.Contains(errOut, "line") {
		t.Errorf("raw error shown:\n%s", errOut)
	}
	if n := len(listJSON(t)); n != 0 {
		t.Fatalf("a bad file imported %d incidents", n)
	}

	t.Setenv("TEMOIN_LANG", "en")
	_, errOut, _ = runPlain(t, "import", bad)
	if !strings.Contains(errOut, "Row 4, column C (Types): “gifle” is not recognised.") {
		t.Errorf("English:\n%s", errOut)
	}
	pdf := filepath.Join(dir, "scan.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), 0o600)
	if _, errOut, status := run(t, "", "import", pdf); status != 1 || !strings.Contains(errOut, "This file is not a spreadsheet: choose a .csv, .xlsx or .ods file") {
		t.Errorf("PDF: %d %s", status, errOut)
	}
}

// runPlain runs a command and gives its output with no-break spaces (French
// typography) as plain spaces, so that expected sentences read naturally.
func runPlain(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	out, errOut, status := run(t, "", args...)
	return strings.ReplaceAll(out, "\u00a0", " "), strings.ReplaceAll(errOut, "\u00a0", " "), status
}
