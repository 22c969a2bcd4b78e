// Package i18n is Témoin's one translation system. Every text a person
// reads, on a screen, in a terminal or in a document, comes from the
// store of its language (assets/translation/fr.json and en.json) through
// this package, and every date, size and count is formatted here, once.
//
// A store maps a key ("gui.journal.title", "report.cover.title") to a
// text, or to its plural forms {"one": …, "other": …}. Texts are Go
// templates: "{{.Name}}" takes the field or map entry Name of the data
// given.
//
// Documents receive their language explicitly, as a Lang value; the
// screens and the command line use the interface language, set once at
// start (and when the person changes it) with SetLanguage. Nothing here
// changes the process environment.
package i18n

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
)

// Lang is a language Témoin speaks. The zero value is French, the
// language of the people Témoin is for and of the committees that read
// its documents.
type Lang uint8

// The languages, French first.
const (
	French Lang = iota
	English
)

// Languages are the languages Témoin speaks, in the order offered.
var Languages = []Lang{French, English}

// ErrUnknownLanguage is returned by Parse for anything but "fr" or "en".
var ErrUnknownLanguage = errors.New("unknown language")

// Parse reads "fr" or "en" (in any case, spaces around ignored).
func Parse(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fr":
		return French, nil
	case "en":
		return English, nil
	}
	return French, fmt.Errorf("%w %q: fr or en", ErrUnknownLanguage, s)
}

// String is the language's code: "fr" or "en".
func (l Lang) String() string {
	if l == English {
		return "en"
	}
	return "fr"
}

// Name is the language's name in itself: "Français", "English".
func (l Lang) Name() string {
	if l == English {
		return "English"
	}
	return "Français"
}

// Preferred returns the language asked for ("fr" or "en", from a flag, a
// variable or a setting) when it is one, else the system's (see System).
func Preferred(asked string) Lang {
	if l, err := Parse(asked); err == nil {
		return l
	}
	return System()
}

// current is the interface language.
var current atomic.Uint32

// SetLanguage sets the interface language: the one of the screens and of
// the command line's messages, never of a document.
func SetLanguage(l Lang) { current.Store(uint32(l)) }

// Language returns the interface language (French until SetLanguage).
func Language() Lang { return Lang(current.Load()) }
