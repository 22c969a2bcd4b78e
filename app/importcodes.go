package app

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/temoin-app/temoin/assets"
)

// Codes in a spreadsheet are written as people write them: the code
// ("insult"), its French or English label as Témoin shows it ("Insultes,
// injures"), a part of that label ("Insultes"), or a common synonym the
// translations list under "import.synonyms.<list>.<code>" ("En personne").
// Case, accents and a plural "s" do not matter.

// codeNames maps, for each list, a matching key to its code.
var codeNames = sync.OnceValue(loadCodeNames)

func loadCodeNames() map[string]map[string]string {
	var stores []map[string]json.RawMessage
	for _, lang := range []string{"fr", "en"} {
		data, err := assets.Translations.ReadFile("translation/" + lang + ".json")
		if err != nil {
			panic("app: embedded translation missing: " + err.Error())
		}
		var store map[string]json.RawMessage
		if err := json.Unmarshal(data, &store); err != nil {
			panic("app: embedded translation unreadable: " + err.Error())
		}
		stores = append(stores, store)
	}
	out := map[string]map[string]string{}
	for list, codes := range CodeLists {
		out[list] = namesOf(list, codes, stores)
	}
	return out
}

// namesOf maps the names of a list's codes, in the translation stores
// given, to their codes; a name two codes share is left out.
func namesOf(list string, codes []string, stores []map[string]json.RawMessage) map[string]string {
	text := func(store map[string]json.RawMessage, key string) string {
		var s string
		json.Unmarshal(store[key], &s)
		return s
	}
	names := map[string]string{}
	ambiguous := map[string]bool{}
	add := func(name, code string) {
		k := codeKey(name)
		if k == "" || ambiguous[k] {
			return
		}
		if other, ok := names[k]; ok && other != code {
			delete(names, k)
			ambiguous[k] = true
			return
		}
		names[k] = code
	}
	for _, code := range codes {
		add(code, code)
		add(strings.ReplaceAll(code, "_", " "), code)
	}
	// Whole labels first, so that a part of one label never hides
	// another whole label.
	for _, store := range stores {
		for _, code := range codes {
			label := text(store, "code."+list+"."+code)
			add(label, code)
			if before, _, ok := strings.Cut(label, "("); ok {
				add(before, code)
			}
			for syn := range strings.SplitSeq(text(store, "import.synonyms."+list+"."+code), "|") {
				add(syn, code)
			}
		}
	}
	for _, store := range stores {
		for _, code := range codes {
			for _, part := range splitLabel(text(store, "code."+list+"."+code)) {
				if _, taken := names[codeKey(part)]; !taken {
					add(part, code)
				}
			}
		}
	}
	return names
}

// splitLabel cuts a label into the parts a person may write alone:
// "Insultes, injures" → "Insultes", "injures".
func splitLabel(label string) []string {
	if before, _, ok := strings.Cut(label, "("); ok {
		label = before
	}
	return strings.FieldsFunc(label, func(r rune) bool { return r == ',' || r == '/' })
}

// codeKey folds a name for matching: no case, no accents, no plural "s"
// or "x", single spaces, no apostrophe variants, no punctuation around.
func codeKey(s string) string {
	words := strings.FieldsFunc(fold(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\'' || r == '.' || r == '«' || r == '»' || r == '"'
	})
	for i, w := range words {
		if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) {
			words[i] = w[:len(w)-1]
		}
	}
	return strings.Join(words, " ")
}

// matchCode finds the code a cell names in a list; "" for an empty cell.
func matchCode(list, v string) (string, bool) {
	if strings.TrimSpace(v) == "" {
		return "", true
	}
	code, ok := codeNames()[list][codeKey(v)]
	return code, ok
}

// matchCodes finds the codes a cell names, separated by "|", ";", line
// breaks or, when the whole piece is no label, commas and slashes. It
// returns the codes, each once, and the pieces it did not recognise.
func matchCodes(list, v string) (codes, unknown []string) {
	add := func(c string) {
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	pieces := strings.FieldsFunc(v, func(r rune) bool { return r == '|' || r == ';' || r == '\n' })
	for _, piece := range pieces {
		if strings.TrimSpace(piece) == "" {
			continue
		}
		if c, ok := matchCode(list, piece); ok {
			add(c)
			continue
		}
		for _, part := range strings.FieldsFunc(piece, func(r rune) bool { return r == ',' || r == '/' || r == '+' }) {
			if strings.TrimSpace(part) == "" {
				continue
			}
			if c, ok := matchCode(list, part); ok {
				add(c)
			} else {
				unknown = append(unknown, strings.TrimSpace(part))
			}
		}
	}
	return codes, unknown
}
