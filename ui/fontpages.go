package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/temoin-app/temoin/internal/pageout"
)

// releaseFontPages gives back to the system the pages of Fyne's fonts
// built into the program that the screens shown so far read: Fyne parses
// a font the first time a text of its style is measured and keeps the
// tables it copied, so the font's own bytes are not read again unless a
// new style appears (then they come back from the file). 10,020
// incidents under Xvfb: the emoji font and the regular and bold text
// fonts, about 5 MB of the GUI's resident memory (issue 15). Linux only;
// what does not apply (a font not read, bytes not the program's) is left
// alone.
func releaseFontPages() {
	for _, f := range []fyne.Resource{
		theme.DefaultTextFont(), theme.DefaultTextBoldFont(), theme.DefaultTextItalicFont(),
		theme.DefaultTextBoldItalicFont(), theme.DefaultTextMonospaceFont(),
		theme.DefaultSymbolFont(), theme.DefaultEmojiFont(),
	} {
		if f != nil { // no emoji font in a build tagged no_emoji
			pageout.Embedded(f.Content())
		}
	}
}
