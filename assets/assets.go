// Package assets holds what Témoin embeds in its binary: translations,
// the guide's texts, the icon and desktop files. It has no code of its own
// beyond the embedding, so that every other package may use it.
package assets

import "embed"

// Translations holds translation/fr.json and en.json, in the format of
// fyne.io/fyne/v2/lang (go-i18n): every text the user sees, keyed by area
// ("cli.", "gui.", "report.", "bundle."...). The committee synthesis, made
// in package app/bundle without Fyne, reads them directly.
//
//go:embed translation
var Translations embed.FS
