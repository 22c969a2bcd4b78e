package i18n

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/sheet"
)

// importError turns what is wrong with a spreadsheet into sentences that
// say where (row and column letter) and what to do. ok is false when err
// is no import error.
func importError(err error) (msg string, ok bool) {
	var se *sheet.Error
	var ie *app.ImportError
	switch {
	case errors.As(err, &se):
		return sheetError(se), true
	case errors.As(err, &ie):
		return importErrorText(ie), true
	}
	return "", false
}

func sheetError(e *sheet.Error) string {
	switch e.Kind {
	case sheet.ErrEmpty:
		return lang.X("sheet.error.empty", "The file is empty.")
	case sheet.ErrTooBig:
		return lang.X("sheet.error.too_big", "The file is too big.")
	case sheet.ErrOldExcel:
		return lang.X("sheet.error.old_excel", "Save this .xls workbook as .xlsx, .ods or CSV.")
	case sheet.ErrPassword:
		return lang.X("sheet.error.password", "Save a copy of this workbook without a password.")
	case sheet.ErrDamaged:
		return lang.X("sheet.error.damaged", "This workbook is damaged.")
	case sheet.ErrQuote:
		return lang.X("sheet.error.quote", "Row {{.Row}}: a quotation mark is never closed.", map[string]any{"Row": e.Row})
	}
	return lang.X("sheet.error.not_spreadsheet", "This file is not a spreadsheet.")
}

func importErrorText(e *app.ImportError) string {
	switch e.Kind {
	case app.ImportNoDateColumn:
		return lang.X("import.error.no_date_column", "No date column.")
	case app.ImportNoTextColumn:
		return lang.X("import.error.no_text_column", "No description column.", map[string]any{"Row": e.Row})
	case app.ImportNoRows:
		return lang.X("import.error.no_rows", "No incident row.")
	case app.ImportDuplicateColumn:
		a, b := e.Columns[0], e.Columns[1]
		return lang.X("import.error.duplicate_column", "Columns {{.A}} and {{.B}} give the same field.", map[string]any{
			"A": a.Letter(), "HeaderA": a.Header, "B": b.Letter(), "HeaderB": b.Header, "Field": ImportField(a.Field),
		})
	}
	n := len(e.Problems) + e.More
	lines := []string{lang.XN("import.error.bad_rows", "Nothing was imported: {{.N}} problems.", n, map[string]any{"N": n})}
	for _, p := range e.Problems {
		lines = append(lines, "  "+ImportProblem(p))
	}
	if e.More > 0 {
		lines = append(lines, "  "+lang.XN("import.error.more", "… and {{.N}} more.", e.More, map[string]any{"N": e.More}))
	}
	return strings.Join(lines, "\n")
}

// ImportProblem says one problem of a spreadsheet in a line: "Ligne 12,
// colonne C (Types) : « gifle » n’est pas reconnu…".
func ImportProblem(p app.ImportProblem) string {
	data := map[string]any{"Row": p.Row, "Col": p.Letter(), "Header": p.Header, "Value": p.Value}
	var where string
	switch {
	case p.Column < 0:
		where = lang.X("import.where.row", "Row {{.Row}}", data)
	case p.Header == "":
		where = lang.X("import.where.cell", "Row {{.Row}}, column {{.Col}}", data)
	default:
		where = lang.X("import.where.cell_header", "Row {{.Row}}, column {{.Col}} ({{.Header}})", data)
	}
	var what string
	switch p.Kind {
	case app.ProblemDate:
		if p.Value == "" {
			what = lang.X("import.problem.date_empty", "the date is missing.")
		} else {
			what = lang.X("import.problem.date", "not a date.", data)
		}
	case app.ProblemDateRange:
		what = lang.X("import.problem.date_range", "implausible date.", data)
	case app.ProblemTime:
		what = lang.X("import.problem.time", "not a time.", data)
	case app.ProblemCode:
		data["Labels"] = quotedLabels(p.List)
		what = lang.X("import.problem.code", "not recognised.", data)
	case app.ProblemNoText:
		what = lang.X("import.problem.no_text", "nothing says what happened.")
	case app.ProblemTooLong:
		what = lang.X("import.problem.too_long", "text too long.")
	case app.ProblemOutside:
		what = lang.X("import.problem.outside", "cell outside the named columns.", data)
	default:
		what = lang.X("import.problem.invalid", "refused.", data)
	}
	return where + separator() + what
}

// ImportField names the field a spreadsheet column fills.
func ImportField(field string) string {
	if field == "date" || field == "time" {
		return lang.X("import.field."+field, field)
	}
	return Field(field)
}

// quotedLabels lists the labels of a list of codes, each in quotes (labels
// hold commas).
func quotedLabels(list string) string {
	codes := app.CodeLists[list]
	out := make([]string, len(codes))
	for i, c := range codes {
		if Language() == "fr" {
			out[i] = "« " + Code(list, c) + " »"
		} else {
			out[i] = "“" + Code(list, c) + "”"
		}
	}
	return strings.Join(out, ", ")
}

// separator is the colon between where and what: " : " in French, ": "
// in English.
func separator() string {
	if Language() == "fr" {
		return " : "
	}
	return ": "
}
