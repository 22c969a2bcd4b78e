package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// oleMagic starts a Compound File: an .xls, a .doc, or a workbook
// encrypted by a password.
var oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// oleError says what a Compound File is: a workbook locked by a password
// holds an "EncryptionInfo" stream, an old Excel workbook a "Workbook" one.
func oleError(data []byte) error {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return &Error{Kind: ErrNotSpreadsheet, Err: err}
	}
	for {
		f, err := r.Next()
		if err != nil {
			return &Error{Kind: ErrNotSpreadsheet}
		}
		switch f.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return &Error{Kind: ErrPassword}
		case "Workbook", "Book":
			return &Error{Kind: ErrOldExcel}
		}
	}
}

// readZip reads an .xlsx or an .ods file: both are ZIP archives.
func readZip(data []byte) (*Sheet, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	switch {
	case names["content.xml"] != nil && isODS(names["mimetype"]):
		return readODS(names["content.xml"])
	case names["xl/workbook.xml"] != nil:
		return readXLSX(data)
	}
	return nil, &Error{Kind: ErrNotSpreadsheet}
}

func isODS(mimetype *zip.File) bool {
	if mimetype == nil {
		return true // some writers leave it out; content.xml decides
	}
	rc, err := mimetype.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 100))
	return strings.HasPrefix(string(b), "application/vnd.oasis.opendocument.spreadsheet")
}

// readXLSX reads the first sheet of an Excel workbook. Cells formatted as
// dates or times are given as ISO text, whatever their display format
// (Excel's built-in short date shows month first).
func readXLSX(data []byte) (*Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 4 * MaxSize})
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	defer f.Close()
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, &Error{Kind: ErrEmpty}
	}
	name := list[0]
	shown, err := f.GetRows(name)
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	raw, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	props, _ := f.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	s := &Sheet{Format: XLSX, Name: name, Others: list[1:]}
	cells := 0
	for i, cols := range shown {
		if cells += len(cols); cells > maxCells {
			return nil, &Error{Kind: ErrTooBig, Err: errTooManyCells}
		}
		row := Row{Number: i + 1, Cells: cols}
		for c := range cols {
			if i < len(raw) && c < len(raw[i]) {
				if v, ok := xlsxDate(f, name, c+1, i+1, raw[i][c], date1904); ok {
					row.Cells[c] = v
				}
			}
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// xlsxDate returns a date or time cell as ISO text: "2026-03-12",
// "2026-03-12 14:05:00" or "14:05:00".
func xlsxDate(f *excelize.File, sheetName string, col, row int, raw string, date1904 bool) (string, bool) {
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < 0 {
		return "", false
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "", false
	}
	idx, err := f.GetCellStyle(sheetName, cell)
	if err != nil {
		return "", false
	}
	style, err := f.GetStyle(idx)
	if err != nil || !isDateFormat(style) {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return "", false
	}
	t = t.Round(1e9)
	switch {
	case serial < 1:
		return t.Format("15:04:05"), true
	case serial == float64(int64(serial)):
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}

// isDateFormat reports whether a cell style shows a date or a time: one of
// Excel's built-in date formats, or a custom format with day, month, year,
// hour or second codes outside quoted text and colours ([Red]).
func isDateFormat(s *excelize.Style) bool {
	switch {
	case s.NumFmt >= 14 && s.NumFmt <= 22, s.NumFmt >= 45 && s.NumFmt <= 47,
		s.NumFmt >= 27 && s.NumFmt <= 36, s.NumFmt >= 50 && s.NumFmt <= 58:
		return true
	case s.CustomNumFmt == nil:
		return false
	}
	quoted, bracket, escaped := false, false, false
	for _, r := range strings.ToLower(*s.CustomNumFmt) {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && !quoted:
			escaped = true
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case strings.ContainsRune("dmyhsj", r):
			return true
		}
	}
	return false
}
