package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/temoin-app/temoin/app/sheet/sheettest"
)

// journal is a teacher's log as typed in a spreadsheet: French headers, a
// cell with two lines, a cell with the separator and quotes in it.
var journal = [][]string{
	{"Date", "Heure", "Référence auteur", "Faits"},
	{"12/03/2026", "14:05", "Parent P1", "Appel très agressif.\nIl a raccroché."},
	{"13/03/2026", "", "Élève A", "« Vous allez le \"regretter\" » ; menace"},
}

func cells(s *Sheet) [][]string {
	var out [][]string
	for _, r := range s.Rows {
		out = append(out, r.Cells)
	}
	return out
}

func TestReadCSVEncodingsSeparatorsLineEnds(t *testing.T) {
	semi := sheettest.CSV(journal, ";", "\r\n")
	cases := []struct {
		name, enc string
		sep       rune
		data      []byte
	}{
		{"UTF-8 with BOM (LibreOffice, Excel CSV UTF-8)", "UTF-8", ';', []byte("\ufeff" + semi)},
		{"UTF-8, commas, LF", "UTF-8", ',', []byte(sheettest.CSV(journal, ",", "\n"))},
		{"Windows-1252 (French Excel's default CSV)", "Windows-1252", ';', sheettest.Encode(t, charmap.Windows1252, semi)},
		{"Mac Roman with CR alone (CSV Macintosh)", "Macintosh", ';', sheettest.Encode(t, charmap.Macintosh, sheettest.CSV(journal, ";", "\r"))},
		{"UTF-16LE with BOM, tabs (Texte Unicode)", "UTF-16LE", '\t',
			sheettest.Encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), sheettest.CSV(journal, "\t", "\r\n"))},
		{"UTF-16BE with BOM", "UTF-16BE", ';', sheettest.Encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), semi)},
		{"UTF-16LE without BOM", "UTF-16LE", ';', sheettest.Encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), semi)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Read(bytes.NewReader(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != CSV || s.Encoding != c.enc || s.Separator != c.sep {
				t.Errorf("read as %s %s %q", s.Format, s.Encoding, s.Separator)
			}
			if got := cells(s); !reflect.DeepEqual(got, journal) {
				t.Errorf("cells:\n got %q\nwant %q", got, journal)
			}
			for i, r := range s.Rows {
				if r.Number != i+1 {
					t.Errorf("row %d numbered %d", i+1, r.Number)
				}
			}
		})
	}
}

func TestCSVRowNumbersAreSpreadsheetRows(t *testing.T) {
	// Row 2 holds a three-line cell, row 3 is empty, row 5 has only
	// separators: the rows after them keep the numbers a spreadsheet shows.
	text := "date;faits\n" +
		"2026-03-01;\"one\ntwo\nthree\"\n" +
		"\n" +
		"2026-03-02;after the empty row\n" +
		";\n" +
		"2026-03-03;\"quoted \"\"x\"\"\nand on\"\n" +
		"2026-03-04;last\n"
	s, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range s.Rows {
		got = append(got, r.Number)
	}
	if want := []int{1, 2, 4, 6, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("row numbers %v, want %v", got, want)
	}

	_, err = Read(strings.NewReader("date;faits\n2026-03-01;\"a\nb\"\n\n2026-03-02;\"never closed\n2026-03-03;x\n"))
	var se *Error
	if !errors.As(err, &se) || se.Kind != ErrQuote || se.Row != 4 {
		t.Errorf("unclosed quote: %v (%+v)", err, se)
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetName(sh, "Journal")
	mustSet := func(cell string, v any) {
		if err := f.SetCellValue("Journal", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	mustSet("A1", "Date")
	mustSet("B1", "Heure")
	mustSet("C1", "Faits")
	// Row 2: a date-time with Excel's built-in "m/d/yy h:mm" (shown month
	// first), a time alone, a cell with a line break.
	mustSet("A2", 46093.5868055556) // 12 March 2026 14:05
	mustSet("B2", 0.5868055556)     // 14:05
	mustSet("C2", "Appel.\nRaccroché.")
	dt, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	tm, _ := f.NewStyle(&excelize.Style{NumFmt: 21})
	custom := "dd/mm/yyyy"
	day, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	red := "[Red]0.00"
	money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &red})
	f.SetCellStyle("Journal", "A2", "A2", dt)
	f.SetCellStyle("Journal", "B2", "B2", tm)
	// Row 3 empty; row 4: a date alone, a number that is not a date.
	mustSet("A4", 46094)
	f.SetCellStyle("Journal", "A4", "A4", day)
	mustSet("B4", 12.5)
	f.SetCellStyle("Journal", "B4", "B4", money)
	mustSet("C4", "Menace")
	f.NewSheet("Autre")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}

	s, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != XLSX || s.Name != "Journal" || !reflect.DeepEqual(s.Others, []string{"Autre"}) {
		t.Errorf("sheet %s %q others %q", s.Format, s.Name, s.Others)
	}
	want := []Row{
		{1, []string{"Date", "Heure", "Faits"}},
		{2, []string{"2026-03-12 14:05:00", "14:05:00", "Appel.\nRaccroché."}},
		{4, []string{"2026-03-13", "12.50", "Menace"}},
	}
	if !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", s.Rows, want)
	}
}

// odsContent is shaped as LibreOffice Calc writes content.xml: repeated
// empty cells and rows, spaces as text:s, two paragraphs in a cell, a
// comment, date and time values, a second table.
const odsContent = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:body><office:spreadsheet>
<table:table table:name="Feuille1">
<table:table-column table:number-columns-repeated="4"/>
<table:table-header-rows>
<table:table-row><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Date</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Heure</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>Faits</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16379"/></table:table-row>
</table:table-header-rows>
<table:table-row><table:table-cell office:value-type="date" office:date-value="2026-03-12T14:05:00"><text:p>12/03/26 14:05</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT14H05M00S"><text:p>14:05</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><office:annotation><dc:creator>X</dc:creator><text:p>a comment</text:p></office:annotation><text:p>Appel<text:s text:c="2"/>très <text:span>agressif</text:span>.</text:p><text:p>Il a raccroché.</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16379"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row><table:table-cell office:value-type="date" office:date-value="2026-03-13"><text:p>13/03/2026</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="12.5"><text:p>12,5</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>Menace</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="Feuille2"><table:table-row><table:table-cell office:value-type="string"><text:p>ignored</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>`

func odsFile(t *testing.T, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`},
		{"content.xml", content},
	} {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadODS(t *testing.T) {
	s, err := Read(bytes.NewReader(odsFile(t, odsContent)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != ODS || s.Name != "Feuille1" || !reflect.DeepEqual(s.Others, []string{"Feuille2"}) {
		t.Errorf("sheet %s %q others %q", s.Format, s.Name, s.Others)
	}
	want := []Row{
		{1, []string{"Date", "Heure", "", "", "Faits"}},
		{2, []string{"2026-03-12 14:05:00", "14:05:00", "", "", "Appel  très agressif.\nIl a raccroché."}},
		{5, []string{"2026-03-13", "12,5", "", "", "Menace"}},
	}
	if !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", s.Rows, want)
	}
}

func TestReadRefusesWhatIsNoSpreadsheet(t *testing.T) {
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	bomb := strings.Replace(odsContent, `table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/>`,
		`table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>`, 1)
	cases := map[string]struct {
		data []byte
		kind ErrorKind
	}{
		"empty":           {nil, ErrEmpty},
		"only separators": {[]byte(";;;\r\n;;\r\n"), ErrEmpty},
		"PDF":             {[]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrNotSpreadsheet},
		"PNG":             {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotSpreadsheet},
		"Word document":   {docx.Bytes(), ErrNotSpreadsheet},
		"broken zip":      {[]byte("PK\x03\x04 not really"), ErrDamaged},
		"cell bomb":       {odsFile(t, bomb), ErrTooBig},
		"broken XML":      {odsFile(t, odsContent[:800]), ErrDamaged},
	}
	for name, c := range cases {
		_, err := Read(bytes.NewReader(c.data))
		var se *Error
		if !errors.As(err, &se) || se.Kind != c.kind {
			t.Errorf("%s: %v, want kind %d", name, err, c.kind)
		}
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sheettest.CSV(journal, ";", "\r\n")))
	f.Add([]byte("a;\"b\nc\";d\r\re;f"))
	f.Add([]byte("\xff\xfea\x00;\x00b\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		last := 0
		for _, r := range s.Rows {
			if r.Number <= last || r.Blank() {
				t.Fatalf("row %d after %d (blank %v)", r.Number, last, r.Blank())
			}
			last = r.Number
		}
	})
}
