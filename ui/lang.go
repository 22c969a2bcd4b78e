package ui

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/jeandeaual/go-locale"

	"github.com/temoin-app/temoin/i18n"
)

// useLanguage makes l the language of the screens, Fyne's own texts
// included (dialog buttons, the file dialog…), without touching the
// process environment. Fyne chooses its locale from the system's
// preferred languages, and on Windows it never reads LANG or LC_ALL: so
// Témoin's words for Fyne's keys ("fyne.Cancel"…, in the store) are
// registered under every language Fyne may choose, the system's and
// English, its fallback. (Fyne titles its file dialogs verb + noun, so
// the French fyne.File is "un fichier": "Ouvrir un fichier".)
func useLanguage(l i18n.Lang) {
	i18n.SetLanguage(l)
	data, err := json.Marshal(l.Texts("fyne."))
	if err != nil {
		fyne.LogError("Fyne's texts", err)
		return
	}
	for _, loc := range fyneLocales() {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			fyne.LogError("Fyne's texts for "+string(loc), err)
		}
	}
}

// fyneLocales are the languages Fyne may select: English (its fallback)
// and the language of each of the system's preferred locales, read the
// way Fyne reads them.
func fyneLocales() []fyne.Locale {
	out := []fyne.Locale{"en"}
	tags, _ := locale.GetLocales()
	for _, tag := range tags {
		base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
		if loc := fyne.Locale(strings.ToLower(base)); loc != "" && loc != "c" && !containsLocale(out, loc) {
			out = append(out, loc)
		}
	}
	return out
}

func containsLocale(list []fyne.Locale, l fyne.Locale) bool {
	for _, x := range list {
		if x == l {
			return true
		}
	}
	return false
}

// newDocLanguage is the choice of a document's language, French first
// whatever the screen's language: documents are for a French committee
// or administration.
func newDocLanguage(changed func()) *widget.Select {
	names := make([]string, len(i18n.Languages))
	for i, l := range i18n.Languages {
		names[i] = l.Name()
	}
	s := widget.NewSelect(names, nil)
	s.SetSelectedIndex(0)
	s.OnChanged = func(string) { changed() }
	return s
}

// docLanguage returns the language chosen in a newDocLanguage select.
func docLanguage(s *widget.Select) i18n.Lang {
	return i18n.Languages[max(0, s.SelectedIndex())]
}
