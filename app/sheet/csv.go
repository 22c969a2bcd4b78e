package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readCSV decodes a CSV file to UTF-8 and splits it into rows numbered as
// a spreadsheet numbers them.
func readCSV(data []byte) (*Sheet, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	// CR alone ends lines in files saved by old Mac office suites;
	// encoding/csv knows only LF and CR LF.
	if bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	s := &Sheet{Format: CSV, Encoding: enc, Separator: separator(text)}
	s.Rows, err = splitRows(text, s.Separator)
	return s, err
}

// decodeText returns data as UTF-8 text and the name of the encoding it
// was written in. Text in UTF-8 is data itself, not a copy: a journal of
// ten thousand rows is megabytes, which encoding/csv copies into its
// cells anyway.
func decodeText(data []byte) ([]byte, string, error) {
	var enc encoding.Encoding
	var name string
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return data[3:], "UTF-8", checkText(data[3:])
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"
	case utf16Zeros(data, 1):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE"
	case utf16Zeros(data, 0):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE"
	case utf8.Valid(data):
		return data, "UTF-8", checkText(data)
	case looksMacRoman(data):
		enc, name = charmap.Macintosh, "Macintosh"
	default:
		enc, name = charmap.Windows1252, "Windows-1252"
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &Error{Kind: ErrNotSpreadsheet, Err: err}
	}
	return out, name, checkText(out)
}

// utf16Zeros reports whether data looks like UTF-16 without a byte-order
// mark: text in Latin letters has a zero byte in every other place (odd
// places for little-endian, even for big-endian).
func utf16Zeros(data []byte, at int) bool {
	n := min(len(data), 512) &^ 1
	if n < 4 {
		return false
	}
	zeros := 0
	for i := at; i < n; i += 2 {
		if data[i] == 0 {
			zeros++
		}
	}
	return zeros*4 >= n // at least half of the places looked at
}

// looksMacRoman tells Mac Roman from Windows-1252 for text that is not
// UTF-8. French in Windows-1252 writes its accented letters at 0xC0-0xFF
// (é is 0xE9); Mac Roman writes them at 0x80-0x9F (é is 0x8E), where
// Windows-1252 has only rare signs (€, ’, œ).
func looksMacRoman(data []byte) bool {
	low, high := 0, 0
	for _, b := range data {
		switch {
		case b >= 0x80 && b <= 0x9f:
			low++
		case b >= 0xc0:
			high++
		}
	}
	return low > 2*high
}

// checkText refuses what is not text: a PDF, an image, a Word document.
func checkText(b []byte) error {
	if bytes.IndexByte(b, 0) >= 0 || bytes.HasPrefix(b, []byte("%PDF")) {
		return &Error{Kind: ErrNotSpreadsheet}
	}
	return nil
}

// separator guesses the column separator from the first line: the one of
// tab, ";" and "," found most often outside quotes (";" on a tie, as
// French office suites save).
func separator(text []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(text) {
		if r == '"' {
			quoted = !quoted
		}
		if r == '\n' && !quoted {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	best := ';'
	for _, r := range []rune{'\t', ',', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// splitRows reads the rows of a CSV text with LF line ends. A row's number
// counts the lines encoding/csv skips as empty (a spreadsheet shows them
// as empty rows) but not the line breaks inside quoted cells.
func splitRows(text []byte, sep rune) ([]Row, error) {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	var rows []Row
	number, nextLine, cells := 0, 1, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Kind: ErrQuote, Row: number + 1 + max(pe.StartLine-nextLine, 0), Err: pe.Err}
		}
		if err != nil {
			return nil, &Error{Kind: ErrNotSpreadsheet, Err: err}
		}
		start, _ := cr.FieldPos(0)
		number += 1 + start - nextLine // empty lines skipped are empty rows
		last, _ := cr.FieldPos(len(rec) - 1)
		nextLine = last + strings.Count(rec[len(rec)-1], "\n") + 1
		if cells += len(rec); cells > maxCells {
			return nil, &Error{Kind: ErrTooBig, Err: errTooManyCells}
		}
		rows = append(rows, Row{Number: number, Cells: rec})
	}
}
