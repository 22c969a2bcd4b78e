package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestButtonTextReads: the words on the coloured buttons (« Nouvel
// incident » on the teal, the deadlines' warning on the orange) and the
// text on the background reach WCAG's 4.5:1 in both variants. In the dark
// variant, white on the light teal read at 2.4:1.
func TestButtonTextReads(t *testing.T) {
	for _, variant := range []string{"light", "dark"} {
		th := &calmTheme{variant: variant}
		for _, c := range []struct{ text, back fyne.ThemeColorName }{
			{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
			{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
			{theme.ColorNameForeground, theme.ColorNameBackground},
			{theme.ColorNameForeground, theme.ColorNameButton},
		} {
			if r := contrast(th.Color(c.text, 0), th.Color(c.back, 0)); r < 4.5 {
				t.Errorf("%s: %s on %s reads at %.1f:1, under 4.5:1", variant, c.text, c.back, r)
			}
		}
	}
}
