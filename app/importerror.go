package app

import (
	"fmt"
	"strings"

	"github.com/temoin-app/temoin/app/sheet"
)

// ImportErrorKind says what is wrong with a spreadsheet that was read.
type ImportErrorKind int

// Kinds of ImportError.
const (
	// ImportBadRows: some rows are wrong; Problems lists them.
	ImportBadRows ImportErrorKind = iota + 1
	// ImportNoDateColumn: no row near the top names a date column.
	ImportNoDateColumn
	// ImportNoTextColumn: no column "description" nor "exact_words".
	ImportNoTextColumn
	// ImportDuplicateColumn: two columns fill the same field; Columns
	// holds both.
	ImportDuplicateColumn
	// ImportNoRows: the sheet names its columns but has no row below.
	ImportNoRows
)

// ProblemKind says what is wrong in a cell. Its value is stable: front
// ends use it in translation keys ("import.problem.date").
type ProblemKind string

// Kinds of ImportProblem.
const (
	ProblemDate      ProblemKind = "date"       // not a date (Value)
	ProblemDateRange ProblemKind = "date_range" // a date before 1970 or in the future (Value)
	ProblemTime      ProblemKind = "time"       // not a time of day (Value)
	ProblemCode      ProblemKind = "code"       // not a code or label of List (Value)
	ProblemNoText    ProblemKind = "no_text"    // neither description nor exact words
	ProblemTooLong   ProblemKind = "too_long"   // a text longer than the journal keeps
	ProblemOutside   ProblemKind = "outside"    // a cell right of the named columns (Value)
	ProblemInvalid   ProblemKind = "invalid"    // anything else the journal refuses (Value, in English)
)

// ImportProblem is one thing wrong in a spreadsheet, where the person
// finds it.
type ImportProblem struct {
	Row    int    // the spreadsheet's row number
	Column int    // 0 for column A; -1 when the problem is the whole row's
	Header string // the column's name as written in the file
	Kind   ProblemKind
	Value  string // the cell's content, for the kinds that say so
	List   string // for ProblemCode: the list of codes ("kind", "channel"...)
}

// Letter returns the column's spreadsheet name ("C"), "" for a whole row.
func (p ImportProblem) Letter() string {
	if p.Column < 0 {
		return ""
	}
	return sheet.ColumnLetter(p.Column)
}

func (p ImportProblem) String() string {
	where := fmt.Sprintf("row %d", p.Row)
	if p.Column >= 0 {
		where += ", column " + p.Letter()
		if p.Header != "" {
			where += fmt.Sprintf(" (%s)", p.Header)
		}
	}
	msg := string(p.Kind)
	if p.Value != "" {
		msg += fmt.Sprintf(" %q", p.Value)
	}
	return where + ": " + msg
}

// ImportError is a spreadsheet whose columns or rows are wrong: nothing
// was imported.
type ImportError struct {
	Kind     ImportErrorKind
	Row      int            // the header row, for the column kinds
	Columns  []ImportColumn // the columns concerned
	Problems []ImportProblem
	More     int // problems not listed
}

// maxImportProblems bounds the problems listed: past it, More counts.
const maxImportProblems = 30

func (e *ImportError) add(p ImportProblem) {
	if len(e.Problems) < maxImportProblems {
		e.Problems = append(e.Problems, p)
	} else {
		e.More++
	}
}

func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString("import: nothing was imported: ")
	switch e.Kind {
	case ImportBadRows:
		fmt.Fprintf(&b, "%d problem(s) in the file", len(e.Problems)+e.More)
		for _, p := range e.Problems {
			b.WriteString("\n  " + p.String())
		}
		if e.More > 0 {
			fmt.Fprintf(&b, "\n  … and %d more", e.More)
		}
	case ImportNoDateColumn:
		fmt.Fprintf(&b, "no column \"date\" in row %d", e.Row)
	case ImportNoTextColumn:
		fmt.Fprintf(&b, "no column \"description\" or \"exact_words\" in row %d", e.Row)
	case ImportDuplicateColumn:
		fmt.Fprintf(&b, "columns %s and %s both give %q", e.Columns[0].Letter(), e.Columns[1].Letter(), e.Columns[0].Field)
	case ImportNoRows:
		b.WriteString("the sheet has no row below the column names")
	}
	return b.String()
}
