package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// nbsp keeps together what French typography keeps together: "1er mars
// 2026", "14 h 05", "1,5 Mo", "Lieu :".
const nbsp = "\u00a0"

var (
	monthsFR   = [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	shortFR    = [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	weekdaysFR = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
)

// Day formats a calendar day: "1er mars 2026", "3 mars 2026", "3 March
// 2026"; "" for no day (a zero month). It takes a time.Time's Date() as
// it is: l.Day(t.Date()).
func (l Lang) Day(year int, month time.Month, day int) string {
	if month < time.January || month > time.December || day < 1 {
		return ""
	}
	if l == English {
		return fmt.Sprintf("%d %s %d", day, month, year)
	}
	d := strconv.Itoa(day)
	if day == 1 {
		d = "1er"
	}
	return d + nbsp + monthsFR[month-1] + nbsp + strconv.Itoa(year)
}

// Date formats the day of t, in t's location; "" for the zero time.
func (l Lang) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.Day(t.Date())
}

// LongDate adds the weekday: "mardi 3 mars 2026", "Tuesday 3 March 2026".
func (l Lang) LongDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l == English {
		return t.Weekday().String() + " " + l.Date(t)
	}
	return weekdaysFR[t.Weekday()] + " " + l.Date(t)
}

// Clock formats a time of day: "14 h 05", "14:05".
func (l Lang) Clock(t time.Time) string {
	if l == English {
		return t.Format("15:04")
	}
	return fmt.Sprintf("%d"+nbsp+"h"+nbsp+"%02d", t.Hour(), t.Minute())
}

// DateTime formats a moment: "3 mars 2026 à 14 h 05", "3 March 2026 at
// 14:05"; "" for the zero time.
func (l Lang) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.X("fmt.date_time", map[string]any{"Date": l.Date(t), "Time": l.Clock(t)})
}

// NumericDate formats a day for tables and lists: 03/03/2026, in English
// too (Témoin's documents are read in France).
func (l Lang) NumericDate(t time.Time) string { return t.Format("02/01/2006") }

// Month formats a month: "mars 2026", "March 2026"; "" for no month.
func (l Lang) Month(year int, month time.Month) string {
	if month < time.January || month > time.December {
		return ""
	}
	if l == English {
		return fmt.Sprintf("%s %d", month, year)
	}
	return monthsFR[month-1] + nbsp + strconv.Itoa(year)
}

// ShortMonth formats a month for the axis of a chart: "févr. 26", "Feb 26".
func (l Lang) ShortMonth(year int, month time.Month) string {
	if month < time.January || month > time.December {
		return ""
	}
	if l == English {
		return fmt.Sprintf("%s %02d", month.String()[:3], year%100)
	}
	return fmt.Sprintf("%s %02d", shortFR[month-1], year%100)
}

// Num formats a whole number: "1 234" (no-break space) in French, "1,234"
// in English.
func (l Lang) Num(n int) string {
	if n < 0 {
		return "-" + l.Num(-n)
	}
	s := strconv.Itoa(n)
	sep := ","
	if l == French {
		sep = nbsp
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// Size formats a size in bytes: "1,5 Mo" in French, "1.5 MB" in English.
func (l Lang) Size(n int64) string {
	units := [...]string{"o", "Ko", "Mo", "Go", "To"}
	if l == English {
		units = [...]string{"B", "KB", "MB", "GB", "TB"}
	}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	s := strconv.FormatInt(n, 10)
	if u > 0 {
		s = strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
	}
	if l == French {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + nbsp + units[u]
}

// Colon writes a label before its value: "Lieu :" (no-break space) in
// French, "Place:" in English.
func (l Lang) Colon(label string) string {
	if l == French {
		return label + nbsp + ":"
	}
	return label + ":"
}

// Quote puts text between quotation marks, « … » in French, “…” in
// English, unless it already holds some (exact words often hold several
// quotations: « … » ; « … »).
func (l Lang) Quote(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "«»“”\"") {
		return s
	}
	if l == French {
		return "«" + nbsp + s + nbsp + "»"
	}
	return "“" + s + "”"
}

// JoinAnd joins items: "a, b et c", "a, b and c".
func (l Lang) JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + l.X("fmt.and") + " " + items[len(items)-1]
}

// Code returns the label of a code of the journal: Code("kind",
// "insult") is "Insultes, injures" in French; an unknown code is given as
// it is, "" as "".
func (l Lang) Code(list, code string) string {
	if code == "" {
		return ""
	}
	key := "code." + list + "." + code
	if !l.Has(key) {
		return code
	}
	return l.X(key)
}

// Codes joins the labels of several codes with middle dots, since labels
// hold commas themselves: "Insultes, injures · Menaces" reads as two
// kinds, where "Insultes, injures, Menaces" read as three.
func (l Lang) Codes(list string, codes []string) string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = l.Code(list, c)
	}
	return strings.Join(labels, " · ")
}
