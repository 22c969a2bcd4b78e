package i18n

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/temoin-app/temoin/assets"
)

func TestStoresLoad(t *testing.T) {
	for _, l := range Languages {
		if l.loaded(); stores[l].err != nil {
			t.Fatal(stores[l].err)
		}
		if len(l.loaded()) < 1000 {
			t.Errorf("%s: only %d texts", l, len(l.loaded()))
		}
	}
	entries, err := fs.ReadDir(assets.Translations, "translation")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"en.json", "fr.json"}) {
		t.Errorf("translation files %v: one store per language, en.json and fr.json", names)
	}
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

// forms returns the texts of an entry: one, or its two plural forms.
func (x text) forms() []string {
	if x.plural {
		return []string{x.one, x.other}
	}
	return []string{x.other}
}

// TestSameKeysAndPlaceholders fails when a key exists in one language and
// not in the other, when one has plural forms and the other not, or when
// their placeholders differ: a sentence would lose a value in one language.
func TestSameKeysAndPlaceholders(t *testing.T) {
	fr, en := French.loaded(), English.loaded()
	for k := range fr {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is French only", k)
		}
	}
	for k, e := range en {
		f, ok := fr[k]
		if !ok {
			t.Errorf("%s is English only", k)
			continue
		}
		if f.plural != e.plural {
			t.Errorf("%s: plural forms in one language only", k)
		}
		a, b := placeholders(f), placeholders(e)
		if !slices.Equal(a, b) {
			t.Errorf("%s: placeholders %v in French, %v in English", k, a, b)
		}
	}
}

func placeholders(x text) []string {
	var out []string
	for _, s := range x.forms() {
		out = append(out, placeholder.FindAllString(s, -1)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestTextsAreWellFormed fails on a template that does not parse, an
// empty text, a "(s)" instead of plural forms, a text wrapped in straight
// quotes, and punctuation that is not the language's.
func TestTextsAreWellFormed(t *testing.T) {
	for _, l := range Languages {
		for k, x := range l.loaded() {
			for _, s := range x.forms() {
				if _, err := template.New(k).Parse(s); err != nil {
					t.Errorf("%s %s: %v", l, k, err)
				}
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s %s is empty", l, k)
				}
				if strings.Contains(s, "(s)") {
					t.Errorf("%s %s: counts are written in words (plural forms), not with (s): %q", l, k, s)
				}
				if len(s) > 1 && strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) {
					t.Errorf("%s %s: wrapped in quotes: %s", l, k, s)
				}
				if s != strings.TrimLeft(s, " ") && !strings.HasPrefix(k, "cli.") {
					t.Errorf("%s %s: starts with a space: %q", l, k, s)
				}
				for _, bad := range typography[l] {
					if bad.MatchString(s) {
						t.Errorf("%s %s: %s: %q", l, k, bad, s)
					}
				}
			}
		}
	}
}

// typography lists what each language's texts must not hold: in French,
// an ordinary space before : ; ! ? » or after « (a line could break
// there: a no-break space keeps them together) and a straight apostrophe;
// in English, any space before : ; ! ?.
var typography = map[Lang][]*regexp.Regexp{
	French:  {regexp.MustCompile(`[^ ] [:;!?»]`), regexp.MustCompile(`« `), regexp.MustCompile(`\pL'\pL`)},
	English: {regexp.MustCompile(`[ \x{a0}][;:!?]( |$)`)},
}

// keyUse finds the keys Go code asks for with a literal: i18n.X("key"),
// l.N("key", n), the report's t.f("key", …), the command line's
// summary("key") and later("key").
var keyUse = regexp.MustCompile(`(?:\.(?:X|N|Has|t|f|n|list)|\b(?:summary|later))\(\s*"([a-z0-9_]+(?:\.[A-Za-z0-9_]+)+)"\s*[,)]`)

// TestKeysUsedInCodeExist fails when Go code asks for a key that a store
// lacks: the person would read the key instead of a sentence. The
// libraries under third_party/ are other modules with their own
// translations (Fyne's lang/), not Témoin's.
func TestKeysUsedInCodeExist(t *testing.T) {
	root := ".."
	var missing []string
	uses := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "third_party") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			uses++
			for _, l := range Languages {
				if !l.Has(m[1]) {
					missing = append(missing, l.String()+" "+m[1]+" ("+path+")")
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if uses < 1000 {
		t.Errorf("only %d keys found in the code: is the pattern still right?", uses)
	}
	slices.Sort(missing)
	for _, m := range slices.Compact(missing) {
		t.Errorf("missing translation: %s", m)
	}
}

// TestStoreFormat fails on a value that is neither a text nor the two
// plural forms, as go-i18n and Fyne's lang would read them.
func TestStoreFormat(t *testing.T) {
	for _, l := range Languages {
		data, err := assets.Translations.ReadFile("translation/" + l.String() + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		if _, err := readStore(l); err != nil {
			t.Error(err)
		}
	}
}
