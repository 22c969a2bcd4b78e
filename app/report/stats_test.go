package report

import (
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

func TestStats(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	mk := func(n int, when time.Time, ref, perp string, kinds ...string) *item {
		return &item{n: n, in: &app.Incident{OccurredAt: when, PerpetratorRef: ref, Perpetrator: perp, Kinds: kinds,
			Channels: []string{"phone"}}, revisions: []revision{{number: 1}}}
	}
	items := []*item{
		mk(1, at(2025, 11, 3), "Parent P1", "parent", "insult"),
		mk(2, at(2026, 1, 10), "parent p1", "parent", "insult", "threat"),
		mk(3, at(2026, 1, 20), "", "", "threat"),
		mk(4, at(2026, 2, 2), "Élève A", "pupil", "insult"),
	}
	s := computeStats(items, app.DateOf(at(2025, 11, 1)), app.DateOf(at(2026, 2, 28)))
	if s.total != 4 || len(s.periods) != 4 || s.periods[1].n != 0 || s.periods[2].n != 2 {
		t.Errorf("periods %+v", s.periods)
	}
	if s.byKind[0] != (count{"insult", 3}) || s.byKind[1] != (count{"threat", 2}) {
		t.Errorf("by kind %+v", s.byKind)
	}
	if len(s.recurrent) != 1 || s.recurrent[0].n != 2 || s.recurrent[0].ref != "Parent P1" ||
		s.distinctRefs != 2 || s.withoutRef != 1 {
		t.Errorf("recurrence %+v, %d distinct, %d without", s.recurrent, s.distinctRefs, s.withoutRef)
	}
	if s.byPerpetrator[0] != (count{"parent", 2}) || s.byPerpetrator[len(s.byPerpetrator)-1].code != "unknown" {
		t.Errorf("by perpetrator %+v", s.byPerpetrator)
	}

	long := computeStats(items, app.DateOf(at(2019, 1, 1)), app.DateOf(at(2026, 2, 28)))
	if !long.byYear || len(long.periods) != 8 || long.periods[7].n != 3 {
		t.Errorf("by year: %v %+v", long.byYear, long.periods)
	}
}

func TestWrap(t *testing.T) {
	fr := newTexts(i18n.French)
	doc := newDoc(fr, docMeta{})
	doc.setStyle(stBody)
	lines := doc.wrap("Il a dit « je reviens » : voilà 12\u00a0h\u00a005 ; "+strings.Repeat("x", 400), 60)
	for _, l := range lines {
		if w := doc.f.GetStringWidth(l); w > 60.01 {
			t.Errorf("line %q is %.1f mm wide", l, w)
		}
		if strings.HasPrefix(l, "»") || strings.HasPrefix(l, ":") || strings.HasSuffix(l, "«") || strings.HasPrefix(l, "h") {
			t.Errorf("bad break before %q", l)
		}
	}
	if got := strings.Join(lines, ""); strings.Count(got, "x") != 400 {
		t.Error("a long word lost characters")
	}
	if l := doc.wrap("", 50); len(l) != 1 {
		t.Errorf("empty text: %q", l)
	}
	if l := doc.wrap("a\n\nb\n", 50); len(l) != 3 {
		t.Errorf("paragraphs: %q", l)
	}
	el := doc.ellipsize(strings.Repeat("mot ", 100), 40, 2)
	if len(el) != 2 || !strings.HasSuffix(el[1], "…") {
		t.Errorf("ellipsize: %q", el)
	}
}

func TestMediaLabel(t *testing.T) {
	fr := newTexts(i18n.French)
	for mt, want := range map[string]string{
		"image/png": "image PNG", "video/mp4": "vidéo MP4", "application/pdf": "document PDF",
		"application/octet-stream": "document", "": "type inconnu", "chemical/x-pdb": "chemical/x-pdb",
		"audio/x-wav": "audio WAV",
	} {
		if got := mediaLabel(fr, mt); got != want {
			t.Errorf("%s: %q, want %q", mt, got, want)
		}
	}
}
