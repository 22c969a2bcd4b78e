package report

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app"
)

// The report's words live in texts/fr.json and texts/en.json: titles,
// labels of the journal's codes, legal references. Package app and its
// children never import Fyne, so the report keeps its own small lookup
// instead of fyne's lang. A value may hold {Name} placeholders; lists are
// written one item a line.

//go:embed texts/*.json
var textFiles embed.FS

// Languages the report is written in; the first is the default.
var Languages = []string{"fr", "en"}

var (
	loadOnce sync.Once
	loaded   map[string]map[string]string
	loadErr  error
)

func loadTexts() (map[string]map[string]string, error) {
	loadOnce.Do(func() {
		loaded = make(map[string]map[string]string)
		for _, l := range Languages {
			data, err := textFiles.ReadFile("texts/" + l + ".json")
			if err != nil {
				loadErr = fmt.Errorf("report texts %s: %w", l, err)
				return
			}
			m := make(map[string]string)
			if err := json.Unmarshal(data, &m); err != nil {
				loadErr = fmt.Errorf("report texts %s: %w", l, err)
				return
			}
			loaded[l] = m
		}
	})
	return loaded, loadErr
}

// texts is the report's words in one language.
type texts struct {
	lang string
	m    map[string]string
}

// newTexts returns the texts of lang ("fr" when lang is empty or unknown).
func newTexts(lang string) (*texts, error) {
	all, err := loadTexts()
	if err != nil {
		return nil, err
	}
	if _, ok := all[lang]; !ok {
		lang = Languages[0]
	}
	return &texts{lang: lang, m: all[lang]}, nil
}

// t returns the text of key, or the key itself when it is missing (a test
// checks that none is).
func (t *texts) t(key string) string {
	if s, ok := t.m[key]; ok {
		return s
	}
	return key
}

// f returns the text of key with its {Name} placeholders replaced: f(key,
// "N", "3", "Date", "3 mars").
func (t *texts) f(key string, pairs ...string) string {
	s := t.t(key)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// n chooses between key+".one" and key+".other" by count, and replaces
// {N} by the count.
func (t *texts) n(key string, count int, pairs ...string) string {
	form := ".other"
	if count == 1 || (t.lang == "fr" && count == 0) {
		form = ".one"
	}
	return t.f(key+form, append([]string{"N", t.num(count)}, pairs...)...)
}

// list returns the lines of a multi-line text.
func (t *texts) list(key string) []string {
	var out []string
	for _, l := range strings.Split(t.t(key), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// code returns the label of a code of the journal.
func (t *texts) code(list, code string) string {
	if code == "" {
		return ""
	}
	key := "code." + list + "." + code
	if s, ok := t.m[key]; ok {
		return s
	}
	return code
}

// codes joins the labels of several codes.
func (t *texts) codes(list string, codes []string) string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = t.code(list, c)
	}
	return strings.Join(labels, ", ")
}

// field returns the label of a field of the incident record.
func (t *texts) field(name string) string {
	if s, ok := t.m["field."+name]; ok {
		return s
	}
	return name
}

// colon writes "label : value" the French way (a no-break space before
// the colon) or "label: value" in English.
func (t *texts) colon(label string) string {
	if t.lang == "fr" {
		return label + "\u00a0:"
	}
	return label + ":"
}

// quote puts text between quotation marks, « … » in French, “…” in
// English, unless the person already quoted it (exact words often hold
// several quotations: « … » ; « … »).
func (t *texts) quote(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "«»“”\"") {
		return s
	}
	if t.lang == "fr" {
		return "«\u00a0" + s + "\u00a0»"
	}
	return "“" + s + "”"
}

// num formats a whole number: 1 234 (no-break space) in French, 1,234 in
// English.
func (t *texts) num(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + t.num(-n)
	}
	sep := ","
	if t.lang == "fr" {
		sep = "\u00a0"
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// size formats a size in bytes: "1,5 Mo" in French, "1.5 MB" in English.
func (t *texts) size(n int64) string {
	units := []string{"o", "Ko", "Mo", "Go", "To"}
	if t.lang == "en" {
		units = []string{"B", "KB", "MB", "GB", "TB"}
	}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	s := fmt.Sprint(n)
	if u > 0 {
		s = strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
	}
	if t.lang == "fr" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + "\u00a0" + units[u]
}

var (
	monthsFR   = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	monthsEN   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	shortFR    = []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	shortEN    = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	weekdaysFR = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
)

// day formats a calendar day: "3 mars 2026", "1er mars 2026", "3 March
// 2026"; "" for no date.
func (t *texts) day(d app.Date) string {
	if d.IsZero() || d.Month < 1 || d.Month > 12 {
		return ""
	}
	if t.lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, monthsEN[d.Month-1], d.Year)
	}
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return day + "\u00a0" + monthsFR[d.Month-1] + "\u00a0" + fmt.Sprint(d.Year)
}

// date formats the day of t.
func (t *texts) date(tm time.Time) string { return t.day(app.DateOf(tm)) }

// longDate adds the weekday: "mardi 3 mars 2026", "Tuesday 3 March 2026".
func (t *texts) longDate(tm time.Time) string {
	if t.lang == "en" {
		return tm.Weekday().String() + " " + t.date(tm)
	}
	return weekdaysFR[tm.Weekday()] + " " + t.date(tm)
}

// clock formats a time of day: "14 h 05", "14:05".
func (t *texts) clock(tm time.Time) string {
	if t.lang == "en" {
		return tm.Format("15:04")
	}
	return fmt.Sprintf("%d\u00a0h\u00a0%02d", tm.Hour(), tm.Minute())
}

// dateTime formats a moment: "3 mars 2026 à 14 h 05", "3 March 2026 at
// 14:05".
func (t *texts) dateTime(tm time.Time) string {
	return t.f("fmt.date_time", "Date", t.date(tm), "Time", t.clock(tm))
}

// numericDate formats a day for tables: 03/03/2026 (also in English: the
// report is read in France).
func (t *texts) numericDate(tm time.Time) string { return tm.Format("02/01/2006") }

// month formats a month for charts and tables: "mars 2026", "March 2026";
// short: "mars 26", "Mar 26".
func (t *texts) month(y int, m time.Month, short bool) string {
	if m < 1 || m > 12 {
		return ""
	}
	if short {
		if t.lang == "en" {
			return fmt.Sprintf("%s %02d", shortEN[m-1], y%100)
		}
		return fmt.Sprintf("%s %02d", shortFR[m-1], y%100)
	}
	if t.lang == "en" {
		return fmt.Sprintf("%s %d", monthsEN[m-1], y)
	}
	return monthsFR[m-1] + "\u00a0" + fmt.Sprint(y)
}

// joinAnd joins items: "a, b et c", "a, b and c".
func (t *texts) joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + t.t("fmt.and") + " " + items[len(items)-1]
}
