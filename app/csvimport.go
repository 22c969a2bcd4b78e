package app

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app/sheet"
)

// Spreadsheet import: incidents from a teacher's own log, all of them or
// none. Package sheet reads the file (CSV in any encoding, .xlsx, .ods);
// this file turns its rows into incidents.
//
// The header row names the columns, in any order, in English or French,
// with or without accents; a title above it is skipped. Columns:
//
//	date             14/03/2026, 2026-03-14, or with the time: 14/03/2026 14:05 (required)
//	time             14:05, 14:05:00, 14h05 (optional)
//	kinds, channels  codes or their French or English labels, separated by
//	                 "|", ";" or ",": "Insultes, menaces", "insult|threat"
//	setting, perpetrator  one code or label: "Salle de classe", "Parent"
//	perpetrator_ref, description, exact_words, consequences, notes
//	witnesses        separated by "|", each "role" or "role: pseudonym"
//
// A column the import does not know is not lost: each of its cells is
// added to the incident's notes, after the column's name.

// CSVColumns are the column names the import knows.
var CSVColumns = []string{
	"date", "time", "kinds", "channels", "setting", "perpetrator", "perpetrator_ref",
	"description", "exact_words", "witnesses", "consequences", "notes",
}

// csvAliases maps folded French column names to the canonical ones.
var csvAliases = map[string]string{
	"heure": "time", "types": "kinds", "type": "kinds", "canaux": "channels", "canal": "channels",
	"cadre": "setting", "lieu": "setting", "auteur": "perpetrator",
	"reference auteur": "perpetrator_ref", "reference_auteur": "perpetrator_ref",
	"faits": "description", "propos": "exact_words", "propos exacts": "exact_words",
	"propos_exacts": "exact_words", "temoins": "witnesses", "consequences": "consequences",
	"remarques": "notes", "date et heure": "date", "date heure": "date",
}

// ImportColumn is a column of the sheet and what it becomes.
type ImportColumn struct {
	Index  int    // 0 for column A
	Header string // as written in the file
	// Field is the incident's field the column fills (one of CSVColumns),
	// or "" for a column the import does not know, added to the notes.
	Field string
}

// Letter returns the column's spreadsheet name: "A", "B"...
func (c ImportColumn) Letter() string { return sheet.ColumnLetter(c.Index) }

// ImportRow is a row of the sheet that becomes an incident.
type ImportRow struct {
	Number   int // the spreadsheet's row number
	Incident *Incident
	// Key identifies the row's content: the same row imported again,
	// from the same file or another copy of it, has the same key.
	Key string
}

// SheetImport is a spreadsheet read and checked, ready to be shown and
// imported: every row is a valid incident.
type SheetImport struct {
	Sheet     *sheet.Sheet
	HeaderRow int // the number of the row naming the columns
	Columns   []ImportColumn
	Rows      []ImportRow
}

// Incidents returns the incidents of every row.
func (s *SheetImport) Incidents() []*Incident {
	out := make([]*Incident, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = r.Incident
	}
	return out
}

// ReadSheet reads a spreadsheet and turns each of its rows into an
// incident, times in loc. It reads the whole file before returning:
// either every row is valid, or the error lists what is wrong. The error
// is a *sheet.Error when the file cannot be read as a spreadsheet, an
// *ImportError when it can but its columns or rows are wrong.
func ReadSheet(r io.Reader, loc *time.Location) (*SheetImport, error) {
	s, err := sheet.Read(r)
	if err != nil {
		return nil, err
	}
	headerAt, cols, err := findHeader(s.Rows)
	if err != nil {
		return nil, err
	}
	imp := &SheetImport{Sheet: s, HeaderRow: s.Rows[headerAt].Number, Columns: cols}
	ie := &ImportError{Kind: ImportBadRows}
	seen := map[string]int{}
	rows := s.Rows[headerAt+1:]
	for i, r := range convertRows(cols, rows, loc) {
		for _, p := range r.problems {
			ie.add(p)
		}
		if len(r.problems) == 0 {
			seen[r.key]++
			imp.Rows = append(imp.Rows, ImportRow{Number: rows[i].Number, Incident: r.in, Key: fmt.Sprintf("%s/%d", r.key, seen[r.key])})
		}
	}
	if len(ie.Problems) > 0 {
		return nil, ie
	}
	if len(imp.Rows) == 0 {
		return nil, &ImportError{Kind: ImportNoRows}
	}
	// Reading and checking the rows left as much garbage as what they
	// hold: collected and given back to the system now, before the unlock
	// adds the key derivation's 64 MiB (issue 15: peak memory).
	debug.FreeOSMemory()
	return imp, nil
}

// convertedRow is a row of the sheet turned into an incident, with the
// fingerprint of its content (rowKey), or the problems that stop it.
type convertedRow struct {
	in       *Incident
	problems []ImportProblem
	key      string
}

// convertRows turns rows into incidents, on every processor: each row is
// read, checked and fingerprinted alone (a spreadsheet of ten thousand
// rows is a few tenths of a second of work for one). The results are in
// the order of rows.
func convertRows(cols []ImportColumn, rows []sheet.Row, loc *time.Location) []convertedRow {
	out := make([]convertedRow, len(rows))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(rows)/rowsPerWorker))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * len(rows) / workers; i < (w+1)*len(rows)/workers; i++ {
				r := &out[i]
				if r.in, r.problems = sheetRow(cols, rows[i], loc); len(r.problems) == 0 {
					r.key = rowKey(r.in)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// rowsPerWorker: a sheet shorter than that is read by one goroutine.
const rowsPerWorker = 500

// findHeader finds the row naming the columns: the first of the first
// rows that names a date column (a title may stand above it).
func findHeader(rows []sheet.Row) (int, []ImportColumn, error) {
	var firstErr error
	for i, row := range rows[:min(len(rows), 10)] {
		cols, err := sheetHeader(row)
		if err == nil {
			return i, cols, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return 0, nil, firstErr
}

func sheetHeader(row sheet.Row) ([]ImportColumn, error) {
	var cols []ImportColumn
	fields := map[string]ImportColumn{}
	for i, h := range row.Cells {
		h = strings.Join(strings.Fields(h), " ")
		name := fold(h)
		if alias, ok := csvAliases[name]; ok {
			name = alias
		}
		if name == "" || !slices.Contains(CSVColumns, name) {
			name = ""
		}
		col := ImportColumn{Index: i, Header: h, Field: name}
		if prev, ok := fields[name]; ok && name != "" {
			return nil, &ImportError{Kind: ImportDuplicateColumn, Row: row.Number, Columns: []ImportColumn{prev, col}}
		}
		if name != "" {
			fields[name] = col
		}
		cols = append(cols, col)
	}
	if _, ok := fields["date"]; !ok {
		return nil, &ImportError{Kind: ImportNoDateColumn, Row: row.Number, Columns: cols}
	}
	_, desc := fields["description"]
	_, words := fields["exact_words"]
	if !desc && !words {
		return nil, &ImportError{Kind: ImportNoTextColumn, Row: row.Number, Columns: cols}
	}
	return cols, nil
}

func sheetRow(cols []ImportColumn, row sheet.Row, loc *time.Location) (*Incident, []ImportProblem) {
	r := &rowProblems{row: row.Number}
	for i := len(cols); i < len(row.Cells); i++ {
		if v := strings.TrimSpace(row.Cells[i]); v != "" {
			r.bad(ImportColumn{Index: i}, ProblemOutside, v, "")
		}
	}
	in := &Incident{}
	var day, clock string
	var dateCol, timeCol ImportColumn
	var extra []string
	for _, col := range cols {
		raw := row.Cell(col.Index)
		switch col.Field {
		case "date":
			day, dateCol = strings.TrimSpace(raw), col
		case "time":
			clock, timeCol = strings.TrimSpace(raw), col
		default:
			if note := r.field(in, col, raw); note != "" {
				extra = append(extra, note)
			}
		}
	}
	in.Notes = strings.Join(append(nonEmpty(in.Notes), extra...), "\n")
	when, timeKnown, p := sheetWhen(day, clock, dateCol, timeCol)
	for _, q := range p {
		q.Row = row.Number
		r.list = append(r.list, q)
	}
	if len(r.list) > 0 {
		return nil, r.list
	}
	in.OccurredAt = time.Date(when.Year(), when.Month(), when.Day(), when.Hour(), when.Minute(), when.Second(), 0, loc)
	in.TimeUnknown = !timeKnown
	in.normalize()
	return in, validationProblems(in, cols, row.Number)
}

// rowProblems gathers the problems of a row of the sheet.
type rowProblems struct {
	row  int
	list []ImportProblem
}

func (r *rowProblems) bad(col ImportColumn, kind ProblemKind, value, list string) {
	r.list = append(r.list, ImportProblem{Row: r.row, Column: col.Index, Header: col.Header, Kind: kind, Value: value, List: list})
}

// field sets the incident's field of a column other than the date and
// the time, from the cell as written. It returns the note that keeps a
// column the import does not know, if any.
func (r *rowProblems) field(in *Incident, col ImportColumn, raw string) string {
	v := strings.TrimSpace(raw)
	codes := func(list string) []string {
		c, unknown := matchCodes(list, v)
		for _, u := range unknown {
			r.bad(col, ProblemCode, u, list)
		}
		return c
	}
	one := func(list string) string {
		c, ok := matchCode(list, v)
		if !ok {
			r.bad(col, ProblemCode, v, list)
		}
		return c
	}
	switch col.Field {
	case "kinds":
		in.Kinds = codes("kind")
	case "channels":
		in.Channels = codes("channel")
	case "setting":
		in.Setting = one("setting")
	case "perpetrator":
		in.Perpetrator = one("perpetrator")
	case "perpetrator_ref":
		in.PerpetratorRef = v
	case "description":
		in.Description = cellText(raw)
	case "exact_words":
		in.ExactWords = cellText(raw)
	case "witnesses":
		in.Witnesses = csvWitnesses(v)
	case "consequences":
		in.Consequences = cellText(raw)
	case "notes":
		in.Notes = cellText(raw)
	default:
		if v != "" {
			return columnNote(col, v)
		}
	}
	return ""
}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

// columnNote writes the cell of a column the import does not know as a
// line of notes: "Suite donnée : convocation".
func columnNote(col ImportColumn, v string) string {
	name := col.Header
	if name == "" {
		name = col.Letter()
	}
	return name + " : " + v
}

// cellText keeps a text cell as typed, line breaks included, without
// the spaces around it.
func cellText(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// sheetWhen reads the date column, which may hold the time too, and the
// time column, which wins when both give one.
func sheetWhen(day, clock string, dateCol, timeCol ImportColumn) (time.Time, bool, []ImportProblem) {
	var problems []ImportProblem
	d, dayClock, ok := parseDateTime(day)
	if !ok {
		problems = append(problems, ImportProblem{Column: dateCol.Index, Header: dateCol.Header, Kind: ProblemDate, Value: day})
	}
	known := dayClock != ""
	if clock != "" {
		known = true
		dayClock = clock
	}
	var h, m, s int
	if known {
		var okClock bool
		if h, m, s, okClock = parseClock(dayClock); !okClock {
			col := timeCol
			if clock == "" {
				col = dateCol
			}
			problems = append(problems, ImportProblem{Column: col.Index, Header: col.Header, Kind: ProblemTime, Value: dayClock})
		}
	}
	return time.Date(d.Year, d.Month, d.Day, h, m, s, 0, time.UTC), known, problems
}

// parseDateTime reads a day, maybe followed by a time: "14/03/2026",
// "2026-03-14", "14/03/26", "14.03.2026", "14/03/2026 14:05",
// "2026-03-14T14:05:00".
func parseDateTime(s string) (Date, string, bool) {
	s = strings.TrimSpace(s)
	day, clock, _ := strings.Cut(strings.Replace(s, "T", " ", 1), " ")
	clock = strings.TrimSpace(clock)
	if d, err := ParseDate(day); err == nil {
		return d, clock, true
	}
	norm := strings.NewReplacer(".", "/", "-", "/").Replace(day)
	for _, layout := range []string{"2/1/2006", "2/1/06"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return DateOf(t), clock, true
		}
	}
	return Date{}, "", false
}

// parseClock reads "14:05", "14:05:00", "14h05", "14 h 05", "14h".
func parseClock(s string) (int, int, int, bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "")
	s = strings.ReplaceAll(s, "h", ":")
	if strings.HasSuffix(s, ":") {
		s += "00"
	}
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour(), t.Minute(), t.Second(), true
		}
	}
	return 0, 0, 0, false
}

// validationProblems checks an incident as the journal will, and says
// which cell is wrong.
func validationProblems(in *Incident, cols []ImportColumn, row int) []ImportProblem {
	err := in.Validate()
	if err == nil {
		return nil
	}
	colOf := func(field string) ImportColumn {
		for _, c := range cols {
			if c.Field == field {
				return c
			}
		}
		return ImportColumn{Index: -1}
	}
	var out []ImportProblem
	for _, e := range unjoin(err) {
		p := ImportProblem{Row: row, Column: -1, Kind: ProblemInvalid, Value: e.Error()}
		var fe *FieldError
		if errors.As(e, &fe) {
			switch {
			case fe.Field == "occurred_at":
				p.Kind, p.Value = ProblemDateRange, in.OccurredAt.Format("2006-01-02")
				fe.Field = "date"
			case fe.Field == "description":
				p.Kind, p.Value = ProblemNoText, ""
			case fe.Problem == FieldTooLong:
				p.Kind, p.Value = ProblemTooLong, ""
			}
			c := colOf(fe.Field)
			p.Column, p.Header = c.Index, c.Header
		}
		out = append(out, p)
	}
	return out
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func csvWitnesses(v string) []Witness {
	var out []Witness
	for _, item := range strings.Split(v, "|") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		role, pseudo, _ := strings.Cut(item, ":")
		out = append(out, Witness{Role: strings.TrimSpace(role), Pseudonym: strings.TrimSpace(pseudo)})
	}
	return out
}
