package i18n

import "time"

// The interface language's shortcuts, for the screens and the command
// line: X(key) is Language().X(key). Documents never use them: they
// receive their language.

// X returns the text of key in the interface language (see Lang.X).
func X(key string, data ...any) string { return Language().X(key, data...) }

// N returns the plural form of key for count in the interface language
// (see Lang.N).
func N(key string, count int, data ...any) string { return Language().N(key, count, data...) }

// Day formats a calendar day in the interface language (see Lang.Day).
func Day(year int, month time.Month, day int) string { return Language().Day(year, month, day) }

// Date formats the day of t in the interface language (see Lang.Date).
func Date(t time.Time) string { return Language().Date(t) }

// DateTime formats a moment in the interface language (see Lang.DateTime).
func DateTime(t time.Time) string { return Language().DateTime(t) }

// Size formats a size in bytes in the interface language (see Lang.Size).
func Size(n int64) string { return Language().Size(n) }

// Code returns the label of a code in the interface language (see
// Lang.Code).
func Code(list, code string) string { return Language().Code(list, code) }

// Codes joins the labels of codes in the interface language (see
// Lang.Codes).
func Codes(list string, codes []string) string { return Language().Codes(list, codes) }
