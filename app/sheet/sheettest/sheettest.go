// Package sheettest writes spreadsheet files the way office suites do,
// for the tests of the import. Only tests import it.
package sheettest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
)

// CSV writes rows as office suites write CSV: cells quoted where they
// hold the separator, a quotation mark or a line break.
func CSV(rows [][]string, sep, eol string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, sep+"\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString(eol)
	}
	return b.String()
}

// Encode writes s in an encoding (Windows-1252, UTF-16...).
func Encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
