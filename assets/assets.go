// Package assets holds what Témoin embeds in its binary: translations,
// the guide's texts, the icon and desktop files. It has no code of its own
// beyond the embedding, so that every other package may use it.
package assets

import "embed"

// Translations holds translation/fr.json and en.json, one store per
// language: every text a person reads, on a screen, in a terminal or in a
// document, keyed by area ("gui.", "cli.", "report.", "bundle.",
// "code."…). Package i18n reads them; nothing else should.
//
//go:embed translation
var Translations embed.FS
