package app

import "time"

// The legal calendar: public holidays and working days, as deadlines are
// counted (code de procédure civile, art. 641 and 642; code du travail,
// art. L3133-1). A deadline that ends on a Saturday, a Sunday or a public
// holiday moves to the next working day, where the rule says so.

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// easter returns Easter Sunday of a year (the Gregorian computus, after
// Meeus, Jones and Butcher).
func easter(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{year, time.Month(month), day}
}

// Holiday names the French public holidays (code du travail, art.
// L3133-1), by a stable code; the two days of local law in Alsace-Moselle
// (Good Friday, 26 December) only when alsaceMoselle.
func Holiday(d Date, alsaceMoselle bool) (string, bool) {
	e := easter(d.Year)
	fixed := map[[2]int]string{
		{1, 1}: "new_year", {5, 1}: "labour_day", {5, 8}: "victory_1945", {7, 14}: "national_day",
		{8, 15}: "assumption", {11, 1}: "all_saints", {11, 11}: "armistice", {12, 25}: "christmas",
	}
	if name, ok := fixed[[2]int{int(d.Month), d.Day}]; ok {
		return name, true
	}
	switch d {
	case e.AddDays(1):
		return "easter_monday", true
	case e.AddDays(39):
		return "ascension", true
	case e.AddDays(50):
		return "whit_monday", true
	}
	if alsaceMoselle {
		switch {
		case d == e.AddDays(-2):
			return "good_friday", true
		case d.Month == time.December && d.Day == 26:
			return "saint_stephen", true
		}
	}
	return "", false
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// public holiday.
func IsWorkingDay(d Date, alsaceMoselle bool) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := Holiday(d, alsaceMoselle)
	return !holiday
}

// NextWorkingDay returns d when it is a working day, else the first one
// after it: where a deadline ending on a non-working day moves to (code de
// procédure civile, art. 642).
func NextWorkingDay(d Date, alsaceMoselle bool) Date {
	for !IsWorkingDay(d, alsaceMoselle) {
		d = d.AddDays(1)
	}
	return d
}

// PreviousWorkingDay returns d when it is a working day, else the last one
// before it: the day to act by when a deadline that does not move ends on
// a non-working day.
func PreviousWorkingDay(d Date, alsaceMoselle bool) Date {
	for !IsWorkingDay(d, alsaceMoselle) {
		d = d.AddDays(-1)
	}
	return d
}
