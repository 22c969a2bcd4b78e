package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/temoin-app/temoin/assets"
)

// text is one entry of a store: a text, or its two plural forms.
type text struct {
	one, other string
	plural     bool
}

// store is the texts of one language, by key.
type store map[string]text

// stores are the languages' texts, each read from assets on its first use
// only: a command run in French never parses the English store.
var stores [2]struct {
	once sync.Once
	s    store
	err  error
}

// loaded returns the store of l, read from assets on first use. A store
// that cannot be read is empty (every lookup then gives its key);
// its err says why, and a test makes sure it never happens.
func (l Lang) loaded() store {
	if int(l) >= len(stores) {
		l = French
	}
	st := &stores[l]
	st.once.Do(func() { st.s, st.err = readStore(l) })
	return st.s
}

// readStore parses assets/translation/<l>.json.
func readStore(l Lang) (store, error) {
	name := "translation/" + l.String() + ".json"
	data, err := assets.Translations.ReadFile(name)
	if err != nil {
		return store{}, fmt.Errorf("read %s: %w", name, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return store{}, fmt.Errorf("parse %s: %w", name, err)
	}
	s := make(store, len(raw))
	for key, v := range raw {
		var plain string
		if json.Unmarshal(v, &plain) == nil {
			s[key] = text{other: plain}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			return s, fmt.Errorf("%s: %s: neither a text nor plural forms", name, key)
		}
		one, okOne := forms["one"]
		other, okOther := forms["other"]
		if !okOne || !okOther || len(forms) != 2 {
			return s, fmt.Errorf("%s: %s: plural forms are \"one\" and \"other\"", name, key)
		}
		s[key] = text{one: one, other: other, plural: true}
	}
	return s, nil
}

// Has reports whether the store of l holds key.
func (l Lang) Has(key string) bool {
	_, ok := l.loaded()[key]
	return ok
}

// X returns the text of key, its {{.Name}} placeholders filled from data
// (a map or a struct; only the first value is used). A key missing from
// the store gives the key itself: a test makes sure none is.
func (l Lang) X(key string, data ...any) string {
	t, ok := l.loaded()[key]
	if !ok {
		return key
	}
	return fill(t.other, first(data))
}

// N returns the plural form of key that suits count ("one": 0 and 1 in
// French, 1 in English; "other" for the rest). Without data, the
// placeholder {{.N}} is the count.
func (l Lang) N(key string, count int, data ...any) string {
	t, ok := l.loaded()[key]
	if !ok {
		return key
	}
	s := t.other
	if t.plural && l.isOne(count) {
		s = t.one
	}
	d := first(data)
	if d == nil {
		d = map[string]any{"N": count}
	}
	return fill(s, d)
}

// isOne reports whether count takes the "one" form.
func (l Lang) isOne(count int) bool {
	if l == French {
		return count == 0 || count == 1 || count == -1
	}
	return count == 1 || count == -1
}

// Texts returns the plain texts whose key starts with prefix, by key
// without the prefix: what a library that keeps its own words (Fyne's
// dialog buttons) needs.
func (l Lang) Texts(prefix string) map[string]string {
	out := map[string]string{}
	for k, t := range l.loaded() {
		if rest, ok := strings.CutPrefix(k, prefix); ok && !t.plural {
			out[rest] = t.other
		}
	}
	return out
}

func first(data []any) any {
	if len(data) == 0 {
		return nil
	}
	return data[0]
}

// templates caches the parsed texts that hold placeholders.
var templates sync.Map // string → *template.Template

// fill executes s as a template over data; a text that does not parse or
// run is given as it is.
func fill(s string, data any) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	var tmpl *template.Template
	if v, ok := templates.Load(s); ok {
		tmpl = v.(*template.Template)
	} else {
		var err error
		if tmpl, err = template.New("").Parse(s); err != nil {
			return s
		}
		templates.Store(s, tmpl)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		return s
	}
	return b.String()
}
