package ui

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEachFontIsParsedOnce: the first text of a new style costs faces,
// not another parse of the fonts it falls back on (third_party/fyne: the
// emoji font, 4.7 MB of tables once parsed, was parsed again for every
// style; issue 15). A style of its own (a tab width no screen uses) makes
// Fyne look its fonts up again; the regular text font, the emoji and
// symbol fonts it uses were parsed by the first one.
func TestEachFontIsParsedOnce(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&calmTheme{variant: "light"})
	fyne.MeasureText("Réunion « tendue » 😡", 14, fyne.TextStyle{TabWidth: 7})
	before := liveHeap()
	fyne.MeasureText("Réunion « tendue » 😡", 14, fyne.TextStyle{TabWidth: 9})
	if grown := int64(liveHeap()) - int64(before); grown > 2<<20 {
		t.Errorf("a new text style holds %.1f MB more: its fonts were parsed again", float64(grown)/(1<<20))
	}
}

// liveHeap is the memory the heap's live objects hold, after a
// collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
