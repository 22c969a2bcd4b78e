package i18n

import (
	"os"
	"runtime"
	"slices"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"fr": French, "en": English, " EN ": English, "Fr": French} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "de", "english", "fr_FR"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
	var zero Lang
	if zero != French || zero.String() != "fr" || English.String() != "en" {
		t.Error("the zero Lang must be French")
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		n    int
		want string
	}{
		{French, 0, "0 incident"}, {French, 1, "1 incident"}, {French, 2, "2 incidents"},
		{English, 0, "0 incidents"}, {English, 1, "1 incident"}, {English, 2, "2 incidents"},
	} {
		if got := c.l.N("count.incidents", c.n); got != c.want {
			t.Errorf("%s N(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
	if got := English.N("count.incidents", 3, map[string]any{"N": "three"}); got != "three incidents" {
		t.Errorf("data given: %q", got)
	}
}

func TestLookup(t *testing.T) {
	if got := French.X("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key gives %q", got)
	}
	if got := English.X("fmt.date_time", map[string]any{"Date": "1 March 2026", "Time": "14:05"}); got != "1 March 2026 at 14:05" {
		t.Errorf("template: %q", got)
	}
	SetLanguage(English)
	defer SetLanguage(French)
	if X("fmt.and") != "and" || Language() != English {
		t.Error("the interface language is not English")
	}
}

func TestFormats(t *testing.T) {
	d := time.Date(2026, 3, 1, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{French.Date(d), "1er\u00a0mars\u00a02026"},
		{French.Day(2026, time.March, 3), "3\u00a0mars\u00a02026"},
		{English.Date(d), "1 March 2026"},
		{French.Day(0, 0, 0), ""},
		{French.Date(time.Time{}), ""},
		{French.LongDate(d), "dimanche 1er\u00a0mars\u00a02026"},
		{English.LongDate(d), "Sunday 1 March 2026"},
		{French.DateTime(d), "1er\u00a0mars\u00a02026 à 14\u00a0h\u00a005"},
		{English.DateTime(d), "1 March 2026 at 14:05"},
		{French.NumericDate(d), "01/03/2026"},
		{French.Month(2026, time.February), "février\u00a02026"},
		{English.Month(2026, time.February), "February 2026"},
		{French.ShortMonth(2026, time.February), "févr. 26"},
		{English.ShortMonth(2026, time.February), "Feb 26"},
		{French.Num(1234567), "1\u00a0234\u00a0567"},
		{English.Num(1234), "1,234"},
		{English.Num(-1234), "-1,234"},
		{French.Size(1500), "1,5\u00a0Ko"},
		{French.Size(1_500_000), "1,5\u00a0Mo"},
		{English.Size(1_500_000), "1.5\u00a0MB"},
		{English.Size(999), "999\u00a0B"},
		{French.Size(2_000_000_000), "2\u00a0Go"},
		{French.Colon("Lieu"), "Lieu\u00a0:"},
		{English.Colon("Place"), "Place:"},
		{French.Quote("Dégage"), "«\u00a0Dégage\u00a0»"},
		{French.Quote("« A » ; « B »"), "« A » ; « B »"},
		{English.Quote("Go away"), "“Go away”"},
		{French.JoinAnd([]string{"a", "b", "c"}), "a, b et c"},
		{English.JoinAnd([]string{"a", "b"}), "a and b"},
		{French.Code("kind", "nope"), "nope"},
		{French.Code("kind", ""), ""},
		{French.Code("kind", "insult"), "Insultes, injures"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestSystemLanguage checks the choice among the person's preferred
// languages, and that choosing changes nothing in the environment (Fyne
// ignores the environment on Windows: Témoin must not rely on it).
func TestSystemLanguage(t *testing.T) {
	for tags, want := range map[string]Lang{
		"en-GB": English, "fr_FR.UTF-8": French, "de-DE,en-US": English, "de,it": French, "": French,
	} {
		var list []string
		if tags != "" {
			list = splitComma(tags)
		}
		if got := firstKnown(list); got != want {
			t.Errorf("firstKnown(%q) = %s, want %s", tags, got, want)
		}
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return // the system's settings, not the environment, speak there
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "de:en")
	t.Setenv("LANG", "de_DE.UTF-8")
	before := os.Environ()
	if got := System(); got != English {
		t.Errorf("LANGUAGE=de:en gives %s", got)
	}
	if got := Preferred("fr"); got != French {
		t.Errorf("asked fr, got %s", got)
	}
	if got := Preferred("xx"); got != English {
		t.Errorf("asked xx, got %s (the system's is English)", got)
	}
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "C")
	if got := System(); got != French {
		t.Errorf("C locale gives %s", got)
	}
	if after := os.Environ(); !slices.Equal(before[:0], after[:0]) || os.Getenv("LANG") != "C" || os.Getenv("LC_ALL") != "" {
		t.Error("choosing a language changed the environment")
	}
}

func splitComma(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ',' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// TestCodesReadAsCodes: labels hold commas ("Insultes, injures"), so
// several are joined with middle dots, never commas.
func TestCodesReadAsCodes(t *testing.T) {
	if got := French.Codes("kind", []string{"insult", "threat"}); got != "Insultes, injures · Menaces" {
		t.Errorf("French kinds: %q", got)
	}
	if got := English.Codes("kind", []string{"insult", "threat"}); got != "Insults · Threats" {
		t.Errorf("English kinds: %q", got)
	}
}
