package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// OpenDocument's XML name spaces.
const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// maxXML bounds the size of content.xml once uncompressed.
const maxXML = 8 * MaxSize

var errXMLTooBig = errors.New("content.xml is too big")

// readODS reads the first table of an OpenDocument spreadsheet from its
// content.xml, as a stream: memory grows with the cells that hold
// something, not with the file.
func readODS(content *zip.File) (*Sheet, error) {
	rc, err := content.Open()
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	defer rc.Close()
	p := &odsParser{dec: xml.NewDecoder(&limitedReader{r: rc, n: maxXML}), sheet: &Sheet{Format: ODS}}
	if err := p.run(); err != nil {
		switch {
		case errors.Is(err, errXMLTooBig), errors.Is(err, errTooManyCells):
			return nil, &Error{Kind: ErrTooBig, Err: err}
		}
		return nil, &Error{Kind: ErrDamaged, Err: err}
	}
	return p.sheet, nil
}

type odsParser struct {
	dec    *xml.Decoder
	sheet  *Sheet
	tables int // tables seen so far
	row    int // number of the last row read
	cells  int
}

func (p *odsParser) run() error {
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != nsTable || se.Name.Local != "table" {
			continue
		}
		p.tables++
		name := attr(se, nsTable, "name")
		if p.tables > 1 {
			p.sheet.Others = append(p.sheet.Others, name)
			if err := p.dec.Skip(); err != nil {
				return err
			}
			continue
		}
		p.sheet.Name = name
		if err := p.table(); err != nil {
			return err
		}
	}
}

// table reads the rows of a table, up to its end.
func (p *odsParser) table() error {
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table" {
				return nil
			}
		case xml.StartElement:
			if t.Name.Space == nsTable && t.Name.Local == "table-row" {
				if err := p.tableRow(t); err != nil {
					return err
				}
			}
		}
	}
}

// tableRow reads one row element, which may stand for several rows.
func (p *odsParser) tableRow(se xml.StartElement) error {
	var cells []string
	pending := 0 // empty cells not yet added: only added before a full one
	for {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		if _, end := tok.(xml.EndElement); end {
			break
		}
		c, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if c.Name.Space != nsTable || (c.Name.Local != "table-cell" && c.Name.Local != "covered-table-cell") {
			if err := p.dec.Skip(); err != nil {
				return err
			}
			continue
		}
		value, err := p.cell(c)
		if err != nil {
			return err
		}
		n := repeat(c, "number-columns-repeated")
		if value == "" {
			pending += n
			continue
		}
		if p.cells += pending + n; p.cells > maxCells {
			return errTooManyCells
		}
		for ; pending > 0; pending-- {
			cells = append(cells, "")
		}
		for range n {
			cells = append(cells, value)
		}
	}
	n := repeat(se, "number-rows-repeated")
	if len(cells) == 0 {
		p.row += n
		return nil
	}
	if p.cells += (n - 1) * len(cells); p.cells > maxCells {
		return errTooManyCells
	}
	for range n {
		p.row++
		p.sheet.Rows = append(p.sheet.Rows, Row{Number: p.row, Cells: cells})
	}
	return nil
}

// cell returns the value of a cell element, read up to its end: dates
// and times as ISO text, everything else as the spreadsheet shows it,
// paragraphs joined by line breaks. Comments are left out.
func (p *odsParser) cell(se xml.StartElement) (string, error) {
	switch attr(se, nsOffice, "value-type") {
	case "date":
		if v := odsDate(attr(se, nsOffice, "date-value")); v != "" {
			return v, p.dec.Skip()
		}
	case "time":
		if v := odsTime(attr(se, nsOffice, "time-value")); v != "" {
			return v, p.dec.Skip()
		}
	}
	var b strings.Builder
	paragraphs := 0
	for depth := 1; depth > 0; {
		tok, err := p.dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Space == nsOffice && t.Name.Local == "annotation":
				if err := p.dec.Skip(); err != nil {
					return "", err
				}
				depth--
			case t.Name.Space != nsText:
			case t.Name.Local == "p":
				if paragraphs++; paragraphs > 1 {
					b.WriteByte('\n')
				}
			case t.Name.Local == "s":
				b.WriteString(strings.Repeat(" ", min(repeat(t, "c"), 1000)))
			case t.Name.Local == "tab":
				b.WriteByte('\t')
			case t.Name.Local == "line-break":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
		if b.Len() > MaxSize {
			return "", errXMLTooBig
		}
	}
	return b.String(), nil
}

// odsDate turns "2026-03-12T14:05:00" into "2026-03-12 14:05:00" and
// "2026-03-12" into itself.
func odsDate(v string) string {
	if t, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(v, "Z")); err == nil {
		return t.Format("2006-01-02 15:04:05")
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t.Format("2006-01-02")
	}
	return ""
}

// odsTime turns an ISO 8601 duration, "PT14H05M00S", into "14:05:00".
func odsTime(v string) string {
	rest, ok := strings.CutPrefix(v, "PT")
	if !ok {
		return ""
	}
	var parts [3]float64
	for i, unit := range []string{"H", "M", "S"} {
		num, after, found := strings.Cut(rest, unit)
		if !found {
			continue
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return ""
		}
		parts[i], rest = f, after
	}
	d := time.Duration(parts[0]*float64(time.Hour) + parts[1]*float64(time.Minute) + parts[2]*float64(time.Second)).Round(time.Second)
	if rest != "" || d < 0 || d >= 24*time.Hour {
		return ""
	}
	return time.Time{}.Add(d).Format("15:04:05")
}

func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// repeat reads a repetition count attribute of the table or text name
// space: 1 when absent or unreadable.
func repeat(se xml.StartElement, local string) int {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == nsTable || a.Name.Space == nsText) {
			if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
				return n
			}
		}
	}
	return 1
}

// limitedReader reads at most n bytes, then fails with errXMLTooBig.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(b []byte) (int, error) {
	if l.n <= 0 {
		return 0, errXMLTooBig
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	n, err := l.r.Read(b)
	l.n -= int64(n)
	return n, err
}
