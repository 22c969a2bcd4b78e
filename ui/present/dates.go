package present

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// ReadDay reads a day as people type it: "28/11/2026", "28/11/26",
// "28/11" (this year, or last year when that day is still to come),
// "2026-11-28", "aujourd'hui", "hier", "avant-hier" (and "today",
// "yesterday"). today is the day it is typed. A day that cannot be read
// gives a sentence that says what is wrong and how to write it (Said).
func ReadDay(s string, today app.Date) (app.Date, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	t = strings.NewReplacer("’", "'", "‘", "'").Replace(t)
	switch t {
	case "":
		return app.Date{}, nil
	case "aujourd'hui", "auj", "today":
		return today, nil
	case "hier", "yesterday":
		return today.AddDays(-1), nil
	case "avant-hier", "avant hier":
		return today.AddDays(-2), nil
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == ' ' })
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return app.Date{}, dayFormatError(s)
		}
		nums[i] = n
	}
	var d app.Date
	switch {
	case len(nums) == 3 && len(parts[0]) == 4: // 2026-11-28
		d = app.Date{Year: nums[0], Month: time.Month(nums[1]), Day: nums[2]}
	case len(nums) == 3 && (len(parts[2]) == 2 || len(parts[2]) == 4):
		d = app.Date{Year: nums[2], Month: time.Month(nums[1]), Day: nums[0]}
		if len(parts[2]) == 2 {
			d.Year += 2000
		}
	case len(nums) == 2:
		d = app.Date{Year: today.Year, Month: time.Month(nums[1]), Day: nums[0]}
		if d.Month >= 1 && d.Month <= 12 && today.Before(d) {
			d.Year-- // "28/11" typed in March: last November
		}
	default:
		return app.Date{}, dayFormatError(s)
	}
	return d, checkDay(d)
}

// checkDay says when a day does not exist.
func checkDay(d app.Date) error {
	if d.Month < 1 || d.Month > 12 {
		return Said(i18n.X("date.error.month", map[string]any{"Month": int(d.Month)}))
	}
	last := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d.Day < 1 || d.Day > last {
		return Said(i18n.X("date.error.day", map[string]any{
			"Date":  fmt.Sprintf("%02d/%02d/%d", d.Day, int(d.Month), d.Year),
			"Month": i18n.Language().Month(d.Year, d.Month), "N": last}))
	}
	return nil
}

func dayFormatError(s string) error {
	return Said(i18n.X("date.error.format", map[string]any{"Text": i18n.Language().Quote(strings.TrimSpace(s))}))
}

// NumericDay writes a day as ReadDay reads it back: "28/11/2026".
func NumericDay(d app.Date) string {
	return i18n.Language().NumericDate(d.In(time.UTC))
}
