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

func (t *calmTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	dark := v == theme.VariantDark
	switch n {
	case theme.ColorNamePrimary:
		if dark {
			return rgb(0x6f, 0xb3, 0xb0)
		}
		return rgb(0x2f, 0x6f, 0x73)
	case theme.ColorNameFocus:
		if dark {
			return color.NRGBA{R: 0x6f, G: 0xb3, B: 0xb0, A: 0x80}
		}
		return color.NRGBA{R: 0x2f, G: 0x6f, B: 0x73, A: 0x70}
	case theme.ColorNameSelection:
		if dark {
			return color.NRGBA{R: 0x6f, G: 0xb3, B: 0xb0, A: 0x40}
		}
		return color.NRGBA{R: 0x2f, G: 0x6f, B: 0x73, A: 0x30}
	case theme.ColorNameHyperlink:
		if dark {
			return rgb(0x8c, 0xc8, 0xc4)
		}
		return rgb(0x24, 0x5d, 0x61)
	case theme.ColorNameBackground:
		if dark {
			return rgb(0x1e, 0x22, 0x24)
		}
		return rgb(0xf6, 0xf5, 0xf2)
	case theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground:
		if dark {
			return rgb(0x26, 0x2b, 0x2e)
		}
		return rgb(0xec, 0xea, 0xe5)
	case theme.ColorNameInputBackground:
		if dark {
			return rgb(0x2a, 0x30, 0x33)
		}
		return rgb(0xff, 0xff, 0xff)
	case theme.ColorNameButton:
		if dark {
			return rgb(0x33, 0x3a, 0x3e)
		}
		return rgb(0xe6, 0xe4, 0xdf)
	case theme.ColorNameOverlayBackground:
		if dark {
			return rgb(0x25, 0x2a, 0x2d)
		}
		return rgb(0xfb, 0xfa, 0xf8)
	case theme.ColorNameForeground:
		if dark {
			return rgb(0xe4, 0xe6, 0xe7)
		}
		return rgb(0x26, 0x2c, 0x31)
	case theme.ColorNameWarning:
		return rgb(0xc7, 0x7c, 0x1e)
	case theme.ColorNameError:
		if dark {
			return rgb(0xe0, 0x7a, 0x6f)
		}
		return rgb(0xb3, 0x41, 0x36)
	case theme.ColorNameSuccess:
		return rgb(0x3f, 0x8f, 0x5a)
	case colorNameSidebar:
		if dark {
			return rgb(0x19, 0x1c, 0x1e)
		}
		return rgb(0xe9, 0xec, 0xea)
	case colorNameCard:
		if dark {
			return rgb(0x26, 0x2b, 0x2e)
		}
		return rgb(0xff, 0xff, 0xff)
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
