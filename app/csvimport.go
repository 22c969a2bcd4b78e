package app

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// CSV import: incidents from a spreadsheet, all of them or none.
//
// The first row names the columns, in any order; unknown columns are an
// error. UTF-8, with or without a byte-order mark; separated by "," or by
// ";" (as French spreadsheets save). Columns:
//
//	date             2026-03-14 or 14/03/2026 (required)
//	time             14:05 (optional)
//	kinds, channels  codes separated by "|": insult|threat
//	setting, perpetrator, perpetrator_ref
//	description, exact_words, consequences, notes
//	witnesses        separated by "|", each "role" or "role: pseudonym"
//
// French column names are accepted too (faits, propos, témoins, lieu...).

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
	"remarques": "notes",
}

// CSVProblem is one thing wrong in the file, with its line.
type CSVProblem struct {
	Line   int
	Column string
	Msg    string
}

func (p CSVProblem) String() string {
	if p.Column != "" {
		return fmt.Sprintf("line %d, column %q: %s", p.Line, p.Column, p.Msg)
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// CSVError lists what is wrong in a file; nothing was imported.
type CSVError struct {
	Problems []CSVProblem
	More     int // problems not listed
}

func (e *CSVError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "nothing was imported: %d problem(s) in the file", len(e.Problems)+e.More)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", e.More)
	}
	return b.String()
}

const maxCSVProblems = 30

// ParseCSV reads incidents from a CSV file, times in loc. It reads the
// whole file before returning: either every row is valid and all are
// returned, or a *CSVError lists the bad rows.
func ParseCSV(r io.Reader, loc *time.Location) ([]*Incident, error) {
	cr, cols, err := csvOpen(r)
	if err != nil {
		return nil, err
	}
	var out []*Incident
	csvErr := &CSVError{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("the file cannot be read: %w", err)
			}
			csvErr.add(CSVProblem{Line: pe.StartLine, Msg: pe.Err.Error()})
			if pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote {
				// The rest of the file cannot be trusted to split into
				// the right rows.
				break
			}
			continue
		}
		lineNo, _ := cr.FieldPos(0)
		if isBlank(rec) {
			continue
		}
		if len(rec) != len(cols) {
			csvErr.add(CSVProblem{Line: lineNo, Msg: fmt.Sprintf("%d fields, but the first line names %d columns", len(rec), len(cols))})
			continue
		}
		in, problems := csvRow(cols, rec, lineNo, loc)
		for _, p := range problems {
			csvErr.add(p)
		}
		if len(problems) == 0 {
			out = append(out, in)
		}
	}
	if len(csvErr.Problems) > 0 {
		return nil, csvErr
	}
	if len(out) == 0 {
		return nil, errors.New("the file has no incidents: only the line of column names")
	}
	return out, nil
}

// csvOpen skips a byte-order mark, finds the separator ("," or ";", the
// one the first line uses most) and reads the column names.
func csvOpen(r io.Reader) (*csv.Reader, []string, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	line, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, errors.New("the file is empty: its first line must name the columns (date, description...)")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("the file cannot be read as CSV: %w", err)
	}
	cols, err := csvHeader(header)
	if err != nil {
		return nil, nil, err
	}
	return cr, cols, nil
}

// add lists a problem, or counts it once maxCSVProblems are listed.
func (e *CSVError) add(p CSVProblem) {
	if len(e.Problems) < maxCSVProblems {
		e.Problems = append(e.Problems, p)
	} else {
		e.More++
	}
}

func csvHeader(header []string) ([]string, error) {
	cols := make([]string, len(header))
	var unknown []string
	for i, h := range header {
		name := fold(strings.TrimSpace(h))
		if alias, ok := csvAliases[name]; ok {
			name = alias
		}
		if !slices.Contains(CSVColumns, name) {
			unknown = append(unknown, fmt.Sprintf("%q", strings.TrimSpace(h)))
		}
		if slices.Contains(cols[:i], name) {
			return nil, fmt.Errorf("the column %q appears twice", name)
		}
		cols[i] = name
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown column(s) %s: the columns are %s", strings.Join(unknown, ", "), strings.Join(CSVColumns, ", "))
	}
	if !slices.Contains(cols, "date") {
		return nil, errors.New("the column \"date\" is missing")
	}
	if !slices.Contains(cols, "description") && !slices.Contains(cols, "exact_words") {
		return nil, errors.New("a column \"description\" (or \"exact_words\") is needed")
	}
	return cols, nil
}

func isBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvRow(cols, rec []string, line int, loc *time.Location) (*Incident, []CSVProblem) {
	var problems []CSVProblem
	bad := func(col, format string, args ...any) {
		problems = append(problems, CSVProblem{Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
	in := &Incident{}
	var day Date
	hour, minute := 0, 0
	timeGiven := false
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		switch col {
		case "date":
			d, err := ParseDate(v)
			if err != nil {
				bad(col, "%v", err)
			}
			day = d
		case "time":
			if v == "" {
				continue
			}
			h, m, ok := parseClock(v)
			if !ok {
				bad(col, "invalid time %q: write it as 14:05", v)
			}
			hour, minute, timeGiven = h, m, true
		default:
			csvField(in, col, rec[i])
		}
	}
	if !day.IsZero() {
		in.OccurredAt = time.Date(day.Year, day.Month, day.Day, hour, minute, 0, 0, loc)
		in.TimeUnknown = !timeGiven
	}
	if len(problems) > 0 {
		return in, problems
	}
	in.normalize()
	if err := in.Validate(); err != nil {
		for _, e := range unjoin(err) {
			var fe *FieldError
			if errors.As(e, &fe) {
				bad(fe.Field, "%s", fe.Msg)
			} else {
				bad("", "%v", e)
			}
		}
	}
	return in, problems
}

// csvField sets the field of a column other than the date and time:
// codes in lower case, short texts trimmed, long texts as written.
func csvField(in *Incident, col, raw string) {
	v := strings.TrimSpace(raw)
	switch col {
	case "kinds":
		in.Kinds = csvCodes(v)
	case "channels":
		in.Channels = csvCodes(v)
	case "setting":
		in.Setting = strings.ToLower(v)
	case "perpetrator":
		in.Perpetrator = strings.ToLower(v)
	case "perpetrator_ref":
		in.PerpetratorRef = v
	case "description":
		in.Description = raw
	case "exact_words":
		in.ExactWords = raw
	case "witnesses":
		in.Witnesses = csvWitnesses(v)
	case "consequences":
		in.Consequences = raw
	case "notes":
		in.Notes = raw
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func parseClock(s string) (int, int, bool) {
	s = strings.ReplaceAll(strings.ToLower(s), "h", ":")
	if strings.HasSuffix(s, ":") {
		s += "00"
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

func csvCodes(v string) []string {
	var out []string
	for _, c := range strings.Split(v, "|") {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
			out = append(out, c)
		}
	}
	return out
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
