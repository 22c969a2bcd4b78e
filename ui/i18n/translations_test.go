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

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/assets"
)

// translations reads every assets/translation/[area.]lang.json, by area
// ("" for fr.json/en.json) and language.
func translations(t *testing.T) map[string]map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]map[string]any{}
	entries, err := fs.ReadDir(assets.Translations, "translation")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".json")
		area, lang := "", name
		if i := strings.LastIndex(name, "."); i >= 0 {
			area, lang = name[:i], name[i+1:]
		}
		data, err := fs.ReadFile(assets.Translations, "translation/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if out[area] == nil {
			out[area] = map[string]map[string]any{}
		}
		out[area][lang] = m
	}
	return out
}

// merged returns every key of a language, all areas together.
func merged(all map[string]map[string]map[string]any, lang string) map[string]any {
	out := map[string]any{}
	for _, langs := range all {
		for k, v := range langs[lang] {
			out[k] = v
		}
	}
	return out
}

// TestTranslationsMatch fails when a key exists in one language and not
// in the other, in any file.
func TestTranslationsMatch(t *testing.T) {
	for area, langs := range translations(t) {
		for _, l := range Languages {
			if langs[l] == nil {
				t.Errorf("area %q has no %s translation", area, l)
			}
		}
		for _, a := range Languages {
			for _, b := range Languages {
				for k := range langs[a] {
					if _, ok := langs[b][k]; !ok {
						t.Errorf("%s.%s.json has %q, %s does not", area, a, k, b)
					}
				}
			}
		}
		for l, m := range langs {
			for k, v := range m {
				if s, ok := v.(string); ok && strings.TrimSpace(s) == "" && !strings.HasSuffix(k, ".help") {
					t.Errorf("%s.%s.json: %q is empty", area, l, k)
				}
			}
		}
	}
}

// TestEveryCodeHasALabel fails when a code of the journal has no label.
func TestEveryCodeHasALabel(t *testing.T) {
	all := translations(t)
	for _, l := range Languages {
		m := merged(all, l)
		for list, codes := range app.CodeLists {
			for _, c := range codes {
				if _, ok := m["code."+list+"."+c]; !ok {
					t.Errorf("%s: no label for code %s.%s", l, list, c)
				}
			}
		}
		for rule := range app.DeadlineRules {
			for _, k := range []string{"deadline." + rule, "deadline." + rule + ".help"} {
				if _, ok := m[k]; !ok {
					t.Errorf("%s: no text for %s", l, k)
				}
			}
		}
	}
}

// keyUse finds lang.X("key", ...) and lang.XN("key", ...) with a literal
// key, and the command line's summary("key", ...).
var keyUse = regexp.MustCompile(`(?:lang\.XN?|summary)\(\s*"([^"]+)"\s*,`)

// TestKeysUsedInCodeExist fails when Go code uses a translation key that
// is missing from a language.
func TestKeysUsedInCodeExist(t *testing.T) {
	all := translations(t)
	have := map[string]map[string]any{}
	for _, l := range Languages {
		have[l] = merged(all, l)
	}
	root := filepath.Join("..", "..")
	var missing []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
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
			for _, l := range Languages {
				if _, ok := have[l][m[1]]; !ok {
					missing = append(missing, l+" "+m[1]+" ("+path+")")
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(missing)
	for _, m := range slices.Compact(missing) {
		t.Errorf("missing translation: %s", m)
	}
}

// TestTranslationsArePlainSentences fails on a text wrapped in straight
// quotes (a JSON-escaping slip seen once in the English backup screens)
// or with leading or trailing spaces where they do not belong.
func TestTranslationsArePlainSentences(t *testing.T) {
	for area, langs := range translations(t) {
		for lang, m := range langs {
			for key, v := range m {
				texts := []string{}
				switch v := v.(type) {
				case string:
					texts = append(texts, v)
				case map[string]any: // plural forms
					for _, f := range v {
						if s, ok := f.(string); ok {
							texts = append(texts, s)
						}
					}
				}
				for _, s := range texts {
					if strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) && len(s) > 1 {
						t.Errorf("%s%s %s: wrapped in quotes: %s", area, lang, key, s)
					}
					if strings.HasPrefix(s, " ") && !strings.HasPrefix(key, "cli.") {
						t.Errorf("%s%s %s: starts with a space: %q", area, lang, key, s)
					}
				}
			}
		}
	}
}
