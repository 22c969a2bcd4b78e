package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// jsonRowKey is rowKey as it was written until appendRowKey: the JSON
// encoding/json makes of the fields. Rows imported since the first
// import are recognised by it: rowKey must give the same key.
func jsonRowKey(in *Incident) string {
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	content := []any{
		in.OccurredAt.Format("2006-01-02T15:04:05"), in.TimeUnknown,
		sorted(in.Kinds), sorted(in.Channels), in.Setting, in.Perpetrator,
		strings.TrimSpace(in.PerpetratorRef), cellText(in.Description), cellText(in.ExactWords),
		in.Witnesses, cellText(in.Consequences), cellText(in.Notes),
	}
	data, err := json.Marshal(content)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// The texts a teacher's spreadsheet holds, and those that encoding/json
// escapes: quotes, backslashes, HTML's < > &, control characters, line
// breaks, invalid UTF-8, U+2028 and U+2029, DEL, emoji.
var rowKeyTexts = []string{
	"", "Il m'a dit « tu vas voir »", `"cité" \ chemin`, "<script>&amp;</script>",
	"ligne 1\r\nligne 2\n\ttab", "\x00\x01\x08\x0c\x1f\x7f", "bad \xff\xfe utf-8 \xc3", "sep\u2028par\u2029",
	"élève 😡 👍🏽", " espaces autour ",
}

func TestRowKeyIsTheJSONOfItsFields(t *testing.T) {
	at := time.Date(2026, 3, 14, 14, 5, 0, 0, time.UTC)
	ins := []*Incident{
		{OccurredAt: at},
		{OccurredAt: at, TimeUnknown: true, Kinds: []string{}, Channels: []string{}, Witnesses: []Witness{}},
		{OccurredAt: at, Kinds: []string{"threat", "insult"}, Channels: []string{"in_person"}, Setting: "classroom", Perpetrator: "parent",
			Witnesses: []Witness{{Role: "CPE"}, {Role: "collègue", Pseudonym: "M. X", Contact: "x@example.org"}}},
	}
	for _, s := range rowKeyTexts {
		ins = append(ins, &Incident{OccurredAt: at, PerpetratorRef: s, Description: s, ExactWords: s, Consequences: s, Notes: s,
			Kinds: []string{s, "insult"}, Setting: s, Perpetrator: s, Witnesses: []Witness{{Role: s, Pseudonym: s, Contact: s}}})
	}
	imp, err := ReadSheet(strings.NewReader(string(benchSheet(50))), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	ins = append(ins, imp.Incidents()...)
	for _, in := range ins {
		if got, want := rowKey(in), jsonRowKey(in); got != want {
			t.Errorf("rowKey of %+v: %s, want %s\n%s", in, got, want, appendRowKey(nil, in))
		}
	}
}

func FuzzRowKey(f *testing.F) {
	for _, s := range rowKeyTexts {
		f.Add(s, s, true)
	}
	f.Fuzz(func(t *testing.T, a, b string, unknown bool) {
		in := &Incident{OccurredAt: time.Date(2026, 3, 14, 14, 5, 0, 0, time.UTC), TimeUnknown: unknown,
			Kinds: []string{b, a}, Setting: a, PerpetratorRef: b, Description: a, ExactWords: b, Notes: a + b,
			Witnesses: []Witness{{Role: a, Pseudonym: b}}}
		if got, want := rowKey(in), jsonRowKey(in); got != want {
			t.Fatalf("rowKey(%q, %q): %s, want %s", a, b, got, want)
		}
	})
}
