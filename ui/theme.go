package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// calmTheme is Fyne's theme with softer colours: a muted teal for what
// can be acted on, warm greys for the background, more space around
// things. variant forces light or dark ("" follows the system).
type calmTheme struct {
	variant string // "", "light" or "dark"
}

var _ fyne.Theme = (*calmTheme)(nil)

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// pair is a colour for the light variant and one for the dark.
type pair struct{ light, dark color.Color }

// calmColors are the colours that differ from Fyne's.
var calmColors = map[fyne.ThemeColorName]pair{
	theme.ColorNamePrimary: {rgb(0x2f, 0x6f, 0x73), rgb(0x6f, 0xb3, 0xb0)},
	// Text on the teal and on the orange: white on the dark variant's light
	// teal read at 2.4:1, dark text reads at 7:1 (and 5:1 on the orange).
	theme.ColorNameForegroundOnPrimary: {rgb(0xff, 0xff, 0xff), rgb(0x10, 0x1c, 0x1e)},
	theme.ColorNameForegroundOnWarning: {rgb(0x1e, 0x16, 0x0a), rgb(0x1e, 0x16, 0x0a)},
	theme.ColorNameFocus:               {color.NRGBA{R: 0x2f, G: 0x6f, B: 0x73, A: 0x70}, color.NRGBA{R: 0x6f, G: 0xb3, B: 0xb0, A: 0x80}},
	theme.ColorNameSelection:           {color.NRGBA{R: 0x2f, G: 0x6f, B: 0x73, A: 0x30}, color.NRGBA{R: 0x6f, G: 0xb3, B: 0xb0, A: 0x40}},
	theme.ColorNameHyperlink:           {rgb(0x24, 0x5d, 0x61), rgb(0x8c, 0xc8, 0xc4)},
	theme.ColorNameBackground:          {rgb(0xf6, 0xf5, 0xf2), rgb(0x1e, 0x22, 0x24)},
	theme.ColorNameHeaderBackground:    {rgb(0xec, 0xea, 0xe5), rgb(0x26, 0x2b, 0x2e)},
	theme.ColorNameMenuBackground:      {rgb(0xec, 0xea, 0xe5), rgb(0x26, 0x2b, 0x2e)},
	theme.ColorNameInputBackground:     {rgb(0xff, 0xff, 0xff), rgb(0x2a, 0x30, 0x33)},
	theme.ColorNameButton:              {rgb(0xe6, 0xe4, 0xdf), rgb(0x33, 0x3a, 0x3e)},
	theme.ColorNameOverlayBackground:   {rgb(0xfb, 0xfa, 0xf8), rgb(0x25, 0x2a, 0x2d)},
	theme.ColorNameForeground:          {rgb(0x26, 0x2c, 0x31), rgb(0xe4, 0xe6, 0xe7)},
	theme.ColorNameWarning:             {rgb(0xc7, 0x7c, 0x1e), rgb(0xc7, 0x7c, 0x1e)},
	theme.ColorNameError:               {rgb(0xb3, 0x41, 0x36), rgb(0xe0, 0x7a, 0x6f)},
	theme.ColorNameSuccess:             {rgb(0x3f, 0x8f, 0x5a), rgb(0x3f, 0x8f, 0x5a)},
	colorNameSidebar:                   {rgb(0xe9, 0xec, 0xea), rgb(0x19, 0x1c, 0x1e)},
	colorNameCard:                      {rgb(0xff, 0xff, 0xff), rgb(0x26, 0x2b, 0x2e)},
}

func (t *calmTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	if c, ok := calmColors[n]; ok {
		if v == theme.VariantDark {
			return c.dark
		}
		return c.light
	}
	return theme.DefaultTheme().Color(n, v)
}

// Colours of our own.
const (
	colorNameSidebar fyne.ThemeColorName = "temoinSidebar"
	colorNameCard    fyne.ThemeColorName = "temoinCard"
)

func (t *calmTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *calmTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *calmTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 5
	case theme.SizeNameInnerPadding:
		return 9
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 6
	}
	return theme.DefaultTheme().Size(n)
}
