// Package i18n chooses the language of Témoin's interfaces and formats what
// they show: labels of the journal's codes, dates the French way, sizes,
// and errors turned into sentences that say what to do. Translations live
// in assets/translation and go through fyne.io/fyne/v2/lang.
package i18n

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/assets"
)

// Languages Témoin speaks.
var Languages = []string{"fr", "en"}

var (
	mu      sync.Mutex
	current = "fr"
)

// Setup chooses the language: pref ("fr" or "en") when given, else the
// system's when it is French or English, else French. It loads the
// translations and returns the language chosen.
func Setup(pref string) string {
	mu.Lock()
	defer mu.Unlock()
	l := pref
	if l != "fr" && l != "en" {
		l = systemLanguage()
	}
	// fyne's lang reads the locale from the environment each time
	// translations are added; pointing it at the chosen language also
	// switches Fyne's own widgets (dialog buttons...).
	locale := map[string]string{"fr": "fr_FR.UTF-8", "en": "en_GB.UTF-8"}[l]
	os.Setenv("LANGUAGE", l)
	os.Setenv("LC_ALL", locale)
	if err := lang.AddTranslationsFS(assets.Translations, "translation"); err != nil {
		fmt.Fprintln(os.Stderr, "temoin: translations:", err)
	}
	current = l
	return l
}

// systemLanguage is "en" when the system speaks English, else "fr" (also
// when it speaks neither, or says nothing: the C locale).
func systemLanguage() string {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" || v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			continue
		}
		if strings.HasPrefix(v, "en") {
			return "en"
		}
		return "fr"
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		if strings.HasPrefix(string(lang.SystemLocale()), "en") {
			return "en"
		}
	}
	return "fr"
}

// Language returns the language chosen by Setup.
func Language() string {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Code returns the label of a code of the journal: Code("kind", "insult")
// is "Insultes, injures" in French.
func Code(list, code string) string {
	if code == "" {
		return ""
	}
	return lang.X("code."+list+"."+code, code)
}

// Codes joins the labels of several codes.
func Codes(list string, codes []string) string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = Code(list, c)
	}
	return strings.Join(labels, ", ")
}

var (
	monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// Day formats a calendar day: "3 mars 2026", "1er mars 2026", "3 March 2026".
func Day(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	if Language() == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, monthsEN[d.Month-1], d.Year)
	}
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[d.Month-1], d.Year)
}

// DayMonth formats a day without its year: "7 décembre", "7 December".
func DayMonth(d app.Date) string {
	s := Day(d)
	return strings.TrimSuffix(s, fmt.Sprintf(" %d", d.Year))
}

// Date formats the day of t.
func Date(t time.Time) string { return Day(app.DateOf(t)) }

// DateTime formats a moment: "3 mars 2026 à 14 h 05", "3 March 2026 at 14:05".
func DateTime(t time.Time) string {
	if Language() == "en" {
		return fmt.Sprintf("%s at %s", Date(t), t.Format("15:04"))
	}
	return fmt.Sprintf("%s à %d h %02d", Date(t), t.Hour(), t.Minute())
}

// NumericDate formats a day as 03/03/2026, for tables.
func NumericDate(t time.Time) string { return t.Format("02/01/2006") }

// Size formats a size in bytes: "1,5 Mo" in French, "1.5 MB" in English.
func Size(n int64) string {
	units := []string{"o", "Ko", "Mo", "Go", "To"}
	if Language() == "en" {
		units = []string{"B", "KB", "MB", "GB", "TB"}
	}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	s := fmt.Sprintf("%.1f", f)
	if u == 0 {
		s = fmt.Sprint(n)
	}
	s = strings.TrimSuffix(s, ".0")
	if Language() == "fr" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + " " + units[u]
}

// Error turns an error into a sentence for the person: what happened and
// what to do. dir is the vault's folder, named by some messages.
func Error(err error, dir string) string {
	var ce *app.CorruptError
	var ide *app.IDError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, app.ErrWrongPassphrase):
		return lang.X("error.wrong_passphrase", "This passphrase does not open the vault.")
	case errors.Is(err, app.ErrWrongRecoveryCode):
		return lang.X("error.wrong_recovery_code", "This recovery code does not open the vault.")
	case errors.Is(err, app.ErrVaultNotFound):
		return lang.X("error.not_found", "No vault in {{.Dir}}.", map[string]any{"Dir": dir})
	case errors.Is(err, app.ErrVaultExists):
		return lang.X("error.exists", "A vault already exists in {{.Dir}}.", map[string]any{"Dir": dir})
	case errors.Is(err, app.ErrAlreadyOpen):
		return lang.X("error.already_open", "The vault is already open elsewhere.")
	case errors.Is(err, app.ErrLocked):
		return lang.X("error.locked", "The vault is locked.")
	case errors.Is(err, app.ErrUnsupportedVersion):
		return lang.X("error.unsupported_version", "This vault was created by a newer version of Témoin.")
	case errors.Is(err, app.ErrStale):
		return lang.X("error.stale", "The incident was changed in the meantime.")
	case errors.As(err, &ide) && errors.Is(err, app.ErrNotFound):
		return lang.X("error.incident_not_found", "No incident has this id: {{.ID}}.", map[string]any{"ID": ide.ID})
	case errors.As(err, &ide) && errors.Is(err, app.ErrAmbiguous):
		return lang.X("error.ambiguous", "Several incidents start with {{.ID}}.", map[string]any{"ID": ide.ID})
	case errors.As(err, &ide) && errors.Is(err, app.ErrNoEvidence):
		return lang.X("error.evidence_not_found", "No evidence has this id: {{.ID}}.", map[string]any{"ID": ide.ID})
	case errors.As(err, &ce):
		return lang.X("error.corrupt", "Part of the vault is damaged ({{.What}}).", map[string]any{"What": ce.What})
	}
	if msg, ok := importError(err); ok {
		return msg
	}
	return err.Error()
}

// Field returns the label of a field of the incident record.
func Field(name string) string { return lang.X("field."+name, name) }

// Deadline says a deadline in one line: "Déclaration d’accident de
// service : avant le 7 décembre 2026 (J-5)".
func Deadline(d app.Deadline) string {
	data := map[string]any{
		"Label": lang.X("deadline."+d.Rule, d.Rule),
		"Due":   Day(d.Due),
		"Days":  d.DaysLeft,
	}
	switch {
	case d.Passed() && d.Rule == app.RuleProtectionAnswer:
		return lang.X("deadline.implicit_refusal", "{{.Label}}: no answer, implicitly refused since {{.Due}}", data)
	case d.Passed():
		return lang.X("deadline.passed", "{{.Label}}: deadline passed on {{.Due}}", data)
	case d.DaysLeft == 0:
		return lang.X("deadline.today", "{{.Label}}: today, {{.Due}} (last day)", data)
	}
	return lang.X("deadline.before", "{{.Label}}: by {{.Due}} ({{.Days}} days left)", data)
}

// DeadlineHelp explains a deadline's rule in a sentence.
func DeadlineHelp(rule string) string { return lang.X("deadline."+rule+".help", "") }
