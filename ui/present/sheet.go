package present

import (
	"errors"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/sheet"
	"github.com/temoin-app/temoin/i18n"
)

// saySheet says what is wrong with a spreadsheet to import: where (row
// and column letter) and what to do. Nothing was imported.
func saySheet(err error, _ Where) (string, bool) {
	var se *sheet.Error
	var ie *app.ImportError
	switch {
	case errors.As(err, &se):
		return sheetError(se), true
	case errors.As(err, &ie):
		return importError(ie), true
	}
	return "", false
}

func sheetError(e *sheet.Error) string {
	switch e.Kind {
	case sheet.ErrEmpty:
		return i18n.X("sheet.error.empty")
	case sheet.ErrTooBig:
		return i18n.X("sheet.error.too_big")
	case sheet.ErrOldExcel:
		return i18n.X("sheet.error.old_excel")
	case sheet.ErrPassword:
		return i18n.X("sheet.error.password")
	case sheet.ErrDamaged:
		return i18n.X("sheet.error.damaged")
	case sheet.ErrQuote:
		return i18n.X("sheet.error.quote", map[string]any{"Row": e.Row})
	}
	return i18n.X("sheet.error.not_spreadsheet")
}

func importError(e *app.ImportError) string {
	switch e.Kind {
	case app.ImportNoDateColumn:
		return i18n.X("import.error.no_date_column")
	case app.ImportNoTextColumn:
		return i18n.X("import.error.no_text_column", map[string]any{"Row": e.Row})
	case app.ImportNoRows:
		return i18n.X("import.error.no_rows")
	case app.ImportDuplicateColumn:
		a, b := e.Columns[0], e.Columns[1]
		return i18n.X("import.error.duplicate_column", map[string]any{
			"A": a.Letter(), "HeaderA": a.Header, "B": b.Letter(), "HeaderB": b.Header, "Field": ImportField(a.Field),
		})
	}
	n := len(e.Problems) + e.More
	lines := []string{i18n.N("import.error.bad_rows", n, map[string]any{"N": n})}
	for _, p := range e.Problems {
		lines = append(lines, "  "+ImportProblem(p))
	}
	if e.More > 0 {
		lines = append(lines, "  "+i18n.N("import.error.more", e.More, map[string]any{"N": e.More}))
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
		where = i18n.X("import.where.row", data)
	case p.Header == "":
		where = i18n.X("import.where.cell", data)
	default:
		where = i18n.X("import.where.cell_header", data)
	}
	return where + i18n.Language().Colon("") + " " + importProblemWhat(p, data)
}

func importProblemWhat(p app.ImportProblem, data map[string]any) string {
	switch p.Kind {
	case app.ProblemDate:
		if p.Value == "" {
			return i18n.X("import.problem.date_empty")
		}
		return i18n.X("import.problem.date", data)
	case app.ProblemDateRange:
		return i18n.X("import.problem.date_range", data)
	case app.ProblemTime:
		return i18n.X("import.problem.time", data)
	case app.ProblemCode:
		data["Labels"] = quotedLabels(p.List)
		return i18n.X("import.problem.code", data)
	case app.ProblemNoText:
		return i18n.X("import.problem.no_text")
	case app.ProblemTooLong:
		return i18n.X("import.problem.too_long")
	case app.ProblemOutside:
		return i18n.X("import.problem.outside", data)
	}
	return i18n.X("import.problem.invalid", data)
}

// ImportColumn says what a spreadsheet column becomes: « colonne B
// « Faits » → Faits », or that it is unknown and goes to the notes.
func ImportColumn(c app.ImportColumn) string {
	data := map[string]any{"Col": c.Letter(), "Header": c.Header, "Field": ImportField(c.Field)}
	if c.Field == "" {
		return i18n.X("cli.import.column_notes", data)
	}
	return i18n.X("cli.import.column", data)
}

// ImportField names the field a spreadsheet column fills.
func ImportField(field string) string {
	if field == "date" || field == "time" {
		return i18n.X("import.field." + field)
	}
	return i18n.X("field." + field)
}

// quotedLabels lists the labels of a list of codes, each in quotes (labels
// hold commas).
func quotedLabels(list string) string {
	codes := app.CodeLists[list]
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = i18n.Language().Quote(i18n.Code(list, c))
	}
	return strings.Join(out, ", ")
}
