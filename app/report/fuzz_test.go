package report

import (
	"io"
	"testing"

	"github.com/temoin-app/temoin/i18n"
)

// FuzzText lays out any text the way the report does (made printable,
// wrapped, in a table cell and a box) and writes the PDF: it must never
// panic.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "é « » — ’", "😡", "\x00\x01\r\n\t", "中文 العربية", "(\\)", "\xff\xfe", "a\u202eb"} {
		f.Add(s)
	}
	fr := newTexts(i18n.French)
	f.Fuzz(func(t *testing.T, s string) {
		s = fr.printable(s)
		doc := newDoc(fr, docMeta{title: s, author: s})
		doc.header, doc.footer = s, s
		doc.newPage(false)
		doc.para(stBody, s)
		doc.box(stSmall, s)
		doc.table([]column{{title: s, width: 20}, {title: "x"}}, [][]cell{{{text: s}, {text: s}}}, stTable)
		doc.finish()
		if err := doc.f.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}
