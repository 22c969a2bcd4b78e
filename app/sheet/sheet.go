// Package sheet reads the rows of a spreadsheet the way teachers really
// have them: a CSV file saved by any office suite (UTF-8 with or without a
// byte-order mark, UTF-16 "Texte Unicode", Windows-1252 as French Excel
// saves by default, Mac Roman as old Mac Excel saves; separated by ";",
// "," or tabs; lines ended by CR LF, LF or CR alone), an Excel workbook
// (.xlsx) or an OpenDocument spreadsheet (.ods, read directly).
//
// Read recognises the format from the bytes, not from the file's name, and
// returns every row of the first sheet with its number as the spreadsheet
// shows it, so that a problem can be reported as "row 12, column C" even
// when cells hold line breaks. Dates and times typed in cells of .xlsx and
// .ods files come out unambiguous: "2026-03-12 14:05:00", "14:05:00".
//
// What cannot be read (an old .xls, a workbook locked by a password, a
// file that is no spreadsheet) is a *Error whose Kind the front ends turn
// into a sentence that says what to do.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// MaxSize is the largest file Read accepts: a journal of thousands of
// incidents is a few megabytes.
const MaxSize = 64 << 20

// maxCells bounds what a file may expand to (an .ods may repeat a cell a
// million times in a few bytes).
const maxCells = 2_000_000

// Format is the kind of file a sheet was read from.
type Format string

// Formats Read knows.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	ODS  Format = "ods"
)

// Row is one row of a sheet.
type Row struct {
	// Number is the row's number as the spreadsheet shows it: 1 for the
	// first row.
	Number int
	// Cells holds the row's cells, from column A; trailing empty cells
	// may be missing.
	Cells []string
}

// Cell returns the cell in column i (0 for A), "" when the row is shorter.
func (r Row) Cell(i int) string {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// Blank reports whether every cell of the row is empty or spaces.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Sheet is what Read found: the rows of the first sheet, blank rows
// left out, and how the file was written.
type Sheet struct {
	Format Format
	// Encoding and Separator describe a CSV file: "UTF-8", "UTF-16LE",
	// "UTF-16BE", "Windows-1252" or "Macintosh"; ';', ',' or '\t'.
	Encoding  string
	Separator rune
	// Name is the name of the sheet read in a workbook; Others names the
	// workbook's other sheets, which were not read.
	Name   string
	Others []string
	Rows   []Row
}

// ErrorKind says what is wrong with a file as a whole.
type ErrorKind int

// Kinds of Error.
const (
	// ErrEmpty: the file holds no cell at all.
	ErrEmpty ErrorKind = iota + 1
	// ErrTooBig: the file is larger than MaxSize or expands to too many cells.
	ErrTooBig
	// ErrOldExcel: an Excel 97-2003 workbook (.xls).
	ErrOldExcel
	// ErrPassword: a workbook locked by a password.
	ErrPassword
	// ErrNotSpreadsheet: neither CSV text nor a workbook (a PDF, an image,
	// a Word document...).
	ErrNotSpreadsheet
	// ErrDamaged: a workbook whose content cannot be read.
	ErrDamaged
	// ErrQuote: a quotation mark opened in a CSV cell is never closed,
	// so the rows after it cannot be told apart. Row says where.
	ErrQuote
)

// Error is a file that cannot be read as a spreadsheet.
type Error struct {
	Kind ErrorKind
	Row  int   // for ErrQuote: the row where the quoted cell starts
	Err  error // the underlying error, if any
}

func (e *Error) Error() string {
	msg := map[ErrorKind]string{
		ErrEmpty:          "the file is empty",
		ErrTooBig:         "the file is too big",
		ErrOldExcel:       "old Excel 97-2003 workbook (.xls)",
		ErrPassword:       "workbook locked by a password",
		ErrNotSpreadsheet: "not a spreadsheet",
		ErrDamaged:        "damaged workbook",
		ErrQuote:          "a quoted cell is never closed",
	}[e.Kind]
	if e.Row > 0 {
		msg = fmt.Sprintf("row %d: %s", e.Row, msg)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return "read spreadsheet: " + msg
}

func (e *Error) Unwrap() error { return e.Err }

// Read reads a spreadsheet from r, whatever its format. It reads at most
// MaxSize bytes.
func Read(r io.Reader) (*Sheet, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read spreadsheet: %w", err)
	}
	if len(data) > MaxSize {
		return nil, &Error{Kind: ErrTooBig}
	}
	var s *Sheet
	switch {
	case len(data) == 0:
		return nil, &Error{Kind: ErrEmpty}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		s, err = readZip(data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, oleError(data)
	default:
		s, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	s.Rows = dropBlank(s.Rows)
	if len(s.Rows) == 0 {
		return nil, &Error{Kind: ErrEmpty}
	}
	return s, nil
}

// readAll reads at most MaxSize+1 bytes of r. A file is read into one
// buffer of its size, not one doubled as it fills (io.ReadAll: twice the
// copies and half as much again to collect for a file of megabytes).
func readAll(r io.Reader) ([]byte, error) {
	lr := io.LimitReader(r, MaxSize+1)
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() <= MaxSize {
			b := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
			_, err := b.ReadFrom(lr)
			return b.Bytes(), err
		}
	}
	return io.ReadAll(lr)
}

func dropBlank(rows []Row) []Row {
	out := rows[:0]
	for _, r := range rows {
		if !r.Blank() {
			out = append(out, r)
		}
	}
	return out
}

// ColumnLetter returns the spreadsheet name of column i (0 for A, 26 for AA).
func ColumnLetter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// errTooManyCells is returned by readers that expand repeated cells.
var errTooManyCells = errors.New("too many cells")
