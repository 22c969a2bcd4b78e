package report

import (
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// texts is the report's words in one language, from package i18n: the
// report's own texts under "report." keys, the labels of the journal's
// codes and fields shared with the screens. It adds to i18n.Lang the
// report's way of calling it: placeholders given as pairs of strings.
type texts struct {
	i18n.Lang
	// agri: the author works in agricultural education, where some steps
	// have other names (the aggression is reported to the ministry, not
	// in « Faits établissement »).
	agri bool
}

// t returns the text of key.
func (t texts) t(key string) string { return t.X(key) }

// f returns the text of key with its {{.Name}} placeholders filled from
// pairs: f(key, "N", "3", "Date", "3 mars").
func (t texts) f(key string, pairs ...string) string { return t.X(key, data(pairs)) }

// n returns the plural form of key that suits count, with {{.N}} the
// count written the language's way (1 234).
func (t texts) n(key string, count int, pairs ...string) string {
	return t.N(key, count, data(append([]string{"N", t.Num(count)}, pairs...)))
}

func data(pairs []string) map[string]any {
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// list returns the lines of a multi-line text, its placeholders filled
// from pairs as f does.
func (t texts) list(key string, pairs ...string) []string {
	var out []string
	for _, l := range strings.Split(t.f(key, pairs...), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// code returns the label of a code of the journal, in agricultural
// education its own when it has one.
func (t texts) code(list, code string) string {
	if t.agri && t.Has("code."+list+"."+code+"_agri") {
		return t.X("code." + list + "." + code + "_agri")
	}
	return t.Code(list, code)
}

// codes joins the labels of several codes.
func (t texts) codes(list string, codes []string) string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = t.code(list, c)
	}
	return strings.Join(labels, ", ")
}

// variant returns key, or its agricultural variant when the author works
// in agricultural education and the variant exists.
func (t texts) variant(key string) string {
	if t.agri && t.Has(key+"_agri") {
		return key + "_agri"
	}
	return key
}

// field returns the label of a field of the incident record.
func (t texts) field(name string) string {
	if !t.Has("field." + name) {
		return name
	}
	return t.X("field." + name)
}

// day formats a calendar day: "1er mars 2026"; "" for no date.
func (t texts) day(d app.Date) string { return t.Day(d.Year, d.Month, d.Day) }

// month formats a month for charts and tables: "mars 2026"; short: "mars 26".
func (t texts) month(y int, m time.Month, short bool) string {
	if short {
		return t.ShortMonth(y, m)
	}
	return t.Month(y, m)
}

// newTexts returns the report's words in l.
func newTexts(l i18n.Lang) *texts { return &texts{Lang: l} }
