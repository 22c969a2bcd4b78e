package report

import (
	"bytes"
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// TestEveryCodeHasWords fails when something the journal records and a
// document or a screen names by key has no text: a code, a field of the
// incident, a deadline rule and its states, a legal topic, an RSST
// measure.
func TestEveryCodeHasWords(t *testing.T) {
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
		keys = append(keys, "deadline."+rule, "deadline."+rule+".help")
		for _, state := range []string{"coming", "today", "passed"} {
			keys = append(keys, "report.deadline."+rule+"."+state)
		}
	}
	for _, topic := range legalTopics {
		keys = append(keys, "report.legal."+topic, "report.legal."+topic+".title")
	}
	for _, m := range []string{"video", "phone", "messaging", "online", "safety", "parents", "support"} {
		keys = append(keys, "report.rsst.measure."+m)
	}
	for _, l := range i18n.Languages {
		for _, k := range keys {
			if !l.Has(k) {
				t.Errorf("%s: no text for %s", l, k)
			}
		}
	}
}

func TestReportWords(t *testing.T) {
	fr, en := newTexts(i18n.French), newTexts(i18n.English)
	for _, c := range []struct{ got, want string }{
		{fr.n("count.incidents", 1234), "1\u00a0234 incidents"},
		{fr.n("count.incidents", 0), "0 incident"},
		{en.n("count.incidents", 0), "0 incidents"},
		{fr.f("report.fmt.from_to", "Since", "a", "Until", "b"), "du a au b"},
		{fr.day(app.Date{Year: 2026, Month: 3, Day: 1}), "1er\u00a0mars\u00a02026"},
		{fr.day(app.Date{}), ""},
		{fr.month(2026, 2, true), "févr. 26"},
		{en.month(2026, 2, false), "February 2026"},
		{fr.field("no_such_field"), "no_such_field"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if len(fr.list("report.legal.protection")) < 2 {
		t.Error("a legal annex is one paragraph a line")
	}
}

// rawKey matches a key shown instead of its text: "report.sum.title".
var rawKey = regexp.MustCompile(`\b(report|code|field|count|fmt|deadline|bundle)\.[a-z_]+\.[a-z_]`)

// TestDocumentsHaveNoHoles writes every document of the demo journal in
// both languages and fails on a placeholder left empty ("<no value>"),
// left as written ("{{.Seq}}") or a key shown instead of its text.
func TestDocumentsHaveNoHoles(t *testing.T) {
	j := demoJournal(t)
	src := JournalSource(j)
	var ids []string
	for _, in := range j.Incidents.List(app.Filter{}) {
		ids = append(ids, in.ID)
	}
	for _, l := range i18n.Languages {
		var texts []string
		var buf bytes.Buffer
		if _, err := Write(context.Background(), src, Options{Lang: l, Thumbnails: true, IncludeHealth: true, Request: "Une enquête.", Now: testNow}, &buf, nil); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, pdfText(t, buf.Bytes()))
		buf.Reset()
		if _, err := WriteLetter(context.Background(), src, LetterOptions{IncidentIDs: ids[:2], Lang: l, Now: testNow}, &buf); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, pdfText(t, buf.Bytes()))
		for _, id := range ids {
			s, err := RSST(src, id, RSSTOptions{Lang: l, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, s)
		}
		for _, s := range texts {
			for _, hole := range []string{"<no value>", "{{", "}}", "{"} {
				if i := strings.Index(s, hole); i >= 0 {
					t.Errorf("%s: %q in %q", l, hole, s[max(0, i-60):min(len(s), i+60)])
				}
			}
			if m := rawKey.FindString(s); m != "" {
				t.Errorf("%s: a key instead of its text: %s", l, m)
			}
		}
	}
}
