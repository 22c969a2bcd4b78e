package report

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
)

func TestTextsSameKeys(t *testing.T) {
	all, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	fr, en := all["fr"], all["en"]
	for k := range fr {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is French only", k)
		}
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("%s is English only", k)
		}
	}
	for k, v := range fr {
		// Placeholders must be the same in both languages.
		ph := regexp.MustCompile(`\{[A-Za-z]+\}`)
		if a, b := ph.FindAllString(v, -1), ph.FindAllString(en[k], -1); !sameSet(a, b) {
			t.Errorf("%s: placeholders %v in French, %v in English", k, a, b)
		}
		if strings.Contains(v, " :") || strings.Contains(v, "« ") || strings.Contains(v, " »") || strings.Contains(v, "'") {
			t.Errorf("%s: French typography (no-break spaces, ’): %q", k, v)
		}
	}
}

func sameSet(a, b []string) bool {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		if !m[s] {
			return false
		}
	}
	return len(a) == 0 || len(b) > 0
}

func TestTextsCodesAndFields(t *testing.T) {
	all, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for list, codes := range app.CodeLists {
		for _, c := range codes {
			keys = append(keys, "code."+list+"."+c)
		}
	}
	// Every field of an incident may be named by its history.
	ty := reflect.TypeFor[app.Incident]()
	for i := range ty.NumField() {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		switch name {
		case "id", "revision", "created_at", "updated_at":
			continue
		}
		keys = append(keys, "field."+name)
	}
	for rule := range app.DeadlineRules {
		keys = append(keys, "deadline."+rule)
		for _, state := range []string{"coming", "today", "passed"} {
			keys = append(keys, "deadline."+rule+"."+state)
		}
	}
	for _, topic := range legalTopics {
		keys = append(keys, "legal."+topic, "legal."+topic+".title")
	}
	for _, m := range []string{"video", "phone", "messaging", "online", "safety", "parents", "support"} {
		keys = append(keys, "rsst.measure."+m)
	}
	for _, lang := range Languages {
		for _, k := range keys {
			if _, ok := all[lang][k]; !ok {
				t.Errorf("%s: no text for %s", lang, k)
			}
		}
	}
}

// TestTextsUsed checks that every key the code asks for exists.
func TestTextsUsed(t *testing.T) {
	all, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(".")
	re := regexp.MustCompile(`\.(t|f|n|list)\("([a-z_.]+)"\s*[,)]`)
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			keys := []string{m[2]}
			if m[1] == "n" {
				keys = []string{m[2] + ".one", m[2] + ".other"}
			}
			for _, k := range keys {
				for _, lang := range Languages {
					if _, ok := all[lang][k]; !ok {
						t.Errorf("%s: %s asks for %s, missing", f.Name(), lang, k)
					}
				}
			}
		}
	}
}

func TestFormats(t *testing.T) {
	fr, _ := newTexts("fr")
	en, _ := newTexts("en")
	d := time.Date(2026, 3, 1, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{fr.date(d), "1er\u00a0mars\u00a02026"},
		{en.date(d), "1 March 2026"},
		{fr.longDate(d), "dimanche 1er\u00a0mars\u00a02026"},
		{fr.dateTime(d), "1er\u00a0mars\u00a02026 à 14\u00a0h\u00a005"},
		{en.dateTime(d), "1 March 2026 at 14:05"},
		{fr.num(1234567), "1\u00a0234\u00a0567"},
		{en.num(1234), "1,234"},
		{fr.size(1500), "1,5\u00a0Ko"},
		{en.size(999), "999\u00a0B"},
		{fr.n("n.incidents", 0), "0 incident"},
		{fr.n("n.incidents", 2), "2 incidents"},
		{en.n("n.incidents", 0), "0 incidents"},
		{fr.quote("Dégage"), "«\u00a0Dégage\u00a0»"},
		{fr.quote("« A » ; « B »"), "« A » ; « B »"},
		{en.quote("Go away"), "“Go away”"},
		{fr.joinAnd([]string{"a", "b", "c"}), "a, b et c"},
		{fr.month(2026, 2, true), "févr. 26"},
		{fr.code("kind", "nope"), "nope"},
		{fr.t("no.such.key"), "no.such.key"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if x, _ := newTexts("de"); x.lang != "fr" {
		t.Errorf("unknown language gives %q", x.lang)
	}
}
