package widgets

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFocusedButtonsShowARingAndTakeEnter(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ringTheme{test.Theme()})
	pressed := 0
	b := NewButton("Générer", nil, func() { pressed++ })
	other := NewButton("Filtrer", nil, nil)
	w := test.NewTempWindow(t, widget.NewForm(widget.NewFormItem("", b), widget.NewFormItem("", other)))
	w.Resize(fyne.NewSize(300, 200))
	r, ok := test.WidgetRenderer(b).(*ringRenderer)
	if !ok {
		t.Fatal("a button is drawn without its focus ring")
	}
	if !isTransparent(r.ring.StrokeColor) {
		t.Error("a button shows a focus ring without the focus")
	}
	w.Canvas().Focus(b)
	if isTransparent(r.ring.StrokeColor) || r.ring.StrokeWidth < 2 || r.ring.Hidden {
		t.Error("a button shows no focus ring with the focus")
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pressed != 2 {
		t.Errorf("Enter and Space pressed the focused button %d times, want 2", pressed)
	}
	w.Canvas().Focus(other)
	if !isTransparent(r.ring.StrokeColor) {
		t.Error("the ring stays once the focus has moved on")
	}
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != 2 {
		t.Error("Enter presses a disabled button")
	}
}

func isTransparent(c color.Color) bool {
	if c == nil {
		return true
	}
	_, _, _, a := c.RGBA()
	return a == 0
}

// ringTheme is the test theme with a focus-ring colour, as the app's theme has one.
type ringTheme struct{ fyne.Theme }

func (t ringTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == ColorNameFocusRing {
		return color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff}
	}
	return t.Theme.Color(n, v)
}
