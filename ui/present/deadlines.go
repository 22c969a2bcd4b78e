package present

import (
	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Deadline says a deadline in one line: "Déclaration d’accident de
// service : avant le 7 décembre 2026 (J-5)".
func Deadline(d app.Deadline) string {
	data := map[string]any{
		"Label": i18n.X("deadline." + d.Rule),
		"Due":   i18n.Day(d.Due.Year, d.Due.Month, d.Due.Day),
		"Days":  d.DaysLeft,
	}
	switch {
	case d.Passed() && d.Rule == app.RuleProtectionAnswer:
		return i18n.X("deadline.implicit_refusal", data)
	case d.Passed():
		return i18n.X("deadline.passed", data)
	case d.DaysLeft == 0:
		return i18n.X("deadline.today", data)
	}
	return i18n.N("deadline.before", d.DaysLeft, data)
}

// DeadlineHelp explains a deadline's rule in a sentence.
func DeadlineHelp(rule string) string { return i18n.X("deadline." + rule + ".help") }
