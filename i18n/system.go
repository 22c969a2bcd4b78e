package i18n

import (
	"strings"

	"github.com/jeandeaual/go-locale"
)

// System returns the language of the system when it is French or
// English, else French. It reads the person's preferred languages in
// order (LANGUAGE, LC_ALL, LC_MESSAGES and LANG on Linux and BSD, the
// user's settings on Windows and macOS) and changes nothing.
func System() Lang {
	tags, err := locale.GetLocales()
	if err != nil {
		return French
	}
	return firstKnown(tags)
}

// firstKnown returns the first of the tags ("en-GB", "fr_FR.UTF-8",
// "de") that is French or English, else French.
func firstKnown(tags []string) Lang {
	for _, tag := range tags {
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		base, _, _ = strings.Cut(base, "_")
		if l, err := Parse(base); err == nil {
			return l
		}
	}
	return French
}
