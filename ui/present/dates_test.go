package present

import (
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// TestReadDay: the forms people type, and a sentence for what cannot be
// a day (issue 12, bug 2).
func TestReadDay(t *testing.T) {
	i18n.SetLanguage(i18n.French)
	today := app.Date{Year: 2026, Month: 3, Day: 20}
	for _, c := range []struct {
		in   string
		want app.Date
		err  string // part of the sentence; "" for none
	}{
		{"", app.Date{}, ""},
		{"28/11/2026", app.Date{Year: 2026, Month: 11, Day: 28}, ""},
		{" 28/11/26 ", app.Date{Year: 2026, Month: 11, Day: 28}, ""},
		{"5/3/26", app.Date{Year: 2026, Month: 3, Day: 5}, ""},
		{"28.11.2025", app.Date{Year: 2025, Month: 11, Day: 28}, ""},
		{"2026-03-14", app.Date{Year: 2026, Month: 3, Day: 14}, ""},
		{"14/03", app.Date{Year: 2026, Month: 3, Day: 14}, ""},
		{"28/11", app.Date{Year: 2025, Month: 11, Day: 28}, ""}, // in March: last November
		{"hier", app.Date{Year: 2026, Month: 3, Day: 19}, ""},
		{"Aujourd’hui", today, ""},
		{"aujourd'hui", today, ""},
		{"avant-hier", app.Date{Year: 2026, Month: 3, Day: 18}, ""},
		{"yesterday", app.Date{Year: 2026, Month: 3, Day: 19}, ""},
		{"31/11/2026", app.Date{}, "Le 31/11/2026 n’existe pas\u00a0: novembre\u00a02026 a 30\u00a0jours"},
		{"29/02/2026", app.Date{}, "février\u00a02026 a 28\u00a0jours"},
		{"11/28/2026", app.Date{}, "pas de mois 28"},
		{"le 28", app.Date{}, "«\u00a0le 28\u00a0» n’est pas une date"},
		{"28/11/2026/1", app.Date{}, "Écrivez-la comme 28/11/2026"},
		{"28/11/226", app.Date{}, "n’est pas une date"},
	} {
		got, err := ReadDay(c.in, today)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("ReadDay(%q) = %v, %v; want %v", c.in, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ReadDay(%q): error %v; want one saying %q", c.in, err, c.err)
		}
	}
	if NumericDay(app.Date{Year: 2026, Month: 3, Day: 5}) != "05/03/2026" {
		t.Error("NumericDay")
	}
}
