package gui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sesame/gui/widgets"
)

// luminance is WCAG 2's relative luminance of c, composed over bg if translucent.
func luminance(c, bg color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(n.A) / 255
	channel := func(fg, back uint8) float64 {
		v := (float64(fg)*a + float64(back)*(1-a)) / 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(n.R, b.R) + 0.7152*channel(n.G, b.G) + 0.0722*channel(n.B, b.B)
}

// contrast is WCAG 2's contrast ratio of text over bg.
func contrast(text, bg color.Color) float64 {
	l1, l2 := luminance(text, bg), luminance(bg, bg)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestThemeContrastReachesWCAGAA(t *testing.T) {
	th := newSesameTheme()
	surfaces := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameButton, theme.ColorNameHeaderBackground,
		theme.ColorNameMenuBackground}
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameError,
		theme.ColorNameWarning, theme.ColorNameSuccess}
	filled := map[fyne.ThemeColorName]fyne.ThemeColorName{ // button or badge text over its fill
		theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
		theme.ColorNameForegroundOnError:   theme.ColorNameError,
		theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
		theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		for _, s := range surfaces {
			for _, tx := range texts {
				if r := contrast(c(tx), c(s)); r < 4.5 {
					t.Errorf("%s: %s text on %s is %.2f:1, under 4.5:1", name, tx, s, r)
				}
			}
		}
		for tx, fill := range filled {
			if r := contrast(c(tx), c(fill)); r < 4.5 {
				t.Errorf("%s: %s on %s is %.2f:1, under 4.5:1", name, tx, fill, r)
			}
		}
		// A selected table row keeps its text readable.
		sel := blend(c(theme.ColorNameSelection), c(theme.ColorNameBackground))
		if r := contrast(c(theme.ColorNameForeground), sel); r < 4.5 {
			t.Errorf("%s: text on a selected row is %.2f:1", name, r)
		}
		// An empty check box or radio button, drawn in the input border's colour,
		// can be seen on the window and in a dialog (WCAG 1.4.11: 3:1).
		for _, s := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground} {
			if r := contrast(c(theme.ColorNameInputBorder), c(s)); r < 3 {
				t.Errorf("%s: an empty check box or radio button on %s is %.2f:1, under 3:1", name, s, r)
			}
		}
		// The focus ring stands out from what it surrounds (WCAG 1.4.11: 3:1).
		for _, s := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground} {
			if r := contrast(c(widgets.ColorNameFocusRing), c(s)); r < 3 {
				t.Errorf("%s: the focus ring on %s is %.2f:1, under 3:1", name, s, r)
			}
		}
	}
}

// blend composes a translucent colour over an opaque one.
func blend(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// isTransparent reports whether c draws nothing.
func isTransparent(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	if c == nil {
		return true
	}
	_, _, _, a := c.RGBA()
	return a == 0
}

// The « Active » badge of the dark theme is a calm green, not the neon of Fyne's
// (#43f436, HSL saturation 0.90): its saturation stays under 0.6, as the light
// theme's does.
func TestDarkSuccessIsNotNeon(t *testing.T) {
	th := newSesameTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		r, g, b, _ := th.Color(theme.ColorNameSuccess, v).RGBA()
		hi, lo := max(r, g, b), min(r, g, b)
		l := float64(hi+lo) / 2 / 0xffff
		sat := 0.0
		if hi != lo {
			sat = float64(hi-lo) / 0xffff / (1 - math.Abs(2*l-1))
		}
		if sat > 0.6 {
			t.Errorf("variant %v: the success colour's saturation is %.2f", v, sat)
		}
	}
}
