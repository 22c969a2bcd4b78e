package report

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"github.com/temoin-app/temoin/i18n"
)

// What people type is not always what the PDF's fonts can show. Text is
// composed first (a file name from macOS arrives decomposed: "e" and a
// combining accent, which would print as two glyphs); an emoji, which the
// fonts lack, is described in words (« [émoji couteau] »: in a threat, it
// is evidence); any other character the fonts lack is named by its code
// point; control characters and direction overrides are dropped.

// Printable returns s as the documents print it, in language l: for other
// PDFs made with the same fonts (the committee synthesis).
func Printable(l i18n.Lang, s string) string { return (&texts{Lang: l}).printable(s) }

// printable returns s as the PDF's fonts can print it.
func (t *texts) printable(s string) string {
	if isPlain(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r == '\r' || (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) || isEmojiModifier(r):
		case hasGlyph(r):
			b.WriteRune(r)
		case isEmoji(r):
			seq := []rune{r}
			for i+2 < len(runes) && runes[i+1] == '\u200d' && isEmoji(runes[i+2]) { // a sequence joined by ZWJ
				seq = append(seq, runes[i+2])
				i += 2
			}
			b.WriteString(t.emoji(seq))
		default:
			b.WriteString(fmt.Sprintf("[U+%04X]", r))
		}
	}
	return b.String()
}

// isPlain reports whether s needs no change: composed, every character
// in the fonts, no control.
func isPlain(s string) bool {
	for _, r := range s {
		if r >= 0x250 && !hasGlyph(r) || r == utf8.RuneError || r == '\r' ||
			(unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) || isEmojiModifier(r) ||
			unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// emoji describes a sequence of emoji: « [émoji couteau] », « [émoji
// personne + école] ».
func (t *texts) emoji(seq []rune) string {
	var names []string
	for _, r := range seq {
		key := fmt.Sprintf("report.emoji.%x", r)
		if t.Has(key) {
			names = append(names, t.t(key))
		} else {
			names = append(names, fmt.Sprintf("U+%04X", r))
		}
	}
	return t.f("report.emoji", "Name", strings.Join(names, " + "))
}

// isEmoji reports whether r is in the blocks of emoji and pictographs.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF ||
		r >= 0x2300 && r <= 0x23FF || r == 0x3030 || r == 0x303D
}

// isEmojiModifier reports whether r only changes the emoji before it (a
// variation selector, a skin tone), or joins two: described with it.
func isEmojiModifier(r rune) bool {
	return r == 0xFE0E || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF || r == 0x200D || r == 0x20E3
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}

// glyphs tells whether the report's fonts have a glyph for a character
// (Liberation Sans; Serif and Mono have the same repertoire).
var glyphs = struct {
	once sync.Once
	font *sfnt.Font
	mu   sync.Mutex
	buf  sfnt.Buffer
	seen map[rune]bool
}{seen: map[rune]bool{}}

// hasGlyph reports whether the fonts can print r.
func hasGlyph(r rune) bool {
	if r < 0x250 {
		return r >= 0x20 || r == '\n' || r == '\t'
	}
	glyphs.once.Do(func() { glyphs.font, _ = sfnt.Parse(liberationsansregular.TTF) })
	glyphs.mu.Lock()
	defer glyphs.mu.Unlock()
	if ok, known := glyphs.seen[r]; known {
		return ok
	}
	ok := false
	if glyphs.font != nil {
		if g, err := glyphs.font.GlyphIndex(&glyphs.buf, r); err == nil && g != 0 {
			ok = true
		}
	}
	glyphs.seen[r] = ok
	return ok
}
