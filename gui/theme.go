package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sesame/gui/widgets"
)

// sesameTheme is Fyne's theme with colours that every text reaches WCAG AA with
// (4.5:1 on whatever it is drawn on, in both variants; TestThemeContrast computes
// the ratios) and a focus that shows on every button, primary ones included.
type sesameTheme struct {
	fyne.Theme
	forced *fyne.ThemeVariant // tests and screenshots: this variant whatever the system's
}

func newSesameTheme() *sesameTheme { return &sesameTheme{Theme: theme.DefaultTheme()} }

// Colours replaced in the light variant: darker so that they read on white.
var lightColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNamePrimary:             color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
	theme.ColorNameHyperlink:           color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
	theme.ColorNameForegroundOnPrimary: color.White,
	theme.ColorNameError:               color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
	theme.ColorNameForegroundOnError:   color.White,
	theme.ColorNameWarning:             color.NRGBA{R: 0x9a, G: 0x52, B: 0x00, A: 0xff},
	theme.ColorNameForegroundOnWarning: color.White,
	theme.ColorNameSuccess:             color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	theme.ColorNameForegroundOnSuccess: color.White,
	theme.ColorNamePlaceHolder:         color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
	theme.ColorNameInputBorder:         color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff}, // fields', check boxes' and radios' outline: 3:1
	theme.ColorNameFocus:               color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x38},
	theme.ColorNameSelection:           color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0x30},
	widgets.ColorNameFocusRing:         color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
}

// Colours replaced in the dark variant: lighter, with dark text on the filled ones.
var darkColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNamePrimary:             color.NRGBA{R: 0x5c, G: 0x9d, B: 0xff, A: 0xff},
	theme.ColorNameHyperlink:           color.NRGBA{R: 0x5c, G: 0x9d, B: 0xff, A: 0xff},
	theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	theme.ColorNameError:               color.NRGBA{R: 0xff, G: 0x66, B: 0x59, A: 0xff},
	theme.ColorNameForegroundOnError:   color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	theme.ColorNameWarning:             color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0xff},
	theme.ColorNameForegroundOnWarning: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	theme.ColorNameSuccess:             color.NRGBA{R: 0x66, G: 0xbb, B: 0x6a, A: 0xff}, // a calm green, not Fyne's neon
	theme.ColorNameForegroundOnSuccess: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	theme.ColorNamePlaceHolder:         color.NRGBA{R: 0xb2, G: 0xb2, B: 0xb2, A: 0xff},
	theme.ColorNameInputBorder:         color.NRGBA{R: 0x76, G: 0x76, B: 0x78, A: 0xff},
	theme.ColorNameFocus:               color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x38},
	theme.ColorNameSelection:           color.NRGBA{R: 0x5c, G: 0x9d, B: 0xff, A: 0x40},
	widgets.ColorNameFocusRing:         color.NRGBA{R: 0x5c, G: 0x9d, B: 0xff, A: 0xff},
}

// Color implements fyne.Theme.
func (t *sesameTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced != nil {
		v = *t.forced
	}
	colors := darkColors
	if v == theme.VariantLight {
		colors = lightColors
	}
	if c, ok := colors[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
