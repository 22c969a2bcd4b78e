package app

import "time"

// The school calendar of zone B (académie de Lille among others), for the
// demo journal: events that happen at school must fall on school days.
// The 2025-2026 year is the official one; for 2026-2027, the Toussaint
// and Christmas holidays are the national ones and the winter and spring
// holidays follow the rule of other years (to check against the official
// calendar). Other years: no school in July and August, in the last two
// weeks of October and from 20 December to 3 January.

// schoolHoliday is a holiday: from the first day without school to the
// day school starts again (that day has school).
type schoolHoliday struct{ from, back Date }

var zoneB = []schoolHoliday{
	{Date{2025, 10, 18}, Date{2025, 11, 3}}, // Toussaint
	{Date{2025, 12, 20}, Date{2026, 1, 5}},  // Noël
	{Date{2026, 2, 14}, Date{2026, 3, 2}},   // hiver, zone B
	{Date{2026, 4, 11}, Date{2026, 4, 27}},  // printemps, zone B
	{Date{2026, 5, 15}, Date{2026, 5, 18}},  // pont de l'Ascension
	{Date{2026, 7, 4}, Date{2026, 9, 1}},    // été
	{Date{2026, 10, 17}, Date{2026, 11, 2}}, // Toussaint
	{Date{2026, 12, 19}, Date{2027, 1, 4}},  // Noël
}

// IsSchoolDay reports whether pupils have class at the moment t: a
// weekday, not a Wednesday afternoon, not a public holiday, not in the
// school holidays of zone B.
func IsSchoolDay(t time.Time) bool {
	d := DateOf(t)
	switch wd := d.Weekday(); {
	case wd == time.Saturday || wd == time.Sunday:
		return false
	case wd == time.Wednesday && t.Hour() >= 12:
		return false
	}
	if _, holiday := Holiday(d, false); holiday {
		return false
	}
	for _, h := range zoneB {
		if !d.Before(h.from) && d.Before(h.back) {
			return false
		}
	}
	if d.Year >= 2025 && d.Year <= 2026 || d == (Date{2027, 1, 1}) {
		return true // the calendar above covers these years
	}
	switch {
	case d.Month == time.July || d.Month == time.August:
		return false
	case d.Month == time.October && d.Day >= 18, d.Month == time.November && d.Day == 1:
		return false
	case d.Month == time.December && d.Day >= 20, d.Month == time.January && d.Day <= 3:
		return false
	}
	return true
}

// LastSchoolDay returns t moved back, day by day at the same time, to
// the nearest school day (t itself when it is one).
func LastSchoolDay(t time.Time) time.Time {
	for i := 0; i < 120 && !IsSchoolDay(t); i++ {
		t = t.AddDate(0, 0, -1)
	}
	return t
}
