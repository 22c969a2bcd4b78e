package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day without a time of day, as people give the date of
// a letter or of an answer. Its JSON form is "YYYY-MM-DD"; the zero Date is
// "no date" and encodes as "".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads "YYYY-MM-DD" or the French "JJ/MM/AAAA".
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("invalid date %q: write it as 2026-03-14 or 14/03/2026", s)
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == Date{} }

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }

// AddMonths returns the same day n months later; a day that does not exist
// in that month (31 April) becomes the last day of the month, as legal
// deadlines are counted.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// DaysUntil returns how many days from d to e (negative when e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.In(time.UTC).Sub(d.In(time.UTC)).Hours() / 24)
}

// Compare returns -1, 0 or +1 as d is before, on or after e.
func (d Date) Compare(e Date) int {
	return d.In(time.UTC).Compare(e.In(time.UTC))
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.DaysUntil(e) > 0 }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalJSON encodes "YYYY-MM-DD", or "" for no date.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON accepts "YYYY-MM-DD", "JJ/MM/AAAA" or "".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string like \"2026-03-14\"")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
